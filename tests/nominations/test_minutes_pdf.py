"""The minutes of a council session of many entries: rendered in the background and kept,
as a draft while the session is open, and asked for by closing the session."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from nominations import council
from nominations.choices import EntryStatus
from nominations.models import CouncilSession, Entry, MinutesPdf
from nominations.renderings import RenderingKind, rendering_request, rendering_run
from tests.nominations.test_council import _present, _vote
from tests.nominations.test_council import setup as setup  # the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(settings, tmp_path):
    """The fixture's session (2 entries) counts as a session of many entries."""
    settings.NOMINATION_PDF_BACKGROUND_ENTRIES = 1
    settings.MEDIA_ROOT = tmp_path


def _page(client, session):
    response = client.get(reverse("nominations:council_minutes_pdf", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def _request(client, session):
    return client.post(reverse("nominations:council_minutes_request", args=[session.pk]))


def _pdf_text(response) -> str:
    content = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _vote_all(s):
    members = _present(s, 4)
    for entry in s.entries:
        _vote(s, entry, members, [])


def test_up_to_the_limit_the_minutes_are_rendered_at_once(setup, client, settings):
    settings.NOMINATION_PDF_BACKGROUND_ENTRIES = 2
    client.force_login(setup.officer)
    response = client.get(reverse("nominations:council_minutes_pdf", args=[setup.session.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f"BB du-thao ({setup.session.pk}).pdf" in response["Content-Disposition"]
    assert not MinutesPdf.objects.exists()


def test_the_rows_are_counted_without_reading_the_entries(setup, django_assert_num_queries):
    s = setup
    assert council.minutes_rows(s.session) == 2
    # An entry no longer agreed is not printed: the rows are the agenda's, not the dossier's.
    Entry.objects.filter(pk=s.entries[1].pk).update(status=EntryStatus.REJECTED)
    assert council.minutes_rows(s.session) == 1
    Entry.objects.filter(pk=s.entries[1].pk).update(status=EntryStatus.AGREED)
    _vote_all(s)
    council.council_session_close(session=s.session, actor=s.officer)
    s.session.refresh_from_db()
    with django_assert_num_queries(1):
        assert council.minutes_rows(s.session) == 2  # the outcomes


def test_an_open_sessions_draft_is_rendered_in_the_background(
    setup, client, many, django_capture_on_commit_callbacks
):
    s = setup
    client.force_login(s.officer)
    html = _page(client, s.session)
    assert "Phiên họp đang mở" in html
    assert "Với 2 đề nghị" in html
    assert "Chưa có bản nào." in html
    assert reverse("nominations:council_minutes_request", args=[s.session.pk]) in html
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _request(client, s.session)
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:council_minutes_pdf", args=[s.session.pk])
    job = MinutesPdf.objects.get(session=s.session)
    assert (job.status, job.draft, job.entry_count) == ("ready", True, 2)
    assert job.requested_by == s.officer
    html = _page(client, s.session)
    assert job.get_absolute_url() in html
    assert "Sẵn sàng" in html
    assert "Dự thảo" in html
    assert "hx-trigger" not in html
    pdf = client.get(job.get_absolute_url())
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private"
    assert f'filename="BB du-thao ({s.session.pk}) ' in pdf["Content-Disposition"]
    text = _pdf_text(pdf)
    assert "BIÊN BẢN" in text
    for entry in s.entries:
        assert entry.nominee_name in text


def test_closing_a_session_of_many_entries_renders_its_minutes(
    setup, client, many, django_capture_on_commit_callbacks
):
    s = setup
    _vote_all(s)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        council.council_session_close(session=s.session, actor=s.officer)
    assert len(callbacks) == 1
    job = MinutesPdf.objects.get(session=s.session)
    assert (job.status, job.draft, job.requested_by) == ("ready", False, s.officer)
    client.force_login(s.people.province_officer)
    html = _page(client, s.session)
    assert "Phiên họp đã kết thúc: biên bản không còn thay đổi." in html
    assert "Dự thảo" not in html
    response = client.get(job.get_absolute_url())
    assert 'filename="BB 1 (' in response["Content-Disposition"]
    text = _pdf_text(response)
    assert "01/BB-HĐTĐKT" in text
    assert "4/4" in text


def test_closing_a_short_session_renders_nothing(setup, django_capture_on_commit_callbacks):
    s = setup
    _vote_all(s)
    with django_capture_on_commit_callbacks(execute=True):
        council.council_session_close(session=s.session, actor=s.officer)
    assert not MinutesPdf.objects.exists()


def test_one_rendering_at_a_time_and_the_page_polls(setup, client, many):
    s = setup
    client.force_login(s.officer)
    _request(client, s.session)  # not committed in this test: the task is not run
    _request(client, s.session)
    job = MinutesPdf.objects.get(session=s.session)
    assert job.status == "queued"
    html = _page(client, s.session)
    assert 'hx-trigger="every 3s"' in html
    assert "Đang chờ tạo" in html
    assert "Dự thảo" not in html  # a draft once rendered
    part = client.get(
        reverse("nominations:council_minutes_pdf", args=[s.session.pk]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert part.lstrip().startswith('<section id="renders"')
    assert client.get(job.get_absolute_url()).status_code == 404


def test_the_minutes_renderings_are_scoped(setup, client, many, people, tree, make_dossier):
    s = setup
    job = MinutesPdf.objects.create(session=s.session)
    rendering_run(council.MINUTES_RENDERING, render_id=job.pk)
    job.refresh_from_db()
    assert job.status == "ready"
    client.force_login(people.xuat_le_officer)
    assert (
        client.get(reverse("nominations:council_minutes_pdf", args=[s.session.pk])).status_code
        == 404
    )
    assert _request(client, s.session).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert MinutesPdf.objects.count() == 1
    client.force_login(people.cao_lau_officer)  # the proposing commune: not its council
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(s.officer)
    assert client.get(job.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("nominations:council_minutes_request", args=[s.session.pk])).status_code
        == 405
    )
    # A rendering is found only under its own session.
    other = CouncilSession.objects.create(unit=s.session.unit, number=9, status="closed")
    wrong = reverse("nominations:council_minutes_file", args=[other.pk, job.pk])
    assert client.get(wrong).status_code == 404


def test_closing_while_a_draft_renders_asks_for_the_minutes_anew(
    setup, many, tmp_path, django_capture_on_commit_callbacks
):
    """The draft a worker was rendering when the session closed is not the minutes: it is
    marked superseded, its file goes, and the closed minutes are rendered."""
    s = setup
    _vote_all(s)
    draft = MinutesPdf.objects.create(session=s.session)

    def render_then_close(session_id):
        made = council.MINUTES_RENDERING.render(session_id)  # the draft, as the worker read it
        council.council_session_close(session=s.session, actor=s.officer)
        return made

    worker = RenderingKind(MinutesPdf, render_then_close, council.MINUTES_RENDERING.task)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert rendering_run(worker, render_id=draft.pk) is None
    draft.refresh_from_db()
    assert (draft.status, draft.file.name) == ("failed", "")
    assert draft.error == "Đã được thay bằng một yêu cầu mới hơn."
    assert not list(tmp_path.rglob("*.pdf"))
    for callback in callbacks:
        callback()
    minutes = MinutesPdf.objects.exclude(pk=draft.pk).get()
    assert (minutes.status, minutes.draft) == ("ready", False)


def test_a_draft_kept_from_before_the_close_downloads_as_a_draft(setup, client, many):
    s = setup
    draft = rendering_request(council.MINUTES_RENDERING, owner=s.session, actor=s.officer)
    rendering_run(council.MINUTES_RENDERING, render_id=draft.pk)
    _vote_all(s)
    council.council_session_close(session=s.session, actor=s.officer)
    client.force_login(s.officer)
    response = client.get(draft.get_absolute_url())
    assert f'filename="BB du-thao ({s.session.pk}) ' in response["Content-Disposition"]


def test_the_minutes_renderings_page_reads_a_fixed_number_of_times(setup, client, many):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations.renderings import RENDERS_KEPT

    s = setup
    client.force_login(s.officer)
    _page(client, s.session)
    with CaptureQueriesContext(connection) as none:
        _page(client, s.session)
    for _ in range(RENDERS_KEPT):
        MinutesPdf.objects.create(session=s.session, requested_by=s.people.cao_lau_officer)
    with CaptureQueriesContext(connection) as kept:
        _page(client, s.session)
    assert len(kept) == len(none)
