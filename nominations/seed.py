"""Demo dossiers of commune Cao Lâu on seed 003's campaign, for `seed_demo`. Idempotent.

Made through the services, as an officer would: one draft and one dossier submitted to the
district (three-level tree: the campaign is of 2023).
"""

import datetime

from django.db import transaction

from accounts.models import User
from awards.choices import Gender, SubjectKind
from awards.models import AwardForm, Person
from campaigns.models import Campaign, Unit
from nominations import services
from nominations.models import Dossier

SEED_003_KEY = "seed-003"
CAO_LAU_PK = 106196
OFFICER = "caolau.canbo"
DOSSIER_DATE = datetime.date(2023, 6, 5)

PEOPLE = [
    ("Hoàng Văn Lợi", Gender.MALE, 1978, "Trưởng thôn Nà Lệnh"),
    ("Lương Thị Hạnh", Gender.FEMALE, 1985, "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá"),
    ("Vi Văn Khánh", Gender.MALE, 1969, "Nông dân sản xuất giỏi, thôn Bản Ngòa"),
]


@transaction.atomic
def seed_nominations():
    campaign = Campaign.objects.filter(seed_key=SEED_003_KEY).first()
    unit = Unit.objects.filter(pk=CAO_LAU_PK).first()
    officer = User.objects.filter(username=OFFICER).first()
    if campaign is None or unit is None or officer is None or not campaign.award_offers.exists():
        return "skipped (seed 003's campaign, its awards, Cao Lâu or its officer missing)"
    if Dossier.objects.filter(campaign=campaign, proposing_unit=unit).exists():
        return "already there"
    forms = {f.code: f for f in AwardForm.objects.filter(offers__campaign=campaign)}
    people = []
    for name, gender, year, position in PEOPLE:
        person, _created = Person.objects.get_or_create(
            full_name=name,
            unit=unit,
            defaults={"gender": gender, "birth_year": year, "position": position},
        )
        people.append(person)
    summary = (
        "Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong Phong trào "
        "thi đua đặc biệt chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn"
    )
    submitted = services.dossier_create(
        campaign=campaign, actor=officer, summary=summary, date=DOSSIER_DATE
    )
    services.entry_save(
        dossier=submitted,
        actor=officer,
        subject_kind=SubjectKind.INDIVIDUAL,
        person=people[0],
        requested_form=forms["bang-khen-chu-tich-tinh"],
        achievement="Vận động nhân dân hiến 1.200 m² đất mở rộng đường thôn; thôn về đích "
        "nông thôn mới trước thời hạn.",
    )
    services.entry_save(
        dossier=submitted,
        actor=officer,
        subject_kind=SubjectKind.COLLECTIVE,
        group_name="Chi bộ thôn Nà Lệnh",
        requested_form=forms["giay-khen-chu-tich-huyen"],
        achievement="Lãnh đạo thôn hoàn thành 100% chỉ tiêu 6 tháng đầu năm 2023.",
    )
    services.dossier_submit(dossier=submitted, actor=officer)

    draft = services.dossier_create(campaign=campaign, actor=officer, date=DOSSIER_DATE)
    services.entry_save(
        dossier=draft,
        actor=officer,
        subject_kind=SubjectKind.INDIVIDUAL,
        person=people[1],
        requested_form=forms["giay-khen-chu-tich-xa"],
        achievement="Tổ chức 12 buổi tuyên truyền về Ngày truyền thống Đảng bộ tỉnh.",
    )
    services.entry_save(
        dossier=draft,
        actor=officer,
        subject_kind=SubjectKind.HOUSEHOLD,
        group_name="Hộ ông Vi Văn Khánh",
        head_name=people[2].full_name,
        requested_form=forms["giay-khen-chu-tich-xa"],
        achievement="Đóng góp 50 ngày công và 20 triệu đồng xây dựng nhà văn hóa thôn.",
    )
    return "2 dossiers (1 submitted to Cao Lộc, 1 draft)"
