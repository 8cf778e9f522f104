import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.choices import SubjectKind
from awards.models import Person
from campaigns.choices import UnitKind
from campaigns.services import issuer_defaults
from nominations import services
from nominations.choices import DossierStatus, EntryStatus
from nominations.deadlines import forget_calendar
from nominations.models import Attachment, Dossier, Entry
from tests.factories import UnitFactory
from tests.nominations.conftest import BEFORE
from tests.nominations.factories import EntryFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _urls(dossier):
    entry = dossier.entries.first()
    return [
        reverse("nominations:dossier_detail", args=[dossier.pk]),
        reverse("nominations:dossier_edit", args=[dossier.pk]),
        reverse("nominations:entry_create", args=[dossier.pk]),
        reverse("nominations:entry_edit", args=[dossier.pk, entry.pk]),
        reverse("nominations:dossier_return", args=[dossier.pk]),
    ]


def _post_urls(dossier):
    entry = dossier.entries.first()
    return [
        reverse("nominations:dossier_action", args=[dossier.pk, "submit"]),
        reverse("nominations:entry_remove", args=[dossier.pk, entry.pk]),
        reverse("nominations:entry_appraise", args=[dossier.pk, entry.pk]),
        reverse("nominations:attachment_upload", args=[dossier.pk]),
    ]


