/* Term and cue matching: see match.h and docs/matching.md. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/match_int.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const variant_names[TD_MATCH_VARIANTS] = {
	"exact",       "homoglyph",  "joined",        "split",
	"hyphenation", "omission",   "insertion",     "repetition",
	"replacement", "vowel_swap", "transposition", "edits",
};

static const char *const kind_names[] = {
	"mark", "alias", "name_zh", "pinyin", "model",
};

const char *
td_match_variant_name(int variant)
{
	if (variant < 0 || variant >= TD_MATCH_VARIANTS)
		return "?";
	return variant_names[variant];
}

const char *
td_match_kind_name(int kind)
{
	if (kind < 0 || kind >= (int)TD_ARRAY_LEN(kind_names))
		return NULL;
	return kind_names[kind];
}

int
td_match_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < TD_ARRAY_LEN(kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- building ---------------------------------------------------------- */

/* The literals being collected: key -> literal id. */
struct litmap {
	const char **keys; /* by literal id */
	size_t *lens;      /* by literal id */
	size_t n;          /* literals */
	size_t akeys;      /* keys allocated */
	size_t alens;      /* lens allocated */
	uint32_t *slots;   /* hash slots: literal id + 1, 0 = empty */
	size_t mask;       /* slots - 1 */
};

static uint32_t
litmap_add(struct litmap *lm, const char *key, size_t len)
{
	uint64_t i = near_fmix(near_hash(key, len)) & lm->mask;

	while (lm->slots[i]) {
		uint32_t id = lm->slots[i] - 1;

		if (lm->lens[id] == len && memcmp(lm->keys[id], key, len) == 0)
			return id;
		i = (i + 1) & lm->mask;
	}
	TD_GROW(lm->keys, lm->n + 1, lm->akeys);
	TD_GROW(lm->lens, lm->n + 1, lm->alens);
	lm->keys[lm->n] = key;
	lm->lens[lm->n] = len;
	lm->slots[i] = (uint32_t)++lm->n;
	return (uint32_t)(lm->n - 1);
}

/* A target waiting for its literal id. */
struct pending {
	uint32_t lit;     /* literal id */
	struct target tg; /* the target */
};

/* Word starts of a normalised term: Latin runs and CJK runs. */
static uint16_t
add_words(struct td_match *m, const struct td_text *t)
{
	size_t i;
	uint16_t n = 0;

	for (i = 0; i < t->key_len; i++) {
		uint16_t in = t->info[i];

		if (!(in & TD_TEXT_K_LEAD) || !(in & TD_TEXT_K_BREAK))
			continue;
		if (i > 0 && (in & TD_TEXT_K_CJK) &&
		    (t->info[i - 1] & TD_TEXT_K_CJK))
			continue;
		TD_GROW(m->wpos, m->nwpos + 1, m->awpos);
		m->wpos[m->nwpos++] = (uint32_t)i;
		n++;
	}
	TD_GROW(m->wpos, m->nwpos + 1, m->awpos);
	m->wpos[m->nwpos++] = (uint32_t)t->key_len;
	return n;
}

static void
fill_target(struct target *tg, const struct td_text *t)
{
	size_t i;

	tg->need_start = !(t->info[0] & TD_TEXT_K_CJK);
	for (i = t->key_len; i > 0; i--)
		if (t->info[i - 1] & TD_TEXT_K_LEAD)
			break;
	tg->need_end = i > 0 && !(t->info[i - 1] & TD_TEXT_K_CJK);
	tg->letters = 0;
	for (i = 0; i < t->key_len; i++)
		if (!(t->info[i] & TD_TEXT_K_DIGIT))
			tg->letters = 1;
}

/* What each key byte was written as, when that was one ASCII char. */
static uint8_t *
plain_chars(const struct td_text *t, const char *orig)
{
	uint8_t *p = td_xmalloc(t->key_len + 1);
	size_t i;

	for (i = 0; i < t->key_len; i++) {
		unsigned c = (unsigned char)orig[t->key_start[i]];

		p[i] = t->key_end[i] - t->key_start[i] == 1 && c < 0x80
			       ? (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)
			       : 0;
	}
	return p;
}

