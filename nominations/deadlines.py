"""Working days, the due date of each dossier's stage, the overdue list and the reminders.

Working days are Monday to Friday, minus the `Holiday` rows of kind "day off", plus the rows
of kind "working" (a Saturday worked in exchange for a bridge day). The time limit of a stage
is the `StageTimeLimit` of the dossier's status at the holding unit's level (or the row for
every level); the clock starts when the dossier entered the status (`status_changed_at`), the
day itself not counted: a dossier received on a Friday with 1 working day is due on Monday.
A dossier is overdue on the days after its due date. Nothing runs on a timer: every page and
`send_reminders` computes the dates from the calendar.

To list overdue dossiers in SQL (paginated), the due-date rule is turned around: for each
(stage, level) limit, the latest start date that is already overdue today is computed in
Python and compared with `status_changed_at` in the database.
"""

import bisect
import dataclasses
import datetime
import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.choices import LEVEL_OF_KIND
from nominations.choices import DayKind, DossierStatus, ReminderKind

logger = logging.getLogger(__name__)

# The stages with a deadline and whose move it is: the proposing unit completes a returned
# dossier; in every other stage the holding level acts.
PROPOSER_STAGES = (DossierStatus.RETURNED,)
DEADLINE_STAGES = (
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.RETURNED,
    DossierStatus.RESUBMITTED,
    DossierStatus.APPRAISED,
    DossierStatus.FORWARDED,
    DossierStatus.POSTED,
    DossierStatus.COUNCIL,
)

# -- the calendar and time limits, kept in the process -------------------------------------------
#
# Both tables are read by nearly every staff page (due dates on the home queue and the dossier
# page) and change a few times a year. Each process keeps what it read for
# WORK_CALENDAR_CACHE_SECONDS; a save or delete in the admin forgets it at once in the process
# that made it (signals in apps.py), and the other processes read it again within that time.

_kept: dict[str, tuple[float, object]] = {}
_kept_lock = threading.Lock()


def _kept_or_load(name: str, load):
    seconds = settings.WORK_CALENDAR_CACHE_SECONDS
    if seconds <= 0:
        return load()
    now = time.monotonic()
    kept = _kept.get(name)
    if kept is not None and now - kept[0] < seconds:
        return kept[1]
    value = load()
    with _kept_lock:
        _kept[name] = (now, value)
    return value


def forget_calendar(**_kwargs) -> None:
    """Drop the kept calendar and time limits (a Holiday or StageTimeLimit row changed)."""
    with _kept_lock:
        _kept.clear()


def forget_calendar_now_and_on_commit(**_kwargs) -> None:
    """Signal receiver: forget now, and again once the change is committed, so that a request
    that read the old rows in between does not keep them."""
    from django.db import transaction

    forget_calendar()
    transaction.on_commit(forget_calendar)


# -- the calendar ---------------------------------------------------------------------------------


def _weekdays_up_to(day: datetime.date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) to `day`, both included."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """Working days from the holiday list (loaded once: one query)."""

    def __init__(self, days_off=(), working_days=()):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)
        # For counting without walking day by day: the weekdays that are off (a working day
        # listed too stays a working day) and the weekend days that are worked, in order.
        self._weekdays_off = sorted(
            d for d in self.days_off if d.weekday() < 5 and d not in self.working_days
        )
        self._weekends_worked = sorted(d for d in self.working_days if d.weekday() >= 5)

    @classmethod
    def load(cls) -> "WorkCalendar":
        """The calendar, kept a while in the process (see `_kept_or_load`)."""
        return _kept_or_load("calendar", cls.read)

    @classmethod
    def read(cls) -> "WorkCalendar":
        from nominations.models import Holiday

        off, working = [], []
        for day, kind in Holiday.objects.values_list("date", "kind"):
            (working if kind == DayKind.WORKING else off).append(day)
        return cls(off, working)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after `start` (`start` itself not counted)."""
        day = start
        while days > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
        off = bisect.bisect_right(self._weekdays_off, end) - bisect.bisect_right(
            self._weekdays_off, start
        )
        worked = bisect.bisect_right(self._weekends_worked, end) - bisect.bisect_right(
            self._weekends_worked, start
        )
        return weekdays - off + worked

    def latest_start(self, days: int, *, due_before: datetime.date) -> datetime.date:
        """The latest start date whose due date (`days` working days on) precedes `due_before`.

        `add_working_days` never decreases when the start moves later, so every start on or
        before the returned date is due before `due_before` as well.
        """
        one = datetime.timedelta(days=1)
        if days <= 0:
            return due_before - one
        # Count `days` working days back from the day before `due_before`: the start is the
        # day before the last of them (it is then the `days`-th working day after the start).
        day = due_before
        while days:
            day -= one
            if self.is_working_day(day):
                days -= 1
        return day - one


