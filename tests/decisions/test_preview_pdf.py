"""The preview of a draft decision of many awardees: rendered in the background and kept until
the decision is signed, as its signed PDF would be."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from decisions import services
from decisions.models import DecisionPreviewPdf
from decisions.previews import PREVIEW_RENDERING
from nominations.renderings import rendering_request, rendering_run
from tests.decisions.conftest import SIGNED_ON

NAMES = (
    "Nguyễn Văn Bình",
    "Hoàng Thị An",
    "Lăng Văn Cường",
    "Chi bộ thôn Nà Lệnh",
    "Hội Nông dân xã Xuất Lễ",
)


@pytest.fixture
def many(settings):
    """The draft (5 awardees) counts as a decision of many awardees."""
    settings.DECISIONS_BACKGROUND_THRESHOLD = 4


def _page(client, decision):
    response = client.get(reverse("decisions:pdf", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def _request(client, decision):
    return client.post(reverse("decisions:preview_request", args=[decision.pk]))


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _queue(decision, actor):
    return rendering_request(PREVIEW_RENDERING, owner=decision, actor=actor)


def test_up_to_the_limit_the_preview_is_rendered_at_once(draft, staff, client, settings):
    settings.DECISIONS_BACKGROUND_THRESHOLD = 5
    client.force_login(staff.province_officer)
    response = client.get(reverse("decisions:pdf", args=[draft.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert not DecisionPreviewPdf.objects.exists()


def test_a_long_drafts_preview_is_rendered_in_the_background(
    draft, staff, client, many, django_capture_on_commit_callbacks
):
    client.force_login(staff.province_officer)
    html = _page(client, draft)
    assert "Dự thảo này có 5 đối tượng được khen thưởng" in html
    assert "Chưa có bản nào." in html
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _request(client, draft)
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:pdf", args=[draft.pk])
    preview = DecisionPreviewPdf.objects.get(decision=draft)
    assert (preview.status, preview.entry_count) == ("ready", 5)
    assert preview.requested_by == staff.province_officer
    html = _page(client, draft)
    assert preview.get_absolute_url() in html
    assert "Sẵn sàng" in html
    response = client.get(preview.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private"
    text = _text(response)
    assert "DỰ THẢO" in text
    for name in NAMES:
        assert name in text, name


def test_signing_deletes_the_previews_and_their_files(
    draft, staff, many, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    with django_capture_on_commit_callbacks(execute=True):
        preview = _queue(draft, staff.province_officer)
    preview.refresh_from_db()
    path = Path(settings.MEDIA_ROOT) / preview.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    assert not DecisionPreviewPdf.objects.exists()
    assert not path.exists()


def test_a_signed_decision_takes_no_preview(issued, staff, client, many):
    client.force_login(staff.province_officer)
    response = _request(client, issued)
    assert response.status_code == 302
    assert not DecisionPreviewPdf.objects.exists()
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Quyết định đã ban hành, không thể sửa đổi." in page


def test_the_previews_are_scoped(draft, staff, client, many):
    preview = DecisionPreviewPdf.objects.create(decision=draft)
    rendering_run(PREVIEW_RENDERING, render_id=preview.pk)
    client.force_login(staff.cao_loc_officer)  # a district: not the province's decisions
    assert client.get(reverse("decisions:pdf", args=[draft.pk])).status_code == 404
    assert _request(client, draft).status_code == 404
    assert client.get(preview.get_absolute_url()).status_code == 404
    assert DecisionPreviewPdf.objects.count() == 1
    client.force_login(staff.province_leader)
    assert client.get(preview.get_absolute_url()).status_code == 200
    assert client.get(reverse("decisions:preview_request", args=[draft.pk])).status_code == 405


def test_a_request_waiting_on_the_signing_finds_the_decision_signed(draft, staff, many):
    """Read as a draft, then signed before the request locks it: no preview is made."""
    from decisions.models import Decision
    from decisions.models.decision import DecisionLocked

    stale = Decision.objects.get(pk=draft.pk)
    services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    with pytest.raises(DecisionLocked):
        _queue(stale, staff.province_officer)
    assert not DecisionPreviewPdf.objects.exists()


def test_a_signed_decisions_previews_are_not_served(issued, staff, client):
    preview = DecisionPreviewPdf.objects.create(decision=issued, status="ready", file="x.pdf")
    client.force_login(staff.province_officer)
    assert client.get(preview.get_absolute_url()).status_code == 404


def test_the_previews_page_reads_a_fixed_number_of_times(draft, staff, client, many):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations.renderings import RENDERS_KEPT

    client.force_login(staff.province_officer)
    _page(client, draft)
    with CaptureQueriesContext(connection) as none:
        _page(client, draft)
    for _ in range(RENDERS_KEPT):
        DecisionPreviewPdf.objects.create(decision=draft, requested_by=staff.province_leader)
    with CaptureQueriesContext(connection) as kept:
        _page(client, draft)
    assert len(kept) == len(none)
