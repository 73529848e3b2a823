"""Telling people and MLflow: the owner on Slack, and the killed job's MLflow run."""

from __future__ import annotations

from datetime import datetime

from . import jsonhttp


def slack(webhook: str | None, text: str) -> str:
    """Posts to the Slack incoming webhook; returns what happened, for the action log."""
    if not webhook:
        return "no Slack webhook set (mx secret set slack-webhook)"
    try:
        jsonhttp.request("POST", webhook, body={"text": text})
    except (jsonhttp.HttpError, OSError) as error:
        return f"Slack failed: {error}"
    return "sent to Slack"


def kill_mlflow_runs(
    tracking_uri: str | None, experiment: str, job_name: str, now: datetime
) -> list[str]:
    """Marks the job's running MLflow runs (tag mx.job, set by the trainer) KILLED; their ids."""
    if not tracking_uri:
        return []
    api = tracking_uri.rstrip("/") + "/api/2.0/mlflow"
    try:
        found = jsonhttp.request(
            "GET",
            jsonhttp.with_query(f"{api}/experiments/get-by-name", {"experiment_name": experiment}),
        )
    except jsonhttp.HttpError as error:
        if error.status == 404:
            return []
        raise
    runs = jsonhttp.request(
        "POST",
        f"{api}/runs/search",
        body={
            "experiment_ids": [found["experiment"]["experiment_id"]],
            "filter": f"tags.`mx.job` = '{job_name}' and attributes.status = 'RUNNING'",
        },
    ).get("runs", [])
    killed = []
    for run in runs:
        run_id = run["info"]["run_id"]
        jsonhttp.request(
            "POST",
            f"{api}/runs/update",
            body={
                "run_id": run_id,
                "status": "KILLED",
                "end_time": int(now.timestamp() * 1000),
            },
        )
        killed.append(run_id)
    return killed
