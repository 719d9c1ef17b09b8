#ifndef TD_READY_H
#define TD_READY_H
/*
 * The readiness check (docs/cases.md): everything that would make a
 * platform reject a complaint, found before it is filed. Blockers stop a
 * case from becoming ready or being submitted; warnings do not.
 *
 * The check reads plain structs: the portfolio, the site's effective
 * rules, the case's right, agent and listings. Stored files are re-hashed
 * through a callback (td_ws_file_verify in a workspace), so the check
 * itself touches no store and no disk. It also chooses the documents to
 * attach, which the complaint package (notice.h) copies.
 *
 * Pointers in a report borrow from the input (portfolio and site) and
 * live as long as they do. Arguments are borrowed.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/case.h"
#include "core/err.h"
#include "core/portfolio.h"
#include "core/proto.h"
#include "core/strv.h"

enum td_ready_level {
	TD_READY_BLOCKER, /* the platform would reject the complaint */
	TD_READY_WARNING, /* weaker, slower, or needs attention soon */
};

/* What the check looks at. */
struct td_ready_input {
	const struct td_portfolio *pf;          /* the whole portfolio */
	const struct td_proto_site *site;       /* where the case is filed */
	int64_t case_id;                        /* for messages, or 0 */
	const char *right;                      /* the right's key */
	const char *agent;                      /* agent key, or NULL: the
						   owner files */
	const struct td_case_listing *listings; /* the case's listings */
	size_t nlistings;                       /* number */
	int32_t today;                          /* the day of the check */
	int32_t until;                          /* the case's likely end:
						   what expires by then is
						   warned about; or
						   TD_DATE_NONE */
	/* Re-hash a stored file: 0 if unchanged, else an error in err
	 * (TD_ECORRUPT). NULL skips the file check. */
	int (*verify)(void *arg, const char *sha256, struct td_err *err);
	void *verify_arg; /* passed to verify */
};

/* One finding of the check. */
struct td_ready_item {
	int level;     /* enum td_ready_level */
	char *code;    /* stable name of the problem (docs/cases.md):
			  "document_missing", "batch_over_limit", ... */
	char *subject; /* what it concerns: a key, a document kind,
			  "listing 12"; or NULL */
	char *message; /* one sentence for the user */
	char *fix;     /* what to do about it, or NULL */
};

/* A document the complaint should carry. */
struct td_ready_attachment {
	const struct td_document *doc;         /* the document */
	const struct td_proto_req *req;        /* the requirement it meets */
	const struct td_document *translation; /* its translation, or NULL */
	int needs_translation;                 /* its language is not one
						  the platform reads */
};

struct td_ready_report {
	struct td_ready_item *items;         /* blockers first, in check
						order */
	size_t n;                            /* number */
	size_t alloc;                        /* allocation */
	size_t blockers;                     /* items at TD_READY_BLOCKER */
	size_t warnings;                     /* items at TD_READY_WARNING */
	struct td_ready_attachment *attach;  /* documents to attach */
	size_t nattach;                      /* number */
	size_t attach_alloc;                 /* allocation */
	struct td_strv missing_translations; /* keys of documents whose
						needed translation is not
						on file */
};

#define TD_READY_REPORT_INIT                                                   \
	{                                                                      \
		0                                                              \
	}

/*
 * Check a case's readiness into out (which must be empty; release it
 * either way). Problems of the case are items, not errors: the call
 * returns 0 with blockers in out. It fails only on bad input:
 * TD_ENOTFOUND for an unknown right or agent key.
 */
int td_ready_check(const struct td_ready_input *in, struct td_ready_report *out,
		   struct td_err *err);

/*
 * Add an item (for checks made elsewhere, such as the complaint's
 * fields). subject and fix may be NULL. Items stay sorted: blockers
 * first.
 */
void td_ready_add(struct td_ready_report *r, int level, const char *code,
		  const char *subject, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

void td_ready_report_release(struct td_ready_report *r);

/* "blocker" or "warning". */
const char *td_ready_level_name(int level);

/*
 * The holder kind of owner for document rules: a company when it has a
 * business licence number or document, an individual when it has only
 * an identity document, else a company.
 */
enum td_proto_holder td_ready_holder(const struct td_portfolio *pf,
				     const char *owner);

#endif
