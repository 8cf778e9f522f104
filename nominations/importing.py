"""Entries of a dossier imported from Excel: the template, reading the file, and the import.

The rows are read with openpyxl and checked as a whole, not one by one: the campaign's offered
forms, the units in the user's scope, the people of the register with the same citizen ID or
folded name, and the active entries of the campaign are each read once (in chunks of 500 ids)
before any row is looked at, so a file of 10,000 rows costs a few dozen queries. New people and
entries are then written with bulk_create in one transaction. Every error names the row as
Excel shows it and the column by its Vietnamese header; a file with one wrong row saves nothing.

The rules are those of `services.entry_save` (offered form given to this kind of subject, an
individual is a person of the register or a new one, a collective is a unit or a named group,
a household is named and belongs to a unit, one active entry per person, campaign and form),
with its messages. django-import-export's resources work one row at a time and look instances
up by id; here rows refer to people created in the same import, so the parsing is by hand, as
the awards import parses its rows.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import units_visible_to
from awards.choices import SubjectKind
from awards.models import CampaignAward, Person
from awards.resources import GENDER_WORDS, SUBJECT_WORDS
from awards.selectors import people_visible_to
from awards.services import RowError
from documents.statistics import analyze_after_commit
from documents.text import fold
from nominations.choices import ACTIVE_ENTRY_STATUSES
from nominations.models import Dossier, Entry, recount_entries

# The columns of the template, in order: key -> header printed in the file.
COLUMNS = {
    "number": "STT",
    "name": "Họ và tên / Tên tập thể",
    "subject": "Loại đối tượng",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "ethnicity": "Dân tộc",
    "position": "Chức vụ",
    "unit": "Đơn vị",
    "citizen_id": "Số định danh cá nhân",
    "form": "Hình thức đề nghị",
    "achievement": "Tóm tắt thành tích",
}
REQUIRED = ("name", "subject", "form", "achievement")
# Required only for an individual: the attached list prints them, and people are matched on
# name, birth year and unit.
REQUIRED_FOR_INDIVIDUAL = ("gender", "birth_year")
MAX_LENGTH = {"name": 200, "ethnicity": 50, "position": 200}
DEFAULT_MAX_ROWS = 2000
CHUNK = 500
SHEET_TITLE = "Danh sách đề nghị"
# Where an uploaded list waits between its preview and the confirmation (default storage).
PREVIEW_DIR = "imports/nominations"
SUBJECT_LABELS = ("Cá nhân", "Tập thể", "Hộ gia đình")
GENDER_LABELS = ("Nam", "Nữ")
# "UBND xã Cao Lâu", "Ủy ban nhân dân xã Cao Lâu" name the commune "Xã Cao Lâu".
_COMMITTEE_PREFIX = re.compile(r"^(ubnd|uy ban nhan dan)\s+")
_HOUSEHOLD_HEAD = re.compile(r"^hộ\s+(ông|bà|anh|chị)\s+(?P<head>.+)$", re.IGNORECASE)


def max_rows() -> int:
    return getattr(settings, "NOMINATION_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# -- the template ------------------------------------------------------------------------------


def offered_forms(campaign) -> list:
    """The award forms the campaign offers, in the campaign's order."""
    return [
        offer.form
        for offer in CampaignAward.objects.filter(campaign=campaign)
        .select_related("form")
        .order_by("order", "pk")
    ]


