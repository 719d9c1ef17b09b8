#ifndef TD_NET_H
#define TD_NET_H
/*
 * Seller networks: sellers joined by the evidence they share.
 *
 * Evidence is of two sorts. Identifiers (a phone number, an e-mail, a
 * WeChat, QQ, WhatsApp, Telegram or LINE handle found in listing text, an
 * address, a company name) are normalised into join keys such as
 * "tel:+8613800000000"; sellers holding the same key share it.
 * Similarities (near-identical listing texts, near-identical images,
 * similar shop names) are found pair by pair: texts through shingles,
 * MinHash and LSH banding with an exact Jaccard check; images from pairs
 * the caller gets from the PDQ near-duplicate index; shop names through
 * code point bigrams.
 *
 * Each piece of evidence has a strength; a pair of sellers is linked when
 * the strengths it shares add up to the threshold (each kind capped per
 * pair), so a strong identifier links on its own and weak evidence only
 * links in company. A key held by more sellers than its kind's common_at
 * limit (a marketplace warehouse, a hotline, a placeholder number) is
 * ignored. Linked sellers form networks by union-find; a network's id is
 * its smallest member key, so the same input gives the same ids. The rule
 * and its defaults are in docs/network.md.
 *
 * Ownership: arguments are borrowed for the call. Strings returned by
 * td_net_key() and td_net_network_id() belong to the struct td_net and
 * stay valid until the next td_net_add(), td_net_update() or
 * td_net_free(). Structs filled by the library are freed with their
 * _release function.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/* What a piece of evidence is. */
enum td_net_kind {
	TD_NET_PHONE,     /* a phone number (from the phone field or text) */
	TD_NET_EMAIL,     /* an e-mail address */
	TD_NET_WECHAT,    /* a WeChat id found in listing text */
	TD_NET_QQ,        /* a QQ number */
	TD_NET_WHATSAPP,  /* a WhatsApp number (keyed as a phone) */
	TD_NET_TELEGRAM,  /* a Telegram user name */
	TD_NET_LINE,      /* a LINE id */
	TD_NET_ADDRESS,   /* a postal address */
	TD_NET_COMPANY,   /* a company name */
	TD_NET_SHOP_NAME, /* similar shop names */
	TD_NET_TEXT,      /* near-identical listing text */
	TD_NET_IMAGE,     /* near-identical listing images */
	TD_NET_KIND_COUNT
};

/* "phone", "email", "wechat", "qq", "whatsapp", "telegram", "line",
 * "address", "company", "shop_name", "text", "image". */
const char *td_net_kind_name(enum td_net_kind kind);
/* The kind called name; returns 0 or TD_EINVAL. */
int td_net_kind_parse(const char *name, enum td_net_kind *kind);

#define TD_NET_PDQ_BYTES 32

/* A seller as the caller knows it. Every field but platform and id may be
 * NULL or empty. */
struct td_net_seller {
	const char *platform;  /* "taobao"; no ':' */
	const char *id;        /* the seller's id on the platform */
	const char *country;   /* ISO code for national phone numbers, or
				  NULL for the network's default */
	const char *shop_name; /* the shop's display name */
	const char *phone;     /* one or more numbers, split by , ; / or 、 */
	const char *email;     /* one or more addresses, split likewise */
	const char *address;   /* the shop's or the return address */
	const char *company;   /* the registered business name */
	const char *const *texts; /* listing titles and descriptions */
	size_t n_texts;           /* entries in texts */
	const uint8_t (*images)[TD_NET_PDQ_BYTES]; /* listing image PDQ
						      hashes */
	size_t n_images;                           /* entries in images */
};

/* --- normalisers ---------------------------------------------------------
 * Each appends the normalised form to out (which it does not reset) and
 * returns 0, or TD_EINVAL when raw holds nothing usable as evidence (too
 * short, malformed); out is unchanged then. No message is written: the
 * caller knows which field it passed.
 */

