/* The store's front: backend choice, transactions, migrations, helpers. */
#include "store/store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/util.h"
#include "core/version.h"
#include "core/banned.h"

static const struct td_store_ops *
pick(const char *uri, const char **rest)
{
	if (strncmp(uri, "sqlite:", 7) == 0) {
		*rest = uri + 7;
		return &td_store_sqlite_ops;
	}
	if (strncmp(uri, "postgres://", 11) == 0 ||
	    strncmp(uri, "postgresql://", 13) == 0) {
		*rest = uri;
		return NULL;
	}
	*rest = uri;
	return strstr(uri, "://") ? NULL : &td_store_sqlite_ops;
}

int
td_store_open(const char *uri, unsigned flags, struct td_store **out,
	      struct td_err *err)
{
	const struct td_store_ops *ops;
	struct td_store *st;
	const char *rest;
	int rc;

	*out = NULL;
	ops = pick(uri, &rest);
	if (!ops)
		return td_errf(err, TD_EUNSUPPORTED,
			       "%s: this build has no store backend for that "
			       "URI (use sqlite:PATH)",
			       uri);
	st = td_xcalloc(1, sizeof(*st));
	st->ops = ops;
	td_buf_init(&st->last_seller_key);
	rc = ops->open(st, rest, flags, err);
	if (rc) {
		free(st);
		return rc;
	}
	*out = st;
	return 0;
}

void
td_store_close(struct td_store *st)
{
	size_t i;

	if (!st)
		return;
	while (st->depth)
		td_store_rollback(st);
	for (i = 0; i < TD_STMT_CACHE; i++)
		if (st->cache[i].stmt)
			st->ops->finalize(st->cache[i].stmt);
	st->ops->close(st);
	td_buf_release(&st->last_seller_key);
	free(st);
}

const char *
td_store_scheme(const struct td_store *st)
{
	return st->ops->scheme;
}

/* --- transactions -------------------------------------------------------- */

int
td_store_begin(struct td_store *st, struct td_err *err)
{
	char sql[48];
	int rc;

	if (st->depth == 0)
		rc = st->ops->exec(st,
				   strcmp(st->ops->scheme, "sqlite") == 0
					   ? "BEGIN IMMEDIATE"
					   : "BEGIN",
				   err);
	else {
		snprintf(sql, sizeof(sql), "SAVEPOINT td_sp%d", st->depth);
		rc = st->ops->exec(st, sql, err);
	}
	if (rc == 0)
		st->depth++;
	return rc;
}

int
td_store_commit(struct td_store *st, struct td_err *err)
{
	char sql[48];
	int rc;

	if (st->depth == 0)
		return td_errf(err, TD_ERROR, "commit without a transaction");
	if (st->depth == 1)
		rc = st->ops->exec(st, "COMMIT", err);
	else {
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT td_sp%d",
			 st->depth - 1);
		rc = st->ops->exec(st, sql, err);
	}
	if (rc == 0)
		st->depth--;
	return rc;
}

void
td_store_rollback(struct td_store *st)
{
	char sql[96];

	if (st->depth == 0)
		return;
	if (st->depth == 1) {
		st->ops->exec(st, "ROLLBACK", NULL);
	} else {
		snprintf(sql, sizeof(sql),
			 "ROLLBACK TO SAVEPOINT td_sp%d; RELEASE SAVEPOINT "
			 "td_sp%d",
			 st->depth - 1, st->depth - 1);
		st->ops->exec(st, sql, NULL);
	}
	st->depth--;
}

int
td_store_in_tx(const struct td_store *st)
{
	return st->depth > 0;
}

/* --- statements ---------------------------------------------------------- */

