#ifndef TD_NET_INT_H
#define TD_NET_INT_H
/*
 * State shared by the files of the net module only (net.c,
 * net_extract.c, net_lsh.c): text folding, hashing, two small hash maps
 * and the MinHash/LSH index. Nothing here is part of the public API.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/net.h"

/* --- text folding ------------------------------------------------------- */

/*
 * Fold s[0..n) for matching: Unicode compatibility decomposition (full
 * width to ASCII, circled digits to digits, the ideographic space to a
 * space), case folding and accent stripping, one code point at a time.
 * Invalid UTF-8 bytes are dropped. The result is appended to out. When map
 * is not NULL, *map receives (caller frees) an array of out->len + 1
 * offsets: map[j] is the offset in s of the code point that produced
 * byte j of the appended text, and map[out->len] is n.
 */
void net_fold(const char *s, size_t n, struct td_buf *out, size_t **map);

/* Decode one code point at s[0..n); returns its length (1 for bad bytes,
 * with *cp set to -1). */
size_t net_utf8_next(const char *s, size_t n, int32_t *cp);

/* 1 for a CJK ideograph, kana or Hangul syllable. */
int net_is_cjk(int32_t cp);
/* 1 for a letter, digit or combining mark (what words are made of). */
int net_is_wordch(int32_t cp);

/* --- e-mail (net_norm.c) ------------------------------------------------ */

/* 1 for a character allowed in the local part / the domain of a folded
 * e-mail address. */
int net_email_local_ch(char c);
int net_email_domain_ch(char c);
/* Check folded local@domain s[0..n) and append its normalised form to out;
 * returns 0 or TD_EINVAL. */
int net_email_folded(const char *s, size_t n, struct td_buf *out);

/* --- hashing ------------------------------------------------------------ */

/* 64-bit hash of n bytes (FNV-1a followed by a strong finaliser). */
uint64_t net_hash(const void *p, size_t n, uint64_t seed);
/* The splitmix64 finaliser: a good bijective mixer. */
uint64_t net_mix64(uint64_t x);

/* --- maps --------------------------------------------------------------- */

/* Open-addressing map from a NUL-terminated string to a uint32_t. */
struct net_strmap {
	char **keys;    /* slot keys (owned), NULL when empty */
	uint32_t *vals; /* slot values */
	size_t cap;     /* slots, a power of two */
	size_t n;       /* keys stored */
};

/* Look key up; returns 1 and sets *val when found. */
int net_strmap_get(const struct net_strmap *m, const char *key, uint32_t *val);
/* Insert or replace; the map keeps a copy of key. */
void net_strmap_put(struct net_strmap *m, const char *key, uint32_t val);
void net_strmap_release(struct net_strmap *m);

/* Open-addressing map from a uint64_t (never UINT64_MAX) to a uint32_t. */
struct net_u64map {
	uint64_t *keys; /* slot keys, UINT64_MAX when empty */
	uint32_t *vals; /* slot values */
	size_t cap;     /* slots, a power of two */
	size_t n;       /* keys stored */
};

int net_u64map_get(const struct net_u64map *m, uint64_t key, uint32_t *val);
void net_u64map_put(struct net_u64map *m, uint64_t key, uint32_t val);
void net_u64map_release(struct net_u64map *m);

/* --- shingles, MinHash and LSH banding ---------------------------------- */

/* A sorted set of 32-bit shingle hashes. */
struct net_set {
	uint32_t *v;  /* sorted, unique */
	size_t n;     /* elements */
	size_t alloc; /* allocated */
};

/* Sort and de-duplicate s->v in place. */
void net_set_finish(struct net_set *s);
/* |a ∩ b| / |a ∪ b| of two finished sets; 0 when both are empty. */
double net_set_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
		       size_t nb);

/* Token k-gram shingles of folded text (see td_net_shingle). */
void net_shingle_text(const char *text, unsigned k, struct net_set *out);
/* Code point bigrams of an already normalised name. */
void net_shingle_bigrams(const char *name, struct net_set *out);

