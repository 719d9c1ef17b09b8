/*
 * td_jsonw: JSON text written without a tree must be what jansson writes
 * for the same values (byte for byte for strings and integers, the same
 * double for reals).
 */
#include "unit.h"

#include <float.h>
#include <jansson.h>
#include <math.h>

#include "core/jsonw.h"
#include "core/util.h"

/* A deterministic generator, so a failure repeats. */
static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* jansson's compact text of j, for comparison. */
static char *
dump(json_t *j, size_t flags)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | flags);

	assert_non_null(s);
	json_decref(j);
	return s;
}

static void
check_string(const char *s, size_t n)
{
	struct td_buf b = TD_BUF_INIT;
	char *want = dump(json_stringn(s, n), 0);

	td_jsonw_str(&b, s, n);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	free(want);
	td_buf_release(&b);
}

static void
test_jsonw__strings_escape_as_jansson_does(void **state)
{
	static const char *const fixed[] = {
		"",
		"a",
		"plain ASCII text longer than eight bytes",
		"quote \" backslash \\ slash / tab \t newline \n",
		"\x01\x02\x1f\x7f control",
		"\xe9\x90\xb5\xe6\x9c\xa8\xe5\xb7\xa5\xe5\x9d\x8a \xe9\xab\x98",
		"\xe2\x80\x8b zero width, \xf0\x9f\x98\x80 emoji",
		"\"\"\"\"\"\"\"\"\"", /* nine quotes: a full word and a tail */
	};
	char buf[64];
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < TD_ARRAY_LEN(fixed); i++)
		check_string(fixed[i], strlen(fixed[i]));
	/* Every ASCII byte but NUL, alone and at each place of a word. */
	for (i = 1; i < 128; i++)
		for (k = 0; k < 17; k++) {
			memset(buf, 'x', sizeof(buf));
			buf[k] = (char)i;
			check_string(buf, k + 1 + (k % 5));
		}
	/* Random strings of ASCII, escapes and UTF-8, of every length. */
	for (i = 0; i < 20000; i++) {
		size_t n = next(&seed) % 40, j = 0;

		while (j < n) {
			uint64_t r = next(&seed) % 10;

			if (r < 6) {
				buf[j++] = (char)(0x20 + next(&seed) % 95);
			} else if (r < 8) {
				buf[j++] = (char)(1 + next(&seed) % 31);
			} else if (j + 3 <= n) {
				buf[j++] = '\xe4';
				buf[j++] = (char)(0x80 + next(&seed) % 64);
				buf[j++] = (char)(0x80 + next(&seed) % 64);
			} else {
				buf[j++] = '"';
			}
		}
		check_string(buf, n);
	}
}

static void
check_real(double v)
{
	struct td_buf b = TD_BUF_INIT;
	json_error_t je;
	json_t *j;

	td_jsonw_real(&b, v);
	j = json_loads(b.data, JSON_DECODE_ANY, &je);
	assert_non_null(j);
	if (!json_is_real(j) || json_real_value(j) != v)
		fail_msg("%.17g written as %s", v, b.data);
	json_decref(j);
	td_buf_release(&b);
}

static void
test_jsonw__reals_read_back_the_same(void **state)
{
	static const double fixed[] = {
		0,       1,       -1,      0.3,        0.371,
		890,     4500,    48.07,   0.005,      0.05,
		0.5,     12.345,  -0.125,  1e15,       1e16,
		1e-7,    1.5e-7,  1e300,   -1e-300,    DBL_MAX,
		DBL_MIN, 1.0 / 3, 2.0 / 3, 1234567.89, 0.1 + 0.2,
	};
	uint64_t seed = 42;
	size_t i;

	(void)state;
	for (i = 0; i < TD_ARRAY_LEN(fixed); i++)
		check_real(fixed[i]);
	for (i = 0; i < 100000; i++) {
		uint64_t r = next(&seed);
		double v;

		switch (i % 4) {
		case 0: /* scores and ratios: thousandths */
			v = floor((double)(r % 2000000) + 0.5) / 1000;
			break;
		case 1: /* prices in cents */
			v = (double)(r % 100000000) / 100;
			break;
		case 2: /* anything in 0..1 */
			v = (double)(r >> 11) / 9007199254740992.0;
			break;
		default: /* any finite double */
			memcpy(&v, &r, sizeof(v));
			if (!isfinite(v))
				v = 0;
			break;
		}
		check_real(v);
	}
}

static void
test_jsonw__short_reals_are_janssons_text(void **state)
{
	uint64_t seed = 7;
	size_t i;

	(void)state;
	/* What the scan writes (thousandths up to 6 digits) is what
	 * jansson's dump with 6 digits of precision wrote before. */
	for (i = 0; i < 20000; i++) {
		double v = floor((double)(next(&seed) % 1000000) + 0.5) / 1000;
		struct td_buf b = TD_BUF_INIT;
		char *want = dump(json_real(v), JSON_REAL_PRECISION(6));

		td_jsonw_real(&b, v);
		assert_string_equal(b.data, want);
		free(want);
		td_buf_release(&b);
	}
}

static void
test_jsonw__ints_and_separators(void **state)
{
	static const int64_t v[] = {0,  1,         -1,        9,
				    10, 123456789, INT64_MAX, INT64_MIN};
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < TD_ARRAY_LEN(v); i++) {
		char *want = dump(json_integer(v[i]), 0);

		td_buf_reset(&b);
		td_jsonw_int(&b, v[i]);
		assert_string_equal(b.data, want);
		free(want);
	}
	td_buf_reset(&b);
	td_jsonw_raw(&b, "{", 1);
	td_jsonw_key(&b, "a");
	td_jsonw_raw(&b, "[", 1);
	td_jsonw_sep(&b);
	td_jsonw_cstr(&b, NULL);
	td_jsonw_sep(&b);
	td_jsonw_int(&b, 2);
	td_jsonw_raw(&b, "]", 1);
	td_jsonw_key(&b, "b");
	td_jsonw_cstr(&b, "x");
	td_jsonw_raw(&b, "}", 1);
	assert_string_equal(b.data, "{\"a\":[null,2],\"b\":\"x\"}");
	td_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonw__strings_escape_as_jansson_does),
		cmocka_unit_test(test_jsonw__reals_read_back_the_same),
		cmocka_unit_test(test_jsonw__short_reals_are_janssons_text),
		cmocka_unit_test(test_jsonw__ints_and_separators),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
