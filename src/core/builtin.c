#include "core/builtin.h"

#include <string.h>

const struct td_builtin *
td_builtin_find(const struct td_builtin *table, const char *name)
{
	for (; table->name; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