# -- time limits --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Deadline:
    started_on: datetime.date
    working_days: int
    due_on: datetime.date
    overdue: bool
    days_left: int  # working days from today to the due date; negative once overdue

    @property
    def badge(self) -> str:
        if self.overdue:
            return "danger"
        return "warning" if self.days_left <= 2 else "light"


class Limits:
    """The `StageTimeLimit` table in memory: (status, level or "") -> working days."""

    def __init__(self, rows):
        self.rows = dict(rows)

    @classmethod
    def load(cls) -> "Limits":
        """The time limits, kept a while in the process (see `_kept_or_load`)."""
        return _kept_or_load("limits", cls.read)

    @classmethod
    def read(cls) -> "Limits":
        from nominations.models import StageTimeLimit

        return cls(
            ((s, lvl), d)
            for s, lvl, d in StageTimeLimit.objects.values_list("status", "level", "working_days")
        )

    def days_for(self, status: str, unit) -> int | None:
        if unit is None or status not in DEADLINE_STAGES:
            return None
        level = LEVEL_OF_KIND.get(unit.kind, "")
        found = self.rows.get((status, level))
        return found if found is not None else self.rows.get((status, ""))


def holder_of(dossier):
    """The unit whose move it is: the proposing unit for a returned dossier, else the level."""
    if dossier.status in PROPOSER_STAGES:
        return dossier.proposing_unit
    return dossier.current_level


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def dossier_deadline(dossier, *, calendar=None, limits=None, today=None) -> Deadline | None:
    """The due date of the stage the dossier waits in, or None when the stage has no limit."""
    calendar = calendar or WorkCalendar.load()
    limits = limits or Limits.load()
    days = limits.days_for(dossier.status, holder_of(dossier))
    if days is None:
        return None
    today = today or timezone.localdate()
    started = _local_date(dossier.status_changed_at)
    due = calendar.add_working_days(started, days)
    return Deadline(
        started_on=started,
        working_days=days,
        due_on=due,
        overdue=today > due,
        days_left=calendar.working_days_between(today, due),
    )


def attach_deadlines(dossiers, *, today=None) -> list:
    """Set `.deadline` on each dossier (two queries in all, whatever the number of dossiers)."""
    dossiers = list(dossiers)
    if not dossiers:
        return dossiers
    calendar, limits = WorkCalendar.load(), Limits.load()
    for dossier in dossiers:
        dossier.deadline = dossier_deadline(dossier, calendar=calendar, limits=limits, today=today)
    return dossiers


def _start_of_day_after(day: datetime.date) -> datetime.datetime:
    moment = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _kinds_of_level(level: str) -> list[str]:
    return [kind for kind, lvl in LEVEL_OF_KIND.items() if lvl == level]


def due_before_q(due_before: datetime.date, *, calendar=None, limits=None) -> Q:
    """Dossiers whose present stage is due before `due_before` (SQL, for lists and counts)."""
    calendar = calendar or WorkCalendar.load()
    limits = limits or Limits.load()
    result = Q(pk__in=[])
    for status in DEADLINE_STAGES:
        holder = "proposing_unit" if status in PROPOSER_STAGES else "current_level"
        specific = {lvl: d for (s, lvl), d in limits.rows.items() if s == status and lvl}
        generic = limits.rows.get((status, ""))
        covered = []
        for level, days in specific.items():
            kinds = _kinds_of_level(level)
            covered += kinds
            latest = calendar.latest_start(days, due_before=due_before)
            result |= Q(
                status=status,
                **{f"{holder}__kind__in": kinds},
                status_changed_at__lt=_start_of_day_after(latest),
            )
        if generic is not None:
            latest = calendar.latest_start(generic, due_before=due_before)
            clause = Q(status=status, status_changed_at__lt=_start_of_day_after(latest))
            clause &= Q(**{f"{holder}__isnull": False})
            if covered:
                clause &= ~Q(**{f"{holder}__kind__in": covered})
            result |= clause
    return result


def overdue_q(*, today=None, calendar=None, limits=None) -> Q:
    """Dossiers overdue today: their due date has passed."""
    return due_before_q(today or timezone.localdate(), calendar=calendar, limits=limits)


def due_within_q(days: int, *, today=None, calendar=None, limits=None) -> Q:
    """Dossiers due at most `days` working days from today, or already overdue."""
    calendar = calendar or WorkCalendar.load()
    today = today or timezone.localdate()
    horizon = calendar.add_working_days(today, days)
    return due_before_q(horizon + datetime.timedelta(days=1), calendar=calendar, limits=limits)


# -- reminders ----------------------------------------------------------------------------------