static int
bind_all(struct td_store *st, struct td_stmt *s, const char *types, va_list ap)
{
	int i, rc = 0;

	for (i = 0; types && types[i] && rc == 0; i++) {
		int n = i + 1;

		switch (types[i]) {
		case 's':
			rc = st->ops->bind_text(s, n, va_arg(ap, const char *));
			break;
		case 't':
			rc = (st->ops->bind_text_static
				      ? st->ops->bind_text_static
				      : st->ops->bind_text)(
				s, n, va_arg(ap, const char *));
			break;
		case 'i':
			rc = st->ops->bind_int(s, n, va_arg(ap, int64_t));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);

			rc = v ? st->ops->bind_int(s, n, v)
			       : st->ops->bind_null(s, n);
			break;
		}
		case 'J': {
			int64_t v = va_arg(ap, int64_t);

			rc = v >= 0 ? st->ops->bind_int(s, n, v)
				    : st->ops->bind_null(s, n);
			break;
		}
		case 'p': {
			int has = va_arg(ap, int);
			double v = va_arg(ap, double);

			rc = has ? st->ops->bind_double(s, n, v)
				 : st->ops->bind_null(s, n);
			break;
		}
		case 'b':
			rc = st->ops->bind_int(s, n, va_arg(ap, int) ? 1 : 0);
			break;
		case 'd':
			rc = st->ops->bind_double(s, n, va_arg(ap, double));
			break;
		case 'D': {
			int32_t d = va_arg(ap, int32_t);
			char buf[TD_DATE_LEN];

			if (d == TD_DATE_NONE) {
				rc = st->ops->bind_null(s, n);
			} else {
				td_date_format(d, buf);
				rc = st->ops->bind_text(s, n, buf);
			}
			break;
		}
		default:
			rc = TD_ERROR;
		}
	}
	return rc;
}

static int
vquery(struct td_store *st, struct td_stmt **out, struct td_err *err,
       const char *sql, const char *types, va_list ap)
{
	struct td_stmt_slot *free_slot = NULL;
	struct td_stmt *s = NULL;
	size_t i;
	int rc;

	for (i = 0; i < TD_STMT_CACHE; i++) {
		struct td_stmt_slot *sl = &st->cache[i];

		if (sl->sql == sql && !sl->busy) {
			s = sl->stmt;
			sl->busy = 1;
			break;
		}
		if (!sl->sql && !free_slot)
			free_slot = sl;
	}
	if (!s) {
		rc = st->ops->prepare(st, sql, &s, err);
		if (rc)
			return rc;
		if (free_slot) {
			free_slot->sql = sql;
			free_slot->stmt = s;
			free_slot->busy = 1;
		}
	}
	rc = bind_all(st, s, types, ap);
	if (rc) {
		td_sql_done(st, s);
		return td_errf(err, TD_EDB, "binding parameters of: %s", sql);
	}
	*out = s;
	return 0;
}

int
td_sql_query(struct td_store *st, struct td_stmt **out, struct td_err *err,
	     const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(st, out, err, sql, types, ap);
	va_end(ap);
	return rc;
}

void
td_sql_done(struct td_store *st, struct td_stmt *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < TD_STMT_CACHE; i++) {
		if (st->cache[i].stmt == s) {
			st->ops->reset(s);
			st->cache[i].busy = 0;
			return;
		}
	}
	st->ops->finalize(s);
}

int
td_sql_step(struct td_store *st, struct td_stmt *s, struct td_err *err)
{
	return st->ops->step(s, err);
}

