#!/usr/bin/env bash
# ensure_built <module> <artifact>: builds <module> (and what it needs) when <artifact> is missing
# or older than any source or pom. Needs ROOT and the JDK from java.sh.
ensure_built() {
  local module=$1 artifact=$2 newer=""
  if [ -f "$ROOT/$artifact" ]; then
    newer=$(cd "$ROOT" && find pom.xml protocol/pom.xml protocol/src common/pom.xml common/src client/pom.xml client/src world-content/pom.xml world-content/src "$module/pom.xml" "$module/src" \
      -newer "$artifact" -type f -print -quit 2>/dev/null || true)
    [ -z "$newer" ] && return 0
  fi
  echo "building $module (log: logs/build-$module.log)" >&2
  mkdir -p "$ROOT/logs"
  if ! (cd "$ROOT" && ./mvnw -B -ntp -q -DskipTests -pl "$module" -am package > "logs/build-$module.log" 2>&1); then
    tail -n 30 "$ROOT/logs/build-$module.log" >&2
    echo "error: build of $module failed; see logs/build-$module.log" >&2
    exit 1
  fi
}
