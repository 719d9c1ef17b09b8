#ifndef TD_CLI_COMMANDS_H
#define TD_CLI_COMMANDS_H
/*
 * Every top-level command: src/cli/cmd_<name>.c defines cmd_<name>, and
 * main.c lists it in its sorted commands[] table. docs/cli/<name>.md
 * documents it.
 */
struct cli_ctx;

int cmd_agent(int argc, char **argv, struct cli_ctx *ctx);
int cmd_calendar(int argc, char **argv, struct cli_ctx *ctx);
int cmd_case(int argc, char **argv, struct cli_ctx *ctx);
int cmd_contact(int argc, char **argv, struct cli_ctx *ctx);
int cmd_doc(int argc, char **argv, struct cli_ctx *ctx);
int cmd_due(int argc, char **argv, struct cli_ctx *ctx);
int cmd_findings(int argc, char **argv, struct cli_ctx *ctx);
int cmd_hash(int argc, char **argv, struct cli_ctx *ctx);
int cmd_init(int argc, char **argv, struct cli_ctx *ctx);
int cmd_network(int argc, char **argv, struct cli_ctx *ctx);
int cmd_owner(int argc, char **argv, struct cli_ctx *ctx);
int cmd_partner(int argc, char **argv, struct cli_ctx *ctx);
int cmd_platform(int argc, char **argv, struct cli_ctx *ctx);
int cmd_portfolio(int argc, char **argv, struct cli_ctx *ctx);
int cmd_product(int argc, char **argv, struct cli_ctx *ctx);
int cmd_rates(int argc, char **argv, struct cli_ctx *ctx);
int cmd_report(int argc, char **argv, struct cli_ctx *ctx);
int cmd_right(int argc, char **argv, struct cli_ctx *ctx);
int cmd_scan(int argc, char **argv, struct cli_ctx *ctx);
int cmd_triage(int argc, char **argv, struct cli_ctx *ctx);
int cmd_version(int argc, char **argv, struct cli_ctx *ctx);

#endif