int
td_sql_exec(struct td_store *st, struct td_err *err, const char *sql,
	    const char *types, ...)
{
	struct td_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(st, &s, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	while ((rc = st->ops->step(s, err)) > 0)
		;
	td_sql_done(st, s);
	return rc;
}

int
td_sql_int_query(struct td_store *st, int64_t *v, struct td_err *err,
		 const char *sql, const char *types, ...)
{
	struct td_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(st, &s, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	rc = st->ops->step(s, err);
	if (rc > 0)
		*v = st->ops->col_int(s, 0);
	td_sql_done(st, s);
	return rc;
}

int
td_sql_insert(struct td_store *st, int64_t *id, struct td_err *err,
	      const char *sql, const char *types, ...)
{
	struct td_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(st, &s, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	rc = st->ops->step(s, err);
	if (rc == 0 && st->ops->changes(st) > 0) {
		*id = st->ops->last_id(st);
		rc = 1;
	} else if (rc > 0) {
		rc = td_errf(err, TD_EDB, "an INSERT returned a row: %s", sql);
	}
	td_sql_done(st, s);
	return rc;
}

const char *
td_sql_text(struct td_store *st, struct td_stmt *s, int i)
{
	return st->ops->col_text(s, i);
}

char *
td_sql_strdup(struct td_store *st, struct td_stmt *s, int i)
{
	return td_xstrdup_or_null(st->ops->col_text(s, i));
}

int64_t
td_sql_int(struct td_store *st, struct td_stmt *s, int i)
{
	return st->ops->col_int(s, i);
}

double
td_sql_double(struct td_store *st, struct td_stmt *s, int i)
{
	return st->ops->col_double(s, i);
}

int32_t
td_sql_date(struct td_store *st, struct td_stmt *s, int i)
{
	const char *t = st->ops->col_text(s, i);
	int32_t d;

	if (!t || td_date_parse(t, &d) < 0)
		return TD_DATE_NONE;
	return d;
}

/* --- migrations ---------------------------------------------------------- */

/*
 * Migrations are the embedded files migrations/<scheme>/NNNN_name.sql;
 * NNNN is the version each brings the schema to.
 */
static int
migration_version(const char *name, const char *scheme)
{
	size_t n = strlen(scheme);
	const char *p;
	int v = 0;

	if (strncmp(name, scheme, n) != 0 || name[n] != '/')
		return 0;
	for (p = name + n + 1; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return *p == '_' ? v : 0;
}

static const struct td_builtin *
migration(const struct td_store *st, int version)
{
	const struct td_builtin *b;

	for (b = td_builtin_sql; b->name; b++)
		if (migration_version(b->name, st->ops->scheme) == version)
			return b;
	return NULL;
}

int
td_store_latest(const struct td_store *st)
{
	const struct td_builtin *b;
	int latest = 0;

	for (b = td_builtin_sql; b->name; b++) {
		int v = migration_version(b->name, st->ops->scheme);

		if (v > latest)
			latest = v;
	}
	return latest;
}

int
td_store_version(struct td_store *st, int *version, struct td_err *err)
{
	int64_t v = 0;
	int64_t n = 0;
	int rc;

	*version = 0;
	rc = td_sql_int_query(st, &n, err,
			      strcmp(st->ops->scheme, "sqlite") == 0
				      ? "SELECT count(*) FROM sqlite_master "
					"WHERE name = 'schema_migrations'"
				      : "SELECT count(*) FROM "
					"information_schema.tables WHERE "
					"table_name = 'schema_migrations' AND "
					"table_schema = current_schema()",
			      NULL);
	if (rc < 0)
		return rc;
	if (n == 0)
		return 0;
	rc = td_sql_int_query(st, &v, err,
			      "SELECT coalesce(max(version), 0) FROM "
			      "schema_migrations",
			      NULL);
	if (rc < 0)
		return rc;
	*version = (int)v;
	return 0;
}

int
td_store_migrate(struct td_store *st, int target, struct td_err *err)
{
	int latest = td_store_latest(st);
	int cur, v, rc;

	if (target <= 0 || target > latest)
		target = latest;
	rc = td_store_version(st, &cur, err);
	if (rc)
		return rc;
	if (cur > latest)
		return td_errf(err, TD_EVERSION,
			       "the workspace was written by a newer takedown "
			       "(schema version %d; takedown %s knows up to "
			       "%d): upgrade takedown to use it",
			       cur, TD_VERSION, latest);
	if (cur > target)
		return td_errf(err, TD_EVERSION,
			       "the workspace is at schema version %d, newer "
			       "than the %d asked for",
			       cur, target);
	for (v = cur + 1; v <= target; v++) {
		const struct td_builtin *m = migration(st, v);
		char now[TD_TIME_LEN];

		if (!m)
			return td_errf(err, TD_ERROR,
				       "schema migration %d is missing from "
				       "this build",
				       v);
		rc = td_store_begin(st, err);
		if (rc)
			return rc;
		rc = st->ops->exec(st, (const char *)m->data, err);
		if (rc == 0) {
			td_time_format((int64_t)time(NULL), now);
			rc = td_sql_exec(st, err,
					 "INSERT INTO schema_migrations "
					 "(version, name, applied_at) VALUES "
					 "(?, ?, ?)",
					 "iss", (int64_t)v, m->name, now);
		}
		if (rc == 0)
			rc = td_store_commit(st, err);
		if (rc) {
			td_store_rollback(st);
			td_err_prefix(err, "schema migration %s", m->name);
			return rc;
		}
	}
	return 0;
}

int
td_store_backup(struct td_store *st, const char *path, struct td_err *err)
{
	if (!st->ops->backup)
		return td_errf(err, TD_EUNSUPPORTED,
			       "the %s store has no built-in backup",
			       st->ops->scheme);
	return st->ops->backup(st, path, err);
}
