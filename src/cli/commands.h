#ifndef TD_CLI_COMMANDS_H
#define TD_CLI_COMMANDS_H
/*
 * Every top-level command: src/cli/cmd_<name>.c defines cmd_<name>, and
 * main.c lists it in its sorted commands[] table. docs/cli/<name>.md
 * documents it.
 */
struct cli_ctx;

int cmd_calendar(int argc, char **argv, struct cli_ctx *ctx);
int cmd_platform(int argc, char **argv, struct cli_ctx *ctx);
int cmd_version(int argc, char **argv, struct cli_ctx *ctx);

#endif
