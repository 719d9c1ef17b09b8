/*
 * After a scan: the stored networks, refreshed incrementally batch by
 * batch, are the networks of all the stored sellers computed at once;
 * removals and relistings.
 */
#include "unit.h"

#include "core/blob.h"
#include "core/monitor.h"
#include "core/net.h"
#include "core/phash.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "store/store_int.h"

static unsigned seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

static struct td_store *
open_store(char **dir)
{
	struct td_err err = TD_ERR_INIT;
	struct td_store *st = NULL;
	char uri[4300];

	*dir = unit_tmpdir();
	snprintf(uri, sizeof(uri), "sqlite:%s/t.db", *dir);
	assert_int_equal(td_store_open(uri, TD_STORE_CREATE, &st, &err), 0);
	assert_int_equal(td_store_migrate(st, 0, &err), 0);
	return st;
}

static const char *const words[] = {
	"实木", "会议桌", "铆钉", "钢腿",   "橡木", "定制", "包邮",   "现货",
	"工厂", "直销",   "复古", "工业风", "餐桌", "书桌", "茶几",   "吧台",
	"长桌", "办公",   "家用", "北欧",   "简约", "大板", "胡桃木", "黑胡桃",
	"铁艺", "loft",   "美式", "加厚",   "桌面", "圆角", "环保",   "免漆",
};

/* A listing of the synthetic market. */
struct item {
	char id[16];
	int seller;
	char title[256];
	char desc[256];
	char pdq[2][65];
	int nphotos;
};

#define NSELLERS 90
#define NITEMS   220

static char phones[NSELLERS][32];
static char addrs[NSELLERS][64];
static struct item items[NITEMS];
static char templates[12][256];
static char photo_base[14][65];

static void
random_title(char *out, size_t n)
{
	size_t i, k = 6 + rnd(4);

	out[0] = 0;
	for (i = 0; i < k; i++) {
		strncat(out, words[rnd(TD_ARRAY_LEN(words))],
			n - strlen(out) - 2);
		strncat(out, " ", n - strlen(out) - 1);
	}
}

static void
flip_bits(const char *hex, int bits, char *out)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	memcpy(out, hex, 65);
	for (i = 0; i < bits; i++) {
		int pos = (int)rnd(64), v;

		v = out[pos] >= 'a' ? out[pos] - 'a' + 10 : out[pos] - '0';
		v ^= 1 << rnd(4);
		out[pos] = digits[v];
	}
}

static void
make_market(void)
{
	static const char digits[] = "0123456789abcdef";
	size_t i, k;

	for (i = 0; i < TD_ARRAY_LEN(templates); i++)
		random_title(templates[i], sizeof(templates[i]));
	for (i = 0; i < TD_ARRAY_LEN(photo_base); i++) {
		for (k = 0; k < 64; k++)
			photo_base[i][k] = digits[rnd(16)];
		photo_base[i][64] = 0;
	}
	for (i = 0; i < NSELLERS; i++) {
		phones[i][0] = addrs[i][0] = 0;
		/* a pool of 25 numbers: some shared by many (one by more
		 * than the common limit of 12 used below) */
		if (rnd(10) < 6)
			snprintf(phones[i], sizeof(phones[i]),
				 "+86 138 %04u %04u",
				 i % 3 == 0 ? 1111u : 2000u + rnd(24), 5678u);
		if (rnd(10) < 3)
			snprintf(addrs[i], sizeof(addrs[i]),
				 "广东省东莞市厚街镇家具大道%u号", 10 + rnd(6));
	}
	for (i = 0; i < NITEMS; i++) {
		struct item *it = &items[i];

		snprintf(it->id, sizeof(it->id), "L%zu", i);
		it->seller = (int)(i < NSELLERS ? i : rnd(NSELLERS));
		if (rnd(3) == 0) {
			/* a near copy of a template title */
			snprintf(it->title, sizeof(it->title), "%s%s",
				 templates[rnd(TD_ARRAY_LEN(templates))],
				 words[rnd(TD_ARRAY_LEN(words))]);
		} else {
			random_title(it->title, sizeof(it->title));
		}
		it->desc[0] = 0;
		if (rnd(6) == 0)
			snprintf(it->desc, sizeof(it->desc),
				 "有问题加微信: wx_shop%u 详聊", rnd(8));
		it->nphotos = (int)rnd(3);
		for (k = 0; k < (size_t)it->nphotos; k++)
			flip_bits(photo_base[rnd(TD_ARRAY_LEN(photo_base))],
				  (int)rnd(12), it->pdq[k]);
	}
}

