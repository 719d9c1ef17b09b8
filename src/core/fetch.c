/*
 * Fetching listing photos given as URLs into a cache (fetch.h), with
 * libcurl's multi interface: up to o->parallel transfers at once, each
 * written to a temporary file and renamed into place once whole.
 */
#include "core/fetch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/readfile.h"
#include "core/util.h"
#include "core/banned.h"

#define DEFAULT_MAX      (20u << 20)
#define DEFAULT_TIMEOUT  30
#define DEFAULT_CONNECT  10
#define DEFAULT_PARALLEL 8

int
td_fetch_is_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 ||
		     strncasecmp(s, "https://", 8) == 0);
}

void
td_fetch_items_release(struct td_fetch_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].path);
		items[i].path = NULL;
	}
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Temporary files of transfers a killed scan left behind (over an hour
 * old: no live transfer takes that long). */
static void
remove_stale(const char *dir)
{
	struct td_buf p = TD_BUF_INIT;
	struct dirent *e;
	struct stat sb;
	time_t now = time(NULL);
	DIR *d = opendir(dir);

	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, ".fetch-", 7) != 0)
			continue;
		td_buf_reset(&p);
		td_buf_addf(&p, "%s/%s", dir, e->d_name);
		if (stat(p.data, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    now - sb.st_mtime > 3600)
			unlink(p.data);
	}
	if (d)
		closedir(d);
	td_buf_release(&p);
}

/* One transfer under way. */
struct xfer {
	struct td_fetch_item *it;
	CURL *h;
	FILE *f;
	char *tmp;   /* the temporary file */
	char *final; /* where it goes when whole */
	size_t got;  /* bytes written */
	size_t max;  /* the limit */
	int too_big; /* the limit was hit */
	int write_failed;
	char errbuf[CURL_ERROR_SIZE];
};

static size_t
on_data(char *p, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	if (n > x->max - x->got) {
		x->too_big = 1;
		return 0; /* stops the transfer */
	}
	if (fwrite(p, 1, n, x->f) != n) {
		x->write_failed = 1;
		return 0;
	}
	x->got += n;
	return n;
}

/* The cache file of url: DIR/<sha256 of the URL>. */
static char *
cache_path(const char *dir, const char *url)
{
	char hex[65];
	struct td_buf b = TD_BUF_INIT;

	td_sha256_mem(url, strlen(url), hex);
	td_buf_addf(&b, "%s/%s", dir, hex);
	return td_buf_detach(&b, NULL);
}

static void
xfer_free(struct xfer *x)
{
	if (x->f)
		fclose(x->f);
	if (x->tmp) {
		unlink(x->tmp);
		free(x->tmp);
	}
	free(x->final);
	if (x->h)
		curl_easy_cleanup(x->h);
	free(x);
}

/*
 * Start fetching it into the cache, or settle it at once (cached
 * already, not a URL, no temporary file). Returns the transfer, or NULL
 * when there is nothing to wait for.
 */
