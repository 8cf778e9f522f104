"""An award decision (Quyết định khen thưởng) and the awardees of its attached list."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.choices import SubjectKind
from decisions.choices import (
    DECISION_STATUS_BADGE,
    PDF_STATUS_BADGE,
    DecisionStatus,
    MoneyPlacement,
    PdfStatus,
    SigningMode,
)
from documents.labels import ChoiceLabels

# Fields the PDF task may still write once a decision is issued; everything else is frozen
# (services refuse, Decision.save refuses, and a database trigger refuses: migration 0002).
PDF_FIELDS = frozenset({"pdf", "pdf_sha256", "pdf_status", "pdf_error"})


def new_token() -> str:
    """An unguessable verification token (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def _pdf_path(instance, filename):
    # A random part: stored decisions are served through views, never by a guessable path.
    return f"decisions/{instance.year or 'draft'}/{instance.pk}-{secrets.token_urlsafe(12)}.pdf"


class DecisionLocked(Exception):
    """An attempt to change an issued decision; `str()` is the Vietnamese message."""


class Decision(ChoiceLabels, models.Model):
    """An award decision of one issuer for one campaign and one award form."""

    issuer = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    form = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("award form"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    doc_type = models.ForeignKey(
        "campaigns.DocumentType",
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Given in the issuer's register on signing."),
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Set on signing."))
    abbreviation = models.CharField(
        _("issuer abbreviation"),
        max_length=20,
        default="UBND",
        help_text=_('"UBND" in "05/QĐ-UBND".'),
    )
    title = models.TextField(_("summary (trích yếu)"))
    reason = models.TextField(
        _("reason"),
        help_text=_('The achievement named in Article 1: "đã có thành tích xuất sắc trong …".'),
    )
    bases = models.TextField(
        _("legal bases"), help_text=_('The "Căn cứ …" lines as printed, one per line.')
    )
    proposals = models.TextField(
        _("proposals"), help_text=_('The "Xét đề nghị của …" lines as printed, one per line.')
    )
    money_placement = models.CharField(
        _("where the money is stated"),
        max_length=20,
        choices=MoneyPlacement.choices,
        default=MoneyPlacement.ARTICLE_2,
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=300,
        help_text=_('For example "Quỹ thi đua, khen thưởng của tỉnh".'),
    )
    rules_reference = models.CharField(
        _("rules cited for the money"),
        max_length=300,
        blank=True,
        help_text=_("Used when the decision cites the rules instead of stating amounts."),
    )
    executors = models.TextField(_("who executes"), help_text=_("The text of the last article."))
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), help_text=_('One per line, "- Như Điều 3;" … "- Lưu: VT, …".')
    )
    signing_mode = models.CharField(
        _("signing mode"), max_length=20, choices=SigningMode.choices, default=SigningMode.CHAIRMAN
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    individual_amount = models.PositiveIntegerField(
        _("amount per individual"), null=True, blank=True
    )
    collective_amount = models.PositiveIntegerField(
        _("amount per collective"), null=True, blank=True
    )
    household_amount = models.PositiveIntegerField(_("amount per household"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_pdf_path, max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    pdf_status = models.CharField(
        _("PDF status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_error = models.TextField(_("rendering error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-date", "-number", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["issuer", "status"]),
            models.Index(fields=["status", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.DRAFT)
                | (
                    Q(number__isnull=False)
                    & Q(date__isnull=False)
                    & Q(signed_by__isnull=False)
                    & ~Q(signer_name="")
                ),
                name="decision_issued_is_numbered_dated_signed",
            ),
        ]

    def __str__(self):
        if self.is_issued:
            return f"{self.number_text} ngày {self.date:%d/%m/%Y}"
        return f"{_('Draft')}: {self.title[:80]}"

    def save(self, *args, **kwargs):
        """Refuse any write to an issued decision but the PDF fields (the task stores them)."""
        if self.pk and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == DecisionStatus.ISSUED:
                fields = kwargs.get("update_fields")
                if fields is None or not set(fields) <= PDF_FIELDS:
                    raise DecisionLocked(locked_message())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise DecisionLocked(locked_message())
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def number_text(self) -> str:
        """ "05/QĐ-UBND"; a blank to fill while it is a draft."""
        number = f"{self.number:02d}" if self.number else "\u00a0" * 6
        return f"{number}/{self.doc_type.abbreviation}-{self.abbreviation}"

    @property
    def status_badge(self) -> str:
        return DECISION_STATUS_BADGE.get(self.status, "secondary")

    @property
    def pdf_status_badge(self) -> str:
        return PDF_STATUS_BADGE.get(self.pdf_status, "secondary")

    @property
    def pdf_in_progress(self) -> bool:
        return self.pdf_status in (PdfStatus.QUEUED, PdfStatus.RENDERING)

    def amount_for(self, subject_kind: str) -> int | None:
        return {
            SubjectKind.INDIVIDUAL: self.individual_amount,
            SubjectKind.COLLECTIVE: self.collective_amount,
            SubjectKind.HOUSEHOLD: self.household_amount,
        }.get(subject_kind)


def locked_message() -> str:
    """The refusal every layer gives for a change to an issued decision."""
    return gettext("This decision has been issued and can no longer be changed.")


class DecisionAward(ChoiceLabels, models.Model):
    """One awardee of a decision: the entry decided, the line printed in the attached list,
    then (once issued) the register row and the certificate's verification token."""

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="decision_awards",
    )
    entry = models.OneToOneField(
        "nominations.Entry",
        verbose_name=_("entry"),
        on_delete=models.PROTECT,
        related_name="decision_award",
        help_text=_("An entry is decided by one decision only."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices)
    name = models.CharField(_("name"), max_length=300)
    description = models.CharField(
        _("position – unit"), max_length=500, blank=True, help_text=_("As printed in the list.")
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The awarded collective, or the unit of the person or household."),
    )
    amount = models.PositiveIntegerField(_("amount (đồng)"), null=True, blank=True)
    award = models.OneToOneField(
        "awards.Award",
        verbose_name=_("register row"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_award",
    )
    token = models.CharField(_("verification token"), max_length=40, unique=True, default=new_token)

    class Meta:
        verbose_name = _("awardee")
        verbose_name_plural = _("awardees")
        ordering = ["decision", "position", "pk"]

    def __str__(self):
        return f"{self.name} – {self.decision}"

    def get_verification_url(self):
        return reverse("verify", args=[self.token])
