#ifndef TD_TRIAGE_INT_H
#define TD_TRIAGE_INT_H
/* Shared by the files of the triage module only. */
#include "core/buf.h"

/* Append an amount in currency cur: "$4,500", "$2.50", "¥1,200",
 * "CHF 80". */
void triage_money(struct td_buf *b, const char *cur, double v);

#endif
