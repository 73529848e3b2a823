"""demo: a Streamlit app of acme-vision; it shows what a model in MLflow predicts.

Served behind Identity-Aware Proxy at
    https://demo.acme-vision.acme.ai
`mx app deploy demo` builds its image and rolls it out (Dockerfile stage
app-demo); `mx app logs demo` shows its logs. Locally:

    pip install -e '.[app]'
    mx flow connect          # in another shell: the tracking server at http://localhost:5000
    export MLFLOW_TRACKING_URI=http://localhost:5000
    streamlit run src/acme_vision/apps/demo.py

MODEL_URI names the model: `runs:/<run id>/model` (what training logs), or, once it is
registered, `models:/<name>/<version>` or `models:/<name>@<alias>`. Viewers can change it.
"""

from __future__ import annotations

import os

import mlflow
import mlflow.pytorch
import streamlit as st
import torch
from torch import nn

DEFAULT_MODEL_URI = "models:/acme-vision/latest"


def model_uri() -> str:
    """The model the page opens with: MODEL_URI, else the latest version of acme-vision."""
    return os.environ.get("MODEL_URI", "").strip() or DEFAULT_MODEL_URI


@st.cache_resource(show_spinner="Loading the model from MLflow")
def load_model(uri: str) -> nn.Module:
    """The PyTorch model at `uri` on the CPU, loaded once per URI and shared by every session."""
    return mlflow.pytorch.load_model(uri).to("cpu").eval()


def in_features(model: nn.Module) -> int:
    """How many numbers the model takes: the input width of its first linear layer."""
    for module in model.modules():
        if isinstance(module, nn.Linear):
            return module.in_features
    raise ValueError("the model has no linear layer, so its number of inputs is unknown")


def parse_features(text: str, count: int) -> list[float]:
    """The numbers in `text` (separated by spaces or commas); exactly `count` of them."""
    values = [float(v) for v in text.replace(",", " ").split()]
    if len(values) != count:
        raise ValueError(f"the model takes {count} numbers, got {len(values)}")
    return values


def predict(model: nn.Module, features: list[float]) -> list[float]:
    """The model's output for one row of input."""
    with torch.no_grad():
        return model(torch.tensor([features], dtype=torch.float32))[0].tolist()


def main() -> None:
    st.set_page_config(page_title="demo · acme-vision")
    st.title("acme-vision: demo")
    uri = st.text_input(
        "Model URI",
        value=model_uri(),
        help="runs:/RUN_ID/model, models:/NAME/VERSION or models:/NAME@ALIAS",
    )
    try:
        model = load_model(uri)
        width = in_features(model)
    except Exception as error:
        # What MLflow or the model says is shown on the page: the viewer can fix the URI there.
        st.error(f"Cannot load {uri} from {mlflow.get_tracking_uri()}: {error}")
        st.stop()
    text = st.text_area(
        f"{width} input values, separated by spaces or commas", value=" ".join(["0"] * width)
    )
    try:
        features = parse_features(text, width)
    except ValueError as error:
        st.warning(str(error))
        st.stop()
    st.subheader("Prediction")
    st.write(predict(model, features))


if __name__ == "__main__":
    main()
