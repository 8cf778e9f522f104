"""A known fixture whose figures the tests check exactly.

Campaign "Phong trào A" of the province (2024), participants Cao Lâu, Xuất Lễ, Hoàng Đồng;
Bằng khen quota 3. A commune plan of Cao Lâu implements it.

Dossiers (2024): Cao Lâu received at Cao Lộc since 01/8/2024 (overdue), 2 entries for Bằng
khen; Xuất Lễ draft, 1 entry; Cao Lộc approved at the province, 2 entries approved. One 2023
dossier of Hoàng Đồng (other year).

Awards (register):
  A1 Hoàng Thị An      individual, female, Tày,  "Nông dân thôn Nà Lệnh",    Cao Lâu, Bằng khen,
                       12/9/2024, 2,340,000, born 05/03/1980, ID 020180009999
  A2 Nguyễn Văn Bình   individual, male,   Kinh, "Công chức Văn phòng",      Cao Lâu, Bằng khen,
                       12/9/2024, 2,340,000
  A3 Lăng Văn Cường    individual, male,   Nùng, "Công nhân Nhà máy xi măng", Xuất Lễ, Giấy khen
                       huyện, 05/10/2024, 710,000
  A4 Chi bộ thôn Nà Lệnh   collective, Xuất Lễ, Bằng khen, 12/9/2024, 4,680,000
  A5 Hộ ông Vi Văn Dũng    household, Cao Lâu, Giấy khen xã, 05/10/2024, 710,000 (commune plan)
  A6 Đoàn Thị Revoked  revoked, Cao Lâu, Bằng khen 2024            -> never counted
  A7 Triệu Thị Cũ      individual, female, Kinh, Hoàng Đồng, Giấy khen xã, 2023, no campaign
Decisions: one issued (province, 12/9/2024) with the 2 approved entries; one draft.
Results: T1 (≥ 99 %): Cao Lâu 99.5, Xuất Lễ 97; T2 (> 100 doanh nghiệp): Cao Lâu 60,
Xuất Lễ 50; T3 (90 - 95 %): Cao Lâu 92.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.choices import Role
from awards.choices import Gender, SubjectKind
from awards.models import Award, AwardForm, CampaignAward, Person
from awards.seed import seed_award_catalogue
from campaigns.choices import Comparator
from campaigns.models import CampaignItem, DocumentType, ItemTarget
from decisions.choices import DecisionStatus
from decisions.models import Decision, DecisionAward
from nominations.choices import DossierStatus, EntryStatus
from nominations.models import Dossier
from reports.models import TargetResult
from tests.nominations.factories import (
    CampaignFactory,
    DossierFactory,
    EntryFactory,
    PersonFactory,
)

FORMS = ["giay-khen-chu-tich-xa", "giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh"]
BIRTH_DATE = datetime.date(1980, 3, 5)
CITIZEN_ID = "020180009999"


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _dossier(campaign, unit, status, day, *, level=None, number=None):
    dossier = DossierFactory(
        campaign=campaign,
        proposing_unit=unit,
        current_level=level,
        date=day,
        number=number,
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=status, status_changed_at=_aware(day))
    dossier.refresh_from_db()
    return dossier


def _award(**kwargs) -> Award:
    award = Award(**kwargs)
    award.save()
    return award


@pytest.fixture
def known(tree, db):
    seed_award_catalogue()
    forms = {f.code: f for f in AwardForm.objects.filter(code__in=FORMS)}
    bang_khen = forms["bang-khen-chu-tich-tinh"]
    gk_huyen = forms["giay-khen-chu-tich-huyen"]
    gk_xa = forms["giay-khen-chu-tich-xa"]
    campaign = CampaignFactory(
        issuer=tree.province,
        forms=FORMS,
        number=45,
        issue_year=2024,
        issue_month=3,
        issue_day=1,
        title="Phong trào A chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn",
    )
    CampaignAward.objects.filter(campaign=campaign, form=bang_khen).update(quota=3)
    campaign.participating_units.set([tree.cao_lau, tree.xuat_le, tree.hoang_dong])
    plan = CampaignFactory(issuer=tree.cao_lau, parent=campaign, title="Kế hoạch xã Cao Lâu")
    other = CampaignFactory(issuer=tree.province, title="Phong trào B năm 2023", issue_year=2023)

    item = CampaignItem.objects.create(campaign=campaign, position=1, heading="Cải cách hành chính")
    t1 = ItemTarget.objects.create(
        item=item,
        position=1,
        indicator="hồ sơ giải quyết đúng hạn",
        comparator=Comparator.AT_LEAST,
        value=Decimal(99),
        unit_label="%",
    )
    t2 = ItemTarget.objects.create(
        item=item,
        position=2,
        indicator="doanh nghiệp thành lập mới",
        comparator=Comparator.MORE_THAN,
        value=Decimal(100),
        unit_label="doanh nghiệp",
    )
    t3 = ItemTarget.objects.create(
        item=item,
        position=3,
        indicator="dự toán thu ngân sách",
        comparator=Comparator.RANGE,
        value=Decimal(90),
        value_max=Decimal(95),
        unit_label="%",
    )
    for target, unit, value in [
        (t1, tree.cao_lau, "99.5"),
        (t1, tree.xuat_le, "97"),
        (t2, tree.cao_lau, "60"),
        (t2, tree.xuat_le, "50"),
        (t3, tree.cao_lau, "92"),
    ]:
        TargetResult.objects.create(target=target, unit=unit, value=Decimal(value))

    # -- dossiers and entries
    d1 = _dossier(
        campaign,
        tree.cao_lau,
        DossierStatus.RECEIVED,
        datetime.date(2024, 8, 1),
        level=tree.cao_loc,
        number=3,
    )
    for _ in range(2):
        EntryFactory(dossier=d1, requested_form=bang_khen)
    d2 = _dossier(campaign, tree.xuat_le, DossierStatus.DRAFT, datetime.date(2024, 8, 5))
    EntryFactory(dossier=d2, requested_form=gk_huyen)
    d3 = _dossier(
        campaign,
        tree.cao_loc,
        DossierStatus.APPROVED,
        datetime.date(2024, 8, 20),
        level=tree.province,
        number=12,
    )
    approved = [
        EntryFactory(dossier=d3, requested_form=bang_khen, status=EntryStatus.APPROVED)
        for _ in range(2)
    ]
    d_old = _dossier(
        other,
        tree.hoang_dong,
        DossierStatus.APPROVED,
        datetime.date(2023, 5, 2),
        level=tree.city,
        number=1,
    )
    EntryFactory(dossier=d_old, requested_form=gk_xa, status=EntryStatus.APPROVED)

    # -- people and awards
    an = Person.objects.create(
        full_name="Hoàng Thị An",
        gender=Gender.FEMALE,
        ethnicity="Tày",
        position="Nông dân thôn Nà Lệnh",
        unit=tree.cao_lau,
        birth_date=BIRTH_DATE,
        citizen_id=CITIZEN_ID,
    )
    binh = PersonFactory(
        full_name="Nguyễn Văn Bình",
        gender=Gender.MALE,
        ethnicity="Kinh",
        position="Công chức Văn phòng - Thống kê",
        unit=tree.cao_lau,
    )
    cuong = PersonFactory(
        full_name="Lăng Văn Cường",
        gender=Gender.MALE,
        ethnicity="Nùng",
        position="Công nhân Nhà máy xi măng",
        unit=tree.xuat_le,
    )
    revoked_person = PersonFactory(
        full_name="Đoàn Thị Revoked", gender=Gender.FEMALE, unit=tree.cao_lau
    )
    old_person = PersonFactory(
        full_name="Triệu Thị Cũ", gender=Gender.FEMALE, ethnicity="Kinh", unit=tree.hoang_dong
    )
    sep, oct_ = datetime.date(2024, 9, 12), datetime.date(2024, 10, 5)
    common = {"decision_issuer": "Chủ tịch UBND tỉnh Lạng Sơn", "decision_number": "45/QĐ-UBND"}
    awards = {
        "a1": _award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=an,
            unit=tree.cao_lau,
            recipient_name=an.full_name,
            form=bang_khen,
            campaign=campaign,
            proposing_unit=tree.cao_lau,
            decision_date=sep,
            amount=2_340_000,
            **common,
        ),
        "a2": _award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=binh,
            unit=tree.cao_lau,
            recipient_name=binh.full_name,
            form=bang_khen,
            campaign=campaign,
            decision_date=sep,
            amount=2_340_000,
            **common,
        ),
        "a3": _award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=cuong,
            unit=tree.xuat_le,
            recipient_name=cuong.full_name,
            form=gk_huyen,
            campaign=campaign,
            decision_date=oct_,
            amount=710_000,
            decision_issuer="Chủ tịch UBND huyện Cao Lộc",
        ),
        "a4": _award(
            subject_kind=SubjectKind.COLLECTIVE,
            unit=tree.xuat_le,
            recipient_name="Chi bộ thôn Nà Lệnh",
            form=bang_khen,
            campaign=campaign,
            decision_date=sep,
            amount=4_680_000,
            **common,
        ),
        "a5": _award(
            subject_kind=SubjectKind.HOUSEHOLD,
            unit=tree.cao_lau,
            recipient_name="Hộ ông Vi Văn Dũng",
            form=gk_xa,
            campaign=plan,
            decision_date=oct_,
            amount=710_000,
            decision_issuer="Chủ tịch UBND xã Cao Lâu",
        ),
        "a6": _award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=revoked_person,
            unit=tree.cao_lau,
            recipient_name=revoked_person.full_name,
            form=bang_khen,
            campaign=campaign,
            decision_date=sep,
            amount=2_340_000,
            revoked=True,
            revoked_reason="Khai man thành tích",
            **common,
        ),
        "a7": _award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=old_person,
            unit=tree.hoang_dong,
            recipient_name=old_person.full_name,
            form=gk_xa,
            decision_date=datetime.date(2023, 6, 1),
            amount=540_000,
        ),
    }

    # -- decisions
    qd = DocumentType.objects.get(abbreviation="QĐ")
    texts = {
        "doc_type": qd,
        "title": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "reason": "đã có thành tích xuất sắc trong phong trào A",
        "bases": "Căn cứ Luật Thi đua, khen thưởng",
        "proposals": "Xét đề nghị của UBND huyện Cao Lộc",
        "funding_source": "Quỹ thi đua, khen thưởng của tỉnh",
        "executors": "Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành.",
        "recipients": "- Như Điều 3;\n- Lưu: VT.",
    }
    leader = _leader(tree)
    issued = Decision.objects.create(
        issuer=tree.province,
        campaign=campaign,
        form=bang_khen,
        status=DecisionStatus.ISSUED,
        number=45,
        date=sep,
        signed_by=leader,
        signer_name="Hồ Tiến Thiệu",
        **texts,
    )
    for position, entry in enumerate(approved):
        DecisionAward.objects.create(
            decision=issued,
            entry=entry,
            position=position,
            subject_kind=SubjectKind.INDIVIDUAL,
            name=entry.nominee_name,
            unit=tree.cao_lau,
        )
    draft = Decision.objects.create(
        issuer=tree.province, campaign=campaign, form=bang_khen, **texts
    )
    return type(
        "Known",
        (),
        {
            "campaign": campaign,
            "plan": plan,
            "other": other,
            "targets": (t1, t2, t3),
            "dossiers": (d1, d2, d3, d_old),
            "awards": awards,
            "forms": forms,
            "issued": issued,
            "draft": draft,
            "leader": leader,
        },
    )


def _leader(tree):
    from tests.factories import UserFactory

    return UserFactory(unit=tree.province, roles=[Role.LEADER])


@pytest.fixture
def province_officer(tree, make_user):
    return make_user(tree.ban_tdkt, Role.OFFICER)


@pytest.fixture
def cao_loc_officer(tree, make_user):
    return make_user(tree.cao_loc, Role.OFFICER)


@pytest.fixture
def cao_lau_officer(tree, make_user):
    return make_user(tree.cao_lau, Role.OFFICER)


@pytest.fixture
def hoang_dong_officer(tree, make_user):
    return make_user(tree.hoang_dong, Role.OFFICER)
