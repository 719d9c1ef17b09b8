#ifndef TD_TRIAGE_WS_H
#define TD_TRIAGE_WS_H
/*
 * Triage of a workspace: every stored finding evaluated with
 * td_triage_eval (triage.h), its input filled from the finding, its
 * listing, the product, the right that serves best on the listing's
 * platform (through the platform's protocol), the documents on file, the
 * outcomes of the user's closed cases and the exchange rates; grouped by
 * seller and network; with the accuracy budget applied; and a budget
 * plan over the cases that could be filed (docs/cli/triage.md).
 *
 * Ownership: the report owns everything it points to; release it with
 * td_triage_report_release. Arguments are borrowed.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/portfolio.h"
#include "core/proto.h"
#include "core/triage.h"

struct td_ws;

/* What to evaluate. NULL fields do not filter. */
struct td_triage_opts {
	const char *right;       /* only findings touching this right key,
				    which is then the right relied on */
	const char *platform;    /* only listings of this platform or site */
	const char *network;     /* only sellers of this network */
	const char *params_path; /* triage parameters over the built-in
				    ones; NULL: <ws>/triage.json if there */
	int32_t today;           /* for launch dates, documents, windows */
	int no_hold;             /* 1: skip the accuracy budget */
	int with_removed;        /* 1: evaluate findings whose listing is
				    gone too (what removing them kept, for
				    reports); 0: leave them out */
	int in_case;             /* 1: only findings some case carries */
};

/* One evaluated finding. */
struct td_triage_item {
	int64_t finding;             /* finding id */
	int64_t listing;             /* listing row id */
	char *platform;              /* the listing's platform ("taobao") */
	char *ext_id;                /* the platform's listing id */
	char *url;                   /* or NULL */
	char *title;                 /* as written */
	char *site;                  /* the protocol site it maps to */
	char *protocol;              /* that site's protocol key */
	char *seller;                /* "platform:seller", or NULL */
	char *network;               /* its seller's network, or NULL */
	char *product;               /* the product's SKU */
	char *right;                 /* the right key relied on */
	char *partner;               /* leak: the partner's key, or NULL */
	char *leak_evidence;         /* leak: what points there, or NULL */
	char *note;                  /* assumptions made ("no price: ..."), or
					NULL */
	int held;                    /* held back by the accuracy budget */
	char *held_why;              /* why, or NULL */
	struct td_triage_input in;   /* what was evaluated (its strings
					point into the report) */
	struct td_triage_result res; /* the verdict and its numbers */
};

/* A seller, or a network, and its findings. */
struct td_triage_set {
	char *label;   /* "network taobao:s-1", "seller taobao:s-1",
			  "listing taobao:123" */
	char *network; /* the network key, or NULL */
	char *seller;  /* the seller when not in a network, or NULL */
	size_t *items; /* indices into the report's items, best first */
	size_t n;      /* entries */
	struct td_triage_aggregate agg; /* the set as a whole */
};

/* The accuracy programme of one protocol and the user's record. */
struct td_triage_scope {
	char *protocol;              /* "alibaba_ipp" */
	char *name;                  /* the programme's name, or NULL */
	struct td_triage_record rec; /* its record (platform = protocol) */
	double p_counter;            /* observed share of counter-notices
					that succeeded (0 without record) */
};

/* The triage of a workspace. */
struct td_triage_report {
	struct td_triage_params params; /* used */
	struct td_portfolio pf;         /* the portfolio read */
	struct td_triage_item *items;   /* evaluated findings */
	size_t n;                       /* entries */
	struct td_triage_set *sets;     /* best expected value first */
	size_t nsets;                   /* entries */
	struct td_triage_scope *scopes; /* one per protocol in items */
	size_t nscopes;                 /* entries */
	struct td_triage_holdback hold; /* the accuracy budget's verdict,
					   over the items verdict file */
	size_t held;                    /* items held back */
	size_t removed;                 /* findings left out: their listing
					   is gone (removal confirmed) */
	char **skipped;                 /* findings that could not be
					   evaluated, with why */
	size_t nskipped;                /* entries */
	void *priv;                     /* what the items point into */
};

void td_triage_report_release(struct td_triage_report *r);

/*
 * Evaluate the findings of ws. protos is the protocol set (NULL: the
 * built-in one). out must be zeroed; release it either way. Errors: the
 * store's, a bad parameters file (TD_EINVAL, TD_EIO), a bad protocol.
 */
int td_triage_run(struct td_ws *ws, const struct td_proto_set *protos,
		  const struct td_triage_opts *o, struct td_triage_report *out,
		  struct td_err *err);

/* A case that could be filed: findings of one site and right, up to the
 * site's batch limit. */
struct td_triage_case {
	char *id;      /* "taobao/tm-cn 1" */
	char *site;    /* the site */
	char *right;   /* the right key */
	size_t *items; /* report item indices, best first */
	size_t n;      /* entries */
	double cost;   /* one case */
	double value;  /* expected value of its findings */
};

/* The cases of a budget plan. */
struct td_triage_cases {
	struct td_triage_case *v;   /* candidates */
	size_t n;                   /* entries */
	struct td_triage_plan plan; /* which are chosen and why not */
	size_t not_filing;          /* items left out before the plan
				       (verdicts other than file and
				       monitor, and held back) */
};

void td_triage_cases_release(struct td_triage_cases *c);

/*
 * The cases worth considering (items whose verdict is file or monitor
 * and not held back, by site and right, cut at the batch limit) and the
 * set that keeps the most expected value within budget
 * (td_triage_budget). out must be zeroed. Errors: TD_EINVAL for a
 * negative budget.
 */
int td_triage_cases(const struct td_triage_report *r, double budget,
		    struct td_triage_cases *out, struct td_err *err);

#endif
