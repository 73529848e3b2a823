"""The Kubernetes API, as the reaper uses it: GPU pods and the jobs that own them, annotations,
events, deletion, and the ConfigMap that holds the action log."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import jsonhttp
from .policy import Workload

SERVICE_ACCOUNT = Path("/var/run/secrets/kubernetes.io/serviceaccount")

# The owning object of a GPU pod, by the label its controller puts on the pod, most specific
# first: a TrainJob's pods also belong to the JobSet's Jobs, and a PyTorchJob's to no Job at all.
OWNERS = (
    (
        "jobset.sigs.k8s.io/jobset-name",
        "TrainJob",
        "/apis/trainer.kubeflow.org/v1alpha1",
        "trainjobs",
    ),
    ("training.kubeflow.org/job-name", "PyTorchJob", "/apis/kubeflow.org/v1", "pytorchjobs"),
    ("batch.kubernetes.io/job-name", "Job", "/apis/batch/v1", "jobs"),
)
# A dev workspace is its pod: reclaiming it deletes the pod and keeps the home volume, so
# `mx workspace start` brings it back.
WORKSPACE_LABEL = "mx.dev/workspace"
WORKSPACE = ("Workspace", "/api/v1", "pods")


@dataclass(frozen=True)
class GpuWorkload:
    workload: Workload
    pods: tuple[str, ...]


class Cluster:
    def __init__(self, api: str, token: str | None, context: ssl.SSLContext | None) -> None:
        self._api = api.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._context = context

    @staticmethod
    def connect(api: str | None) -> Cluster:
        """`api` for a local run through `kubectl proxy`; in the cluster, its service account."""
        if api:
            return Cluster(api, None, None)
        host, port = os.environ["KUBERNETES_SERVICE_HOST"], os.environ["KUBERNETES_SERVICE_PORT"]
        context = ssl.create_default_context(cafile=str(SERVICE_ACCOUNT / "ca.crt"))
        return Cluster(
            f"https://{host}:{port}", (SERVICE_ACCOUNT / "token").read_text().strip(), context
        )

    def _call(
        self, method: str, path: str, body: Any = None, content_type: str = "application/json"
    ) -> Any:
        return jsonhttp.request(
            method,
            self._api + path,
            body=body,
            headers=self._headers,
            content_type=content_type,
            context=self._context,
        )

    def gpu_workloads(self, namespace: str) -> list[GpuWorkload]:
        """The running workloads of `namespace` whose pods hold GPUs, each with its pods."""
        pods = self._call(
            "GET",
            jsonhttp.with_query(
                f"/api/v1/namespaces/{namespace}/pods", {"fieldSelector": "status.phase=Running"}
            ),
        )
        owned: dict[tuple[str, str, str, str], list[str]] = {}
        result = []
        for pod in pods.get("items", []):
            if not _holds_gpus(pod):
                continue
            labels = pod["metadata"].get("labels", {})
            if WORKSPACE_LABEL in labels:
                result.append(
                    GpuWorkload(_workload("Workspace", namespace, pod), (pod["metadata"]["name"],))
                )
                continue
            for label, kind, group, plural in OWNERS:
                if label in labels:
                    owned.setdefault((kind, group, plural, labels[label]), []).append(
                        pod["metadata"]["name"]
                    )
                    break
        for (kind, group, plural, name), pod_names in sorted(owned.items()):
            try:
                obj = self._call("GET", f"{group}/namespaces/{namespace}/{plural}/{name}")
            except jsonhttp.HttpError as error:
                if error.status == 404:
                    continue  # finished and deleted between the two calls
                raise
            result.append(GpuWorkload(_workload(kind, namespace, obj), tuple(sorted(pod_names))))
        return sorted(result, key=lambda g: g.workload.key)

    def annotate(self, workload: Workload, annotations: dict[str, str | None]) -> None:
        """Sets (or, for None, removes) annotations with a JSON merge patch."""
        self._call(
            "PATCH",
            self._path(workload),
            {"metadata": {"annotations": annotations}},
            "application/merge-patch+json",
        )

    def delete(self, workload: Workload) -> None:
        self._call(
            "DELETE",
            self._path(workload),
            {"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background"},
        )

    def event(self, workload: Workload, reason: str, message: str, now: datetime) -> None:
        _, group, _ = _api(workload.kind)
        stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._call(
            "POST",
            f"/api/v1/namespaces/{workload.namespace}/events",
            {
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {
                    "generateName": f"{workload.name}.idle-",
                    "namespace": workload.namespace,
                },
                "involvedObject": {
                    "apiVersion": group.removeprefix("/apis/").removeprefix("/api/"),
                    "kind": "Pod" if workload.kind == WORKSPACE[0] else workload.kind,
                    "name": workload.name,
                    "namespace": workload.namespace,
                },
                "reason": reason,
                "message": message,
                "type": "Warning",
                "source": {"component": "idle-reaper"},
                "firstTimestamp": stamp,
                "lastTimestamp": stamp,
                "count": 1,
            },
        )

    def read_config_map(self, namespace: str, name: str) -> dict[str, Any] | None:
        try:
            return self._call("GET", f"/api/v1/namespaces/{namespace}/configmaps/{name}")
        except jsonhttp.HttpError as error:
            if error.status == 404:
                return None
            raise

    def write_config_map(
        self, namespace: str, name: str, data: dict[str, str], resource_version: str | None
    ) -> None:
        """Creates the ConfigMap, or replaces the version read (a concurrent change gets 409)."""
        body: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": namespace},
            "data": data,
        }
        if resource_version is None:
            self._call("POST", f"/api/v1/namespaces/{namespace}/configmaps", body)
        else:
            body["metadata"]["resourceVersion"] = resource_version
            self._call("PUT", f"/api/v1/namespaces/{namespace}/configmaps/{name}", body)

    @staticmethod
    def _path(workload: Workload) -> str:
        _, group, plural = _api(workload.kind)
        return f"{group}/namespaces/{workload.namespace}/{plural}/{workload.name}"


def _api(kind: str) -> tuple[str, str, str]:
    """(kind, API path prefix, plural) of a workload kind."""
    if kind == WORKSPACE[0]:
        return WORKSPACE
    return next((k, group, plural) for _, k, group, plural in OWNERS if k == kind)


def _workload(kind: str, namespace: str, obj: dict[str, Any]) -> Workload:
    metadata = obj["metadata"]
    return Workload(
        kind=kind,
        namespace=namespace,
        name=metadata["name"],
        created=datetime.fromisoformat(metadata["creationTimestamp"].replace("Z", "+00:00")),
        annotations=dict(metadata.get("annotations") or {}),
    )


def _holds_gpus(pod: dict[str, Any]) -> bool:
    for container in pod["spec"].get("containers", []):
        limits = (container.get("resources") or {}).get("limits") or {}
        if int(limits.get("nvidia.com/gpu", 0)) > 0:
            return True
    return False
