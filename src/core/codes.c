#include "core/codes.h"

#include <string.h>

/*
 * ISO 3166-1 alpha-2 (249 codes) and ISO 4217 (181 codes), as published
 * in Debian's iso-codes 4.15, sorted, space-separated and with a space at
 * both ends.
 */
static const char countries[] =
	" AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG"
	" BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI"
	" CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH"
	" ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ"
	" GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT"
	" JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS"
	" LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU"
	" MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG"
	" PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG"
	" SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK"
	" TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU"
	" WF WS YE YT ZA ZM ZW ";

static const char currencies[] =
	" AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF "
	"BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF "
	"CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB "
	"EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF "
	"IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD "
	"KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU "
	"MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN "
	"PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD "
	"SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY "
	"TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST "
	"XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA "
	"XXX YER ZAR ZMW ZWL ";

/*
 * Both lists are sorted and each code takes n + 1 bytes, starting after
 * the first space: a binary search (a scan checks each listing's codes).
 */
static int
in_list(const char *list, size_t size, const char *code, size_t n)
{
	size_t lo = 0, hi = (size - 1) / (n + 1), i;

	if (!code || strlen(code) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *e = list + 1 + mid * (n + 1);
		int c = 0;

		for (i = 0; i < n && !c; i++)
			c = (unsigned char)e[i] - (unsigned char)code[i];

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
td_country_valid(const char *code)
{
	return in_list(countries, sizeof(countries) - 1, code, 2);
}

int
td_jurisdiction_valid(const char *code)
{
	if (code && (strcmp(code, "EM") == 0 || strcmp(code, "WO") == 0))
		return 1;
	return td_country_valid(code);
}

int
td_currency_valid(const char *code)
{
	return in_list(currencies, sizeof(currencies) - 1, code, 3);
}
