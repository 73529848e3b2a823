#!/usr/bin/env python3
"""A stand-in for kubectl (and gcloud) in the `mx serve` tests.

Every run appends one JSON line (tool, argv, stdin when read) to $MX_FAKE_LOG; the tracking server's REST requests are
logged as tool "mlflow" and the model's as tool "model".
- `port-forward service/mlflow` serves MLflow 3.x's REST API on the local port, in its JSON formats: runs/get,
  logged-models/<id>, artifacts/list, model-versions/get, model-versions/get-download-uri and the artifact proxy's
  /api/2.0/mlflow-artifacts/artifacts, with RESOURCE_DOES_NOT_EXIST errors as MLflow words them. The tracking data is
  $MX_FAKE_MLFLOW_WORLD, a JSON file: {"runs": {RUN_ID: {"logged_model": "m-...", "mlmodel": true, "experiment_id":
  "1"}}, "model_versions": {"NAME/VERSION": {"run_id": RUN_ID, "status": "READY"}}}; a run without "logged_model" is
  an MLflow 2.x run whose model sits at its artifacts' model/.
- InferenceServices live as files under $MX_FAKE_STATE: `apply --filename -` stores one, `get ... -o json` answers it
  with KServe v0.20's status (Ready after $MX_FAKE_READY_AFTER reads, default 1; never with $MX_FAKE_NEVER_READY),
  `delete` removes it, `logs deployment/<name>-predictor` prints MLServer's start-up lines.
- `port-forward service/<name>-predictor` serves MLServer's Open Inference Protocol endpoint /v2/models/<name>/infer.
Unknown commands are rejected, like the real tools.
"""
import http.server
import json
import os
import re
import signal
import sys
import threading
import urllib.parse

RESOURCE = "inferenceservices.serving.kserve.io"


def log(tool, args, **extra):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args, **extra}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def world():
    path = os.environ.get("MX_FAKE_MLFLOW_WORLD")
    if not path:
        return {"runs": {}, "model_versions": {}}
    with open(path) as f:
        return json.load(f)


def run_json(run_id, run):
    experiment = run.get("experiment_id", "1")
    outputs = {"model_outputs": [{"model_id": run["logged_model"], "step": 0}]} if "logged_model" in run else {}
    return {"run": {
        "info": {"run_uuid": run_id, "experiment_id": experiment, "run_name": "bold-owl-42", "user_id": "ada",
                 "status": "FINISHED", "start_time": 1764806400000, "end_time": 1764810000000,
                 "artifact_uri": f"mlflow-artifacts:/{experiment}/{run_id}/artifacts", "lifecycle_stage": "active",
                 "run_id": run_id},
        "data": {"metrics": [{"key": "val_loss", "value": 0.31, "timestamp": 1764810000000, "step": 9}],
                 "params": [{"key": "trainer.epochs", "value": "10"}],
                 "tags": [{"key": "mlflow.runName", "value": "bold-owl-42"}]},
        "inputs": {},
        "outputs": outputs,
    }}


def model_files(present):
    """The files of a logged model's directory, as the artifact proxy lists them (paths relative to the directory)."""
    files = [{"path": "conda.yaml", "is_dir": False, "file_size": 221}, {"path": "data", "is_dir": True},
             {"path": "python_env.yaml", "is_dir": False, "file_size": 122}, {"path": "requirements.txt", "is_dir": False, "file_size": 96}]
    if present:
        files.insert(0, {"path": "MLmodel", "is_dir": False, "file_size": 731})
    return files


