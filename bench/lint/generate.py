#!/usr/bin/env python3
"""Writes the synthetic repository the mx lint benchmark runs on: N Kubernetes manifests and N Python modules.

The files are deterministic (seeded) and look like a real ML platform repository: Deployments, Services,
GPU training Jobs and ConfigMaps of 40-90 lines, a few with problems (an unpinned image, missing limits),
and Python modules of ~60 lines, some with an unused import, so every linter has real work to do.

Usage: generate.py OUTPUT_DIR [COUNT]   (COUNT defaults to 2000 of each)
"""
import os
import random
import sys

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: synthetic
    app.kubernetes.io/managed-by: bench
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
        app.kubernetes.io/part-of: synthetic
    spec:
      serviceAccountName: {name}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {name}
          image: {image}
          args: ["--port=8080", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: WORKERS
              value: "{replicas}"
            - name: MODEL_URI
              value: gs://synthetic-models/{name}/v{version}
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
{resources}          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
"""

RESOURCES = """          resources:
            requests:
              cpu: {cpu}m
              memory: {memory}Mi
            limits:
              cpu: "{cpu_limit}"
              memory: {memory_limit}Mi
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: synthetic
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: synthetic
"""

JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
  namespace: training
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: synthetic
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-l4
      tolerations:
        - key: nvidia.com/gpu
          operator: Exists
          effect: NoSchedule
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: trainer
          image: {image}
          command: ["python", "-m", "synthetic.train", "lr={lr}", "epochs={epochs}"]
          resources:
            requests:
              cpu: "4"
              memory: 16Gi
              nvidia.com/gpu: {gpus}
            limits:
              cpu: "8"
              memory: 32Gi
              nvidia.com/gpu: {gpus}
          volumeMounts:
            - name: dshm
              mountPath: /dev/shm
      volumes:
        - name: dshm
          emptyDir:
            medium: Memory
            sizeLimit: 8Gi
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: synthetic
data:
{entries}"""

PYTHON = '''"""Synthetic module {index}: feature engineering for dataset {dataset}."""
{imports}
from dataclasses import dataclass


@dataclass
class {cls}Config:
    batch_size: int = {batch}
    learning_rate: float = {lr}
    epochs: int = {epochs}
    name: str = "{dataset}"


def normalise(values: list[float]) -> list[float]:
    """Scales values to [0, 1]; a constant list maps to zeros."""
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


def moving_average(values: list[float], window: int = {window}) -> list[float]:
    if window <= 0:
        raise ValueError("window must be positive")
    result = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        result.append(total / min(i + 1, window))
    return result


class {cls}Pipeline:
    def __init__(self, config: {cls}Config) -> None:
        self.config = config
        self.steps: list[str] = []

    def add(self, step: str) -> "{cls}Pipeline":
        self.steps.append(step)
        return self

    def describe(self) -> str:
        joined = ", ".join(self.steps) or "no steps"
        return f"{{self.config.name}}: {{joined}} (batch {{self.config.batch_size}})"

    def run(self, values: list[float]) -> list[float]:
        out = values
        for step in self.steps:
            if step == "normalise":
                out = normalise(out)
            elif step == "smooth":
                out = moving_average(out)
        return out


def main() -> None:
    pipeline = {cls}Pipeline({cls}Config()).add("normalise").add("smooth")
    print(pipeline.describe())
    print(pipeline.run([float(x) for x in range({window} * 3)]))


if __name__ == "__main__":
    main()
'''


def manifest(rng: random.Random, index: int) -> str:
    name = f"svc-{index:04d}"
    ns = rng.choice(["serving", "features", "labeling", "monitoring"])
    kind = index % 4
    pinned = f"europe-west4-docker.pkg.dev/synthetic-prod/synthetic-images/{name}:1.{index % 17}.{index % 5}"
    image = pinned if rng.random() > 0.05 else f"docker.io/library/{name}:latest"
    if kind == 0:
        resources = "" if rng.random() < 0.05 else RESOURCES.format(
            cpu=rng.choice([100, 250, 500]), memory=rng.choice([256, 512, 1024]), cpu_limit=rng.choice([1, 2]), memory_limit=2048)
        return DEPLOYMENT.format(name=name, ns=ns, replicas=rng.randint(1, 4), image=image, version=rng.randint(1, 9), resources=resources)
    if kind == 1:
        return SERVICE.format(name=name, ns=ns)
    if kind == 2:
        return JOB.format(name=name, image=pinned, lr=rng.choice([0.1, 0.01, 0.001]), epochs=rng.randint(1, 50), gpus=1)
    entries = "".join(f"  KEY_{i}: \"value-{rng.randint(0, 10**6)}\"\n" for i in range(rng.randint(10, 40)))
    return CONFIGMAP.format(name=name, ns=ns, entries=entries)


def module(rng: random.Random, index: int) -> str:
    imports = "import math\nimport os\n" if rng.random() < 0.1 else "import os\n"
    body = PYTHON.format(index=index, dataset=f"ds{index % 97}", imports=imports, cls=f"Feature{index}",
                         batch=rng.choice([16, 32, 64]), lr=rng.choice([0.1, 0.01]), epochs=rng.randint(1, 30),
                         window=rng.randint(2, 9))
    # Every module uses os, so only the extra math import is unused.
    return body.replace("def main() -> None:\n", "def main() -> None:\n    os.environ.setdefault(\"SYNTHETIC\", \"1\")\n")


def main() -> None:
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(20260115)
    for i in range(count):
        path = os.path.join(out, "k8s", f"team-{i % 20:02d}", f"manifest-{i:04d}.yaml")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(manifest(rng, i))
    for i in range(count):
        path = os.path.join(out, "py", f"pkg_{i % 20:02d}", f"module_{i:04d}.py")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(module(rng, i))
    for d in sorted({os.path.dirname(os.path.join(out, "py", f"pkg_{i % 20:02d}", "x")) for i in range(count)}):
        open(os.path.join(d, "__init__.py"), "w").close()
    with open(os.path.join(out, "pyproject.toml"), "w") as f:
        f.write("[project]\nname = \"synthetic\"\nversion = \"0.1.0\"\n\n[tool.ruff]\nline-length = 100\n")


if __name__ == "__main__":
    main()
