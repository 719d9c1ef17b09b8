#ifndef TD_CASE_H
#define TD_CASE_H
/*
 * Takedown cases (docs/cases.md): one complaint about one right on one
 * site, carrying one or more listings.
 *
 * The state machine is generic and the platform's protocol parameterises
 * it: which moves exist (a platform without counter-notices has no
 * cross_complaint, denied or dispute) and which states run a clock, with
 * its due date counted in the platform's calendar (working days in "cn"
 * for IPP's seller window). Every move, note and listing outcome is an
 * event in an append-only log (time, actor, from, to, note); the store
 * refuses to change or delete events.
 *
 * The first part is pure: names, the legal moves and the clocks. The
 * second part works on a workspace (td_case_open(), td_case_move(), ...):
 * each call reads and writes the store inside the caller's transaction,
 * so a failed call leaves nothing behind once the caller rolls back.
 *
 * Structs own their strings; _release() frees them and leaves the struct
 * zeroed (releasing twice is safe). Arguments are borrowed.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/proto.h"
#include "core/strv.h"

enum td_case_state {
	TD_CASE_DRAFT,           /* being prepared */
	TD_CASE_READY,           /* the readiness check passed */
	TD_CASE_SUBMITTED,       /* filed with the platform */
	TD_CASE_NOTICE_SENT,     /* forwarded to the seller: its window runs */
	TD_CASE_REMOVED,         /* the listings are gone */
	TD_CASE_CROSS_COMPLAINT, /* the seller counter-notified */
	TD_CASE_DENIED,          /* we answered the cross-complaint */
	TD_CASE_DISPUTE,         /* the platform decides */
	TD_CASE_REINSTATED,      /* the listings are back */
	TD_CASE_REJECTED,        /* the platform refused the complaint */
	TD_CASE_RESUBMITTED,     /* filed again after a fix */
	TD_CASE_ESCALATED,       /* personal contact with the platform */
	TD_CASE_WITHDRAWN,       /* we dropped it */
	TD_CASE_CLOSED,          /* done; nothing more happens */
	TD_CASE_NSTATES
};

/* What became of one listing of a case. */
enum td_case_outcome {
	TD_OUTCOME_PENDING,    /* not known yet */
	TD_OUTCOME_REMOVED,    /* taken down */
	TD_OUTCOME_KEPT,       /* the platform or seller kept it up */
	TD_OUTCOME_REINSTATED, /* taken down, then put back */
	TD_OUTCOME_REJECTED,   /* the platform refused this link */
	TD_OUTCOME_N
};

/* Which deadline a case's due date is. */
enum td_case_clock {
	TD_CLOCK_NONE,        /* no deadline runs */
	TD_CLOCK_REMOVAL,     /* the platform should have acted by then */
	TD_CLOCK_RESPONSE,    /* the seller's window ends */
	TD_CLOCK_OWNER_REPLY, /* our answer to a cross-complaint is due */
	TD_CLOCK_RESTORE,     /* the listing is restored unless we act */
	TD_CLOCK_DECISION,    /* the platform should have decided a dispute */
	TD_CLOCK_N
};

/* Names as stored and typed ("notice_sent"); _parse returns -1 if
 * unknown. */
const char *td_case_state_name(int state);
int td_case_state_parse(const char *s);
const char *td_case_outcome_name(int outcome);
int td_case_outcome_parse(const char *s);
const char *td_case_clock_name(int clock);
int td_case_clock_parse(const char *s);
/* What a clock means, in words ("the seller's window ends"). */
const char *td_case_clock_label(int clock);

/* 1 for withdrawn and closed: the case is over. */
int td_case_state_is_over(int state);
/* 1 for draft and ready: not filed yet. */
int td_case_state_is_unfiled(int state);

