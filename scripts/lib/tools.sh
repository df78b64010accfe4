#!/usr/bin/env bash
# Debian packages the scripts use, installed with apt-get when missing (as root on Debian/Ubuntu).

# install_package <debian-package>: best effort, quiet; refreshes the package lists once if needed.
install_package() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "installing $1 with apt-get" >&2
  apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$1" >/dev/null 2>&1; }
}

# need_tool <command> <debian-package>: installs the package when the command is missing, else
# stops with a message saying what to install.
need_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  install_package "$2" || true
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is needed: install the $2 package" >&2; exit 1; }
}

# want_tool <command> <debian-package>: as need_tool, but carries on without it (the tests that
# need it say they were skipped).
want_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  install_package "$2" || true
  command -v "$1" >/dev/null 2>&1 || echo "warning: $1 not available (package $2); tests that need it are skipped" >&2
}
