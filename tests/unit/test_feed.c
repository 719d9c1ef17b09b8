/* Listing feeds: NDJSON and CSV, bad lines, huge lines, garbage. */
#include "unit.h"

#include "core/feed.h"

/* A reader over a copy of text (kept alive in *buf until closed). */
static struct td_feed *
open_text(const char *text, size_t len, const char *name, int format,
	  unsigned flags, FILE **f, struct td_err *err)
{
	*f = fmemopen((void *)(uintptr_t)text, len, "rb");
	assert_non_null(*f);
	return td_feed_open(*f, name, format, flags, err);
}

/*
 * Read everything; write one line per result to out: "ok LINE ID" or
 * "err MESSAGE".
 */
static void
read_all(struct td_feed *r, char *out, size_t cap)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_listing *l;
	size_t n = 0;
	int rc, guard = 0;

	out[0] = '\0';
	while (guard++ < 100000) {
		rc = td_feed_next(r, &l, &err);
		if (rc < 0) {
			n += (size_t)snprintf(out + n, cap - n, "err %s\n",
					      err.msg);
			if (rc == TD_EIO)
				break;
			continue;
		}
		if (!l)
			break;
		n += (size_t)snprintf(out + n, cap - n, "ok %lu %s\n", l->line,
				      l->id);
	}
}

static const char good[] =
	"{\"platform\": \"taobao\", \"id\": \"652331\", \"url\": "
	"\"https://item.taobao.com/item.htm?id=652331\", \"title\": "
	"\"\xe9\x90\xb5\xe6\x9c\xa8\xe5\xb7\xa5\xe5\x9d\x8a \\u9ad8\\u4eff\", "
	"\"description\": \"line\\none\", \"price\": 1280, \"currency\": "
	"\"CNY\", \"seller\": {\"id\": \"s-991\", \"name\": \"\xe4\xb8\x9c\", "
	"\"phone\": \"+86 138 0000 0000\", \"email\": null, \"address\": "
	"\"a\", \"company\": \"c\", \"rating\": 4.5}, \"ship_from\": \"CN\", "
	"\"ships_to\": [\"CN\", \"US\"], \"sales\": 37, \"images\": "
	"[\"img/l-1.jpg\"], \"image_pdq\": "
	"[\"d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22\""
	"], \"captured_at\": \"2026-11-20T10:00:00Z\", \"extra\": [1, {\"x\": "
	"[true, false, null, -1.5e3]}]}";

static void
check_good(const struct td_listing *l)
{
	assert_string_equal(l->platform, "taobao");
	assert_string_equal(l->id, "652331");
	assert_string_equal(l->url,
			    "https://item.taobao.com/item.htm?id=652331");
	assert_string_equal(l->title, "\xe9\x90\xb5\xe6\x9c\xa8\xe5\xb7\xa5"
				      "\xe5\x9d\x8a \xe9\xab\x98\xe4\xbb\xbf");
	assert_int_equal(l->title_len, strlen(l->title));
	assert_string_equal(l->description, "line\none");
	assert_true(l->has_price && l->price == 1280);
	assert_string_equal(l->currency, "CNY");
	assert_string_equal(l->seller.id, "s-991");
	assert_string_equal(l->seller.name, "\xe4\xb8\x9c");
	assert_string_equal(l->seller.phone, "+86 138 0000 0000");
	assert_null(l->seller.email);
	assert_string_equal(l->seller.company, "c");
	assert_string_equal(l->ship_from, "CN");
	assert_int_equal(l->nships_to, 2);
	assert_string_equal(l->ships_to[1], "US");
	assert_int_equal(l->sales, 37);
	assert_int_equal(l->nimages, 1);
	assert_string_equal(l->images[0], "img/l-1.jpg");
	assert_int_equal(l->nimage_pdq, 1);
	assert_true(l->has_captured_at);
	assert_int_equal(l->captured_at, 1795168800);
}

static void
test_feed__ndjson_listing_has_every_field(void **state)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_listing *l;
	unsigned flags;
	FILE *f;

	(void)state;
	for (flags = 0; flags <= TD_FEED_JANSSON; flags += TD_FEED_JANSSON) {
		struct td_feed *r = open_text(good, strlen(good), "x.ndjson", 0,
					      flags, &f, &err);

		assert_non_null(r);
		assert_int_equal(td_feed_format(r), TD_FEED_NDJSON);
		assert_int_equal(td_feed_next(r, &l, &err), 0);
		assert_non_null(l);
		check_good(l);
		assert_int_equal(l->line, 1);
		assert_int_equal(td_feed_next(r, &l, &err), 0);
		assert_null(l);
		assert_int_equal(td_feed_bytes(r), strlen(good));
		td_feed_close(r);
		fclose(f);
	}
}

