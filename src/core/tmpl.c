#include "core/tmpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/builtin.h"
#include "core/readfile.h"
#include "core/util.h"
#include "core/banned.h"

#define MAX_DEPTH 16
#define MAX_FILE  (1024 * 1024)

/* ---- the context ------------------------------------------------------ */

enum vtype { V_STR, V_FLAG, V_LIST };

struct entry {
	char *key;                  /* the name */
	enum vtype type;            /* which of the values below is used */
	char *str;                  /* V_STR: the value */
	int flag;                   /* V_FLAG: on or off */
	struct td_tmpl_ctx **items; /* V_LIST: the items */
	size_t nitems, aitems;      /* V_LIST: count and allocation */
};

struct td_tmpl_ctx {
	struct entry *e; /* the values, in order of first set */
	size_t n, alloc; /* count and allocation */
};

struct td_tmpl_ctx *
td_tmpl_ctx_new(void)
{
	return td_xcalloc(1, sizeof(struct td_tmpl_ctx));
}

static void
entry_clear(struct entry *e)
{
	size_t i;

	free(e->str);
	e->str = NULL;
	for (i = 0; i < e->nitems; i++)
		td_tmpl_ctx_free(e->items[i]);
	free(e->items);
	e->items = NULL;
	e->nitems = e->aitems = 0;
	e->flag = 0;
}

void
td_tmpl_ctx_free(struct td_tmpl_ctx *ctx)
{
	size_t i;

	if (!ctx)
		return;
	for (i = 0; i < ctx->n; i++) {
		entry_clear(&ctx->e[i]);
		free(ctx->e[i].key);
	}
	free(ctx->e);
	free(ctx);
}

static struct entry *
find_entry(const struct td_tmpl_ctx *ctx, const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i < ctx->n; i++)
		if (strlen(ctx->e[i].key) == klen &&
		    memcmp(ctx->e[i].key, key, klen) == 0)
			return &ctx->e[i];
	return NULL;
}

/* The entry for key, emptied, or a new one. */
static struct entry *
reset_entry(struct td_tmpl_ctx *ctx, const char *key)
{
	struct entry *e = find_entry(ctx, key, strlen(key));

	if (e) {
		entry_clear(e);
		return e;
	}
	TD_GROW(ctx->e, ctx->n + 1, ctx->alloc);
	e = &ctx->e[ctx->n++];
	memset(e, 0, sizeof(*e));
	e->key = td_xstrdup(key);
	return e;
}

void
td_tmpl_set(struct td_tmpl_ctx *ctx, const char *key, const char *value)
{
	struct entry *e;

	if (!value) {
		e = find_entry(ctx, key, strlen(key));
		if (e) {
			size_t i = (size_t)(e - ctx->e);

			entry_clear(e);
			free(e->key);
			memmove(e, e + 1, (ctx->n - i - 1) * sizeof(*e));
			ctx->n--;
		}
		return;
	}
	e = reset_entry(ctx, key);
	e->type = V_STR;
	e->str = td_xstrdup(value);
}

void
td_tmpl_setf(struct td_tmpl_ctx *ctx, const char *key, const char *fmt, ...)
{
	struct td_buf b = TD_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	td_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	td_tmpl_set(ctx, key, b.data);
	td_buf_release(&b);
}

void
td_tmpl_set_flag(struct td_tmpl_ctx *ctx, const char *key, int on)
{
	struct entry *e = reset_entry(ctx, key);

	e->type = V_FLAG;
	e->flag = on != 0;
}

void
td_tmpl_set_list(struct td_tmpl_ctx *ctx, const char *key)
{
	reset_entry(ctx, key)->type = V_LIST;
}

struct td_tmpl_ctx *
td_tmpl_push(struct td_tmpl_ctx *ctx, const char *key)
{
	struct entry *e = find_entry(ctx, key, strlen(key));
	struct td_tmpl_ctx *item;

	if (!e || e->type != V_LIST) {
		e = reset_entry(ctx, key);
		e->type = V_LIST;
	}
	item = td_tmpl_ctx_new();
	TD_GROW(e->items, e->nitems + 1, e->aitems);
	e->items[e->nitems++] = item;
	return item;
}

