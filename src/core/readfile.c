#include "core/readfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/banned.h"

int
td_read_file(const char *path, size_t limit, struct td_buf *out,
	     struct td_err *err)
{
	char chunk[8192];
	FILE *f;
	size_t n;
	int rc = 0;

	f = fopen(path, "rb");
	if (!f)
		return td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			       "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (limit && (n > limit || out->len > limit - n)) {
			rc = td_errf(err, TD_ETOOBIG,
				     "%s: larger than %zu bytes", path, limit);
			goto out;
		}
		if (td_buf_add(out, chunk, n) < 0) {
			rc = td_errf(err, TD_ETOOBIG, "%s: too large", path);
			goto out;
		}
	}
	if (ferror(f))
		rc = td_errf(err, TD_EIO, "%s: read failed", path);
out:
	fclose(f);
	return rc;
}

int
td_mkdirs(const char *path, struct td_err *err)
{
	struct td_buf b = TD_BUF_INIT;
	size_t i;
	int rc = 0;

	td_buf_addstr(&b, path);
	for (i = 1; i <= b.len && rc == 0; i++) {
		if (b.data[i] != '/' && b.data[i] != '\0')
			continue;
		b.data[i] = '\0';
		if (mkdir(b.data, 0777) != 0 && errno != EEXIST)
			rc = td_errf(err, TD_EIO, "%s: %s", b.data,
				     strerror(errno));
		if (i < b.len)
			b.data[i] = '/';
	}
	td_buf_release(&b);
	return rc;
}
