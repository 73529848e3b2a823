"""Read-only views of the recorded experiments, runs and metrics, shaped like MLflow's entities.

Only the attributes the generated tests read exist; any other attribute raises AttributeError.
"""

from mlflow import _record


class Experiment:
    __slots__ = ("experiment_id", "name")

    def __init__(self, raw):
        self.experiment_id = raw["id"]
        self.name = raw["name"]


class Metric:
    __slots__ = ("key", "value", "step")

    def __init__(self, raw):
        self.key = raw["key"]
        self.value = float(raw["value"])  # float() reads back "NaN" and "Infinity" too
        self.step = raw["step"]


class RunInfo:
    __slots__ = ("run_id", "experiment_id", "status", "run_name")

    def __init__(self, raw):
        self.run_id = raw["run_id"]
        self.experiment_id = raw["experiment_id"]
        self.status = raw["status"]
        self.run_name = raw["run_name"]


class RunData:
    __slots__ = ("params", "metrics", "tags")

    def __init__(self, raw):
        self.params = dict(raw["params"])
        self.tags = dict(raw["tags"])
        # Like MLflow: a metric's value is the one logged at its highest step (the latest among equals).
        latest = {}
        for metric in raw["metrics"]:
            if metric["key"] not in latest or metric["step"] >= latest[metric["key"]]["step"]:
                latest[metric["key"]] = metric
        self.metrics = {key: float(metric["value"]) for key, metric in latest.items()}


class Run:
    __slots__ = ("info", "data")

    def __init__(self, raw):
        self.info = RunInfo(raw)
        self.data = RunData(raw)


def find_run(run_id):
    for raw in _record.load()["runs"]:
        if raw["run_id"] == run_id:
            return raw
    raise LookupError(f"no run with id {run_id!r} was recorded")
