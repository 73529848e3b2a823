"""Hourly GPU utilisation per pod from a Prometheus HTTP API (`/api/v1/query_range`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from . import jsonhttp

METADATA_TOKEN = (
    "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token"
)


class Prometheus:
    def __init__(self, url: str, metric: str, namespace_label: str, pod_label: str) -> None:
        self._url = url.rstrip("/")
        self._metric = metric
        self._namespace_label = namespace_label
        self._pod_label = pod_label

    def hourly_utilisation(
        self, namespaces: list[str], hours: list[datetime]
    ) -> dict[tuple[str, str], dict[datetime, float]]:
        """`{(namespace, pod): {hour_start: busiest GPU's average percent}}` for those hours."""
        if not hours:
            return {}
        ns, pod = self._namespace_label, self._pod_label
        selector = f'{ns}=~"{"|".join(namespaces)}"'
        # The value at time t averages (t - 1h, t]: the hour that started an hour before t.
        query = f"max by ({ns}, {pod}) (avg_over_time({self._metric}{{{selector}}}[1h]))"
        start, end = min(hours) + timedelta(hours=1), max(hours) + timedelta(hours=1)
        answer = jsonhttp.request(
            "GET",
            jsonhttp.with_query(
                f"{self._url}/api/v1/query_range",
                {
                    "query": query,
                    "start": str(int(start.timestamp())),
                    "end": str(int(end.timestamp())),
                    "step": "3600",
                },
            ),
            headers=_auth(self._url),
        )
        if answer.get("status") != "success":
            raise RuntimeError(f"Prometheus refused {query}: {answer.get('error')}")
        result: dict[tuple[str, str], dict[datetime, float]] = {}
        for series in answer["data"]["result"]:
            labels = series["metric"]
            values = result.setdefault((labels.get(ns, ""), labels.get(pod, "")), {})
            for stamp, value in series["values"]:
                values[
                    datetime.fromtimestamp(float(stamp), timezone.utc) - timedelta(hours=1)
                ] = float(value)
        return result


def _auth(url: str) -> dict[str, str]:
    """Google Cloud Managed Service for Prometheus takes the workload identity's access token."""
    if not url.startswith("https://monitoring.googleapis.com/"):
        return {}
    token = jsonhttp.request("GET", METADATA_TOKEN, headers={"Metadata-Flavor": "Google"})
    return {"Authorization": f"Bearer {token['access_token']}"}
