#!/usr/bin/env bash
# translate and validate never disagree about a file: for every YAML input of
# the bad-input suite, translate fails exactly when validate finds a problem,
# translate's error is one of validate's, and each warning translate gives
# validate gives too.
# usage: agree.sh PATH/TO/dsjob       last line "N agreed, M disagreed"
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
agreed=0 disagreed=0
cd "$here"
for dir in cases/*/; do
  name=$(basename "$dir")
  input=$dir/input.yaml
  [ -f "$input" ] || continue
  command=$(sed -n 's/^command: //p' "$dir/expected")
  # the conversions themselves, with no limit or usage options
  case "$command" in translate | validate | "translate --region "* | "validate --region "*) ;; *) continue ;; esac
  opts=${command#* }
  [ "$opts" = "$command" ] && opts=
  # shellcheck disable=SC2086
  "$bin" translate $opts "$input" >/dev/null 2>"$work/t"
  t=$?
  # shellcheck disable=SC2086
  "$bin" validate $opts "$input" 2>"$work/v"
  v=$?
  why=
  if [ "$t" != "$v" ]; then
    why="translate exit $t, validate exit $v"
  elif [ "$t" = 1 ]; then
    error=$(grep -v -F ': warning: ' "$work/t" | tail -n 1)
    grep -qxF -- "$error" "$work/v" || why="translate's error is not validate's: $error"
  fi
  if [ -z "$why" ]; then
    while IFS= read -r w; do
      grep -qxF -- "$w" "$work/v" || { why="validate lacks the warning: $w"; break; }
    done < <(grep -F ': warning: ' "$work/t")
  fi
  if [ -n "$why" ]; then
    echo "DISAGREE $name: $why"
    disagreed=$((disagreed + 1))
  else
    agreed=$((agreed + 1))
  fi
done
echo "$agreed agreed, $disagreed disagreed"
[ "$disagreed" -eq 0 ] && [ "$agreed" -gt 100 ]