static void
put_item(struct td_store *st, int64_t scan, const struct item *it,
	 const char *now)
{
	struct td_err err = TD_ERR_INIT;
	struct td_listing l;
	struct td_listing_photo ph[2];
	char key[32], hex[TD_SHA256_HEX], buf[1024];
	const char *ships[] = {"CN"};
	int64_t id;
	int state, k;

	memset(&l, 0, sizeof(l));
	snprintf(key, sizeof(key), "s%d", it->seller);
	l.platform = it->seller % 3 == 1 ? "jd" : "taobao";
	l.id = it->id;
	l.title = it->title;
	l.title_len = strlen(it->title);
	l.description = it->desc[0] ? it->desc : NULL;
	l.description_len = strlen(it->desc);
	l.seller.id = key;
	l.seller.name = NULL;
	l.seller.phone = phones[it->seller][0] ? phones[it->seller] : NULL;
	l.seller.address = addrs[it->seller][0] ? addrs[it->seller] : NULL;
	memcpy(l.ship_from, "CN", 3);
	l.ships_to = ships;
	l.nships_to = 1;
	l.sales = -1;
	snprintf(buf, sizeof(buf), "%s|%s|%s|%s|%s", it->title, it->desc,
		 it->nphotos > 0 ? it->pdq[0] : "",
		 it->nphotos > 1 ? it->pdq[1] : "", phones[it->seller]);
	td_sha256_mem(buf, strlen(buf), hex);
	assert_int_equal(td_store_listing_put(st, scan, "feed", &l, hex, now,
					      &id, &state, &err),
			 0);
	for (k = 0; k < it->nphotos; k++) {
		ph[k].path = NULL;
		memcpy(ph[k].pdq, it->pdq[k], 65);
		ph[k].quality = 90;
		ph[k].official = 0;
	}
	assert_int_equal(td_store_listing_photos_put(st, id, ph,
						     (size_t)it->nphotos, &err),
			 0);
}

