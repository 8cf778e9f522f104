"""The catalogue: award forms and titles, their dated coefficients, base salary, legal bases."""

import datetime
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.choices import AuthorityLevel, AwardKind, DocumentKind, SubjectKind
from documents.labels import ChoiceLabels
from documents.vietnamese import date_in_words


def dated_q(on: datetime.date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows whose period [start, end] contains `on`; an empty bound is open."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": on})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on})
    )


def _period_constraint(name: str, start: str = "valid_from", end: str = "valid_to"):
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=_("The end of validity must not precede its start."),
    )


class DatedQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        return self.filter(dated_q(on))


class LegalBasisQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        return self.filter(dated_q(on, "in_force_from", "in_force_to"))


class LegalBasis(models.Model):
    """A law, decree or circular, in force over a period, that decisions cite ("Căn cứ …")."""

    doc_type = models.CharField(
        _("document type"), max_length=50, help_text=_('For example "Luật", "Nghị định".')
    )
    number = models.CharField(
        _("number"), max_length=50, blank=True, help_text=_('For example "98/2023/NĐ-CP".')
    )
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)
    citation = models.CharField(
        _("citation"),
        max_length=500,
        blank=True,
        help_text=_(
            'The words after "Căn cứ" in a decision, without the final punctuation. '
            "Empty: built from the type, title, number and date."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Decisions cite the bases in this order.")
    )
    cited_in_decisions = models.BooleanField(
        _("cited in award decisions"),
        default=True,
        help_text=_("Off for bases the portal follows without citing (document format, salary)."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "in_force_from"]
        constraints = [
            _period_constraint("legal_basis_period_ordered", "in_force_from", "in_force_to"),
            models.UniqueConstraint(
                fields=["doc_type", "number"],
                condition=~Q(number=""),
                name="legal_basis_number_unique",
            ),
        ]

    def __str__(self):
        return f"{self.doc_type} {self.number}".strip() + f" – {self.title}"

    @property
    def citation_text(self) -> str:
        """What follows "Căn cứ": the stored citation, or one built from the fields."""
        if self.citation:
            return self.citation
        text = f"{self.doc_type} {self.title}"
        if self.number:
            text += f" số {self.number}"
        if self.issued_on:
            text += " " + date_in_words(self.issued_on)
        return text

    def is_in_force(self, on: datetime.date) -> bool:
        return (self.in_force_from is None or self.in_force_from <= on) and (
            self.in_force_to is None or self.in_force_to >= on
        )


class BaseSalary(models.Model):
    """The statutory base salary (mức lương cơ sở) from a date; award money multiplies it."""

    amount = models.PositiveIntegerField(_("amount (đồng)"))
    valid_from = models.DateField(_("valid from"), unique=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]
        constraints = [_period_constraint("base_salary_period_ordered")]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class AwardForm(ChoiceLabels, models.Model):
    """An award form or emulation title of the catalogue, with who decides it and its rules."""

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A stable key used by imports and fixtures, e.g. giay-khen-chu-tich-xa."),
    )
    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(
        _("family"),
        max_length=100,
        help_text=_('The common name that groups forms in a campaign document, e.g. "Giấy khen".'),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices)
    for_individuals = models.BooleanField(_("for individuals"), default=True)
    for_collectives = models.BooleanField(_("for collectives"), default=True)
    for_households = models.BooleanField(_("for households"), default=False)
    authority_level = models.CharField(
        _("deciding authority"), max_length=20, choices=AuthorityLevel.choices
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=200, help_text=_('For example "Chủ tịch UBND xã".')
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    has_certificate = models.BooleanField(_("printed certificate"), default=True)
    simplified_procedure = models.BooleanField(
        _("simplified procedure allowed"),
        default=False,
        help_text=_("A dossier may hold only the proposal and a short summary."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum numerator"), default=2, validators=[MinValueValidator(1)]
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum denominator"), default=3, validators=[MinValueValidator(1)]
    )
    vote_threshold_percent = models.DecimalField(
        _("vote threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    vote_threshold_inclusive = models.BooleanField(
        _("threshold share itself passes"),
        default=False,
        help_text=_('Off: a nominee needs more than the threshold ("> 50 %"); on: at least it.'),
    )
    posting_days = models.PositiveSmallIntegerField(
        _("public posting days"), default=0, help_text=_("0: no public posting.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    note = models.TextField(_("note"), blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("award form or title")
        verbose_name_plural = _("award forms and titles")
        ordering = ["order", "name"]
        constraints = [
            _period_constraint("award_form_period_ordered"),
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=F("quorum_denominator")),
                name="award_form_quorum_at_most_one",
                violation_error_message=_("The quorum cannot exceed all members."),
            ),
            models.CheckConstraint(
                condition=Q(for_individuals=True)
                | Q(for_collectives=True)
                | Q(for_households=True),
                name="award_form_has_a_subject_kind",
                violation_error_message=_("Allow at least one kind of subject."),
            ),
        ]

    def __str__(self):
        return self.name

    def is_valid_on(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def subject_kinds(self) -> list[str]:
        flags = {
            SubjectKind.INDIVIDUAL: self.for_individuals,
            SubjectKind.COLLECTIVE: self.for_collectives,
            SubjectKind.HOUSEHOLD: self.for_households,
        }
        return [kind for kind, allowed in flags.items() if allowed]

    def allows(self, subject_kind: str) -> bool:
        return subject_kind in self.subject_kinds

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    def has_quorum(self, present: int, members: int) -> bool:
        return members > 0 and Fraction(present, members) >= self.quorum

    def vote_passes(self, in_favour: int, voters: int) -> bool:
        if voters <= 0:
            return False
        share = Fraction(in_favour * 100, voters)
        threshold = Fraction(self.vote_threshold_percent)
        return share >= threshold if self.vote_threshold_inclusive else share > threshold


class AwardFormDocument(ChoiceLabels, models.Model):
    """A document a dossier must carry for an award form."""

    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("award form"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    required_in_simplified = models.BooleanField(
        _("required in the simplified procedure"), default=False
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["form", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "kind"], name="award_form_document_unique")
        ]

    def __str__(self):
        return f"{self.form}: {self.get_kind_display()}"


class AwardCoefficient(ChoiceLabels, models.Model):
    """The money coefficient of a form for a kind of subject, over a period (decree in force)."""

    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("award form"),
        on_delete=models.CASCADE,
        related_name="coefficients",
    )
    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices)
    coefficient = models.DecimalField(
        _("coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("award coefficient")
        verbose_name_plural = _("award coefficients")
        ordering = ["form", "subject_kind", "valid_from"]
        constraints = [
            _period_constraint("award_coefficient_period_ordered"),
            models.UniqueConstraint(
                fields=["form", "subject_kind", "valid_from"], name="award_coefficient_unique"
            ),
        ]

    def __str__(self):
        return f"{self.form} · {self.get_subject_kind_display()}: {self.coefficient}"

    def clean(self):
        # Two periods of the same form and subject may not overlap: the amount must be unique.
        if not self.form_id:
            return
        others = AwardCoefficient.objects.filter(
            form_id=self.form_id, subject_kind=self.subject_kind
        ).exclude(pk=self.pk)
        if self.valid_to:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if others.exists():
            raise ValidationError(
                {"valid_from": _("This period overlaps another coefficient of the same form.")}
            )
