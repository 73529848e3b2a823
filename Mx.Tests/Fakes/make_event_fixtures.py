#!/usr/bin/env python3
"""Writes the engine-event fixtures the fake pulumi replays, from the golden skeleton's Pulumi programs.

The events follow pulumi's `--json` stream format (sdk/go/common/apitype/events.go): one EngineEvent per
line with `sequence`, `timestamp` and one payload (`preludeEvent`, `resourcePreEvent`, `resOutputsEvent`,
`resOpFailedEvent`, `diagnosticEvent`, `summaryEvent`, `cancelEvent`). Run it after changing the skeleton's
programs:  python3 Mx.Tests/Fakes/make_event_fixtures.py
"""
import json
import os
import re

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "acme-vision", "infra", "pulumi")
OUT = os.path.join(HERE, "events")
STACK = "dev"
START = 1767225600  # 2026-01-01T00:00:00Z

# Resources that take long in GCP, so elapsed times in the progress lines are visibly different.
DURATIONS = {"cluster": 312, "cpuPool": 95, "gpuPool": 88, "network": 22, "subnet": 14, "nat": 21, "router": 11}


def canonical(token):
    """`gcp:container:Cluster` -> `gcp:container/cluster:Cluster`, the form the engine reports."""
    parts = token.split(":")
    if len(parts) == 2:
        pkg, member = parts
        return f"{pkg}:index/{member[0].lower() + member[1:]}:{member}"
    pkg, module, member = parts
    if "/" in module or pkg == "pulumi":
        return token
    return f"{pkg}:{module}/{member[0].lower() + member[1:]}:{member}"


class Stream:
    def __init__(self, project, planning=False):
        self.project = project
        self.planning = planning
        self.sequence = 0
        self.now = START
        self.lines = []

    def urn(self, type_, name):
        if type_ == "pulumi:pulumi:Stack":
            return f"urn:pulumi:{STACK}::{self.project}::pulumi:pulumi:Stack::{self.project}-{STACK}"
        return f"urn:pulumi:{STACK}::{self.project}::{type_}::{name}"

    def emit(self, kind, payload, seconds=0):
        self.sequence += 1
        self.now += seconds
        self.lines.append(json.dumps({"sequence": self.sequence, "timestamp": self.now, kind: payload}, separators=(",", ":")))

    def metadata(self, op, type_, name, keys=None, diffs=None):
        urn = self.urn(type_, name)
        state = {"type": type_, "urn": urn, "custom": type_ != "pulumi:pulumi:Stack", "id": "", "parent": "", "inputs": {}, "outputs": {}, "provider": ""}
        meta = {"op": op, "urn": urn, "type": type_, "old": None if op == "create" else state, "new": None if op == "delete" else state,
                "detailedDiff": None, "provider": ""}
        if keys:
            meta["keys"] = keys
        if diffs:
            meta["diffs"] = diffs
        if op in ("create", "update", "delete", "replace", "same"):
            meta["logical"] = True
        return meta

    def step(self, op, type_, name, seconds=1, keys=None, diffs=None):
        body = {"metadata": self.metadata(op, type_, name, keys, diffs)}
        if self.planning:
            body["planning"] = True
        self.emit("resourcePreEvent", body)
        self.emit("resOutputsEvent", dict(body), seconds=0 if self.planning else seconds)

    def prelude(self, config):
        self.emit("preludeEvent", {"config": config})

    def diagnostic(self, severity, message, name=None, type_=None):
        body = {"message": message, "color": "never", "severity": severity}
        if name:
            body["urn"] = self.urn(type_, name)
        self.emit("diagnosticEvent", body)

    def summary(self, changes, duration, preview=False):
        body = {"maybeCorrupt": False, "durationSeconds": duration, "resourceChanges": changes, "PolicyPacks": {}}
        if preview:
            body["isPreview"] = True
        self.emit("summaryEvent", body)

    def cancel(self):
        self.emit("cancelEvent", {})

    def write(self, scenario, name):
        os.makedirs(os.path.join(OUT, scenario), exist_ok=True)
        with open(os.path.join(OUT, scenario, name), "w") as f:
            f.write("\n".join(self.lines) + "\n")


def program(name, sample=SAMPLE):
    with open(os.path.join(sample, name, "Main.yaml")) as f:
        main = yaml.safe_load(f)
    with open(os.path.join(sample, name, "Pulumi.yaml")) as f:
        project = yaml.safe_load(f)["name"]
    return project, [(n, canonical(r["type"])) for n, r in main["resources"].items()]


def protected(name, sample=SAMPLE):
    """The resources `pulumi destroy --exclude-protected` leaves alone."""
    with open(os.path.join(sample, name, "Main.yaml")) as f:
        main = yaml.safe_load(f)
    return {n for n, r in main["resources"].items() if (r.get("options") or {}).get("protect") is True}


