"""Tests for acme_vision.data (torch only)."""

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install -e .[dev])")

from acme_vision.data import make_dataloaders, make_synthetic_regression  # noqa: E402


def test_shapes_and_dtype() -> None:
    x, y = make_synthetic_regression(100, 7, seed=0)
    assert x.shape == (100, 7)
    assert y.shape == (100, 1)
    assert x.dtype == torch.float32
    assert torch.isfinite(y).all()


def test_same_seed_same_data_different_seed_different_data() -> None:
    x1, y1 = make_synthetic_regression(50, 4, seed=123)
    x2, y2 = make_synthetic_regression(50, 4, seed=123)
    x3, _ = make_synthetic_regression(50, 4, seed=124)
    assert torch.equal(x1, x2)
    assert torch.equal(y1, y2)
    assert not torch.equal(x1, x3)


def test_does_not_touch_the_global_rng() -> None:
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    make_synthetic_regression(10, 2, seed=5)
    assert torch.equal(torch.rand(3), expected)


def test_dataloaders_split_and_batch() -> None:
    train_loader, val_loader = make_dataloaders(100, 3, batch_size=16, val_fraction=0.2, seed=0)
    assert len(train_loader.dataset) == 80
    assert len(val_loader.dataset) == 20
    inputs, targets = next(iter(train_loader))
    assert inputs.shape == (16, 3)
    assert targets.shape == (16, 1)


def test_dataloaders_are_reproducible() -> None:
    first = [x for x, _ in make_dataloaders(64, 3, batch_size=8, seed=7)[0]]
    second = [x for x, _ in make_dataloaders(64, 3, batch_size=8, seed=7)[0]]
    assert all(torch.equal(a, b) for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize(
    ("num_samples", "batch_size", "val_fraction"),
    [(10, 0, 0.2), (10, 4, 0.0), (10, 4, 1.0), (1, 1, 0.5)],
)
def test_invalid_arguments(num_samples: int, batch_size: int, val_fraction: float) -> None:
    with pytest.raises(ValueError):
        make_dataloaders(num_samples, 2, batch_size, val_fraction=val_fraction)
