/* takedown init [DIR]: make a workspace. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "core/ws.h"
#include "core/banned.h"

int
cmd_init(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{0}};
	struct td_err err = TD_ERR_INIT;
	const char *dir;
	int created = 0;
	int rc;

	rc = cli_parse(ctx, "init [DIR]", opts, &argc, &argv);
	if (rc)
		return rc > 0 ? CLI_OK : CLI_USAGE;
	if (argc > 1)
		return cli_usagef(ctx, "too many arguments");
	dir = argc == 1 ? argv[0] : ctx->dir ? ctx->dir : ".";
	if (td_ws_init(dir, &created, &err) < 0)
		return cli_fail(ctx, &err);
	printf("%s takedown workspace in %s\n",
	       created ? "Initialised" : "Reinitialised existing", dir);
	return CLI_OK;
}
