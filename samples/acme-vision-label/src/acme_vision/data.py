"""Synthetic, fully seeded regression data.

This module depends on torch only (no Hydra, no MLflow) so that tests and notebooks can use it
directly. Replace `make_synthetic_regression` with your real data loading; keep the
`make_dataloaders` signature and the training loop does not need to change.
"""

import math

import torch
from torch.utils.data import DataLoader, TensorDataset


def make_synthetic_regression(
    num_samples: int,
    num_features: int,
    *,
    noise: float = 0.1,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return `(x, y)`: `x` has shape `(num_samples, num_features)`, `y` has `(num_samples, 1)`.

    The target is a fixed random linear map plus a non-linear term, plus Gaussian noise, so a
    small MLP can fit it well but not perfectly. The same arguments always give the same tensors:
    every random draw comes from a local `torch.Generator` seeded with `seed`, never from the
    global RNG.
    """
    if num_samples < 1:
        raise ValueError(f"num_samples must be >= 1, got {num_samples}")
    if num_features < 1:
        raise ValueError(f"num_features must be >= 1, got {num_features}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")

    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(num_samples, num_features, generator=generator)
    weights = torch.randn(num_features, 1, generator=generator) / math.sqrt(num_features)
    y = x @ weights + 0.5 * torch.sin(2.0 * x[:, :1])
    y = y + noise * torch.randn(num_samples, 1, generator=generator)
    return x, y


def make_dataloaders(
    num_samples: int,
    num_features: int,
    batch_size: int,
    *,
    val_fraction: float = 0.2,
    noise: float = 0.1,
    seed: int = 0,
) -> tuple[DataLoader, DataLoader]:
    """Build `(train_loader, val_loader)` over one synthetic data set.

    The last `round(num_samples * val_fraction)` samples form the validation split (the samples
    are i.i.d., so no extra shuffling is needed). The training loader reshuffles every epoch
    with its own seeded generator, so whole runs are reproducible.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    num_val = round(num_samples * val_fraction)
    if not 0 < num_val < num_samples:
        raise ValueError(
            f"val_fraction={val_fraction} leaves no train or no validation samples "
            f"out of num_samples={num_samples}"
        )

    x, y = make_synthetic_regression(num_samples, num_features, noise=noise, seed=seed)
    num_train = num_samples - num_val
    train_set = TensorDataset(x[:num_train], y[:num_train])
    val_set = TensorDataset(x[num_train:], y[num_train:])

    train_loader = DataLoader(
        train_set,
        batch_size=batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(seed + 1),
    )
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False)
    return train_loader, val_loader
