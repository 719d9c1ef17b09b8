#ifndef TD_MATCH_INT_H
#define TD_MATCH_INT_H
/* Shared inside the match module only (match*.c). */
#include <hs/hs.h>
#include <stdint.h>

#include "core/match.h"
#include "core/text.h"

/* A term as the matcher keeps it. */
struct mterm {
	struct td_match_term t; /* as given; text and lang point below */
	char *text;             /* owned copy of the text */
	char *lang;             /* owned copy of the language, or NULL */
	char *key;              /* the folded key */
	size_t key_len;         /* its bytes */
	double dist;            /* distinctiveness, 0..1 */
	uint32_t wpos;          /* its word starts: m->wpos[wpos..+nwords] */
	uint16_t nwords;        /* words (Latin runs, or one CJK run) */
	uint8_t letters;        /* has a letter: an all-digit span is no hit */
	uint8_t budget;         /* edits allowed over the whole term */
	uint8_t *plain;         /* per key byte: see struct target */
};

/* What a literal of the main database stands for. */
struct target {
	uint32_t index;       /* term or cue index */
	uint8_t cue;          /* 1 for a cue */
	uint8_t need_start;   /* starts with a Latin char: needs a boundary */
	uint8_t need_end;     /* ends with a Latin char: needs a boundary */
	uint8_t letters;      /* see struct mterm */
	uint32_t wpos;        /* word starts in m->wpos */
	uint16_t nwords;      /* number of words */
	const uint8_t *plain; /* per key byte: the ASCII char it was
			       * written as (lower case), or 0 */
};

/* A literal of the main database: the key of one or more targets. */
struct lit {
	uint32_t len;     /* bytes */
	uint32_t target;  /* first target in m->targets */
	uint32_t ntarget; /* how many */
};

/* A cue matched as written, in the second database. */
struct strict_lit {
	uint32_t cue;        /* cue index */
	uint32_t len;        /* bytes of this form */
	uint8_t alnum_start; /* the cue starts with an ASCII letter/digit */
	uint8_t alnum_end;   /* the cue ends with one */
};

/* A word of a term that has near variants. */
struct near_word {
	uint32_t term; /* term index */
	uint16_t word; /* which word of the term */
	uint8_t k;     /* edits allowed in this word */
	uint8_t len;   /* bytes */
	const char *s; /* its key bytes (inside the term's key) */
};

/* The symmetric-deletion index of the near words. */
struct near_index {
	uint64_t *bloom;         /* blocked Bloom filter of deletion hashes */
	uint64_t bloom_mask;     /* words in bloom - 1 */
	uint64_t *keys;          /* hash table: deletion hash, 0 = empty */
	uint32_t *start;         /* ... its first posting */
	uint32_t *count;         /* ... its postings */
	uint64_t tab_mask;       /* slots - 1 */
	uint32_t *post;          /* postings: near word ids */
	struct near_word *words; /* the words */
	size_t nwords;           /* how many */
	int minlen;              /* shortest word */
	int maxlen;              /* longest word */
	int has_k2;              /* some word takes two edits */
};

struct td_match {
	struct mterm *terms;      /* the terms */
	size_t nterms;            /* how many */
	struct td_cue *cues;      /* copies of the cues in use */
	char **cue_keys;          /* their folded keys */
	uint8_t **cue_plain;      /* per key byte: see struct target */
	size_t ncues;             /* how many */
	uint32_t *wpos;           /* word starts of terms and cues */
	size_t nwpos, awpos;      /* used, allocated */
	struct lit *lits;         /* main literals, by Hyperscan id */
	size_t nlits;             /* how many */
	struct target *targets;   /* their targets */
	size_t ntargets;          /* how many */
	hs_database_t *db;        /* main database (key view), or NULL */
	struct strict_lit *slits; /* strict cue forms, by id */
	size_t nslits;            /* how many */
	hs_database_t *sdb;       /* strict database (original), or NULL */
	uint8_t sneed[8];         /* every strict form holds one of these */
	int nsneed;               /* how many; 0: no such set, always scan */
	struct near_index near;   /* near variants */
	unsigned flags;           /* TD_MATCH_* options */
};

/* A raw match of the main database. */
struct cand {
	uint32_t lit; /* literal id */
	uint32_t end; /* end offset in the key */
};

/* A token of the key view, for near variants. */
struct token {
	uint32_t start; /* key offset */
	uint32_t end;   /* key end */
	uint8_t ascii;  /* only ASCII bytes */
};

struct td_match_scratch {
	hs_scratch_t *hs;          /* Hyperscan scratch for both databases */
	struct td_text text;       /* the normalised text */
	struct cand *cands;        /* raw matches of the main database */
	size_t ncands, acands;     /* used, allocated */
	struct td_match_hit *hits; /* the result */
	size_t nhits, ahits;       /* used, allocated */
	struct token *toks;        /* logical tokens */
	size_t ntoks, atoks;       /* used, allocated */
	uint64_t *quiet;           /* tokens known to have no near word, then
				    * tokens known to be ordinary words */
	struct td_text texts[TD_MATCH_TEXTS]; /* td_match_scan_texts(): the
					       * texts, normalised (the last
					       * one swapped into text) */
	size_t ntexts;                        /* texts of the last scan */
	char *keys;                           /* ... their keys in one buffer */
	size_t akeys;                         /* allocated */
	struct cand *mc;          /* ... raw matches over all the keys */
	size_t nmc, amc;          /* used, allocated */
	struct td_match_hit *out; /* ... the hits of every text */
	size_t nout, aout;        /* used, allocated */
	char *pad;                /* the text copied with TD_TEXT_SLACK
				     bytes after it, for the strict
				     database */
	size_t apad;              /* allocated */
	const char *orig;         /* the text being scanned */
	size_t orig_len;          /* its length */
	int overflow;             /* too many raw matches: the rest dropped */
};

/* Slots in the cache of quiet tokens (a power of two). */
#define MATCH_QUIET_SLOTS 8192

/* Most raw matches kept per scan; more are ignored. */
#define MATCH_MAX_CANDS 65536

/* 64-bit polynomial string hash (mod 2^64) and its finaliser. */
#define NEAR_B 0x100000001b3ULL
static inline uint64_t
near_fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static inline uint64_t
near_hash(const char *s, size_t n)
{
	uint64_t h = 0;
	size_t i;

	for (i = 0; i < n; i++)
		h = h * NEAR_B + (unsigned char)s[i];
	return h;
}

/* match_near.c */
int near_build(struct td_match *m, struct td_err *err);
void near_free(struct near_index *ix);
void near_scan(const struct td_match *m, struct td_match_scratch *s);
void hit_add(struct td_match_scratch *s, const struct td_match_hit *h);

/* match_words.c: the ordinary-word lists. */
int words_setup(struct td_err *err);
/* SCOWL level of a plain lower-case word (10..60), or 0 when absent. */
int words_en_level(const char *key, size_t len);
/* jieba count of a Simplified word, or 0. */
uint32_t words_zh_count(const char *s, size_t len);
/* Distinctiveness of term t, normalised (both views) in n. */
double words_distinctiveness(const struct mterm *t, const struct td_text *n);

#endif
