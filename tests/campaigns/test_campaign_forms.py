"""Creating and editing a campaign: rows saved in order, bad input refused at the field."""

import datetime

import pytest

from campaigns.choices import CampaignStatus
from campaigns.models import Campaign, DocumentType, RegisterEntry
from campaigns.services import register_record
from tests.campaigns.test_campaign_views import make_campaign

FORMSETS = ["issuers", "occasions", "sections", "items", "tasks", "recipients"]


def post_data(**overrides) -> dict:
    """A valid form: one issuer (set by the test), two items (one with a target), one line."""
    data = {
        "doc_type": DocumentType.objects.get(abbreviation="KH").pk,
        "title": "Phát động phong trào thi đua chào mừng 90 năm Ngày truyền thống",
        "kind": "special",
        "period_start": "01/03/2023",
        "period_end": "31/05/2023",
        "signing_mode": "",
    }
    for name in FORMSETS:
        data[f"{name}-TOTAL_FORMS"] = 0
        data[f"{name}-INITIAL_FORMS"] = 0
    data.update(
        {
            "items-TOTAL_FORMS": 2,
            "items-0-heading": "Cải cách hành chính",
            "items-0-text": "Đoạn một.\nĐoạn hai.",
            "items-1-text": "Nội dung hai.",
            "items-0-targets-TOTAL_FORMS": 1,
            "items-0-targets-INITIAL_FORMS": 0,
            "items-0-targets-0-comparator": "range",
            "items-0-targets-0-value": "90",
            "items-0-targets-0-value_max": "95",
            "items-0-targets-0-unit_label": "%",
            "items-0-targets-0-indicator": "dự toán thu ngân sách",
            "items-1-targets-TOTAL_FORMS": 0,
            "items-1-targets-INITIAL_FORMS": 0,
            "recipients-TOTAL_FORMS": 1,
            "recipients-0-text": "Lưu: VT",
        }
    )
    data.update(overrides)
    return data


def with_issuer(data, unit):
    data.update({"issuers-TOTAL_FORMS": 1, "issuers-0-unit": unit.pk})
    return data


@pytest.fixture
def officer(client, tree, make_user):
    user = make_user(tree.cao_lau)
    client.force_login(user)
    return user


def test_create_saves_campaign_rows_and_targets(client, tree, officer):
    response = client.post("/campaigns/new/", with_issuer(post_data(), tree.cao_lau))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/campaigns/{campaign.pk}/"
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.place == "Cao Lâu"
    issuer = campaign.issuer_list[0]
    assert issuer.header_name == "ỦY BAN NHÂN DÂN\nXÃ CAO LÂU"
    assert issuer.abbreviation == "UBND"
    items = list(campaign.items.all())
    assert [i.position for i in items] == [0, 1]
    assert str(items[0].targets.get()) == "90 - 95 % dự toán thu ngân sách"
    assert campaign.recipients.get().text == "Lưu: VT"


def test_edit_removes_a_row_marked_for_deletion(client, tree, officer):
    client.post("/campaigns/new/", with_issuer(post_data(), tree.cao_lau))
    campaign = Campaign.objects.get()
    items = list(campaign.items.all())
    issuer = campaign.issuer_list[0]
    data = with_issuer(post_data(), tree.cao_lau)
    data.update(
        {
            "issuers-INITIAL_FORMS": 1,
            "issuers-0-id": issuer.pk,
            "items-INITIAL_FORMS": 2,
            "items-0-id": items[0].pk,
            "items-1-id": items[1].pk,
            "items-1-DELETE": "on",
            "items-0-targets-TOTAL_FORMS": 0,
            "recipients-TOTAL_FORMS": 0,
        }
    )
    data.pop("recipients-0-text")
    response = client.post(f"/campaigns/{campaign.pk}/edit/", data)
    assert response.status_code == 302
    assert list(campaign.items.values_list("pk", flat=True)) == [items[0].pk]


def _refused(client, path, data) -> dict:
    response = client.post(path, data)
    assert response.status_code == 200
    return response.context


def test_end_before_start_is_refused_at_the_end(client, tree, officer):
    ctx = _refused(
        client,
        "/campaigns/new/",
        with_issuer(post_data(period_start="01/05/2023", period_end="01/03/2023"), tree.cao_lau),
    )
    assert ctx["form"].errors["period_end"] == [
        "Ngày kết thúc của thời gian thi đua không được trước ngày bắt đầu."
    ]
    assert not Campaign.objects.exists()


