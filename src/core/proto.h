#ifndef TD_PROTO_H
#define TD_PROTO_H
/*
 * Platform protocols (docs/platforms.md): each platform's takedown
 * procedure as data, one JSON file per platform under data/platforms/.
 *
 * A protocol holds the rules of the platform (struct td_proto_rules: who
 * may file and with what proof, documents per right kind, which
 * registrations count and how well, channels, batch limit and file
 * layout, the seller's response window, counter-notices, repeat-infringer
 * rules, time to removal, accuracy programme, the form's fields) and its
 * sites. A group portal such as Alibaba's IPP has several sites; each site
 * has its own effective rules: the protocol's rules with the site's
 * differences applied (a JSON merge patch, RFC 7386).
 *
 * Loading validates everything; a bad file is an error naming the file and
 * the JSON path of the field: "data/platforms/amazon.json: batch.limit:
 * must be a positive integer".
 *
 * Protocols are immutable once loaded. Returned pointers borrow from the
 * set (or protocol) and live until it is freed. Arguments are borrowed.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/cal.h"
#include "core/err.h"

/* Kinds of right. */
enum td_proto_right_kind {
	TD_PROTO_TRADEMARK,
	TD_PROTO_COPYRIGHT,
	TD_PROTO_PATENT_INVENTION,
	TD_PROTO_PATENT_UTILITY, /* utility model */
	TD_PROTO_DESIGN,         /* design patent or registered design */
	TD_PROTO_NRIGHTS
};

/* Kinds of document. */
enum td_proto_doc_kind {
	TD_PROTO_DOC_BUSINESS_LICENCE,
	TD_PROTO_DOC_REGISTRATION_CERTIFICATE,
	TD_PROTO_DOC_POWER_OF_ATTORNEY,
	TD_PROTO_DOC_TRANSLATION,
	TD_PROTO_DOC_COURT_ORDER,
	TD_PROTO_DOC_PATENT_EVALUATION_REPORT,
	TD_PROTO_DOC_COMPARISON_CHART,
	TD_PROTO_DOC_IDENTITY,
	TD_PROTO_DOC_OTHER,
	TD_PROTO_NDOCS
};

/* Who files. */
enum td_proto_role {
	TD_PROTO_OWNER, /* the rights holder itself */
	TD_PROTO_AGENT, /* an agent authorised by the rights holder */
	TD_PROTO_NROLES
};

/* What the rights holder is, for identity documents. */
enum td_proto_holder {
	TD_PROTO_HOLDER_ANY = 0,
	TD_PROTO_COMPANY,
	TD_PROTO_INDIVIDUAL,
};

/* How much a document is needed. */
enum td_proto_need {
	TD_PROTO_REQUIRED = 1, /* missing: the platform rejects the complaint */
	TD_PROTO_RECOMMENDED,  /* missing: weaker, may be asked for */
	TD_PROTO_OPTIONAL,
};

/* Channels. */
enum td_proto_channel_kind {
	TD_PROTO_PORTAL,  /* an account-based portal */
	TD_PROTO_WEBFORM, /* a form without an account */
	TD_PROTO_EMAIL,
	TD_PROTO_API,
	TD_PROTO_PHONE,
	TD_PROTO_FAX,
	TD_PROTO_POST,
	TD_PROTO_NCHANNELS
};

/* How a registration relates to a site (td_proto_classify()). */
enum td_proto_reg_class {
	TD_PROTO_HOME,         /* registered where the site counts as home */
	TD_PROTO_FOREIGN,      /* registered elsewhere, accepted */
	TD_PROTO_UNREGISTERED, /* no registration */
	TD_PROTO_NOT_ACCEPTED, /* this registration or kind is refused */
};

/* A period: days, in working days of a calendar or in calendar days. */
struct td_proto_window {
	int known;         /* 0: the platform states none (days unused) */
	int days;          /* the period, or its lower bound */
	int max_days;      /* the upper bound; = days for a single figure */
	int working;       /* 1: working days of calendar; 0: calendar days */
	char calendar[16]; /* "cn", "us" (when working), else "" */
	char *note;        /* what starts and ends it, or NULL */
};

