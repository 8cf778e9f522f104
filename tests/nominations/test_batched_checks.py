"""The awards checks of a whole dossier at once: the same results as entry by entry, and a
dossier page whose number of queries does not grow with its entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.choices import BlockingKind, CheckCode, SubjectKind
from awards.models import Award, AwardForm, AwardQuota, BlockingFlag, CampaignAward, Person
from nominations.choices import DossierStatus
from nominations.models import Dossier, Entry
from nominations.selectors import dossier_entries_checks, entry_checks
from tests.nominations.factories import DossierFactory, EntryFactory, PersonFactory


def _award(person=None, **kwargs):
    values = {
        "subject_kind": SubjectKind.INDIVIDUAL,
        "person": person,
        "unit": person.unit if person else None,
        "recipient_name": person.full_name if person else "",
        "decision_number": "12/QĐ-UBND",
        "decision_date": datetime.date(2023, 6, 20),
        "decision_issuer": "Chủ tịch UBND huyện Cao Lộc",
    }
    values.update(kwargs)
    return Award.objects.create(**values)


def _active_entries(dossier):
    return list(
        Entry.objects.filter(dossier=dossier, status__in=("proposed", "agreed", "approved"))
        .select_related("person__unit", "unit", "proposed_form", "dossier__proposing_unit")
        .select_related("dossier__campaign")
        .order_by("position", "pk")
    )


@pytest.fixture
def crowded(tree, campaign, forms):
    """A Cao Lâu dossier whose entries raise every kind of check."""
    gk_huyen = forms["giay-khen-chu-tich-huyen"]
    bk = forms["bang-khen-chu-tich-tinh"]
    offer = CampaignAward.objects.get(campaign=campaign, form=gk_huyen)
    offer.quota = 3
    offer.save()
    AwardQuota.objects.create(
        offer=CampaignAward.objects.get(campaign=campaign, form=bk), unit=tree.cao_lau, max_count=1
    )
    dossier = DossierFactory(campaign=campaign, proposing_unit=tree.cao_lau)
    awarded = PersonFactory(full_name="Lương Thị Hoa", birth_year=1985, unit=tree.cao_lau)
    _award(awarded, form=gk_huyen, campaign=campaign, proposing_unit=tree.cao_lau)
    flagged = PersonFactory(full_name="Vi Văn Khải", birth_year=1979, unit=tree.cao_lau)
    BlockingFlag.objects.create(
        person=flagged, kind=BlockingKind.DISCIPLINE, starts_on=datetime.date(2024, 1, 2)
    )
    twin = PersonFactory(
        full_name="Hoàng Văn Tú", birth_year=1982, unit=tree.cao_lau, citizen_id="020082000111"
    )
    other_twin = PersonFactory(full_name="Hoàng Văn Tú", birth_year=1982, unit=tree.xuat_le)
    _award(other_twin, form=gk_huyen, decision_date=datetime.date(2021, 3, 1))
    PersonFactory(full_name="Hoàng Văn Tú Khác", citizen_id="020082000111", unit=tree.xuat_le)
    proposed_elsewhere = PersonFactory(full_name="Nông Thị Lan", unit=tree.cao_lau)
    elsewhere = DossierFactory(
        campaign=campaign,
        proposing_unit=tree.xuat_le,
        number=7,
        status=DossierStatus.SUBMITTED,
        current_level=tree.cao_loc,
    )
    EntryFactory(dossier=elsewhere, person=proposed_elsewhere, requested_form=gk_huyen)
    EntryFactory(dossier=elsewhere, requested_form=gk_huyen)
    EntryFactory(
        dossier=elsewhere,
        subject_kind=SubjectKind.COLLECTIVE,
        person=None,
        unit=tree.cao_lau,
        group_name="Chi bộ thôn Nà Lệnh",
        requested_form=gk_huyen,
    )
    BlockingFlag.objects.create(
        unit=tree.xuat_le, kind=BlockingKind.INVESTIGATION, starts_on=datetime.date(2024, 2, 1)
    )
    _award(
        subject_kind=SubjectKind.COLLECTIVE,
        unit=tree.xuat_le,
        recipient_name="Xã Xuất Lễ",
        form=gk_huyen,
        campaign=campaign,
    )
    _award(
        subject_kind=SubjectKind.HOUSEHOLD,
        unit=tree.cao_lau,
        recipient_name="Hộ ông Hoàng Văn Sáng",
        form=gk_huyen,
        campaign=campaign,
    )
    not_offered = AwardForm.objects.get(code="lao-dong-tien-tien")
    for person, form in [
        (awarded, gk_huyen),
        (flagged, bk),
        (twin, bk),
        (proposed_elsewhere, bk),
        (PersonFactory(unit=tree.cao_lau), not_offered),
    ]:
        EntryFactory(dossier=dossier, person=person, requested_form=form)
    for unit, group in [(tree.xuat_le, ""), (tree.cao_lau, "Chi bộ thôn Nà Lệnh")]:
        EntryFactory(
            dossier=dossier,
            subject_kind=SubjectKind.COLLECTIVE,
            person=None,
            unit=unit,
            group_name=group,
            requested_form=gk_huyen,
        )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.HOUSEHOLD,
        person=None,
        unit=tree.cao_lau,
        group_name="Hộ ông Hoàng Văn Sáng",
        requested_form=gk_huyen,
    )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.HOUSEHOLD,
        person=None,
        unit=tree.cao_lau,
        group_name="Hộ bà Lý Thị Mai",
        requested_form=not_offered,
    )
    return dossier


def _codes(results):
    return {r.code for r in results}


def test_batched_checks_equal_the_checks_entry_by_entry(crowded):
    entries = _active_entries(crowded)
    batched = dossier_entries_checks(dossier=crowded, entries=entries)
    one_by_one = [entry_checks(e) for e in _active_entries(crowded)]
    assert batched == one_by_one
    # The scenario really raises every kind of check, so the comparison means something.
    raised = set().union(*map(_codes, batched))
    assert raised >= {
        CheckCode.NOT_OFFERED,
        CheckCode.QUOTA_EXCEEDED,
        CheckCode.ALREADY_AWARDED,
        CheckCode.ALREADY_PROPOSED,
        CheckCode.BLOCKING_FLAG,
        CheckCode.LIKELY_DUPLICATE,
        CheckCode.SUBJECT_NOT_ALLOWED,
    }, raised


def test_batched_checks_equal_after_the_reform(crowded, tree):
    """On a date after 1/7/2025 Cao Lâu and Xuất Lễ are dissolved: every entry says so."""
    crowded.date = datetime.date(2025, 8, 1)
    crowded.save()
    entries = _active_entries(crowded)
    batched = dossier_entries_checks(dossier=crowded, entries=entries)
    assert batched == [entry_checks(e) for e in _active_entries(crowded)]
    assert all(CheckCode.UNIT_DISSOLVED in _codes(r) for r in batched)


@pytest.mark.parametrize(
    ("starts", "ends", "blocks"),
    [
        (-400, -1, False),  # ended the day before
        (1, None, False),  # starts the day after
        (-400, 0, True),  # ends on the dossier's date
        (0, None, True),  # starts on it
        (0, 0, True),  # that day only
    ],
)
def test_only_flags_in_force_on_the_dossiers_date_block(crowded, tree, starts, ends, blocks):
    twin = Person.objects.get(full_name="Hoàng Văn Tú", unit=tree.cao_lau)
    on = crowded.date
    BlockingFlag.objects.create(
        person=twin,
        kind=BlockingKind.DISCIPLINE,
        starts_on=on + datetime.timedelta(days=starts),
        ends_on=None if ends is None else on + datetime.timedelta(days=ends),
    )
    entries = _active_entries(crowded)
    batched = dossier_entries_checks(dossier=crowded, entries=entries)
    assert batched == [entry_checks(e) for e in _active_entries(crowded)]
    blocked = {
        (e.person.full_name if e.person else e.nominee_name)
        for e, results in zip(entries, batched, strict=True)
        if CheckCode.BLOCKING_FLAG in _codes(results)
    }
    others = {"Vi Văn Khải", "Xã Xuất Lễ"}  # the fixture's flags
    assert blocked == (others | {"Hoàng Văn Tú"} if blocks else others)


def test_batched_checks_read_a_fixed_number_of_times(crowded, tree, campaign, forms):
    entries = _active_entries(crowded)
    with CaptureQueriesContext(connection) as few:
        dossier_entries_checks(dossier=crowded, entries=entries)
    for _ in range(6):
        EntryFactory(dossier=crowded, requested_form=forms["bang-khen-chu-tich-tinh"])
    entries = _active_entries(crowded)
    with CaptureQueriesContext(connection) as many:
        dossier_entries_checks(dossier=crowded, entries=entries)
    assert len(many) == len(few) <= 15


def _detail_queries(client, dossier):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("holder", [False, True], ids=["proposing-officer", "appraising-level"])
def test_dossier_page_queries_do_not_grow_with_entries(
    client, tree, people, make_dossier, forms, holder
):
    codes = ["giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh"]
    small = make_dossier(tree.cao_lau, *codes)
    large = make_dossier(tree.cao_lau, *codes * 4)
    for dossier in (small, large):
        EntryFactory(
            dossier=dossier,
            subject_kind=SubjectKind.COLLECTIVE,
            person=None,
            unit=tree.cao_lau,
            group_name="Chi bộ thôn Nà Lệnh",
            requested_form=forms["giay-khen-chu-tich-huyen"],
        )
        Person.objects.filter(entries__dossier=dossier).update(citizen_id="")
    if holder:
        for dossier in (small, large):
            Dossier.objects.filter(pk=dossier.pk).update(
                status=DossierStatus.RECEIVED, current_level=tree.cao_loc, number=dossier.pk
            )
        client.force_login(people.cao_loc_officer)
    else:
        client.force_login(people.cao_lau_officer)
    _detail_queries(client, small)  # warm the session and the caches of the first request
    assert large.entries.count() == 9
    assert small.entries.count() == 3
    few, many = _detail_queries(client, small), _detail_queries(client, large)
    assert few == many, (few, many)
    if holder:
        page = client.get(reverse("nominations:dossier_detail", args=[large.pk]))
        assert page.content.decode().count('name="e') >= 9  # the appraisal forms are there


@pytest.mark.parametrize("size", [1, 2, 4])
def test_checks_of_a_page_equal_those_of_the_whole_dossier(crowded, tree, forms, size):
    """The dossier page checks a page of entries at a time (`page=True`): each entry's checks
    are the same as when the whole dossier is checked at once, duplicates and quotas counted
    across pages."""
    first = _active_entries(crowded)[0]
    # The same person again at the end of the dossier, and the same household: proposed twice
    # in this dossier, on pages apart from one another.
    EntryFactory(
        dossier=crowded, person=first.person, requested_form=forms["bang-khen-chu-tich-tinh"]
    )
    EntryFactory(
        dossier=crowded,
        subject_kind=SubjectKind.HOUSEHOLD,
        person=None,
        unit=tree.cao_lau,
        group_name="Hộ bà Lý Thị Mai",
        requested_form=forms["giay-khen-chu-tich-huyen"],
    )
    whole = dossier_entries_checks(dossier=crowded, entries=_active_entries(crowded))
    entries = _active_entries(crowded)
    paged = []
    for start in range(0, len(entries), size):
        paged += dossier_entries_checks(
            dossier=crowded, entries=entries[start : start + size], page=True
        )
    assert paged == whole
    codes = [_codes(r) for r in whole]
    assert CheckCode.ALREADY_PROPOSED in codes[0]
    assert CheckCode.ALREADY_PROPOSED in codes[-1]
    assert CheckCode.QUOTA_EXCEEDED in set().union(*codes)
    # Without reading the other pages, the first entry's twin at the end would go unseen.
    alone = dossier_entries_checks(dossier=crowded, entries=entries[:1])
    assert alone != whole[:1]


def test_checks_of_a_page_read_a_fixed_number_of_times(crowded, forms):
    entries = _active_entries(crowded)
    with CaptureQueriesContext(connection) as few:
        dossier_entries_checks(dossier=crowded, entries=entries[:3], page=True)
    for _ in range(6):
        EntryFactory(dossier=crowded, requested_form=forms["bang-khen-chu-tich-tinh"])
    entries = _active_entries(crowded)
    with CaptureQueriesContext(connection) as many:
        dossier_entries_checks(dossier=crowded, entries=entries[:9], page=True)
    assert len(many) == len(few) <= 16
