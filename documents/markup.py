"""HTML built in Python (table rows, menus): every value through `text()`."""

from html import escape


def text(value) -> str:
    """Escaped like Django's conditional_escape: safe text as it is, any other value escaped
    (with Python's own html.escape, which Django's escape() wraps at a higher cost)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)
