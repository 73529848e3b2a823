"""Tests for acme_vision.model (torch only)."""

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install -e .[dev])")

from acme_vision.model import MLP, count_parameters  # noqa: E402


def test_forward_shape() -> None:
    model = MLP(in_features=5, hidden_size=8, out_features=2, num_hidden_layers=3)
    out = model(torch.randn(4, 5))
    assert out.shape == (4, 2)


def test_parameter_count() -> None:
    # 5*8+8 (input) + 8*8+8 (hidden) + 8*1+1 (output)
    model = MLP(in_features=5, hidden_size=8, out_features=1, num_hidden_layers=2)
    assert count_parameters(model) == 48 + 72 + 9


def test_gradients_flow() -> None:
    model = MLP(in_features=3, hidden_size=4)
    loss = model(torch.randn(6, 3)).pow(2).mean()
    loss.backward()
    assert all(p.grad is not None for p in model.parameters())


def test_can_overfit_a_tiny_batch() -> None:
    torch.manual_seed(0)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    model = MLP(in_features=3, hidden_size=32)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    initial = torch.nn.functional.mse_loss(model(x), y).item()
    for _ in range(300):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    assert loss.item() < 0.1 * initial


@pytest.mark.parametrize(
    "kwargs",
    [
        {"in_features": 0, "hidden_size": 4},
        {"in_features": 2, "hidden_size": 4, "num_hidden_layers": 0},
    ],
)
def test_invalid_arguments(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        MLP(**kwargs)
