/*
 * takedown: the command-line front end of libtakedown.
 *
 *   takedown [-C DIR] <command> [<verb>] [options] [operands]
 *
 * The workspace is DIR from -C, else $TAKEDOWN_DIR, else the current
 * directory. $TAKEDOWN_NOW (an ISO time) fixes the time scans record, and
 * $TAKEDOWN_TODAY (YYYY-MM-DD) fixes "today", for scripts and
 * tests. Exit codes: 0 success, 1 failure, 2 usage.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/util.h"
#include "core/version.h"
#include "core/banned.h"

/* Sorted by name; a unique prefix selects a command. */
static const struct cli_cmd commands[] = {
	{"agent", cmd_agent, 0, "law firms and people who file for owners"},
	{"calendar", cmd_calendar, 0, "working-day arithmetic (cn, us)"},
	{"case", cmd_case, 0, "takedown cases: open, check, file, track"},
	{"contact", cmd_contact, 0, "who signs complaints, and addresses"},
	{"doc", cmd_doc, 0, "proof documents: licences, certificates, ..."},
	{"due", cmd_due, 0, "deadlines and what needs action, oldest first"},
	{"findings", cmd_findings, 0, "what scans found, with evidence"},
	{"hash", cmd_hash, 0, "print PDQ hashes of image files"},
	{"init", cmd_init, 0, "make a workspace"},
	{"network", cmd_network, 0, "seller networks and what joins them"},
	{"owner", cmd_owner, 0, "rights holders"},
	{"partner", cmd_partner, 0, "factories, distributors, retailers"},
	{"platform", cmd_platform, 0, "platform takedown protocols"},
	{"portfolio", cmd_portfolio, 0, "import, export and check it all"},
	{"product", cmd_product, 0, "products, prices, markets, photos"},
	{"rates", cmd_rates, 0, "exchange rates for comparing prices"},
	{"report", cmd_report, 0, "figures: relisting, ..."},
	{"right", cmd_right, 0, "trademarks, copyrights, patents, designs"},
	{"scan", cmd_scan, 0, "find listings that use your rights"},
	{"triage", cmd_triage, 0, "what is worth filing, and why"},
	{"version", cmd_version, 0, "print the version"},
};

int
cmd_version(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	printf("takedown %s\n", TD_VERSION);
	return CLI_OK;
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: takedown [-C DIR] <command> [<args>]\n\n"
		   "takedown keeps a rights holder's portfolio and proof "
		   "documents, finds\ncounterfeit listings and prepares "
		   "takedowns.\n\ncommands:\n");
	for (i = 0; i < TD_ARRAY_LEN(commands); i++)
		fprintf(f, "   %-12s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'takedown <command> --help' shows a command's use.\n"
		   "The workspace is -C DIR, else $TAKEDOWN_DIR, else the "
		   "current directory.\n");
}

int
main(int argc, char **argv)
{
	struct cli_ctx ctx;
	const char *today, *now;
	int i = 1;

	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&ctx, 0, sizeof(ctx));
	ctx.prog = "takedown";
	ctx.dir = getenv("TAKEDOWN_DIR");
	if (ctx.dir && !*ctx.dir)
		ctx.dir = NULL;
	ctx.now = (int64_t)time(NULL);
	now = getenv("TAKEDOWN_NOW");
	if (now && *now && td_time_parse(now, &ctx.now) < 0) {
		fprintf(stderr,
			"takedown: TAKEDOWN_NOW: '%s' is not a time "
			"(YYYY-MM-DDTHH:MM:SSZ)\n",
			now);
		return CLI_USAGE;
	}
	ctx.today = td_date_from_time(ctx.now);
	today = getenv("TAKEDOWN_TODAY");
	if (today && *today && td_date_parse(today, &ctx.today) < 0) {
		fprintf(stderr,
			"takedown: TAKEDOWN_TODAY: '%s' is not a "
			"date (YYYY-MM-DD)\n",
			today);
		return CLI_USAGE;
	}
	ctx.out_tty = isatty(1);
	ctx.err_tty = isatty(2);

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-C") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "takedown: -C needs a "
						"directory\n");
				return CLI_USAGE;
			}
			ctx.dir = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "-C", 2) == 0) {
			ctx.dir = argv[i] + 2;
			i++;
		} else if (strcmp(argv[i], "--help") == 0 ||
			   strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return CLI_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			return cmd_version(0, NULL, &ctx);
		} else {
			fprintf(stderr, "takedown: unknown option '%s'\n",
				argv[i]);
			usage(stderr);
			return CLI_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CLI_USAGE;
	}
	return cli_dispatch(commands, TD_ARRAY_LEN(commands), argc - i,
			    argv + i, &ctx);
}