const char *
td_tmpl_get(const struct td_tmpl_ctx *ctx, const char *key)
{
	const struct entry *e = find_entry(ctx, key, strlen(key));

	return e && e->type == V_STR ? e->str : NULL;
}

/* ---- parsing ---------------------------------------------------------- */

enum ttype { T_TEXT, T_VAR, T_OPEN, T_INV, T_CLOSE, T_COMMENT };

struct tok {
	enum ttype t;       /* kind */
	const char *p;      /* text, or the name of a tag */
	size_t n;           /* its length */
	unsigned long line; /* line the token starts on */
	size_t end;         /* T_OPEN, T_INV: index of the matching T_CLOSE */
};

struct tmpl {
	const char *file; /* for messages */
	struct tok *t;    /* tokens */
	size_t n, alloc;  /* count and allocation */
};

static int
name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static struct tok *
add_tok(struct tmpl *tp, enum ttype t, const char *p, size_t n,
	unsigned long line)
{
	struct tok *k;

	TD_GROW(tp->t, tp->n + 1, tp->alloc);
	k = &tp->t[tp->n++];
	k->t = t;
	k->p = p;
	k->n = n;
	k->line = line;
	k->end = 0;
	return k;
}

static unsigned long
count_lines(const char *p, size_t n)
{
	unsigned long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += p[i] == '\n';
	return c;
}

/* Split text into tokens; checks tags and names. */
static int
tokenize(struct tmpl *tp, const char *text, size_t len, struct td_err *err)
{
	unsigned long line = 1;
	size_t pos = 0;

	while (pos < len) {
		const char *open = NULL;
		const char *p, *q, *close;
		size_t i, n;
		enum ttype t = T_VAR;

		for (i = pos; i + 1 < len; i++)
			if (text[i] == '{' && text[i + 1] == '{') {
				open = text + i;
				break;
			}
		if (!open) {
			add_tok(tp, T_TEXT, text + pos, len - pos, line);
			break;
		}
		if (open > text + pos)
			add_tok(tp, T_TEXT, text + pos,
				(size_t)(open - (text + pos)), line);
		line += count_lines(text + pos, (size_t)(open - (text + pos)));
		close = NULL;
		for (i = (size_t)(open - text) + 2; i + 1 < len; i++)
			if (text[i] == '}' && text[i + 1] == '}') {
				close = text + i;
				break;
			}
		if (!close)
			return td_errf_at(err, TD_EINVAL, tp->file, line, NULL,
					  "'{{' without '}}'");
		p = open + 2;
		q = close;
		if (p < q &&
		    (*p == '#' || *p == '^' || *p == '/' || *p == '!')) {
			t = *p == '#'   ? T_OPEN
			    : *p == '^' ? T_INV
			    : *p == '/' ? T_CLOSE
					: T_COMMENT;
			p++;
		}
		if (t != T_COMMENT) {
			while (p < q && (*p == ' ' || *p == '\t'))
				p++;
			while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			n = (size_t)(q - p);
			if (!n)
				return td_errf_at(err, TD_EINVAL, tp->file,
						  line, NULL,
						  "a tag without a name");
			for (i = 0; i < n; i++)
				if (!name_char((unsigned char)p[i]))
					return td_errf_at(
						err, TD_EINVAL, tp->file, line,
						NULL,
						"'%.*s' is not a field name "
						"(letters, digits, _ - .)",
						(int)(n > 60 ? 60 : n), p);
		} else {
			n = (size_t)(q - p);
		}
		add_tok(tp, t, p, n, line);
		line += count_lines(open, (size_t)(close + 2 - open));
		pos = (size_t)(close + 2 - text);
	}
	return 0;
}

/* Blanks at the end of text token k, after its last newline. */
static size_t
trailing_blanks(const struct tok *k)
{
	size_t n = 0;

	while (n < k->n &&
	       (k->p[k->n - 1 - n] == ' ' || k->p[k->n - 1 - n] == '\t'))
		n++;
	return n;
}

/* Blanks and one newline at the start of k; 0 if there is no newline. */
static size_t
leading_blank_line(const struct tok *k)
{
	size_t n = 0;

	while (n < k->n && (k->p[n] == ' ' || k->p[n] == '\t'))
		n++;
	if (n < k->n && k->p[n] == '\r')
		n++;
	if (n < k->n && k->p[n] == '\n')
		return n + 1;
	return 0;
}

