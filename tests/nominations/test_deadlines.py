"""Working days, due dates per stage, the overdue list, reminders and notices."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nominations.choices import DossierStatus
from nominations.deadlines import (
    Limits,
    WorkCalendar,
    dossier_deadline,
    overdue_q,
    reminders_send,
)
from nominations.models import Dossier, Holiday, Notice, Reminder, StageTimeLimit

D = datetime.date


@pytest.fixture
def calendar(db):
    return WorkCalendar.load()


def test_holidays_of_2025_and_2026_are_seeded(db):
    days = set(Holiday.objects.values_list("date", flat=True))
    for day in (
        D(2025, 1, 1),
        D(2025, 1, 29),
        D(2025, 4, 7),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 9, 2),
        D(2026, 1, 1),
        D(2026, 2, 17),
        D(2026, 4, 27),
        D(2026, 9, 2),
    ):
        assert day in days
    assert Holiday.objects.filter(confirmed=False).exists()  # flagged for an admin to check
    assert StageTimeLimit.objects.filter(status=DossierStatus.RECEIVED, level="province").exists()


def test_working_days_skip_weekends(calendar):
    assert calendar.add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)  # Friday → Monday
    assert calendar.add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 17)
    assert calendar.working_days_between(D(2025, 3, 7), D(2025, 3, 14)) == 5


def test_working_days_skip_tet(calendar):
    # Tết Ất Tỵ: 27–31/1/2025 off; the day after Friday 24/1 is Monday 3/2.
    assert calendar.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    # Tết Bính Ngọ: 16–20/2/2026 off.
    assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert calendar.add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    # Without the holiday list the same count lands inside Tết.
    assert WorkCalendar().add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 16)


def test_a_saturday_worked_in_exchange_counts(calendar):
    assert calendar.is_working_day(D(2025, 4, 26))  # worked for Friday 2/5/2025
    assert not calendar.is_working_day(D(2025, 5, 2))
    assert calendar.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)


def test_holiday_list_is_data(db):
    Holiday.objects.create(date=D(2027, 3, 3), name="Ngày nghỉ thử")
    assert not WorkCalendar.load().is_working_day(D(2027, 3, 3))


def _at(dossier, day, status=None):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    fields = {"status_changed_at": moment}
    if status:
        fields["status"] = status
    Dossier.objects.filter(pk=dossier.pk).update(**fields)
    return Dossier.objects.select_related("current_level", "proposing_unit").get(pk=dossier.pk)


@pytest.fixture
def received(tree, make_dossier):
    """A dossier received at the province (20 working days for appraisal by default)."""

    def make(day):
        dossier = make_dossier(tree.ba_son, "bang-khen-chu-tich-tinh", number=1)
        Dossier.objects.filter(pk=dossier.pk).update(current_level=tree.province)
        return _at(dossier, day, DossierStatus.RECEIVED)

    return make


def test_due_date_uses_the_limit_of_the_stage_and_level(received, calendar):
    dossier = received(D(2026, 2, 2))
    deadline = dossier_deadline(dossier, today=D(2026, 3, 1))
    assert deadline.working_days == 20
    # 20 working days after Monday 2/2/2026 with Tết 16–20/2 excluded.
    assert deadline.due_on == D(2026, 3, 9)
    assert not deadline.overdue
    assert dossier_deadline(dossier, today=D(2026, 3, 10)).overdue
    # Changed as the admin changes it (a save): the limit kept by the process is forgotten.
    limit = StageTimeLimit.objects.get(status=DossierStatus.RECEIVED, level="province")
    limit.working_days = 10
    limit.save()
    assert dossier_deadline(dossier, today=D(2026, 3, 1)).due_on == D(2026, 2, 23)


def test_calendar_and_limits_are_kept_by_the_process_until_a_row_changes(
    db, settings, django_assert_num_queries
):
    settings.WORK_CALENDAR_CACHE_SECONDS = 60
    with django_assert_num_queries(2):
        calendar, limits = WorkCalendar.load(), Limits.load()
    with django_assert_num_queries(0):
        assert WorkCalendar.load() is calendar
        assert Limits.load() is limits
    day = D(2027, 3, 3)
    assert calendar.is_working_day(day)
    holiday = Holiday.objects.create(date=day, name="Ngày nghỉ thử")
    assert not WorkCalendar.load().is_working_day(day)
    holiday.delete()
    assert WorkCalendar.load().is_working_day(day)
    limit = StageTimeLimit.objects.get(status=DossierStatus.RECEIVED, level="province")
    limit.working_days = 7
    limit.save()
    assert Limits.load().rows[(DossierStatus.RECEIVED, "province")] == 7
    # 0: read on every call.
    settings.WORK_CALENDAR_CACHE_SECONDS = 0
    with django_assert_num_queries(2):
        WorkCalendar.load(), Limits.load()
    with django_assert_num_queries(2):
        WorkCalendar.load(), Limits.load()


def test_sql_overdue_filter_matches_the_due_dates(received, calendar):
    today = D(2026, 3, 2)
    dossiers = [received(today - datetime.timedelta(days=n)) for n in range(20, 50, 2)]
    limits = Limits.load()
    in_sql = set(Dossier.objects.filter(overdue_q(today=today)).values_list("pk", flat=True))
    expected = {
        d.pk
        for d in dossiers
        if dossier_deadline(d, calendar=calendar, limits=limits, today=today).overdue
    }
    assert expected
    assert expected != {d.pk for d in dossiers}
    assert in_sql == expected


def test_overdue_list_is_scoped_paginated_and_bounded(
    client, tree, people, make_dossier, django_assert_num_queries
):
    old = D(2025, 1, 2)

    def make(n):
        for _ in range(n):
            dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", number=1)
            Dossier.objects.filter(pk=dossier.pk).update(current_level=tree.cao_loc)
            _at(dossier, old, DossierStatus.SUBMITTED)

    url = reverse("nominations:overdue_list")
    assert client.get(url).status_code == 302
    make(2)
    client.force_login(people.cao_loc_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["paginator"].count == 2
    assert "Quá hạn" in response.content.decode()
    client.force_login(people.xuat_le_officer)
    assert client.get(url).context["paginator"].count == 0
    client.force_login(people.cao_loc_officer)
    client.get(url)  # warm the session and the user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make(6)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.context["paginator"].count == 8


def test_reminders_mail_and_notify_once_a_day(
    tree, people, make_dossier, client, django_capture_on_commit_callbacks
):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", number=1)
    Dossier.objects.filter(pk=dossier.pk).update(current_level=tree.cao_loc)
    _at(dossier, D(2026, 3, 2), DossierStatus.RECEIVED)  # 15 days at a district: due 23/3
    fresh = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", number=2)
    Dossier.objects.filter(pk=fresh.pk).update(current_level=tree.cao_loc)
    _at(fresh, D(2026, 3, 20), DossierStatus.RECEIVED)  # due in April: not yet

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = reminders_send(days=3, today=D(2026, 3, 19))  # due within 3 working days
    assert report.reminded == 1
    assert len(mail.outbox) == 1
    assert people.cao_loc_officer.email in mail.outbox[0].to
    assert "23/03/2026" in mail.outbox[0].body
    assert Reminder.objects.get().kind == "due_soon"
    assert Notice.objects.filter(user=people.cao_loc_officer, dossier=dossier).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_send(days=3, today=D(2026, 3, 19))
    assert again.reminded == 0
    assert again.skipped == 1
    assert len(mail.outbox) == 1
    assert Notice.objects.filter(user=people.cao_loc_officer).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2026-03-25")  # the next run: overdue now
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(kind="overdue").count() == 1

    client.force_login(people.cao_loc_officer)
    html = client.get(reverse("home")).content.decode()
    assert "quá hạn" in html.lower()
    notice = Notice.objects.filter(user=people.cao_loc_officer).first()
    client.force_login(people.xuat_le_officer)  # someone else's notice
    assert client.post(reverse("nominations:notice_dismiss", args=[notice.pk])).status_code == 404
    client.force_login(people.cao_loc_officer)
    client.post(reverse("nominations:notice_dismiss", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_home_counts_overdue_among_all_waiting_not_only_those_listed(
    tree, people, make_dossier, client, monkeypatch
):
    from nominations import selectors

    monkeypatch.setattr(selectors, "QUEUE_SHOWN", 1)
    for number in (1, 2):
        dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", number=number)
        Dossier.objects.filter(pk=dossier.pk).update(current_level=tree.cao_loc)
        _at(dossier, D(2025, 1, 2), DossierStatus.SUBMITTED)
    client.force_login(people.cao_loc_officer)
    response = client.get(reverse("home"))
    assert len(response.context["queue"]) == 1
    assert response.context["queue_total"] == 2
    assert response.context["queue_overdue"] == 2


def test_home_queue_shows_due_dates_and_overdue_count(tree, people, make_dossier, client):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", number=1)
    Dossier.objects.filter(pk=dossier.pk).update(current_level=tree.cao_loc)
    _at(dossier, D(2025, 1, 2), DossierStatus.SUBMITTED)
    client.force_login(people.cao_loc_officer)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.context["queue_overdue"] == 1
    assert response.context["overdue_count"] == 1
    assert reverse("nominations:overdue_list") in html
    assert "07/01/2025" in html  # 3 working days after Thursday 2/1/2025
    detail = client.get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    assert "07/01/2025" in detail.content.decode()


def test_kept_calendar_is_read_again_after_its_time_and_after_a_limit_is_deleted(
    db, settings, monkeypatch, django_assert_num_queries
):
    from nominations import deadlines

    settings.WORK_CALENDAR_CACHE_SECONDS = 60
    now = [1000.0]
    monkeypatch.setattr(deadlines.time, "monotonic", lambda: now[0])
    calendar = WorkCalendar.load()
    now[0] += 59
    with django_assert_num_queries(0):
        assert WorkCalendar.load() is calendar
    now[0] += 2  # 61 s after it was read
    with django_assert_num_queries(1):
        assert WorkCalendar.load() is not calendar
    limits = Limits.load()
    StageTimeLimit.objects.get(status=DossierStatus.RECEIVED, level="province").delete()
    assert (DossierStatus.RECEIVED, "province") in limits.rows
    assert (DossierStatus.RECEIVED, "province") not in Limits.load().rows


def test_a_change_is_forgotten_again_when_it_is_committed(
    db, settings, django_capture_on_commit_callbacks
):
    """A request reading the old rows between the save and the commit keeps nothing."""
    settings.WORK_CALENDAR_CACHE_SECONDS = 60
    day = D(2027, 3, 3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Holiday.objects.create(date=day, name="Ngày nghỉ thử")
        stale = WorkCalendar.load()  # read while the change is not committed yet
    assert WorkCalendar.load() is stale
    for callback in callbacks:
        callback()
    assert WorkCalendar.load() is not stale


def test_working_days_between_counts_as_walking_the_calendar_day_by_day():
    """Counted from weekdays and the sorted exceptions: the same as testing each day."""
    import random

    rng = random.Random(2026)
    base = datetime.date(2024, 1, 1)
    days = [base + datetime.timedelta(days=n) for n in range(800)]
    off = rng.sample(days, 60)
    worked = rng.sample(days, 25) + off[:5]  # a day both off and worked is worked
    calendar = WorkCalendar(off, worked)

    def walked(start, end):
        if end < start:
            return -walked(end, start)
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += calendar.is_working_day(day)
        return count

    for _ in range(400):
        start, end = rng.choice(days), rng.choice(days)
        assert calendar.working_days_between(start, end) == walked(start, end), (start, end)
    for start in days[:30]:
        for span in range(15):
            end = start + datetime.timedelta(days=span)
            assert calendar.working_days_between(start, end) == walked(start, end)
            assert calendar.working_days_between(end, start) == walked(end, start)
    # Far from the listed days: weekdays only.
    assert (
        WorkCalendar().working_days_between(datetime.date(2030, 1, 6), datetime.date(2030, 1, 13))
        == 5
    )