static void
test_feed__bad_lines_are_reported_and_skipped(void **state)
{
	static const char text[] =
		"{\"platform\":\"t\",\"id\":\"1\",\"title\":\"a\"}\n"
		"{\"platform\":\"t\",\"id\":\"2\",\"title\":\"a\",\"price\":"
		"\"9\"}\n"
		"\n"
		"{\"platform\":\"t\",\"id\":\"3\",\"title\":\"a\",\"price\":9}"
		"\n"
		"{\"platform\":\"t\",\"title\":\"a\"}\n"
		"{\"platform\":\"t\",\"id\":\"5\",\"title\":\"a\",}\n"
		"{\"platform\":\"t\",\"id\":\"6\",\"title\":\"a\",\"currency\":"
		"\"RMB\"}\n"
		"{\"platform\":\"t\",\"id\":\"7\",\"title\":\"\"}\n"
		"not json\n"
		"{\"platform\":\"t\",\"id\":\"9\",\"title\":\"a\",\"ships_to\":"
		"\"CN\"}\n"
		"{\"platform\":\"t\",\"id\":10,\"title\":\"a\",\"sales\":-1}\n"
		"{\"platform\":\"t\",\"id\":\"11\",\"title\":\"a\xff\"}\n"
		"{\"platform\":\"t\",\"id\":\"12\",\"title\":\"a\",\"id\":"
		"\"x\"}\n"
		"[1]\n"
		"{\"platform\":\"Tao\",\"id\":\"14\",\"title\":\"a\"}\n"
		"{\"platform\":\"t\",\"id\":\"15\",\"title\":\"a\\u0000\"}\n"
		"{\"platform\":\"t\",\"id\":\"16\",\"title\":\"a\",\"captured_"
		"at\":"
		"\"yesterday\"}\n"
		"{\"platform\":\"t\",\"id\":\"17\",\"title\":\"a\",\"seller\":"
		"{\"phone\":5}}\n"
		"{\"platform\":\"t\",\"id\":\"18\",\"title\":\"last\"}";
	static const char want[] =
		"ok 1 1\n"
		"err f.ndjson:2: price: must be a number, not a string\n"
		"err f.ndjson:4: currency: missing (required with price)\n"
		"err f.ndjson:5: id: missing\n"
		"err f.ndjson:6: invalid JSON at byte 38: expected a key\n"
		"err f.ndjson:7: currency: \"RMB\" is not an ISO 4217 currency "
		"code\n"
		"err f.ndjson:8: title: empty\n"
		"err f.ndjson:9: invalid JSON at byte 1: a listing must be a "
		"JSON object\n"
		"err f.ndjson:10: ships_to: must be an array, not a string\n"
		"err f.ndjson:11: sales: must be a whole number 0 or more\n"
		"err f.ndjson:12: title: not valid UTF-8\n"
		"err f.ndjson:13: id: given twice\n"
		"err f.ndjson:14: invalid JSON at byte 1: a listing must be a "
		"JSON object\n"
		"err f.ndjson:15: platform: \"Tao\" is not a platform name "
		"(lower-case letters, digits, . _ -)\n"
		"err f.ndjson:16: title: contains a NUL character\n"
		"err f.ndjson:17: captured_at: \"yesterday\" is not an ISO "
		"8601 "
		"time (2026-11-20T10:00:00Z)\n"
		"err f.ndjson:18: seller.phone: must be a string, not a "
		"number\n"
		"ok 19 18\n";
	char out[8192];
	FILE *f;
	struct td_feed *r =
		open_text(text, sizeof(text) - 1, "f.ndjson", 0, 0, &f, NULL);

	(void)state;
	read_all(r, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(td_feed_lines(r), 19);
	td_feed_close(r);
	fclose(f);
}

static void
test_feed__csv_quoted_fields_span_lines(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBFplatform,id,title,description,price,currency,"
		"seller_name,seller_phone,ships_to,images,sales,unknown\r\n"
		"taobao,1,\"Ironwood, \"\"oak\"\" table\",\"two\nlines\",1280,"
		"CNY,\xe4\xb8\x9c,+86 1,CN|US,a.jpg | b.jpg,37,x\r\n"
		"taobao,2,t,,abc,CNY,,,,,,\n"
		"taobao,3,\"multi\n\nline\",d,,,,,,,,\n"
		"taobao,4,t,d,,,,,XX,,,\n"
		"taobao,5,t\n"
		"taobao,6,\"bad\"x,,,,,,,,,\n"
		"taobao,7,ok,,,,,,,,,";
	static const char want[] =
		"ok 2 1\n"
		"err c.csv:4: price: \"abc\" is not a number\n"
		"ok 5 3\n"
		"err c.csv:8: ships_to: \"XX\" is not an ISO 3166 country "
		"code\n"
		"err c.csv:9: expected 12 fields, found 3\n"
		"err c.csv:10: field 3: text after the closing quote\n"
		"ok 11 7\n";
	struct td_err err = TD_ERR_INIT;
	const struct td_listing *l;
	char out[4096];
	FILE *f;
	struct td_feed *r =
		open_text(text, sizeof(text) - 1, "c.csv", 0, 0, &f, &err);

	(void)state;
	assert_non_null(r);
	assert_int_equal(td_feed_format(r), TD_FEED_CSV);
	assert_int_equal(td_feed_next(r, &l, &err), 0);
	assert_string_equal(l->title, "Ironwood, \"oak\" table");
	assert_string_equal(l->description, "two\nlines");
	assert_true(l->price == 1280);
	assert_string_equal(l->seller.name, "\xe4\xb8\x9c");
	assert_int_equal(l->nships_to, 2);
	assert_int_equal(l->nimages, 2);
	assert_string_equal(l->images[1], "b.jpg");
	assert_int_equal(l->sales, 37);
	assert_null(l->url);
	td_feed_close(r);
	fclose(f);
	r = open_text(text, sizeof(text) - 1, "c.csv", 0, 0, &f, &err);
	read_all(r, out, sizeof(out));
	assert_string_equal(out, want);
	td_feed_close(r);
	fclose(f);
}

static void
test_feed__csv_header_errors(void **state)
{
	struct td_err err = TD_ERR_INIT;
	FILE *f;

	(void)state;
	assert_null(open_text("platform,id,price\n", 18, "h.csv", TD_FEED_CSV,
			      0, &f, &err));
	assert_string_equal(err.msg,
			    "h.csv:1: title: column missing from the header");
	fclose(f);
	assert_null(open_text("platform,id,title,id\n", 21, "h.csv", 0, 0, &f,
			      &err));
	assert_string_equal(err.msg, "h.csv:1: id: column given twice");
	fclose(f);
	assert_null(open_text("", 0, "h.csv", 0, 0, &f, &err));
	assert_string_equal(err.msg, "h.csv: no header row");
	fclose(f);
}

static void
test_feed__empty_input_and_stdin_name(void **state)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_listing *l;
	struct td_feed *r;
	FILE *f;

	(void)state;
	r = open_text("\n\n  \n", 5, "e.ndjson", 0, 0, &f, &err);
	assert_int_equal(td_feed_next(r, &l, &err), 0);
	assert_null(l);
	td_feed_close(r);
	fclose(f);
	/* No name suffix: the first byte says NDJSON. */
	r = open_text(" {\"platform\":1}", 15, "-", 0, 0, &f, &err);
	assert_int_equal(td_feed_format(r), TD_FEED_NDJSON);
	assert_int_equal(td_feed_next(r, &l, &err), TD_EINVAL);
	assert_string_equal(err.msg, "<stdin>:1: platform: must be a string, "
				     "not a number");
	td_feed_close(r);
	fclose(f);
}

