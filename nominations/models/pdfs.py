"""Documents too long to render in a request (a dossier's tờ trình, a council's minutes),
rendered in the background on request and kept."""

import datetime
import logging
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.labels import ChoiceLabels
from nominations.choices import PDF_RENDER_BADGE, PdfRenderStatus

from .council import CouncilSession
from .dossiers import Dossier

STALE_AFTER = datetime.timedelta(hours=1)
logger = logging.getLogger(__name__)


def _render_path(instance, filename: str) -> str:
    return f"{instance.FOLDER}/{instance.owner_id}/{secrets.token_urlsafe(24)}.pdf"


class PdfRendering(ChoiceLabels, models.Model):
    """One rendering of a long document: what it printed when it was rendered. A concrete
    rendering names its document's owner (OWNER, a foreign key) and the folder of its files."""

    OWNER = ""
    FOLDER = ""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PdfRenderStatus.choices,
        default=PdfRenderStatus.QUEUED,
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    file = models.FileField(_("file"), upload_to=_render_path, max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{getattr(self, self.OWNER)} – {self.requested_at:%d/%m/%Y %H:%M}"

    @property
    def owner_id(self) -> int:
        return getattr(self, f"{self.OWNER}_id")

    @property
    def status_badge(self) -> str:
        return PDF_RENDER_BADGE.get(self.status, "secondary")

    @property
    def in_progress(self) -> bool:
        """Waiting or running, and asked less than STALE_AFTER ago (a worker that died leaves
        its rendering "running": after that long, the document may be rendered again)."""
        pending = (PdfRenderStatus.QUEUED, PdfRenderStatus.RENDERING)
        return self.status in pending and self.requested_at > timezone.now() - STALE_AFTER


class DossierPdf(PdfRendering):
    """One rendering of a dossier's tờ trình with its list: the dossier as it stood when it
    was rendered. A dossier of more than NOMINATION_PDF_BACKGROUND_ENTRIES entries takes
    longer to render than a request may last: it is rendered by a task, and kept."""

    OWNER = "dossier"
    FOLDER = "dossier-pdfs"

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="pdf_renders"
    )

    class Meta(PdfRendering.Meta):
        verbose_name = _("rendered proposal (PDF)")
        verbose_name_plural = _("rendered proposals (PDF)")

    def get_absolute_url(self):
        return reverse("nominations:dossier_pdf_file", args=[self.dossier_id, self.pk])


class MinutesPdf(PdfRendering):
    """One rendering of a council session's minutes (biên bản): a draft while the session is
    open, the minutes as closed after. A session of more than NOMINATION_PDF_BACKGROUND_ENTRIES
    entries is rendered by a task, and kept; closing it asks for its rendering."""

    OWNER = "session"
    FOLDER = "minutes-pdfs"

    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("council session"),
        on_delete=models.CASCADE,
        related_name="minutes_renders",
    )
    draft = models.BooleanField(
        _("draft"), default=True, help_text=_("Rendered while the session was open.")
    )

    class Meta(PdfRendering.Meta):
        verbose_name = _("rendered minutes (PDF)")
        verbose_name_plural = _("rendered minutes (PDF)")

    def get_absolute_url(self):
        return reverse("nominations:council_minutes_file", args=[self.session_id, self.pk])


def delete_file(name: str) -> None:
    """Delete a rendered file; a failure is logged, never raised (the rendering stands)."""
    try:
        DossierPdf._meta.get_field("file").storage.delete(name)
    except OSError:
        logger.exception("deleting the rendered file %s failed", name)


@receiver(post_delete, sender=DossierPdf)
@receiver(post_delete, sender=MinutesPdf)
def delete_rendered_file(sender, instance, **kwargs):
    """A rendering deleted (kept no longer, its owner deleted, or in the admin): its file
    too, once the deletion is committed."""
    if name := instance.file.name:
        transaction.on_commit(lambda: delete_file(name))
