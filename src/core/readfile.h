#ifndef TD_READFILE_H
#define TD_READFILE_H
/*
 * Files: read a whole file into memory (data files given by path,
 * calendars, platform protocols, templates, are small, so they are parsed
 * from one buffer), and make a directory with its parents.
 */
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/*
 * Append the bytes of the file at path to out (which the caller releases).
 * limit, if not 0, is the largest size accepted. Returns 0, TD_ENOTFOUND
 * (no such file), TD_ETOOBIG (over limit) or TD_EIO; the message names the
 * path.
 */
int td_read_file(const char *path, size_t limit, struct td_buf *out,
		 struct td_err *err);

/* mkdir -p: make path and any missing parents. Returns 0 or TD_EIO
 * naming the directory that could not be made. */
int td_mkdirs(const char *path, struct td_err *err);

#endif