static int
is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A cue whose normal form holds a digit or ASCII punctuation. */
static int
cue_is_strict(const struct td_text *t)
{
	size_t i;

	for (i = 0; i < t->norm_len; i++) {
		unsigned char c = (unsigned char)t->norm[i];

		if (c < 0x80 && c != ' ' &&
		    !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

/* Strict cue forms: the norm form and its full-width twin. */
struct sforms {
	char **s;      /* the forms (owned) */
	size_t *lens;  /* their lengths */
	size_t n;      /* how many */
	size_t as;     /* s allocated */
	size_t alens;  /* lens allocated */
	size_t aslits; /* m->slits allocated */
};

static void
add_strict(struct td_match *m, struct sforms *f, uint32_t cue,
	   const struct td_text *t)
{
	struct td_buf w = TD_BUF_INIT;
	size_t i;
	int twin = 0;

	for (i = 0; i < t->norm_len; i++) {
		unsigned char c = (unsigned char)t->norm[i];

		if (c > ' ' && c < 0x7F) {
			/* U+FF01..U+FF5E mirror ASCII 0x21..0x7E. */
			uint32_t cp = 0xFF01 + (c - 0x21);
			char u[3] = {(char)(0xE0 | cp >> 12),
				     (char)(0x80 | (cp >> 6 & 0x3F)),
				     (char)(0x80 | (cp & 0x3F))};

			td_buf_add(&w, u, 3);
			twin = 1;
		} else {
			td_buf_add(&w, &t->norm[i], 1);
		}
	}
	for (i = 0; i < 1 + (size_t)twin; i++) {
		const char *s = i ? w.data : t->norm;
		size_t n = i ? w.len : t->norm_len;

		TD_GROW(f->s, f->n + 1, f->as);
		TD_GROW(f->lens, f->n + 1, f->alens);
		TD_GROW(m->slits, m->nslits + 1, f->aslits);
		f->s[f->n] = td_xstrndup(s, n);
		f->lens[f->n++] = n;
		m->slits[m->nslits].cue = cue;
		m->slits[m->nslits].len = (uint32_t)n;
		m->slits[m->nslits].alnum_start =
			(uint8_t)is_ascii_alnum((unsigned char)t->norm[0]);
		m->slits[m->nslits].alnum_end = (uint8_t)is_ascii_alnum(
			(unsigned char)t->norm[t->norm_len - 1]);
		m->nslits++;
	}
	td_buf_release(&w);
}

/*
 * A few bytes such that every strict form holds one of them (a greedy set
 * cover over their digits, punctuation and non-ASCII bytes), so that the
 * strict database need not scan a text without any: most texts.
 */
/* How common a byte is in listing text, roughly: 0 rare .. 3 common. */
static int
byte_rank(int b)
{
	if (b >= 0x80 && b <= 0xBF)
		return 3; /* UTF-8 continuation bytes */
	if (b >= 0xE3 && b <= 0xE9)
		return 2; /* leads of CJK characters */
	if (b >= '0' && b <= '9')
		return 1;
	return 0;
}

static void
strict_needles(struct td_match *m, const struct sforms *f)
{
	uint8_t *done = td_xcalloc(f->n ? f->n : 1, 1);
	size_t left = f->n, i, j;

	m->nsneed = 0;
	while (left) {
		size_t cover[256] = {0}, best = 0;
		int b;

		for (i = 0; i < f->n; i++) {
			uint8_t has[256] = {0};

			if (done[i])
				continue;
			for (j = 0; j < f->lens[i]; j++) {
				unsigned char c = (unsigned char)f->s[i][j];

				if (c != ' ' &&
				    !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
				    !has[c]++)
					cover[c]++;
			}
		}
		for (b = 1; b < 256; b++)
			if (cover[b] > cover[best] ||
			    (cover[b] == cover[best] &&
			     byte_rank(b) < byte_rank((int)best)))
				best = (size_t)b;
		if (!cover[best] || m->nsneed == (int)sizeof(m->sneed)) {
			m->nsneed = 0; /* no small set: always scan */
			break;
		}
		m->sneed[m->nsneed++] = (uint8_t)best;
		for (i = 0; i < f->n; i++)
			if (!done[i] &&
			    memchr(f->s[i], (int)best, f->lens[i])) {
				done[i] = 1;
				left--;
			}
	}
	free(done);
}

/* 0 if s[0, n) holds none of the strict needles (so no strict form). */
static int
strict_may_match(const struct td_match *m, const char *s, size_t n)
{
	size_t i = 0;
	int k;

	if (!m->nsneed)
		return 1;
#ifdef __SSE2__
	if (n >= 16 && m->nsneed <= 4) {
		/* Four needles (the last one repeated), sixteen bytes at a
		 * time; the last block overlaps the one before. */
		const uint8_t *nd = m->sneed;
		int last = m->nsneed - 1;
		__m128i a = _mm_set1_epi8((char)nd[0]);
		__m128i b = _mm_set1_epi8((char)nd[last < 1 ? last : 1]);
		__m128i c = _mm_set1_epi8((char)nd[last < 2 ? last : 2]);
		__m128i d = _mm_set1_epi8((char)nd[last]);

		for (;; i += 16) {
			__m128i v;

			if (i + 16 > n)
				i = n - 16;
			v = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			if (_mm_movemask_epi8(_mm_or_si128(
				    _mm_or_si128(_mm_cmpeq_epi8(v, a),
						 _mm_cmpeq_epi8(v, b)),
				    _mm_or_si128(_mm_cmpeq_epi8(v, c),
						 _mm_cmpeq_epi8(v, d)))))
				return 1;
			if (i + 16 == n)
				return 0;
		}
	}
#endif
	for (; i < n; i++)
		for (k = 0; k < m->nsneed; k++)
			if ((unsigned char)s[i] == m->sneed[k])
				return 1;
	return 0;
}

static int
compile(const char *const *keys, const size_t *lens, size_t n, unsigned flag,
	hs_database_t **db, struct td_err *err)
{
	unsigned *flags = td_xmalloc((n ? n : 1) * sizeof(*flags));
	unsigned *ids = td_xmalloc((n ? n : 1) * sizeof(*ids));
	hs_compile_error_t *ce = NULL;
	size_t i;
	int rc = 0;

	*db = NULL;
	for (i = 0; i < n; i++) {
		flags[i] = flag;
		ids[i] = (unsigned)i;
	}
	if (n &&
	    hs_compile_lit_multi(keys, flags, ids, lens, (unsigned)n,
				 HS_MODE_BLOCK, NULL, db, &ce) != HS_SUCCESS) {
		rc = td_errf(err, TD_ERROR, "Hyperscan: %s",
			     ce && ce->message ? ce->message : "failed");
		hs_free_compile_error(ce);
		*db = NULL;
	}
	free(flags);
	free(ids);
	return rc;
}

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	return x->tg.cue != y->tg.cue      ? x->tg.cue - y->tg.cue
	       : x->tg.index < y->tg.index ? -1
					   : x->tg.index > y->tg.index;
}

struct td_match *
td_match_new(const struct td_match_term *terms, size_t nterms,
	     const struct td_cue_list *cues, unsigned flags, struct td_err *err)
{
	struct td_match *m = td_xcalloc(1, sizeof(*m));
	struct td_text t = TD_TEXT_INIT;
	struct litmap lm = {0};
	struct pending *pend = NULL;
	struct sforms sf = {0};
	size_t npend = 0, apend = 0, i, slots = 64, ncue_in;
	int rc;

	m->flags = flags;
	if ((rc = td_text_setup(err)) < 0 || (rc = words_setup(err)) < 0)
		goto fail;
	ncue_in = cues ? cues->n : 0;
	while (slots < 2 * (nterms + ncue_in) + 2)
		slots *= 2;
	lm.slots = td_xcalloc(slots, sizeof(*lm.slots));
	lm.mask = slots - 1;
	m->terms = td_xcalloc(nterms ? nterms : 1, sizeof(*m->terms));
	for (i = 0; i < nterms; i++) {
		const struct td_match_term *in = &terms[i];
		struct mterm *mt = &m->terms[i];
		struct pending p;
		int ascii = 1;
		size_t j;

		if (!in->text || !td_match_kind_name(in->kind)) {
			rc = td_errf(err, TD_EINVAL, "term %zu: %s", i + 1,
				     in->text ? "unknown kind" : "no text");
			goto fail;
		}
		rc = td_text_normalize(&t, in->text, strlen(in->text),
				       TD_TEXT_WANT_NORM, err);
		if (rc < 0)
			goto fail;
		if (!t.key_len) {
			rc = td_errf(err, TD_EINVAL,
				     "term %zu: \"%s\" has no letters, digits "
				     "or CJK characters",
				     i + 1, in->text);
			goto fail;
		}
		mt->t = *in;
		mt->text = td_xstrdup(in->text);
		mt->lang = td_xstrdup_or_null(in->lang);
		mt->t.text = mt->text;
		mt->t.lang = mt->lang;
		mt->key = td_xstrndup(t.key, t.key_len);
		mt->key_len = t.key_len;
		mt->wpos = (uint32_t)m->nwpos;
		mt->nwords = add_words(m, &t);
		mt->plain = plain_chars(&t, in->text);
		for (j = 0; j < t.key_len; j++)
			if ((unsigned char)t.key[j] >= 0x80)
				ascii = 0;
		if (ascii &&
		    (in->kind == TD_TERM_MARK || in->kind == TD_TERM_ALIAS ||
		     in->kind == TD_TERM_PINYIN))
			mt->budget = t.key_len >= 9 ? 2 : t.key_len >= 5;
		mt->dist = words_distinctiveness(mt, &t);
		m->nterms = i + 1;
		memset(&p, 0, sizeof(p));
		fill_target(&p.tg, &t);
		mt->letters = p.tg.letters;
		p.tg.index = (uint32_t)i;
		p.tg.wpos = mt->wpos;
		p.tg.nwords = mt->nwords;
		p.tg.plain = mt->plain;
		p.lit = litmap_add(&lm, mt->key, mt->key_len);
		TD_GROW(pend, npend + 1, apend);
		pend[npend++] = p;
	}
	m->cues = td_xcalloc(ncue_in ? ncue_in : 1, sizeof(*m->cues));
	m->cue_keys = td_xcalloc(ncue_in ? ncue_in : 1, sizeof(char *));
	m->cue_plain = td_xcalloc(ncue_in ? ncue_in : 1, sizeof(uint8_t *));
	for (i = 0; i < ncue_in; i++) {
		const struct td_cue *c = &cues->v[i];
		struct td_cue *mc;
		struct pending p;
		uint32_t ci;

		if (c->weight <= 0)
			continue;
		rc = td_text_normalize(&t, c->word, strlen(c->word),
				       TD_TEXT_WANT_NORM, err);
		if (rc < 0)
			goto fail;
		if (!t.key_len) {
			rc = td_errf_at(err, TD_EINVAL, c->file, c->line,
					"word",
					"\"%s\" has no letters, "
					"digits or CJK characters",
					c->word);
			goto fail;
		}
		ci = (uint32_t)m->ncues++;
		mc = &m->cues[ci];
		mc->word = td_xstrdup(c->word);
		mc->weight = c->weight;
		mc->category = td_xstrdup(c->category);
		mc->file = td_xstrdup_or_null(c->file);
		mc->line = c->line;
		m->cue_keys[ci] = td_xstrndup(t.key, t.key_len);
		m->cue_plain[ci] = plain_chars(&t, c->word);
		if (cue_is_strict(&t)) {
			add_strict(m, &sf, ci, &t);
			continue;
		}
		memset(&p, 0, sizeof(p));
		fill_target(&p.tg, &t);
		p.tg.index = ci;
		p.tg.cue = 1;
		p.tg.plain = m->cue_plain[ci];
		p.tg.wpos = (uint32_t)m->nwpos;
		p.tg.nwords = add_words(m, &t);
		p.lit = litmap_add(&lm, m->cue_keys[ci], t.key_len);
		TD_GROW(pend, npend + 1, apend);
		pend[npend++] = p;
	}
	/* Group the targets by literal. */
	if (npend)
		qsort(pend, npend, sizeof(*pend), cmp_pending);
	m->targets = td_xmalloc((npend ? npend : 1) * sizeof(*m->targets));
	m->lits = td_xcalloc(lm.n ? lm.n : 1, sizeof(*m->lits));
	m->nlits = lm.n;
	for (i = 0; i < npend; i++) {
		struct lit *l = &m->lits[pend[i].lit];

		if (!l->ntarget)
			l->target = (uint32_t)i;
		l->ntarget++;
		l->len = (uint32_t)lm.lens[pend[i].lit];
		m->targets[i] = pend[i].tg;
	}
	m->ntargets = npend;
	rc = compile(lm.keys, lm.lens, lm.n, 0, &m->db, err);
	if (rc == 0)
		rc = compile((const char *const *)sf.s, sf.lens, sf.n,
			     HS_FLAG_CASELESS, &m->sdb, err);
	strict_needles(m, &sf);
	if (rc == 0 && !(flags & TD_MATCH_NO_NEAR))
		rc = near_build(m, err);
	if (rc < 0)
		goto fail;
	goto out;
fail:
	td_match_free(m);
	m = NULL;
out:
	for (i = 0; i < sf.n; i++)
		free(sf.s[i]);
	free(sf.s);
	free(sf.lens);
	free(lm.keys);
	free(lm.lens);
	free(lm.slots);
	free(pend);
	td_text_release(&t);
	return m;
}

void
td_match_free(struct td_match *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nterms; i++) {
		free(m->terms[i].text);
		free(m->terms[i].lang);
		free(m->terms[i].key);
		free(m->terms[i].plain);
	}
	/* A failed build may have filled terms past nterms. */
	free(m->terms);
	for (i = 0; i < m->ncues; i++) {
		free(m->cues[i].word);
		free(m->cues[i].category);
		free(m->cues[i].file);
		free(m->cue_keys[i]);
		free(m->cue_plain[i]);
	}
	free(m->cues);
	free(m->cue_keys);
	free(m->cue_plain);
	free(m->wpos);
	free(m->lits);
	free(m->targets);
	free(m->slits);
	hs_free_database(m->db);
	hs_free_database(m->sdb);
	near_free(&m->near);
	free(m);
}

size_t
td_match_nterms(const struct td_match *m)
{
	return m->nterms;
}

size_t
td_match_ncues(const struct td_match *m)
{
	return m->ncues;
}

const struct td_match_term *
td_match_term(const struct td_match *m, size_t i)
{
	return i < m->nterms ? &m->terms[i].t : NULL;
}

const struct td_cue *
td_match_cue(const struct td_match *m, size_t i)
{
	return i < m->ncues ? &m->cues[i] : NULL;
}

const char *
td_match_term_key(const struct td_match *m, size_t i)
{
	return i < m->nterms ? m->terms[i].key : NULL;
}

double
td_match_distinctiveness(const struct td_match *m, size_t i)
{
	return i < m->nterms ? m->terms[i].dist : 0;
}

/* ---- scanning ------------------------------------------------------------ */

struct td_match_scratch *
td_match_scratch_new(const struct td_match *m, struct td_err *err)
{
	struct td_match_scratch *s = td_xcalloc(1, sizeof(*s));

	td_text_init(&s->text);
	if ((m->db && hs_alloc_scratch(m->db, &s->hs) != HS_SUCCESS) ||
	    (m->sdb && hs_alloc_scratch(m->sdb, &s->hs) != HS_SUCCESS)) {
		td_errf(err, TD_ERROR, "Hyperscan: cannot allocate scratch");
		td_match_scratch_free(s);
		return NULL;
	}
	return s;
}

void
td_match_scratch_free(struct td_match_scratch *s)
{
	size_t i;

	if (!s)
		return;
	hs_free_scratch(s->hs);
	td_text_release(&s->text);
	for (i = 0; i < TD_MATCH_TEXTS; i++)
		td_text_release(&s->texts[i]);
	free(s->keys);
	free(s->pad);
	free(s->mc);
	free(s->out);
	free(s->cands);
	free(s->hits);
	free(s->toks);
	free(s->quiet);
	free(s);
}

const struct td_text *
td_match_text(const struct td_match_scratch *s)
{
	return &s->text;
}

const struct td_text *
td_match_text_at(const struct td_match_scratch *s, size_t i)
{
	if (i >= s->ntexts)
		return NULL;
	return i + 1 == s->ntexts ? &s->text : &s->texts[i];
}

static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
	 unsigned flags, void *ctx)
{
	struct td_match_scratch *s = ctx;

	(void)from;
	(void)flags;
	if (s->ncands == s->acands) {
		if (s->acands >= MATCH_MAX_CANDS) {
			s->overflow = 1;
			return 1; /* stop: the text is pathological */
		}
		TD_GROW(s->cands, s->ncands + 1, s->acands);
	}
	s->cands[s->ncands].lit = id;
	s->cands[s->ncands++].end = (uint32_t)to;
	return 0;
}

