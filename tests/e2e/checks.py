"""Checks every end-to-end page must pass."""

import functools
from pathlib import Path

# axe-core (a dev dependency of package.json): the accessibility rules of WCAG 2.x A and AA
# and axe's best practices, run in the page. Evaluated through the browser's debugging
# protocol, not added as a <script>, so the page's Content Security Policy stays as served.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def _axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `npm ci` (make setup)")
    return AXE.read_text()


def assert_accessible(page):
    """No accessibility violation that axe finds (missing labels, contrast under 4.5:1, a
    page without a first-level heading, empty table headers, ...)."""
    page.evaluate(_axe_source())
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
              .map(n => n.target.join(" ")).join("; ")}`)"""
    )
    assert violations == [], f"{page.url}: accessibility: {violations}"


def assert_no_csp_violation(page):
    violations = [text for text in page.console_errors if "Content Security Policy" in text]
    assert violations == [], f"CSP violations in the browser console: {violations}"


def check_page(page):
    """What every page must satisfy: no CSP violation, no JS error, no accessibility violation,
    no sideways scrolling (of the page, or on a phone of a table in its scrolling box: a phone
    shows each table whole, its rows stacked or its minor columns hidden)."""
    assert_no_csp_violation(page)
    assert [e for e in page.console_errors if e.startswith("page error")] == []
    assert_accessible(page)
    if page.viewport_name == "phone":
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"
        tables = page.evaluate(
            "[...document.querySelectorAll('.table-responsive')]"
            ".filter(box => box.scrollWidth > box.clientWidth + 1)"
            ".map(box => [...box.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right"
            " > box.getBoundingClientRect().right + 1).slice(0, 2).map(e => e.tagName + '.'"
            " + e.className + ': ' + e.textContent.trim().slice(0, 40)))"
        )
        assert tables == [], f"{page.url}: tables scroll sideways on a phone: {tables}"
