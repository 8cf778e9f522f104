import datetime

import pytest

from accounts.choices import Role
from awards.choices import Gender, SubjectKind
from awards.models import AwardForm
from awards.seed import seed_award_catalogue
from decisions import services
from nominations.choices import DossierStatus, EntryStatus
from nominations.models import Dossier, Entry
from tests.nominations.factories import (
    CampaignFactory,
    DossierFactory,
    EntryFactory,
    PersonFactory,
)

FORMS = ["giay-khen-chu-tich-xa", "giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh"]
SIGNED_ON = datetime.date(2024, 9, 12)


@pytest.fixture(autouse=True)
def fast_and_isolated(settings, tmp_path):
    """A cheap hasher (many users) and PDFs stored in a temporary media folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forms(db):
    seed_award_catalogue()
    return {f.code: f for f in AwardForm.objects.filter(code__in=FORMS)}


@pytest.fixture
def campaign(tree, forms):
    return CampaignFactory(
        issuer=tree.province,
        forms=FORMS,
        number=45,
        issue_year=2024,
        issue_month=3,
        issue_day=1,
        title="Phong trào thi đua đặc biệt chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh",
    )


@pytest.fixture
def staff(tree, make_user):
    """Officers and leaders of the province, a district and a commune."""
    return type(
        "Staff",
        (),
        {
            "province_officer": make_user(tree.ban_tdkt, Role.OFFICER, email="tdkt@example.vn"),
            "province_leader": make_user(
                tree.province, Role.LEADER, first_name="Văn Thành", last_name="Hoàng"
            ),
            "province_leader_2": make_user(
                tree.province, Role.LEADER, first_name="Thị Hà", last_name="Đoàn"
            ),
            "cao_loc_officer": make_user(tree.cao_loc, Role.OFFICER, email="caoloc@example.vn"),
            "cao_loc_leader": make_user(tree.cao_loc, Role.LEADER),
            "cao_lau_officer": make_user(tree.cao_lau, Role.OFFICER, email="caolau@example.vn"),
        },
    )


@pytest.fixture
def make_approved(tree, campaign, forms):
    """Approved entries held at `level` for `form_code`, proposed by `proposing` in a
    numbered tờ trình: `make_approved(individuals=[...], collectives=[...], households=[...])`."""

    def make(
        *,
        level=None,
        proposing=None,
        form_code="bang-khen-chu-tich-tinh",
        individuals=(),
        collectives=(),
        households=(),
        number=12,
        date=datetime.date(2024, 8, 20),
        the_campaign=None,
    ):
        level = level or tree.province
        proposing = proposing or tree.cao_loc
        form = forms[form_code]
        dossier = DossierFactory(
            campaign=the_campaign or campaign,
            proposing_unit=proposing,
            date=date,
            number=number,
            current_level=level,
        )
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.APPROVED)
        entries = []
        for name in individuals:
            person = PersonFactory(
                full_name=name,
                unit=tree.cao_lau,
                position="Công chức Văn phòng - Thống kê",
                gender=Gender.FEMALE if " Thị " in name else Gender.MALE,
                birth_year=1985,
                citizen_id="020185001234",
            )
            entries.append(
                EntryFactory(
                    dossier=dossier,
                    requested_form=form,
                    person=person,
                    unit=tree.cao_lau,
                    status=EntryStatus.APPROVED,
                )
            )
        for name in collectives:
            entries.append(
                EntryFactory(
                    dossier=dossier,
                    requested_form=form,
                    subject_kind=SubjectKind.COLLECTIVE,
                    person=None,
                    unit=tree.xuat_le,
                    group_name=name,
                    status=EntryStatus.APPROVED,
                )
            )
        for name in households:
            entries.append(
                EntryFactory(
                    dossier=dossier,
                    requested_form=form,
                    subject_kind=SubjectKind.HOUSEHOLD,
                    person=None,
                    unit=tree.cao_lau,
                    group_name=f"Hộ ông {name}",
                    head_name=name,
                    status=EntryStatus.APPROVED,
                )
            )
        return [Entry.objects.get(pk=e.pk) for e in entries]

    return make


@pytest.fixture
def draft(staff, campaign, forms, make_approved):
    """A provincial draft: 2 collectives, 3 individuals (Bằng khen of the provincial chairman)."""
    entries = make_approved(
        individuals=["Nguyễn Văn Bình", "Hoàng Thị An", "Lăng Văn Cường"],
        collectives=["Chi bộ thôn Nà Lệnh", "Hội Nông dân xã Xuất Lễ"],
    )
    return services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=entries,
        on=SIGNED_ON,
    )


@pytest.fixture
def issued(draft, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)


@pytest.fixture
def another_draft(staff, campaign, forms, make_approved):
    """A second provincial draft, for tests that also need `issued`."""
    return services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=make_approved(individuals=["Vi Văn Dũng"], number=99),
        on=SIGNED_ON,
    )
