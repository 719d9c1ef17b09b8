/*
 * Ordinary words: data/words/en.tsv (SCOWL size levels) and
 * data/words/zh.tsv (jieba counts), loaded once per process. They give
 * each term its distinctiveness and tell the near-variant search which
 * tokens are plain words.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/builtin.h"
#include "core/match_int.h"
#include "core/util.h"
#include "core/banned.h"

/* An open-addressing set of 64-bit hashes with a small value each. */
struct wtab {
	uint64_t *keys; /* 0 = empty */
	uint32_t *vals; /* level or count */
	uint64_t mask;  /* slots - 1 */
};

static struct wtab en_tab, zh_tab;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;
static int words_rc;

static void
wtab_init(struct wtab *t, size_t n)
{
	size_t slots = 1024;

	while (slots < n * 2)
		slots *= 2;
	t->keys = td_xcalloc(slots, sizeof(*t->keys));
	t->vals = td_xcalloc(slots, sizeof(*t->vals));
	t->mask = slots - 1;
}

/* Insert key with val, keeping the smaller value for a repeated key
 * when keep_min, else the larger. */
static void
wtab_put(struct wtab *t, uint64_t key, uint32_t val, int keep_min)
{
	uint64_t i = key & t->mask;

	while (t->keys[i] && t->keys[i] != key)
		i = (i + 1) & t->mask;
	if (!t->keys[i]) {
		t->keys[i] = key;
		t->vals[i] = val;
	} else if (keep_min ? val < t->vals[i] : val > t->vals[i]) {
		t->vals[i] = val;
	}
}

static uint32_t
wtab_get(const struct wtab *t, uint64_t key)
{
	uint64_t i;

	if (!t->keys)
		return 0;
	i = key & t->mask;
	while (t->keys[i]) {
		if (t->keys[i] == key)
			return t->vals[i];
		i = (i + 1) & t->mask;
	}
	return 0;
}

static size_t
count_lines(const unsigned char *p, size_t n)
{
	size_t c = 0, i;

	for (i = 0; i < n; i++)
		c += p[i] == '\n';
	return c;
}

/* Parse "word<TAB>number" lines; keep_min for English levels. */
static void
load_list(struct wtab *t, const struct td_builtin *b, int en)
{
	const char *p, *end;

	if (!b)
		return;
	p = (const char *)b->data;
	end = p + b->len;
	wtab_init(t, count_lines(b->data, b->len));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *tab;
		char w[128];
		size_t n;
		unsigned long v;

		if (!nl)
			nl = end;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (*p != '#' && tab && (size_t)(tab - p) < sizeof(w)) {
			n = (size_t)(tab - p);
			memcpy(w, p, n);
			v = strtoul(tab + 1, NULL, 10);
			if (v > 0)
				wtab_put(t, near_fmix(near_hash(w, n)),
					 (uint32_t)v, en);
		}
		p = nl + 1;
	}
}

static void
words_load(void)
{
	load_list(&en_tab, td_builtin_find(td_builtin_data, "words/en.tsv"), 1);
	load_list(&zh_tab, td_builtin_find(td_builtin_data, "words/zh.tsv"), 0);
	words_rc = en_tab.keys && zh_tab.keys ? 0 : TD_ENOTFOUND;
}

int
words_setup(struct td_err *err)
{
	pthread_once(&words_once, words_load);
	if (words_rc < 0)
		return td_errf(err, words_rc,
			       "built-in word lists words/en.tsv and "
			       "words/zh.tsv are missing");
	return 0;
}

int
words_en_level(const char *key, size_t len)
{
	return (int)wtab_get(&en_tab, near_fmix(near_hash(key, len)));
}

uint32_t
words_zh_count(const char *s, size_t len)
{
	return wtab_get(&zh_tab, near_fmix(near_hash(s, len)));
}

/* Commonness of a SCOWL level: the chance-like weight of a plain word. */
static double
level_commonness(int level)
{
	switch (level) {
	case 10:
		return 0.95;
	case 20:
		return 0.9;
	case 35:
		return 0.8;
	case 40:
		return 0.7;
	case 50:
		return 0.55;
	case 55:
		return 0.45;
	case 60:
		return 0.35;
	default:
		return 0.05;
	}
}

/* Commonness of one plain lower-case word (ASCII letters and digits). */
static double
plain_word_commonness(const char *w, size_t n)
{
	size_t digits = 0, i;
	int level;

	for (i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			digits++;
	if (digits == n)
		return n <= 2 ? 0.9 : n == 3 ? 0.6 : n == 4 ? 0.4 : 0.1;
	level = words_en_level(w, n);
	if (level)
		return level_commonness(level);
	if (n <= 2)
		return 0.6;
	if (n == 3)
		return 0.3;
	return 0.05;
}

static double
cjk_commonness(const char *s, size_t n)
{
	uint32_t c = words_zh_count(s, n);
	size_t chars = n / 3;

	if (c)
		/* A dictionary word: the more frequent, the more common. */
		return fmin(0.95, 0.4 + log10((double)c + 1) / 10);
	return chars <= 1 ? 0.8 : chars == 2 ? 0.5 : chars == 3 ? 0.25 : 0.1;
}

double
td_match_word_commonness(const char *word, size_t len)
{
	struct td_text t = TD_TEXT_INIT;
	double c = 0;

	if (words_setup(NULL) < 0 ||
	    td_text_normalize(&t, word, len, TD_TEXT_WANT_NORM, NULL) < 0 ||
	    !t.key_len)
		goto out;
	if (t.info[0] & TD_TEXT_K_CJK)
		c = cjk_commonness(t.key, t.key_len);
	else
		c = plain_word_commonness(t.norm, t.norm_len);
out:
	td_text_release(&t);
	return c;
}

static int
is_word_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

double
words_distinctiveness(const struct mterm *t, const struct td_text *n)
{
	double common = 1;
	size_t i, alnum = 0, digits = 0;
	int cjk = 0;

	for (i = 0; i < n->key_len; i++) {
		unsigned char c = (unsigned char)n->key[i];

		if (c >= 0x80)
			cjk = 1;
		else if (n->info[i] & TD_TEXT_K_DIGIT)
			digits++;
		if (c < 0x80)
			alnum++;
	}
	if (t->t.kind == TD_TERM_MODEL) {
		/* Model numbers: the longer, the rarer; bare numbers less. */
		double d = fmin(0.95, 0.15 * (double)(alnum + (cjk ? 2 : 0)));

		return digits == n->key_len ? d * 0.7 : d;
	}
	if (cjk)
		return 1 - cjk_commonness(n->key, n->key_len);
	/* Each word of the norm view (letters as written, not folded). */
	for (i = 0; i < n->norm_len;) {
		size_t j = i;

		while (j < n->norm_len &&
		       is_word_byte((unsigned char)n->norm[j]))
			j++;
		if (j > i)
			common *= plain_word_commonness(n->norm + i, j - i);
		i = j + 1;
	}
	if (n->key_len < 4)
		common = fmax(common, 0.5);
	return 1 - common;
}