void
hit_add(struct td_match_scratch *s, const struct td_match_hit *h)
{
	TD_GROW(s->hits, s->nhits + 1, s->ahits);
	s->hits[s->nhits++] = *h;
}

/* Length of the key character at p. */
static size_t
char_len(const struct td_text *t, size_t p)
{
	size_t q = p + 1;

	while (q < t->key_len && !(t->info[q] & TD_TEXT_K_LEAD))
		q++;
	return q - p;
}

/*
 * Check a main-database match of target tg at key [st, e). Returns 1 and
 * fills variant and flags when it is a hit.
 */
static int
check_span(const struct td_match *m, const struct td_text *t, const char *orig,
	   const struct target *tg, size_t st, size_t e, uint8_t *variant,
	   uint16_t *flags)
{
	const uint16_t *info = t->info;
	const uint32_t *wp = m->wpos + tg->wpos;
	int split = 0, hyph_only = 1, joined = 0, all_digit = 1, look = 0;
	uint16_t fl = 0;
	size_t p, wi = 1;

	if (tg->need_start && !(info[st] & TD_TEXT_K_BREAK))
		return 0;
	if (tg->need_end && e < t->key_len && !(info[e] & TD_TEXT_K_BREAK))
		return 0;
	for (p = st; p < e; p++) {
		uint16_t in = info[p];
		int word_start = 0;

		fl |= in;
		if (!(in & TD_TEXT_K_LEAD))
			continue;
		if (!(in & TD_TEXT_K_DIGIT))
			all_digit = 0;
		if (tg->plain[p - st] && t->key_end[p] - t->key_start[p] == 1) {
			unsigned c = (unsigned char)orig[t->key_start[p]];

			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c != tg->plain[p - st])
				look = 1; /* 0 for o, l for i, @ for a */
		}
		if (p == st)
			continue;
		while (wi < tg->nwords && wp[wi] < p - st)
			wi++;
		if (wi < tg->nwords && wp[wi] == p - st)
			word_start = 1;
		if (in & TD_TEXT_K_BREAK) {
			if (word_start || (in & TD_TEXT_K_CJK) ||
			    (info[p - 1] & TD_TEXT_K_CJK))
				continue;
			if (in & TD_TEXT_K_SPACE) {
				/* White space inside a word: only between
				 * single letters ("G U C C I"). */
				size_t q = p + char_len(t, p), b = p - 1;

				while (b > st && !(info[b] & TD_TEXT_K_LEAD))
					b--;
				if (!(info[b] & TD_TEXT_K_BREAK) &&
				    !(q >= e || (info[q] & TD_TEXT_K_BREAK)))
					return 0;
				hyph_only = 0;
			} else if (!(in & TD_TEXT_K_HYPHEN)) {
				hyph_only = 0;
			}
			split = 1;
		} else if (word_start && !(in & TD_TEXT_K_CJK) &&
			   !(info[p - 1] & TD_TEXT_K_CJK)) {
			joined = 1;
		}
	}
	if (tg->letters && all_digit)
		return 0;
	/* Folded digits count only where the term had a letter. */
	*flags = (uint16_t)((fl & TD_TEXT_K_OBFUSCATION & ~TD_TEXT_K_LEET) |
			    (look ? TD_TEXT_K_LEET : 0));
	if (split)
		*variant = hyph_only ? TD_MATCH_HYPHENATION : TD_MATCH_SPLIT;
	else if (joined)
		*variant = TD_MATCH_JOINED;
	else if (look || (fl & TD_TEXT_K_HOMOGLYPH))
		*variant = TD_MATCH_HOMOGLYPH;
	else
		*variant = TD_MATCH_EXACT;
	return 1;
}

