/* Seller networks: evidence, shingles, linking and union-find. */
#include "unit.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/net.h"

/* --- table cases: tests/cases/net.tsv ----------------------------------- */

static char *
field(char **p)
{
	char *s = *p, *t = strchr(s, '\t');

	if (t) {
		*t = '\0';
		*p = t + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

static void
check_row(const char *what, const char *country, const char *in,
	  const char *want, unsigned long line)
{
	struct td_buf b = TD_BUF_INIT;
	int rc = 0;
	const char *cc = strcmp(country, "-") == 0 ? NULL : country;

	if (strcmp(what, "text") == 0) {
		struct td_net_evs e = TD_NET_EVS_INIT;
		size_t i;

		td_net_extract_text(in, cc, &e);
		for (i = 0; i < e.n; i++)
			td_buf_addf(&b, "%s%s", i ? " " : "", e.v[i].key);
		if (e.n == 0)
			td_buf_addstr(&b, "-");
		td_net_evs_release(&e);
	} else {
		if (strcmp(what, "phone") == 0)
			rc = td_net_phone_norm(in, cc, &b);
		else if (strcmp(what, "email") == 0)
			rc = td_net_email_norm(in, &b);
		else if (strcmp(what, "address") == 0)
			rc = td_net_address_norm(in, &b);
		else if (strcmp(what, "company") == 0)
			rc = td_net_company_norm(in, &b);
		else if (strcmp(what, "shop") == 0)
			rc = td_net_shop_norm(in, &b);
		else
			fail_msg("net.tsv:%lu: unknown kind %s", line, what);
		if (rc < 0) {
			assert_int_equal(rc, TD_EINVAL);
			assert_string_equal(b.data, "");
			td_buf_addstr(&b, "!");
		}
	}
	if (strcmp(b.data, want) != 0)
		fail_msg("net.tsv:%lu: %s(%s) = \"%s\", want \"%s\"", line,
			 what, in, b.data, want);
	td_buf_release(&b);
}

static void
test_net__table_cases(void **state)
{
	FILE *f = fopen("tests/cases/net.tsv", "r");
	char line[2048];
	unsigned long no = 0, rows = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *what, *country, *in, *want;

		no++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		what = field(&p);
		country = field(&p);
		in = field(&p);
		want = field(&p);
		check_row(what, country, in, want, no);
		rows++;
	}
	fclose(f);
	assert_true(rows >= 50);
}

/* --- helpers ------------------------------------------------------------ */

static struct td_net_seller
seller(const char *platform, const char *id)
{
	struct td_net_seller s;

	memset(&s, 0, sizeof(s));
	s.platform = platform;
	s.id = id;
	return s;
}

static size_t
add(struct td_net *net, const struct td_net_seller *s)
{
	struct td_err err = TD_ERR_INIT;
	size_t i = 0;

	assert_int_equal(td_net_add(net, s, &i, &err), 0);
	return i;
}

static void
update(struct td_net *net, struct td_net_changes *ch)
{
	struct td_err err = TD_ERR_INIT;

	assert_int_equal(td_net_update(net, ch, &err), 0);
}

static const char *
netid(struct td_net *net, const char *platform, const char *id)
{
	size_t i;

	assert_int_equal(td_net_find(net, platform, id, &i), 0);
	return td_net_network_id(net, i);
}

static int
same_net(struct td_net *net, const char *a, const char *b)
{
	return strcmp(netid(net, "taobao", a), netid(net, "taobao", b)) == 0;
}

/* --- the cases --------------------------------------------------- */

static void
test_net__twelve_sellers_one_phone(void **state)
{
	static const char *const phones[12] = {
		"+86 138 0000 0000",  "13800000000",
		"0086-138-0000-0000", "(+86)138-0000-0000",
		"86 138 0000 0000",   "+86.138.0000.0000",
		"138 0000 0000",      "１３８００００００００",
		"Tel: 138-0000-0000", "+86 (0)138 0000 0000",
		"8613800000000",      "138-0000-0000 转 8",
	};
	struct td_net *net = td_net_new(NULL);
	struct td_net_changes ch = TD_NET_CHANGES_INIT;
	struct td_net_network nw = TD_NET_NETWORK_INIT;
	struct td_net_ids ids = TD_NET_IDS_INIT;
	struct td_err err = TD_ERR_INIT;
	char id[16];
	size_t i, j;

	(void)state;
	for (i = 0; i < 12; i++) {
		struct td_net_seller s;

		snprintf(id, sizeof(id), "s%02zu", 11 - i);
		s = seller("taobao", id);
		s.phone = phones[i];
		add(net, &s);
	}
	update(net, &ch);
	assert_int_equal(ch.changed.n, 1);
	assert_string_equal(ch.changed.v[0], "taobao:s00");
	assert_int_equal(ch.gone.n, 0);
	assert_int_equal(td_net_networks(net, &ids), 0);
	assert_int_equal(ids.n, 1);
	for (i = 0; i < 12; i++) {
		assert_string_equal(td_net_network_id(net, i), "taobao:s00");
		assert_int_equal(td_net_network_size(net, i), 12);
	}
	assert_int_equal(td_net_network_get(net, "taobao:s00", &nw, &err), 0);
	assert_int_equal(nw.n_members, 12);
	assert_string_equal(nw.members[0], "taobao:s00");
	assert_string_equal(nw.members[11], "taobao:s11");
	assert_true(nw.n_links >= 11);
	/* every link is the phone, with each side's own spelling */
	for (i = 0; i < nw.n_links; i++) {
		const struct td_net_link *l = &nw.links[i];

		assert_true(strcmp(l->a, l->b) < 0);
		assert_true(l->strength >= 1.0);
		assert_int_equal(l->n_ev, 1);
		assert_int_equal(l->ev[0].kind, TD_NET_PHONE);
		assert_string_equal(l->ev[0].key, "tel:+8613800000000");
		for (j = 0; j < 12; j++)
			if (strcmp(l->ev[0].raw_a, phones[j]) == 0)
				break;
		assert_true(j < 12);
	}
	/* s11 wrote it first and s00 last */
	for (i = 0; i < nw.n_links; i++)
		if (strcmp(nw.links[i].a, "taobao:s00") == 0)
			assert_string_equal(nw.links[i].ev[0].raw_a,
					    "138-0000-0000 转 8");
	assert_int_equal(td_net_network_get(net, "taobao:s05", &nw, &err),
			 TD_ENOTFOUND);
	td_net_network_release(&nw);
	td_net_ids_release(&ids);
	td_net_changes_release(&ch);
	td_net_free(net);
}

static void
test_net__unrelated_sellers_stay_apart(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_ids ids = TD_NET_IDS_INIT;
	struct td_net_seller a = seller("taobao", "a"),
			     b = seller("taobao", "b");
	struct td_net_seller c = seller("taobao", "c");
	const char *ta[] = {"北欧实木餐桌 现代简约 家用小户型 长方形 饭桌"};
	const char *tb[] = {
		"Industrial metal bar stool with backrest, set of 2"};

	(void)state;
	a.phone = "+86 138 0000 0000";
	a.email = "a@example.com";
	a.shop_name = "鑫达家具旗舰店";
	a.company = "深圳市鑫达贸易有限公司";
	a.texts = ta;
	a.n_texts = 1;
	b.phone = "+86 139 1111 2222";
	b.email = "b@example.com";
	b.shop_name = "Modern Lamps Store";
	b.company = "Ningbo Bright Lighting Co., Ltd.";
	b.texts = tb;
	b.n_texts = 1;
	c.phone = "138 0000 0001"; /* one digit off */
	c.email = "a@example.org";
	add(net, &a);
	add(net, &b);
	add(net, &c);
	update(net, NULL);
	assert_false(same_net(net, "a", "b"));
	assert_false(same_net(net, "a", "c"));
	assert_false(same_net(net, "b", "c"));
	assert_string_equal(netid(net, "taobao", "c"), "taobao:c");
	assert_int_equal(td_net_network_size(net, 2), 1);
	assert_int_equal(td_net_networks(net, &ids), 0);
	assert_int_equal(ids.n, 0);
	td_net_ids_release(&ids);
	td_net_free(net);
}

static void
test_net__chain_phone_then_email_joins_ends(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_network nw = TD_NET_NETWORK_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_net_seller a = seller("taobao", "a"), b = seller("1688", "b");
	struct td_net_seller c = seller("aliexpress", "c");

	(void)state;
	a.phone = "138 0000 0000";
	b.phone = "+86-138-0000-0000";
	b.email = "Sales.Team@gmail.com";
	c.email = "salesteam+ali@GMAIL.com";
	add(net, &a);
	add(net, &b);
	add(net, &c);
	update(net, NULL);
	assert_string_equal(td_net_network_id(net, 0), "1688:b");
	assert_string_equal(td_net_network_id(net, 2), "1688:b");
	assert_int_equal(td_net_network_get(net, "1688:b", &nw, &err), 0);
	assert_int_equal(nw.n_members, 3);
	assert_int_equal(nw.n_links, 2);
	/* 1688:b-aliexpress:c by e-mail, 1688:b-taobao:a by phone */
	assert_string_equal(nw.links[0].a, "1688:b");
	assert_string_equal(nw.links[0].b, "aliexpress:c");
	assert_int_equal(nw.links[0].ev[0].kind, TD_NET_EMAIL);
	assert_string_equal(nw.links[0].ev[0].key, "mail:salesteam@gmail.com");
	assert_string_equal(nw.links[0].ev[0].raw_a, "Sales.Team@gmail.com");
	assert_string_equal(nw.links[0].ev[0].raw_b, "salesteam+ali@GMAIL.com");
	assert_string_equal(nw.links[1].b, "taobao:a");
	assert_int_equal(nw.links[1].ev[0].kind, TD_NET_PHONE);
	td_net_network_release(&nw);
	td_net_free(net);
}

static void
test_net__handles_from_chinese_text_link(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_network nw = TD_NET_NETWORK_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_net_seller a = seller("taobao", "a"),
			     b = seller("pinduoduo", "b");
	struct td_net_seller c = seller("1688", "c"), d = seller("xianyu", "d");
	const char *ta[] = {
		"复古工业风餐桌 实木铁艺 加微信：Loft_Maker 看实拍"};
	const char *tb[] = {"工业风桌子 ➕V loft_maker 厂家直销"};
	const char *tc[] = {"铁艺书架 联系扣扣 2398761234 批发"};
	const char *td[] = {"二手书架 QQ：2398761234", "V信 13977776666"};

	(void)state;
	a.texts = ta;
	a.n_texts = 1;
	b.texts = tb;
	b.n_texts = 1;
	c.texts = tc;
	c.n_texts = 1;
	d.texts = td;
	d.n_texts = 2;
	d.phone = "139-7777-6666";
	add(net, &a);
	add(net, &b);
	add(net, &c);
	add(net, &d);
	update(net, NULL);
	assert_string_equal(netid(net, "pinduoduo", "b"), "pinduoduo:b");
	assert_string_equal(netid(net, "taobao", "a"), "pinduoduo:b");
	assert_string_equal(netid(net, "xianyu", "d"), "1688:c");
	assert_int_equal(td_net_network_get(net, "pinduoduo:b", &nw, &err), 0);
	assert_int_equal(nw.n_links, 1);
	assert_int_equal(nw.links[0].ev[0].kind, TD_NET_WECHAT);
	assert_string_equal(nw.links[0].ev[0].key, "wechat:loft_maker");
	assert_string_equal(nw.links[0].ev[0].raw_a, "➕V loft_maker");
	assert_string_equal(nw.links[0].ev[0].raw_b, "微信：Loft_Maker");
	td_net_network_release(&nw);
	td_net_free(net);
}

static void
test_net__shingle_similarity(void **state)
{
	struct td_net_shingles a = TD_NET_SHINGLES_INIT;
	struct td_net_shingles b = TD_NET_SHINGLES_INIT;
	struct td_net_shingles c = TD_NET_SHINGLES_INIT;
	struct td_net_hits hits = TD_NET_HITS_INIT;
	struct td_net_tidx *ix;
	const char *base =
		"北欧实木餐桌椅组合现代简约家用小户型长方形饭桌白蜡木";
	const char *copy = "北欧实木餐桌椅组合现代简约家用小户型长方形饭桌橡木";
	const char *other = "工业风铁艺书架置物架落地多层客厅收纳架子";
	const char *en = "Vintage industrial dining table reclaimed wood iron "
			 "legs 180cm farmhouse";
	const char *en2 = "VINTAGE Industrial Dining Table, reclaimed wood & "
			  "iron legs, 180 cm farmhouse";
	uint32_t i;

	(void)state;
	td_net_shingle(base, 2, &a);
	td_net_shingle(copy, 2, &b);
	td_net_shingle(other, 2, &c);
	/* CJK text: one shingle per character pair */
	assert_int_equal(a.n, 25);
	assert_true(td_net_jaccard(&a, &b) >= 0.8);
	assert_true(td_net_jaccard(&a, &c) < 0.1);
	assert_true(td_net_jaccard(&a, &a) == 1.0);
	/* Latin text: word bigrams, case and punctuation ignored */
	td_net_shingle(en, 2, &a);
	assert_int_equal(a.n, 9);
	td_net_shingle("Vintage industrial dining table reclaimed wood iron "
		       "legs 180cm farmhouse!",
		       2, &b);
	assert_true(td_net_jaccard(&a, &b) == 1.0);
	td_net_shingle(en2, 2, &b);
	assert_true(td_net_jaccard(&a, &b) > 0.5);
	assert_true(td_net_jaccard(&a, &b) < 0.9);

	ix = td_net_tidx_new(2, 20, 6, 0, 6);
	assert_int_equal(td_net_tidx_add(ix, base), 0);
	assert_int_equal(td_net_tidx_add(ix, other), 1);
	for (i = 0; i < 200; i++) {
		char t[160];

		snprintf(t, sizeof(t),
			 "filler listing %u about item %u in "
			 "colour %u and size %u",
			 i, i * 7, i % 13, i % 5);
		td_net_tidx_add(ix, t);
	}
	assert_int_equal(td_net_tidx_query(ix, copy, 0.7, &hits), 0);
	assert_int_equal(hits.n, 1);
	assert_int_equal(hits.v[0].id, 0);
	assert_true(hits.v[0].jaccard >= 0.8);
	assert_int_equal(td_net_tidx_query(ix, "短", 0.5, &hits), 0);
	assert_int_equal(hits.n, 0);
	td_net_tidx_free(ix);
	td_net_hits_release(&hits);
	td_net_shingles_release(&a);
	td_net_shingles_release(&b);
	td_net_shingles_release(&c);
}

static void
test_net__near_identical_texts_and_images_add_up(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_network nw = TD_NET_NETWORK_INIT;
	struct td_net_image_pair *pairs;
	struct td_err err = TD_ERR_INIT;
	struct td_net_seller a = seller("taobao", "a"),
			     b = seller("taobao", "b");
	const char *ta[] = {
		"北欧实木餐桌椅组合现代简约家用小户型长方形饭桌白蜡木",
		"复古工业风铁艺书架落地置物架多层客厅收纳"};
	const char *tb[] = {
		"北欧实木餐桌椅组合现代简约家用小户型长方形饭桌橡木",
		"复古工业风铁艺书架落地置物架多层客厅收纳架"};
	uint8_t img[3][32];
	size_t n, i;

	(void)state;
	memset(img, 0, sizeof(img));
	for (i = 0; i < 32; i++) {
		img[0][i] = (uint8_t)(i * 37 + 11);
		img[1][i] = (uint8_t)(i * 91 + 3);
	}
	memcpy(img[2], img[0], 32);
	img[2][5] ^= 0x0f; /* distance 4 from img[0] */
	a.texts = ta;
	a.n_texts = 2;
	a.images = (const uint8_t(*)[32])img;
	a.n_images = 2;
	b.texts = tb;
	b.n_texts = 1; /* one near-identical text: 0.3 */
	b.images = (const uint8_t(*)[32])img + 2;
	b.n_images = 1;
	add(net, &a);
	add(net, &b);
	td_net_image_pairs_naive(net, 31, &pairs, &n);
	assert_int_equal(n, 1);
	assert_int_equal(pairs[0].distance, 4);
	assert_int_equal(td_net_add_image_pairs(net, pairs, n, &err), 0);
	free(pairs);
	update(net, NULL);
	/* one text (0.3) and one image (0.3): not enough */
	assert_false(same_net(net, "a", "b"));
	/* the seller's next scan brings its second text: 0.9, still not */
	b.texts = tb + 1;
	b.images = NULL;
	b.n_images = 0;
	add(net, &b);
	update(net, NULL);
	assert_false(same_net(net, "a", "b"));
	/* and the same warehouse address: 1.5 */
	a.texts = NULL;
	a.n_texts = 0;
	a.n_images = 0;
	a.address = "浙江省金华市义乌市稠城街道工人北路1088号";
	b.texts = NULL;
	b.n_texts = 0;
	b.address = "浙江省 金华市 义乌市 稠城街道 工人北路 １０８８号";
	add(net, &a);
	add(net, &b);
	update(net, NULL);
	assert_true(same_net(net, "a", "b"));
	assert_int_equal(td_net_network_get(net, "taobao:a", &nw, &err), 0);
	assert_int_equal(nw.n_links, 1);
	assert_true(nw.links[0].strength > 1.49 && nw.links[0].strength < 1.51);
	assert_int_equal(nw.links[0].n_ev, 4);
	assert_int_equal(nw.links[0].ev[0].kind, TD_NET_ADDRESS);
	for (i = 1; i < 4; i++)
		assert_true(nw.links[0].ev[i].kind == TD_NET_TEXT ||
			    nw.links[0].ev[i].kind == TD_NET_IMAGE);
	td_net_network_release(&nw);
	/* a bad image index is refused */
	{
		struct td_net_image_pair bad = {0, 9, 1, 0, 3};

		assert_int_equal(td_net_add_image_pairs(net, &bad, 1, &err),
				 TD_EINVAL);
	}
	td_net_free(net);
}

static void
test_net__cloned_catalogue_keeps_a_few_examples(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_network nw = TD_NET_NETWORK_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_net_seller a = seller("taobao", "a"),
			     b = seller("tmall", "b");
	char buf[60][96];
	const char *t[60];
	size_t i;

	(void)state;
	for (i = 0; i < 60; i++) {
		snprintf(buf[i], sizeof(buf[i]),
			 "复古工业风实木餐桌 型号 %zu 尺寸 %zu 厘米 颜色 %zu "
			 "现货",
			 i, 100 + i, i % 7);
		t[i] = buf[i];
	}
	a.texts = b.texts = t;
	a.n_texts = b.n_texts = 60;
	a.company = "Loft Furniture Co., Ltd.";
	b.company = "LOFT FURNITURE LIMITED";
	add(net, &a);
	add(net, &b);
	update(net, NULL);
	assert_string_equal(netid(net, "tmall", "b"), "taobao:a");
	assert_int_equal(td_net_network_get(net, "taobao:a", &nw, &err), 0);
	assert_int_equal(nw.n_links, 1);
	/* company 0.6 + texts capped at 0.6 */
	assert_true(nw.links[0].strength > 1.19 && nw.links[0].strength < 1.21);
	assert_int_equal(nw.links[0].n_ev, 1 + 8);
	td_net_network_release(&nw);
	td_net_free(net);
}

static void
test_net__weak_evidence_needs_company(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_changes ch = TD_NET_CHANGES_INIT;
	struct td_net_seller a = seller("taobao", "a"),
			     b = seller("taobao", "b");
	struct td_net_seller c = seller("taobao", "c");
	struct td_net_stats st;
	char id[16];
	size_t i;

	(void)state;
	a.address = "Room 1203, Building 3, No. 88 Nanshan Road, Shenzhen";
	b.address = "RM 1203 BLDG 3 NO.88 NANSHAN RD, SHENZHEN, CHINA";
	c.address = a.address;
	a.shop_name = "Vintage Loft Store";
	c.shop_name = "vintage loft official shop";
	add(net, &a);
	add(net, &b);
	add(net, &c);
	update(net, NULL);
	/* an address (0.6) and a similar shop name (0.3) are not enough */
	assert_false(same_net(net, "a", "b"));
	assert_false(same_net(net, "a", "c"));
	/* with the company as well they link */
	a.address = b.address = c.address = NULL;
	a.shop_name = c.shop_name = NULL;
	a.company = "Shenzhen Loft Furniture Co., Ltd.";
	b.company = "SHENZHEN LOFT FURNITURE TRADING CO LTD";
	add(net, &a);
	add(net, &b);
	update(net, &ch);
	assert_true(same_net(net, "a", "b"));
	assert_false(same_net(net, "a", "c"));
	assert_int_equal(ch.changed.n, 1);
	assert_string_equal(ch.changed.v[0], "taobao:a");
	/* then 25 more sellers give the same address: a warehouse. The
	 * address stops counting and a and b fall apart again. */
	for (i = 0; i < 25; i++) {
		struct td_net_seller w;

		snprintf(id, sizeof(id), "w%02zu", i);
		w = seller("taobao", id);
		w.address = "Room 1203, Building 3, No 88 Nanshan Rd, Shenzhen";
		add(net, &w);
	}
	update(net, &ch);
	assert_false(same_net(net, "a", "b"));
	assert_false(same_net(net, "w00", "w01"));
	assert_int_equal(ch.changed.n, 0);
	assert_int_equal(ch.gone.n, 1);
	assert_string_equal(ch.gone.v[0], "taobao:a");
	td_net_stats(net, &st);
	assert_int_equal(st.common_keys, 1);
	assert_int_equal(st.rebuilds, 1);
	assert_int_equal(st.networks, 0);
	td_net_changes_release(&ch);
	td_net_free(net);
}

static void
test_net__placeholder_phone_does_not_glue_everyone(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_ids ids = TD_NET_IDS_INIT;
	char id[16];
	size_t i;

	(void)state;
	/* 13800138000, China Mobile's service line, used as a filler */
	for (i = 0; i < 250; i++) {
		struct td_net_seller s;

		snprintf(id, sizeof(id), "p%03zu", i);
		s = seller("taobao", id);
		s.phone = "13800138000";
		if (i == 7 || i == 8)
			s.email = "same.owner@example.com";
		add(net, &s);
	}
	update(net, NULL);
	assert_int_equal(td_net_networks(net, &ids), 0);
	assert_int_equal(ids.n, 1);
	assert_string_equal(ids.v[0], "taobao:p007");
	assert_int_equal(td_net_network_size(net, 7), 2);
	td_net_ids_release(&ids);
	td_net_free(net);
}

/* A key declared common links nobody, before or after it linked. */
static void
test_net__set_common_ignores_a_key(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_net_ids ids = TD_NET_IDS_INIT;
	struct td_net_seller s;

	(void)state;
	td_net_set_common(net, "tel:+8613912345678");
	s = seller("taobao", "a");
	s.phone = "139 1234 5678";
	add(net, &s);
	s = seller("taobao", "b");
	s.phone = "+86 139 1234 5678";
	add(net, &s);
	s = seller("taobao", "c");
	s.phone = "13700001111";
	add(net, &s);
	s = seller("jd", "d");
	s.phone = "137-0000-1111";
	add(net, &s);
	update(net, NULL);
	assert_int_equal(td_net_networks(net, &ids), 0);
	assert_int_equal(ids.n, 1);
	assert_string_equal(ids.v[0], "jd:d");
	/* declared after it linked c and d: they come apart */
	td_net_set_common(net, "tel:+8613700001111");
	update(net, NULL);
	assert_int_equal(td_net_networks(net, &ids), 0);
	assert_int_equal(ids.n, 0);
	td_net_ids_release(&ids);
	td_net_free(net);
}

static int
share_bucket(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	size_t i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j])
				return 1;
	return 0;
}

