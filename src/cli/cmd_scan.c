/* takedown scan FILE|-: find listings that use the owner's rights. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/version.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/monitor.h"
#include "core/scan.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

struct out {
	struct cli_ctx *ctx;
	struct td_buf line; /* NDJSON lines not yet written, reused */
	int ndjson;         /* findings to stdout as NDJSON */
	int explain;        /* show contributions */
	int progress;       /* draw a progress line on stderr */
	uint64_t size;      /* input size, 0 if unknown */
	struct timespec t0; /* start */
	int drawn;          /* a progress line is on screen */
	unsigned long warnings;
};

static double
elapsed(const struct out *o)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - o->t0.tv_sec) +
	       (double)(t.tv_nsec - o->t0.tv_nsec) / 1e9;
}

/* Write the NDJSON lines gathered so far. */
static int
flush_lines(struct out *o)
{
	size_t n = o->line.len;
	int rc = !n || fwrite(o->line.data, 1, n, stdout) == n ? 0 : -1;

	td_buf_reset(&o->line);
	return rc;
}

static void
clear_progress(struct out *o)
{
	if (o->drawn) {
		fputs("\r\033[K", stderr);
		o->drawn = 0;
	}
}

static int
on_finding(void *arg, const struct td_listing *l, const struct td_finding *f,
	   int64_t id)
{
	struct out *o = arg;

	if (!o->ndjson)
		return 0;
	/* Written directly, not through a jansson tree: with many findings
	 * building and dumping trees cost more than the detection. */
	td_finding_write_json(f, l, id, &o->line);
	td_buf_addch(&o->line, '\n');
	if (o->line.len < 65536)
		return 0;
	return flush_lines(o);
}

static void
on_warning(void *arg, const struct td_err *err)
{
	struct out *o = arg;

	clear_progress(o);
	o->warnings++;
	/* Thousands of bad lines would drown the summary. */
	if (o->warnings <= 100)
		fprintf(stderr, "%s\n", err->msg);
	else if (o->warnings == 101)
		fprintf(stderr,
			"%s: more bad lines follow; counted in the "
			"summary\n",
			o->ctx->prog);
}

static void
on_progress(void *arg, const struct td_scan_stats *s)
{
	struct out *o = arg;
	double t = elapsed(o);
	double rate = t > 0 ? (double)(s->records - s->resumed_from) / t : 0;

	if (!o->progress)
		return;
	fprintf(stderr, "\r\033[K%lld listings  %lld findings  %.0f/s",
		(long long)s->listings, (long long)s->findings, rate);
	if (o->size && s->bytes && s->bytes < o->size && t > 0.5) {
		double eta =
			t * (double)(o->size - s->bytes) / (double)s->bytes;

		fprintf(stderr, "  %3.0f%%  ETA %d:%02d",
			100.0 * (double)s->bytes / (double)o->size,
			(int)eta / 60, (int)eta % 60);
	}
	o->drawn = 1;
}

static void
print_counts(FILE *f, const char *label, const struct td_scan_count *c,
	     size_t n)
{
	size_t i, j;
	size_t *order;

	if (!n)
		return;
	order = td_xcalloc(n, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && c[order[j]].n > c[order[j - 1]].n; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	fprintf(f, "%-22s", label);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s %zu", i ? ", " : "", c[order[i]].key,
			c[order[i]].n);
	fputc('\n', f);
	free(order);
}

static void
explain(FILE *f, struct td_store *st, int64_t id)
{
	struct td_finding_row row;
	struct td_err err = TD_ERR_INIT;

	memset(&row, 0, sizeof(row));
	if (td_store_finding_get(st, id, &row, &err) == 0)
		cli_explain_signals(f, row.signals, "        ");
	td_finding_row_release(&row);
}

static void
summary(FILE *f, struct out *o, const char *name, const struct td_scan_stats *s,
	struct td_store *st, int stored)
{
	double t = elapsed(o);
	size_t i;

