"""Helpers of the end-to-end flow: signing in as someone else, clicking a form's button and
checking the page it leads to, fetching a file with the browser's session, named steps."""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from tests.e2e.checks import check_page

expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "mat-khau-thu-nghiem"


@contextlib.contextmanager
def step(name: str):
    """Names the step of the flow in the failure report (the harness adds the screenshot)."""
    try:
        yield
    except BaseException as error:
        error.add_note(f"e2e step: {name}")
        raise


def sign_in_as(page, username: str, password: str = PASSWORD) -> None:
    """Drop the present session (if any) and sign in as `username` from the login page."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    check_page(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".alert-danger")).to_have_count(0)
    look(page)


def sign_out(page) -> None:
    """Continue as an anonymous visitor."""
    page.context.clear_cookies()


def press(page, button, *, success: str | None = None) -> None:
    """Click a button that submits a form, wait for the page it leads to, and check that no
    error is shown there (and the success message when given)."""
    with page.expect_navigation():
        button.click()
    errors = page.locator(".alert-danger, .invalid-feedback")
    if errors.count():
        raise AssertionError(f"{page.url} shows an error: {errors.all_inner_texts()}")
    if success is not None:
        expect(page.locator(".alert-success").filter(has_text=success)).to_be_visible()
    look(page)


def follow(page, link) -> None:
    """Click a link, wait for the page it opens, and check that page."""
    with page.expect_navigation():
        link.click()
    look(page)


def look(page) -> None:
    """check_page, and the screenshot of `snapshot`."""
    check_page(page)
    snapshot(page)


def snapshot(page) -> None:
    """With E2E_SHOTS=1, a full-page screenshot of every page the flow reaches, in order, for
    a person to look at (test-artifacts/e2e/shots/<viewport>/)."""
    if not os.environ.get("E2E_SHOTS"):
        return
    folder = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e" / "shots"
    folder = folder / page.viewport_name
    folder.mkdir(parents=True, exist_ok=True)
    count = len(list(folder.glob("*.png")))
    name = re.sub(r"[^\w]+", "-", page.url.split("//", 1)[-1].split("/", 1)[-1]).strip("-")
    # caret="initial": hiding the caret injects a style, which the CSP refuses (and reports).
    path = folder / f"{count:02d}-{name or 'home'}.png"
    page.screenshot(path=str(path), full_page=True, caret="initial")


def fetch(page, url: str, *, content_type: str) -> bytes:
    """GET `url` with the cookies of the browser context (a signed-in download)."""
    response = page.context.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    assert response.headers["content-type"].startswith(content_type), response.headers
    return response.body()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF"), data[:20]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def small_pdf(text: str = "Báo cáo thành tích") -> bytes:
    """A real one-page PDF (an empty page with a title in its metadata)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_page_with(data: bytes, text: str):
    """The first page of the PDF whose text holds `text`."""
    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(data)).pages:
        if text in page.extract_text():
            return page
    raise AssertionError(f"no page of the PDF holds {text!r}")


def assert_page_shows_qr_of(pdf_page, url: str) -> None:
    """One picture on the PDF page is the QR code of `url`.

    Nothing here decodes QR codes, so the code is rebuilt: segno draws the same symbol for the
    same text and settings (decisions.document.qr_data_uri), and each module of that symbol
    must have the colour of the pixel at its centre in the picture, whatever its scale.
    """
    import segno

    matrix = segno.make(url, error="m", mask=2, boost_error=False).matrix
    modules = len(matrix) + 4  # a quiet zone of 2 modules on each side

    def shows(image) -> bool:
        grey = image.convert("L")
        scale = grey.width / modules
        if grey.width != grey.height or scale < 1:
            return False
        return all(
            (grey.getpixel((int((col + 2.5) * scale), int((row + 2.5) * scale))) < 128)
            == bool(dark)
            for row, line in enumerate(matrix)
            for col, dark in enumerate(line)
        )

    pictures = [picture.image for picture in pdf_page.images]
    assert any(shows(image) for image in pictures), (
        f"none of the {len(pictures)} pictures is the QR code of {url}"
    )
