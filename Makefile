# takedown: a brand-protection workbench.
#
#   make            build the takedown binary (warnings are errors)
#   make demo       install missing packages, build, run the demo
#   make check      install missing packages, build, run every test
#   make check SANITIZE=address,undefined   the same under sanitizers
#   make deps       apt-get update && install every package
#   make fmt / fmt-check / bench / eval
#
# Packages are installed by tools/deps.sh; the targets that need them call
# it first and then re-enter make, so pkg-config runs only once they exist.

CC       ?= cc
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700
WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wwrite-strings \
           -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
           -Wpointer-arith -Wcast-qual -Wundef -Wvla -Wimplicit-fallthrough \
           -Wnull-dereference
DEVELOPER ?= 1
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif
OPT      ?= -O2 -g
comma    := ,
# V=1 shows whole command lines.
ifeq ($(V),1)
Q =
else
Q = @
endif
ifdef SANITIZE
BUILD    ?= build-$(subst $(comma),-,$(SANITIZE))
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
else
BUILD    ?= build
SANFLAGS =
endif

# Libraries, all from Debian's -dev packages (see tools/deps.sh).
PKGS      = sqlite3 jansson libsodium libutf8proc libhs opencc libjpeg \
            libpng libwebp libpq libmicrohttpd libcurl
TEST_PKGS = cmocka
# Recursive (=) so pkg-config only runs when a recipe needs the flags.
PKG_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS)))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
TEST_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(TEST_PKGS)))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

CFLAGS_ALL  = $(CSTD) $(WARNINGS) $(OPT) $(SANFLAGS) -Isrc -I$(BUILD)/gen \
              $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

LIB_SRC  = $(sort $(wildcard src/core/*.c src/store/*.c))
CLI_SRC  = $(sort $(wildcard src/cli/*.c src/server/*.c))
GEN_SRC  = $(BUILD)/gen/builtin_data.c $(BUILD)/gen/builtin_sql.c
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DATA     = $(sort $(shell find data -type f ! -name '*.md' 2>/dev/null))
SQL      = $(sort $(wildcard src/store/migrations/*/*.sql))

.PHONY: FORCE all build demo check test unit e2e deps deps-ensure fmt fmt-check \
        clean bench eval
all: build
build: $(BUILD)/takedown

$(BUILD)/libtakedown.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/takedown: $(CLI_OBJ) $(BUILD)/libtakedown.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libtakedown.a $(PKG_LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -Isrc -c -o $@ $<

# Data files and SQL migrations are compiled into the binary, so it runs
# from anywhere; a workspace may override data files (docs/formats.md).
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARNINGS) -O2 -o $@ $<

# The lists change when a file is added or removed; rewrite them only then.
$(BUILD)/gen/data.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATA) $(SQL)' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@
	@rm -f $@.tmp
FORCE:

$(BUILD)/gen/builtin_data.c: $(BUILD)/embed $(DATA) $(BUILD)/gen/data.list
	@mkdir -p $(dir $@)
	$(BUILD)/embed td_builtin_data data $(DATA) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/builtin_sql.c: $(BUILD)/embed $(SQL) $(BUILD)/gen/data.list
	@mkdir -p $(dir $@)
	$(BUILD)/embed td_builtin_sql src/store/migrations $(SQL) > $@.tmp && \
		mv $@.tmp $@

# Test helpers: real servers the e2e tests start (tests/helpers/).
HELPER_BIN = $(BUILD)/tests/td_httpd
$(BUILD)/tests/td_httpd: tests/helpers/td_httpd.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS_ALL) $(PKG_LIBS)

# The library's example program (docs/api.md), run by tests/e2e/t6100.
EXAMPLE_BIN = $(BUILD)/examples/scan_feed
$(BUILD)/examples/%: examples/api/%.c $(BUILD)/libtakedown.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libtakedown.a \
		$(LDFLAGS_ALL) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libtakedown.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -Itests/unit -o $@ $< \
		$(BUILD)/libtakedown.a $(LDFLAGS_ALL) $(PKG_LIBS) $(TEST_LIBS)

# --- the two commands -----------------------------------------------------

deps:
	tools/deps.sh install

deps-ensure:
	@tools/deps.sh ensure

demo: deps-ensure
	@$(MAKE) --no-print-directory build
	@BUILD=$(BUILD) tools/demo.sh

check: deps-ensure
	@$(MAKE) --no-print-directory test

test: build $(UNIT_BIN) $(HELPER_BIN) $(EXAMPLE_BIN)
	@BUILD=$(BUILD) tests/run.sh

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run.sh unit

e2e: build
	@BUILD=$(BUILD) tests/run.sh e2e

# --- style ------------------------------------------------------------------

FMT_SRC = $(shell find src tests bench tools examples -name '*.[ch]' 2>/dev/null)
fmt:
	clang-format -i $(FMT_SRC)
fmt-check:
	@clang-format --dry-run --Werror $(FMT_SRC)

clean:
	rm -rf build build-*

# Each area adds its benchmark and evaluation targets in mk/<area>.mk:
#   BENCH_TARGETS += bench-foo
#   EVAL_TARGETS  += eval-foo
BENCH_TARGETS =
EVAL_TARGETS  =
-include $(sort $(wildcard mk/*.mk))
bench: $(BENCH_TARGETS)
eval: $(EVAL_TARGETS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
