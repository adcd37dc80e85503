#!/usr/bin/env bash
# Moves the hub's flat feature packages into families that show the architecture (issue 24):
#   com.conecta.hub.<feature>  ->  com.conecta.hub.<family>.<feature>
# Whole packages move (main and test trees together, so package-private access still holds), and every reference
# to them is rewritten: "com.conecta.hub.<feature>" in Java, resources and docs, and "com/conecta/hub/<feature>/"
# paths. Classes the script has never seen move with their package. A package that is in no family stays where it is
# and is named at the end, to be added to FAMILIES below.
#
# Idempotent: a package already under its family is skipped, and a rewritten name no longer matches.
# Run from the repository root (or pass it as $1), on a clean work tree; review with `git status`, then build.
set -euo pipefail

ROOT="${1:-$(git rev-parse --show-toplevel)}"
cd "$ROOT"
BASE=com/conecta/hub
TREES=(hub/src/main/java hub/src/test/java)

# family: its feature packages. A family name must not be the name of a feature package.
declare -A FAMILIES=(
  [channels]="whatsapp whatsapptemplate twilio email webform media"
  [messaging]="inbox conversation reaction outbox outbound sending delivery realtime template staff"
  [customers]="contact crm customfield activity ticket"
  [commerce]="sales pipeline catalogue erp"
  [fieldservice]="service calendar"
  [marketing]="campaign reminder satisfaction bot"
  [operations]="report supervision assignment team notify"
  [foundation]="auth twofactor account secrets audit privacy config health web runtime platform sandbox apidoc webhook"
)
# Test-only packages (suites that span features) stay at the top of the test tree.
TEST_ONLY="architecture bench reliability security support webui"

moved=()
for family in "${!FAMILIES[@]}"; do
  for pkg in ${FAMILIES[$family]}; do
    for tree in "${TREES[@]}"; do
      from="$tree/$BASE/$pkg"
      to="$tree/$BASE/$family/$pkg"
      [ -d "$from" ] || continue
      if [ -z "$(git ls-files "$from")" ]; then
        continue  # an empty leftover directory (git does not track those)
      fi
      if [ -e "$to" ]; then
        echo "refusing to move $from: $to exists" >&2
        exit 1
      fi
      mkdir -p "$tree/$BASE/$family"
      git mv "$from" "$to"
      moved+=("$pkg:$family")
    done
  done
done

# Rewrite references for every mapped package (also those moved by an earlier run, which no longer match).
sed_script=$(mktemp)
trap 'rm -f "$sed_script"' EXIT
for family in "${!FAMILIES[@]}"; do
  for pkg in ${FAMILIES[$family]}; do
    printf 's#com\\.conecta\\.hub\\.%s\\b#com.conecta.hub.%s.%s#g\n' "$pkg" "$family" "$pkg" >>"$sed_script"
    printf 's#com/conecta/hub/%s/#com/conecta/hub/%s/%s/#g\n' "$pkg" "$family" "$pkg" >>"$sed_script"
  done
done
# Text files that may name hub packages: sources, resources, configuration and docs tracked by git.
git ls-files -z -- hub config README.md '*.md' \
  | xargs -0 -r grep -lIZE 'com[./]conecta[./]hub[./]' -- 2>/dev/null \
  | xargs -0 -r sed -i -E -f "$sed_script"

echo "moved ${#moved[@]} package directories${moved:+: ${moved[*]}}"
left=()
for tree in "${TREES[@]}"; do
  for dir in "$tree/$BASE"/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    [ -n "${FAMILIES[$name]+x}" ] && continue
    [[ " $TEST_ONLY " == *" $name "* ]] && continue
    [ -n "$(git ls-files "$dir")" ] || continue
    left+=("$tree:$name")
  done
done
if [ ${#left[@]} -gt 0 ]; then
  echo "in no family (add them to FAMILIES and run again): ${left[*]}" >&2
fi
