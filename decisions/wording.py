"""The fixed wording of an award decision (DOMAIN.md "Award decision"), built from data.

Every function returns Vietnamese document text, not interface text: the wording is set by
law and by the province's practice, so it is not translated. Drafts start from these texts;
officers may edit them until the decision is signed.
"""

import datetime
from collections.abc import Iterable, Mapping

from awards.choices import SubjectKind
from awards.selectors import legal_bases_in_force
from campaigns.choices import UnitKind
from documents.vietnamese import count_with_zero, date_in_words, short_date

# Order and words of the subject kinds in a decision ("cho 02 tập thể, 05 cá nhân").
SUBJECT_ORDER = (SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD)
SUBJECT_WORD = {
    SubjectKind.COLLECTIVE: "tập thể",
    SubjectKind.INDIVIDUAL: "cá nhân",
    SubjectKind.HOUSEHOLD: "hộ gia đình",
}
SECTION_HEADING = {
    SubjectKind.COLLECTIVE: "TẬP THỂ",
    SubjectKind.INDIVIDUAL: "CÁ NHÂN",
    SubjectKind.HOUSEHOLD: "HỘ GIA ĐÌNH",
}
ROMAN = ("I", "II", "III", "IV")

# Strings that mark a text still to be completed; a signed decision holds none of them.
PLACEHOLDERS = ("…", "...", "__")


def lower_first(text: str) -> str:
    text = (text or "").strip()
    return text[:1].lower() + text[1:] if text else ""


def committee_short(unit) -> str:
    """ "Ủy ban nhân dân tỉnh" (how a decision names its own committee), or the body's name."""
    if unit.is_administrative:
        return f"Ủy ban nhân dân {unit.kind_word}"
    return unit.name


def authority_line(unit) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN": an award is the chairman's act, never
    "TM. ỦY BAN NHÂN DÂN"."""
    if unit.is_administrative:
        return f"CHỦ TỊCH {unit.committee_name}".upper()
    return f"THỦ TRƯỞNG {unit.name}".upper()


def signer_title(unit) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh" (the list's subtitle, the certificate)."""
    if unit.is_administrative:
        return f"Chủ tịch {committee_short(unit)}"
    return f"Thủ trưởng {unit.name}"


def form_phrase(form) -> str:
    """ "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": the form's name, abbreviations spelt out."""
    return form.name.replace("UBND", "Ủy ban nhân dân")


def counts_phrase(counts: Mapping[str, int]) -> str:
    """ "02 tập thể, 05 cá nhân" (counts with a leading zero, empty kinds left out)."""
    parts = [
        f"{count_with_zero(counts[kind])} {SUBJECT_WORD[kind]}"
        for kind in SUBJECT_ORDER
        if counts.get(kind)
    ]
    return ", ".join(parts)


def default_reason(campaign) -> str:
    """ "đã có thành tích xuất sắc trong thực hiện phong trào thi đua …"."""
    title = campaign.title.strip().rstrip(".")
    for prefix in ("Về việc ", "về việc "):
        title = title.removeprefix(prefix)
    phrase = lower_first(title)
    if not phrase.startswith(("phong trào", "thực hiện", "đợt thi đua")):
        phrase = f"thực hiện {phrase}"
    return f"đã có thành tích xuất sắc trong {phrase}"


def default_title(*, form, counts: Mapping[str, int], reason: str) -> str:
    return f"Về việc tặng {form_phrase(form)} cho {counts_phrase(counts)} {reason}"


def _basis_lines(texts: list[str]) -> list[str]:
    """ "Căn cứ …;" each, the last ending with "."."""
    lines = [f"Căn cứ {text.strip().rstrip(';.,')}" for text in texts if text.strip()]
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


def basis_citation(basis) -> str:
    """What follows "Căn cứ": the stored citation, else "Luật Thi đua, khen thưởng ngày 15
    tháng 6 năm 2022" for a law and "Nghị định số … ngày … của Chính phủ …" otherwise."""
    if basis.citation:
        return basis.citation
    when = f" {date_in_words(basis.issued_on)}" if basis.issued_on else ""
    if basis.doc_type.lower() == "luật":
        return f"Luật {basis.title}{when}"
    text = f"{basis.doc_type} số {basis.number}" if basis.number else basis.doc_type
    text += when
    if basis.issuer:
        text += f" của {basis.issuer}"
    return f"{text} {basis.title}"


