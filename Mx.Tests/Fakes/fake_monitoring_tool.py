#!/usr/bin/env python3
"""A stand-in for kubectl (and gcloud, docker) in the GPU monitoring tests: mx dash, mx usage, mx secret set.

Every run appends one JSON line (tool, argv, stdin when read) to $MX_FAKE_LOG. `kubectl port-forward` to
service/grafana serves Grafana's /api/health; to service/gmp-frontend it serves Prometheus' /api/v1/query in the real
JSON format, answering the usage queries from $MX_FAKE_GPU_SERIES (a JSON list of {"labels": {...}, "allocated": h,
"used": h}) grouped by the query's `sum by (...)`, and recording each query. $MX_FAKE_FORWARD_FAILS makes a forward
fail before it listens, like a missing service. `kubectl apply --filename -` records what it read; `get secret` answers from $MX_FAKE_SECRETS (namespace/name, comma-separated).
"""
import http.server
import json
import os
import re
import signal
import sys
import threading
import urllib.parse


def log(tool, args, **extra):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args, **extra}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


class Grafana(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"database": "ok", "version": "12.3.1"}) if self.path == "/api/health" else ""
        self.send_response(200 if body else 404)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *_):
        pass


class Prometheus(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path != "/api/v1/query":
            self.send_response(404)
            self.end_headers()
            return
        query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
        log("prometheus", [query])
        grouping = re.match(r"^sum by \(([^)]*)\) \((count|sum)_over_time\(DCGM_FI_DEV_GPU_UTIL\{pod!=\"\"\}\[[0-9]+[hdw]:1m\]\)\)", query)
        if not grouping:
            self.answer(400, {"status": "error", "errorType": "bad_data", "error": f"unexpected query {query}"})
            return
        labels = [l.strip() for l in grouping.group(1).split(",")]
        field = "allocated" if grouping.group(2) == "count" else "used"
        groups = {}
        for series in json.loads(os.environ.get("MX_FAKE_GPU_SERIES", "[]")):
            key = tuple(series["labels"].get(l, "") for l in labels)
            groups[key] = groups.get(key, 0.0) + series[field]
        result = [{"metric": {l: v for l, v in zip(labels, key) if v}, "value": [1764806400.0, repr(hours)]}
                  for key, hours in sorted(groups.items())]
        self.answer(200, {"status": "success", "data": {"resultType": "vector", "result": result}})

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *_):
        pass


def port_forward(args):
    log("kubectl", args)
    services = {("service/grafana", "3000"): Grafana, ("service/gmp-frontend", "9090"): Prometheus}
    local, _, remote = args[6].partition(":")
    handler = services.get((args[5], remote))
    if args[4] != "port-forward" or args[3] != "monitoring" or handler is None:
        fail(f"error: unexpected port-forward {args}", 2)
    if os.environ.get("MX_FAKE_FORWARD_FAILS"):
        fail(f'error: services "{args[5].split("/")[1]}" not found', 1)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(local)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Forwarding from 127.0.0.1:{local} -> {remote}", flush=True)

    def interrupted(*_):
        log("kubectl", args, interrupted=True)
        sys.exit(0)

    signal.signal(signal.SIGINT, interrupted)
    threading.Event().wait(120)
    fail("error: the forward was never stopped", 1)


def get_secret(args):
    """`get secret NAME --ignore-not-found --output name`: $MX_FAKE_SECRETS lists the namespace/name of those that exist."""
    log("kubectl", args)
    if os.environ.get("MX_FAKE_CLUSTER_DOWN"):
        fail('E1207 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: '
             'Get \\"https://10.0.0.2/api?timeout=32s\\": dial tcp 10.0.0.2:443: i/o timeout"\n'
             "Unable to connect to the server: dial tcp 10.0.0.2:443: i/o timeout", 1)
    if args[4:] != ["get", "secret", args[6], "--ignore-not-found", "--output", "name"]:
        fail(f"error: unexpected get {args}", 2)
    if f"{args[3]}/{args[6]}" in os.environ.get("MX_FAKE_SECRETS", "").split(","):
        print(f"secret/{args[6]}")


def kubectl(args):
    if len(args) < 5 or args[0] != "--context" or args[2] != "--namespace":
        log("kubectl", args)
        fail("error: mx must name the context and the namespace", 2)
    rest = args[4:]
    if rest[:1] == ["port-forward"]:
        return port_forward(args)
    if rest[:2] == ["get", "secret"]:
        return get_secret(args)
    if rest == ["apply", "--filename", "-"]:
        manifest = sys.stdin.read()
        log("kubectl", args, stdin=manifest)
        kind = json.loads(manifest)["kind"].lower()
        print(f"{kind}/{json.loads(manifest)['metadata']['name']} configured")
        return
    log("kubectl", args)
    fail(f"error: unknown command {rest}", 2)


def other(tool):
    def run(args):
        log(tool, args)
        fail(f"{tool}: the monitoring tests expect no {tool} call", 2)
    return run


{"kubectl": kubectl, "gcloud": other("gcloud"), "docker": other("docker")}[sys.argv[1]](sys.argv[2:])
