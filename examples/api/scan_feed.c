/*
 * scan_feed WS FEED: libtakedown from a program of your own (docs/api.md).
 * Scans a listing feed into the workspace WS, as `takedown -C WS scan
 * FEED` does, prints one line per finding, then the triage verdict of
 * each finding. Built and run by `make check` (tests/e2e/t6100-api.sh),
 * so this example stays true to the library.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/err.h"
#include "core/feed.h"
#include "core/scan.h"
#include "core/triage.h"
#include "core/triage_ws.h"
#include "core/ws.h"

/* Called for every finding; a non-zero return stops the scan. */
static int
on_finding(void *arg, const struct td_listing *l, const struct td_finding *f,
	   int64_t id)
{
	size_t i;

	(void)arg;
	printf("finding %lld  %.3f  %s:%s ", (long long)id, f->score,
	       l->platform, l->id);
	for (i = 0; i < f->rights.n; i++)
		printf("%s%s", i ? "," : "", f->rights.v[i]);
	printf("\n");
	return 0;
}

/* A bad feed line, or a photo that could not be hashed: the scan goes
 * on. The library never prints; the front end decides. */
static void
on_warning(void *arg, const struct td_err *e)
{
	(void)arg;
	fprintf(stderr, "warning: %s\n", e->msg);
}

int
main(int argc, char **argv)
{
	struct td_err err = TD_ERR_INIT;
	struct td_ws *ws = NULL;
	struct td_detector *d = NULL;
	struct td_feed *feed = NULL;
	struct td_scan_opts so;
	struct td_scan_cb cb;
	struct td_scan_stats stats;
	struct td_triage_opts to;
	struct td_triage_report rep;
	char now[TD_TIME_LEN], dir[4096];
	const char *slash;
	int64_t t = (int64_t)time(NULL);
	FILE *in = NULL;
	size_t i;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: scan_feed WS FEED\n");
		return 2;
	}
	memset(&rep, 0, sizeof(rep));
	memset(&stats, 0, sizeof(stats));
	/* Every call reports failure as a negative enum td_rc with the
	 * message in err. */
	if (td_ws_open(argv[1], &ws, &err) < 0)
		goto fail;
	d = td_scan_detector(ws, td_date_from_time(t), 1, &err);
	if (!d)
		goto fail;
	in = fopen(argv[2], "rb");
	if (!in) {
		perror(argv[2]);
		goto out;
	}
	feed = td_feed_open(in, argv[2], TD_FEED_AUTO, 0, &err);
	if (!feed)
		goto fail;

	/* Photo paths in the feed are relative to the feed's folder. */
	slash = strrchr(argv[2], '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - argv[2]) : 1,
		 slash ? argv[2] : ".");
	td_time_format(t, now);
	memset(&so, 0, sizeof(so));
	so.source = argv[2];
	so.base_dir = dir;
	so.store = 1;  /* listings and findings go to the workspace */
	so.photos = 1; /* hash the listing photos */
	so.now = now;
	memset(&cb, 0, sizeof(cb));
	cb.finding = on_finding;
	cb.warning = on_warning;
	if (td_scan_run(ws, d, feed, &so, &cb, &stats, &err) < 0)
		goto fail;
	printf("%lld listings, %lld findings, %lld bad lines\n",
	       (long long)stats.listings, (long long)stats.findings,
	       (long long)stats.bad_lines);

	/* The cost-benefit verdict of every stored finding. */
	memset(&to, 0, sizeof(to));
	to.today = td_date_from_time(t);
	if (td_triage_run(ws, NULL, &to, &rep, &err) < 0)
		goto fail;
	for (i = 0; i < rep.n; i++)
		printf("verdict %s:%s %s, expected %.0f %s for %.0f\n",
		       rep.items[i].platform, rep.items[i].ext_id,
		       td_triage_verdict_name(rep.items[i].res.verdict),
		       rep.items[i].res.expected_value,
		       rep.items[i].res.currency, rep.items[i].res.cost);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "scan_feed: %s\n", err.msg);
out:
	td_triage_report_release(&rep);
	td_scan_stats_release(&stats);
	td_feed_close(feed);
	if (in)
		fclose(in);
	td_detector_free(d);
	td_ws_free(ws);
	return rc;
}
