#!/usr/bin/env python3
"""Three simulated days of a generated project's idle reaper against fake services on loopback.

    reaper_world.py PROJECT_DIR ENVIRONMENT_JSON [--dry-run] [--no-slack-secret]

Starts a fake Kubernetes API server, Prometheus, MLflow tracking server and Slack webhook, each answering
in its real wire format (Kubernetes: PodList, Job/TrainJob/PyTorchJob objects and a dev workspace's Pod, JSON merge patch,
DeleteOptions, Event, ConfigMap with resourceVersion conflicts; Prometheus: /api/v1/query_range matrix;
MLflow: REST API 2.0), then runs the project's reaper (`idle_reaper`, imported from PROJECT_DIR/infra/k8s/idle-reaper)
every 30 simulated minutes from Monday 2026-11-30 00:00 UTC to Thursday 00:00 UTC, with the settings its
CronJob gets (ENVIRONMENT_JSON: the container's environment, read from the manifest by the test). Prints one JSON object: the reaper's action log as the ConfigMap holds it, the workloads
left, the MLflow runs' statuses, Slack messages and the events posted.
"""

import importlib
import json
import re
import sys
import threading
import urllib.parse
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

UTC = timezone.utc
START = datetime(2026, 11, 30, tzinfo=UTC)  # a Monday
END = START + timedelta(days=3)
CLOCK = {"now": START}

GROUPS = {
    "jobs": ("batch/v1", "Job", "batch.kubernetes.io/job-name"),
    "trainjobs": ("trainer.kubeflow.org/v1alpha1", "TrainJob", "jobset.sigs.k8s.io/jobset-name"),
    "pytorchjobs": ("kubeflow.org/v1", "PyTorchJob", "training.kubeflow.org/job-name"),
    # A dev workspace is its own pod, labelled with the workspace's name.
    "pods": ("v1", "Pod", "mx.dev/workspace"),
}


def hour(day, h):
    return START + timedelta(days=day, hours=h)


def idle(_):
    return 0.0


def busy(_):
    return 90.0


def wakes_on_tuesday_morning(at):
    return 75.0 if hour(1, 8) <= at < hour(1, 9) else 0.0


# name -> (plural, owner, GPU utilisation per hour start or None for no metrics, annotations, pods)
WORKLOADS = {
    "train-idle": ("jobs", "ada@acme.ai", idle, {}, ["train-idle-abcde"]),
    "train-busy": ("jobs", "alan@acme.ai", busy, {}, ["train-busy-fghij"]),
    "dist-wakes": ("trainjobs", "ada@acme.ai", wakes_on_tuesday_morning, {}, ["dist-wakes-node-0-0-x1", "dist-wakes-node-0-1-x2"]),
    "ddp-kept": ("pytorchjobs", "grace@acme.ai", idle, {
        "mx.dev/keep-until": hour(1, 12).isoformat(), "mx.dev/keep-reason": "profiling run, read on Tuesday"}, ["ddp-kept-master-0"]),
    "train-blind": ("jobs", "alan@acme.ai", None, {}, ["train-blind-klmno"]),
    "ws-ada": ("pods", "ada@acme.ai", idle, {"mx.dev/idle-after-hours": "3"}, ["ws-ada"]),
}


class World:
    def __init__(self):
        self.lock = threading.Lock()
        self.objects = {}
        for name, (plural, owner, _, annotations, _) in WORKLOADS.items():
            api_version, kind, _ = GROUPS[plural]
            self.objects[(plural, name)] = {
                "apiVersion": api_version, "kind": kind,
                "metadata": {"name": name, "namespace": "training", "uid": f"uid-{name}",
                             "creationTimestamp": "2026-11-29T22:00:00Z", "resourceVersion": "1",
                             "annotations": {"mx.dev/owner": owner, **annotations}},
                "spec": {}, "status": {},
            }
        self.config_maps = {}
        self.version = 100
        self.events = []
        self.runs = {name: {"run_id": f"run-{name}", "status": "RUNNING"} for name, w in WORKLOADS.items() if w[0] != "pods"}
        self.deleted = []
        self.slack = []

    def pods(self):
        items = []
        for name, (plural, _, _, _, pods) in WORKLOADS.items():
            if (plural, name) not in self.objects:
                continue
            label = GROUPS[plural][2]
            if plural == "pods":
                pod = json.loads(json.dumps(self.objects[(plural, name)]))
                pod["metadata"]["labels"] = {label: name.removeprefix("ws-"), "app.kubernetes.io/component": "workspace"}
                pod["spec"] = {"containers": [{"name": "workspace", "image": "workspace:1",
                                               "resources": {"limits": {"nvidia.com/gpu": "1"}, "requests": {"nvidia.com/gpu": "1"}}}]}
                pod["status"] = {"phase": "Running"}
                items.append(pod)
                continue
            for pod in pods:
                items.append({
                    "apiVersion": "v1", "kind": "Pod",
                    "metadata": {"name": pod, "namespace": "training", "labels": {label: name}},
                    "spec": {"containers": [{"name": "trainer", "image": "trainer:1",
                                             "resources": {"limits": {"nvidia.com/gpu": "1"}, "requests": {"nvidia.com/gpu": "1"}}}]},
                    "status": {"phase": "Running"},
                })
        # The CPU-only MLflow pod is in the namespace too and must be left alone.
        items.append({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "mlflow-0", "namespace": "training", "labels": {}},
                      "spec": {"containers": [{"name": "mlflow", "image": "mlflow:1", "resources": {"limits": {"cpu": "1"}}}]},
                      "status": {"phase": "Running"}})
        return {"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": str(self.version)}, "items": items}


