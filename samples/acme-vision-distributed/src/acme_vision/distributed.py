"""Data-parallel training (PyTorch DDP) with the model, data and config of `acme_vision.train`.

On the cluster, `mx run train --distributed` submits infra/k8s/jobs/train_distributed.yaml, which
starts one process per GPU on every node with:
    torchrun --module acme_vision.distributed lr=0.01 trainer.epochs=10

torchrun sets RANK, LOCAL_RANK and WORLD_SIZE (and the rendezvous) for each process. Without
torchrun (`python -m acme_vision.distributed`) it runs as one process, like the plain trainer.

Only rank 0 talks to MLflow: every rank computes the same averaged metrics, and N identical runs
would be noise. Each rank trains on its own shard of the data (DistributedSampler).

Checkpoints work as in `acme_vision.train`: rank 0 saves one after every epoch to
`checkpoint_dir` (on the cluster the job's directory of the artifacts bucket, which every node
mounts), and a restarted job resumes on every rank after the last saved epoch.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import asdict, dataclass

import hydra
import mlflow
import torch
import torch.distributed as dist
from omegaconf import DictConfig, OmegaConf
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from acme_vision.data import make_dataloaders
from acme_vision.model import MLP, count_parameters
from acme_vision.train import (
    TrainConfig,
    checkpoint_params,
    find_config_dir,
    flatten,
    load_checkpoint,
    log_model,
    resolve_device,
    save_checkpoint,
    train_one_epoch,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorldInfo:
    """Where this process sits in the job, from the variables torchrun sets."""

    rank: int
    local_rank: int
    world_size: int

    @classmethod
    def from_env(cls) -> WorldInfo:
        return cls(
            rank=int(os.environ.get("RANK", "0")),
            local_rank=int(os.environ.get("LOCAL_RANK", "0")),
            world_size=int(os.environ.get("WORLD_SIZE", "1")),
        )

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def setup(world: WorldInfo, device_spec: str) -> torch.device:
    """Join the process group (NCCL on GPUs, Gloo on CPUs) and pick this rank's device."""
    device = resolve_device(device_spec)
    if device.type == "cuda":
        # One GPU per process: LOCAL_RANK is the GPU index on this node.
        device = torch.device("cuda", world.local_rank)
        torch.cuda.set_device(device)
    if world.world_size > 1 and not dist.is_initialized():
        dist.init_process_group(backend="nccl" if device.type == "cuda" else "gloo")
    return device


def teardown() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()


def shard(loader: DataLoader, world: WorldInfo, *, shuffle: bool, seed: int) -> DataLoader:
    """The same data set and batch size, split across ranks so each sees 1/world_size of it."""
    sampler = DistributedSampler(
        loader.dataset,
        num_replicas=world.world_size,
        rank=world.rank,
        shuffle=shuffle,
        seed=seed,
    )
    return DataLoader(loader.dataset, batch_size=loader.batch_size, sampler=sampler)


def average(value: float, count: int, device: torch.device) -> float:
    """Sample-weighted mean of `value` over all ranks (each rank holds `count` samples)."""
    totals = torch.tensor([value * count, float(count)], device=device, dtype=torch.float64)
    if dist.is_initialized():
        dist.all_reduce(totals, op=dist.ReduceOp.SUM)
    return (totals[0] / totals[1]).item()


@torch.no_grad()
def evaluate_shard(
    model: nn.Module, loader: DataLoader, loss_fn: nn.Module, device: torch.device
) -> float:
    """Validation loss over every rank's shard, the same value on every rank."""
    model.eval()
    total, count = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        total += loss_fn(model(inputs), targets).item() * inputs.size(0)
        count += inputs.size(0)
    return average(total / max(count, 1), count, device)


def run_distributed_training(cfg: TrainConfig, world: WorldInfo | None = None) -> float:
    """Train with DDP; rank 0 logs params, metrics and the model to MLflow. Returns the val loss."""
    if cfg.trainer.epochs < 1:
        raise ValueError(f"trainer.epochs must be >= 1, got {cfg.trainer.epochs}")
    world = world or WorldInfo.from_env()
    device = setup(world, cfg.trainer.device)
    try:
        return _train(cfg, world, device)
    finally:
        teardown()


