/*
 * Text benchmark and evaluation driver (mk/text.mk):
 *
 *   text_bench eval PORTFOLIO CORPUS LABELS
 *       precision and recall of brand-term detection per obfuscation
 *       class; exit 1 when overall < 0.98 or a class < 0.95
 *   text_bench scan PORTFOLIO CORPUS [OUT]
 *       feed -> normalise -> match -> one NDJSON line per listing with
 *       hits (to OUT, default /dev/null); listings/s and MB/s
 *   text_bench hs PORTFOLIO TEXT
 *       a bare Hyperscan pass (caseless literals of the terms as written)
 *       over each line of TEXT, held in memory: the practical limit
 *
 * PORTFOLIO is bench/gen_corpus.py's portfolio.json: a list of rights
 * {"key", "terms": [{"text", "kind", "lang"}]}.
 */
#include <hs/hs.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS
#endif

#include "core/buf.h"
#include "core/feed.h"
#include "core/match.h"
#include "core/text.h"
#include "core/util.h"

/* A detection needs this distinctiveness, or corroboration. */
#define STRONG 0.5

struct portfolio {
	struct td_match_term *terms; /* all terms; right = index in keys */
	size_t nterms;               /* how many */
	const char **keys;           /* right keys */
	size_t nrights;              /* how many */
	json_t *root;                /* keeps the strings alive */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "text_bench: %s: %s\n", what, msg);
	exit(2);
}

static void
load_portfolio(const char *path, struct portfolio *p)
{
	json_error_t je;
	size_t i, j, at = 0;

	memset(p, 0, sizeof(*p));
	p->root = json_load_file(path, 0, &je);
	if (!p->root || !json_is_array(p->root))
		die(path, p->root ? "not a list" : je.text);
	p->nrights = json_array_size(p->root);
	p->keys = td_xcalloc(p->nrights, sizeof(*p->keys));
	for (i = 0; i < p->nrights; i++)
		p->nterms += json_array_size(
			json_object_get(json_array_get(p->root, i), "terms"));
	p->terms = td_xcalloc(p->nterms, sizeof(*p->terms));
	for (i = 0; i < p->nrights; i++) {
		json_t *r = json_array_get(p->root, i);
		json_t *ts = json_object_get(r, "terms");

		p->keys[i] = json_string_value(json_object_get(r, "key"));
		for (j = 0; j < json_array_size(ts); j++) {
			json_t *t = json_array_get(ts, j);
			struct td_match_term *mt = &p->terms[at++];

			mt->text =
				json_string_value(json_object_get(t, "text"));
			mt->lang =
				json_string_value(json_object_get(t, "lang"));
			mt->kind = td_match_kind_parse(
				json_string_value(json_object_get(t, "kind")));
			mt->id = (int64_t)at;
			mt->right = (int64_t)i;
			if (!mt->text || mt->kind < 0)
				die(path, "bad term");
		}
	}
}

static struct td_match *
build_matcher(struct portfolio *p, double *secs)
{
	struct td_cue_list cues = TD_CUE_LIST_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_match *m;
	double t0 = now();

	if (td_cue_list_add_builtin(&cues, "en", &err) < 0 ||
	    td_cue_list_add_builtin(&cues, "zh", &err) < 0)
		die("cues", err.msg);
	m = td_match_new(p->terms, p->nterms, &cues, 0, &err);
	if (!m)
		die("matcher", err.msg);
	*secs = now() - t0;
	td_cue_list_release(&cues);
	return m;
}

/* Title and description, one text: a newline keeps them apart. */
static void
listing_text(const struct td_listing *l, struct td_buf *b)
{
	td_buf_reset(b);
	td_buf_add(b, l->title, l->title_len);
	if (l->description) {
		td_buf_addch(b, '\n');
		td_buf_add(b, l->description, l->description_len);
	}
}

/* The rights detected in a listing: strong hits, or weak ones with
 * another term of the same right. Returns how many, in out. */
static size_t
detect(const struct td_match *m, const struct td_match_hit *h, size_t n,
       uint32_t *out, size_t cap)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		const struct td_match_term *t;
		int ok;

		if (h[i].cue)
			continue;
		t = td_match_term(m, h[i].index);
		ok = td_match_distinctiveness(m, h[i].index) >= STRONG;
		for (j = 0; !ok && j < n; j++)
			ok = j != i && !h[j].cue && h[j].index != h[i].index &&
			     td_match_term(m, h[j].index)->right == t->right;
		for (j = 0; ok && j < k; j++)
			if (out[j] == (uint32_t)t->right)
				ok = 0;
		if (ok && k < cap)
			out[k++] = (uint32_t)t->right;
	}
	return k;
}