def template_workbook(dossier: Dossier) -> bytes:
    """The import template of a dossier: the Vietnamese headers, an example row, drop-down
    lists, a sheet of the forms its campaign offers, and a short guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    forms = offered_forms(dossier.campaign)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    example_form = next((f for f in forms if f.allows(SubjectKind.INDIVIDUAL)), None)
    sheet.append(
        [
            1,
            "Hoàng Văn Tú",
            "Cá nhân",
            "Nam",
            1982,
            "Tày",
            "Công chức Văn phòng - Thống kê",
            "",
            "",
            example_form.name if example_form else "",
            "Hoàn thành xuất sắc nhiệm vụ được giao trong phong trào thi đua.",
        ]
    )
    widths = (6, 30, 16, 10, 10, 10, 30, 22, 20, 38, 60)
    for column, width in zip("ABCDEFGHIJK", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    last = max_rows() + 1
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=9, max_col=9):
        cell.number_format = "@"  # citizen IDs as text, so Excel keeps the leading zero
    lists = [
        ("C", '"' + ",".join(SUBJECT_LABELS) + '"'),
        ("D", '"' + ",".join(GENDER_LABELS) + '"'),
    ]
    forms_sheet = book.create_sheet("Hình thức")
    forms_sheet.append(["Mã", "Hình thức khen thưởng / danh hiệu", "Cá nhân", "Tập thể", "Hộ"])
    for form in forms:
        forms_sheet.append(
            [
                form.code,
                form.name,
                *("x" if form.allows(kind) else "" for kind in SubjectKind.values),
            ]
        )
    forms_sheet.column_dimensions["A"].width = 30
    forms_sheet.column_dimensions["B"].width = 45
    if forms:
        lists.append(("J", f"'Hình thức'!$B$2:$B${len(forms) + 1}"))
    for column, formula in lists:
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.add(f"{column}2:{column}{last}")
        sheet.add_data_validation(validation)
    guide = book.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi dòng một đối tượng đề nghị khen thưởng; giữ nguyên dòng tiêu đề.",
        "Loại đối tượng: Cá nhân, Tập thể hoặc Hộ gia đình.",
        "Cá nhân: bắt buộc Giới tính (Nam, Nữ) và Năm sinh; người đã có trong danh bạ "
        "(cùng số định danh, hoặc cùng họ tên, năm sinh và đơn vị) được dùng lại.",
        "Đơn vị: tên hoặc mã đơn vị trong phạm vi của người nhập; để trống là "
        f"{dossier.proposing_unit.name}.",
        'Hình thức đề nghị: tên hoặc mã ở trang "Hình thức" (chỉ các hình thức của phong trào).',
        "Số định danh cá nhân: 12 chữ số, không bắt buộc.",
        f"Tối đa {max_rows()} dòng một lần; tệp có một dòng sai thì không dòng nào được nhập.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- reading the file --------------------------------------------------------------------------


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not xlsx, columns missing, too many rows)."""


def _header_key(cell) -> str | None:
    """The column key of a header cell; "Loại đối tượng (Cá nhân / Tập thể …)" counts too."""
    text = fold(_text(cell)).split("(")[0].strip()
    for key, header in COLUMNS.items():
        if text == fold(header):
            return key
    return None


def read_rows(data: bytes, *, limit: int) -> list[tuple[int, dict]]:
    """(Excel row number, {column key: raw value}) of each non-empty row of the first sheet.

    Raises ImportFileError when the file is not an .xlsx workbook, a column of the template is
    missing, or it holds more than `limit` rows (reading stops there).
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds on a file that is not xlsx
        raise ImportFileError(_("The file is not an Excel (.xlsx) workbook.")) from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        keys = [_header_key(cell) for cell in header]
        missing = [h for k, h in COLUMNS.items() if k not in keys and k != "number"]
        if missing:
            raise ImportFileError(
                _("Columns missing from the first row: %(columns)s. Use the template.")
                % {"columns": ", ".join(missing)}
            )
        result = []
        for number, values in enumerate(rows, start=2):
            if all(v is None or _text(v) == "" for v in values):
                continue
            if len(result) >= limit:
                raise ImportFileError(
                    _(
                        "The file has more than %(max)d rows; import at most %(max)d at once "
                        "(split the file)."
                    )
                    % {"max": limit}
                )
            row = dict.fromkeys(COLUMNS)
            for key, value in zip(keys, values, strict=False):
                if key is not None:
                    row[key] = value
            result.append((number, row))
    finally:
        book.close()
    if not result:
        raise ImportFileError(_("The file has no row to import."))
    return result


# -- the import --------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    """One row as it would be saved: the unsaved entry, whether its person is new, its checks."""

    number: int
    entry: Entry
    new_person: bool = False
    reused_person: bool = False
    checks: list = field(default_factory=list)


@dataclass
class EntryImportReport:
    total: int = 0
    imported: int = 0
    new_people: int = 0
    reused_people: int = 0
    file_error: str = ""
    errors: list[RowError] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    @property
    def blocking_rows(self) -> int:
        return sum(1 for row in self.rows if any(c.is_blocking for c in row.checks))


class _Units:
    """The units in the user's scope, found by name, name without "UBND", proper name or code;
    among several, those in force on the dossier's date win."""

    def __init__(self, user, on: datetime.date):
        self.on = on
        self.by_key: dict[str, list] = {}
        self.by_name: dict[str, list] = {}
        for unit in units_visible_to(user):
            self.by_name.setdefault(unit.name_folded, []).append(unit)
            for key in {unit.name_folded, fold(unit.proper_name), (unit.code or "").lower()}:
                if key:
                    self.by_key.setdefault(key, []).append(unit)

    def _pick(self, found):
        if len(found) > 1:
            found = [u for u in found if u.is_in_force(self.on)] or found
        return found

    def find(self, text: str):
        """(unit, error message)."""
        key = _COMMITTEE_PREFIX.sub("", fold(text))
        found = self._pick(self.by_key.get(key, []) or self.by_key.get(text.lower(), []))
        if not found:
            return None, _("No unit of this name or code within your units.")
        if len(found) > 1:
            return None, _("Several units have this name; write the administrative code.")
        return found[0], ""

    def named_exactly(self, text: str):
        """The unit whose full name is `text` ("Xã Xuất Lễ"), when exactly one is."""
        found = self._pick(self.by_name.get(fold(text), []))
        return found[0] if len(found) == 1 else None