/*
 * A phone number in E.164 form, "+8613800000000". Spaces, dashes, dots
 * and brackets are dropped; "+" or "00" starts an international number
 * (and "011" with country US or CA); a national number gets country's
 * calling code and loses its trunk prefix (a leading 0, or a 1 in North
 * America), so "+86 138 0000 0000", "0086-138-0000-0000" and
 * "138 0000 0000" with country "CN" all give "+8613800000000". Text
 * after the number ("ext 12", "转 3") is ignored. An unknown country
 * leaves a national number as its digits without leading zeros. Fewer
 * than 6 digits after the calling code, or one digit repeated, is
 * TD_EINVAL.
 */
int td_net_phone_norm(const char *raw, const char *country, struct td_buf *out);

/*
 * An e-mail address, lower case, with any "+tag" removed from the local
 * part (sub-addressing: the same mailbox), and for gmail.com and
 * googlemail.com the dots removed and the domain made gmail.com. Not
 * local@domain.tld is TD_EINVAL.
 */
int td_net_email_norm(const char *raw, struct td_buf *out);

/*
 * A postal address: folded (full-width digits and letters to ASCII, case,
 * accents), punctuation to spaces, Chinese numerals to digits, common
 * words abbreviated ("Road" -> "rd", "Building" -> "bldg", "3rd floor",
 * "3/F" -> "3 fl", "层" -> "楼"), country names dropped and spaces next
 * to CJK characters removed. Shorter than 8 characters (4 CJK) is
 * TD_EINVAL.
 */
int td_net_address_norm(const char *raw, struct td_buf *out);

/*
 * A company name without its legal form and generic trade words: "Co.,
 * Ltd.", "Limited", "LLC", "GmbH", "Trading", "Technology", "有限公司",
 * "贸易", "科技", "电子商务", ... are removed from the end (repeatedly),
 * and 省 and 市 everywhere, so "深圳市鑫达贸易有限公司" and "深圳鑫达"
 * agree. Nothing distinctive left (fewer than 2 CJK or 4 other
 * characters) is TD_EINVAL.
 */
int td_net_company_norm(const char *raw, struct td_buf *out);

/*
 * A shop name for comparison: folded, without spaces and punctuation,
 * without shop words ("official store", "flagship", "旗舰店", "专卖店",
 * "店", ...). An empty result is TD_EINVAL.
 */
int td_net_shop_norm(const char *raw, struct td_buf *out);

/*
 * Similarity of two shop names in [0, 1]: the Jaccard index of the code
 * point bigrams of their td_net_shop_norm() forms, so it works for
 * Chinese and Latin names alike. 0 when either normalises to nothing.
 */
double td_net_shop_similarity(const char *a, const char *b);

/* --- places ----------------------------------------------------------------
 */

/* How close a seller is to a partner, best first from the bottom. */
enum td_net_near {
	TD_NET_NEAR_NONE,    /* nothing in common */
	TD_NET_NEAR_COUNTRY, /* the same country only */
	TD_NET_NEAR_CITY,    /* a place of the partner's location is in the
				seller's address */
	TD_NET_NEAR_ADDRESS, /* the same address */
};

/* "none", "country", "city", "address". */
const char *td_net_near_name(enum td_net_near near);

/*
 * Compare a seller's address (free text, may be NULL) and country (ISO
 * code, e.g. where it ships from; may be NULL) with a partner's location
 * ("Houjie, Dongguan, CN", free text) and country (may be NULL; a
 * location ending in a country code gives it): ADDRESS when the
 * normalised addresses contain one another, CITY when a comma-separated
 * part of the location (at least 2 CJK or 4 other characters, not a
 * country code) appears in the address, in its own script or through a
 * short table of Chinese manufacturing towns written in pinyin and in
 * Chinese (Dongguan = 东莞), COUNTRY when only the countries agree.
 * *what (may be NULL) receives what matched (caller frees), or NULL.
 */
enum td_net_near td_net_place_near(const char *address, const char *country,
				   const char *location,
				   const char *partner_country, char **what);

/* --- evidence extraction ------------------------------------------------ */

/* One identifier found in a seller's data. */
struct td_net_ev {
	enum td_net_kind kind; /* what it is */
	char *key;             /* the join key: "tel:+86...", "mail:...",
				  "wechat:...", "qq:...", "tg:...",
				  "line:...", "addr:...", "co:..." */
	char *raw;             /* the text as found, e.g. "微信: abc123" */
};