/* ---- eval --------------------------------------------------------------- */

#define MAX_CLASSES 64

struct label {
	int32_t right; /* -1: none */
	int16_t cls;   /* class index */
};

/* -v: print the listings that were missed or got a wrong right. */
static void
explain(const struct td_match *m, const struct portfolio *p,
	const struct td_listing *l, const char *text,
	const struct td_match_hit *h, size_t nh, int32_t want, const char *cls)
{
	size_t i;

	fprintf(stderr, "%s %s want %s: %s\n", l->id, cls,
		want >= 0 ? p->keys[want] : "-", text);
	for (i = 0; i < nh; i++) {
		const struct td_match_term *t =
			h[i].cue ? NULL : td_match_term(m, h[i].index);

		if (!t)
			continue;
		fprintf(stderr, "    %s %s [%s] %s:%d d=%.2f [%.*s]\n",
			p->keys[t->right], td_match_kind_name(t->kind), t->text,
			td_match_variant_name(h[i].variant), h[i].edits,
			td_match_distinctiveness(m, h[i].index),
			(int)(h[i].end - h[i].start), text + h[i].start);
	}
}

static int
cmd_eval(int argc, char **argv)
{
	struct portfolio p;
	struct td_err err = TD_ERR_INIT;
	struct td_match *m;
	struct td_match_scratch *s;
	struct td_feed *r;
	struct td_buf text = TD_BUF_INIT;
	struct label *labels = NULL;
	size_t nlabels = 0, alabels = 0, i;
	char *classes[MAX_CLASSES];
	size_t ncls = 0;
	uint64_t tp[MAX_CLASSES] = {0}, fn[MAX_CLASSES] = {0},
		 fp[MAX_CLASSES] = {0}, neg_fp = 0, negs = 0, listings = 0;
	double secs, worst = 1;
	FILE *f;
	char line[512];
	int fail = 0, verbose;

	if (argc != 5 && argc != 6)
		die("usage", "text_bench eval PORTFOLIO CORPUS LABELS [-v]");
	verbose = argc == 6;
	load_portfolio(argv[2], &p);
	m = build_matcher(&p, &secs);
	s = td_match_scratch_new(m, &err);
	f = fopen(argv[4], "r");
	if (!f)
		die(argv[4], "cannot open");
	while (fgets(line, sizeof(line), f)) {
		char *id = line, *key, *cls, *nl;
		size_t n;

		if (line[0] == '#' || !(key = strchr(line, '\t')) ||
		    !(cls = strchr(key + 1, '\t')))
			continue;
		*key++ = '\0';
		*cls++ = '\0';
		if ((nl = strpbrk(cls, "\t\n")))
			*nl = '\0';
		n = strtoul(id + 1, NULL, 10);
		if (n >= alabels) {
			size_t old = alabels;

			TD_GROW(labels, n + 1, alabels);
			for (i = old; i < alabels; i++)
				labels[i].right = -1;
		}
		if (n + 1 > nlabels)
			nlabels = n + 1;
		for (i = 0; i < p.nrights; i++)
			if (strcmp(p.keys[i], key) == 0)
				break;
		labels[n].right = (int32_t)i;
		for (i = 0; i < ncls; i++)
			if (strcmp(classes[i], cls) == 0)
				break;
		if (i == ncls) {
			if (ncls == MAX_CLASSES)
				die("labels", "too many classes");
			classes[ncls++] = td_xstrdup(cls);
		}
		labels[n].cls = (int16_t)i;
	}
	fclose(f);
	f = fopen(argv[3], "rb");
	if (!f)
		die(argv[3], "cannot open");
	r = td_feed_open(f, argv[3], TD_FEED_NDJSON, 0, &err);
	if (!r)
		die(argv[3], err.msg);
	for (;;) {
		const struct td_listing *l;
		const struct td_match_hit *h;
		uint32_t got[64];
		size_t nh, ng, n, j;
		const struct label *lb;
		int found = 0;

		if (td_feed_next(r, &l, &err) < 0)
			die("feed", err.msg);
		if (!l)
			break;
		listings++;
		listing_text(l, &text);
		if (td_match_scan(m, s, text.data, text.len, &h, &nh, &err) < 0)
			die("scan", err.msg);
		ng = detect(m, h, nh, got, TD_ARRAY_LEN(got));
		n = strtoul(l->id + 1, NULL, 10);
		lb = n < nlabels && labels[n].right >= 0 ? &labels[n] : NULL;
		if (!lb) {
			negs++;
			neg_fp += ng > 0;
			if (verbose && ng)
				explain(m, &p, l, text.data, h, nh, -1, "-");
			continue;
		}
		for (j = 0; j < ng; j++) {
			if ((int32_t)got[j] == lb->right)
				found = 1;
			else
				fp[lb->cls]++;
		}
		if (found)
			tp[lb->cls]++;
		else
			fn[lb->cls]++;
		if (verbose && (!found || ng > 1))
			explain(m, &p, l, text.data, h, nh, lb->right,
				classes[lb->cls]);
	}
	td_feed_close(r);
	fclose(f);
	{
		uint64_t TP = 0, FN = 0, FP = neg_fp;

		printf("brand-term detection, %" PRIu64 " listings, %zu terms, "
		       "%zu rights (matcher built in %.2f s)\n",
		       listings, p.nterms, p.nrights, secs);
		printf("%-18s %8s %7s %7s %9s %9s\n", "class", "listings",
		       "wrong", "missed", "precision", "recall");
		for (i = 0; i < ncls; i++) {
			double pr = tp[i] + fp[i]
					    ? (double)tp[i] /
						      (double)(tp[i] + fp[i])
					    : 1;
			double rc = tp[i] + fn[i]
					    ? (double)tp[i] /
						      (double)(tp[i] + fn[i])
					    : 1;

			printf("%-18s %8" PRIu64 " %7" PRIu64 " %7" PRIu64
			       " %9.4f %9.4f%s\n",
			       classes[i], tp[i] + fn[i], fp[i], fn[i], pr, rc,
			       pr < 0.95 || rc < 0.95 ? "  (below 0.95)" : "");
			worst = pr < worst ? pr : worst;
			worst = rc < worst ? rc : worst;
			TP += tp[i];
			FN += fn[i];
			FP += fp[i];
		}
		printf("%-18s %8" PRIu64 " %7" PRIu64
		       " %7s %9s %9s  (no brand: "
		       "wrong = listings with a detection)\n",
		       "unlabelled", negs, neg_fp, "-", "-", "-");
		printf("%-18s %8" PRIu64 " %7" PRIu64 " %7" PRIu64
		       " %9.5f %9.5f\n",
		       "overall", TP + FN, FP, FN,
		       (double)TP / (double)(TP + FP ? TP + FP : 1),
		       (double)TP / (double)(TP + FN ? TP + FN : 1));
		if ((double)TP / (double)(TP + FP ? TP + FP : 1) < 0.98 ||
		    (double)TP / (double)(TP + FN ? TP + FN : 1) < 0.98 ||
		    worst < 0.95)
			fail = 1;
		printf("aim: overall >= 0.98, every class >= 0.95: %s\n",
		       fail ? "MISSED" : "met");
	}
	for (i = 0; i < ncls; i++)
		free(classes[i]);
	free(labels);
	td_buf_release(&text);
	td_match_scratch_free(s);
	td_match_free(m);
	free(p.terms);
	free((void *)p.keys);
	json_decref(p.root);
	return fail;
}