WORLD = World()


def status_body(code, reason, message):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message, "reason": reason, "code": code}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def do_PATCH(self):
        self.route("PATCH")

    def do_DELETE(self):
        self.route("DELETE")


class KubeApi(Handler):
    def route(self, method):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        with WORLD.lock:
            if method == "GET" and url.path == "/api/v1/namespaces/training/pods":
                if query.get("fieldSelector") != ["status.phase=Running"]:
                    return self.reply(400, status_body(400, "BadRequest", "unexpected field selector"))
                return self.reply(200, WORLD.pods())
            m = (re.fullmatch(r"/apis/[^/]+/[^/]+/namespaces/training/(jobs|trainjobs|pytorchjobs)/([a-z0-9-]+)", url.path)
                 or re.fullmatch(r"/api/v1/namespaces/training/(pods)/([a-z0-9-]+)", url.path))
            if m:
                plural, name = m.groups()
                expected = ("/api/" if plural == "pods" else "/apis/") + GROUPS[plural][0] + "/"
                obj = WORLD.objects.get((plural, name))
                if not url.path.startswith(expected) or obj is None:
                    return self.reply(404, status_body(404, "NotFound", f'{plural} "{name}" not found'))
                if method == "GET":
                    return self.reply(200, obj)
                if method == "PATCH":
                    if self.headers.get("Content-Type") != "application/merge-patch+json":
                        return self.reply(415, status_body(415, "UnsupportedMediaType", "merge patch expected"))
                    for key, value in self.body()["metadata"]["annotations"].items():
                        if value is None:
                            obj["metadata"]["annotations"].pop(key, None)
                        else:
                            obj["metadata"]["annotations"][key] = value
                    return self.reply(200, obj)
                if method == "DELETE":
                    options = self.body()
                    if options.get("kind") != "DeleteOptions" or options.get("propagationPolicy") != "Background":
                        return self.reply(400, status_body(400, "BadRequest", "background propagation expected"))
                    del WORLD.objects[(plural, name)]
                    WORLD.deleted.append(url.path)
                    return self.reply(200, obj)
            if method == "POST" and url.path == "/api/v1/namespaces/training/events":
                event = self.body()
                missing = [k for k in ("involvedObject", "reason", "message", "type") if k not in event]
                if missing or event.get("kind") != "Event":
                    return self.reply(422, status_body(422, "Invalid", f"missing {missing}"))
                WORLD.events.append({"at": CLOCK["now"].isoformat(), "reason": event["reason"], "object": event["involvedObject"]["name"],
                                     "kind": event["involvedObject"]["kind"], "apiVersion": event["involvedObject"]["apiVersion"]})
                return self.reply(201, event)
            m = re.fullmatch(r"/api/v1/namespaces/training/configmaps(?:/([a-z0-9-]+))?", url.path)
            if m:
                name = m.group(1)
                if method == "GET":
                    cm = WORLD.config_maps.get(name)
                    return self.reply(200, cm) if cm else self.reply(404, status_body(404, "NotFound", f'configmaps "{name}" not found'))
                body = self.body()
                name = body["metadata"]["name"]
                current = WORLD.config_maps.get(name)
                if method == "POST" and current is not None:
                    return self.reply(409, status_body(409, "AlreadyExists", f'configmaps "{name}" already exists'))
                if method == "PUT" and (current is None or current["metadata"]["resourceVersion"] != body["metadata"].get("resourceVersion")):
                    return self.reply(409, status_body(409, "Conflict", "the object has been modified"))
                WORLD.version += 1
                body["metadata"]["resourceVersion"] = str(WORLD.version)
                WORLD.config_maps[name] = body
                return self.reply(201 if method == "POST" else 200, body)
        self.reply(404, status_body(404, "NotFound", f"{method} {url.path}"))


