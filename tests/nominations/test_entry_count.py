"""Dossier.entry_count: kept wherever entries are added or removed, read by the dossier tables
without counting entries. (tests/conftest.py also checks every dossier after every test.)"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.choices import SubjectKind
from documents.markup import WIDE
from nominations import services
from nominations.models import Dossier, Entry, recount_entries
from tests.factories import UserFactory
from tests.nominations.test_import import _run, row, xlsx
from tests.nominations.test_routing import _appraise_all


def _count(dossier) -> int:
    return Dossier.objects.values_list("entry_count", flat=True).get(pk=dossier.pk)


def _add(dossier, actor, forms, name):
    return services.entry_save(
        dossier=dossier,
        actor=actor,
        subject_kind=SubjectKind.COLLECTIVE,
        requested_form=forms["giay-khen-chu-tich-xa"],
        group_name=name,
        achievement="Hoàn thành xuất sắc nhiệm vụ.",
    )


def test_adding_editing_and_removing_entries_keeps_the_count(tree, people, make_dossier, forms):
    dossier = make_dossier(tree.cao_lau)
    officer = people.cao_lau_officer
    first = _add(dossier, officer, forms, "Chi đoàn thôn Nà Lệnh")
    _add(dossier, officer, forms, "Tổ dân vận thôn Khòn Pá")
    assert _count(dossier) == 2
    services.entry_save(  # a change is no new entry
        dossier=dossier,
        actor=officer,
        subject_kind=SubjectKind.COLLECTIVE,
        requested_form=forms["giay-khen-chu-tich-xa"],
        group_name="Chi đoàn thôn Nà Lệnh",
        achievement="Tốt",
        entry=first,
    )
    assert _count(dossier) == 2
    services.entry_remove(entry=first, actor=officer)
    assert _count(dossier) == 1


def test_an_import_counts_its_rows(tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    data = xlsx(row(), row(name="Hoàng Văn Lợi", gender="Nam", birth_year=1978))
    _run(dossier, people.cao_lau_officer, data, dry_run=True)
    assert _count(dossier) == 1
    report = _run(dossier, people.cao_lau_officer, data)
    assert report.imported == 2
    assert _count(dossier) == 3


def test_forwarding_counts_the_entries_sent_up(tree, people, make_dossier):
    p = people
    dossier = make_dossier(
        tree.cao_lau,
        "giay-khen-chu-tich-huyen",
        "bang-khen-chu-tich-tinh",
        "bang-khen-chu-tich-tinh",
    )
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    assert (_count(dossier), _count(upper)) == (3, 2)


def test_the_admin_keeps_the_count(client, tree, make_dossier):
    one = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa", "giay-khen-chu-tich-xa")
    other = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    client.force_login(UserFactory(is_staff=True, is_superuser=True, unit=tree.province))
    entry = one.entries.order_by("pk").first()
    url = reverse("admin:nominations_entry_change", args=[entry.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["dossier"] = other.pk
    data.update(
        {
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
            "reviews-MIN_NUM_FORMS": 0,
            "reviews-MAX_NUM_FORMS": 1000,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (_count(one), _count(other)) == (1, 2)

    delete = reverse("admin:nominations_entry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert _count(other) == 1

    changelist = reverse("admin:nominations_entry_changelist")
    ids = list(Entry.objects.values_list("pk", flat=True))
    client.post(changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert (_count(one), _count(other)) == (0, 0)


def test_recount_mends_a_stale_count(tree, make_dossier):
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    empty = make_dossier(tree.cao_lau)
    Dossier.objects.update(entry_count=7)
    recount_entries([dossier.pk])
    assert (_count(dossier), _count(empty)) == (1, 7)
    recount_entries()
    assert (_count(dossier), _count(empty)) == (1, 0)


def test_the_dossier_list_reads_the_count_without_counting(client, tree, people, make_dossier):
    make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa", "giay-khen-chu-tich-xa")
    client.force_login(people.cao_lau_officer)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("nominations:dossier_list")).content.decode()
    assert not [q for q in ctx.captured_queries if "nominations_entry" in q["sql"]]
    assert f'<td class="{WIDE}">2</td>' in html
