#ifndef TD_ERR_H
#define TD_ERR_H
/*
 * Errors. A function that can fail returns int: 0, or a negative
 * enum td_rc. Pointer-returning functions return NULL. The message goes to
 * a struct td_err the caller passes (which may be NULL); for bad input it
 * names the file, line and field. The library never prints: front ends
 * decide how an error is shown and which exit code it gets.
 */
#include <stddef.h>

enum td_rc {
	TD_OK = 0,
	TD_ERROR = -1,         /* anything not listed below */
	TD_EINVAL = -2,        /* bad input: a file, a field, an argument */
	TD_ENOTFOUND = -3,     /* a key or id that does not exist */
	TD_ECONFLICT = -4,     /* the request clashes with what is stored */
	TD_EPERM = -5,         /* not allowed for this user or state */
	TD_EIO = -6,           /* a file or the OS failed */
	TD_ECORRUPT = -7,      /* stored data no longer matches its checksum */
	TD_EVERSION = -8,      /* a workspace newer than this program */
	TD_ETOOBIG = -9,       /* a size limit was hit */
	TD_EDB = -10,          /* the database failed */
	TD_EUNSUPPORTED = -11, /* a format or feature this build lacks */
};

#define TD_ERR_MSG_MAX 1024

struct td_err {
	int code;                 /* the enum td_rc of the last error, or 0 */
	char msg[TD_ERR_MSG_MAX]; /* the message, NUL-terminated */
};

#define TD_ERR_INIT                                                            \
	{                                                                      \
		0,                                                             \
		{                                                              \
			0                                                      \
		}                                                              \
	}

/*
 * Record an error in err (if not NULL) and return code, so that callers
 * can write `return td_errf(err, TD_EINVAL, "...")`.
 */
int td_errf(struct td_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Record an error about bad input: "FILE:LINE: FIELD: reason". line may be
 * 0 (no line) and field may be NULL (no field).
 */
int td_errf_at(struct td_err *err, int code, const char *file,
	       unsigned long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Put "PREFIX: " in front of the message already in err. */
void td_err_prefix(struct td_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Forget the error. */
void td_err_clear(struct td_err *err);

/* A short name for a code ("invalid input", "not found", ...). */
const char *td_rc_name(int code);

#endif
