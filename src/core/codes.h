#ifndef TD_CODES_H
#define TD_CODES_H
/* Country, jurisdiction and currency codes. Each returns 1 if valid. */

/* An ISO 3166-1 alpha-2 country code, upper case ("CN", "US"). */
int td_country_valid(const char *code);
/* A country code, or "EM" (EUIPO) or "WO" (WIPO). */
int td_jurisdiction_valid(const char *code);
/* An ISO 4217 currency code, upper case ("USD", "CNY"). */
int td_currency_valid(const char *code);

#endif