def unit_words(unit) -> str:
    """A unit inside a sentence: "xã Cao Lâu" (the kind word in lower case)."""
    if unit.is_administrative and unit.kind_word:
        return f"{unit.kind_word} {unit.proper_name}"
    return unit.name


def campaign_citation(campaign) -> str:
    """ "Kế hoạch số 45/KH-UBND ngày 01/3/2023 của UBND tỉnh Lạng Sơn về thực hiện …"."""
    title = campaign.title.strip().rstrip(".")
    title = title.removeprefix("Về việc ").removeprefix("về việc ")
    return f"{campaign.reference_line} về {lower_first(title)}"


def default_bases(*, campaign, on: datetime.date) -> list[str]:
    """The legal bases in force on `on` (in their citing order), then the campaign plan."""
    texts = [basis_citation(basis) for basis in legal_bases_in_force(on=on, cited_only=True)]
    texts.append(campaign_citation(campaign))
    return _basis_lines(texts)


def outdated_bases(text: str, on: datetime.date) -> list:
    """Legal bases cited in `text` (by number) that are not in force on `on`."""
    from awards.models import LegalBasis

    text = text or ""
    return [
        basis
        for basis in LegalBasis.objects.filter(cited_in_decisions=True)
        if not basis.is_in_force(on)
        and ((basis.number and basis.number in text) or basis_citation(basis) in text)
    ]


def proposer_title(unit) -> str:
    """Who signs a tờ trình: "Chủ tịch Ủy ban nhân dân huyện Cao Lộc", "Giám đốc Sở …"."""
    if unit.is_administrative:
        return f"Chủ tịch {unit.committee_name}"
    if unit.name.lower().startswith("sở "):
        return f"Giám đốc {unit.name}"
    return f"Thủ trưởng {unit.name}"


def default_proposals(dossiers: Iterable) -> list[str]:
    """One "Xét đề nghị của … tại Tờ trình số …/TTr-… ngày …" line per proposing dossier; the
    last ends with "," before "QUYẾT ĐỊNH:"."""
    texts = []
    for dossier in dossiers:
        text = f"Xét đề nghị của {proposer_title(dossier.proposing_unit)}"
        if dossier.number:
            text += f" tại Tờ trình số {dossier.number_text}"
            if dossier.date:
                text += f" ngày {short_date(dossier.date)}"
        texts.append(text)
    return [t + ("," if i == len(texts) - 1 else ";") for i, t in enumerate(texts)]


def default_funding_source(unit) -> str:
    return f"Quỹ thi đua, khen thưởng của {unit.kind_word or unit.name} {unit.proper_name}".replace(
        "  ", " "
    )


def default_executors(unit, *, article_1: str = "Điều 1") -> str:
    """The last article: who carries the decision out."""
    if unit.kind == UnitKind.PROVINCE:
        office = "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ"
    elif unit.level == "district":
        office = f"Chánh Văn phòng HĐND và UBND {unit.kind_word}, Trưởng phòng Nội vụ"
    elif unit.is_administrative:
        office = f"Công chức Văn phòng - Thống kê {unit.kind_word}"
    else:
        office = f"Chánh Văn phòng {unit.name}"
    return (
        f"{office}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên "
        f"tại {article_1} chịu trách nhiệm thi hành Quyết định này./."
    )


def default_recipients(unit, *, last_article: int, proposing_units: Iterable) -> list[str]:
    """ "- Như Điều 3;", the committee's leaders, the proposing units, "- Lưu: VT, NC."."""
    lines = [f"Như Điều {last_article}"]
    if unit.is_administrative:
        lines.append(f"Chủ tịch, các PCT {_short(unit)}")
    if unit.kind == UnitKind.PROVINCE:
        lines.append("Ban Thi đua - Khen thưởng (Sở Nội vụ)")
    seen = set()
    for proposing in proposing_units:
        name = _short(proposing)
        if proposing.pk != unit.pk and name not in seen:
            seen.add(name)
            lines.append(name)
    lines.append("Lưu: VT, NC" if unit.kind == UnitKind.PROVINCE else "Lưu: VT")
    return [f"- {line}" + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


def _short(unit) -> str:
    return f"UBND {unit.kind_word} {unit.proper_name}" if unit.is_administrative else unit.name


def placeholders_in(text: str) -> list[str]:
    """The placeholder marks found in `text` ("…", "__"), for the check before signing."""
    return [mark for mark in PLACEHOLDERS if mark in (text or "")]