class Prometheus(Handler):
    def route(self, method):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        if method != "GET" or url.path != "/api/v1/query_range":
            return self.reply(404, {"status": "error", "errorType": "not_found", "error": url.path})
        query = q["query"][0]
        expected = 'max by (namespace, pod) (avg_over_time(DCGM_FI_DEV_GPU_UTIL{namespace=~"training"}[1h]))'
        if query != expected:
            return self.reply(400, {"status": "error", "errorType": "bad_data", "error": f"unexpected query {query}"})
        start, end, step = int(q["start"][0]), int(q["end"][0]), int(q["step"][0])
        now = CLOCK["now"].timestamp()
        result = []
        for name, (plural, _, usage, _, pods) in WORKLOADS.items():
            if usage is None:
                continue
            container = "workspace" if plural == "pods" else "trainer"
            for pod in pods:
                values = []
                for t in range(start, min(end, int(now)) + 1, step):
                    hour_start = datetime.fromtimestamp(t, UTC) - timedelta(hours=1)
                    if hour_start >= START:
                        values.append([t, f"{usage(hour_start):g}"])
                if values:
                    result.append({"metric": {"namespace": "training", "pod": pod, "container": container}, "values": values})
        self.reply(200, {"status": "success", "data": {"resultType": "matrix", "result": result}})


class MlflowAndSlack(Handler):
    def route(self, method):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        with WORLD.lock:
            if url.path == "/slack" and method == "POST":
                WORLD.slack.append({"at": CLOCK["now"].isoformat(), "text": self.body()["text"]})
                return self.reply(200, {})
            if url.path == "/api/2.0/mlflow/experiments/get-by-name" and method == "GET":
                if q.get("experiment_name") != ["acme-vision"]:
                    return self.reply(404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no such experiment"})
                return self.reply(200, {"experiment": {"experiment_id": "7", "name": "acme-vision"}})
            if url.path == "/api/2.0/mlflow/runs/search" and method == "POST":
                body = self.body()
                m = re.fullmatch(r"tags\.`mx\.job` = '([a-z0-9-]+)' and attributes\.status = 'RUNNING'", body["filter"])
                if body.get("experiment_ids") != ["7"] or not m:
                    return self.reply(400, {"error_code": "INVALID_PARAMETER_VALUE", "message": body["filter"]})
                run = WORLD.runs.get(m.group(1))
                runs = [{"info": {"run_id": run["run_id"], "status": run["status"]}}] if run and run["status"] == "RUNNING" else []
                return self.reply(200, {"runs": runs})
            if url.path == "/api/2.0/mlflow/runs/update" and method == "POST":
                body = self.body()
                for run in WORLD.runs.values():
                    if run["run_id"] == body["run_id"]:
                        run["status"] = body["status"]
                        return self.reply(200, {"run_info": run})
                return self.reply(404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": body["run_id"]})
        self.reply(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": url.path})


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def main():
    project, dry_run = Path(sys.argv[1]), "--dry-run" in sys.argv[3:]
    sys.path.insert(0, str(project / "infra" / "k8s" / "idle-reaper"))
    reaper = importlib.import_module("idle_reaper.__main__")
    cluster_module = importlib.import_module("idle_reaper.cluster")
    metrics_module = importlib.import_module("idle_reaper.metrics")

    kube, prometheus, mlflow = serve(KubeApi), serve(Prometheus), serve(MlflowAndSlack)
    env = json.loads(Path(sys.argv[2]).read_text())
    env.update({"REAPER_PROMETHEUS": prometheus, "REAPER_KUBE_API": kube, "MLFLOW_TRACKING_URI": mlflow})
    # The webhook comes from an optional Secret: a cluster where nobody ran 'mx secret set' gives the variable not at all.
    if "--no-slack-secret" not in sys.argv[3:]:
        env["REAPER_SLACK_WEBHOOK"] = mlflow + "/slack"
    settings = reaper.parse(["--dry-run"] if dry_run else [], env)
    cluster = cluster_module.Cluster.connect(settings.kube_api)
    metrics = metrics_module.Prometheus(settings.prometheus, settings.metric, settings.namespace_label, settings.pod_label)
    while CLOCK["now"] < END:
        CLOCK["now"] += timedelta(minutes=30)
        reaper.run_once(settings, cluster, metrics, CLOCK["now"])

    log = WORLD.config_maps.get("idle-reaper-log", {}).get("data", {}).get("log.jsonl", "")
    print(json.dumps({
        "log": [json.loads(line) for line in log.splitlines()],
        "config_map": WORLD.config_maps.get("idle-reaper-log"),
        "workloads": sorted(name for _, name in WORLD.objects),
        "annotations": {name: obj["metadata"]["annotations"] for (_, name), obj in WORLD.objects.items()},
        "runs": {name: run["status"] for name, run in WORLD.runs.items()},
        "slack": WORLD.slack,
        "events": WORLD.events,
        "deleted": WORLD.deleted,
    }, indent=1))


if __name__ == "__main__":
    main()
