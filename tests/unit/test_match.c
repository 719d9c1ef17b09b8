/* MAP_ANONYMOUS for the page-end test */
#define _DEFAULT_SOURCE 1
/* The matcher: tests/cases/match.tsv, cue lists, weights, hits. */
#include "cases.h"

#include "core/match.h"
#include "core/util.h"

#include <sys/mman.h>
#include <unistd.h>

static int bad_rows;

static struct td_cue_list *
builtin_cues(void)
{
	static struct td_cue_list l = TD_CUE_LIST_INIT;

	if (!l.n) {
		assert_int_equal(td_cue_list_add_builtin(&l, "en", NULL), 0);
		assert_int_equal(td_cue_list_add_builtin(&l, "zh", NULL), 0);
	}
	return &l;
}

static void
match_row(const struct case_row *row, void *ctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_match_term term = {row->f[1], NULL, 0, 7, 1};
	int cue = strcmp(row->f[2], "cue") == 0;
	struct td_match *m;
	struct td_match_scratch *s;
	const struct td_match_hit *h;
	size_t n, i;
	char want[64], got[64] = "-", quote[256] = "";
	int found = 0;

	(void)ctx;
	term.kind = cue ? 0 : td_match_kind_parse(row->f[2]);
	assert_true(term.kind >= 0);
	m = cue ? td_match_new(NULL, 0, builtin_cues(), 0, &err)
		: td_match_new(&term, 1, NULL, 0, &err);
	if (!m)
		fail_msg("match.tsv:%lu: %s", row->line, err.msg);
	s = td_match_scratch_new(m, &err);
	assert_non_null(s);
	assert_int_equal(
		td_match_scan(m, s, row->f[0], row->len[0], &h, &n, &err), 0);
	snprintf(want, sizeof(want), "%s", row->f[3]);
	for (i = 0; i < n; i++) {
		if (cue != h[i].cue)
			continue;
		if (cue &&
		    strcmp(td_match_cue(m, h[i].index)->word, row->f[1]) != 0)
			continue;
		if (h[i].edits)
			snprintf(got, sizeof(got), "%s:%d",
				 td_match_variant_name(h[i].variant),
				 h[i].edits);
		else
			snprintf(got, sizeof(got), "%s",
				 td_match_variant_name(h[i].variant));
		snprintf(quote, sizeof(quote), "%.*s",
			 (int)(h[i].end - h[i].start), row->f[0] + h[i].start);
		assert_true(h[i].end <= row->len[0]);
		assert_true(h[i].key_end <= td_match_text(s)->key_len);
		found = 1;
		break;
	}
	if (strcmp(got, want) != 0 ||
	    (found && row->nf > 4 && strcmp(quote, row->f[4]) != 0)) {
		print_error("match.tsv:%lu: [%s] term [%s]: got %s [%s], want "
			    "%s [%s]\n",
			    row->line, row->f[0], row->f[1], got, quote, want,
			    row->nf > 4 ? row->f[4] : "");
		bad_rows++;
	}
	td_match_scratch_free(s);
	td_match_free(m);
}

static void
test_match__cases_table(void **state)
{
	(void)state;
	bad_rows = 0;
	assert_true(cases_run("match.tsv", 4, match_row, NULL) >= 60);
	assert_int_equal(bad_rows, 0);
}

