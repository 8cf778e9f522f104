"""Entries imported from Excel into a draft or returned dossier: template, preview, all or none."""

import io

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from awards.choices import Gender, SubjectKind
from awards.models import Person
from nominations.choices import DossierStatus
from nominations.importing import COLUMNS, template_workbook
from nominations.models import Dossier, Entry
from nominations.services import entries_import
from nominations.views_import import SESSION_KEY
from nominations.workflow import WorkflowError
from tests.nominations.conftest import BEFORE
from tests.nominations.factories import DossierFactory, EntryFactory, PersonFactory

GK = "Giấy khen của Chủ tịch UBND huyện"
BK = "bang-khen-chu-tich-tinh"


def xlsx(*rows, headers=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers or list(COLUMNS.values()))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(**values):
    """A good individual row; keyword arguments (column keys) change it."""
    base = {
        "number": 1,
        "name": "Lương Thị Hạnh",
        "subject": "Cá nhân",
        "gender": "Nữ",
        "birth_year": 1985,
        "ethnicity": "Tày",
        "position": "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá",
        "unit": "",
        "citizen_id": "",
        "form": GK,
        "achievement": "Vận động hội viên tham gia xây dựng nông thôn mới.",
    }
    base.update(values)
    return [base[key] for key in COLUMNS]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def draft(tree, campaign):
    return DossierFactory(campaign=campaign, proposing_unit=tree.cao_lau, date=BEFORE)


@pytest.fixture
def officer(people):
    return people.cao_lau_officer


def _run(dossier, actor, data, dry_run=False):
    return entries_import(dossier=dossier, actor=actor, data=data, dry_run=dry_run)


# -- the service -------------------------------------------------------------------------------


def test_a_good_file_creates_the_entries_and_the_people(draft, officer, tree, forms):
    data = xlsx(
        row(),
        row(name="Hoàng Văn Lợi", gender="Nam", birth_year=1978, form=BK, citizen_id=20078000123),
        row(
            name="Chi bộ thôn Nà Lệnh",
            subject="Tập thể",
            gender="",
            birth_year="",
            form="giay-khen-chu-tich-huyen",
        ),
        row(name="Xã Cao Lâu", subject="tap the", gender="", birth_year=""),
        row(name="Hộ ông Vi Văn Khánh", subject="Hộ gia đình", gender="", birth_year=""),
    )
    report = _run(draft, officer, data)
    assert report.ok, report.errors
    assert report.imported == 5
    assert report.new_people == 2
    entries = list(draft.entries.order_by("position"))
    assert [e.nominee_name for e in entries] == [
        "Lương Thị Hạnh",
        "Hoàng Văn Lợi",
        "Chi bộ thôn Nà Lệnh",
        "Xã Cao Lâu",
        "Hộ ông Vi Văn Khánh",
    ]
    assert [e.position for e in entries] == [1, 2, 3, 4, 5]
    hanh, loi, group, commune, household = entries
    assert hanh.person.gender == Gender.FEMALE
    assert hanh.person.birth_year == 1985
    assert hanh.person.unit == tree.cao_lau
    assert hanh.unit == tree.cao_lau
    assert hanh.person.name_folded == "luong thi hanh"
    assert hanh.requested_form == forms["giay-khen-chu-tich-huyen"] == hanh.proposed_form
    assert loi.person.citizen_id == "020078000123"  # the number cell lost its leading zero
    assert loi.requested_form == forms[BK]
    assert group.group_name == "Chi bộ thôn Nà Lệnh"
    assert group.unit == tree.cao_lau
    assert commune.unit == tree.cao_lau
    assert commune.group_name == ""
    assert household.subject_kind == SubjectKind.HOUSEHOLD
    assert household.head_name == "Vi Văn Khánh"
    assert household.unit == tree.cao_lau
    assert Person.objects.count() == 2


def test_an_existing_person_of_the_register_is_reused(draft, officer, tree):
    same = PersonFactory(full_name="Lương Thị Hạnh", birth_year=1985, unit=tree.cao_lau)
    by_id = PersonFactory(full_name="Hoàng Văn Lợi", unit=tree.cao_lau, citizen_id="020078000123")
    elsewhere = PersonFactory(full_name="Nông Văn Dũng", birth_year=1990, unit=tree.hoang_dong)
    data = xlsx(
        row(name="LUONG THI HANH"),  # folded name, same birth year and unit
        row(name="Hoàng Văn Lợi", gender="Nam", birth_year=1979, citizen_id="020078000123"),
        row(name="Nông Văn Dũng", gender="Nam", birth_year=1990),  # another commune's person
    )
    report = _run(draft, officer, data)
    assert report.ok, report.errors
    assert report.reused_people == 2
    assert report.new_people == 1
    entries = list(draft.entries.order_by("position"))
    assert entries[0].person == same
    assert entries[1].person == by_id
    assert entries[2].person != elsewhere
    assert entries[2].person.unit == tree.cao_lau
    assert Person.objects.count() == 4


