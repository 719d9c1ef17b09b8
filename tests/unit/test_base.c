/* The base modules: td_buf, td_err, dates, codes and the blob store. */
#include "unit.h"

#include "core/blob.h"
#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/err.h"

static void
test_buf__grows_and_stays_terminated(void **state)
{
	struct td_buf b = TD_BUF_INIT;
	int i;

	(void)state;
	assert_string_equal(b.data, "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(td_buf_addf(&b, "%d,", i % 10), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[b.len], '\0');
	td_buf_release(&b);
	td_buf_release(&b);
	assert_string_equal(b.data, "");
}

static void
test_buf__max_refuses_and_keeps_contents(void **state)
{
	struct td_buf b = TD_BUF_INIT;
	char *p;
	size_t n;

	(void)state;
	b.max = 5;
	assert_int_equal(td_buf_addstr(&b, "abc"), 0);
	assert_int_equal(td_buf_addstr(&b, "def"), TD_ETOOBIG);
	assert_string_equal(b.data, "abc");
	p = td_buf_detach(&b, &n);
	assert_int_equal(n, 3);
	assert_string_equal(p, "abc");
	free(p);
	assert_string_equal(b.data, "");
}

static void
test_err__at_names_file_line_field(void **state)
{
	struct td_err err = TD_ERR_INIT;
	int rc;

	(void)state;
	rc = td_errf_at(&err, TD_EINVAL, "feed.ndjson", 12, "price",
			"must be a number, not %s", "\"abc\"");
	assert_int_equal(rc, TD_EINVAL);
	assert_string_equal(
		err.msg,
		"feed.ndjson:12: price: must be a number, not \"abc\"");
	td_err_prefix(&err, "scan");
	assert_string_equal(err.msg, "scan: feed.ndjson:12: price: must be a "
				     "number, not \"abc\"");
	assert_int_equal(td_errf(NULL, TD_EIO, "x"), TD_EIO);
}

static void
test_date__round_trips_and_rejects_bad_days(void **state)
{
	int32_t d;
	char s[TD_DATE_LEN];
	int y, m, dd;

	(void)state;
	assert_int_equal(td_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(td_date_parse("2024-02-29", &d), 0);
	td_date_format(d, s);
	assert_string_equal(s, "2024-02-29");
	assert_int_equal(td_date_weekday(d), 3); /* a Thursday */
	assert_int_equal(td_date_parse("2023-02-29", &d), TD_EINVAL);
	assert_int_equal(td_date_parse("2023-13-01", &d), TD_EINVAL);
	assert_int_equal(td_date_parse("2023-1-01", &d), TD_EINVAL);
	assert_int_equal(td_date_parse("2023-01-01x", &d), TD_EINVAL);
	assert_int_equal(td_date_parse("", &d), TD_EINVAL);
	for (d = -800000; d < 800000; d += 997) {
		td_date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(td_date_from_ymd(y, m, dd), d);
	}
}

static void
test_date__times_with_zones(void **state)
{
	int64_t t;
	char s[TD_TIME_LEN];

	(void)state;
	assert_int_equal(td_time_parse("2026-11-20T10:00:00Z", &t), 0);
	td_time_format(t, s);
	assert_string_equal(s, "2026-11-20T10:00:00Z");
	assert_int_equal(td_time_parse("2026-11-20T18:00:00+08:00", &t), 0);
	td_time_format(t, s);
	assert_string_equal(s, "2026-11-20T10:00:00Z");
	assert_int_equal(td_time_parse("2026-11-20T10:00:00.250Z", &t), 0);
	assert_int_equal(td_time_parse("2026-11-20", &t), 0);
	assert_int_equal(td_time_parse("2026-11-20T10:00:00", &t), TD_EINVAL);
	assert_int_equal(td_time_parse("2026-11-20T25:00:00Z", &t), TD_EINVAL);
}

static void
test_date__spans(void **state)
{
	int32_t n;

	(void)state;
	assert_int_equal(td_span_parse("60d", &n), 0);
	assert_int_equal(n, 60);
	assert_int_equal(td_span_parse("2w", &n), 0);
	assert_int_equal(n, 14);
	assert_int_equal(td_span_parse("45", &n), 0);
	assert_int_equal(n, 45);
	assert_int_equal(td_span_parse("1y", &n), 0);
	assert_int_equal(n, 365);
	assert_int_equal(td_span_parse("-3d", &n), TD_EINVAL);
	assert_int_equal(td_span_parse("3x", &n), TD_EINVAL);
}

static void
test_codes__countries_and_currencies(void **state)
{
	(void)state;
	assert_true(td_country_valid("CN"));
	assert_true(td_country_valid("US"));
	assert_true(td_country_valid("AD"));
	assert_true(td_country_valid("ZW"));
	assert_false(td_country_valid("XX"));
	assert_false(td_country_valid("cn"));
	assert_false(td_country_valid("EM"));
	assert_true(td_jurisdiction_valid("EM"));
	assert_true(td_jurisdiction_valid("WO"));
	assert_false(td_country_valid("C"));
	assert_false(td_country_valid("CNN"));
	/* Every code of both lists is found, and nothing else. */
	{
		char c[4] = {0};
		int a, b, d, n2 = 0, n3 = 0;

		for (a = 'A'; a <= 'Z'; a++)
			for (b = 'A'; b <= 'Z'; b++) {
				c[0] = (char)a;
				c[1] = (char)b;
				c[2] = 0;
				n2 += td_country_valid(c);
				for (d = 'A'; d <= 'Z'; d++) {
					c[2] = (char)d;
					n3 += td_currency_valid(c);
				}
			}
		assert_int_equal(n2, 249);
		assert_int_equal(n3, 181);
	}
	assert_true(td_currency_valid("CNY"));
	assert_true(td_currency_valid("USD"));
	assert_false(td_currency_valid("RMB"));
	assert_false(td_currency_valid(NULL));
}

static void
test_blob__stores_by_hash_and_catches_changes(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_buf path = TD_BUF_INIT;
	char *dir = unit_tmpdir();
	char src[4200], root[4200], hex[TD_SHA256_HEX];
	uint64_t size;
	FILE *f;

	(void)state;
	snprintf(src, sizeof(src), "%s/doc.txt", dir);
	snprintf(root, sizeof(root), "%s/files", dir);
	unit_write(src, "abc");
	assert_int_equal(td_blob_put(root, src, hex, &size, &err), 0);
	/* SHA-256("abc"), FIPS 180-2 appendix B.1 */
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a3"
				 "96177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	assert_int_equal(td_blob_verify(root, hex, &err), 0);
	td_blob_path(root, hex, &path);
	chmod(path.data, 0644);
	f = fopen(path.data, "ab");
	assert_non_null(f);
	fputs("d", f);
	fclose(f);
	assert_int_equal(td_blob_verify(root, hex, &err), TD_ECORRUPT);
	assert_non_null(strstr(err.msg, "has changed"));
	unlink(path.data);
	assert_int_equal(td_blob_verify(root, hex, &err), TD_ECORRUPT);
	assert_non_null(strstr(err.msg, "missing"));
	assert_int_equal(td_blob_put(root, "/nonexistent/x", hex, &size, &err),
			 TD_ENOTFOUND);
	td_buf_release(&path);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf__grows_and_stays_terminated),
		cmocka_unit_test(test_buf__max_refuses_and_keeps_contents),
		cmocka_unit_test(test_err__at_names_file_line_field),
		cmocka_unit_test(test_date__round_trips_and_rejects_bad_days),
		cmocka_unit_test(test_date__times_with_zones),
		cmocka_unit_test(test_date__spans),
		cmocka_unit_test(test_codes__countries_and_currencies),
		cmocka_unit_test(test_blob__stores_by_hash_and_catches_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
