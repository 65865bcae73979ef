#!/usr/bin/env bash
# Entrypoint of the job image's Flink pods (flinkConfiguration kubernetes.entry.path).
#
# Why: a FlinkDeployment's job arguments are plain strings in the Flink configuration the operator writes, with
# no way to read a ConfigMap or a Secret. The pods do get environment variables from both (valueFrom), so job
# arguments name them as ${JOBARG_<NAME>} and this script substitutes exactly those variables (nothing else: the
# configuration holds other '$' text, such as $internal.* keys) into a private copy of the configuration
# directory, then hands over to Flink's own entrypoint with FLINK_CONF_DIR pointing at the copy.
#
# Substituted values end up in a YAML file: they must be plain scalars (host:port lists, URLs, the
# alphanumeric passwords ECK generates). A value with a quote or a newline is refused.
#
# Only the JobManager runs the jobs' main() and reads the arguments, and only its pod gets the JOBARG_* variables
# (components/flink-defaults/pod-template.yaml). TaskManagers read the same configuration but not the arguments:
# they start Flink unchanged, placeholders and all, and never see a credential.
set -euo pipefail

source_dir="${FLINK_CONF_DIR:-${FLINK_HOME:-/opt/flink}/conf}"
target_dir="${INFOMETIS_CONF_COPY_DIR:-/tmp/infometis-flink-conf}"
delegate="${INFOMETIS_DELEGATE_ENTRYPOINT:-/docker-entrypoint.sh}"

# Native Kubernetes starts the JobManager as: bash -c "kubernetes-jobmanager.sh kubernetes-application|session".
case " $* " in
  *kubernetes-jobmanager.sh*|" jobmanager "*|" standalone-job "*) ;;
  *) exec "$delegate" "$@" ;;
esac

mkdir -p "$target_dir"
cp -rL "$source_dir"/. "$target_dir"/

names=()
while IFS= read -r name; do
  value="${!name}"
  if [[ "$value" == *\'* || "$value" == *\"* || "$value" == *$'\n'* ]]; then
    echo "entrypoint: environment variable $name holds a quote or a newline; it cannot be put into the Flink configuration" >&2
    exit 64
  fi
  names+=("\${$name}")
done < <(compgen -e | grep '^JOBARG_' || true)

for file in "$target_dir"/config.yaml "$target_dir"/flink-conf.yaml; do
  [[ -f "$file" ]] || continue
  if ((${#names[@]} > 0)); then
    envsubst "${names[*]}" < "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  if grep -o '\${JOBARG_[A-Za-z0-9_]*}' "$file" > /tmp/infometis-unset 2>/dev/null; then
    echo "entrypoint: $(basename "$file") refers to unset variables: $(sort -u /tmp/infometis-unset | tr '\n' ' ')" >&2
    exit 64
  fi
done

export FLINK_CONF_DIR="$target_dir"
exec "$delegate" "$@"