static void
test_match__one_pass_over_many_terms(void **state)
{
	const struct td_match_term terms[] = {
		{"Ironwood Atelier", "en", TD_TERM_MARK, 10, 1},
		{"铁木工坊", "zh", TD_TERM_NAME_ZH, 11, 1},
		{"IA-RT-001", NULL, TD_TERM_MODEL, 12, 1},
		{"Gucci", "en", TD_TERM_MARK, 20, 2},
	};
	const char *text = "鐵木工坊 高仿 IRONWOOD ATELIER rivet table "
			   "IA-RT-001, 1:1 mirror quality, not gucci-ish";
	struct td_err err = TD_ERR_INIT;
	struct td_match *m = td_match_new(terms, 4, builtin_cues(), 0, &err);
	struct td_match_scratch *s;
	const struct td_match_hit *h;
	size_t n, i, terms_seen = 0, cues_seen = 0;

	(void)state;
	assert_non_null(m);
	assert_int_equal(td_match_nterms(m), 4);
	assert_true(td_match_ncues(m) > 40);
	assert_int_equal(td_match_term(m, 2)->id, 12);
	assert_string_equal(td_match_term_key(m, 2), "lartool");
	s = td_match_scratch_new(m, &err);
	assert_int_equal(td_match_scan(m, s, text, strlen(text), &h, &n, &err),
			 0);
	for (i = 0; i < n; i++) {
		if (i)
			assert_true(h[i].key_start >= h[i - 1].key_start);
		if (h[i].cue)
			cues_seen++;
		else
			terms_seen |= 1u << h[i].index;
	}
	/* Not Gucci: "gucci-ish" is a hit with a dash after it. */
	assert_int_equal(terms_seen, 0xF);
	assert_true(cues_seen >= 3); /* 高仿, 1:1, mirror quality */
	assert_int_equal(h[0].index, 1);
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[0].end, strlen("鐵木工坊"));
	assert_true(h[0].flags & TD_TEXT_K_TRAD);
	/* Reuse the scratch for another text. */
	assert_int_equal(td_match_scan(m, s, "nothing here", 12, &h, &n, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(td_match_scan(m, s, "", 0, &h, &n, &err), 0);
	assert_int_equal(n, 0);
	td_match_scratch_free(s);
	td_match_free(m);
}

/* Random listing-like texts from words, terms and their variants. */
static size_t
random_text(char *buf, size_t cap, uint64_t *seed)
{
	static const char *const words[] = {
		"table",
		"oak",
		"ironwood",
		"lronwood",
		"irnwood",
		"atelier",
		"ateliier",
		"Zorvexa",
		"zorvxea",
		"Z O R V E X A",
		"gucci",
		"guci",
		"1:1",
		"replica",
		"wa.me",
		"鐵木工坊",
		"铁木",
		"IA-RT-001",
		"ia rt 001",
		"!!",
		"",
		"-",
		"mirror quality",
		"ＩＲＯＮＷＯＯＤ",
		"handmade",
		"whatsapp",
		"i r o n w o o d",
		"ironw00d",
	};
	size_t n = 0, k = (size_t)(*seed >> 60) + 1, i;

	for (i = 0; i < k; i++) {
		const char *w;

		*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
		w = words[(*seed >> 33) % TD_ARRAY_LEN(words)];
		if (n + strlen(w) + 2 >= cap)
			break;
		memcpy(buf + n, w, strlen(w));
		n += strlen(w);
		buf[n++] = (*seed >> 20) % 4 ? ' ' : '.';
	}
	buf[n] = '\0';
	return n;
}

/*
 * A text that ends where readable memory ends: Hyperscan 5.4's
 * AVX512VBMI Teddy reads past the end of what it scans, so the matcher
 * must never hand it the caller's buffer as it is (this crashed under
 * the fuzzer on a machine with AVX512VBMI). The text is put right
 * before a page that cannot be read, at every distance from the end.
 */
static void
test_match__text_at_the_end_of_readable_memory(void **state)
{
	static const struct td_match_term terms[] = {
		{"IRONWOOD ATELIER", "en", TD_TERM_MARK, 0, 0},
		{"铁木工坊", "zh", TD_TERM_NAME_ZH, 1, 0},
		{"tiemu gongfang", NULL, TD_TERM_PINYIN, 2, 0},
		{"IA-RT", NULL, TD_TERM_MODEL, 3, 0},
	};
	/* The fuzzer's input that crashed it (fuzz_text, 2026-11-28). */
	static const char text[] = "1:1:1:1:1\x99"
				   "\x99"
				   "11::01:1:1:1:1:0\x99"
				   "1:10\x99"
				   "1:1:1:1:[0\x99"
				   "1:10\x99"
				   "1:1:1:0\x99"
				   "1:1:1:1:1::1:0\x99"
				   "1:10\x99"
				   ":1:1:1:1:1:0\x99"
				   "1:11:[1\x99"
				   "1:1:1:0\x99"
				   "1:1:1:1:\x99"
				   ":1011\x99"
				   ":1:0\x99"
				   "33";
	long page = sysconf(_SC_PAGESIZE);
	struct td_err err = TD_ERR_INIT;
	struct td_match *m = td_match_new(terms, 4, builtin_cues(), 0, &err);
	struct td_match_scratch *s = td_match_scratch_new(m, &err);
	const struct td_match_hit *h;
	char *map;
	size_t n, len, cut;

	(void)state;
	assert_int_equal(sizeof(text) - 1, 128);
	map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(map != MAP_FAILED);
	assert_int_equal(mprotect(map + page, (size_t)page, PROT_NONE), 0);
	/* Every tail of it, ending where the readable page ends. */
	for (cut = 0; cut < sizeof(text) - 1; cut++) {
		len = sizeof(text) - 1 - cut;
		memcpy(map + page - len, text + cut, len);
		assert_int_equal(td_match_scan(m, s, map + page - len, len, &h,
					       &n, &err),
				 0);
	}
	munmap(map, (size_t)page * 2);
	td_match_scratch_free(s);
	td_match_free(m);
}

/* Several texts at once give each text's hits of td_match_scan(). */
static void
test_match__texts_at_once_equal_one_by_one(void **state)
{
	const struct td_match_term terms[] = {
		{"Ironwood Atelier", "en", TD_TERM_MARK, 10, 1},
		{"Ironwood", "en", TD_TERM_MARK, 13, 1},
		{"铁木工坊", "zh", TD_TERM_NAME_ZH, 11, 1},
		{"IA-RT-001", NULL, TD_TERM_MODEL, 12, 1},
		{"Gucci", "en", TD_TERM_MARK, 20, 2},
		{"Zorvexa", "en", TD_TERM_MARK, 21, 3},
	};
	struct td_match *m = td_match_new(terms, TD_ARRAY_LEN(terms),
					  builtin_cues(), 0, NULL);
	struct td_match_scratch *s = td_match_scratch_new(m, NULL);
	struct td_match_scratch *one = td_match_scratch_new(m, NULL);
	char buf[TD_MATCH_TEXTS][400];
	const char *texts[TD_MATCH_TEXTS];
	size_t lens[TD_MATCH_TEXTS];
	uint64_t seed = 99;
	int round, nonempty = 0;

	(void)state;
	assert_non_null(s);
	for (round = 0; round < 3000; round++) {
		const struct td_match_hit *h, *h1;
		size_t n, n1, i, k, at = 0,
				    nt = 1 + (size_t)round % TD_MATCH_TEXTS;

		for (i = 0; i < nt; i++) {
			lens[i] = random_text(buf[i], sizeof(buf[i]), &seed);
			texts[i] = buf[i];
		}
		assert_int_equal(td_match_scan_texts(m, s, texts, lens, nt, &h,
						     &n, NULL),
				 0);
		for (i = 0; i < nt; i++) {
			assert_int_equal(td_match_scan(m, one, texts[i],
						       lens[i], &h1, &n1, NULL),
					 0);
			for (k = 0; k < n1; k++, at++) {
				assert_true(at < n);
				assert_int_equal(h[at].text, i);
				assert_int_equal(h[at].index, h1[k].index);
				assert_int_equal(h[at].cue, h1[k].cue);
				assert_int_equal(h[at].variant, h1[k].variant);
				assert_int_equal(h[at].edits, h1[k].edits);
				assert_int_equal(h[at].flags, h1[k].flags);
				assert_int_equal(h[at].key_start,
						 h1[k].key_start);
				assert_int_equal(h[at].key_end, h1[k].key_end);
				assert_int_equal(h[at].start, h1[k].start);
				assert_int_equal(h[at].end, h1[k].end);
			}
			nonempty += n1 > 0;
		}
		assert_int_equal(at, n);
		/* The last text is the scratch's text. */
		assert_int_equal(td_match_text(s)->key_len,
				 td_match_text(one)->key_len);
	}
	assert_true(nonempty > 1000);
	td_match_scratch_free(s);
	td_match_scratch_free(one);
	td_match_free(m);
}

static void
test_match__distinctiveness_orders_terms(void **state)
{
	const struct td_match_term terms[] = {
		{"vintage industrial", NULL, TD_TERM_MARK, 0, 0},
		{"Ironwood", NULL, TD_TERM_MARK, 0, 0},
		{"Ironwood Atelier", NULL, TD_TERM_MARK, 0, 0},
		{"Zorvexa", NULL, TD_TERM_MARK, 0, 0},
		{"IA-RT-001", NULL, TD_TERM_MODEL, 0, 0},
		{"12", NULL, TD_TERM_MODEL, 0, 0},
		{"中国", NULL, TD_TERM_NAME_ZH, 0, 0},
		{"铁木工坊", NULL, TD_TERM_NAME_ZH, 0, 0},
		{"table", NULL, TD_TERM_MARK, 0, 0},
	};
	struct td_match *m =
		td_match_new(terms, TD_ARRAY_LEN(terms), NULL, 0, NULL);
	double d[TD_ARRAY_LEN(terms)];
	size_t i;

	(void)state;
	assert_non_null(m);
	for (i = 0; i < TD_ARRAY_LEN(terms); i++) {
		d[i] = td_match_distinctiveness(m, i);
		assert_true(d[i] >= 0 && d[i] <= 1);
	}
	assert_true(d[0] < TD_MATCH_NEAR_MIN);
	assert_true(d[8] < TD_MATCH_NEAR_MIN);
	assert_true(d[0] < d[1] && d[1] < d[2] && d[2] < d[3]);
	assert_true(d[3] > 0.9);
	assert_true(d[4] > 0.8 && d[5] < 0.5);
	assert_true(d[6] < 0.3 && d[7] > 0.8);
	assert_true(td_match_word_commonness("the", 3) > 0.9);
	assert_true(td_match_word_commonness("zorvexa", 7) < 0.1);
	td_match_free(m);
}

static void
test_match__weak_terms_get_no_near_variants(void **state)
{
	const struct td_match_term t = {"vintage industrial", NULL,
					TD_TERM_MARK, 0, 0};
	struct td_match *m = td_match_new(&t, 1, NULL, 0, NULL);
	struct td_match_scratch *s = td_match_scratch_new(m, NULL);
	const struct td_match_hit *h;
	size_t n;

	(void)state;
	assert_int_equal(
		td_match_scan(m, s, "vintge industrial", 17, &h, &n, NULL), 0);
	assert_int_equal(n, 0);
	td_match_scratch_free(s);
	td_match_free(m);
}

static void
test_match__bad_terms_are_named(void **state)
{
	struct td_match_term t[2] = {{"Gucci", NULL, TD_TERM_MARK, 0, 0},
				     {"--!!", NULL, TD_TERM_MARK, 0, 0}};
	struct td_err err = TD_ERR_INIT;

	(void)state;
	assert_null(td_match_new(t, 2, NULL, 0, &err));
	assert_int_equal(err.code, TD_EINVAL);
	assert_string_equal(err.msg, "term 2: \"--!!\" has no letters, digits "
				     "or CJK characters");
	t[1].text = "ok";
	t[1].kind = 99;
	assert_null(td_match_new(t, 2, NULL, 0, &err));
	assert_string_equal(err.msg, "term 2: unknown kind");
	assert_null(td_match_kind_name(99));
	assert_int_equal(td_match_kind_parse("pinyin"), TD_TERM_PINYIN);
	assert_string_equal(td_match_variant_name(TD_MATCH_VOWEL_SWAP),
			    "vowel_swap");
}

static void
test_match__cue_lists_report_file_line_field(void **state)
{
	struct td_cue_list l = TD_CUE_LIST_INIT;
	struct td_err err = TD_ERR_INIT;
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"# c\nok\t0.5\treplica\nbad\t2\treplica\n",
		 "my.tsv:3: weight: \"2\" is not a number from 0 to 1"},
		{"x\tabc\treplica\n",
		 "my.tsv:1: weight: \"abc\" is not a number from 0 to 1"},
		{"x\t0.5\tReplica\n", "my.tsv:1: category: \"Replica\" is not "
				      "lower-case letters, digits and _"},
		{"x\t0.5\n", "my.tsv:1: expected 3 tab-separated fields "
			     "(word, weight, category)"},
		{"x\t0.5\ta\tb\n", "my.tsv:1: expected 3 tab-separated fields "
				   "(word, weight, category)"},
		{"\t0.5\ta\n", "my.tsv:1: word: empty"},
		{"...\t0.5\ta\n", "my.tsv:1: word: \"...\" has no letters, "
				  "digits or CJK characters"},
		{"dupe\t0.5\ta\n\nDUPE\t0.6\ta\n",
		 "my.tsv:3: word: \"DUPE\" is already on line 1"},
		{"a\xff\t0.5\ta\n", "my.tsv:1: word: not valid UTF-8"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < TD_ARRAY_LEN(bad); i++) {
		assert_int_equal(td_cue_list_parse(&l, "my.tsv", bad[i].text,
						   strlen(bad[i].text), &err),
				 TD_EINVAL);
		assert_string_equal(err.msg, bad[i].msg);
		td_cue_list_release(&l);
	}
	assert_int_equal(td_cue_list_add_builtin(&l, "xx", &err), TD_ENOTFOUND);
	assert_int_equal(td_cue_list_load(&l, "/nonexistent/cues.tsv", &err),
			 TD_ENOTFOUND);
	td_cue_list_release(&l);
}

