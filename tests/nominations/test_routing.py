import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.choices import SubjectKind
from awards.models import AwardForm
from campaigns.models import RegisterEntry
from documents.text import fold
from nominations import routing, services
from nominations.choices import Action, DossierStatus, EntryStatus, ReviewDecision
from nominations.models import Dossier, DossierEvent
from nominations.workflow import WorkflowError
from tests.nominations.conftest import AFTER, BEFORE
from tests.nominations.council_helpers import end_posting, hold_council


def _appraise_all(dossier, actor, decision=ReviewDecision.AGREE):
    for entry in dossier.entries.filter(status=EntryStatus.PROPOSED):
        services.entry_appraise(entry=entry, actor=actor, decision=decision, reason="Lý do")


def test_deciding_unit_follows_the_tree_in_force_on_the_date(tree, forms):
    bang_khen = forms["bang-khen-chu-tich-tinh"]
    giay_khen_huyen = forms["giay-khen-chu-tich-huyen"]
    assert routing.deciding_unit(proposing_unit=tree.cao_lau, form=bang_khen, on=BEFORE) == (
        tree.province
    )
    assert routing.deciding_unit(proposing_unit=tree.cao_lau, form=giay_khen_huyen, on=BEFORE) == (
        tree.cao_loc
    )
    assert routing.route(proposing_unit=tree.cao_lau, form=bang_khen, on=BEFORE) == [
        tree.cao_loc,
        tree.province,
    ]
    assert routing.route(proposing_unit=tree.ba_son, form=bang_khen, on=AFTER) == [tree.province]
    # No district exists after the reform.
    assert routing.deciding_unit(proposing_unit=tree.ba_son, form=giay_khen_huyen, on=AFTER) is None


def test_pre_reform_bang_khen_climbs_cao_lau_cao_loc_province(tree, people, make_dossier):
    p = people
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh", date=BEFORE)
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    dossier.refresh_from_db()
    assert dossier.current_level == tree.cao_loc
    assert dossier.number == 1
    assert dossier.number_text == "01/TTr-UBND"
    assert dossier.addressee == "Chủ tịch Ủy ban nhân dân huyện Cao Lộc"
    assert RegisterEntry.objects.get(register__unit=tree.cao_lau).number == 1

    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FORWARDED
    assert upper.proposing_unit == tree.cao_loc
    assert upper.current_level == tree.province
    assert upper.status == DossierStatus.SUBMITTED
    assert upper.forwarded_from == dossier
    [copy] = upper.entries.all()
    assert copy.forwarded_from.dossier == dossier
    assert copy.forwarded_from.status == EntryStatus.FORWARDED
    assert copy.forwarded_from.reviews.get().unit == tree.cao_loc

    services.dossier_receive(dossier=upper, actor=p.province_officer)
    _appraise_all(upper, p.province_officer)
    services.dossier_appraise_done(dossier=upper, actor=p.province_officer)
    services.dossier_to_council(dossier=upper, actor=p.province_officer)
    hold_council(upper, p.province_officer)
    services.dossier_approve(dossier=upper, actor=p.province_leader)
    copy.refresh_from_db()
    assert copy.status == EntryStatus.APPROVED

    levels = []
    for event in DossierEvent.objects.filter(dossier__in=[dossier, upper]).order_by("pk"):
        if not levels or levels[-1] != event.level_unit:
            levels.append(event.level_unit)
    assert levels == [tree.cao_lau, tree.cao_loc, tree.province]


def test_post_reform_bang_khen_goes_commune_to_province(tree, people, make_dossier):
    p = people
    dossier = make_dossier(tree.ba_son, "bang-khen-chu-tich-tinh", date=AFTER)
    services.dossier_submit(dossier=dossier, actor=p.ba_son_officer)
    dossier.refresh_from_db()
    assert dossier.current_level == tree.province
    services.dossier_receive(dossier=dossier, actor=p.province_officer)
    _appraise_all(dossier, p.province_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.province_officer)
    with pytest.raises(WorkflowError):
        services.dossier_forward(dossier=dossier, actor=p.province_officer)
    AwardForm.objects.filter(code="bang-khen-chu-tich-tinh").update(posting_days=5)
    services.dossier_post(dossier=dossier, actor=p.province_officer)
    end_posting(dossier)
    services.dossier_to_council(dossier=dossier, actor=p.province_officer)
    hold_council(dossier, p.province_officer)
    services.dossier_approve(dossier=dossier, actor=p.province_leader)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.APPROVED
    units = set(DossierEvent.objects.filter(dossier=dossier).values_list("level_unit", flat=True))
    assert units == {tree.ba_son.pk, tree.province.pk}


