#ifndef TD_PORTFOLIO_H
#define TD_PORTFOLIO_H
/*
 * The portfolio: a rights holder's owners, rights with their search terms,
 * products, partners, agents and authorisations, proof documents and
 * platform verifications. Every later part (detection, triage, cases,
 * notices) reads it through these structs.
 *
 * Entities refer to one another by key (a short name the user chooses,
 * such as "tm-cn"); the store maps keys to row ids. Strings are owned by
 * the struct holding them; optional strings are NULL when absent, and
 * optional dates are TD_DATE_NONE.
 *
 * Each struct has _release(), which frees what it owns and leaves it
 * zeroed, so releasing twice is safe.
 */
#include <jansson.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "core/strv.h"

enum td_right_kind {
	TD_RIGHT_TRADEMARK,
	TD_RIGHT_COPYRIGHT,
	TD_RIGHT_PATENT_INVENTION,
	TD_RIGHT_PATENT_UTILITY,
	TD_RIGHT_DESIGN,
};

enum td_right_status {
	TD_STATUS_REGISTERED,
	TD_STATUS_PENDING,
	TD_STATUS_UNREGISTERED,
};

enum td_doc_kind {
	TD_DOC_BUSINESS_LICENCE,
	TD_DOC_REGISTRATION_CERTIFICATE,
	TD_DOC_POWER_OF_ATTORNEY,
	TD_DOC_TRANSLATION,
	TD_DOC_COURT_ORDER,
	TD_DOC_PATENT_EVALUATION_REPORT,
	TD_DOC_COMPARISON_CHART,
	TD_DOC_IDENTITY,
	TD_DOC_OTHER,
};

enum td_verify_status {
	TD_VERIFY_PENDING,
	TD_VERIFY_VERIFIED,
	TD_VERIFY_REJECTED,
};

/* Names of the enum values as they appear in files and on the command
 * line ("trademark", "patent_utility", ...); -1 from _parse if unknown. */
const char *td_right_kind_name(int kind);
int td_right_kind_parse(const char *s);
const char *td_right_status_name(int status);
int td_right_status_parse(const char *s);
const char *td_doc_kind_name(int kind);
int td_doc_kind_parse(const char *s);
const char *td_verify_status_name(int status);
int td_verify_status_parse(const char *s);
/* 1 for a patent or design right (patent extras apply). */
int td_right_kind_is_patent(int kind);

/* Term kinds: what a search term is to the right. */
#define TD_TERM_KINDS "mark alias name_zh pinyin model"

/* A key: 1-64 of [A-Za-z0-9._-], starting with a letter or digit. */
int td_key_valid(const char *s);

struct td_owner {
	int64_t id;             /* store row id, 0 if not stored */
	char *key;              /* "iw" */
	char *name;             /* legal name, "Ironwood Atelier LLC" */
	char *name_zh;          /* Chinese legal name, or NULL */
	char *country;          /* ISO 3166 alpha-2 */
	char *business_licence; /* licence or registration number, or NULL */
	char *contact;          /* e-mail or address for notices, or NULL */
};

struct td_term {
	char *text; /* as the owner writes it: "铁木工坊", "IA-RT" */
	char *lang; /* BCP 47 tag: "en", "zh", "zh-Latn-pinyin", "und" */
	char *kind; /* one of TD_TERM_KINDS */
};

struct td_right {
	int64_t id;             /* store row id, 0 if not stored */
	char *key;              /* "tm-cn" */
	char *owner;            /* owner key */
	int kind;               /* enum td_right_kind */
	char *title;            /* what the right is called */
	char *mark;             /* the mark as registered, or NULL */
	char *reg_no;           /* registration or patent number, or NULL */
	char *jurisdiction;     /* ISO 3166 alpha-2, "EM" or "WO" */
	struct td_strv classes; /* Nice or Locarno classes, as text */
	int status;             /* enum td_right_status */
	int32_t valid_from;     /* registration validity, or TD_DATE_NONE */
	int32_t valid_to;       /* or TD_DATE_NONE for no end */
	int32_t protect_from;   /* the period the owner wants protected */
	int32_t protect_to;     /* or TD_DATE_NONE */
	struct td_term *terms;  /* search terms besides the mark */
	size_t nterms;          /* how many */
	size_t terms_alloc;     /* slots allocated */
};

