#!/usr/bin/env python3
"""A stand-in for docker, gcloud and kubectl in the `mx run` tests.

Every run appends one JSON line (tool, argv, stdin when read) to $MX_FAKE_LOG. The submitted job's pod "runs"
when its logs are followed: it prints $MX_FAKE_JOB_LINES log lines and ends with $MX_FAKE_JOB_EXIT (default 0).
Jobs live as files under $MX_FAKE_STATE, so `delete job` fails for a job that was never applied, like kubectl.
Kueue's answers (queues, workloads, pending workloads) are the files of kueue/, written from Kueue v0.19.2's Go types
and validated against its CRDs by the tests; a job applied with a queue label gets a pending Workload of its own,
admitted after $MX_FAKE_ADMIT_AFTER reads of the workloads (never, when unset).
With $MX_FAKE_FOLLOW_HANG set, following the logs waits for an interrupt (a job that runs on), records it and
exits 130. Unknown commands are rejected, like the real tools.
"""
import json
import os
import sys


def log(tool, args, **extra):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args, **extra}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def job_file(name):
    return os.path.join(os.environ["MX_FAKE_STATE"], "job-" + name)


KUEUE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kueue")
QUEUE_LABEL = "kueue.x-k8s.io/queue-name"


def kueue_answer(name):
    with open(os.path.join(KUEUE, name)) as f:
        return json.load(f)


def workload_of(job, queue):
    """A pending Workload for an applied job, as Kueue names and labels it (the fixtures' first one, renamed)."""
    workload = kueue_answer("workloads.json")["items"][0]
    old = workload["metadata"]["ownerReferences"][0]["name"]
    workload["metadata"]["name"] = workload["metadata"]["name"].replace(old, job)
    workload["metadata"]["ownerReferences"][0]["name"] = job
    workload["spec"]["queueName"] = queue
    return workload


def workloads():
    """The fixtures' Workloads and those of applied queued jobs, admitted once read $MX_FAKE_ADMIT_AFTER times."""
    items = kueue_answer("workloads.json")["items"]
    reads_file = os.path.join(os.environ["MX_FAKE_STATE"], "workload-reads")
    reads = (int(open(reads_file).read()) if os.path.exists(reads_file) else 0) + 1
    with open(reads_file, "w") as f:
        f.write(str(reads))
    admitted = kueue_answer("workloads.json")["items"][1]
    for name in sorted(os.listdir(os.environ["MX_FAKE_STATE"])):
        if name.startswith("workload-") and name.endswith(".json"):
            with open(os.path.join(os.environ["MX_FAKE_STATE"], name)) as f:
                workload = json.load(f)
            after = os.environ.get("MX_FAKE_ADMIT_AFTER")
            if after is not None and reads >= int(after):
                cq = workload["spec"]["queueName"]
                workload["status"]["conditions"] = admitted["status"]["conditions"]
                workload["status"]["admission"] = dict(admitted["status"]["admission"], clusterQueue=cq)
            items.append(workload)
    return items


