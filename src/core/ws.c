#include "core/ws.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/readfile.h"
#include "core/util.h"
#include "store/store.h"
#include "core/banned.h"

/* The store URI of dir: the content of DIR/store, or DIR/takedown.db. */
static void
store_uri(const char *dir, struct td_buf *uri)
{
	struct td_buf path = TD_BUF_INIT;
	FILE *f;

	td_buf_addf(&path, "%s/store", dir);
	f = fopen(path.data, "r");
	if (f) {
		char line[1024];

		if (fgets(line, sizeof(line), f)) {
			td_buf_addstr(uri, line);
			td_buf_rtrim(uri);
		}
		fclose(f);
	}
	if (!uri->len)
		td_buf_addf(uri, "sqlite:%s/takedown.db", dir);
	td_buf_release(&path);
}

static int
open_ws(const char *dir, unsigned flags, struct td_ws **out, struct td_err *err)
{
	struct td_ws *ws = td_xcalloc(1, sizeof(*ws));
	struct td_buf b = TD_BUF_INIT;
	int cur = 0;
	int rc;

	ws->dir = td_xstrdup(dir);
	td_buf_addf(&b, "%s/files", dir);
	ws->files = td_buf_detach(&b, NULL);
	store_uri(dir, &b);
	rc = td_store_open(b.data, flags, &ws->store, err);
	if (rc == TD_ENOTFOUND) {
		rc = td_errf(err, TD_ENOTFOUND,
			     "%s is not a takedown workspace (make one with "
			     "'takedown init %s', or name one with -C DIR)",
			     dir, dir);
		goto out;
	}
	if (rc)
		goto out;
	rc = td_store_version(ws->store, &cur, err);
	if (rc)
		goto out;
	if (cur > 0 && cur < td_store_latest(ws->store) &&
	    strcmp(td_store_scheme(ws->store), "sqlite") == 0) {
		/* Keep the old database until the upgrade is known good. */
		td_buf_reset(&b);
		td_buf_addf(&b, "%s/takedown.db.bak-v%d", dir, cur);
		rc = td_store_backup(ws->store, b.data, err);
		if (rc)
			goto out;
	}
	rc = td_store_migrate(ws->store, 0, err);
	if (rc == 0 && cur > 0 && cur < td_store_latest(ws->store))
		ws->upgraded_from = cur;
out:
	td_buf_release(&b);
	if (rc) {
		td_ws_free(ws);
		return rc;
	}
	*out = ws;
	return 0;
}

int
td_ws_init(const char *dir, int *created, struct td_err *err)
{
	struct td_buf db = TD_BUF_INIT;
	struct td_ws *ws = NULL;
	struct stat sb;
	int rc;

	*created = 0;
	rc = td_mkdirs(dir, err);
	if (rc)
		return rc;
	td_buf_addf(&db, "%s/files", dir);
	rc = td_mkdirs(db.data, err);
	td_buf_reset(&db);
	td_buf_addf(&db, "%s/takedown.db", dir);
	if (rc == 0) {
		struct td_buf s = TD_BUF_INIT;

		td_buf_addf(&s, "%s/store", dir);
		*created = stat(db.data, &sb) != 0 && stat(s.data, &sb) != 0;
		td_buf_release(&s);
		rc = open_ws(dir, TD_STORE_CREATE, &ws, err);
	}
	td_ws_free(ws);
	td_buf_release(&db);
	return rc;
}

int
td_ws_open(const char *dir, struct td_ws **out, struct td_err *err)
{
	struct stat sb;

	*out = NULL;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return td_errf(err, TD_ENOTFOUND,
			       "%s: no such workspace directory", dir);
	return open_ws(dir, 0, out, err);
}

void
td_ws_free(struct td_ws *ws)
{
	if (!ws)
		return;
	td_store_close(ws->store);
	free(ws->dir);
	free(ws->files);
	free(ws);
}