/*
 * An LSH index over shingle sets: MinHash signatures of bands * rows
 * values cut into bands; two sets that agree on all rows of one band
 * land in the same bucket and become candidates. Sets are numbered in
 * the order they are added; the index keeps a copy of each set for the
 * exact Jaccard check.
 */
struct net_lsh {
	unsigned bands;      /* bands per signature */
	unsigned rows;       /* MinHash values per band */
	unsigned max_bucket; /* buckets larger than this are skipped */
	uint64_t *mul;       /* bands * rows odd multipliers */
	uint64_t *add;       /* bands * rows addends */
	uint32_t *shingles;  /* every set's elements, one after another */
	size_t n_shingles;   /* elements used */
	size_t alloc_shingles;
	uint64_t *off; /* per set: first element in shingles */
	uint32_t *len; /* per set: element count */
	uint8_t *in;   /* per set: 1 if it is in the buckets */
	size_t n;      /* sets */
	size_t alloc;
	uint32_t *bkey; /* per set and band: the band's hash */
	uint32_t *next; /* per set and band: next entry in the slot */
	size_t alloc_ent;
	uint32_t *slot;   /* head entry per slot, UINT32_MAX if none */
	size_t n_slots;   /* a power of two */
	uint64_t skipped; /* candidates dropped in oversized buckets */
};

void net_lsh_init(struct net_lsh *ix, unsigned bands, unsigned rows,
		  unsigned max_bucket);
void net_lsh_release(struct net_lsh *ix);
/*
 * Add a finished set and return its number. A set with fewer than
 * min_n elements is stored but not put in any bucket.
 */
uint32_t net_lsh_add(struct net_lsh *ix, const struct net_set *s, size_t min_n);
/*
 * Candidates for set id (already added) or, when id is UINT32_MAX, for
 * the set q: the numbers of the sets sharing a bucket with it, sorted,
 * unique, without id itself. Only sets numbered below `below` are
 * returned. out->v is reset first.
 */
void net_lsh_candidates(struct net_lsh *ix, uint32_t id,
			const struct net_set *q, uint32_t below,
			struct net_set *out);
/* The band hashes of finished set s (bands of them) into keys. */
void net_lsh_bands(const struct net_lsh *ix, const struct net_set *s,
		   uint32_t *keys);
/* Exact Jaccard of set id with set q (or with set other). */
double net_lsh_jaccard(const struct net_lsh *ix, uint32_t id, const uint32_t *q,
		       size_t nq);

/* --- the network structure (net.c, net_query.c) ------------------------ */

#define NET_NONE UINT32_MAX
/* Texts or images kept as evidence on one pair, at most. */
#define NET_EXAMPLES 8

/* One identifier key and its holders. */
struct net_keyent {
	char *key;         /* "tel:+86..." */
	uint32_t *holders; /* seller indices, in the order they came */
	char **raws;       /* per holder: the text as found */
	uint8_t *kinds;    /* per holder: the kind it was found as */
	size_t n;          /* holders */
	size_t alloc;      /* allocated */
	size_t done;       /* holders already paired */
	int common;        /* 1: held by too many sellers, ignored */
	int forced;        /* 1: declared common by td_net_set_common */
	int dirty;         /* 1: on the dirty list */
};

/* One piece of evidence on a pair. */
struct net_pev {
	uint8_t kind;     /* enum td_net_kind */
	uint16_t measure; /* Jaccard or similarity x 1000, or distance */
	uint32_t x;       /* key index, or seller a's text or image */
	uint32_t y;       /* seller b's text or image */
};

/* Two sellers that share evidence. */
struct net_pair {
	uint32_t a;         /* seller index, a < b */
	uint32_t b;         /* seller index */
	struct net_pev *ev; /* evidence */
	size_t n_ev;        /* entries in ev */
	size_t alloc;       /* allocated */
	int32_t strength;   /* thousandths, after caps */
	int touched;        /* 1: on the touched list */
};

