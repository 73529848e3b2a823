"""mlflow.MlflowClient: the queries the generated tests make, scoped to one tracking URI like a real client."""

from mlflow import _fluent, _record
from mlflow.entities import Experiment, Metric, Run, find_run


class MlflowClient:
    def __init__(self, tracking_uri=None):
        self._tracking_uri = tracking_uri or _fluent.tracking_uri()

    def get_experiment_by_name(self, name):
        raw = _fluent.experiment_named(_record.load(), name, self._tracking_uri)
        return None if raw is None else Experiment(raw)

    def search_runs(self, experiment_ids):
        if isinstance(experiment_ids, str):
            experiment_ids = [experiment_ids]
        return [
            Run(raw)
            for raw in _record.load()["runs"]
            if raw["experiment_id"] in experiment_ids and raw["tracking_uri"] == self._tracking_uri
        ]

    def get_metric_history(self, run_id, key):
        return [Metric(raw) for raw in find_run(run_id)["metrics"] if raw["key"] == key]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise _record.unsupported("mlflow.MlflowClient", name)
