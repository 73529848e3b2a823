"""Train the MLP on synthetic data and track everything in MLflow.

With Hydra (config from conf/config.yaml, overrides on the command line):
    python -m acme_vision.train lr=0.01 trainer.epochs=10 data.batch_size=128

From Python, without Hydra (this is what the tests do):
    from acme_vision.train import TrainConfig, run_training
    final_val_loss = run_training(TrainConfig())

The MLflow tracking server is taken from MLFLOW_TRACKING_URI (`mx flow connect`) unless
`mlflow.tracking_uri` is set in the config.

After every epoch the model, optimizer, epoch and random state are saved to `checkpoint_dir`
(on the cluster a directory of the artifacts bucket named after the job, locally ./checkpoints).
A run started again with the same config resumes after the last saved epoch, in the same MLflow
run: a GPU node upgraded or preempted under a long job costs at most one epoch.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import hydra
import mlflow
import mlflow.pytorch
import torch
from mlflow.models import infer_signature
from omegaconf import DictConfig, OmegaConf
from torch import nn
from torch.utils.data import DataLoader

from acme_vision.data import make_dataloaders
from acme_vision.model import MLP, count_parameters

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "ACME_VISION_CONFIG_DIR"


def find_config_dir() -> Path:
    """Return the absolute path of the Hydra config directory (the project's `conf/`).

    Why not `@hydra.main(config_path="../../conf")`? Hydra resolves a relative `config_path`
    against this file, which only works while the package is imported from the source tree:
    after a regular (non-editable) `pip install .` this file lives in site-packages and
    `../../conf` points nowhere. Hydra accepts an absolute `config_path`, so it is resolved
    here, in this order:

    1. `$<PACKAGE>_CONFIG_DIR` if set (the Docker image sets it to /app/conf);
    2. `conf/` next to `src/`, found from this file's location: covers a source checkout,
       `pip install -e .`, `PYTHONPATH=src` (the MLproject command) and the Docker image;
    3. `./conf` in the current directory (a non-editable install run from the project root).

    If none exists, (3) is returned anyway and Hydra reports the missing directory.
    """
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser().resolve()
    # parents[0] is the package dir, parents[1] is src/, parents[2] the project root.
    for parent in Path(__file__).resolve().parents[:3]:
        candidate = parent / "conf"
        if (candidate / "config.yaml").is_file():
            return candidate
    return Path.cwd() / "conf"


@dataclass
class DataConfig:
    num_samples: int = 4096
    num_features: int = 16
    batch_size: int = 64
    val_fraction: float = 0.2
    noise: float = 0.1


@dataclass
class ModelConfig:
    hidden_size: int = 64
    num_hidden_layers: int = 2


@dataclass
class TrainerConfig:
    epochs: int = 5
    device: str = "auto"  # auto | cpu | cuda | cuda:N


@dataclass
class MlflowConfig:
    experiment_name: str = "acme-vision"
    tracking_uri: str | None = None  # None: use MLFLOW_TRACKING_URI / MLflow's default
    log_model: bool = True


@dataclass
class TrainConfig:
    """Plain, typed mirror of conf/config.yaml. A key added there must be added here too."""

    seed: int = 42
    lr: float = 1e-3
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    trainer: TrainerConfig = field(default_factory=TrainerConfig)
    mlflow: MlflowConfig = field(default_factory=MlflowConfig)
    checkpoint_dir: str | None = None  # None: no checkpoints, every run starts afresh

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> TrainConfig:
        """Build from a plain (already interpolated) mapping; unknown keys raise TypeError."""
        return cls(
            seed=int(raw["seed"]),
            lr=float(raw["lr"]),
            data=DataConfig(**raw["data"]),
            model=ModelConfig(**raw["model"]),
            trainer=TrainerConfig(**raw["trainer"]),
            mlflow=MlflowConfig(**raw["mlflow"]),
            checkpoint_dir=raw.get("checkpoint_dir"),
        )


def resolve_device(spec: str) -> torch.device:
    """Map `auto` to CUDA when available (else CPU); pass anything else to `torch.device`."""
    if spec == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(spec)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(f"trainer.device={spec!r} but CUDA is not available on this machine")
    return device


def flatten(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested mappings into dotted keys (`data.batch_size`): MLflow params are flat."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}."))
        else:
            flat[name] = value
    return flat


def train_one_epoch(
    model: nn.Module,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    device: torch.device,
) -> float:
    """One pass over `loader`; returns the sample-weighted mean training loss."""
    model.train()
    total, count = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        total += loss.item() * inputs.size(0)
        count += inputs.size(0)
    return total / count


@torch.no_grad()
def evaluate(
    model: nn.Module, loader: DataLoader, loss_fn: nn.Module, device: torch.device
) -> float:
    """Sample-weighted mean loss over `loader`, without gradients."""
    model.eval()
    total, count = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        total += loss_fn(model(inputs), targets).item() * inputs.size(0)
        count += inputs.size(0)
    return total / count


def log_model(model: nn.Module, example_inputs: torch.Tensor) -> None:
    """Log `model` (moved to CPU) to the active MLflow run under the name `model`."""
    model = model.to("cpu").eval()
    with torch.no_grad():
        example_outputs = model(example_inputs)
    mlflow.pytorch.log_model(
        model,
        name="model",
        signature=infer_signature(example_inputs.numpy(), example_outputs.numpy()),
        # Ship this package's source with the model so that it loads (and serves) anywhere,
        # even where the package is not installed.
        code_paths=[str(Path(__file__).resolve().parent)],
    )


CHECKPOINT_FILE = "last.pt"


def checkpoint_params(cfg: TrainConfig) -> dict[str, Any]:
    """What must match for a checkpoint to be resumed: every setting but where things are
    stored and tracked, and the device (a checkpoint is loaded onto any device)."""
    return {
        k: v
        for k, v in flatten(asdict(cfg)).items()
        if not k.startswith("mlflow.") and k not in {"checkpoint_dir", "trainer.device"}
    }


def save_checkpoint(directory: str, state: dict[str, Any]) -> None:
    """Write `state` as <directory>/last.pt, replacing the previous one only once it is
    complete: a job killed while writing leaves the last whole checkpoint behind."""
    os.makedirs(directory, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=directory, prefix=".last-", suffix=".pt.partial")
    try:
        with os.fdopen(fd, "wb") as file:
            torch.save(state, file)
        os.replace(partial, os.path.join(directory, CHECKPOINT_FILE))
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise


def load_checkpoint(cfg: TrainConfig) -> dict[str, Any] | None:
    """The last checkpoint of an unfinished run of this config, or None to start afresh."""
    if not cfg.checkpoint_dir:
        return None
    path = os.path.join(cfg.checkpoint_dir, CHECKPOINT_FILE)
    if not os.path.isfile(path):
        return None
    state = torch.load(path, map_location="cpu", weights_only=False)
    if state.get("params") != checkpoint_params(cfg):
        log.warning("checkpoint %s is of another config; starting afresh", path)
        return None
    if state["epoch"] >= cfg.trainer.epochs:
        log.info("checkpoint %s is of a finished run; starting afresh", path)
        return None
    return state


def run_training(cfg: TrainConfig) -> float:
    """Train, log params / per-epoch metrics / the model to MLflow; return the final val loss."""
    if cfg.trainer.epochs < 1:
        raise ValueError(f"trainer.epochs must be >= 1, got {cfg.trainer.epochs}")

    torch.manual_seed(cfg.seed)  # model initialisation; the data has its own generators
    device = resolve_device(cfg.trainer.device)
    train_loader, val_loader = make_dataloaders(
        cfg.data.num_samples,
        cfg.data.num_features,
        cfg.data.batch_size,
        val_fraction=cfg.data.val_fraction,
        noise=cfg.data.noise,
        seed=cfg.seed,
    )
    model = MLP(
        in_features=cfg.data.num_features,
        hidden_size=cfg.model.hidden_size,
        out_features=1,
        num_hidden_layers=cfg.model.num_hidden_layers,
    ).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.MSELoss()
    first_epoch, resumed_run_id = 1, None
    checkpoint = load_checkpoint(cfg)
    if checkpoint is not None:
        model.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        torch.set_rng_state(checkpoint["torch_rng"])
        if "loader_rng" in checkpoint:  # the distributed trainer shards by epoch instead
            train_loader.generator.set_state(checkpoint["loader_rng"])
        first_epoch, resumed_run_id = checkpoint["epoch"] + 1, checkpoint["mlflow_run_id"]
        log.info(
            "resuming from checkpoint %s at epoch %d/%d",
            cfg.checkpoint_dir,
            first_epoch,
            cfg.trainer.epochs,
        )

    if cfg.mlflow.tracking_uri:
        mlflow.set_tracking_uri(cfg.mlflow.tracking_uri)
    mlflow.set_experiment(cfg.mlflow.experiment_name)

    # The tracking URI and the checkpoint directory are places, not hyper-parameters.
    params = {
        k: v
        for k, v in flatten(asdict(cfg)).items()
        if not k.startswith("mlflow.") and k != "checkpoint_dir"
    }
    val_loss = math.nan if checkpoint is None else checkpoint["val_loss"]
    with mlflow.start_run(run_id=resumed_run_id) as run:
        # mx run reads this line from the job's log to print the run's link: keep its shape.
        log.info(
            "MLflow run %s in experiment %s (%r)",
            run.info.run_id,
            run.info.experiment_id,
            cfg.mlflow.experiment_name,
        )
        mlflow.log_params(params)
        mlflow.log_params({"device": str(device), "num_parameters": count_parameters(model)})
        # The job's name (Job, TrainJob or PyTorchJob): the idle reaper marks its run killed.
        if os.environ.get("MX_JOB_NAME"):
            mlflow.set_tag("mx.job", os.environ["MX_JOB_NAME"])
        for epoch in range(first_epoch, cfg.trainer.epochs + 1):
            train_loss = train_one_epoch(model, train_loader, optimizer, loss_fn, device)
            val_loss = evaluate(model, val_loader, loss_fn, device)
            mlflow.log_metrics({"train_loss": train_loss, "val_loss": val_loss}, step=epoch)
            log.info(
                "epoch %d/%d train_loss=%.5f val_loss=%.5f",
                epoch,
                cfg.trainer.epochs,
                train_loss,
                val_loss,
            )
            if cfg.checkpoint_dir:
                save_checkpoint(
                    cfg.checkpoint_dir,
                    {
                        "epoch": epoch,
                        "model": model.state_dict(),
                        "optimizer": optimizer.state_dict(),
                        "torch_rng": torch.get_rng_state(),
                        "loader_rng": train_loader.generator.get_state(),
                        "val_loss": val_loss,
                        "params": checkpoint_params(cfg),
                        "mlflow_run_id": run.info.run_id,
                    },
                )
        if cfg.mlflow.log_model:
            example_inputs, _ = next(iter(val_loader))
            log_model(model, example_inputs[:8])
    return val_loss


@hydra.main(config_path=str(find_config_dir()), config_name="config", version_base=None)
def main(cfg: DictConfig) -> float:
    """Hydra entry point; the return value is the objective for Hydra sweepers."""
    raw = OmegaConf.to_container(cfg, resolve=True)
    if not isinstance(raw, dict):
        raise TypeError(f"expected a mapping at the config root, got {type(raw).__name__}")
    return run_training(TrainConfig.from_mapping(raw))


if __name__ == "__main__":
    main()
