"""Public posting of the entries decided at a level, and the comments the public sends."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.choices import SubjectKind
from documents.labels import ChoiceLabels
from nominations.choices import COMMENT_STATUS_BADGE, CommentStatus

COMMENT_MAX_LENGTH = 2000


class Posting(models.Model):
    """A dossier's entries posted publicly at the deciding level for a window of working days."""

    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("posted on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    closes_on = models.DateField(
        _("comments accepted until"),
        help_text=_("The last working day of the window; the page closes by itself after it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "unit"], name="posting_once_per_level"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opened_on")),
                name="posting_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.dossier} · {self.opened_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("public_posting_detail", args=[self.pk])

    def is_open_on(self, day) -> bool:
        return self.opened_on <= day <= self.closes_on


class PostingItem(ChoiceLabels, models.Model):
    """One posted nominee, copied at posting time: only what the public may read."""

    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="items"
    )
    entry = models.ForeignKey(
        "nominations.Entry",
        verbose_name=_("entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices)
    # Never the birth date, citizen ID or phone: this row is what the public page prints.
    name = models.CharField(_("name"), max_length=300)
    unit_name = models.CharField(_("unit"), max_length=300, blank=True)
    form_name = models.CharField(_("form proposed"), max_length=200)
    achievement = models.TextField(_("summary of achievements"))

    class Meta:
        verbose_name = _("posted nominee")
        verbose_name_plural = _("posted nominees")
        ordering = ["posting", "position", "pk"]

    def __str__(self):
        return f"{self.name} – {self.form_name}"


class PostingComment(ChoiceLabels, models.Model):
    """A comment from the public on a posting; its author's name and contact are never shown."""

    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="comments"
    )
    item = models.ForeignKey(
        PostingItem,
        verbose_name=_("about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    author_name = models.CharField(_("your name"), max_length=200)
    author_contact = models.CharField(
        _("phone or email"),
        max_length=200,
        help_text=_("Only the appraising office sees it, to ask you more if needed."),
    )
    content = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["posting", "created_at", "pk"]
        indexes = [models.Index(fields=["posting", "status"])]

    def __str__(self):
        return f"{self.posting_id} · {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def status_badge(self) -> str:
        return COMMENT_STATUS_BADGE.get(self.status, "secondary")
