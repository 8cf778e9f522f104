"""Council sessions: quorum, recusal, threshold of the form, approval of what passed, minutes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from awards.choices import SubjectKind
from awards.models import AwardForm
from nominations import council, services
from nominations.choices import DossierStatus, EntryStatus, ReviewDecision, VoteChoice
from nominations.models import CouncilMember, CouncilVote, Entry
from nominations.workflow import WorkflowError
from tests.nominations.factories import PersonFactory

FORM = "giay-khen-chu-tich-huyen"


def _to_council(dossier, people):
    p = people
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    for entry in dossier.entries.all():
        services.entry_appraise(entry=entry, actor=p.cao_loc_officer, decision=ReviewDecision.AGREE)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    services.dossier_to_council(dossier=dossier, actor=p.cao_loc_officer)
    dossier.refresh_from_db()
    return council.session_of(dossier)


@pytest.fixture
def setup(tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, FORM, FORM)
    session = _to_council(dossier, people)
    officer = people.cao_loc_officer
    # The seeded member (Cao Lộc's council member) and three named ones: five in all.
    for name in ("Hoàng Văn Thành", "Lý Thị Mai", "Vi Văn Hùng", "Nông Thị Lan"):
        council.council_member_add(session=session, actor=officer, full_name=name)
    entries = list(dossier.entries.order_by("position", "pk"))
    return type(
        "S",
        (),
        {
            "dossier": dossier,
            "session": session,
            "officer": officer,
            "entries": entries,
            "people": people,
        },
    )


def _members(session):
    return list(session.members.order_by("order", "pk"))


def _present(s, count):
    ids = [m.pk for m in _members(s.session)[:count]]
    council.council_attendance_set(session=s.session, actor=s.officer, present_ids=ids)
    return _members(s.session)[:count]


def test_to_council_opens_a_session_of_the_level_with_its_council_members(setup):
    s = setup
    assert s.dossier.status == DossierStatus.COUNCIL
    assert s.session.unit == s.dossier.current_level
    assert s.session.is_open
    assert CouncilMember.objects.filter(session=s.session, user=s.people.cao_loc_council).exists()
    # A second dossier of the level joins the same open session.
    assert s.session.agenda.get().dossier == s.dossier


def test_votes_are_refused_without_quorum_with_a_clear_message(setup):
    s = setup
    present = _present(s, 3)  # 3 of 5 < 2/3
    with pytest.raises(WorkflowError) as error:
        council.council_votes_record(
            session=s.session,
            actor=s.officer,
            entry=s.entries[0],
            ballots={m.pk: VoteChoice.FOR for m in present},
        )
    assert "túc số" in str(error.value)
    assert "3/5" in str(error.value)
    assert not CouncilVote.objects.exists()
    with pytest.raises(WorkflowError):
        council.council_session_close(session=s.session, actor=s.officer)


def test_a_member_with_a_conflict_cannot_vote(setup, tree):
    s = setup
    entry = s.entries[0]
    nominee = council.council_member_add(
        session=s.session, actor=s.officer, full_name="X", person=entry.person
    )
    same_name = council.council_member_add(
        session=s.session,
        actor=s.officer,
        full_name=entry.person.full_name,
        birth_year=entry.person.birth_year,
    )
    same_unit = council.council_member_add(
        session=s.session, actor=s.officer, full_name="Đinh Văn Tư", unit=tree.cao_lau
    )
    members = _members(s.session)
    council.council_attendance_set(
        session=s.session, actor=s.officer, present_ids=[m.pk for m in members]
    )
    for member in (nominee, same_name):
        with pytest.raises(WorkflowError) as error:
            council.council_votes_record(
                session=s.session, actor=s.officer, entry=entry, ballots={member.pk: "for"}
            )
        assert member.full_name in str(error.value)
    assert not CouncilVote.objects.exists()
    # Working in the nominee's unit is no conflict (a commune's council votes on the
    # commune's people); belonging to the nominated collective is.
    assert council.conflict_reason(same_unit, entry) == ""
    commune = Entry(subject_kind=SubjectKind.COLLECTIVE, unit=tree.cao_lau)
    assert council.conflict_reason(same_unit, commune) == "thuộc tập thể được đề nghị"
    group = Entry(subject_kind=SubjectKind.COLLECTIVE, unit=tree.cao_lau, group_name="Chi bộ")
    assert council.conflict_reason(same_unit, group) == ""
    # A declared recusal removes the member's earlier ballot and bars the next one.
    free = members[1]
    council.council_votes_record(
        session=s.session, actor=s.officer, entry=entry, ballots={free.pk: "for"}
    )
    council.council_recuse(
        session=s.session, actor=s.officer, entry=entry, member=free, reason="Người thân"
    )
    assert not CouncilVote.objects.filter(member=free).exists()
    with pytest.raises(WorkflowError):
        council.council_votes_record(
            session=s.session, actor=s.officer, entry=entry, ballots={free.pk: "for"}
        )
    # Recused members are not counted among the voters.
    tally = next(t for t in council.session_tallies(s.session) if t.entry.pk == entry.pk)
    assert tally.voters == len(members) - 3


def _vote(s, entry, fors, againsts):
    ballots = {m.pk: VoteChoice.FOR for m in fors} | {m.pk: VoteChoice.AGAINST for m in againsts}
    council.council_votes_record(session=s.session, actor=s.officer, entry=entry, ballots=ballots)


def test_threshold_of_the_form_decides_and_approval_takes_only_what_passed(setup):
    s = setup
    members = _present(s, 4)  # 4 of 5 >= 2/3
    first, second = s.entries
    _vote(s, first, members[:3], members[3:])  # 75 %
    _vote(s, second, members[:2], members[2:])  # 50 %: not more than 50 %
    tallies = {t.entry.pk: t for t in council.session_tallies(s.session)}
    assert tallies[first.pk].passed
    assert not tallies[second.pk].passed
    form = AwardForm.objects.get(code=FORM)
    form.vote_threshold_inclusive = True
    form.save()
    tallies = {t.entry.pk: t for t in council.session_tallies(s.session)}
    assert tallies[second.pk].passed  # "at least 50 %" now
    form.vote_threshold_inclusive = False
    form.save()

    with pytest.raises(WorkflowError):  # approval waits for the closed session
        services.dossier_approve(dossier=s.dossier, actor=s.people.cao_loc_leader)
    session = council.council_session_close(session=s.session, actor=s.officer)
    assert session.number == 1
    assert session.number_text == "01/BB-HĐTĐKT"
    with pytest.raises(WorkflowError):  # closed: no more votes
        _vote(s, first, members[:1], [])
    services.dossier_approve(dossier=s.dossier, actor=s.people.cao_loc_leader)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EntryStatus.APPROVED
    assert second.status == EntryStatus.REJECTED


def test_closing_needs_every_present_member_to_vote(setup):
    s = setup
    members = _present(s, 4)
    _vote(s, s.entries[0], members, [])
    with pytest.raises(WorkflowError) as error:
        council.council_session_close(session=s.session, actor=s.officer)
    assert s.entries[1].nominee_name in " ".join(error.value.reasons)


def test_minutes_pdf_shows_attendance_and_each_nominees_votes(setup, client):
    s = setup
    members = _present(s, 4)
    first, second = s.entries
    _vote(s, first, members[:3], members[3:])
    _vote(s, second, members[:4], [])
    council.council_session_close(session=s.session, actor=s.officer)
    client.force_login(s.officer)
    response = client.get(reverse("nominations:council_minutes_pdf", args=[s.session.pk]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "BIÊN BẢN" in text
    assert "01/BB-HĐTĐKT" in text
    assert "4/5" in text  # members present of total
    assert first.nominee_name in text
    assert second.nominee_name in text
    assert "3/4" in text
    assert "75%" in text
    assert "4/4" in text
    assert "100%" in text


def test_a_council_member_records_only_their_own_vote(setup):
    s = setup
    _present(s, 5)
    own = s.session.members.get(user=s.people.cao_loc_council)
    other = s.session.members.exclude(pk=own.pk).first()
    actor = s.people.cao_loc_council
    council.council_votes_record(
        session=s.session, actor=actor, entry=s.entries[0], ballots={own.pk: "for"}
    )
    with pytest.raises(WorkflowError):
        council.council_votes_record(
            session=s.session, actor=actor, entry=s.entries[0], ballots={other.pk: "for"}
        )
    with pytest.raises(WorkflowError):  # keeping the session is the officers' work
        council.council_session_close(session=s.session, actor=actor)


def test_council_pages_permissions(setup, client, people):
    s = setup
    url = reverse("nominations:council_session", args=[s.session.pk])
    pdf = reverse("nominations:council_minutes_pdf", args=[s.session.pk])
    posts = [
        reverse("nominations:council_attendance", args=[s.session.pk]),
        reverse("nominations:council_close", args=[s.session.pk]),
        reverse("nominations:council_vote", args=[s.session.pk, s.entries[0].pk]),
    ]
    assert client.get(url).status_code == 302
    assert client.get(pdf).status_code == 302
    client.force_login(people.xuat_le_officer)
    assert client.get(url).status_code == 404
    assert client.get(pdf).status_code == 404
    for post in posts:
        assert client.post(post, {"present": []}).status_code == 404
    client.force_login(people.cao_lau_officer)  # the proposing commune: not its council
    assert client.get(url).status_code == 404
    for user in (people.cao_loc_officer, people.province_officer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert s.entries[0].nominee_name in response.content.decode()


def test_votes_through_the_page(setup, client):
    s = setup
    members = _present(s, 4)
    client.force_login(s.officer)
    entry = s.entries[0]
    url = reverse("nominations:council_vote", args=[s.session.pk, entry.pk])
    response = client.post(url, {f"m{m.pk}": "for" for m in members})
    assert response.status_code == 302
    assert CouncilVote.objects.filter(entry=entry, choice="for").count() == 4
    detail = client.get(reverse("nominations:dossier_detail", args=[s.dossier.pk]))
    assert reverse("nominations:council_session", args=[s.session.pk]) in detail.content.decode()


def test_same_name_without_birth_year_is_not_a_conflict(setup):
    s = setup
    entry = s.entries[0]
    other = PersonFactory(unit=entry.person.unit, full_name="Người Khác", birth_year=None)
    member = council.council_member_add(
        session=s.session, actor=s.officer, full_name=entry.person.full_name, person=other
    )
    assert council.conflict_reason(member, entry) == ""


def test_a_member_finds_the_open_session_on_the_home_page(setup, client):
    """A council member who is a portal user finds the open session where they sit, with the
    dossiers before it, to record their own votes; not once it is closed, and not a member of
    another council."""
    s = setup
    client.force_login(s.people.cao_loc_council)
    html = client.get(reverse("home")).content.decode()
    assert "Phiên họp Hội đồng đang mở có bạn là thành viên" in html
    assert f'<a href="/dossiers/council/{s.session.pk}/">{s.session}</a>' in html
    assert "· 1 hồ sơ" in html
    client.force_login(s.people.cao_lau_council)
    assert "Phiên họp Hội đồng đang mở" not in client.get(reverse("home")).content.decode()
    # A member who now works for another unit keeps the seat but no longer sees the session.
    moved = s.people.cao_loc_council
    moved.unit = s.dossier.proposing_unit
    moved.save()
    client.force_login(moved)
    assert "Phiên họp Hội đồng đang mở" not in client.get(reverse("home")).content.decode()
    moved.unit = s.dossier.current_level
    moved.save()
    assert "Phiên họp Hội đồng đang mở" in client.get(reverse("home")).content.decode()
    council.council_attendance_set(
        session=s.session,
        actor=s.officer,
        present_ids=s.session.members.values_list("pk", flat=True),
    )
    for entry in s.entries:
        ballots = {m.pk: VoteChoice.FOR for m in _members(s.session)}
        council.council_votes_record(
            session=s.session, actor=s.officer, entry=entry, ballots=ballots
        )
    council.council_session_close(session=s.session, actor=s.officer)
    client.force_login(s.people.cao_loc_council)
    assert "Phiên họp Hội đồng đang mở" not in client.get(reverse("home")).content.decode()


def test_an_entry_without_ballots_is_not_shown_as_rejected(setup, client):
    """Before anyone votes, the open session's page says "Chưa biểu quyết", not "Không đạt";
    once ballots are recorded it gives the verdict."""
    s = setup
    client.force_login(s.officer)
    url = reverse("nominations:council_session", args=[s.session.pk])
    html = client.get(url).content.decode()
    assert html.count('<span class="badge text-bg-light border">Chưa biểu quyết</span>') == len(
        s.entries
    )
    assert "Không đạt" not in html
    members = _present(s, 5)
    council.council_votes_record(
        session=s.session,
        actor=s.officer,
        entry=s.entries[0],
        ballots={m.pk: VoteChoice.AGAINST for m in members},
    )
    html = client.get(url).content.decode()
    assert '<span class="badge text-bg-secondary">Không đạt</span>' in html
    assert html.count("Chưa biểu quyết") == len(s.entries) - 1


def test_a_member_votes_on_the_page_once_marked_present(setup, client):
    """The council member who is a portal user sees their own ballot only once present;
    absent, the page says why instead of a button the quorum check would refuse."""
    s = setup
    url = reverse("nominations:council_session", args=[s.session.pk])
    client.force_login(s.people.cao_loc_council)
    html = client.get(url).content.decode()
    assert html.count("Bạn đang được ghi là vắng mặt") == 1
    assert "Ghi phiếu" not in html
    _present(s, 5)
    html = client.get(url).content.decode()
    assert "Bạn đang được ghi là vắng mặt" not in html
    assert html.count("Ghi phiếu") == len(s.entries)
    seat = s.session.members.get(user=s.people.cao_loc_council)
    vote = reverse("nominations:council_vote", args=[s.session.pk, s.entries[0].pk])
    assert client.post(vote, {f"m{seat.pk}": "for"}).status_code == 302
    assert CouncilVote.objects.get(entry=s.entries[0]).member == seat


def test_the_session_page_shows_the_agenda_a_page_at_a_time(
    tree, people, make_dossier, client, monkeypatch
):
    """A list of thousands was one page of megabytes: the votes come a page at a time, and
    recording a vote comes back to the page and the card of its entry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations import views_council

    monkeypatch.setattr(views_council, "ENTRIES_PER_PAGE", 2)
    dossier = make_dossier(tree.cao_lau, FORM, FORM, FORM)
    session = _to_council(dossier, people)
    entries = list(dossier.entries.order_by("position", "pk"))
    client.force_login(people.cao_loc_officer)
    url = reverse("nominations:council_session", args=[session.pk])

    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    assert [f'id="vote-{e.pk}"' in html for e in entries] == [True, True, False]
    assert "Trang 1 / 2" in html
    with CaptureQueriesContext(connection) as second:
        html = client.get(url, {"page": 2}).content.decode()
    assert [f'id="vote-{e.pk}"' in html for e in entries] == [False, False, True]
    assert len(second.captured_queries) <= len(first.captured_queries)
    # The ballots and recusals of the page's entries, not the whole session's.
    ballots = [q["sql"] for q in second.captured_queries if "nominations_councilvote" in q["sql"]]
    assert ballots
    assert all('"entry_id" IN' in sql for sql in ballots)

    member = session.members.get()
    council.council_attendance_set(
        session=session, actor=people.cao_loc_officer, present_ids=[member.pk]
    )
    vote = reverse("nominations:council_vote", args=[session.pk, entries[2].pk])
    response = client.post(vote, {f"m{member.pk}": "for"})
    assert response["Location"] == f"{url}?page=2#vote-{entries[2].pk}"
    vote = reverse("nominations:council_vote", args=[session.pk, entries[0].pk])
    assert client.post(vote, {f"m{member.pk}": "for"})["Location"] == f"{url}#vote-{entries[0].pk}"


