"""The register: people, the awards granted to people, units and households, blocking flags."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.choices import BlockingKind, Gender, SubjectKind
from awards.models.catalogue import AwardForm, dated_q
from documents.labels import ChoiceLabels
from documents.text import fold


def mask_citizen_id(value: str) -> str:
    """Hide all but the last three digits: "001234567123" -> "0xx xxx xxx 123"."""
    digits = "".join(ch for ch in value or "" if ch.isalnum())
    if not digits:
        return ""
    if len(digits) <= 4:
        return "x" * len(digits)
    hidden = digits[0] + "x" * (len(digits) - 4) + digits[-3:]
    groups = [hidden[max(0, i - 3) : i] for i in range(len(hidden), 0, -3)]
    return " ".join(reversed(groups))


class PersonQuerySet(models.QuerySet):
    def search(self, text: str):
        qs = self
        for word in fold(text).split():
            qs = qs.filter(name_folded__contains=word)
        return qs


class Person(ChoiceLabels, models.Model):
    """Someone who has been awarded or proposed; the citizen ID is kept but never shown."""

    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    citizen_id = models.CharField(
        _("citizen ID number"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("Kept to find duplicates; never shown in full nor on a public page."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_folded", "birth_year"]
        indexes = [models.Index(fields=["name_folded", "birth_year"])]

    def __str__(self):
        return f"{self.full_name} ({self.birth_year})" if self.birth_year else self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        self.citizen_id = "".join((self.citizen_id or "").split())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("awards:person_history", args=[self.pk])

    @property
    def citizen_id_masked(self) -> str:
        return mask_citizen_id(self.citizen_id)


class AwardQuerySet(models.QuerySet):
    def standing(self):
        """Awards not revoked."""
        return self.filter(revoked=False)

    def for_person(self, person):
        return self.filter(person=person)

    def for_unit_lineage(self, unit):
        """Awards recorded under `unit` or any unit it replaced (a merged commune's history)."""
        return self.filter(unit_id__in=unit.lineage_ids())

    def search(self, text: str):
        qs = self
        for word in fold(text).split():
            qs = qs.filter(recipient_name_folded__contains=word)
        return qs


class Award(ChoiceLabels, models.Model):
    """One award granted by a decision, to a person, a collective or a household.

    The recipient depends on `subject_kind`:
    - individual: `person`; `unit` is the person's unit at the time.
    - collective: `unit` is the awarded collective itself, or, for a body that is not in the
      unit tree (a village's party cell), the unit it belongs to, with the body's name in
      `recipient_name`.
    - household: a household is not a record of its own, since it is only ever named on
      awards: `recipient_name` ("Hộ ông Hoàng Văn Tú"), its head in `person` when known, and
      `unit` is the commune where it lives.
    `recipient_name` always holds the name as printed on the decision.
    The decision is referenced by free text until decisions are kept in the portal.
    """

    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person or head of household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="awards",
        help_text=_("The awarded collective, or the unit of the person or household."),
    )
    recipient_name = models.CharField(_("recipient"), max_length=300)
    recipient_name_folded = models.CharField(max_length=300, editable=False, db_index=True)
    form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="awards"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    proposing_unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_awards",
    )
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"))
    decision_issuer = models.CharField(_("decision issuer"), max_length=200, blank=True)
    achievement = models.TextField(_("achievement"), blank=True)
    amount = models.PositiveIntegerField(_("amount (đồng)"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoking_decision_number = models.CharField(
        _("revoking decision number"), max_length=50, blank=True
    )
    revoking_decision_date = models.DateField(_("revoking decision date"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decision_date", "recipient_name_folded"]
        indexes = [
            models.Index(fields=["unit", "decision_date"]),
            models.Index(fields=["campaign", "form"]),
            # The public honour roll: standing awards, newest decision first, read in order.
            models.Index(
                fields=["-decision_date", "recipient_name_folded", "id"],
                condition=Q(revoked=False),
                name="award_honour_roll_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject_kind=SubjectKind.INDIVIDUAL) | Q(person__isnull=False),
                name="award_individual_has_person",
                violation_error_message=_("An award to an individual names the person."),
            ),
            models.CheckConstraint(
                condition=~Q(subject_kind=SubjectKind.COLLECTIVE) | Q(person__isnull=True),
                name="award_collective_has_no_person",
                violation_error_message=_("An award to a collective names no person."),
            ),
            models.CheckConstraint(
                condition=Q(revoked=False) | ~Q(revoked_reason=""),
                name="award_revocation_has_reason",
                violation_error_message=_("A revoked award states why."),
            ),
        ]

    def __str__(self):
        return f"{self.form} – {self.recipient_name} ({self.decision_date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.recipient_name_folded = fold(self.recipient_name)
        super().save(*args, **kwargs)

    @property
    def decision_reference(self) -> str:
        parts = []
        if self.decision_number:
            parts.append(f"Số {self.decision_number}")
        parts.append(f"ngày {self.decision_date:%d/%m/%Y}")
        if self.decision_issuer:
            parts.append(f"của {self.decision_issuer}")
        return " ".join(parts)


class BlockingFlagQuerySet(models.QuerySet):
    def active_on(self, on: datetime.date):
        return self.filter(dated_q(on, "starts_on", "ends_on"))


class BlockingFlag(ChoiceLabels, models.Model):
    """Discipline, investigation or an open complaint on a person or a unit: no award meanwhile."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocking_flags",
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocking_flags",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BlockingKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: still open."))
    note = models.TextField(_("note"), blank=True)

    objects = BlockingFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("blocking flag")
        verbose_name_plural = _("blocking flags")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="blocking_flag_person_or_unit",
                violation_error_message=_("A flag concerns either a person or a unit."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="blocking_flag_period_ordered",
                violation_error_message=_("The end must not precede the start."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person or self.unit}"

    def is_active_on(self, on: datetime.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)
