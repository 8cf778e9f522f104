import pytest
from django.db import IntegrityError, transaction

from decisions import services
from decisions.admin import DecisionAdmin
from decisions.models import Decision, DecisionAward
from decisions.models.decision import DecisionLocked

LOCKED = "Quyết định đã ban hành, không thể sửa đổi."


def test_service_refuses_to_edit_an_issued_decision(issued, staff):
    with pytest.raises(DecisionLocked) as refused:
        services.decision_update(decision=issued, actor=staff.province_officer, title="Khác")
    assert str(refused.value) == LOCKED
    assert Decision.objects.get(pk=issued.pk).title != "Khác"


def test_other_services_refuse_too(issued, staff):
    awardee = issued.decision_awards.first()
    with pytest.raises(DecisionLocked):
        services.decision_remove_awardee(
            decision=issued, actor=staff.province_officer, awardee=awardee
        )
    with pytest.raises(DecisionLocked):
        services.decision_delete(decision=issued, actor=staff.province_officer)


def test_edit_page_refuses_with_the_message(issued, staff, client):
    client.force_login(staff.province_officer)
    response = client.post(issued.get_absolute_url(), {"title": "Khác"}, follow=True)
    assert LOCKED in response.content.decode()
    assert Decision.objects.get(pk=issued.pk).title != "Khác"


def test_model_save_refuses_but_the_pdf_fields_may_be_written(issued):
    issued.title = "Khác"
    with pytest.raises(DecisionLocked):
        issued.save()
    with pytest.raises(DecisionLocked):
        issued.delete()
    issued.pdf_error = "thử"
    issued.save(update_fields=["pdf_error"])


def test_database_refuses_direct_updates_and_deletes(issued):
    for attempt in (
        lambda: Decision.objects.filter(pk=issued.pk).update(title="Khác"),
        lambda: Decision.objects.filter(pk=issued.pk).update(number=99),
        lambda: Decision.objects.filter(pk=issued.pk).delete(),
        lambda: DecisionAward.objects.filter(decision=issued).update(amount=1),
        lambda: DecisionAward.objects.filter(decision=issued).delete(),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
    assert Decision.objects.filter(pk=issued.pk).update(pdf_status="ready") == 1


def test_database_lets_drafts_change(draft):
    assert Decision.objects.filter(pk=draft.pk).update(title="Về việc khác") == 1
    assert DecisionAward.objects.filter(decision=draft).update(amount=1) == 5


def test_admin_shows_an_issued_decision_read_only(issued, another_draft, rf, admin_user, client):
    admin = DecisionAdmin(Decision, None)
    request = rf.get("/")
    request.user = admin_user
    assert admin.has_change_permission(request, issued) is False
    assert admin.has_delete_permission(request, issued) is False
    assert admin.has_change_permission(request, another_draft) is True
    client.force_login(admin_user)
    url = f"/admin/decisions/decision/{issued.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Khác"}).status_code == 403
    assert (
        client.post(f"/admin/decisions/decision/{issued.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Decision.objects.filter(pk=issued.pk, title__startswith="Về việc tặng").exists()