/* One document requirement, with the conditions under which it applies. */
struct td_proto_req {
	enum td_proto_doc_kind doc;  /* the document */
	enum td_proto_need need;     /* required, recommended, optional */
	int filer;                   /* -1 any, else enum td_proto_role */
	enum td_proto_holder holder; /* only for this kind of holder */
	int registered;              /* -1 any, 0 unregistered, 1 registered */
	char **registries;           /* only rights registered here; NULL any */
	size_t nregistries;          /* number of registries */
	int has_applied_from;        /* applied_from is set */
	int32_t applied_from;        /* only rights applied on or after */
	int foreign_language;        /* only for documents not in the
					platform's document languages */
	char *note;                  /* what exactly, or NULL */
};

/* Who may file in one role, and what proves it. */
struct td_proto_filer {
	int allowed;                /* this role may file */
	struct td_proto_req *proof; /* documents proving identity/authority */
	size_t nproof;              /* number of proof documents */
	char *note;                 /* or NULL */
};

/* The rules for one kind of right. */
struct td_proto_right {
	int accepted;              /* complaints on this kind are taken */
	int any_registry;          /* registrations from anywhere count */
	char **registries;         /* else only these (ISO 3166, EM, WO) */
	size_t nregistries;        /* number of registries */
	int needs_registration;    /* an unregistered right is refused */
	int pending_ok;            /* a pending application is enough */
	double prior[3];           /* success prior per enum td_proto_reg_class
				      HOME, FOREIGN, UNREGISTERED, in [0,1] */
	struct td_proto_req *docs; /* documents for this kind */
	size_t ndocs;              /* number of documents */
	char *note;                /* patent extras and the like, or NULL */
};

/* One way to file. */
struct td_proto_channel {
	enum td_proto_channel_kind kind; /* portal, e-mail, ... */
	char *target;                    /* URL, address or number */
	char *note;                      /* when to use it, or NULL */
};

/* A field of the platform's form, or a column of its batch file. */
struct td_proto_field {
	char *name;   /* as the platform labels it */
	char *field;  /* the takedown field that fills it, or NULL: manual */
	int required; /* the platform requires it */
	char *note;   /* or NULL */
};

/* How many listings one complaint may carry, and the batch file. */
struct td_proto_batch {
	int limit;    /* listings per complaint, 0 no limit */
	char *unit;   /* what limit counts, e.g. "listing URLs" */
	char *format; /* "lines", "csv", "xlsx" or NULL: none */
	struct td_proto_field *columns; /* the file's columns, in order */
	size_t ncolumns;                /* number of columns */
	int header;                     /* the file starts with a header row */
	long max_bytes;                 /* file size limit, 0 none */
	char *note;                     /* or NULL */
};

/* Counter-notices (cross-complaints) and what follows them. */
struct td_proto_counter {
	int allowed;                        /* sellers may counter-notify */
	int rounds;                         /* how many times, 0 not stated */
	struct td_proto_window owner_reply; /* the owner's time to answer */
	struct td_proto_window restore;     /* listing restored after this */
	char *restore_unless;               /* ...unless the owner does this */
	char *follows;                      /* the process after a counter */
	char *law;                          /* the law behind it, or NULL */
	struct td_proto_window decision;    /* the platform's time to decide
					       a dispute (not always known) */
};

/* Repeat infringers. */
struct td_proto_repeat {
	char *policy;    /* what the platform does */
	int strikes;     /* strikes to termination, 0 not stated */
	int period_days; /* strikes expire after, 0 not stated */
};

/* Typical time from complaint to removal. */
struct td_proto_removal {
	double typical_days; /* usual */
	double max_days;     /* upper end, 0 not stated */
	char *note;          /* or NULL */
};

/* An accuracy programme the filer must stay in (or qualify for). */
struct td_proto_good_faith {
	int present;        /* the platform has one */
	char *name;         /* its name */
	double min_success; /* minimum share of complaints upheld, 0 none */
	double max_counter; /* maximum share of successful counters, 0 none */
	int period_months;  /* the window the shares are taken over */
	char *note;         /* benefits and penalties, or NULL */
};

