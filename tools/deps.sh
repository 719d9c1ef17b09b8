#!/bin/sh
# Installs, or checks for, the Debian packages takedown needs.
#   tools/deps.sh ensure   install what is missing (as root: apt-get), else fail
#   tools/deps.sh install  apt-get update && apt-get install every package
#   tools/deps.sh list     print the package names
#   tools/deps.sh missing  print the packages that are not installed
# Set TD_DEPS_EXTRA to add packages (the bench and eval targets do).
set -eu

# Build: compiler, pkg-config and the -dev packages the library links.
BUILD="gcc make pkg-config libsqlite3-dev libjansson-dev libsodium-dev
libutf8proc-dev libhyperscan-dev libopencc-dev libjpeg62-turbo-dev libpng-dev
libwebp-dev libpq-dev libmicrohttpd-dev libcurl4-openssl-dev"
# Tests: cmocka for unit tests, sqlite3 to build old-schema fixtures.
TEST="libcmocka-dev sqlite3"

pkgs="$BUILD $TEST ${TD_DEPS_EXTRA:-}"

missing() {
	for p in $pkgs; do
		s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case "$s" in
		*" installed") ;;
		*) printf '%s\n' "$p" ;;
		esac
	done
}

install() {
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			SUDO=sudo
		else
			echo "deps: missing packages: $*" >&2
			echo "deps: run as root: apt-get install -y $*" >&2
			exit 1
		fi
	else
		SUDO=
	fi
	echo "deps: installing: $*" >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends "$@" >&2
}

case "${1:-ensure}" in
list) printf '%s\n' $pkgs ;;
missing) missing ;;
install) install $pkgs ;;
ensure)
	m=$(missing)
	if [ -n "$m" ]; then
		# shellcheck disable=SC2086
		install $m
	fi
	;;
*)
	echo "usage: tools/deps.sh [ensure|install|list|missing]" >&2
	exit 2
	;;
esac