	fprintf(f,
		"scan of %s: %lld listings read, %lld bad lines, %lld "
		"findings",
		name, (long long)s->listings, (long long)s->bad_lines,
		(long long)s->findings);
	if (stored)
		fprintf(f, " (%lld new)", (long long)s->new_findings);
	if (s->photos)
		fprintf(f, ", %lld photos hashed (%lld failed)",
			(long long)s->photos, (long long)s->photo_errors);
	if (s->photos_fetched)
		fprintf(f, ", %lld fetched", (long long)s->photos_fetched);
	fprintf(f, "\n");
	if (s->photos_unfetched)
		fprintf(f,
			"%lld photo URLs not fetched: scan --fetch fetches "
			"them\n",
			(long long)s->photos_unfetched);
	if (s->resumed_from)
		fprintf(f,
			"resumed scan %lld after %lld records already "
			"committed\n",
			(long long)s->scan_id, (long long)s->resumed_from);
	if (t > 0)
		fprintf(f, "%.1f s, %.0f listings/s\n", t,
			(double)(s->records - s->resumed_from) / t);
	print_counts(f, "findings by right:", s->by_right, s->nby_right);
	print_counts(f, "findings by platform:", s->by_platform,
		     s->nby_platform);
	if (!s->ntop)
		return;
	fprintf(f, "top findings:\n");
	for (i = 0; i < s->ntop; i++) {
		const struct td_scan_top *tp = &s->top[i];

		fprintf(f, "  %.2f  %s:%s  %s", tp->score, tp->platform, tp->id,
			tp->title);
		if (tp->finding)
			fprintf(f, "  (finding %lld)", (long long)tp->finding);
		fputc('\n', f);
		if (o->explain && st && tp->finding)
			explain(f, st, tp->finding);
	}
}

/* Removals, networks and relistings: what this scan changed beyond its
 * findings (core/monitor.h). */
