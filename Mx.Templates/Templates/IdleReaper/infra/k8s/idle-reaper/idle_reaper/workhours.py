"""Work hours: which clock hours count towards idleness.

Hours are UTC hours; each is judged by the local time of its start in the team's time zone, so a
day on which the clocks change has 23 or 25 real hours and each is judged once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WorkCalendar:
    """Working days (0 = Monday), working hours [start_hour, end_hour) and holidays, locally."""

    time_zone: str
    workdays: frozenset[int] = frozenset(range(5))
    start_hour: int = 9
    end_hour: int = 18
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        ZoneInfo(self.time_zone)  # an unknown zone fails here, not at the first hour judged
        if not 0 <= self.start_hour < self.end_hour <= 24:
            raise ValueError(
                f"work hours {self.start_hour}-{self.end_hour} are not 0 <= start < end <= 24"
            )

    @staticmethod
    def parse(time_zone: str, workdays: str, hours: str, holidays: str) -> WorkCalendar:
        """From the settings: `mon-fri` or `mon,wed,fri`; `9-18`; `2026-12-25,2026-12-26`."""
        return WorkCalendar(
            time_zone=time_zone,
            workdays=frozenset(_days(workdays)),
            start_hour=int(hours.split("-")[0]),
            end_hour=int(hours.split("-")[1]),
            holidays=frozenset(
                date.fromisoformat(d.strip()) for d in holidays.split(",") if d.strip()
            ),
        )

    def is_work_hour(self, hour_start: datetime) -> bool:
        local = hour_start.astimezone(ZoneInfo(self.time_zone))
        return (
            local.weekday() in self.workdays
            and local.date() not in self.holidays
            and self.start_hour <= local.hour < self.end_hour
        )


def hours_before(now: datetime, count: int) -> list[datetime]:
    """The starts of the `count` whole UTC hours before `now`, newest first."""
    top = now.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
    return [top - timedelta(hours=i) for i in range(1, count + 1)]


def _days(spec: str) -> list[int]:
    """`mon-fri`, `sun-thu` (a range may wrap past Sunday) or `mon,wed,fri`."""
    days: list[int] = []
    for part in spec.lower().split(","):
        names = [p.strip() for p in part.split("-")]
        if names == [""]:
            continue
        for name in names:
            if name not in WEEKDAYS:
                raise ValueError(f"{name!r} in {spec!r} is not a day; use {', '.join(WEEKDAYS)}")
        first, last = WEEKDAYS.index(names[0]), WEEKDAYS.index(names[-1])
        days.extend((first + i) % 7 for i in range((last - first) % 7 + 1))
    return days
