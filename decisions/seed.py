"""A demo decision for `seed_demo`: one dossier of commune Cao Lâu taken through the whole
workflow by the services, as the officers, council member and leader of district Cao Lộc would
take it, and signed. Idempotent. Its one proposal for the provincial chairman's Bằng khen is
forwarded on the way, so that the province's officers find a dossier to receive.

With it the demo shows what only an issued decision brings: the decision and its PDF, the
certificates with their QR codes, the register rows, the honour roll, the verification page
and the dashboard's figures. The other two demo dossiers (nominations.seed) stay where they
are, for a visitor to take further by hand.

The campaign is of 2023 (seed 003, Cao Lâu implementing Cao Lộc's plan 113/KH-UBND), when the
district still decided its Giấy khen: the dossier is dated as the other demo dossiers and the
council meets on COUNCIL_ON and the decision is signed on SIGNED_ON, when the campaign is summed
up after the anniversary of 15/6/2023, and the base salary of 01/7/2023 (DOMAIN.md) sets its
money. The moves themselves are stamped with the time the seed runs, as those of the other demo
dossiers are. On a new database the dossier is 02/TTr-UBND of Cao Lâu and the decision
01/QĐ-UBND of Cao Lộc; on an older demo they take the next free numbers.

Skipped, with nothing made, when Cao Lộc has no council member or has a council session open
(left by a visitor of an older demo: the seed would vote on their dossiers and close it).
"""

import datetime

from django.db import transaction

from accounts.models import User
from awards.choices import Gender, SubjectKind
from awards.models import AwardForm, Person
from campaigns.models import Campaign, Unit
from decisions import services as decisions
from nominations import council, routing
from nominations import services as nominations
from nominations.choices import EntryStatus, SessionStatus
from nominations.models import CouncilSession, Dossier

SEED_003_KEY = "seed-003"
CAO_LAU_PK = 106196
FORM = "giay-khen-chu-tich-huyen"
DOSSIER_DATE = datetime.date(2023, 6, 5)
COUNCIL_ON = datetime.date(2023, 7, 10)
SIGNED_ON = datetime.date(2023, 7, 14)
SUMMARY = (
    "Về việc đề nghị Chủ tịch UBND huyện tặng Giấy khen và trình Chủ tịch UBND tỉnh tặng Bằng "
    "khen cho các tập thể, cá nhân có thành tích xuất sắc trong Phong trào thi đua chào mừng kỷ "
    "niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn"
)
# The subject line of this dossier as seeded before it also proposed a Bằng khen: a demo of
# then already has its decision.
EARLIER_SUMMARY = (
    "Về việc đề nghị Chủ tịch UBND huyện tặng Giấy khen cho các tập thể, cá nhân có thành tích "
    "xuất sắc trong Phong trào thi đua chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh "
    "Lạng Sơn"
)
PEOPLE = [
    (
        "Nông Văn Tuấn",
        Gender.MALE,
        1982,
        "Bí thư Chi bộ thôn Bản Ngòa",
        "Lãnh đạo thôn làm mới 1,5 km đường bê tông nội thôn bằng sức dân; thôn không có hộ "
        "tái nghèo.",
    ),
    (
        "Hoàng Thị Thu Hà",
        Gender.FEMALE,
        1990,
        "Giáo viên Trường Tiểu học xã Cao Lâu",
        "Tổ chức cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh cho 320 học sinh; giáo viên dạy giỏi "
        "cấp huyện năm học 2022 - 2023.",
    ),
]
# Proposed for the provincial chairman's Bằng khen: the district forwards it, and the province's
# officers find a dossier to receive when they sign in.
UPWARD = (
    "Lộc Thị Dung",
    Gender.FEMALE,
    1976,
    "Chủ tịch Hội Liên hiệp Phụ nữ xã Cao Lâu",
    "Vận động hội viên đóng góp 2.500 ngày công làm đường giao thông nông thôn; Hội Liên hiệp "
    "Phụ nữ xã hoàn thành xuất sắc nhiệm vụ ba năm liền (2020 - 2022).",
)
UPWARD_FORM = "bang-khen-chu-tich-tinh"
COLLECTIVE = (
    "Chi hội Nông dân thôn Khòn Pá",
    "Vận động hội viên trồng mới 12 ha rừng và xây dựng 3 mô hình kinh tế vườn đồi cho thu "
    "nhập trên 100 triệu đồng một năm.",
)
USERS = {
    "commune_officer": "caolau.canbo",
    "officer": "caoloc.canbo",
    "leader": "caoloc.lanhdao",
}


