"""Previews of a draft decision too long to render in a request, rendered in the background."""

from django.db import models
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nominations.models.pdfs import PdfRendering, delete_rendered_file

from .decision import Decision


class DecisionPreviewPdf(PdfRendering):
    """One preview of a draft decision with its list, marked "DỰ THẢO": the draft as it
    stood when it was rendered. A draft of more awardees than DECISIONS_BACKGROUND_THRESHOLD
    (the signed PDF's) is rendered by a task and kept; signing deletes its previews (the
    signed PDF is stored on the decision)."""

    OWNER = "decision"
    FOLDER = "decision-previews"

    decision = models.ForeignKey(
        Decision,
        verbose_name=pgettext_lazy("award", "decision"),
        on_delete=models.CASCADE,
        related_name="preview_renders",
    )

    class Meta(PdfRendering.Meta):
        verbose_name = _("rendered draft decision (PDF)")
        verbose_name_plural = _("rendered draft decisions (PDF)")

    def get_absolute_url(self):
        return reverse("decisions:preview_file", args=[self.decision_id, self.pk])


post_delete.connect(delete_rendered_file, sender=DecisionPreviewPdf)