/* A line over the limit is skipped and the next one read. */
static void
huge_line(int csv)
{
	size_t big = TD_FEED_LINE_MAX + 100000, n = 0;
	char *text = malloc(big + 400), out[1024];
	const char *head =
		csv ? "platform,id,title\nt,1,a\n"
		    : "{\"platform\":\"t\",\"id\":\"1\",\"title\":\"a\"}\n";
	FILE *f;
	struct td_feed *r;

	n = (size_t)snprintf(text, 400, "%s", head);
	{
		const char *p =
			csv ? "t,2,\""
			    : "{\"platform\":\"t\",\"id\":\"2\",\"title\":\"";

		memcpy(text + n, p, strlen(p));
		n += strlen(p);
	}
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)snprintf(text + n, 400,
			      csv ? "\"\nt,3,c\n"
				  : "\"}\n{\"platform\":\"t\",\"id\":"
				    "\"3\",\"title\":\"c\"}\n");
	r = open_text(text, n, csv ? "h.csv" : "h.ndjson", 0, 0, &f, NULL);
	assert_non_null(r);
	read_all(r, out, sizeof(out));
	if (csv)
		assert_string_equal(out, "ok 2 1\nerr h.csv:3: record longer "
					 "than 1048576 bytes skipped\nok 4 "
					 "3\n");
	else
		assert_string_equal(out, "ok 1 1\nerr h.ndjson:2: line longer "
					 "than 1048576 bytes skipped\nok 3 "
					 "3\n");
	td_feed_close(r);
	fclose(f);
	free(text);
}

