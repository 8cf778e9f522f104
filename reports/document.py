"""The summary report (BÁO CÁO tổng kết) in the Nghị định 30 frame. Pure reads."""

from campaigns.services import default_place, issuer_defaults
from documents.layout import Issuer, OfficialDocument, Signer
from documents.pdf import render_pdf
from documents.vietnamese import doc_number, place_date
from reports.selectors import subtree_ids, summary_figures
from reports.services import SUMMARY_TYPE

SUMMARY_TEMPLATE = "reports/pdf/summary.html"


def lower_first(text: str) -> str:
    """A title inside a sentence: "Phong trào thi đua …" -> "phong trào thi đua …" (the
    proper names further on keep their capitals)."""
    return text[:1].lower() + text[1:]


def official_document(summary) -> OfficialDocument:
    issuer = summary.issuer
    header = issuer_defaults(issuer)
    campaign = summary.campaign
    return OfficialDocument(
        issuers=[Issuer(name=header["header_name"], parent_name=header["header_parent"])],
        number_line=doc_number(summary.number, SUMMARY_TYPE, summary.abbreviation),
        place_date_line=place_date(
            default_place(issuer),
            summary.date,
            year=None if summary.date else campaign.year,
        ),
        type_name="BÁO CÁO",
        title_lines=[f"Tổng kết {lower_first(campaign.title)}"],
        recipients=[line for line in summary.recipients.splitlines() if line.strip()],
        signer=Signer(
            mode_lines=[summary.signer_title or "CHỦ TỊCH"], name=summary.signer_name or "\u00a0"
        ),
        draft=not summary.is_issued,
    )


def summary_context(summary) -> dict:
    """Everything reports/pdf/summary.html prints; figures over the issuer's units."""
    campaign = summary.campaign
    figures = summary_figures(campaign=campaign, unit_ids=subtree_ids(summary.issuer))
    return {
        "doc": official_document(summary),
        "summary": summary,
        "campaign": campaign,
        "campaign_title": lower_first(campaign.title),
        "assessment": [line for line in summary.assessment.splitlines() if line.strip()],
        **figures,
    }


def summary_pdf(summary, *, request=None) -> bytes:
    return render_pdf(SUMMARY_TEMPLATE, summary_context(summary), request=request)
