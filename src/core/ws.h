#ifndef TD_WS_H
#define TD_WS_H
/*
 * A workspace: a directory holding the store (takedown.db, SQLite, unless
 * the file "store" names another store URI) and files/, where documents
 * and photos are kept under their SHA-256 (see blob.h).
 */
#include "core/err.h"

struct td_store;

struct td_ws {
	char *dir;              /* the workspace directory */
	char *files;            /* DIR/files: the content-addressed files */
	struct td_store *store; /* the open store, migrated to the newest */
	int upgraded_from;      /* schema version before opening, if it was
				   upgraded (0 if not) */
};

/*
 * Make dir a workspace (creating it and its parents if needed) and bring
 * its store to the newest schema. An existing workspace is opened and
 * upgraded, not emptied. *created is set to 1 if it was new.
 */
int td_ws_init(const char *dir, int *created, struct td_err *err);

/*
 * Open the workspace at dir, upgrading an older schema (after writing a
 * backup copy, takedown.db.bak-vN) and refusing a newer one
 * (TD_EVERSION). TD_ENOTFOUND if dir is not a workspace. Free with
 * td_ws_free().
 */
int td_ws_open(const char *dir, struct td_ws **out, struct td_err *err);
void td_ws_free(struct td_ws *ws);

#endif