static void
refresh(struct td_store *st, const struct td_net_params *p, const char *now)
{
	struct td_monitor_stats s = TD_MONITOR_STATS_INIT;
	struct td_err err = TD_ERR_INIT;

	assert_int_equal(td_store_begin(st, &err), 0);
	if (td_monitor_networks(st, p, now, &s, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(td_store_commit(st, &err), 0);
	td_monitor_stats_release(&s);
}

static void
batch(struct td_store *st, size_t from, size_t to, const char *now)
{
	struct td_err err = TD_ERR_INIT;
	int64_t scan;
	size_t i;

	assert_int_equal(td_store_begin(st, &err), 0);
	assert_int_equal(
		td_store_scan_begin(st, "feed", NULL, now, &scan, &err), 0);
	for (i = from; i < to; i++)
		put_item(st, scan, &items[i], now);
	assert_int_equal(td_store_commit(st, &err), 0);
}

static int
hexval(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

/* The networks of all stored sellers at once, from td_net directly. */
static struct td_net *
full(struct td_store *st, const struct td_net_params *p, int64_t **ids,
     size_t *n)
{
	struct td_err err = TD_ERR_INIT;
	struct td_net *net = td_net_new(p);
	struct td_net_image_pair *pairs = NULL;
	struct td_stmt *s;
	size_t npairs = 0, i, alloc = 0;

	*ids = NULL;
	*n = 0;
	assert_int_equal(td_sql_query(st, &s, &err,
				      "SELECT id FROM sellers ORDER BY id",
				      NULL),
			 0);
	while (td_sql_step(st, s, &err) > 0) {
		TD_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = td_sql_int(st, s, 0);
	}
	td_sql_done(st, s);
	for (i = 0; i < *n; i++) {
		struct td_seller_data d;
		struct td_net_seller in;
		const char *texts[2 * NITEMS];
		uint8_t img[2 * NITEMS][TD_NET_PDQ_BYTES];
		size_t nt = 0, ni = 0, k, j, idx;

		assert_int_equal(td_store_seller_data(st, (*ids)[i], &d, &err),
				 0);
		for (k = 0; k < d.ntexts; k++) {
			const char *t[2] = {d.texts[k].title,
					    d.texts[k].description};

			for (j = 0; j < 2; j++) {
				size_t q;

				if (!t[j] || !*t[j])
					continue;
				for (q = 0; q < nt; q++)
					if (strcmp(texts[q], t[j]) == 0)
						break;
				if (q == nt)
					texts[nt++] = t[j];
			}
		}
		for (k = 0; k < d.nphotos; k++) {
			size_t q;

			for (q = 0; q < k; q++)
				if (strcmp(d.photos[q].pdq, d.photos[k].pdq) ==
				    0)
					break;
			if (q < k)
				continue;
			for (j = 0; j < TD_NET_PDQ_BYTES; j++)
				img[ni][j] =
					(uint8_t)(hexval(d.photos[k].pdq[2 * j])
							  << 4 |
						  hexval(d.photos[k].pdq[2 * j +
									 1]));
			ni++;
		}
		memset(&in, 0, sizeof(in));
		in.platform = d.platform;
		in.id = d.seller_key;
		in.country = d.country;
		in.shop_name = d.name;
		in.phone = d.phone;
		in.email = d.email;
		in.address = d.address;
		in.company = d.company;
		in.texts = texts;
		in.n_texts = nt;
		in.images = (const uint8_t(*)[TD_NET_PDQ_BYTES])img;
		in.n_images = ni;
		assert_int_equal(td_net_add(net, &in, &idx, &err), 0);
		assert_int_equal(idx, i);
		td_seller_data_release(&d);
	}
	td_net_image_pairs_naive(net, p->image_max_distance, &pairs, &npairs);
	assert_int_equal(td_net_add_image_pairs(net, pairs, npairs, &err), 0);
	free(pairs);
	assert_int_equal(td_net_update(net, NULL, &err), 0);
	return net;
}

static char *
stored_network(struct td_store *st, int64_t id)
{
	struct td_err err = TD_ERR_INIT;

	return td_store_seller_network(st, id, &err);
}

/* The stored partition of sellers into networks equals the one computed
 * from scratch. */
static void
same_networks(struct td_store *st, const struct td_net_params *p)
{
	int64_t *ids;
	size_t n, i, j, nets = 0;
	struct td_net *net = full(st, p, &ids, &n);
	char **stored = calloc(n, sizeof(*stored));

	for (i = 0; i < n; i++) {
		stored[i] = stored_network(st, ids[i]);
		if (stored[i] && strcmp(stored[i], td_net_network_id(net, i)))
			fail_msg("seller %lld: stored network %s, computed %s",
				 (long long)ids[i], stored[i],
				 td_net_network_id(net, i));
		if (!stored[i] && td_net_network_size(net, i) > 1)
			fail_msg("seller %lld: no stored network, computed %s",
				 (long long)ids[i], td_net_network_id(net, i));
		nets += stored[i] && strcmp(stored[i], td_net_key(net, i)) == 0;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int a = stored[i] && stored[j] &&
				strcmp(stored[i], stored[j]) == 0;
			int b = strcmp(td_net_network_id(net, i),
				       td_net_network_id(net, j)) == 0;

			assert_int_equal(a, b);
		}
	/* the synthetic market has networks, and not only one */
	assert_true(nets >= 3);
	for (i = 0; i < n; i++)
		free(stored[i]);
	free(stored);
	free(ids);
	td_net_free(net);
}

static void
test_monitor__incremental_networks_equal_a_full_computation(void **state)
{
	struct td_net_params p;
	char *dir;
	struct td_store *st = open_store(&dir);
	size_t i;

	(void)state;
	td_net_params_default(&p);
	p.common_at[TD_NET_PHONE] = 12; /* +86 138 1111 5678 is common */
	make_market();
	batch(st, 0, 60, "2026-11-20T10:00:00Z");
	refresh(st, &p, "2026-11-20T10:00:00Z");
	same_networks(st, &p);
	batch(st, 60, 140, "2026-11-21T10:00:00Z");
	refresh(st, &p, "2026-11-21T10:00:00Z");
	same_networks(st, &p);
	/* sellers change their numbers and texts: links must go too */
	for (i = 0; i < 25; i++) {
		struct item *it = &items[rnd(140)];

		/* some take up the common number, which must stay no
		 * evidence though few of its holders are relinked now */
		if (rnd(3) == 0)
			snprintf(phones[it->seller], sizeof(phones[it->seller]),
				 "+86 138 1111 5678");
		else if (rnd(2))
			snprintf(phones[it->seller], sizeof(phones[it->seller]),
				 "+86 138 %04u 5678", 3000u + rnd(5));
		else
			phones[it->seller][0] = 0;
		random_title(it->title, sizeof(it->title));
		it->desc[0] = 0;
	}
	batch(st, 0, 140, "2026-11-22T10:00:00Z");
	refresh(st, &p, "2026-11-22T10:00:00Z");
	same_networks(st, &p);
	batch(st, 140, NITEMS, "2026-11-23T10:00:00Z");
	refresh(st, &p, "2026-11-23T10:00:00Z");
	same_networks(st, &p);
	td_store_close(st);
	unit_rmdir(dir);
}

/* A number held by more sellers than the limit links nobody, even when
 * only two of its holders are relinked. */
static void
test_monitor__common_key_stays_common_in_a_small_region(void **state)
{
	struct td_net_params p;
	char *dir;
	struct td_store *st = open_store(&dir);
	size_t i;

	(void)state;
	td_net_params_default(&p);
	p.common_at[TD_NET_PHONE] = 12;
	for (i = 0; i < 16; i++) {
		struct item *it = &items[i];

		memset(it, 0, sizeof(*it));
		snprintf(it->id, sizeof(it->id), "C%zu", i);
		it->seller = (int)i;
		snprintf(it->title, sizeof(it->title),
			 "商品 %zu 号 独特标题 %zu", i, i * 7919);
		snprintf(phones[i], sizeof(phones[i]), "+86 138 9999 0000");
		addrs[i][0] = 0;
	}
	batch(st, 0, 14, "2026-11-20T10:00:00Z");
	refresh(st, &p, "2026-11-20T10:00:00Z");
	batch(st, 14, 16, "2026-11-21T10:00:00Z");
	refresh(st, &p, "2026-11-21T10:00:00Z");
	assert_null(stored_network(st, 15));
	assert_null(stored_network(st, 16));
	/* and the same held by few is evidence */
	p.common_at[TD_NET_PHONE] = 200;
	td_store_close(st);
	unit_rmdir(dir);
	st = open_store(&dir);
	batch(st, 0, 14, "2026-11-20T10:00:00Z");
	refresh(st, &p, "2026-11-20T10:00:00Z");
	batch(st, 14, 16, "2026-11-21T10:00:00Z");
	refresh(st, &p, "2026-11-21T10:00:00Z");
	{
		char *a = stored_network(st, 15), *b = stored_network(st, 1);

		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	td_store_close(st);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_monitor__incremental_networks_equal_a_full_computation),
		cmocka_unit_test(
			test_monitor__common_key_stays_common_in_a_small_region),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