static void
test_feed__huge_lines_resync(void **state)
{
	(void)state;
	huge_line(0);
	huge_line(1);
}

static void
test_feed__garbage_never_crashes(void **state)
{
	size_t n = 200000, i;
	char *buf = malloc(n), out[1 << 16];
	uint32_t x = 7;
	int csv;

	(void)state;
	for (csv = 0; csv < 2; csv++) {
		struct td_err err = TD_ERR_INIT;
		const struct td_listing *l;
		struct td_feed *r;
		FILE *f;
		int rc, guard = 0;

		for (i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			buf[i] = (char)(x >> 16);
			if ((x & 0xF000) == 0)
				buf[i] = '\n';
			if ((x & 0xF000) == 0x1000)
				buf[i] = csv ? ',' : '{';
		}
		if (csv)
			memcpy(buf, "platform,id,title\n", 18);
		r = open_text(buf, n, csv ? "g.csv" : "g.ndjson", 0, 0, &f,
			      &err);
		assert_non_null(r);
		while (guard++ < 1000000) {
			rc = td_feed_next(r, &l, &err);
			if (rc < 0) {
				assert_non_null(strstr(
					err.msg, csv ? "g.csv:" : "g.ndjson:"));
				continue;
			}
			if (!l)
				break;
		}
		assert_true(guard < 1000000);
		assert_true(td_feed_bytes(r) == n);
		td_feed_close(r);
		fclose(f);
	}
	(void)out;
	free(buf);
}

/* Mutations of a good line: both parsers accept or reject alike. */
static void
test_feed__parser_agrees_with_jansson(void **state)
{
	size_t len = strlen(good), n = 0, agree = 0, accepted = 0;
	char *line = malloc(len + 8);
	uint32_t x = 1;
	int round;

	(void)state;
	for (round = 0; round < 4000; round++) {
		struct td_err e1 = TD_ERR_INIT, e2 = TD_ERR_INIT;
		const struct td_listing *l1, *l2;
		struct td_feed *r1, *r2;
		FILE *f1, *f2;
		int rc1, rc2, k;
		size_t m = len;

		memcpy(line, good, len);
		for (k = 0; k < 1 + round % 3; k++) {
			size_t at;

			x = x * 1664525 + 1013904223;
			at = (x >> 8) % m;
			switch ((x >> 4) % 4) {
			case 0: /* delete a byte */
				memmove(line + at, line + at + 1, m - at - 1);
				m--;
				break;
			case 1: /* a JSON-ish byte */
				line[at] = "{}[]\":,\\ 0-.eEtnu\x01"[(x >> 20) %
								     19];
				break;
			case 2: /* any byte but a newline */
				line[at] = (char)(x >> 24);
				if (line[at] == '\n')
					line[at] = ' ';
				break;
			default: /* swap two bytes */
				if (at + 1 < m) {
					char c = line[at];

					line[at] = line[at + 1];
					line[at + 1] = c;
				}
				break;
			}
		}
		r1 = open_text(line, m, "m.ndjson", 0, 0, &f1, NULL);
		r2 = open_text(line, m, "m.ndjson", 0, TD_FEED_JANSSON, &f2,
			       NULL);
		rc1 = td_feed_next(r1, &l1, &e1);
		rc2 = td_feed_next(r2, &l2, &e2);
		n++;
		if ((rc1 == 0) == (rc2 == 0)) {
			agree++;
			if (rc1 == 0 && l1 && l2) {
				accepted++;
				assert_string_equal(l1->id, l2->id);
				assert_string_equal(l1->title, l2->title);
				assert_true(l1->price == l2->price);
				assert_int_equal(l1->nships_to, l2->nships_to);
				assert_int_equal(l1->sales, l2->sales);
			}
		} else {
			print_error("disagree: own %d [%s] jansson %d [%s] on "
				    "%.*s\n",
				    rc1, e1.msg, rc2, e2.msg, (int)m, line);
		}
		td_feed_close(r1);
		td_feed_close(r2);
		fclose(f1);
		fclose(f2);
	}
	assert_int_equal(agree, n);
	assert_true(accepted > 100);
	free(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed__ndjson_listing_has_every_field),
		cmocka_unit_test(test_feed__bad_lines_are_reported_and_skipped),
		cmocka_unit_test(test_feed__csv_quoted_fields_span_lines),
		cmocka_unit_test(test_feed__csv_header_errors),
		cmocka_unit_test(test_feed__empty_input_and_stdin_name),
		cmocka_unit_test(test_feed__huge_lines_resync),
		cmocka_unit_test(test_feed__garbage_never_crashes),
		cmocka_unit_test(test_feed__parser_agrees_with_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
