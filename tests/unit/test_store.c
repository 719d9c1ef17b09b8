/* The store: migrations, version checks and transactions on real SQLite
 * files. */
#include "unit.h"

#include <sys/stat.h>

#include "core/portfolio.h"
#include "core/ws.h"
#include "store/store.h"
#include "store/store_int.h"

static struct td_store *
open_new(const char *dir, const char *name)
{
	struct td_err err = TD_ERR_INIT;
	struct td_store *st = NULL;
	char uri[4300];

	snprintf(uri, sizeof(uri), "sqlite:%s/%s", dir, name);
	assert_int_equal(td_store_open(uri, TD_STORE_CREATE, &st, &err), 0);
	return st;
}

static int64_t
count(struct td_store *st, const char *sql)
{
	struct td_err err = TD_ERR_INIT;
	int64_t n = -1;

	assert_int_equal(td_sql_int_query(st, &n, &err, sql, NULL), 1);
	return n;
}

static void
test_store__migrates_step_by_step_keeping_data(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "a.db");
	int v;

	(void)state;
	assert_int_equal(td_store_version(st, &v, &err), 0);
	assert_int_equal(v, 0);
	assert_true(td_store_latest(st) >= 2);
	assert_int_equal(td_store_migrate(st, 1, &err), 0);
	assert_int_equal(td_store_version(st, &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(td_sql_exec(st, &err,
				     "INSERT INTO owners (key, name, country) "
				     "VALUES ('iw', 'Ironwood', 'US')",
				     NULL),
			 0);
	/* Version 2's tables do not exist yet. */
	assert_int_equal(count(st, "SELECT count(*) FROM sqlite_master WHERE "
				   "name = 'authorisations'"),
			 0);
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	assert_int_equal(td_store_version(st, &v, &err), 0);
	assert_int_equal(v, td_store_latest(st));
	assert_int_equal(count(st, "SELECT count(*) FROM owners"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM sqlite_master WHERE "
				   "name = 'authorisations'"),
			 1);
	/* Running it again changes nothing. */
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	td_store_close(st);
	unit_rmdir(dir);
}

static void
test_store__refuses_a_newer_schema(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "a.db");
	int64_t next;

	(void)state;
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	next = td_store_latest(st) + 1;
	assert_int_equal(td_sql_exec(st, &err,
				     "INSERT INTO schema_migrations (version, "
				     "name, applied_at) VALUES (?, 'future', "
				     "'2030-01-01T00:00:00Z')",
				     "i", next),
			 0);
	assert_int_equal(td_store_migrate(st, 0, &err), TD_EVERSION);
	assert_non_null(strstr(err.msg, "newer takedown"));
	td_store_close(st);
	unit_rmdir(dir);
}

/* A photo's variant hashes under a newer method replace those of the
 * older one, which nothing reads any more. */
static void
test_store__photo_hashes_of_an_older_method_go(void **state)
{
	static const char sha[] = "fc7bd846fb66325449b1e8207c48106981748c35"
				  "be0396861f5abd9928d59687";
	struct td_photo_hash v[2], *got = NULL;
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "p.db");
	size_t n = 9;

	(void)state;
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	memset(v, 0, sizeof(v));
	snprintf(v[0].variant, sizeof(v[0].variant), "whole");
	snprintf(v[1].variant, sizeof(v[1].variant), "whole/flipy");
	v[1].hash.w[0] = 1;
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(td_store_photo_hashes_put(st, sha, 2, v, 2, &err), 0);
	assert_int_equal(td_store_commit(st, &err), 0);
	assert_int_equal(td_store_photo_hashes_get(st, sha, 2, &got, &n, &err),
			 0);
	assert_int_equal(n, 2);
	free(got);
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(td_store_photo_hashes_put(st, sha, 3, v, 1, &err), 0);
	assert_int_equal(td_store_commit(st, &err), 0);
	assert_int_equal(td_store_photo_hashes_get(st, sha, 3, &got, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(got[0].variant, "whole");
	free(got);
	assert_int_equal(td_store_photo_hashes_get(st, sha, 2, &got, &n, &err),
			 0);
	assert_int_equal(n, 0);
	free(got);
	assert_int_equal(count(st, "SELECT count(*) FROM photo_hashes"), 1);
	td_store_close(st);
	unit_rmdir(dir);
}

static void
test_store__rollback_leaves_nothing(void **state)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_portfolio got = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "a.db");
	struct td_owner *o;

	(void)state;
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	o = td_portfolio_add_owner(&pf);
	o->key = strdup("iw");
	o->name = strdup("Ironwood");
	o->country = strdup("US");
	/* Saving outside a transaction is refused. */
	assert_int_not_equal(td_store_portfolio_save(st, &pf, &err), 0);
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(td_store_portfolio_save(st, &pf, &err), 0);
	td_store_rollback(st);
	assert_int_equal(td_store_portfolio_load(st, &got, &err), 0);
	assert_int_equal(got.nowners, 0);
	/* A nested transaction rolls back alone. */
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(td_store_portfolio_save(st, &pf, &err), 0);
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(
		td_sql_exec(st, &err, "UPDATE owners SET name = 'X'", NULL), 0);
	td_store_rollback(st);
	assert_int_equal(td_store_commit(st, &err), 0);
	assert_int_equal(td_store_portfolio_load(st, &got, &err), 0);
	assert_int_equal(got.nowners, 1);
	assert_string_equal(got.owners[0].name, "Ironwood");
	td_portfolio_release(&got);
	td_portfolio_release(&pf);
	td_store_close(st);
	unit_rmdir(dir);
}

