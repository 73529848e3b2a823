"""The reaper's record of what it warned, reclaimed and cleared, and why: JSON lines in a
ConfigMap that `mx reaper log` reads. It keeps the newest entries only, well below a
ConfigMap's 1 MiB."""

from __future__ import annotations

import json
from typing import Any

from .cluster import Cluster

CONFIG_MAP = "idle-reaper-log"
KEY = "log.jsonl"
KEEP = 2000


def append(cluster: Cluster, namespace: str, entries: list[dict[str, Any]]) -> None:
    if not entries:
        return
    current = cluster.read_config_map(namespace, CONFIG_MAP)
    lines = (current or {}).get("data", {}).get(KEY, "").splitlines()
    lines.extend(json.dumps(e, sort_keys=True) for e in entries)
    version = current["metadata"]["resourceVersion"] if current else None
    cluster.write_config_map(namespace, CONFIG_MAP, {KEY: "\n".join(lines[-KEEP:]) + "\n"}, version)
