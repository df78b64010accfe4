#!/usr/bin/env bash
# Finds a JDK 25+ and exports JAVA_HOME and PATH for it. Source this file; every script does.
#   1. JAVA_HOME, when it points at a JDK 25 or newer;
#   2. else the newest JDK 25+ under the usual install places;
#   3. else a clear error saying what to install.

MMO_MIN_JAVA=25

# Prints the feature version (17, 21, 25, ...) of the java binary in $1/bin, or nothing.
mmo_java_feature_version() {
  local home=$1
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  local release="$home/release" version=""
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}          # 1.8.0 -> 8.0
  version=${version%%[.+-]*}     # 25.0.1 -> 25
  [ -n "$version" ] && [ "$version" -eq "$version" ] 2>/dev/null || return 1
  echo "$version"
}

mmo_find_java() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ]; then
    version=$(mmo_java_feature_version "$JAVA_HOME") || version=0
    if [ "$version" -ge "$MMO_MIN_JAVA" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* \
                   "${SDKMAN_DIR:-$HOME/.sdkman}"/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home \
                   "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home \
                   /opt/java/* /opt/jdk* /usr/java/*; do
    [ -d "$candidate" ] || continue
    [ -L "$candidate" ] && continue    # 'current', 'default-java': the real folder is listed too
    version=$(mmo_java_feature_version "$candidate") || continue
    if [ "$version" -ge "$MMO_MIN_JAVA" ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  return 1
}

if ! MMO_JAVA_HOME=$(mmo_find_java); then
  cat >&2 <<MSG
error: JDK ${MMO_MIN_JAVA} or newer not found.
  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, SDKMAN (~/.sdkman/candidates/java)
  and /Library/Java/JavaVirtualMachines.
  Install one, e.g. Eclipse Temurin ${MMO_MIN_JAVA} (apt: temurin-${MMO_MIN_JAVA}-jdk from the Adoptium
  repository; SDKMAN: sdk install java ${MMO_MIN_JAVA}-tem; macOS: brew install --cask temurin@${MMO_MIN_JAVA}),
  or point JAVA_HOME at it.
MSG
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$MMO_JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
