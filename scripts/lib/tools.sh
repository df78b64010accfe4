#!/usr/bin/env bash
# Debian packages the scripts use, installed with apt-get when missing (as root on Debian/Ubuntu).

# install_package <debian-package>: quiet when it works; refreshes the package lists once if needed.
# When it fails, apt's own output is shown (the reason a tool is missing must be in the log).
install_package() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || { echo "cannot install $1: not root or no apt-get" >&2; return 1; }
  echo "installing $1 with apt-get" >&2
  local log
  log=$(mktemp)
  if apt-get install -y -qq "$1" >"$log" 2>&1 \
      || { apt-get update -qq >>"$log" 2>&1 && apt-get install -y -qq "$1" >>"$log" 2>&1; }; then
    rm -f "$log"
    return 0
  fi
  echo "apt-get could not install $1:" >&2
  tail -n 30 "$log" | sed 's/^/  apt: /' >&2
  rm -f "$log"
  return 1
}

# need_tool <command> <debian-package>: installs the package when the command is missing, else
# stops with a message saying what to install.
need_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  install_package "$2" || true
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is needed: install the $2 package" >&2; exit 1; }
}

# want_tool <command> <debian-package>: as need_tool, but outside CI carries on without it (the
# tests that need it say they were skipped). Under CI=true a tool the suite needs and cannot install
# fails the run: a CI run that could not test something must not pass.
want_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  install_package "$2" || true
  command -v "$1" >/dev/null 2>&1 || tool_missing "$1 (package $2)"
}

# tool_missing <what>: under CI=true stops with an error; elsewhere one loud warning.
tool_missing() {
  if [ "${CI:-}" = true ]; then
    echo "error: CI=true and $1 could not be installed: the tests that need it cannot run" >&2
    exit 1
  fi
  echo "warning: $1 not available; the tests that need it are skipped" >&2
}