def test_a_members_ballot_on_every_entry_without_one(setup):
    s = setup
    first, second = s.entries
    members = _present(s, 4)
    keeper, voter = s.officer, members[0]
    council.council_votes_record(
        session=s.session, actor=keeper, entry=first, ballots={voter.pk: VoteChoice.AGAINST}
    )
    recorded, left_out = council.council_votes_record_all(
        session=s.session, actor=keeper, member_id=voter.pk, choice=VoteChoice.FOR
    )
    assert (recorded, left_out) == (1, 0)
    votes = dict(CouncilVote.objects.filter(member=voter).values_list("entry_id", "choice"))
    assert votes == {first.pk: VoteChoice.AGAINST, second.pk: VoteChoice.FOR}  # the first stands
    assert CouncilVote.objects.get(member=voter, entry=second).recorded_by == keeper

    # A recusal leaves its entry out.
    recused = members[1]
    council.council_recuse(
        session=s.session, actor=keeper, entry=second, member=recused, reason="Người thân"
    )
    assert council.council_votes_record_all(
        session=s.session, actor=keeper, member_id=recused.pk, choice=VoteChoice.FOR
    ) == (1, 1)
    assert not CouncilVote.objects.filter(member=recused, entry=second).exists()

    # Every present member through it: the session closes with its outcomes.
    for member in members[2:]:
        council.council_votes_record_all(
            session=s.session, actor=keeper, member_id=member.pk, choice=VoteChoice.FOR
        )
    council.council_session_close(session=s.session, actor=keeper)
    with pytest.raises(WorkflowError):  # the session is closed
        council.council_votes_record_all(
            session=s.session, actor=keeper, member_id=voter.pk, choice=VoteChoice.FOR
        )


