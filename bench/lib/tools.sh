#!/usr/bin/env bash
# need_tool <command> <debian-package>: installs the package with apt-get when the command is
# missing (as root on Debian/Ubuntu), else stops with a message saying what to install.
need_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2 (for $1) with apt-get" >&2
    apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; }
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is needed: install the $2 package" >&2; exit 1; }
}
