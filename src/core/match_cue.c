/* Cue word lists: data/cues/LANG.tsv and workspace lists (match.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/builtin.h"
#include "core/match.h"
#include "core/util.h"
#include "core/banned.h"

/* Longest cue list file read by td_cue_list_load(). */
#define CUE_FILE_MAX (16u << 20)

void
td_cue_list_release(struct td_cue_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].word);
		free(l->v[i].category);
		free(l->v[i].file);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->alloc = 0;
}

static int
valid_category(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* The cue's identity: its normal form. */
static char *
cue_id(const char *w, size_t n)
{
	struct td_buf b = TD_BUF_INIT;

	td_text_norm_string(w, n, &b, NULL);
	return td_buf_detach(&b, NULL);
}

/* 1 if the word has nothing to match: no letter, digit or CJK. */
static int
no_key(const char *s, size_t n)
{
	struct td_buf b = TD_BUF_INIT;
	int none;

	td_text_key_string(s, n, &b, NULL);
	none = b.len == 0;
	td_buf_release(&b);
	return none;
}

static int
has_bad_bytes(const char *s, size_t n)
{
	struct td_text t = TD_TEXT_INIT;
	int bad = td_text_normalize(&t, s, n, 0, NULL) < 0 || t.invalid;

	td_text_release(&t);
	return bad;
}

int
td_cue_list_parse(struct td_cue_list *l, const char *file, const char *text,
		  size_t len, struct td_err *err)
{
	const char *p = text, *end = text + len;
	char **ids = NULL;
	unsigned char *mine = NULL; /* the cue is from this text */
	size_t i, nids = 0, aids = 0, amine = 0;
	unsigned long line = 0;
	int rc = 0;

	/* Normal forms of the cues already in l, to find replacements. */
	for (i = 0; i < l->n; i++) {
		TD_GROW(ids, nids + 1, aids);
		TD_GROW(mine, nids + 1, amine);
		mine[nids] = 0;
		ids[nids++] = cue_id(l->v[i].word, strlen(l->v[i].word));
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *f[4], *fe[4], *q;
		size_t nf = 0, wlen;
		char *id, *num, *stop;
		double w;
		struct td_cue *c;

		if (!nl)
			nl = end;
		line++;
		q = nl;
		if (q > p && q[-1] == '\r')
			q--;
		if (q == p || *p == '#') {
			p = nl + 1;
			continue;
		}
		f[0] = p;
		while (nf < 4) {
			const char *tab =
				memchr(f[nf], '\t', (size_t)(q - f[nf]));

			fe[nf] = tab ? tab : q;
			nf++;
			if (!tab)
				break;
			if (nf < 4)
				f[nf] = tab + 1;
		}
		if (nf != 3 || memchr(fe[2], '\t', (size_t)(q - fe[2]))) {
			rc = td_errf_at(err, TD_EINVAL, file, line, NULL,
					"expected 3 tab-separated fields "
					"(word, weight, category)");
			goto out;
		}
		wlen = (size_t)(fe[0] - f[0]);
		if (!wlen) {
			rc = td_errf_at(err, TD_EINVAL, file, line, "word",
					"empty");
			goto out;
		}
		if (has_bad_bytes(f[0], wlen)) {
			rc = td_errf_at(err, TD_EINVAL, file, line, "word",
					"not valid UTF-8");
			goto out;
		}
		num = td_xstrndup(f[1], (size_t)(fe[1] - f[1]));
		errno = 0;
		w = strtod(num, &stop);
		if (!*num || *stop || errno || !isfinite(w) || w < 0 || w > 1) {
			rc = td_errf_at(err, TD_EINVAL, file, line, "weight",
					"\"%s\" is not a number from 0 to 1",
					num);
			free(num);
			goto out;
		}
		free(num);
		if (!valid_category(f[2], (size_t)(fe[2] - f[2]))) {
			rc = td_errf_at(err, TD_EINVAL, file, line, "category",
					"\"%.*s\" is not lower-case letters, "
					"digits and _",
					(int)(fe[2] - f[2]), f[2]);
			goto out;
		}
		if (no_key(f[0], wlen)) {
			rc = td_errf_at(err, TD_EINVAL, file, line, "word",
					"\"%.*s\" has no letters, digits or "
					"CJK characters",
					(int)wlen, f[0]);
			goto out;
		}
		id = cue_id(f[0], wlen);
		c = NULL;
		for (i = 0; i < nids; i++) {
			if (strcmp(ids[i], id) != 0)
				continue;
			if (mine[i]) {
				rc = td_errf_at(err, TD_EINVAL, file, line,
						"word",
						"\"%.*s\" is already on line "
						"%lu",
						(int)wlen, f[0], l->v[i].line);
				free(id);
				goto out;
			}
			/* A later list replaces the cue. */
			c = &l->v[i];
			mine[i] = 1;
			free(c->word);
			free(c->category);
			free(c->file);
			free(id);
			break;
		}
		if (!c) {
			TD_GROW(l->v, l->n + 1, l->alloc);
			c = &l->v[l->n++];
			TD_GROW(ids, nids + 1, aids);
			TD_GROW(mine, nids + 1, amine);
			mine[nids] = 1;
			ids[nids++] = id;
		}
		c->word = td_xstrndup(f[0], wlen);
		c->weight = w;
		c->category = td_xstrndup(f[2], (size_t)(fe[2] - f[2]));
		c->file = td_xstrdup_or_null(file);
		c->line = line;
		p = nl + 1;
	}
out:
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(mine);
	return rc;
}

int
td_cue_list_load(struct td_cue_list *l, const char *path, struct td_err *err)
{
	struct td_buf b = TD_BUF_INIT;
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			       "%s: %s", path, strerror(errno));
	b.max = CUE_FILE_MAX;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (td_buf_add(&b, chunk, n) < 0) {
			rc = td_errf(err, TD_ETOOBIG, "%s: over %u bytes", path,
				     CUE_FILE_MAX);
			goto out;
		}
	}
	if (ferror(f)) {
		rc = td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = td_cue_list_parse(l, path, b.data, b.len, err);
out:
	fclose(f);
	td_buf_release(&b);
	return rc;
}

int
td_cue_list_add_builtin(struct td_cue_list *l, const char *lang,
			struct td_err *err)
{
	const struct td_builtin *b;
	char name[64];

	snprintf(name, sizeof(name), "cues/%s.tsv", lang);
	b = td_builtin_find(td_builtin_data, name);
	if (!b)
		return td_errf(err, TD_ENOTFOUND, "no built-in cue list %s",
			       name);
	return td_cue_list_parse(l, name, (const char *)b->data, b->len, err);
}
