"""The DDP trainer's single-process path on CPU: no torchrun, no process group, rank 0 logs."""

import math
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install -e .[dev])")
mlflow = pytest.importorskip("mlflow", reason="mlflow is not installed (pip install -e .[dev])")
pytest.importorskip("hydra", reason="hydra-core is not installed (pip install -e .[dev])")

from acme_vision.distributed import WorldInfo, run_distributed_training  # noqa: E402
from acme_vision.train import (  # noqa: E402
    DataConfig,
    MlflowConfig,
    ModelConfig,
    TrainConfig,
    TrainerConfig,
)


def test_single_process_run_logs_one_mlflow_run(tmp_path: Path) -> None:
    tracking_uri = (tmp_path / "mlruns").as_uri()
    cfg = TrainConfig(
        seed=0,
        lr=1e-2,
        data=DataConfig(num_samples=256, num_features=4, batch_size=32),
        model=ModelConfig(hidden_size=16, num_hidden_layers=1),
        trainer=TrainerConfig(epochs=2, device="cpu"),
        mlflow=MlflowConfig(
            experiment_name="pytest-ddp", tracking_uri=tracking_uri, log_model=False
        ),
    )

    loss = run_distributed_training(cfg, WorldInfo(rank=0, local_rank=0, world_size=1))

    assert math.isfinite(loss)
    mlflow.set_tracking_uri(tracking_uri)
    runs = mlflow.search_runs(experiment_names=["pytest-ddp"])
    assert len(runs) == 1
    assert runs.iloc[0]["params.world_size"] == "1"
    assert runs.iloc[0]["metrics.val_loss"] == pytest.approx(loss)


def test_world_info_reads_the_variables_torchrun_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANK", "3")
    monkeypatch.setenv("LOCAL_RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "4")

    world = WorldInfo.from_env()

    assert world == WorldInfo(rank=3, local_rank=1, world_size=4)
    assert not world.is_main
