/*
 * libFuzzer harness for the normaliser and matcher: any bytes normalise
 * with every key byte mapped back inside the input, and match without
 * a crash; every hit's span lies inside the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/match.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct td_match *m;
static struct td_match_scratch *ms;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct td_match_term terms[] = {
		{"IRONWOOD ATELIER", "en", TD_TERM_MARK, 0, 0},
		{"铁木工坊", "zh", TD_TERM_NAME_ZH, 1, 0},
		{"tiemu gongfang", NULL, TD_TERM_PINYIN, 2, 0},
		{"IA-RT", NULL, TD_TERM_MODEL, 3, 0},
	};
	struct td_text t = TD_TEXT_INIT;
	struct td_err err = TD_ERR_INIT;
	const struct td_match_hit *hits;
	size_t n, i;

	if (!m) {
		struct td_cue_list cues = TD_CUE_LIST_INIT;

		if (td_cue_list_add_builtin(&cues, "en", &err) ||
		    td_cue_list_add_builtin(&cues, "zh", &err))
			abort();
		m = td_match_new(terms, 4, &cues, 0, &err);
		td_cue_list_release(&cues);
		ms = m ? td_match_scratch_new(m, &err) : NULL;
		if (!ms)
			abort();
	}
	if (td_text_normalize(&t, (const char *)data, size, TD_TEXT_WANT_NORM,
			      &err))
		abort();
	for (i = 0; i < t.key_len; i++)
		if (t.key_start[i] > size || t.key_end[i] > size ||
		    t.key_start[i] > t.key_end[i])
			abort();
	td_text_release(&t);
	if (td_match_scan(m, ms, (const char *)data, size, &hits, &n, &err))
		abort();
	for (i = 0; i < n; i++)
		if (hits[i].start > hits[i].end || hits[i].end > size)
			abort();
	return 0;
}