class Mlflow(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def missing(self, message):
        self.answer(404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": message})

    def do_GET(self):
        if self.headers["Host"] != f"localhost:{self.server.server_port}":
            self.send_response(403)
            self.end_headers()
            return
        url = urllib.parse.urlparse(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        log("mlflow", [url.path, json.dumps(query, sort_keys=True)])
        w = world()
        runs, versions = w.get("runs", {}), w.get("model_versions", {})
        if url.path == "/version":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"3.9.0")
        elif url.path == "/api/2.0/mlflow/runs/get":
            run_id = query.get("run_id", "")
            if run_id not in runs:
                return self.missing(f"Run with id={run_id} not found")
            self.answer(200, run_json(run_id, runs[run_id]))
        elif url.path.startswith("/api/2.0/mlflow/logged-models/"):
            model_id = url.path.rsplit("/", 1)[1]
            found = [(rid, r) for rid, r in runs.items() if r.get("logged_model") == model_id]
            if not found:
                return self.missing(f"Logged model with ID '{model_id}' not found.")
            rid, run = found[0]
            experiment = run.get("experiment_id", "1")
            self.answer(200, {"model": {"info": {
                "model_id": model_id, "experiment_id": experiment, "name": "model", "source_run_id": rid,
                "artifact_uri": f"mlflow-artifacts:/{experiment}/models/{model_id}/artifacts", "status": "LOGGED_MODEL_READY",
                "creation_timestamp_ms": 1764810000000, "last_updated_timestamp_ms": 1764810000000, "model_type": "",
                "tags": [], "params": []}, "data": {"metrics": [], "params": []}}})
        elif url.path == "/api/2.0/mlflow/artifacts/list":
            run_id = query.get("run_id", "")
            if run_id not in runs:
                return self.missing(f"Run with id={run_id} not found")
            run = runs[run_id]
            root = f"mlflow-artifacts:/{run.get('experiment_id', '1')}/{run_id}/artifacts"
            path = query.get("path", "")
            files = [dict(f, path=f"{path}/{f['path']}") for f in model_files(run.get("mlmodel", True))] if path == "model" and "logged_model" not in run else []
            self.answer(200, {"root_uri": root, "files": files} if files else {"root_uri": root})
        elif url.path == "/api/2.0/mlflow-artifacts/artifacts":
            path = query.get("path", "")
            for rid, run in runs.items():
                if "logged_model" in run and path == f"{run.get('experiment_id', '1')}/models/{run['logged_model']}/artifacts":
                    return self.answer(200, {"files": model_files(run.get("mlmodel", True))})
            self.answer(200, {})
        elif url.path in ("/api/2.0/mlflow/model-versions/get", "/api/2.0/mlflow/model-versions/get-download-uri"):
            key = f"{query.get('name')}/{query.get('version')}"
            if key not in versions:
                return self.missing(f"Model Version (name={query.get('name')}, version={query.get('version')}) not found")
            version = versions[key]
            run = runs[version["run_id"]]
            location = f"mlflow-artifacts:/{run.get('experiment_id', '1')}/models/{run['logged_model']}/artifacts"
            if url.path.endswith("get-download-uri"):
                return self.answer(200, {"artifact_uri": location})
            self.answer(200, {"model_version": {
                "name": query["name"], "version": query["version"], "creation_timestamp": 1764810000000,
                "last_updated_timestamp": 1764810000000, "current_stage": "None", "description": "",
                "source": f"models:/{run['logged_model']}", "run_id": version["run_id"], "status": version.get("status", "READY"),
                "run_link": "", "model_id": run["logged_model"]}})
        else:
            self.answer(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"No API endpoint found for {url.path}"})

    def log_message(self, *_):
        pass


def model_server(name):
    class Mlserver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            log("model", [self.path], stdin=body)
            if self.path != f"/v2/models/{name}/infer":
                return self.reply(404, {"error": f"Model {self.path.split('/')[3] if self.path.count('/') > 3 else ''} not found"})
            request = json.loads(body)
            rows = request["inputs"][0]["shape"][0]
            self.reply(200, {"model_name": name, "id": "b2a4c6e8-0000-4000-8000-000000000001", "parameters": {"content_type": "np"},
                             "outputs": [{"name": "output-1", "shape": [rows, 2], "datatype": "FP32", "parameters": {"content_type": "np"},
                                          "data": [0.9, 0.1] * rows}]})

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_):
            pass

    return Mlserver


def port_forward(args):
    log("kubectl", args)
    namespace, target, ports = args[3], args[5], args[6]
    local = int(ports.split(":")[0])
    if namespace == "mlflow" and target == "service/mlflow" and ports.endswith(":5000"):
        handler = Mlflow
    elif namespace == "serving" and target.endswith("-predictor") and ports.endswith(":80"):
        name = target[len("service/"):-len("-predictor")]
        if not os.path.exists(isvc_file(name)):
            fail(f'error: services "{name}-predictor" not found', 1)
        handler = model_server(name)
    else:
        fail(f"error: unexpected port-forward {args}", 2)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", local), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Forwarding from 127.0.0.1:{local} -> {ports.split(':')[1]}", flush=True)
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Event().wait(120)
    fail("error: the forward was never stopped", 1)


def isvc_file(name):
    return os.path.join(os.environ["MX_FAKE_STATE"], f"isvc-{name}.yaml")


def field(manifest, key):
    match = re.search(rf"^\s*{re.escape(key)}:\s*(.+)$", manifest, re.MULTILINE)
    return match.group(1).strip().strip('"') if match else None