/*
 * The states a case in state from may move to on a site with rules r (r
 * NULL: the generic machine, as if counter-notices exist), as a bit set:
 * bit s is (1u << s). Moving to ready, and from rejected to resubmitted,
 * additionally needs a passing readiness check (td_case_move() runs it).
 */
unsigned td_case_moves(const struct td_proto_rules *r, int from);
/*
 * 0 if from -> to is legal on r, else TD_ECONFLICT with a message naming
 * the allowed moves: "a notice_sent case can move to removed,
 * cross_complaint, escalated or withdrawn, not to denied". A move the
 * generic machine has but r lacks says why ("taobao has no
 * counter-notices").
 */
int td_case_check_move(const struct td_proto_rules *r, int from, int to,
		       struct td_err *err);
/* The states in the bit set, "a, b or c", appended to out. */
void td_case_states_text(unsigned set, struct td_buf *out);

/* A deadline. */
struct td_case_due {
	int clock;        /* enum td_case_clock; TD_CLOCK_NONE: none */
	int32_t due;      /* the day it falls (the lower bound of a
			     range), or TD_DATE_NONE */
	int32_t due_max;  /* the upper bound (= due for one figure) */
	int missing_year; /* a year without calendar data was crossed */
	const struct td_proto_window *window; /* the window used, or NULL */
};

/*
 * The clock of state on r, started on start; counter is the day the
 * cross-complaint arrived (TD_DATE_NONE if none), from which the
 * restore window counts. submitted and resubmitted: the platform's time
 * to removal (removal.max_days, calendar days); notice_sent: the seller's
 * window; cross_complaint: the owner's reply window, else the restore
 * window; denied: the restore window, else the decision window; dispute:
 * the decision window, else the restore window. Other states, and
 * windows the platform does not state, have no clock. Returns 0, or the
 * calendar's error (TD_ENOTFOUND, TD_EINVAL).
 */
int td_case_due_for(const struct td_proto_rules *r, int state, int32_t start,
		    int32_t counter, struct td_case_due *out,
		    struct td_err *err);

/* --- cases as stored ------------------------------------------------- */

struct td_case {
	int64_t id;           /* case number */
	char *platform;       /* protocol key: "alibaba_ipp" */
	char *site;           /* site key: "taobao" */
	char *right;          /* right key */
	char *owner;          /* owner key (the right's) */
	char *agent;          /* agent key, or NULL: the owner files */
	int state;            /* enum td_case_state */
	int32_t state_date;   /* the day the state began */
	char *opened_at;      /* ISO time */
	char *updated_at;     /* ISO time of the last event */
	int32_t due;          /* the clock's due date, or TD_DATE_NONE */
	int clock;            /* enum td_case_clock */
	int32_t counter_date; /* when a cross-complaint arrived, or
				 TD_DATE_NONE */
	int64_t relist_of;    /* the case this one re-files, or 0 */
	size_t nlistings;     /* listings in the case (lists fill it) */
};

/* A listing of a case, with the fields complaints need. */
struct td_case_listing {
	int64_t listing_id;    /* listings row id */
	int64_t finding_id;    /* its finding, or 0 */
	int pos;               /* order in the complaint, from 1 */
	int outcome;           /* enum td_case_outcome */
	char *reason;          /* why (kept, rejected), or NULL */
	int32_t outcome_date;  /* when known, or TD_DATE_NONE */
	char *platform;        /* the listing's platform as the feed said */
	char *ext_id;          /* the platform's listing id */
	char *url;             /* or NULL */
	char *title;           /* as written */
	char *seller_key;      /* or NULL */
	char *seller_name;     /* or NULL */
	int has_price;         /* 1 if price is set */
	double price;          /* in currency */
	char *currency;        /* or NULL */
	double score;          /* the finding's score (0 without one) */
	struct td_strv rights; /* right keys the finding touches */
	json_t *signals;       /* the finding's signals (docs/scoring.md),
				  owned; NULL without a finding */
};

