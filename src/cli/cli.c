#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/banned.h"

int
cli_fail(struct cli_ctx *ctx, const struct td_err *err)
{
	fprintf(stderr, "%s: %s\n", ctx->prog,
		err && err->msg[0] ? err->msg : "failed");
	return CLI_FAIL;
}

int
cli_failf(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", ctx->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_FAIL;
}

int
cli_usagef(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", ctx->prog,
		ctx->cmd_path ? ctx->cmd_path : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see '%s %s --help')\n", ctx->prog,
		ctx->cmd_path ? ctx->cmd_path : "");
	return CLI_USAGE;
}

void
cli_warnf(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: warning: ", ctx->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
list_verbs(FILE *f, const struct cli_cmd *cmds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "   %-12s %s\n", cmds[i].name, cmds[i].help);
}

int
cli_dispatch(const struct cli_cmd *cmds, size_t n, int argc, char **argv,
	     struct cli_ctx *ctx)
{
	const struct cli_cmd *hit = NULL;
	const char *parent = ctx->cmd_path ? ctx->cmd_path : "";
	struct td_buf path = TD_BUF_INIT;
	size_t i, len, nhit = 0;
	int rc;

	if (argc < 1 || strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "help") == 0) {
		FILE *f = argc < 1 ? stderr : stdout;

		fprintf(f, "usage: %s %s <verb> [options]\n\nverbs:\n",
			ctx->prog, parent);
		list_verbs(f, cmds, n);
		fprintf(f, "\n'%s %s <verb> --help' shows a verb's options.\n",
			ctx->prog, parent);
		return argc < 1 ? CLI_USAGE : CLI_OK;
	}
	len = strlen(argv[0]);
	for (i = 0; i < n; i++) {
		if (strcmp(cmds[i].name, argv[0]) == 0) {
			hit = &cmds[i];
			nhit = 1;
			break;
		}
		if (strncmp(cmds[i].name, argv[0], len) == 0) {
			hit = &cmds[i];
			nhit++;
		}
	}
	if (nhit == 0) {
		fprintf(stderr, "%s %s: unknown verb '%s'; verbs are:\n",
			ctx->prog, parent, argv[0]);
		list_verbs(stderr, cmds, n);
		return CLI_USAGE;
	}
	if (nhit > 1) {
		fprintf(stderr, "%s %s: '%s' is ambiguous; it could be:\n",
			ctx->prog, parent, argv[0]);
		for (i = 0; i < n; i++)
			if (strncmp(cmds[i].name, argv[0], len) == 0)
				fprintf(stderr, "   %s\n", cmds[i].name);
		return CLI_USAGE;
	}
	if (*parent)
		td_buf_addf(&path, "%s %s", parent, hit->name);
	else
		td_buf_addstr(&path, hit->name);
	ctx->cmd_path = path.data;
	rc = hit->fn(argc, argv, ctx);
	ctx->cmd_path = NULL;
	td_buf_release(&path);
	return rc;
}

void
cli_list_release(struct cli_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->alloc = 0;
}

static void
print_help(struct cli_ctx *ctx, const char *usage, const struct cli_opt *opts)
{
	const struct cli_opt *o;

	printf("usage: %s %s\n", ctx->prog, usage);
	if (!opts || !opts->name)
		return;
	printf("\noptions:\n");
	for (o = opts; o->name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 o->short_name, o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		printf("   %-28s %s\n", left, o->help ? o->help : "");
	}
	printf("   %-28s %s\n", "-h, --help", "show this help");
}

