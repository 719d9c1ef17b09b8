#ifndef TD_TEST_CASES_H
#define TD_TEST_CASES_H
/*
 * Table-driven cases: tests/cases/NAME.tsv, one case a line, fields
 * separated by tabs, '#' comment lines. Fields may use the escapes \t \n
 * \\ \xHH (one byte) and \u{HEX} (one character as UTF-8).
 */
#include "unit.h"

#define CASES_MAX_FIELDS 8

struct case_row {
	unsigned long line;           /* line in the file */
	int nf;                       /* fields */
	char *f[CASES_MAX_FIELDS];    /* unescaped, NUL-terminated */
	size_t len[CASES_MAX_FIELDS]; /* lengths (fields may hold NUL) */
};

static inline size_t
cases_unescape(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		if (s[i] != '\\' || i + 1 >= n) {
			out[o++] = s[i++];
			continue;
		}
		i++;
		if (s[i] == 't') {
			out[o++] = '\t';
			i++;
		} else if (s[i] == 'n') {
			out[o++] = '\n';
			i++;
		} else if (s[i] == '\\') {
			out[o++] = '\\';
			i++;
		} else if (s[i] == 'x' && i + 2 < n + 1) {
			char h[3] = {s[i + 1], s[i + 2], 0};

			out[o++] = (char)strtoul(h, NULL, 16);
			i += 3;
		} else if (s[i] == 'u' && s[i + 1] == '{') {
			unsigned long c = strtoul(s + i + 2, NULL, 16);

			while (i < n && s[i] != '}')
				i++;
			i++;
			if (c < 0x80) {
				out[o++] = (char)c;
			} else if (c < 0x800) {
				out[o++] = (char)(0xC0 | c >> 6);
				out[o++] = (char)(0x80 | (c & 0x3F));
			} else if (c < 0x10000) {
				out[o++] = (char)(0xE0 | c >> 12);
				out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
				out[o++] = (char)(0x80 | (c & 0x3F));
			} else {
				out[o++] = (char)(0xF0 | c >> 18);
				out[o++] = (char)(0x80 | (c >> 12 & 0x3F));
				out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
				out[o++] = (char)(0x80 | (c & 0x3F));
			}
		} else {
			out[o++] = '\\';
		}
	}
	out[o] = '\0';
	return o;
}

/*
 * Read tests/cases/name and call fn for each row with at least minf
 * fields. Returns the number of rows.
 */
static inline int
cases_run(const char *name, int minf,
	  void (*fn)(const struct case_row *row, void *ctx), void *ctx)
{
	char path[256], line[8192];
	FILE *f;
	int rows = 0;
	unsigned long ln = 0;

	snprintf(path, sizeof(path), "tests/cases/%s", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		struct case_row row;
		char *p = line, *tab;
		size_t n = strlen(line);
		int i;

		ln++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		memset(&row, 0, sizeof(row));
		row.line = ln;
		for (;;) {
			size_t fl;

			tab = strchr(p, '\t');
			fl = tab ? (size_t)(tab - p) : strlen(p);
			if (row.nf == CASES_MAX_FIELDS)
				fail_msg("%s:%lu: too many fields", path, ln);
			row.f[row.nf] = malloc(fl * 4 + 1);
			row.len[row.nf] = cases_unescape(p, fl, row.f[row.nf]);
			row.nf++;
			if (!tab)
				break;
			p = tab + 1;
		}
		if (row.nf < minf)
			fail_msg("%s:%lu: %d fields, want %d", path, ln, row.nf,
				 minf);
		fn(&row, ctx);
		rows++;
		for (i = 0; i < row.nf; i++)
			free(row.f[i]);
	}
	fclose(f);
	return rows;
}

#endif
