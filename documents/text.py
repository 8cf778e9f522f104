"""Vietnamese text helpers: diacritic folding for search and the sort key for names."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics: "Lạng Sơn" -> "lang son", đ -> d."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
