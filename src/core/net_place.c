/*
 * Is a seller near a partner? Compares a seller's address and country
 * with a partner's free-text location ("Houjie, Dongguan, CN").
 */
#include "core/net.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/net_int.h"
#include "core/util.h"
#include "core/banned.h"

/*
 * Manufacturing towns and cities that counterfeit listings and partner
 * records name in either script. Partners' locations are usually written
 * in Latin letters and Chinese sellers' addresses in Chinese; this table
 * lets "Dongguan" meet "东莞". It is short on purpose: a place missing
 * here still matches when both sides use the same script.
 */
static const char *const places[][2] = {
	{"anji", "安吉"},      {"beijing", "北京"},  {"changzhou", "常州"},
	{"chaozhou", "潮州"},  {"chengdu", "成都"},  {"chongqing", "重庆"},
	{"dongguan", "东莞"},  {"foshan", "佛山"},   {"fuzhou", "福州"},
	{"guangzhou", "广州"}, {"hangzhou", "杭州"}, {"hefei", "合肥"},
	{"houjie", "厚街"},    {"huizhou", "惠州"},  {"humen", "虎门"},
	{"jiangmen", "江门"},  {"jieyang", "揭阳"},  {"jinhua", "金华"},
	{"jinjiang", "晋江"},  {"lecong", "乐从"},   {"longjiang", "龙江"},
	{"nanhai", "南海"},    {"nanjing", "南京"},  {"nantong", "南通"},
	{"ningbo", "宁波"},    {"putian", "莆田"},   {"qingdao", "青岛"},
	{"quanzhou", "泉州"},  {"shanghai", "上海"}, {"shantou", "汕头"},
	{"shenzhen", "深圳"},  {"shunde", "顺德"},   {"suzhou", "苏州"},
	{"taizhou", "台州"},   {"tianjin", "天津"},  {"wenzhou", "温州"},
	{"wuhan", "武汉"},     {"wuxi", "无锡"},     {"xiamen", "厦门"},
	{"yiwu", "义乌"},      {"yongkang", "永康"}, {"zhongshan", "中山"},
	{"zhuhai", "珠海"},
};

static void
fold(const char *s, struct td_buf *out)
{
	td_buf_reset(out);
	net_fold(s, strlen(s), out, NULL);
}

/* Code points in s, counting a CJK character twice (as addresses do). */
static size_t
weight(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		int32_t cp;

		i += net_utf8_next(s + i, n - i, &cp);
		if (cp == ' ')
			continue;
		w += net_is_cjk(cp) ? 2 : 1;
	}
	return w;
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return td_xstrndup(s, n);
}

/* Does the folded address contain the place name (folded), in its own
 * script or through the table? */
static int
names_place(const char *addr, const char *place)
{
	size_t i;

	if (strstr(addr, place))
		return 1;
	for (i = 0; i < TD_ARRAY_LEN(places); i++) {
		if (strcmp(place, places[i][0]) == 0 &&
		    strstr(addr, places[i][1]))
			return 1;
		if (strcmp(place, places[i][1]) == 0 &&
		    strstr(addr, places[i][0]))
			return 1;
	}
	return 0;
}

enum td_net_near
td_net_place_near(const char *address, const char *country,
		  const char *location, const char *partner_country,
		  char **what)
{
	struct td_buf a = TD_BUF_INIT, b = TD_BUF_INIT, part = TD_BUF_INIT;
	enum td_net_near near = TD_NET_NEAR_NONE;
	const char *pc = partner_country;
	char *loc_country = NULL;
	const char *p, *q;

	if (what)
		*what = NULL;
	if (!td_str_empty(location)) {
		/* a last part that is a country code names the country */
		p = strrchr(location, ',');
		loc_country = trim_dup(p ? p + 1 : location,
				       strlen(p ? p + 1 : location));
		if (!td_country_valid(loc_country)) {
			free(loc_country);
			loc_country = NULL;
		} else if (td_str_empty(pc)) {
			pc = loc_country;
		}
	}
	if (!td_str_empty(address) && !td_str_empty(location)) {
		if (td_net_address_norm(address, &a) == 0 &&
		    td_net_address_norm(location, &b) == 0 &&
		    (strstr(a.data, b.data) || strstr(b.data, a.data))) {
			near = TD_NET_NEAR_ADDRESS;
			if (what)
				*what = td_xstrdup(location);
			goto out;
		}
		fold(address, &a);
		for (p = location; *p; p = *q ? q + 1 : q) {
			char *name;

			q = strchr(p, ',');
			if (!q)
				q = p + strlen(p);
			name = trim_dup(p, (size_t)(q - p));
			fold(name, &part);
			if (weight(part.data) >= 4 && !td_country_valid(name) &&
			    names_place(a.data, part.data)) {
				near = TD_NET_NEAR_CITY;
				if (what)
					*what = name;
				else
					free(name);
				goto out;
			}
			free(name);
		}
	}
	if (!td_str_empty(country) && !td_str_empty(pc) &&
	    strcmp(country, pc) == 0) {
		near = TD_NET_NEAR_COUNTRY;
		if (what)
			*what = td_xstrdup(country);
	}
out:
	free(loc_country);
	td_buf_release(&a);
	td_buf_release(&b);
	td_buf_release(&part);
	return near;
}

const char *
td_net_near_name(enum td_net_near near)
{
	switch (near) {
	case TD_NET_NEAR_ADDRESS:
		return "address";
	case TD_NET_NEAR_CITY:
		return "city";
	case TD_NET_NEAR_COUNTRY:
		return "country";
	default:
		return "none";
	}
}