int
cli_parse(struct cli_ctx *ctx, const char *usage, const struct cli_opt *opts,
	  int *argc, char ***argv)
{
	struct option *lo;
	struct td_buf so = TD_BUF_INIT;
	size_t n = 0, i;
	int rc = 0;
	int c, idx;

	while (opts && opts[n].name)
		n++;
	lo = td_xcalloc(n + 2, sizeof(*lo));
	td_buf_addch(&so, ':'); /* report a missing value as ':' */
	for (i = 0; i < n; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].type == CLI_OPT_FLAG
					? no_argument
					: required_argument;
		lo[i].val = 256 + (int)i;
		if (opts[i].short_name) {
			td_buf_addch(&so, opts[i].short_name);
			if (opts[i].type != CLI_OPT_FLAG)
				td_buf_addch(&so, ':');
		}
	}
	lo[n].name = "help";
	lo[n].val = 'h';
	td_buf_addch(&so, 'h');

	optind = 0; /* glibc: start afresh, argv[0] is the verb */
	opterr = 0;
	while ((c = getopt_long(*argc, *argv, so.data, lo, &idx)) != -1) {
		const struct cli_opt *o = NULL;

		if (c == 'h') {
			print_help(ctx, usage, opts);
			rc = 1;
			goto out;
		}
		if (c == '?' || c == ':') {
			const char *what = (*argv)[optind - 1];

			if (c == ':')
				cli_usagef(ctx, "option '%s' needs a value",
					   what);
			else
				cli_usagef(ctx, "unknown option '%s'", what);
			rc = -1;
			goto out;
		}
		if (c >= 256) {
			o = &opts[c - 256];
		} else {
			for (i = 0; i < n; i++)
				if (opts[i].short_name == c)
					o = &opts[i];
		}
		if (!o)
			continue;
		switch (o->type) {
		case CLI_OPT_FLAG:
			*(int *)o->value = 1;
			break;
		case CLI_OPT_STRING:
			*(const char **)o->value = optarg;
			break;
		case CLI_OPT_LIST: {
			struct cli_list *l = o->value;

			TD_GROW(l->v, l->n + 1, l->alloc);
			l->v[l->n++] = optarg;
			break;
		}
		}
	}
	*argc -= optind;
	*argv += optind;
out:
	free(lo);
	td_buf_release(&so);
	return rc;
}

int
cli_format_parse(const char *s)
{
	if (!s || strcmp(s, "table") == 0)
		return CLI_FMT_TABLE;
	if (strcmp(s, "json") == 0)
		return CLI_FMT_JSON;
	if (strcmp(s, "csv") == 0)
		return CLI_FMT_CSV;
	if (strcmp(s, "ndjson") == 0)
		return CLI_FMT_NDJSON;
	return -1;
}

size_t
cli_text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	size_t w = 0;

	while (*p) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

		if (n <= 0) {
			w++;
			p++;
			continue;
		}
		w += (size_t)utf8proc_charwidth(cp);
		p += n;
	}
	return w;
}

/* The text of a JSON value for a table or CSV cell. */
static void
cell_text(json_t *v, struct td_buf *out)
{
	size_t i;
	json_t *e;

	td_buf_reset(out);
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		td_buf_addstr(out, json_string_value(v));
		break;
	case JSON_INTEGER:
		td_buf_addf(out, "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
		break;
	case JSON_REAL: {
		double d = json_real_value(v);

		td_buf_addf(out, "%.6g", d);
		break;
	}
	case JSON_TRUE:
		td_buf_addstr(out, "yes");
		break;
	case JSON_FALSE:
		td_buf_addstr(out, "no");
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e)
		{
			struct td_buf sub = TD_BUF_INIT;

			cell_text(e, &sub);
			if (i)
				td_buf_addch(out, '|');
			td_buf_addstr(out, sub.data);
			td_buf_release(&sub);
		}
		break;
	case JSON_OBJECT: {
		char *s = json_dumps(v, JSON_COMPACT);

		td_buf_addstr(out, s ? s : "");
		free(s);
		break;
	}
	default:
		break;
	}
}

static void
csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