class _Forms:
    """The forms the campaign offers, by code or by name (diacritics and case ignored)."""

    def __init__(self, campaign):
        self.by_key = {}
        for form in offered_forms(campaign):
            self.by_key.setdefault(form.code.lower(), form)
            self.by_key.setdefault(fold(form.name), form)

    def find(self, text: str):
        return self.by_key.get(text.lower()) or self.by_key.get(fold(text))


class _People:
    """People of the register in the user's scope who may be the nominees of the file."""

    def __init__(self, user, rows):
        people = people_visible_to(user)
        ids = {_citizen_id(r["citizen_id"]) for _n, r in rows} - {""}
        names = {fold(_text(r["name"])) for _n, r in rows} - {""}
        self.by_citizen_id, self.by_identity = {}, {}
        found = {}
        for chunk in _chunks(ids):
            found.update({p.pk: p for p in people.filter(citizen_id__in=chunk)})
        for chunk in _chunks(names):
            found.update({p.pk: p for p in people.filter(name_folded__in=chunk)})
        for person in sorted(found.values(), key=lambda p: p.pk):
            if person.citizen_id:
                self.by_citizen_id.setdefault(person.citizen_id, person)
            key = (person.name_folded, person.birth_year, person.unit_id)
            self.by_identity.setdefault(key, person)
        self.new_by_citizen_id, self.new_by_identity = {}, {}

    def match(self, data: dict):
        """(person, is_new): the register's person with the same citizen ID, else the same
        folded name, birth year and unit; else a new (unsaved) one, shared by the rows that
        name the same new person."""
        citizen_id = data["citizen_id"]
        key = (fold(data["full_name"]), data["birth_year"], data["unit"].pk)
        person = (self.by_citizen_id.get(citizen_id) if citizen_id else None) or (
            self.by_identity.get(key)
        )
        if person is not None:
            return person, False
        person = (self.new_by_citizen_id.get(citizen_id) if citizen_id else None) or (
            self.new_by_identity.get(key)
        )
        if person is None:
            person = Person(**data)
            person.name_folded = key[0]
            if citizen_id:
                self.new_by_citizen_id[citizen_id] = person
            self.new_by_identity[key] = person
        return person, True


def _citizen_id(value) -> str:
    """Digits of a citizen ID; a number cell lost its leading zero (IDs start with the
    province code "0xx"), which is given back."""
    text = "".join(_text(value).split())
    if isinstance(value, int | float) and text.isdigit():
        text = (
            text.zfill(12) if len(text) in (10, 11) else text.zfill(9) if len(text) == 8 else text
        )
    return text


