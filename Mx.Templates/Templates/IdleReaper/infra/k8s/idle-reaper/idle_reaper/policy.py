"""The reaper's policy: (workloads, hourly GPU utilisation, clock, calendar) -> decisions. No I/O.

A workload is idle for an hour when its busiest GPU averaged at most `threshold_percent` over
that hour. Idleness counts in work hours only; a busy hour at any time ends the idle streak, and
so does a work hour without a measurement: the reaper never acts on missing data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from .workhours import WorkCalendar, hours_before

WARNED_AT = "mx.dev/idle-warned-at"
KEEP_UNTIL = "mx.dev/keep-until"
KEEP_REASON = "mx.dev/keep-reason"
OWNER = "mx.dev/owner"
# A workload may carry its own limits: a workspace does, from the DevWorkspace answers.
IDLE_AFTER = "mx.dev/idle-after-hours"
MAX_KEEP_DAYS = "mx.dev/max-keep-days"


@dataclass(frozen=True)
class Policy:
    threshold_percent: float = 0.0
    warn_after_hours: int = 6
    reclaim_after_hours: int = 6
    max_keep_days: int = 7
    lookback_hours: int = 24 * 14

    def __post_init__(self) -> None:
        if not 0 <= self.threshold_percent <= 100:
            raise ValueError(f"threshold {self.threshold_percent}% is not within 0-100")
        if self.warn_after_hours < 1 or self.reclaim_after_hours < 1:
            raise ValueError("warn and reclaim need at least one idle work hour each")


@dataclass(frozen=True)
class Workload:
    """A job or workspace holding GPUs: `kind` is its API kind (Job, TrainJob, PyTorchJob), or
    Workspace for a dev workspace, whose object is its pod."""

    kind: str
    namespace: str
    name: str
    created: datetime
    annotations: dict[str, str]

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.namespace}/{self.name}"

    @property
    def owner(self) -> str | None:
        return self.annotations.get(OWNER)


@dataclass(frozen=True)
class Decision:
    workload: Workload
    action: str  # "warn", "reclaim", "clear-warning", "keep" or "none"
    reason: str
    idle_work_hours: int


def decide(
    workloads: list[Workload],
    utilisation: dict[str, dict[datetime, float]],
    now: datetime,
    calendar: WorkCalendar,
    policy: Policy,
) -> list[Decision]:
    """One decision per workload.

    `utilisation[workload.key][hour_start]` is the busiest GPU's average in percent.
    """
    return [_decide(w, utilisation.get(w.key, {}), now, calendar, policy) for w in workloads]


def _decide(
    workload: Workload,
    hourly: dict[datetime, float],
    now: datetime,
    calendar: WorkCalendar,
    policy: Policy,
) -> Decision:
    policy = _own_policy(workload, policy)
    streak = _idle_streak(workload, hourly, now, calendar, policy)
    idle = len(streak)
    warned_at = _timestamp(workload.annotations.get(WARNED_AT))

    keep, keep_note = _opt_out(workload, now, policy)
    if keep:
        return Decision(workload, "keep" if warned_at is None else "clear-warning", keep_note, idle)

    if warned_at is not None:
        # The warning holds only while the workload has stayed idle since it was given.
        if not streak or streak[-1] > warned_at:
            if idle >= policy.warn_after_hours:
                return Decision(
                    workload,
                    "warn",
                    f"busy again after the warning, then idle {idle} work hours{keep_note}",
                    idle,
                )
            return Decision(
                workload,
                "clear-warning",
                f"not idle without a break since the warning (busy, or unmeasured){keep_note}",
                idle,
            )
        since_warning = sum(1 for hour in streak if hour >= _hour_floor(warned_at))
        if since_warning >= policy.reclaim_after_hours:
            return Decision(
                workload,
                "reclaim",
                f"idle {idle} work hours, {since_warning} of them since the warning"
                f" at {warned_at.isoformat()}{keep_note}",
                idle,
            )
        return Decision(
            workload,
            "none",
            f"warned; idle {since_warning}/{policy.reclaim_after_hours} hours since{keep_note}",
            idle,
        )

    if idle >= policy.warn_after_hours:
        return Decision(
            workload,
            "warn",
            f"GPUs at most {policy.threshold_percent:g}% for {idle} work hours{keep_note}",
            idle,
        )
    return Decision(
        workload,
        "none",
        f"idle {idle} work hours{keep_note}" if idle else f"in use{keep_note}",
        idle,
    )


def _idle_streak(
    workload: Workload,
    hourly: dict[datetime, float],
    now: datetime,
    calendar: WorkCalendar,
    policy: Policy,
) -> list[datetime]:
    """The idle work hours of the streak that ends now, newest first."""
    streak: list[datetime] = []
    for hour in hours_before(now, policy.lookback_hours):
        if hour < _hour_floor(workload.created):
            break
        work = calendar.is_work_hour(hour)
        value = hourly.get(hour)
        if value is None:
            if work:
                break
            continue
        if value > policy.threshold_percent:
            break
        if work:
            streak.append(hour)
    return streak


def _own_policy(workload: Workload, policy: Policy) -> Policy:
    """The policy with the workload's own warn-after hours and keep maximum, where valid."""
    changes = {}
    for annotation, field, low, high in (
        (IDLE_AFTER, "warn_after_hours", 1, 200),
        (MAX_KEEP_DAYS, "max_keep_days", 1, 90),
    ):
        text = workload.annotations.get(annotation, "")
        if text.isdigit() and low <= int(text) <= high:
            changes[field] = int(text)
    return replace(policy, **changes) if changes else policy


def _opt_out(workload: Workload, now: datetime, policy: Policy) -> tuple[bool, str]:
    until_text = workload.annotations.get(KEEP_UNTIL)
    if until_text is None:
        return False, ""
    until = _timestamp(until_text)
    reason = workload.annotations.get(KEEP_REASON, "").strip()
    if until is None:
        return False, f" (ignored {KEEP_UNTIL}={until_text!r}: not an ISO 8601 time with a zone)"
    if not reason:
        return False, f" (ignored {KEEP_UNTIL}: it needs a reason in {KEEP_REASON})"
    if until <= now:
        return False, f" (its keep-until {until.isoformat()} has passed)"
    if until > now + timedelta(days=policy.max_keep_days):
        return (
            False,
            f" (ignored {KEEP_UNTIL} {until.isoformat()}:"
            f" more than {policy.max_keep_days} days ahead)",
        )
    return True, f"kept until {until.isoformat()}: {reason}"


def _timestamp(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def _hour_floor(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
