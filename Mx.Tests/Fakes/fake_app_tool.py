#!/usr/bin/env python3
"""A stand-in for docker, gcloud, kubectl and xdg-open in the `mx app deploy` and `mx app logs` tests.

kubectl's routes, `rollout status`, `set image` and `logs`, and xdg-open, are fake_gateway_tool's (beside this file),
which also appends the JSON line (tool, argv) of every run to $MX_FAKE_LOG. Added here, in the real tools' formats:
`kubectl config get-contexts --output name` prints the contexts of $MX_FAKE_CONTEXTS (comma-separated; default
mx-acme-vision-dev), one a line; `docker build --target STAGE --tag IMAGE DIR` prints BuildKit's last lines, failing
when DIR has no Dockerfile stage STAGE; `docker push IMAGE` prints what docker prints for a pushed image;
`gcloud builds submit --config FILE --project P DIR` keeps the build config as $MX_FAKE_STATE/cloudbuild.yaml and
prints Cloud Build's summary. Anything else fails like an unknown command.
"""
import hashlib
import json
import os
import re
import sys

import fake_gateway_tool as gateway


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


def docker(args):
    if args[:1] == ["build"] and "--target" in args and "--tag" in args:
        stage, image, directory = option(args, "--target"), option(args, "--tag"), args[-1]
        with open(os.path.join(directory, "Dockerfile")) as f:
            stages = re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)\s*$", f.read(), re.MULTILINE | re.IGNORECASE)
        if stage not in stages:
            sys.stderr.write(f'ERROR: failed to solve: target stage "{stage}" could not be found\n')
            return 1
        sys.stderr.write(f"#14 exporting to image\n#14 exporting layers done\n#14 naming to {image} done\n#14 DONE 0.1s\n")
        return 0
    if args[:1] == ["push"] and len(args) == 2:
        repository, tag = args[1].rsplit(":", 1)
        digest = hashlib.sha256(args[1].encode()).hexdigest()
        print(f"The push refers to repository [{repository}]\n5f70bf18a086: Pushed\n{tag}: digest: sha256:{digest} size: 2412")
        return 0
    sys.stderr.write(f"unknown docker command: {args}\n")
    return 125


def gcloud(args):
    if args[:3] == ["builds", "submit", "--config"]:
        with open(args[3]) as f, open(os.path.join(os.environ["MX_FAKE_STATE"], "cloudbuild.yaml"), "w") as kept:
            kept.write(f.read())
        project = option(args, "--project")
        print("ID                                    CREATE_TIME                DURATION  SOURCE"
              "                                                             IMAGES  STATUS")
        print(f"1f2e3d4c-5b6a-4789-8abc-def012345678  2026-12-07T10:11:12+00:00  2M31S     gs://{project}_cloudbuild/source/"
              "1765102272.5-0a1b2c3d.tgz  -       SUCCESS")
        return 0
    return gateway.gcloud(args)


def kubectl(args):
    if args == ["config", "get-contexts", "--output", "name"]:
        for context in os.environ.get("MX_FAKE_CONTEXTS", "mx-acme-vision-dev").split(","):
            if context:
                print(context)
        return 0
    return gateway.kubectl(args)


def main():
    tool, args = sys.argv[1], sys.argv[2:]
    gateway.log(tool, args)
    if tool == "docker":
        return docker(args)
    if tool == "gcloud":
        return gcloud(args)
    if tool == "kubectl":
        return kubectl(args)
    if tool in ("xdg-open", "open"):
        return 0
    sys.stderr.write(f"fake {tool}: unexpected call {args}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
