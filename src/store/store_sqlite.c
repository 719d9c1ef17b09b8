/* The SQLite backend: one database file in WAL mode, foreign keys on. */
#include "store/store_int.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "core/banned.h"

/* "TDKN": marks the file as a takedown store (PRAGMA application_id). */
#define TD_SQLITE_APP_ID 0x54444b4e

struct td_stmt {
	sqlite3_stmt *s; /* the statement */
	sqlite3 *db;     /* its connection, for messages */
};

static sqlite3 *
db_of(struct td_store *st)
{
	return st->impl;
}

static int
db_error(sqlite3 *db, struct td_err *err, const char *what)
{
	int code = sqlite3_errcode(db);

	return td_errf(err,
		       code == SQLITE_BUSY || code == SQLITE_LOCKED
			       ? TD_ECONFLICT
		       : code == SQLITE_CONSTRAINT ? TD_ECONFLICT
						   : TD_EDB,
		       "database: %s%s%s", sqlite3_errmsg(db), what ? ": " : "",
		       what ? what : "");
}

static int
sq_exec(struct td_store *st, const char *sql, struct td_err *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_of(st), sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		td_errf(err,
			rc == SQLITE_BUSY || rc == SQLITE_CONSTRAINT
				? TD_ECONFLICT
				: TD_EDB,
			"database: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return rc == SQLITE_BUSY || rc == SQLITE_CONSTRAINT
			       ? TD_ECONFLICT
			       : TD_EDB;
	}
	return 0;
}

/*
 * Before SQLite starts: no memory statistics, which take a global mutex
 * on every allocation and free (a scan makes millions). Too late once
 * something else in the process has started SQLite; that is harmless.
 */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void
configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int
sq_open(struct td_store *st, const char *path, unsigned flags,
	struct td_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	struct stat sb;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int app_id = 0;
	int rc;

	if (!(flags & TD_STORE_CREATE) && stat(path, &sb) != 0)
		return td_errf(err, TD_ENOTFOUND, "%s: no such database", path);
	if (flags & TD_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	pthread_once(&config_once, configure);
	rc = sqlite3_open_v2(path, &db, oflags, NULL);
	if (rc != SQLITE_OK) {
		td_errf(err, TD_EDB, "%s: %s", path,
			db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return TD_EDB;
	}
	st->impl = db;
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 0);
	rc = sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		app_id = sqlite3_column_int(s, 0);
	else
		rc = SQLITE_NOTADB;
	sqlite3_finalize(s);
	if (rc != SQLITE_OK) {
		td_errf(err, TD_EDB, "%s: not a takedown database (%s)", path,
			sqlite3_errmsg(db));
		goto fail;
	}
	if (app_id != 0 && app_id != TD_SQLITE_APP_ID) {
		td_errf(err, TD_EDB,
			"%s: an SQLite database of another program", path);
		goto fail;
	}
	/* WAL: readers never block the writer, and a killed process loses
	 * no committed transaction. NORMAL sync is safe with WAL. A scan
	 * writes hundreds of MB: a 64 MiB page cache and checkpoints every
	 * 64 MiB of WAL (not 4) cut its writes by a third. */
	if (sq_exec(st,
		    "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL;"
		    "PRAGMA foreign_keys = ON;"
		    "PRAGMA cache_size = -65536;"
		    "PRAGMA wal_autocheckpoint = 16384;"
		    "PRAGMA application_id = 1413761870;",
		    err))
		goto fail;
	return 0;
fail:
	sqlite3_close(db);
	st->impl = NULL;
	return TD_EDB;
}

static void
sq_close(struct td_store *st)
{
	sqlite3_close(db_of(st));
	st->impl = NULL;
}

static int
sq_prepare(struct td_store *st, const char *sql, struct td_stmt **out,
	   struct td_err *err)
{
	sqlite3_stmt *s = NULL;
	struct td_stmt *ts;

	if (sqlite3_prepare_v3(db_of(st), sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &s, NULL) != SQLITE_OK)
		return db_error(db_of(st), err, sql);
	ts = td_xmalloc(sizeof(*ts));
	ts->s = s;
	ts->db = db_of(st);
	*out = ts;
	return 0;
}

static int
sq_bind_text(struct td_stmt *s, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(s->s, i) == SQLITE_OK ? 0 : TD_EDB;
	return sqlite3_bind_text(s->s, i, v, -1, SQLITE_TRANSIENT) == SQLITE_OK
		       ? 0
		       : TD_EDB;
}

static int
sq_bind_text_static(struct td_stmt *s, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(s->s, i) == SQLITE_OK ? 0 : TD_EDB;
	return sqlite3_bind_text(s->s, i, v, -1, SQLITE_STATIC) == SQLITE_OK
		       ? 0
		       : TD_EDB;
}

static int
sq_bind_int(struct td_stmt *s, int i, int64_t v)
{
	return sqlite3_bind_int64(s->s, i, v) == SQLITE_OK ? 0 : TD_EDB;
}

static int
sq_bind_double(struct td_stmt *s, int i, double v)
{
	return sqlite3_bind_double(s->s, i, v) == SQLITE_OK ? 0 : TD_EDB;
}

static int
sq_bind_null(struct td_stmt *s, int i)
{
	return sqlite3_bind_null(s->s, i) == SQLITE_OK ? 0 : TD_EDB;
}

static int
sq_step(struct td_stmt *s, struct td_err *err)
{
	int rc = sqlite3_step(s->s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(s->db, err, NULL);
}

static const char *
sq_col_text(struct td_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->s, i);
}

static int64_t
sq_col_int(struct td_stmt *s, int i)
{
	return sqlite3_column_int64(s->s, i);
}

static double
sq_col_double(struct td_stmt *s, int i)
{
	return sqlite3_column_double(s->s, i);
}

static int
sq_col_null(struct td_stmt *s, int i)
{
	return sqlite3_column_type(s->s, i) == SQLITE_NULL;
}

static void
sq_reset(struct td_stmt *s)
{
	sqlite3_reset(s->s);
	sqlite3_clear_bindings(s->s);
}

static void
sq_finalize(struct td_stmt *s)
{
	sqlite3_finalize(s->s);
	free(s);
}

static int64_t
sq_changes(struct td_store *st)
{
	return sqlite3_changes64(db_of(st));
}

static int64_t
sq_last_id(struct td_store *st)
{
	return sqlite3_last_insert_rowid(db_of(st));
}

static int
sq_backup(struct td_store *st, const char *path, struct td_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	remove(path);
	rc = sqlite3_prepare_v2(db_of(st), "VACUUM INTO ?", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, path, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(db_of(st), err, path);
	return 0;
}

const struct td_store_ops td_store_sqlite_ops = {
	.scheme = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_text_static = sq_bind_text_static,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_null = sq_col_null,
	.reset = sq_reset,
	.finalize = sq_finalize,
	.changes = sq_changes,
	.last_id = sq_last_id,
	.backup = sq_backup,
};
