"""The frame of an official document (Nghị định 30/2020): callers fill data, the template
`documents/nd30_base.html` draws it.

    doc = OfficialDocument(
        issuers=[Issuer(name="ỦY BAN NHÂN DÂN\\nTỈNH LẠNG SƠN")],
        number_line=doc_number(5, "QĐ", "UBND"),
        place_date_line=place_date("Lạng Sơn", date),
        type_name="QUYẾT ĐỊNH",
        title_lines=["Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"],
        recipients=["Như Điều 3;", "Lưu: VT, NC."],
        signer=Signer.chairman("Nguyễn Văn A"),
    )
"""

from dataclasses import dataclass, field

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

__all__ = ["MOTTO", "NATIONAL_NAME", "Issuer", "OfficialDocument", "Signer"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """One issuing body of the header.

    `name` is printed bold with a short rule under it; `parent_name` (the body it belongs to,
    e.g. "UBND HUYỆN CAO LỘC" above a district office) regular above it. A "\\n" in either
    chooses where the line breaks: "ỦY BAN NHÂN DÂN\\nTỈNH LẠNG SƠN".
    """

    name: str
    parent_name: str = ""

    @property
    def name_lines(self) -> list[str]:
        return _lines(self.name.upper())

    @property
    def parent_lines(self) -> list[str]:
        return _lines(self.parent_name.upper())

    @classmethod
    def people_committee(cls, unit_words: str, *, parent_name: str = "") -> "Issuer":
        """The People's Committee of a unit: `people_committee("tỉnh Lạng Sơn")` prints
        "ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN"."""
        return cls(name=f"ỦY BAN NHÂN DÂN\n{unit_words}", parent_name=parent_name)


@dataclass(frozen=True, kw_only=True)
class Signer:
    """The signature block: authority lines (TM., KT., Q., TL., TUQ. and the title), then,
    after room for the signature and the seal, the signer's name."""

    mode_lines: list[str]
    name: str

    @property
    def upper_mode_lines(self) -> list[str]:
        return [line.upper() for line in self.mode_lines]

    @classmethod
    def chairman(cls, name: str) -> "Signer":
        """The chairman signs himself (awards are the chairman's act)."""
        return cls(mode_lines=["CHỦ TỊCH"], name=name)

    @classmethod
    def vice_chairman(cls, name: str, *, on_behalf_of: str = "") -> "Signer":
        """A vice-chairman signs for the chairman; `on_behalf_of="ỦY BAN NHÂN DÂN"` adds the
        "TM." line of a document of the committee (seed 003)."""
        lines = [f"TM. {on_behalf_of}"] if on_behalf_of else []
        return cls(mode_lines=[*lines, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name=name)


@dataclass(frozen=True, kw_only=True)
class OfficialDocument:
    """Everything the ND30 frame prints around the body.

    `recipients` are the "Nơi nhận" lines without their leading "- " (the template adds it);
    `co_signers` are the other signers of a joint document, printed beside `signer`.
    `landscape` turns every page to A4 landscape (certificates, wide lists); `draft` stamps
    "DỰ THẢO" on the first page of a document not yet signed.
    """

    issuers: list[Issuer]
    number_line: str
    place_date_line: str
    type_name: str
    title_lines: list[str]
    recipients: list[str]
    signer: Signer
    co_signers: list[Signer] = field(default_factory=list)
    landscape: bool = False
    draft: bool = False
    national_name: str = NATIONAL_NAME
    motto: str = MOTTO

    def __post_init__(self):
        if not self.issuers:
            raise ValueError("An official document needs at least one issuer.")
        cleaned = [line.strip().removeprefix("-").strip() for line in self.recipients]
        object.__setattr__(self, "recipients", [line for line in cleaned if line])

    @property
    def signers(self) -> list[Signer]:
        """All signers, left to right; the main signer is on the right as ND30 places it."""
        return [*self.co_signers, self.signer]

    @property
    def pdf_title(self) -> str:
        """The PDF's metadata title: "QUYẾT ĐỊNH Về việc …"."""
        return " ".join([self.type_name, *self.title_lines]).strip()
