from .campaign import (
    LIVE_STATUSES,
    Campaign,
    CampaignIssuer,
    CampaignItem,
    CampaignOccasion,
    CampaignRecipient,
    CampaignSection,
    CampaignTask,
    ItemTarget,
)
from .registers import DocumentRegister, DocumentType, RegisterEntry
from .units import REFORM_DATE, Cluster, Unit, UnitSuccession, in_force_q

__all__ = [
    "LIVE_STATUSES",
    "REFORM_DATE",
    "Campaign",
    "CampaignIssuer",
    "CampaignItem",
    "CampaignOccasion",
    "CampaignRecipient",
    "CampaignSection",
    "CampaignTask",
    "Cluster",
    "DocumentRegister",
    "DocumentType",
    "ItemTarget",
    "RegisterEntry",
    "Unit",
    "UnitSuccession",
    "in_force_q",
]