/* 1 if tag i is alone on its line (looking at the untrimmed tokens). */
static int
standalone(const struct tmpl *tp, size_t i)
{
	const struct tok *k = &tp->t[i];

	if (k->t == T_TEXT || k->t == T_VAR)
		return 0;
	if (i > 0) {
		const struct tok *prev = &tp->t[i - 1];
		size_t b;

		if (prev->t != T_TEXT)
			return 0;
		b = trailing_blanks(prev);
		if (b == prev->n) {
			if (i > 1)
				return 0; /* a tag before it on the line */
		} else if (prev->p[prev->n - 1 - b] != '\n') {
			return 0;
		}
	}
	if (i + 1 < tp->n) {
		const struct tok *next = &tp->t[i + 1];
		size_t a = 0;

		if (next->t != T_TEXT)
			return 0;
		if (leading_blank_line(next))
			return 1;
		while (a < next->n && (next->p[a] == ' ' || next->p[a] == '\t'))
			a++;
		/* Only blanks up to the end of the template. */
		return a == next->n && i + 2 == tp->n;
	}
	return 1;
}

/*
 * A section or comment tag alone on its line takes its line with it: trim
 * the blanks before it on that line and the blanks and newline after it.
 */
static void
strip_standalone(struct tmpl *tp)
{
	unsigned char *alone = td_xcalloc(tp->n ? tp->n : 1, 1);
	size_t i;

	for (i = 0; i < tp->n; i++)
		alone[i] = (unsigned char)standalone(tp, i);
	for (i = 0; i < tp->n; i++) {
		struct tok *next = i + 1 < tp->n ? &tp->t[i + 1] : NULL;
		size_t a;

		if (!alone[i])
			continue;
		if (i > 0)
			tp->t[i - 1].n -= trailing_blanks(&tp->t[i - 1]);
		if (!next)
			continue;
		a = leading_blank_line(next);
		if (a) {
			next->line++;
		} else {
			a = next->n; /* blanks up to the end */
		}
		next->p += a;
		next->n -= a;
	}
	free(alone);
}

/* Pair section tags; set each opener's end. */
static int
match_sections(struct tmpl *tp, struct td_err *err)
{
	size_t stack[MAX_DEPTH];
	size_t depth = 0, i;

	for (i = 0; i < tp->n; i++) {
		struct tok *k = &tp->t[i];

		if (k->t == T_OPEN || k->t == T_INV) {
			if (depth == MAX_DEPTH)
				return td_errf_at(err, TD_EINVAL, tp->file,
						  k->line, NULL,
						  "sections nested deeper "
						  "than %d",
						  MAX_DEPTH);
			stack[depth++] = i;
		} else if (k->t == T_CLOSE) {
			struct tok *o;

			if (!depth)
				return td_errf_at(err, TD_EINVAL, tp->file,
						  k->line, NULL,
						  "{{/%.*s}} closes no section",
						  (int)k->n, k->p);
			o = &tp->t[stack[depth - 1]];
			if (o->n != k->n || memcmp(o->p, k->p, k->n) != 0)
				return td_errf_at(
					err, TD_EINVAL, tp->file, k->line, NULL,
					"{{/%.*s}} closes {{%c%.*s}} of line "
					"%lu",
					(int)k->n, k->p,
					o->t == T_OPEN ? '#' : '^', (int)o->n,
					o->p, o->line);
			o->end = i;
			depth--;
		}
	}
	if (depth) {
		struct tok *o = &tp->t[stack[depth - 1]];

		return td_errf_at(err, TD_EINVAL, tp->file, o->line, NULL,
				  "{{%c%.*s}} is never closed",
				  o->t == T_OPEN ? '#' : '^', (int)o->n, o->p);
	}
	return 0;
}

static int
compile(struct tmpl *tp, const char *file, const char *text, size_t len,
	struct td_err *err)
{
	int rc;