def _train(cfg: TrainConfig, world: WorldInfo, device: torch.device) -> float:
    torch.manual_seed(cfg.seed)  # the same initial weights on every rank
    train_loader, val_loader = make_dataloaders(
        cfg.data.num_samples,
        cfg.data.num_features,
        cfg.data.batch_size,
        val_fraction=cfg.data.val_fraction,
        noise=cfg.data.noise,
        seed=cfg.seed,
    )
    train_shard = shard(train_loader, world, shuffle=True, seed=cfg.seed)
    val_shard = shard(val_loader, world, shuffle=False, seed=cfg.seed)
    model = MLP(
        in_features=cfg.data.num_features,
        hidden_size=cfg.model.hidden_size,
        out_features=1,
        num_hidden_layers=cfg.model.num_hidden_layers,
    ).to(device)
    # Every rank reads the same checkpoint, so all of them go on from the same weights and epoch.
    checkpoint = load_checkpoint(cfg)
    first_epoch, resumed_run_id = 1, None
    if checkpoint is not None:
        model.load_state_dict(checkpoint["model"])
        first_epoch, resumed_run_id = checkpoint["epoch"] + 1, checkpoint["mlflow_run_id"]
        if world.is_main:
            log.info(
                "resuming from checkpoint %s at epoch %d/%d",
                cfg.checkpoint_dir,
                first_epoch,
                cfg.trainer.epochs,
            )
    ddp_model = DistributedDataParallel(model) if dist.is_initialized() else model
    optimizer = torch.optim.Adam(ddp_model.parameters(), lr=cfg.lr)
    if checkpoint is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
        torch.set_rng_state(checkpoint["torch_rng"])
    loss_fn = nn.MSELoss()

    run_id = None
    if world.is_main:
        if cfg.mlflow.tracking_uri:
            mlflow.set_tracking_uri(cfg.mlflow.tracking_uri)
        mlflow.set_experiment(cfg.mlflow.experiment_name)
        run = mlflow.start_run(run_id=resumed_run_id)
        run_id = run.info.run_id
        # mx run reads this line from the job's log to print the run's link: keep its shape.
        log.info(
            "MLflow run %s in experiment %s (%r)",
            run.info.run_id,
            run.info.experiment_id,
            cfg.mlflow.experiment_name,
        )
        params = {
            k: v
            for k, v in flatten(asdict(cfg)).items()
            if not k.startswith("mlflow.") and k != "checkpoint_dir"
        }
        mlflow.log_params(params)
        mlflow.log_params(
            {
                "device": device.type,
                "world_size": world.world_size,
                "num_parameters": count_parameters(model),
            }
        )
    val_loss = math.nan if checkpoint is None else checkpoint["val_loss"]
    try:
        for epoch in range(first_epoch, cfg.trainer.epochs + 1):
            # Without this every epoch would shuffle the shards the same way.
            train_shard.sampler.set_epoch(epoch)
            local_loss = train_one_epoch(ddp_model, train_shard, optimizer, loss_fn, device)
            train_loss = average(local_loss, len(train_shard.sampler), device)
            val_loss = evaluate_shard(ddp_model, val_shard, loss_fn, device)
            if world.is_main:
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
                            "val_loss": val_loss,
                            "params": checkpoint_params(cfg),
                            "mlflow_run_id": run_id,
                        },
                    )
            # No rank starts the next epoch before rank 0 has saved this one.
            if dist.is_initialized():
                dist.barrier()
        if world.is_main and cfg.mlflow.log_model:
            example_inputs, _ = next(iter(val_loader))
            log_model(model, example_inputs[:8])
    finally:
        if world.is_main:
            mlflow.end_run()
    return val_loss


@hydra.main(config_path=str(find_config_dir()), config_name="config", version_base=None)
def main(cfg: DictConfig) -> float:
    """Hydra entry point, started once per GPU by torchrun."""
    raw = OmegaConf.to_container(cfg, resolve=True)
    if not isinstance(raw, dict):
        raise TypeError(f"expected a mapping at the config root, got {type(raw).__name__}")
    return run_distributed_training(TrainConfig.from_mapping(raw))


if __name__ == "__main__":
    main()
