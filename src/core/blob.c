#include "core/blob.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/banned.h"

static void
to_hex(const unsigned char *md, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

void
td_sha256_mem(const void *p, size_t n, char *hex)
{
	unsigned char md[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(md, p, n);
	to_hex(md, hex);
}

int
td_sha256_valid(const char *s)
{
	int i;

	if (!s)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

/* Hash fd, optionally copying its bytes to out_fd. */
static int
hash_fd(int fd, int out_fd, char *hex, uint64_t *size)
{
	crypto_hash_sha256_state st;
	unsigned char md[crypto_hash_sha256_BYTES];
	unsigned char buf[65536];
	uint64_t total = 0;
	ssize_t n;

	crypto_hash_sha256_init(&st);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		total += (uint64_t)n;
		if (out_fd >= 0) {
			ssize_t off = 0;

			while (off < n) {
				ssize_t w = write(out_fd, buf + off,
						  (size_t)(n - off));

				if (w < 0 && errno == EINTR)
					continue;
				if (w < 0)
					return -1;
				off += w;
			}
		}
	}
	crypto_hash_sha256_final(&st, md);
	to_hex(md, hex);
	if (size)
		*size = total;
	return 0;
}

int
td_sha256_file(const char *path, char *hex, uint64_t *size, struct td_err *err)
{
	int fd = open(path, O_RDONLY);
	int rc;

	if (fd < 0)
		return td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			       "%s: %s", path, strerror(errno));
	rc = hash_fd(fd, -1, hex, size);
	if (rc)
		rc = td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
	close(fd);
	return rc;
}

void
td_blob_path(const char *root, const char *hex, struct td_buf *out)
{
	td_buf_reset(out);
	td_buf_addf(out, "%s/%.2s/%s", root, hex, hex);
}

static int
mkdir_p(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int
td_blob_put(const char *root, const char *path, char *hex, uint64_t *size,
	    struct td_err *err)
{
	struct td_buf tmp = TD_BUF_INIT;
	struct td_buf dst = TD_BUF_INIT;
	struct stat sb;
	int in = -1, out = -1;
	int rc = 0;

	if (sodium_init() < 0)
		return td_errf(err, TD_ERROR, "libsodium failed to start");
	in = open(path, O_RDONLY);
	if (in < 0) {
		rc = td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			     "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(in, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		rc = td_errf(err, TD_EIO, "%s: not a regular file", path);
		goto out;
	}
	if (mkdir_p(root)) {
		rc = td_errf(err, TD_EIO, "%s: %s", root, strerror(errno));
		goto out;
	}
	td_buf_addf(&tmp, "%s/.tmp-XXXXXX", root);
	out = mkstemp(tmp.data);
	if (out < 0) {
		rc = td_errf(err, TD_EIO, "%s: %s", tmp.data, strerror(errno));
		goto out;
	}
	if (hash_fd(in, out, hex, size) || fsync(out)) {
		rc = td_errf(err, TD_EIO, "copying %s: %s", path,
			     strerror(errno));
		goto out;
	}
	close(out);
	out = -1;
	td_buf_addf(&dst, "%s/%.2s", root, hex);
	if (mkdir_p(dst.data)) {
		rc = td_errf(err, TD_EIO, "%s: %s", dst.data, strerror(errno));
		goto out;
	}
	td_blob_path(root, hex, &dst);
	if (chmod(tmp.data, 0444) || rename(tmp.data, dst.data)) {
		rc = td_errf(err, TD_EIO, "%s: %s", dst.data, strerror(errno));
		goto out;
	}
	td_buf_reset(&tmp);
out:
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	if (tmp.len)
		unlink(tmp.data);
	td_buf_release(&tmp);
	td_buf_release(&dst);
	return rc;
}

int
td_blob_verify(const char *root, const char *hex, struct td_err *err)
{
	struct td_buf path = TD_BUF_INIT;
	char got[TD_SHA256_HEX];
	int fd;
	int rc = 0;

	td_blob_path(root, hex, &path);
	fd = open(path.data, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			rc = td_errf(err, TD_ECORRUPT,
				     "stored file %s is missing", path.data);
		else
			rc = td_errf(err, TD_EIO, "%s: %s", path.data,
				     strerror(errno));
		goto out;
	}
	if (hash_fd(fd, -1, got, NULL)) {
		rc = td_errf(err, TD_EIO, "%s: %s", path.data, strerror(errno));
	} else if (strcmp(got, hex) != 0) {
		rc = td_errf(err, TD_ECORRUPT,
			     "stored file %s has changed (its SHA-256 is now "
			     "%.12s..., expected %.12s...)",
			     path.data, got, hex);
	}
	close(fd);
out:
	td_buf_release(&path);
	return rc;
}
