"""Where the variable text of a certificate goes on a pre-printed blank."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def _mm(label, default):
    return models.DecimalField(label, max_digits=6, decimal_places=1, default=Decimal(default))


class CertificateLayout(models.Model):
    """Offsets in millimetres from the top-left corner of an A4 landscape blank."""

    name = models.CharField(_("name"), max_length=200)
    form = models.OneToOneField(
        "awards.AwardForm",
        verbose_name=_("award form"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_layout",
        help_text=_("Empty: the layout used for every form without one of its own."),
    )
    font_size_pt = _mm(_("font size (pt)"), "16")
    text_width_mm = _mm(_("width of the text lines (mm)"), "200")
    recipient_x_mm = _mm(_("recipient: from the left (mm)"), "48.5")
    recipient_y_mm = _mm(_("recipient: from the top (mm)"), "92")
    unit_x_mm = _mm(_("position and unit: from the left (mm)"), "48.5")
    unit_y_mm = _mm(_("position and unit: from the top (mm)"), "106")
    achievement_x_mm = _mm(_("achievement: from the left (mm)"), "48.5")
    achievement_y_mm = _mm(_("achievement: from the top (mm)"), "120")
    decision_x_mm = _mm(_("decision number: from the left (mm)"), "25")
    decision_y_mm = _mm(_("decision number: from the top (mm)"), "170")
    date_x_mm = _mm(_("place and date: from the left (mm)"), "160")
    date_y_mm = _mm(_("place and date: from the top (mm)"), "150")
    signer_x_mm = _mm(_("signer's name: from the left (mm)"), "160")
    signer_y_mm = _mm(_("signer's name: from the top (mm)"), "185")
    qr_x_mm = _mm(_("QR code: from the left (mm)"), "25")
    qr_y_mm = _mm(_("QR code: from the top (mm)"), "140")
    qr_size_mm = _mm(_("QR code: size (mm)"), "24")

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        ordering = ["form__name", "name"]
        constraints = [
            # At most one default layout (form empty): NULLs are distinct in a plain index.
            models.UniqueConstraint(Coalesce("form", 0), name="certificate_layout_one_per_form"),
        ]

    def __str__(self):
        return self.name
