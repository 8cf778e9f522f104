import datetime
import hashlib

import pytest

from awards.models import Award
from campaigns.models import RegisterEntry
from decisions import services
from decisions.choices import DecisionStatus, PdfStatus
from decisions.models import Decision
from decisions.models.decision import DecisionLocked
from nominations.workflow import WorkflowError
from tests.decisions.conftest import SIGNED_ON


def test_signing_numbers_dates_and_stores_the_pdf_with_its_hash(issued):
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.ISSUED
    assert issued.number == 1
    assert issued.number_text == "01/QĐ-UBND"
    assert issued.date == SIGNED_ON
    assert issued.signer_name == "Hoàng Văn Thành"
    assert issued.pdf_status == PdfStatus.READY
    content = issued.pdf.open("rb").read()
    assert content.startswith(b"%PDF")
    assert issued.pdf_sha256 == hashlib.sha256(content).hexdigest()
    entry = RegisterEntry.objects.get(object_type="decisions.decision", object_id=issued.pk)
    assert (entry.number, entry.register.year, entry.register.doc_type.abbreviation) == (
        1,
        2024,
        "QĐ",
    )


def test_signing_writes_one_register_row_per_awardee(issued, tree):
    rows = Award.objects.filter(decision_award__decision=issued)
    assert rows.count() == 5
    row = rows.get(recipient_name="Hoàng Thị An")
    assert row.decision_number == "01/QĐ-UBND"
    assert row.decision_date == SIGNED_ON
    assert row.decision_issuer == "Chủ tịch UBND tỉnh Lạng Sơn"
    assert row.amount == 2_340_000
    assert row.proposing_unit == tree.cao_loc
    assert row.person.full_name == "Hoàng Thị An"
    collective = rows.get(recipient_name="Chi bộ thôn Nà Lệnh")
    assert collective.person is None
    assert collective.unit == tree.xuat_le


def test_numbers_follow_each_other_in_the_register(issued, staff, campaign, forms, make_approved):
    second = services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=make_approved(individuals=["Vi Văn Dũng"], number=40),
        on=SIGNED_ON,
    )
    second = services.decision_sign(decision=second, actor=staff.province_leader_2, on=SIGNED_ON)
    assert second.number == 2
    assert second.number_text == "02/QĐ-UBND"


def test_signing_mails_the_proposing_units_after_commit(
    draft, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert "caoloc@example.vn" in mailoutbox[0].to
    assert "01/QĐ-UBND" in mailoutbox[0].subject


@pytest.mark.parametrize("who", ["province_officer", "cao_loc_leader"])
def test_only_a_leader_of_the_issuer_signs(who, draft, staff):
    with pytest.raises(WorkflowError) as refused:
        services.decision_sign(decision=draft, actor=getattr(staff, who), on=SIGNED_ON)
    assert "lãnh đạo" in str(refused.value)
    draft.refresh_from_db()
    assert draft.is_draft
    assert not RegisterEntry.objects.exists()


@pytest.mark.parametrize("field", ["title", "recipients", "bases"])
@pytest.mark.parametrize("mark", ["…", "__", "..."])
def test_a_placeholder_left_in_the_text_blocks_signing(field, mark, draft, staff):
    value = getattr(draft, field) + f" {mark}"
    services.decision_update(decision=draft, actor=staff.province_officer, **{field: value})
    with pytest.raises(WorkflowError) as refused:
        services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    assert any(mark in reason for reason in refused.value.reasons)
    assert Decision.objects.get(pk=draft.pk).is_draft
    assert not Award.objects.exists()
    assert not RegisterEntry.objects.exists()


def test_a_summary_whose_counts_disagree_with_the_list_blocks_signing(draft, staff):
    services.decision_update(
        decision=draft,
        actor=staff.province_officer,
        title=draft.title.replace("03 cá nhân", "04 cá nhân"),
    )
    with pytest.raises(WorkflowError) as refused:
        services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    assert any("02 tập thể, 03 cá nhân" in reason for reason in refused.value.reasons)


def test_signing_twice_is_refused(issued, staff):
    with pytest.raises(DecisionLocked) as refused:
        services.decision_sign(decision=issued, actor=staff.province_leader_2, on=SIGNED_ON)
    assert "01/QĐ-UBND" in str(refused.value)


def test_vice_chairman_signs_for_the_chairman(draft, staff):
    decision = services.decision_sign(
        decision=draft, actor=staff.province_leader, signing_mode="vice_chairman", on=SIGNED_ON
    )
    assert decision.signing_mode == "vice_chairman"


def test_bases_no_longer_in_force_on_the_signing_day_block_signing(draft, staff):
    later = datetime.date(2025, 8, 1)
    with pytest.raises(WorkflowError) as refused:
        services.decision_sign(decision=draft, actor=staff.province_leader, on=later)
    assert any("98/2023/NĐ-CP" in reason for reason in refused.value.reasons)
    draft = services.decision_refresh_bases(decision=draft, actor=staff.province_officer, on=later)
    assert "152/2025/NĐ-CP" in draft.bases
    assert services.decision_sign(decision=draft, actor=staff.province_leader, on=later).number == 1


def test_signing_moves_entries_and_dossiers_to_decided(issued):
    from nominations.choices import Action, DossierStatus, EntryStatus
    from nominations.models import DossierEvent

    entries = [awardee.entry for awardee in issued.decision_awards.select_related("entry")]
    assert entries
    assert {entry.status for entry in entries} == {EntryStatus.DECIDED}
    dossiers = {entry.dossier for entry in entries}
    assert {dossier.status for dossier in dossiers} == {DossierStatus.DECIDED}
    for dossier in dossiers:
        event = DossierEvent.objects.get(dossier=dossier, action=Action.DECIDE)
        assert "01/QĐ-UBND" in event.comment
        assert event.to_state == DossierStatus.DECIDED
