#ifndef TD_CLI_H
#define TD_CLI_H
/*
 * The command-line front end: the command table, option helpers, output
 * in table, JSON or CSV form, and how errors are shown. Only the front end
 * prints and decides exit codes: 0 success, 1 failure, 2 usage.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct td_ws;
struct td_portfolio;
struct cli_list;

enum {
	CLI_OK = 0,
	CLI_FAIL = 1,
	CLI_USAGE = 2,
};

struct cli_ctx {
	const char *prog;     /* "takedown" */
	const char *dir;      /* -C DIR, $TAKEDOWN_DIR, or NULL for "." */
	const char *cmd_path; /* "right add": for messages and usage */
	int32_t today;        /* $TAKEDOWN_TODAY or the UTC date */
	int64_t now;          /* the time the command started */
	int out_tty;          /* stdout is a terminal */
	int err_tty;          /* stderr is a terminal */
	struct td_ws *ws;     /* the workspace, once cli_ws() opened it */
};

/* Flags of a command table row. */
#define CLI_WRITES 0x1 /* changes the workspace: run in one transaction */

struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
	unsigned flags;
	const char *help; /* one line for the command list */
};

/*
 * Run the row of cmds that argv[0] names (a unique prefix is enough; an
 * ambiguous one lists the candidates). argv[0] is the verb; the handler
 * gets argv with its verb at argv[0]. With no verb or "--help", print the
 * verbs. Returns the exit code.
 */
int cli_dispatch(const struct cli_cmd *cmds, size_t n, int argc, char **argv,
		 struct cli_ctx *ctx);

/*
 * Open the workspace (once) for a command. writes is 1 for a command that
 * changes it: a transaction is begun, and cli_finish() commits it.
 * Prints the error and returns NULL on failure.
 */
struct td_ws *cli_ws(struct cli_ctx *ctx, int writes);
/* 1 if the workspace directory (-C, $TAKEDOWN_DIR or .) holds one. */
int cli_ws_exists(struct cli_ctx *ctx);
/*
 * End a command: commit the open transaction if rc is CLI_OK, else roll
 * it back, and close the workspace. Returns rc, or CLI_FAIL if the commit
 * failed.
 */
int cli_finish(struct cli_ctx *ctx, int rc);

/*
 * Apply a portfolio change given as JSON (a portfolio file's shape, built
 * from a command's options): validate it, store its files and write it in
 * the command's transaction. With CLI_APPLY_ADD an entity that already
 * exists is refused; with CLI_APPLY_EDIT one that does not. On success
 * prints "added WHAT KEY" or "updated WHAT KEY". Returns an exit code;
 * the caller passes it to cli_finish().
 */
enum cli_apply_mode {
	CLI_APPLY_ADD,
	CLI_APPLY_EDIT,
	CLI_APPLY_SET, /* either */
};
int cli_apply(struct cli_ctx *ctx, json_t *change, int mode, const char *what,
	      const char *key);

/* Building a change from options: set o[k] when v is given. */
void cli_jset(json_t *o, const char *k, const char *v);
/* Set o[k] to the list's values when it has any. */
void cli_jset_list(json_t *o, const char *k, const struct cli_list *l);
/* Set o[k] to the number in v; a bad number is a usage error (-1). */
int cli_jset_number(struct cli_ctx *ctx, json_t *o, const char *k,
		    const char *opt, const char *v);
/* {"SECTION": [obj]}: takes obj. */
json_t *cli_change(const char *section, json_t *obj);
/* Parse --format (NULL = table); prints a usage error and returns -1. */
int cli_format(struct cli_ctx *ctx, const char *s);
/*
 * A "show KEY [--format table|json]" verb over the portfolio: load it and
 * print the object fn builds for KEY, or fail with "no WHAT 'KEY'" when
 * fn returns NULL. Returns the exit code (the workspace is finished).
 */
int cli_show(int argc, char **argv, struct cli_ctx *ctx, const char *usage,
	     const char *what,
	     json_t *(*fn)(const struct td_portfolio *pf, const char *key));
/* Load the workspace's portfolio; prints the error. 0 or CLI_FAIL. */
int cli_portfolio(struct cli_ctx *ctx, struct td_portfolio *pf);

/* Print "takedown: MESSAGE" for err and return CLI_FAIL. */
int cli_fail(struct cli_ctx *ctx, const struct td_err *err);
/* Print "takedown: FMT" and return CLI_FAIL. */
int cli_failf(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "takedown CMD: FMT" and a hint to --help; return CLI_USAGE. */
int cli_usagef(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print a warning to stderr. */
void cli_warnf(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Option parsing. Each command describes its options in an array ending
 * with a zeroed row; cli_parse() fills the values and leaves the operands
 * in *argc, *argv (the verb removed). "--help" prints usage and the
 * option help and makes cli_parse return 1 (the caller returns CLI_OK);
 * a bad option prints a message and returns -1 (CLI_USAGE).
 */
enum cli_opt_type {
	CLI_OPT_FLAG,   /* int *: set to 1 */
	CLI_OPT_STRING, /* const char **: the argument */
	CLI_OPT_LIST,   /* struct cli_list *: every use appends */
};

struct cli_list {
	const char **v; /* the values, in order given */
	size_t n;       /* how many */
	size_t alloc;
};

struct cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* or 0 */
	enum cli_opt_type type;
	void *value;
	const char *arg;  /* name of the argument in help, e.g. "DATE" */
	const char *help; /* one line */
};

/* In a verb handler: parse options or return the exit code. */
#define CLI_PARSE(usage, opts)                                                 \
	do {                                                                   \
		int prc_ = cli_parse(ctx, usage, opts, &argc, &argv);          \
		if (prc_)                                                      \
			return prc_ > 0 ? CLI_OK : CLI_USAGE;                  \
	} while (0)

int cli_parse(struct cli_ctx *ctx, const char *usage,
	      const struct cli_opt *opts, int *argc, char ***argv);
void cli_list_release(struct cli_list *l);

/*
 * Output of lists: rows are a JSON array of objects; cols name the keys
 * shown as table or CSV columns (JSON output prints every key).
 */
enum cli_format {
	CLI_FMT_TABLE,
	CLI_FMT_JSON,
	CLI_FMT_CSV,
	CLI_FMT_NDJSON,
};

struct cli_col {
	const char *key;    /* key in each row object */
	const char *header; /* column title */
};

/* Parse "table", "json", "csv" or "ndjson"; -1 if none. */
int cli_format_parse(const char *s);
/* Print rows in the format. Arrays show as "a|b" in table and CSV. */
void cli_print_rows(FILE *f, enum cli_format fmt, json_t *rows,
		    const struct cli_col *cols, size_t ncols);
/* Sort rows by the string value of key (missing values last). */
void cli_sort_rows(json_t *rows, const char *key);
/* Print one object as "key: value" lines, or as JSON. */
void cli_print_object(FILE *f, enum cli_format fmt, json_t *obj);
/* Print a finding's signals, one per line with its contribution. */
void cli_explain_signals(FILE *f, json_t *signals, const char *indent);
/* The width in terminal columns of a UTF-8 string. */
size_t cli_text_width(const char *s);

#endif
