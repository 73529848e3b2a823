#!/usr/bin/env python3
"""What loading one plugin adds to a cold `mx list` (target: under 100 ms).

Builds the mx generator SDK and the sample plugin samples/Acme.Mx.Generators into a local feed, makes two
projects with the ReadyToRun-published mx (one plain skeleton, one with the plugin added), then times
`mx list` in each as a fresh process, alternately (A B A B ...), and reports the medians and their difference.

    python3 bench/plugin_load.py [--runs 15]      (run from the repository root; bench/startup.sh publishes mx)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", ".work", "plugin-load")
MX = os.path.join(ROOT, "bench", ".work", "mx", "mx")


def run(args, cwd=ROOT, env=None, quiet=True):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=quiet, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_sources(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("bin", "obj"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not os.path.exists(MX):
        run(["dotnet", "publish", "Mx.Cli", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
             "-p:PublishReadyToRun=true", "-o", os.path.dirname(MX)], quiet=False)

    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    feed, home = os.path.join(WORK, "feed"), os.path.join(WORK, "home")
    # A fresh SDK version each time, so NuGet's global cache never hands back an older build.
    sdk = f"0.1.{int(time.time()) - 1767225600}"
    sdk_src = os.path.join(WORK, "sdk")
    for name in ("Directory.Build.props", "Directory.Packages.props"):
        os.makedirs(sdk_src, exist_ok=True)
        shutil.copy(os.path.join(ROOT, name), sdk_src)
    for project in ("Mx.Templates", "Mx.Generators"):
        copy_sources(os.path.join(ROOT, project), os.path.join(sdk_src, project))
        run(["dotnet", "pack", project, "-c", "Release", "-o", feed, f"-p:Version={sdk}",
             "-p:AssemblyVersion=0.1.0.0", "-p:FileVersion=0.1.0.0"], cwd=sdk_src)
    plugin_src = os.path.join(WORK, "Acme.Mx.Generators")
    copy_sources(os.path.join(ROOT, "samples", "Acme.Mx.Generators"), plugin_src)
    run(["dotnet", "pack", "-c", "Release", "-o", feed, f"-p:MxSdkVersion={sdk}", f"-p:RestoreAdditionalProjectSources={feed}"], cwd=plugin_src)

    env = dict(os.environ, MX_HOME=home, NO_COLOR="1")
    plain, with_plugin = os.path.join(WORK, "plain"), os.path.join(WORK, "with-plugin")
    for directory in (plain, with_plugin):
        os.makedirs(directory)
        run([MX, "generate", "MLProjectSkeleton", "--name", "demo", "--no-input"], cwd=directory, env=env)
    run([MX, "plugin", "add", "Acme.Mx.Generators", "--source", feed, "--trust", "--no-input"], cwd=os.path.join(with_plugin, "demo"), env=env)
    assert "DataflowPipeline" in run([MX, "list"], cwd=os.path.join(with_plugin, "demo"), env=env).stdout

    cases = {"mx list (no plugin)": os.path.join(plain, "demo"), "mx list (one plugin)": os.path.join(with_plugin, "demo")}
    times = {name: [] for name in cases}
    for name, cwd in cases.items():  # untimed warm-up: page cache
        run([MX, "list"], cwd=cwd, env=env)
    for _ in range(args.runs):
        for name, cwd in cases.items():
            start = time.perf_counter()
            run([MX, "list"], cwd=cwd, env=env)
            times[name].append(time.perf_counter() - start)

    print(f"{'command':<24} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.runs} runs each, alternating)")
    for name, values in times.items():
        print(f"{name:<24} {statistics.median(values):>9.3f} {min(values):>7.3f} {max(values):>7.3f}")
    base, plugin = (statistics.median(v) for v in times.values())
    added_ms = (plugin - base) * 1000
    print(f"plugin load adds {added_ms:.0f} ms to a cold mx list (target < 100 ms); ratio {plugin / base:.2f}")


if __name__ == "__main__":
    main()