/* A list of evidence, owned by the caller. */
struct td_net_evs {
	struct td_net_ev *v; /* the entries */
	size_t n;            /* entries used */
	size_t alloc;        /* entries allocated */
};

#define TD_NET_EVS_INIT                                                        \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Free the entries; evs is empty and reusable afterwards. */
void td_net_evs_release(struct td_net_evs *evs);

/*
 * Append the identifiers in seller s to out: its phone, e-mail, address
 * and company fields, and the handles, phone numbers and e-mails in its
 * listing texts (td_net_extract_text). A key already in out is not added
 * again. country is used when s->country is NULL. Fields that hold
 * nothing usable are skipped silently. Returns 0.
 */
int td_net_extract(const struct td_net_seller *s, const char *country,
		   struct td_net_evs *out);

/*
 * Append the contact handles in one listing text to out, in English and
 * Chinese: "微信: abc123", "vx abc123", "V信", "加微", "威信", "QQ
 * 12345678", "扣扣", "whatsapp +86 ...", "wa.me/86...", "telegram",
 * "t.me/...", "LINE ID", "line.me/ti/p/~...", "电话", "手机", "tel",
 * and e-mail addresses. A WeChat id that is a phone number and every
 * WhatsApp number are keyed as phones ("tel:"), so they meet the phone
 * field of another seller; a numeric @qq.com address also gives its QQ
 * number. Returns 0.
 */
int td_net_extract_text(const char *text, const char *country,
			struct td_net_evs *out);

/* --- shingles ------------------------------------------------------------ */

/* A sorted set of 32-bit shingle hashes. */
struct td_net_shingles {
	uint32_t *v;  /* sorted, unique */
	size_t n;     /* elements */
	size_t alloc; /* allocated */
};

#define TD_NET_SHINGLES_INIT                                                   \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void td_net_shingles_release(struct td_net_shingles *s);

/*
 * The shingles of a listing text: the text is folded (as for addresses)
 * and cut into tokens, each CJK character one token and each run of
 * other letters and digits one word token; a shingle is k consecutive
 * tokens, so k = 2 gives character bigrams for Chinese and word bigrams
 * for English. A text with fewer than k tokens gives one shingle of all
 * of them; an empty one none. out is replaced.
 */
void td_net_shingle(const char *text, unsigned k, struct td_net_shingles *out);

/* The Jaccard index |a ∩ b| / |a ∪ b|; 0 when both are empty. */
double td_net_jaccard(const struct td_net_shingles *a,
		      const struct td_net_shingles *b);

/* --- near-identical text index (also for relisting checks) ------------- */

struct td_net_tidx;

/* One text found by a query. */
struct td_net_hit {
	uint32_t id;    /* the number td_net_tidx_add() gave the text */
	double jaccard; /* exact Jaccard index with the query */
};

/* A list of hits, owned by the caller. */
struct td_net_hits {
	struct td_net_hit *v; /* best first, then by id */
	size_t n;             /* entries used */
	size_t alloc;         /* entries allocated */
};

#define TD_NET_HITS_INIT                                                       \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void td_net_hits_release(struct td_net_hits *h);

/*
 * A new index of listing texts: shingles of k tokens, MinHash signatures
 * of bands * rows values (rows at most 64, bands at most 256), and
 * buckets holding more than max_bucket texts skipped as templates (0: no
 * limit). Texts with fewer than min_shingles shingles are numbered but
 * never found. Free with td_net_tidx_free().
 */
struct td_net_tidx *td_net_tidx_new(unsigned k, unsigned bands, unsigned rows,
				    unsigned max_bucket, unsigned min_shingles);
void td_net_tidx_free(struct td_net_tidx *ix);

/* Add a text; returns its number (0, 1, 2, ... in the order added). */
uint32_t td_net_tidx_add(struct td_net_tidx *ix, const char *text);

/*
 * Texts in ix whose Jaccard index with text is at least min_jaccard,
 * among the LSH candidates (so a pair at the threshold is found with
 * high, not certain, probability: docs/network.md gives the curve).
 * out is replaced. Returns 0.
 */
int td_net_tidx_query(struct td_net_tidx *ix, const char *text,
		      double min_jaccard, struct td_net_hits *out);

