from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionStatus(models.TextChoices):
    """A decision is a draft until a leader signs it; then it is issued and never changes."""

    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


DECISION_STATUS_BADGE = {DecisionStatus.DRAFT: "secondary", DecisionStatus.ISSUED: "success"}


class PdfStatus(models.TextChoices):
    """Where the stored PDF of an issued decision stands (large ones render in a task)."""

    NONE = "none", _("Not rendered")
    QUEUED = "queued", _("Waiting to be rendered")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Rendering failed")


PDF_STATUS_BADGE = {
    PdfStatus.NONE: "secondary",
    PdfStatus.QUEUED: "info",
    PdfStatus.RENDERING: "info",
    PdfStatus.READY: "success",
    PdfStatus.FAILED: "danger",
}


class SigningMode(models.TextChoices):
    """Who signs an award: the chairman himself, or a vice-chairman for him (KT.)."""

    CHAIRMAN = "chairman", _("The chairman signs")
    VICE_CHAIRMAN = "vice_chairman", _("A vice-chairman signs for the chairman (KT.)")


class MoneyPlacement(models.TextChoices):
    """Where the decision states the money (DOMAIN.md: provinces differ; a setting)."""

    ARTICLE_2 = "article_2", _("In Article 2, after the award")
    ARTICLE_1 = "article_1", _("In Article 1, with the award")
    RULES_ONLY = "rules_only", _("Cite the rules only, no amounts")


class CertificateMode(models.TextChoices):
    FULL = "full", _("Full certificate on plain paper")
    BLANK = "blank", _("Variable text only, on pre-printed blanks")
