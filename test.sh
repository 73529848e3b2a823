#!/usr/bin/env bash
# README's test command: installs what the tests run besides .NET (Debian packages), then runs them.
# Arguments go to 'dotnet test' (CI passes --no-build after its own build).
set -euo pipefail
cd "$(dirname "$0")"

# Root (CI containers) installs directly; anyone else goes through sudo, which asks once.
if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
packages=()
# The tests run python3 (py_compile, tomllib) and, as root, setpriv to test permissions as another user.
command -v python3 >/dev/null || packages+=(python3)
command -v setpriv >/dev/null || packages+=(util-linux)
# Crash tests kill mx at chosen file-system calls with strace; git makes --git's first commit.
command -v strace >/dev/null || packages+=(strace)
command -v git >/dev/null || packages+=(git)
# mx lint hands Python files to flake8 and black when ruff is absent; its tests run them for real.
command -v flake8 >/dev/null || packages+=(flake8)
command -v black >/dev/null || packages+=(black)
# The workspace tests run a real sshd as the workspace's, reached by the real ssh through mx's proxy, and sync with rsync.
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
command -v ssh >/dev/null || packages+=(openssh-client)
command -v rsync >/dev/null || packages+=(rsync)
# The GPU monitoring tests parse the generated alert rules and dashboard queries with promtool.
command -v promtool >/dev/null || packages+=(prometheus)
# The docs server's generated nginx configuration is served by a real nginx.
[ -x /usr/sbin/nginx ] || packages+=(nginx)
# The generated trainer and its own tests run for real on CPU with Debian's PyTorch, OmegaConf and pytest
# (MLflow and Hydra are test doubles in Mx.Tests/Fakes/python: Debian packages neither).
# mx docs builds and serves the generated docs with Debian's Sphinx, MyST and sphinx-autobuild.
for module in torch:python3-torch omegaconf:python3-omegaconf pytest:python3-pytest sphinx:python3-sphinx \
              myst_parser:python3-myst-parser sphinx_autobuild:python3-sphinx-autobuild; do
  /usr/bin/python3 -c "import ${module%%:*}" 2>/dev/null || packages+=("${module#*:}")
done
if [ "${#packages[@]}" -gt 0 ]; then
  echo "Installing the tests' prerequisites: ${packages[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
if [ ! -d ../shared/schemas ]; then
  echo "warning: ../shared/schemas is missing; the schema tests need it beside the repository" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
exec dotnet test mx.sln "$@"