/* The buckets a store keeps find the pairs td_net compares. */
static void
test_net__buckets_give_the_index_candidates(void **state)
{
	struct td_net_params p;
	int64_t a[256], b[256], c[256], d[256];
	size_t na, nb, nc, nd;
	const char *t1 = "实木橡木会议桌 钢制铆钉桌腿 八人位 支持定制尺寸 "
			 "全国包邮 工厂直销";
	const char *t2 = "实木橡木会议桌 钢制铆钉桌腿 八人位 支持定制尺寸 "
			 "全国包邮 工厂直供";
	const char *t3 = "northern european bar stool with oak seat and "
			 "black steel legs for the kitchen";

	(void)state;
	td_net_params_default(&p);
	na = td_net_text_buckets(&p, t1, a);
	nb = td_net_text_buckets(&p, t2, b);
	nc = td_net_text_buckets(&p, t3, c);
	assert_int_equal(na, p.lsh_bands);
	assert_int_equal(nb, p.lsh_bands);
	assert_true(share_bucket(a, na, b, nb));
	assert_false(share_bucket(a, na, c, nc));
	/* the same text, the same buckets, every run */
	nd = td_net_text_buckets(&p, t1, d);
	assert_int_equal(nd, na);
	assert_memory_equal(a, d, na * sizeof(*a));
	assert_int_equal(td_net_text_buckets(&p, "短", a), 0);
	assert_int_equal(td_net_text_buckets(&p, NULL, a), 0);
	/* shop names: similar names meet, and never a text */
	na = td_net_shop_buckets(&p, "鑫达家具旗舰店", a);
	nb = td_net_shop_buckets(&p, "鑫达家具专卖店", b);
	assert_true(na > 0 && nb > 0);
	assert_true(share_bucket(a, na, b, nb));
	nc = td_net_text_buckets(&p, t1, c);
	assert_false(share_bucket(a, na, c, nc));
	assert_int_equal(td_net_shop_buckets(&p, "店", a), 0);
}

