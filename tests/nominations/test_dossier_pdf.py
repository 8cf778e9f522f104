"""The tờ trình of a dossier as a Nghị định 30 PDF, with its attached list."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.choices import Role
from awards.choices import Gender, SubjectKind
from campaigns.models import Campaign
from nominations.choices import DossierStatus
from nominations.models import Dossier
from nominations.pdf import dossier_pdf_context, dossier_signer
from tests.nominations.factories import DossierFactory, EntryFactory, PersonFactory

SUBMITTED_ON = datetime.date(2023, 6, 5)


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def plan(campaign, tree):
    """The campaign as the district's plan 113/KH-UBND of 09/3/2023."""
    Campaign.objects.filter(pk=campaign.pk).update(
        number=113,
        issue_year=2023,
        issue_month=3,
        issue_day=9,
        title="Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Kỷ niệm 90 năm "
        "Ngày truyền thống Đảng bộ tỉnh Lạng Sơn",
    )
    campaign.refresh_from_db()
    return campaign


@pytest.fixture
def dossier(plan, tree, forms):
    gk, bk = forms["giay-khen-chu-tich-huyen"], forms["bang-khen-chu-tich-tinh"]
    dossier = DossierFactory(
        campaign=plan,
        proposing_unit=tree.cao_lau,
        date=SUBMITTED_ON,
        number=5,
        status=DossierStatus.SUBMITTED,
        current_level=tree.cao_loc,
        addressee="Chủ tịch Ủy ban nhân dân huyện Cao Lộc",
    )
    for name, gender, year, position, form in [
        ("Vi Văn Khánh", Gender.MALE, 1969, "Nông dân sản xuất giỏi, thôn Bản Ngòa", gk),
        ("Lương Thị Hạnh", Gender.FEMALE, 1985, "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá", gk),
        ("Hoàng Văn Lợi", Gender.MALE, 1978, "Trưởng thôn Nà Lệnh", bk),
    ]:
        person = PersonFactory(
            full_name=name, gender=gender, birth_year=year, position=position, unit=tree.cao_lau
        )
        EntryFactory(
            dossier=dossier,
            person=person,
            requested_form=form,
            achievement=f"{name} hoàn thành xuất sắc nhiệm vụ năm 2023, là tấm gương "
            "tiêu biểu trong phong trào thi đua đặc biệt của xã.",
        )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.COLLECTIVE,
        person=None,
        unit=tree.cao_lau,
        group_name="Chi bộ thôn Nà Lệnh",
        requested_form=gk,
        achievement="Lãnh đạo thôn hoàn thành 100% chỉ tiêu xây dựng nông thôn mới.",
    )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.HOUSEHOLD,
        person=None,
        unit=tree.cao_lau,
        group_name="Hộ ông Lăng Văn Sáng",
        head_name="Lăng Văn Sáng",
        requested_form=gk,
        achievement="Hộ sản xuất, kinh doanh giỏi.",
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    return dossier


def test_the_pdf_is_a_to_trinh_with_its_list(client, dossier, people, make_user, tree):
    chairman = make_user(tree.cao_lau, Role.LEADER, position="Chủ tịch UBND xã")
    chairman.last_name, chairman.first_name = "Nông Văn", "Tuấn"
    chairman.save()
    client.force_login(people.cao_lau_officer)
    response = client.get(reverse("nominations:dossier_pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    flat = _flat(text)
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ CAO LÂU",
        "Số: 05/TTr-UBND",
        "Cao Lâu, ngày 05 tháng 6 năm 2023",
        "TỜ TRÌNH",
        "cho 01 tập thể, 03 cá nhân, 01 hộ gia đình",
        "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Cao Lộc",
        "Kế hoạch số 113/KH-UBND ngày 09/3/2023",
        "Nơi nhận",
        "TM. ỦY BAN NHÂN DÂN",
        "Nông Văn Tuấn",
        "DANH SÁCH",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
        "III. HỘ GIA ĐÌNH",
        "(Kèm theo Tờ trình số 05/TTr-UBND ngày 05/6/2023 của Ủy ban nhân dân xã Cao Lâu)",
        "Chi bộ thôn Nà Lệnh",
        "Vi Văn Khánh",
        "Lương Thị Hạnh",
        "Hoàng Văn Lợi",
        "Hộ ông Lăng Văn Sáng",
    ]:
        assert expected in flat, expected
    assert "DỰ THẢO" not in flat
    # Individuals sorted by given name: Hạnh, Khánh, Lợi.
    assert flat.index("Lương Thị Hạnh") < flat.index("Vi Văn Khánh") < flat.index("Hoàng Văn Lợi")


def test_a_draft_is_marked_and_has_no_number(client, plan, tree, people, make_dossier):
    draft = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "giay-khen-chu-tich-huyen")
    client.force_login(people.cao_lau_officer)
    response = client.get(reverse("nominations:dossier_pdf", args=[draft.pk]))
    flat = _flat(_text(response))
    assert "DỰ THẢO" in flat
    assert "Số: /TTr-UBND" in flat
    assert "cho 02 cá nhân" in flat
    # The addressee it will have on submit: the district (a district Giấy khen, before 2025).
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Cao Lộc" in flat


