/* The normaliser: tests/cases/text.tsv and the map back to the text. */
#include "cases.h"

#include "core/text.h"

static int bad_rows;

static void
text_row(const struct case_row *row, void *ctx)
{
	struct td_text *t = ctx;
	struct td_err err = TD_ERR_INIT;

	assert_int_equal(td_text_normalize(t, row->f[0], row->len[0],
					   TD_TEXT_WANT_NORM, &err),
			 0);
	if (t->norm_len != row->len[1] ||
	    memcmp(t->norm, row->f[1], row->len[1]) != 0 ||
	    (row->nf > 2 && (t->key_len != row->len[2] ||
			     memcmp(t->key, row->f[2], row->len[2]) != 0))) {
		print_error("text.tsv:%lu: got norm [%s] key [%s], want [%s] "
			    "[%s]\n",
			    row->line, t->norm, t->key, row->f[1],
			    row->nf > 2 ? row->f[2] : "");
		bad_rows++;
	}
}

static void
test_text__cases_table(void **state)
{
	struct td_text t = TD_TEXT_INIT;

	(void)state;
	bad_rows = 0;
	assert_true(cases_run("text.tsv", 2, text_row, &t) >= 30);
	assert_int_equal(bad_rows, 0);
	td_text_release(&t);
	td_text_release(&t);
}

/* td_text_norm_add() with a reused scratch gives td_text_norm_string(). */
static void
norm_add_row(const struct case_row *row, void *ctx)
{
	struct td_text *t = ctx;
	struct td_buf a = TD_BUF_INIT, b = TD_BUF_INIT;

	td_buf_addstr(&a, "<");
	td_buf_addstr(&b, "<");
	assert_int_equal(td_text_norm_add(t, row->f[0], row->len[0], &a, NULL),
			 0);
	assert_int_equal(td_text_norm_string(row->f[0], row->len[0], &b, NULL),
			 0);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
		print_error("text.tsv:%lu: norm_add [%s], norm_string [%s]\n",
			    row->line, a.data, b.data);
		bad_rows++;
	}
	td_buf_release(&a);
	td_buf_release(&b);
}

static void
test_text__norm_add_is_norm_string(void **state)
{
	struct td_text t = TD_TEXT_INIT;
	struct case_row row;
	char buf[64];
	uint64_t seed = 12345;
	int i, k;

	(void)state;
	bad_rows = 0;
	assert_true(cases_run("text.tsv", 2, norm_add_row, &t) >= 30);
	/* Random ASCII, control characters included (the fast path), and
	 * the same with a non-ASCII character (the other path). */
	memset(&row, 0, sizeof(row));
	row.nf = 1;
	row.f[0] = buf;
	for (i = 0; i < 5000; i++) {
		size_t n = (size_t)(i % 40);

		for (k = 0; k < (int)n; k++) {
			seed = seed * 6364136223846793005ULL + 1;
			buf[k] = (char)(1 + (seed >> 33) % 127);
		}
		if (i % 3 == 0 && n >= 2) {
			buf[n - 2] = '\xc3';
			buf[n - 1] = '\x89';
		}
		buf[n] = '\0';
		row.len[0] = n;
		row.line = (unsigned long)i;
		norm_add_row(&row, &t);
	}
	assert_int_equal(bad_rows, 0);
	td_text_release(&t);
}

/* Every key and norm byte maps into the text, in order; brk lists every
 * token start and nothing else. */
static void
check_maps(const struct td_text *t, size_t len)
{
	size_t i, nb = 0;

	for (i = 0; i < t->key_len; i++) {
		assert_true(t->key_start[i] < t->key_end[i]);
		assert_true(t->key_end[i] <= len);
		if (i)
			assert_true(t->key_start[i] >= t->key_start[i - 1]);
		if (t->info[i] & TD_TEXT_K_BREAK) {
			assert_true(nb < t->nbrk);
			assert_int_equal(t->brk[nb], i);
			nb++;
		}
	}
	assert_int_equal(nb, t->nbrk);
	for (i = 0; t->norm && i < t->norm_len; i++) {
		assert_true(t->norm_start[i] < t->norm_end[i]);
		assert_true(t->norm_end[i] <= len);
	}
	assert_true(t->key_len == 0 || (t->info[0] & TD_TEXT_K_BREAK));
}