def test_anonymous_is_sent_to_sign_in(client, tree, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    for url in [reverse("nominations:dossier_list"), reverse("nominations:dossier_create")]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    for url in _urls(dossier):
        assert client.get(url).status_code == 302, url
    for url in _post_urls(dossier):
        assert client.post(url).status_code == 302, url


def test_other_commune_officer_gets_404_everywhere(client, tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    client.force_login(people.xuat_le_officer)
    for url in _urls(dossier):
        assert client.get(url).status_code == 404, url
    for url in _post_urls(dossier):
        assert client.post(url).status_code == 404, url
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.entries.count() == 1


def test_in_scope_users_see_the_dossier(client, tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    for user in (people.cao_lau_officer, people.cao_loc_officer, people.province_officer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert dossier.entries.get().nominee_name in response.content.decode()
    client.force_login(people.cao_lau_officer)
    for url in _urls(dossier)[:4]:
        assert client.get(url).status_code == 200, url
    # Only the holding level may return a dossier: the proposing officer is sent back.
    assert client.get(_urls(dossier)[4]).status_code == 302


def test_detail_shows_checks_and_refuses_submit_with_reasons(client, tree, people, make_dossier):
    from awards.models import BlockingFlag

    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    person = dossier.entries.get().person
    BlockingFlag.objects.create(person=person, kind="discipline", starts_on=BEFORE.replace(month=1))
    client.force_login(people.cao_lau_officer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert "blocking_flag" in page
    assert "Chặn" in page
    response = client.post(
        reverse("nominations:dossier_action", args=[dossier.pk, "submit"]), follow=True
    )
    text = response.content.decode()
    assert "Không thể trình hồ sơ khi còn kiểm tra chặn chưa đạt" in text
    assert person.full_name in text
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_submit_and_receive_through_the_pages(client, tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    client.force_login(people.cao_lau_officer)
    client.post(reverse("nominations:dossier_action", args=[dossier.pk, "submit"]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    client.force_login(people.cao_loc_officer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:dossier_action", args=[dossier.pk, "receive"]) in page
    client.post(reverse("nominations:dossier_action", args=[dossier.pk, "receive"]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    # An unknown action is not a page.
    url = reverse("nominations:dossier_action", args=[dossier.pk, "explode"])
    assert client.post(url).status_code == 404
    assert (
        client.get(reverse("nominations:dossier_action", args=[dossier.pk, "receive"])).status_code
        == 405
    )


def test_new_dossier_lists_only_published_visible_campaigns(client, tree, people, campaign):
    from tests.nominations.factories import CampaignFactory

    draft = CampaignFactory(issuer=tree.province, status="draft", title="Kế hoạch chưa ban hành")
    client.force_login(people.cao_lau_officer)
    page = client.get(reverse("nominations:dossier_create")).content.decode()
    assert campaign.title in page
    assert draft.title not in page
    response = client.post(
        reverse("nominations:dossier_create"), {"campaign": draft.pk, "summary": ""}
    )
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    response = client.post(
        reverse("nominations:dossier_create"), {"campaign": campaign.pk, "date": "2024-05-01"}
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == dossier.get_absolute_url()
    assert dossier.proposing_unit == tree.cao_lau
    assert dossier.summary.startswith("Về việc đề nghị khen thưởng")


def test_council_member_cannot_create_a_dossier(client, tree, people, campaign):
    client.force_login(people.cao_lau_council)
    assert client.get(reverse("nominations:dossier_create")).status_code == 404


def test_add_a_new_person_a_collective_and_a_household(client, tree, people, make_dossier, forms):
    dossier = make_dossier(tree.cao_lau)
    client.force_login(people.cao_lau_officer)
    url = reverse("nominations:entry_create", args=[dossier.pk])
    form_id = forms["giay-khen-chu-tich-xa"].pk
    response = client.post(
        url,
        {
            "subject_kind": SubjectKind.INDIVIDUAL,
            "requested_form": form_id,
            "full_name": "Nông Thị Duyên",
            "birth_year": "1990",
            "gender": "female",
            "citizen_id": "12345",
            "achievement": "Tốt",
        },
    )
    assert response.status_code == 200  # a bad citizen ID: nothing saved
    assert "12 chữ số" in response.content.decode()
    assert not Entry.objects.exists()
    client.post(
        url,
        {
            "subject_kind": SubjectKind.INDIVIDUAL,
            "requested_form": form_id,
            "full_name": "Nông Thị Duyên",
            "birth_year": "1990",
            "achievement": "Tốt",
        },
    )
    client.post(
        url,
        {
            "subject_kind": SubjectKind.COLLECTIVE,
            "requested_form": form_id,
            "group_name": "Chi bộ thôn Nà Lệnh",
            "achievement": "Tốt",
        },
    )
    client.post(
        url,
        {
            "subject_kind": SubjectKind.HOUSEHOLD,
            "requested_form": form_id,
            "group_name": "Hộ ông Vi Văn Khánh",
            "head_name": "Vi Văn Khánh",
            "achievement": "Tốt",
        },
    )
    names = sorted(dossier.entries.values_list("subject_kind", "nominee_name"))
    assert names == [
        ("collective", "Chi bộ thôn Nà Lệnh"),
        ("household", "Hộ ông Vi Văn Khánh"),
        ("individual", "Nông Thị Duyên"),
    ]
    person = dossier.entries.get(subject_kind="individual").person
    assert person.unit == tree.cao_lau
    # The register search finds the person without diacritics.
    page = client.get(url + "?q=nong duyen").content.decode()
    assert f'value="{person.pk}"' in page


def test_the_entry_form_marks_each_field_with_its_kinds(client, tree, people, make_dossier):
    """The stylesheet shows the fields of the kind chosen from these classes (the e2e test
    test_entry_form checks it in Chromium)."""
    dossier = make_dossier(tree.cao_lau)
    client.force_login(people.cao_lau_officer)
    url = reverse("nominations:entry_create", args=[dossier.pk])
    html = client.get(url, {"kind": "collective"}).content.decode()
    assert '<div class="entry-kinds">' in html
    assert 'class="row g-2 mb-3 col-lg-8 kind-field kind-individual" role="search"' in html
    wrappers = {
        name: classes
        for classes, name in re.findall(
            r'<div class="mb-3 ?([^"]*)">\s*<label class="form-label" for="id_(\w+)"', html
        )
    }
    assert wrappers == {
        "subject_kind": "",
        "requested_form": "",
        "person": "kind-field kind-individual",
        "full_name": "kind-field kind-individual",
        "gender": "kind-field kind-individual",
        "birth_year": "kind-field kind-individual",
        "position": "kind-field kind-individual",
        "citizen_id": "kind-field kind-individual",
        "unit": "kind-field kind-collective kind-household",
        "group_name": "kind-field kind-collective kind-household",
        "head_name": "kind-field kind-household",
        "achievement": "",
    }
    assert '<option value="collective" selected>' in html
    # The register search is for individuals: its results come back under "Cá nhân".
    assert '<input type="hidden" name="kind" value="individual">' in html


def test_a_search_from_an_entry_of_another_kind_shows_its_results(
    client, tree, people, make_dossier, forms
):
    """Editing a collective, the officer turns the menu to "Cá nhân" and searches the
    register: the page comes back as an individual's, with the person found in the menu."""
    dossier = make_dossier(tree.cao_lau)
    person = Person.objects.create(full_name="Nông Thị Duyên", birth_year=1990, unit=tree.cao_lau)
    entry = services.entry_save(
        dossier=dossier,
        actor=people.cao_lau_officer,
        subject_kind=SubjectKind.COLLECTIVE,
        requested_form=forms["giay-khen-chu-tich-xa"],
        group_name="Chi đoàn thôn Nà Lệnh",
        achievement="Tốt",
    )
    client.force_login(people.cao_lau_officer)
    url = reverse("nominations:entry_edit", args=[dossier.pk, entry.pk])
    assert '<option value="collective" selected>' in client.get(url).content.decode()
    html = client.get(url, {"kind": "individual", "q": "nong duyen"}).content.decode()
    assert '<option value="individual" selected>' in html
    assert f'<option value="{person.pk}">Nông Thị Duyên (1990) – Xã Cao Lâu</option>' in html
    html = client.get(url, {"kind": "nonsense"}).content.decode()
    assert '<option value="collective" selected>' in html


def test_what_was_typed_for_another_kind_is_ignored(client, tree, people, make_dossier, forms):
    """A bad citizen ID and a new person's name typed before turning to "Tập thể": the
    collective is saved, no person is made, and the household's head is not kept."""
    dossier = make_dossier(tree.cao_lau)
    client.force_login(people.cao_lau_officer)
    response = client.post(
        reverse("nominations:entry_create", args=[dossier.pk]),
        {
            "subject_kind": SubjectKind.COLLECTIVE,
            "requested_form": forms["giay-khen-chu-tich-xa"].pk,
            "full_name": "Nông Thị Duyên",
            "citizen_id": "12345",
            "birth_year": "năm",
            "group_name": "Chi đoàn thôn Nà Lệnh",
            "head_name": "Vi Văn Khánh",
            "achievement": "Tốt",
        },
    )
    assert response.status_code == 302
    entry = dossier.entries.get(subject_kind=SubjectKind.COLLECTIVE)
    assert (entry.nominee_name, entry.person, entry.head_name) == (
        "Chi đoàn thôn Nà Lệnh",
        None,
        "",
    )
    assert not Person.objects.filter(full_name="Nông Thị Duyên").exists()


def test_entries_cannot_change_once_submitted(client, tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    client.force_login(people.cao_lau_officer)
    entry = dossier.entries.get()
    client.post(reverse("nominations:entry_remove", args=[dossier.pk, entry.pk]))
    assert Entry.objects.filter(pk=entry.pk).exists()


def _make_many(make_dossier, tree, people, count):
    for _ in range(count):
        dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", "giay-khen-chu-tich-huyen")
        services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)


def test_list_is_scoped_and_its_queries_do_not_grow(
    client, tree, people, make_dossier, django_assert_num_queries
):
    _make_many(make_dossier, tree, people, 2)
    make_dossier(tree.xuat_le, "giay-khen-chu-tich-xa")
    client.force_login(people.cao_lau_officer)
    url = reverse("nominations:dossier_list")
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    queries = len(few)  # read now: the next request resets the query log
    assert len(response.context["dossiers"]) == 2
    _make_many(make_dossier, tree, people, 4)
    client.force_login(people.cao_lau_officer)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["dossiers"]) == 6
    assert queries <= 12


def test_list_filters_and_searches_without_diacritics(client, tree, people, make_dossier):
    first = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    entry = first.entries.get()
    entry.person.full_name = "Hoàng Văn Lợi"
    entry.person.save()
    entry.save()
    services.dossier_submit(dossier=first, actor=people.cao_lau_officer)
    make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    client.force_login(people.cao_loc_officer)
    url = reverse("nominations:dossier_list")
    assert list(client.get(url, {"q": "hoang van loi"}).context["dossiers"]) == [first]
    assert list(client.get(url, {"q": "01/TTr-UBND"}).context["dossiers"]) == [first]
    assert list(client.get(url, {"status": "submitted"}).context["dossiers"]) == [first]
    assert len(client.get(url, {"year": "2024"}).context["dossiers"]) == 2
    assert len(client.get(url, {"year": "2020"}).context["dossiers"]) == 0


def test_home_queue_shows_what_waits_oldest_first(
    client, tree, people, make_dossier, django_assert_num_queries
):
    older = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    services.dossier_submit(dossier=older, actor=people.cao_lau_officer)
    newer = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    services.dossier_submit(dossier=newer, actor=people.cao_lau_officer)
    draft = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    client.force_login(people.cao_loc_officer)
    with CaptureQueriesContext(connection) as two:
        response = client.get(reverse("home"))
    queries = len(two)  # read now: the next request resets the query log
    assert response.context["queue"] == [older, newer]
    client.force_login(people.cao_lau_officer)
    assert response.status_code == 200
    assert client.get(reverse("home")).context["queue"] == [draft]
    for _ in range(3):
        extra = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
        services.dossier_submit(dossier=extra, actor=people.cao_lau_officer)
    client.force_login(people.cao_loc_officer)
    cache.clear()  # the overdue count is kept a minute (accounts.cache): count it again
    forget_calendar()  # and the calendar and limits read again, as on the first request
    with django_assert_num_queries(queries):
        assert len(client.get(reverse("home")).context["queue"]) == 5
    client.force_login(people.cao_loc_leader)
    assert client.get(reverse("home")).context["queue"] == []


def test_home_lists_the_oldest_waiting_and_links_to_the_whole_queue(
    client, tree, people, make_dossier, monkeypatch
):
    from nominations import selectors

    monkeypatch.setattr(selectors, "QUEUE_SHOWN", 2)
    submitted = []
    for _ in range(3):
        dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
        services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
        submitted.append(dossier)
    make_dossier(tree.xuat_le, "giay-khen-chu-tich-huyen")  # a draft: waits for Xuất Lễ only
    client.force_login(people.cao_loc_officer)
    response = client.get(reverse("home"))
    assert response.context["queue"] == submitted[:2]
    assert response.context["queue_total"] == 3
    html = response.content.decode()
    assert "?waiting=1" in html
    assert "Tất cả 3 hồ sơ đang chờ bạn xử lý" in html

    url = reverse("nominations:dossier_list")
    listed = client.get(url, {"waiting": "1"})
    assert list(listed.context["dossiers"]) == submitted  # all of them, oldest first
    assert 'id="f-waiting" checked' in listed.content.decode()
    assert len(client.get(url).context["dossiers"]) == 4  # without the filter: the draft too
    client.force_login(people.cao_loc_leader)  # nothing is at the council stage
    assert list(client.get(url, {"waiting": "1"}).context["dossiers"]) == []


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_attachments_are_recognised_by_content_and_served_in_scope(
    client, tree, people, make_dossier, media, settings
):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    entry = dossier.entries.get()
    url = reverse("nominations:attachment_upload", args=[dossier.pk])
    client.force_login(people.cao_lau_officer)
    fake = SimpleUploadedFile("bao-cao.pdf", b"just text, not a PDF", "application/pdf")
    response = client.post(url, {"kind": "other", "file": fake}, follow=True)
    assert "theo nội dung" in response.content.decode()
    assert not Attachment.objects.exists()
    png = SimpleUploadedFile("anh.txt", PNG, "text/plain")
    client.post(url, {"kind": "achievement_report", "file": png, "entry": entry.pk})
    attachment = Attachment.objects.get()
    assert attachment.extension == "png"
    assert attachment.entry == entry
    assert "anh" not in attachment.file.name
    assert str(dossier.pk) in attachment.file.name

    download = reverse("nominations:attachment_download", args=[dossier.pk, attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    client.force_login(people.xuat_le_officer)
    assert client.get(download).status_code == 404
    other = make_dossier(tree.xuat_le)
    wrong = reverse("nominations:attachment_download", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404

    settings.NOMINATION_UPLOAD_MAX_MB = 0
    client.force_login(people.cao_lau_officer)
    big = SimpleUploadedFile("x.png", PNG, "image/png")
    response = client.post(url, {"kind": "other", "file": big}, follow=True)
    assert "lớn hơn" in response.content.decode()
    assert Attachment.objects.count() == 1


def test_the_dossier_page_shows_each_file_under_its_entry_or_the_dossier(
    client, tree, people, make_dossier, media
):
    """Files of the dossier and of its entries are read in one query and shared out."""
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", "giay-khen-chu-tich-xa")
    first, second = dossier.entries.order_by("position", "pk")
    url = reverse("nominations:attachment_upload", args=[dossier.pk])
    client.force_login(people.cao_lau_officer)
    for name, entry in [("bao-cao-mot.png", first), ("bien-ban.png", None)]:
        upload = SimpleUploadedFile(name, PNG, "image/png")
        data = {"kind": "achievement_report" if entry else "other", "file": upload}
        client.post(url, {**data, **({"entry": entry.pk} if entry else {})})
    assert Attachment.objects.count() == 2
    response = client.get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    rows = {row["entry"].pk: row["entry"] for row in response.context["individuals"]}
    assert [a.original_name for a in rows[first.pk].attachment_list] == ["bao-cao-mot.png"]
    assert rows[second.pk].attachment_list == []
    assert [a.original_name for a in response.context["dossier"].dossier_attachments] == [
        "bien-ban.png"
    ]
    html = response.content.decode()
    assert html.count("bao-cao-mot.png") == 1
    assert html.count("bien-ban.png") == 1


def test_docx_is_told_from_xlsx(tree, people, make_dossier, media):
    import zipfile

    dossier = make_dossier(tree.cao_lau)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    upload = SimpleUploadedFile("bien-ban.docx", buffer.getvalue())
    attachment = services.attachment_add(
        dossier=dossier, actor=people.cao_lau_officer, kind="other", uploaded=upload
    )
    assert attachment.extension == "xlsx"


def test_only_the_proposing_units_officers_open_the_edit_pages(
    client, tree, make_user, people, make_dossier
):
    """Staff of a higher level see a commune's draft but may not open its edit forms (403)."""
    dossier = make_dossier(tree.cao_lau)
    assert dossier.status == DossierStatus.DRAFT
    for user, expected in [
        (people.cao_lau_officer, 200),
        (people.cao_lau_leader, 403),
        (people.province_officer, 403),
        (people.cao_loc_officer, 403),
        (people.xuat_le_officer, 404),
    ]:
        client.force_login(user)
        for name in ["nominations:dossier_edit", "nominations:entry_create"]:
            assert client.get(reverse(name, args=[dossier.pk])).status_code == expected, (
                name,
                user.unit,
            )


def test_list_numbers_of_bodies_and_schools_need_no_query_per_row(
    client, tree, people, make_dossier, django_assert_num_queries
):
    """A dossier's number names its proposer's abbreviation ("TTr-MTTQ", the initials of an
    agency); the list prints it from the row, without reading each proposer's parent."""
    front = UnitFactory(
        name="Ủy ban MTTQ Việt Nam xã Cao Lâu", kind=UnitKind.ORGANISATION, parent=tree.cao_lau
    )
    school = UnitFactory(name="Trường Tiểu học Cao Lâu", kind=UnitKind.AGENCY, parent=tree.cao_lau)
    _make_many(make_dossier, tree, people, 2)
    client.force_login(people.cao_lau_officer)
    url = reverse("nominations:dossier_list")
    with CaptureQueriesContext(connection) as administrative_only:
        client.get(url)
    queries = len(administrative_only)
    for unit in (front, school, front, school):
        make_dossier(unit, "giay-khen-chu-tich-xa", number=7)
    client.force_login(people.cao_lau_officer)
    with django_assert_num_queries(queries):
        response = client.get(url)
    numbers = {d.number_text for d in response.context["dossiers"]}
    assert {"07/TTr-MTTQ", "07/TTr-TTHCL"} <= numbers
    assert [issuer_defaults(unit)["abbreviation"] for unit in (front, school)] == ["MTTQ", "TTHCL"]


def test_entry_rows_show_reviews_forwarded_copies_files_and_escape_text(
    client, tree, people, make_dossier, forms, media
):
    """The entry table (built in Python, nominations.templatetags.entry_rows) prints what the
    appraisal changed, where a forwarded copy came from, the entry's files, the achievement's
    lines, and escapes what officers typed."""
    from nominations.choices import ReviewDecision
    from tests.nominations.test_routing import _appraise_all

    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "giay-khen-chu-tich-huyen")
    raised, _other = dossier.entries.order_by("position", "pk")
    Entry.objects.filter(pk=raised.pk).update(achievement="Dòng một\n<b>Dòng hai</b> & ba")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    services.entry_appraise(
        entry=raised,
        actor=p.cao_loc_officer,
        decision=ReviewDecision.RAISE,
        form=forms["bang-khen-chu-tich-tinh"],
        reason="Thành tích <xuất sắc>",
    )
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    dossier.refresh_from_db()
    copy = upper.entries.get()
    client.force_login(p.province_officer)
    upload = SimpleUploadedFile("bao-cao-thanh-tich.png", PNG, "image/png")
    services.attachment_add(
        dossier=upper,
        actor=p.province_officer,
        kind="achievement_report",
        uploaded=upload,
        entry=copy,
    )
    html = client.get(reverse("nominations:dossier_detail", args=[upper.pk])).content.decode()
    assert f'href="/dossiers/{dossier.pk}/">Chuyển lên từ {dossier.number_text}</a>' in html
    assert "Dòng một<br>&lt;b&gt;Dòng hai&lt;/b&gt; &amp; ba" in html
    assert "<b>Dòng hai" not in html
    assert "đề nghị ban đầu: Giấy khen của Chủ tịch UBND huyện" in html
    assert "thẩm quyền: Tỉnh Lạng Sơn" in html
    assert f'href="/dossiers/{upper.pk}/attachments/' in html
    assert ">bao-cao-thanh-tich.png</a>" in html
    # The district's page of the original: what each appraisal decided, with its reason.
    client.force_login(p.cao_loc_officer)
    html = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert (
        "Huyện Cao Lộc: Nâng hình thức → Bằng khen của Chủ tịch UBND tỉnh – Thành tích &lt;" in html
    )
    assert "<xuất sắc>" not in html


def test_appraisal_forms_carry_each_entrys_prefix_and_are_read_once(
    client, tree, people, make_dossier, django_assert_num_queries
):
    """One appraisal form rendered once and printed under each entry's prefix, which the
    appraisal view binds; its menu of forms is read once whatever the number of entries."""
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "giay-khen-chu-tich-huyen")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    client.force_login(p.cao_loc_officer)
    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    client.get(url)  # the session, the user's groups and the work calendar read
    with CaptureQueriesContext(connection) as two:
        html = client.get(url).content.decode()
    entries = list(dossier.entries.order_by("position", "pk"))
    for entry in entries:
        assert f'name="e{entry.pk}-decision"' in html
        assert f'for="id_e{entry.pk}-form"' in html
        assert f'action="/dossiers/{dossier.pk}/entries/{entry.pk}/appraise/"' in html
    assert "APPRAISE" not in html
    assert html.count('<option value="" selected>—</option>') == 2
    queries = len(two)
    # Two entries more (as if proposed with the others): the same number of queries.
    for _ in range(2):
        EntryFactory(dossier=dossier, requested_form=entries[0].requested_form)
    dossier.entries.update(status=EntryStatus.PROPOSED)
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    assert html.count("-decision") >= 4 * 2  # label and select of each of the four entries
    first = entries[0]
    response = client.post(
        reverse("nominations:entry_appraise", args=[dossier.pk, first.pk]),
        {f"e{first.pk}-decision": "agree", f"e{first.pk}-form": "", f"e{first.pk}-reason": ""},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == EntryStatus.AGREED


def test_the_dossier_reads_its_sets_once_and_its_managers_still_query_when_asked(
    tree, people, make_dossier, django_assert_num_queries
):
    """dossier_visible_or_404 leaves the related managers as prefetch_related would: all()
    and count() answer from what was read, filter() asks the database."""
    from nominations.selectors import dossier_visible_or_404

    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "giay-khen-chu-tich-xa")
    loaded = dossier_visible_or_404(user=people.cao_lau_officer, pk=dossier.pk)
    with django_assert_num_queries(0):
        entries = list(loaded.entries.all())
        assert loaded.entries.count() == 2
        assert [e.proposed_form.code for e in entries] == [
            "giay-khen-chu-tich-huyen",
            "giay-khen-chu-tich-xa",
        ]
        assert all(e.dossier is loaded for e in entries)
        assert all(list(e.reviews.all()) == [] for e in entries)
        assert list(loaded.events.all()) == list(loaded.events.all())
        assert list(loaded.forwarded_dossiers.all()) == []
    with django_assert_num_queries(1):
        assert loaded.entries.filter(proposed_form__code="giay-khen-chu-tich-xa").count() == 1


def test_entry_rows_show_buttons_only_to_whom_they_serve(client, tree, people, make_dossier):
    """Edit and remove for the proposing officer while the dossier is editable; the file
    upload where files may be attached; the checks' verdict on each active entry; no appraisal
    form for those who cannot appraise."""
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    entry = dossier.entries.get()
    edit = f'href="/dossiers/{dossier.pk}/entries/{entry.pk}/edit/"'
    remove = f'action="/dossiers/{dossier.pk}/entries/{entry.pk}/remove/"'
    upload = '<input type="hidden" name="kind" value="achievement_report">'
    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    client.force_login(p.cao_lau_officer)
    html = client.get(url).content.decode()
    assert edit in html
    assert remove in html
    assert upload in html
    checks = re.search(r'data-label="Kiểm tra">(.*?)</td>', html).group(1)
    assert "Không phát hiện vấn đề" in checks or "<code>" in checks
    assert "entry-appraise" not in html
    client.force_login(p.cao_lau_leader)  # in scope, not an officer: reads only
    html = client.get(url).content.decode()
    assert edit not in html
    assert remove not in html
    assert upload not in html
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    client.force_login(p.cao_lau_officer)  # submitted: no longer editable
    html = client.get(url).content.decode()
    assert edit not in html
    assert remove not in html
    assert "entry-appraise" not in html


def test_each_campaign_keeps_its_own_menu_of_forms_in_the_appraisal_form(
    client, tree, people, make_dossier
):
    """The rendered appraisal fields are kept by the process per menu: a dossier of another
    campaign, offering other forms, gets its own menu."""
    from tests.nominations.factories import CampaignFactory, DossierFactory

    p = people
    wide = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    narrow_campaign = CampaignFactory(issuer=tree.province, forms=["giay-khen-chu-tich-huyen"])
    narrow = DossierFactory(campaign=narrow_campaign, proposing_unit=tree.cao_lau, date=BEFORE)
    EntryFactory(dossier=narrow, requested_form=wide.entries.get().requested_form)
    for dossier in (wide, narrow):
        services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
        services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    client.force_login(p.cao_loc_officer)
    menus = {}
    for dossier in (wide, narrow, wide):
        html = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content
        menu = re.search(r'<select name="e\d+-form"[^>]*>(.*?)</select>', html.decode(), re.S)
        menus.setdefault(dossier.pk, set()).add(menu.group(1).count("<option value="))
    assert menus[wide.pk] == {1 + 3}  # "—" and the three forms the campaign offers
    assert menus[narrow.pk] == {1 + 1}


def test_a_dossier_id_no_column_holds_is_not_found(client, people):
    client.force_login(people.cao_lau_officer)
    assert client.get("/dossiers/100000000000000000000/").status_code == 404


def test_the_dossier_page_prints_the_attachment_form(client, tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    client.force_login(people.cao_lau_officer)
    html = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:attachment_upload", args=[dossier.pk]) in html
    assert '<select name="kind" class="form-select" id="id_kind">' in html
    assert '<input type="file" name="file" class="form-control" required id="id_file">' in html


def test_a_successors_officer_sees_the_former_districts_links_named_not_linked(
    client, tree, people, make_dossier
):
    """Ba Sơn's officer sees Cao Lâu's dossier (its predecessor's) that Cao Lộc forwarded and
    voted on: the district's dossier and council are named, not linked to pages that answer
    404 to them; the district's officer still gets both links. Every link of the page opens."""
    import re

    from tests.nominations.council_helpers import closed_session_for
    from tests.nominations.test_routing import _appraise_all

    p = people
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    session = closed_session_for(dossier, tree.cao_loc)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    client.force_login(p.ba_son_officer)
    html = client.get(url).content.decode()
    assert upper.number_text in html
    assert f'href="{upper.get_absolute_url()}"' not in html
    assert f'href="{session.get_absolute_url()}"' not in html
    for href in set(re.findall(r'href="(/dossiers/[^"]*|/units/[^"]*)"', html)):
        assert client.get(href).status_code == 200, href
    client.force_login(p.cao_loc_officer)
    html = client.get(url).content.decode()
    assert f'href="{upper.get_absolute_url()}"' in html
    assert f'href="{session.get_absolute_url()}"' in html
    # The province's copy: its entries came from the commune's dossier, which it may open.
    client.force_login(p.province_officer)
    html = client.get(upper.get_absolute_url()).content.decode()
    assert f'href="{dossier.get_absolute_url()}">Chuyển lên từ' in html
    assert f'<dd class="col-sm-9"><a href="{dossier.get_absolute_url()}">' in html  # came from
