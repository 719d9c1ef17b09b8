/* Complaint templates: fields, lists, flags, and no gaps in a notice. */
#include "unit.h"

#include "core/buf.h"
#include "core/builtin.h"
#include "core/err.h"
#include "core/tmpl.h"

/* Render text; return the output (caller frees) or NULL with err set. */
static char *
render(const char *text, const struct td_tmpl_ctx *ctx, struct td_err *err)
{
	struct td_buf out = TD_BUF_INIT;

	if (td_tmpl_render("t.txt", text, strlen(text), ctx, &out, err) < 0) {
		assert_int_equal(out.len, 0);
		td_buf_release(&out);
		return NULL;
	}
	return td_buf_detach(&out, NULL);
}

static void
expect(const char *text, const struct td_tmpl_ctx *ctx, const char *want)
{
	struct td_err err = TD_ERR_INIT;
	char *got = render(text, ctx, &err);

	if (!got)
		fail_msg("render failed: %s", err.msg);
	if (strcmp(got, want) != 0)
		fail_msg("got:\n[%s]\nwant:\n[%s]", got, want);
	free(got);
}

static void
expect_error(const char *text, const struct td_tmpl_ctx *ctx, const char *msg)
{
	struct td_err err = TD_ERR_INIT;
	char *got = render(text, ctx, &err);

	if (got)
		fail_msg("rendered [%s], want error '%s'", got, msg);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("got error '%s', want '%s'", err.msg, msg);
	assert_int_equal(err.code, TD_EINVAL);
}

static void
test_tmpl__fields_lists_and_flags(void **state)
{
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	struct td_tmpl_ctx *it;

	(void)state;
	td_tmpl_set(c, "right.reg_no", "12345678");
	td_tmpl_setf(c, "owner.name", "%s Ltd", "Oak");
	td_tmpl_set_flag(c, "agent", 0);
	it = td_tmpl_push(c, "listings");
	td_tmpl_set(it, "url", "https://a.example/1");
	it = td_tmpl_push(c, "listings");
	td_tmpl_set(it, "url", "https://a.example/2");
	td_tmpl_set(it, "owner.name", "shadowed");
	assert_string_equal(td_tmpl_get(c, "owner.name"), "Oak Ltd");
	assert_null(td_tmpl_get(c, "agent"));
	expect("No. {{right.reg_no}} of {{ owner.name }}.\n", c,
	       "No. 12345678 of Oak Ltd.\n");
	/* Standalone section lines vanish; item fields shadow outer ones. */
	expect("Links:\n{{#listings}}\n  {{_n}}. {{url}} ({{owner.name}})\n"
	       "{{/listings}}\nEnd\n",
	       c,
	       "Links:\n  1. https://a.example/1 (Oak Ltd)\n"
	       "  2. https://a.example/2 (shadowed)\nEnd\n");
	expect("{{#agent}}\nagent\n{{/agent}}\n{{^agent}}\nowner\n{{/agent}}\n",
	       c, "owner\n");
	td_tmpl_set_flag(c, "agent", 1);
	expect("A{{#agent}}[yes]{{/agent}}{{^agent}}[no]{{/agent}}B", c,
	       "A[yes]B");
	td_tmpl_set_list(c, "listings");
	expect("{{^listings}}none{{/listings}}{{#listings}}x{{/listings}}", c,
	       "none");
	expect("{{! a comment }}\n  {{!another}}  \ntext\n", c, "text\n");
	/* Inline tags keep their line. */
	expect("a {{#agent}}b{{/agent}}\n", c, "a b\n");
	td_tmpl_ctx_free(c);
	td_tmpl_ctx_free(NULL);
}

static void
test_tmpl__missing_field_is_an_error_not_a_gap(void **state)
{
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	struct td_tmpl_ctx *it;

	(void)state;
	td_tmpl_set(c, "owner.name", "Oak Ltd");
	expect_error("Owner: {{owner.name}}\nReg. no. {{right.reg_no}}\n", c,
		     "t.txt:2: right.reg_no: missing (not set)");
	td_tmpl_set(c, "right.reg_no", "");
	expect_error("Owner: {{owner.name}}\nReg. no. {{right.reg_no}}\n", c,
		     "t.txt:2: right.reg_no: empty: a notice may not have a "
		     "gap");
	td_tmpl_set(c, "right.reg_no", NULL);
	assert_null(td_tmpl_get(c, "right.reg_no"));
	it = td_tmpl_push(c, "listings");
	td_tmpl_set(it, "url", "u1");
	td_tmpl_set(it, "evidence", "logo");
	it = td_tmpl_push(c, "listings");
	td_tmpl_set(it, "url", "u2");
	expect_error("x\n{{#listings}}\n{{url}}: {{evidence}}\n{{/listings}}\n",
		     c, "t.txt:3: listings[2].evidence: missing (not set)");
	expect_error("{{a}} {{b}}\n{{c}}", c,
		     "t.txt:1: a: missing (not set) (and 2 more problems)");
	expect_error("{{#agent}}x{{/agent}}", c,
		     "t.txt:1: agent: missing (not set): a section needs a "
		     "list or a flag");
	expect_error("{{#owner.name}}x{{/owner.name}}", c,
		     "t.txt:1: owner.name: is a value; a section needs a list "
		     "or a flag");
	expect_error("{{listings}}", c,
		     "t.txt:1: listings: is a list or flag, not a value");
	expect_error("{{_n}}", c, "t.txt:1: _n: missing (not set)");
	td_tmpl_ctx_free(c);
}