static void
test_match__workspace_cues_override_builtin(void **state)
{
	struct td_cue_list l = TD_CUE_LIST_INIT;
	const char *mine = "REPLICA\t0.2\treplica\n"
			   "dupe\t0\treplica\n"
			   "zorvex fakes\t0.9\tlocal_words\n";
	struct td_match *m;
	struct td_match_scratch *s;
	const struct td_match_hit *h;
	const char *text = "replica dupe ZORVEX-FAKES";
	size_t n, i, before;
	int rep = 0, dupe = 0, mine_hit = 0;

	(void)state;
	assert_int_equal(td_cue_list_add_builtin(&l, "en", NULL), 0);
	before = l.n;
	assert_int_equal(
		td_cue_list_parse(&l, "ws/cues.tsv", mine, strlen(mine), NULL),
		0);
	assert_int_equal(l.n, before + 1);
	m = td_match_new(NULL, 0, &l, 0, NULL);
	s = td_match_scratch_new(m, NULL);
	assert_int_equal(td_match_scan(m, s, text, strlen(text), &h, &n, NULL),
			 0);
	for (i = 0; i < n; i++) {
		const struct td_cue *c = td_match_cue(m, h[i].index);

		if (strcmp(c->word, "REPLICA") == 0) {
			rep = 1;
			assert_true(c->weight == 0.2);
			assert_string_equal(c->file, "ws/cues.tsv");
			assert_int_equal(c->line, 1);
		}
		dupe |= strcmp(c->word, "dupe") == 0;
		mine_hit |= strcmp(c->category, "local_words") == 0;
	}
	assert_true(rep && !dupe && mine_hit);
	td_match_scratch_free(s);
	td_match_free(m);
	td_cue_list_release(&l);
}

