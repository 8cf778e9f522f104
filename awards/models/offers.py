"""What a campaign awards: the forms it offers, criteria per subject category, quotas."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.choices import SubjectCategory
from awards.models.catalogue import AwardForm
from documents.collation import Vietnamese
from documents.labels import ChoiceLabels


class CampaignAward(models.Model):
    """An award form a campaign offers, with its introduction and an optional overall quota."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="award_offers",
    )
    form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="offers"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The paragraph printed under the form's heading, before the criteria."),
    )
    quota = models.PositiveIntegerField(
        _("quota for the whole campaign"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: no limit."),
    )

    class Meta:
        verbose_name = _("award offered by a campaign")
        verbose_name_plural = _("awards offered by campaigns")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "form"], name="campaign_award_unique")
        ]

    def __str__(self):
        return f"{self.campaign}: {self.form}"


class AwardCriterion(ChoiceLabels, models.Model):
    """The criteria text an offered form sets for one category of subjects."""

    offer = models.ForeignKey(
        CampaignAward,
        verbose_name=_("offered award"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    subject_category = models.CharField(
        _("subject category"), max_length=20, choices=SubjectCategory.choices
    )
    text = models.TextField(_("criteria"))

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["offer", "subject_category"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "subject_category"], name="award_criterion_unique"
            )
        ]

    def __str__(self):
        return f"{self.offer.form}: {self.get_subject_category_display()}"


class AwardQuota(models.Model):
    """At most `max_count` awards of an offered form proposed by one unit."""

    offer = models.ForeignKey(
        CampaignAward,
        verbose_name=_("offered award"),
        on_delete=models.CASCADE,
        related_name="quotas",
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("proposing unit"),
        on_delete=models.CASCADE,
        related_name="award_quotas",
    )
    max_count = models.PositiveIntegerField(_("maximum"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("award quota")
        verbose_name_plural = _("award quotas")
        ordering = ["offer", Vietnamese("unit__name")]
        constraints = [models.UniqueConstraint(fields=["offer", "unit"], name="award_quota_unique")]

    def __str__(self):
        return f"{self.offer.form} – {self.unit}: {self.max_count}"
