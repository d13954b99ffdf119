#!/usr/bin/env bash
# The man page lists every command and flag --help lists (and no other flag),
# renders with man -l, and the installed tree has the man page and the bash
# and zsh completions, which know the same commands and flags.
# usage: man_test.sh PATH/TO/dsjob SOURCE_DIR [CMAKE BUILD_DIR STAGE_DIR]
set -u
dsjob=$1 src=$2 cmake=${3:-} build=${4:-} stage=${5:-}
man=$src/docs/dsjob.1
failed=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# flags of the usage lines and of the option lines ("  --flag ..."), per command
help_flags() {
  local out
  out=$("$dsjob" "$@" --help 2>&1)
  { printf '%s\n' "$out" | grep -E '^(usage:| {7}dsjob| {20,})' | grep -oE '\[-{1,2}[a-z][a-z-]*' | tr -d '['
    printf '%s\n' "$out" | grep -oE '^ {2}-{1,2}[a-z][a-z-]*' | tr -d ' '; } | sort -u
}
commands="translate extract validate diff schema artifact run apply watch cancel get"
all=$( { help_flags; for c in $commands; do help_flags "$c"; done; help_flags run --local;
  echo --jsonl; echo --version; echo --help; echo -h; } | sort -u)
man_flags=$(sed -e 's/\\-/-/g' "$man" | grep -oE '(^|[ "[(])-{1,2}[a-z][a-z-]*' | grep -oE -- '-{1,2}[a-z][a-z-]*' |
  grep -vxE -- '--from-json|--job-id' | sort -u)
missing=$(comm -23 <(printf '%s\n' "$all") <(printf '%s\n' "$man_flags"))
extra=$(comm -13 <(printf '%s\n' "$all") <(printf '%s\n' "$man_flags"))
[ -z "$missing" ] || fail "the man page lacks: $(echo $missing)"
[ -z "$extra" ] || fail "the man page has flags --help does not: $(echo $extra)"
for c in $commands; do
  grep -q "^\.B dsjob $c" "$man" || fail "the man page lacks the command $c"
  grep -qw "$c" "$src/completions/dsjob.bash" || fail "bash completion lacks $c"
  grep -qw "$c" "$src/completions/_dsjob" || fail "zsh completion lacks $c"
done
for f in $all; do
  case $f in --version | --help | -h | --jsonl) continue ;; esac
  grep -q -- "$f" "$src/completions/dsjob.bash" || fail "bash completion lacks $f"
  grep -q -- "$f" "$src/completions/_dsjob" || fail "zsh completion lacks $f"
done
bash -n "$src/completions/dsjob.bash" || fail "bash completion does not parse"
if command -v man >/dev/null; then
  out=$(MANWIDTH=80 man -l "$man" 2>&1) || fail "man -l fails"
  [[ "$out" == *"dsjob translate"* ]] || fail "man -l renders no synopsis"
fi
if [ -n "$cmake" ]; then
  rm -rf "$stage"
  DESTDIR=$stage "$cmake" --install "$build" >/dev/null || fail "cmake --install"
  for f in man/man1/dsjob.1 bash-completion/completions/dsjob zsh/site-functions/_dsjob; do
    [ -n "$(find "$stage" -path "*/share/$f")" ] || fail "not installed: share/$f"
  done
  installed=$(find "$stage" -path '*/share/man/man1/dsjob.1' | head -n 1)
  [ -z "$installed" ] || man -l "$installed" >/dev/null 2>&1 || fail "the installed man page does not render"
fi
echo "$failed failed"
[ "$failed" -eq 0 ]
