"""mlflow.models.infer_signature for the numpy arrays the generated trainer passes it."""

import numpy

from mlflow import _record


class ModelSignature:
    def __init__(self, inputs, outputs):
        self.inputs = inputs
        self.outputs = outputs

    def to_dict(self):
        return {"inputs": self.inputs, "outputs": self.outputs}


def _tensor_spec(array, what):
    if not isinstance(array, numpy.ndarray):
        raise TypeError(f"the fake infer_signature takes numpy arrays; {what} is a {type(array).__name__}")
    # Like MLflow's tensor specs: the batch dimension is variable (-1).
    return {"dtype": str(array.dtype), "shape": [-1, *array.shape[1:]]}


def infer_signature(model_input, model_output):
    return ModelSignature(_tensor_spec(model_input, "model_input"), _tensor_spec(model_output, "model_output"))


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise _record.unsupported("mlflow.models", name)
