"""The fake MLflow's whole state: one JSON file, named by $MX_FAKE_MLFLOW_RECORD, read and rewritten on every call.

A file rather than memory so that the test that started Python can read what was logged after the process
exits, and so that runs logged in one process are visible to queries from another, as with a real store.
"""

import json
import os

RECORD_ENV = "MX_FAKE_MLFLOW_RECORD"


def path():
    record = os.environ.get(RECORD_ENV)
    if not record:
        raise RuntimeError(
            f"the fake mlflow (mx's tests) needs ${RECORD_ENV}: the JSON file it records every call in"
        )
    return record


def load():
    try:
        with open(path()) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"experiments": [], "runs": [], "violations": []}


def save(record):
    temp = path() + ".tmp"
    with open(temp, "w") as f:
        json.dump(record, f, indent=1)
    os.replace(temp, path())


def artifacts_dir(run_id):
    directory = path() + ".artifacts"
    os.makedirs(os.path.join(directory, run_id), exist_ok=True)
    return os.path.join(directory, run_id)


def unsupported(module, name):
    """Records a use of API this double does not implement, then raises: such a test must not pass."""
    record = load()
    record["violations"].append(f"{module}.{name}")
    save(record)
    return AttributeError(
        f"{module}.{name} is not implemented by the fake {module} in mx's tests "
        "(Mx.Tests/Fakes/python): the generated code uses MLflow API the tests do not cover"
    )
