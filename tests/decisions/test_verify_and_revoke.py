import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.models import Award
from decisions import services
from nominations.workflow import WorkflowError

REVOKED_ON = datetime.date(2025, 3, 3)
PERSONAL = ("1985", "020185001234", "0xx", "Năm sinh", "CCCD")


def _verify(client, awardee):
    return client.get(f"/verify/{awardee.token}/")


def test_verification_page_is_public_and_says_valid(issued, client):
    awardee = issued.decision_awards.get(name="Hoàng Thị An")
    response = _verify(client, awardee)
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "HỢP LỆ",
        "Hoàng Thị An",
        "Xã Cao Lâu",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "01/QĐ-UBND",
        "12/09/2024",
    ):
        assert expected in page, expected
    for personal in PERSONAL:
        assert personal not in page


def test_unknown_token_gets_a_vietnamese_not_found_page(client, db):
    response = client.get("/verify/khong-co-ma-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_draft_is_not_verifiable(draft, client):
    assert _verify(client, draft.decision_awards.first()).status_code == 404


def test_revoking_marks_the_register_rows_and_verification_says_so(issued, staff, client):
    count = services.awards_revoke(
        decision=issued,
        actor=staff.province_officer,
        reason="Khai man thành tích",
        revoking_number="125/QĐ-UBND",
        revoking_date=REVOKED_ON,
        awardees=[issued.decision_awards.get(name="Hoàng Thị An")],
    )
    assert count == 1
    row = Award.objects.get(recipient_name="Hoàng Thị An")
    assert (row.revoked, row.revoked_reason, row.revoking_decision_number) == (
        True,
        "Khai man thành tích",
        "125/QĐ-UBND",
    )
    assert row.revoking_decision_date == REVOKED_ON
    assert Award.objects.filter(revoked=False).count() == 4
    page = _verify(client, issued.decision_awards.get(name="Hoàng Thị An")).content.decode()
    assert "ĐÃ BỊ THU HỒI" in page
    assert "125/QĐ-UBND" in page
    assert "HỢP LỆ" not in page
    other = _verify(client, issued.decision_awards.get(name="Nguyễn Văn Bình")).content.decode()
    assert "HỢP LỆ" in other


def test_revoking_without_awardees_revokes_the_whole_decision(issued, staff):
    services.awards_revoke(
        decision=issued,
        actor=staff.province_leader,
        reason="Sai thẩm quyền",
        revoking_number="130/QĐ-UBND",
        revoking_date=REVOKED_ON,
    )
    assert not Award.objects.filter(revoked=False).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reason": " "}, "reason"),
        ({"revoking_number": ""}, "revoking_number"),
        ({"revoking_date": datetime.date(2024, 1, 1)}, "revoking_date"),
    ],
)
def test_a_revocation_states_reason_number_and_a_later_date(kwargs, field, issued, staff):
    values = {"reason": "Khai man", "revoking_number": "125/QĐ-UBND", "revoking_date": REVOKED_ON}
    values.update(kwargs)
    with pytest.raises(ValidationError) as refused:
        services.awards_revoke(decision=issued, actor=staff.province_officer, **values)
    assert field in refused.value.message_dict
    assert not Award.objects.filter(revoked=True).exists()


def test_only_staff_of_the_issuer_revoke_and_only_issued_awards(issued, another_draft, staff):
    values = {"reason": "Khai man", "revoking_number": "125/QĐ-UBND", "revoking_date": REVOKED_ON}
    with pytest.raises(WorkflowError):
        services.awards_revoke(decision=issued, actor=staff.cao_loc_officer, **values)
    with pytest.raises(WorkflowError):
        services.awards_revoke(decision=another_draft, actor=staff.province_officer, **values)


def test_revoke_page(issued, staff, client):
    """Nothing ticked revokes nothing: the whole decision goes only when said."""
    client.force_login(staff.province_officer)
    url = f"/decisions/{issued.pk}/revoke/"
    values = {"reason": "Khai man", "revoking_number": "125/QĐ-UBND", "revoking_date": "03/3/2025"}
    response = client.post(url, values)
    assert response.status_code == 200  # back on the decision's page, with what was typed
    page = response.content.decode()
    assert "Đánh dấu các khen thưởng cần thu hồi, hoặc chọn" in page
    assert "invalid-feedback" in page  # at its field
    assert "125/QĐ-UBND" in page
    assert "Khai man" in page
    assert not Award.objects.filter(revoked=True).exists()
    one = issued.decision_awards.order_by("position").first()
    page = client.post(url, {**values, "awardees": [one.pk], "whole": "on"}).content.decode()
    assert "không chọn cả hai" in page
    assert f'value="{one.pk}" checked' in page or f'value="{one.pk}"' in page
    assert not Award.objects.filter(revoked=True).exists()
    response = client.post(url, {**values, "whole": "on"}, follow=True)
    assert response.status_code == 200
    assert Award.objects.filter(revoked=True).count() == 5