static void
test_text__map_quotes_the_original(void **state)
{
	/* Full-width G u, a zero-width space, then Traditional Chinese. */
	const char *s = "buy \xEF\xBC\xA7\xEF\xBD\x95\xE2\x80\x8B"
			"cci bag \xE9\x90\xB5\xE6\x9C\xA8!";
	struct td_text t = TD_TEXT_INIT;
	size_t a, b;
	char *g;

	(void)state;
	assert_int_equal(td_text_normalize(&t, s, strlen(s), 0, NULL), 0);
	check_maps(&t, strlen(s));
	g = strstr(t.key, "guccl");
	assert_non_null(g);
	td_text_key_span(&t, (size_t)(g - t.key), (size_t)(g - t.key) + 5, &a,
			 &b);
	assert_int_equal(b - a, strlen("\xEF\xBC\xA7\xEF\xBD\x95\xE2\x80\x8B"
				       "cci"));
	assert_memory_equal(s + a, "\xEF\xBC\xA7\xEF\xBD\x95", 6);
	/* The flags tell how it was written. */
	assert_true(t.info[g - t.key] & TD_TEXT_K_WIDTH);
	assert_true(t.info[g - t.key + 2] & TD_TEXT_K_ZW);
	g = strstr(t.key, "\xE9\x93\x81"); /* 铁 */
	assert_non_null(g);
	assert_true(t.info[g - t.key] & TD_TEXT_K_TRAD);
	assert_true(t.info[g - t.key] & TD_TEXT_K_CJK);
	td_text_key_span(&t, (size_t)(g - t.key), (size_t)(g - t.key) + 6, &a,
			 &b);
	assert_memory_equal(s + a, "\xE9\x90\xB5\xE6\x9C\xA8", 6);
	assert_int_equal(b - a, 6);
	td_text_release(&t);
}

static void
test_text__breaks_say_what_separated(void **state)
{
	struct td_text t = TD_TEXT_INIT;

	(void)state;
	assert_int_equal(td_text_normalize(&t, "ab c-d.e1", 9, 0, NULL), 0);
	assert_string_equal(t.key, "abcdel");
	assert_int_equal(t.info[0] & (TD_TEXT_K_BREAK | TD_TEXT_K_SPACE),
			 TD_TEXT_K_BREAK);
	assert_false(t.info[1] & TD_TEXT_K_BREAK);
	assert_true(t.info[2] & TD_TEXT_K_SPACE);
	assert_true(t.info[3] & TD_TEXT_K_HYPHEN);
	assert_true(t.info[4] & TD_TEXT_K_BREAK);
	assert_false(t.info[4] & (TD_TEXT_K_HYPHEN | TD_TEXT_K_SPACE));
	assert_true(t.info[5] & TD_TEXT_K_DIGIT);
	assert_true(t.info[5] & TD_TEXT_K_LEET);
	td_text_release(&t);
}

static void
test_text__t2s_uses_opencc(void **state)
{
	(void)state;
	assert_int_equal(td_text_setup(NULL), 0);
	assert_int_equal(td_text_t2s(0x9435), 0x94C1); /* 鐵 -> 铁 */
	assert_int_equal(td_text_t2s(0x55AE), 0x5355); /* 單 -> 单 */
	assert_int_equal(td_text_t2s(0x94C1), 0x94C1);
	assert_int_equal(td_text_t2s('a'), 'a');
	/* The supplementary planes' table is built on first use. */
	assert_int_equal(td_text_t2s(0x2005E), 0x2003E);
	assert_int_equal(td_text_t2s(0x2040A), 0x2B74B);
	assert_int_equal(td_text_t2s(0x20000), 0x20000);
	assert_true(td_text_is_cjk(0x4E00));
	assert_false(td_text_is_cjk('a'));
}

/*
 * The key view is the same whether the norm view is built too (byte by
 * byte) or not (words sixteen bytes at a time): random texts of words
 * short and long, digits, look-alike digits and symbols, separators and
 * now and then a non-ASCII character.
 */
