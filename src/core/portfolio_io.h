#ifndef TD_PORTFOLIO_IO_H
#define TD_PORTFOLIO_IO_H
/*
 * Changing and reading the portfolio of a workspace: import a file or a
 * command's change (validated whole, then written), export it, list what
 * needs attention, and verify stored files.
 */
#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "core/portfolio.h"

struct td_ws;

/* Sections of a portfolio, for counts. */
enum td_section {
	TD_SEC_OWNERS,
	TD_SEC_RIGHTS,
	TD_SEC_PRODUCTS,
	TD_SEC_PARTNERS,
	TD_SEC_AGENTS,
	TD_SEC_DOCUMENTS,
	TD_SEC_AUTHS,
	TD_SEC_VERIFICATIONS,
	TD_SEC_COUNT,
};

/* The name of a section as in the file ("owners", ...). */
const char *td_section_name(int sec);

struct td_apply_stats {
	size_t added[TD_SEC_COUNT];     /* new keys */
	size_t updated[TD_SEC_COUNT];   /* stored keys whose values changed */
	size_t unchanged[TD_SEC_COUNT]; /* stored keys given again as they
					   are */
	size_t files;                   /* document and photo files stored */
};

/*
 * Apply a change to the workspace's portfolio: check it whole against
 * what is stored (td_portfolio_validate), hash every document and photo
 * it names (a missing file, or one whose SHA-256 differs from a "sha256"
 * the change gives, is an error naming the field), copy the files into
 * the workspace and write the entities. file names the change's source in
 * messages (NULL for command options). The caller holds the transaction:
 * on error, roll back and nothing is changed. dry_run checks everything
 * and writes nothing. chg gets the hashes filled in.
 */
int td_portfolio_apply(struct td_ws *ws, struct td_portfolio *chg,
		       const char *file, int dry_run,
		       struct td_apply_stats *stats, struct td_err *err);

/*
 * The workspace's portfolio as a portfolio file (JSON). Every document
 * and photo is verified first (TD_ECORRUPT names the one that changed).
 * With out_dir, the files are copied to out_dir/files/ and the paths are
 * relative to out_dir (write the JSON to out_dir/portfolio.json); without
 * it, paths point at the workspace's own stored files. Returns a new
 * reference, or NULL with err set.
 */
json_t *td_portfolio_export(struct td_ws *ws, const char *out_dir,
			    struct td_err *err);

/* Hash a stored document or photo again (see td_blob_verify). */
int td_ws_file_verify(struct td_ws *ws, const char *sha256, struct td_err *err);

enum td_attn_level {
	TD_ATTN_INFO,
	TD_ATTN_WARNING,
	TD_ATTN_ERROR,
};

/* Something in the portfolio that needs the user's attention. */
struct td_attention {
	int level;        /* enum td_attn_level */
	const char *what; /* "document", "right", "authorisation", ... */
	char *key;        /* its key ("owner/agent" for authorisations) */
	int32_t date;     /* the date concerned, or TD_DATE_NONE */
	char *message;    /* one sentence */
};

struct td_attention_list {
	struct td_attention *v; /* sorted: errors first, then by date */
	size_t n;
	size_t alloc;
};

/*
 * List what needs attention on today: documents, rights and
 * authorisations expired or ending within `within` days, rights without
 * a registration certificate, documents without a Chinese translation,
 * unregistered and pending rights, products no right covers, owners
 * without a business licence on file. Stored files are not read here
 * (td_ws_file_verify does that).
 */
void td_portfolio_attention(const struct td_portfolio *pf, int32_t today,
			    int32_t within, struct td_attention_list *out);
void td_attention_list_release(struct td_attention_list *l);
const char *td_attn_level_name(int level);

#endif