static void
near(const char *addr, const char *country, const char *loc, const char *pc,
     enum td_net_near want, const char *what)
{
	char *w = NULL;
	enum td_net_near got = td_net_place_near(addr, country, loc, pc, &w);

	if (got != want)
		fail_msg("near(%s, %s, %s) = %s, want %s", addr ? addr : "-",
			 country ? country : "-", loc ? loc : "-",
			 td_net_near_name(got), td_net_near_name(want));
	if (what)
		assert_string_equal(w, what);
	else
		assert_null(w);
	free(w);
}

/* Networks near a partner: the same address, city or country. */
static void
test_net__places_near_a_partner(void **state)
{
	(void)state;
	near("广东省东莞市厚街镇家具大道88号", "CN", "Houjie, Dongguan, CN",
	     NULL, TD_NET_NEAR_CITY, "Houjie");
	near("广东省东莞市长安镇", "CN", "Houjie, Dongguan, CN", NULL,
	     TD_NET_NEAR_CITY, "Dongguan");
	near("No. 8 Furniture Road, Houjie Town, Dongguan", NULL,
	     "Houjie, Dongguan, CN", NULL, TD_NET_NEAR_CITY, "Houjie");
	near("广东省东莞市厚街镇家具大道88号", "CN", "东莞市厚街镇家具大道88号",
	     "CN", TD_NET_NEAR_ADDRESS, "东莞市厚街镇家具大道88号");
	near("浙江省义乌市福田街道", "CN", "Houjie, Dongguan, CN", NULL,
	     TD_NET_NEAR_COUNTRY, "CN");
	near(NULL, "CN", "Los Angeles, US", NULL, TD_NET_NEAR_NONE, NULL);
	near("1200 Main St, Los Angeles, CA", "US", "Los Angeles, US", NULL,
	     TD_NET_NEAR_CITY, "Los Angeles");
	near(NULL, NULL, NULL, NULL, TD_NET_NEAR_NONE, NULL);
	assert_string_equal(td_net_near_name(TD_NET_NEAR_CITY), "city");
}

