import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from accounts.choices import Role
from campaigns.models import Unit
from congresses.choices import CongressLevelKind
from congresses.models import CongressEvent, CongressPlan
from congresses.seed import seed_congresses
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / "units.json"), verbosity=0)
    seed_congresses()
    return CongressPlan.objects.get(seed_key="seed-004")


def _keep(pdf: bytes, name: str) -> None:
    """Save a rendered PDF for a look (`pdftoppm -png -r 60`) when CONGRESS_PDF_DIR is set."""
    if folder := os.environ.get("CONGRESS_PDF_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, name).write_bytes(pdf)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_seed_is_idempotent_with_its_pilots_clusters_and_events(seeded):
    events = CongressEvent.objects.count()
    seed_congresses()
    assert CongressPlan.objects.count() == 1
    assert CongressEvent.objects.count() == events
    plan = seeded
    assert plan.agenda.count() == 10
    assert plan.duties.count() == 5
    pilots = {p.unit.name: (p.cluster.name, p.follower_unit.name) for p in plan.pilots.all()}
    assert pilots == {
        "Sở Giáo dục và Đào tạo": ("Cụm văn hóa - xã hội", "Tỉnh ủy Lạng Sơn"),
        "Tỉnh Đoàn Lạng Sơn": (
            "Cụm các cơ quan Mặt trận Tổ quốc và các đoàn thể",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        ),
        "Tòa án nhân dân tỉnh Lạng Sơn": ("Cụm các cơ quan Nội chính", "Công an tỉnh Lạng Sơn"),
        "Huyện Chi Lăng": ("Khối các huyện, thành phố", "Sở Văn hóa, Thể thao và Du lịch"),
    }
    levels = {lv.kind: lv for lv in plan.levels.all()}
    assert levels[CongressLevelKind.DISTRICT].max_delegates == 300
    assert levels[CongressLevelKind.PROVINCE].max_delegates == 500
    # every district and commune of 2019 has its event, the offices have none
    chi_lang = plan.events.get(unit__name="Huyện Chi Lăng")
    assert chi_lang.level.kind == CongressLevelKind.DISTRICT
    communes_2019 = Unit.objects.in_force(plan.tree_on).filter(
        kind__in=["commune", "ward", "township"]
    )
    assert plan.events.filter(level__kind="base").count() >= communes_2019.count() > 150
    assert not plan.events.filter(unit__name="Ban Thi đua - Khen thưởng").exists()


def test_seed_plan_renders_to_a_pdf_with_its_title_deadlines_and_pilot_units(client, seeded):
    user = UserFactory(
        unit=Unit.objects.get(name="Ban Thi đua - Khen thưởng"), roles=[Role.OFFICER]
    )
    client.force_login(user)
    response = client.get(reverse("congresses:plan_pdf", args=[seeded.pk]))
    assert response.status_code == 200
    pdf = response.content
    _keep(pdf, "congress-plan-004.pdf")
    text = _text(pdf)
    for expected in [
        "KẾ HOẠCH",
        "Tổ chức Hội nghị biểu dương điển hình tiên tiến các cấp",
        "Đại hội Thi đua yêu nước tỉnh Lạng Sơn lần thứ V",
        "quý I/2020",
        "quý II/2020",
        "tháng 8/2020",
        "Sở Giáo dục và Đào tạo",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
        "Tòa án nhân dân tỉnh",
        "huyện Chi Lăng",
        "Trưởng Ban Tuyên giáo Tỉnh uỷ",
        "Giám đốc Công an tỉnh",
        "Thông qua danh sách đại biểu đi dự Đại hội cấp trên",
        "Sở Thông tin và Truyền thông",
        "Sở Tài chính",
        "Nơi nhận",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Dương Xuân Huyền",
    ]:
        assert expected in text, expected


def test_delegate_list_pdf_is_a_landscape_table(client, seeded):
    from congresses import services

    user = UserFactory(
        unit=Unit.objects.get(name="Ban Thi đua - Khen thưởng"), roles=[Role.OFFICER]
    )
    event = seeded.events.select_related("level", "plan").get(unit__name="Huyện Chi Lăng")
    services.delegate_add(
        event=event,
        actor=user,
        category="farmer",
        full_name="Hoàng Thị Lợi",
        gender="female",
        ethnicity="Nùng",
        birth_year=1995,
        position_title="Nông dân",
        unit_name="Xã Quang Lang",
    )
    client.force_login(user)
    pdf = client.get(reverse("congresses:delegates_pdf", args=[event.pk])).content
    _keep(pdf, "congress-delegates.pdf")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = _text(pdf)
    assert "Đại biểu dự Đại hội Thi đua yêu nước huyện Chi Lăng" in _text(pdf)
    for expected in ["DANH SÁCH", "STT", "Hoàng Thị Lợi", "Nữ", "Nùng", "1995 (25)", "Nông dân"]:
        assert expected in text, expected