CLUSTER_CONFIG = {"gcp:project": "acme-vision-prod", "gcp:region": "europe-west4", "gcp:zone": "europe-west4-a", "acme-vision-cluster:gpuMaxNodes": "2"}
STACK_TYPE = "pulumi:pulumi:Stack"


def whole(project, resources, op, config, planning=False, skip=()):
    s = Stream(project, planning)
    s.prelude(config)
    s.step("same" if op == "same" else op, STACK_TYPE, "", seconds=0)
    for name, type_ in resources:
        if name in skip:
            continue
        if type_ == "pulumi:pulumi:StackReference":
            s.step("read" if op != "same" else "same", type_, name)
        else:
            s.step(op, type_, name, seconds=DURATIONS.get(name, 2))
    return s


def main():
    cluster_project, cluster = program("cluster")
    platform_project, platform = program("platform")
    kustomized = [("training-infra/apps/v1/Deployment::mlflow/mlflow", "kubernetes:apps/v1:Deployment"),
                  ("training-infra/apps/v1/StatefulSet::mlflow/mlflow-postgres", "kubernetes:apps/v1:StatefulSet")]

    # A fresh create of the whole skeleton.
    s = whole(cluster_project, cluster, "create", CLUSTER_CONFIG)
    s.summary({"create": len(cluster) + 1}, 540)
    s.cancel()
    s.write("fresh", "cluster.up.jsonl")
    s = whole(platform_project, platform + kustomized, "create", {})
    reads = sum(1 for _, t in platform if t == "pulumi:pulumi:StackReference")
    s.summary({"create": len(platform) + len(kustomized) + 1 - reads, "same": reads}, 61)
    s.cancel()
    s.write("fresh", "platform.up.jsonl")
    s = whole(cluster_project, cluster, "create", CLUSTER_CONFIG, planning=True)
    s.summary({"create": len(cluster) + 1}, 4, preview=True)
    s.cancel()
    s.write("fresh", "cluster.preview.jsonl")

    # Destroying: platform and cluster (the protected buckets are excluded), and the targeted update that
    # switches the cluster's deletion protection off first.
    s = Stream(cluster_project)
    s.prelude(dict(CLUSTER_CONFIG, **{"acme-vision-cluster:deletionProtection": "false"}))
    s.step("same", STACK_TYPE, "", seconds=0)
    s.step("update", "gcp:container/cluster:Cluster", "cluster", seconds=3, diffs=["deletionProtection"])
    s.summary({"update": 1, "same": 1}, 5)
    s.cancel()
    for scenario in ("fresh", "noop"):
        s.write(scenario, "cluster.up-target.jsonl")
    for name, project, resources, config in (("platform", platform_project, platform + kustomized, {}),
                                             ("cluster", cluster_project, cluster, CLUSTER_CONFIG)):
        kept = protected(name)
        s = whole(project, list(reversed(resources)), "delete", config, skip=kept)
        deleted = sum(1 for n, t in resources if n not in kept and t != "pulumi:pulumi:StackReference") + 1
        s.summary({"delete": deleted}, 300 if name == "cluster" else 40)
        s.cancel()
        for scenario in ("fresh", "noop"):
            s.write(scenario, f"{name}.destroy.jsonl")

    # Nothing to do.
    for name, project, resources, config in (("cluster", cluster_project, cluster, CLUSTER_CONFIG),
                                             ("platform", platform_project, platform + kustomized, {})):
        for command, planning in (("up", False), ("preview", True)):
            s = whole(project, resources, "same", config, planning=planning)
            s.summary({"same": len(resources) + 1}, 3 if planning else 9, preview=planning)
            s.cancel()
            s.write("noop", f"{name}.{command}.jsonl")

    # A GPU pool whose accelerator changed: GKE replaces the whole pool.
    for command, planning in (("preview", True), ("up", False)):
        s = Stream(cluster_project, planning)
        s.prelude(CLUSTER_CONFIG)
        s.step("same", STACK_TYPE, "", seconds=0)
        for name, type_ in cluster:
            if name != "gpuPool":
                s.step("same", type_, name, seconds=0)
        pool = "gcp:container/nodePool:NodePool"
        s.step("create-replacement", pool, "gpuPool", seconds=0 if planning else 240, keys=["nodeConfig"], diffs=["nodeConfig"])
        s.step("replace", pool, "gpuPool", seconds=0, keys=["nodeConfig"], diffs=["nodeConfig"])
        s.step("delete-replaced", pool, "gpuPool", seconds=0 if planning else 65)
        s.summary({"replace": 1, "same": len(cluster)}, 5 if planning else 310, preview=planning)
        s.cancel()
        s.write("gpu-replace", f"cluster.{command}.jsonl")
        s = whole(platform_project, platform + kustomized, "same", {}, planning=planning)
        s.summary({"same": len(platform) + len(kustomized) + 1}, 3, preview=planning)
        s.cancel()
        s.write("gpu-replace", f"platform.{command}.jsonl")

    # A failure with diagnostics: no quota for the GPU pool.
    s = Stream(cluster_project)
    s.prelude(CLUSTER_CONFIG)
    s.step("create", STACK_TYPE, "", seconds=0)
    done = 0
    for name, type_ in cluster:
        if name == "gpuPool":
            break
        s.step("create", type_, name, seconds=DURATIONS.get(name, 2))
        done += 1
    pool = "gcp:container/nodePool:NodePool"
    s.emit("resourcePreEvent", {"metadata": s.metadata("create", pool, "gpuPool")})
    s.diagnostic("error", "error: 1 error occurred:\n\t* error creating NodePool: googleapi: Error 403: Insufficient regional quota to satisfy request: "
                 "resource \"NVIDIA_L4_GPUS\": request requires '1.0' and is short '1.0'. project has a quota of '0.0' with '0.0' available.\n",
                 "gpuPool", pool)
    s.emit("resOpFailedEvent", {"metadata": s.metadata("create", pool, "gpuPool"), "status": 1, "steps": 0}, seconds=7)
    s.diagnostic("error", "update failed", "", STACK_TYPE)
    s.summary({"create": done + 1}, 420)
    s.cancel()
    s.write("failure", "cluster.up.jsonl")

    # Destroying a Cloud SQL project whose network still has the private services peering: Google holds the
    # connection for days after the instance is deleted, so the program lets go of it and the network's deletion
    # is refused. The message follows GCP's resourceInUseByAnotherResource errors.
    cloudsql_project, cloudsql = program("cluster", os.path.join(HERE, "..", "..", "samples", "acme-vision-cloudsql", "infra", "pulumi"))
    s = Stream(cloudsql_project)
    s.prelude(dict(CLUSTER_CONFIG, **{"acme-vision-cluster:deletionProtection": "false"}))
    s.step("same", STACK_TYPE, "", seconds=0)
    done = 0
    kept = protected("cluster", os.path.join(HERE, "..", "..", "samples", "acme-vision-cloudsql", "infra", "pulumi"))
    for name, type_ in reversed(cloudsql):
        if name == "network":
            break
        if name not in kept:
            s.step("delete", type_, name, seconds=DURATIONS.get(name, 2))
            done += 1
    network = "gcp:compute/network:Network"
    s.emit("resourcePreEvent", {"metadata": s.metadata("delete", network, "network")})
    s.diagnostic("error", "error: deleting urn:pulumi:dev::acme-vision-cluster::gcp:compute/network:Network::network: 1 error occurred:\n"
                 "\t* Error waiting for Deleting Network: The network resource 'projects/acme-vision-prod/global/networks/acme-vision' "
                 "is already being used by 'projects/acme-vision-prod/global/networks/acme-vision/peerings/servicenetworking-googleapis-com'\n",
                 "network", network)
    s.emit("resOpFailedEvent", {"metadata": s.metadata("delete", network, "network"), "status": 1, "steps": 0}, seconds=4)
    s.diagnostic("error", "destroy failed", "", STACK_TYPE)
    s.summary({"delete": done}, 280)
    s.cancel()
    s.write("peering", "cluster.destroy.jsonl")
    for name in ("platform.destroy.jsonl", "cluster.up-target.jsonl"):
        with open(os.path.join(OUT, "fresh", name)) as source, open(os.path.join(OUT, "peering", name), "w") as target:
            target.write(source.read())

    # A cancellation: the fake holds back the summary until it receives SIGINT.
    s = Stream(cluster_project)
    s.prelude(CLUSTER_CONFIG)
    s.step("create", STACK_TYPE, "", seconds=0)
    for name, type_ in cluster[:6]:
        s.step("create", type_, name, seconds=DURATIONS.get(name, 2))
    s.emit("resourcePreEvent", {"metadata": s.metadata("create", "gcp:container/cluster:Cluster", "cluster")})
    s.diagnostic("error", "update canceled", "", STACK_TYPE)
    s.summary({"create": 7}, 60)
    s.cancel()
    s.write("cancel", "cluster.up.jsonl")

    outputs = {
        "project": "acme-vision-prod", "location": "europe-west4-a", "clusterName": "acme-vision",
        "registry": "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images",
        "dataBucket": "acme-vision-prod-acme-vision-data", "artifactsBucket": "acme-vision-prod-acme-vision-artifacts",
        "stateBucket": "acme-vision-prod-acme-vision-state",
        "mlflowServiceAccount": "acme-vision-mlflow@acme-vision-prod.iam.gserviceaccount.com",
        "trainingServiceAccount": "acme-vision-train@acme-vision-prod.iam.gserviceaccount.com",
        "gpuNodeSelector": "nvidia-l4", "kubeconfig": "[secret]",
    }
    os.makedirs(os.path.join(OUT, "outputs"), exist_ok=True)
    with open(os.path.join(OUT, "outputs", "cluster.json"), "w") as f:
        json.dump(outputs, f, indent=4)
        f.write("\n")
    with open(os.path.join(OUT, "outputs", "platform.json"), "w") as f:
        f.write("{}\n")


if __name__ == "__main__":
    main()