/* A cue and a way a listing writes it. */
struct cue_form {
	const char *cue;     /* the cue word */
	const char *written; /* in the listing */
};

/* Cues written with digits or punctuation are found wherever they sit in
 * texts short and long, whether few of them (the strict database is
 * skipped for texts without any of their rarest bytes) or many. */
static void
strict_cues_found(const char *tsv, const struct cue_form *v, size_t nv)
{
	struct td_cue_list l = TD_CUE_LIST_INIT;
	struct td_match *m;
	struct td_match_scratch *s;
	const struct td_match_hit *h;
	const char *pad = "lorem ipsum dolor sit amet consectetur adipiscing";
	char text[256];
	size_t n, i, w, before, after;

	assert_int_equal(td_cue_list_parse(&l, "t.tsv", tsv, strlen(tsv), NULL),
			 0);
	m = td_match_new(NULL, 0, &l, 0, NULL);
	assert_non_null(m);
	s = td_match_scratch_new(m, NULL);
	for (w = 0; w < nv; w++)
		for (before = 0; before < 40; before += 3)
			for (after = 0; after < 40; after += 7) {
				int found = 0;

				snprintf(text, sizeof(text), "%.*s %s %.*s",
					 (int)before, pad, v[w].written,
					 (int)after, pad);
				assert_int_equal(td_match_scan(m, s, text,
							       strlen(text), &h,
							       &n, NULL),
						 0);
				for (i = 0; i < n; i++)
					found |= h[i].cue &&
						 strcmp(td_match_cue(m,
								     h[i].index)
								->word,
							v[w].cue) == 0;
				if (!found)
					fail_msg("[%s] not found in [%s]",
						 v[w].cue, text);
			}
	assert_int_equal(td_match_scan(m, s, pad, strlen(pad), &h, &n, NULL),
			 0);
	assert_int_equal(n, 0);
	td_match_scratch_free(s);
	td_match_free(m);
	td_cue_list_release(&l);
}