def test_commune_form_is_decided_by_the_commune_itself(tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa")
    services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    dossier.refresh_from_db()
    assert dossier.current_level == tree.cao_lau


def test_mixed_dossier_keeps_district_entries_and_forwards_the_rest(tree, people, make_dossier):
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    assert [e.proposed_form.code for e in upper.entries.all()] == ["bang-khen-chu-tich-tinh"]
    # The district's own subject line, about what it sends up, not the commune's.
    upper.refresh_from_db()
    assert upper.summary == "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 cá nhân"
    assert dossier.summary not in upper.summary
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert [e.proposed_form.code for e in routing.entries_decided_here(dossier)] == [
        "giay-khen-chu-tich-huyen"
    ]
    services.dossier_to_council(dossier=dossier, actor=p.cao_loc_officer)
    hold_council(dossier, p.cao_loc_officer)
    services.dossier_approve(dossier=dossier, actor=p.cao_loc_leader)


def test_raising_a_form_sends_the_entry_up(tree, people, make_dossier, forms):
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    entry = dossier.entries.get()
    services.entry_appraise(
        entry=entry,
        actor=p.cao_loc_officer,
        decision=ReviewDecision.RAISE,
        form=forms["bang-khen-chu-tich-tinh"],
    )
    entry.refresh_from_db()
    assert entry.proposed_form.code == "bang-khen-chu-tich-tinh"
    assert entry.requested_form.code == "giay-khen-chu-tich-huyen"
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    assert upper.current_level == tree.province


def test_lowering_to_a_form_decided_below_the_level_is_refused(tree, people, make_dossier, forms):
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    with pytest.raises(ValidationError, match="không được quyết định ở cấp này"):
        services.entry_appraise(
            entry=dossier.entries.get(),
            actor=p.cao_loc_officer,
            decision=ReviewDecision.LOWER,
            form=forms["giay-khen-chu-tich-xa"],
        )


def test_rejecting_every_entry_closes_the_dossier_and_needs_a_reason(tree, people, make_dossier):
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    entry = dossier.entries.get()
    with pytest.raises(ValidationError, match="nêu lý do"):
        services.entry_appraise(entry=entry, actor=p.cao_loc_officer, decision="reject")
    services.entry_appraise(
        entry=entry, actor=p.cao_loc_officer, decision="reject", reason="Chưa đủ tiêu chuẩn"
    )
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CLOSED


def test_submit_is_refused_while_a_blocking_check_fails(tree, people, make_dossier, forms):
    from awards.models import BlockingFlag

    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    person = dossier.entries.get().person
    BlockingFlag.objects.create(person=person, kind="discipline", starts_on=BEFORE.replace(month=1))
    with pytest.raises(WorkflowError) as error:
        services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    assert person.full_name in error.value.reasons[0]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.number is None
    assert not RegisterEntry.objects.exists()


def test_submit_mails_the_receiving_level_after_commit(
    tree, people, make_dossier, django_capture_on_commit_callbacks
):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    assert [m.to for m in mail.outbox] == [["cao_loc@example.vn"]]


def test_return_is_allowed_once_per_level_with_comments_per_entry(tree, people, make_dossier):
    p = people
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen")
    entry = dossier.entries.get()
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    with pytest.raises(WorkflowError):
        services.dossier_return_for_completion(
            dossier=dossier, actor=p.cao_loc_officer, comments={None: "  "}
        )
    services.dossier_return_for_completion(
        dossier=dossier,
        actor=p.cao_loc_officer,
        comments={None: "Thiếu biên bản họp Hội đồng", entry.pk: "Bổ sung báo cáo thành tích"},
    )
    events = DossierEvent.objects.filter(dossier=dossier, action=Action.RETURN)
    assert {(e.entry_id, e.comment) for e in events} == {
        (None, "Thiếu biên bản họp Hội đồng"),
        (entry.pk, "Bổ sung báo cáo thành tích"),
    }
    services.dossier_resubmit(dossier=dossier, actor=p.cao_lau_officer)
    # Appraisal goes on from "resubmitted"; a second return by the same level is impossible.
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESUBMITTED
    with pytest.raises(WorkflowError):
        services.dossier_return_for_completion(
            dossier=dossier, actor=p.cao_loc_officer, comments={None: "Lần hai"}
        )


def test_one_person_cannot_hold_two_active_entries_for_one_form(tree, people, make_dossier, forms):
    from django.core.exceptions import ValidationError

    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    person = dossier.entries.get().person
    other = make_dossier(tree.cao_lau)
    with pytest.raises(ValidationError):
        services.entry_save(
            dossier=other,
            actor=people.cao_lau_officer,
            subject_kind=SubjectKind.INDIVIDUAL,
            person=person,
            requested_form=forms["bang-khen-chu-tich-tinh"],
            achievement="…",
        )
    assert other.entries.count() == 0


def test_database_holds_one_active_entry_per_person_campaign_form(tree, make_dossier, forms):
    from django.db import IntegrityError

    from tests.nominations.factories import EntryFactory

    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    entry = dossier.entries.get()
    with pytest.raises(IntegrityError):
        EntryFactory(dossier=dossier, person=entry.person, requested_form=entry.requested_form)


def _forwarded(tree, people, make_dossier, codes):
    p = people
    dossier = make_dossier(tree.cao_lau, *codes)
    services.dossier_submit(dossier=dossier, actor=p.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=p.cao_loc_officer)
    _appraise_all(dossier, p.cao_loc_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.cao_loc_officer)
    with CaptureQueriesContext(connection) as ctx:
        upper = services.dossier_forward(dossier=dossier, actor=p.cao_loc_officer)
    return dossier, upper, len(ctx.captured_queries)


def test_forwarding_copies_the_entries_in_queries_that_do_not_grow(tree, people, make_dossier):
    """An imported list of thousands climbs in one INSERT of its copies, not one per entry;
    each copy carries its nominee's name as Entry.save() would set it."""
    bang_khen = "bang-khen-chu-tich-tinh"
    _forwarded(tree, people, make_dossier, [bang_khen])  # the year's registers begun
    _, _, few = _forwarded(tree, people, make_dossier, [bang_khen] * 2)
    dossier, upper, many = _forwarded(tree, people, make_dossier, [bang_khen] * 6)
    assert many == few
    copies = list(upper.entries.order_by("position").select_related("forwarded_from"))
    assert [c.position for c in copies] == [1, 2, 3, 4, 5, 6]
    for copy in copies:
        assert copy.forwarded_from.dossier_id == dossier.pk
        assert copy.nominee_name == copy.forwarded_from.nominee_name
        assert copy.nominee_name_folded == fold(copy.nominee_name)
        assert (copy.person_id, copy.proposed_form_id, copy.campaign_id) == (
            copy.forwarded_from.person_id,
            copy.forwarded_from.proposed_form_id,
            dossier.campaign_id,
        )
