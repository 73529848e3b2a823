"""The idle GPU reaper: warns the owner of a GPU workload that sat idle for a number of work
hours, and reclaims it when it stays idle after the warning.

`policy.decide` is the whole policy, a pure function of the workloads (with their annotations),
their hourly GPU utilisation, the clock and the work calendar; `__main__` gathers those from the
cluster and Prometheus, applies the decisions and records them. It needs only the standard library:
its CronJob runs it in a pinned Python image, the code mounted from a ConfigMap. Run it once by hand
from infra/k8s/idle-reaper with `python -m idle_reaper --dry-run --prometheus URL --kube-api
http://127.0.0.1:8001` against `kubectl proxy`.
"""