/* Build the same sellers in a given order; return the network ids. */
static void
build(const size_t *order, size_t n, char ids[][32])
{
	static const char *const phones[] = {
		"13900000001", NULL,          "13900000002", "13900000001",
		NULL,          "13900000002", NULL,
	};
	static const char *const emails[] = {
		NULL,
		"x@example.com",
		"x@example.com",
		"x@example.com",
		"y@example.com",
		NULL,
		"y@example.com",
	};
	struct td_net *net = td_net_new(NULL);
	size_t i, k;

	for (k = 0; k < n; k++) {
		struct td_net_seller s;
		char id[8];

		i = order[k];
		snprintf(id, sizeof(id), "n%zu", i);
		s = seller("jd", id);
		s.phone = phones[i];
		s.email = emails[i];
		add(net, &s);
		if (k % 2)
			update(net, NULL);
	}
	update(net, NULL);
	for (i = 0; i < n; i++) {
		size_t at;

		snprintf(ids[i], 32, "n%zu", i);
		assert_int_equal(td_net_find(net, "jd", ids[i], &at), 0);
		snprintf(ids[i], 32, "%s", td_net_network_id(net, at));
	}
	td_net_free(net);
}

static void
test_net__incremental_and_order_independent(void **state)
{
	static const size_t fwd[] = {0, 1, 2, 3, 4, 5, 6};
	static const size_t rev[] = {6, 5, 4, 3, 2, 1, 0};
	static const size_t mix[] = {3, 6, 0, 4, 2, 5, 1};
	struct td_net *net = td_net_new(NULL);
	struct td_net_changes ch = TD_NET_CHANGES_INIT;
	struct td_net_seller s;
	char a[7][32], b[7][32], c[7][32];
	size_t i;

	(void)state;
	build(fwd, 7, a);
	build(rev, 7, b);
	build(mix, 7, c);
	for (i = 0; i < 7; i++) {
		assert_string_equal(a[i], b[i]);
		assert_string_equal(a[i], c[i]);
	}
	/* n0-n3 (phone), n1-n2-n3 (mail), n2-n5 (phone): {0,1,2,3,5};
	 * n4-n6 (mail): {4,6} */
	assert_string_equal(a[5], "jd:n0");
	assert_string_equal(a[6], "jd:n4");

	/* changes, step by step */
	s = seller("ebay", "m");
	s.phone = "+1 415 555 0100";
	add(net, &s);
	s = seller("ebay", "k");
	s.phone = "(415) 555-0100";
	s.country = "US";
	add(net, &s);
	update(net, &ch);
	assert_int_equal(ch.changed.n, 1);
	assert_string_equal(ch.changed.v[0], "ebay:k");
	s = seller("ebay", "z");
	s.email = "z@example.com";
	add(net, &s);
	s = seller("ebay", "y");
	s.email = "Z@Example.com";
	add(net, &s);
	update(net, &ch);
	assert_int_equal(ch.changed.n, 1);
	assert_string_equal(ch.changed.v[0], "ebay:y");
	assert_int_equal(ch.gone.n, 0);
	update(net, &ch);
	assert_int_equal(ch.changed.n, 0);
	assert_int_equal(ch.gone.n, 0);
	/* a newcomer bridging both: one network, under the smaller id */
	s = seller("ebay", "q");
	s.phone = "415-555-0100";
	s.country = "US";
	s.email = "z@example.com";
	add(net, &s);
	update(net, &ch);
	assert_int_equal(ch.changed.n, 1);
	assert_string_equal(ch.changed.v[0], "ebay:k");
	assert_int_equal(ch.gone.n, 1);
	assert_string_equal(ch.gone.v[0], "ebay:y");
	assert_int_equal(td_net_network_size(net, 0), 5);
	td_net_changes_release(&ch);
	td_net_free(net);
}