struct td_photo {
	char *path;     /* source file (import, add), or NULL */
	char *filename; /* base name of the file as added */
	char *sha256;   /* hex SHA-256 of the bytes, once stored */
	char *partner;  /* partner key if given only to that partner */
};

struct td_product {
	int64_t id;              /* store row id, 0 if not stored */
	char *sku;               /* the product's key: "IA-RT-001" */
	char *owner;             /* owner key */
	char *name;              /* "Rivet Conference Table" */
	char *name_zh;           /* "铆钉会议桌", or NULL */
	double msrp;             /* list price, >= 0 */
	char *currency;          /* ISO 4217 code of msrp */
	double margin;           /* the owner's margin, 0..1 */
	struct td_strv markets;  /* countries where sold now */
	struct td_strv planned;  /* countries planned */
	int32_t launch_date;     /* or TD_DATE_NONE */
	struct td_strv rights;   /* keys of the rights covering it */
	struct td_photo *images; /* official photos */
	size_t nimages;          /* how many */
	size_t images_alloc;     /* slots allocated */
};

struct td_partner {
	int64_t id;     /* store row id, 0 if not stored */
	char *key;      /* "dg-works" */
	char *owner;    /* owner key */
	char *kind;     /* factory, distributor, retailer or other */
	char *name;     /* "Dongguan Metal Works" */
	char *location; /* free text, "Dongguan, CN", or NULL */
	char *country;  /* ISO 3166 alpha-2, or NULL */
};

struct td_agent {
	int64_t id;    /* store row id, 0 if not stored */
	char *key;     /* "exlaw" */
	char *name;    /* "Example IP Law LLP" */
	char *kind;    /* law_firm or person */
	char *contact; /* or NULL */
};

struct td_document {
	int64_t id;            /* store row id, 0 if not stored */
	char *key;             /* "poa-exlaw" */
	int kind;              /* enum td_doc_kind */
	char *owner;           /* owner key, or NULL */
	struct td_strv rights; /* keys of the rights it proves */
	char *title;           /* or NULL */
	char *lang;            /* language of the document, or NULL */
	int32_t issued;        /* or TD_DATE_NONE */
	int32_t expires;       /* or TD_DATE_NONE */
	char *translates;      /* key of the document this translates */
	char *path;            /* source file (import, add), or NULL */
	char *filename;        /* base name of the file as added */
	char *sha256;          /* hex SHA-256 of the stored file */
	int64_t size;          /* bytes */
};

struct td_authorisation {
	char *owner;           /* owner key */
	char *agent;           /* agent key */
	char *document;        /* power-of-attorney document key, or NULL */
	struct td_strv rights; /* rights covered; empty = all of the owner's */
	int32_t valid_from;    /* or TD_DATE_NONE */
	int32_t valid_to;      /* or TD_DATE_NONE */
};

struct td_verification {
	char *right;    /* right key */
	char *platform; /* platform key: "alibaba", "amazon" */
	int status;     /* enum td_verify_status */
	int32_t date;   /* when it was last set, or TD_DATE_NONE */
};

/* A portfolio, or a part of one (an import file, a command's change). */
struct td_portfolio {
	struct td_owner *owners;
	size_t nowners, owners_alloc;
	struct td_right *rights;
	size_t nrights, rights_alloc;
	struct td_product *products;
	size_t nproducts, products_alloc;
	struct td_partner *partners;
	size_t npartners, partners_alloc;
	struct td_agent *agents;
	size_t nagents, agents_alloc;
	struct td_document *documents;
	size_t ndocuments, documents_alloc;
	struct td_authorisation *auths;
	size_t nauths, auths_alloc;
	struct td_verification *verifications;
	size_t nverifications, verifications_alloc;
};

#define TD_PORTFOLIO_INIT                                                      \
	{                                                                      \
		0                                                              \
	}

