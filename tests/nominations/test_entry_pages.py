"""The dossier page shows its entries ENTRIES_PER_PAGE at a time: an imported list of thousands
is read, checked and printed a page at a time, numbered over the whole dossier."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.choices import SubjectKind
from awards.models import AwardForm
from nominations import services
from nominations.choices import EntryStatus
from nominations.models import Entry
from nominations.views import ENTRIES_PER_PAGE
from tests.nominations.factories import EntryFactory

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr id="entry-(\d+)"><td data-label="[^"]*">(\d+)</td>')


def _dossier(make_dossier, tree, individuals: int, collectives: int = 0):
    dossier = make_dossier(tree.cao_lau)
    form = AwardForm.objects.get(code="giay-khen-chu-tich-huyen")
    for _ in range(individuals):
        EntryFactory(dossier=dossier, requested_form=form)
    for n in range(collectives):
        EntryFactory(
            dossier=dossier,
            subject_kind=SubjectKind.COLLECTIVE,
            person=None,
            unit=tree.cao_lau,
            group_name=f"Chi bộ thôn Bản {n + 1}",
            requested_form=form,
        )
    return dossier


def _rows(client, dossier, query=""):
    response = client.get(reverse("nominations:dossier_detail", args=[dossier.pk]) + query)
    assert response.status_code == 200
    html = response.content.decode()
    return [(int(pk), int(number)) for pk, number in ROW.findall(html)], html


def test_a_long_dossier_is_shown_a_page_at_a_time(client, tree, people, make_dossier):
    dossier = _dossier(make_dossier, tree, individuals=ENTRIES_PER_PAGE + 10, collectives=15)
    order = list(dossier.entries.order_by("position", "pk").values_list("pk", flat=True))
    client.force_login(people.cao_lau_officer)

    first, html = _rows(client, dossier)
    assert [pk for pk, _ in first] == order[:ENTRIES_PER_PAGE]
    assert [n for _, n in first] == list(range(1, ENTRIES_PER_PAGE + 1))
    assert f"Đề nghị thứ 1–{ENTRIES_PER_PAGE} trong tổng số 75" in html
    assert "?page=2" in html

    second, html = _rows(client, dossier, "?page=2")
    assert [pk for pk, _ in second] == order[ENTRIES_PER_PAGE:]
    # Individuals go on numbering from the first page; the collectives start at 1.
    assert [n for _, n in second] == [*range(ENTRIES_PER_PAGE + 1, 61), *range(1, 16)]
    assert "I. Cá nhân" in html
    assert "II. Tập thể" in html
    assert "?page=1" in html

    # A page out of range is the last; a page that is not a number, the first.
    assert _rows(client, dossier, "?page=99")[0] == second
    assert _rows(client, dossier, "?page=abc")[0] == first


def test_a_short_dossier_has_no_pages(client, tree, people, make_dossier):
    dossier = _dossier(make_dossier, tree, individuals=3)
    client.force_login(people.cao_lau_officer)
    rows, html = _rows(client, dossier)
    assert [n for _, n in rows] == [1, 2, 3]
    assert "?page=" not in html
    assert "trong tổng số" not in html


def test_the_page_reads_as_much_for_any_number_of_entries(client, tree, people, make_dossier):
    """Two pages or four: the same queries (the page's entries, not the dossier's)."""
    small = _dossier(make_dossier, tree, individuals=ENTRIES_PER_PAGE + 1)
    large = _dossier(make_dossier, tree, individuals=3 * ENTRIES_PER_PAGE + 1)
    client.force_login(people.cao_lau_officer)
    _rows(client, small)  # the session, the groups and the calendar read
    counts = []
    for dossier in (small, large):
        with CaptureQueriesContext(connection) as queries:
            _rows(client, dossier, "?page=2")
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_appraising_an_entry_returns_to_its_page(client, tree, people, make_dossier):
    p = people
    dossier = _dossier(make_dossier, tree, individuals=ENTRIES_PER_PAGE + 2)
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    client.force_login(p.cao_loc_officer)
    order = list(dossier.entries.order_by("position", "pk"))
    for entry, page in ((order[-1], 2), (order[0], 1)):
        response = client.post(
            reverse("nominations:entry_appraise", args=[dossier.pk, entry.pk]),
            {f"e{entry.pk}-decision": "agree", f"e{entry.pk}-form": "", f"e{entry.pk}-reason": ""},
        )
        assert response.status_code == 302
        assert response["Location"] == f"{dossier.get_absolute_url()}?page={page}#entry-{entry.pk}"
        assert Entry.objects.get(pk=entry.pk).status == EntryStatus.AGREED
    # The entry's row is there, with its appraisal recorded.
    rows, _html = _rows(client, dossier, "?page=2")
    assert order[-1].pk in [pk for pk, _ in rows]


def _received(make_dossier, tree, people, entries: int):
    dossier = _dossier(make_dossier, tree, individuals=entries)
    services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=people.cao_loc_officer)
    return dossier


def _appraise(client, dossier, entry, decision="agree"):
    return client.post(
        reverse("nominations:entry_appraise", args=[dossier.pk, entry.pk]),
        {f"e{entry.pk}-decision": decision, f"e{entry.pk}-form": "", f"e{entry.pk}-reason": ""},
    )


def test_the_timeline_of_a_page_holds_the_dossiers_events_and_its_entries(
    client, tree, people, make_dossier
):
    dossier = _received(make_dossier, tree, people, ENTRIES_PER_PAGE + 2)
    client.force_login(people.cao_loc_officer)
    order = list(dossier.entries.order_by("position", "pk"))
    first, last = order[0], order[-1]
    for entry in (first, last):
        assert _appraise(client, dossier, entry).status_code == 302
    timeline = re.compile(r"<div>Đề nghị: ([^<]+)</div>")
    _rows_1, html = _rows(client, dossier)
    assert timeline.findall(html) == [first.nominee_name]
    assert "Tiếp nhận" in html  # the dossier's own events are on every page
    _rows_2, html = _rows(client, dossier, "?page=2")
    assert timeline.findall(html) == [last.nominee_name]


def test_acting_on_an_entry_returns_to_its_page(client, tree, people, make_dossier):
    p = people
    dossier = _received(make_dossier, tree, p, ENTRIES_PER_PAGE + 2)
    client.force_login(p.cao_loc_officer)
    last = dossier.entries.order_by("position", "pk").last()
    page_2 = f"{dossier.get_absolute_url()}?page=2#entry-{last.pk}"
    # A refused appraisal (no decision chosen) too.
    response = _appraise(client, dossier, last, decision="")
    assert response["Location"] == page_2
    assert Entry.objects.get(pk=last.pk).status == EntryStatus.PROPOSED


def test_removing_or_reporting_an_entry_returns_to_its_page(
    client, tree, people, make_dossier, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    dossier = _dossier(make_dossier, tree, individuals=ENTRIES_PER_PAGE + 3)
    client.force_login(people.cao_lau_officer)
    order = list(dossier.entries.order_by("position", "pk"))
    report = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(
        reverse("nominations:attachment_upload", args=[dossier.pk]),
        {"entry": order[-1].pk, "kind": "achievement_report", "file": report},
    )
    assert response["Location"] == f"{dossier.get_absolute_url()}?page=2#entry-{order[-1].pk}"
    response = client.post(reverse("nominations:entry_remove", args=[dossier.pk, order[-2].pk]))
    assert response["Location"] == f"{dossier.get_absolute_url()}?page=2"
    assert not Entry.objects.filter(pk=order[-2].pk).exists()


def test_an_action_on_an_entry_reads_as_much_for_any_number_of_entries(
    client, tree, people, make_dossier
):
    """The actions read the dossier alone, not its entries with their reviews and files."""
    small = _received(make_dossier, tree, people, 3)
    large = _received(make_dossier, tree, people, 2 * ENTRIES_PER_PAGE + 1)
    client.force_login(people.cao_loc_officer)
    _appraise(client, small, small.entries.first())  # the session, groups and caches read
    counts = []
    for dossier in (small, large):
        entry = dossier.entries.order_by("pk").last()
        with CaptureQueriesContext(connection) as queries:
            assert _appraise(client, dossier, entry).status_code == 302
        counts.append(len(queries))
        # Not the dossier page's sets: its files, for one.
        assert not [q for q in queries if "nominations_attachment" in q["sql"]]
    assert counts[0] == counts[1], counts
