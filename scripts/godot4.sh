#!/usr/bin/env bash
# Godot 4 on this machine. Debian packages Godot 4 only in sid, whose libc is newer than a stable
# release's, so it runs in a minimal sid chroot kept in a cache folder outside the repository and
# reused between runs (GODOT4_ROOT, default ~/.cache/mmo-backend/godot4-sid). The chroot shares the
# host's network, so Godot in it reaches a stack on 127.0.0.1.
#
#   scripts/godot4.sh install             makes the chroot (again when it is missing or broken);
#                                         prints the engine's version
#   scripts/godot4.sh version             the engine's version, or exit 1 when not installed
#   scripts/godot4.sh run [ARGS...]       runs `godot ARGS` in the chroot, in the current folder
#   scripts/godot4.sh xvfb [ARGS...]      the same under xvfb-run (a display for real frames)
#
# The current folder (the project Godot is pointed at, with --path .) is bind-mounted into the
# chroot at the same path, in a mount namespace of its own that ends with the command. Needs root
# with the right to mount (CAP_SYS_ADMIN: a VM or a privileged container) and Debian's debootstrap
# (installed with apt-get when missing); the mirror is the Debian one this machine's own apt sources
# name (Debian's redirector when they name none).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/tools.sh
source "$ROOT/scripts/lib/tools.sh"

GODOT4_ROOT=${GODOT4_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/mmo-backend/godot4-sid}
READY="$GODOT4_ROOT/.mmo-godot4-ready"
PACKAGES=(godot xvfb xauth libgl1-mesa-dri libglx-mesa0 fonts-dejavu-core)

# The Debian mirror this machine's apt sources name (deb822 or one-line format), skipping security
# and third-party sources; Debian's own redirector when none is found.
host_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' \
        | grep -v -e security -e '^$' | grep '/debian/\?$' | head -n 1 || true)
  if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $2 !~ /security/ && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list)
  fi
  echo "${uri:-http://deb.debian.org/debian}" | sed 's#/*$##'
}

# Runs a command inside the chroot with /proc, /dev and /tmp, and the current folder, mounted.
in_chroot() {
  local here
  here=$(pwd)
  unshare --mount --propagation private -- /bin/sh -c '
    root=$1; here=$2; shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount --bind /tmp "$root/tmp"
    mkdir -p "$root$here"
    mount --bind "$here" "$root$here"
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    cd "$root$here"
    exec chroot "$root" /usr/bin/env -C "$here" HOME=/root "$@"
  ' in_chroot "$GODOT4_ROOT" "$here" "$@"
}

installed_version() {
  [ -f "$READY" ] || return 1
  in_chroot godot --headless --version 2>/dev/null | tail -n 1
}

install() {
  if version=$(installed_version) && [ -n "$version" ]; then
    echo "$version"
    return 0
  fi
  [ "$(id -u)" = 0 ] || { echo "error: making the Godot 4 chroot needs root (debootstrap, chroot)" >&2; return 1; }
  need_tool debootstrap debootstrap
  [ -r /usr/share/keyrings/debian-archive-keyring.gpg ] || install_package debian-archive-keyring || true
  local mirror
  mirror=$(host_mirror)
  echo "making a Debian sid chroot for Godot 4 in $GODOT4_ROOT (about 1.2 GB, a few minutes)" >&2
  rm -rf "$GODOT4_ROOT"
  mkdir -p "$(dirname "$GODOT4_ROOT")"
  debootstrap --variant=minbase sid "$GODOT4_ROOT" "$mirror" > "$GODOT4_ROOT.log" 2>&1 \
    || { echo "error: debootstrap failed (see $GODOT4_ROOT.log)" >&2; return 1; }
  # sid's Release file may be older than apt's validity window: ignore Valid-Until.
  in_chroot apt-get -o Acquire::Check-Valid-Until=false update >> "$GODOT4_ROOT.log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive in_chroot apt-get -o Acquire::Check-Valid-Until=false install -y \
      --no-install-recommends "${PACKAGES[@]}" >> "$GODOT4_ROOT.log" 2>&1 \
    || { echo "error: installing Godot 4 in the chroot failed (see $GODOT4_ROOT.log)" >&2; return 1; }
  in_chroot apt-get clean >/dev/null 2>&1 || true
  touch "$READY"
  installed_version || { echo "error: Godot 4 does not run in the chroot (see $GODOT4_ROOT.log)" >&2; rm -f "$READY"; return 1; }
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  install) install ;;
  version) installed_version ;;
  run) [ -f "$READY" ] || { echo "error: Godot 4 is not installed: scripts/godot4.sh install" >&2; exit 1; }
       in_chroot godot "$@" ;;
  xvfb) [ -f "$READY" ] || { echo "error: Godot 4 is not installed: scripts/godot4.sh install" >&2; exit 1; }
        in_chroot xvfb-run -a -s "-screen 0 1280x720x24" godot "$@" ;;
  *) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
