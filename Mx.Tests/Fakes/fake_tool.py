#!/usr/bin/env python3
"""A stand-in for pulumi, gcloud, kubectl, gke-gcloud-auth-plugin and docker in mx's tests.

Tests install a launcher per tool (`exec python3 fake_tool.py <tool> "$@"`) in a directory they put on PATH.
Every run appends one JSON line to $MX_FAKE_LOG: the tool, its argv, cwd, the environment variables mx is
expected to set, and standard input when it reads it. pulumi replays engine-event streams from events/ in
pulumi's real `--json` format, chosen by $MX_FAKE_SCENARIO (fresh, noop, gpu-replace, failure, cancel, locked, peering).
gcloud buckets and kube contexts live as files under $MX_FAKE_STATE, so a sequence of runs behaves consistently.
Like the real tools, it rejects commands and flags it does not know. Each log line carries the time of the
call ("t"); $MX_FAKE_VERSION_DELAY makes version queries take that many seconds, as real tools' cold starts do.
docker's daemon answers only when $MX_FAKE_DOCKER_DAEMON is "up".
"""
import json
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EVENTS = os.path.join(HERE, "events")
RECORDED_ENV = ["PULUMI_BACKEND_URL", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_ENABLE_STREAMING_JSON_PREVIEW", "CLOUDSDK_CORE_DISABLE_PROMPTS"]
interrupted = False


def log(tool, args, **extra):
    entry = {"tool": tool, "argv": args, "cwd": os.getcwd(), "t": time.time(),
             "env": {k: os.environ[k] for k in RECORDED_ENV if k in os.environ}}
    entry["env"]["passphrase_set"] = "PULUMI_CONFIG_PASSPHRASE" in os.environ or "PULUMI_CONFIG_PASSPHRASE_FILE" in os.environ
    entry.update(extra)
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps(entry) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def state_path(*parts):
    path = os.path.join(os.environ["MX_FAKE_STATE"], *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def flag(args, name):
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


def require_flags(args, allowed):
    for a in args:
        if a.startswith("-") and a not in allowed:
            fail(f"error: unknown flag: {a}", 2)


# ---- pulumi ----

PULUMI_COMMON = {"--non-interactive", "--color", "--stack"}


def pulumi(args):
    scenario = os.environ.get("MX_FAKE_SCENARIO", "fresh")
    if args == ["version"]:
        log("pulumi", args)
        print("v3.259.0")
        return
    if "PULUMI_BACKEND_URL" not in os.environ:
        fail("error: PULUMI_BACKEND_URL is not set and no backend is logged in", 255)
    if not (("PULUMI_CONFIG_PASSPHRASE" in os.environ) or os.environ.get("PULUMI_CONFIG_PASSPHRASE_FILE")):
        fail("error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables", 255)
    if not os.path.exists("Pulumi.yaml"):
        fail("error: no Pulumi.yaml project file found (searching upwards from " + os.getcwd() + ")", 255)
    with open("Pulumi.yaml") as f:
        project = next(line.split(":", 1)[1].strip() for line in f if line.startswith("name:"))
    program = project.rsplit("-", 1)[1]
    command = args[0] if args else ""

    if args[:2] == ["stack", "select"]:
        require_flags(args[2:], PULUMI_COMMON | {"--create"})
        log("pulumi", args)
        return
    if args[:2] == ["stack", "output"]:
        require_flags(args[2:], PULUMI_COMMON | {"--json"})
        log("pulumi", args)
        with open(os.path.join(EVENTS, "outputs", program + ".json")) as f:
            outputs = json.load(f)
        # $MX_FAKE_EXTRA_OUTPUTS names a JSON file of outputs a generator's resources add to the cluster stack.
        extra = os.environ.get("MX_FAKE_EXTRA_OUTPUTS")
        if extra and program == "cluster":
            with open(extra) as f:
                outputs.update(json.load(f))
        sys.stdout.write(json.dumps(outputs, indent=4) + "\n")
        return
    if args[:2] == ["config", "set-all"]:
        require_flags(args[2:], PULUMI_COMMON | {"--plaintext"})
        log("pulumi", args)
        return
    if args[:2] == ["config", "set"]:
        require_flags(args[3:], PULUMI_COMMON | {"--secret"})
        log("pulumi", args, stdin=sys.stdin.read())
        return
    if args[:2] == ["config", "rm"]:
        require_flags(args[3:], PULUMI_COMMON)
        log("pulumi", args)
        return
    if command == "cancel":
        require_flags(args[1:], PULUMI_COMMON | {"--yes"})
        log("pulumi", args)
        return
    if command not in ("up", "preview", "destroy"):
        fail(f"error: unknown command \"{command}\" for \"pulumi\"", 2)

    require_flags(args[1:], PULUMI_COMMON | {"--yes", "--skip-preview", "--json", "--refresh", "--target", "--exclude-protected"})
    if command != "preview" and not ("--yes" in args):
        fail("error: --yes or --skip-preview must be passed in to proceed when running in non-interactive mode", 255)
    log("pulumi", args)
    if scenario == "locked":
        stack = flag(args, "--stack")
        backend = os.environ["PULUMI_BACKEND_URL"]
        fail("error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with "
             f"`pulumi cancel`.\n  {backend}/.pulumi/locks/organization/{project}/{stack}/6f4b0e58-1c55-4a08-9c31-5e2f0d9b1a7e.json: "
             "created by ada@laptop (pid 41234) at 2026-01-01T09:12:44Z", 255)

    name = f"{program}.{command}{'-target' if '--target' in args else ''}.jsonl"
    path = os.path.join(EVENTS, scenario, name)
    if not os.path.exists(path):
        fail(f"fake pulumi: no fixture {scenario}/{name}", 99)
    with open(path) as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]

    if command == "preview" and os.environ.get("PULUMI_ENABLE_STREAMING_JSON_PREVIEW") != "true":
        # Without the variable, pulumi prints the preview as one JSON document at the end.
        print(json.dumps({"steps": [json.loads(l) for l in lines]}, indent=4))
        return

    hold_for_interrupt = scenario == "cancel"
    for line in lines:
        if hold_for_interrupt and ('"diagnosticEvent"' in line and "update canceled" in line):
            wait_for_interrupt(args)
            hold_for_interrupt = False
        print(line, flush=True)
        time.sleep(0.002)
    if (scenario == "failure" and command == "up") or (scenario == "peering" and command == "destroy" and program == "cluster"):
        sys.exit(255)
    if scenario == "cancel":
        sys.stderr.write("error: update canceled\n")
        sys.exit(255)


def wait_for_interrupt(args):
    deadline = time.time() + 60
    while not interrupted and time.time() < deadline:
        time.sleep(0.05)
    log("pulumi", args, interrupted=interrupted)
    if not interrupted:
        fail("fake pulumi: no interrupt arrived within 60 s", 98)


def on_interrupt(signum, frame):
    global interrupted
    interrupted = True


# ---- gcloud ----

def gcloud(args):
    log("gcloud", args, stdin=None)
    if args[:1] == ["version"]:
        print(json.dumps({"Google Cloud SDK": "528.0.0", "core": "2025.06.20"}))
        return
    if args[:2] == ["auth", "list"]:
        account = os.environ.get("MX_FAKE_GCLOUD_ACCOUNT")
        print(json.dumps([{"account": account, "status": "ACTIVE"}] if account else []))
        if not account:
            sys.stderr.write("\nNo credentialed accounts.\n")
        return
    if args[:2] == ["storage", "buckets"]:
        bucket = args[3].removeprefix("gs://")
        marker = state_path("buckets", bucket)
        if args[2] == "describe":
            if not os.path.exists(marker):
                fail(f"ERROR: (gcloud.storage.buckets.describe) gs://{bucket} not found: 404.")
            print(json.dumps({"name": bucket}))
            return
        if args[2] == "create":
            require_flags(args[4:], {"--project", "--location", "--uniform-bucket-level-access", "--public-access-prevention", "--quiet"})
            open(marker, "w").close()
            return
        if args[2] == "update":
            require_flags(args[4:], {"--project", "--versioning", "--update-labels", "--quiet"})
            if not os.path.exists(marker):
                fail(f"ERROR: (gcloud.storage.buckets.update) gs://{bucket} not found: 404.")
            return
    if args[:2] == ["services", "enable"]:
        require_flags(args[2:], {"--project", "--quiet"})
        if not flag(args, "--project") or not [a for a in args[2:] if a.endswith(".googleapis.com")]:
            fail("ERROR: (gcloud.services.enable) argument SERVICE [SERVICE ...]: Must be specified.", 2)
        print("Operation \"operations/acat.p2-0000\" finished successfully.", file=sys.stderr)
        return
    if args[:3] == ["dns", "managed-zones", "describe"]:
        # $MX_FAKE_ZONES: JSON {"PROJECT/ZONE": "dns.name."}, the zones gcloud finds.
        zone, project = args[3], flag(args, "--project")
        zones = json.loads(os.environ.get("MX_FAKE_ZONES", "{}"))
        if f"{project}/{zone}" not in zones:
            fail(f"ERROR: (gcloud.dns.managed-zones.describe) HTTPError 404: The 'parameters.managedZone' resource named '{zone}' does not exist.")
        print(json.dumps({"dnsName": zones[f"{project}/{zone}"], "name": zone, "visibility": "public"}))
        return
    if args[:5] == ["beta", "container", "backup-restore", "backups", "create"]:
        require_flags(args[6:], {"--backup-plan", "--location", "--project", "--wait-for-completion", "--quiet"})
        if os.environ.get("MX_FAKE_BACKUP_DENIED"):
            fail(f"ERROR: (gcloud.beta.container.backup-restore.backups.create) PERMISSION_DENIED: Permission 'gkebackup.backups.create' "
                 f"denied on 'projects/{flag(args, '--project')}/locations/{flag(args, '--location')}/backupPlans/{flag(args, '--backup-plan')}'")
        print(f"Create request issued for: [{args[5]}]\nWaiting for backup to complete... Backup state: SUCCEEDED.", file=sys.stderr)
        return
    if args[:3] == ["container", "clusters", "get-credentials"]:
        require_flags(args[4:], {"--location", "--project", "--dns-endpoint", "--quiet"})
        name, location, project = args[3], flag(args, "--location"), flag(args, "--project")
        add_context(f"gke_{project}_{location}_{name}")
        print(f"Fetching cluster endpoint and auth data.\nkubeconfig entry generated for {name}.", file=sys.stderr)
        return
    fail(f"ERROR: (gcloud) Invalid choice: '{' '.join(args[:3])}'.", 2)


# ---- kubectl ----

def contexts():
    path = state_path("kube", "contexts")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def save_contexts(names):
    with open(state_path("kube", "contexts"), "w") as f:
        f.write("".join(n + "\n" for n in names))


def add_context(name):
    names = contexts()
    if name not in names:
        save_contexts(names + [name])


def kubectl(args):
    log("kubectl", args)
    if args[:1] == ["version"]:
        print(json.dumps({"clientVersion": {"major": "1", "minor": "32", "gitVersion": "v1.32.4"}}))
        return
    if args == ["config", "get-contexts", "--output", "name"]:
        print("\n".join(contexts()))
        return
    if args[:2] == ["config", "delete-context"]:
        if args[2] not in contexts():
            fail(f"error: cannot delete context {args[2]}, not in kubeconfig")
        save_contexts([n for n in contexts() if n != args[2]])
        return
    if args[:2] == ["config", "rename-context"]:
        old, new = args[2], args[3]
        if old not in contexts():
            fail(f"error: cannot rename the context \"{old}\", it's not in kubeconfig")
        if new in contexts():
            fail(f"error: cannot rename the context \"{old}\", the context \"{new}\" already exists in kubeconfig")
        save_contexts([new if n == old else n for n in contexts()])
        print(f"Context \"{old}\" renamed to \"{new}\".")
        return
    if len(args) >= 4 and args[0] == "--context" and args[2] == "--namespace":
        return kubectl_in_namespace(args[1], args[3], args[4:])
    fail(f"error: unknown command \"{' '.join(args)}\" for \"kubectl\"")


def kubectl_in_namespace(context, namespace, args):
    """Objects live as JSON files under $MX_FAKE_STATE/objects/<namespace>/<resource>-<name>.json."""
    if context not in contexts():
        fail(f'error: context "{context}" does not exist')
    if len(args) == 5 and args[0] == "get" and args[3:] == ["--output", "json"]:
        resource, name = args[1], args[2]
        path = state_path("objects", namespace, f"{resource}-{name}.json")
        if not os.path.exists(path):
            fail(f'Error from server (NotFound): {resource}s "{name}" not found')
        with open(path) as f:
            print(f.read())
        return
    fail(f"error: unknown command \"{' '.join(args)}\" for \"kubectl\"")


def auth_plugin(args):
    log("gke-gcloud-auth-plugin", args)
    if args == ["--version"]:
        print("Kubernetes v1.30.0+fake")
        return
    fail("fake gke-gcloud-auth-plugin: only --version is supported")


# ---- docker ----

def docker(args):
    log("docker", args)
    if args == ["--version"]:
        print("Docker version 27.3.1, build ce12230")
        return
    if args == ["info", "--format", "{{.ServerVersion}}"]:
        if os.environ.get("MX_FAKE_DOCKER_DAEMON") == "up":
            print("27.3.1")
            return
        fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?")
    fail(f"docker: unknown command {args}", 2)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, on_interrupt)
    tool, arguments = sys.argv[1], sys.argv[2:]
    if arguments[:1] == ["version"] or arguments == ["--version"]:
        time.sleep(float(os.environ.get("MX_FAKE_VERSION_DELAY", "0")))
    {"pulumi": pulumi, "gcloud": gcloud, "kubectl": kubectl, "gke-gcloud-auth-plugin": auth_plugin, "docker": docker}[tool](arguments)
