#!/usr/bin/env python3
"""A stand-in for kubectl and xdg-open in the front-door tests: mx open, mx deploy --list, mx app.

Every run appends one JSON line (tool, argv) to $MX_FAKE_LOG. `kubectl get httproutes... --all-namespaces --selector
mx.dev/app=NAME --output json` answers a List in the API server's format with the routes of $MX_FAKE_ROUTES (a JSON
file holding a list of HTTPRoute objects) that carry that label. `kubectl rollout status` prints what kubectl prints
for a finished rollout, or fails like a stuck one when $MX_FAKE_ROLLOUT_FAILS is set; `kubectl logs` prints
$MX_FAKE_APP_LOGS. `kubectl set image` prints kubectl's answer. `gcloud dns managed-zones describe ZONE --project P`
answers like gcloud from $MX_FAKE_ZONES (JSON: {"P/ZONE": "dns.name."}), or fails with gcloud's 404.
`gcloud iam service-accounts sign-jwt IN OUT --iam-account SA` checks the claims as IAM's signJwt does (a JSON object; exp,
when present, an integer neither past nor more than 12 hours ahead) and writes a JWT of those claims to OUT, with a
header naming a key id and a signature that is not one; with $MX_FAKE_SIGN_DENIED it fails with gcloud's
PERMISSION_DENIED. xdg-open, open and curl only record their arguments.
"""
import base64
import time
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
    if args[:3] == ["iam", "service-accounts", "sign-jwt"]:
        return sign_jwt(args[3], args[4], option(args, "--iam-account"))
    sys.stderr.write(f"fake gcloud: unexpected call {args}\n")
    return 1


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(claims_file, token_file, account):
    if os.environ.get("MX_FAKE_SIGN_DENIED"):
        sys.stderr.write(
            "ERROR: (gcloud.iam.service-accounts.sign-jwt) PERMISSION_DENIED: Permission 'iam.serviceAccounts.signJwt' denied on"
            f" resource (or it may not exist). This command is authenticated as ada@acme.ai which is the active account specified"
            " by the [core/account] property.\n"
        )
        return 1
    with open(claims_file) as f:
        try:
            claims = json.load(f)
        except ValueError:
            claims = None
    now = int(time.time())
    if not isinstance(claims, dict):
        sys.stderr.write("ERROR: (gcloud.iam.service-accounts.sign-jwt) INVALID_ARGUMENT: Payload is not a JSON object.\n")
        return 1
    exp = claims.get("exp")
    if exp is not None and (not isinstance(exp, int) or exp < now or exp > now + 12 * 3600):
        sys.stderr.write("ERROR: (gcloud.iam.service-accounts.sign-jwt) INVALID_ARGUMENT: Invalid JWT expiry: must be in the future and at most 12h away.\n")
        return 1
    header = {"alg": "RS256", "kid": "2f6d1c0e9b8a7d6c5b4a39281706f5e4d3c2b1a0", "typ": "JWT"}
    token = ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(claims).encode()), b64url(b"not-a-signature")])
    with open(token_file, "w") as f:
        f.write(token)
    sys.stderr.write(f"signed jwt [{claims_file}] as [{token_file}] for [{account}] using key [{header['kid']}]\n")
    return 0


def main():
    tool, args = sys.argv[1], sys.argv[2:]
    log(tool, args)
    if tool == "kubectl":
        return kubectl(args)
    if tool == "gcloud":
        return gcloud(args)
    if tool in ("xdg-open", "open", "curl"):
        return 0
    sys.stderr.write(f"fake {tool}: unexpected call {args}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
