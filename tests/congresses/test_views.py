import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Person
from congresses import services
from congresses.choices import DelegateCategory, EventForm
from tests.factories import OldCommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _urls(plan, event):
    return [
        reverse("congresses:plan_detail", args=[plan.pk]),
        reverse("congresses:board", args=[plan.pk]),
        reverse("congresses:event_detail", args=[event.pk]),
        reverse("congresses:event_meter", args=[event.pk]),
        reverse("congresses:delegates_pdf", args=[event.pk]),
    ]


def test_anonymous_is_sent_to_sign_in(client, plan, tree, event_of):
    for url in [reverse("congresses:plan_list"), *_urls(plan, event_of(tree.cao_lau))]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_event_outside_the_users_units_answers_404(client, plan, tree, officers, event_of):
    client.force_login(officers.xuat_le)
    event = event_of(tree.cao_lau)
    for url in _urls(plan, event)[2:]:
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("congresses:delegate_add", args=[event.pk]),
        {"category": "worker", "full_name": "A", "gender": "male"},
    )
    assert response.status_code == 404
    assert not event.delegates.exists()


def test_plan_of_another_province_answers_404(client, plan, tree, make_user):
    other_province = ProvinceFactory(name="Tỉnh Cao Bằng")
    stranger = make_user(OldCommuneFactory(name="Xã Khác", parent=other_province))
    client.force_login(stranger)
    assert client.get(reverse("congresses:plan_detail", args=[plan.pk])).status_code == 404
    assert list(client.get(reverse("congresses:plan_list")).context["plans"]) == []


def test_in_scope_pages_answer_200(client, plan, tree, officers, event_of):
    for user in [officers.cao_lau, officers.cao_loc, officers.province]:
        client.force_login(user)
        for url in _urls(plan, event_of(tree.cao_lau)):
            assert client.get(url).status_code == 200, (user, url)
    assert client.get(reverse("congresses:plan_pdf", args=[plan.pk]))["Content-Type"] == (
        "application/pdf"
    )


def test_only_the_issuers_officers_edit_the_plan(client, plan, officers):
    client.force_login(officers.cao_loc)
    assert client.get(reverse("congresses:agenda_edit", args=[plan.pk])).status_code == 403
    client.force_login(officers.province)
    response = client.post(
        reverse("congresses:agenda_edit", args=[plan.pk]),
        {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "1",
            "form-0-text": "Chào cờ.",
            "form-0-ORDER": "2",
            "form-1-text": "Tuyên bố lý do, giới thiệu đại biểu.",
            "form-1-ORDER": "1",
            "form-2-text": "",
            "form-2-ORDER": "",
        },
    )
    assert response.status_code == 302
    assert list(plan.agenda.values_list("text", flat=True)) == [
        "Tuyên bố lý do, giới thiệu đại biểu.",
        "Chào cờ.",
    ]


