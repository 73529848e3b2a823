#!/usr/bin/env bash
# Times mx lint against yamllint and flake8 on the same synthetic repository (generate.py: 2,000 Kubernetes
# manifests and 2,000 Python modules), alternating the contenders in every round and printing the median of
# ROUNDS rounds as a Markdown table. mx is the ReadyToRun-published build (a Release build if publishing fails).
#
#   bash bench/lint/run.sh            # COUNT=2000 ROUNDS=3 by default
#
# Needs: the .NET 10 SDK, python3, and Debian's yamllint, flake8 and black (apt-get install yamllint flake8 black).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${COUNT:-2000}
rounds=${ROUNDS:-3}
work=${TMPDIR:-/tmp}/mx-lint-bench

for tool in python3 yamllint flake8 black; do
  command -v "$tool" >/dev/null || { echo "bench/lint/run.sh needs $tool on PATH (apt-get install yamllint flake8 black)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if dotnet publish Mx.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/mx" >"$work/publish.log" 2>&1; then
  mx=("$work/mx/mx"); build="ReadyToRun (linux-x64)"
else
  echo "ReadyToRun publish failed (see $work/publish.log); timing a Release build instead" >&2
  dotnet build Mx.Cli -c Release -o "$work/mx" >/dev/null
  mx=(dotnet "$work/mx/mx.dll"); build="Release build"
fi

python3 bench/lint/generate.py "$work/repo" "$count"
cd "$work/repo"

# Wall-clock seconds of one command; linters exit non-zero when they find something, which is expected here.
seconds() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }'
}
cold() { rm -rf .mx/cache; "${mx[@]}" lint "$@"; }

declare -A times
contenders=(yamllint mx_yaml_cold mx_yaml_warm flake8 black mx_all_cold mx_all_warm)
for ((round = 1; round <= rounds; round++)); do
  times[yamllint]+="$(seconds yamllint k8s) "
  times[mx_yaml_cold]+="$(seconds cold k8s) "
  times[mx_yaml_warm]+="$(seconds "${mx[@]}" lint k8s) "
  times[flake8]+="$(seconds flake8 --max-line-length=100 py) "
  times[black]+="$(seconds black --check --line-length 100 py) "
  times[mx_all_cold]+="$(seconds cold) "
  times[mx_all_warm]+="$(seconds "${mx[@]}" lint) "
done
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rm -rf .mx/cache
findings=$("${mx[@]}" lint k8s | tail -n 1 || true)
echo "mx lint k8s: $findings"
echo
echo "| what ($count manifests, $count Python modules; median of $rounds, $(nproc) cores) | seconds |"
echo "| --- | ---: |"
echo "| yamllint, default config, manifests | $(median "${times[yamllint]}") |"
echo "| mx lint, manifests, cold (no cache) | $(median "${times[mx_yaml_cold]}") |"
echo "| mx lint, manifests, warm (cached) | $(median "${times[mx_yaml_warm]}") |"
echo "| flake8, Python modules | $(median "${times[flake8]}") |"
echo "| black --check, Python modules | $(median "${times[black]}") |"
echo "| mx lint, everything, cold (its rules + flake8 + black) | $(median "${times[mx_all_cold]}") |"
echo "| mx lint, everything, warm (cached) | $(median "${times[mx_all_warm]}") |"
echo
echo "mx: $build"