static int
collect_key(void *arg, const char *platform, const char *ext_id)
{
	struct td_buf *b = arg;

	td_buf_addf(b, "%s/%s;", platform, ext_id);
	return 0;
}

static int
stop_at_first(void *arg, const char *platform, const char *ext_id)
{
	(void)platform;
	(void)ext_id;
	++*(int *)arg;
	return 7;
}

/* The listings with findings, for a scan's set of known listings. */
static void
test_store__finding_keys_name_the_listings_with_findings(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "a.db");
	struct td_finding f = TD_FINDING_INIT;
	struct td_listing l;
	struct td_buf keys = TD_BUF_INIT;
	int64_t scan, lid, fid;
	int state_, is_new, calls = 0, i;

	(void)state;
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(td_store_scan_begin(st, "f", NULL,
					     "2026-11-20T10:00:00Z", &scan,
					     &err),
			 0);
	td_buf_addstr(&f.signals, "[]");
	f.score = 0.5;
	for (i = 0; i < 3; i++) {
		static const char *const ids[] = {"a1", "a2", "a3"};

		memset(&l, 0, sizeof(l));
		l.platform = i == 2 ? "ebay" : "taobao";
		l.id = ids[i];
		l.title = "t";
		l.title_len = 1;
		l.sales = -1;
		assert_int_equal(td_store_listing_put(st, scan, "f", &l, "h",
						      "2026-11-20T10:00:00Z",
						      &lid, &state_, &err),
				 0);
		/* a2 is stored without a finding. */
		if (i != 1)
			assert_int_equal(
				td_store_finding_put(st, lid, scan, &f,
						     "2026-11-20T10:00:00Z",
						     &fid, &is_new, &err),
				0);
	}
	assert_int_equal(td_store_finding_keys(st, collect_key, &keys, &err),
			 0);
	assert_true(strstr(keys.data, "taobao/a1;") != NULL);
	assert_true(strstr(keys.data, "ebay/a3;") != NULL);
	assert_null(strstr(keys.data, "a2"));
	assert_int_equal(td_store_finding_keys(st, stop_at_first, &calls, &err),
			 7);
	assert_int_equal(calls, 1);
	assert_int_equal(td_store_listing_has_finding(st, "taobao", "a1", &err),
			 1);
	assert_int_equal(td_store_listing_has_finding(st, "taobao", "a2", &err),
			 0);
	assert_int_equal(td_store_listing_has_finding(st, "ebay", "a1", &err),
			 0);
	assert_int_equal(td_store_commit(st, &err), 0);
	td_buf_release(&keys);
	td_finding_release(&f);
	td_store_close(st);
	unit_rmdir(dir);
}

static void
test_store__foreign_keys_are_enforced(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = open_new(dir, "a.db");

	(void)state;
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	assert_int_equal(td_sql_exec(st, &err,
				     "INSERT INTO rights (key, owner_id, kind, "
				     "title, jurisdiction, status) VALUES "
				     "('r', 999, 'trademark', 't', 'CN', "
				     "'pending')",
				     NULL),
			 TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	td_store_close(st);
	unit_rmdir(dir);
}

static void
test_store__refuses_other_databases(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	struct td_store *st = NULL;
	char path[4300], uri[4400], cmd[9000];

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", dir);
	snprintf(cmd, sizeof(cmd),
		 "sqlite3 '%s' 'PRAGMA application_id = 42; CREATE TABLE "
		 "t (x)'",
		 path);
	assert_int_equal(system(cmd), 0);
	snprintf(uri, sizeof(uri), "sqlite:%s", path);
	assert_int_equal(td_store_open(uri, 0, &st, &err), TD_EDB);
	assert_non_null(strstr(err.msg, "another program"));
	snprintf(path, sizeof(path), "%s/text.db", dir);
	unit_write(path, "this is not a database, just text\n");
	snprintf(uri, sizeof(uri), "sqlite:%s", path);
	assert_int_equal(td_store_open(uri, 0, &st, &err), TD_EDB);
	snprintf(uri, sizeof(uri), "sqlite:%s/none.db", dir);
	assert_int_equal(td_store_open(uri, 0, &st, &err), TD_ENOTFOUND);
	assert_int_equal(td_store_open("mysql://x", 0, &st, &err),
			 TD_EUNSUPPORTED);
	unit_rmdir(dir);
}

static void
test_store__workspace_upgrade_keeps_a_backup(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_ws *ws = NULL;
	char *dir = unit_tmpdir();
	struct td_store *st;
	struct stat sb;
	char path[4300];

	(void)state;
	snprintf(path, sizeof(path), "%s/ws", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	st = open_new(path, "takedown.db");
	assert_int_equal(td_store_migrate(st, 1, &err), 0);
	td_store_close(st);
	assert_int_equal(td_ws_open(path, &ws, &err), 0);
	assert_int_equal(ws->upgraded_from, 1);
	td_ws_free(ws);
	snprintf(path, sizeof(path), "%s/ws/takedown.db.bak-v1", dir);
	assert_int_equal(stat(path, &sb), 0);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_store__migrates_step_by_step_keeping_data),
		cmocka_unit_test(test_store__refuses_a_newer_schema),
		cmocka_unit_test(test_store__rollback_leaves_nothing),
		cmocka_unit_test(
			test_store__photo_hashes_of_an_older_method_go),
		cmocka_unit_test(
			test_store__finding_keys_name_the_listings_with_findings),
		cmocka_unit_test(test_store__foreign_keys_are_enforced),
		cmocka_unit_test(test_store__refuses_other_databases),
		cmocka_unit_test(test_store__workspace_upgrade_keeps_a_backup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
