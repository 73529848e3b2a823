#!/usr/bin/env python3
"""A stand-in for kubectl and xdg-open in the front-door tests: mx open, mx deploy --list, mx app.

Every run appends one JSON line (tool, argv) to $MX_FAKE_LOG. `kubectl get httproutes... --all-namespaces --selector
mx.dev/app=NAME --output json` answers a List in the API server's format with the routes of $MX_FAKE_ROUTES (a JSON
file holding a list of HTTPRoute objects) that carry that label. `kubectl rollout status` prints what kubectl prints
for a finished rollout, or fails like a stuck one when $MX_FAKE_ROLLOUT_FAILS is set; `kubectl logs` prints
$MX_FAKE_APP_LOGS. `kubectl set image` prints kubectl's answer. `gcloud dns managed-zones describe ZONE --project P`
answers like gcloud from $MX_FAKE_ZONES (JSON: {"P/ZONE": "dns.name."}), or fails with gcloud's 404. xdg-open and open only record the URL.
"""
import json
import os
import sys


def log(tool, args):
    with open(os.environ["MX_FAKE_LOG"], "a") as f:
        f.write(json.dumps({"tool": tool, "argv": args}) + "\n")


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


def kubectl(args):
    if "get" in args and any(a.startswith("httproutes") for a in args):
        selector = option(args, "--selector") or ""
        wanted = selector.split("=", 1)[1] if "=" in selector else None
        routes = []
        path = os.environ.get("MX_FAKE_ROUTES")
        if path and os.path.exists(path):
            with open(path) as f:
                routes = json.load(f)
        items = [r for r in routes if r.get("metadata", {}).get("labels", {}).get("mx.dev/app") == wanted]
        print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}))
        return 0
    if "rollout" in args and "status" in args:
        target = args[args.index("status") + 1]
        if os.environ.get("MX_FAKE_ROLLOUT_FAILS"):
            sys.stderr.write(f"error: {target} exceeded its progress deadline\n")
            return 1
        print(f'deployment "{target.split("/", 1)[1]}" successfully rolled out')
        return 0
    if "set" in args and "image" in args:
        target = args[args.index("image") + 1]
        print(f"{target} image updated")
        return 0
    if "logs" in args:
        sys.stdout.write(os.environ.get("MX_FAKE_APP_LOGS", ""))
        return 0
    sys.stderr.write(f"fake kubectl: unexpected call {args}\n")
    return 1


def gcloud(args):
    if args[:3] == ["dns", "managed-zones", "describe"]:
        zone, project = args[3], option(args, "--project")
        zones = json.loads(os.environ.get("MX_FAKE_ZONES", "{}"))
        if f"{project}/{zone}" not in zones:
            sys.stderr.write(
                "ERROR: (gcloud.dns.managed-zones.describe) HTTPError 404: The 'parameters.managedZone'"
                f" resource named '{zone}' does not exist.\n"
            )
            return 1
        print(json.dumps({
            "creationTime": "2025-03-02T10:11:12.000Z", "description": "", "dnsName": zones[f"{project}/{zone}"],
            "id": "5182741265481283719", "kind": "dns#managedZone", "name": zone,
            "nameServers": ["ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com."], "visibility": "public",
        }, indent=2))
        return 0
    sys.stderr.write(f"fake gcloud: unexpected call {args}\n")
    return 1


def main():
    tool, args = sys.argv[1], sys.argv[2:]
    log(tool, args)
    if tool == "kubectl":
        return kubectl(args)
    if tool == "gcloud":
        return gcloud(args)
    if tool in ("xdg-open", "open"):
        return 0
    sys.stderr.write(f"fake {tool}: unexpected call {args}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