def test_nomination_deadline_outside_the_period_is_refused(client, tree, officer):
    ctx = _refused(
        client,
        "/campaigns/new/",
        with_issuer(post_data(nomination_deadline="15/06/2023"), tree.cao_lau),
    )
    assert "nằm trong thời gian thi đua" in ctx["form"].errors["nomination_deadline"][0]
    assert not Campaign.objects.exists()


def test_child_period_outside_its_parent_is_refused(client, tree, officer):
    parent = make_campaign(
        tree.cao_loc,
        status=CampaignStatus.PUBLISHED,
        period_start=datetime.date(2023, 3, 9),
        period_end=datetime.date(2023, 5, 15),
    )
    ctx = _refused(
        client, "/campaigns/new/", with_issuer(post_data(parent=parent.pk), tree.cao_lau)
    )
    errors = ctx["form"].errors
    assert "thời gian của phong trào được thực hiện" in errors["period_start"][0]
    assert "thời gian của phong trào được thực hiện" in errors["period_end"][0]
    assert list(Campaign.objects.all()) == [parent]


def test_issuer_the_user_does_not_belong_to_is_refused(client, tree, officer):
    ctx = _refused(client, "/campaigns/new/", with_issuer(post_data(), tree.xuat_le))
    issuer_form = ctx["formset_list"][0][1].forms[0]
    assert issuer_form.errors["unit"] == [
        "Bạn không thuộc Xã Xuất Lễ: không thể ban hành văn bản nhân danh đơn vị này."
    ]
    assert not Campaign.objects.exists()


def test_district_officer_may_issue_for_a_commune_below(tree, make_user):
    from campaigns.services import issuer_error

    assert issuer_error(unit=tree.cao_lau, actor=make_user(tree.cao_loc)) is None
    assert issuer_error(unit=tree.cao_loc, actor=make_user(tree.cao_lau)) is not None


def test_number_already_used_in_the_register_is_refused(client, tree, officer):
    kh = DocumentType.objects.get(abbreviation="KH")
    register_record(unit=tree.cao_lau, doc_type=kh, year=2023, number=5, summary="Khác")
    ctx = _refused(
        client,
        "/campaigns/new/",
        with_issuer(
            post_data(number=5, issue_year=2023, issue_month=3, issue_day=10), tree.cao_lau
        ),
    )
    assert ctx["form"].errors["number"] == [
        "Số 05 đã được dùng trong sổ văn bản KH năm 2023 của Xã Cao Lâu."
    ]
    assert not Campaign.objects.exists()
    assert RegisterEntry.objects.count() == 1


def test_a_free_number_is_recorded_in_the_register(client, tree, officer):
    client.post(
        "/campaigns/new/",
        with_issuer(
            post_data(number=7, issue_year=2023, issue_month=3, issue_day=10), tree.cao_lau
        ),
    )
    campaign = Campaign.objects.get()
    entry = RegisterEntry.objects.get()
    assert (entry.number, entry.object_id, entry.register.last_number) == (7, campaign.pk, 7)


def test_partial_date_needs_its_month_and_year(client, tree, officer):
    ctx = _refused(client, "/campaigns/new/", with_issuer(post_data(issue_day=5), tree.cao_lau))
    assert ctx["form"].errors["issue_month"]


@pytest.mark.parametrize(
    ("office", "issuer"), [("ban_tdkt", "province"), ("cao_lau", "cao_lau"), ("cao_loc", "cao_loc")]
)
def test_a_new_document_starts_with_the_unit_the_officer_works_for_as_issuer(
    client, tree, make_user, office, issuer
):
    """Before, the first issuer row was empty and required: the most common first refusal."""
    client.force_login(make_user(getattr(tree, office)))
    response = client.get("/campaigns/new/")
    issuers = next(fs for name, fs, _title in response.context["formset_list"] if name == "issuers")
    assert issuers.forms[0]["unit"].value() == getattr(tree, issuer).pk
    html = response.content.decode()
    assert f'<option value="{getattr(tree, issuer).pk}" selected>' in html


def test_an_edited_document_keeps_its_issuers(client, tree, officer):
    client.post("/campaigns/new/", with_issuer(post_data(), tree.cao_lau))
    campaign = Campaign.objects.get()
    response = client.get(f"/campaigns/{campaign.pk}/edit/")
    issuers = next(fs for name, fs, _title in response.context["formset_list"] if name == "issuers")
    assert [f["unit"].value() for f in issuers.forms] == [tree.cao_lau.pk]  # no second row
