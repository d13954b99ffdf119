# Sourced by run.sh: the special inputs (made at test time) and one case's run.

# Inputs that cannot be committed: file modes, symlinks, and big generated files.
make_special() {
  local w=$1 s=$1/special
  ln -s "$here/cases" "$w/cases"
  mkdir -p "$s/dir"
  printf 'kind: runtime\ntype: python\nspec: {entrypoint: a.py}\n' >"$s/unreadable.yaml"
  chmod 000 "$s/unreadable.yaml"
  ln -s loop "$s/loop"
  ln -s nowhere "$s/dangling"
  local head='kind: runtime\ntype: python\nspec:\n  entrypoint: a.py\n'
  repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; }
  repeat '[' 100000 >"$s/deep_100k.yaml"
  repeat '[' 100000 >"$s/deep_100k.json"
  { printf 'a:\n'; for i in $(seq 1 300); do printf '%*s- \n' "$i" ''; done; } >"$s/deep_block.yaml"
  { printf "$head"'  env: {A: '; repeat x $((2 << 20)); printf '}\n'; } >"$s/huge_scalar.yaml"
  { printf '{"jobConfigurationDetails": {"environmentVariables": {"A": "'; repeat x $((2 << 20))
    printf '"}}}\n'; } >"$s/huge_string.json"
  { printf "$head"; repeat '#' $((16 << 20)); } >"$s/over_16mib.yaml"
  { printf "$head  env:\n"; for i in $(seq 1 10001); do printf '    V%d: x\n' "$i"; done; } >"$s/env_10001.yaml"
  { printf "$head  env:\n    BIG: "; repeat y 19980; printf '\n'; } >"$s/env_20k_chars.yaml"
  { printf "$head  env:\n    BIG: "; for i in $(seq 1 9990); do printf '\360\237\230\200'; done
    printf '\n'; } >"$s/env_20k_emoji.yaml"
  { printf "$head  env:\n    BIG: "; for i in $(seq 1 19980); do printf '\303\251'; done
    printf '\n'; } >"$s/env_20k_accents.yaml"
  { printf "$head  args: ["; repeat z 4000; printf ', "a b"]\n'; } >"$s/args_4k_chars.yaml"
  { printf "$head  args:\n"; for i in $(seq 1 1000); do printf '    - abcd\n'; done; } >"$s/args_1000.yaml"
  { printf 'kind: job\nspec:\n  infrastructure:\n    kind: infrastructure\n    type: dataScienceJob\n'
    printf '    spec: {compartmentId: ocid1.c, projectId: ocid1.p}\n  runtime:\n    kind: runtime\n'
    printf '    type: python\n    spec:\n      entrypoint: a.py\n      env:\n        BIG: '
    repeat y 19990; printf '\n'; } >"$s/job_env_20k_chars.yaml"
}

# Reads the expected file into e_command, e_status, e_stderr, e_input, e_stdin, e_root.
read_expected() {
  e_command= e_status= e_stderr= e_input= e_stdin= e_root= e_warnings=
  local key value
  while IFS= read -r line; do
    key=${line%%: *}
    value=${line#*: }
    case $key in
      command) e_command=$value ;; status) e_status=$value ;; stderr) e_stderr=$value ;;
      input) e_input=$value ;; stdin) e_stdin=$value ;; root) e_root=$value ;;
      warning) e_warnings+=$value$'\n' ;;
    esac
  done <"$1"
}

default_input() {
  local f
  for f in input.yaml input.json; do
    if [ -e "cases/$1/$f" ]; then echo "cases/$1/$f"; return; fi
  done
}

record_case() {
  local exp=$1 status=$2 line=$3 warnings=$4
  grep -v -e '^status: ' -e '^stderr: ' -e '^warning: ' "$exp" >"$exp.new"
  printf 'status: %s\nstderr: %s\n' "$status" "$line" >>"$exp.new"
  [ -z "$warnings" ] || printf '%s' "$warnings" | sed 's/^/warning: /' >>"$exp.new"
  mv "$exp.new" "$exp"
}
# Warning lines (": warning: ") apart from the rest of stderr: the `stderr:`
# line is the first other one, and `warning:` lines list the warnings exactly.
split_stderr() {
  local err=$1
  warnings=$(grep -F ': warning: ' "$err"; true)
  [ -z "$warnings" ] || warnings+=$'\n'
  line=$(grep -v -F ': warning: ' "$err" | head -n 1; true)
}
# A case with warnings and status 0 fails with --strict: exit 1, nothing on
# stdout, the first warning as an error.
check_strict() {
  local bin=$1 t=$2 name=$3 stdin=$4
  shift 4
  local first=${e_warnings%%$'\n'*} got line
  "$bin" "$1" --strict "${@:2}" <"$stdin" >"$t/strict.out" 2>"$t/strict.err"
  got=$?
  IFS= read -r line <"$t/strict.err"
  if [ "$got" != 1 ]; then echo "FAIL $name: --strict exit $got, wanted 1"; return 1; fi
  [ ! -s "$t/strict.out" ] || { echo "FAIL $name: --strict wrote stdout"; return 1; }
  if [ "$line" != "${first/: warning: /: error: }" ]; then
    echo "FAIL $name: --strict first line: $line"; return 1
  fi
}

