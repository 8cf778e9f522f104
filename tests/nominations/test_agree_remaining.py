"""Agreeing at once every entry a level has not appraised yet (entries_agree_remaining)."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import BlockingFlag
from nominations import services
from nominations.choices import Action, DossierStatus, EntryStatus, ReviewDecision
from nominations.models import DossierEvent, EntryReview
from nominations.workflow import WorkflowError
from tests.nominations.conftest import BEFORE

BANG_KHEN = "bang-khen-chu-tich-tinh"


def _received(tree, people, make_dossier, n=3):
    """A dossier of Cao Lâu with `n` entries, received by district Cao Lộc."""
    dossier = make_dossier(tree.cao_lau, *[BANG_KHEN] * n)
    services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=people.cao_loc_officer)
    return dossier


def _entries(dossier):
    return list(dossier.entries.order_by("position").select_related("person"))


def test_agrees_the_entries_not_yet_appraised_and_leaves_the_blocked(tree, people, make_dossier):
    officer = people.cao_loc_officer
    dossier = _received(tree, people, make_dossier, n=4)
    rejected, blocked, first, second = _entries(dossier)
    services.entry_appraise(
        entry=rejected, actor=officer, decision=ReviewDecision.REJECT, reason="Chưa đủ thành tích"
    )
    # A discipline recorded after the dossier was submitted.
    BlockingFlag.objects.create(person=blocked.person, kind="discipline", starts_on=BEFORE)

    agreed, left = services.entries_agree_remaining(dossier=dossier, actor=officer)

    assert agreed == 2
    assert [e.pk for e in left] == [blocked.pk]
    statuses = dict(dossier.entries.values_list("pk", "status"))
    assert statuses == {
        rejected.pk: EntryStatus.REJECTED,  # its decision here stands
        blocked.pk: EntryStatus.PROPOSED,
        first.pk: EntryStatus.AGREED,
        second.pk: EntryStatus.AGREED,
    }
    review = EntryReview.objects.get(entry=first, unit=tree.cao_loc)
    assert (review.decision, review.reviewer, review.form_before, review.form_after) == (
        ReviewDecision.AGREE,
        officer,
        first.proposed_form,
        first.proposed_form,
    )
    event = DossierEvent.objects.filter(dossier=dossier).order_by("pk").last()
    assert (event.action, event.entry, event.actor) == (Action.APPRAISE_ENTRY, None, officer)
    assert event.comment == "Nhất trí 2 đề nghị chưa có ý kiến thẩm định"
    # The blocked entry still needs its own decision before the appraisal can end.
    with pytest.raises(WorkflowError):
        services.dossier_appraise_done(dossier=dossier, actor=officer)
    services.entry_appraise(
        entry=blocked, actor=officer, decision=ReviewDecision.REJECT, reason="Đang bị kỷ luật"
    )
    dossier = services.dossier_appraise_done(dossier=dossier, actor=officer)
    assert dossier.status == DossierStatus.APPRAISED


def test_nothing_left_to_agree_and_actors_who_may_not_appraise(tree, people, make_dossier):
    dossier = _received(tree, people, make_dossier, n=1)
    with pytest.raises(WorkflowError):  # the proposing commune does not appraise its own list
        services.entries_agree_remaining(dossier=dossier, actor=people.cao_lau_officer)
    with pytest.raises(WorkflowError):  # a leader signs; officers appraise
        services.entries_agree_remaining(dossier=dossier, actor=people.cao_loc_leader)
    assert services.entries_agree_remaining(dossier=dossier, actor=people.cao_loc_officer)[0] == 1
    with pytest.raises(WorkflowError, match="Mọi đề nghị đã có ý kiến thẩm định ở cấp này"):
        services.entries_agree_remaining(dossier=dossier, actor=people.cao_loc_officer)


def test_its_queries_do_not_grow_with_the_entries(tree, people, make_dossier):
    counts = []
    for n in (2, 6):
        dossier = _received(tree, people, make_dossier, n=n)
        with CaptureQueriesContext(connection) as ctx:
            agreed, _ = services.entries_agree_remaining(
                dossier=dossier, actor=people.cao_loc_officer
            )
        assert agreed == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_dossier_page_offers_it_to_the_appraising_officer(client, tree, people, make_dossier):
    dossier = _received(tree, people, make_dossier, n=2)
    url = reverse("nominations:entries_agree_remaining", args=[dossier.pk])
    client.force_login(people.cao_lau_officer)  # the proposing commune: no button
    assert url not in client.get(dossier.get_absolute_url()).content.decode()
    client.force_login(people.cao_loc_officer)
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert url in html
    assert "Nhất trí tất cả đề nghị chưa thẩm định" in html

    blocked = _entries(dossier)[0]
    BlockingFlag.objects.create(person=blocked.person, kind="discipline", starts_on=BEFORE)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == dossier.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã ghi ý kiến nhất trí cho 1 đề nghị chưa thẩm định.",
        "1 đề nghị cần thẩm định riêng (còn kiểm tra chặn chưa đạt, hoặc cấp này đã yêu cầu "
        f"bổ sung): {blocked.nominee_name}.",
    ]

    services.entry_appraise(
        entry=blocked, actor=people.cao_loc_officer, decision=ReviewDecision.AGREE
    )
    response = client.post(url, follow=True)
    assert "Mọi đề nghị đã có ý kiến thẩm định ở cấp này." in response.content.decode()


def test_leaves_the_entries_this_level_asked_to_be_completed(tree, people, make_dossier):
    officer = people.cao_loc_officer
    dossier = _received(tree, people, make_dossier, n=3)
    asked, first, second = _entries(dossier)
    services.dossier_return_for_completion(
        dossier=dossier, actor=officer, comments={asked.pk: "Bổ sung báo cáo thành tích"}
    )
    services.dossier_resubmit(dossier=dossier, actor=people.cao_lau_officer)

    agreed, left = services.entries_agree_remaining(dossier=dossier, actor=officer)

    assert (agreed, [e.pk for e in left]) == (2, [asked.pk])
    assert dict(dossier.entries.values_list("pk", "status")) == {
        asked.pk: EntryStatus.PROPOSED,
        first.pk: EntryStatus.AGREED,
        second.pk: EntryStatus.AGREED,
    }


def test_an_entry_changed_after_its_appraisal_is_appraised_again(tree, people, make_dossier, forms):
    """The district lowers an entry, returns the dossier, the commune changes the entry: the
    district's review no longer stands, and the entry waits for its decision again (before,
    it kept "agreed" and climbed with the form the commune had put back)."""
    officer = people.cao_loc_officer
    dossier = _received(tree, people, make_dossier, n=2)
    lowered, _other = _entries(dossier)
    services.entry_appraise(
        entry=lowered,
        actor=officer,
        decision=ReviewDecision.LOWER,
        form=forms["giay-khen-chu-tich-huyen"],
    )
    services.dossier_return_for_completion(
        dossier=dossier, actor=officer, comments={None: "Bổ sung báo cáo thành tích"}
    )
    services.entry_save(
        dossier=dossier,
        actor=people.cao_lau_officer,
        subject_kind=lowered.subject_kind,
        requested_form=lowered.requested_form,
        achievement="Báo cáo thành tích đã bổ sung.",
        person=lowered.person,
        entry=lowered,
    )
    lowered.refresh_from_db()
    assert lowered.status == EntryStatus.PROPOSED
    assert lowered.proposed_form == forms[BANG_KHEN]
    assert not EntryReview.objects.filter(entry=lowered, unit=tree.cao_loc).exists()
    services.dossier_resubmit(dossier=dossier, actor=people.cao_lau_officer)
    with pytest.raises(WorkflowError):  # it needs the district's decision again
        services.dossier_appraise_done(dossier=dossier, actor=officer)
    assert services.entries_agree_remaining(dossier=dossier, actor=officer)[0] == 2
    services.dossier_appraise_done(dossier=dossier, actor=officer)