def kubectl_cluster(args):
    """kubectl calls that name only a context: Kueue's queues and workloads of every namespace, and its visibility API."""
    log("kubectl", args)
    if os.environ.get("MX_FAKE_NO_CONTEXT"):
        fail(f"Error in configuration: context was not found for specified context: {args[1]}", 1)
    rest = args[2:]
    if rest == ["get", "clusterqueues.kueue.x-k8s.io,localqueues.kueue.x-k8s.io", "--all-namespaces", "--output", "json"]:
        if os.environ.get("MX_FAKE_NO_KUEUE"):
            fail('error: the server doesn\'t have a resource type "clusterqueues"', 1)
        print(json.dumps(kueue_answer("queues.json"), indent=4))
        return
    if rest == ["get", "workloads.kueue.x-k8s.io", "--all-namespaces", "--output", "json"]:
        if os.environ.get("MX_FAKE_NO_KUEUE"):
            fail('error: the server doesn\'t have a resource type "workloads"', 1)
        print(json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": workloads()}, indent=4))
        return
    prefix, suffix = "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/", "/pendingworkloads"
    if rest[:2] == ["get", "--raw"] and len(rest) == 3 and rest[2].startswith(prefix) and rest[2].endswith(suffix):
        if os.environ.get("MX_FAKE_NO_VISIBILITY"):
            fail("Error from server (ServiceUnavailable): the server is currently unable to handle the request", 1)
        answer = os.path.join(KUEUE, f"pendingworkloads-{rest[2][len(prefix):-len(suffix)]}.json")
        if os.path.exists(answer):
            print(json.dumps(kueue_answer(os.path.basename(answer)), indent=4))
        else:
            print(json.dumps({"kind": "PendingWorkloadsSummary", "apiVersion": "visibility.kueue.x-k8s.io/v1beta2",
                              "metadata": {"creationTimestamp": None}, "items": []}))
        return
    fail(f"error: unknown command {rest}", 2)


def pod_lines():
    return [f"epoch {i}/3 train_loss=0.{9 - i}" for i in range(1, int(os.environ.get("MX_FAKE_JOB_LINES", "3")) + 1)]


def docker(args):
    log("docker", args)
    if args[:2] == ["build", "--tag"] and len(args) == 4:
        return
    if args[:1] == ["push"] and len(args) == 2:
        return
    fail(f"docker: unknown command {args}", 2)


def gcloud(args):
    log("gcloud", args, prompts_disabled=os.environ.get("CLOUDSDK_CORE_DISABLE_PROMPTS"))
    if args[:3] == ["builds", "submit", "--tag"]:
        return
    if args == ["config", "get-value", "account", "--quiet"]:
        # Like gcloud: the account on standard output; unset, nothing there and "(unset)" on standard error.
        account = os.environ.get("MX_FAKE_GCLOUD_ACCOUNT")
        if account:
            print(account)
        else:
            sys.stderr.write("(unset)\n")
        return
    fail(f"ERROR: (gcloud) unknown command {args}", 2)


def port_forward(args):
    """kubectl port-forward to the MLflow service: serves MLflow's /version and /health (with its Host check) on
    the local port. $MX_FAKE_FORWARD_DROPS makes that many forwards drop after a second; $MX_FAKE_FORWARD_FAILS
    makes every forward fail before it listens, like a missing service."""
    import http.server
    import signal
    import threading

    log("kubectl", args)
    if args[4:6] != ["port-forward", "service/mlflow"] or not args[6].endswith(":5000"):
        fail(f"error: unexpected port-forward {args}", 2)
    if os.environ.get("MX_FAKE_FORWARD_FAILS"):
        fail('error: services "mlflow" not found', 1)
    port = int(args[6].split(":")[0])

    class MlflowServer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.headers["Host"] not in (f"localhost:{port}", f"127.0.0.1:{port}"):
                self.send_response(403)
                self.end_headers()
                return
            body = {"/version": os.environ.get("MX_FAKE_MLFLOW_VERSION", "3.9.0"), "/health": "OK"}.get(self.path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write((body or "").encode())

        def log_message(self, *_):
            pass

    server = http.server.HTTPServer(("127.0.0.1", port), MlflowServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Forwarding from 127.0.0.1:{port} -> 5000", flush=True)
    counter = os.path.join(os.environ["MX_FAKE_STATE"], "forward-drops")
    drops = int(open(counter).read()) if os.path.exists(counter) else 0
    if drops < int(os.environ.get("MX_FAKE_FORWARD_DROPS", "0")):
        with open(counter, "w") as f:
            f.write(str(drops + 1))
        threading.Event().wait(1)
        fail("error: lost connection to pod", 1)

    def interrupted(*_):
        log("kubectl", args, interrupted=True)
        sys.exit(0)

    signal.signal(signal.SIGINT, interrupted)
    threading.Event().wait(120)
    fail("error: the forward was never stopped", 1)


def kubectl(args):
    if "port-forward" in args:
        return port_forward(args)
    if len(args) > 2 and args[0] == "--context" and args[2] != "--namespace":
        return kubectl_cluster(args)
    namespace = args[3] if len(args) > 3 else ""
    if args[:3] != ["--context", args[1] if len(args) > 1 else "", "--namespace"] or not (namespace == "training" or namespace.startswith("team-")):
        log("kubectl", args)
        fail("error: mx run must name the context and the training namespace or a team's", 2)
    rest = args[4:]
    if rest == ["apply", "--filename", "-"]:
        manifest = sys.stdin.read()
        log("kubectl", args, stdin=manifest)
        declared = next((line.split(":", 1)[1].strip() for line in manifest.splitlines() if line.startswith("  namespace:")), namespace)
        if declared != namespace:
            fail(f'error: the namespace from the provided object "{declared}" does not match the namespace "{namespace}". You must pass \'--namespace={declared}\' to perform this operation.', 1)
        name = next(line.split(":", 1)[1].strip() for line in manifest.splitlines() if line.startswith("  name:"))
        kind = next(line.split(":", 1)[1].strip() for line in manifest.splitlines() if line.startswith("kind:"))
        with open(job_file(name), "w") as f:
            f.write(kind)
        queue = next((line.split(":", 1)[1].strip() for line in manifest.splitlines() if line.strip().startswith(QUEUE_LABEL + ":")), None)
        if queue:
            with open(os.path.join(os.environ["MX_FAKE_STATE"], f"workload-{name}.json"), "w") as f:
                json.dump(workload_of(name, queue), f)
        print(f"{kind.lower()}/{name} created")
        return
    log("kubectl", args)
    if rest == ["get", "workloads.kueue.x-k8s.io", "--output", "json"]:
        items = [w for w in workloads() if w["metadata"]["namespace"] == args[3]]
        print(json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}, indent=4))
        return
    if rest[:1] == ["label"] and len(rest) == 4 and rest[3] == "--overwrite":
        if os.environ.get("MX_FAKE_LABEL_DENIED"):
            key, value = rest[2].split("=", 1)
            fail(f'Error from server (Forbidden): admission webhook "vjob.kb.io" denied the request: metadata.labels[{key}]: '
                 f'Invalid value: "{value}": field is immutable', 1)
        kind, name = rest[1].split("/", 1)
        print(f"{kind.rstrip('s').split('.')[0]}.{kind.split('.', 1)[1]}/{name} labeled")
        return
    if rest[:3] == ["get", "jobs", "--selector"]:
        print("NAME   STATUS   COMPLETIONS   DURATION   AGE")
        for name in sorted(n for n in os.listdir(os.environ["MX_FAKE_STATE"]) if n.startswith("job-")):
            print(f"{name[len('job-'):]}   Complete   1/1   3m   5m")
        return
    if rest == ["get", "localqueues.kueue.x-k8s.io", "--output", "name"]:
        # $MX_FAKE_QUEUES: the LocalQueues (comma-separated), of the training namespace, or of another as namespace:queue;
        # unset, the cluster has no Kueue.
        if "MX_FAKE_QUEUES" not in os.environ:
            fail('error: the server doesn\'t have a resource type "localqueues"', 1)
        for entry in filter(None, os.environ["MX_FAKE_QUEUES"].split(",")):
            queue_namespace, _, queue = entry.rpartition(":")
            if (queue_namespace or "training") == namespace:
                print(f"localqueue.kueue.x-k8s.io/{queue}")
        return
    if rest[:2] == ["wait", "--for=create"]:
        return
    if rest[:2] == ["logs", "--follow"]:
        job = rest[2].split("/", 1)[1].removesuffix("-node-0").removesuffix("-master-0")
        if not os.path.exists(job_file(job)):
            fail(f'error: error from server (NotFound): "{rest[2]}" not found', 1)
        # The generated trainer's announcement of its MLflow run, as Hydra's logging prints it.
        print("[2026-11-24 01:02:03,456][acme_vision.train][INFO] - MLflow run "
              "0123456789abcdef0123456789abcdef in experiment 7 ('acme-vision')", flush=True)
        for line in pod_lines():
            print(line, flush=True)
        if os.environ.get("MX_FAKE_FOLLOW_HANG"):
            # A job that runs on: the stream stays open until mx is interrupted and passes the interrupt on.
            import signal
            import time

            def interrupted(*_):
                log("kubectl", args, interrupted=True)
                sys.exit(130)

            signal.signal(signal.SIGINT, interrupted)
            time.sleep(60)
            fail("error: the log stream was never interrupted", 1)
        return
    if rest[:1] == ["logs"] and rest[-1].startswith("--tail="):
        print("\n".join(pod_lines()[-int(rest[-1].split("=")[1]):] + ["RuntimeError: CUDA out of memory"]))
        return
    if rest[:3] == ["get", "pods", "--selector"]:
        print(os.environ.get("MX_FAKE_JOB_EXIT", "0"), end="")
        return
    if rest[:1] == ["delete"] and rest[3:] == ["--ignore-not-found", "--output=name"]:
        kinds, name = rest[1].split(","), rest[2]
        if not os.path.exists(job_file(name)):
            return
        with open(job_file(name)) as f:
            kind = {"Job": "jobs.batch", "TrainJob": "trainjobs.trainer.kubeflow.org", "PyTorchJob": "pytorchjobs.kubeflow.org"}[f.read()]
        if kind in kinds:
            os.remove(job_file(name))
            print(f"{kind}/{name}")
        return
    fail(f"error: unknown command {rest}", 2)


{"docker": docker, "gcloud": gcloud, "kubectl": kubectl}[sys.argv[1]](sys.argv[2:])