def test_one_bad_row_saves_nothing_and_names_row_and_column(draft, officer):
    data = xlsx(
        row(),
        row(name="Hoàng Văn Lợi", gender="Nam", birth_year="năm 1978"),
        row(name="Vi Văn Khánh", gender="Nam", birth_year=1969, form="Huân chương Lao động"),
        row(name="Lò Thị Mai", subject="Học sinh", achievement=""),
    )
    report = _run(draft, officer, data)
    assert not report.ok
    assert Entry.objects.count() == 0
    assert Person.objects.count() == 0
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Năm sinh"),
        (4, "Hình thức đề nghị"),
        (5, "Loại đối tượng"),
        (5, "Tóm tắt thành tích"),
    ]
    this_year = timezone.localdate().year
    assert (
        str(report.errors[0]) == f'Dòng 3, cột "Năm sinh": Không phải năm từ 1900 đến {this_year}.'
    )

    assert str(report.errors[1]) == (
        'Dòng 4, cột "Hình thức đề nghị": Phong trào không có hình thức khen thưởng với tên '
        "hoặc mã này."
    )


def test_errors_of_the_rules_of_entry_save(draft, officer, tree, make_dossier, forms):
    """A unit outside the officer's scope, a form not given to collectives, the same person
    proposed twice for a form (in the file, and already in the campaign)."""
    taken = PersonFactory(full_name="Vi Văn Khánh", birth_year=1969, unit=tree.cao_lau)
    other = make_dossier(tree.cao_lau)
    EntryFactory(dossier=other, person=taken, requested_form=forms[BK], achievement="…")
    data = xlsx(
        row(unit="Xã Hoàng Đồng"),
        row(name="Tổ dân vận", subject="Tập thể", gender="", birth_year="", form="Giấy khen"),
        row(name="Lò Thị Mai", birth_year=1990),
        row(name="Lò Thị Mai", birth_year=1990, number=4),
        row(name="Vi Văn Khánh", gender="Nam", birth_year=1969, form=BK),
    )
    report = _run(draft, officer, data)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Đơn vị"),
        (3, "Hình thức đề nghị"),
    ]
    # The person rules are checked once every cell is right.
    data = xlsx(
        row(name="Lò Thị Mai", birth_year=1990),
        row(name="Lò Thị Mai", birth_year=1990, number=4),
        row(name="Vi Văn Khánh", gender="Nam", birth_year=1969, form=BK),
    )
    report = _run(draft, officer, data)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Họ và tên / Tên tập thể"),
        (4, "Họ và tên / Tên tập thể"),
    ]
    assert report.errors[0].message == "Trùng người và hình thức với dòng 2."
    assert "đã có đề nghị đang xét" in report.errors[1].message
    assert draft.entries.count() == 0


def test_dry_run_previews_with_the_checks_and_saves_nothing(draft, officer, tree, forms):
    PersonFactory(full_name="Lương Thị Hạnh", birth_year=1985, unit=tree.xuat_le)
    report = _run(draft, officer, xlsx(row(), row(name="Chi bộ", subject="Tập thể")), True)
    assert report.ok
    assert report.total == 2
    assert [r.number for r in report.rows] == [2, 3]
    assert report.rows[0].new_person
    assert {c.code for c in report.rows[0].checks} == {"likely_duplicate"}
    assert Entry.objects.count() == 0
    assert Person.objects.count() == 1


def test_file_errors_and_the_row_limit(draft, officer, settings):
    report = _run(draft, officer, b"not an excel file")
    assert report.file_error
    report = _run(draft, officer, xlsx(["a"], headers=["Tên", "Năm"]))
    assert "Loại đối tượng" in report.file_error
    report = _run(draft, officer, xlsx())
    assert report.file_error
    settings.NOMINATION_IMPORT_MAX_ROWS = 3
    report = _run(draft, officer, xlsx(*[row(name=f"Người {i}") for i in range(4)]))
    assert "3" in report.file_error
    assert not report.rows
    assert Entry.objects.count() == 0


def test_only_a_draft_or_returned_dossier_takes_an_import(draft, officer, people):
    Dossier.objects.filter(pk=draft.pk).update(status=DossierStatus.SUBMITTED, number=3)
    draft.refresh_from_db()
    with pytest.raises(WorkflowError):
        _run(draft, officer, xlsx(row()))
    Dossier.objects.filter(pk=draft.pk).update(status=DossierStatus.RETURNED)
    draft.refresh_from_db()
    assert _run(draft, officer, xlsx(row())).ok
    with pytest.raises(WorkflowError):
        _run(draft, people.xuat_le_officer, xlsx(row()))