void
cli_print_rows(FILE *f, enum cli_format fmt, json_t *rows,
	       const struct cli_col *cols, size_t ncols)
{
	struct td_buf cell = TD_BUF_INIT;
	size_t *width;
	size_t i, j;
	json_t *row;

	if (fmt == CLI_FMT_JSON) {
		json_dumpf(rows, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', f);
		return;
	}
	if (fmt == CLI_FMT_NDJSON) {
		json_array_foreach(rows, i, row)
		{
			json_dumpf(row, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
			fputc('\n', f);
		}
		return;
	}
	if (fmt == CLI_FMT_CSV) {
		for (j = 0; j < ncols; j++) {
			if (j)
				fputc(',', f);
			csv_field(f, cols[j].key);
		}
		fputc('\n', f);
		json_array_foreach(rows, i, row)
		{
			for (j = 0; j < ncols; j++) {
				if (j)
					fputc(',', f);
				cell_text(json_object_get(row, cols[j].key),
					  &cell);
				csv_field(f, cell.data);
			}
			fputc('\n', f);
		}
		td_buf_release(&cell);
		return;
	}
	width = td_xcalloc(ncols, sizeof(*width));
	for (j = 0; j < ncols; j++)
		width[j] = cli_text_width(cols[j].header);
	json_array_foreach(rows, i, row)
	{
		for (j = 0; j < ncols; j++) {
			size_t w;

			cell_text(json_object_get(row, cols[j].key), &cell);
			w = cli_text_width(cell.data);
			if (w > width[j])
				width[j] = w;
		}
	}
	for (j = 0; j < ncols; j++) {
		fputs(cols[j].header, f);
		if (j + 1 < ncols)
			pad(f, width[j] - cli_text_width(cols[j].header) + 2);
	}
	fputc('\n', f);
	json_array_foreach(rows, i, row)
	{
		for (j = 0; j < ncols; j++) {
			cell_text(json_object_get(row, cols[j].key), &cell);
			fputs(cell.data, f);
			if (j + 1 < ncols)
				pad(f,
				    width[j] - cli_text_width(cell.data) + 2);
		}
		fputc('\n', f);
	}
	free(width);
	td_buf_release(&cell);
}

void
cli_print_object(FILE *f, enum cli_format fmt, json_t *obj)
{
	struct td_buf cell = TD_BUF_INIT;
	const char *key;
	size_t w = 0;
	json_t *v;

	if (fmt == CLI_FMT_JSON || fmt == CLI_FMT_NDJSON) {
		json_dumpf(
			obj, f,
			(fmt == CLI_FMT_JSON ? JSON_INDENT(2) : JSON_COMPACT) |
				JSON_PRESERVE_ORDER);
		fputc('\n', f);
		return;
	}
	json_object_foreach(obj, key, v)
	{
		if (strlen(key) > w)
			w = strlen(key);
	}
	json_object_foreach(obj, key, v)
	{
		if (json_is_null(v))
			continue;
		if (json_is_array(v) && json_array_size(v) &&
		    json_is_object(json_array_get(v, 0))) {
			size_t i;
			json_t *e;

			fprintf(f, "%s:\n", key);
			json_array_foreach(v, i, e)
			{
				char *s = json_dumps(
					e, JSON_COMPACT | JSON_PRESERVE_ORDER);

				fprintf(f, "  - %s\n", s ? s : "");
				free(s);
			}
			continue;
		}
		cell_text(v, &cell);
		fprintf(f, "%s:", key);
		pad(f, w - strlen(key) + 1);
		fprintf(f, "%s\n", cell.data);
	}
	td_buf_release(&cell);
}

static const char *sort_key;

static int
row_cmp(const void *a, const void *b)
{
	const char *x = json_string_value(
		json_object_get(*(json_t *const *)a, sort_key));
	const char *y = json_string_value(
		json_object_get(*(json_t *const *)b, sort_key));

	if (!x || !y)
		return x ? -1 : y ? 1 : 0;
	return strcmp(x, y);
}

void
cli_sort_rows(json_t *rows, const char *key)
{
	size_t n = json_array_size(rows), i;
	json_t **v;

	if (n < 2)
		return;
	v = td_xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(rows, i));
	sort_key = key;
	qsort(v, n, sizeof(*v), row_cmp);
	json_array_clear(rows);
	for (i = 0; i < n; i++)
		json_array_append_new(rows, v[i]);
	free(v);
}

void
cli_explain_signals(FILE *f, json_t *signals, const char *indent)
{
	size_t i;
	json_t *s;

	json_array_foreach(signals, i, s)
	{
		const char *kind =
			json_string_value(json_object_get(s, "kind"));
		double c =
			json_number_value(json_object_get(s, "contribution"));

		fprintf(f, "%s+%.3f  ", indent, c);
		if (!kind) {
			fputc('\n', f);
			continue;
		}
		if (strcmp(kind, "term") == 0) {
			fprintf(f, "term \"%s\" (%s, %s",
				json_string_value(json_object_get(s, "term")),
				json_string_value(
					json_object_get(s, "term_kind")),
				json_string_value(
					json_object_get(s, "variant")));
			fprintf(f, ", distinctiveness %.2f) in %s as \"%s\"",
				json_number_value(
					json_object_get(s, "distinctiveness")),
				json_string_value(json_object_get(s, "field")),
				json_string_value(json_object_get(s, "quote")));
		} else if (strcmp(kind, "cue") == 0) {
			json_t *w;
			size_t k;

			fprintf(f, "cue words:");
			json_array_foreach(json_object_get(s, "words"), k, w)
				fprintf(f, " \"%s\" (%s %.1f)",
					json_string_value(
						json_object_get(w, "quote")),
					json_string_value(
						json_object_get(w, "category")),
					json_number_value(
						json_object_get(w, "weight")));
		} else if (strcmp(kind, "price") == 0) {
			fprintf(f,
				"price %.2f %s is %.0f%% of %s's MSRP %.2f %s "
				"(%s)",
				json_number_value(json_object_get(s, "price")),
				json_string_value(
					json_object_get(s, "currency")),
				100 * json_number_value(
					      json_object_get(s, "ratio")),
				json_string_value(
					json_object_get(s, "product")),
				json_number_value(json_object_get(s, "msrp")),
				json_string_value(
					json_object_get(s, "msrp_currency")),
				json_string_value(json_object_get(s, "band")));
		} else if (strcmp(kind, "image_reuse") == 0) {
			fprintf(f, "photo %s reuses %s of %s (%s, %d bits)",
				json_string_value(
					json_object_get(s, "listing_photo")),
				json_string_value(json_object_get(s, "photo")),
				json_string_value(
					json_object_get(s, "product")),
				json_string_value(
					json_object_get(s, "variant")),
				(int)json_integer_value(
					json_object_get(s, "distance")));
		} else if (strcmp(kind, "leak") == 0) {
			fprintf(f, "LEAK: %s was given only to partner %s",
				json_string_value(json_object_get(s, "photo")),
				json_string_value(
					json_object_get(s, "partner")));
		} else if (strcmp(kind, "seller_history") == 0) {
			fprintf(f, "seller has %d earlier finding(s)",
				(int)json_integer_value(json_object_get(
					s, "earlier_findings")));
		} else if (strcmp(kind, "relist") == 0) {
			json_t *cs = json_object_get(s, "case");

			fprintf(f, "RELIST of %s (removal confirmed %.10s; %s)",
				json_string_value(
					json_object_get(s, "earlier")),
				json_string_value(
					json_object_get(s, "gone_at")),
				json_string_value(
					json_object_get(s, "evidence")));
			if (json_is_integer(cs))
				fprintf(f, "; its case was %lld",
					(long long)json_integer_value(cs));
		} else {
			char *t = json_dumps(s, JSON_COMPACT);

			fprintf(f, "%s", t ? t : kind);
			free(t);
		}
		fputc('\n', f);
	}
}
