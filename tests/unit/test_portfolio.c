/*
 * The portfolio: reading, checking and importing, against a real
 * workspace (SQLite file in a temporary directory). The bad-field cases
 * are the table tests/cases/portfolio-bad.tsv.
 */
#include "unit.h"

#include <jansson.h>

#include "core/date.h"
#include "core/portfolio.h"
#include "core/portfolio_io.h"
#include "core/ws.h"
#include "store/store.h"

#define EXAMPLE "examples/ironwood"

struct fx {
	char *dir;         /* temporary directory */
	char ws_dir[4200]; /* the workspace */
	char ex_dir[4200]; /* a copy of the example */
	struct td_ws *ws;
};

static int
setup(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct fx *fx = calloc(1, sizeof(*fx));
	char cmd[9000];
	int created;

	fx->dir = unit_tmpdir();
	snprintf(fx->ws_dir, sizeof(fx->ws_dir), "%s/ws", fx->dir);
	snprintf(fx->ex_dir, sizeof(fx->ex_dir), "%s/ex", fx->dir);
	snprintf(cmd, sizeof(cmd), "cp -r %s '%s'", EXAMPLE, fx->ex_dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(td_ws_init(fx->ws_dir, &created, &err), 0);
	assert_int_equal(created, 1);
	assert_int_equal(td_ws_open(fx->ws_dir, &fx->ws, &err), 0);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	td_ws_free(fx->ws);
	unit_rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Import a file in one transaction, as the CLI does. */
static int
import(struct fx *fx, const char *path, struct td_apply_stats *st,
       struct td_err *err)
{
	struct td_portfolio chg = TD_PORTFOLIO_INIT;
	struct td_apply_stats dummy;
	int rc;

	rc = td_portfolio_load_file(path, &chg, err);
	if (rc == 0)
		rc = td_store_begin(fx->ws->store, err);
	if (rc == 0) {
		rc = td_portfolio_apply(fx->ws, &chg, path, 0, st ? st : &dummy,
					err);
		if (rc == 0)
			rc = td_store_commit(fx->ws->store, err);
		else
			td_store_rollback(fx->ws->store);
	}
	td_portfolio_release(&chg);
	return rc;
}

static json_t *
stored(struct fx *fx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	json_t *j;

	assert_int_equal(td_store_portfolio_load(fx->ws->store, &pf, &err), 0);
	j = td_portfolio_to_json(&pf);
	td_portfolio_release(&pf);
	return j;
}

static void
test_portfolio__example_imports_and_is_idempotent(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct td_apply_stats st;
	char path[4300];
	json_t *a, *b;
	int sec;

	snprintf(path, sizeof(path), "%s/portfolio.json", fx->ex_dir);
	assert_int_equal(import(fx, path, &st, &err), 0);
	assert_int_equal(st.added[TD_SEC_OWNERS], 1);
	assert_int_equal(st.added[TD_SEC_RIGHTS], 5);
	assert_int_equal(st.added[TD_SEC_DOCUMENTS], 7);
	assert_int_equal(st.files, 11);
	a = stored(fx);
	assert_int_equal(import(fx, path, &st, &err), 0);
	for (sec = 0; sec < TD_SEC_COUNT; sec++) {
		assert_int_equal(st.added[sec], 0);
		assert_int_equal(st.updated[sec], 0);
	}
	assert_int_equal(st.unchanged[TD_SEC_RIGHTS], 5);
	assert_int_equal(st.files, 0);
	b = stored(fx);
	assert_true(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}

static void
test_portfolio__loaded_fields_match_the_file(void **state)
{
	struct fx *fx = *state;
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	const struct td_right *r;
	const struct td_product *p;
	char path[4300];

	snprintf(path, sizeof(path), "%s/portfolio.json", fx->ex_dir);
	assert_int_equal(import(fx, path, NULL, &err), 0);
	assert_int_equal(td_store_portfolio_load(fx->ws->store, &pf, &err), 0);
	r = td_portfolio_right(&pf, "tm-cn");
	assert_non_null(r);
	assert_int_equal(r->kind, TD_RIGHT_TRADEMARK);
	assert_string_equal(r->reg_no, "21345678");
	assert_int_equal(r->nterms, 4);
	assert_string_equal(r->terms[0].text, "铁木工坊");
	assert_string_equal(r->terms[0].kind, "name_zh");
	assert_string_equal(r->terms[3].kind, "model");
	p = td_portfolio_product(&pf, "IA-RT-001");
	assert_non_null(p);
	assert_true(p->msrp == 4500);
	assert_true(p->margin == 0.45);
	assert_int_equal(p->nimages, 2);
	assert_null(p->images[0].partner);
	assert_string_equal(p->images[1].partner, "dg-works");
	assert_string_equal(td_portfolio_document(&pf, "bl-iw-zh")->translates,
			    "bl-iw");
	assert_int_equal(pf.nauths, 1);
	assert_string_equal(pf.auths[0].document, "poa-exlaw");
	td_portfolio_release(&pf);
}

/* Apply one line of portfolio-bad.tsv to the example's JSON. */
static json_t *
mutate(const char *section, int index, const char *field, const char *value)
{
	json_error_t je;
	json_t *root = json_load_file(EXAMPLE "/portfolio.json", 0, &je);
	json_t *obj;

	assert_non_null(root);
	obj = json_array_get(json_object_get(root, section), (size_t)index);
	assert_non_null(obj);
	if (strcmp(value, "-") == 0) {
		json_object_del(obj, field);
	} else {
		json_t *v = json_loads(value, JSON_DECODE_ANY, &je);

		if (!v)
			fail_msg("bad JSON in case: %s (%s)", value, je.text);
		json_object_set_new(obj, field, v);
	}
	return root;
}

static void
test_portfolio__bad_field_is_named_and_store_unchanged(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	char path[4300], line[2048];
	json_t *before, *after;
	FILE *f;
	int lineno = 0, cases = 0;

	/* Start from the good portfolio, so "unchanged" means something. */
	snprintf(path, sizeof(path), "%s/portfolio.json", fx->ex_dir);
	assert_int_equal(import(fx, path, NULL, &err), 0);
	before = stored(fx);
	snprintf(path, sizeof(path), "%s/bad.json", fx->ex_dir);
	f = fopen("tests/cases/portfolio-bad.tsv", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *col[5], *p = line;
		json_t *root;
		int i, rc;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (i = 0; i < 5; i++) {
			col[i] = p;
			p = strchr(p, '\t');
			if (!p && i < 4)
				fail_msg("portfolio-bad.tsv:%d: needs 5 "
					 "columns",
					 lineno);
			if (p)
				*p++ = '\0';
		}
		root = mutate(col[0], atoi(col[1]), col[2], col[3]);
		assert_int_equal(json_dump_file(root, path, 0), 0);
		json_decref(root);
		td_err_clear(&err);
		rc = import(fx, path, NULL, &err);
		if (rc == 0)
			fail_msg("portfolio-bad.tsv:%d: imported without error",
				 lineno);
		if (!strstr(err.msg, col[4]) || !strstr(err.msg, "bad.json: "))
			fail_msg("portfolio-bad.tsv:%d: got '%s', want '%s'",
				 lineno, err.msg, col[4]);
		after = stored(fx);
		if (!json_equal(before, after))
			fail_msg("portfolio-bad.tsv:%d: the store changed",
				 lineno);
		json_decref(after);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 40);
	json_decref(before);
}

static void
test_portfolio__syntax_error_names_line(void **state)
{
	struct fx *fx = *state;
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	char path[4300];

	snprintf(path, sizeof(path), "%s/broken.json", fx->ex_dir);
	unit_write(path, "{\n  \"owners\": [\n    {\"key\": \"a\",}\n  ]\n}\n");
	assert_int_equal(td_portfolio_load_file(path, &pf, &err), TD_EINVAL);
	assert_non_null(strstr(err.msg, "broken.json:3:"));
	td_portfolio_release(&pf);
}

static void
test_portfolio__export_imports_back_the_same(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct fx *fx2;
	void *st2;
	char path[4400], out[4300];
	json_t *j, *a, *b;

	snprintf(path, sizeof(path), "%s/portfolio.json", fx->ex_dir);
	assert_int_equal(import(fx, path, NULL, &err), 0);
	snprintf(out, sizeof(out), "%s/export", fx->dir);
	assert_int_equal(mkdir(out, 0777), 0);
	j = td_portfolio_export(fx->ws, out, &err);
	assert_non_null(j);
	snprintf(path, sizeof(path), "%s/portfolio.json", out);
	assert_int_equal(json_dump_file(j, path, JSON_INDENT(2)), 0);
	json_decref(j);
	setup(&st2);
	fx2 = st2;
	assert_int_equal(import(fx2, path, NULL, &err), 0);
	a = stored(fx);
	b = stored(fx2);
	assert_true(json_equal(a, b));
	json_decref(a);
	json_decref(b);
	teardown(&st2);
}

static void
test_portfolio__attention_lists_expiry_and_missing_proof(void **state)
{
	struct fx *fx = *state;
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_attention_list al = {0};
	struct td_err err = TD_ERR_INIT;
	char path[4300];
	int32_t today = td_date_from_ymd(2026, 11, 27);
	size_t i;
	int poa = 0, forge = 0, vi = 0;

	snprintf(path, sizeof(path), "%s/portfolio.json", fx->ex_dir);
	assert_int_equal(import(fx, path, NULL, &err), 0);
	assert_int_equal(td_store_portfolio_load(fx->ws->store, &pf, &err), 0);
	td_portfolio_attention(&pf, today, 60, &al);
	for (i = 0; i < al.n; i++) {
		if (strcmp(al.v[i].key, "poa-exlaw") == 0 &&
		    al.v[i].level == TD_ATTN_WARNING &&
		    strstr(al.v[i].message, "expires in 38 days"))
			poa = 1;
		forge |= strcmp(al.v[i].key, "tm-cn-forge") == 0 &&
			 strstr(al.v[i].message, "register it first") != NULL;
		vi |= strcmp(al.v[i].key, "tm-us-vi") == 0 &&
		      strstr(al.v[i].message, "registration certificate");
	}
	assert_true(poa && forge && vi);
	td_attention_list_release(&al);
	/* A year later the power of attorney has expired: an error. */
	td_portfolio_attention(&pf, today + 365, 60, &al);
	assert_int_equal(al.v[0].level, TD_ATTN_ERROR);
	td_attention_list_release(&al);
	td_portfolio_release(&pf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_portfolio__example_imports_and_is_idempotent,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_portfolio__loaded_fields_match_the_file, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_portfolio__bad_field_is_named_and_store_unchanged,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_portfolio__syntax_error_names_line, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_portfolio__export_imports_back_the_same, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_portfolio__attention_lists_expiry_and_missing_proof,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