/* ---- scan ---------------------------------------------------------------- */

/* JSON output, by hand: printf would be a fifth of the run. */
static void
out_str(struct td_buf *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	td_buf_addch(o, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		td_buf_add(o, s + run, i - run);
		if (c == '"' || c == '\\') {
			td_buf_addch(o, '\\');
			td_buf_addch(o, (char)c);
		} else {
			char u[6] = {'\\', 'u',         '0',
				     '0',  hex[c >> 4], hex[c & 15]};

			td_buf_add(o, u, 6);
		}
		run = i + 1;
	}
	td_buf_add(o, s + run, n - run);
	td_buf_addch(o, '"');
}

static void
out_lit(struct td_buf *o, const char *s)
{
	td_buf_add(o, s, strlen(s));
}

static void
out_uint(struct td_buf *o, size_t v)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		td_buf_addch(o, d[--n]);
}

/* A weight 0..1 with two decimals. */
static void
out_weight(struct td_buf *o, double w)
{
	unsigned v = (unsigned)(w * 100 + 0.5);

	out_uint(o, v / 100);
	td_buf_addch(o, '.');
	td_buf_addch(o, (char)('0' + v / 10 % 10));
	td_buf_addch(o, (char)('0' + v % 10));
}

static int
cmd_scan(int argc, char **argv)
{
	struct portfolio p;
	struct td_err err = TD_ERR_INIT;
	struct td_match *m;
	struct td_match_scratch *s;
	struct td_feed *r;
	struct td_buf text = TD_BUF_INIT;
	struct td_buf ob = TD_BUF_INIT;
	uint64_t listings = 0, hits = 0, withhits = 0, bad = 0;
	double secs, t0, t1;
	FILE *f, *o;
	static char obuf[1 << 16];

	if (argc < 4)
		die("usage", "text_bench scan PORTFOLIO CORPUS [OUT]");
	load_portfolio(argv[2], &p);
	m = build_matcher(&p, &secs);
	s = td_match_scratch_new(m, &err);
	f = fopen(argv[3], "rb");
	o = fopen(argc > 4 ? argv[4] : "/dev/null", "w");
	if (!f || !o)
		die(argv[3], "cannot open");
	setvbuf(o, NULL, _IONBF, 0);
	/* Under callgrind, count the scan loop only. */
	CALLGRIND_ZERO_STATS;
	t0 = now();
	r = td_feed_open(f, argv[3], TD_FEED_NDJSON, 0, &err);
	if (!r)
		die(argv[3], err.msg);
	for (;;) {
		const struct td_listing *l;
		const struct td_match_hit *h;
		size_t nh, i;
		int first = 1;

		if (td_feed_next(r, &l, &err) < 0) {
			bad++;
			continue;
		}
		if (!l)
			break;
		listings++;
		listing_text(l, &text);
		if (td_match_scan(m, s, text.data, text.len, &h, &nh, &err) < 0)
			die("scan", err.msg);
		if (!nh)
			continue;
		withhits++;
		hits += nh;
		out_lit(&ob, "{\"platform\":");
		out_str(&ob, l->platform, strlen(l->platform));
		out_lit(&ob, ",\"id\":");
		out_str(&ob, l->id, strlen(l->id));
		out_lit(&ob, ",\"hits\":[");
		for (i = 0; i < nh; i++) {
			if (!first)
				td_buf_addch(&ob, ',');
			first = 0;
			if (h[i].cue) {
				const struct td_cue *c =
					td_match_cue(m, h[i].index);

				out_lit(&ob, "{\"cue\":");
				out_str(&ob, c->word, strlen(c->word));
				out_lit(&ob, ",\"weight\":");
				out_weight(&ob, c->weight);
			} else {
				const struct td_match_term *t =
					td_match_term(m, h[i].index);

				out_lit(&ob, "{\"term\":");
				out_str(&ob, t->text, strlen(t->text));
				out_lit(&ob, ",\"right\":");
				out_str(&ob, p.keys[t->right],
					strlen(p.keys[t->right]));
				out_lit(&ob, ",\"weight\":");
				out_weight(&ob, td_match_distinctiveness(
							m, h[i].index));
			}
			out_lit(&ob, ",\"variant\":\"");
			out_lit(&ob, td_match_variant_name(h[i].variant));
			out_lit(&ob, "\",\"edits\":");
			out_uint(&ob, h[i].edits);
			out_lit(&ob, ",\"start\":");
			out_uint(&ob, h[i].start);
			out_lit(&ob, ",\"end\":");
			out_uint(&ob, h[i].end);
			out_lit(&ob, ",\"quote\":");
			out_str(&ob, text.data + h[i].start,
				h[i].end - h[i].start);
			td_buf_addch(&ob, '}');
		}
		out_lit(&ob, "]}\n");
		if (ob.len >= sizeof(obuf)) {
			fwrite(ob.data, 1, ob.len, o);
			td_buf_reset(&ob);
		}
	}
	fwrite(ob.data, 1, ob.len, o);
	fflush(o);
	t1 = now();
	CALLGRIND_DUMP_STATS;
	printf("RESULT scan %" PRIu64 " listings %.3f s %.0f listings/s %.1f "
	       "MB/s (%" PRIu64 " with hits, %" PRIu64 " hits, %" PRIu64
	       " bad lines; matcher of %zu terms built in %.2f s)\n",
	       listings, t1 - t0, (double)listings / (t1 - t0),
	       (double)td_feed_bytes(r) / (t1 - t0) / 1e6, withhits, hits, bad,
	       p.nterms, secs);
	td_feed_close(r);
	fclose(f);
	fclose(o);
	td_buf_release(&ob);
	td_buf_release(&text);
	td_match_scratch_free(s);
	td_match_free(m);
	free(p.terms);
	free((void *)p.keys);
	json_decref(p.root);
	return 0;
}