static int
after_scan(struct cli_ctx *ctx, FILE *f, const struct td_scan_opts *so,
	   int64_t scan_id, int partial)
{
	struct td_monitor_opts mo;
	struct td_monitor_stats ms = TD_MONITOR_STATS_INIT;
	struct td_err err = TD_ERR_INIT;
	struct timespec t0, t1;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&mo, 0, sizeof(mo));
	mo.source = so->source;
	mo.scan_id = scan_id;
	mo.now = so->now;
	mo.partial = partial;
	if (td_monitor_scan(ctx->ws, &mo, &ms, &err) < 0) {
		td_monitor_stats_release(&ms);
		return cli_fail(ctx, &err);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ms.gone || ms.back)
		fprintf(f,
			"removal confirmed for %ld listing%s no longer in "
			"the feed%s",
			ms.gone, ms.gone == 1 ? "" : "s", ms.back ? "" : "\n");
	if (ms.back)
		fprintf(f, "%s%ld listing%s back after removal\n",
			ms.gone ? "; " : "", ms.back, ms.back == 1 ? "" : "s");
	if (ms.relists)
		fprintf(f,
			"%ld relisting%s of removed listings (takedown "
			"findings list shows the relist signal)\n",
			ms.relists, ms.relists == 1 ? "" : "s");
	if (ms.dirty)
		fprintf(f,
			"seller evidence taken again for %zu seller%s, %zu "
			"relinked, in %.2f s\n",
			ms.dirty, ms.dirty == 1 ? "" : "s", ms.region,
			(double)(t1.tv_sec - t0.tv_sec) +
				(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (ms.changed.n) {
		fprintf(f, "seller networks new or changed:");
		for (i = 0; i < ms.changed.n && i < 10; i++)
			fprintf(f, " %s", ms.changed.v[i]);
		if (ms.changed.n > 10)
			fprintf(f, " and %zu more", ms.changed.n - 10);
		fprintf(f, " (takedown network list)\n");
	}
	td_monitor_stats_release(&ms);
	return CLI_OK;
}

/* Remove a flat directory of fetched photos (a --no-store scan's). */
static void
remove_cache(const char *dir)
{
	struct td_buf p = TD_BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		td_buf_reset(&p);
		td_buf_addf(&p, "%s/%s", dir, e->d_name);
		unlink(p.data);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	td_buf_release(&p);
}

int
cmd_scan(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL, *input = NULL, *source = NULL;
	const char *batch = NULL, *fetch_max = NULL, *fetch_timeout = NULL;
	int no_store = 0, strict = 0, resume = 0, explain_opt = 0, quiet = 0;
	int no_photos = 0, partial = 0, fetch = 0, tmp_cache = 0;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "summary (default) or ndjson: one finding per line on "
		 "stdout"},
		{"input", 0, CLI_OPT_STRING, &input, "FMT",
		 "ndjson or csv (default: by the file's suffix)"},
		{"no-store", 0, CLI_OPT_FLAG, &no_store, NULL,
		 "write nothing to the workspace"},
		{"strict", 0, CLI_OPT_FLAG, &strict, NULL,
		 "fail on the first bad line, writing nothing"},
		{"resume", 0, CLI_OPT_FLAG, &resume, NULL,
		 "continue this feed's interrupted scan"},
		{"explain", 0, CLI_OPT_FLAG, &explain_opt, NULL,
		 "show each signal's contribution"},
		{"source", 0, CLI_OPT_STRING, &source, "NAME",
		 "name of the feed (default: its path; needed to resume "
		 "stdin)"},
		{"batch", 0, CLI_OPT_STRING, &batch, "N",
		 "listings per committed batch (default 2000)"},
		{"no-photos", 0, CLI_OPT_FLAG, &no_photos, NULL,
		 "do not hash photo files (image_pdq hashes still count)"},
		{"fetch", 0, CLI_OPT_FLAG, &fetch, NULL,
		 "fetch photos given as http(s) URLs into the workspace's "
		 "cache (cache/images)"},
		{"fetch-max", 0, CLI_OPT_STRING, &fetch_max, "SIZE",
		 "the largest photo fetched, in bytes (K and M suffixes; "
		 "default 20M)"},
		{"fetch-timeout", 0, CLI_OPT_STRING, &fetch_timeout, "S",
		 "seconds for one photo (default 30)"},
		{"partial", 0, CLI_OPT_FLAG, &partial, NULL,
		 "the feed is not the whole source: do not take missing "
		 "listings as removed"},
		{"quiet", 'q', CLI_OPT_FLAG, &quiet, NULL, "no progress line"},
		{0},
	};
	struct td_scan_opts so;
	struct td_fetch_opts fo = TD_FETCH_OPTS_INIT;
	struct td_buf cache = TD_BUF_INIT;
	struct td_scan_cb cb;
	struct td_scan_stats stats;
	struct td_err err = TD_ERR_INIT;
	struct td_detector *d = NULL;
	struct td_feed *feed = NULL;
	struct td_buf src = TD_BUF_INIT, sid = TD_BUF_INIT, base = TD_BUF_INIT;
	char now[TD_TIME_LEN];
	struct out o;
	FILE *in = NULL;
	int infmt = TD_FEED_AUTO;
	int rc = CLI_OK, src_rc;

	CLI_PARSE("scan FILE|- [--format summary|ndjson] [--no-store] "
		  "[--strict] [--resume] [--explain]",
		  opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the feed FILE, or - for stdin");
	if (format && strcmp(format, "ndjson") != 0 &&
	    strcmp(format, "summary") != 0)
		return cli_usagef(
			ctx, "--format: '%s' is not summary or ndjson", format);
	if (input && strcmp(input, "ndjson") == 0)
		infmt = TD_FEED_NDJSON;
	else if (input && strcmp(input, "csv") == 0)
		infmt = TD_FEED_CSV;
	else if (input)
		return cli_usagef(ctx, "--input: '%s' is not ndjson or csv",
				  input);
	if (resume && no_store)
		return cli_usagef(ctx, "--resume needs the store");
	if ((fetch_max || fetch_timeout) && !fetch)
		return cli_usagef(ctx, "--fetch-max and --fetch-timeout go "
				       "with --fetch");
	if (fetch_max) {
		char *end;
		double v = strtod(fetch_max, &end);

		if (*end == 'K' || *end == 'k')
			v *= 1024, end++;
		else if (*end == 'M' || *end == 'm')
			v *= 1024 * 1024, end++;
		if (*end || end == fetch_max || !(v >= 1) || v > 1e10)
			return cli_usagef(ctx,
					  "--fetch-max: '%s' is not a size "
					  "(bytes, or with K or M)",
					  fetch_max);
		fo.max_bytes = (size_t)v;
	}
	if (fetch_timeout) {
		char *end;
		long v = strtol(fetch_timeout, &end, 10);

		if (*end || end == fetch_timeout || v < 1 || v > 3600)
			return cli_usagef(ctx,
					  "--fetch-timeout: '%s' is not a "
					  "number of seconds",
					  fetch_timeout);
		fo.timeout_s = v;
	}
	memset(&so, 0, sizeof(so));
	if (batch) {
		char *end;
		long n = strtol(batch, &end, 10);

		if (*end || n < 1 || n > 10000000)
			return cli_usagef(ctx, "--batch: '%s' is not a count",
					  batch);
		so.batch = (size_t)n;
	}
	memset(&o, 0, sizeof(o));
	td_buf_init(&o.line);
	o.ctx = ctx;
	o.ndjson = format && strcmp(format, "ndjson") == 0;
	o.explain = explain_opt;
	o.progress = ctx->err_tty && !quiet;
	clock_gettime(CLOCK_MONOTONIC, &o.t0);

	/* The feed, and what identifies it for --resume. */
	if (strcmp(argv[0], "-") == 0) {
		in = stdin;
		td_buf_addstr(&src, source ? source : "-");
	} else {
		struct stat sb;
		char *real;
		char *slash;

		in = fopen(argv[0], "rb");
		if (!in)
			return cli_failf(ctx, "%s: %s", argv[0],
					 strerror(errno));
		if (fstat(fileno(in), &sb) == 0) {
			o.size = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
			td_buf_addf(&sid, "%llu:%lld:%llu",
				    (unsigned long long)sb.st_size,
				    (long long)sb.st_mtime,
				    (unsigned long long)sb.st_ino);
		}
		real = realpath(argv[0], NULL);
		td_buf_addstr(&src, source ? source : real ? real : argv[0]);
		td_buf_addstr(&base, real ? real : argv[0]);
		free(real);
		slash = strrchr(base.data, '/');
		if (slash)
			td_buf_setlen(&base, (size_t)(slash - base.data));
		else
			td_buf_reset(&base);
	}
	if (!cli_ws(ctx, 0)) {
		rc = CLI_FAIL;
		goto out;
	}
	d = td_scan_detector(ctx->ws, ctx->today, !no_store, &err);
	if (!d) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	feed = td_feed_open(in, argv[0], infmt, 0, &err);
	if (!feed) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	td_time_format(ctx->now, now);
	so.source = src.data;
	so.source_id = sid.len ? sid.data : NULL;
	so.base_dir = base.len ? base.data : (in == stdin ? "." : ".");
	so.store = !no_store;
	so.strict = strict;
	so.resume = resume;
	so.photos = !no_photos;
	if (fetch && no_store) {
		/* --no-store writes nothing to the workspace: the photos
		 * go to a temporary folder, removed after the scan. */
		const char *tmp = getenv("TMPDIR");

		td_buf_addf(&cache, "%s/takedown-fetch.XXXXXX",
			    tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(cache.data)) {
			rc = cli_failf(ctx, "%s: %s", cache.data,
				       strerror(errno));
			goto out;
		}
		tmp_cache = 1;
	} else if (fetch) {
		td_buf_addf(&cache, "%s/cache/images", ctx->ws->dir);
	}
	if (fetch) {
		fo.cache_dir = cache.data;
		fo.user_agent = "takedown/" TD_VERSION;
		so.fetch = &fo;
	}
	so.now = now;
	memset(&cb, 0, sizeof(cb));
	cb.arg = &o;
	cb.finding = on_finding;
	cb.warning = on_warning;
	cb.progress = on_progress;
	src_rc = td_scan_run(no_store ? NULL : ctx->ws, d, feed, &so, &cb,
			     &stats, &err);
	if (flush_lines(&o) < 0 && src_rc == 0)
		src_rc = td_errf(&err, TD_EIO, "standard output: write error");
	clear_progress(&o);
	fflush(stdout);
	if (src_rc < 0) {
		rc = cli_fail(ctx, &err);
		if (strict && src_rc == TD_EINVAL)
			fprintf(stderr, "%s: --strict: nothing was written\n",
				ctx->prog);
		else if (!no_store && stats.scan_id)
			fprintf(stderr,
				"%s: committed batches are kept; continue with "
				"'takedown scan --resume %s'\n",
				ctx->prog, argv[0]);
	} else {
		summary(o.ndjson ? stderr : stdout, &o,
			in == stdin ? "<stdin>" : argv[0], &stats,
			no_store ? NULL : ctx->ws->store, !no_store);
		/* standard input without --source is no one source: never
		 * take what it lacks as removed */
		if (!no_store)
			rc = after_scan(ctx, o.ndjson ? stderr : stdout, &so,
					stats.scan_id,
					partial || (in == stdin && !source));
	}
	td_scan_stats_release(&stats);
out:
	td_feed_close(feed);
	td_detector_free(d);
	if (in && in != stdin)
		fclose(in);
	td_buf_release(&src);
	td_buf_release(&sid);
	td_buf_release(&base);
	if (tmp_cache)
		remove_cache(cache.data);
	td_buf_release(&cache);
	td_buf_release(&o.line);
	return cli_finish(ctx, rc);
}