@dataclasses.dataclass
class ReminderReport:
    reminded: int = 0
    mails: int = 0
    notices: int = 0
    skipped: int = 0


def _recipients(unit):
    from accounts.models import User

    return list(
        User.objects.filter(
            Q(unit=unit) | Q(unit__standing_office_for=unit), is_active=True
        ).order_by("pk")
    )


def reminders_send(*, days: int = 3, today: datetime.date | None = None) -> ReminderReport:
    """Remind the holding units of dossiers due within `days` working days or overdue.

    Idempotent per day: a `Reminder` row (unique per dossier and day) records each dossier
    reminded; a second run on the same day sends nothing. Side effects: one mail per unit
    (to its active users with an email) listing its dossiers, sent after commit, and one
    `Notice` per user and dossier for the home page.
    """
    from nominations.models import Dossier, Notice, Reminder

    today = today or timezone.localdate()
    calendar, limits = WorkCalendar.load(), Limits.load()
    report = ReminderReport()
    candidates = (
        Dossier.objects.filter(due_within_q(days, today=today, calendar=calendar, limits=limits))
        .select_related("proposing_unit", "current_level")
        .order_by("status_changed_at", "pk")
    )
    by_unit = defaultdict(list)
    with transaction.atomic():
        already = set(
            Reminder.objects.filter(on=today, dossier__in=candidates).values_list(
                "dossier_id", flat=True
            )
        )
        for dossier in candidates:
            if dossier.pk in already:
                report.skipped += 1
                continue
            deadline = dossier_deadline(dossier, calendar=calendar, limits=limits, today=today)
            unit = holder_of(dossier)
            if deadline is None or unit is None:
                continue
            by_unit[unit].append((dossier, deadline))
        for unit, rows in by_unit.items():
            users = _recipients(unit)
            emails = [u.email for u in users if u.email]
            lines = []
            for dossier, deadline in rows:
                kind = ReminderKind.OVERDUE if deadline.overdue else ReminderKind.DUE_SOON
                message = _notice_text(dossier, deadline)
                Reminder.objects.create(
                    dossier=dossier,
                    on=today,
                    kind=kind,
                    status=dossier.status,
                    due_on=deadline.due_on,
                    unit=unit,
                    recipients=", ".join(emails),
                )
                Notice.objects.bulk_create(
                    [Notice(user=u, dossier=dossier, message=message) for u in users]
                )
                report.notices += len(users)
                report.reminded += 1
                lines.append(
                    f"- {message}\n  {reverse('nominations:dossier_detail', args=[dossier.pk])}"
                )
            if emails:
                report.mails += 1
                transaction.on_commit(_mailer(unit, emails, lines))
    return report


def _notice_text(dossier, deadline: Deadline) -> str:
    number = dossier.number_text.strip() if dossier.number else f"#{dossier.pk}"
    values = {
        "number": number,
        "unit": dossier.proposing_unit.name,
        "status": dossier.get_status_display(),
        "due": f"{deadline.due_on:%d/%m/%Y}",
    }
    if deadline.overdue:
        return _("Dossier %(number)s of %(unit)s (%(status)s) is overdue since %(due)s.") % values
    return _("Dossier %(number)s of %(unit)s (%(status)s) is due on %(due)s.") % values


def _mailer(unit, emails, lines):
    subject = _("Reminder: dossiers due or overdue at %(unit)s") % {"unit": unit.name}
    body = "\n".join([_("These dossiers wait for your unit:"), "", *lines])

    def send():
        try:
            send_mail(subject, body, None, emails)
        except OSError:  # the reminder is recorded; a mail outage must not undo it
            logger.exception("reminder mail to %s failed", unit.pk)

    return send


# -- seeds (data migration and `seed_holidays`) ------------------------------------------------

