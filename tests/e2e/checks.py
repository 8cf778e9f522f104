"""Checks every end-to-end page must pass."""


def assert_no_csp_violation(page):
    violations = [text for text in page.console_errors if "Content Security Policy" in text]
    assert violations == [], f"CSP violations in the browser console: {violations}"


def check_page(page):
    """What every page must satisfy: no CSP violation, no JS error, no sideways scrolling."""
    assert_no_csp_violation(page)
    assert [e for e in page.console_errors if e.startswith("page error")] == []
    if page.viewport_name == "phone":
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"
