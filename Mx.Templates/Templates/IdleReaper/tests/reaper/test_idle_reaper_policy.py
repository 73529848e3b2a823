"""Table tests of the idle reaper's policy: a pure function of workloads, utilisation, clock
and calendar."""

from datetime import date, datetime, timedelta, timezone

import pytest

from idle_reaper.policy import (
    IDLE_AFTER,
    KEEP_REASON,
    KEEP_UNTIL,
    MAX_KEEP_DAYS,
    WARNED_AT,
    Policy,
    Workload,
    decide,
)
from idle_reaper.workhours import WorkCalendar

UTC = timezone.utc
BERLIN = WorkCalendar("Europe/Berlin", start_hour=9, end_hour=18)
POLICY = Policy(threshold_percent=0, warn_after_hours=6, reclaim_after_hours=6)


def job(created: datetime, **annotations: str) -> Workload:
    return Workload("Job", "training", "train-1", created, dict(annotations))


def hourly(start: datetime, end: datetime, value: float | None = 0.0) -> dict[datetime, float]:
    """Every UTC hour from start (inclusive) to end (exclusive) at `value`; None: unmeasured."""
    hours, hour = {}, start
    while hour < end:
        if value is not None:
            hours[hour] = value
        hour += timedelta(hours=1)
    return hours


def one(
    workload: Workload, usage: dict[datetime, float], now: datetime, calendar=BERLIN, policy=POLICY
):
    [decision] = decide([workload], {workload.key: usage}, now, calendar, policy)
    return decision


# Tuesday 2026-12-01; Berlin is UTC+1 in winter, so 09:00-18:00 local is 08:00-17:00 UTC.
TUESDAY_8_UTC = datetime(2026, 12, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now_utc_hour", "expected", "idle"),
    [
        (13, "none", 5),  # 08..12 UTC: five idle work hours
        (14, "warn", 6),  # the sixth completes at 14:00 UTC
        (20, "warn", 9),  # evening hours do not count: 08..17 UTC is nine work hours
    ],
)
def test_idle_work_hours_are_counted_within_the_working_day(now_utc_hour, expected, idle):
    now = TUESDAY_8_UTC.replace(hour=now_utc_hour)
    decision = one(job(TUESDAY_8_UTC), hourly(TUESDAY_8_UTC, now), now)
    assert (decision.action, decision.idle_work_hours) == (expected, idle)


def test_hours_before_and_after_the_working_day_do_not_count():
    start = datetime(2026, 12, 1, 17, tzinfo=UTC)  # 18:00 Berlin
    now = datetime(2026, 12, 2, 8, tzinfo=UTC)  # 09:00 Berlin the next day
    decision = one(job(start), hourly(start, now), now)
    assert (decision.action, decision.idle_work_hours) == ("none", 0)


def test_a_weekend_neither_counts_nor_breaks_the_streak():
    friday = datetime(2026, 12, 4, 14, tzinfo=UTC)  # 15:00 Berlin: three work hours left on Friday
    monday = datetime(2026, 12, 7, 11, tzinfo=UTC)  # 12:00 Berlin: three work hours done on Monday
    decision = one(job(friday), hourly(friday, monday), monday)
    assert (decision.action, decision.idle_work_hours) == ("warn", 6)


def test_a_busy_hour_at_night_ends_the_streak():
    start = datetime(2026, 12, 1, 8, tzinfo=UTC)
    now = datetime(2026, 12, 2, 10, tzinfo=UTC)
    usage = hourly(start, now)
    usage[datetime(2026, 12, 1, 23, tzinfo=UTC)] = 40.0
    decision = one(job(start), usage, now)
    assert decision.idle_work_hours == 2  # 08 and 09 UTC on Wednesday only


def test_utilisation_above_the_threshold_is_use_and_at_it_is_idle():
    now = TUESDAY_8_UTC.replace(hour=15)
    policy = Policy(threshold_percent=5, warn_after_hours=6, reclaim_after_hours=6)
    assert (
        one(job(TUESDAY_8_UTC), hourly(TUESDAY_8_UTC, now, 5.0), now, policy=policy).action
        == "warn"
    )
    assert (
        one(job(TUESDAY_8_UTC), hourly(TUESDAY_8_UTC, now, 5.5), now, policy=policy).action
        == "none"
    )


