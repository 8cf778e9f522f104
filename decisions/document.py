"""What the PDFs print: the decision in the Nghị định 30 frame with its attached list, and the
certificates. Pure reads: nothing here writes.
"""

from dataclasses import dataclass, field

import segno
from django.conf import settings
from django.urls import reverse

from awards.choices import SubjectKind
from campaigns.services import default_place, issuer_defaults
from decisions import wording
from decisions.choices import MoneyPlacement, SigningMode
from documents.layout import Issuer, OfficialDocument, Signer
from documents.text import name_sort_key
from documents.vietnamese import (
    date_in_words,
    doc_number,
    format_money,
    money_in_words,
    place_date,
)

DECISION_TEMPLATE = "decisions/pdf/decision.html"
CERTIFICATE_TEMPLATE = "decisions/pdf/certificates.html"
BLANK_TEMPLATE = "decisions/pdf/certificates_blank.html"
# Where QR codes point when no request gives the site address (a task, the benchmark).
DEFAULT_BASE_URL = "http://localhost:8000"


@dataclass
class Section:
    """One part of the attached list: "I. TẬP THỂ" and its rows."""

    numeral: str
    kind: str
    heading: str
    rows: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.amount or 0 for row in self.rows)


def list_order(awardees) -> list:
    """Collectives in the order proposed, then individuals and households by Vietnamese name
    order (given name first); this order numbers the list and the certificates."""

    def key(awardee):
        rank = wording.SUBJECT_ORDER.index(awardee.subject_kind)
        if awardee.subject_kind == SubjectKind.COLLECTIVE:
            return (rank, (), awardee.position, awardee.pk or 0)
        entry = awardee.entry
        name = entry.head_name or awardee.name
        return (rank, name_sort_key(name), awardee.position, awardee.pk or 0)

    return sorted(awardees, key=key)


def sections(awardees) -> list[Section]:
    """The attached list's sections, numbered over the kinds present."""
    by_kind = {kind: [] for kind in wording.SUBJECT_ORDER}
    for awardee in sorted(awardees, key=lambda a: (a.position, a.pk or 0)):
        by_kind[awardee.subject_kind].append(awardee)
    result = []
    for kind in wording.SUBJECT_ORDER:
        if by_kind[kind]:
            numeral = wording.ROMAN[len(result)]
            result.append(Section(numeral, kind, wording.SECTION_HEADING[kind], by_kind[kind]))
    return result


def counts(awardees) -> dict[str, int]:
    result = dict.fromkeys(wording.SUBJECT_ORDER, 0)
    for awardee in awardees:
        result[awardee.subject_kind] += 1
    return result


def signer_block(decision) -> Signer:
    name = decision.signer_name or "\u00a0"
    if decision.signing_mode == SigningMode.VICE_CHAIRMAN:
        return Signer(mode_lines=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name=name)
    return Signer.chairman(name)


def official_document(decision, *, draft: bool) -> OfficialDocument:
    issuer = decision.issuer
    header = issuer_defaults(issuer)
    return OfficialDocument(
        issuers=[Issuer(name=header["header_name"], parent_name=header["header_parent"])],
        number_line=doc_number(
            decision.number, decision.doc_type.abbreviation, decision.abbreviation
        ),
        place_date_line=place_date(default_place(issuer), decision.date),
        type_name=decision.doc_type.name,
        title_lines=[decision.title],
        recipients=[line for line in decision.recipients.splitlines() if line.strip()],
        signer=signer_block(decision),
        draft=draft,
    )


def money_sentences(decision, counts_by_kind: dict[str, int], total: int) -> list[str]:
    """The money: per collective, per individual, per household, the total, and the fund."""
    if decision.money_placement == MoneyPlacement.RULES_ONLY:
        rules = decision.rules_reference or "quy định hiện hành"
        return [f"Tiền thưởng thực hiện theo {rules}, chi từ {decision.funding_source}."]
    family = decision.form.family
    parts = []
    for kind in wording.SUBJECT_ORDER:
        amount = decision.amount_for(kind)
        if counts_by_kind.get(kind) and amount:
            parts.append(
                f"mỗi {wording.SUBJECT_WORD[kind]} được tặng {family} kèm theo tiền thưởng "
                f"{format_money(amount)} ({money_in_words(amount)})"
            )
    if not parts:
        return []
    first = "; ".join(parts)
    return [
        first[0].upper() + first[1:] + ".",
        f"Tổng số tiền thưởng: {format_money(total)} ({money_in_words(total)}).",
        f"Nguồn kinh phí: {decision.funding_source}.",
    ]


def articles(decision, counts_by_kind: dict[str, int], total: int) -> list[tuple[str, list[str]]]:
    """ "Điều 1.", "Điều 2.", … with their paragraphs, in the order DOMAIN.md gives."""
    award = (
        f"Tặng {wording.form_phrase(decision.form)} cho {wording.counts_phrase(counts_by_kind)} "
        f"(có danh sách kèm theo), {decision.reason.strip().rstrip('.')}."
    )
    money = money_sentences(decision, counts_by_kind, total)
    bodies = []
    if decision.money_placement == MoneyPlacement.ARTICLE_1:
        bodies.append([award, *money])
    else:
        bodies.append([award])
        if money:
            bodies.append(money)
    bodies.append([decision.executors.strip()])
    return [(f"Điều {i}.", body) for i, body in enumerate(bodies, start=1)]


