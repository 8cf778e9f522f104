from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressLevelKind(models.TextChoices):
    """The three tiers of seed 004: base-level conferences, then district / department
    congresses, then the provincial congress."""

    BASE = "base", _("Base level (communes, units under departments)")
    DISTRICT = "district", _("District, department, organisation and enterprise")
    PROVINCE = "province", _("Province")


class EventForm(models.TextChoices):
    """How a unit holds its event (seed 004, II.2): each level offers some of these."""

    HONOUR_EXEMPLARY = "honour_exemplary", _("Conference honouring exemplary models")
    HONOUR_GOOD_DEEDS = "honour_good_deeds", _("Conference honouring good people and good deeds")
    HONOUR_WORKERS = "honour_workers", _("Conference honouring skilled and creative workers")
    CONGRESS = "congress", _("Patriotic Emulation Congress")
    EXEMPLARY_CONFERENCE = "exemplary_conference", _("Conference of exemplary models")


# The forms each level may choose (seed 004, II.2.1 to II.2.3).
FORMS_OF_LEVEL = {
    CongressLevelKind.BASE: [
        EventForm.HONOUR_EXEMPLARY,
        EventForm.HONOUR_GOOD_DEEDS,
        EventForm.HONOUR_WORKERS,
        EventForm.CONGRESS,
    ],
    CongressLevelKind.DISTRICT: [EventForm.CONGRESS, EventForm.EXEMPLARY_CONFERENCE],
    CongressLevelKind.PROVINCE: [EventForm.CONGRESS],
}


class DelegateCategory(models.TextChoices):
    """Who a delegate is: the first five make the share of direct workers and exemplary
    people (at least 70 %), guests and leaders the rest (at most 30 %)."""

    WORKER = "worker", _("Worker")
    FARMER = "farmer", _("Farmer")
    PRODUCER = "producer", _("Direct producer or front-line staff")
    SCIENTIST = "scientist", _("Scientist or researcher")
    GOOD_EXAMPLE = "good_example", _("Exemplary model, good person")
    GUEST = "guest", _("Guest")
    LEADER = "leader", _("Leader")


CORE_CATEGORIES = (
    DelegateCategory.WORKER,
    DelegateCategory.FARMER,
    DelegateCategory.PRODUCER,
    DelegateCategory.SCIENTIST,
    DelegateCategory.GOOD_EXAMPLE,
)
GUEST_CATEGORIES = (DelegateCategory.GUEST, DelegateCategory.LEADER)


class EventState(models.TextChoices):
    """Where a unit's event stands on a given day (computed, never stored)."""

    ON_TIME = "on_time", _("Held by the deadline")
    LATE = "late", _("Held late")
    OVERDUE = "overdue", _("Not held, deadline passed")
    PENDING = "pending", _("Not held yet")


# Badge colour (Bootstrap) each state shows.
EVENT_STATE_BADGE = {
    EventState.ON_TIME: "success",
    EventState.LATE: "warning",
    EventState.OVERDUE: "danger",
    EventState.PENDING: "secondary",
}


class SectionPart(models.TextChoices):
    """What a section of the plan's document prints after its own paragraphs."""

    TEXT = "text", _("Text only")
    LEVELS = "levels", _("The levels of events")
    AGENDA = "agenda", _("The agenda")
    PILOTS = "pilots", _("The pilot units")
    DUTIES = "duties", _("The duties of units")
