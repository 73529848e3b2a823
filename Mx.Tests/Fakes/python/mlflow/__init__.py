"""A recording test double for MLflow, for mx's tests of the generated trainer (see ../README.md).

Debian packages no MLflow and CI cannot reach PyPI, so this stands in for it as Fakes/fake_tool.py stands in
for kubectl. It implements exactly the API the generated trainer and its tests call, records every call in the
JSON file named by $MX_FAKE_MLFLOW_RECORD, and raises on anything else (recording it under "violations"), so
that a test cannot pass by calling API nobody checked.
"""

import importlib

from mlflow import _record
from mlflow._fluent import (
    ActiveRun,
    end_run,
    log_metrics,
    log_params,
    set_experiment,
    set_tag,
    set_tags,
    set_tracking_uri,
    start_run,
)
from mlflow._frame import RunsFrame, row
from mlflow.client import MlflowClient

__all__ = [
    "ActiveRun",
    "MlflowClient",
    "end_run",
    "log_metrics",
    "log_params",
    "search_runs",
    "set_experiment",
    "set_tag",
    "set_tags",
    "set_tracking_uri",
    "start_run",
]


def search_runs(experiment_names):
    client = MlflowClient()
    runs = []
    for name in experiment_names:
        experiment = client.get_experiment_by_name(name)
        if experiment is not None:
            runs += [r.info.run_id for r in client.search_runs([experiment.experiment_id])]
    return RunsFrame([row(raw) for raw in _record.load()["runs"] if raw["run_id"] in runs])


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise _record.unsupported("mlflow", name)


# MLflow makes its flavours reachable as attributes after a bare `import mlflow`; so does this double.
# (import_module rather than `from mlflow import ...`, which would probe __getattr__ first.)
importlib.import_module("mlflow.models")
importlib.import_module("mlflow.pytorch")