static void
test_text__key_view_same_with_and_without_norm(void **state)
{
	static const char *const parts[] = {
		"a",
		"Ironwood",
		"0",
		"1",
		"3",
		"5",
		"i",
		"I",
		"x9",
		" ",
		"  ",
		"-",
		".",
		"/",
		"@",
		"$",
		"|",
		"\t",
		"Z",
		"q",
		"\xC3\xA9",
		"\xE9\x90\xB5",
		"\xD0\xB0",
		"\x01",
		"\x7F",
		"abcdefghijklmnopqrstuvwxyz",
		"AbC012345abcde0123456789XYZ",
	};
	struct td_text a = TD_TEXT_INIT, b = TD_TEXT_INIT;
	char buf[600];
	uint64_t seed = 7;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t n = 0, want = (size_t)(round % 400);

		while (n < want) {
			const char *p;
			size_t len;

			seed = seed * 6364136223846793005ULL + 1;
			p = parts[(seed >> 33) %
				  (sizeof(parts) / sizeof(*parts))];
			len = strlen(p);
			if (n + len >= sizeof(buf))
				break;
			memcpy(buf + n, p, len);
			n += len;
		}
		assert_int_equal(td_text_normalize(&a, buf, n, 0, NULL), 0);
		assert_int_equal(
			td_text_normalize(&b, buf, n, TD_TEXT_WANT_NORM, NULL),
			0);
		assert_int_equal(a.key_len, b.key_len);
		assert_int_equal(a.nbrk, b.nbrk);
		assert_memory_equal(a.key, b.key, a.key_len);
		if (a.key_len) {
			assert_memory_equal(a.info, b.info,
					    a.key_len * sizeof(*a.info));
			assert_memory_equal(a.key_start, b.key_start,
					    a.key_len * sizeof(*a.key_start));
			assert_memory_equal(a.key_end, b.key_end,
					    a.key_len * sizeof(*a.key_end));
		}
		if (a.nbrk)
			assert_memory_equal(a.brk, b.brk,
					    a.nbrk * sizeof(*a.brk));
		check_maps(&a, n);
	}
	td_text_release(&a);
	td_text_release(&b);
}

static void
test_text__garbage_never_crashes(void **state)
{
	struct td_text t = TD_TEXT_INIT;
	unsigned char buf[700];
	uint32_t x = 12345;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t n = (size_t)(round % 700), i;

		for (i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			buf[i] = (unsigned char)(x >> 16);
			/* Mix in valid UTF-8 lead bytes more often. */
			if (round % 3 == 0 && (x & 0x300) == 0)
				buf[i] =
					(unsigned char)(0xC0 | (buf[i] & 0x3F));
		}
		assert_int_equal(
			td_text_normalize(&t, (const char *)buf, n,
					  round & 1 ? TD_TEXT_WANT_NORM : 0,
					  NULL),
			0);
		check_maps(&t, n);
		assert_int_equal(t.key[t.key_len], '\0');
	}
	td_text_release(&t);
}

static void
test_text__long_text_and_reuse(void **state)
{
	struct td_text t = TD_TEXT_INIT;
	size_t n = 1 << 20, i;
	char *s = malloc(n);
	struct td_buf b = TD_BUF_INIT;

	(void)state;
	for (i = 0; i < n; i++)
		s[i] = "Ab \xE9\x90\xB5."[i % 7];
	assert_int_equal(td_text_normalize(&t, s, n, TD_TEXT_WANT_NORM, NULL),
			 0);
	check_maps(&t, n);
	assert_int_equal(td_text_normalize(&t, "x", 1, 0, NULL), 0);
	assert_string_equal(t.key, "x");
	assert_int_equal(td_text_key_string("I-R-O-N", 7, &b, NULL), 0);
	assert_string_equal(b.data, "lron");
	td_buf_reset(&b);
	assert_int_equal(td_text_norm_string("ＡＢ 鐵", 10, &b, NULL), 0);
	assert_string_equal(b.data, "ab 铁");
	td_buf_release(&b);
	td_text_release(&t);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__cases_table),
		cmocka_unit_test(test_text__norm_add_is_norm_string),
		cmocka_unit_test(test_text__map_quotes_the_original),
		cmocka_unit_test(test_text__breaks_say_what_separated),
		cmocka_unit_test(test_text__t2s_uses_opencc),
		cmocka_unit_test(
			test_text__key_view_same_with_and_without_norm),
		cmocka_unit_test(test_text__garbage_never_crashes),
		cmocka_unit_test(test_text__long_text_and_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
