# bash completion for dsjob                                  -*- shell-script -*-
_dsjob() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
  fi
  local commands="translate extract validate diff schema artifact run apply watch cancel get --jsonl --version --help"
  local oci="--config-file --profile --auth --region --endpoint --output --debug"
  local limits="--max-input-bytes --max-depth --max-nodes --max-scalar-bytes --max-env-vars"
  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    return
  fi
  case $prev in
    --ads) COMPREPLY=($(compgen -W "2.8 2.15" -- "$cur")); return ;;
    --auth) COMPREPLY=($(compgen -W "api_key security_token resource_principal" -- "$cur")); return ;;
    --engine) COMPREPLY=($(compgen -W "podman docker" -- "$cur")); return ;;
    --config-file | --driver-dir | --workdir | --python) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --profile | --endpoint | --job-id | --env | --args | --name | --timeout) return ;;
    --format) COMPREPLY=($(compgen -W "api oci-cli" -- "$cur")); return ;;
    --output) COMPREPLY=($(compgen -W "json yaml" -- "$cur")); return ;;
    --region | --artifact | --max-*) return ;;
    -o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  local opts
  case ${words[1]} in
    translate) opts="--ads --region --format --output --strict --explain -o --help $limits" ;;
    extract) opts="--ads --artifact --runtime-only --output -o --help $limits" ;;
    validate) opts="--ads --region --strict --quiet --help $limits" ;;
    diff) opts="--ads --region --job-id --help $limits $oci" ;;
    schema) opts="--strict --help" ;;
    artifact) opts="-o --list --output --driver-dir --ads --region --config-file --profile --auth --endpoint --debug --help $limits" ;;
    run) opts="--local --job-id --env --args --name --watch --cancel-on-interrupt --timeout --workdir --keep --inherit-env --python --engine --driver-dir --ads --help $limits $oci" ;;
    apply) opts="--dry-run --help $oci" ;;
    watch) opts="--cancel-on-interrupt --help $oci" ;;
    cancel | get) opts="--help $oci" ;;
    --jsonl) opts="--ads $limits" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _dsjob dsjob
