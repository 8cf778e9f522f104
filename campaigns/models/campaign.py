"""A campaign (phong trào thi đua) and the parts of its launching document."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from campaigns.choices import (
    CAMPAIGN_STATUS_BADGE,
    CampaignKind,
    CampaignStatus,
    Comparator,
    SectionPart,
    SigningMode,
)
from documents.labels import ChoiceLabels
from documents.text import fold
from documents.vietnamese import date_in_words, short_date

from .registers import DocumentType
from .units import Unit

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# The sections printed when a campaign names none, in Nghị định 30 campaign-plan order.
DEFAULT_LAYOUT = [
    (SectionPart.PURPOSE, "MỤC ĐÍCH, YÊU CẦU"),
    (SectionPart.PERIOD_THEME, "THỜI GIAN, CHỦ ĐỀ THI ĐUA"),
    (SectionPart.CONTENT, "NỘI DUNG THI ĐUA"),
    (SectionPart.SOLUTIONS, "GIẢI PHÁP THỰC HIỆN"),
    (SectionPart.AWARDS, "KHEN THƯỞNG"),
    (SectionPart.TASKS, "TỔ CHỨC THỰC HIỆN"),
]

LIVE_STATUSES = (CampaignStatus.PUBLISHED, CampaignStatus.CLOSED, CampaignStatus.SUMMARISED)


def paragraphs(text: str) -> list[str]:
    """Non-empty lines of a multi-paragraph text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CampaignQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def search(self, text: str):
        qs = self
        for word in fold(text).split():
            qs = qs.filter(title_folded__contains=word)
        return qs


