#ifndef TD_TEXT_H
#define TD_TEXT_H
/*
 * Normalisation of listing text for matching (docs/matching.md).
 *
 * td_text_normalize() turns a UTF-8 string into two views:
 *
 *   norm  the readable normal form: Unicode NFKC with case folding and
 *         accents removed (utf8proc), full-width forms made ASCII,
 *         Traditional Chinese characters made Simplified (OpenCC's t2s
 *         character table), Cyrillic and Greek look-alike letters made
 *         Latin, zero-width and other ignorable characters removed.
 *         Separators stay where they were. Built only on request.
 *   key   what the matcher scans: the norm form with the look-alike
 *         digits and symbols folded (0 -> o, 1 and i -> l, 3 -> e,
 *         5 -> s, @ -> a and | -> l between letters, $ -> s next to a
 *         letter) and every separator removed, so that "G U C C I",
 *         "g.u.c.c.i", "gu-cci" and "gucci" all give "guccl". Terms are
 *         folded the same way (td_text_key_string), so model numbers
 *         such as "IA-RT-001" still match ("lartool" on both sides).
 *         What the separators were is kept per byte in info[]: where a
 *         token starts, whether white space or only hyphens preceded it.
 *
 * Every byte of both views maps back to the span of the original
 * character it came from, so evidence can quote the listing as written.
 *
 * Invalid UTF-8 never fails: each byte that does not start a valid
 * sequence (overlong forms, surrogates and values past U+10FFFF included)
 * stands for one U+FFFD REPLACEMENT CHARACTER, a separator, and is
 * counted in td_text.invalid. NUL and other control characters are
 * separators too.
 *
 * Normalisation is per character: NFKD + case fold + mark removal, which
 * equals NFKC case folding once marks are gone; Hangul syllables and kana
 * are kept as they are. Text that is plain ASCII takes a table-driven
 * path; OpenCC data is used only for CJK characters, through a table
 * built once per process from the t2s configuration (the BMP ideographs
 * at setup, those of the supplementary planes when one is first seen).
 *
 * Thread safety: td_text_setup() runs once per process (later calls
 * return its first result); after it, any number of threads may
 * normalise, each into its own struct td_text.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/* Bits of td_text.info[], one per key byte. */
enum {
	TD_TEXT_K_LEAD = 1 << 0,      /* first byte of a character */
	TD_TEXT_K_BREAK = 1 << 1,     /* a token starts here */
	TD_TEXT_K_SPACE = 1 << 2,     /* white space precedes this token */
	TD_TEXT_K_HYPHEN = 1 << 3,    /* only dashes precede this token */
	TD_TEXT_K_CJK = 1 << 4,       /* a CJK character, a token of its own */
	TD_TEXT_K_DIGIT = 1 << 5,     /* the character was a digit */
	TD_TEXT_K_LEET = 1 << 6,      /* a digit or symbol read as a letter */
	TD_TEXT_K_HOMOGLYPH = 1 << 7, /* a Cyrillic/Greek look-alike letter */
	TD_TEXT_K_WIDTH = 1 << 8,     /* changed by NFKC (full-width, ...) */
	TD_TEXT_K_TRAD = 1 << 9,      /* Traditional made Simplified */
	TD_TEXT_K_ZW = 1 << 10,       /* zero-width characters came before */
	TD_TEXT_K_MARK = 1 << 11,     /* accents were removed */
	TD_TEXT_K_INVALID = 1 << 12,  /* invalid UTF-8 came before */
};

/* The normalisation flags that tell how a text was obfuscated. */
#define TD_TEXT_K_OBFUSCATION                                                  \
	(TD_TEXT_K_LEET | TD_TEXT_K_HOMOGLYPH | TD_TEXT_K_WIDTH |              \
	 TD_TEXT_K_TRAD | TD_TEXT_K_ZW | TD_TEXT_K_MARK)

/*
 * Readable bytes kept after the end of every key: Hyperscan 5.4's
 * AVX512VBMI Teddy reads up to 32 bytes past the end of the buffer it
 * scans (vectorscan issue #322, fixed there, not in Debian's 5.4.0), so
 * a key that ended just before an unmapped page would crash the scan.
 */
#define TD_TEXT_SLACK 64