static void
test_tmpl__syntax_errors_name_the_line(void **state)
{
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();

	(void)state;
	expect_error("a\nb {{name\n", c, "t.txt:2: '{{' without '}}'");
	expect_error("a\n{{#x}}\n{{#y}}\n{{/x}}\n", c,
		     "t.txt:4: {{/x}} closes {{#y}} of line 3");
	expect_error("{{#x}}\n{{^y}}{{/y}}\n", c,
		     "t.txt:1: {{#x}} is never closed");
	expect_error("\n\n{{/x}}", c, "t.txt:3: {{/x}} closes no section");
	expect_error("{{owner name}}", c,
		     "t.txt:1: 'owner name' is not a field name (letters, "
		     "digits, _ - .)");
	expect_error("{{ }}", c, "t.txt:1: a tag without a name");
	td_tmpl_ctx_free(c);
}

/* A context with every field the built-in templates use. */
static struct td_tmpl_ctx *
full_context(int agent)
{
	static const char *const fields[] = {
		"notice.date",
		"platform.name",
		"site.name",
		"owner.name",
		"owner.address",
		"owner.country",
		"filer.name",
		"filer.title",
		"filer.email",
		"filer.phone",
		"filer.address",
		"agent.name",
		"agent.poa_date",
		"agent.poa_until",
		"right.kind",
		"right.title",
		"right.reg_no",
		"right.registry",
		"right.valid_from",
		"right.valid_until",
		"right.reference",
		"right.original",
		"reply_by",
		"right.protect_from",
		"right.protect_until",
	};
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	size_t i;
	int j;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		td_tmpl_setf(c, fields[i], "<%s>", fields[i]);
	td_tmpl_set_flag(c, "agent", agent);
	td_tmpl_set_flag(c, "right.protect", 1);
	for (j = 1; j <= 3; j++) {
		struct td_tmpl_ctx *it = td_tmpl_push(c, "listings");

		td_tmpl_setf(it, "url", "https://shop.example/item/%d", j);
		td_tmpl_set(it, "evidence", "<evidence>");
		td_tmpl_set(it, "reason", "<reason>");
	}
	return c;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the lines of b in place. */
static void
sort_lines(struct td_buf *b)
{
	char *v[256];
	char *copy = strdup(b->data);
	char *p = copy, *nl;
	size_t n = 0, i;

	while ((nl = strchr(p, '\n')) != NULL && n < 256) {
		*nl = '\0';
		v[n++] = p;
		p = nl + 1;
	}
	qsort(v, n, sizeof(v[0]), cmp_str);
	td_buf_reset(b);
	for (i = 0; i < n; i++)
		td_buf_addf(b, "%s\n", v[i]);
	free(copy);
}

static void
test_tmpl__builtin_templates_are_complete_in_both_languages(void **state)
{
	static const char *const names[] = {"ipp", "amazon", "ebay_vero",
					    "dmca", "email"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct td_buf fen = TD_BUF_INIT, fzh = TD_BUF_INIT;
		struct td_buf text = TD_BUF_INIT, out = TD_BUF_INIT;
		struct td_err err = TD_ERR_INIT;
		struct td_tmpl_ctx *c = full_context(1);
		char spec[64];
		const char *file;
		int lang;

		for (lang = 0; lang < 2; lang++) {
			snprintf(spec, sizeof(spec), "%s.%s", names[i],
				 lang ? "zh" : "en");
			td_buf_reset(&text);
			assert_int_equal(td_tmpl_load(spec, &text, &file, &err),
					 0);
			if (td_tmpl_check(file, text.data, text.len,
					  lang ? &fzh : &fen, &err) < 0)
				fail_msg("%s: %s", spec, err.msg);
			td_buf_reset(&out);
			if (td_tmpl_render_named(spec, c, &out, &err) < 0)
				fail_msg("%s: %s", spec, err.msg);
			assert_non_null(strstr(out.data, "<owner.name>"));
			assert_non_null(strstr(out.data,
					       "https://shop.example/item/3"));
			assert_non_null(strstr(out.data, "<agent.name>"));
			assert_non_null(
				strstr(out.data, "<right.protect_until>"));
			assert_null(strstr(out.data, "{{"));
		}
		/* The Chinese text asks for exactly the English fields. */
		sort_lines(&fen);
		sort_lines(&fzh);
		assert_string_equal(fen.data, fzh.data);
		assert_non_null(strstr(fen.data, "#listings\n"));
		assert_non_null(strstr(fen.data, "\nlistings/url\n"));
		td_buf_release(&fen);
		td_buf_release(&fzh);
		td_buf_release(&text);
		td_buf_release(&out);
		td_tmpl_ctx_free(c);
	}
}

/* Drop each field a template uses in turn: each must be named. */
static void
test_tmpl__every_builtin_field_is_required(void **state)
{
	const struct td_builtin *b;
	int checked = 0;

	(void)state;
	for (b = td_builtin_data; b->name; b++) {
		struct td_buf names = TD_BUF_INIT;
		struct td_err err = TD_ERR_INIT;
		char *line, *next;

		if (strncmp(b->name, "templates/", 10) != 0)
			continue;
		assert_int_equal(td_tmpl_check(b->name, (const char *)b->data,
					       b->len, &names, &err),
				 0);
		for (line = names.data; *line; line = next) {
			struct td_tmpl_ctx *c = full_context(1);
			struct td_buf out = TD_BUF_INIT;
			char want[160];

			next = strchr(line, '\n');
			*next++ = '\0';
			if (strchr(line, '/') || line[0] == '#')
				goto next_field;
			td_tmpl_set(c, line, NULL);
			assert_int_equal(td_tmpl_render(b->name,
							(const char *)b->data,
							b->len, c, &out, &err),
					 TD_EINVAL);
			snprintf(want, sizeof(want), ": %s: missing", line);
			if (!strstr(err.msg, want))
				fail_msg("%s without %s: '%s'", b->name, line,
					 err.msg);
			assert_int_equal(out.len, 0);
			checked++;
		next_field:
			td_buf_release(&out);
			td_tmpl_ctx_free(c);
		}
		td_buf_release(&names);
	}
	assert_true(checked > 100);
}

static void
test_tmpl__agent_text_only_for_agents(void **state)
{
	struct td_tmpl_ctx *c = full_context(0);
	struct td_buf out = TD_BUF_INIT;
	struct td_err err = TD_ERR_INIT;

	(void)state;
	td_tmpl_set(c, "agent.name", NULL);
	assert_int_equal(td_tmpl_render_named("ipp.en", c, &out, &err), 0);
	assert_null(strstr(out.data, "authorised agent of"));
	assert_null(strstr(out.data, "<agent."));
	assert_non_null(strstr(out.data, "1. https://shop.example/item/1\n"
					 "   Grounds: <evidence>\n"
					 "2. https://shop.example/item/2\n"));
	td_buf_reset(&out);
	td_tmpl_set_flag(c, "agent", 1);
	assert_int_equal(td_tmpl_render_named("ipp.zh", c, &out, &err),
			 TD_EINVAL);
	assert_string_equal(err.msg, "data/templates/ipp.zh.txt:10: "
				     "agent.name: missing (not set)");
	assert_int_equal(td_tmpl_render_named("nope.en", c, &out, &err),
			 TD_ENOTFOUND);
	td_buf_release(&out);
	td_tmpl_ctx_free(c);
}

static void
test_tmpl__file_templates(void **state)
{
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	struct td_buf out = TD_BUF_INIT;
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/mine.txt", dir);
	unit_write(path,
		   "Dear {{who}},\r\n{{#l}}\r\n- {{u}}\r\n{{/l}}\r\nBye\r\n");
	td_tmpl_set(c, "who", "Sir");
	td_tmpl_set(td_tmpl_push(c, "l"), "u", "x");
	assert_int_equal(td_tmpl_render_named(path, c, &out, &err), 0);
	assert_string_equal(out.data, "Dear Sir,\r\n- x\r\nBye\r\n");
	td_tmpl_set(c, "who", NULL);
	assert_int_equal(td_tmpl_render_named(path, c, &out, &err), TD_EINVAL);
	assert_non_null(strstr(err.msg, "/mine.txt:1: who: missing"));
	snprintf(path, sizeof(path), "%s/none.txt", dir);
	assert_int_equal(td_tmpl_render_named(path, c, &out, &err),
			 TD_ENOTFOUND);
	td_buf_release(&out);
	td_tmpl_ctx_free(c);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tmpl__fields_lists_and_flags),
		cmocka_unit_test(
			test_tmpl__missing_field_is_an_error_not_a_gap),
		cmocka_unit_test(test_tmpl__syntax_errors_name_the_line),
		cmocka_unit_test(
			test_tmpl__builtin_templates_are_complete_in_both_languages),
		cmocka_unit_test(test_tmpl__every_builtin_field_is_required),
		cmocka_unit_test(test_tmpl__agent_text_only_for_agents),
		cmocka_unit_test(test_tmpl__file_templates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
