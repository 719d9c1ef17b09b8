#ifndef TD_BUILTIN_H
#define TD_BUILTIN_H
/*
 * Files compiled into the binary by tools/embed.c: the data/ folder
 * (platform protocols, calendars, cue words, rates, templates, defaults)
 * and the SQL migrations. Each table ends with a NULL name.
 */
#include <stddef.h>

struct td_builtin {
	const char *name;          /* path below data/ or migrations/ */
	const unsigned char *data; /* the bytes, NUL-terminated */
	size_t len;                /* length without the NUL */
};

extern const struct td_builtin td_builtin_data[];
extern const struct td_builtin td_builtin_sql[];

/* The entry called name in table, or NULL. */
const struct td_builtin *td_builtin_find(const struct td_builtin *table,
					 const char *name);

#endif
