"""Writes of reports: a unit's results against campaign targets, and the summary report."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to
from campaigns.choices import CampaignStatus
from campaigns.models import Campaign, DocumentType, ItemTarget, Unit
from campaigns.services import issuer_defaults, register_allocate
from nominations.workflow import actor_unit
from reports.choices import SummaryStatus
from reports.models import CampaignSummary, TargetResult

SUMMARY_TYPE = "BC"
SUMMARY_OBJECT_TYPE = "reports.campaignsummary"


def may_report_for(actor, unit: Unit) -> bool:
    """An officer of the unit (or of a unit above it) reports its results."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if not (actor.is_superuser or actor.has_role(Role.OFFICER)):
        return False
    ids = unit_ids_visible_to(actor)
    return ids is None or unit.pk in ids


@transaction.atomic
def target_results_save(
    *, campaign: Campaign, unit: Unit, actor, values: dict[int, tuple]
) -> list[TargetResult]:
    """Record `unit`'s results: {target id: (value or None, comment)}.

    Preconditions: the actor may report for the unit; every target belongs to the campaign.
    A target left empty removes the unit's earlier result for it. All or nothing.
    """
    if not may_report_for(actor, unit):
        raise PermissionDenied
    targets = set(
        ItemTarget.objects.filter(item__campaign=campaign, pk__in=values).values_list(
            "pk", flat=True
        )
    )
    if targets != set(values):
        raise ValidationError(_("A target does not belong to this campaign."))
    saved = []
    for target_id, (value, comment) in values.items():
        if value is None:
            TargetResult.objects.filter(target_id=target_id, unit=unit).delete()
            continue
        result, _created = TargetResult.objects.update_or_create(
            target_id=target_id,
            unit=unit,
            defaults={"value": value, "comment": comment or "", "reported_by": actor},
        )
        saved.append(result)
    return saved


def summary_issuer(campaign: Campaign) -> Unit | None:
    """The unit that reports on the campaign: its first issuer."""
    lead = campaign.lead_issuer
    return lead.unit if lead else None


def writes_summaries(actor) -> bool:
    """Officers and leaders write summaries (of the issuers in their scope)."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return actor.is_superuser or actor.has_role(Role.OFFICER) or actor.has_role(Role.LEADER)


def may_issue_summary(actor, summary_or_issuer) -> bool:
    """Officers and leaders whose scope holds the issuer write and issue its summary."""
    issuer = getattr(summary_or_issuer, "issuer", summary_or_issuer)
    if not writes_summaries(actor):
        return False
    ids = unit_ids_visible_to(actor)
    return ids is None or issuer.pk in ids


def results_unit(actor) -> Unit | None:
    """The unit whose results `actor` enters on a campaign's results page, or None when they
    enter none (not an officer, or no unit)."""
    unit = actor_unit(actor) if actor.is_authenticated else None
    return unit if unit is not None and may_report_for(actor, unit) else None


def summary_get_or_create(*, campaign: Campaign, issuer: Unit) -> CampaignSummary:
    """The (draft) summary of `campaign` by `issuer`, created with the issuer's defaults."""
    summary, _created = CampaignSummary.objects.get_or_create(
        campaign=campaign,
        issuer=issuer,
        defaults={
            "abbreviation": issuer_defaults(issuer)["abbreviation"] or "UBND",
            "recipients": "\n".join(
                [
                    "Ban Thi đua - Khen thưởng Trung ương (b/c);",
                    "Thường trực Tỉnh ủy (b/c);",
                    "Các đơn vị tham gia phong trào;",
                    "Lưu: VT.",
                ]
            ),
        },
    )
    return summary


@transaction.atomic
def summary_update(*, summary: CampaignSummary, actor, **changes) -> CampaignSummary:
    """Change the text of a draft summary (assessment, signer, recipients)."""
    summary = CampaignSummary.objects.select_for_update().get(pk=summary.pk)
    if not may_issue_summary(actor, summary):
        raise PermissionDenied
    if summary.is_issued:
        raise ValidationError(_("This report has been issued and can no longer be changed."))
    allowed = {"assessment", "signer_name", "signer_title", "recipients"}
    for field, value in changes.items():
        if field not in allowed:
            raise ValueError(field)
        setattr(summary, field, value)
    summary.save(update_fields=list(changes))
    return summary


@transaction.atomic
def summary_issue(
    *, summary: CampaignSummary, actor, on: datetime.date | None = None, render=None
) -> CampaignSummary:
    """Number the report in the issuer's BC register, date it and store its PDF (frozen).

    Preconditions: a draft, a signer's name, an actor allowed for the issuer. Side effects:
    one number taken from the (issuer, BC, year) register, locked (no gap, no duplicate), and
    the PDF rendered from the figures of this moment and stored with the report. `render`
    is the function that makes the PDF bytes (reports.document.summary_pdf).
    """
    summary = CampaignSummary.objects.select_for_update().get(pk=summary.pk)
    if not may_issue_summary(actor, summary):
        raise PermissionDenied
    if summary.is_issued:
        raise ValidationError(_("This report was already issued."))
    if not summary.signer_name.strip():
        raise ValidationError({"signer_name": _("Enter the name of the person who signs.")})
    on = on or timezone.localdate()
    summary.number = register_allocate(
        unit=summary.issuer,
        doc_type=DocumentType.objects.get(abbreviation=SUMMARY_TYPE),
        year=on.year,
        issued_on=on,
        object_type=SUMMARY_OBJECT_TYPE,
        object_id=summary.pk,
        summary=f"Báo cáo tổng kết {summary.campaign.title}",
    )
    summary.date = on
    summary.status = SummaryStatus.ISSUED
    summary.issued_by = actor
    summary.issued_at = timezone.now()
    if render is None:
        from reports.document import summary_pdf as render
    pdf = render(summary)
    name = f"bao-cao-{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
    summary.pdf.save(name, ContentFile(pdf), save=False)
    summary.save()
    return summary


def campaign_page_links(campaign: Campaign, user) -> list[tuple[str, str]]:
    """The reports' links on a campaign's page (campaigns.views.PAGE_LINKS): the results of the
    officer's unit against the targets, and the summary report for those who write it."""
    if campaign.status == CampaignStatus.DRAFT or not user.is_authenticated:
        return []
    links = []
    if (
        results_unit(user) is not None
        and ItemTarget.objects.filter(item__campaign=campaign).exists()
    ):
        links.append(
            (_("Results against the targets"), reverse("reports:results", args=[campaign.pk]))
        )
    issuer = summary_issuer(campaign)
    if issuer is not None and may_issue_summary(user, issuer):
        links.append((_("Campaign summary report"), reverse("reports:summary", args=[campaign.pk])))
    return links