static void
test_match__strict_cues_found_anywhere(void **state)
{
	static const struct cue_form few[] = {
		{"1:1", "1:1"},
		{"1:1", "\xEF\xBC\x91\xEF\xBC\x9A\xEF\xBC\x91"},
		{"wa.me", "WA.ME"},
		{"1 to 1", "1 to 1"},
		{"1比1", "1比1"},
	};
	static const char *const many[] = {
		"a+b", "c#d", "e%f", "g&h", "k/m", "n=p",
		"q?r", "s~t", "u^v", "w*x", "y!z", "1:1",
	};
	const char *few_tsv = "1:1\t0.9\treplica\n"
			      "wa.me\t0.8\tcontact\n"
			      "1 to 1\t0.6\treplica\n"
			      "1比1\t0.9\treplica\n";
	struct cue_form mv[TD_ARRAY_LEN(many)];
	struct td_buf many_tsv = TD_BUF_INIT;
	size_t i;

	(void)state;
	strict_cues_found(few_tsv, few, TD_ARRAY_LEN(few));
	/* More distinct bytes than the filter holds: always scanned. */
	for (i = 0; i < TD_ARRAY_LEN(many); i++) {
		td_buf_addf(&many_tsv, "%s\t0.5\treplica\n", many[i]);
		mv[i].cue = mv[i].written = many[i];
	}
	strict_cues_found(many_tsv.data, mv, TD_ARRAY_LEN(mv));
	td_buf_release(&many_tsv);
}