def test_level_rules_are_edited_with_messages_at_the_field(client, plan, officers):
    level = plan.levels.get(kind="district")
    client.force_login(officers.province)
    url = reverse("congresses:level_edit", args=[plan.pk, level.pk])
    data = {
        "deadline": "30/06/2020",
        "forms": ["congress", "exemplary_conference"],
        "duration": "1/2 ngày",
        "max_delegates": "250",
        "min_core_share": "170",
        "max_guest_share": "30",
        "heading": level.heading,
        "body": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["min_core_share"] == ["Tỷ lệ là phần trăm từ 0 đến 100."]
    data["min_core_share"] = "75"
    assert client.post(url, data).status_code == 302
    level.refresh_from_db()
    assert (level.max_delegates, level.min_core_share) == (250, 75)


def test_adding_a_delegate_by_htmx_refreshes_the_list_and_triggers_the_meter(
    client, plan, tree, officers, event_of
):
    event = event_of(tree.cao_loc)
    event.level.max_delegates = 1
    event.level.save()
    client.force_login(officers.cao_loc)
    url = reverse("congresses:delegate_add", args=[event.pk])
    data = {
        "category": "leader",
        "full_name": "Lộc Văn Hùng",
        "gender": "male",
        "ethnicity": "Tày",
        "birth_year": "1970",
        "position_title": "Chủ tịch UBND huyện",
        "unit_name": "Huyện Cao Lộc",
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "delegates-changed"
    assert "Lộc Văn Hùng" in response.content.decode()
    assert "<html" not in response.content.decode()
    response = client.post(url, {**data, "full_name": "Vi Thị Lan"}, **HTMX)
    assert "không thể thêm đại biểu thứ 2" in response.content.decode()
    assert event.delegates.count() == 1
    meter = client.get(reverse("congresses:event_meter", args=[event.pk])).content.decode()
    assert "1 / tối đa 1 đại biểu" in meter
    assert "Đại biểu khách mời và lãnh đạo chiếm 100 %" in meter


def test_a_bad_delegate_gets_a_message_at_the_field(client, plan, tree, officers, event_of):
    event = event_of(tree.cao_lau)
    client.force_login(officers.cao_lau)
    response = client.post(
        reverse("congresses:delegate_add", args=[event.pk]),
        {"category": "worker", "full_name": "", "gender": "male", "birth_year": "1850"},
    )
    assert response.status_code == 422
    errors = response.context["delegate_form"].errors
    assert "full_name" in errors
    assert errors["birth_year"][0].startswith("Nhập năm sinh từ")
    assert not event.delegates.exists()


def test_candidates_are_found_without_diacritics_and_added_from_the_register(
    client, plan, tree, officers, event_of
):
    person = Person.objects.create(
        full_name="Hoàng Thị Lợi",
        gender="female",
        ethnicity="Nùng",
        birth_year=1995,
        position="Nông dân",
        unit=tree.cao_lau,
    )
    Person.objects.create(full_name="Hoàng Thị Lợi", unit=tree.xuat_le)  # out of scope
    event = event_of(tree.cao_lau)
    client.force_login(officers.cao_lau)
    response = client.get(
        reverse("congresses:candidates", args=[event.pk]), {"q": "hoang thi loi"}, **HTMX
    )
    assert [c.person for c in response.context["candidates"]] == [person]
    response = client.post(
        reverse("congresses:delegate_pick", args=[event.pk]),
        {"person": person.pk, "category": DelegateCategory.FARMER},
        **HTMX,
    )
    assert response.status_code == 200
    delegate = event.delegates.get()
    assert (delegate.person, delegate.gender, delegate.ethnicity, delegate.birth_year) == (
        person,
        "female",
        "Nùng",
        1995,
    )
    assert delegate.unit_name == "Xã Cao Lâu"


def test_a_found_person_has_no_category_until_one_is_chosen(client, plan, tree, officers, event_of):
    """Before, the menu beside each person found started at "Công nhân": a commune adding its
    farmers by search recorded them as workers unless it changed every menu."""
    person = Person.objects.create(full_name="Lăng Văn Tâm", birth_year=1980, unit=tree.cao_lau)
    event = event_of(tree.cao_lau)
    client.force_login(officers.cao_lau)
    response = client.get(
        reverse("congresses:candidates", args=[event.pk]), {"q": "lang van tam"}, **HTMX
    )
    html = response.content.decode()
    assert (
        'name="category" class="form-select form-select-sm" aria-label="Thành phần" required>'
        in html
    )
    assert '<option value="" selected>Chọn thành phần…</option>' in html
    response = client.post(
        reverse("congresses:delegate_pick", args=[event.pk]), {"person": person.pk}, **HTMX
    )
    assert "Hãy chọn thành phần." in response.content.decode()
    assert not event.delegates.exists()


def test_on_a_phone_the_agenda_folds_and_each_delegate_is_a_block_with_labels(
    client, plan, tree, officers, event_of
):
    """The phone layout is markup the stylesheet acts on: the agenda also sits in a folded
    <details> shown below lg, and each delegate's row carries the name for the phone and a
    label on every short cell."""
    event = event_of(tree.cao_loc)
    services.delegate_add(
        event=event,
        actor=officers.cao_loc,
        category="leader",
        full_name="Lộc Văn Hùng",
        gender="male",
        ethnicity="Tày",
        birth_year=1970,
    )
    client.force_login(officers.cao_loc)
    html = client.get(reverse("congresses:event_detail", args=[event.pk])).content.decode()
    assert '<details class="d-lg-none mt-3">' in html
    assert f'<summary class="h6">Chương trình ({plan.agenda.count()})</summary>' in html
    assert '<table class="table table-sm align-middle small stack-table">' in html
    assert '1<span class="d-md-none">. <strong>Lộc Văn Hùng</strong></span>' in html
    assert '<td data-label="Dân tộc">Tày</td>' in html
    assert '<td data-label="Thành phần">Lãnh đạo' in html


def test_a_nominated_person_is_one_candidate_and_one_on_the_list_is_marked(
    client, plan, tree, officers, event_of
):
    """Before, a person of the register who was also nominated came twice (once per source),
    and a person already on the list still offered "Add"."""
    from awards.models import AwardForm
    from awards.seed import seed_award_catalogue
    from tests.nominations.factories import CampaignFactory, DossierFactory, EntryFactory

    seed_award_catalogue()
    form = AwardForm.objects.get(code="giay-khen-chu-tich-xa")
    campaign = CampaignFactory(issuer=tree.cao_lau, forms=["giay-khen-chu-tich-xa"])
    dossier = DossierFactory(campaign=campaign, proposing_unit=tree.cao_lau)
    nominated = Person.objects.create(full_name="Hoàng Văn Lợi", birth_year=1978, unit=tree.cao_lau)
    entry = EntryFactory(
        dossier=dossier, person=nominated, nominee_name=nominated.full_name, requested_form=form
    )
    picked = Person.objects.create(full_name="Hoàng Thị Hà", birth_year=1990, unit=tree.cao_lau)
    event = event_of(tree.cao_lau)
    services.delegate_add_person(
        event=event, actor=officers.cao_lau, person=picked, category=DelegateCategory.FARMER
    )
    client.force_login(officers.cao_lau)
    url = reverse("congresses:candidates", args=[event.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"q": "hoang"}, **HTMX)
    found = {c.person.full_name: c for c in response.context["candidates"]}
    assert sorted(found) == ["Hoàng Thị Hà", "Hoàng Văn Lợi"]
    assert (found["Hoàng Văn Lợi"].entry, found["Hoàng Văn Lợi"].on_list) == (entry, False)
    assert (found["Hoàng Thị Hà"].entry, found["Hoàng Thị Hà"].on_list) == (None, True)
    html = response.content.decode()
    assert html.count('name="entry"') == 1
    assert html.count('name="person"') == 0
    assert "Đã có trong danh sách" in html
    # Session, user, the user's units (two), the event, then people, entries and the people
    # already on the list.
    assert len(ctx.captured_queries) == 8
    # Picking the nominee links the delegate to the person and the entry.
    client.post(
        reverse("congresses:delegate_pick", args=[event.pk]),
        {"entry": entry.pk, "category": DelegateCategory.GOOD_EXAMPLE},
        **HTMX,
    )
    delegate = event.delegates.get(person=nominated)
    assert delegate.entry == entry
    found = {
        c.person.full_name: c for c in client.get(url, {"q": "hoang"}, **HTMX).context["candidates"]
    }
    assert found["Hoàng Văn Lợi"].on_list


def test_confirming_a_list_that_breaks_the_rule_shows_why(client, plan, tree, officers, event_of):
    event = event_of(tree.cao_lau)
    services.delegate_add(
        event=event, actor=officers.cao_lau, category="guest", full_name="Khách", gender="male"
    )
    client.force_login(officers.cao_lau)
    response = client.post(reverse("congresses:list_confirm", args=[event.pk]), follow=True)
    assert "kế hoạch yêu cầu ít nhất 70 %" in response.content.decode()


def _fill(plan, officers, tree, n):
    """Record n more commune-level events as held, with delegates."""
    from congresses.models import CongressEvent

    communes = [OldCommuneFactory(parent=tree.cao_loc) for _ in range(n)]
    services.plan_generate_events(plan=plan)
    for commune in communes:
        event = CongressEvent.objects.select_related("level", "plan").get(plan=plan, unit=commune)
        services.event_record_held(
            event=event,
            actor=officers.province,
            held_on=datetime.date(2020, 3, 1),
            form=EventForm.CONGRESS,
        )
        for i in range(3):
            services.delegate_add(
                event=event,
                actor=officers.province,
                category="worker",
                full_name=f"Đại biểu {i}",
                gender="female",
            )


@pytest.mark.parametrize(
    "url_name", ["congresses:plan_list", "congresses:plan_detail", "congresses:board"]
)
def test_list_pages_do_not_grow_in_queries(
    client, plan, tree, officers, url_name, django_assert_num_queries
):
    url = reverse(url_name) if url_name.endswith("list") else reverse(url_name, args=[plan.pk])
    client.force_login(officers.province)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    queries = len(few)
    _fill(plan, officers, tree, 5)
    client.force_login(officers.province)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    assert queries <= 15


def test_event_page_does_not_grow_in_queries(
    client, plan, tree, officers, event_of, django_assert_num_queries
):
    event = event_of(tree.cao_loc)
    client.force_login(officers.cao_loc)
    url = reverse("congresses:event_detail", args=[event.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    queries = len(few)
    for i in range(6):
        services.delegate_add(
            event=event,
            actor=officers.cao_loc,
            category="worker",
            full_name=f"A {i}",
            gender="male",
        )
    _fill(plan, officers, tree, 2)
    for child in event.children.select_related("level", "plan"):
        if child.held_on and child.delegates.exists():
            services.delegate_send_upward(
                delegate=child.delegates.first(), actor=officers.province, sent=True
            )
            services.event_upward_approve(event=child, actor=officers.province)
    client.force_login(officers.cao_loc)
    # the delegates of the incoming lists are prefetched only once there are some
    with django_assert_num_queries(queries + 1):
        response = client.get(url)
    assert len(response.context["incoming"]) == 2
    assert len(response.context["delegates"]) == 6


def test_board_groups_by_cluster_and_parent_and_filters_by_state(
    client, plan, tree, officers, event_of
):
    from campaigns.models import Cluster

    cluster = Cluster.objects.create(name="Khối các huyện, thành phố", year=2019)
    cluster.members.add(tree.cao_loc, tree.city)
    services.event_record_held(
        event=event_of(tree.cao_lau),
        actor=officers.cao_lau,
        held_on=datetime.date(2020, 3, 15),
        form=EventForm.HONOUR_EXEMPLARY,
    )
    client.force_login(officers.province)
    url = reverse("congresses:board", args=[plan.pk])
    response = client.get(url, {"as_of": "01/04/2020"})
    rows = {(r["level__kind"], r["group"]): r for r in response.context["summary"]}
    assert rows[("base", "Huyện Cao Lộc")]["on_time"] == 1
    assert rows[("base", "Huyện Cao Lộc")]["overdue"] == 1
    assert rows[("district", "Khối các huyện, thành phố")]["pending"] == 2
    overdue = client.get(url, {"as_of": "01/04/2020", "state": "overdue"}).context["events"]
    assert {e.unit for e in overdue} == {tree.xuat_le, tree.hoang_dong}
    before = client.get(url, {"as_of": "01/03/2020", "state": "pending"}).context["events"]
    assert tree.cao_lau in {e.unit for e in before}


def test_the_district_puts_a_received_list_on_its_own_from_its_page(
    client, plan, tree, officers, event_of
):
    commune, district = event_of(tree.cao_lau), event_of(tree.cao_loc)
    services.delegate_add(
        event=commune,
        actor=officers.cao_lau,
        category=DelegateCategory.FARMER,
        full_name="Hoàng Thị Lợi",
        gender="female",
    )
    services.delegate_send_upward(
        delegate=commune.delegates.get(), actor=officers.cao_lau, sent=True
    )
    services.event_record_held(
        event=commune, actor=officers.cao_lau, held_on=datetime.date(2020, 3, 20), form="congress"
    )
    services.event_upward_approve(event=commune, actor=officers.cao_lau_leader)
    client.force_login(officers.cao_loc)
    page = client.get(reverse("congresses:event_detail", args=[district.pk])).content.decode()
    take = reverse("congresses:incoming_take", args=[district.pk, commune.pk])
    assert f'action="{take}"' in page
    response = client.post(take, follow=True)
    assert "Đã thêm 1 đại biểu của Xã Cao Lâu vào danh sách." in response.content.decode()
    response = client.post(take, follow=True)
    assert "Đã có trong danh sách nên không thêm lại: Hoàng Thị Lợi." in response.content.decode()
    assert list(district.delegates.values_list("full_name", flat=True)) == ["Hoàng Thị Lợi"]
    # The city's event is outside the district officer's units.
    assert (
        client.post(
            reverse("congresses:incoming_take", args=[event_of(tree.city).pk, commune.pk])
        ).status_code
        == 404
    )


def test_an_event_page_links_the_congress_above_only_to_who_may_open_it(
    client, tree, officers, event_of
):
    """A commune's page names the district's congress it sends delegates to; only those who
    may open that page get a link to it (before, a commune's officer got a 404 link)."""
    commune, district = event_of(tree.cao_lau), event_of(tree.cao_loc)
    url = reverse("congresses:event_detail", args=[commune.pk])
    link = f'href="{district.get_absolute_url()}"'
    client.force_login(officers.cao_lau)
    html = client.get(url).content.decode()
    assert "Huyện Cao Lộc" in html
    assert link not in html
    assert client.get(district.get_absolute_url()).status_code == 404
    client.force_login(officers.cao_loc)
    assert link in client.get(url).content.decode()