def test_the_trich_yeu_names_the_forms_and_counts(dossier, forms):
    ctx = dossier_pdf_context(Dossier.objects.get(pk=dossier.pk))
    assert ctx["doc"].title_lines == [
        "Về việc đề nghị tặng Giấy khen của Chủ tịch UBND huyện và Bằng khen của Chủ tịch UBND "
        "tỉnh cho 01 tập thể, 03 cá nhân, 01 hộ gia đình"
    ]
    assert [s["title"] for s in ctx["sections"]] == ["TẬP THỂ", "CÁ NHÂN", "HỘ GIA ĐÌNH"]
    individuals = ctx["sections"][1]["rows"]
    assert [r.name for r in individuals] == ["Lương Thị Hạnh", "Vi Văn Khánh", "Hoàng Văn Lợi"]
    assert individuals[0].position_unit == "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá, xã Cao Lâu"
    assert individuals[0].gender == "Nữ"


def test_the_signer_is_the_chairman_or_the_vice_chairman(dossier, make_user, tree):
    assert dossier_signer(dossier).name == ""
    assert dossier_signer(dossier).mode_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    vice = make_user(tree.cao_lau, Role.LEADER, position="Phó Chủ tịch UBND xã")
    vice.last_name, vice.first_name = "Lý Thị", "Mai"
    vice.save()
    signer = dossier_signer(dossier)
    assert signer.mode_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer.name == "Lý Thị Mai"
    make_user(tree.cao_lau, Role.OFFICER, position="Chủ tịch UBND xã")  # not a leader: ignored
    chairman = make_user(tree.cao_lau, Role.LEADER, position="Chủ tịch UBND xã")
    assert dossier_signer(dossier).name == chairman.get_full_name()


def test_the_pdf_is_scoped(client, dossier, people):
    url = reverse("nominations:dossier_pdf", args=[dossier.pk])
    assert client.get(url).status_code == 302
    client.force_login(people.xuat_le_officer)
    assert client.get(url).status_code == 404
    client.force_login(people.cao_loc_officer)  # the level holding it
    assert client.get(url).status_code == 200