/* --- networks ------------------------------------------------------------ */

/* The linking rule. td_net_params_default() fills in the defaults. */
struct td_net_params {
	double strength[TD_NET_KIND_COUNT];    /* what one piece of evidence
						  of each kind adds to a pair */
	double cap[TD_NET_KIND_COUNT];         /* the most one kind adds to a
						  pair */
	unsigned common_at[TD_NET_KIND_COUNT]; /* a key held by more sellers
						  is ignored; 0: no limit */
	double threshold;            /* a pair whose total reaches this links */
	double text_min_jaccard;     /* near-identical texts */
	double shop_min_similarity;  /* similar shop names */
	unsigned shingle_k;          /* tokens per shingle */
	unsigned min_shingles;       /* shorter texts are not compared */
	unsigned lsh_bands;          /* LSH bands */
	unsigned lsh_rows;           /* MinHash values per band */
	unsigned lsh_max_bucket;     /* larger buckets are templates */
	unsigned image_max_distance; /* image pairs further apart are
					ignored (PDQ Hamming distance) */
	const char *country; /* default country for national phone numbers
				(td_net_new copies it) */
};

/* The defaults (docs/network.md says why). */
void td_net_params_default(struct td_net_params *p);

struct td_net;

/* A pair of near-identical images from the PDQ index. */
struct td_net_image_pair {
	size_t a;          /* seller index (td_net_add) */
	size_t image_a;    /* which of a's images (in the order added) */
	size_t b;          /* the other seller */
	size_t image_b;    /* which of b's images */
	unsigned distance; /* Hamming distance of the two hashes */
};

/* One piece of evidence on a link. */
struct td_net_link_ev {
	enum td_net_kind kind; /* what it is */
	char *key;             /* the shared key ("tel:+86..."), or for a
				  similarity its measure ("jaccard=0.91",
				  "distance=12", "similarity=0.86") */
	char *raw_a;           /* as found in seller a's data */
	char *raw_b;           /* as found in seller b's data */
	double strength;       /* what it added, after the kind's cap */
};

/* A link between two sellers. */
struct td_net_link {
	char *a;                   /* member key, the smaller */
	char *b;                   /* member key, the larger */
	double strength;           /* the total, at least the threshold */
	struct td_net_link_ev *ev; /* the evidence, strongest first */
	size_t n_ev;               /* entries in ev */
};

/* A network with its members and the links that bind them. */
struct td_net_network {
	char *id;                  /* the smallest member key */
	char **members;            /* member keys "platform:id", sorted */
	size_t n_members;          /* at least 2 */
	struct td_net_link *links; /* sorted by a, then b */
	size_t n_links;            /* at least n_members - 1 */
};

#define TD_NET_NETWORK_INIT                                                    \
	{                                                                      \
		NULL, NULL, 0, NULL, 0                                         \
	}

void td_net_network_release(struct td_net_network *nw);

/* A sorted list of network ids, owned by the caller. */
struct td_net_ids {
	char **v;     /* the ids */
	size_t n;     /* entries used */
	size_t alloc; /* entries allocated */
};

#define TD_NET_IDS_INIT                                                        \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void td_net_ids_release(struct td_net_ids *ids);

/* What one td_net_update() changed. */
struct td_net_changes {
	struct td_net_ids changed; /* networks that are new or whose
				      members changed, by their new id */
	struct td_net_ids gone;    /* ids that no longer name a network
				      (merged into another, or split) */
};

#define TD_NET_CHANGES_INIT                                                    \
	{                                                                      \
		TD_NET_IDS_INIT, TD_NET_IDS_INIT                               \
	}

void td_net_changes_release(struct td_net_changes *c);

/*
 * A new, empty set of sellers with params p (copied; NULL for the
 * defaults). Free with td_net_free().
 */
struct td_net *td_net_new(const struct td_net_params *p);
void td_net_free(struct td_net *net);

/*
 * Add seller s, or more of its data when a seller with the same platform
 * and id is already there (a new scan): new keys, texts and images are
 * added to what it had. *index (may be NULL) receives its index, which
 * never changes. Nothing is linked until td_net_update(). Errors:
 * TD_EINVAL (no platform or id, or a ':' in the platform).
 */