/* One entry of a case's log. */
struct td_case_event {
	int64_t id;         /* row id, increasing */
	char *at;           /* ISO time it was recorded */
	int32_t date;       /* the day it happened */
	char *actor;        /* who */
	int from;           /* enum td_case_state, -1 when opened */
	int to;             /* enum td_case_state */
	int64_t listing_id; /* the listing concerned, or 0 */
	int outcome;        /* the listing's new outcome (listing_id 0: of
			       every listing still open), or -1 */
	char *note;         /* or NULL */
};

/* A value set for a complaint field of a case (td_case_set_field()). */
struct td_case_field {
	char *name;  /* "right.original", "complaint.reason" */
	char *lang;  /* "en", "zh", or "" for every language */
	char *value; /* the text */
};

/* Who signs for an owner or agent, and the owner's postal address. */
struct td_contact {
	char *party;   /* "owner" or "agent" */
	char *key;     /* the owner's or agent's key */
	char *name;    /* the person who signs, or NULL */
	char *title;   /* their position, or NULL */
	char *email;   /* or NULL */
	char *phone;   /* or NULL */
	char *address; /* postal address, or NULL */
};

/* A case with everything it carries. */
struct td_case_full {
	struct td_case c;                 /* the case */
	struct td_case_listing *listings; /* by pos */
	size_t nlistings;                 /* number */
	struct td_case_event *events;     /* oldest first */
	size_t nevents;                   /* number */
	struct td_case_field *fields;     /* by name */
	size_t nfields;                   /* number */
};

void td_case_release(struct td_case *c);
void td_case_listing_release(struct td_case_listing *l);
void td_case_event_release(struct td_case_event *e);
void td_case_field_release(struct td_case_field *f);
void td_contact_release(struct td_contact *c);
void td_case_full_release(struct td_case_full *f);
/* Free arrays of n rows (and release each); NULL is fine. */
void td_cases_free(struct td_case *v, size_t n);
void td_contacts_free(struct td_contact *v, size_t n);

/*
 * The value of field name for lang ("en", "zh") in f: an exact language
 * first, then lang "". NULL if not set.
 */
const char *td_case_field_get(const struct td_case_full *f, const char *name,
			      const char *lang);

/* Cases as JSON (for --format json and the API); new references. */
json_t *td_case_to_json(const struct td_case *c);
json_t *td_case_full_to_json(const struct td_case_full *f);

/*
 * The day a case is likely to be over, for warning about documents that
 * expire before then: from its due date (or today), the time to removal
 * if it is not filed yet, and the longest counter-notice path the
 * platform allows (a restore window in working days counts 7/5 calendar
 * days each). An estimate, not a deadline.
 */
int32_t td_case_likely_end(const struct td_proto_rules *r,
			   const struct td_case *c, int32_t today);

/* --- cases in a workspace (case_ws.c) -------------------------------- */

struct td_ws;
struct td_ready_report;
struct td_notice_package;

/* What every operation on a workspace's cases needs. */
struct td_case_env {
	struct td_ws *ws;                  /* the open workspace */
	const struct td_proto_set *protos; /* the protocols in force */
	int32_t today;                     /* the day of the checks, and
					      of moves by default */
	int64_t now;                       /* when events are recorded */
	const char *actor;                 /* who acts */
};

/* The site of a case, or NULL (a protocol no longer loaded). */
const struct td_proto_site *td_case_site(const struct td_proto_set *protos,
					 const struct td_case *c);

/* What td_case_open() opens. */
struct td_case_open_req {
	const char *platform;    /* a site key ("taobao"), or a protocol key
				    or alias with one site ("amazon") */
	const char *right;       /* right key */
	const char *agent;       /* agent key, or NULL: the owner files */
	const int64_t *findings; /* finding ids */
	size_t nfindings;        /* number */
	const int64_t *listings; /* listing ids (their findings are used) */
	size_t nlistings;        /* number */
	int64_t relist_of;       /* the case this one re-files, or 0 */
	const char *note;        /* for the log, or NULL */
};

