"""Council sessions of a level (Hội đồng TĐKT): members, attendance, recusals, votes, outcomes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.labels import ChoiceLabels
from nominations.choices import SESSION_STATUS_BADGE, SessionStatus, VoteChoice

# The issuer abbreviation of the council's minutes: "Số: 05/BB-HĐTĐKT".
COUNCIL_ABBREVIATION = "HĐTĐKT"


class CouncilSession(ChoiceLabels, models.Model):
    """A meeting of a level's emulation-commendation council that votes on the entries before it."""

    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="council_sessions",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    place = models.CharField(_("place"), max_length=300, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    number = models.PositiveIntegerField(
        _("number of the minutes"),
        null=True,
        blank=True,
        help_text=_("Given in the unit's register (BB) when the session is closed."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SessionStatus.OPEN) | Q(number__isnull=False),
                name="council_session_closed_has_number",
            ),
        ]

    def __str__(self):
        return f"Hội đồng TĐKT – {self.unit} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("nominations:council_session", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN

    @property
    def number_text(self) -> str:
        number = f"{self.number:02d}" if self.number else "\u00a0" * 4
        return f"{number}/BB-{COUNCIL_ABBREVIATION}"

    @property
    def status_badge(self) -> str:
        return SESSION_STATUS_BADGE.get(self.status, "secondary")


class CouncilAgendaItem(models.Model):
    """A dossier put before a council session; a dossier goes before one session only."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="agenda"
    )
    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="council_items",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier"], name="council_agenda_dossier_once"),
        ]

    def __str__(self):
        return f"{self.session} · {self.dossier}"


class CouncilMember(models.Model):
    """A member of the council at one session: a portal user or a named person, present or not."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(
        _("position"),
        max_length=300,
        blank=True,
        help_text=_('For example "Phó Chủ tịch UBND tỉnh – Chủ tịch Hội đồng".'),
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A member of a collective nominated does not vote on it."),
    )
    person = models.ForeignKey(
        "awards.Person",
        verbose_name=_("person in the register"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Links the member to the register, so a member who is a nominee is found."),
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    present = models.BooleanField(_("present"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="council_member_user_once",
                violation_error_message=_("This user is already a member of the session."),
            ),
        ]

    def __str__(self):
        return self.full_name


class CouncilRecusal(models.Model):
    """A member standing aside from the vote on one entry (declared; conflicts are also found)."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="recusals"
    )
    entry = models.ForeignKey(
        "nominations.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="recusals"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "entry", "member"], name="council_recusal_once"
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.entry}"


class CouncilVote(ChoiceLabels, models.Model):
    """One member's ballot on one entry at a session."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="votes"
    )
    entry = models.ForeignKey(
        "nominations.Entry",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="council_votes",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "entry", "member"], name="council_vote_once"
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.entry}: {self.get_choice_display()}"


class CouncilOutcome(models.Model):
    """The result of the vote on one entry, fixed when the session closes."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="outcomes"
    )
    entry = models.ForeignKey(
        "nominations.Entry",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="council_outcomes",
    )
    members_total = models.PositiveSmallIntegerField(_("members"))
    members_present = models.PositiveSmallIntegerField(_("members present"))
    voters = models.PositiveSmallIntegerField(_("votes cast"))
    in_favour = models.PositiveSmallIntegerField(_("votes in favour"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("vote outcome")
        verbose_name_plural = _("vote outcomes")
        constraints = [
            models.UniqueConstraint(fields=["session", "entry"], name="council_outcome_once"),
            models.CheckConstraint(
                condition=Q(in_favour__lte=models.F("voters")),
                name="council_outcome_in_favour_at_most_voters",
            ),
        ]

    def __str__(self):
        return f"{self.entry}: {self.in_favour}/{self.voters}"

    @property
    def percent(self):
        from decimal import ROUND_HALF_UP, Decimal

        if not self.voters:
            return Decimal("0.00")
        return (Decimal(self.in_favour * 100) / self.voters).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