# With -o OUT after the command word: OUT keeps its content, no temp file stays.
check_out_file() {
  local bin=$1 t=$2 name=$3 status=$4 stdin=$5; shift 5
  local words=("$@") out=$t/out.json
  echo previous >"$out"
  "$bin" "${words[0]}" -o "$out" "${words[@]:1}" <"$stdin" >"$t/o.stdout" 2>/dev/null
  local got=$?
  [ "$got" -eq "$status" ] || { echo "FAIL $name: with -o: exit $got"; return 1; }
  [ "$(cat "$out")" = previous ] || { echo "FAIL $name: with -o: OUT was changed"; return 1; }
  [ ! -s "$t/o.stdout" ] || { echo "FAIL $name: with -o: stdout not empty"; return 1; }
  local left=("$t"/out.json.*)
  [ ! -e "${left[0]}" ] || { echo "FAIL $name: with -o: temp file left"; return 1; }
}

# Whether case number $1 named $2 runs under DSJ_TEST_WRAPPER.
wrapped() {
  [ -n "${DSJ_TEST_WRAPPER:-}" ] || return 1
  [ -n "${DSJ_BAD_WRAP_EVERY:-}" ] || return 0
  case $2 in alias-* | deep-* | huge-* | over-* | env-1* | oci-* | limit-* | utf8-*) return 0 ;; esac
  [ $(($1 % DSJ_BAD_WRAP_EVERY)) -eq 0 ]
}

run_case() {
  local bin=$1 work=$2 here=$3 record=$4 index=$5 name=$6 wrapper=
  wrapped "$index" "$name" && wrapper=$DSJ_TEST_WRAPPER
  local exp=$here/cases/$name/expected
  [ -f "$exp" ] || { echo "FAIL $name: no expected file"; return 1; }
  read_expected "$exp"
  if [ "$e_root" = skip ] && [ "$EUID" -eq 0 ]; then
    echo "SKIP $name: root reads files whatever their mode"; return 0
  fi
  local input=$e_input stdin=${e_stdin:-/dev/null} words t=$work/t.$name
  [ -n "$input" ] || input=$(default_input "$name")
  [ "$input" = none ] && input=
  read -r -a words <<<"$e_command"
  [ -n "$input" ] && words+=("$input")
  mkdir "$t"
  $wrapper "$bin" "${words[@]}" <"$stdin" >"$t/stdout" 2>"$t/stderr"
  local got=$? line= warnings=
  split_stderr "$t/stderr"
  if [ "$record" = 1 ]; then
    record_case "$exp" "$got" "$line" "$warnings"
    echo "ok $name (recorded)"; return 0
  fi
  if [ "$got" != "$e_status" ]; then
    echo "FAIL $name: exit $got, wanted $e_status; stderr: $line"; return 1
  fi
  if [ "$line" != "$e_stderr" ]; then
    echo "FAIL $name: first stderr line"; echo "FAIL   got:  $line"; echo "FAIL   want: $e_stderr"
    return 1
  fi
  if [ "$warnings" != "$e_warnings" ]; then
    echo "FAIL $name: warnings"; echo "FAIL   got:  $warnings"; echo "FAIL   want: $e_warnings"
    return 1
  fi
  if [ -n "$e_warnings" ] && [ "$got" = 0 ]; then
    check_strict "$bin" "$t" "$name" "$stdin" "${words[@]}" || return 1
  fi
  [ ! -s "$t/stdout" ] || [ "$got" = 0 ] || { echo "FAIL $name: stdout not empty"; return 1; }
  case "${words[0]}" in translate | extract)
    if [ "$got" = 1 ]; then
      check_out_file "$bin" "$t" "$name" "$got" "$stdin" "${words[@]}" || return 1
    fi ;;
  esac
  rm -rf "$t"
  echo "ok $name"
}
