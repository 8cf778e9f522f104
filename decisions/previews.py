"""The preview of a draft decision of many awardees, rendered in the background and kept
(`nominations.renderings`): WeasyPrint takes about 1 s per 100 rows of the list."""

from decisions import document
from decisions.models import Decision, DecisionPreviewPdf
from decisions.models.decision import DecisionLocked, locked_message
from decisions.tasks import render_decision_preview
from nominations.renderings import Rendered, RenderingKind


def _refuse_issued(decision: Decision) -> None:
    """An issued decision has its signed PDF, and no preview (checked under its row lock: a
    request waiting on the signing finds it signed)."""
    if decision.is_issued:
        raise DecisionLocked(locked_message())


def _render_preview(decision_id: int) -> Rendered:
    from documents.pdf import render_pdf

    decision = Decision.objects.select_related("issuer", "doc_type", "form").get(pk=decision_id)
    _refuse_issued(decision)
    awardees = list(
        decision.decision_awards.select_related("entry", "unit").order_by("position", "pk")
    )
    ctx = document.decision_context(decision, awardees=awardees)
    return Rendered(render_pdf(document.DECISION_TEMPLATE, ctx), len(awardees), {})


PREVIEW_RENDERING = RenderingKind(
    DecisionPreviewPdf, _render_preview, render_decision_preview, check=_refuse_issued
)


def preview_file_name(decision: Decision, rendered_at=None) -> str:
    from django.utils import timezone

    at = f" {timezone.localtime(rendered_at):%Y%m%d-%H%M}" if rendered_at else ""
    return f"Dự thảo quyết định {decision.pk}{at}.pdf"