struct net_seller {
	char *key;                        /* "platform:id" */
	char *country;                    /* for phone numbers, or NULL */
	char *shop;                       /* shop name as given, or NULL */
	uint32_t shop_id;                 /* set number in shop_lsh, or NONE */
	uint8_t (*img)[TD_NET_PDQ_BYTES]; /* image hashes */
	size_t n_img;                     /* entries in img */
	size_t alloc_img;                 /* allocated */
	uint32_t *keys;                   /* key indices it holds */
	size_t n_keys;                    /* entries in keys */
	size_t alloc_keys;                /* allocated */
	uint32_t *pairs;                  /* pair indices it is in */
	size_t n_pairs;                   /* entries in pairs */
	size_t alloc_pairs;               /* allocated */
	uint32_t parent;                  /* union-find parent */
	uint32_t rank;                    /* union-find rank */
	uint32_t next;     /* next member in the network's cycle */
	uint32_t size;     /* members, at a root */
	uint32_t min;      /* member with the smallest key, at a root */
	uint32_t old_id;   /* network id seller at the last update */
	uint32_t old_size; /* network size at the last update */
};

/* A listing text in text_lsh. */
struct net_text {
	uint32_t seller; /* whose */
	char *raw;       /* the start of the text, for showing */
};

struct td_net {
	struct td_net_params p;              /* the rule */
	char *country;                       /* p.country, owned */
	int32_t strength[TD_NET_KIND_COUNT]; /* thousandths */
	int32_t cap[TD_NET_KIND_COUNT];      /* thousandths */
	int32_t threshold;                   /* thousandths */
	struct net_seller *s;                /* sellers */
	size_t n;                            /* sellers */
	size_t alloc;                        /* allocated */
	size_t old_n;                        /* sellers at the last update */
	struct net_strmap seller_ix;         /* key -> seller */
	struct net_keyent *keys;             /* identifier keys */
	size_t n_keys;                       /* keys */
	size_t alloc_keys;                   /* allocated */
	struct net_strmap key_ix;            /* key -> index */
	uint32_t *dirty;                     /* keys with new holders */
	size_t n_dirty;                      /* entries */
	size_t alloc_dirty;                  /* allocated */
	struct net_pair *pairs;              /* pairs sharing evidence */
	size_t n_pairs;                      /* pairs */
	size_t alloc_pairs;                  /* allocated */
	struct net_u64map pair_ix;           /* (a << 32 | b) -> pair */
	uint32_t *touched;                   /* pairs changed in this update */
	size_t n_touched;                    /* entries */
	size_t alloc_touched;                /* allocated */
	struct net_lsh text_lsh;             /* listing texts */
	struct net_text *texts;              /* per text in text_lsh */
	size_t alloc_texts;                  /* allocated */
	uint32_t texts_done;                 /* texts already compared */
	struct net_lsh shop_lsh;             /* shop names */
	uint32_t *shop_seller;               /* per shop set: the seller */
	size_t alloc_shops;                  /* allocated */
	uint32_t shops_done;                 /* shop names already compared */
	struct td_net_image_pair *img;       /* image pairs not yet linked */
	size_t n_img;                        /* entries */
	size_t alloc_img;                    /* allocated */
	int rebuild;                         /* a key became common */
	struct net_set tmp;                  /* scratch */
	struct net_set cand;                 /* scratch */
	uint64_t text_checks;                /* exact Jaccard checks */
	size_t rebuilds;                     /* full rebuilds */
};

/* The root of seller i's network (path halving). */
uint32_t net_uf_find(struct td_net *net, uint32_t i);
/* Append a copy of s to ids. */
void net_ids_push(struct td_net_ids *ids, const char *s);
/* 1 if pair evidence e is an identifier key (not text, image, shop). */
int net_ev_is_key(const struct net_pev *e);

#endif
