#!/usr/bin/env python3
"""A stand-in for kubectl, gcloud and docker in the dev workspace tests: mx workspace create/list/stop/start/delete.

Every run appends one JSON line (tool, argv, stdin when read) to $MX_FAKE_LOG. The cluster is a JSON file in
$MX_FAKE_STATE: `kubectl apply --filename -` stores the objects it reads (as the API server would, with a uid,
a creationTimestamp and, for a Pod, a status), `kubectl get pods,persistentvolumeclaims --selector ... --output json`
answers a kubectl List in the real format, `kubectl get events --field-selector involvedObject...` the pod's events,
and `kubectl delete KINDS --selector ...` prints what it deleted as `kind/name`. A new pod walks through
$MX_FAKE_WS_STEPS (comma-separated: gated, unschedulable, scaleup, pulling, running, ready; default ready), one step
per `get`. $MX_FAKE_ACCOUNT is gcloud's account; $MX_FAKE_NO_CLUSTER makes kubectl fail as with a missing context.
`kubectl port-forward service/gmp-frontend` serves Prometheus' /api/v1/query in the real JSON format, answering every
query with the per-pod GPU utilisation of $MX_FAKE_GPU_UTIL (JSON: {"namespace/pod": percent}) and recording the query.
"""
import datetime
import http.server
import json
import os
import signal
import sys
import threading
import urllib.parse
import uuid

import yaml


def log(tool, args, **extra):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args, **extra}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


STATE = os.path.join(os.environ["MX_FAKE_STATE"], "cluster.json")
KINDS = {"pods": "Pod", "pod": "Pod", "persistentvolumeclaims": "PersistentVolumeClaim", "pvc": "PersistentVolumeClaim",
         "secrets": "Secret", "secret": "Secret", "networkpolicies": "NetworkPolicy"}
PLURAL = {"Pod": "pod", "PersistentVolumeClaim": "persistentvolumeclaim", "Secret": "secret", "NetworkPolicy": "networkpolicy.networking.k8s.io"}


def load():
    if not os.path.exists(STATE):
        return {"objects": []}
    with open(STATE) as f:
        return json.load(f)


def save(state):
    with open(STATE, "w") as f:
        json.dump(state, f)


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


def matches(obj, selector):
    labels = obj["metadata"].get("labels", {})
    for term in selector.split(","):
        key, value = term.split("=", 1)
        if labels.get(key) != value:
            return False
    return True


def condition(type_, status, reason=None, message=None):
    c = {"type": type_, "status": status, "lastTransitionTime": now()}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    return c


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def pod_status(step):
    if step in ("gated", "unschedulable", "scaleup"):
        message = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
        return {"phase": "Pending", "conditions": [condition("PodScheduled", "False", "SchedulingGated" if step == "gated" else "Unschedulable", message)],
                "qosClass": "Burstable"}
    scheduled = condition("PodScheduled", "True")
    if step == "pulling":
        return {"phase": "Pending", "conditions": [scheduled, condition("Ready", "False", "ContainersNotReady")], "qosClass": "Burstable",
                "containerStatuses": [{"name": "workspace", "ready": False, "restartCount": 0, "image": "", "imageID": "",
                                       "state": {"waiting": {"reason": "ContainerCreating"}}}]}
    ready = step == "ready"
    return {"phase": "Running", "conditions": [scheduled, condition("Ready", "True" if ready else "False")], "qosClass": "Burstable",
            "containerStatuses": [{"name": "workspace", "ready": ready, "restartCount": 0, "started": True, "image": "", "imageID": "",
                                   "state": {"running": {"startedAt": now()}}}]}


def advance(state, pod):
    steps = pod.pop("_steps")
    step = steps[0]
    if len(steps) > 1:
        steps = steps[1:]
    pod["_steps"] = steps
    pod["_step"] = step
    pod["status"] = pod_status(step)
    if step == "gated":
        pod["spec"]["schedulingGates"] = [{"name": "kueue.x-k8s.io/admission"}]
    else:
        pod["spec"].pop("schedulingGates", None)


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


class Prometheus(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
        log("prometheus", [query])
        result = []
        for key, value in json.loads(os.environ.get("MX_FAKE_GPU_UTIL", "{}")).items():
            namespace, pod = key.split("/")
            result.append({"metric": {"namespace": namespace, "pod": pod}, "value": [1765000000.0, str(value)]})
        body = json.dumps({"status": "success", "data": {"resultType": "vector", "result": result}}).encode()
        self.send_response(200 if url.path == "/api/v1/query" else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


def port_forward(args):
    log("kubectl", args)
    local, _ = args[args.index("port-forward") + 2].split(":")
    if args[args.index("port-forward") + 1] != "service/gmp-frontend":
        fail(f"error: unexpected port-forward {args}", 2)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(local)), Prometheus)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Forwarding from 127.0.0.1:{local} -> 9090", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    threading.Event().wait(120)


