"""Staff and public pages of campaigns: scope, permissions, query counts, actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from campaigns.choices import CampaignStatus
from campaigns.models import Campaign, CampaignIssuer, DocumentType, RegisterEntry
from campaigns.services import issuer_defaults


def make_campaign(unit, *, status=CampaignStatus.DRAFT, title="Kế hoạch thi đua thử", **kw):
    campaign = Campaign.objects.create(
        doc_type=DocumentType.objects.get(abbreviation="KH"), title=title, status=status, **kw
    )
    CampaignIssuer.objects.create(campaign=campaign, unit=unit, **issuer_defaults(unit))
    return campaign


@pytest.fixture
def commune_draft(tree):
    return make_campaign(tree.cao_lau, title="Kế hoạch thi đua của xã Cao Lâu")


# -- permissions per view -----------------------------------------------------------------------

STAFF_VIEWS = ["/campaigns/{pk}/", "/campaigns/{pk}/edit/", "/campaigns/{pk}/pdf/"]


@pytest.mark.parametrize("path", ["/campaigns/", "/campaigns/new/", *STAFF_VIEWS])
def test_anonymous_is_sent_to_login(client, commune_draft, path):
    response = client.get(path.format(pk=commune_draft.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", STAFF_VIEWS)
def test_other_commune_officer_gets_404(client, tree, make_user, commune_draft, path):
    client.force_login(make_user(tree.xuat_le))
    assert client.get(path.format(pk=commune_draft.pk)).status_code == 404


@pytest.mark.parametrize("path", ["/campaigns/", "/campaigns/new/", *STAFF_VIEWS])
def test_issuing_officer_gets_200(client, tree, make_user, commune_draft, path):
    client.force_login(make_user(tree.cao_lau))
    assert client.get(path.format(pk=commune_draft.pk)).status_code == 200


@pytest.mark.parametrize("action", ["publish", "close", "summarise", "implement"])
def test_actions_need_login_and_answer_404_out_of_scope(
    client, tree, make_user, commune_draft, action
):
    path = f"/campaigns/{commune_draft.pk}/{action}/"
    assert client.post(path).status_code == 302
    client.force_login(make_user(tree.xuat_le))
    assert client.post(path).status_code == 404


def test_user_who_can_read_but_not_issue_cannot_edit(client, tree, make_user):
    provincial = make_campaign(tree.province, status=CampaignStatus.PUBLISHED)
    draft = make_campaign(tree.province)
    client.force_login(make_user(tree.cao_lau))
    assert client.get(f"/campaigns/{provincial.pk}/").status_code == 200
    assert client.get(f"/campaigns/{draft.pk}/").status_code == 404
    assert client.get(f"/campaigns/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/campaigns/{draft.pk}/publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT


def test_leader_of_the_issuer_cannot_edit(client, tree, make_user, commune_draft):
    client.force_login(make_user(tree.cao_lau, Role.LEADER))
    assert client.get(f"/campaigns/{commune_draft.pk}/").status_code == 200
    assert client.get(f"/campaigns/{commune_draft.pk}/edit/").status_code == 404


def test_district_sees_commune_draft_and_commune_sees_published_district_plan(
    client, tree, make_user, commune_draft
):
    district_plan = make_campaign(tree.cao_loc, status=CampaignStatus.PUBLISHED)
    client.force_login(make_user(tree.cao_loc))
    assert client.get(f"/campaigns/{commune_draft.pk}/").status_code == 200
    client.force_login(make_user(tree.cao_lau))
    assert client.get(f"/campaigns/{district_plan.pk}/").status_code == 200
    client.force_login(make_user(tree.hoang_dong))
    assert client.get(f"/campaigns/{district_plan.pk}/").status_code == 404


# -- list pages ---------------------------------------------------------------------------------


def _count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_staff_list_query_count_does_not_grow(client, tree, make_user):
    user = make_user(tree.cao_loc)
    client.force_login(user)
    make_campaign(tree.cao_lau)
    few = _count_queries(client, "/campaigns/")
    for n in range(8):
        make_campaign(tree.xuat_le if n % 2 else tree.cao_loc, title=f"Kế hoạch {n}")
    assert _count_queries(client, "/campaigns/") == few


@pytest.mark.parametrize("path", ["/campaigns/", "/public/campaigns/"])
def test_list_rows_do_not_read_the_campaigns_text(client, tree, make_user, path):
    """A row prints the number, title, issuers, kind and status: the plan's pages of text
    (purpose, requirements, solutions…) stay in the database."""
    make_campaign(
        tree.province,
        status=CampaignStatus.PUBLISHED,
        title="Kế hoạch có nội dung dài",
        purpose="Mục đích " * 2000,
        issue_year=2026,
        issue_month=3,
        issue_day=9,
        number=17,
    )
    client.force_login(make_user(tree.cao_loc))
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(path).content.decode()
    assert "Kế hoạch có nội dung dài" in page
    assert "17/KH-" in page
    assert "09/3/2026" in page
    assert not [q for q in ctx.captured_queries if '"purpose"' in q["sql"]]


def test_public_list_query_count_does_not_grow(client, tree, django_assert_num_queries):
    make_campaign(tree.province, status=CampaignStatus.PUBLISHED)
    few = _count_queries(client, "/public/campaigns/")
    for n in range(8):
        make_campaign(tree.cao_loc, status=CampaignStatus.PUBLISHED, title=f"Kế hoạch {n}")
    with django_assert_num_queries(few):
        client.get("/public/campaigns/")


def test_list_search_ignores_diacritics_and_filters(client, tree, make_user):
    make_campaign(tree.cao_lau, title="Thi đua chào mừng Đại hội Đảng")
    make_campaign(tree.cao_lau, title="Kế hoạch khác", kind="peak")
    client.force_login(make_user(tree.cao_lau))
    page = client.get("/campaigns/", {"q": "dai hoi dang"}).content.decode()
    assert "chào mừng Đại hội Đảng" in page
    assert "Kế hoạch khác" not in page
    page = client.get("/campaigns/", {"kind": "peak"}).content.decode()
    assert "Kế hoạch khác" in page
    assert "Đại hội Đảng" not in page
    page = client.get("/campaigns/", {"level": "district"}).content.decode()
    assert "Kế hoạch khác" not in page


def test_list_issuer_menu_holds_the_issuers_and_marks_the_chosen_one(client, tree, make_user):
    make_campaign(tree.cao_lau, title="Kế hoạch của xã")
    make_campaign(tree.cao_loc, title="Kế hoạch của huyện")
    client.force_login(make_user(tree.cao_loc))
    page = client.get("/campaigns/").content.decode()
    menu = page[page.index('name="issuer"') : page.index("</select>", page.index('name="issuer"'))]
    assert f'<option value="{tree.cao_lau.pk}">{tree.cao_lau.name}</option>' in menu
    assert f'<option value="{tree.cao_loc.pk}">{tree.cao_loc.name}</option>' in menu
    assert " selected" not in menu
    page = client.get("/campaigns/", {"issuer": tree.cao_lau.pk}).content.decode()
    assert f'<option value="{tree.cao_lau.pk}" selected>{tree.cao_lau.name}</option>' in page
    assert "Kế hoạch của xã" in page
    assert "Kế hoạch của huyện" not in page


def test_list_issuer_menu_of_the_province_is_every_issuer_and_of_a_district_its_own(
    client, tree, make_user
):
    """Who sees every campaign gets the menu from a kept statement; the others from their
    scope. Both are the issuers of the campaigns they see, by name."""
    from campaigns.selectors import campaigns_visible_to, issuer_choices, issuer_choices_for

    make_campaign(tree.cao_lau, title="Kế hoạch của xã")
    make_campaign(tree.hoang_dong, title="Kế hoạch của phường khác")
    make_campaign(tree.province, title="Kế hoạch của tỉnh", status=CampaignStatus.PUBLISHED)
    province, district = make_user(tree.ban_tdkt), make_user(tree.cao_loc)
    every = issuer_choices_for(province)
    assert every == issuer_choices(campaigns_visible_to(province))
    assert {tree.cao_lau.pk, tree.hoang_dong.pk, tree.province.pk} <= {pk for pk, _ in every}
    own = issuer_choices_for(district)
    assert own == issuer_choices(campaigns_visible_to(district))
    assert tree.cao_lau.pk in {pk for pk, _ in own}
    assert tree.hoang_dong.pk not in {pk for pk, _ in own}


# -- public pages ------------------------------------------------------------------------------


def test_public_pages_show_only_published_campaigns(client, tree):
    published = make_campaign(tree.province, status=CampaignStatus.PUBLISHED, title="Đã công bố")
    draft = make_campaign(tree.province, title="Bản nháp bí mật")
    page = client.get("/public/campaigns/").content.decode()
    assert "Đã công bố" in page
    assert "Bản nháp bí mật" not in page
    assert client.get(f"/public/campaigns/{published.pk}/").status_code == 200
    assert client.get(f"/public/campaigns/{draft.pk}/").status_code == 404


# -- actions ----------------------------------------------------------------------------------


def test_publish_numbers_in_the_issuers_register(client, tree, make_user, commune_draft):
    client.force_login(make_user(tree.cao_lau))
    client.post(f"/campaigns/{commune_draft.pk}/publish/")
    commune_draft.refresh_from_db()
    assert commune_draft.status == CampaignStatus.PUBLISHED
    assert commune_draft.number == 1
    assert commune_draft.number_text == "01/KH-UBND"
    entry = RegisterEntry.objects.get(object_id=commune_draft.pk)
    assert entry.register.unit == tree.cao_lau
    second = make_campaign(tree.cao_lau)
    client.post(f"/campaigns/{second.pk}/publish/")
    second.refresh_from_db()
    assert second.number == 2


def test_close_then_summarise(client, tree, make_user, commune_draft):
    client.force_login(make_user(tree.cao_lau))
    client.post(f"/campaigns/{commune_draft.pk}/close/")
    commune_draft.refresh_from_db()
    assert commune_draft.status == CampaignStatus.DRAFT  # a draft cannot be closed
    for action, status in [
        ("publish", CampaignStatus.PUBLISHED),
        ("close", CampaignStatus.CLOSED),
        ("summarise", CampaignStatus.SUMMARISED),
    ]:
        client.post(f"/campaigns/{commune_draft.pk}/{action}/")
        commune_draft.refresh_from_db()
        assert commune_draft.status == status


def test_implement_at_my_unit_creates_a_linked_prefilled_draft(client, tree, make_user):
    from campaigns.models import CampaignItem, ItemTarget

    parent = make_campaign(
        tree.cao_loc,
        status=CampaignStatus.PUBLISHED,
        number=113,
        theme="Đoàn kết, sáng tạo",
        issue_year=2023,
        issue_month=3,
        issue_day=9,
        kind="special",
    )
    item = CampaignItem.objects.create(campaign=parent, heading="Cải cách hành chính", text="…")
    ItemTarget.objects.create(item=item, indicator="hồ sơ đúng hạn", comparator="gte", value=99)
    client.force_login(make_user(tree.cao_lau))
    detail = client.get(f"/campaigns/{parent.pk}/").content.decode()
    assert "/implement/" in detail
    response = client.post(f"/campaigns/{parent.pk}/implement/")
    child = Campaign.objects.get(parent=parent)
    assert response["Location"] == f"/campaigns/{child.pk}/edit/"
    assert child.status == CampaignStatus.DRAFT
    assert child.issuer_list[0].unit == tree.cao_lau
    assert child.place == "Cao Lâu"
    assert child.theme == "Đoàn kết, sáng tạo"
    assert child.kind == "special"
    assert str(child.items.get().targets.get()) == "≥ 99 hồ sơ đúng hạn"
    assert child.preamble.startswith(
        "Thực hiện Kế hoạch số 113/KH-UBND ngày 09/3/2023 của UBND huyện Cao Lộc"
    )
    chain = client.get(f"/campaigns/{child.pk}/").content.decode()
    assert "Kế hoạch số 113/KH-UBND" in chain


def test_htmx_row_returns_a_row_and_the_next_counter(client, tree, make_user):
    client.force_login(make_user(tree.cao_lau))
    response = client.get(
        "/campaigns/rows/items/", {"prefix": "items", "index": 3}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'name="items-3-heading"' in html
    assert 'id="id_items-TOTAL_FORMS" value="4" hx-swap-oob="true"' in html
    assert "items-3-targets-TOTAL_FORMS" in html
    assert "index=4" in html
    assert client.get("/campaigns/rows/items/", {"index": 1}).status_code == 404  # not htmx


def test_list_pages_show_the_rows_of_the_queryset_in_its_order(client, tree, make_user):
    """The page's rows are read by id (KeptPageMixin): same rows, same order, issuers too."""
    from campaigns.selectors import campaign_list

    for n in range(23):
        make_campaign(tree.cao_lau if n % 3 else tree.cao_loc, title=f"Kế hoạch {n:02d}")
    user = make_user(tree.cao_loc)
    client.force_login(user)
    expected = list(campaign_list(user=user, params={}))
    shown = []
    for page in (1, 2):
        rows = client.get("/campaigns/", {"page": page}).context["object_list"]
        for row in rows:
            assert [i.unit for i in row.issuer_rows.all()] == [
                i.unit for i in row.issuer_rows.model.objects.filter(campaign=row)
            ]
        shown += rows
    assert shown == expected
    assert len(shown) == 23
