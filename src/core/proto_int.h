#ifndef TD_PROTO_INT_H
#define TD_PROTO_INT_H
/*
 * Shared inside the protocol module only (proto.c, proto_walk.c,
 * proto_rules.c): the JSON walker that names the path of every problem,
 * and the rule-section parser.
 *
 * Every getter looks at one member of an object. An absent (or null)
 * member is fine unless required; a bad one records "FILE: PATH.KEY:
 * reason" in pc->err and returns TD_EINVAL. Out-values are only written
 * on success; strings are copies the caller frees.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/proto.h"

/* The state of one file's walk. */
struct pctx {
	const char *file;         /* for messages */
	struct td_buf path;       /* "batch.limit", "sites[2].patch.rights" */
	struct td_err *err;       /* where the first error goes */
	const struct td_proto *p; /* for checking source ids */
};

/* Names as in the files (proto.c), indexed by the enums. */
extern const char *const proto_right_names[TD_PROTO_NRIGHTS];
extern const char *const proto_doc_names[TD_PROTO_NDOCS];
extern const char *const proto_channel_names[TD_PROTO_NCHANNELS];
extern const char *const proto_role_names[TD_PROTO_NROLES];
extern const char *const proto_need_names[3];
/* The keys a rules object may have (proto_rules.c), NULL-terminated. */
extern const char *const proto_rule_keys[];

/* The index of s in names[0..n), or -1. */
int proto_lookup_name(const char *const *names, size_t n, const char *s);

/* Path steps: push ".key" or "[i]", returning the length to pop back to. */
size_t proto_push(struct pctx *pc, const char *key);
size_t proto_push_index(struct pctx *pc, size_t i);
void proto_pop(struct pctx *pc, size_t old);

/* Record a problem at the current path (or at its member key). */
int proto_bad(struct pctx *pc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int proto_bad_at(struct pctx *pc, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int proto_want_object(struct pctx *pc, json_t *v);
/* Every key of obj must be in allowed (NULL-terminated). */
int proto_check_keys(struct pctx *pc, json_t *obj, const char *const *allowed);
/* A non-empty string. */
int proto_get_str(struct pctx *pc, json_t *obj, const char *key, int required,
		  char **out);
/* An integer in [min, max]; what says what it must be. */
int proto_get_int(struct pctx *pc, json_t *obj, const char *key, int required,
		  long min, long max, const char *what, long *out);
/* A number in [min, max]. */
int proto_get_num(struct pctx *pc, json_t *obj, const char *key, int required,
		  double min, double max, const char *what, double *out);
int proto_get_bool(struct pctx *pc, json_t *obj, const char *key, int required,
		   int *out);
/* A "YYYY-MM-DD" date; *has (if not NULL) is set to 1 when present. */
int proto_get_date(struct pctx *pc, json_t *obj, const char *key, int required,
		   int *has, int32_t *out);
/*
 * An array of non-empty strings each passing check (if given); empty is
 * refused if nonempty. *out is NULL-terminated and has *n entries.
 */
int proto_get_strv(struct pctx *pc, json_t *obj, const char *key, int required,
		   int nonempty, int (*check)(const char *s), const char *what,
		   char ***out, size_t *n);
/* A string that is one of names[0..n); *out is its index. */
int proto_one_of(struct pctx *pc, json_t *obj, const char *key, int required,
		 const char *const *names, size_t n, int *out);
/* "sources": ids the file's sources define. */
int proto_check_sources(struct pctx *pc, json_t *obj, int required);

/* Validators for proto_get_strv(): 1 if s is fine. */
int proto_registry_ok(const char *s);
int proto_registry_or_any(const char *s);
int proto_language_ok(const char *s);
int proto_template_ok(const char *s);
/* A takedown field a form field or batch column may name. */
int proto_field_ok(const char *s);

/* All the rule sections of obj (a protocol's top level or a site's). */
int proto_parse_rules(struct pctx *pc, json_t *obj, struct td_proto_rules *r);

#endif
