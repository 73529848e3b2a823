"""Times 'mx workspace create' against a fake cluster that answers at once, with its peers in the same rounds.

Usage: run.py MX FAKE_TOOL WORKDIR ROUNDS. Prints a Markdown table (median, min, max seconds) and the ratios, and
writes them to WORKDIR/results.md. Each round creates a workspace of a new name, so every create does the same work.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def main():
    mx, fake, work, rounds = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    work = os.path.abspath(work)
    shutil.rmtree(work + "/world", ignore_errors=True)
    home, bin_dir, state = work + "/world/home", work + "/world/bin", work + "/world/state"
    for d in (home + "/.ssh", bin_dir, state):
        os.makedirs(d)
    with open(home + "/.ssh/id_ed25519.pub", "w") as f:
        f.write("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchmarkKeyOnly000000000000000000000000000 bench@host\n")
    for tool in ("kubectl", "gcloud", "docker"):
        path = f"{bin_dir}/{tool}"
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\nexec '{sys.executable}' '{fake}' {tool} \"$@\"\n")
        os.chmod(path, 0o755)
    env = {**os.environ, "HOME": home, "MX_FAKE_LOG": work + "/world/calls.jsonl", "MX_FAKE_STATE": state, "NO_COLOR": "1",
           "PATH": f"{bin_dir}:{os.path.dirname(shutil.which('git'))}"}
    world = work + "/world"
    subprocess.run([mx, "generate", "MLProjectSkeleton", "--name", "acme-vision", "--gcp-project", "acme-vision-prod", "--region",
                    "europe-west4", "--gpu-type", "nvidia-l4", "--no-input"], cwd=world, env=env, check=True, stdout=subprocess.DEVNULL)
    project = world + "/acme-vision"
    subprocess.run([mx, "generate", "DevWorkspace", "--no-input"], cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    image = "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:bench"

    def timed(argv):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        took = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
        return took, done.stdout

    times = {"create": [], "list": [], "kubectl": []}
    phases = []
    for i in range(rounds + 1):
        created, out = timed([mx, "workspace", "create", f"bench{i}", "--image", image, "--yes", "--json"])
        listed, _ = timed([mx, "workspace", "list"])
        kubectl, _ = timed([bin_dir + "/kubectl", "--context", "mx-acme-vision-dev", "--namespace", "training", "get", "pods,persistentvolumeclaims",
                            "--selector", f"mx.dev/workspace=bench{i}", "--output", "json"])
        if i == 0:
            continue  # the warm-up round fills the disk cache
        times["create"].append(created)
        times["list"].append(listed)
        times["kubectl"].append(kubectl)
        phases.append(json.loads(out)["total_seconds"])
    with open(env["MX_FAKE_LOG"]) as f:
        calls = [json.loads(line) for line in f]
    # Each round's list makes two calls (gcloud, kubectl) and the lone kubectl one; the rest are create's.
    per_create = sum(1 for c in calls if c["tool"] in ("kubectl", "gcloud")) / (rounds + 1) - 3

    def row(name, values):
        return f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | {max(values):.3f} |"

    create, kubectl, listed = (statistics.median(times[k]) for k in ("create", "kubectl", "list"))
    lines = [
        f"| command (fake cluster answering at once; {rounds} rounds, {os.cpu_count()} cores) | median s | min s | max s |",
        "| --- | ---: | ---: | ---: |",
        row("mx workspace create NAME --image ... --yes --json", times["create"]),
        row("mx workspace list (peer: same start-up and lookups)", times["list"]),
        row("fake kubectl get ... (peer: one tool call)", times["kubectl"]),
        row("create's own clock, command to ready (total_seconds)", phases),
        "",
        f"- create / list: {create / listed:.2f}",
        f"- create / one fake kubectl call: {create / kubectl:.2f} (create makes about {per_create:.0f} tool calls)",
        f"- mx's own overhead (create minus its {per_create:.0f} tool calls at the fake's speed): {create - per_create * kubectl:.3f} s (goal: under 0.5 s)",
    ]
    print("\n".join(lines))
    with open(work + "/results.md", "w") as f:
        f.write("\n".join(lines) + "\n")


main()