def test_a_missing_work_hour_is_never_taken_for_idleness():
    now = TUESDAY_8_UTC.replace(hour=16)
    usage = hourly(TUESDAY_8_UTC, now)
    del usage[TUESDAY_8_UTC.replace(hour=12)]
    decision = one(job(TUESDAY_8_UTC), usage, now)
    assert (decision.action, decision.idle_work_hours) == ("none", 3)  # 13, 14, 15


def test_no_metrics_at_all_means_no_action():
    now = TUESDAY_8_UTC + timedelta(days=3)
    assert one(job(TUESDAY_8_UTC), {}, now).action == "none"


def test_holidays_are_not_work_hours():
    calendar = WorkCalendar("Europe/Berlin", holidays=frozenset({date(2026, 12, 1)}))
    now = TUESDAY_8_UTC.replace(hour=17)
    assert one(job(TUESDAY_8_UTC), hourly(TUESDAY_8_UTC, now), now, calendar).idle_work_hours == 0


def test_hours_before_the_workload_existed_do_not_count():
    created = TUESDAY_8_UTC.replace(hour=11, minute=30)
    now = TUESDAY_8_UTC.replace(hour=16)
    decision = one(job(created), hourly(TUESDAY_8_UTC, now), now)
    assert decision.idle_work_hours == 5  # 11..15 UTC


@pytest.mark.parametrize(
    ("day", "work_hours_utc"),
    [
        # Berlin leaves summer time on Sunday 2026-10-25: 09-18 local is 07-16 UTC, then 08-17.
        (datetime(2026, 10, 23, tzinfo=UTC), range(7, 16)),
        (datetime(2026, 10, 26, tzinfo=UTC), range(8, 17)),
        # and enters it on Sunday 2026-03-29.
        (datetime(2026, 3, 27, tzinfo=UTC), range(8, 17)),
        (datetime(2026, 3, 30, tzinfo=UTC), range(7, 16)),
    ],
)
def test_work_hours_follow_daylight_saving_time(day, work_hours_utc):
    judged = [h for h in range(24) if BERLIN.is_work_hour(day.replace(hour=h))]
    assert judged == list(work_hours_utc)


def test_a_night_with_a_clock_change_is_judged_hour_by_hour():
    calendar = WorkCalendar(
        "Europe/Berlin", workdays=frozenset(range(7)), start_hour=0, end_hour=24
    )
    # 2026-10-25 has 25 hours in Berlin: 25 idle hours from local midnight to midnight.
    start = datetime(2026, 10, 24, 22, tzinfo=UTC)
    now = datetime(2026, 10, 25, 23, tzinfo=UTC)
    policy = Policy(warn_after_hours=100, reclaim_after_hours=1)
    assert one(job(start), hourly(start, now), now, calendar, policy).idle_work_hours == 25


def warned(at: datetime) -> dict[str, str]:
    return {WARNED_AT: at.isoformat()}


def test_a_warned_workload_is_reclaimed_after_the_further_idle_hours():
    monday = datetime(2026, 11, 30, 8, tzinfo=UTC)
    warning = monday.replace(hour=14, minute=5)
    assert (
        one(
            job(monday, **warned(warning)),
            hourly(monday, monday.replace(hour=17)),
            monday.replace(hour=17),
        ).action
        == "none"
    )
    tuesday_noon = datetime(2026, 12, 1, 11, tzinfo=UTC)
    decision = one(job(monday, **warned(warning)), hourly(monday, tuesday_noon), tuesday_noon)
    # 14, 15, 16 UTC on Monday and 08, 09, 10 on Tuesday: six idle work hours since the warning.
    assert decision.action == "reclaim"
    assert "6 of them since the warning" in decision.reason


def test_a_workload_that_woke_up_after_the_warning_has_the_warning_cleared():
    monday = datetime(2026, 11, 30, 8, tzinfo=UTC)
    warning = monday.replace(hour=14, minute=5)
    now = datetime(2026, 12, 1, 11, tzinfo=UTC)
    usage = hourly(monday, now)
    usage[datetime(2026, 12, 1, 9, tzinfo=UTC)] = 80.0
    assert one(job(monday, **warned(warning)), usage, now).action == "clear-warning"