/* The key span covering original bytes [os, oe). */
static void
orig_to_key(const struct td_text *t, size_t os, size_t oe, size_t *ks,
	    size_t *ke)
{
	size_t lo = 0, hi = t->key_len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->key_start[mid] < os)
			lo = mid + 1;
		else
			hi = mid;
	}
	*ks = lo;
	while (lo < t->key_len && t->key_end[lo] <= oe)
		lo++;
	*ke = lo;
}

static void
strict_hits(const struct td_match *m, struct td_match_scratch *s, size_t from)
{
	const unsigned char *o = (const unsigned char *)s->orig;
	size_t i;

	for (i = from; i < s->ncands; i++) {
		const struct strict_lit *sl = &m->slits[s->cands[i].lit];
		size_t e = s->cands[i].end, st = e - sl->len;
		struct td_match_hit h;

		if (sl->alnum_start && st > 0 && is_ascii_alnum(o[st - 1]))
			continue;
		if (sl->alnum_end && e < s->orig_len && is_ascii_alnum(o[e]))
			continue;
		memset(&h, 0, sizeof(h));
		h.index = sl->cue;
		h.cue = 1;
		h.variant = TD_MATCH_EXACT;
		h.start = st;
		h.end = e;
		orig_to_key(&s->text, st, e, &h.key_start, &h.key_end);
		hit_add(s, &h);
	}
	s->ncands = from;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct td_match_hit *x = a, *y = b;

	if (x->key_start != y->key_start)
		return x->key_start < y->key_start ? -1 : 1;
	if (x->cue != y->cue)
		return x->cue - y->cue;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->edits != y->edits)
		return x->edits - y->edits;
	return x->key_end < y->key_end ? 1 : x->key_end > y->key_end ? -1 : 0;
}

