"""mlflow.pytorch.log_model / load_model: the model is really pickled with torch.save, as MLflow does.

So a model that cannot be pickled, or whose class cannot be imported back, fails here as it would in MLflow.
"""

import os
import re

import torch

from mlflow import _fluent, _record
from mlflow.entities import find_run
from mlflow.models import ModelSignature


def log_model(pytorch_model, *, name, signature=None, code_paths=None):
    if not isinstance(pytorch_model, torch.nn.Module):
        raise TypeError(f"Argument 'pytorch_model' should be a torch.nn.Module, got {type(pytorch_model).__name__}")
    if not isinstance(name, str) or not name or "/" in name:
        raise ValueError(f"log_model name must be a plain non-empty name, got {name!r}")
    if signature is not None and not isinstance(signature, ModelSignature):
        raise TypeError(f"signature must come from mlflow.models.infer_signature, got {type(signature).__name__}")
    for code_path in code_paths or []:
        if not os.path.exists(code_path):
            raise FileNotFoundError(f"code path {code_path!r} given to log_model does not exist")

    run_id = _fluent.active_run_record()["run_id"]
    path = os.path.join(_record.artifacts_dir(run_id), name + ".pt")
    torch.save(pytorch_model, path)
    entry = {
        "name": name,
        "class": f"{type(pytorch_model).__module__}.{type(pytorch_model).__qualname__}",
        "device": str(next(pytorch_model.parameters()).device),
        "training": pytorch_model.training,
        "signature": None if signature is None else signature.to_dict(),
        "code_paths": list(code_paths or []),
        "path": path,
    }
    _fluent.update_active_run(lambda run: run["models"].append(entry), "pytorch.log_model")


def load_model(model_uri):
    match = re.fullmatch(r"runs:/([0-9a-f]+)/([^/]+)", model_uri)
    if not match:
        raise ValueError(f"the fake mlflow loads runs:/<run_id>/<name> URIs only, got {model_uri!r}")
    run_id, name = match.groups()
    models = [m for m in find_run(run_id)["models"] if m["name"] == name]
    if not models:
        raise LookupError(f"run {run_id} logged no model named {name!r}")
    # A whole pickled module, which is what MLflow saves; newer torch defaults to weights only.
    return torch.load(models[-1]["path"], weights_only=False)


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise _record.unsupported("mlflow.pytorch", name)
