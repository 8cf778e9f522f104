from .catalogue import (
    AwardCoefficient,
    AwardForm,
    AwardFormDocument,
    BaseSalary,
    LegalBasis,
    dated_q,
)
from .offers import AwardCriterion, AwardQuota, CampaignAward
from .register import Award, BlockingFlag, Person, mask_citizen_id

__all__ = [
    "Award",
    "AwardCoefficient",
    "AwardCriterion",
    "AwardForm",
    "AwardFormDocument",
    "AwardQuota",
    "BaseSalary",
    "BlockingFlag",
    "CampaignAward",
    "LegalBasis",
    "Person",
    "dated_q",
    "mask_citizen_id",
]
