"""Models of the congresses app: the plan and its parts, then the events and their delegates."""

from .events import CongressEvent, Delegate
from .plans import (
    AgendaItem,
    CongressLevel,
    CongressPlan,
    ImplementationDuty,
    PilotUnit,
    PlanSection,
)

__all__ = [
    "AgendaItem",
    "CongressEvent",
    "CongressLevel",
    "CongressPlan",
    "Delegate",
    "ImplementationDuty",
    "PilotUnit",
    "PlanSection",
]
