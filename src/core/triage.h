#ifndef TD_TRIAGE_H
#define TD_TRIAGE_H
/*
 * Triage: is a finding worth the money? The cost-benefit model of
 * docs/triage.md as pure functions over plain structs.
 *
 *   substitution  = s_top(presentation) * min(price / msrp, 1) ^ elasticity
 *   overlap       = best weight of the ship-to markets: 1 where the
 *                   product sells, planned_weight where it will sell
 *   diverted      = units/month * substitution * overlap * margin * msrp
 *                   * horizon
 *   value kept    = diverted * (1 - relist rate)
 *   p_success     = Beta-binomial posterior mean: prior p0 with weight n0,
 *                   updated by the caller's closed cases
 *   expected      = p_success * value kept
 *   cost          = (hours * rate + fees [+ translation] [+ evaluation
 *                   report] [+ court order]) per case, shared by the
 *                   listings of one batch
 *
 * Two sources, never mixed: the platform's facts (success priors by
 * registration class, the batch limit, which rights need an evaluation
 * report or a court order, the accuracy programme's thresholds) come from
 * its protocol (proto.h, data/platforms/) through
 * td_triage_input_from_site() and td_triage_record_from_site(); the
 * economics (sales, margins, costs, horizons, substitution, registration
 * costs) come from data/triage.json.
 *
 * Verdicts, in this order: investigate_source when a leak points at a
 * partner; register_first when the right is unregistered and registering
 * first keeps more, net of its cost and delay, than filing now;
 * file when the expected value is at least file_min_ratio times the
 * cost; monitor when it is at least monitor_min_ratio times the cost;
 * ignore otherwise.
 *
 * All parameters come from data/triage.json (built in), with a workspace
 * file merged on top (td_triage_params_load).
 *
 * Ownership: arguments are borrowed for the call. Structs the library
 * fills are freed with their _release function; releasing twice is safe.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/proto.h"

/* The five verdicts. */
enum td_triage_verdict {
	TD_TRIAGE_FILE,               /* file a takedown */
	TD_TRIAGE_REGISTER_FIRST,     /* register the right, then file */
	TD_TRIAGE_INVESTIGATE_SOURCE, /* a partner leaked: look there */
	TD_TRIAGE_MONITOR,            /* keep watching, do not spend yet */
	TD_TRIAGE_IGNORE,             /* not worth anything */
	TD_TRIAGE_VERDICT_COUNT
};

/* Kinds of right. */
enum td_triage_right {
	TD_TRIAGE_TRADEMARK,
	TD_TRIAGE_COPYRIGHT,
	TD_TRIAGE_DESIGN, /* design patent or registered design */
	TD_TRIAGE_PATENT, /* invention or utility-model patent */
	TD_TRIAGE_RIGHT_COUNT
};

/* Where the right is registered, relative to what the platform accepts. */
enum td_triage_reg {
	TD_TRIAGE_REG_LOCAL,   /* in a jurisdiction the platform relies on */
	TD_TRIAGE_REG_FOREIGN, /* registered, but elsewhere */
	TD_TRIAGE_REG_NONE,    /* not registered */
	TD_TRIAGE_REG_COUNT
};

/* "file", "register_first", "investigate_source", "monitor", "ignore". */
const char *td_triage_verdict_name(enum td_triage_verdict v);
/* "trademark", "copyright", "design", "patent". */
const char *td_triage_right_name(enum td_triage_right r);
/* "local", "foreign", "none". */
const char *td_triage_reg_name(enum td_triage_reg r);
/* Append an amount in currency cur to b: "$4,500", "$2.50", "¥1,200",
 * "CHF 80" (whole units from 10 on). */
struct td_buf;
void td_triage_money(struct td_buf *b, const char *cur, double v);
/* Parse those names; each returns 0 or TD_EINVAL. */
int td_triage_verdict_parse(const char *s, enum td_triage_verdict *out);
int td_triage_right_parse(const char *s, enum td_triage_right *out);
int td_triage_reg_parse(const char *s, enum td_triage_reg *out);

/* --- parameters ---------------------------------------------------------- */

/* Money and time spent on one case. In params, amounts are in the params
 * currency; in an input, a negative field means "use the parameter". */
