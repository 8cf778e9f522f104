"""Each unit's own event (conference or congress) of a plan, and its delegates."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.choices import Gender
from congresses.choices import (
    CORE_CATEGORIES,
    DelegateCategory,
    EventForm,
    EventState,
)
from documents.collation import Vietnamese
from documents.labels import ChoiceLabels
from documents.text import fold

from .plans import CongressLevel, CongressPlan


class CongressEvent(ChoiceLabels, models.Model):
    """One unit's conference or congress under a plan: its deadline and how it was held."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="events"
    )
    level = models.ForeignKey(
        CongressLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="events"
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="congress_events",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("congress above"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The congress this unit sends its delegates to."),
    )
    deadline = models.DateField(_("deadline"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    form = models.CharField(_("form"), max_length=30, choices=EventForm.choices, blank=True)
    attendance = models.PositiveIntegerField(
        _("delegates present"),
        null=True,
        blank=True,
        help_text=_("As reported by the unit; the delegate list may be shorter."),
    )
    report = models.TextField(_("report"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    list_confirmed_at = models.DateTimeField(_("delegate list confirmed at"), null=True, blank=True)
    list_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate list confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    upward_quota = models.PositiveIntegerField(
        _("seats at the congress above"),
        null=True,
        blank=True,
        help_text=_("Allocated by the level above; empty: no limit."),
    )
    upward_approved_at = models.DateTimeField(
        _("list for the congress above approved at"), null=True, blank=True
    )
    upward_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("list for the congress above approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("congress event")
        verbose_name_plural = _("congress events")
        ordering = ["plan", "deadline", Vietnamese("unit__name")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="congress_event_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(form="") | Q(held_on__isnull=True),
                name="congress_event_held_has_form",
                violation_error_message=_("A held event states its form."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.level.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("congresses:event_detail", args=[self.pk])

    def state_on(self, day: datetime.date) -> EventState:
        """Held by the deadline, held late, overdue or pending, as known on `day`."""
        if self.held_on is not None and self.held_on <= day:
            return EventState.ON_TIME if self.held_on <= self.deadline else EventState.LATE
        return EventState.OVERDUE if day > self.deadline else EventState.PENDING

    @property
    def reference_year(self) -> int:
        """The year ages are counted in: the year held, else the deadline's."""
        return (self.held_on or self.deadline).year

    @property
    def list_confirmed(self) -> bool:
        return self.list_confirmed_at is not None

    @property
    def upward_approved(self) -> bool:
        return self.upward_approved_at is not None


class Delegate(ChoiceLabels, models.Model):
    """One delegate of an event, from the award register, the nominees, or typed in."""

    event = models.ForeignKey(
        CongressEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="delegates"
    )
    category = models.CharField(_("category"), max_length=20, choices=DelegateCategory.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    position_title = models.CharField(_("position"), max_length=200, blank=True)
    unit_name = models.CharField(_("unit"), max_length=300, blank=True)
    person = models.ForeignKey(
        "awards.Person",
        verbose_name=_("person in the award register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entry = models.ForeignKey(
        "nominations.Entry",
        verbose_name=_("nominee entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_upward = models.BooleanField(
        _("sent to the congress above"),
        default=False,
        help_text=_("On the list of delegates this congress sends to the level above."),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="delegate_person_once_per_event",
                violation_error_message=_("This person is already a delegate of this event."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def is_core(self) -> bool:
        return self.category in CORE_CATEGORIES

    @property
    def is_minority(self) -> bool:
        """Of an ethnic minority: any ethnicity but Kinh (blank counts as unknown, not minority)."""
        folded = fold(self.ethnicity or "")
        return bool(folded) and folded != "kinh"

    def age_in(self, year: int) -> int | None:
        return year - self.birth_year if self.birth_year else None

    @property
    def unit_line(self) -> str:
        """ "Chức vụ – đơn vị" as a list prints it."""
        return " – ".join(part for part in (self.position_title, self.unit_name) if part)