/*
 * Whether a right must be recorded (verified) on the platform before
 * complaints may rely on it: IPP's approved IPR record, Amazon's Brand
 * Registry. A portfolio's verifications say which rights are.
 */
struct td_proto_record {
	int need;   /* 0: the platform has no such record, else
		       enum td_proto_need */
	char *name; /* what the platform calls it, or NULL (need 0) */
	char *note; /* or NULL */
};

/* Everything a protocol says, for the protocol or one of its sites. */
struct td_proto_rules {
	char **home;           /* registries counted as home (same country) */
	size_t nhome;          /* number */
	char **languages;      /* complaint languages (BCP 47), first best */
	size_t nlanguages;     /* number */
	char **doc_languages;  /* document languages needing no translation */
	size_t ndoc_languages; /* number */
	char **templates;      /* complaint templates (data/templates/) */
	size_t ntemplates;     /* number */
	struct td_proto_filer filer[TD_PROTO_NROLES];  /* by role */
	struct td_proto_right right[TD_PROTO_NRIGHTS]; /* by kind */
	struct td_proto_channel *channels;     /* first is the usual one */
	size_t nchannels;                      /* number */
	struct td_proto_batch batch;           /* limit and file layout */
	struct td_proto_window response;       /* the seller's window */
	struct td_proto_counter counter;       /* counter-notices */
	struct td_proto_record record;         /* recording rights first */
	struct td_proto_repeat repeat;         /* repeat infringers */
	struct td_proto_removal removal;       /* time to removal */
	struct td_proto_good_faith good_faith; /* accuracy programme */
	struct td_proto_field *form;           /* the form's fields, in order */
	size_t nform;                          /* number */
	char *notes;                           /* anything else, or NULL */
};

struct td_proto;

/* One site of a protocol, with its effective rules. */
struct td_proto_site {
	char *key;                    /* "taobao": unique over all protocols */
	char *name;                   /* "Taobao" */
	char **domains;               /* "taobao.com", ... */
	size_t ndomains;              /* number */
	struct td_proto_rules r;      /* the protocol's rules + the patch */
	const struct td_proto *proto; /* the protocol it belongs to */
};

/* A source cited by the protocol's facts. */
struct td_proto_source {
	char *id;         /* referred to from "sources" fields */
	char *url;        /* where */
	char *confidence; /* "H", "M", "L" or "default" (our assumption) */
	char *note;       /* or NULL */
};

struct td_proto {
	char *key;                       /* "alibaba_ipp" */
	char *name;                      /* "Alibaba Group IPP" */
	char *company;                   /* who runs it */
	char *file;                      /* where it was loaded from */
	int32_t checked;                 /* when the facts were last checked */
	char **aliases;                  /* other names users give it
					    ("alibaba"); NULL-terminated */
	size_t naliases;                 /* number */
	struct td_proto_rules r;         /* the rules before site patches */
	struct td_proto_site *sites;     /* at least one */
	size_t nsites;                   /* number */
	struct td_proto_source *sources; /* cited sources */
	size_t nsources;                 /* number */
};

/* The protocols in force. */
struct td_proto_set {
	struct td_proto **v; /* sorted by key */
	size_t n;            /* number */
	size_t alloc;        /* allocation */
};

/*
 * Parse and validate one protocol file (file names it in messages).
 * Returns a new protocol (td_proto_free()) or NULL with TD_EINVAL and
 * "FILE: PATH: reason" (or "FILE:LINE: column C: reason" for bad JSON).
 */
struct td_proto *td_proto_parse(const char *file, const char *text, size_t len,
				struct td_err *err);
/* Read and parse a file. Also TD_ENOTFOUND, TD_EIO, TD_ETOOBIG. */
struct td_proto *td_proto_load_file(const char *path, struct td_err *err);
/* Free a protocol; NULL is fine. */
void td_proto_free(struct td_proto *p);

/* A new empty set; free with td_proto_set_free(). */
struct td_proto_set *td_proto_set_new(void);
/* Free a set and its protocols; NULL is fine. */
void td_proto_set_free(struct td_proto_set *set);
/*
 * Add p to set, which takes it (and frees it on error). Fails with
 * TD_ECONFLICT when its key or an alias is already a key or alias in the
 * set, or a site key or a domain is already used (the message names both
 * files).
 */