/* ---- bare Hyperscan ------------------------------------------------------ */

static int
count_match(unsigned id, unsigned long long from, unsigned long long to,
	    unsigned flags, void *ctx)
{
	(void)id;
	(void)from;
	(void)to;
	(void)flags;
	++*(uint64_t *)ctx;
	return 0;
}

static int
cmd_hs(int argc, char **argv)
{
	struct portfolio p;
	hs_database_t *db = NULL;
	hs_scratch_t *scr = NULL;
	hs_compile_error_t *ce = NULL;
	const char **pats;
	unsigned *flags, *ids;
	size_t *lens, i, nlines = 0, alines = 0, bytes = 0;
	char **lines = NULL, *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	uint64_t matches = 0;
	double t0, t1;
	FILE *f;

	if (argc != 4)
		die("usage", "text_bench hs PORTFOLIO TEXT");
	load_portfolio(argv[2], &p);
	pats = td_xcalloc(p.nterms, sizeof(*pats));
	flags = td_xcalloc(p.nterms, sizeof(*flags));
	ids = td_xcalloc(p.nterms, sizeof(*ids));
	lens = td_xcalloc(p.nterms, sizeof(*lens));
	for (i = 0; i < p.nterms; i++) {
		pats[i] = p.terms[i].text;
		lens[i] = strlen(pats[i]);
		flags[i] = HS_FLAG_CASELESS;
		ids[i] = (unsigned)i;
	}
	if (hs_compile_lit_multi(pats, flags, ids, lens, (unsigned)p.nterms,
				 HS_MODE_BLOCK, NULL, &db, &ce) != HS_SUCCESS)
		die("hyperscan", ce->message);
	hs_alloc_scratch(db, &scr);
	f = fopen(argv[3], "rb");
	if (!f)
		die(argv[3], "cannot open");
	while ((n = getline(&buf, &cap, f)) > 0) {
		TD_GROW(lines, nlines + 1, alines);
		lines[nlines++] = td_xstrndup(buf, (size_t)n);
		bytes += (size_t)n;
	}
	fclose(f);
	t0 = now();
	for (i = 0; i < nlines; i++)
		hs_scan(db, lines[i], (unsigned)strlen(lines[i]), 0, scr,
			count_match, &matches);
	t1 = now();
	printf("RESULT hs %zu listings %.3f s %.0f listings/s %.1f MB/s (%zu "
	       "caseless literals, %" PRIu64 " matches; text only, in "
	       "memory)\n",
	       nlines, t1 - t0, (double)nlines / (t1 - t0),
	       (double)bytes / (t1 - t0) / 1e6, p.nterms, matches);
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	free(buf);
	free(pats);
	free(flags);
	free(ids);
	free(lens);
	hs_free_scratch(scr);
	hs_free_database(db);
	free(p.terms);
	free((void *)p.keys);
	json_decref(p.root);
	return 0;
}