static void
test_match__garbage_never_crashes(void **state)
{
	const struct td_match_term terms[] = {
		{"Louis Vuitton", NULL, TD_TERM_MARK, 0, 0},
		{"Gucci", NULL, TD_TERM_MARK, 0, 0},
		{"铁木工坊", NULL, TD_TERM_NAME_ZH, 0, 0},
	};
	struct td_match *m = td_match_new(terms, 3, builtin_cues(), 0, NULL);
	struct td_match_scratch *s = td_match_scratch_new(m, NULL);
	const char alphabet[] = "gucilosvt 1:0.-\xe9\x93\x81\xff\x80 A";
	char buf[600];
	uint32_t x = 99;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t len = (size_t)round % sizeof(buf), i, k;
		const struct td_match_hit *h;

		for (i = 0; i < len; i++) {
			x = x * 1664525 + 1013904223;
			buf[i] = round % 2 ? (char)(x >> 24)
					   : alphabet[(x >> 16) %
						      (sizeof(alphabet) - 1)];
		}
		assert_int_equal(td_match_scan(m, s, buf, len, &h, &k, NULL),
				 0);
		for (i = 0; i < k; i++) {
			assert_true(h[i].start < h[i].end);
			assert_true(h[i].end <= len);
		}
	}
	td_match_scratch_free(s);
	td_match_free(m);
}

static int
teardown(void **state)
{
	(void)state;
	td_cue_list_release(builtin_cues());
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__cases_table),
		cmocka_unit_test(test_match__one_pass_over_many_terms),
		cmocka_unit_test(
			test_match__text_at_the_end_of_readable_memory),
		cmocka_unit_test(test_match__texts_at_once_equal_one_by_one),
		cmocka_unit_test(test_match__distinctiveness_orders_terms),
		cmocka_unit_test(test_match__weak_terms_get_no_near_variants),
		cmocka_unit_test(test_match__bad_terms_are_named),
		cmocka_unit_test(test_match__cue_lists_report_file_line_field),
		cmocka_unit_test(test_match__workspace_cues_override_builtin),
		cmocka_unit_test(test_match__strict_cues_found_anywhere),
		cmocka_unit_test(test_match__garbage_never_crashes),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
