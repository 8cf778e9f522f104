from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import services
from tests.decisions.conftest import SIGNED_ON

PERSONAL = ("1985", "020185001234", "0xx")


def test_public_list_shows_issued_decisions_only(
    issued, staff, campaign, forms, make_approved, client
):
    draft = services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=make_approved(individuals=["Vi Văn Dũng"], number=50),
        on=SIGNED_ON,
    )
    services.decision_update(decision=draft, actor=staff.province_officer, title="Về việc dự thảo")
    response = client.get(reverse("public_decisions:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "01/QĐ-UBND" in page
    assert issued.title in page
    assert reverse("public_decisions:pdf", args=[issued.pk]) in page
    assert "Về việc dự thảo" not in page
    for personal in PERSONAL:
        assert personal not in page


def test_public_list_query_count_does_not_grow(
    issued, staff, campaign, forms, make_approved, client, django_assert_num_queries
):
    client.get(reverse("public_decisions:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("public_decisions:list"))
    for i in range(4):
        draft = services.decision_create(
            actor=staff.province_officer,
            campaign=campaign,
            form=forms["bang-khen-chu-tich-tinh"],
            entries=make_approved(individuals=[f"Vi Văn Thử {i}"], number=60 + i),
            on=SIGNED_ON,
        )
        services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("public_decisions:list"))
    assert len(response.context["decisions"]) == 5


def test_public_pdf_of_an_issued_decision_only(issued, another_draft, client):
    response = client.get(reverse("public_decisions:pdf", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert b"020185001234" not in content
    assert client.get(reverse("public_decisions:pdf", args=[another_draft.pk])).status_code == 404


PHONE = '<div class="d-md-none small text-body-secondary">'
WIDE = "d-none d-md-table-cell"


def test_decision_lists_on_a_phone_keep_number_summary_and_status(issued, staff, client):
    """Below the md breakpoint the date goes under the number and the issuer under the
    summary; their own columns show from md up."""
    public = client.get(reverse("public_decisions:list")).content.decode()
    assert f"01/QĐ-UBND{PHONE}12/09/2024</div></td>" in public
    assert f"{PHONE}{issued.issuer}</div></td>" in public
    assert public.count(WIDE) == 4  # date and issuer: a heading and a cell each
    client.force_login(staff.province_officer)
    staff_page = client.get(reverse("decisions:list")).content.decode()
    assert f"01/QĐ-UBND{PHONE}12/09/2024</div></td>" in staff_page
    assert f"{PHONE}{issued.issuer} · Số được khen: 5</div></td>" in staff_page
