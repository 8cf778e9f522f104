"""The congress plan (KẾ HOẠCH, seed 004) and the parts its document prints."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congresses.choices import FORMS_OF_LEVEL, CongressLevelKind, EventForm, SectionPart
from documents.labels import ChoiceLabels

ROMAN_QUARTERS = {3: "I", 6: "II", 9: "III", 12: "IV"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def deadline_period(day) -> str:
    """The deadline as a plan writes it: "quý I/2020" at the end of a quarter, "tháng 8/2020"
    at the end of a month, else "ngày 15/4/2020" (document wording, fixed by usage)."""
    last_of_month = (day + datetime.timedelta(days=1)).day == 1
    if last_of_month and day.month in ROMAN_QUARTERS:
        return f"quý {ROMAN_QUARTERS[day.month]}/{day.year}"
    if last_of_month:
        return f"tháng {day.month}/{day.year}"
    return f"ngày {day.day:02d}/{day.month}/{day.year}"


class CongressPlan(models.Model):
    """A plan of emulation congresses at every level, issued by a unit (the province)."""

    issuer = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="congress_plans",
    )
    issuer_header = models.CharField(
        _("issuer as printed"),
        max_length=200,
        default="ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        help_text=_("The header of the document; a new line where the line breaks."),
    )
    issuer_abbreviation = models.CharField(_("issuer abbreviation"), max_length=20, default="UBND")
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Empty: left blank to fill by hand.")
    )
    issue_date = models.DateField(_("date issued"), null=True, blank=True)
    issue_year = models.PositiveSmallIntegerField(_("year issued"))
    issue_month = models.PositiveSmallIntegerField(_("month issued"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, default="Lạng Sơn")
    title = models.TextField(
        _("title (trích yếu)"), help_text=_("One line of the printed title per line.")
    )
    tree_on = models.DateField(
        _("unit tree as of"),
        help_text=_("Events are generated for the units in force on this day."),
    )
    young_age = models.PositiveSmallIntegerField(
        _("young delegate up to age"),
        default=30,
        help_text=_("Delegates of this age or younger are reported as young."),
    )
    preamble = models.TextField(_("preamble"), blank=True)
    closing = models.TextField(_("closing paragraph"), blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One a line.")
    )
    signer_mode = models.CharField(
        _("signing lines"),
        max_length=200,
        blank=True,
        default="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        help_text=_("Printed above the signature, one a line."),
    )
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    seed_key = models.CharField(max_length=50, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A draft is seen by the issuer's staff only; publishing numbers it in the issuer's KH
    # register (services.plan_publish) and lets the events of the units be created.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("congress plan")
        verbose_name_plural = _("congress plans")
        ordering = ["-issue_year", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="congress_plan_seed_key"
            ),
            models.CheckConstraint(
                condition=Q(issue_month__isnull=True) | Q(issue_month__gte=1, issue_month__lte=12),
                name="congress_plan_month_valid",
            ),
        ]

    def __str__(self):
        return " ".join(self.title_lines)

    def get_absolute_url(self):
        return reverse("congresses:plan_detail", args=[self.pk])

    @property
    def title_lines(self) -> list[str]:
        return _lines(self.title)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def recipient_lines(self) -> list[str]:
        return _lines(self.recipients)

    @property
    def signer_lines(self) -> list[str]:
        return _lines(self.signer_mode)

    @property
    def heading(self) -> str:
        """ "Kế hoạch 12/KH-UBND" on the portal's pages; a plan without a number (a draft, or
        seed 004's, numbered by hand on paper) by its year rather than by a blank number."""
        if self.number:
            return _("Plan %(number)s") % {"number": self.number_text}
        return _("Plan of %(year)s") % {"year": self.issue_year}

    @property
    def number_text(self) -> str:
        from documents.vietnamese import doc_number

        return doc_number(self.number, "KH", self.issuer_abbreviation).removeprefix("Số: ")