	memset(tp, 0, sizeof(*tp));
	tp->file = file ? file : "template";
	if (memchr(text, '\0', len))
		return td_errf_at(err, TD_EINVAL, tp->file, 0, NULL,
				  "a NUL byte");
	rc = tokenize(tp, text, len, err);
	if (rc == 0)
		rc = match_sections(tp, err);
	if (rc == 0)
		strip_standalone(tp);
	return rc;
}

/* ---- rendering -------------------------------------------------------- */

struct scope {
	const struct td_tmpl_ctx *ctx; /* the values at this level */
	char path[128];                /* "listings[2]" or "" at the top */
	size_t index;                  /* the item's number, from 1 */
};

struct render {
	const struct tmpl *tp;         /* the template */
	struct scope s[MAX_DEPTH + 1]; /* innermost last */
	size_t depth;                  /* scopes in use */
	struct td_buf *out;            /* where the text goes */
	struct td_err *err;            /* the first problem */
	unsigned nerr;                 /* problems found */
};

static const struct entry *
lookup(const struct render *r, const struct tok *k, size_t *level)
{
	size_t i = r->depth;

	while (i-- > 0) {
		const struct entry *e = find_entry(r->s[i].ctx, k->p, k->n);

		if (e) {
			*level = i;
			return e;
		}
	}
	return NULL;
}

static void
problem(struct render *r, const struct tok *k, const char *why)
{
	char field[256];
	const char *pre = r->s[r->depth - 1].path;

	r->nerr++;
	if (r->nerr > 1)
		return;
	/* Name the field as seen from the innermost list item. */
	snprintf(field, sizeof(field), "%s%s%.*s", pre, *pre ? "." : "",
		 (int)k->n, k->p);
	td_errf_at(r->err, TD_EINVAL, r->tp->file, k->line, field, "%s", why);
}

static void render_range(struct render *r, size_t from, size_t to);

static void
render_section(struct render *r, size_t i)
{
	const struct tok *k = &r->tp->t[i];
	const struct entry *e;
	size_t level, j;

	e = lookup(r, k, &level);
	if (!e) {
		problem(r, k,
			"missing (not set): a section needs a list or "
			"a flag");
		return;
	}
	if (e->type == V_STR) {
		problem(r, k, "is a value; a section needs a list or a flag");
		return;
	}
	if (k->t == T_INV) {
		if ((e->type == V_FLAG && !e->flag) ||
		    (e->type == V_LIST && e->nitems == 0))
			render_range(r, i + 1, k->end);
		return;
	}
	if (e->type == V_FLAG) {
		if (e->flag)
			render_range(r, i + 1, k->end);
		return;
	}
	for (j = 0; j < e->nitems; j++) {
		struct scope *s = &r->s[r->depth];

		s->ctx = e->items[j];
		s->index = j + 1;
		snprintf(s->path, sizeof(s->path), "%.*s[%zu]", (int)k->n, k->p,
			 j + 1);
		r->depth++;
		render_range(r, i + 1, k->end);
		r->depth--;
	}
}

static void
render_range(struct render *r, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const struct tok *k = &r->tp->t[i];
		const struct entry *e;
		size_t level;

		switch (k->t) {
		case T_TEXT:
			td_buf_add(r->out, k->p, k->n);
			break;
		case T_VAR:
			e = lookup(r, k, &level);
			if (!e && r->depth > 1 && k->n == 2 &&
			    memcmp(k->p, "_n", 2) == 0)
				td_buf_addf(r->out, "%zu",
					    r->s[r->depth - 1].index);
			else if (!e)
				problem(r, k, "missing (not set)");
			else if (e->type != V_STR)
				problem(r, k, "is a list or flag, not a value");
			else if (!*e->str)
				problem(r, k,
					"empty: a notice may not have a "
					"gap");
			else
				td_buf_addstr(r->out, e->str);
			break;
		case T_OPEN:
		case T_INV:
			render_section(r, i);
			i = k->end;
			break;
		case T_CLOSE:
		case T_COMMENT:
			break;
		}
	}
}

int
td_tmpl_render(const char *file, const char *text, size_t len,
	       const struct td_tmpl_ctx *ctx, struct td_buf *out,
	       struct td_err *err)
{
	struct td_err first = TD_ERR_INIT;
	struct td_buf tmp = TD_BUF_INIT;
	struct render r;
	struct tmpl tp;
	int rc;

