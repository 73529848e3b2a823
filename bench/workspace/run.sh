#!/usr/bin/env bash
# mx's own overhead for 'mx workspace create' against a fake cluster that answers at once
# (Mx.Tests/Fakes/fake_workspace_tool.py standing in for kubectl, gcloud and docker): from the command to
# "ready" with the ssh host written, against peers timed in the same rounds: the fake kubectl alone (one call)
# and 'mx workspace list' (the same start-up and cluster lookups, no apply, no wait, no ssh config).
#
#   bash bench/workspace/run.sh        # ROUNDS=9 by default; SKIP_PUBLISH=1 reuses bench/.work/mx
#
# Needs: the .NET 10 SDK and python3 with PyYAML (which the fake reads manifests with).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${TMPDIR:-/tmp}/mx-workspace-bench
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mx_dir=bench/.work/mx
if [[ "${SKIP_PUBLISH:-}" != 1 || ! -x "$mx_dir/mx" ]]; then
  if dotnet publish Mx.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
       --artifacts-path bench/.work/artifacts -o "$mx_dir" >"$work/publish.log" 2>&1; then
    echo "published mx ReadyToRun (linux-x64) into $mx_dir"
  else
    echo "ReadyToRun publish failed (see $work/publish.log)" >&2
    exit 1
  fi
fi
python3 bench/workspace/run.py "$mx_dir/mx" Mx.Tests/Fakes/fake_workspace_tool.py "$work" "${ROUNDS:-9}"