/*
 * Sort the hits and drop the redundant ones: a hit whose term already
 * has an overlapping hit, and a near variant where an overlapping term
 * hit needs fewer edits (the text is better explained by that term).
 */
static void
tidy_hits(struct td_match_scratch *s)
{
	size_t i, j, n = 0;

	/* A listing has a few hits: an insertion sort, stable like glibc's
	 * merge sort, so the order is the same. */
	if (s->nhits <= 32) {
		for (i = 1; i < s->nhits; i++) {
			struct td_match_hit x = s->hits[i];

			for (j = i; j > 0 && cmp_hit(&s->hits[j - 1], &x) > 0;
			     j--)
				s->hits[j] = s->hits[j - 1];
			s->hits[j] = x;
		}
	} else {
		qsort(s->hits, s->nhits, sizeof(*s->hits), cmp_hit);
	}
	for (i = 0; i < s->nhits; i++) {
		const struct td_match_hit *h = &s->hits[i];
		int drop = 0;

		for (j = 0; j < s->nhits && !drop; j++) {
			const struct td_match_hit *k = &s->hits[j];

			if (j == i || k->key_end <= h->key_start ||
			    h->key_end <= k->key_start || k->cue != h->cue)
				continue;
			if (k->index == h->index)
				drop = j < i;
			else if (!h->cue && h->edits > k->edits)
				drop = 1;
		}
		if (!drop)
			s->hits[n++] = *h;
	}
	s->nhits = n;
}

