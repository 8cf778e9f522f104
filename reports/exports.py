"""Excel exports of the lists (django-import-export resources, Vietnamese headers) and the
national commendation export of issued awards (CSV and JSON; docs/national-export-schema.md).

Each list is read through the selector of the page that shows it, with the same query string,
so that a file holds exactly the rows of the filtered list on screen; the dashboard's `unit`
filter narrows every list to a unit's subtree. No export carries a citizen ID number, a birth
date or a phone number."""

import csv
import io
import json

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export import fields, resources

from awards.choices import SubjectKind
from awards.models import Award
from awards.selectors import award_register
from campaigns.selectors import campaign_list
from decisions.selectors import decision_list
from documents.vietnamese import form_date
from nominations.models import Entry
from nominations.selectors import dossier_list
from reports.choices import ExportKind
from reports.selectors import _int, filters_from

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Column headers carry their own context ("export column"), so that other apps' translations of
# the same English word do not change the file's headers.
def _field(attribute, header, **kwargs):
    return fields.Field(attribute=attribute, column_name=header, readonly=True, **kwargs)


class CampaignResource(resources.Resource):
    number = _field("number_text", pgettext_lazy("export column", "Number"))
    date = _field("short_issue_date", pgettext_lazy("export column", "Date of issue"))
    issuers = _field("issuers_short", pgettext_lazy("export column", "Issuing units"))
    title = _field("title", pgettext_lazy("export column", "Title"))
    kind = _field("get_kind_display", pgettext_lazy("export column", "Kind"))
    status = _field("get_status_display", pgettext_lazy("export column", "Status"))
    start = _field("period_start", pgettext_lazy("export column", "Start"))
    end = _field("period_end", pgettext_lazy("export column", "End"))
    deadline = _field("nomination_deadline", pgettext_lazy("export column", "Nomination deadline"))

    def dehydrate_start(self, obj):
        return form_date(obj.period_start)

    def dehydrate_end(self, obj):
        return form_date(obj.period_end)

    def dehydrate_deadline(self, obj):
        return form_date(obj.nomination_deadline)


class DossierResource(resources.Resource):
    number = _field("number_text", pgettext_lazy("export column", "Number"))
    date = _field("date", pgettext_lazy("export column", "Date"))
    proposing_unit = _field(
        "proposing_unit__name", pgettext_lazy("export column", "Proposing unit")
    )
    campaign = _field("campaign__title", pgettext_lazy("export column", "Campaign"))
    summary = _field("summary", pgettext_lazy("export column", "Summary"))
    status = _field("get_status_display", pgettext_lazy("export column", "Status"))
    current_level = _field("current_level__name", pgettext_lazy("export column", "Held at"))
    entries = _field("entry_count", pgettext_lazy("export column", "Entries"))

    def dehydrate_number(self, obj):
        return obj.number_text.strip() if obj.number else ""

    def dehydrate_date(self, obj):
        return form_date(obj.date)


class EntryResource(resources.Resource):
    dossier = _field("dossier", pgettext_lazy("export column", "Dossier"))
    proposing_unit = _field(
        "dossier__proposing_unit__name", pgettext_lazy("export column", "Proposing unit")
    )
    campaign = _field("campaign__title", pgettext_lazy("export column", "Campaign"))
    subject = _field("get_subject_kind_display", pgettext_lazy("export column", "Subject"))
    name = _field("nominee_name", pgettext_lazy("export column", "Name"))
    gender = _field("person__gender", pgettext_lazy("export column", "Gender"))
    birth_year = _field("person__birth_year", pgettext_lazy("export column", "Birth year"))
    position = _field("person__position", pgettext_lazy("export column", "Position"))
    unit = _field("unit__name", pgettext_lazy("export column", "Unit"))
    requested = _field("requested_form__name", pgettext_lazy("export column", "Form requested"))
    proposed = _field("proposed_form__name", pgettext_lazy("export column", "Form now proposed"))
    status = _field("get_status_display", pgettext_lazy("export column", "Status"))
    achievement = _field("achievement", pgettext_lazy("export column", "Summary of achievements"))

    def dehydrate_dossier(self, obj):
        dossier = obj.dossier
        return dossier.number_text.strip() if dossier.number else f"#{dossier.pk}"

    def dehydrate_gender(self, obj):
        return obj.person.get_gender_display() if obj.person_id else ""


