/*
 * libFuzzer harness for the normaliser and matcher: any bytes normalise
 * with every key byte mapped back inside the input, the key view being
 * the same with and without the norm view, and match without a crash;
 * every hit's span lies inside the text; the input cut in two and
 * matched at once (td_match_scan_texts) gives each half's hits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/match.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct td_match *m;
static struct td_match_scratch *ms, *ms2;

/* The hits of one text, copied (the scratch's are overwritten). */
static struct td_match_hit *
copy_hits(const struct td_match_hit *h, size_t n)
{
	struct td_match_hit *c = malloc((n ? n : 1) * sizeof(*c));

	if (!c)
		abort();
	if (n)
		memcpy(c, h, n * sizeof(*c));
	return c;
}

static int
same_hit(const struct td_match_hit *a, const struct td_match_hit *b)
{
	return a->index == b->index && a->cue == b->cue &&
	       a->variant == b->variant && a->edits == b->edits &&
	       a->flags == b->flags && a->key_start == b->key_start &&
	       a->key_end == b->key_end && a->start == b->start &&
	       a->end == b->end;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct td_match_term terms[] = {
		{"IRONWOOD ATELIER", "en", TD_TERM_MARK, 0, 0},
		{"铁木工坊", "zh", TD_TERM_NAME_ZH, 1, 0},
		{"tiemu gongfang", NULL, TD_TERM_PINYIN, 2, 0},
		{"IA-RT", NULL, TD_TERM_MODEL, 3, 0},
	};
	struct td_text t = TD_TEXT_INIT, k = TD_TEXT_INIT;
	struct td_err err = TD_ERR_INIT;
	const struct td_match_hit *hits;
	struct td_match_hit *one[2];
	const char *texts[2];
	size_t n, i, lens[2], none[2], at = 0;

	if (!m) {
		struct td_cue_list cues = TD_CUE_LIST_INIT;

		if (td_cue_list_add_builtin(&cues, "en", &err) ||
		    td_cue_list_add_builtin(&cues, "zh", &err))
			abort();
		m = td_match_new(terms, 4, &cues, 0, &err);
		td_cue_list_release(&cues);
		ms = m ? td_match_scratch_new(m, &err) : NULL;
		ms2 = m ? td_match_scratch_new(m, &err) : NULL;
		if (!ms || !ms2)
			abort();
	}
	if (td_text_normalize(&t, (const char *)data, size, TD_TEXT_WANT_NORM,
			      &err))
		abort();
	for (i = 0; i < t.key_len; i++)
		if (t.key_start[i] > size || t.key_end[i] > size ||
		    t.key_start[i] > t.key_end[i])
			abort();
	if (td_text_normalize(&k, (const char *)data, size, 0, &err) ||
	    k.key_len != t.key_len || k.nbrk != t.nbrk ||
	    memcmp(k.key, t.key, t.key_len) != 0 ||
	    (t.key_len &&
	     (memcmp(k.info, t.info, t.key_len * sizeof(*t.info)) != 0 ||
	      memcmp(k.key_start, t.key_start,
		     t.key_len * sizeof(*t.key_start)) != 0 ||
	      memcmp(k.key_end, t.key_end, t.key_len * sizeof(*t.key_end)) !=
		      0)) ||
	    (t.nbrk && memcmp(k.brk, t.brk, t.nbrk * sizeof(*t.brk)) != 0))
		abort();
	td_text_release(&t);
	td_text_release(&k);
	if (td_match_scan(m, ms, (const char *)data, size, &hits, &n, &err))
		abort();
	for (i = 0; i < n; i++)
		if (hits[i].start > hits[i].end || hits[i].end > size)
			abort();
	texts[0] = (const char *)data;
	lens[0] = size / 2;
	texts[1] = (const char *)data + size / 2;
	lens[1] = size - size / 2;
	for (i = 0; i < 2; i++) {
		if (td_match_scan(m, ms, texts[i], lens[i], &hits, &none[i],
				  &err))
			abort();
		one[i] = copy_hits(hits, none[i]);
	}
	if (td_match_scan_texts(m, ms2, texts, lens, 2, &hits, &n, &err) ||
	    n != none[0] + none[1])
		abort();
	for (i = 0; i < 2; i++) {
		size_t j;

		for (j = 0; j < none[i]; j++, at++)
			if (hits[at].text != i ||
			    !same_hit(&hits[at], &one[i][j]))
				abort();
		free(one[i]);
	}
	return 0;
}