def _parse(rows, *, dossier: Dossier, actor, report: EntryImportReport) -> list[PreviewRow]:
    """Unsaved entries for the rows, or errors in `report` naming row and column."""
    on = dossier.date or timezone.localdate()
    units = _Units(actor, on)
    forms = _Forms(dossier.campaign)
    people = _People(actor, rows)
    this_year = timezone.localdate().year
    parsed = []
    for number, raw in rows:
        value = {key: _text(raw[key]) for key in COLUMNS}
        errors = []

        def fail(key, message, number=number, errors=errors):
            errors.append(RowError(number, COLUMNS[key], message))

        for key in REQUIRED:
            if not value[key]:
                fail(key, _("Required."))
        for key, limit in MAX_LENGTH.items():
            if len(value[key]) > limit:
                fail(key, _("At most %(max)d characters.") % {"max": limit})
        subject = SUBJECT_WORDS.get(fold(value["subject"]))
        if value["subject"] and subject is None:
            fail("subject", _('Write "Cá nhân", "Tập thể" or "Hộ gia đình".'))
        individual = subject == SubjectKind.INDIVIDUAL
        if individual:
            for key in REQUIRED_FOR_INDIVIDUAL:
                if not value[key]:
                    fail(key, _("Required for an individual."))
        gender = ""
        if value["gender"] and individual:
            gender = GENDER_WORDS.get(fold(value["gender"]), "")
            if not gender:
                fail("gender", _('Write "Nam" or "Nữ".'))
        birth_year = None
        if value["birth_year"] and individual:
            birth_year = int(value["birth_year"]) if value["birth_year"].isdigit() else None
            if birth_year is None or not 1900 <= birth_year <= this_year:
                birth_year = None
                fail("birth_year", _("Not a year between 1900 and %(max)d.") % {"max": this_year})
        citizen_id = _citizen_id(raw["citizen_id"]) if individual else ""
        if citizen_id and not (citizen_id.isdigit() and len(citizen_id) in (9, 12)):
            fail("citizen_id", _("A citizen ID number has 12 digits (or 9 for an old one)."))
        unit = dossier.proposing_unit
        if value["unit"]:
            unit, message = units.find(value["unit"])
            if message:
                fail("unit", message)
        form = forms.find(value["form"]) if value["form"] else None
        if value["form"] and form is None:
            fail("form", _("The campaign does not offer a form of this name or code."))
        elif form is not None and subject is not None and not form.allows(subject):
            fail("form", _("This form is not given to this kind of subject."))
        if errors:
            report.errors += errors
            continue

        entry = Entry(
            dossier=dossier,
            campaign=dossier.campaign,
            subject_kind=subject,
            requested_form=form,
            proposed_form=form,
            achievement=value["achievement"],
        )
        row = PreviewRow(number=number, entry=entry)
        if individual:
            person, is_new = people.match(
                {
                    "full_name": value["name"],
                    "gender": gender or "",
                    "birth_year": birth_year,
                    "ethnicity": value["ethnicity"],
                    "position": value["position"],
                    "citizen_id": citizen_id,
                    "unit": unit,
                }
            )
            entry.person, entry.unit = person, person.unit
            row.new_person, row.reused_person = is_new, not is_new
        elif subject == SubjectKind.COLLECTIVE:
            itself = None if value["unit"] else units.named_exactly(value["name"])
            entry.unit = itself or unit
            entry.group_name = "" if itself else value["name"]
        else:
            entry.unit, entry.group_name = unit, value["name"]
            if match := _HOUSEHOLD_HEAD.match(value["name"]):
                entry.head_name = match["head"][:200]
        # display_name reads person_id, which a new person does not have yet.
        entry.nominee_name = entry.person.full_name if individual else entry.display_name
        entry.nominee_name_folded = fold(entry.nominee_name)
        parsed.append(row)
    return parsed