@transaction.atomic
def seed_decisions():
    campaign = Campaign.objects.filter(seed_key=SEED_003_KEY).first()
    cao_lau = Unit.objects.filter(pk=CAO_LAU_PK).first()
    form = AwardForm.objects.filter(code=FORM, offers__campaign=campaign).first()
    upward_form = AwardForm.objects.filter(code=UPWARD_FORM, offers__campaign=campaign).first()
    users = {role: User.objects.filter(username=name).first() for role, name in USERS.items()}
    if None in (campaign, cao_lau, form, upward_form) or None in users.values():
        return (
            "skipped (seed 003's campaign, its Giấy khen and Bằng khen, Cao Lâu or a user missing)"
        )
    if Dossier.objects.filter(
        campaign=campaign, proposing_unit=cao_lau, summary__in=(SUMMARY, EARLIER_SUMMARY)
    ).exists():
        return "already there"
    # The district's council: its members, and no session left open by a visitor of an
    # older demo (the seed would vote on their dossiers and close it).
    cao_loc = routing.next_level(cao_lau, DOSSIER_DATE)
    if cao_loc is None or not council.council_users(cao_loc).exists():
        return "skipped (Cao Lộc has no council member)"
    if CouncilSession.objects.filter(unit=cao_loc, status=SessionStatus.OPEN).exists():
        return "skipped (a council session of Cao Lộc is open)"

    dossier = _submitted_dossier(campaign, cao_lau, form, upward_form, users["commune_officer"])
    officer, leader = users["officer"], users["leader"]
    nominations.dossier_receive(dossier=dossier, actor=officer)
    for entry in dossier.entries.all():
        nominations.entry_appraise(entry=entry, actor=officer, decision="agree")
    nominations.dossier_appraise_done(dossier=dossier, actor=officer)
    upward = nominations.dossier_forward(dossier=dossier, actor=officer)  # to the province
    nominations.dossier_to_council(dossier=dossier, actor=officer)
    _council_votes(dossier, officer, leader)
    nominations.dossier_approve(dossier=dossier, actor=leader)

    approved = list(dossier.entries.filter(status=EntryStatus.APPROVED).order_by("position"))
    draft = decisions.decision_create(
        actor=officer, campaign=campaign, form=form, entries=approved, on=SIGNED_ON
    )
    issued = decisions.decision_sign(decision=draft, actor=leader, on=SIGNED_ON)
    return (
        f"decision {issued.number_text} of {issued.issuer.name}, {len(approved)} awardees; "
        f"{upward.number_text} of {upward.proposing_unit.name} sent to {upward.current_level.name}"
    )


def _submitted_dossier(campaign, cao_lau, form, upward_form, officer) -> Dossier:
    dossier = nominations.dossier_create(
        campaign=campaign, actor=officer, summary=SUMMARY, date=DOSSIER_DATE
    )
    people = [(*row, form) for row in PEOPLE] + [(*UPWARD, upward_form)]
    for name, gender, year, position, achievement, requested in people:
        person, _created = Person.objects.get_or_create(
            full_name=name,
            unit=cao_lau,
            defaults={"gender": gender, "birth_year": year, "position": position},
        )
        nominations.entry_save(
            dossier=dossier,
            actor=officer,
            subject_kind=SubjectKind.INDIVIDUAL,
            person=person,
            requested_form=requested,
            achievement=achievement,
        )
    nominations.entry_save(
        dossier=dossier,
        actor=officer,
        subject_kind=SubjectKind.COLLECTIVE,
        group_name=COLLECTIVE[0],
        requested_form=form,
        achievement=COLLECTIVE[1],
    )
    return nominations.dossier_submit(dossier=dossier, actor=officer)


def _council_votes(dossier: Dossier, officer, leader) -> None:
    """The session dated before the decision, every member present and in favour of every
    entry, and closed (its minutes numbered in that year's register)."""
    session = council.session_of(dossier)
    council.council_session_update(
        session=session,
        actor=officer,
        date=COUNCIL_ON,
        place="Hội trường UBND huyện Cao Lộc",
        chair=leader.get_full_name(),
        secretary=officer.get_full_name(),
    )
    members = list(session.members.all())
    council.council_attendance_set(
        session=session, actor=officer, present_ids=[m.pk for m in members]
    )
    for entry in council.agenda_entries(session):
        council.council_votes_record(
            session=session, actor=officer, entry=entry, ballots={m.pk: "for" for m in members}
        )
    council.council_session_close(session=session, actor=officer)