class CongressLevel(ChoiceLabels, models.Model):
    """One tier of the plan with its rules: forms, deadline, cap and delegate mix."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="levels"
    )
    kind = models.CharField(_("level"), max_length=20, choices=CongressLevelKind.choices)
    numeral = models.CharField(_("numeral"), max_length=10, blank=True, help_text='"2.1"')
    heading = models.CharField(_("heading"), max_length=300)
    # The form, time and number lines of the printed text are generated from `forms`,
    # `duration`, `deadline` and `max_delegates`, so that the document cannot contradict the
    # rules the portal enforces; `body` holds the rest (who the delegates are).
    forms = models.JSONField(
        _("forms offered"),
        default=list,
        blank=True,
        help_text=_("The forms a unit of this level may choose; empty: those of seed 004."),
    )
    duration = models.CharField(
        _("duration"), max_length=50, blank=True, default="1/2 ngày", help_text='"1/2 ngày"'
    )
    body = models.TextField(
        _("other text"),
        blank=True,
        help_text=_(
            "Printed after the form, time and number of delegates, one paragraph a line: "
            "who the delegates are."
        ),
    )
    deadline = models.DateField(_("deadline"))
    deadline_text = models.CharField(
        _("deadline as written"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Written from the deadline."),
    )
    max_delegates = models.PositiveIntegerField(
        _("maximum delegates"),
        null=True,
        blank=True,
        help_text=_("Empty: the unit decides the number."),
    )
    min_core_share = models.PositiveSmallIntegerField(
        _("minimum share of direct workers and exemplary people (%)"), default=70
    )
    max_guest_share = models.PositiveSmallIntegerField(
        _("maximum share of guests and leaders (%)"), default=30
    )

    class Meta:
        verbose_name = _("congress level")
        verbose_name_plural = _("congress levels")
        ordering = ["plan", "deadline", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="congress_level_once_per_plan"),
            models.CheckConstraint(
                condition=Q(min_core_share__lte=100) & Q(max_guest_share__lte=100),
                name="congress_level_shares_are_percentages",
                violation_error_message=_("A share is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(max_delegates__isnull=True) | Q(max_delegates__gte=1),
                name="congress_level_cap_positive",
                violation_error_message=_("The maximum number of delegates is at least 1."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.plan}"

    def save(self, *args, **kwargs):
        self.deadline_text = deadline_period(self.deadline) if self.deadline else ""
        if kwargs.get("update_fields") is not None and "deadline" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "deadline_text"}
        super().save(*args, **kwargs)

    @property
    def paragraphs(self) -> list[str]:
        return _lines(self.body)

    @property
    def allowed_forms(self) -> list[EventForm]:
        """The forms a unit of this level may hold its event in, in the order offered."""
        chosen = [EventForm(value) for value in self.forms or [] if value in EventForm.values]
        return chosen or list(FORMS_OF_LEVEL[self.kind])

    @property
    def deadline_period(self) -> str:
        return deadline_period(self.deadline) if self.deadline else ""

    @property
    def rule_paragraphs(self) -> list[str]:
        """The lines of the printed text that state the rules (document wording): form, time
        and number of delegates, written from the fields, never typed."""
        from documents.vietnamese import format_number

        named = [f"“{form.label}”" for form in self.allowed_forms]
        forms = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} hoặc {named[-1]}"
        note = " (hình thức cụ thể do đơn vị lựa chọn, quyết định)" if len(named) > 1 else ""
        period = self.deadline_period
        when = f"chậm nhất {period}" if period.startswith("ngày") else f"trong {period}"
        if self.kind != CongressLevelKind.PROVINCE:
            when = f"hoàn thành {when}"
        duration = f"{self.duration}, " if self.duration else ""
        number = "- Thành phần, số lượng đại biểu:"
        if self.max_delegates:
            number += f" không quá {format_number(self.max_delegates)} đại biểu."
        return [f"- Hình thức: Tổ chức {forms}{note}.", f"- Thời gian: {duration}{when}.", number]

    @property
    def printed_paragraphs(self) -> list[str]:
        return [*self.rule_paragraphs, *self.paragraphs]


class PlanSection(ChoiceLabels, models.Model):
    """A numbered section of the plan's document, in order; some print a structured part."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    depth = models.PositiveSmallIntegerField(
        _("depth"), default=1, help_text=_("1: I, II…; 2: 1, 2…; 3: 2.1, 4.1…")
    )
    numeral = models.CharField(_("numeral"), max_length=10, blank=True)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("One paragraph a line."))
    part = models.CharField(
        _("then prints"), max_length=10, choices=SectionPart.choices, default=SectionPart.TEXT
    )

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return f"{self.numeral}. {self.heading}" if self.numeral else self.heading or "…"

    @property
    def paragraphs(self) -> list[str]:
        return _lines(self.body)


class AgendaItem(models.Model):
    """One item of the congress programme (seed 004, II.3), in order."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("item"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.text[:80]


class PilotUnit(models.Model):
    """A pilot unit (chỉ đạo điểm) of a cluster, followed by a member of the council."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="pilots"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    cluster = models.ForeignKey(
        "campaigns.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("pilot unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_label = models.CharField(
        _("unit as written"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the unit's name."),
    )
    follower_title = models.CharField(
        _("followed by"), max_length=200, help_text='"Giám đốc Công an tỉnh"'
    )
    follower_role = models.CharField(
        _("their role in the council"),
        max_length=200,
        blank=True,
        default="thành viên Hội đồng TĐKT tỉnh",
    )
    follower_unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit of the council member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("council member account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pilot unit")
        verbose_name_plural = _("pilot units")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="pilot_unit_once_per_plan")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.unit_label or self.unit.name

    @property
    def sentence(self) -> str:
        """As the plan prints it: "Cụm …: Chọn X, do Y, thành viên … theo dõi, chỉ đạo."."""
        follower = ", ".join(part for part in (self.follower_title, self.follower_role) if part)
        text = f"Chọn {self.label}, do {follower} theo dõi, chỉ đạo."
        return f"{self.cluster.name}: {text}" if self.cluster_id else text


class ImplementationDuty(models.Model):
    """What one unit (or group) must do to carry out the plan (seed 004, III)."""

    plan = models.ForeignKey(
        CongressPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="duties"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=300, help_text='"Sở Nội vụ"')
    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("text"), help_text=_("One paragraph a line."))
    due_by = models.DateField(_("due by"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementation duty")
        verbose_name_plural = _("implementation duties")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.heading

    @property
    def paragraphs(self) -> list[str]:
        return _lines(self.body)
