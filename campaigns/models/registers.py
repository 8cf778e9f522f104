"""Document types and the numbering registers (sổ đăng ký văn bản) of issuing units."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.collation import Vietnamese

from .units import Unit


class DocumentType(models.Model):
    """A kind of administrative document with its Nghị định 30 abbreviation (KH, QĐ, TTr…)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=10, unique=True)
    name = models.CharField(
        _("name"), max_length=100, help_text=_('In capitals, as printed: "KẾ HOẠCH".')
    )
    for_campaigns = models.BooleanField(
        _("offered for campaigns"),
        default=False,
        help_text=_("Offered as the type of a campaign's launching document."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["position", "abbreviation"]

    def __str__(self):
        return f"{self.abbreviation} – {self.name}"

    @property
    def title_case(self) -> str:
        """The name as it reads inside a sentence: "KẾ HOẠCH" -> "Kế hoạch"."""
        return self.name.capitalize()


class DocumentRegister(models.Model):
    """One numbering sequence: an issuer's documents of one type in one calendar year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="registers"
    )
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="registers",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")
        ordering = ["-year", Vietnamese("unit__name"), "doc_type__abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_type", "year"], name="document_register_unique"
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.doc_type.abbreviation} · {self.year}"


class RegisterEntry(models.Model):
    """A number taken in a register, with the object that carries it."""

    register = models.ForeignKey(
        DocumentRegister,
        verbose_name=_("register"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    object_type = models.CharField(
        _("object type"), max_length=60, blank=True, help_text=_('"campaigns.campaign" …')
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    summary = models.TextField(_("summary (trích yếu)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="register_entry_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="register_entry_number_pos"),
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.number:02d} · {self.register}"
