/*
 * td_httpd DIR LOG: a real HTTP server on 127.0.0.1 for the tests that
 * fetch listing photos (tests/e2e/t2200-scan-fetch.sh), built on
 * libmicrohttpd. It prints its port on standard output, appends
 * "GET /path" to LOG for every request, and exits after 300 seconds
 * whatever happens, so a failed test leaves nothing running.
 *
 *   /NAME           the file DIR/NAME (404 if there is none)
 *   /redirect/NAME  302 to /NAME
 *   /slow/NAME      the file, after 3 seconds
 *   /html           200 with an HTML page instead of a photo
 *   /error          500
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

static const char *dir;
static FILE *reqlog;

/* Bodies of the canned replies (libmicrohttpd takes void *). */
static char not_found[] = "not found\n";
static char empty[] = "";
static char html[] = "<html><body>no photo</body></html>\n";
static char error_text[] = "error\n";

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type, void *body,
      size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, body, mode);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, "Content-Type", type);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
serve_file(struct MHD_Connection *c, const char *name)
{
	char path[4096];
	FILE *f;
	char *data;
	long len;

	if (strstr(name, "..") ||
	    snprintf(path, sizeof(path), "%s/%s", dir, name) >=
		    (int)sizeof(path) ||
	    !(f = fopen(path, "rb")))
		return reply(c, MHD_HTTP_NOT_FOUND, "text/plain", not_found,
			     sizeof(not_found) - 1, MHD_RESPMEM_PERSISTENT);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	data = malloc(len > 0 ? (size_t)len : 1);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(data);
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, empty, 0,
			     MHD_RESPMEM_PERSISTENT);
	}
	fclose(f);
	return reply(c, MHD_HTTP_OK, "image/jpeg", data, (size_t)len,
		     MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload, size_t *upload_size,
       void **state)
{
	(void)cls;
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	fprintf(reqlog, "%s %s\n", method, url);
	fflush(reqlog);
	if (strcmp(method, "GET") != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, empty, 0,
			     MHD_RESPMEM_PERSISTENT);
	if (strncmp(url, "/redirect/", 10) == 0) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
			0, empty, MHD_RESPMEM_PERSISTENT);
		enum MHD_Result ret;

		MHD_add_response_header(r, "Location", url + 9);
		ret = MHD_queue_response(c, MHD_HTTP_FOUND, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (strncmp(url, "/slow/", 6) == 0) {
		sleep(3);
		return serve_file(c, url + 6);
	}
	if (strcmp(url, "/html") == 0)
		return reply(c, MHD_HTTP_OK, "text/html", html,
			     sizeof(html) - 1, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/error") == 0)
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain",
			     error_text, sizeof(error_text) - 1,
			     MHD_RESPMEM_PERSISTENT);
	return serve_file(c, url + 1);
}

int
main(int argc, char **argv)
{
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa;

	if (argc != 3) {
		fprintf(stderr, "usage: td_httpd DIR LOG\n");
		return 2;
	}
	dir = argv[1];
	reqlog = fopen(argv[2], "a");
	if (!reqlog) {
		perror(argv[2]);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	alarm(300);
	/* 127.0.0.1, a port the kernel picks. */
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
				     MHD_USE_INTERNAL_POLLING_THREAD,
			     0, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR,
			     (struct sockaddr *)&sa, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "td_httpd: cannot start\n");
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("%u\n", info ? (unsigned)info->port : 0u);
	fflush(stdout);
	for (;;)
		pause();
}
