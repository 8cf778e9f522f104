"""PDF rendering with WeasyPrint: a Django template rendered to HTML, then to PDF bytes.

Only static files and data: URLs are fetched while rendering. Nothing else (no HTTP, no
arbitrary file: paths): a document's text comes from users, and the renderer must not become a
way to read the server's files or reach the network.
"""

import mimetypes
import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["content_disposition", "pdf_response", "render_html", "render_pdf"]

# Base URL when there is no request: relative links resolve here and are then served from the
# static files; the host is never contacted.
_OFFLINE_BASE_URL = "http://documents.invalid/"


class StaticFilesFetcher(URLFetcher):
    """Serves `STATIC_URL` paths of `base_url`'s host from the static files; refuses the rest."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols={"data"})
        self._base = urlsplit(base_url)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = urlsplit(settings.STATIC_URL).path
        same_site = (parts.scheme, parts.netloc) == (self._base.scheme, self._base.netloc)
        if not (same_site and parts.path.startswith(static_prefix)):
            raise ValueError(f"Not fetched while rendering a PDF: {url}")
        relative = posixpath.normpath(unquote(parts.path[len(static_prefix) :])).lstrip("/")
        if relative.startswith(".."):
            raise ValueError(f"Not a static file: {url}")
        path = finders.find(relative)
        if path is None and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / relative
            path = str(candidate) if candidate.is_file() else None
        if path is None:
            raise ValueError(f"No such static file: {url}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, Path(path).read_bytes(), headers={"Content-Type": content_type}
        )


def render_html(template_name: str, context: dict, *, request: HttpRequest | None = None) -> str:
    """The HTML that `render_pdf` prints (useful to debug a layout in a browser)."""
    return render_to_string(template_name, context, request=request)


def render_pdf(template_name: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """Render `template_name` with `context` to PDF bytes.

    With a request, relative links resolve against the site; static files
    (`{% static %}` images such as an emblem) are read from disk either way.
    Takes about 0.1-0.3 s a page: run large documents in a background task.
    """
    html = render_html(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else _OFFLINE_BASE_URL
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url))
    return document.write_pdf()


def _ascii_filename(filename: str) -> str:
    """A plain-ASCII stand-in for old clients: "Quyết định 05.pdf" -> "Quyet dinh 05.pdf"."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    safe = "".join(ch if ch.isalnum() or ch in " ._-()" else "_" for ch in text).strip(" .")
    return safe or "document.pdf"


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """A Content-Disposition value with an ASCII `filename` and a UTF-8 `filename*` (RFC 6266
    and 5987), safe for any user-supplied name: no quotes, slashes or line breaks get through."""
    name = "".join(ch for ch in filename if ch.isprintable() and ch not in '/\\"')
    name = name.strip(" .") or "document.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    disposition = "inline" if inline else "attachment"
    ascii_name = _ascii_filename(name)
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def pdf_response(pdf_bytes: bytes, filename: str, inline: bool = True) -> HttpResponse:
    """An HttpResponse carrying `pdf_bytes`: shown in the browser (`inline`) or downloaded."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    # Documents are served only after a permission check: keep them out of shared caches.
    response["Cache-Control"] = "private"
    return response
