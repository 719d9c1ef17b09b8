#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
td_errf(struct td_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
td_errf_at(struct td_err *err, int code, const char *file, unsigned long line,
	   const char *field, const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;

	if (!err)
		return code;
	err->code = code;
	err->msg[0] = '\0';
	if (file && line)
		n = (size_t)snprintf(err->msg, sizeof(err->msg),
				     "%s:%lu: ", file, line);
	else if (file)
		n = (size_t)snprintf(err->msg, sizeof(err->msg), "%s: ", file);
	if (field && n < sizeof(err->msg))
		n += (size_t)snprintf(err->msg + n, sizeof(err->msg) - n,
				      "%s: ", field);
	if (n < sizeof(err->msg)) {
		va_start(ap, fmt);
		vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
		va_end(ap);
	}
	return code;
}

void
td_err_prefix(struct td_err *err, const char *fmt, ...)
{
	char old[TD_ERR_MSG_MAX];
	va_list ap;
	int n;

	if (!err)
		return;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 3 >= sizeof(err->msg))
		return;
	err->msg[n] = ':';
	err->msg[n + 1] = ' ';
	memcpy(err->msg + n + 2, old, sizeof(err->msg) - (size_t)n - 2);
	err->msg[sizeof(err->msg) - 1] = '\0';
}

void
td_err_clear(struct td_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

const char *
td_rc_name(int code)
{
	switch (code) {
	case TD_OK:
		return "ok";
	case TD_EINVAL:
		return "invalid input";
	case TD_ENOTFOUND:
		return "not found";
	case TD_ECONFLICT:
		return "conflict";
	case TD_EPERM:
		return "not permitted";
	case TD_EIO:
		return "input/output error";
	case TD_ECORRUPT:
		return "stored data changed";
	case TD_EVERSION:
		return "version mismatch";
	case TD_ETOOBIG:
		return "too big";
	case TD_EDB:
		return "database error";
	case TD_EUNSUPPORTED:
		return "unsupported";
	default:
		return "error";
	}
}