def test_the_dossier_page_links_the_pdf(client, dossier, people):
    client.force_login(people.cao_lau_officer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:dossier_pdf", args=[dossier.pk]) in page


# -- a dossier of many entries: its tờ trình rendered in the background ----------------------


@pytest.fixture
def many(settings, tmp_path):
    """The fixture's dossier (5 entries) counts as a dossier of many entries."""
    settings.NOMINATION_PDF_BACKGROUND_ENTRIES = 4
    settings.MEDIA_ROOT = tmp_path


def _renders_page(client, dossier):
    response = client.get(reverse("nominations:dossier_pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def _request(client, dossier):
    return client.post(reverse("nominations:dossier_pdf_request", args=[dossier.pk]))


def test_up_to_the_limit_the_pdf_is_rendered_at_once(client, dossier, people, settings):
    settings.NOMINATION_PDF_BACKGROUND_ENTRIES = 5
    client.force_login(people.cao_loc_officer)
    response = client.get(reverse("nominations:dossier_pdf", args=[dossier.pk]))
    assert response["Content-Type"] == "application/pdf"


def test_a_dossier_of_many_entries_is_rendered_in_the_background(
    client, dossier, people, many, django_capture_on_commit_callbacks
):
    from nominations.models import DossierPdf

    client.force_login(people.cao_loc_officer)
    html = _renders_page(client, dossier)
    assert "Hồ sơ này có 5 đề nghị" in html
    assert "Chưa có bản nào." in html
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _request(client, dossier)
    assert len(callbacks) == 1  # the task, queued once the request's work is committed
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:dossier_pdf", args=[dossier.pk])
    job = DossierPdf.objects.get(dossier=dossier)
    assert job.status == "ready"
    assert job.entry_count == 5
    assert job.requested_by == people.cao_loc_officer
    html = _renders_page(client, dossier)
    assert job.get_absolute_url() in html
    assert "Sẵn sàng" in html
    assert "hx-trigger" not in html  # nothing in progress: no polling
    pdf = client.get(job.get_absolute_url())
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private"
    assert 'filename="To trinh 05-TTr-UBND' in pdf["Content-Disposition"]
    text = _flat(_text(type("R", (), {"content": b"".join(pdf.streaming_content)})))
    for name in ("Vi Văn Khánh", "Chi bộ thôn Nà Lệnh", "Hộ ông Lăng Văn Sáng"):
        assert name in text, name


def test_one_rendering_at_a_time_and_the_page_polls_while_it_runs(client, dossier, people, many):
    from nominations.models import DossierPdf

    client.force_login(people.cao_loc_officer)
    _request(client, dossier)  # not committed in this test: the task is not run
    _request(client, dossier)
    job = DossierPdf.objects.get(dossier=dossier)
    assert job.status == "queued"
    html = _renders_page(client, dossier)
    assert 'hx-trigger="every 3s"' in html
    assert "Đang chờ tạo" in html
    assert "disabled" in html  # the button waits too
    # The polled list alone.
    part = client.get(
        reverse("nominations:dossier_pdf", args=[dossier.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert part.lstrip().startswith('<section id="renders"')
    # Not ready: no file.
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_failed_rendering_is_shown_and_may_be_asked_again(
    client, dossier, people, many, monkeypatch, django_capture_on_commit_callbacks
):
    from documents import pdf as documents_pdf
    from nominations.models import DossierPdf

    def broken(*args, **kwargs):
        raise RuntimeError("Hết bộ nhớ")

    monkeypatch.setattr(documents_pdf, "render_pdf", broken)
    client.force_login(people.cao_loc_officer)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, dossier)
    job = DossierPdf.objects.get(dossier=dossier)
    assert job.status == "failed"
    assert "Hết bộ nhớ" in job.error
    html = _renders_page(client, dossier)
    assert "Tạo tệp thất bại" in html
    assert "Hết bộ nhớ" in html
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, dossier)
    assert [j.status for j in DossierPdf.objects.filter(dossier=dossier)] == ["ready", "failed"]


def test_only_the_latest_renderings_are_kept(
    client, dossier, people, many, tmp_path, django_capture_on_commit_callbacks
):
    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render
    from nominations.renderings import RENDERS_KEPT

    jobs = []
    for _ in range(RENDERS_KEPT + 1):  # asked one after the other
        job = DossierPdf.objects.create(dossier=dossier, requested_by=people.cao_loc_officer)
        with django_capture_on_commit_callbacks(execute=True):  # files go once committed
            dossier_pdf_render(render_id=job.pk)
        jobs.append(job)
        if len(jobs) == 1:
            first_file = tmp_path / DossierPdf.objects.get(pk=job.pk).file.name
            assert first_file.exists()
    kept = list(DossierPdf.objects.filter(dossier=dossier).values_list("pk", flat=True))
    assert sorted(kept) == sorted(j.pk for j in jobs[1:])
    assert len(list(tmp_path.rglob("*.pdf"))) == RENDERS_KEPT
    assert not first_file.exists()


def test_the_renderings_are_scoped(client, dossier, people, many, make_dossier, tree):
    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render

    job = DossierPdf.objects.create(dossier=dossier)
    dossier_pdf_render(render_id=job.pk)
    other = make_dossier(tree.cao_lau)
    client.force_login(people.xuat_le_officer)
    assert client.get(reverse("nominations:dossier_pdf", args=[dossier.pk])).status_code == 404
    assert _request(client, dossier).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert DossierPdf.objects.count() == 1
    client.force_login(people.cao_lau_officer)
    assert client.get(job.get_absolute_url()).status_code == 200
    # A rendering is found only under its own dossier.
    wrong = reverse("nominations:dossier_pdf_file", args=[other.pk, job.pk])
    assert client.get(wrong).status_code == 404
    assert (
        client.get(reverse("nominations:dossier_pdf_request", args=[dossier.pk])).status_code == 405
    )


def test_the_renderings_page_reads_a_fixed_number_of_times(
    client, dossier, people, many, django_assert_max_num_queries
):
    from nominations.models import DossierPdf
    from nominations.renderings import RENDERS_KEPT

    client.force_login(people.cao_loc_officer)
    _renders_page(client, dossier)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as none:
        _renders_page(client, dossier)
    for _ in range(RENDERS_KEPT):
        DossierPdf.objects.create(dossier=dossier, requested_by=people.cao_lau_officer)
    with django_assert_max_num_queries(len(none)):
        _renders_page(client, dossier)


def test_a_rendering_left_running_for_an_hour_does_not_block_the_dossier(
    client, dossier, people, many
):
    """A worker that died leaves its rendering "running": after an hour, ask again."""
    from nominations.models import DossierPdf

    client.force_login(people.cao_loc_officer)
    _request(client, dossier)
    DossierPdf.objects.update(
        status="rendering", requested_at=timezone.now() - datetime.timedelta(minutes=59)
    )
    _request(client, dossier)
    assert DossierPdf.objects.count() == 1
    DossierPdf.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=61))
    html = _renders_page(client, dossier)
    assert "hx-trigger" not in html
    assert "disabled" not in html
    _request(client, dossier)
    assert DossierPdf.objects.count() == 2


def test_the_button_is_in_the_polled_list(client, dossier, people, many):
    """When the polled list says "ready", the button it holds is enabled again."""
    from nominations.models import DossierPdf

    client.force_login(people.cao_loc_officer)
    DossierPdf.objects.create(dossier=dossier)
    url = reverse("nominations:dossier_pdf", args=[dossier.pk])
    part = client.get(url, headers={"HX-Request": "true"})
    assert "disabled" in part.content.decode()
    assert "HX-Request" in part["Vary"]
    assert "no-cache" in part["Cache-Control"]
    assert '<meta http-equiv="refresh"' in client.get(url).content.decode()  # without JS
    DossierPdf.objects.update(status="ready")
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Tạo tờ trình mới" in part
    assert "disabled" not in part
    assert "hx-trigger" not in part


def test_a_stale_rendering_is_failed_and_never_rendered_later(
    client, dossier, people, many, django_capture_on_commit_callbacks
):
    """No worker for an hour: the new request marks the old rendering failed, and the worker
    that finally takes the old one leaves it; one PDF is made, not two."""
    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render

    old = DossierPdf.objects.create(
        dossier=dossier, requested_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.force_login(people.cao_loc_officer)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, dossier)
    old.refresh_from_db()
    assert old.status == "failed"
    assert "một giờ" in old.error
    assert dossier_pdf_render(render_id=old.pk) is None
    old.refresh_from_db()
    assert old.status == "failed"
    assert not old.file
    assert DossierPdf.objects.filter(status="ready").count() == 1


def test_a_missing_file_is_not_found(client, dossier, people, many):
    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render

    job = DossierPdf.objects.create(dossier=dossier)
    job = dossier_pdf_render(render_id=job.pk)
    job.file.storage.delete(job.file.name)
    client.force_login(people.cao_loc_officer)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_file_that_cannot_be_deleted_does_not_fail_the_rendering(
    dossier, people, many, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.storage import FileSystemStorage

    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render
    from nominations.renderings import RENDERS_KEPT

    def refuse(self, name):
        raise PermissionError(name)

    monkeypatch.setattr(FileSystemStorage, "delete", refuse)
    for _ in range(RENDERS_KEPT + 2):
        job = DossierPdf.objects.create(dossier=dossier)
        with django_capture_on_commit_callbacks(execute=True):
            assert dossier_pdf_render(render_id=job.pk).status == "ready"
    assert DossierPdf.objects.filter(dossier=dossier).count() == RENDERS_KEPT


def test_deleting_a_dossier_deletes_its_renderings_files(
    dossier, people, many, tmp_path, django_capture_on_commit_callbacks
):
    from nominations.models import DossierPdf
    from nominations.pdf import dossier_pdf_render

    job = dossier_pdf_render(render_id=DossierPdf.objects.create(dossier=dossier).pk)
    waiting = DossierPdf.objects.create(dossier=dossier)
    assert (tmp_path / job.file.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        dossier.delete()
    assert not (tmp_path / job.file.name).exists()
    # The task of a rendering whose dossier is gone finds nothing to do.
    assert dossier_pdf_render(render_id=waiting.pk) is None