/*
 * Open a draft case and set *id. Refuses (TD_ENOTFOUND) unknown sites,
 * rights, agents, findings and listings, and (TD_ECONFLICT) a listing on
 * another site, or a listing already in a live (not withdrawn or closed)
 * case for the same right; a listing named twice is taken once. Needs a
 * transaction.
 */
int td_case_open(const struct td_case_env *env,
		 const struct td_case_open_req *req, int64_t *id,
		 struct td_err *err);

/* One listing's outcome, for td_case_move(). */
struct td_case_outcome_set {
	int64_t listing;    /* listing id, in the case */
	int outcome;        /* enum td_case_outcome, not pending */
	const char *reason; /* or NULL */
};

/* What td_case_move() does. */
struct td_case_move_req {
	int to;           /* the new state; the current one to record
			     only listing outcomes */
	int32_t date;     /* the day it happened, or TD_DATE_NONE: today */
	const char *note; /* for the log, or NULL */
	const struct td_case_outcome_set *outcomes; /* listing outcomes */
	size_t noutcomes;                           /* number */
};

/*
 * Move a case: the move must be legal on its site (td_case_check_move),
 * the date neither before the current state began nor after today.
 * Moving to ready, and from rejected to resubmitted, runs the readiness
 * check first and refuses (TD_ECONFLICT) a case with blockers; report
 * (if not NULL, empty) receives the check. The new state's clock gives
 * the due date. Listing outcomes given are recorded; moving to removed,
 * reinstated or rejected gives every listing still pending that outcome
 * (reinstated also turns removed listings). Each change is an event.
 */
int td_case_move(const struct td_case_env *env, int64_t id,
		 const struct td_case_move_req *req,
		 struct td_ready_report *report, struct td_err *err);

/*
 * Run the readiness check of a case into report (empty; release it):
 * td_ready_check() plus the complaint fields that cannot be filled
 * (blockers "complaint_field"). With apply, a draft without blockers
 * moves to ready, and a ready case with blockers back to draft.
 */
int td_case_check(const struct td_case_env *env, int64_t id, int apply,
		  struct td_ready_report *report, struct td_err *err);

/*
 * Record that a case was filed on date (TD_DATE_NONE: today): a draft or
 * ready case becomes submitted (a draft passing through ready), a
 * rejected one resubmitted. The readiness check runs first; blockers
 * refuse it (TD_ECONFLICT) and are in report.
 */
int td_case_submit(const struct td_case_env *env, int64_t id, int32_t date,
		   const char *note, struct td_ready_report *report,
		   struct td_err *err);

/* Add a note to a case's log. */
int td_case_note(const struct td_case_env *env, int64_t id, const char *text,
		 struct td_err *err);

/*
 * Split a draft case over its site's batch limit: the listings past the
 * limit move to new draft cases of at most the limit each (same site,
 * right and agent). *ids (free()) and *n receive the new cases.
 */
int td_case_split(const struct td_case_env *env, int64_t id, int64_t **ids,
		  size_t *n, struct td_err *err);

/*
 * Set a complaint field of a case (lang "", "en" or "zh"; value NULL
 * removes it): values takedown cannot derive (right.original) or that
 * replace what it derives (complaint.reason). Logged.
 */
int td_case_set_field(const struct td_case_env *env, int64_t id,
		      const char *name, const char *lang, const char *value,
		      struct td_err *err);

/*
 * Write the complaint package of a case into dir (notice.h), after a
 * readiness check (report, empty; release it) whose blockers do not stop
 * the package but are listed in its checklist. pkg (empty; release it)
 * receives what was written. Logged.
 */
int td_case_package(const struct td_case_env *env, int64_t id, const char *dir,
		    struct td_ready_report *report,
		    struct td_notice_package *pkg, struct td_err *err);

#endif