def _refuse_twice_proposed(parsed, *, dossier: Dossier, report: EntryImportReport) -> None:
    """One active entry per person, campaign and form: in the campaign and within the file."""
    saved_ids = {r.entry.person.pk for r in parsed if r.entry.person and r.entry.person.pk}
    taken = set()
    for chunk in _chunks(saved_ids):
        taken.update(
            Entry.objects.filter(
                campaign_id=dossier.campaign_id,
                status__in=ACTIVE_ENTRY_STATUSES,
                subject_kind=SubjectKind.INDIVIDUAL,
                person_id__in=chunk,
            ).values_list("person_id", "proposed_form_id")
        )
    seen = {}
    for row in parsed:
        entry = row.entry
        if entry.subject_kind != SubjectKind.INDIVIDUAL:
            continue
        if entry.person.pk and (entry.person.pk, entry.proposed_form.pk) in taken:
            report.errors.append(
                RowError(
                    row.number,
                    COLUMNS["name"],
                    _("This person already has an active entry for this form in this campaign."),
                )
            )
            continue
        key = (id(entry.person), entry.proposed_form.pk)
        if key in seen:
            report.errors.append(
                RowError(
                    row.number,
                    COLUMNS["name"],
                    _("The same person and form as row %(row)d.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.number


def _sort_errors(report: EntryImportReport) -> None:
    order = list(COLUMNS.values())
    report.errors.sort(
        key=lambda e: (e.row, order.index(e.column) if e.column in order else len(order))
    )


def import_entries(
    *, dossier: Dossier, actor, data: bytes, dry_run: bool, limit: int | None = None
) -> EntryImportReport:
    """Check (dry run) or save the rows of an .xlsx file as entries of `dossier`, all or none.

    Preconditions: the dossier is a draft or returned and `actor` is an officer of its proposing
    unit (WorkflowError otherwise, from `services._require_editable`). The dry run also runs
    the awards checks of every new row (with the dossier's entries and the other rows as open
    proposals). Saving locks the dossier, validates everything again, creates the new people
    of the register and the entries with bulk_create, and saves nothing when any row is wrong.
    """
    from nominations.selectors import dossier_entries_checks
    from nominations.services import _lock, _require_editable

    report = EntryImportReport()
    try:
        rows = read_rows(data, limit=limit or max_rows())
    except ImportFileError as exc:
        report.file_error = str(exc)
        return report
    report.total = len(rows)
    with transaction.atomic():
        if not dry_run:
            dossier = _lock(dossier)
        _require_editable(dossier, actor)
        dossier = Dossier.objects.select_related("campaign", "proposing_unit").get(pk=dossier.pk)
        parsed = _parse(rows, dossier=dossier, actor=actor, report=report)
        if not report.errors:
            _refuse_twice_proposed(parsed, dossier=dossier, report=report)
        if report.errors:
            _sort_errors(report)
            return report
        report.rows = parsed
        report.new_people = len({id(r.entry.person) for r in parsed if r.new_person})
        report.reused_people = len({r.entry.person.pk for r in parsed if r.reused_person})
        if dry_run:
            existing = list(
                dossier.entries.filter(status__in=ACTIVE_ENTRY_STATUSES).select_related(
                    "person__unit", "unit", "proposed_form"
                )
            )
            new = [r.entry for r in parsed]
            results = dossier_entries_checks(dossier=dossier, entries=[*existing, *new])
            for row, checks in zip(parsed, results[len(existing) :], strict=True):
                row.checks = checks
            return report
        try:
            with transaction.atomic():
                _save(dossier, parsed)
        except IntegrityError:  # a concurrent entry for the same person and form
            report.rows = []
            report.file_error = _(
                "Someone added an entry for one of these people meanwhile; check the file again."
            )
            return report
        report.imported = len(parsed)
    return report


def _save(dossier: Dossier, parsed: list[PreviewRow]) -> None:
    new_people = {id(r.entry.person): r.entry.person for r in parsed if r.new_person}
    for person in new_people.values():
        person.name_folded = fold(person.full_name)
    Person.objects.bulk_create(list(new_people.values()), batch_size=CHUNK)
    position = dossier.entries.aggregate(m=Max("position"))["m"] or 0
    entries = []
    for offset, row in enumerate(parsed, start=1):
        entry = row.entry
        entry.position = position + offset
        if entry.person is not None:
            entry.person_id = entry.person.pk  # the new people have their ids now
        entries.append(entry)
    Entry.objects.bulk_create(entries, batch_size=CHUNK)
    recount_entries([dossier.pk])
    analyze_after_commit(len(entries), Entry, Person)


def previews_clear(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Delete the uploads waiting for a confirmation that never came (the officer left the
    preview): files of PREVIEW_DIR last written more than `older_than` ago. Returns how many.
    A preview older than that is expired anyway: the session that named it has ended or the
    officer uploads again."""
    from django.core.files.storage import default_storage

    now = now or timezone.now()
    try:
        _dirs, files = default_storage.listdir(PREVIEW_DIR)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{PREVIEW_DIR}/{name}"
        if now - default_storage.get_modified_time(path) > older_than:
            default_storage.delete(path)
            removed += 1
    return removed
