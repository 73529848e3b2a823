"""MLflow's fluent API (mlflow.start_run, mlflow.log_params, ...) over the JSON record.

The process holds what MLflow holds per process: the tracking URI, the active experiment and the active run.
Where MLflow would do something implicit that the generated code must not rely on (logging with no active
run starts one), this double raises instead.
"""

import math
import numbers
import os
import time
import uuid

from mlflow import _record
from mlflow.entities import Experiment, RunData, RunInfo, find_run

_tracking_uri = None
_experiment_id = None
_active_run_id = None


def tracking_uri():
    """set_tracking_uri wins over $MLFLOW_TRACKING_URI; None stands for MLflow's local default store."""
    return _tracking_uri or os.environ.get("MLFLOW_TRACKING_URI") or None


def set_tracking_uri(uri):
    global _tracking_uri
    if not isinstance(uri, str) or not uri:
        raise TypeError(f"set_tracking_uri expects a non-empty string, got {uri!r}")
    _tracking_uri = uri


def experiment_named(record, name, uri):
    for raw in record["experiments"]:
        if raw["name"] == name and raw["tracking_uri"] == uri:
            return raw
    return None


def set_experiment(experiment_name):
    global _experiment_id
    if not isinstance(experiment_name, str) or not experiment_name:
        raise TypeError(f"set_experiment expects a non-empty name, got {experiment_name!r}")
    record = _record.load()
    raw = experiment_named(record, experiment_name, tracking_uri())
    if raw is None:
        raw = {"id": str(len(record["experiments"]) + 1), "name": experiment_name, "tracking_uri": tracking_uri()}
        record["experiments"].append(raw)
        _record.save(record)
    _experiment_id = raw["id"]
    return Experiment(raw)


class ActiveRun:
    """What start_run returns: the run's info and data, and a context that ends it (FAILED on an exception)."""

    def __init__(self, raw):
        self.info = RunInfo(raw)
        self.data = RunData(raw)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        end_run("FINISHED" if exc_type is None else "FAILED")
        return False


def start_run(run_id=None, run_name=None, tags=None):
    global _active_run_id
    if _active_run_id is not None:
        # MLflow's own error: nesting needs nested=True, which the generated code never asks for.
        raise RuntimeError(
            f"Run with UUID {_active_run_id} is already active. To start a nested run, call start_run with nested=True"
        )
    if run_id is not None:
        return resume_run(run_id, run_name, tags)
    if _experiment_id is None:
        set_experiment("Default")
    raw = {
        "run_id": uuid.uuid4().hex,
        "run_name": run_name,
        "experiment_id": _experiment_id,
        "tracking_uri": tracking_uri(),
        "status": "RUNNING",
        "params": {},
        "metrics": [],
        "tags": {str(k): str(v) for k, v in (tags or {}).items()},
        "models": [],
    }
    record = _record.load()
    record["runs"].append(raw)
    _record.save(record)
    _active_run_id = raw["run_id"]
    return ActiveRun(raw)


def resume_run(run_id, run_name, tags):
    """MLflow's start_run(run_id=...): the run goes on (RUNNING again) with what it logged so far."""
    global _active_run_id
    if run_name is not None or tags:
        raise TypeError("the fake mlflow resumes a run by its id only")
    record = _record.load()
    matches = [raw for raw in record["runs"] if raw["run_id"] == run_id]
    if not matches:
        # MLflow's own error for an id its tracking server does not know.
        raise RuntimeError(f"Run '{run_id}' not found")
    raw = matches[0]
    if raw["tracking_uri"] != tracking_uri():
        raise RuntimeError(f"Run '{run_id}' not found at {tracking_uri()}")
    raw["status"] = "RUNNING"
    raw["resumed"] = raw.get("resumed", 0) + 1
    _record.save(record)
    _active_run_id = run_id
    return ActiveRun(raw)


def end_run(status="FINISHED"):
    global _active_run_id
    if _active_run_id is None:
        return
    update_active_run(lambda run: run.update(status=status))
    _active_run_id = None


def active_run_id(call):
    if _active_run_id is None:
        raise RuntimeError(
            f"mlflow.{call} with no active run: MLflow would start one implicitly, the generated code must not rely on it"
        )
    return _active_run_id


def update_active_run(change, call="end_run"):
    run_id = active_run_id(call)
    record = _record.load()
    for raw in record["runs"]:
        if raw["run_id"] == run_id:
            change(raw)
    _record.save(record)


def log_params(params):
    def change(run):
        for key, value in params.items():
            # MLflow stores params as strings and refuses to change one already logged in the run.
            if key in run["params"] and run["params"][key] != str(value):
                raise ValueError(
                    f"Changing param values is not allowed. Param with key={key!r} was already logged "
                    f"with value={run['params'][key]!r} for run ID={run['run_id']!r}; attempted {str(value)!r}"
                )
            run["params"][str(key)] = str(value)

    update_active_run(change, "log_params")


def log_metrics(metrics, step=None):
    if step is not None and (not isinstance(step, int) or isinstance(step, bool)):
        raise TypeError(f"log_metrics step must be an int, got {step!r}")

    def change(run):
        for key, value in metrics.items():
            if not isinstance(value, numbers.Real) or isinstance(value, bool):
                raise TypeError(f"metric {key!r} must be a number, got {type(value).__name__} {value!r}")
            run["metrics"].append(
                {"key": str(key), "value": _json_float(value), "step": 0 if step is None else step, "timestamp": time.time()}
            )

    update_active_run(change, "log_metrics")


def _json_float(value):
    """MLflow accepts NaN and infinite metrics; JSON has no literal for them, so they are kept as strings."""
    value = float(value)
    return value if math.isfinite(value) else str(value).replace("inf", "Infinity").replace("nan", "NaN")


def set_tags(tags):
    update_active_run(lambda run: run["tags"].update({str(k): str(v) for k, v in tags.items()}), "set_tags")


def set_tag(key, value):
    set_tags({key: value})


def active_run_record():
    return find_run(active_run_id("pytorch.log_model"))
