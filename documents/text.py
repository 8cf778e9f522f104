"""Vietnamese text helpers: diacritic folding for search and the sort key for names."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
# Ð (U+00D0, eth), typed for Đ (U+0110) with some old keyboards and fonts: folded to d, and
# sorted as a d, as ICU's Vietnamese collation sorts it.
_ETH = str.maketrans({"ð": "d", "Ð": "D"})


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics: "Lạng Sơn" -> "lang son", đ -> d."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


# Vietnamese alphabetical order (with the Latin letters of foreign names in their usual place).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Combining marks that make a new letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

type WordKey = tuple[tuple[int, ...], tuple[int, ...]]

# Letters rank above every code point, so digits and punctuation sort before them.
_LETTER_BASE = 0x110000


def _word_key(word: str) -> WordKey:
    """Letters first, tones second: "an" < "án" < "anh" < "ánh" < "ăn"."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.translate(_ETH).lower()):
        if ch in _TONE_RANK:
            if tones:
                tones[-1] = _TONE_RANK[ch]
        elif ch in _LETTER_MARKS and letters and letters[-1] >= _LETTER_BASE:
            # NFD puts the mark after its base letter (and after a dot below): ệ = e + ̣ + ̂.
            base = _ALPHABET[letters[-1] - _LETTER_BASE]
            composed = unicodedata.normalize("NFC", base + ch)
            if composed in _LETTER_RANK:
                letters[-1] = _LETTER_BASE + _LETTER_RANK[composed]
        elif unicodedata.category(ch) != "Mn":
            letters.append(_LETTER_BASE + _LETTER_RANK[ch] if ch in _LETTER_RANK else ord(ch))
            tones.append(0)
    return tuple(letters), tuple(tones)


def text_sort_key(text: str) -> tuple:
    """Sort key for a name in Vietnamese alphabetical order, the order of ICU's Vietnamese
    collation (`documents.collation`): "Ban …" < "Đài …" < "Sở …" < "Ủy ban …" (a database's
    own collation puts Đ and Ủ after Z). The letters of every word come before any tone."""
    words = [_word_key(word) for word in (text or "").split()]
    # "Bà A" < "Ba B", as ICU compares them.
    return tuple(w[0] for w in words), tuple(w[1] for w in words), text or ""


def name_sort_key(full_name: str) -> tuple:
    """Sort key for a Vietnamese person's name: given name (the last word), then the family
    and middle names in order, each in Vietnamese alphabetical order with tones after letters.

    Case-insensitive, and the same for NFC and NFD input.
    `sorted(people, key=lambda p: name_sort_key(p.full_name))`.
    """
    words = (full_name or "").split()
    if not words:
        return ((), (), "")
    given = _word_key(words[-1])
    others = tuple(_word_key(word) for word in words[:-1])
    return (given, others, unicodedata.normalize("NFC", " ".join(words)).lower())