# Vietnamese public holidays (Bộ luật Lao động 2019, Điều 112) and the days the government
# announced for officials. `confirmed=False`: derived from the law's rules, not yet checked
# against that year's announcement; an admin corrects them in the admin.
# (date, name, kind, confirmed, note)
HOLIDAYS = [
    ((2025, 1, 1), "Tết Dương lịch", DayKind.DAY_OFF, True, ""),
    ((2025, 1, 27), "Tết Nguyên đán (28 tháng Chạp)", DayKind.DAY_OFF, True, ""),
    ((2025, 1, 28), "Tết Nguyên đán (29 tháng Chạp, giao thừa)", DayKind.DAY_OFF, True, ""),
    ((2025, 1, 29), "Tết Nguyên đán (mùng 1)", DayKind.DAY_OFF, True, ""),
    ((2025, 1, 30), "Tết Nguyên đán (mùng 2)", DayKind.DAY_OFF, True, ""),
    ((2025, 1, 31), "Tết Nguyên đán (mùng 3)", DayKind.DAY_OFF, True, ""),
    ((2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", DayKind.DAY_OFF, True, ""),
    ((2025, 4, 26), "Làm bù cho ngày nghỉ 02/5/2025", DayKind.WORKING, True, "Hoán đổi"),
    ((2025, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", DayKind.DAY_OFF, True, ""),
    ((2025, 5, 1), "Ngày Quốc tế Lao động", DayKind.DAY_OFF, True, ""),
    ((2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", DayKind.DAY_OFF, True, "Hoán đổi"),
    ((2025, 9, 1), "Quốc khánh (ngày nghỉ liền kề)", DayKind.DAY_OFF, True, ""),
    ((2025, 9, 2), "Quốc khánh", DayKind.DAY_OFF, True, ""),
    ((2026, 1, 1), "Tết Dương lịch", DayKind.DAY_OFF, True, ""),
    ((2026, 2, 16), "Tết Nguyên đán (29 tháng Chạp)", DayKind.DAY_OFF, False, "Kiểm tra"),
    ((2026, 2, 17), "Tết Nguyên đán (mùng 1)", DayKind.DAY_OFF, True, ""),
    ((2026, 2, 18), "Tết Nguyên đán (mùng 2)", DayKind.DAY_OFF, True, ""),
    ((2026, 2, 19), "Tết Nguyên đán (mùng 3)", DayKind.DAY_OFF, True, ""),
    ((2026, 2, 20), "Tết Nguyên đán (mùng 4)", DayKind.DAY_OFF, False, "Kiểm tra"),
    (
        (2026, 4, 27),
        "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/4)",
        DayKind.DAY_OFF,
        True,
        "Nghỉ bù",
    ),
    ((2026, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", DayKind.DAY_OFF, True, ""),
    ((2026, 5, 1), "Ngày Quốc tế Lao động", DayKind.DAY_OFF, True, ""),
    (
        (2026, 9, 1),
        "Quốc khánh (ngày nghỉ liền kề)",
        DayKind.DAY_OFF,
        False,
        "Ngày liền kề trước hoặc sau 02/9 do Thủ tướng quyết định",
    ),
    ((2026, 9, 2), "Quốc khánh", DayKind.DAY_OFF, True, ""),
]

# Default limits, in working days (DOMAIN.md: appraisal typically 10–20): data, edited in the
# admin. (status, level or "", working days, note)
STAGE_LIMITS = [
    (DossierStatus.SUBMITTED, "", 3, "Tiếp nhận hồ sơ"),
    (DossierStatus.RECEIVED, "commune", 10, "Thẩm định cấp xã"),
    (DossierStatus.RECEIVED, "district", 15, "Thẩm định cấp huyện"),
    (DossierStatus.RECEIVED, "province", 20, "Thẩm định cấp tỉnh"),
    (DossierStatus.RECEIVED, "", 15, "Thẩm định (sở, ban, ngành)"),
    (DossierStatus.RESUBMITTED, "commune", 10, "Thẩm định lại cấp xã"),
    (DossierStatus.RESUBMITTED, "district", 15, "Thẩm định lại cấp huyện"),
    (DossierStatus.RESUBMITTED, "province", 20, "Thẩm định lại cấp tỉnh"),
    (DossierStatus.RESUBMITTED, "", 15, "Thẩm định lại (sở, ban, ngành)"),
    (DossierStatus.RETURNED, "", 10, "Đơn vị đề nghị bổ sung hồ sơ"),
    (DossierStatus.APPRAISED, "", 5, "Trình lên cấp trên, niêm yết hoặc trình Hội đồng"),
    (DossierStatus.POSTED, "", 15, "Niêm yết công khai rồi trình Hội đồng"),
    (DossierStatus.COUNCIL, "", 10, "Hội đồng họp và lãnh đạo phê duyệt"),
]


def seed_calendar(apps=None) -> tuple[int, int]:
    """Create the holidays and the default time limits that are missing; edits are kept."""
    if apps is None:
        from nominations.models import Holiday, StageTimeLimit
    else:
        Holiday = apps.get_model("nominations", "Holiday")
        StageTimeLimit = apps.get_model("nominations", "StageTimeLimit")
    holidays = limits = 0
    for (y, m, d), name, kind, confirmed, note in HOLIDAYS:
        _obj, created = Holiday.objects.get_or_create(
            date=datetime.date(y, m, d),
            defaults={"name": name, "kind": str(kind), "confirmed": confirmed, "note": note},
        )
        holidays += created
    for status, level, days, note in STAGE_LIMITS:
        _obj, created = StageTimeLimit.objects.get_or_create(
            status=str(status), level=level, defaults={"working_days": days, "note": note}
        )
        limits += created
    return holidays, limits