static void
test_net__shop_names(void **state)
{
	(void)state;
	assert_true(td_net_shop_similarity("鑫达家具旗舰店",
					   "鑫达家具专卖店") == 1.0);
	assert_true(td_net_shop_similarity("Vintage Loft Store",
					   "vintageloft shop") == 1.0);
	assert_true(td_net_shop_similarity("Vintage Loft Store",
					   "Vintage Lofts") > 0.8);
	assert_true(td_net_shop_similarity("Home Furniture", "Modern Lamps") <
		    0.2);
	assert_true(td_net_shop_similarity("旗舰店", "旗舰店") == 0);
}

static void
test_net__bad_input(void **state)
{
	struct td_net *net = td_net_new(NULL);
	struct td_err err = TD_ERR_INIT;
	struct td_net_seller s = seller("taobao", NULL);
	enum td_net_kind k;

	(void)state;
	assert_int_equal(td_net_add(net, &s, NULL, &err), TD_EINVAL);
	s = seller("a:b", "x");
	assert_int_equal(td_net_add(net, &s, NULL, &err), TD_EINVAL);
	assert_non_null(strstr(err.msg, "':'"));
	assert_int_equal(td_net_find(net, "taobao", "x", NULL), TD_ENOTFOUND);
	/* texts with nothing in them are taken and never match */
	{
		const char *t[] = {"!!! ???", "", "——"};

		s = seller("taobao", "x");
		s.texts = t;
		s.n_texts = 3;
		add(net, &s);
		s.id = "y";
		add(net, &s);
		update(net, NULL);
		assert_int_equal(td_net_network_size(net, 0), 1);
	}
	assert_int_equal(td_net_kind_parse("wechat", &k), 0);
	assert_int_equal(k, TD_NET_WECHAT);
	assert_int_equal(td_net_kind_parse("fax", &k), TD_EINVAL);
	td_net_free(net);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net__table_cases),
		cmocka_unit_test(test_net__twelve_sellers_one_phone),
		cmocka_unit_test(test_net__unrelated_sellers_stay_apart),
		cmocka_unit_test(test_net__chain_phone_then_email_joins_ends),
		cmocka_unit_test(test_net__handles_from_chinese_text_link),
		cmocka_unit_test(test_net__shingle_similarity),
		cmocka_unit_test(
			test_net__near_identical_texts_and_images_add_up),
		cmocka_unit_test(
			test_net__cloned_catalogue_keeps_a_few_examples),
		cmocka_unit_test(test_net__weak_evidence_needs_company),
		cmocka_unit_test(
			test_net__placeholder_phone_does_not_glue_everyone),
		cmocka_unit_test(test_net__incremental_and_order_independent),
		cmocka_unit_test(test_net__shop_names),
		cmocka_unit_test(test_net__bad_input),
		cmocka_unit_test(test_net__set_common_ignores_a_key),
		cmocka_unit_test(test_net__buckets_give_the_index_candidates),
		cmocka_unit_test(test_net__places_near_a_partner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