def test_a_workload_busy_after_the_warning_and_idle_long_again_is_warned_afresh():
    monday = datetime(2026, 11, 30, 8, tzinfo=UTC)
    warning = monday.replace(hour=14, minute=5)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    usage = hourly(monday, now)
    usage[datetime(2026, 11, 30, 15, tzinfo=UTC)] = 80.0
    assert one(job(monday, **warned(warning)), usage, now).action == "warn"


def keep(until: datetime, reason: str = "benchmark runs overnight") -> dict[str, str]:
    return {KEEP_UNTIL: until.isoformat(), KEEP_REASON: reason}


def test_a_kept_workload_is_neither_warned_nor_reclaimed():
    now = TUESDAY_8_UTC.replace(hour=17)
    decision = one(
        job(TUESDAY_8_UTC, **keep(now + timedelta(days=2))), hourly(TUESDAY_8_UTC, now), now
    )
    assert decision.action == "keep"
    assert "benchmark runs overnight" in decision.reason


def test_keeping_a_warned_workload_clears_its_warning():
    now = TUESDAY_8_UTC.replace(hour=17)
    annotations = {**keep(now + timedelta(days=1)), **warned(TUESDAY_8_UTC.replace(hour=14))}
    assert (
        one(job(TUESDAY_8_UTC, **annotations), hourly(TUESDAY_8_UTC, now), now).action
        == "clear-warning"
    )


@pytest.mark.parametrize(
    ("annotations", "note"),
    [
        (keep(TUESDAY_8_UTC.replace(hour=16)), "has passed"),
        (keep(TUESDAY_8_UTC + timedelta(days=8)), "more than 7 days ahead"),
        (keep(TUESDAY_8_UTC + timedelta(days=1), reason=" "), "needs a reason"),
        ({KEEP_UNTIL: "next friday", KEEP_REASON: "demo"}, "not an ISO 8601 time"),
    ],
)
def test_an_expired_or_invalid_opt_out_is_ignored_and_said(annotations, note):
    now = TUESDAY_8_UTC.replace(hour=17)
    decision = one(job(TUESDAY_8_UTC, **annotations), hourly(TUESDAY_8_UTC, now), now)
    assert decision.action == "warn"
    assert note in decision.reason


def workspace(created: datetime, **annotations: str) -> Workload:
    return Workload("Workspace", "training", "ws-ada", created, dict(annotations))


@pytest.mark.parametrize(
    ("idle_after", "now_utc_hour", "expected"),
    [
        ("2", 10, "warn"),  # its own two idle work hours, not the policy's six
        ("2", 9, "none"),
        ("0", 10, "none"),  # out of range: the policy's six apply
        ("many", 10, "none"),
    ],
)
def test_a_workspace_is_warned_after_its_own_idle_hours_where_it_carries_valid_ones(
    idle_after, now_utc_hour, expected
):
    now = TUESDAY_8_UTC.replace(hour=now_utc_hour)
    decision = one(
        workspace(TUESDAY_8_UTC, **{IDLE_AFTER: idle_after}), hourly(TUESDAY_8_UTC, now), now
    )
    assert decision.action == expected


def test_a_workspace_may_be_kept_as_far_ahead_as_its_own_maximum():
    now = TUESDAY_8_UTC.replace(hour=17)
    ten_days = keep(now + timedelta(days=10))
    own = workspace(TUESDAY_8_UTC, **ten_days, **{MAX_KEEP_DAYS: "14"})
    default = workspace(TUESDAY_8_UTC, **ten_days)
    assert one(own, hourly(TUESDAY_8_UTC, now), now).action == "keep"
    assert one(default, hourly(TUESDAY_8_UTC, now), now).action == "warn"


def test_an_unknown_time_zone_is_refused_when_the_calendar_is_made():
    with pytest.raises(Exception, match="Europe/Atlantis"):
        WorkCalendar("Europe/Atlantis")


@pytest.mark.parametrize("threshold", [-1, 101])
def test_a_threshold_out_of_range_is_refused(threshold):
    with pytest.raises(ValueError, match="not within 0-100"):
        Policy(threshold_percent=threshold)


def test_the_calendar_settings_parse_as_written():
    calendar = WorkCalendar.parse("Asia/Kolkata", "sun-thu", "8-17", "2026-12-25, 2027-01-01")
    assert calendar.workdays == frozenset({6, 0, 1, 2, 3})
    assert (calendar.start_hour, calendar.end_hour) == (8, 17)
    assert calendar.holidays == frozenset({date(2026, 12, 25), date(2027, 1, 1)})
