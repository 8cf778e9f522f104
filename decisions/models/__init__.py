"""Models of the decisions app: the decision with its awardees, and certificate layouts."""

from .certificates import CertificateLayout
from .decision import Decision, DecisionAward, new_token
from .previews import DecisionPreviewPdf

__all__ = [
    "CertificateLayout",
    "Decision",
    "DecisionAward",
    "DecisionPreviewPdf",
    "new_token",
]
