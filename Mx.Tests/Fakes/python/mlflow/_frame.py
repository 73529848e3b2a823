"""What mlflow.search_runs returns, reduced to the reads the generated tests make: len() and .iloc[i][column].

MLflow returns a pandas DataFrame; Debian's python3 in CI has no pandas, so this keeps MLflow's column names
("run_id", "status", "params.<key>", "metrics.<key>", "tags.<key>") in plain rows. Any other access raises.
"""

from mlflow import _record
from mlflow.entities import RunData


def row(raw):
    data = RunData(raw)
    columns = {"run_id": raw["run_id"], "experiment_id": raw["experiment_id"], "status": raw["status"]}
    columns.update({f"params.{k}": v for k, v in data.params.items()})
    columns.update({f"metrics.{k}": v for k, v in data.metrics.items()})
    columns.update({f"tags.{k}": v for k, v in data.tags.items()})
    return columns


class RunsFrame:
    def __init__(self, rows):
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    @property
    def iloc(self):
        return self._rows

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise _record.unsupported("mlflow.search_runs(...)", name)