def test_ballots_on_every_entry_are_refused_as_single_ballots_are(setup, people):
    s = setup
    members = _members(s.session)
    absent = members[-1]
    present = _present(s, 4)
    own = next(m for m in present if m.user_id)  # Cao Lộc's council member, a portal user
    other = next(m for m in present if not m.user_id)
    for actor, member_id, choice in (
        (s.officer, absent.pk, VoteChoice.FOR),  # absent
        (s.officer, 999_999, VoteChoice.FOR),  # not a member
        (own.user, other.pk, VoteChoice.FOR),  # a member records only their own
    ):
        with pytest.raises(WorkflowError):
            council.council_votes_record_all(
                session=s.session, actor=actor, member_id=member_id, choice=choice
            )
    with pytest.raises(ValidationError):
        council.council_votes_record_all(
            session=s.session, actor=s.officer, member_id=own.pk, choice="maybe"
        )
    assert not CouncilVote.objects.exists()
    assert council.council_votes_record_all(
        session=s.session, actor=own.user, member_id=own.pk, choice=VoteChoice.AGAINST
    ) == (2, 0)


def test_ballots_on_every_entry_through_the_page(setup, client):
    s = setup
    members = _present(s, 4)
    client.force_login(s.officer)
    url = reverse("nominations:council_session", args=[s.session.pk])
    html = client.get(url).content.decode()
    action = reverse("nominations:council_vote_all", args=[s.session.pk])
    assert action in html
    assert "Ghi cho mọi đề nghị chưa có phiếu" in html
    assert (
        f'<option value="{_members(s.session)[-1].pk}">'
        not in html.split(action)[1].split("</form>")[0]
    )  # the absent member is not offered
    response = client.post(action, {"member": members[0].pk, "choice": "for"}, follow=True)
    assert "Đã ghi 2 phiếu cho các đề nghị chưa có phiếu." in response.content.decode()
    response = client.post(action, {"member": "", "choice": "for"}, follow=True)
    assert "Chọn thành viên." in response.content.decode()


