"""Import of past awards from Excel (django-import-export 4, openpyxl).

Each row is parsed by hand so that every error names its column by the Vietnamese header
the user sees; `awards.services.awards_import` runs the whole file in one transaction, so a
file with one bad row imports nothing.
"""

import datetime
import io
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources

from accounts.selectors import units_visible_to
from awards.choices import Gender, SubjectKind
from awards.models import Award, AwardForm, Person
from documents.text import fold

# The columns of the template, in order: key -> header printed in the file.
COLUMNS = {
    "subject": "Đối tượng",
    "name": "Họ tên / Tên tập thể / Tên hộ",
    "head": "Chủ hộ",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "position": "Chức vụ",
    "citizen_id": "Số định danh cá nhân",
    "unit": "Đơn vị",
    "form": "Hình thức khen thưởng",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "decision_issuer": "Người ký / cơ quan ban hành",
    "achievement": "Thành tích",
    "amount": "Số tiền thưởng",
}
REQUIRED = ("subject", "name", "unit", "form", "decision_date")
# The longest text each column may hold (the register's field lengths): a longer cell is a row
# error at its column, not a database error that names no column.
MAX_LENGTH = {
    "name": 200,  # a person's full name; a collective's or household's name may take 300
    "head": 200,
    "ethnicity": 50,
    "position": 200,
    "decision_number": 50,
    "decision_issuer": 200,
}
MAX_AMOUNT = 2_000_000_000  # the register's amount column holds up to 2^31 - 1 đồng
SUBJECT_WORDS = {
    "ca nhan": SubjectKind.INDIVIDUAL,
    "tap the": SubjectKind.COLLECTIVE,
    "ho gia dinh": SubjectKind.HOUSEHOLD,
    "ho": SubjectKind.HOUSEHOLD,
}
GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
EXAMPLE_ROW = [
    "Cá nhân",
    "Hoàng Văn Tú",
    "",
    1982,
    "Nam",
    "Tày",
    "Công chức Văn phòng - Thống kê",
    "",
    "Xã Cao Lâu",
    "Giấy khen của Chủ tịch UBND huyện",
    "1234/QĐ-UBND",
    "20/06/2023",
    "Chủ tịch UBND huyện Cao Lộc",
    "Thành tích xuất sắc trong phong trào thi đua đặc biệt",
    710000,
]


