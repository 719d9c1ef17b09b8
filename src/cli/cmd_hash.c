/*
 * takedown hash FILE...: PDQ hashes of image files, one
 * "hash,quality,path" line each, as the reference tool prints them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/phash.h"
#include "core/util.h"
#include "core/banned.h"

int
cmd_hash(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_phash_opts opts = TD_PHASH_OPTS_INIT;
	struct td_phash_item *items;
	int full = 0, trim = 0, failed = 0, i, rc;
	const char *threads = NULL;
	const struct cli_opt options[] = {
		{"full-size", 0, CLI_OPT_FLAG, &full, NULL,
		 "decode at full size, as the reference tool does"},
		{"trim", 0, CLI_OPT_FLAG, &trim, NULL,
		 "trim uniform borders first (as listing photos are)"},
		{"threads", 'j', CLI_OPT_STRING, &threads, "N",
		 "hash on N threads (default 2)"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	int nthreads = 2;

	rc = cli_parse(ctx, "hash [--full-size] [--trim] [-j N] FILE...",
		       options, &argc, &argv);
	if (rc)
		return rc > 0 ? CLI_OK : CLI_USAGE;
	if (argc < 1)
		return cli_usagef(ctx, "no image files given");
	if (threads) {
		char *end;
		long v = strtol(threads, &end, 10);

		if (*end || v < 1 || v > 16)
			return cli_usagef(ctx,
					  "--threads must be 1..16, not "
					  "'%s'",
					  threads);
		nthreads = (int)v;
	}
	opts.full_size = full;
	opts.trim = trim;
	items = td_xcalloc((size_t)argc, sizeof(*items));
	for (i = 0; i < argc; i++)
		items[i].path = argv[i];
	td_phash_files(items, (size_t)argc, &opts, nthreads);
	for (i = 0; i < argc; i++) {
		char hex[TD_PHASH_HEX_LEN + 1];

		if (items[i].rc < 0) {
			cli_fail(ctx, &items[i].err);
			failed++;
			continue;
		}
		td_phash_to_hex(&items[i].hash, hex);
		printf("%s,%d,%s\n", hex, items[i].quality, items[i].path);
	}
	free(items);
	if (fflush(stdout) != 0)
		return cli_failf(ctx, "cannot write the output");
	return failed ? CLI_FAIL : CLI_OK;
}