int td_net_add(struct td_net *net, const struct td_net_seller *s, size_t *index,
	       struct td_err *err);

/*
 * Treat key (a join key such as "tel:+86...") as too common to be
 * evidence whatever the count in net: the caller knows of more holders
 * than net holds (a store recomputing one part of its sellers). Links it
 * made already are made again without it at the next update. Returns 0.
 */
int td_net_set_common(struct td_net *net, const char *key);

/*
 * The LSH buckets a listing text (td_net_text_buckets) or a shop name
 * (td_net_shop_buckets) falls in under p's shingles and banding: up to
 * p->lsh_bands numbers (at most 256) written to out, the same for the
 * same input on every run, never shared between a text and a name. Two
 * texts sharing a bucket are the candidates td_net_update compares, so a
 * store can keep the buckets and find candidates with an index. Returns
 * how many were written: 0 for a text with fewer than p->min_shingles
 * shingles or a name too short to compare.
 */
size_t td_net_text_buckets(const struct td_net_params *p, const char *text,
			   int64_t *out);
size_t td_net_shop_buckets(const struct td_net_params *p, const char *name,
			   int64_t *out);

/*
 * Add near-identical image pairs (from the PDQ index). Pairs of the same
 * seller and pairs further apart than image_max_distance are ignored.
 * Errors: TD_EINVAL for a seller or image index out of range (nothing is
 * added then).
 */
int td_net_add_image_pairs(struct td_net *net,
			   const struct td_net_image_pair *pairs, size_t n,
			   struct td_err *err);

/*
 * Every pair of images of different sellers in net within max_distance,
 * by comparing all pairs: for tests and small sets only, the PDQ index
 * does this at scale. *out (caller frees) and *n receive the pairs.
 */
void td_net_image_pairs_naive(const struct td_net *net, unsigned max_distance,
			      struct td_net_image_pair **out, size_t *n);

/*
 * Link what was added since the last update: generate the pairs sharing
 * keys, near-identical texts, similar shop names and image pairs, add up
 * their strengths and join the linked pairs. When a key has just become
 * common the whole structure is rebuilt without it, so the networks
 * never depend on the order sellers came in. changes (may be NULL) is
 * replaced with what changed. Returns 0.
 */
int td_net_update(struct td_net *net, struct td_net_changes *changes,
		  struct td_err *err);

/* Number of sellers. */
size_t td_net_count(const struct td_net *net);
/* The key "platform:id" of seller i (i < td_net_count()). */
const char *td_net_key(const struct td_net *net, size_t i);
/* The index of a seller; returns 0 or TD_ENOTFOUND. */
int td_net_find(const struct td_net *net, const char *platform, const char *id,
		size_t *index);
/*
 * The id of seller i's network as of the last update: its smallest
 * member key; for a seller linked to nobody, its own key.
 */
const char *td_net_network_id(struct td_net *net, size_t i);
/* The number of sellers in seller i's network (1 when alone). */
size_t td_net_network_size(struct td_net *net, size_t i);

/* The ids of all networks of at least two sellers, sorted. out is
 * replaced. Returns 0. */
int td_net_networks(struct td_net *net, struct td_net_ids *out);

/*
 * Network id with its members and links; out is replaced. Errors:
 * TD_ENOTFOUND when id is not the id of a network of two or more.
 */
int td_net_network_get(struct td_net *net, const char *id,
		       struct td_net_network *out, struct td_err *err);

/* Counters for benchmarks and reports. */
struct td_net_stats {
	size_t sellers;        /* sellers added */
	size_t keys;           /* distinct identifier keys */
	size_t common_keys;    /* keys ignored as too common */
	size_t texts;          /* texts indexed */
	size_t pairs;          /* seller pairs sharing any evidence */
	size_t links;          /* pairs at or over the threshold */
	size_t networks;       /* networks of two or more */
	uint64_t text_checks;  /* exact Jaccard checks made */
	uint64_t text_skipped; /* candidates skipped in oversized buckets */
	size_t rebuilds;       /* full rebuilds after a key became common */
};

void td_net_stats(const struct td_net *net, struct td_net_stats *out);

#endif
