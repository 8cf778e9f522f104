"""Dossiers (tờ trình), their entries, per-level reviews and the timeline of events."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from awards.choices import SubjectKind
from documents.labels import ChoiceLabels
from documents.text import fold
from nominations.choices import (
    ACTIVE_ENTRY_STATUSES,
    DOSSIER_STATUS_BADGE,
    ENTRY_STATUS_BADGE,
    Action,
    AttachmentKind,
    DossierStatus,
    EntryStatus,
    ReviewDecision,
)
from nominations.workflow import sources


class Dossier(ChoiceLabels, FSMModelMixin, models.Model):
    """A proposing unit's tờ trình for a campaign, with its entries, climbing the unit tree."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    proposing_unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="proposed_dossiers",
    )
    current_level = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("current level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_dossiers",
        help_text=_("The unit now holding the dossier; empty while it is a draft."),
    )
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Given in the unit's register on submit.")
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The date of the tờ trình; routing uses the unit tree in force on it."),
    )
    addressee = models.CharField(_("addressee"), max_length=300, blank=True)
    summary = models.TextField(_("summary (trích yếu)"))
    status = FSMField(
        _("status"),
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.DRAFT,
        protected=True,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name=_("forwarded from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_dossiers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # How many entries the dossier holds, whatever their status: kept by `recount_entries`
    # wherever entries are added or removed, so that a dossier table does not count a
    # 10,000-entry dossier's entries on every request.
    entry_count = models.PositiveIntegerField(_("entries"), default=0, editable=False)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Dossiers held at a level, or of a proposing unit, in a status; the home queue
            # reads each (unit, status) oldest first from them (nominations.selectors._queue).
            models.Index(
                fields=["current_level", "status", "status_changed_at", "id"],
                name="dossier_held_waiting_idx",
            ),
            models.Index(
                fields=["proposing_unit", "status", "status_changed_at", "id"],
                name="dossier_proposed_waiting_idx",
            ),
            # The dossier list's order: the newest page is read from the index, not sorted.
            models.Index(fields=["-created_at", "-id"], name="dossier_newest_idx"),
            # Due dates and the oldest-first queue: stage and the time it began.
            models.Index(fields=["status", "status_changed_at"], name="dossier_stage_since_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DossierStatus.DRAFT) | Q(number__isnull=False),
                name="dossier_numbered_once_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.number_text} – {self.proposing_unit}"

    def get_absolute_url(self):
        return reverse("nominations:dossier_detail", args=[self.pk])

    @property
    def number_text(self) -> str:
        """ "05/TTr-UBND"; blank until the number is given on submit."""
        number = f"{self.number:02d}" if self.number else "\u00a0" * 4
        from campaigns.services import issuer_abbreviation

        return f"{number}/TTr-{issuer_abbreviation(self.proposing_unit)}"

    @property
    def status_badge(self) -> str:
        return DOSSIER_STATUS_BADGE.get(self.status, "secondary")

    # -- transitions: called only from nominations.services (lock, checks, event, mail) -------

    @transition(field=status, source=sources(Action.SUBMIT), target=DossierStatus.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=sources(Action.WITHDRAW), target=DossierStatus.DRAFT)
    def withdraw(self):
        pass

    @transition(field=status, source=sources(Action.RECEIVE), target=DossierStatus.RECEIVED)
    def receive(self):
        pass

    @transition(field=status, source=sources(Action.RETURN), target=DossierStatus.RETURNED)
    def return_for_completion(self):
        pass

    @transition(field=status, source=sources(Action.RESUBMIT), target=DossierStatus.RESUBMITTED)
    def resubmit(self):
        pass

    @transition(
        field=status,
        source=sources(Action.APPRAISE_DONE),
        target=RETURN_VALUE(DossierStatus.APPRAISED, DossierStatus.CLOSED),
    )
    def appraise_done(self, *, all_rejected: bool):
        return DossierStatus.CLOSED if all_rejected else DossierStatus.APPRAISED

    @transition(field=status, source=sources(Action.FORWARD), target=DossierStatus.FORWARDED)
    def forward(self):
        pass

    @transition(field=status, source=sources(Action.POST), target=DossierStatus.POSTED)
    def post(self):
        pass

    @transition(field=status, source=sources(Action.TO_COUNCIL), target=DossierStatus.COUNCIL)
    def to_council(self):
        pass

    @transition(field=status, source=sources(Action.APPROVE), target=DossierStatus.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=sources(Action.DECIDE), target=DossierStatus.DECIDED)
    def decide(self):
        pass


class Entry(ChoiceLabels, models.Model):
    """One nominee of a dossier (individual, collective or household) and the form proposed."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="entries"
    )
    # Copied from the dossier so that the database can hold "one active entry per person,
    # campaign and form" (a constraint cannot reach through a relation).
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices)
    person = models.ForeignKey(
        "awards.Person",
        verbose_name=_("person or head of household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The collective itself, or the unit of the person or household."),
    )
    group_name = models.CharField(
        _("name of the group or household"),
        max_length=300,
        blank=True,
        help_text=_('A collective outside the unit tree ("Chi bộ thôn Nà Lệnh"), or a household.'),
    )
    head_name = models.CharField(_("head of household"), max_length=200, blank=True)
    nominee_name = models.CharField(_("nominee"), max_length=300, editable=False)
    nominee_name_folded = models.CharField(max_length=300, editable=False, db_index=True)
    requested_form = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("form requested"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_form = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("form now proposed"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The requested form, or the one a level lowered or raised it to."),
    )
    achievement = models.TextField(_("summary of achievements"))
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PROPOSED
    )
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name=_("copy of the entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_copies",
    )

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["dossier", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "campaign", "proposed_form"],
                condition=Q(status__in=ACTIVE_ENTRY_STATUSES, subject_kind=SubjectKind.INDIVIDUAL),
                name="entry_one_active_per_person_campaign_form",
                violation_error_message=_(
                    "This person already has an active entry for this form in this campaign."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(subject_kind=SubjectKind.INDIVIDUAL) | Q(person__isnull=False),
                name="entry_individual_has_person",
            ),
            models.CheckConstraint(
                condition=~Q(subject_kind=SubjectKind.COLLECTIVE)
                | (Q(person__isnull=True) & (Q(unit__isnull=False) | ~Q(group_name=""))),
                name="entry_collective_is_unit_or_group",
            ),
            models.CheckConstraint(
                condition=~Q(subject_kind=SubjectKind.HOUSEHOLD)
                | (~Q(group_name="") & Q(unit__isnull=False)),
                name="entry_household_named_with_unit",
            ),
        ]
        indexes = [
            # The checks look for other proposals of a collective or household by its unit
            # and name (nominations.selectors.dossier_entries_checks): names such as "Chi bộ
            # thôn Bản 4" repeat from commune to commune, so neither column alone narrows it.
            models.Index(fields=["unit", "nominee_name_folded"], name="entry_unit_name_idx"),
        ]

    def __str__(self):
        return f"{self.nominee_name} – {self.proposed_form}"

    def save(self, *args, **kwargs):
        self.nominee_name = self.display_name
        self.nominee_name_folded = fold(self.nominee_name)
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "nominee_name",
                "nominee_name_folded",
            }
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.subject_kind == SubjectKind.INDIVIDUAL and self.person_id:
            return self.person.full_name
        if self.subject_kind == SubjectKind.COLLECTIVE and not self.group_name and self.unit_id:
            return self.unit.name
        return self.group_name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ENTRY_STATUSES

    @property
    def status_badge(self) -> str:
        return ENTRY_STATUS_BADGE.get(self.status, "secondary")

    @property
    def form_changed(self) -> bool:
        return self.proposed_form_id != self.requested_form_id


def recount_entries(dossier_ids=None) -> None:
    """Store in `Dossier.entry_count` how many entries each of the dossiers `dossier_ids`
    holds (every dossier when None), in one UPDATE. Whatever adds or removes entries calls it
    in the same transaction: the services, the import, the admin, the data builders, the
    restore of a JSON backup."""
    from documents.subqueries import count_of

    if not transaction.get_connection().in_atomic_block:  # the lock needs a transaction
        with transaction.atomic():
            return recount_entries(dossier_ids)
    if dossier_ids is None:
        dossiers = Dossier.objects.all()
    else:
        dossiers = Dossier.objects.filter(pk__in=list(dossier_ids))
        # Locked first, in a statement of its own, as the services lock a dossier before
        # they change its entries: the UPDATE then counts what a transaction that held the
        # lock committed (on PostgreSQL a waiting UPDATE would count from its own snapshot).
        list(dossiers.select_for_update().order_by("pk").values_list("pk", flat=True))
    dossiers.update(entry_count=count_of(Entry, "dossier_id"))


class EntryReview(ChoiceLabels, models.Model):
    """One level's appraisal of an entry: agree, lower or raise the form, or reject (reasoned)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="reviews"
    )
    unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    form_before = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("form before"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    form_after = models.ForeignKey(
        "awards.AwardForm", verbose_name=_("form after"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("entry review")
        verbose_name_plural = _("entry reviews")
        ordering = ["entry", "at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "unit"], name="entry_review_once_per_level"),
            models.CheckConstraint(
                condition=~Q(decision=ReviewDecision.REJECT) | ~Q(reason=""),
                name="entry_review_rejection_has_reason",
                violation_error_message=_("A rejection states its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.entry} · {self.unit}: {self.get_decision_display()}"


class DossierEvent(ChoiceLabels, models.Model):
    """One line of a dossier's timeline: who did what, when, from which state to which."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="events"
    )
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(
        _("previous status"), max_length=20, choices=DossierStatus.choices, blank=True
    )
    to_state = models.CharField(
        _("new status"), max_length=20, choices=DossierStatus.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    level_unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["dossier", "action", "level_unit"])]

    def __str__(self):
        return f"{self.dossier} · {self.get_action_display()} · {self.at:%d/%m/%Y %H:%M}"


def _attachment_path(instance, filename):
    # Never the uploaded name: a random token, so paths cannot be guessed or enumerated.
    import secrets

    return f"nominations/{instance.dossier_id}/{secrets.token_urlsafe(24)}.{instance.extension}"


class Attachment(ChoiceLabels, models.Model):
    """A file of a dossier (council minutes, others) or of one entry (achievement report)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="attachments"
    )
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("type"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["dossier", "entry", "uploaded_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("nominations:attachment_download", args=[self.dossier_id, self.pk])