struct td_triage_costs {
	double filing_hours;      /* preparing and filing one case */
	double hourly_rate;       /* per hour of that work */
	double fees;              /* official or platform fees per case */
	double translation;       /* translating documents, when needed */
	double evaluation_report; /* patent evaluation report (CN) or a
				     neutral evaluation (Amazon APEX) */
	double court_order;       /* where the platform wants one */
};

/* Per-platform economic parameters (the platform's rules are in its
 * protocol). */
struct td_triage_platform {
	char *name;             /* a site key ("taobao", "amazon_us");
				   "default" for the fallback */
	char *home;             /* where buyers are when the listing does not
				   say: an ISO code, or "*" for anywhere */
	double units_per_month; /* sales assumed when none are visible */
	struct td_triage_costs cost; /* negative fields: the global value */
};

/* Registering a right first. */
struct td_triage_registration {
	double cost;   /* fees and counsel, params currency */
	double months; /* until it is registered and usable */
};

/* Every parameter of the model (docs/triage.md). */
struct td_triage_params {
	char currency[4];       /* of every amount below */
	int horizon_months;     /* how far ahead value is counted */
	double margin;          /* owner's margin as a share of MSRP */
	double relist_rate;     /* share of removed listings that return
				   within the horizon */
	double sub_deceptive;   /* substitution at MSRP, presented as
				   genuine */
	double sub_plain;       /* ... neither deceptive nor openly fake */
	double sub_openly_fake; /* ... openly sold as a replica */
	double elasticity;      /* how fast substitution falls with price */
	double near_msrp_ratio; /* price / MSRP from which a copy without
				   cue words counts as deceptive */
	double planned_weight;  /* overlap of a planned market */
	double prior_strength;  /* n0: pseudo-cases the protocol's prior
				   is worth against the user's outcomes */
	struct td_triage_costs cost; /* per case */
	struct td_triage_registration registration[TD_TRIAGE_RIGHT_COUNT];
	double file_min_ratio;    /* expected value / cost needed to file */
	double monitor_min_ratio; /* below this: ignore */
	double annual_discount;   /* discount on value delayed by
				     registration, per year */
	struct td_triage_platform *platforms; /* "default" always present */
	size_t n_platforms;                   /* entries */
};

#define TD_TRIAGE_PARAMS_INIT                                                  \
	{                                                                      \
		.platforms = NULL                                              \
	}

void td_triage_params_release(struct td_triage_params *p);

/*
 * Parse JSON text (named name in messages) into p. With partial 0, p
 * must be empty and every parameter must be present (the built-in
 * file); with partial 1, the keys present replace what p holds (a
 * workspace override) and a new platform starts as a copy of "default".
 * Unknown keys, wrong types and values out of range are errors naming
 * the file and the JSON path: "triage.json: $.cost.hourly_rate: must be
 * a number >= 0". On error p is left as it was. Errors: TD_EINVAL.
 */
int td_triage_params_parse(struct td_triage_params *p, const char *name,
			   const char *text, size_t len, int partial,
			   struct td_err *err);

/*
 * Load the built-in data/triage.json into p (which must be empty), then
 * merge the file at override_path on top when it is not NULL. Errors:
 * TD_EINVAL (bad content), TD_EIO (the file cannot be read),
 * TD_ENOTFOUND (no such file).
 */
int td_triage_params_load(struct td_triage_params *p, const char *override_path,
			  struct td_err *err);

/* The parameters of platform name, or of "default" when it has none. */
const struct td_triage_platform *
td_triage_platform(const struct td_triage_params *p, const char *name);

/* --- one finding ------------------------------------------------------- */

#define TD_TRIAGE_UNSET (-1.0)

/* What is known about one finding. Optional numbers are TD_TRIAGE_UNSET
 * (negative) for "use the parameter"; td_triage_input_init() sets them
 * so. The protocol's facts (right, reg, prior, p_registered, batch_limit,
 * needs_evaluation_report, needs_court_order) are filled by
 * td_triage_input_from_site(). */
