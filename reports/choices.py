from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerCategory(models.TextChoices):
    """What a position keyword says of a person (the law's priority for direct workers)."""

    WORKER = "worker", _("Direct worker")
    FARMER = "farmer", _("Farmer")


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


SUMMARY_STATUS_BADGE = {SummaryStatus.DRAFT: "secondary", SummaryStatus.ISSUED: "success"}


class ExportKind(models.TextChoices):
    """The lists that export to Excel."""

    CAMPAIGNS = "campaigns", _("Campaigns")
    DOSSIERS = "dossiers", _("Dossiers")
    ENTRIES = "entries", _("Entries")
    DECISIONS = "decisions", _("Decisions")
    AWARDS = "awards", _("Awards")