/* ---- Hyperscan's approximate matching
 * ---------------------------------------- */

/*
 * The alternative to the symmetric-deletion index: Hyperscan's own edit
 * distance (HS_EXT_FLAG_EDIT_DISTANCE), one for keys of 5+ letters, two
 * for 9+, over the key view of each text. Measures compile time and scan
 * speed only (no boundaries, no checks).
 */
static int
cmd_hs_approx(int argc, char **argv)
{
	struct portfolio p;
	struct td_text tx = TD_TEXT_INIT;
	struct td_buf key = TD_BUF_INIT;
	hs_database_t *db = NULL;
	hs_scratch_t *scr = NULL;
	hs_compile_error_t *ce = NULL;
	char **exprs;
	unsigned *flags, *ids;
	hs_expr_ext_t *ext;
	const hs_expr_ext_t **extp;
	size_t i, n = 0, nlines = 0, bytes = 0, cap = 0, limit;
	char *buf = NULL;
	ssize_t got;
	uint64_t matches = 0;
	double t0, t1, tc;
	FILE *f;

	if (argc < 4)
		die("usage", "text_bench hs-approx PORTFOLIO TEXT [LINES]");
	limit = argc > 4 ? strtoul(argv[4], NULL, 10) : 20000;
	load_portfolio(argv[2], &p);
	exprs = td_xcalloc(p.nterms, sizeof(*exprs));
	flags = td_xcalloc(p.nterms, sizeof(*flags));
	ids = td_xcalloc(p.nterms, sizeof(*ids));
	ext = td_xcalloc(p.nterms, sizeof(*ext));
	extp = td_xcalloc(p.nterms, sizeof(*extp));
	for (i = 0; i < p.nterms; i++) {
		const struct td_match_term *t = &p.terms[i];
		size_t j;
		int plain = 1;

		if (t->kind == TD_TERM_MODEL || t->kind == TD_TERM_NAME_ZH)
			continue;
		td_buf_reset(&key);
		td_text_key_string(t->text, strlen(t->text), &key, NULL);
		for (j = 0; j < key.len; j++)
			plain &= (key.data[j] >= 'a' && key.data[j] <= 'z') ||
				 (key.data[j] >= '0' && key.data[j] <= '9');
		if (!plain || key.len < 5)
			continue;
		exprs[n] = td_xstrdup(key.data);
		ext[n].flags = HS_EXT_FLAG_EDIT_DISTANCE;
		ext[n].edit_distance = key.len >= 9 ? 2 : 1;
		extp[n] = &ext[n];
		ids[n] = (unsigned)n;
		n++;
	}
	t0 = now();
	if (hs_compile_ext_multi((const char *const *)exprs, flags, ids, extp,
				 (unsigned)n, HS_MODE_BLOCK, NULL, &db,
				 &ce) != HS_SUCCESS)
		die("hyperscan", ce->message);
	tc = now() - t0;
	hs_alloc_scratch(db, &scr);
	f = fopen(argv[3], "rb");
	if (!f)
		die(argv[3], "cannot open");
	t0 = 0;
	{
		double spent = 0;

		while (nlines < limit && (got = getline(&buf, &cap, f)) > 0) {
			td_text_normalize(&tx, buf, (size_t)got, 0, NULL);
			t0 = now();
			hs_scan(db, tx.key, (unsigned)tx.key_len, 0, scr,
				count_match, &matches);
			spent += now() - t0;
			nlines++;
			bytes += tx.key_len;
		}
		t1 = spent;
	}
	fclose(f);
	printf("RESULT hs-approx %zu listings %.3f s %.0f listings/s %.2f "
	       "MB/s (%zu keys with edit distance 1 or 2, compiled in "
	       "%.1f s; %" PRIu64 " matches; key view, scan only)\n",
	       nlines, t1, (double)nlines / t1, (double)bytes / t1 / 1e6, n, tc,
	       matches);
	for (i = 0; i < n; i++)
		free(exprs[i]);
	free(exprs);
	free(flags);
	free(ids);
	free(ext);
	free(extp);
	free(buf);
	td_buf_release(&key);
	td_text_release(&tx);
	hs_free_scratch(scr);
	hs_free_database(db);
	free(p.terms);
	free((void *)p.keys);
	json_decref(p.root);
	return 0;
}