struct td_triage_input {
	const char *platform;       /* site key: selects the economic
				       parameters and names the batch */
	const char *currency;       /* of every amount here; NULL: params' */
	double fx;                  /* params currency per unit of currency;
				       unset: 1 when both are the same */
	double price;               /* the listing's price */
	double msrp;                /* the original's price, > 0 */
	double margin;              /* owner's margin share, 0..1 */
	int openly_fake;            /* 1: cue words say replica, 高仿, ... */
	int owner_photos;           /* 1: the listing uses the owner's photos */
	int maybe_genuine;          /* 1: priced like the original with no
				       sign of copying (no cue words, no
				       disguised term, not the owner's
				       photos): possibly genuine goods */
	const char *const *ship_to; /* ISO codes or "*"; none: platform home */
	size_t n_ship_to;           /* entries in ship_to */
	const char *const *markets; /* where the product sells ("EU", "*"
				       allowed) */
	size_t n_markets;           /* entries */
	const char *const *planned; /* where it will sell */
	size_t n_planned;           /* entries */
	double units_per_month;     /* visible sales; unset: platform default */
	enum td_triage_right right; /* the right the complaint relies on */
	enum td_triage_reg reg;     /* its registration class here */
	const char *registered_in;  /* where it is registered (for the
				       reason when the platform does not
				       accept that registration), or NULL */
	double prior;               /* p(success) prior from the protocol;
				       required */
	double p_registered;        /* the protocol's prior once the right is
				       registered at home (register_first);
				       unset: 0 */
	unsigned batch_limit;       /* listings one case may carry (the
				       protocol's); 0: no limit */
	unsigned successes;         /* closed cases on this platform with this
				       right kind and registration that
				       succeeded */
	unsigned failures;          /* ... that failed */
	struct td_triage_costs cost; /* per case; negative: parameters */
	int needs_translation;       /* 1: documents must be translated */
	int needs_evaluation_report; /* 1: the protocol requires one and none
					is on file */
	int needs_court_order;       /* 1: likewise for a court order */
	unsigned batch_size;         /* listings sharing the case (0 means 1) */
	double registration_cost;    /* unset: parameters (full cost) */
	double registration_months;  /* unset: parameters */
	int horizon_months;          /* 0: parameters */
	double relist_rate;          /* unset: parameters */
	const char *leak_partner;    /* the partner pointed at, or NULL */
	const char *leak_evidence;   /* what points there ("photo P-17, given
					only to them"; "listed before the
					launch") */
};

/* Zero everything and set the optional numbers to TD_TRIAGE_UNSET. */
void td_triage_input_init(struct td_triage_input *in);

/* The triage kind of a protocol right kind (both patents are patents). */
enum td_triage_right td_triage_right_of(enum td_proto_right_kind kind);

/*
 * Fill the protocol's facts into in for a complaint on site relying on a
 * right of kind registered in registry (an ISO code, "EM", "WO"; NULL or
 * "" for an unregistered right) and applied for on applied (TD_DATE_NONE:
 * unknown): platform (site->key, when in->platform is NULL), right,
 * registered_in, reg (td_proto_classify: home is local, foreign is
 * foreign, unregistered and not accepted are none), prior (td_proto_prior
 * for that class: 0 when not accepted), p_registered (the prior of a home
 * registration of the kind, 0 when the site has no home or does not take
 * the kind), batch_limit, and needs_evaluation_report and
 * needs_court_order (1 when td_proto_required_docs lists the document as
 * required for the filer role; the caller clears them when the document
 * is on file). Translation is left to the caller, which knows its
 * documents' languages.
 */
void td_triage_input_from_site(struct td_triage_input *in,
			       const struct td_proto_site *site,
			       enum td_proto_right_kind kind,
			       const char *registry, int32_t applied);

/* One term of the result, for --explain. */
struct td_triage_term {
	const char *name; /* "substitution", "overlap", ... (static) */
	double value;     /* its value (money in the result currency) */
	char *detail;     /* how it was obtained */
};

