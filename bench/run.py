#!/usr/bin/env python3
"""Round-robin cold-start runner for bench/startup.sh.

Every case is a fresh process, run in its own fresh, empty temporary directory. The cases are run
alternately (A B C D E A B C D E ...), so a change in machine load hits all of them alike. One
untimed warm-up round comes first (page cache, first-run sentinels); it is also the round whose
outputs are compared, to check that the three generators write the same files.

Usually called by bench/startup.sh, which prepares the binaries and templates; see bench/README.md.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

PROJECT = "demo"


# --------------------------------------------------------------------------- ReadyToRun check
def is_ready_to_run(path):
    """True when the PE file carries a ReadyToRun header (CLI header ManagedNativeHeader -> 'RTR')."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe:pe + 4] != b"PE\0\0":
            return False
        nsect, opt_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
        opt = pe + 24
        magic = struct.unpack_from("<H", data, opt)[0]
        dd = opt + (112 if magic == 0x20B else 96)
        cli_rva = struct.unpack_from("<I", data, dd + 14 * 8)[0]
        sections = []
        for i in range(nsect):
            s = opt + opt_size + 40 * i
            vsize, va, rsize, rptr = struct.unpack_from("<IIII", data, s + 8)
            sections.append((va, max(vsize, rsize), rptr))

        def off(rva):
            for va, size, ptr in sections:
                if va <= rva < va + size:
                    return rva - va + ptr
            return None

        cli = off(cli_rva) if cli_rva else None
        if cli is None:
            return False
        mnh_rva = struct.unpack_from("<I", data, cli + 64)[0]
        if not mnh_rva or off(mnh_rva) is None:
            return False
        return struct.unpack_from("<I", data, off(mnh_rva))[0] == 0x00525452  # "RTR\0"
    except (OSError, struct.error):
        return False


def r2r_summary(directory):
    dlls = sorted(f for f in os.listdir(directory) if f.endswith(".dll"))
    r2r = [f for f in dlls if is_ready_to_run(os.path.join(directory, f))]
    return r2r, dlls


# --------------------------------------------------------------------------- helpers
def loadavg():
    try:
        with open("/proc/loadavg") as fh:
            return float(fh.read().split()[0])
    except OSError:
        return float("nan")


def wait_for_quiet(limit, max_wait):
    """Wait (up to max_wait s) until the 1-minute load average drops to limit or below."""
    start = time.time()
    la = loadavg()
    if la <= limit:
        return la, 0.0
    print(f"load average {la:.2f} > {limit:.2f}: something else is busy; waiting up to {max_wait:.0f}s ...",
          flush=True)
    while time.time() - start < max_wait:
        time.sleep(10)
        la = loadavg()
        if la <= limit:
            break
    return la, time.time() - start


