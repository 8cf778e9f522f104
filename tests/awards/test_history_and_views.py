import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from awards.choices import SubjectKind
from awards.models import Award, Person, mask_citizen_id
from awards.selectors import legal_bases_in_force, unit_history
from tests.awards.conftest import AwardFactory, PersonFactory


@pytest.fixture
def history(tree, catalogue):
    form = catalogue["giay-khen-chu-tich-huyen"]
    old = AwardFactory(
        subject_kind=SubjectKind.COLLECTIVE,
        person=None,
        unit=tree.cao_lau,
        recipient_name="Xã Cao Lâu",
        form=form,
        decision_date=datetime.date(2023, 6, 20),
    )
    new = AwardFactory(
        person__unit=tree.ba_son,
        person__full_name="Nông Thị Lan",
        form=catalogue["giay-khen-chu-tich-xa"],
        decision_date=datetime.date(2025, 9, 2),
    )
    elsewhere = AwardFactory(person__unit=tree.hoang_dong, form=form)
    return old, new, elsewhere


def test_merged_communes_past_awards_show_under_its_successor(tree, history):
    old, new, elsewhere = history
    assert set(unit_history(unit=tree.ba_son)) == {old, new}
    assert list(unit_history(unit=tree.cao_lau)) == [old]
    assert elsewhere not in unit_history(unit=tree.ba_son)


def test_legal_bases_in_force_follow_the_decree_in_force(catalogue):
    before = [
        b.number for b in legal_bases_in_force(on=datetime.date(2024, 12, 1), cited_only=True)
    ]
    after = [b.number for b in legal_bases_in_force(on=datetime.date(2026, 1, 5), cited_only=True)]
    assert before == ["77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"]
    assert after == ["72/2025/QH15", "06/2022/QH15", "152/2025/NĐ-CP", "15/2025/TT-BNV"]


def test_citizen_id_is_masked():
    assert mask_citizen_id("020185000123") == "0xx xxx xxx 123"
    assert mask_citizen_id("") == ""


# -- pages -------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, tree, history):
    for url in (
        reverse("awards:register"),
        reverse("awards:unit_history", args=[tree.ba_son.pk]),
        reverse("awards:person_history", args=[history[1].person_id]),
        reverse("awards:import"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_unit_history_page_shows_the_predecessors_awards(client, tree, history, make_user):
    client.force_login(make_user(tree.ba_son))
    response = client.get(reverse("awards:unit_history", args=[tree.ba_son.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Xã Cao Lâu" in body
    assert "Nông Thị Lan" in body


def test_out_of_scope_unit_and_person_answer_404(client, tree, history, make_user):
    client.force_login(make_user(tree.dong_kinh))
    assert client.get(reverse("awards:unit_history", args=[tree.ba_son.pk])).status_code == 404
    url = reverse("awards:person_history", args=[history[1].person_id])
    assert client.get(url).status_code == 404


def test_person_page_in_scope_masks_the_citizen_id(client, tree, make_user):
    person = PersonFactory(unit=tree.ba_son, citizen_id="020185000123")
    client.force_login(make_user(tree.ba_son))
    response = client.get(reverse("awards:person_history", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "0xx xxx xxx 123" in body
    assert "020185000123" not in body


def test_register_is_scoped_and_searches_without_diacritics(client, tree, history, make_user):
    client.force_login(make_user(tree.ba_son))
    response = client.get(reverse("awards:register"), {"q": "nong thi lan"})
    assert response.status_code == 200
    assert [a.pk for a in response.context["object_list"]] == [history[1].pk]
    response = client.get(reverse("awards:register"))
    shown = {a.pk for a in response.context["object_list"]}
    assert shown == {history[0].pk, history[1].pk}


def test_register_query_count_does_not_grow_with_rows(
    client, tree, catalogue, make_user, django_assert_num_queries
):
    user = make_user(tree.province)
    client.force_login(user)
    form = catalogue["giay-khen-chu-tich-xa"]
    AwardFactory.create_batch(3, person__unit=tree.ba_son, form=form)
    client.get(reverse("awards:register"))  # warm the session and the user's roles
    with django_assert_num_queries(5) as ctx:
        client.get(reverse("awards:register"))
    AwardFactory.create_batch(10, person__unit=tree.dong_kinh, form=form)
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(reverse("awards:register"))
    assert len(response.context["object_list"]) == 13


def test_unit_history_query_count_does_not_grow_with_rows(
    client, tree, catalogue, make_user, django_assert_num_queries
):
    client.force_login(make_user(tree.ba_son))
    form = catalogue["giay-khen-chu-tich-xa"]
    AwardFactory.create_batch(2, person__unit=tree.cao_lau, form=form)
    url = reverse("awards:unit_history", args=[tree.ba_son.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    AwardFactory.create_batch(8, person__unit=tree.xuat_le, form=form)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 10


def test_import_page_is_for_officers(client, tree, make_user):
    client.force_login(make_user(tree.ba_son, Role.LEADER))
    assert client.get(reverse("awards:import")).status_code == 403
    client.force_login(make_user(tree.ba_son, Role.OFFICER))
    assert client.get(reverse("awards:import")).status_code == 200
    response = client.get(reverse("awards:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_preview_then_confirm(client, tree, catalogue, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from awards.resources import template_workbook

    client.force_login(make_user(tree.cao_loc, Role.OFFICER))
    upload = SimpleUploadedFile("khen.xlsx", template_workbook())
    response = client.post(reverse("awards:import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["report"].ok
    assert Award.objects.count() == 0
    response = client.post(reverse("awards:import"), {"confirm": "1"})
    assert response.status_code == 302
    assert Award.objects.count() == 1
    assert Person.objects.count() == 1


def test_import_page_lists_row_errors_in_vietnamese(client, tree, catalogue, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.awards.test_import import row, xlsx

    client.force_login(make_user(tree.cao_loc, Role.OFFICER))
    data = xlsx(row(), row(birth_year="năm 80"))
    response = client.post(
        reverse("awards:import"), {"file": SimpleUploadedFile("khen.xlsx", data)}
    )
    body = response.content.decode()
    assert "1 lỗi: chưa nhập dòng nào." in body
    assert "Dòng 3, cột &quot;Năm sinh&quot;: Không phải năm từ 1900 đến" in body
    assert "Ghi các khen thưởng này vào sổ" not in body
    assert Award.objects.count() == 0


def test_register_prints_amounts_with_vietnamese_thousands(client, tree, catalogue, make_user):
    AwardFactory(person__unit=tree.cao_lau, form=catalogue["giay-khen-chu-tich-xa"], amount=710000)
    client.force_login(make_user(tree.cao_lau))
    page = client.get(reverse("awards:register")).content.decode()
    assert "710.000" in page
    assert "710000" not in page


def test_selects_offer_a_vietnamese_empty_choice(client, tree, catalogue, make_campaign, make_user):
    # Django 6's "- Select an option -" has no Vietnamese in Django's own catalogue.
    client.force_login(make_user(tree.cao_lau))
    campaign = make_campaign(tree.cao_lau)
    for url in (reverse("awards:campaign_awards_edit", args=[campaign.pk]), "/campaigns/new/"):
        page = client.get(url).content.decode()
        assert "- Chọn -" in page
        assert "Select an option" not in page