def test_the_decision_page_shows_its_list_a_page_at_a_time(issued, staff, client, monkeypatch):
    """2 collectives and 3 individuals, 2 rows a page: each numbered within its section over
    the whole list; the revocation's boxes are the page's, any awardee may be chosen."""
    import re

    from decisions import views

    monkeypatch.setattr(views, "LIST_PER_PAGE", 2)
    client.force_login(staff.province_officer)

    def page(n):
        html = client.get(f"/decisions/{issued.pk}/", {"page": n}).content.decode()
        table = html.split("<tbody>")[1].split("</tbody>")[0]
        rows = re.findall(r"<tr>\s*<td>(\d+)</td><td>([^<]+)</td>", table)
        headings = re.findall(r"<th colspan=\"4\">([^<]+)</th>", table)
        boxes = re.findall(r'name="awardees" value="(\d+)"', html)
        return rows, headings, boxes

    rows, headings, boxes = page(1)
    assert [number for number, _name in rows] == ["1", "2"]
    assert headings == ["TẬP THỂ (2)"]
    assert len(boxes) == 2
    rows, headings, boxes = page(2)
    assert [number for number, _name in rows] == ["1", "2"]
    assert headings == ["CÁ NHÂN (3)"]
    assert page(3)[0][0][0] == "3"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 3):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/decisions/{issued.pk}/", {"page": n})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    # An awardee of page 3 revoked from the form of page 1.
    last = issued.decision_awards.order_by("-position").first()
    client.post(
        f"/decisions/{issued.pk}/revoke/",
        {
            "reason": "Khai man",
            "revoking_number": "125/QĐ-UBND",
            "revoking_date": "03/03/2025",
            "awardees": [last.pk],
        },
    )
    assert list(Award.objects.filter(revoked=True).values_list("pk", flat=True)) == [last.award_id]
    # Sent from the form of page 2: back to page 2.
    first = issued.decision_awards.order_by("position").first()
    response = client.post(
        f"/decisions/{issued.pk}/revoke/?page=2",
        {
            "reason": "Khai man",
            "revoking_number": "126/QĐ-UBND",
            "revoking_date": "03/03/2025",
            "awardees": [first.pk],
        },
    )
    assert response["Location"] == f"/decisions/{issued.pk}/?page=2"


def test_a_revocation_the_service_refuses_comes_back_at_its_field(issued, staff, client):
    """A revoking date before the decision's (12/09/2024): the message at the date, what was
    typed kept, nothing revoked."""
    client.force_login(staff.province_officer)
    response = client.post(
        f"/decisions/{issued.pk}/revoke/",
        {
            "reason": "Khai man thành tích",
            "revoking_number": "125/QĐ-UBND",
            "revoking_date": "01/01/2024",
            "whole": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quyết định thu hồi không thể trước ngày quyết định khen thưởng." in page
    assert "Khai man thành tích" in page
    assert not Award.objects.filter(revoked=True).exists()


def test_who_may_not_revoke_is_told_so_whatever_the_form(
    issued, another_draft, staff, client, make_user, tree
):
    from accounts.choices import Role

    member = make_user(tree.province, Role.COUNCIL_MEMBER)
    client.force_login(member)
    response = client.post(f"/decisions/{issued.pk}/revoke/", {}, follow=True)
    assert "Chỉ cán bộ của Tỉnh Lạng Sơn mới được ghi nhận việc thu hồi khen thưởng." in (
        response.content.decode()
    )
    client.force_login(staff.province_officer)
    response = client.post(f"/decisions/{another_draft.pk}/revoke/", {}, follow=True)
    assert "Chỉ thu hồi được khen thưởng của quyết định đã ban hành." in response.content.decode()
    assert not Award.objects.filter(revoked=True).exists()