def test_the_template_has_the_vietnamese_headers_and_imports(draft, officer):
    book = load_workbook(io.BytesIO(template_workbook(draft)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Loại đối tượng",
        "Giới tính",
        "Năm sinh",
        "Dân tộc",
        "Chức vụ",
        "Đơn vị",
        "Số định danh cá nhân",
        "Hình thức đề nghị",
        "Tóm tắt thành tích",
    ]
    offered = [r[1].value for r in book["Hình thức"].iter_rows(min_row=2)]
    assert GK in offered
    assert "Lao động tiên tiến" not in offered
    report = _run(draft, officer, template_workbook(draft))
    assert report.ok, report.errors
    assert draft.entries.get().nominee_name == "Hoàng Văn Tú"


# -- the pages ---------------------------------------------------------------------------------


def _urls(dossier):
    return [
        reverse("nominations:entry_import", args=[dossier.pk]),
        reverse("nominations:entry_import_template", args=[dossier.pk]),
    ]


def test_anonymous_is_sent_to_sign_in(client, draft):
    for url in _urls(draft):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    assert client.post(_urls(draft)[0]).status_code == 302


@pytest.mark.parametrize("who", ["xuat_le_officer", "cao_lau_leader", "cao_loc_officer"])
def test_others_than_the_proposing_officers_get_404(client, draft, people, who):
    client.force_login(getattr(people, who))
    for url in _urls(draft):
        assert client.get(url).status_code == 404, url
    assert client.post(_urls(draft)[0], {"token": "x"}).status_code == 404


def test_a_submitted_dossier_refuses_the_import(client, draft, officer):
    Dossier.objects.filter(pk=draft.pk).update(status=DossierStatus.SUBMITTED, number=3)
    client.force_login(officer)
    upload = io.BytesIO(xlsx(row()))
    upload.name = "danh-sach.xlsx"
    response = client.post(_urls(draft)[0], {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "Chỉ sửa được danh sách đề nghị" in response.content.decode()
    assert Entry.objects.count() == 0


def test_template_downloads_as_xlsx(client, draft, officer):
    client.force_login(officer)
    response = client.get(_urls(draft)[1])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.worksheets[0]["J1"].value == "Hình thức đề nghị"


def test_preview_then_confirm_saves_from_the_stored_file(client, draft, officer, media):
    client.force_login(officer)
    upload = io.BytesIO(xlsx(row(), row(name="Hoàng Văn Lợi", gender="Nam", birth_year=1978)))
    upload.name = "danh-sach.xlsx"
    response = client.post(_urls(draft)[0], {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lương Thị Hạnh" in page
    assert "Hoàng Văn Lợi" in page
    assert Entry.objects.count() == 0
    kept = client.session[SESSION_KEY]
    assert default_storage.exists(kept["path"])
    assert f'value="{kept["token"]}"' in page
    # A forged token does nothing.
    response = client.post(_urls(draft)[0], {"token": "forged"})
    assert response.status_code == 302
    assert Entry.objects.count() == 0
    response = client.post(_urls(draft)[0], {"token": kept["token"]})
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert draft.entries.count() == 2
    assert SESSION_KEY not in client.session
    assert not default_storage.exists(kept["path"])
    # The token is spent: confirming again adds nothing.
    client.post(_urls(draft)[0], {"token": kept["token"]})
    assert draft.entries.count() == 2


def test_confirm_checks_the_file_again(client, draft, officer, media, tree, forms):
    """Between preview and confirmation another entry took the person: nothing is saved."""
    client.force_login(officer)
    person = PersonFactory(full_name="Lương Thị Hạnh", birth_year=1985, unit=tree.cao_lau)
    upload = io.BytesIO(xlsx(row(), row(name="Hoàng Văn Lợi", gender="Nam", birth_year=1978)))
    upload.name = "danh-sach.xlsx"
    client.post(_urls(draft)[0], {"file": upload})
    token = client.session[SESSION_KEY]["token"]
    form = forms["giay-khen-chu-tich-huyen"]
    EntryFactory(dossier=draft, person=person, requested_form=form, achievement="…", position=1)
    response = client.post(_urls(draft)[0], {"token": token})
    assert response.status_code == 200
    assert "Dòng 2" in response.content.decode()
    assert draft.entries.count() == 1


def test_a_bad_file_shows_the_row_errors(client, draft, officer, media):
    client.force_login(officer)
    upload = io.BytesIO(xlsx(row(), row(gender="Không rõ")))
    upload.name = "danh-sach.xlsx"
    response = client.post(_urls(draft)[0], {"file": upload})
    page = response.content.decode()
    assert "Dòng 3, cột &quot;Giới tính&quot;" in page
    assert 'name="token"' not in page
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "save"])
def test_import_queries_do_not_grow_with_rows(tree, campaign, officer, dry_run):
    def queries(n):
        dossier = DossierFactory(campaign=campaign, proposing_unit=tree.cao_lau, date=BEFORE)
        names = [f"Người Thứ {n} {i}" for i in range(n)]
        rows = [row(name=name, birth_year=1970 + i) for i, name in enumerate(names)]
        rows += [row(name=f"Tổ {i}", subject="Tập thể", gender="", birth_year="") for i in range(n)]
        for i in range(0, n, 2):  # half of the people are already in the register
            PersonFactory(full_name=names[i], birth_year=1970 + i, unit=tree.cao_lau)
        with CaptureQueriesContext(connection) as captured:
            report = _run(dossier, officer, xlsx(*rows), dry_run)
        assert report.ok, report.errors
        return len(captured)

    queries(2)  # the first import reads what is cached afterwards (the officer's roles)
    assert queries(3) == queries(30)
