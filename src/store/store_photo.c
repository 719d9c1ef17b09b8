/* Variant hashes of official photos, cached by SHA-256. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

int
td_store_photo_hashes_get(struct td_store *st, const char *sha256, int method,
			  struct td_photo_hash **out, size_t *n,
			  struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT variant, hash, quality FROM photo_hashes "
			  "WHERE sha256 = ? AND method = ? ORDER BY pos",
			  "si", sha256, (int64_t)method);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_photo_hash *h;

		TD_GROW(*out, *n + 1, alloc);
		h = &(*out)[*n];
		snprintf(h->variant, sizeof(h->variant), "%s",
			 td_sql_text(st, s, 0));
		if (td_phash_from_hex(td_sql_text(st, s, 1), &h->hash, NULL) <
		    0) {
			rc = td_errf(err, TD_ECORRUPT,
				     "stored hash of photo %.12s... is not a "
				     "PDQ hash",
				     sha256);
			break;
		}
		h->quality = (int)td_sql_int(st, s, 2);
		(*n)++;
	}
	td_sql_done(st, s);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int
td_store_photo_hashes_put(struct td_store *st, const char *sha256, int method,
			  const struct td_photo_hash *v, size_t n,
			  struct td_err *err)
{
	char hex[TD_PHASH_HEX_LEN + 1];
	size_t i;
	int rc;

	/* Those of any other method are obsolete: a newer takedown
	 * re-indexed the photo. */
	rc = td_sql_exec(st, err, "DELETE FROM photo_hashes WHERE sha256 = ?",
			 "s", sha256);
	for (i = 0; rc == 0 && i < n; i++) {
		td_phash_to_hex(&v[i].hash, hex);
		rc = td_sql_exec(
			st, err,
			"INSERT INTO photo_hashes (sha256, method, "
			"pos, variant, hash, quality) VALUES (?, ?, ?, "
			"?, ?, ?)",
			"siissi", sha256, (int64_t)method, (int64_t)i,
			v[i].variant, hex, (int64_t)v[i].quality);
	}
	return rc;
}