def isvc_json(name):
    with open(isvc_file(name)) as f:
        manifest = f.read()
    reads_file = isvc_file(name) + ".reads"
    reads = (int(open(reads_file).read()) if os.path.exists(reads_file) else 0) + 1
    with open(reads_file, "w") as f:
        f.write(str(reads))
    ready = not os.environ.get("MX_FAKE_NEVER_READY") and reads > int(os.environ.get("MX_FAKE_READY_AFTER", "1"))
    stamp = "2026-12-04T10:15:00Z"
    conditions = [
        {"lastTransitionTime": stamp, "status": "True", "type": "IngressReady"},
        {"lastTransitionTime": stamp, "status": "True" if ready else "False", "type": "PredictorReady",
         **({} if ready else {"severity": "Info", "reason": "MinimumReplicasUnavailable",
                              "message": "Deployment does not have minimum availability."})},
        {"lastTransitionTime": stamp, "status": "True" if ready else "False", "type": "Ready",
         **({} if ready else {"reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability."})},
    ]
    internal = f"http://{name}-predictor.serving.svc.cluster.local"
    return {
        "apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
        "metadata": {"name": name, "namespace": "serving", "generation": 1,
                     "labels": {"app.kubernetes.io/managed-by": "mx", "networking.kserve.io/visibility": "cluster-local"},
                     "annotations": {"mx.dev/model": field(manifest, "mx.dev/model"), "mx.dev/model-uri": field(manifest, "mx.dev/model-uri"),
                                     "serving.kserve.io/deploymentMode": "Standard"}},
        "spec": {"predictor": {"model": {"modelFormat": {"name": "mlflow"}, "protocolVersion": "v2", "runtime": "kserve-mlserver",
                                         "storageUri": field(manifest, "storageUri")}}},
        "status": {"address": {"url": internal}, "url": internal, "conditions": conditions, "deploymentMode": "Standard",
                   "observedGeneration": 1, "modelStatus": {"transitionStatus": "UpToDate" if ready else "InProgress"}},
    }


def kubectl(args):
    if "port-forward" in args:
        return port_forward(args)
    if args[:1] != ["--context"] or args[2:4] != ["--namespace", "serving"]:
        log("kubectl", args)
        fail("error: mx serve must name the context and the serving namespace", 2)
    rest = args[4:]
    if rest == ["apply", "--filename", "-"]:
        manifest = sys.stdin.read()
        log("kubectl", args, stdin=manifest)
        if not manifest.lstrip("# \n").startswith("{") and "kind: HTTPRoute" in manifest:
            # The gateway's objects of a served model: the route and its IAP and health-check policies.
            for doc in manifest.split("\n---\n"):
                kind = re.search(r"^kind: (\w+)$", doc, re.M).group(1)
                name = re.search(r"^  name: (\S+)$", doc, re.M).group(1)
                print(f"{kind.lower()}/{name} configured")
            return
        name = field(manifest, "name")
        with open(isvc_file(name), "w") as f:
            f.write(manifest)
        print(f"inferenceservice.serving.kserve.io/{name} configured")
        return
    log("kubectl", args)
    if rest[:2] == ["get", RESOURCE] and rest[2:3] == ["--selector"]:
        names = sorted(n[len("isvc-"):-len(".yaml")] for n in os.listdir(os.environ["MX_FAKE_STATE"]) if n.startswith("isvc-") and n.endswith(".yaml"))
        print(json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [isvc_json(n) for n in names]}))
        return
    if rest[:2] == ["get", RESOURCE] and rest[3:] == ["--output", "json"]:
        if not os.path.exists(isvc_file(rest[2])):
            fail(f'Error from server (NotFound): {RESOURCE} "{rest[2]}" not found', 1)
        print(json.dumps(isvc_json(rest[2])))
        return
    if rest[:2] == ["delete", RESOURCE] and rest[3:] == ["--ignore-not-found", "--output=name"]:
        if os.path.exists(isvc_file(rest[2])):
            os.remove(isvc_file(rest[2]))
            print(f"inferenceservice.serving.kserve.io/{rest[2]}")
        return
    if rest[:1] == ["delete"] and rest[3:] == ["--ignore-not-found", "--output=name"]:
        for kind in rest[1].split(","):
            print(f"{kind}/{rest[2]}")
        return
    if rest[:1] == ["logs"] and rest[1].startswith("deployment/") and rest[2:4] == ["--container", "kserve-container"]:
        for line in ["2026-12-04 10:16:02,114 [mlserver] INFO - Loaded model 'classifier' succesfully.",
                     "2026-12-04 10:16:02,120 [mlserver.rest] INFO - HTTP server running on http://0.0.0.0:8080"]:
            print(line, flush=True)
        return
    fail(f"error: unknown command {rest}", 2)


if __name__ == "__main__":
    tool, argv = sys.argv[1], sys.argv[2:]
    if tool == "kubectl":
        kubectl(argv)
    else:
        log(tool, argv)
        fail(f"ERROR: ({tool}) unexpected call {argv}", 2)