int td_proto_set_add_take(struct td_proto_set *set, struct td_proto *p,
			  struct td_err *err);
/*
 * A new set of every embedded data/platforms/ *.json file. NULL with the
 * first file's error if any is bad.
 */
struct td_proto_set *td_proto_set_load_builtin(struct td_err *err);

/* The protocol with this key, or NULL. */
const struct td_proto *td_proto_set_find(const struct td_proto_set *set,
					 const char *key);
/*
 * The site with this key ("taobao"), or NULL; site->proto is its
 * protocol. A protocol key or alias with a single site also finds that
 * site.
 */
const struct td_proto_site *
td_proto_set_find_site(const struct td_proto_set *set, const char *key);
/*
 * The protocol whose key or alias is name ("alibaba_ipp", "alibaba"), or
 * NULL.
 */
const struct td_proto *td_proto_set_find_name(const struct td_proto_set *set,
					      const char *name);
/*
 * 1 if name refers to site: its key, its protocol's key or one of the
 * protocol's aliases. For matching a portfolio's verifications
 * ("platform": "alibaba") to a case's site.
 */
int td_proto_site_named(const struct td_proto_site *site, const char *name);

/*
 * The site whose domain matches the host of url (a URL or a bare host;
 * "item.taobao.com" matches domain "taobao.com"), or NULL. The longest
 * matching domain wins.
 */
const struct td_proto_site *
td_proto_set_find_host(const struct td_proto_set *set, const char *url);

/*
 * How a right of kind registered in registry (an ISO 3166 code, "EM",
 * "WO"; NULL or "" for an unregistered right) stands on a site.
 */
enum td_proto_reg_class td_proto_classify(const struct td_proto_rules *r,
					  enum td_proto_right_kind kind,
					  const char *registry);
/* The success prior for that class, 0 for TD_PROTO_NOT_ACCEPTED. */
double td_proto_prior(const struct td_proto_rules *r,
		      enum td_proto_right_kind kind, const char *registry);

/* The facts a document check needs about one complaint. */
struct td_proto_query {
	enum td_proto_right_kind kind; /* the right's kind */
	const char *registry;          /* where registered; NULL unregistered */
	int has_applied;               /* applied is known */
	int32_t applied;               /* the right's application date */
	enum td_proto_role role;       /* who files */
	enum td_proto_holder holder;   /* what the rights holder is */
};

/*
 * The document requirements that apply to q: the filer's proof, then the
 * right's documents. Writes up to max pointers to out and returns how
 * many apply (which may be more than max). Requirements marked
 * foreign_language are included: the caller checks each document's
 * language against r->doc_languages.
 */
size_t td_proto_required_docs(const struct td_proto_rules *r,
			      const struct td_proto_query *q,
			      const struct td_proto_req **out, size_t max);

/*
 * The due date of window w started on start: start + days in calendar
 * days, or td_cal_add() in cal for working days (cal must be the window's
 * calendar). Uses the lower bound (days). *missing_year as td_cal_add().
 * Returns 0, TD_ENOTFOUND for a window the platform does not state, or
 * TD_EINVAL (no calendar, or the wrong one).
 */
int td_proto_window_due(const struct td_proto_window *w,
			const struct td_cal *cal, int32_t start, int32_t *due,
			int *missing_year, struct td_err *err);

/* The source with this id in p, or NULL. */
const struct td_proto_source *td_proto_source(const struct td_proto *p,
					      const char *id);

/* Names as in the JSON files, and their parsers (-1 if unknown). */
const char *td_proto_right_name(enum td_proto_right_kind kind);
int td_proto_right_parse(const char *s);
const char *td_proto_doc_name(enum td_proto_doc_kind doc);
int td_proto_doc_parse(const char *s);
const char *td_proto_channel_name(enum td_proto_channel_kind kind);
const char *td_proto_role_name(enum td_proto_role role);
const char *td_proto_class_name(enum td_proto_reg_class c);
/* A right kind in words, lang "en" or "zh" ("invention patent", "发明专利"). */
const char *td_proto_right_label(enum td_proto_right_kind kind,
				 const char *lang);

#endif
