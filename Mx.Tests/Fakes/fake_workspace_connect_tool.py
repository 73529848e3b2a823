#!/usr/bin/env python3
"""A stand-in for kubectl and gcloud in the workspace connection tests: mx workspace proxy, ssh, jupyter and sync.

Every run appends one JSON line (tool, argv) to $MX_FAKE_LOG.
- `gcloud config get-value account --quiet` prints $MX_FAKE_ACCOUNT (default ada@acme.ai).
- `kubectl get pods --selector mx.dev/workspace=NAME --output json` answers a PodList in the real format from
  $MX_FAKE_WORKSPACES, a JSON object {NAME: {"owner": ACCOUNT, "phase": "Running", "namespace": NS}}; a workspace of
  another namespace is not found, as in a real cluster. $MX_FAKE_NO_CONTEXT makes kubectl refuse the context as real
  kubectl does when the kubeconfig has no such context.
- `kubectl get secret ws-NAME-jupyter --output json` answers the Secret with data.token = base64($MX_FAKE_JUPYTER_TOKEN).
- `kubectl port-forward --address 127.0.0.1 pod/P [LOCAL]:REMOTE` listens on 127.0.0.1 (a free port when LOCAL is
  empty), prints kubectl's real "Forwarding from 127.0.0.1:PORT -> REMOTE" line and "Handling connection for PORT"
  per connection, and relays every connection to 127.0.0.1:$MX_FAKE_SSHD_PORT for 2222; for 8888 it serves a tiny
  JupyterLab that answers /lab 200 only with ?token=$MX_FAKE_JUPYTER_TOKEN. Its pid is written to
  $MX_FAKE_STATE/forward-N.pid; SIGINT ends it, logged with "interrupted". The first $MX_FAKE_FORWARD_DROPS forwards accept one connection and then end as real
  kubectl does when the pod refuses it ("error: lost connection to pod"), before relaying anything.
"""
import base64
import http.server
import json
import os
import signal
import socket
import sys
import threading


def log(tool, args, **extra):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args, **extra}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def workspaces():
    return json.loads(os.environ.get("MX_FAKE_WORKSPACES", "{}"))


def pod_name(name):
    return f"ws-{name}-0"


def pod(name, spec):
    user = spec["owner"].replace("@", "_")
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": pod_name(name),
            "namespace": spec.get("namespace", "training"),
            "uid": "6f1c0b1e-0d4c-4c55-9a55-" + format(abs(hash(name)) % 10**12, "012d"),
            "creationTimestamp": "2026-12-07T09:00:00Z",
            "labels": {
                "app.kubernetes.io/component": "workspace",
                "app.kubernetes.io/managed-by": "mx",
                "mx.dev/workspace": name,
                "mx.dev/user": user,
            },
            "annotations": {"mx.dev/owner": spec["owner"]},
        },
        "spec": {"containers": [{"name": "workspace", "image": "workspace:1", "ports": [{"containerPort": 2222, "name": "ssh"}]}]},
        "status": {"phase": spec.get("phase", "Running"), "podIP": "10.8.0.12"},
    }


def next_count(name):
    path = os.path.join(os.environ["MX_FAKE_STATE"], name)
    count = int(open(path).read()) + 1 if os.path.exists(path) else 1
    with open(path, "w") as f:
        f.write(str(count))
    return count


def relay(client, port):
    upstream = socket.create_connection(("127.0.0.1", port))

    def pump(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


class Jupyter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path.startswith("/lab?token=") and self.path.split("=", 1)[1] == os.environ["MX_FAKE_JUPYTER_TOKEN"]
        body = b"<title>JupyterLab</title>" if ok else b"403: Forbidden"
        self.send_response(200 if ok else 403)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


def port_forward(args, ns):
    log("kubectl", args)
    rest = args[4:]
    if rest[:3] != ["port-forward", "--address", "127.0.0.1"] or len(rest) != 5:
        fail(f"error: unexpected port-forward {args}", 2)
    target, ports = rest[3], rest[4]
    local, _, remote = ports.partition(":")
    names = {pod_name(n): s for n, s in workspaces().items() if s.get("namespace", "training") == ns}
    if not target.startswith("pod/") or target[4:] not in names:
        fail(f'Error from server (NotFound): pods "{target[4:]}" not found', 1)
    count = next_count("forwards")
    with open(os.path.join(os.environ["MX_FAKE_STATE"], f"forward-{count}.pid"), "w") as f:
        f.write(str(os.getpid()))
    drops = count <= int(os.environ.get("MX_FAKE_FORWARD_DROPS", "0"))
    def interrupted(*_):
        log("kubectl", args, interrupted=True)
        os._exit(0)

    signal.signal(signal.SIGINT, interrupted)
    if remote == "8888":
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(local or 0)), Jupyter)
        port = server.server_address[1]
        print(f"Forwarding from 127.0.0.1:{port} -> {remote}", flush=True)
        server.serve_forever()
        return
    if remote != "2222":
        fail(f"error: the workspace tests forward no port {remote}", 2)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(local or 0)))
    listener.listen(16)
    port = listener.getsockname()[1]
    print(f"Forwarding from 127.0.0.1:{port} -> {remote}", flush=True)
    while True:
        client, _ = listener.accept()
        print(f"Handling connection for {port}", flush=True)
        if drops:
            client.close()
            sys.stderr.write(
                f"E1207 09:00:01.000000   4242 portforward.go:413] an error occurred forwarding {port} -> 2222: error forwarding port 2222 to pod "
                f"{target[4:]}, uid : failed to execute portforward in network namespace \"/var/run/netns/cni-1\": failed to connect to localhost:2222 "
                "inside namespace, IPv4: dial tcp4 127.0.0.1:2222: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address\n"
                "error: lost connection to pod\n")
            sys.exit(1)
        relay(client, int(os.environ["MX_FAKE_SSHD_PORT"]))


def kubectl(args):
    if len(args) < 5 or args[0] != "--context" or args[2] != "--namespace":
        log("kubectl", args)
        fail("error: mx must name the context and the namespace", 2)
    if os.environ.get("MX_FAKE_NO_CONTEXT"):
        log("kubectl", args)
        fail(f'error: context "{args[1]}" does not exist', 1)
    ns, rest = args[3], args[4:]
    if rest[:1] == ["port-forward"]:
        return port_forward(args, ns)
    log("kubectl", args)
    if rest[:4] == ["get", "pods", "--selector", rest[3]] and rest[4:] == ["--output", "json"] and rest[3].startswith("mx.dev/workspace="):
        name = rest[3].split("=", 1)[1]
        found = {n: s for n, s in workspaces().items() if n == name and s.get("namespace", "training") == ns}
        items = [pod(n, s) for n, s in found.items()]
        print(json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}, indent=4))
        return
    if rest[:2] == ["get", "secret"] and rest[3:] == ["--output", "json"] and rest[2].endswith("-jupyter"):
        token = base64.b64encode(os.environ["MX_FAKE_JUPYTER_TOKEN"].encode()).decode()
        print(json.dumps({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                          "metadata": {"name": rest[2], "namespace": ns}, "data": {"token": token}}, indent=4))
        return
    fail(f"error: unknown command {rest}", 2)


def gcloud(args):
    log("gcloud", args)
    if args == ["config", "get-value", "account", "--quiet"]:
        print(os.environ.get("MX_FAKE_ACCOUNT", "ada@acme.ai"))
        return
    fail(f"gcloud: the workspace tests expect no call {args}", 2)


{"kubectl": kubectl, "gcloud": gcloud}[sys.argv[1]](sys.argv[2:])