void td_owner_release(struct td_owner *o);
void td_right_release(struct td_right *r);
void td_product_release(struct td_product *p);
void td_partner_release(struct td_partner *p);
void td_agent_release(struct td_agent *a);
void td_document_release(struct td_document *d);
void td_authorisation_release(struct td_authorisation *a);
void td_verification_release(struct td_verification *v);
void td_portfolio_release(struct td_portfolio *pf);

/* Zero-initialised entities (dates TD_DATE_NONE) appended to pf. */
struct td_owner *td_portfolio_add_owner(struct td_portfolio *pf);
struct td_right *td_portfolio_add_right(struct td_portfolio *pf);
struct td_product *td_portfolio_add_product(struct td_portfolio *pf);
struct td_partner *td_portfolio_add_partner(struct td_portfolio *pf);
struct td_agent *td_portfolio_add_agent(struct td_portfolio *pf);
struct td_document *td_portfolio_add_document(struct td_portfolio *pf);
struct td_authorisation *td_portfolio_add_auth(struct td_portfolio *pf);
struct td_verification *td_portfolio_add_verification(struct td_portfolio *pf);
struct td_term *td_right_add_term(struct td_right *r, const char *text,
				  const char *lang, const char *kind);
struct td_photo *td_product_add_image(struct td_product *p);

/* Lookups by key; NULL if absent. */
struct td_owner *td_portfolio_owner(const struct td_portfolio *pf,
				    const char *key);
struct td_right *td_portfolio_right(const struct td_portfolio *pf,
				    const char *key);
struct td_product *td_portfolio_product(const struct td_portfolio *pf,
					const char *sku);
struct td_partner *td_portfolio_partner(const struct td_portfolio *pf,
					const char *key);
struct td_agent *td_portfolio_agent(const struct td_portfolio *pf,
				    const char *key);
struct td_document *td_portfolio_document(const struct td_portfolio *pf,
					  const char *key);

/*
 * JSON form (the portfolio file format, docs/formats.md). The _to_json
 * functions return a new reference the caller decrefs. The document and
 * image "path" written is the one in the struct.
 */
json_t *td_owner_to_json(const struct td_owner *o);
json_t *td_right_to_json(const struct td_right *r);
json_t *td_product_to_json(const struct td_product *p);
json_t *td_partner_to_json(const struct td_partner *p);
json_t *td_agent_to_json(const struct td_agent *a);
json_t *td_document_to_json(const struct td_document *d);
json_t *td_authorisation_to_json(const struct td_authorisation *a);
json_t *td_verification_to_json(const struct td_verification *v);
json_t *td_portfolio_to_json(const struct td_portfolio *pf);

/*
 * Read a portfolio from JSON. file names the source in messages and base
 * is the directory that relative "path" values are resolved against (NULL
 * leaves them as written). Errors: TD_EINVAL with "FILE: json.path:
 * reason" (e.g. "p.json: rights[3].valid_to: not a date (YYYY-MM-DD)").
 * On error pf holds what was read so far; release it either way.
 */
int td_portfolio_from_json(json_t *root, const char *file, const char *base,
			   struct td_portfolio *pf, struct td_err *err);
/* Load a portfolio file: JSON syntax errors name the line and column. */
int td_portfolio_load_file(const char *path, struct td_portfolio *pf,
			   struct td_err *err);

/*
 * Check a change against what is stored. cur is the stored portfolio
 * (may be NULL); chg holds new or changed entities, replacing those of
 * cur with the same key. Checks every rule of docs/formats.md: keys,
 * dates, country and currency codes, kinds, duplicate keys, a
 * registration number used twice in one jurisdiction, validity and
 * protect periods, links to unknown keys, prices, margins. file names
 * chg's source ("portfolio.json"; NULL for command options, which are
 * named by field only). Returns 0 or TD_EINVAL for the first problem.
 */
int td_portfolio_validate(const struct td_portfolio *cur,
			  const struct td_portfolio *chg, const char *file,
			  struct td_err *err);

#endif