/* The verdict and the numbers behind it. */
struct td_triage_result {
	enum td_triage_verdict verdict; /* what to do */
	char currency[4];               /* of every amount */
	int horizon_months;             /* months counted */
	double price_ratio;             /* price / MSRP */
	double substitution;            /* 0..1 */
	double overlap;                 /* 0..1 */
	double units_per_month;         /* units used */
	double margin;                  /* margin used */
	double diverted_value;        /* over the horizon if nothing is done */
	double relist_rate;           /* rate used */
	double value_kept;            /* if the takedown succeeds */
	double p_prior;               /* prior success probability */
	double p_success;             /* posterior mean */
	double expected_value;        /* p_success * value_kept */
	double case_cost;             /* one case */
	unsigned cases;               /* cases the batch needs */
	double cost;                  /* this finding's share */
	double net;                   /* expected_value - cost */
	double register_gross;        /* unregistered: value kept expected
					 after registering (delay and
					 discount applied), else 0 */
	double registration_cost;     /* unregistered: the cost used */
	double registration_months;   /* unregistered: the delay used */
	double register_net;          /* register_gross - registration
					 cost - cost */
	char *partner;                /* investigate_source: who */
	char *reason;                 /* one or two plain sentences */
	struct td_triage_term *terms; /* every term, in model order */
	size_t n_terms;               /* entries in terms */
};

#define TD_TRIAGE_RESULT_INIT                                                  \
	{                                                                      \
		0                                                              \
	}

void td_triage_result_release(struct td_triage_result *r);

/*
 * Evaluate one finding. out is replaced. Errors: TD_EINVAL for a
 * missing or non-positive MSRP, a negative price, a missing prior, a
 * margin or rate outside 0..1, an unknown currency, or a currency
 * differing from the parameters' without fx.
 */
int td_triage_eval(const struct td_triage_params *p,
		   const struct td_triage_input *in,
		   struct td_triage_result *out, struct td_err *err);

/* --- a seller or a network as a whole ---------------------------------- */

/* The findings of one platform, right and registration: one batch. */
struct td_triage_group {
	char *platform;             /* platform name */
	enum td_triage_right right; /* right kind */
	enum td_triage_reg reg;     /* registration class */
	size_t listings;            /* findings in it */
	unsigned batch_limit;       /* listings per case (0: no limit) */
	unsigned cases;             /* ceil(listings / batch limit) */
	double case_cost;           /* the largest case cost among them */
	double cost;                /* cases * case_cost */
	double expected_value;      /* sum */
};

/* The verdict for a seller or a network. */
struct td_triage_aggregate {
	enum td_triage_verdict verdict; /* what to do */
	char currency[4];               /* of every amount */
	size_t listings;                /* findings */
	unsigned cases;                 /* cases needed in all */
	double diverted_value;          /* sum */
	double value_kept;              /* sum */
	double expected_value;          /* sum */
	double cost;                    /* sum over groups */
	double net;                     /* expected_value - cost */
	double register_net;            /* if every unregistered right is
					   registered once first */
	char *partner;                  /* investigate_source: who */
	char *reason;                   /* one or two plain sentences */
	struct td_triage_group *groups; /* by platform, right, reg */
	size_t n_groups;                /* entries */
};

#define TD_TRIAGE_AGGREGATE_INIT                                               \
	{                                                                      \
		0                                                              \
	}

void td_triage_aggregate_release(struct td_triage_aggregate *a);

/*
 * Aggregate n findings (in[i] evaluated as res[i]) of one seller or
 * network, called label in the reason ("network taobao:abc"). Diverted
 * and expected values add up; cost is one case per platform batch
 * (findings of one platform, right kind and registration class share
 * cases up to the smallest batch_limit among them); a registration is
 * paid once per right kind. p is not used (kept for the verdict ratios).
 * out is replaced. Errors: TD_EINVAL for n == 0 or mixed
 * currencies.
 */
int td_triage_aggregate(const struct td_triage_params *p,
			const struct td_triage_input *in,
			const struct td_triage_result *res, size_t n,
			const char *label, struct td_triage_aggregate *out,
			struct td_err *err);

/* --- choosing cases within a budget ------------------------------------ */

/* A case that could be filed. */
struct td_triage_candidate {
	const char *id; /* for messages */
	double cost;    /* what filing it costs */
	double value;   /* expected value kept */
};