class DecisionResource(resources.Resource):
    number = _field("number_text", pgettext_lazy("export column", "Number"))
    date = _field("date", pgettext_lazy("export column", "Date"))
    issuer = _field("issuer__name", pgettext_lazy("export column", "Issuer"))
    campaign = _field("campaign__title", pgettext_lazy("export column", "Campaign"))
    form = _field("form__name", pgettext_lazy("export column", "Award form"))
    title = _field("title", pgettext_lazy("export column", "Summary"))
    status = _field("get_status_display", pgettext_lazy("export column", "Status"))
    awardees = _field("awardee_count", pgettext_lazy("export column", "Awardees"))

    def dehydrate_number(self, obj):
        return obj.number_text if obj.number else ""

    def dehydrate_date(self, obj):
        return form_date(obj.date)


class AwardResource(resources.Resource):
    name = _field("recipient_name", pgettext_lazy("export column", "Recipient"))
    subject = _field("get_subject_kind_display", pgettext_lazy("export column", "Subject"))
    position = _field("person__position", pgettext_lazy("export column", "Position"))
    unit = _field("unit__name", pgettext_lazy("export column", "Unit"))
    form = _field("form__name", pgettext_lazy("export column", "Award form"))
    campaign = _field("campaign__title", pgettext_lazy("export column", "Campaign"))
    decision_number = _field("decision_number", pgettext_lazy("export column", "Decision number"))
    decision_date = _field("decision_date", pgettext_lazy("export column", "Decision date"))
    issuer = _field("decision_issuer", pgettext_lazy("export column", "Decided by"))
    amount = _field("amount", pgettext_lazy("export column", "Amount (đồng)"))
    is_revoked = _field("revoked", pgettext_lazy("export column", "Revoked"))

    def dehydrate_position(self, obj):
        if obj.subject_kind == SubjectKind.COLLECTIVE or not obj.person_id:
            return ""
        return obj.person.position

    def dehydrate_decision_date(self, obj):
        return form_date(obj.decision_date)

    def dehydrate_is_revoked(self, obj):
        return str(_("Yes")) if obj.revoked else ""


# -- the filtered querysets --------------------------------------------------------------------


def _unit_q(unit_ids, *names) -> Q:
    if unit_ids is None:
        return Q()
    q = Q(pk__in=[])
    for name in names:
        q |= Q(**{f"{name}__in": unit_ids})
    return q


def export_queryset(kind: str, *, user, params):
    """The rows of list `kind` that the page would show with `params` (404 out of scope)."""
    filters = filters_from(user=user, params=params)
    ids = filters.unit_ids if filters.unit else None
    if kind == ExportKind.CAMPAIGNS:
        qs = campaign_list(user=user, params=params)
        if ids is not None:
            from campaigns.models import CampaignIssuer

            qs = qs.filter(
                pk__in=CampaignIssuer.objects.filter(unit_id__in=ids).values("campaign_id")
            )
        return qs.order_by("-issue_year", "-issue_month", "-issue_day", "-pk")
    if kind == ExportKind.DOSSIERS:
        return dossier_list(user=user, params=params).filter(_unit_q(ids, "proposing_unit_id"))
    if kind == ExportKind.ENTRIES:
        dossiers = dossier_list(user=user, params=params).filter(_unit_q(ids, "proposing_unit_id"))
        qs = Entry.objects.filter(dossier__in=dossiers.values("pk"))
        if filters.level:
            qs = qs.filter(proposed_form__authority_level=filters.level)
        return qs.select_related(
            "dossier__proposing_unit",
            "campaign",
            "person",
            "unit",
            "requested_form",
            "proposed_form",
        ).order_by("dossier_id", "position", "pk")
    if kind == ExportKind.DECISIONS:
        return decision_list(user=user, params=params).filter(_unit_q(ids, "issuer_id"))
    if kind == ExportKind.AWARDS:
        year, form = _int(params, "year"), _int(params, "form")
        subject = params.get("subject")
        qs = award_register(
            user=user,
            query=str(params.get("q", "")).strip(),
            form_id=form,
            subject_kind=subject if subject in SubjectKind.values else "",
            year=year,
            include_revoked=params.get("revoked") != "0",
        ).filter(_unit_q(ids, "unit_id"))
        if filters.campaign:
            qs = qs.filter(campaign=filters.campaign)
        if filters.level:
            qs = qs.filter(form__authority_level=filters.level)
        return qs.select_related("campaign")
    raise ValueError(kind)


RESOURCES = {
    ExportKind.CAMPAIGNS: CampaignResource,
    ExportKind.DOSSIERS: DossierResource,
    ExportKind.ENTRIES: EntryResource,
    ExportKind.DECISIONS: DecisionResource,
    ExportKind.AWARDS: AwardResource,
}