/* Options of td_text_normalize(). */
enum {
	TD_TEXT_WANT_NORM = 1 << 0, /* also build the readable norm view */
};

/*
 * A normalised text. Start with TD_TEXT_INIT, normalise any number of
 * strings into it (the arrays are reused, so a scan allocates nothing
 * once they have grown) and free it with td_text_release().
 */
struct td_text {
	char *key;            /* the key view, NUL-terminated, with at least
				 8 bytes allocated from any offset */
	size_t key_len;       /* bytes in key */
	uint16_t *info;       /* per key byte: TD_TEXT_K_* bits */
	uint32_t *key_start;  /* per key byte: original offset of its char */
	uint32_t *key_end;    /* per key byte: original end of its char */
	char *norm;           /* the norm view (TD_TEXT_WANT_NORM), or NULL */
	size_t norm_len;      /* bytes in norm */
	uint32_t *norm_start; /* per norm byte: original offset */
	uint32_t *norm_end;   /* per norm byte: original end */
	size_t invalid;       /* invalid UTF-8 bytes replaced */
	size_t key_alloc;     /* capacity of the key arrays, in bytes */
	size_t norm_alloc;    /* capacity of the norm arrays, in bytes */
	uint32_t *brk;        /* key offsets with TD_TEXT_K_BREAK, in order:
				 where each token starts */
	size_t nbrk;          /* entries in brk */
};

#define TD_TEXT_INIT                                                           \
	{                                                                      \
		NULL, 0, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, \
			0                                                      \
	}

/* The largest text td_text_normalize() takes (offsets are 32 bits). */
#define TD_TEXT_MAX ((size_t)1 << 30)

/*
 * Load the tables: OpenCC's t2s configuration (libopencc-data) and the
 * per-character tables built from utf8proc. Runs once per process and is
 * thread-safe; td_text_normalize() calls it itself. Returns 0, or TD_EIO
 * when OpenCC cannot open t2s.json (the message says which).
 */
int td_text_setup(struct td_err *err);

/* Make t empty (as TD_TEXT_INIT). */
void td_text_init(struct td_text *t);

/* Free the arrays; t is empty and reusable afterwards. Safe twice. */
void td_text_release(struct td_text *t);

/*
 * Normalise s (len bytes, any bytes at all) into t, replacing what t
 * held. flags is 0 or TD_TEXT_WANT_NORM. Returns 0, TD_ETOOBIG when len
 * exceeds TD_TEXT_MAX, or the error of td_text_setup().
 */
int td_text_normalize(struct td_text *t, const char *s, size_t len,
		      unsigned flags, struct td_err *err);

/*
 * The original span [*start, *end) of key bytes [ks, ke) of the last
 * normalised text; ks < ke <= t->key_len.
 */
void td_text_key_span(const struct td_text *t, size_t ks, size_t ke,
		      size_t *start, size_t *end);

/*
 * The norm view of s, appended to out (no map): what evidence shows as
 * "normalised". Returns 0 or an error of td_text_normalize().
 */
int td_text_norm_string(const char *s, size_t len, struct td_buf *out,
			struct td_err *err);

/*
 * td_text_norm_string() with t as the scratch text, so that a caller
 * normalising many short strings (evidence quotes) allocates nothing once
 * t has grown; plain ASCII takes a table lookup per byte. t's views are
 * overwritten. Returns 0 or an error of td_text_normalize().
 */
int td_text_norm_add(struct td_text *t, const char *s, size_t len,
		     struct td_buf *out, struct td_err *err);

/*
 * The key of s, appended to out: how a search term is folded before it
 * is compiled. Returns 0 or an error of td_text_normalize().
 */
int td_text_key_string(const char *s, size_t len, struct td_buf *out,
		       struct td_err *err);

/*
 * The Simplified form of the Han character cp after OpenCC's t2s
 * character table, or cp when it has none (or before td_text_setup()).
 * The first supplementary-plane ideograph builds that part of the table
 * (thread-safe; cp unchanged should OpenCC fail then).
 */
uint32_t td_text_t2s(uint32_t cp);

/* 1 if cp is a CJK ideograph, kana or Hangul syllable. */
int td_text_is_cjk(uint32_t cp);

#endif
