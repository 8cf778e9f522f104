"""Checks every end-to-end page must pass."""


def assert_no_csp_violation(page):
    violations = [text for text in page.console_errors if "Content Security Policy" in text]
    assert violations == [], f"CSP violations in the browser console: {violations}"


def check_page(page):
    """What every page must satisfy: no CSP violation, no JS error, no sideways scrolling (of
    the page, or on a phone of a table in its scrolling box: a phone shows each table whole,
    its rows stacked or its minor columns hidden)."""
    assert_no_csp_violation(page)
    assert [e for e in page.console_errors if e.startswith("page error")] == []
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
