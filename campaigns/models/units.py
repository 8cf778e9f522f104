"""The unit tree in time: provinces, districts, communes and bodies, with their lineage."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import (
    ADMINISTRATIVE_KINDS,
    KIND_WORD,
    LEVEL_OF_KIND,
    ClusterKind,
    UnitKind,
    UnitLevel,
)
from documents.collation import Vietnamese
from documents.labels import ChoiceLabels
from documents.text import fold, text_sort_key

# The day the district level was abolished (Nghị quyết 1672/NQ-UBTVQH15 for Lạng Sơn).
REFORM_DATE = datetime.date(2025, 7, 1)


def _today() -> datetime.date:
    return timezone.localdate()


def in_force_q(on: datetime.date, prefix: str = "") -> Q:
    """Filter for units in force on `on`; `prefix` reaches a unit through a relation."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


class UnitQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None):
        return self.filter(in_force_q(on or _today()))

    def search(self, text: str):
        """Diacritic-insensitive search on the name: "cao loc" finds "Cao Lộc"."""
        words = fold(text).split()
        qs = self
        for word in words:
            qs = qs.filter(name_folded__contains=word)
        return qs

    def administrative(self):
        return self.filter(kind__in=ADMINISTRATIVE_KINDS)


class Unit(ChoiceLabels, models.Model):
    """An administrative unit or a body (department, agency, organisation) valid over a period."""

    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(
        _("administrative code"),
        max_length=10,
        blank=True,
        help_text=_("The code of the national list of administrative units, if any."),
    )
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_(
            'The proper name printed before the date of a document ("Cao Lâu"). '
            "Empty: taken from the name, or from the parent unit for a body."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    standing_office_for = models.ForeignKey(
        "self",
        verbose_name=_("standing office for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standing_offices",
        help_text=_("For an office such as the Ban TĐKT: the unit whose records its staff handle."),
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("replaced units"),
        through="UnitSuccession",
        through_fields=("successor", "predecessor"),
        symmetrical=False,
        related_name="successors",
        blank=True,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = [Vietnamese("name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period_ordered",
                violation_error_message=_("The end of validity must not precede its start."),
            ),
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                condition=~Q(code=""),
                name="unit_code_unique_per_era",
            ),
        ]
        indexes = [models.Index(fields=["kind", "valid_to"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # One space between words: the lists' order (ICU's, and text_sort_key's) reads a
        # doubled or leading space as a character of its own.
        self.name = " ".join((self.name or "").split())
        self.name_folded = fold(self.name)
        if kwargs.get("update_fields") and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    # -- values derived from the unit's own fields --------------------------------------------

    @property
    def level(self) -> UnitLevel | None:
        return LEVEL_OF_KIND.get(self.kind)

    @property
    def is_administrative(self) -> bool:
        return self.kind in ADMINISTRATIVE_KINDS

    @property
    def kind_word(self) -> str:
        return KIND_WORD.get(self.kind, "")

    @property
    def proper_name(self) -> str:
        """The name without its kind word: "Xã Cao Lâu" -> "Cao Lâu"."""
        word = self.kind_word
        if word and self.name.lower().startswith(word + " "):
            return self.name[len(word) + 1 :]
        return self.name

    @property
    def committee_name(self) -> str:
        """The People's Committee of an administrative unit: "Ủy ban nhân dân xã Cao Lâu"."""
        if not self.is_administrative:
            return self.name
        return f"Ủy ban nhân dân {self.kind_word} {self.proper_name}"

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or _today()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def is_dissolved(self) -> bool:
        return self.valid_to is not None and self.valid_to < _today()

    # -- the tree on a date ----------------------------------------------------------------------

    def children_on(self, on: datetime.date | None = None):
        return self.children.in_force(on)

    def descendants_on(self, on: datetime.date | None = None) -> list["Unit"]:
        """Every unit below this one in the tree in force on `on`, one query per tier."""
        on = on or _today()
        found: list[Unit] = []
        frontier = [self.pk]
        while frontier:
            tier = list(Unit.objects.in_force(on).filter(parent_id__in=frontier))
            found.extend(tier)
            frontier = [u.pk for u in tier]
        return found

    def ancestors_on(self, on: datetime.date | None = None) -> list["Unit"]:
        """Parent, grandparent, … of this unit, nearest first, as the tree stood on `on`.

        Empty when the unit itself was not in force on that date.
        """
        on = on or _today()
        if not self.is_in_force(on):
            return []
        ancestors: list[Unit] = []
        node = self.parent
        while node is not None and node.is_in_force(on):
            ancestors.append(node)
            node = node.parent
        return ancestors

    def ancestor_at_level(
        self, level: UnitLevel | str, on: datetime.date | None = None, include_self: bool = True
    ) -> "Unit | None":
        """The administrative unit at `level` above (or equal to) this one on `on`, or None."""
        on = on or _today()
        if not self.is_in_force(on):
            return None
        chain = ([self] if include_self else []) + self.ancestors_on(on)
        for unit in chain:
            if unit.is_administrative and unit.level == level:
                return unit
        return None

    def successors_on(self, on: datetime.date | None = None) -> list["Unit"]:
        """The unit(s) in force on `on` that took over this one, following lineage.

        A unit in force on that date is its own successor.
        """
        on = on or _today()
        if self.is_in_force(on):
            return [self]
        result: dict[int, Unit] = {}
        seen = {self.pk}
        frontier = [self]
        while frontier:
            nexts = list(
                Unit.objects.filter(predecessors__in=frontier).exclude(pk__in=seen).distinct()
            )
            frontier = []
            for unit in nexts:
                seen.add(unit.pk)
                if unit.is_in_force(on):
                    result[unit.pk] = unit
                else:
                    frontier.append(unit)
        return sorted(result.values(), key=lambda u: text_sort_key(u.name))

    def lineage_ids(self) -> set[int]:
        """This unit and every unit it replaced, transitively (for history that follows lineage)."""
        ids = {self.pk}
        frontier = {self.pk}
        while frontier:
            frontier = (
                set(
                    UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                        "predecessor_id", flat=True
                    )
                )
                - ids
            )
            ids |= frontier
        return ids


class UnitSuccession(models.Model):
    """One line of lineage: `successor` took over (all or part of) `predecessor`."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("replaced unit"), on_delete=models.CASCADE, related_name="+"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("successor unit"), on_delete=models.CASCADE, related_name="+"
    )
    partial = models.BooleanField(
        _("partly merged"),
        default=False,
        help_text=_("Only part of the replaced unit's area went to this successor."),
    )
    effective_on = models.DateField(_("effective on"), default=REFORM_DATE)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="unit_succession_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Cluster(ChoiceLabels, models.Model):
    """An emulation cluster or bloc (cụm / khối thi đua): peer units that compete together."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CLUSTER
    )
    year = models.PositiveSmallIntegerField(_("year"))
    members = models.ManyToManyField(Unit, verbose_name=_("member units"), related_name="clusters")
    leading_unit = models.ForeignKey(
        Unit,
        verbose_name=_("leading unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_clusters",
    )

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["-year", Vietnamese("name")]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="cluster_name_year_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"
