#ifndef TD_DUE_H
#define TD_DUE_H
/*
 * What needs action, and when (docs/cli/due.md): the deadlines of open
 * cases (a seller's window that passed, a cross-complaint to answer, a
 * listing about to be restored, a dispute waiting), cases waiting on the
 * user (ready to file, rejected, escalated, reinstated), and documents,
 * authorisations and rights that expire before a case is likely to end.
 *
 * Each kind of item comes from a collector (due.c); relistings (issue 6)
 * plug in as one more.
 *
 * Items own their strings. Arguments are borrowed.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/proto.h"

struct td_ws;

enum td_due_kind {
	TD_DUE_PLATFORM,   /* the platform should have acted on a filing */
	TD_DUE_SELLER,     /* the seller's window ended: check the listing
			      is gone */
	TD_DUE_REPLY,      /* answer a cross-complaint */
	TD_DUE_RESTORE,    /* a listing is restored unless the owner acts */
	TD_DUE_DISPUTE,    /* a dispute waits for the platform */
	TD_DUE_FILE,       /* a ready case waits to be filed */
	TD_DUE_REJECTED,   /* a rejected case: fix and resubmit, or close */
	TD_DUE_ESCALATED,  /* follow up a personal contact */
	TD_DUE_REINSTATED, /* a listing is back: escalate, sue or close */
	TD_DUE_EXPIRY,     /* a document, authorisation or right expires
			      before a case is likely to end */
	TD_DUE_RELISTING,  /* a removed listing is back under a new id
			      (issue 6: no collector yet) */
	TD_DUE_NKINDS
};

struct td_due_item {
	int32_t date;    /* when: the due date, or since when it waits */
	int kind;        /* enum td_due_kind */
	int64_t case_id; /* the case, or 0 */
	char *site;      /* the case's site, or NULL */
	char *state;     /* the case's state, or NULL */
	char *subject;   /* what: "case 3", a document key */
	char *action;    /* what to do, one sentence */
};

struct td_due_list {
	struct td_due_item *v; /* oldest first (then case, then kind) */
	size_t n;              /* number */
	size_t alloc;          /* allocation */
};

/* The kind's name ("seller_window", "relisting", ...). */
const char *td_due_kind_name(int kind);

/*
 * Collect what needs action as of on, into out (empty; release it
 * either way): items dated on or before until (TD_DATE_NONE: all).
 * Loads the workspace's open cases and portfolio. Returns 0 or the
 * store's error.
 */
int td_due_collect(struct td_ws *ws, const struct td_proto_set *protos,
		   int32_t on, int32_t until, struct td_due_list *out,
		   struct td_err *err);

void td_due_list_release(struct td_due_list *l);

#endif
