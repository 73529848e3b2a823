#!/usr/bin/env bash
# Cold-start benchmark: mx generate vs cookiecutter vs dotnet new, and mx --help vs an R2R hello world.
# Usage (from the repo root): bash bench/startup.sh        -- see bench/README.md
#   RUNS=N             timed runs per command (default 7; 5 or more for numbers worth quoting)
#   MX_REF=<git ref>   benchmark a committed version (exported with git archive) instead of the working tree
#   SKIP_PUBLISH=1     reuse bench/.work/mx and bench/.work/hello from the last run
#   REGEN_TEMPLATES=1  rebuild bench/templates/ from the published mx's output first
#   MX_VARIANTS='name:VAR=V,VAR2=V;name2:...'  extra mx generate cases with DOTNET_ knobs, timed in the same rounds
#   LOAD_LIMIT=1.0 LOAD_WAIT=300   wait up to LOAD_WAIT s for the 1-min load average to fall to LOAD_LIMIT
#   BENCH_NICE=-10     run the timed processes at a higher priority (root) when the machine is shared and busy
# Everything it builds or writes goes under bench/.work/ (git-ignored); results: bench/.work/results.md
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="$BENCH/.work"
RUNS="${RUNS:-7}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$WORK"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 is needed (apt-get install -y python3)"
command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is needed"
[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -ge 1 ]] || die "RUNS must be a positive number (got '$RUNS')"