/*
 * Find the hits of the text in s->text (normalised already; its original
 * is text). The main database's raw matches come from mc (nmc of them,
 * ends counted from off: one Hyperscan call over several texts), or,
 * with mc NULL, from a scan of this text's key alone.
 */
static int
scan_text(const struct td_match *m, struct td_match_scratch *s,
	  const char *text, size_t len, const struct cand *mc, size_t nmc,
	  size_t off, struct td_err *err)
{
	struct td_text *t = &s->text;
	size_t i;

	s->nhits = 0;
	s->ncands = 0;
	s->overflow = 0;
	s->orig = text;
	s->orig_len = len;
	if (m->sdb && len && strict_may_match(m, text, len)) {
		/* The caller's text may end at a page's end: Hyperscan
		 * gets a copy with slack after it (TD_TEXT_SLACK). */
		if (s->apad < len + TD_TEXT_SLACK)
			TD_GROW(s->pad, len + TD_TEXT_SLACK, s->apad);
		memcpy(s->pad, text, len);
		memset(s->pad + len, 0, TD_TEXT_SLACK);
		if (hs_scan(m->sdb, s->pad, (unsigned)len, 0, s->hs, on_match,
			    s) == HS_INVALID)
			return td_errf(err, TD_ERROR, "Hyperscan scan failed");
		strict_hits(m, s, 0);
	}
	if (mc) {
		/* This text's share of the raw matches, in their order. */
		for (i = 0; i < nmc; i++) {
			if (mc[i].end <= off || mc[i].end > off + t->key_len)
				continue;
			TD_GROW(s->cands, s->ncands + 1, s->acands);
			s->cands[s->ncands].lit = mc[i].lit;
			s->cands[s->ncands++].end = (uint32_t)(mc[i].end - off);
		}
	} else if (m->db && t->key_len) {
		hs_error_t e = hs_scan(m->db, t->key, (unsigned)t->key_len, 0,
				       s->hs, on_match, s);

		if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
			return td_errf(err, TD_ERROR, "Hyperscan scan failed");
	}
	for (i = 0; i < s->ncands; i++) {
		const struct lit *l = &m->lits[s->cands[i].lit];
		size_t e = s->cands[i].end, st = e - l->len, k;

		for (k = 0; k < l->ntarget; k++) {
			const struct target *tg = &m->targets[l->target + k];
			struct td_match_hit h;

			memset(&h, 0, sizeof(h));
			if (!check_span(m, t, text, tg, st, e, &h.variant,
					&h.flags))
				continue;
			h.index = tg->index;
			h.cue = tg->cue;
			h.key_start = st;
			h.key_end = e;
			td_text_key_span(t, st, e, &h.start, &h.end);
			hit_add(s, &h);
		}
	}
	if (m->near.nwords)
		near_scan(m, s);
	if (s->nhits > 1)
		tidy_hits(s);
	return 0;
}

