"""End-to-end test: one epoch of training logged to a throw-away MLflow file store."""

import math
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install -e .[dev])")
mlflow = pytest.importorskip("mlflow", reason="mlflow is not installed (pip install -e .[dev])")
pytest.importorskip("hydra", reason="hydra-core is not installed (pip install -e .[dev])")

from acme_vision.train import (  # noqa: E402
    DataConfig,
    MlflowConfig,
    ModelConfig,
    TrainConfig,
    TrainerConfig,
    find_config_dir,
    flatten,
    resolve_device,
    run_training,
)


def small_config(tracking_uri: str) -> TrainConfig:
    return TrainConfig(
        seed=0,
        lr=1e-2,
        data=DataConfig(num_samples=256, num_features=4, batch_size=32),
        model=ModelConfig(hidden_size=16, num_hidden_layers=1),
        trainer=TrainerConfig(epochs=1, device="cpu"),
        mlflow=MlflowConfig(experiment_name="pytest", tracking_uri=tracking_uri),
    )


def test_one_epoch_logs_to_mlflow(tmp_path: Path) -> None:
    tracking_uri = (tmp_path / "mlruns").as_uri()  # file:///.../mlruns
    loss = run_training(small_config(tracking_uri))

    assert isinstance(loss, float)
    assert math.isfinite(loss)

    client = mlflow.MlflowClient(tracking_uri=tracking_uri)
    experiment = client.get_experiment_by_name("pytest")
    assert experiment is not None
    [run] = client.search_runs([experiment.experiment_id])
    assert run.info.status == "FINISHED"
    assert run.data.params["lr"] == "0.01"
    assert run.data.params["trainer.epochs"] == "1"
    assert "mlflow.tracking_uri" not in run.data.params
    assert run.data.metrics["val_loss"] == pytest.approx(loss)
    assert len(client.get_metric_history(run.info.run_id, "train_loss")) == 1

    model = mlflow.pytorch.load_model(f"runs:/{run.info.run_id}/model")
    assert model(torch.zeros(2, 4)).shape == (2, 1)


def test_training_is_reproducible(tmp_path: Path) -> None:
    cfg = small_config((tmp_path / "mlruns").as_uri())
    cfg.mlflow.log_model = False
    assert run_training(cfg) == pytest.approx(run_training(cfg))


def test_from_mapping_matches_the_hydra_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """conf/config.yaml (without the hydra: section) must build a TrainConfig."""
    omegaconf = pytest.importorskip("omegaconf")
    monkeypatch.delenv("MLFLOW_EXPERIMENT_NAME", raising=False)
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    raw = omegaconf.OmegaConf.load(find_config_dir() / "config.yaml")
    raw.pop("hydra", None)
    cfg = TrainConfig.from_mapping(omegaconf.OmegaConf.to_container(raw, resolve=True))
    assert cfg.trainer.device == "auto"
    assert cfg.mlflow.experiment_name == "acme-vision"
    assert cfg.mlflow.tracking_uri is None


def test_flatten() -> None:
    nested = {"a": 1, "b": dict(c=2, d=dict(e=3))}
    assert flatten(nested) == {"a": 1, "b.c": 2, "b.d.e": 3}


def test_resolve_device() -> None:
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device("auto").type in {"cpu", "cuda"}
