# Workflow: platform protocols, calendars and templates.
#
# Their libFuzzer harnesses (tests/fuzz/fuzz_proto.c, fuzz_cal.c,
# fuzz_tmpl.c) run with every other one under `make fuzz` (mk/fuzz.mk);
# `make fuzz-workflow` runs only these three.

.PHONY: fuzz-workflow
fuzz-workflow:
	@$(MAKE) --no-print-directory fuzz FUZZ="proto cal tmpl"
