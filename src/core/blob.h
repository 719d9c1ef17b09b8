#ifndef TD_BLOB_H
#define TD_BLOB_H
/*
 * A content-addressed file store: a file is kept as ROOT/ab/abcdef... under
 * the hex SHA-256 of its bytes, so identical files are stored once and a
 * changed file is detected on every read by hashing it again.
 */
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define TD_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* SHA-256 of the bytes of a file. Returns 0, TD_ENOTFOUND or TD_EIO. */
int td_sha256_file(const char *path, char *hex, uint64_t *size,
		   struct td_err *err);
/* SHA-256 of a memory buffer. */
void td_sha256_mem(const void *p, size_t n, char *hex);
/* 1 if s is 64 lower-case hex digits. */
int td_sha256_valid(const char *s);

/*
 * Copy the file at path into the store under root (created if needed),
 * writing a temporary file and renaming it so that a crash never leaves a
 * half-written entry. hex and size receive the file's hash and length.
 * Returns 0, TD_ENOTFOUND (no such file) or TD_EIO.
 */
int td_blob_put(const char *root, const char *path, char *hex, uint64_t *size,
		struct td_err *err);

/* The path of entry hex below root, written to out (reset first). */
void td_blob_path(const char *root, const char *hex, struct td_buf *out);

/*
 * Hash the stored entry again. Returns 0 if it is there and unchanged,
 * TD_ECORRUPT if it is missing or its bytes have changed (the message says
 * which), TD_EIO if it cannot be read.
 */
int td_blob_verify(const char *root, const char *hex, struct td_err *err);

#endif