def tree(root):
    """{relative path: bytes} of every file under root."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            full = os.path.join(dirpath, f)
            with open(full, "rb") as fh:
                out[os.path.relpath(full, root)] = fh.read()
    return out


def compare_trees(ref_name, ref, other_name, other, size_only=(".mx/state.yaml", ".mx/base")):
    problems = []
    for p in sorted(set(ref) - set(other)):
        problems.append(f"{other_name} lacks {p}")
    for p in sorted(set(other) - set(ref)):
        problems.append(f"{other_name} has extra {p}")
    for p in sorted(set(ref) & set(other)):
        a, b = ref[p], other[p]
        if len(a) != len(b):
            problems.append(f"{p}: {ref_name} {len(a)} bytes, {other_name} {len(b)} bytes")
        elif a != b and p not in size_only:
            problems.append(f"{p}: same size, different content")
    return problems


class Case:
    def __init__(self, key, label, argv, env=None, output=None, group="generate"):
        self.key, self.label, self.argv = key, label, argv
        self.env = env or {}
        self.output = output      # relative dir the case must create (None: nothing to check)
        self.group = group
        self.times = []
        self.cpu = []

    def run(self, base_env, tmp_root):
        """One cold run: (wall seconds, CPU seconds user+sys of the process tree, output files or None)."""
        work = tempfile.mkdtemp(prefix=f"mx-bench-{self.key}-", dir=tmp_root)
        try:
            argv = [a.replace("{out}", work) for a in self.argv]
            env = dict(base_env)
            env.update(self.env)
            with tempfile.TemporaryFile(dir=tmp_root) as err:
                t0 = time.perf_counter_ns()
                p = subprocess.Popen(argv, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=err)
                _, status, usage = os.wait4(p.pid, 0)
                dt = (time.perf_counter_ns() - t0) / 1e9
                p.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
                if p.returncode != 0:
                    err.seek(0)
                    sys.exit(f"error: {self.label} exited {p.returncode}\n  command: {' '.join(argv)}\n"
                             + err.read().decode(errors="replace")[-3000:])
            files = None
            if self.output:
                out_dir = os.path.join(work, self.output)
                if not os.path.isdir(out_dir):
                    sys.exit(f"error: {self.label} did not create {self.output}/ (command: {' '.join(argv)})")
                files = tree(out_dir)
            return dt, cpu, files
        finally:
            shutil.rmtree(work, ignore_errors=True)


def fmt_ratio(a, b):
    return a / b if b else float("nan")


# --------------------------------------------------------------------------- main
def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--r2r-check":
        # Used by startup.sh: print "N/M" ReadyToRun assemblies in a publish dir, and the non-R2R ones.
        r2r, dlls = r2r_summary(sys.argv[2])
        print(f"{len(r2r)}/{len(dlls)}" + ("" if len(r2r) == len(dlls) else
                                          " (not R2R: " + ", ".join(sorted(set(dlls) - set(r2r))) + ")"))
        return 0 if r2r else 1
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 7)))
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    ap.add_argument("--mx", required=True, help="published mx apphost")
    ap.add_argument("--hello", required=True, help="published hello apphost")
    ap.add_argument("--cookiecutter", default=shutil.which("cookiecutter") or "cookiecutter")
    ap.add_argument("--cc-template", required=True)
    ap.add_argument("--cc-config", required=True, help="COOKIECUTTER_CONFIG file (keeps replay files in bench/.work)")
    ap.add_argument("--dotnet", default=shutil.which("dotnet") or "dotnet")
    ap.add_argument("--hive", required=True, help="dotnet new custom hive holding mx-bench-skeleton")
    ap.add_argument("--mx-variants", default=os.environ.get("MX_VARIANTS", ""),
                    help="extra mx cases: 'label:VAR=1,VAR2=0;label2:VAR=...' (profiling knobs)")
    ap.add_argument("--r2r-status", default="", help="text for the results: how mx was published")
    ap.add_argument("--source", default="", help="text for the results: what was published")
    ap.add_argument("--markdown", required=True, help="write the results here as Markdown")
    ap.add_argument("--json", help="also write raw times here")
    ap.add_argument("--load-limit", type=float, default=float(os.environ.get("LOAD_LIMIT", 1.0)))
    ap.add_argument("--load-wait", type=float, default=float(os.environ.get("LOAD_WAIT", 300)))
    ap.add_argument("--nice", type=int, default=int(os.environ.get("BENCH_NICE", 0) or 0),
                    help="renice the runner and its children by this much (negative needs root); "
                         "on a shared, busy machine -10 keeps other work from skewing the numbers")
    args = ap.parse_args()
    nice_note = ""
    if args.nice:
        try:
            os.nice(args.nice)
            nice_note = f"runner niced by {args.nice}"
        except OSError as e:
            print(f"warning: could not renice by {args.nice}: {e}", file=sys.stderr)

    if args.runs < 5:
        print(f"warning: RUNS={args.runs} < 5; fine for a try-out, too few for numbers to quote", file=sys.stderr)

    env = dict(os.environ)
    env.update(DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1",
               COOKIECUTTER_CONFIG=os.path.abspath(args.cc_config))

    gen = ["generate", "MLProjectSkeleton", "--name", PROJECT, "--no-input"]
    cases = [
        Case("mx", "mx generate", [args.mx] + gen, output=PROJECT),
        Case("cc", "cookiecutter", [args.cookiecutter, "--no-input", "-o", "{out}", os.path.abspath(args.cc_template),
                                    f"project_name={PROJECT}"], output=PROJECT),
        Case("dn", "dotnet new", [args.dotnet, "new", "mx-bench-skeleton", "-n", PROJECT, "-o", "{out}/" + PROJECT,
                                  "--debug:custom-hive", os.path.abspath(args.hive)], output=PROJECT),
    ]
    for spec in filter(None, (s.strip() for s in args.mx_variants.split(";"))):
        label, _, assigns = spec.partition(":")
        venv = dict(a.split("=", 1) for a in assigns.split(",") if "=" in a)
        cases.append(Case("mx-" + label, f"mx generate [{label}: {assigns}]", [args.mx] + gen, env=venv,
                          output=PROJECT))
    cases += [
        Case("help", "mx --help", [args.mx, "--help"], group="startup"),
        Case("hello", "R2R hello", [args.hello], group="startup"),
    ]

    tmp_root = tempfile.mkdtemp(prefix="mx-bench-")
    la_start, waited = wait_for_quiet(args.load_limit, args.load_wait)
    if la_start > args.load_limit:
        print(f"warning: load average still {la_start:.2f} after {waited:.0f}s; running anyway "
              "(numbers will be noisy; the round-robin keeps the ratios fairer)", file=sys.stderr)
    started = datetime.datetime.now().astimezone()
    order = " ".join(c.key for c in cases)
    print(f"{len(cases)} cases x ({args.warmup} warm-up + {args.runs} timed) rounds, order per round: {order}",
          flush=True)

    problems = []
    try:
        for w in range(args.warmup):
            outputs = {}
            for c in cases:
                _, _, files = c.run(env, tmp_root)
                if files is not None:
                    outputs[c.label] = files
            if w == 0:
                ref = outputs["mx generate"]
                for label in ("cookiecutter", "dotnet new"):
                    problems += compare_trees("mx", ref, label, outputs[label])
                nfiles, nbytes = len(ref), sum(len(v) for v in ref.values())
        if args.warmup == 0:
            nfiles = nbytes = None
        load_samples = []
        for r in range(args.runs):
            for c in cases:
                dt, cpu, _ = c.run(env, tmp_root)
                c.times.append(dt)
                c.cpu.append(cpu)
            load_samples.append(loadavg())
            print(f"  round {r + 1}/{args.runs}: " + "  ".join(f"{c.key} {c.times[-1]:.3f}" for c in cases),
                  flush=True)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)

    med = {c.key: statistics.median(c.times) for c in cases}
    cpu = {c.key: statistics.median(c.cpu) for c in cases}
    rows = [(c.label, med[c.key], min(c.times), max(c.times), cpu[c.key]) for c in cases]
    # The same ratios from CPU time (user+sys): less sensitive to other load on the machine,
    # though it sums all threads (the runtime's background JIT thread included).
    cpu_ratios = [(n, fmt_ratio(cpu[a], cpu[b])) for n, a, b in (
        ("mx generate / cookiecutter", "mx", "cc"), ("mx generate / dotnet new", "mx", "dn"),
        ("mx --help / R2R hello", "help", "hello"))]
    ratios = [
        ("mx generate / cookiecutter", fmt_ratio(med["mx"], med["cc"]), "<= 0.5"),
        ("mx generate / dotnet new", fmt_ratio(med["mx"], med["dn"]), None),
        ("mx --help / R2R hello", fmt_ratio(med["help"], med["hello"]), "<= 2.0"),
    ]
    for c in cases:
        if c.key.startswith("mx-"):
            ratios.append((f"{c.label} / mx generate", fmt_ratio(med[c.key], med["mx"]), None))

    def verdict(value, target):
        if not target:
            return ""
        limit = float(target.split()[-1])
        return "  (target " + target + ": " + ("met" if value <= limit else "NOT met") + ")"

    # ---- console
    w = max(len(r[0]) for r in rows)
    print()
    print(f"{'command':<{w}}  {'median s':>9}  {'min s':>7}  {'max s':>7}  {'CPU s (median)':>14}")
    for label, m, lo, hi, c in rows:
        print(f"{label:<{w}}  {m:9.3f}  {lo:7.3f}  {hi:7.3f}  {c:14.3f}")
    print()
    for name, val, target in ratios:
        print(f"{name} = {val:.2f}{verdict(val, target)}")
    print("(by CPU time: " + ", ".join(f"{n} = {v:.2f}" for n, v in cpu_ratios) + ")")
    if problems:
        print("\nwarning: the peer outputs differ from mx's output (regenerate the peer templates: "
              "REGEN_TEMPLATES=1 bash bench/startup.sh):")
        for p in problems[:20]:
            print("  " + p)
    elif nfiles is not None:
        print(f"\noutputs checked: mx, cookiecutter and dotnet new each wrote the same {nfiles} files "
              f"({nbytes} bytes; .mx/state.yaml and .mx/base compared by size)")

    # ---- markdown
    la_end = loadavg()
    md = []
    md.append(f"## Startup benchmark ({started:%Y-%m-%d %H:%M %Z})")
    md.append("")
    md.append(f"Cold processes, {args.runs} timed runs each after {args.warmup} untimed warm-up round(s), "
              f"run round-robin ({order}); each run in a fresh empty temp dir. "
              f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
              f"load average {la_start:.2f} at start, {la_end:.2f} at end"
              f" (max {max(load_samples) if load_samples else float('nan'):.2f} during)"
              + (f"; {nice_note}" if nice_note else "") + ".")
    md.append("")
    if args.source:
        md.append(f"- mx source: {args.source}")
    if args.r2r_status:
        md.append(f"- mx publish: {args.r2r_status}")
    if nfiles is not None:
        md.append(f"- output per generator: {nfiles} files, {nbytes} bytes"
                  + ("" if not problems else f" — WARNING: peers differ from mx ({len(problems)} problems)"))
    md.append("")
    md.append("| command | median (s) | min (s) | max (s) | CPU user+sys, median (s) |")
    md.append("| --- | ---: | ---: | ---: | ---: |")
    for label, m, lo, hi, c in rows:
        md.append(f"| `{label}` | {m:.3f} | {lo:.3f} | {hi:.3f} | {c:.3f} |")
    md.append("")
    md.append("Ratios of the median wall times:")
    md.append("")
    for name, val, target in ratios:
        md.append(f"- `{name} = {val:.2f}`{verdict(val, target)}")
    md.append("")
    md.append("The same from CPU time (less sensitive to other load): "
              + ", ".join(f"{n} = {v:.2f}" for n, v in cpu_ratios) + ".")
    md.append("")
    md.append("Commands:")
    md.append("")
    for c in cases:
        here = os.getcwd() + os.sep
        shown = " ".join(os.path.relpath(a) if a.startswith(here) else a for a in c.argv)
        envs = " ".join(f"{k}={v}" for k, v in c.env.items())
        md.append(f"- {c.label}: `{(envs + ' ') if envs else ''}{shown}`")
    md.append("")
    os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
    with open(args.markdown, "w") as fh:
        fh.write("\n".join(md))
    print(f"\nMarkdown: {os.path.relpath(args.markdown)}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"started": started.isoformat(), "runs": args.runs,
                       "cases": {c.label: c.times for c in cases},
                       "cpu": {c.label: c.cpu for c in cases},
                       "medians": {c.label: med[c.key] for c in cases},
                       "ratios": {n: v for n, v, _ in ratios},
                       "load": {"start": la_start, "end": la_end, "during": load_samples},
                       "problems": problems}, fh, indent=2)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
