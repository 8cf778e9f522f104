"""Working days and deadlines: the holiday list, time limits per stage, reminders and notices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.choices import UnitLevel
from documents.labels import ChoiceLabels
from nominations.choices import DayKind, DossierStatus, ReminderKind


class Holiday(ChoiceLabels, models.Model):
    """A date off work (public holiday, compensatory day) or a weekend day worked in exchange."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DayKind.choices, default=DayKind.DAY_OFF
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Off: a date seeded from the law's rules but not yet checked against the "
            "government's announcement for that year."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("holiday or exchanged day")
        verbose_name_plural = _("holidays and exchanged days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"


class StageTimeLimit(ChoiceLabels, models.Model):
    """How many working days a level has for a stage of a dossier (the status it waits in)."""

    status = models.CharField(_("stage"), max_length=20, choices=DossierStatus.choices)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=UnitLevel.choices,
        blank=True,
        help_text=_("Empty: every level without a limit of its own (departments too)."),
    )
    working_days = models.PositiveSmallIntegerField(_("working days"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("time limit of a stage")
        verbose_name_plural = _("time limits of stages")
        ordering = ["status", "level"]
        constraints = [
            models.UniqueConstraint(fields=["status", "level"], name="stage_time_limit_unique"),
        ]

    def __str__(self):
        level = self.get_level_display() if self.level else _("every level")
        return f"{self.get_status_display()} · {level}: {self.working_days}"


class Reminder(ChoiceLabels, models.Model):
    """A reminder sent about a dossier on a day; at most one per dossier and day."""

    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    on = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    status = models.CharField(_("stage"), max_length=20, choices=DossierStatus.choices)
    due_on = models.DateField(_("due on"))
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit reminded"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-on", "dossier"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "on"], name="reminder_once_per_day"),
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} · {self.dossier} · {self.get_kind_display()}"


class Notice(models.Model):
    """A message to a user in the portal (shown on the home page until they dismiss it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message
