"""One pass of the idle reaper: `python -m idle_reaper [--dry-run]`. The CronJob runs it
every 30 minutes with its settings in the environment (REAPER_*); a flag overrides its variable."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from . import actionlog, notify
from .cluster import Cluster
from .metrics import Prometheus
from .policy import WARNED_AT, Decision, Policy, Workload, decide
from .workhours import WorkCalendar, hours_before


@dataclass(frozen=True)
class Settings:
    namespaces: list[str]
    log_namespace: str
    calendar: WorkCalendar
    policy: Policy
    dry_run: bool
    dry_run_until: date | None
    prometheus: str
    metric: str
    namespace_label: str
    pod_label: str
    kube_api: str | None
    slack_webhook: str | None
    mlflow: str | None
    experiment: str


def parse(argv: list[str], env: dict[str, str]) -> Settings:
    def arg(name: str, default: str | None = None) -> Any:
        return env.get("REAPER_" + name.upper().replace("-", "_"), default)

    p = argparse.ArgumentParser(prog="reaper", description=__doc__)
    p.add_argument("--namespaces", default=arg("namespaces", "training"))
    p.add_argument("--log-namespace", default=arg("log-namespace", "training"))
    p.add_argument("--time-zone", default=arg("time-zone", "UTC"))
    p.add_argument("--workdays", default=arg("workdays", "mon-fri"))
    p.add_argument("--work-hours", default=arg("work-hours", "9-18"))
    p.add_argument("--holidays", default=arg("holidays", ""))
    p.add_argument("--threshold", type=float, default=float(arg("threshold", "0")))
    p.add_argument("--warn-after", type=int, default=int(arg("warn-after", "6")))
    p.add_argument("--reclaim-after", type=int, default=int(arg("reclaim-after", "6")))
    p.add_argument("--max-keep-days", type=int, default=int(arg("max-keep-days", "7")))
    p.add_argument("--dry-run", action="store_true", default=arg("dry-run", "false") == "true")
    p.add_argument("--dry-run-until", default=arg("dry-run-until", ""))
    p.add_argument("--prometheus", default=arg("prometheus"))
    p.add_argument("--metric", default=arg("metric", "DCGM_FI_DEV_GPU_UTIL"))
    p.add_argument("--namespace-label", default=arg("namespace-label", "namespace"))
    p.add_argument("--pod-label", default=arg("pod-label", "pod"))
    p.add_argument(
        "--kube-api",
        default=arg("kube-api"),
        help="e.g. http://127.0.0.1:8001 from `kubectl proxy`",
    )
    p.add_argument("--mlflow", default=arg("mlflow", env.get("MLFLOW_TRACKING_URI")))
    p.add_argument("--experiment", default=arg("experiment", env.get("MLFLOW_EXPERIMENT_NAME", "")))
    a = p.parse_args(argv)
    if not a.prometheus:
        p.error("--prometheus (or REAPER_PROMETHEUS) is required")
    return Settings(
        namespaces=[n.strip() for n in a.namespaces.split(",") if n.strip()],
        log_namespace=a.log_namespace,
        calendar=WorkCalendar.parse(a.time_zone, a.workdays, a.work_hours, a.holidays),
        policy=Policy(a.threshold, a.warn_after, a.reclaim_after, a.max_keep_days),
        dry_run=a.dry_run,
        dry_run_until=date.fromisoformat(a.dry_run_until) if a.dry_run_until else None,
        prometheus=a.prometheus,
        metric=a.metric,
        namespace_label=a.namespace_label,
        pod_label=a.pod_label,
        kube_api=a.kube_api,
        slack_webhook=env.get("REAPER_SLACK_WEBHOOK") or None,
        mlflow=a.mlflow,
        experiment=a.experiment,
    )


def run_once(
    settings: Settings, cluster: Cluster, prometheus: Prometheus, now: datetime
) -> list[dict[str, Any]]:
    """Decides for every GPU workload and acts (in a dry run, only records); returns the log."""
    dry_run = settings.dry_run or (
        settings.dry_run_until is not None and now.date() < settings.dry_run_until
    )
    found = [g for ns in settings.namespaces for g in cluster.gpu_workloads(ns)]
    per_pod = prometheus.hourly_utilisation(
        settings.namespaces, hours_before(now, settings.policy.lookback_hours)
    )
    utilisation: dict[str, dict[datetime, float]] = {}
    for g in found:
        hourly: dict[datetime, float] = {}
        for pod in g.pods:
            for hour, value in per_pod.get((g.workload.namespace, pod), {}).items():
                hourly[hour] = max(value, hourly.get(hour, value))
        utilisation[g.workload.key] = hourly
    entries = []
    for decision in decide(
        [g.workload for g in found], utilisation, now, settings.calendar, settings.policy
    ):
        # A kept workload is reported by `mx workspace list`; the log records what changed.
        if decision.action in ("none", "keep"):
            continue
        outcome = "dry run: nothing changed" if dry_run else _act(decision, settings, cluster, now)
        entries.append(
            {
                "time": now.isoformat(),
                "action": decision.action,
                "dry_run": dry_run,
                "kind": decision.workload.kind,
                "namespace": decision.workload.namespace,
                "name": decision.workload.name,
                "owner": decision.workload.owner,
                "idle_work_hours": decision.idle_work_hours,
                "reason": decision.reason,
                "outcome": outcome,
            }
        )
    actionlog.append(cluster, settings.log_namespace, entries)
    return entries


def _act(decision: Decision, settings: Settings, cluster: Cluster, now: datetime) -> str:
    w = decision.workload
    who = w.owner or "its owner"
    if decision.action == "warn":
        cluster.annotate(w, {WARNED_AT: now.isoformat()})
        kept_with = (
            f"'mx workspace keep {_workspace(w)} --until ... --reason ...'"
            if w.kind == "Workspace"
            else "the annotations mx.dev/keep-until and mx.dev/keep-reason"
        )
        text = (
            f"{_described(w)} of {who} has left its GPUs idle for"
            f" {decision.idle_work_hours} work hours. It is "
            f"{'stopped' if w.kind == 'Workspace' else 'reclaimed'} after"
            f" {settings.policy.reclaim_after_hours} more idle work hours unless it uses them, "
            f"or is kept with {kept_with}."
        )
        cluster.event(w, "IdleGpuWarning", text, now)
        return "annotated, event recorded, " + notify.slack(settings.slack_webhook, text)
    if decision.action == "clear-warning":
        cluster.annotate(w, {WARNED_AT: None})
        return "warning cleared"
    if decision.action == "reclaim":
        cluster.event(
            w, "IdleGpuReclaimed", f"Reclaimed by the idle reaper: {decision.reason}", now
        )
        cluster.delete(w)
        if w.kind == "Workspace":
            slack = notify.slack(
                settings.slack_webhook,
                f"{_described(w)} of {who} was stopped: {decision.reason}. Its home volume is kept;"
                f" 'mx workspace start {_workspace(w)}' starts it again.",
            )
            return f"stopped (pod deleted, home volume kept); {slack}"
        killed = notify.kill_mlflow_runs(settings.mlflow, settings.experiment, w.name, now)
        slack = notify.slack(
            settings.slack_webhook,
            f"{_described(w)} of {who} was reclaimed: {decision.reason}.",
        )
        return f"deleted; MLflow runs marked KILLED: {', '.join(killed) or 'none'}; {slack}"
    return "nothing to do"


def _workspace(w: Workload) -> str:
    """A workspace's name, as mx workspace takes it: its pod is ws-NAME."""
    return w.name.removeprefix("ws-")


def _described(w: Workload) -> str:
    if w.kind == "Workspace":
        return f"Workspace {_workspace(w)} ({w.namespace})"
    return f"{w.kind} {w.namespace}/{w.name}"


def main(argv: list[str] | None = None) -> int:
    settings = parse(sys.argv[1:] if argv is None else argv, dict(os.environ))
    cluster = Cluster.connect(settings.kube_api)
    prometheus = Prometheus(
        settings.prometheus, settings.metric, settings.namespace_label, settings.pod_label
    )
    for entry in run_once(settings, cluster, prometheus, datetime.now(timezone.utc)):
        print(
            f"{entry['action']:>13} {entry['kind']}/{entry['namespace']}/{entry['name']}:"
            f" {entry['reason']} -> {entry['outcome']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