/* The chosen set. */
struct td_triage_plan {
	size_t n;        /* candidates considered */
	uint8_t *chosen; /* per candidate: 1 if chosen */
	char **why;      /* per candidate: why it was left out, or NULL */
	double cost;     /* of the chosen */
	double value;    /* expected value of the chosen */
	double net;      /* value - cost */
	double unit;     /* the cost unit actually used */
};

#define TD_TRIAGE_PLAN_INIT                                                    \
	{                                                                      \
		0, NULL, NULL, 0, 0, 0, 0                                      \
	}

void td_triage_plan_release(struct td_triage_plan *pl);

/*
 * Pick the cases that keep the most expected value net of their cost
 * (money not spent stays with the owner) with a total cost within
 * budget: an exact 0/1 knapsack by dynamic programming over costs
 * rounded up to unit (so the total never exceeds the budget; the unit
 * grows when budget / unit * n would need more than 32 MB, and
 * out->unit says which was used). Cases that keep less than they cost
 * are left out first. out->why says for each case left out why, naming
 * amounts in currency. out is replaced. Errors: TD_EINVAL for a
 * negative budget, unit, cost or value.
 */
int td_triage_budget(const struct td_triage_candidate *c, size_t n,
		     double budget, double unit, const char *currency,
		     struct td_triage_plan *out, struct td_err *err);

/* --- the accuracy budget ----------------------------------------------- */

/* A user's recent record on one platform (within its review window) and
 * the platform's accuracy programme. */
struct td_triage_record {
	const char *platform; /* the name pending findings use: the scope
				 of the programme (a protocol key such as
				 "alibaba_ipp" covers all its sites) */
	unsigned filed;       /* complaints decided */
	unsigned succeeded;   /* ... that removed the listing */
	unsigned countered;   /* ... reversed by a counter-notice */
	double accuracy_min;  /* success rate the platform requires of a
				 filer (0: none) */
	double counter_max;   /* largest share of successful
				 counter-notices it tolerates (1: any) */
};

/*
 * Set rec's thresholds from the accuracy programme of site's protocol
 * (good_faith: min_success, max_counter; none: 0 and 1). Leaves the
 * counts alone.
 */
void td_triage_record_from_site(struct td_triage_record *rec,
				const struct td_proto_site *site);

/* A finding the user would like to file. */
struct td_triage_pending {
	const char *id;       /* for messages */
	const char *platform; /* platform name */
	double p_success;     /* estimated success probability */
	double p_counter;     /* probability of a successful
				 counter-notice (0 if unknown) */
	double value;         /* expected value kept, to choose which
				 weak findings to keep */
};

/* Projected rates for one platform. */
struct td_triage_projection {
	char *platform;      /* platform name */
	double accuracy_min; /* its threshold (0: none) */
	double counter_max;  /* its counter-notice ceiling */
	double rate;         /* projected success rate with the filings */
	double counter_rate; /* projected counter-notice rate */
	size_t filing;       /* pending findings let through */
	size_t held;         /* pending findings held back */
};

/* Which findings to hold back. */
struct td_triage_holdback {
	size_t n;      /* pending findings */
	uint8_t *held; /* per finding: 1 if held back */
	char **why;    /* per finding: the reason, or NULL */
	struct td_triage_projection *platforms; /* by name */
	size_t n_platforms;                     /* entries */
};

#define TD_TRIAGE_HOLDBACK_INIT                                                \
	{                                                                      \
		0, NULL, NULL, NULL, 0                                         \
	}

void td_triage_holdback_release(struct td_triage_holdback *h);

/*
 * Keep each platform's projected success rate, (succeeded + sum of
 * p_success) / (filed + filings), at or above its record's accuracy_min
 * (a platform without a record has no threshold): findings
 * at or above the threshold always go through (they raise the rate);
 * among the weaker ones the most valuable set the margin allows goes
 * through (a knapsack over each one's shortfall), the rest are held
 * back with the projected rate they would cause. Then, while the
 * projected counter-notice rate exceeds counter_max, the let-through
 * finding with the highest p_counter is held back. out is replaced.
 * Errors: TD_EINVAL for a probability outside 0..1.
 */
int td_triage_accuracy(const struct td_triage_record *rec, size_t n_rec,
		       const struct td_triage_pending *c, size_t n,
		       struct td_triage_holdback *out, struct td_err *err);

#endif
