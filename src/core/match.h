#ifndef TD_MATCH_H
#define TD_MATCH_H
/*
 * Matching search terms and counterfeit cue words in listing text, in
 * one pass (docs/matching.md).
 *
 * A matcher is built once from an array of terms (marks, aliases,
 * Chinese names, pinyin, model numbers) and a cue list, and then used by
 * any number of threads, each with its own scratch. Every term is folded
 * like the text (td_text_key_string) and compiled with the cue words into
 * one Hyperscan literal database that is run over the key view of the
 * text. A hit is kept when:
 *
 *   - a term whose ends are Latin starts and ends on token boundaries
 *     (CJK terms match anywhere);
 *   - every break inside it is one of the term's own word breaks, a
 *     punctuation or dash break ("gu.cci", "gu-cci"), or white space
 *     next to a single letter ("G U C C I");
 *   - it is not made only of digits while the term has letters ("5010"
 *     is not "solo").
 *
 * Near variants: a word of 5 or more letters (in a mark, alias or pinyin
 * term) also matches a token one edit away, and a word of 9 or more two
 * edits away (omission, insertion, replacement, transposition,
 * repetition, vowel swap). They are found with a symmetric-deletion index
 * (each word's strings with up to k letters deleted, behind a Bloom
 * filter), then checked with the optimal-string-alignment distance.
 * Tokens that are ordinary English words (data/words/en.tsv) are not
 * taken for variants of a term: "couch" is not a typo of "coach". Terms
 * with a distinctiveness below TD_MATCH_NEAR_MIN get no near variants.
 *
 * Cue words whose normal form holds digits or punctuation ("1:1") are
 * matched as written (case-insensitive, full-width forms too) with a
 * second small database over the original text, since folding would
 * lose what makes them cues.
 *
 * Ownership: arguments are borrowed for the call; td_match_new() copies
 * what it keeps, so the term array and cue list may be freed afterwards.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/text.h"

/* What a term is; near variants apply to marks, aliases and pinyin. */
enum td_match_kind {
	TD_TERM_MARK = 0,    /* a word mark as registered */
	TD_TERM_ALIAS = 1,   /* another way to write it */
	TD_TERM_NAME_ZH = 2, /* the Chinese name */
	TD_TERM_PINYIN = 3,  /* the Chinese name in pinyin */
	TD_TERM_MODEL = 4,   /* a model number: exact after folding */
};

/* A search term, as the caller (the portfolio) gives it. */
struct td_match_term {
	const char *text; /* the term as written, UTF-8 */
	const char *lang; /* "en", "zh", ... or NULL; for the caller */
	int kind;         /* enum td_match_kind */
	int64_t id;       /* the caller's id for the term */
	int64_t right;    /* the caller's right (index or id) */
};

/* How a hit differs from the term. */
enum td_match_variant {
	TD_MATCH_EXACT = 0,          /* the term after normalisation */
	TD_MATCH_HOMOGLYPH = 1,      /* look-alike letters, digits, symbols */
	TD_MATCH_JOINED = 2,         /* the term's words run together */
	TD_MATCH_SPLIT = 3,          /* letters split by spaces, dots, ... */
	TD_MATCH_HYPHENATION = 4,    /* letters split by dashes */
	TD_MATCH_OMISSION = 5,       /* a letter left out */
	TD_MATCH_INSERTION = 6,      /* a letter added */
	TD_MATCH_REPETITION = 7,     /* a letter doubled */
	TD_MATCH_REPLACEMENT = 8,    /* a letter replaced */
	TD_MATCH_VOWEL_SWAP = 9,     /* a vowel replaced by a vowel */
	TD_MATCH_TRANSPOSITION = 10, /* two neighbours swapped */
	TD_MATCH_EDITS = 11,         /* two edits of different kinds */
};
#define TD_MATCH_VARIANTS 12

/* Below this distinctiveness a term gets no near variants. */
#define TD_MATCH_NEAR_MIN 0.3

/* One cue word. */
struct td_cue {
	char *word;         /* as written in the list */
	double weight;      /* 0..1; 0 turns a cue off */
	char *category;     /* replica, contact_diversion, grey_market... */
	char *file;         /* the list it came from */
	unsigned long line; /* its line there */
};

/* A list of cue words. Start with TD_CUE_LIST_INIT. */
struct td_cue_list {
	struct td_cue *v; /* the cues */
	size_t n;         /* how many */
	size_t alloc;     /* allocated */
};

#define TD_CUE_LIST_INIT                                                       \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Free the cues; the list is empty and reusable afterwards. */
void td_cue_list_release(struct td_cue_list *l);

/*
 * Add the cues of a TSV text (len bytes) to l: one cue a line as
 * "word<TAB>weight<TAB>category"; '#' starts a comment line; blank lines
 * are skipped. weight is a number from 0 to 1, category is lower-case
 * letters, digits and '_'. A word already in l (after normalisation) is
 * replaced, so a workspace list can re-weight or (weight 0) turn off a
 * built-in cue; a word twice in the same text is an error. file names
 * the text in messages. Returns 0 or TD_EINVAL ("FILE:LINE: field:
 * reason"); on error l keeps the cues added before the bad line.
 */
int td_cue_list_parse(struct td_cue_list *l, const char *file, const char *text,
		      size_t len, struct td_err *err);

/*
 * td_cue_list_parse() on the file at path. Returns 0, TD_ENOTFOUND or
 * TD_EIO when the file cannot be read, or TD_EINVAL.
 */
int td_cue_list_load(struct td_cue_list *l, const char *path,
		     struct td_err *err);