def kubectl(args):
    if os.environ.get("MX_FAKE_NO_CLUSTER"):
        fail(f"error: context was not found for specified context: {option(args, '--context')}")
    if "port-forward" in args:
        port_forward(args)
        return
    ns = option(args, "--namespace")
    state = load()
    if "apply" in args:
        text = sys.stdin.read()
        log("kubectl", args, stdin=text)
        for doc in yaml.safe_load_all(text):
            if not doc:
                continue
            doc["metadata"].setdefault("namespace", ns)
            doc["metadata"]["uid"] = str(uuid.uuid4())
            doc["metadata"]["creationTimestamp"] = os.environ.get("MX_FAKE_CREATED", now())
            state["objects"] = [o for o in state["objects"] if not (o["kind"] == doc["kind"] and o["metadata"]["name"] == doc["metadata"]["name"]
                                                                    and o["metadata"]["namespace"] == doc["metadata"]["namespace"])]
            if doc["kind"] == "Pod":
                doc["_steps"] = os.environ.get("MX_FAKE_WS_STEPS", "ready").split(",")
                doc["_step"] = "new"
                doc["status"] = {"phase": "Pending", "qosClass": "Burstable"}
            state["objects"].append(doc)
            print(f"{PLURAL[doc['kind']]}/{doc['metadata']['name']} created")
        save(state)
        return
    log("kubectl", args)
    verb = args[args.index("--namespace") + 2] if "--namespace" in args else args[2]
    everywhere = "--all-namespaces" in args
    if verb == "get" and "events" in args:
        selector = dict(t.split("=", 1) for t in option(args, "--field-selector").split(","))
        items = []
        for pod in state["objects"]:
            if pod["kind"] == "Pod" and pod["metadata"]["name"] == selector["involvedObject.name"] and pod["metadata"]["namespace"] == ns \
                    and pod.get("_seen_scaleup"):
                items.append({"apiVersion": "v1", "kind": "Event", "reason": "TriggeredScaleUp", "type": "Normal",
                              "message": "pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/acme-vision-prod/zones/europe-west4-a/instanceGroups/gke-acme-vision-gpu-l4-x1-grp 0->1 (max: 2)}]",
                              "source": {"component": "cluster-autoscaler"},
                              "involvedObject": {"kind": "Pod", "name": pod["metadata"]["name"], "namespace": ns},
                              "metadata": {"name": pod["metadata"]["name"] + ".1", "namespace": ns}})
        print(json.dumps({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}))
        return
    if verb == "get":
        kinds = [KINDS[k] for k in args[args.index("get") + 1].split(",")]
        selector = option(args, "--selector")
        items = []
        for obj in state["objects"]:
            if obj["kind"] in kinds and (everywhere or obj["metadata"]["namespace"] == ns) and matches(obj, selector):
                if obj["kind"] == "Pod":
                    advance(state, obj)
                    if obj["_step"] == "scaleup":
                        obj["_seen_scaleup"] = True
                items.append(public(obj))
        save(state)
        print(json.dumps({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}, indent=4))
        return
    if verb == "annotate":
        kind, _, name = args[args.index("annotate") + 1].partition("/")
        if args[args.index("annotate") + 2] != "--overwrite":
            fail("error: --overwrite is false but found the following declared annotation(s) already set", 1)
        for obj in state["objects"]:
            if obj["kind"] == KINDS[kind] and obj["metadata"]["name"] == name and obj["metadata"]["namespace"] == ns:
                for pair in args[args.index("annotate") + 3:]:
                    key, _, value = pair.partition("=")
                    obj["metadata"].setdefault("annotations", {})[key] = value
                save(state)
                print(f"{PLURAL[obj['kind']]}/{name} annotated")
                return
        fail(f'Error from server (NotFound): {kind}s "{name}" not found', 1)
    if verb == "delete":
        kinds = [KINDS[k] for k in args[args.index("delete") + 1].split(",")]
        selector = option(args, "--selector")
        kept = []
        for obj in state["objects"]:
            if obj["kind"] in kinds and obj["metadata"]["namespace"] == ns and matches(obj, selector):
                print(f"{PLURAL[obj['kind']]}/{obj['metadata']['name']}")
            else:
                kept.append(obj)
        state["objects"] = kept
        save(state)
        return
    fail(f"fake kubectl: unexpected arguments {args}", 64)


def main():
    tool, args = sys.argv[1], sys.argv[2:]
    if tool == "gcloud":
        log("gcloud", args)
        if args[:3] == ["config", "get-value", "account"]:
            print(os.environ.get("MX_FAKE_ACCOUNT", "ada@acme.ai"))
            return
        fail(f"fake gcloud: unexpected arguments {args}", 64)
    if tool == "docker":
        log("docker", args)
        return
    if tool == "kubectl":
        kubectl(args)
        return
    fail(f"fake: unknown tool {tool}", 64)


main()