def export_xlsx(kind: str, queryset) -> bytes:
    """The workbook of `queryset` with the Vietnamese headers of the active language."""
    dataset = RESOURCES[kind]().export(queryset=queryset)
    dataset.headers = [str(header) for header in dataset.headers]
    dataset.title = str(ExportKind(kind).label)[:31]
    return dataset.export("xlsx")


# -- the national commendation database -----------------------------------------------------------

SCHEMA_ID = "langson-thidua/national-awards"
SCHEMA_VERSION = "1.0"
SOURCE_SYSTEM = "thidua-langson"
# The record, in order (docs/national-export-schema.md documents each key).
NATIONAL_FIELDS = [
    "source_system",
    "source_id",
    "subject_kind",
    "recipient_name",
    "gender",
    "birth_year",
    "ethnicity",
    "position",
    "unit_name",
    "unit_code",
    "proposing_unit_name",
    "award_form_code",
    "award_form_name",
    "award_kind",
    "authority_level",
    "campaign_title",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "amount_vnd",
    "revoked",
    "revoking_decision_number",
    "revoking_decision_date",
]


def national_queryset(*, user, params):
    """Register rows for the national database: standing awards in scope (`revoked=1` adds the
    revoked ones, flagged), filtered by year, campaign, form, unit and level."""
    filters = filters_from(user=user, params=params)
    qs = Award.objects.all() if params.get("revoked") == "1" else Award.objects.standing()
    qs = qs.filter(Q() if filters.unit_ids is None else Q(unit_id__in=filters.unit_ids))
    if filters.year:
        qs = qs.filter(decision_date__year=filters.year)
    if filters.campaign:
        qs = qs.filter(campaign=filters.campaign)
    if filters.level:
        qs = qs.filter(form__authority_level=filters.level)
    if (form := _int(params, "form")) is not None:
        qs = qs.filter(form_id=form)
    # Only the columns of the schema are read: no citizen ID, birth date or phone is fetched.
    return qs.order_by("decision_date", "pk").values(
        "pk",
        "subject_kind",
        "recipient_name",
        "person__gender",
        "person__birth_year",
        "person__ethnicity",
        "person__position",
        "unit__name",
        "unit__code",
        "proposing_unit__name",
        "form__code",
        "form__name",
        "form__kind",
        "form__authority_level",
        "campaign__title",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "amount",
        "revoked",
        "revoking_decision_number",
        "revoking_decision_date",
    )


def national_record(row: dict) -> dict:
    individual = row["subject_kind"] == SubjectKind.INDIVIDUAL
    revoking_date = row["revoking_decision_date"]
    return {
        "source_system": SOURCE_SYSTEM,
        "source_id": row["pk"],
        "subject_kind": row["subject_kind"],
        "recipient_name": row["recipient_name"],
        "gender": (row["person__gender"] or None) if individual else None,
        "birth_year": row["person__birth_year"] if individual else None,
        "ethnicity": (row["person__ethnicity"] or None) if individual else None,
        "position": (row["person__position"] or None) if individual else None,
        "unit_name": row["unit__name"],
        "unit_code": row["unit__code"] or None,
        "proposing_unit_name": row["proposing_unit__name"],
        "award_form_code": row["form__code"],
        "award_form_name": row["form__name"],
        "award_kind": row["form__kind"],
        "authority_level": row["form__authority_level"],
        "campaign_title": row["campaign__title"],
        "decision_number": row["decision_number"] or None,
        "decision_date": row["decision_date"].isoformat(),
        "decision_issuer": row["decision_issuer"] or None,
        "amount_vnd": row["amount"],
        "revoked": row["revoked"],
        "revoking_decision_number": row["revoking_decision_number"] or None,
        "revoking_decision_date": revoking_date.isoformat() if revoking_date else None,
    }


def national_json(rows) -> str:
    records = [national_record(row) for row in rows.iterator(chunk_size=2000)]
    return json.dumps(
        {
            "schema": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "count": len(records),
            "awards": records,
        },
        ensure_ascii=False,
        indent=1,
    )


def national_csv(rows):
    """CSV lines (UTF-8 with a byte-order mark, so that Excel reads the diacritics)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=NATIONAL_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    yield "\ufeff" + buffer.getvalue()
    for row in rows.iterator(chunk_size=2000):
        buffer.seek(0)
        buffer.truncate()
        record = national_record(row)
        record["revoked"] = "true" if record["revoked"] else "false"
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
        yield buffer.getvalue()
