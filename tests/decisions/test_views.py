import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from decisions import services
from decisions.models import Decision
from nominations.deadlines import forget_calendar
from tests.decisions.conftest import SIGNED_ON


def _urls(decision):
    return [
        reverse("decisions:detail", args=[decision.pk]),
        reverse("decisions:pdf", args=[decision.pk]),
        reverse("decisions:certificates_pdf", args=[decision.pk]),
        reverse("decisions:pdf_status", args=[decision.pk]),
    ]


def test_anonymous_is_sent_to_sign_in(issued, client):
    for url in [reverse("decisions:list"), reverse("decisions:create"), *_urls(issued)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


def test_out_of_scope_users_get_404(issued, staff, client):
    client.force_login(staff.cao_lau_officer)
    for url in _urls(issued):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("decisions:sign", args=[issued.pk])).status_code == 404
    response = client.get(reverse("decisions:list"))
    assert issued.title not in response.content.decode()


def test_district_staff_see_their_own_decisions_only(issued, staff, client):
    client.force_login(staff.cao_loc_officer)
    assert client.get(issued.get_absolute_url()).status_code == 404


def _make_decisions(n, staff, campaign, forms, make_approved):
    for i in range(n):
        entries = make_approved(individuals=[f"Vi Văn Thử {i}"], number=100 + i)
        services.decision_create(
            actor=staff.province_officer,
            campaign=campaign,
            form=forms["bang-khen-chu-tich-tinh"],
            entries=entries,
            on=SIGNED_ON,
        )


def test_list_query_count_does_not_grow_with_rows(
    staff, campaign, forms, make_approved, client, django_assert_num_queries
):
    client.force_login(staff.province_officer)
    _make_decisions(1, staff, campaign, forms, make_approved)
    client.get(reverse("decisions:list"))  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("decisions:list")).status_code == 200
    _make_decisions(6, staff, campaign, forms, make_approved)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("decisions:list") + "?status=draft")
    assert response.content.decode().count("Vi Văn Thử") == 0  # titles, not names
    assert len(response.context["decisions"]) == 7


def test_new_page_lists_waiting_entries_and_drafts_the_chosen_ones(
    staff, campaign, forms, make_approved, client
):
    entries = make_approved(individuals=["Vi Văn Dũng", "Hà Thị Giang"])
    client.force_login(staff.province_officer)
    response = client.get(reverse("decisions:create"))
    assert "Bằng khen của Chủ tịch UBND tỉnh" in response.content.decode()
    form = forms["bang-khen-chu-tich-tinh"]
    url = reverse("decisions:create") + f"?campaign={campaign.pk}&form={form.pk}"
    page = client.get(url).content.decode()
    assert "Vi Văn Dũng" in page
    assert "Hà Thị Giang" in page
    response = client.post(url, {"entries": [entries[0].pk]})
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert list(decision.decision_awards.values_list("name", flat=True)) == ["Vi Văn Dũng"]


def test_new_page_shows_the_error_at_the_field(staff, campaign, forms, make_approved, client):
    make_approved(individuals=["Vi Văn Dũng"])
    client.force_login(staff.province_officer)
    form = forms["bang-khen-chu-tich-tinh"]
    url = reverse("decisions:create") + f"?campaign={campaign.pk}&form={form.pk}"
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một" in response.content.decode()
    assert not Decision.objects.exists()


def test_new_page_is_for_officers_only(staff, client):
    client.force_login(staff.province_leader)
    assert client.get(reverse("decisions:create")).status_code == 404


