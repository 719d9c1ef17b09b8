#ifndef TD_TEST_PROTOS_H
#define TD_TEST_PROTOS_H
/*
 * For the tests that need the built-in platform protocols and dates:
 * the protocol set loaded once per group (cmocka_run_group_tests(tests,
 * protos_setup, protos_teardown)) and day("YYYY-MM-DD").
 */
#include "unit.h"

#include "core/date.h"
#include "core/proto.h"

static struct td_proto_set *protos;

static int
protos_setup(void **state)
{
	struct td_err err = TD_ERR_INIT;

	(void)state;
	protos = td_proto_set_load_builtin(&err);
	if (!protos)
		fprintf(stderr, "protocols: %s\n", err.msg);
	return protos ? 0 : -1;
}

static int
protos_teardown(void **state)
{
	(void)state;
	td_proto_set_free(protos);
	return 0;
}

/* The day of an ISO date; a bad date fails the test. */
static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(td_date_parse(s, &d), 0);
	return d;
}

#endif
