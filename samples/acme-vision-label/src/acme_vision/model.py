"""A small multi-layer perceptron. Depends on torch only."""

import torch
from torch import nn


class MLP(nn.Module):
    """`in_features -> [Linear -> ReLU] * num_hidden_layers -> Linear -> out_features`."""

    def __init__(
        self,
        in_features: int,
        hidden_size: int,
        out_features: int = 1,
        num_hidden_layers: int = 2,
    ) -> None:
        super().__init__()
        if min(in_features, hidden_size, out_features) < 1:
            raise ValueError("in_features, hidden_size and out_features must all be >= 1")
        if num_hidden_layers < 1:
            raise ValueError(f"num_hidden_layers must be >= 1, got {num_hidden_layers}")

        layers: list[nn.Module] = []
        width = in_features
        for _ in range(num_hidden_layers):
            layers += [nn.Linear(width, hidden_size), nn.ReLU()]
            width = hidden_size
        layers.append(nn.Linear(width, out_features))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def count_parameters(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