int
td_match_scan(const struct td_match *m, struct td_match_scratch *s,
	      const char *text, size_t len, const struct td_match_hit **hits,
	      size_t *nhits, struct td_err *err)
{
	int rc;

	*hits = NULL;
	*nhits = 0;
	s->nhits = 0;
	s->ntexts = 0;
	rc = td_text_normalize(&s->text, text, len, 0, err);
	if (rc == 0)
		s->ntexts = 1;
	if (rc == 0)
		rc = scan_text(m, s, text, len, NULL, 0, 0, err);
	if (rc < 0)
		return rc;
	*hits = s->hits;
	*nhits = s->nhits;
	return 0;
}

static void
swap_text(struct td_text *a, struct td_text *b)
{
	struct td_text t = *a;

	*a = *b;
	*b = t;
}

int
td_match_scan_texts(const struct td_match *m, struct td_match_scratch *s,
		    const char *const *texts, const size_t *lens, size_t n,
		    const struct td_match_hit **hits, size_t *nhits,
		    struct td_err *err)
{
	size_t off[TD_MATCH_TEXTS], i, k, total = 0;
	struct td_match_hit *h;
	int rc = 0, merged = 0;

	assert(n <= TD_MATCH_TEXTS);
	*hits = NULL;
	*nhits = 0;
	s->nout = 0;
	s->ntexts = 0;
	for (i = 0; i < n; i++) {
		rc = td_text_normalize(&s->texts[i], texts[i], lens[i], 0, err);
		if (rc < 0)
			return rc;
		total += s->texts[i].key_len + 1;
	}
	/*
	 * One main-database scan over every key, a byte no key holds
	 * between them (so no literal spans two): a Hyperscan call costs
	 * about as much as a short text. Too many raw matches: each text
	 * on its own, as td_match_scan() does.
	 */
	if (m->db && n > 1) {
		char *all;
		hs_error_t e;

		if (s->akeys < total + 1 + TD_TEXT_SLACK)
			TD_GROW(s->keys, total + 1 + TD_TEXT_SLACK, s->akeys);
		all = s->keys;
		for (i = 0, k = 0; i < n; i++) {
			off[i] = k;
			memcpy(all + k, s->texts[i].key, s->texts[i].key_len);
			k += s->texts[i].key_len;
			all[k++] = '\x01';
		}
		s->ncands = 0;
		s->overflow = 0;
		e = hs_scan(m->db, all, (unsigned)(total - 1), 0, s->hs,
			    on_match, s);
		if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
			return td_errf(err, TD_ERROR, "Hyperscan scan failed");
		if (!s->overflow) {
			merged = 1;
			if (s->amc < s->ncands)
				TD_GROW(s->mc, s->ncands, s->amc);
			if (s->ncands)
				memcpy(s->mc, s->cands,
				       s->ncands * sizeof(*s->mc));
			s->nmc = s->ncands;
		}
	}
	for (i = 0; i < n; i++) {
		/* The text being looked at is s->text. */
		swap_text(&s->text, &s->texts[i]);
		rc = scan_text(m, s, texts[i], lens[i], merged ? s->mc : NULL,
			       merged ? s->nmc : 0, merged ? off[i] : 0, err);
		if (rc < 0)
			break;
		TD_GROW(s->out, s->nout + s->nhits, s->aout);
		for (k = 0; k < s->nhits; k++) {
			h = &s->out[s->nout++];
			*h = s->hits[k];
			h->text = (uint8_t)i;
		}
		if (i + 1 < n)
			swap_text(&s->text, &s->texts[i]);
	}
	if (rc < 0)
		return rc;
	s->ntexts = n;
	*hits = s->out;
	*nhits = s->nout;
	return 0;
}