/* ---- stages ---------------------------------------------------------------
 */

/*
 * Where the time goes, stage by stage, on the same corpus: parse only;
 * normalise only; normalise + match without near variants; the whole
 * match. Texts are extracted once and held in memory for the last three.
 */
static int
cmd_stages(int argc, char **argv)
{
	struct portfolio p;
	struct td_err err = TD_ERR_INIT;
	struct td_match *m, *m0;
	struct td_match_scratch *s, *s0;
	struct td_text tx = TD_TEXT_INIT;
	struct td_feed *r;
	char **texts = NULL;
	size_t *lens = NULL, n = 0, alloc = 0, alen = 0, i, bytes = 0;
	double secs, t0, t1;
	FILE *f;

	if (argc != 4)
		die("usage", "text_bench stages PORTFOLIO CORPUS");
	load_portfolio(argv[2], &p);
	m = build_matcher(&p, &secs);
	{
		struct td_cue_list cues = TD_CUE_LIST_INIT;

		td_cue_list_add_builtin(&cues, "en", NULL);
		td_cue_list_add_builtin(&cues, "zh", NULL);
		m0 = td_match_new(p.terms, p.nterms, &cues, TD_MATCH_NO_NEAR,
				  &err);
		td_cue_list_release(&cues);
	}
	s = td_match_scratch_new(m, &err);
	s0 = td_match_scratch_new(m0, &err);
	f = fopen(argv[3], "rb");
	if (!f)
		die(argv[3], "cannot open");
	t0 = now();
	r = td_feed_open(f, argv[3], TD_FEED_NDJSON, 0, &err);
	for (;;) {
		const struct td_listing *l;
		struct td_buf b = TD_BUF_INIT;

		if (td_feed_next(r, &l, &err) < 0)
			continue;
		if (!l)
			break;
		listing_text(l, &b);
		TD_GROW(texts, n + 1, alloc);
		TD_GROW(lens, n + 1, alen);
		lens[n] = b.len;
		texts[n++] = td_buf_detach(&b, NULL);
	}
	t1 = now();
	printf("RESULT parse %zu listings %.3f s %.0f listings/s %.1f MB/s "
	       "(feed reader, NDJSON, and copying the text)\n",
	       n, t1 - t0, (double)n / (t1 - t0),
	       (double)td_feed_bytes(r) / (t1 - t0) / 1e6);
	td_feed_close(r);
	fclose(f);
	{
		/* The same with jansson parsing each line. */
		const struct td_listing *l;
		size_t cnt = 0;

		f = fopen(argv[3], "rb");
		t0 = now();
		r = td_feed_open(f, argv[3], TD_FEED_NDJSON, TD_FEED_JANSSON,
				 &err);
		while (td_feed_next(r, &l, &err) == 0 && l)
			cnt++;
		t1 = now();
		printf("RESULT parse-jansson %zu listings %.3f s %.0f "
		       "listings/s %.1f MB/s (the same reader, lines parsed "
		       "by jansson)\n",
		       cnt, t1 - t0, (double)cnt / (t1 - t0),
		       (double)td_feed_bytes(r) / (t1 - t0) / 1e6);
		td_feed_close(r);
		fclose(f);
	}
	for (i = 0; i < n; i++)
		bytes += lens[i];
	t0 = now();
	for (i = 0; i < n; i++)
		td_text_normalize(&tx, texts[i], lens[i], 0, NULL);
	t1 = now();
	printf("RESULT normalise %zu texts %.3f s %.0f texts/s %.1f MB/s\n", n,
	       t1 - t0, (double)n / (t1 - t0), (double)bytes / (t1 - t0) / 1e6);
	{
		const struct td_match_hit *h;
		size_t nh;

		t0 = now();
		for (i = 0; i < n; i++)
			td_match_scan(m0, s0, texts[i], lens[i], &h, &nh, NULL);
		t1 = now();
		printf("RESULT match-exact %zu texts %.3f s %.0f texts/s %.1f "
		       "MB/s (normalise + Hyperscan + checks, no near "
		       "variants)\n",
		       n, t1 - t0, (double)n / (t1 - t0),
		       (double)bytes / (t1 - t0) / 1e6);
		t0 = now();
		for (i = 0; i < n; i++)
			td_match_scan(m, s, texts[i], lens[i], &h, &nh, NULL);
		t1 = now();
		printf("RESULT match %zu texts %.3f s %.0f texts/s %.1f MB/s "
		       "(all of it)\n",
		       n, t1 - t0, (double)n / (t1 - t0),
		       (double)bytes / (t1 - t0) / 1e6);
	}
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	td_text_release(&tx);
	td_match_scratch_free(s);
	td_match_scratch_free(s0);
	td_match_free(m);
	td_match_free(m0);
	free(p.terms);
	free((void *)p.keys);
	json_decref(p.root);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "stages") == 0)
		return cmd_stages(argc, argv);
	if (argc > 1 && strcmp(argv[1], "hs-approx") == 0)
		return cmd_hs_approx(argc, argv);
	if (argc > 1 && strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc, argv);
	if (argc > 1 && strcmp(argv[1], "scan") == 0)
		return cmd_scan(argc, argv);
	if (argc > 1 && strcmp(argv[1], "hs") == 0)
		return cmd_hs(argc, argv);
	fprintf(stderr, "usage: text_bench eval|scan|hs ...\n");
	return 2;
}