static struct xfer *
start(struct td_fetch_item *it, const struct td_fetch_opts *o, size_t max,
      CURLM *m)
{
	struct td_buf tmpl = TD_BUF_INIT;
	struct xfer *x;
	struct stat sb;
	int fd;

	it->path = NULL;
	it->cached = 0;
	it->rc = 0;
	td_err_clear(&it->err);
	if (!td_fetch_is_url(it->url)) {
		it->rc = td_errf(&it->err, TD_EINVAL,
				 "%s: not an http or https URL",
				 it->url ? it->url : "(null)");
		return NULL;
	}
	x = td_xcalloc(1, sizeof(*x));
	x->it = it;
	x->max = max;
	x->final = cache_path(o->cache_dir, it->url);
	if (stat(x->final, &sb) == 0 && S_ISREG(sb.st_mode)) {
		it->path = x->final;
		it->cached = 1;
		x->final = NULL;
		xfer_free(x);
		return NULL;
	}
	td_buf_addf(&tmpl, "%s/.fetch-XXXXXX", o->cache_dir);
	fd = mkstemp(tmpl.data);
	if (fd < 0 || !(x->f = fdopen(fd, "wb"))) {
		it->rc = td_errf(&it->err, TD_EIO, "%s: %s: %s", it->url,
				 o->cache_dir, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmpl.data);
		}
		td_buf_release(&tmpl);
		xfer_free(x);
		return NULL;
	}
	x->tmp = td_buf_detach(&tmpl, NULL);
	x->h = curl_easy_init();
	if (!x->h) {
		it->rc = td_errf(&it->err, TD_EIO, "%s: libcurl failed",
				 it->url);
		xfer_free(x);
		return NULL;
	}
	curl_easy_setopt(x->h, CURLOPT_URL, it->url);
	curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(x->h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(x->h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(x->h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(x->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->h, CURLOPT_TIMEOUT,
			 o->timeout_s > 0 ? o->timeout_s : DEFAULT_TIMEOUT);
	curl_easy_setopt(x->h, CURLOPT_CONNECTTIMEOUT,
			 o->connect_timeout_s > 0 ? o->connect_timeout_s
						  : DEFAULT_CONNECT);
	curl_easy_setopt(x->h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	curl_easy_setopt(x->h, CURLOPT_USERAGENT,
			 o->user_agent ? o->user_agent : "takedown");
	curl_easy_setopt(x->h, CURLOPT_ACCEPT_ENCODING, "");
	if (curl_multi_add_handle(m, x->h) != CURLM_OK) {
		it->rc = td_errf(&it->err, TD_EIO, "%s: libcurl failed",
				 it->url);
		xfer_free(x);
		return NULL;
	}
	return x;
}

/* A transfer ended with res: keep the file or say why not. */
static void
finish(struct xfer *x, CURLcode res)
{
	struct td_fetch_item *it = x->it;
	long code = 0;
	int closed;

	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	closed = fclose(x->f);
	x->f = NULL;
	if (x->too_big || res == CURLE_FILESIZE_EXCEEDED)
		it->rc = td_errf(&it->err, TD_ETOOBIG,
				 "%s: larger than %zu bytes", it->url, x->max);
	else if (x->write_failed || closed != 0)
		it->rc = td_errf(&it->err, TD_EIO, "%s: writing %s failed",
				 it->url, x->tmp);
	else if (res != CURLE_OK)
		it->rc = td_errf(&it->err, TD_EIO, "%s: %s", it->url,
				 x->errbuf[0] ? x->errbuf
					      : curl_easy_strerror(res));
	else if (code == 404 || code == 410)
		it->rc = td_errf(&it->err, TD_ENOTFOUND, "%s: HTTP %ld (gone)",
				 it->url, code);
	else if (code != 200)
		it->rc = td_errf(&it->err, TD_EIO, "%s: HTTP %ld", it->url,
				 code);
	else if (rename(x->tmp, x->final) != 0)
		it->rc = td_errf(&it->err, TD_EIO, "%s: %s: %s", it->url,
				 x->final, strerror(errno));
	else {
		free(x->tmp);
		x->tmp = NULL;
		it->path = x->final;
		x->final = NULL;
	}
}

int
td_fetch_files(struct td_fetch_item *items, size_t n,
	       const struct td_fetch_opts *o, struct td_err *err)
{
	size_t max = o->max_bytes ? o->max_bytes : DEFAULT_MAX;
	int parallel = o->parallel > 0 ? o->parallel : DEFAULT_PARALLEL;
	size_t next = 0;
	int active = 0;
	CURLM *m;

	if (!o->cache_dir)
		return td_errf(err, TD_EINVAL, "no cache directory");
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return td_errf(err, TD_EIO, "libcurl: %s",
			       curl_easy_strerror(curl_init_rc));
	if (n == 0)
		return 0;
	if (td_mkdirs(o->cache_dir, err) < 0)
		return TD_EIO;
	remove_stale(o->cache_dir);
	m = curl_multi_init();
	if (!m)
		return td_errf(err, TD_EIO, "libcurl failed");
	while (next < n || active > 0) {
		CURLMsg *msg;
		int left, running;

		while (active < parallel && next < n)
			if (start(&items[next++], o, max, m))
				active++;
		if (active == 0)
			continue;
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			struct xfer *x = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
					  (char **)&x);
			finish(x, msg->data.result);
			curl_multi_remove_handle(m, x->h);
			xfer_free(x);
			active--;
		}
		if (active > 0)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	curl_multi_cleanup(m);
	return 0;
}