def test_a_communes_council_votes_on_the_communes_own_nominees(tree, people, make_dossier):
    """Giấy khen of the commune chairman: the commune's council (its own people) votes on the
    commune's people and groups; before, sitting in the nominee's unit recused every member."""
    p = people
    form = AwardForm.objects.get(code="giay-khen-chu-tich-xa")
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    services.entry_save(
        dossier=dossier,
        actor=p.cao_lau_officer,
        subject_kind=SubjectKind.COLLECTIVE,
        requested_form=form,
        group_name="Chi bộ thôn Nà Lệnh",
        achievement="Hoàn thành xuất sắc nhiệm vụ.",
    )
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_lau_officer)
    services.entries_agree_remaining(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_to_council(dossier=dossier, actor=p.cao_lau_officer)
    session = council.session_of(dossier)
    member = session.members.get()
    assert member.unit == tree.cao_lau
    council.council_attendance_set(
        session=session, actor=p.cao_lau_officer, present_ids=[member.pk]
    )
    assert council.council_votes_record_all(
        session=session, actor=member.user, member_id=member.pk, choice=VoteChoice.FOR
    ) == (2, 0)
    council.council_session_close(session=session, actor=p.cao_lau_officer)
    services.dossier_approve(dossier=dossier, actor=p.cao_lau_leader)
    assert set(dossier.entries.values_list("status", flat=True)) == {EntryStatus.APPROVED}


def test_a_closed_session_keeps_the_conflicts_it_found(setup):
    """Closing stores the conflicts found as recusals: the minutes read what the session
    recorded, whatever the member's data or the rule become."""
    from nominations.models import CouncilRecusal

    s = setup
    entry = s.entries[0]
    nominee = council.council_member_add(
        session=s.session, actor=s.officer, full_name="Người được đề nghị", person=entry.person
    )
    members = _members(s.session)
    council.council_attendance_set(
        session=s.session, actor=s.officer, present_ids=[m.pk for m in members]
    )
    for e in s.entries:
        _vote(s, e, [m for m in members if m.pk != nominee.pk or e.pk != entry.pk], [])
    council.council_session_close(session=s.session, actor=s.officer)
    stored = CouncilRecusal.objects.get(session=s.session, member=nominee)
    assert (stored.entry_id, stored.reason) == (entry.pk, "là người được đề nghị")
    CouncilMember.objects.filter(pk=nominee.pk).update(person=None)
    recused = council.minutes_context(council.session_of(s.dossier))["recused"]
    assert [(m.pk, e.pk, reason) for m, e, reason in recused] == [
        (nominee.pk, entry.pk, "là người được đề nghị")
    ]


def test_sessions_closed_before_keep_the_conflicts_of_their_rule(setup, tree):
    """Migration 0009: a session closed under the rule that recused a member of the nominee's
    unit gets that recusal stored, so its minutes read as they did."""
    import importlib

    from django.apps import apps

    from nominations.choices import SessionStatus
    from nominations.models import CouncilOutcome, CouncilRecusal

    s = setup
    colleague = council.council_member_add(
        session=s.session, actor=s.officer, full_name="Đinh Văn Tư", unit=tree.cao_lau
    )
    for entry in s.entries:
        CouncilOutcome.objects.create(
            session=s.session,
            entry=entry,
            members_total=6,
            members_present=5,
            voters=5,
            in_favour=5,
            passed=True,
        )
    s.session.status, s.session.number = SessionStatus.CLOSED, 7
    s.session.save(update_fields=["status", "number"])
    migration = importlib.import_module("nominations.migrations.0009_council_conflicts_stored")
    migration.store_closed_sessions_conflicts(apps, None)
    stored = CouncilRecusal.objects.filter(session=s.session, member=colleague)
    assert sorted(stored.values_list("entry_id", "reason")) == [
        (entry.pk, "thuộc đơn vị của người được đề nghị") for entry in s.entries
    ]


def test_the_agenda_holds_the_entries_the_level_decides_in_order(tree, people, make_dossier):
    """A district's session votes on the district's forms; the province's Bằng khen of the
    same list climbs on. The order is dossier, position, entry, read as keys."""
    first = make_dossier(tree.cao_lau, FORM, "bang-khen-chu-tich-tinh", FORM)
    session = _to_council(first, people)
    second = make_dossier(tree.cao_lau, FORM)
    assert _to_council(second, people) == session
    district = [
        e.pk
        for d in (first, second)
        for e in d.entries.order_by("position", "pk")
        if e.proposed_form.code == FORM
    ]
    assert len(district) == 3
    assert council.agenda_entry_ids(session) == district
    entries = council.agenda_entries(session)
    assert [e.pk for e in entries] == district
    assert [e.pk for e in council.agenda_entries(session, ids=district[1:])] == district[1:]
    province = first.entries.get(proposed_form__code="bang-khen-chu-tich-tinh")
    with pytest.raises(WorkflowError):
        council.council_votes_record(
            session=session, actor=people.cao_loc_officer, entry=province, ballots={}
        )


def test_the_session_page_reads_the_same_queries_for_a_longer_agenda(
    tree, people, make_dossier, client, monkeypatch
):
    """The agenda's order costs the same number of queries for 2 entries as for 12: the
    deciding unit is found per dossier and form, and only the page's entries are read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations import views_council

    monkeypatch.setattr(views_council, "ENTRIES_PER_PAGE", 2)
    client.force_login(people.cao_loc_officer)
    counts = []
    for size in (2, 12):
        dossier = make_dossier(tree.cao_lau, *[FORM] * size)
        session = _to_council(dossier, people)
        url = reverse("nominations:council_session", args=[session.pk])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        council.council_attendance_set(
            session=session,
            actor=people.cao_loc_officer,
            present_ids=list(session.members.values_list("pk", flat=True)),
        )
        council.council_votes_record_all(
            session=session,
            actor=people.cao_loc_officer,
            member_id=session.members.get().pk,
            choice=VoteChoice.FOR,
        )
        council.council_session_close(session=session, actor=people.cao_loc_officer)
    assert counts[0] == counts[1], counts


def test_an_agenda_of_a_thousand_dossiers_is_read_on_either_database(setup):
    """Which entries a level decides is kept per (dossier, form) in Python: a condition per
    pair would be an expression tree SQLite refuses beyond a depth of 1,000."""
    from nominations.models import CouncilAgendaItem, Dossier, recount_entries

    s = setup
    model, entry = s.dossier, s.entries[0]
    copies = Dossier.objects.bulk_create(
        Dossier(
            campaign_id=model.campaign_id,
            proposing_unit_id=model.proposing_unit_id,
            current_level_id=model.current_level_id,
            date=model.date,
            summary=model.summary,
            status=model.status,
            number=model.number + n,
        )
        for n in range(1, 1001)
    )
    Entry.objects.bulk_create(
        Entry(
            dossier=d,
            campaign_id=entry.campaign_id,
            position=1,
            subject_kind=SubjectKind.COLLECTIVE,
            group_name=f"Tổ sản xuất số {d.number}",
            unit_id=entry.unit_id,
            nominee_name=f"Tổ sản xuất số {d.number}",
            nominee_name_folded=f"to san xuat so {d.number}",
            requested_form_id=entry.requested_form_id,
            proposed_form_id=entry.proposed_form_id,
            achievement=entry.achievement,
            status=EntryStatus.AGREED,
        )
        for d in copies
    )
    recount_entries([d.pk for d in copies])
    CouncilAgendaItem.objects.bulk_create(
        CouncilAgendaItem(session=s.session, dossier=d) for d in copies
    )
    ids = council.agenda_entry_ids(s.session)
    assert len(ids) == len(s.entries) + 1000
    assert ids[: len(s.entries)] == [e.pk for e in s.entries]
    assert council.minutes_rows(s.session) == len(ids)
    assert [e.pk for e in council.agenda_entries(s.session)] == ids