def template_workbook() -> bytes:
    """The import template: Vietnamese headers, one example row, a sheet of the form names."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(EXAMPLE_ROW)
    for column, width in zip(
        "ABCDEFGHIJKLMNO", (12, 30, 20, 10, 10, 10, 28, 16, 22, 36, 16, 16, 30, 40, 14), strict=True
    ):
        sheet.column_dimensions[column].width = width
    forms = book.create_sheet("Hình thức")
    forms.append(["Mã", "Hình thức khen thưởng / danh hiệu", "Hiệu lực đến"])
    for form in AwardForm.objects.order_by("order", "name"):
        forms.append([form.code, form.name, f"{form.valid_to:%d/%m/%Y}" if form.valid_to else ""])
    guide = book.create_sheet("Hướng dẫn")
    for line in (
        "Đối tượng: Cá nhân, Tập thể hoặc Hộ gia đình.",
        "Đơn vị: tên hoặc mã đơn vị hành chính, trong phạm vi đơn vị của người nhập.",
        'Hình thức khen thưởng: tên hoặc mã ở trang "Hình thức".',
        "Ngày quyết định: dd/mm/yyyy.",
        "Tệp có một dòng sai thì không dòng nào được nhập.",
    ):
        guide.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load_dataset(data: bytes) -> tablib.Dataset:
    """Read the first sheet of an .xlsx file; raises ValueError when it is not one."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds on a file that is not xlsx
        raise ValueError(_("The file is not an Excel (.xlsx) workbook.")) from exc
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    if not rows:
        raise ValueError(_("The file is empty."))
    if len(rows) < 2:
        raise ValueError(_("The file has no award below the header row."))
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    missing = [h for h in COLUMNS.values() if h not in headers]
    if missing:
        raise ValueError(
            _("Columns missing from the first row: %(columns)s. Use the template.")
            % {"columns": ", ".join(missing)}
        )
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        row = (row + [None] * len(headers))[: len(headers)]
        dataset.append(row)
    return dataset


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class AwardResource(resources.ModelResource):
    """Rows of past awards; `user` limits the units a row may name."""

    class Meta:
        model = Award
        fields = ()
        skip_diff = True
        clean_model_instances = False

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.unit_scope = units_visible_to(user)
        self._seen: dict[tuple, int] = {}  # an award's key -> the row (as Excel numbers it)

    # import-export looks instances up by id; every row here is a new award.
    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs):
        value = {key: _text(row.get(header)) for key, header in COLUMNS.items()}
        raw_date = row.get(COLUMNS["decision_date"])
        errors: dict[str, list[str]] = {}

        def fail(key, message):
            errors.setdefault(COLUMNS[key], []).append(message)

        for key in REQUIRED:
            if not value[key]:
                fail(key, _("Required."))
        for key, limit in MAX_LENGTH.items():
            if key == "name" and fold(value["subject"]) not in ("", "ca nhan"):
                limit = 300
            if len(value[key]) > limit:
                fail(
                    key,
                    _("Too long: at most %(max)d characters (this cell has %(count)d).")
                    % {"max": limit, "count": len(value[key])},
                )

        subject = SUBJECT_WORDS.get(fold(value["subject"]))
        if value["subject"] and subject is None:
            fail("subject", _('Write "Cá nhân", "Tập thể" or "Hộ gia đình".'))

        decision_date = self._date(raw_date)
        if value["decision_date"] and decision_date is None:
            fail("decision_date", _("Not a date: write dd/mm/yyyy."))

        birth_year = None
        if value["birth_year"]:
            this_year = timezone.localdate().year
            try:
                birth_year = int(value["birth_year"])
            except ValueError:
                birth_year = None
            if birth_year is None or not 1900 <= birth_year <= this_year:
                fail("birth_year", _("Not a year between 1900 and %(max)d.") % {"max": this_year})

        gender = ""
        if value["gender"]:
            gender = GENDER_WORDS.get(fold(value["gender"]), "")
            if not gender:
                fail("gender", _('Write "Nam" or "Nữ".'))

        citizen_id = value["citizen_id"].replace(" ", "")
        if citizen_id and not (citizen_id.isdigit() and len(citizen_id) == 12):
            fail("citizen_id", _("A citizen ID number has 12 digits."))

        if value["head"] and subject not in (None, SubjectKind.HOUSEHOLD):
            fail("head", _("Only for a household."))

        amount = None
        if value["amount"]:
            try:
                amount = Decimal(value["amount"].replace(".", "").replace(",", ""))
            except InvalidOperation:
                amount = None
            if amount is None or amount < 0 or amount != amount.to_integral_value():
                fail("amount", _("Not an amount in đồng."))
                amount = None
            elif amount > MAX_AMOUNT:
                fail("amount", _("Too large for an award amount."))
                amount = None

        unit = self._unit(value["unit"], decision_date, fail) if value["unit"] else None
        form = self._form(value["form"], fail) if value["form"] else None
        if form is not None and subject is not None and not form.allows(subject):
            fail(
                "form",
                _("This form is not given to a %(subject)s.")
                % {"subject": str(SubjectKind(subject).label).lower()},
            )

        if not errors:
            self._check_not_twice(
                fail,
                row_number=kwargs.get("row_number"),
                subject=subject,
                name=value["name"],
                unit=unit,
                form=form,
                decision_date=decision_date,
                decision_number=value["decision_number"],
            )

        if errors:
            raise ValidationError(errors)

        instance.subject_kind = subject
        instance.unit = unit
        instance.form = form
        instance.recipient_name = value["name"]
        instance.decision_number = value["decision_number"]
        instance.decision_date = decision_date
        instance.decision_issuer = value["decision_issuer"]
        instance.achievement = value["achievement"]
        instance.amount = int(amount) if amount is not None else None
        instance._person_data = None
        if subject == SubjectKind.INDIVIDUAL:
            instance._person_data = {
                "full_name": value["name"],
                "birth_year": birth_year,
                "gender": gender,
                "ethnicity": value["ethnicity"],
                "position": value["position"],
                "citizen_id": citizen_id,
                "unit": unit,
            }
        elif subject == SubjectKind.HOUSEHOLD and value["head"]:
            instance._person_data = {
                "full_name": value["head"],
                "birth_year": birth_year,
                "gender": gender,
                "ethnicity": value["ethnicity"],
                "citizen_id": citizen_id,
                "unit": unit,
            }

    def before_save_instance(self, instance, row, **kwargs):
        if instance._person_data:
            instance.person = self._person(instance._person_data)

    def _check_not_twice(self, fail, *, row_number, **award) -> None:
        """The same award twice in the file, or already in the register (a file imported again),
        is refused: the register would count it twice."""
        key = (
            award["subject"],
            fold(award["name"]),
            award["unit"].pk,
            award["form"].pk,
            award["decision_date"],
            fold(award["decision_number"]),
        )
        if key in self._seen:
            fail("name", _("The same award as row %(row)d.") % {"row": self._seen[key]})
            return
        if row_number is not None:
            self._seen[key] = row_number + 1
        recorded = Award.objects.filter(
            subject_kind=award["subject"],
            recipient_name_folded=key[1],
            unit=award["unit"],
            form=award["form"],
            decision_date=award["decision_date"],
        )
        if any(
            fold(number) == key[5] for number in recorded.values_list("decision_number", flat=True)
        ):
            fail("name", _("This award is already in the register."))

    # -- look-ups ------------------------------------------------------------------------------

    @staticmethod
    def _date(raw) -> datetime.date | None:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = _text(raw)
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None

    def _unit(self, text, on, fail):
        matches = list(
            self.unit_scope.filter(Q(name_folded=fold(text)) | Q(code=text)).order_by("pk")[:10]
        )
        if len(matches) > 1 and on is not None:
            matches = [u for u in matches if u.is_in_force(on)] or matches
        if not matches:
            fail("unit", _("No unit of this name or code within your units."))
            return None
        if len(matches) > 1:
            fail("unit", _("Several units have this name; write the administrative code."))
            return None
        return matches[0]

    @staticmethod
    def _form(text, fail):
        form = AwardForm.objects.filter(Q(code=text) | Q(name__iexact=text)).first()
        if form is None:
            folded = fold(text)
            form = next((f for f in AwardForm.objects.all() if fold(f.name) == folded), None)
        if form is None:
            fail("form", _("No award form of this name or code."))
        return form

    @staticmethod
    def _person(data) -> Person:
        """The register's person for a row: same citizen ID, else same name, year and unit."""
        if data["citizen_id"]:
            found = Person.objects.filter(citizen_id=data["citizen_id"]).first()
            if found:
                return found
        found = Person.objects.filter(
            name_folded=fold(data["full_name"]), birth_year=data["birth_year"], unit=data["unit"]
        ).first()
        return found or Person.objects.create(**data)
