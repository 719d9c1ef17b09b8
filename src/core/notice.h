#ifndef TD_NOTICE_H
#define TD_NOTICE_H
/*
 * Complaint packages (docs/packages.md): everything a filer needs to file
 * one case on its platform, as files in a folder:
 *
 *   complaint.en.txt, complaint.zh.txt   the complaint in English and
 *                                        Simplified Chinese, from the
 *                                        platform's template
 *   listings.csv                         every listing with its evidence
 *   batch-01.txt / .csv, ...             the platform's batch file, in
 *                                        its layout, split at its limit
 *                                        (only where it has one)
 *   documents.tsv, documents/            the documents to attach, with
 *                                        their SHA-256, and copies
 *   checklist.txt                        the form's fields in order, with
 *                                        what goes in each, and what is
 *                                        still missing
 *
 * A template field that cannot be filled is an error naming the field
 * and how to set it, never a gap in the notice. The package is built in
 * memory first (td_notice_build()), then written (td_notice_write()), so
 * a failure writes nothing.
 *
 * Arguments are borrowed; a package owns its bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/case.h"
#include "core/err.h"
#include "core/portfolio.h"
#include "core/proto.h"
#include "core/ready.h"
#include "core/strv.h"
#include "core/tmpl.h"

/* What a package is made of. */
struct td_notice_input {
	const struct td_portfolio *pf;          /* the portfolio */
	const struct td_proto_site *site;       /* the case's site */
	const struct td_case_full *cf;          /* the case, its listings and
						   fields */
	const struct td_ready_report *ready;    /* its readiness check: the
						   attachments, translations
						   missing, blockers */
	const struct td_contact *owner_contact; /* or NULL */
	const struct td_contact *agent_contact; /* or NULL */
	int32_t today;                          /* the notice's date */
};

/* One file of a package. */
struct td_notice_file {
	char *name;   /* path inside the package: "complaint.en.txt",
			 "documents/cert-tm-cn--tm-cn.pdf" */
	char *data;   /* the bytes, or NULL for a copy of a stored file */
	size_t len;   /* length of data */
	char *sha256; /* for a copy: the stored file's SHA-256 */
};

struct td_notice_package {
	struct td_notice_file *files; /* in writing order */
	size_t n;                     /* number */
	size_t alloc;                 /* allocation */
	char *template_name;          /* the template used: "ipp" */
	size_t nbatches;              /* batch files written */
};

#define TD_NOTICE_PACKAGE_INIT                                                 \
	{                                                                      \
		0                                                              \
	}

/*
 * The template a case uses on rules r: the first of r->templates, except
 * "dmca" for a copyright when the platform lists it.
 */
const char *td_notice_template(const struct td_proto_rules *r, int right_kind);

/*
 * The template fields this case cannot fill (owner.address without a
 * contact, right.original for a DMCA notice, ...), appended to missing as
 * "FIELD: how to set it". Returns the number appended.
 */
size_t td_notice_missing(const struct td_notice_input *in,
			 struct td_strv *missing);

/*
 * The template context of one language ("en" or "zh"), as the package
 * renders it: for previews and tests. Returns a new context
 * (td_tmpl_ctx_free()).
 */
struct td_tmpl_ctx *td_notice_context(const struct td_notice_input *in,
				      const char *lang);

/*
 * The evidence sentence(s) for one listing in lang, from its finding's
 * signals (term quotes as written, words admitting a copy, price against
 * the MSRP, a reused official photo, the seller's history), appended to
 * out. With r, only the terms of that right are cited, in its words ("the
 * owner's mark" for a trademark, "product name" otherwise). Returns 0, or
 * TD_ENOTFOUND when there is nothing to cite.
 */
int td_notice_evidence(const struct td_case_listing *l,
		       const struct td_right *r, const char *lang,
		       struct td_buf *out);

/*
 * Build the package of a case into out (empty; release it either way).
 * Errors: TD_EINVAL when a template field is missing ("ipp.en.txt:9:
 * owner.address: missing (not set); set it: takedown contact set --owner
 * iw --address TEXT"), TD_ENOTFOUND for an unknown template.
 */
int td_notice_build(const struct td_notice_input *in,
		    struct td_notice_package *out, struct td_err *err);

/*
 * Write the package into dir, which must not exist or be empty (it is
 * created). Copies of stored files come from files_root (the
 * workspace's files/) and are checked against their SHA-256 after
 * copying (TD_ECORRUPT). Returns 0, TD_ECONFLICT for a non-empty dir, or
 * TD_EIO.
 */
int td_notice_write(const struct td_notice_package *pkg, const char *dir,
		    const char *files_root, struct td_err *err);

void td_notice_package_release(struct td_notice_package *p);

#endif
