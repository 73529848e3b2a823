"""The idle reaper is not part of the project's package: it ships as code in its CronJob's
kustomization (infra/k8s/idle-reaper), so its tests import it from there."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "infra" / "k8s" / "idle-reaper"))