# ---------------------------------------------------------------- cookiecutter (Debian's package)
if ! command -v cookiecutter >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing cookiecutter (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cookiecutter >/dev/null
  else
    die "cookiecutter is not installed. Install it with: sudo apt-get install -y cookiecutter   (then run this again)"
  fi
fi

# ---------------------------------------------------------------- what to publish
if [ -n "${MX_REF:-}" ]; then
  rev=$(git -C "$ROOT" rev-parse --short "$MX_REF^{commit}") || die "MX_REF=$MX_REF is not a commit"
  SRC="$WORK/src"
  SOURCE_DESC="git $MX_REF ($rev), exported with git archive"
else
  SRC="$ROOT"
  rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=""
  [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench' 2>/dev/null)" ] && dirty=" + uncommitted changes"
  SOURCE_DESC="working tree at $rev$dirty"
fi

# publish PROJECT OUTDIR LOG R2R(true|false): framework-dependent linux-x64, build output kept under bench/.work
publish() {
  rm -rf "$2"
  dotnet publish "$1" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun="$4" \
    -o "$2" --artifacts-path "$WORK/artifacts" >"$3" 2>&1
}

# publish_r2r NAME PROJECT OUTDIR: tries ReadyToRun, falls back to a plain Release publish; sets STATUS
publish_r2r() {
  local name=$1 project=$2 out=$3 log="$WORK/publish-$1.log" count crossgen
  say "publishing $name ReadyToRun -> ${out#"$ROOT"/}"
  if publish "$project" "$out" "$log" true; then
    count=$(python3 "$BENCH/run.py" --r2r-check "$out") || true
    # the crossgen2 package restore pulled in, as recorded in the project's assets file
    crossgen=$(python3 - "$WORK/artifacts/obj/$(basename "$project" .csproj)/project.assets.json" <<'PY' 2>/dev/null || true
import json, sys
for fw in json.load(open(sys.argv[1]))["project"]["frameworks"].values():
    for dep in fw.get("downloadDependencies", []):
        if dep["name"].lower().startswith("microsoft.netcore.app.crossgen2"):
            print(dep["version"].strip("[]").split(",")[0].strip())
PY
)
    STATUS="ReadyToRun (crossgen2 ${crossgen:-?}; $count assemblies R2R)"
    case "$count" in 0/*|"") STATUS="NOT ReadyToRun: publish succeeded but no assembly has an R2R header ($count)";; esac
    return 0
  fi
  echo "   ReadyToRun publish failed; last lines of $log:" >&2
  grep -E "error|warning NETSDK" "$log" | sort -u | head -n 15 >&2 || tail -n 15 "$log" >&2
  if grep -q "error CS" "$log"; then   # the code doesn't compile: a plain publish won't either
    die "could not build $name (log: $log).$( [ "$name" = mx ] && [ -z "${MX_REF:-}" ] && echo " If the working tree is mid-edit, try MX_REF=HEAD bash bench/startup.sh")"
  fi
  say "falling back to a plain Release publish of $name (no ReadyToRun)"
  if publish "$project" "$out" "$log.plain" false; then
    STATUS="NOT ReadyToRun: the R2R publish failed (see bench/.work/publish-$name.log), plain Release publish used"
    return 0
  fi
  grep -E "error" "$log.plain" | sort -u | head -n 20 >&2 || true
  die "could not publish $name (logs: $log, $log.plain).$( [ "$name" = mx ] && [ -z "${MX_REF:-}" ] && echo " If the working tree is mid-edit, try MX_REF=HEAD bash bench/startup.sh")"
}

MX="$WORK/mx/mx"
HELLO="$WORK/hello/hello"
if [ "${SKIP_PUBLISH:-}" = 1 ] && [ -x "$MX" ] && [ -x "$HELLO" ] && [ -f "$WORK/publish-status" ]; then
  say "SKIP_PUBLISH=1: reusing bench/.work/mx and bench/.work/hello"
  # shellcheck disable=SC1091
  . "$WORK/publish-status"
else
  if [ -n "${MX_REF:-}" ]; then
    rm -rf "$SRC" && mkdir -p "$SRC"
    git -C "$ROOT" archive "$MX_REF" | tar -x -C "$SRC"
  fi
  publish_r2r mx "$SRC/Mx.Cli/Mx.Cli.csproj" "$WORK/mx"; MX_STATUS=$STATUS
  publish_r2r hello "$BENCH/hello/hello.csproj" "$WORK/hello"; HELLO_STATUS=$STATUS
  printf 'MX_STATUS=%q\nHELLO_STATUS=%q\nSOURCE_DESC=%q\n' "$MX_STATUS" "$HELLO_STATUS" "$SOURCE_DESC" >"$WORK/publish-status"
fi
say "mx:    $MX_STATUS"
say "hello: $HELLO_STATUS"

# ---------------------------------------------------------------- peer templates
if [ "${REGEN_TEMPLATES:-}" = 1 ]; then
  say "regenerating bench/templates from mx's output"
  rm -rf "$WORK/regen" && mkdir -p "$WORK/regen"
  (cd "$WORK/regen" && "$MX" generate MLProjectSkeleton --name mxbenchproj --no-input >/dev/null)
  python3 "$BENCH/make-peer-templates.py" "$WORK/regen/mxbenchproj" --name mxbenchproj --out "$BENCH/templates"
fi
if [ ! -f "$BENCH/templates/cookiecutter/cookiecutter.json" ] || [ ! -f "$BENCH/templates/dotnet-new/.template.config/template.json" ]; then
  die "bench/templates/ is missing; create it with REGEN_TEMPLATES=1 bash bench/startup.sh"
fi

# cookiecutter: keep its replay files and caches out of the user's home
cat >"$WORK/cookiecutterrc" <<EOF
cookiecutters_dir: "$WORK/cookiecutter/cookiecutters"
replay_dir: "$WORK/cookiecutter/replay"
EOF

# dotnet new: a private template hive, so the user's installed templates are untouched
HIVE="$WORK/dotnet-new-hive"
rm -rf "$HIVE"
say "installing the dotnet new template into a custom hive (bench/.work/dotnet-new-hive)"
dotnet new install "$BENCH/templates/dotnet-new" --debug:custom-hive "$HIVE" >"$WORK/dotnet-new-install.log" 2>&1 \
  || { cat "$WORK/dotnet-new-install.log" >&2; die "dotnet new install failed"; }

# ---------------------------------------------------------------- run
say "timing (RUNS=$RUNS; $(cookiecutter --version | cut -d' ' -f1-2); dotnet SDK $(dotnet --version))"
python3 "$BENCH/run.py" --runs "$RUNS" --mx "$MX" --hello "$HELLO" \
  --cc-template "$BENCH/templates/cookiecutter" --cc-config "$WORK/cookiecutterrc" --hive "$HIVE" \
  --source "$SOURCE_DESC" --r2r-status "mx: $MX_STATUS; hello: $HELLO_STATUS" \
  --markdown "$WORK/results.md" --json "$WORK/results.json"
