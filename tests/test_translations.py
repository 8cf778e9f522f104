"""Every page a person reads is Vietnamese: no catalogue may hold an untranslated string."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)
ENTRY = re.compile(
    r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)',
    re.M,
)


def _unquote(block: str) -> str:
    return "".join(re.findall(r'"(.*)"', block))


def test_there_are_catalogues():
    assert ROOT / "locale/vi/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    untranslated = []
    for match in ENTRY.finditer(text):
        msgid, msgstr = _unquote(match.group(1)), _unquote(match.group(2))
        if msgid and not msgstr:
            untranslated.append(msgid)
    assert untranslated == []
    body = text.split("\n\n", 1)[1] if "\n\n" in text else text
    assert "#, fuzzy" not in body
