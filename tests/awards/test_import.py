import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from awards.models import Award, Person
from awards.resources import COLUMNS, EXAMPLE_ROW, template_workbook
from awards.services import awards_import


def xlsx(*rows, headers=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers or list(COLUMNS.values()))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(**overrides):
    values = dict(zip(COLUMNS, EXAMPLE_ROW, strict=True))
    values.update(overrides)
    return [values[key] for key in COLUMNS]


@pytest.fixture
def officer(tree, make_user):
    return make_user(tree.cao_loc)


def test_template_has_the_vietnamese_headers_and_the_forms(catalogue):
    book = load_workbook(io.BytesIO(template_workbook()))
    assert [c.value for c in book["Khen thưởng"][1]] == list(COLUMNS.values())
    codes = [r[0].value for r in book["Hình thức"].iter_rows(min_row=2)]
    assert "giay-khen-chu-tich-huyen" in codes


def test_the_template_example_imports(catalogue, officer):
    report = awards_import(data=template_workbook(), user=officer, dry_run=False)
    assert report.ok, report.errors
    award = Award.objects.get()
    assert award.person.full_name == "Hoàng Văn Tú"
    assert award.unit.name == "Xã Cao Lâu"
    assert award.decision_date == datetime.date(2023, 6, 20)
    assert award.amount == 710_000


def test_dry_run_previews_and_writes_nothing(catalogue, officer):
    data = xlsx(row(), row(name="Tập thể Ban Công an xã", subject="Tập thể"))
    report = awards_import(data=data, user=officer, dry_run=True)
    assert report.ok
    assert report.total == 2
    assert len(report.preview) == 2
    assert Award.objects.count() == 0
    assert Person.objects.count() == 0


def test_one_bad_row_imports_nothing_and_names_row_and_column(catalogue, officer):
    data = xlsx(
        row(),
        row(name="Lý Thị Mai", decision_date="31/02/2023"),
        row(name="Vi Văn Đồng", subject="Tập thể", form="Lao động tiên tiến"),
    )
    report = awards_import(data=data, user=officer, dry_run=False)
    assert not report.ok
    assert Award.objects.count() == 0
    assert Person.objects.count() == 0
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Ngày quyết định"),
        (4, "Hình thức khen thưởng"),
    ]
    assert str(report.errors[0]) == (
        'Dòng 3, cột "Ngày quyết định": Không phải ngày hợp lệ: ghi theo dạng dd/mm/yyyy.'
    )


def test_unit_outside_the_users_scope_is_a_row_error(catalogue, tree, make_user):
    commune_officer = make_user(tree.xuat_le)
    report = awards_import(data=xlsx(row()), user=commune_officer, dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "Đơn vị")]
    assert Award.objects.count() == 0


def test_missing_required_cells_are_reported_per_column(catalogue, officer):
    report = awards_import(data=xlsx(row(name="", unit="")), user=officer, dry_run=True)
    assert {e.column for e in report.errors} == {"Họ tên / Tên tập thể / Tên hộ", "Đơn vị"}


def test_a_file_without_the_template_columns_is_refused(catalogue, officer):
    report = awards_import(
        data=xlsx(["a", "b"], headers=["Tên", "Năm"]), user=officer, dry_run=True
    )
    assert "Đối tượng" in report.file_error
    report = awards_import(data=b"not excel", user=officer, dry_run=True)
    assert report.file_error


def test_import_reuses_a_person_with_the_same_citizen_id(catalogue, officer, tree):
    person = Person.objects.create(
        full_name="Hoàng Văn Tú", birth_year=1982, unit=tree.xuat_le, citizen_id="020082000111"
    )
    report = awards_import(data=xlsx(row(citizen_id="020082000111")), user=officer, dry_run=False)
    assert report.ok
    assert Award.objects.get().person == person


def test_household_row_records_its_head(catalogue, officer):
    data = xlsx(
        row(
            subject="Hộ gia đình",
            name="Hộ ông Hoàng Văn Tú",
            head="Hoàng Văn Tú",
            form="bang-khen-chu-tich-tinh",
            amount=None,
        )
    )
    report = awards_import(data=data, user=officer, dry_run=False)
    assert report.ok, report.errors
    award = Award.objects.get()
    assert award.recipient_name == "Hộ ông Hoàng Văn Tú"
    assert award.person.full_name == "Hoàng Văn Tú"


def test_a_file_with_headers_but_no_award_is_refused(catalogue, officer):
    report = awards_import(data=xlsx(), user=officer, dry_run=True)
    assert report.file_error == "Tệp không có khen thưởng nào dưới dòng tiêu đề."
    assert not report.ok


def test_extra_columns_are_ignored(catalogue, officer):
    data = xlsx([*row(), "ghi chú riêng"], headers=[*COLUMNS.values(), "Ghi chú"])
    report = awards_import(data=data, user=officer, dry_run=False)
    assert report.ok, report.errors
    assert Award.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        (
            {"name": "A" * 201},
            "Họ tên / Tên tập thể / Tên hộ",
            "Quá dài: tối đa 200 ký tự (ô này có 201).",
        ),
        ({"decision_number": "1" * 51}, "Số quyết định", "Quá dài: tối đa 50 ký tự (ô này có 51)."),
        ({"amount": 10**12}, "Số tiền thưởng", "Số tiền quá lớn đối với một khen thưởng."),
    ],
)
def test_a_cell_the_register_cannot_hold_is_a_row_error_at_its_column(
    catalogue, officer, overrides, column, message
):
    # On PostgreSQL these used to fail in the database with an English message and no column.
    report = awards_import(data=xlsx(row(**overrides)), user=officer, dry_run=False)
    assert [(e.row, e.column, e.message) for e in report.errors] == [(2, column, message)]
    assert Award.objects.count() == 0


def test_a_collectives_name_may_be_longer_than_a_persons(catalogue, officer):
    data = xlsx(row(subject="Tập thể", name="Chi bộ thôn " + "B" * 250))
    report = awards_import(data=data, user=officer, dry_run=False)
    assert report.ok, report.errors


def test_the_same_award_twice_in_a_file_is_refused(catalogue, officer):
    report = awards_import(data=xlsx(row(), row()), user=officer, dry_run=False)
    assert [(e.row, e.message) for e in report.errors] == [(3, "Trùng với khen thưởng ở dòng 2.")]
    assert Award.objects.count() == 0


def test_importing_the_same_file_again_records_nothing_twice(catalogue, officer):
    assert awards_import(data=xlsx(row()), user=officer, dry_run=False).ok
    report = awards_import(data=xlsx(row(), row(name="Lý Thị Mai")), user=officer, dry_run=False)
    assert [(e.row, e.message) for e in report.errors] == [
        (2, "Khen thưởng này đã có trong sổ khen thưởng.")
    ]
    assert Award.objects.count() == 1