def decision_context(decision, *, awardees=None, draft: bool | None = None) -> dict:
    """Everything decisions/pdf/decision.html prints."""
    if awardees is None:
        awardees = list(
            decision.decision_awards.select_related("entry", "unit").order_by("position", "pk")
        )
    draft = decision.is_draft if draft is None else draft
    counts_by_kind = counts(awardees)
    total = sum(a.amount or 0 for a in awardees)
    issuer = decision.issuer
    show_money = decision.money_placement != MoneyPlacement.RULES_ONLY and total > 0
    reference = f"{decision.number_text}"
    date_text = date_in_words(decision.date)
    return {
        "doc": official_document(decision, draft=draft),
        "decision": decision,
        "authority_line": wording.authority_line(issuer),
        "bases": [line for line in decision.bases.splitlines() if line.strip()],
        "proposals": [line for line in decision.proposals.splitlines() if line.strip()],
        "articles": articles(decision, counts_by_kind, total),
        "sections": sections(awardees),
        "show_money": show_money,
        "total": total,
        "total_words": money_in_words(total) if total else "",
        "list_heading": list_heading(decision, counts_by_kind),
        "list_subtitle": (
            f"(Kèm theo Quyết định số {reference} {date_text} của {wording.signer_title(issuer)})"
        ),
    }


def list_heading(decision, counts_by_kind: dict[str, int]) -> str:
    """ "CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"."""
    kinds = ", ".join(
        wording.SUBJECT_WORD[kind] for kind in wording.SUBJECT_ORDER if counts_by_kind.get(kind)
    )
    return f"các {kinds} được tặng {wording.form_phrase(decision.form)}".upper()


def verification_url(token: str, *, base_url: str | None = None) -> str:
    """The absolute address a certificate's QR code opens."""
    base = (base_url or getattr(settings, "PORTAL_BASE_URL", DEFAULT_BASE_URL)).rstrip("/")
    return base + reverse("verify", args=[token])


def qr_data_uri(url: str) -> str:
    """A QR code as a PNG data: URI, 4 pixels a module (drawn with crisp edges).

    The mask is fixed: any mask gives a valid code, and searching the best one took longer
    than laying out the certificate page itself when 500 certificates print at once.
    """
    code = segno.make(url, error="m", mask=2, boost_error=False)
    return code.png_data_uri(scale=4, border=2)


@dataclass
class CertificatePage:
    awardee: object
    recipient: str
    description: str
    qr: str
    url: str


# Certificates print this many to a PDF: a list of thousands comes in parts (about 1 s of
# rendering per 100 pages), each a batch for the printer.
CERTIFICATES_PER_PDF = 200


def certificate_parts(count: int) -> list[tuple[int, int, int]]:
    """(part, first, last) of the certificate PDFs of `count` awardees (numbers from 1)."""
    return [
        (part, start + 1, min(count, start + CERTIFICATES_PER_PDF))
        for part, start in enumerate(range(0, count, CERTIFICATES_PER_PDF), 1)
    ]


def certificate_context(
    decision, *, base_url: str | None = None, layout=None, part: int | None = None
) -> dict:
    """The certificates of the decision's awardees, or of part `part` of them
    (CERTIFICATES_PER_PDF each)."""
    awardees = decision.decision_awards.select_related("entry__person", "unit").order_by(
        "position", "pk"
    )
    if part is not None:
        start = (part - 1) * CERTIFICATES_PER_PDF
        awardees = awardees[start : start + CERTIFICATES_PER_PDF]
    awardees = list(awardees)
    pages = []
    for awardee in awardees:
        url = verification_url(awardee.token, base_url=base_url)
        recipient = awardee.name
        if awardee.subject_kind == SubjectKind.INDIVIDUAL:
            person = awardee.entry.person if awardee.entry_id else None
            # "Ông" / "Bà" only when the gender is known: a wrong title is worse than none.
            honorific = {"male": "Ông", "female": "Bà"}.get(getattr(person, "gender", ""), "")
            recipient = f"{honorific} {awardee.name}".strip()
        pages.append(
            CertificatePage(
                awardee=awardee,
                recipient=recipient,
                description=awardee.description,
                qr=qr_data_uri(url),
                url=url,
            )
        )
    issuer = decision.issuer
    return {
        "decision": decision,
        "pages": pages,
        "layout": layout,
        "authority_line": wording.authority_line(issuer),
        "family": decision.form.family.upper(),
        "reason": decision.reason.strip().rstrip(".")[:1].upper()
        + decision.reason.strip().rstrip(".")[1:],
        "decision_line": (
            f"Quyết định số {decision.number_text} {date_in_words(decision.date)}"
            if decision.is_issued
            else ""
        ),
        "place_date": place_date(default_place(issuer), decision.date),
        "signer": signer_block(decision),
        "national_name": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
    }