class Campaign(ChoiceLabels, FSMModelMixin, models.Model):
    """An emulation campaign as launched by its document (PHÁT ĐỘNG / KẾ HOẠCH)."""

    seed_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Given on publishing; enter it only for a document issued before."),
    )
    issuers = models.ManyToManyField(
        Unit, verbose_name=_("issuing units"), through="CampaignIssuer", related_name="+"
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the proper name of the first issuer's place."),
    )
    # The date may be partial: a historical document can show only the month and year.
    issue_year = models.PositiveSmallIntegerField(_("year of issue"), null=True, blank=True)
    issue_month = models.PositiveSmallIntegerField(_("month of issue"), null=True, blank=True)
    issue_day = models.PositiveSmallIntegerField(_("day of issue"), null=True, blank=True)
    title = models.TextField(_("title (trích yếu)"))
    title_folded = models.TextField(editable=False, default="")
    kind = models.CharField(
        _("kind"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.REGULAR
    )
    preamble = models.TextField(_("opening paragraph"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    meaning = models.TextField(_("meaning"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    period_start = models.DateField(_("start"), null=True, blank=True)
    period_end = models.DateField(_("end"), null=True, blank=True)
    period_end_event = models.CharField(
        _("end event"),
        max_length=300,
        blank=True,
        help_text=_(
            'When the end is an event: "khi kết thúc Đại hội Đảng toàn quốc lần thứ XIII".'
        ),
    )
    period_text = models.TextField(
        _("period in words"),
        blank=True,
        help_text=_("Printed instead of the dates when the document words the period itself."),
    )
    theme = models.TextField(_("theme (slogan)"), blank=True)
    content_intro = models.TextField(_("lead-in to the content items"), blank=True)
    solutions = models.TextField(
        _("solutions"), blank=True, help_text=_("One numbered solution per line.")
    )
    closing = models.TextField(_("closing appeal"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=100, blank=True)
    signer_position = models.CharField(
        _("signer's position"), max_length=100, blank=True, help_text=_('"CHỦ TỊCH"')
    )
    signing_mode = models.CharField(
        _("signing mode"), max_length=4, choices=SigningMode.choices, blank=True, default=""
    )
    signer_collective = models.CharField(
        _("collective (TM.)"),
        max_length=100,
        blank=True,
        help_text=_('The body signed for: "ỦY BAN NHÂN DÂN" gives "TM. ỦY BAN NHÂN DÂN".'),
    )
    signer_head_title = models.CharField(
        _("head's title (KT., Q., TL., TUQ.)"),
        max_length=100,
        blank=True,
        help_text=_('"CHỦ TỊCH" gives "KT. CHỦ TỊCH".'),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("implements campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    parent_reference = models.CharField(
        _("reference to the implemented document"),
        max_length=300,
        blank=True,
        help_text=_(
            'For a parent outside the portal: "Kế hoạch số 113/KH-UBND ngày 09/3/2023 của UBND '
            'huyện Cao Lộc". Empty: taken from the parent campaign.'
        ),
    )
    participating_units = models.ManyToManyField(
        Unit, verbose_name=_("participating units"), blank=True, related_name="+"
    )
    nomination_deadline = models.DateField(_("nomination deadline"), null=True, blank=True)
    status = FSMField(
        _("status"),
        max_length=20,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
        protected=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-issue_year", "-issue_month", "-issue_day", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="campaign_period_ordered",
                violation_error_message=_("The end of the period must not precede its start."),
            ),
            models.CheckConstraint(
                condition=(Q(issue_day__isnull=True) | Q(issue_month__isnull=False))
                & (Q(issue_month__isnull=True) | Q(issue_year__isnull=False)),
                name="campaign_partial_date_nested",
            ),
            models.CheckConstraint(
                condition=Q(issue_month__isnull=True) | Q(issue_month__range=(1, 12)),
                name="campaign_issue_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="campaign_number_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "issue_year"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)
        if kwargs.get("update_fields") and "title" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaign_detail", args=[self.pk])

    # -- transitions: called only from campaigns.services, which lock the row and check the actor

    @transition(field=status, source=CampaignStatus.DRAFT, target=CampaignStatus.PUBLISHED)
    def publish(self):
        pass

    @transition(field=status, source=CampaignStatus.PUBLISHED, target=CampaignStatus.CLOSED)
    def close(self):
        pass

    @transition(field=status, source=CampaignStatus.CLOSED, target=CampaignStatus.SUMMARISED)
    def summarise(self):
        pass

    # -- values derived from the campaign's own fields ------------------------------------------

    @property
    def issuer_list(self) -> list["CampaignIssuer"]:
        """Issuer rows in header order (uses the prefetch cache when there is one)."""
        return sorted(self.issuer_rows.all(), key=lambda row: (row.position, row.pk or 0))

    @property
    def lead_issuer(self) -> "CampaignIssuer | None":
        rows = self.issuer_list
        return rows[0] if rows else None

    @property
    def issuer_abbreviation(self) -> str:
        lead = self.lead_issuer
        return lead.abbreviation if lead else ""

    @property
    def number_text(self) -> str:
        """ "05/KH-UBND"; the number is left blank until it is given."""
        number = f"{self.number:02d}" if self.number else "\u00a0" * 6
        return f"{number}/{self.doc_type.abbreviation}-{self.issuer_abbreviation}"

    @property
    def issuers_short(self) -> str:
        return ", ".join(str(row) for row in self.issuer_list)

    @property
    def reference_line(self) -> str:
        """How another document cites this one:
        "Kế hoạch số 113/KH-UBND ngày 09/3/2023 của UBND huyện Cao Lộc"."""
        parts = [self.doc_type.title_case]
        if self.number:
            parts.append(f"số {self.number_text}")
        if self.issue_date:
            parts.append(f"ngày {short_date(self.issue_date)}")
        if self.issuer_list:
            parts.append(f"của {self.issuers_short}")
        return " ".join(parts)

    @property
    def implements_line(self) -> str:
        """ "Thực hiện Kế hoạch số 113/KH-UBND ngày 09/3/2023 của UBND huyện Cao Lộc"."""
        reference = self.parent_reference or (self.parent.reference_line if self.parent else "")
        return f"Thực hiện {reference}" if reference else ""

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def status_badge(self) -> str:
        return CAMPAIGN_STATUS_BADGE.get(self.status, "secondary")

    @property
    def issue_date(self) -> datetime.date | None:
        """The full date of issue, or None while any part is missing."""
        if self.issue_year and self.issue_month and self.issue_day:
            return datetime.date(self.issue_year, self.issue_month, self.issue_day)
        return None

    @issue_date.setter
    def issue_date(self, value: datetime.date | None):
        if value is None:
            self.issue_year = self.issue_month = self.issue_day = None
        else:
            self.issue_year, self.issue_month, self.issue_day = value.year, value.month, value.day

    @property
    def starts_on(self) -> datetime.date:
        """Its start; else its issue date (the first day of the month or year known); else
        today (a draft not yet dated)."""
        if self.period_start:
            return self.period_start
        if self.issue_year:
            return datetime.date(self.issue_year, self.issue_month or 1, self.issue_day or 1)
        return timezone.localdate()

    @property
    def awards_window(self) -> tuple[datetime.date, datetime.date | None]:
        """When its awards are given, (first, last): on the last day of its period ("at the
        end: summary, the best are rewarded"); with no dated end (an event, or none), at some
        time from its start on (last None). The forms it offers must be awarded then."""
        if self.period_end:
            return self.period_end, self.period_end
        return self.starts_on, None

    @property
    def year(self) -> int | None:
        return self.issue_year or (self.period_start.year if self.period_start else None)

    @property
    def date_words(self) -> str:
        """ "ngày 05 tháng 01 năm 2026", blanks kept for a partial date (seed 000)."""
        return date_in_words(self.issue_date, month=self.issue_month, year=self.issue_year)

    @property
    def short_issue_date(self) -> str:
        return short_date(self.issue_date) if self.issue_date else ""

    @property
    def period_display(self) -> str:
        """The period as the document says it: "Từ ngày 19/8/2019 đến ngày 19/10/2019."."""
        if self.period_text:
            return self.period_text
        if not (self.period_start or self.period_end or self.period_end_event):
            return ""
        start = (
            f"Từ ngày {short_date(self.period_start)}" if self.period_start else "Từ ngày phát động"
        )
        if self.period_end:
            end = f"đến ngày {short_date(self.period_end)}"
        elif self.period_end_event:
            end = f"đến {self.period_end_event}"
        else:
            end = ""
        return f"{start} {end}".strip() + "."

    @property
    def purpose_parts(self) -> list[tuple[str, list[str]]]:
        """The sub-sections of the purpose section that have text: ("Mục đích", [...]) …"""
        parts = [
            ("Mục đích", self.purpose),
            ("Ý nghĩa", self.meaning),
            ("Yêu cầu", self.requirements),
        ]
        return [(title, paragraphs(text)) for title, text in parts if text.strip()]

    @property
    def layout(self) -> list[dict]:
        """The numbered sections in print order: {"numeral", "heading", "part", "body"}."""
        rows = sorted(self.sections.all(), key=lambda s: (s.position, s.pk or 0))
        if rows:
            specs = [(s.part, s.heading, s.body) for s in rows]
        else:
            present = {
                SectionPart.PURPOSE: bool(self.purpose_parts),
                SectionPart.PERIOD_THEME: bool(self.period_display or self.theme),
                SectionPart.CONTENT: True,
                SectionPart.SOLUTIONS: bool(self.solutions.strip()),
                # The standards and forms it offers (awards.CampaignAward), when it offers any.
                SectionPart.AWARDS: self._offers_awards(),
                SectionPart.TASKS: True,
            }
            specs = [(part, heading, "") for part, heading in DEFAULT_LAYOUT if present[part]]
        layout, count = [], 0
        for part, heading, body in specs:
            numeral = ""
            if heading:
                numeral = ROMAN[count] if count < len(ROMAN) else str(count + 1)
                count += 1
            layout.append(
                {"numeral": numeral, "heading": heading, "part": part, "body": paragraphs(body)}
            )
        return layout

    def _offers_awards(self) -> bool:
        if not self.pk or not hasattr(self, "award_offers"):
            return False
        cached = getattr(self, "_prefetched_objects_cache", {}).get("award_offers")
        return bool(cached) if cached is not None else self.award_offers.exists()

    @property
    def solution_lines(self) -> list[str]:
        return paragraphs(self.solutions)

    @property
    def signer_lines(self) -> list[str]:
        """The signer block above the name: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", …]."""
        mode = self.signing_mode
        lines = []
        if self.signer_collective and mode not in (SigningMode.BY_ORDER, SigningMode.AUTHORISED):
            lines.append(f"TM. {self.signer_collective}")
        head = self.signer_head_title or self.signer_position
        if mode == SigningMode.ACTING:
            lines.append(f"Q. {head}")
            return lines
        if mode in (SigningMode.DEPUTY, SigningMode.BY_ORDER, SigningMode.AUTHORISED):
            lines.append(f"{mode}. {head}")
        if self.signer_position:
            lines.append(self.signer_position)
        return lines


class CampaignIssuer(models.Model):
    """One issuer of a campaign, in the order of the header, with its printed header lines."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="issuer_rows")
    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    header_parent = models.CharField(
        _("parent body line"),
        max_length=150,
        blank=True,
        help_text=_(
            'The body above the issuer, printed regular: "UBND TỈNH LẠNG SƠN" above a '
            "department. Empty for a People's Committee."
        ),
    )
    header_name = models.CharField(
        _("issuer name lines"),
        max_length=200,
        blank=True,
        help_text=_(
            'Printed bold; a line break chooses where it wraps: "ỦY BAN NHÂN DÂN" / '
            '"TỈNH LẠNG SƠN".'
        ),
    )
    abbreviation = models.CharField(
        _("abbreviation in the number"), max_length=20, blank=True, help_text=_('"UBND"')
    )
    short_name = models.CharField(
        _("short name"),
        max_length=150,
        blank=True,
        help_text=_('As other documents cite it: "UBND huyện Cao Lộc".'),
    )

    class Meta:
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_issuer_unique")
        ]

    def __str__(self):
        return self.short_name or str(self.unit)


class CampaignOccasion(models.Model):
    """An occasion the campaign celebrates: "110 năm ngày sinh đồng chí Hoàng Văn Thụ"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="occasions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("occasion"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    anniversary = models.CharField(
        _("anniversary"),
        max_length=300,
        blank=True,
        help_text=_('"110 năm ngày sinh đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019)"'),
    )

    class Meta:
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return self.anniversary or self.name


class CampaignSection(ChoiceLabels, models.Model):
    """A numbered section of the document (I., II., …) and which part of the campaign it prints."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    part = models.CharField(_("part"), max_length=20, choices=SectionPart.choices)
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_('Without the numeral: "MỤC ĐÍCH, YÊU CẦU". Empty: printed without a heading.'),
    )
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return self.heading or self.get_part_display()


class CampaignItem(models.Model):
    """A numbered content item (nội dung thi đua): an optional heading and its paragraphs."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return self.heading or self.text[:80]

    @property
    def text_paragraphs(self) -> list[str]:
        return paragraphs(self.text)


class ItemTarget(ChoiceLabels, models.Model):
    """A measurable target of a content item: "≥ 99 % hồ sơ giải quyết đúng hạn"."""

    item = models.ForeignKey(CampaignItem, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    indicator = models.CharField(_("indicator"), max_length=300)
    comparator = models.CharField(
        _("comparator"), max_length=5, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    value_max = models.DecimalField(
        _("upper value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit_label = models.CharField(_("unit of measure"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["item", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(comparator="range")
                | (Q(value_max__isnull=False) & Q(value_max__gte=models.F("value"))),
                name="item_target_range_ordered",
                violation_error_message=_("A range needs an upper value not below the lower."),
            )
        ]

    def __str__(self):
        def num(value) -> str:
            text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
            return text.replace(".", ",")

        if self.comparator == Comparator.RANGE:
            amount = f"{num(self.value)} - {num(self.value_max)}"
        elif self.comparator == Comparator.EQUAL:
            amount = num(self.value)
        else:
            amount = f"{self.get_comparator_display()} {num(self.value)}"
        return " ".join(p for p in (amount, self.unit_label, self.indicator) if p)


class CampaignTask(models.Model):
    """An implementation task (tổ chức thực hiện): who does what, by when."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.CharField(
        _("actor"),
        max_length=300,
        blank=True,
        help_text=_('When not one unit: "Các cơ quan báo chí, truyền thông của tỉnh".'),
    )
    duty = models.TextField(_("duty"))
    due_date = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementation task")
        verbose_name_plural = _("implementation tasks")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return self.actor or (str(self.unit) if self.unit_id else self.duty[:80])

    @property
    def duty_paragraphs(self) -> list[str]:
        return paragraphs(self.duty)


class CampaignRecipient(models.Model):
    """A line of "Nơi nhận", naming a unit or in free text ("Lưu: VT, KG-VX (NTB)")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.CharField(
        _("line"), max_length=300, blank=True, help_text=_("Empty: the unit's name.")
    )

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(text=""), name="campaign_recipient_named"
            )
        ]

    def __str__(self):
        return self.text or str(self.unit)