	rc = compile(&tp, file, text, len, err);
	if (rc < 0)
		goto out;
	memset(&r, 0, sizeof(r));
	r.tp = &tp;
	r.s[0].ctx = ctx;
	r.depth = 1;
	r.out = &tmp;
	r.err = &first;
	render_range(&r, 0, tp.n);
	if (r.nerr) {
		if (r.nerr > 1)
			rc = td_errf(err, TD_EINVAL,
				     "%s (and %u more problems)", first.msg,
				     r.nerr - 1);
		else
			rc = td_errf(err, TD_EINVAL, "%s", first.msg);
		goto out;
	}
	rc = td_buf_add(out, tmp.data, tmp.len);
	if (rc < 0)
		td_errf(err, rc, "%s: the rendered text is too big", tp.file);
out:
	free(tp.t);
	td_buf_release(&tmp);
	return rc;
}

int
td_tmpl_load(const char *spec, struct td_buf *text, const char **file,
	     struct td_err *err)
{
	static const char pre[] = "templates/";
	struct td_buf name = TD_BUF_INIT;
	const struct td_builtin *b;
	size_t n = strlen(spec);
	int rc = 0;

	if (strchr(spec, '/') ||
	    (n >= 4 && strcmp(spec + n - 4, ".txt") == 0)) {
		*file = spec;
		return td_read_file(spec, MAX_FILE, text, err);
	}
	td_buf_addf(&name, "%s%s.txt", pre, spec);
	b = td_builtin_find(td_builtin_data, name.data);
	if (!b) {
		rc = td_errf(err, TD_ENOTFOUND,
			     "no template '%s' (data/templates/%s.txt)", spec,
			     spec);
		goto out;
	}
	/* The embedded table outlives every caller: name it by its path. */
	*file = b->name;
	td_buf_add(text, b->data, b->len);
out:
	td_buf_release(&name);
	return rc;
}

int
td_tmpl_render_named(const char *spec, const struct td_tmpl_ctx *ctx,
		     struct td_buf *out, struct td_err *err)
{
	struct td_buf text = TD_BUF_INIT;
	struct td_buf file = TD_BUF_INIT;
	const char *f = NULL;
	int rc;

	rc = td_tmpl_load(spec, &text, &f, err);
	if (rc == 0) {
		if (f != spec)
			td_buf_addf(&file, "data/%s", f);
		else
			td_buf_addstr(&file, f);
		rc = td_tmpl_render(file.data, text.data, text.len, ctx, out,
				    err);
	}
	td_buf_release(&text);
	td_buf_release(&file);
	return rc;
}

/* Append "line\n" to names unless it is there already. */
static void
add_name(struct td_buf *names, const char *s)
{
	size_t n = strlen(s);
	const char *p = names->data;

	while ((p = strstr(p, s)) != NULL) {
		if ((p == names->data || p[-1] == '\n') && p[n] == '\n')
			return;
		p++;
	}
	td_buf_addstr(names, s);
	td_buf_addch(names, '\n');
}

int
td_tmpl_check(const char *file, const char *text, size_t len,
	      struct td_buf *names, struct td_err *err)
{
	const struct tok *open[MAX_DEPTH];
	struct td_buf s = TD_BUF_INIT;
	size_t depth = 0, i;
	struct tmpl tp;
	int rc;

	rc = compile(&tp, file, text, len, err);
	for (i = 0; rc == 0 && names && i < tp.n; i++) {
		const struct tok *k = &tp.t[i];

		td_buf_reset(&s);
		if (k->t == T_CLOSE) {
			depth--;
			continue;
		}
		if (k->t != T_VAR && k->t != T_OPEN && k->t != T_INV)
			continue;
		if (depth)
			td_buf_addf(&s, "%.*s/", (int)open[depth - 1]->n,
				    open[depth - 1]->p);
		td_buf_addf(&s, "%s%.*s", k->t == T_VAR ? "" : "#", (int)k->n,
			    k->p);
		add_name(names, s.data);
		if (k->t != T_VAR)
			open[depth++] = k;
	}
	td_buf_release(&s);
	free(tp.t);
	return rc;
}