def test_officer_edits_the_draft_and_previews_it(draft, staff, client):
    client.force_login(staff.province_officer)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Lưu dự thảo" in page
    data = {name: getattr(draft, name) for name in services.EDITABLE_FIELDS}
    data["funding_source"] = "Quỹ thi đua, khen thưởng tỉnh Lạng Sơn"
    response = client.post(draft.get_absolute_url(), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.funding_source == "Quỹ thi đua, khen thưởng tỉnh Lạng Sơn"
    preview = client.get(reverse("decisions:pdf", args=[draft.pk]))
    assert preview["Content-Type"] == "application/pdf"


def test_officer_cannot_sign_leader_can(draft, staff, client):
    client.force_login(staff.province_officer)
    client.post(
        reverse("decisions:sign", args=[draft.pk]), {"signing_mode": "chairman", "confirm": "on"}
    )
    draft.refresh_from_db()
    assert draft.is_draft
    client.force_login(staff.province_leader)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Chưa đủ điều kiện ký" in page  # drafted under a decree that has since expired
    assert "98/2023/NĐ-CP" in page
    client.force_login(staff.province_officer)
    client.post(reverse("decisions:refresh_bases", args=[draft.pk]))
    client.force_login(staff.province_leader)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ký quyết định" in page
    response = client.post(
        reverse("decisions:sign", args=[draft.pk]),
        {"signing_mode": "chairman", "confirm": "on"},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.is_issued
    assert "01/QĐ-UBND" in response.content.decode()


def test_signing_needs_the_confirmation(draft, staff, client):
    client.force_login(staff.province_leader)
    response = client.post(
        reverse("decisions:sign", args=[draft.pk]), {"signing_mode": "chairman"}, follow=True
    )
    draft.refresh_from_db()
    assert draft.is_draft
    assert "Hãy xác nhận" in response.content.decode()


def test_issued_page_offers_pdf_certificates_and_revocation(issued, staff, client):
    client.force_login(staff.province_officer)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert reverse("decisions:certificates_pdf", args=[issued.pk]) in page
    assert "Ghi nhận thu hồi" in page
    assert "Lưu dự thảo" not in page
    pdf = client.get(reverse("decisions:pdf", args=[issued.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(("status", "polls"), [("queued", True), ("ready", False)])
def test_pdf_status_polls_while_rendering(status, polls, issued, staff, client):
    Decision.objects.filter(pk=issued.pk).update(pdf_status=status)
    client.force_login(staff.province_officer)
    response = client.get(reverse("decisions:pdf_status", args=[issued.pk]))
    assert response.status_code == 200
    assert ('hx-trigger="every 3s"' in response.content.decode()) is polls


def test_revocation_checkboxes_are_a_plain_list_of_boxes(issued, staff, client):
    """Bootstrap's box class goes on each checkbox, never on the list around them: there it
    shrank the list to one box and spilled the names over the button below."""
    client.force_login(staff.province_officer)
    page = client.get(issued.get_absolute_url()).content.decode()
    wrapper = re.search(r'<div id="id_awardees"[^>]*>', page).group(0)
    assert "class=" not in wrapper
    boxes = re.findall(r'<input type="checkbox" name="awardees"[^>]*>', page)
    assert len(boxes) == issued.decision_awards.count() == 5
    assert all('class="form-check-input"' in box for box in boxes)


def test_a_leader_finds_the_drafts_to_sign_on_the_home_page(
    draft, another_draft, staff, client, django_assert_num_queries
):
    """The drafts of the leader's unit, oldest first, each with its awardees, in a fixed
    number of queries; not those of another unit, not for an officer, and gone once signed."""
    client.force_login(staff.province_leader)
    with CaptureQueriesContext(connection) as two:
        html = client.get(reverse("home")).content.decode()
    queries = len(two)  # read now: the next request resets the query log
    assert "Quyết định chờ bạn ký" in html
    first = html.index(f'<a href="/decisions/{draft.pk}/">{draft.title[:120]}')
    assert html.index(f'<a href="/decisions/{another_draft.pk}/">') > first
    assert "· 5 trường hợp được khen thưởng" in html
    assert "· 1 trường hợp được khen thưởng" in html
    assert (
        '<a class="small" href="/decisions/?status=draft">'
        "Tất cả quyết định dự thảo trong các đơn vị của bạn</a>"
    ) in html
    # The panel's words have a context of their own: the statistics page keeps its wording.
    with translation.override("vi"):
        assert ngettext("%(n)s awardee", "%(n)s awardees", 3) % {"n": 3} == "3 người được khen"
    for user in (staff.cao_loc_leader, staff.province_officer):
        client.force_login(user)
        assert "Quyết định chờ bạn ký" not in client.get(reverse("home")).content.decode()
    services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    client.force_login(staff.province_leader)
    cache.clear()  # the overdue counts are kept a minute: counted again, as the first time
    forget_calendar()  # and the calendar and time limits read again
    with django_assert_num_queries(queries):
        html = client.get(reverse("home")).content.decode()
    assert f'href="/decisions/{draft.pk}/"' not in html
    assert f'href="/decisions/{another_draft.pk}/"' in html