/*
 * Add the built-in list data/cues/LANG.tsv ("en", "zh"). Returns 0,
 * TD_ENOTFOUND for a language without a list, or TD_EINVAL.
 */
int td_cue_list_add_builtin(struct td_cue_list *l, const char *lang,
			    struct td_err *err);

/* A compiled matcher; opaque. */
struct td_match;
/* Per-thread state for td_match_scan(); opaque. */
struct td_match_scratch;

/* Options of td_match_new(). */
enum {
	TD_MATCH_NO_NEAR = 1 << 0, /* exact and folded forms only */
};

/*
 * Build a matcher for terms[0..nterms) and the cues in cues (may be NULL;
 * cues with weight 0 are left out). Returns the matcher (free with
 * td_match_free) or NULL: TD_EINVAL for a term or cue that is empty
 * after normalisation or has an unknown kind ("term 3: ..."), TD_ERROR
 * when Hyperscan fails, or the error of td_text_setup().
 */
struct td_match *td_match_new(const struct td_match_term *terms, size_t nterms,
			      const struct td_cue_list *cues, unsigned flags,
			      struct td_err *err);

/* Free a matcher; NULL is fine. */
void td_match_free(struct td_match *m);

/* The number of terms and of cues the matcher was built with. */
size_t td_match_nterms(const struct td_match *m);
size_t td_match_ncues(const struct td_match *m);

/* The term i as given (text, lang and kind point into m). */
const struct td_match_term *td_match_term(const struct td_match *m, size_t i);

/* The cue i: the copy m keeps (word, weight, category). */
const struct td_cue *td_match_cue(const struct td_match *m, size_t i);

/* The folded key term i is matched by (NUL-terminated, owned by m). */
const char *td_match_term_key(const struct td_match *m, size_t i);

/*
 * How distinctive term i is, from 0 (an ordinary phrase such as "vintage
 * industrial") to 1 (a coined word such as "Ironwood"): one minus the
 * product of its words' commonness in data/words/en.tsv (SCOWL levels),
 * data/words/zh.tsv (jieba counts) for Chinese, and length for model
 * numbers (docs/matching.md gives the table). A scorer should ask for
 * more evidence for a weak term.
 */
double td_match_distinctiveness(const struct td_match *m, size_t i);

/*
 * The ordinary-word weight of one word (any language the lists cover):
 * its commonness from 0 (not in the lists) to 1 (among the most common).
 */
double td_match_word_commonness(const char *word, size_t len);

/*
 * One hit, in the order of the text. Evidence quotes text[start, end) as
 * written; td_text_norm_string() on that span gives it "as normalised".
 */
struct td_match_hit {
	uint32_t index;   /* term index in the array, or cue index */
	uint8_t cue;      /* 1: a cue word (td_match_cue(index)) */
	uint8_t variant;  /* enum td_match_variant */
	uint8_t edits;    /* letters edited: 0, 1 or 2 */
	uint16_t flags;   /* TD_TEXT_K_OBFUSCATION bits in the span */
	size_t key_start; /* span in the key view (td_match_text) */
	size_t key_end;   /* ... end */
	size_t start;     /* span in the original text, bytes */
	size_t end;       /* ... end */
	uint8_t text;     /* td_match_scan_texts(): which text, else 0 */
};

/*
 * Scratch for one thread: Hyperscan scratch, the normalised text and the
 * hits. Returns NULL with TD_ERROR when Hyperscan cannot allocate it.
 * Free with td_match_scratch_free() (NULL is fine).
 */
struct td_match_scratch *td_match_scratch_new(const struct td_match *m,
					      struct td_err *err);
void td_match_scratch_free(struct td_match_scratch *s);

/*
 * Normalise text (len bytes, any bytes) and find every term and cue in
 * it. *hits points to *nhits hits owned by s, valid until its next scan.
 * Returns 0, or an error of td_text_normalize() or TD_ERROR (Hyperscan).
 */
int td_match_scan(const struct td_match *m, struct td_match_scratch *s,
		  const char *text, size_t len,
		  const struct td_match_hit **hits, size_t *nhits,
		  struct td_err *err);

/* Most texts td_match_scan_texts() takes at once. */
#define TD_MATCH_TEXTS 4

/*
 * td_match_scan() over n (at most TD_MATCH_TEXTS) texts of one listing,
 * such as its title and description: the same hits, text after text,
 * each with its text's number in .text, in fewer Hyperscan calls (one
 * for the main database over every text). *hits points to *nhits hits
 * owned by s, valid until its next scan. Returns as td_match_scan().
 */
int td_match_scan_texts(const struct td_match *m, struct td_match_scratch *s,
			const char *const *texts, const size_t *lens, size_t n,
			const struct td_match_hit **hits, size_t *nhits,
			struct td_err *err);

/* The text of the last scan (its key view and maps); after
 * td_match_scan_texts(), its last text. */
const struct td_text *td_match_text(const struct td_match_scratch *s);
/* Text i of the last scan, normalised (td_match_scan: i = 0 only), or
 * NULL past its texts. Valid until the next scan with s. */
const struct td_text *td_match_text_at(const struct td_match_scratch *s,
				       size_t i);

/* "exact", "homoglyph", ..., for a variant; "?" when out of range. */
const char *td_match_variant_name(int variant);

/* "mark", "alias", "name_zh", "pinyin", "model"; NULL when unknown. */
const char *td_match_kind_name(int kind);

/* The kind called name, or -1. */
int td_match_kind_parse(const char *name);

#endif
