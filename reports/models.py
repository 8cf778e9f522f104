"""What reports keep of their own: units' results against campaign targets, the keywords that
classify positions as direct workers or farmers, and the campaign summaries (BÁO CÁO)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.collation import Vietnamese
from documents.labels import ChoiceLabels
from reports.choices import SUMMARY_STATUS_BADGE, SummaryStatus, WorkerCategory


class TargetResult(models.Model):
    """What one unit achieved against one measurable target of a campaign (tổng kết)."""

    target = models.ForeignKey(
        "campaigns.ItemTarget",
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("result"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)

    class Meta:
        verbose_name = _("result against a target")
        verbose_name_plural = _("results against targets")
        ordering = ["target", Vietnamese("unit__name")]
        constraints = [
            models.UniqueConstraint(fields=["target", "unit"], name="target_result_once_per_unit")
        ]

    def __str__(self):
        return f"{self.unit} · {self.target}: {self.value}"


class WorkerKeyword(ChoiceLabels, models.Model):
    """A word of a person's position that marks a direct worker or a farmer.

    The register has no "direct worker" field: the position text is what units type
    ("Công nhân Nhà máy xi măng", "Nông dân thôn Nà Lệnh"), so statistics match these words
    (case-insensitive), and an admin adds the local wordings.
    """

    keyword = models.CharField(
        _("keyword"),
        max_length=100,
        unique=True,
        help_text=_('Lower case, with diacritics, as typed in positions: "công nhân".'),
    )
    category = models.CharField(_("category"), max_length=10, choices=WorkerCategory.choices)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("direct worker keyword")
        verbose_name_plural = _("direct worker keywords")
        ordering = ["category", "keyword"]

    def __str__(self):
        return self.keyword


def _summary_pdf_path(instance, filename):
    # A random part: stored reports are served through a permission-checked view only.
    return f"reports/{instance.year or 'draft'}/{instance.pk}-{secrets.token_urlsafe(12)}.pdf"


class CampaignSummary(ChoiceLabels, models.Model):
    """The summary report (BÁO CÁO tổng kết) of a campaign by one issuer; frozen once issued."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="summaries",
    )
    issuer = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    abbreviation = models.CharField(_("issuer abbreviation"), max_length=20, default="UBND")
    assessment = models.TextField(
        _("assessment"),
        blank=True,
        help_text=_("The summary's own words: what went well, what did not, lessons."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    signer_title = models.CharField(
        _("signer's title"), max_length=100, default="CHỦ TỊCH", help_text=_('"CHỦ TỊCH"')
    )
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One per line.")
    )
    pdf = models.FileField(_("PDF"), upload_to=_summary_pdf_path, max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign summary report")
        verbose_name_plural = _("campaign summary reports")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "issuer"], name="campaign_summary_once_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(status=SummaryStatus.DRAFT)
                | (Q(number__isnull=False) & Q(date__isnull=False)),
                name="campaign_summary_issued_is_numbered",
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.issuer}"

    def get_absolute_url(self):
        return reverse("reports:summary", args=[self.campaign_id])

    @property
    def is_issued(self) -> bool:
        return self.status == SummaryStatus.ISSUED

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def status_badge(self) -> str:
        return SUMMARY_STATUS_BADGE.get(self.status, "secondary")
