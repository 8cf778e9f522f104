"""The staff pages that create and edit a congress plan: permissions, seed 004's defaults,
messages at the field, pilot units and duties as rows, publishing in the KH register, and the
printed text of a level that follows its deadline and cap."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.choices import Role
from campaigns.models import Cluster, RegisterEntry
from congresses import services
from congresses.choices import CongressLevelKind
from congresses.models import CongressEvent, CongressPlan
from tests.documents.test_error_summary import summary_heading, summary_of
from tests.factories import DistrictFactory, OldCommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NEW = reverse("congresses:plan_create")
NEXT_YEAR = datetime.date.today().year + 1


def _page_data(response) -> dict:
    """What a browser sends back for the page as shown: every field with its value."""
    ctx = response.context
    data, forms = {}, [ctx["form"]]
    for _name, formset, _title in ctx["formset_list"]:
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.field.prepare_value(bound.value())
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is None:
                data[bound.html_name] = ""
            else:
                data[bound.html_name] = bound.field.widget.format_value(value) or ""
    return data


def _formsets(response) -> dict:
    return {name: formset for name, formset, _title in response.context["formset_list"]}


def _rows(data: dict, prefix: str) -> int:
    return int(data[f"{prefix}-TOTAL_FORMS"])


def _add_row(data: dict, prefix: str, **values) -> None:
    index = _rows(data, prefix)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def _level_index(data: dict, kind: str) -> int:
    """The row of a level: seed 004's order, which is also the order of their deadlines."""
    return ["base", "district", "province"].index(kind)


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def create_plan(client, officers):
    """Create a plan through the new page as the provincial officer, with seed 004's values."""

    def create(title="Tổ chức Đại hội Thi đua yêu nước tỉnh lần thứ VI", **changes):
        client.force_login(officers.province)
        data = _page_data(client.get(NEW))
        data["title"] = title
        data["tree_on"] = "31/12/2019"  # the units of the test tree are those of 2019
        data.update(changes)
        response = client.post(NEW, data)
        assert response.status_code == 302, response.context and response.context["form"].errors
        return CongressPlan.objects.get(title=title)

    return create


# -- who may open the pages ----------------------------------------------------------------------


def test_new_plan_page_sends_anonymous_to_sign_in(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_new_plan_page_answers_404_to_units_below_the_province_and_to_non_officers(
    client, tree, officers, make_user
):
    for user in [
        officers.cao_loc,  # a district officer: no province in their units
        officers.cao_lau,  # a commune officer
        make_user(tree.ban_tdkt, Role.LEADER),  # provincial, but not an officer
        make_user(tree.ban_tdkt, Role.COUNCIL_MEMBER),
    ]:
        client.force_login(user)
        assert client.get(NEW).status_code == 404, user
        assert client.post(NEW, {"title": "X"}).status_code == 404, user
    assert not CongressPlan.objects.exclude(pk__in=[]).filter(title="X").exists()


def test_new_plan_page_is_prefilled_with_seed_004(client, tree, officers):
    client.force_login(officers.province)
    response = client.get(NEW)
    assert response.status_code == 200
    levels = response.context["formset_list"][0][1]
    by_kind = {f.initial["kind"]: f.initial for f in levels.forms}
    assert by_kind[CongressLevelKind.DISTRICT]["max_delegates"] == 300
    assert by_kind[CongressLevelKind.PROVINCE]["max_delegates"] == 500
    assert by_kind[CongressLevelKind.BASE]["deadline"] == datetime.date(NEXT_YEAR, 3, 31)
    assert by_kind[CongressLevelKind.BASE]["min_core_share"] == 70
    assert len(by_kind[CongressLevelKind.BASE]["forms"]) == 4
    agenda = _formsets(response)["agenda"]
    assert len(agenda.forms) == 10
    assert agenda.forms[-1].initial["text"] == "Bế mạc."
    assert response.context["form"].initial["issuer"] == tree.province
    html = response.content.decode()
    assert "KH – KẾ HOẠCH" in html
    assert "Thông qua danh sách đại biểu đi dự Đại hội cấp trên." in html
    assert 'style="' not in html
    assert "<script>" not in html


def test_list_offers_the_new_page_only_to_those_who_may_create(client, officers):
    client.force_login(officers.province)
    assert NEW in client.get(reverse("congresses:plan_list")).content.decode()
    client.force_login(officers.cao_loc)
    assert NEW not in client.get(reverse("congresses:plan_list")).content.decode()


# -- creating, publishing, generating ------------------------------------------------------------


def test_a_plan_created_through_the_page_has_seed_004s_levels_and_agenda(
    create_plan, tree, officers
):
    plan = create_plan()
    assert plan.issuer == tree.province
    assert not plan.is_published
    assert plan.number is None
    assert plan.issuer_header == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"  # from the issuer
    levels = {level.kind: level for level in plan.levels.all()}
    assert levels[CongressLevelKind.DISTRICT].max_delegates == 300
    assert levels[CongressLevelKind.DISTRICT].deadline_text == f"quý II/{NEXT_YEAR}"
    assert levels[CongressLevelKind.BASE].forms == [
        "honour_exemplary",
        "honour_good_deeds",
        "honour_workers",
        "congress",
    ]
    assert plan.agenda.count() == 10
    assert plan.sections.filter(part="pilots").exists()
    assert not plan.events.exists()


def test_publishing_numbers_the_plan_in_the_issuers_kh_register_then_events_follow(
    client, create_plan, tree, officers
):
    plan = create_plan()
    # A draft has no number yet: the page names it by its year, not by a blank number.
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"Kế hoạch năm {plan.issue_year}" in page
    assert "/KH-UBND" not in page.split("</h1>")[0]
    generate = reverse("congresses:plan_generate", args=[plan.pk])
    response = client.post(generate, follow=True)
    assert "Hãy ban hành kế hoạch trước khi tạo hội nghị, đại hội của các đơn vị." in (
        response.content.decode()
    )
    assert not plan.events.exists()

    client.post(reverse("congresses:plan_publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.is_published
    assert plan.published_by == officers.province
    assert plan.issue_date == datetime.date.today()
    entry = RegisterEntry.objects.get(object_type="congresses.congressplan", object_id=plan.pk)
    assert (entry.register.unit, entry.register.doc_type.abbreviation) == (tree.province, "KH")
    assert plan.number == entry.number
    heading = f"Kế hoạch {plan.number:02d}/KH-UBND"
    assert heading in client.get(plan.get_absolute_url()).content.decode()
    second = create_plan(title="Kế hoạch thứ hai")
    services.plan_publish(plan=second, actor=officers.province)
    second.refresh_from_db()
    assert second.number == plan.number + 1
    response = client.post(reverse("congresses:plan_publish", args=[plan.pk]), follow=True)
    assert "Kế hoạch đã được ban hành." in response.content.decode()

    client.post(generate)
    assert plan.events.filter(unit=tree.cao_lau, level__kind="base").exists()
    assert plan.events.get(unit=tree.province).level.kind == CongressLevelKind.PROVINCE


def test_bad_input_gets_a_vietnamese_message_at_the_field_and_nothing_is_saved(
    client, tree, officers
):
    client.force_login(officers.province)
    data = _page_data(client.get(NEW))
    base, district = _level_index(data, "base"), _level_index(data, "district")
    data.update(
        {
            "title": "",
            "young_age": "90",
            f"levels-{base}-deadline": "31/13/2027",
            f"levels-{district}-min_core_share": "170",
            f"levels-{district}-forms": [],
            f"levels-{district}-body": "+ Mỗi đơn vị cử không quá 250 đại biểu.",
        }
    )
    response = client.post(NEW, data)
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["title"] == ["Trường này là bắt buộc."]
    assert form.errors["young_age"] == ["Nhập tuổi từ 16 đến 45."]
    levels = response.context["formset_list"][0][1]
    assert levels.forms[base].errors["deadline"] == ["Nhập ngày hợp lệ."]
    district_errors = levels.forms[district].errors
    assert district_errors["min_core_share"] == ["Tỷ lệ là phần trăm từ 0 đến 100."]
    assert district_errors["forms"] == ["Chọn ít nhất một hình thức."]
    assert district_errors["body"][0].startswith("Thời hạn và số đại biểu được in từ các ô ở trên")
    assert "“250 đại biểu”" in district_errors["body"][0]
    # Said at the top of the page, with a link to each error and the row it is in.
    links = summary_of(response)
    assert summary_heading(response) == f"Chưa lưu được. Xin sửa {len(links)} lỗi sau:"
    assert links["Trích yếu"] == "id_title"
    levels = "Các cấp: hình thức, thời hạn và cơ cấu đại biểu"
    assert links[f"{levels}, dòng {base + 1} › Thời hạn"] == f"id_levels-{base}-deadline"
    # A list of checkboxes: its first box.
    boxes = f"{levels}, dòng {district + 1} › Các hình thức được chọn"
    assert links[boxes] == f"id_levels-{district}-forms_0"
    assert not CongressPlan.objects.exists()


def test_the_text_may_not_state_other_shares_than_the_rules(client, tree, officers):
    client.force_login(officers.province)
    data = _page_data(client.get(NEW))
    base = _level_index(data, "base")
    data["title"] = "Kế hoạch"
    data[f"levels-{base}-min_core_share"] = "60"
    data[f"levels-{base}-max_guest_share"] = "40"
    response = client.post(NEW, data)
    assert response.status_code == 422
    errors = response.context["formset_list"][0][1].forms[base].errors["body"]
    assert errors == [
        "Nội dung ghi 30, 70 %, nhưng quy định ở trên là 60 % và 40 %: hãy sửa cho khớp."
    ]
    assert not CongressPlan.objects.exists()


def test_the_same_pilot_unit_twice_is_refused_and_nothing_is_saved(client, tree, officers):
    client.force_login(officers.province)
    data = _page_data(client.get(NEW))
    data["title"] = "Kế hoạch"
    for _ in range(2):
        _add_row(data, "pilots", unit=tree.cao_loc.pk, follower_title="Giám đốc Sở Nội vụ")
    response = client.post(NEW, data)
    assert response.status_code == 422
    pilots = _formsets(response)["pilots"]
    assert "Hai dòng trùng nhau; hãy giữ một dòng." in str(pilots.non_form_errors()) + str(
        pilots.errors
    )
    # The summary at the top names the part and the second row; nothing says "below".
    html = response.content.decode()
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index('id="error-summary"'))
    ]
    assert summary.count("Hai dòng trùng nhau; hãy giữ một dòng.") == 2  # the part, row 2
    assert "dưới đây" not in summary
    assert not CongressPlan.objects.exists()


# -- editing: pilot units and duties, levels -----------------------------------------------------


def test_edit_page_answers_404_out_of_scope_and_403_to_units_below(
    client, create_plan, officers, make_user
):
    plan = create_plan()
    services.plan_publish(plan=plan, actor=officers.province)
    services.plan_generate_events(plan=plan, actor=officers.province)
    url = reverse("congresses:plan_update", args=[plan.pk])
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))
    other_province = ProvinceFactory(name="Tỉnh Cao Bằng")
    stranger = make_user(OldCommuneFactory(name="Xã Khác", parent=other_province), Role.OFFICER)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "X"}).status_code == 404
    client.force_login(officers.cao_loc)  # sees the plan through its event, may not edit it
    assert client.get(url).status_code == 403
    client.force_login(officers.province)
    assert client.get(url).status_code == 200


def test_a_new_row_comes_by_htmx_with_its_counter(client, officers):
    client.force_login(officers.province)
    url = reverse("congresses:plan_row", args=["pilots"])
    assert client.get(url, {"index": "2"}).status_code == 404  # not htmx
    assert client.get(reverse("congresses:plan_row", args=["nope"]), **HTMX).status_code == 404
    html = client.get(url, {"index": "2"}, **HTMX).content.decode()
    assert 'name="pilots-2-unit"' in html
    assert 'name="pilots-TOTAL_FORMS" id="id_pilots-TOTAL_FORMS" value="3" hx-swap-oob="true"' in (
        html
    )
    assert "index=3" in html  # the add button now asks for the next row
    assert "<html" not in html
    client.force_login(officers.cao_loc)
    assert client.get(url, {"index": "0"}, **HTMX).status_code == 404


def test_pilot_units_and_duties_are_added_and_removed_on_the_edit_page(
    client, create_plan, tree, officers
):
    plan = create_plan()
    cluster = Cluster.objects.create(name="Khối các huyện, thành phố", year=NEXT_YEAR - 1)
    url = reverse("congresses:plan_update", args=[plan.pk])
    data = _page_data(client.get(url))
    _add_row(
        data,
        "pilots",
        cluster=cluster.pk,
        unit=tree.cao_loc.pk,
        unit_label="huyện Cao Lộc",
        follower_title="Giám đốc Sở Văn hoá, Thể thao và Du lịch",
        follower_role="thành viên Hội đồng TĐKT tỉnh",
    )
    _add_row(
        data,
        "duties",
        heading="Sở Tài chính",
        unit="",
        body="Hướng dẫn dự trù kinh phí tổ chức Đại hội.",
        due_by="30/11/2026",
    )
    assert client.post(url, data).status_code == 302
    pilot = plan.pilots.get()
    assert (pilot.cluster, pilot.unit, pilot.label) == (cluster, tree.cao_loc, "huyện Cao Lộc")
    assert pilot.sentence == (
        "Khối các huyện, thành phố: Chọn huyện Cao Lộc, do Giám đốc Sở Văn hoá, Thể thao và Du "
        "lịch, thành viên Hội đồng TĐKT tỉnh theo dõi, chỉ đạo."
    )
    assert plan.duties.get().due_by == datetime.date(2026, 11, 30)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "huyện Cao Lộc" in page
    assert "Sở Tài chính" in page

    data = _page_data(client.get(url))
    data["pilots-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not plan.pilots.exists()
    assert plan.duties.count() == 1


def test_a_pilot_unit_outside_the_users_units_is_refused_at_the_field(tree, officers):
    from congresses.forms import PilotRowForm

    other = DistrictFactory(name="Huyện Ngoài Tỉnh", parent=None)
    data = {"unit": other.pk, "follower_title": "Giám đốc", "follower_role": ""}
    form = PilotRowForm(data, user=officers.cao_loc)
    assert not form.is_valid()
    assert form.errors["unit"] == ["Đơn vị này ở ngoài các đơn vị của bạn."]
    assert PilotRowForm(data, user=officers.province).is_valid()


def test_removing_a_level_with_events_is_refused_and_nothing_is_saved(
    client, create_plan, officers
):
    plan = create_plan()
    services.plan_publish(plan=plan, actor=officers.province)
    services.plan_generate_events(plan=plan, actor=officers.province)
    url = reverse("congresses:plan_update", args=[plan.pk])
    data = _page_data(client.get(url))
    data[f"levels-{_level_index(data, 'base')}-DELETE"] = "on"
    data["signer_name"] = "Tên mới"
    response = client.post(url, data)
    assert response.status_code == 422
    levels = response.context["formset_list"][0][1]
    assert "đã có hội nghị, đại hội của các đơn vị" in str(levels.non_form_errors())
    plan.refresh_from_db()
    assert plan.levels.count() == 3
    assert plan.signer_name != "Tên mới"


# -- the printed text follows the fields ---------------------------------------------------------


def test_the_pdf_of_a_plan_made_on_the_page_holds_its_title_and_deadlines(
    client, create_plan, officers
):
    plan = create_plan(title="Tổ chức Đại hội Thi đua yêu nước\ntỉnh Lạng Sơn lần thứ VI")
    text = _pdf_text(client.get(reverse("congresses:plan_pdf", args=[plan.pk])).content)
    for expected in [
        "KẾ HOẠCH",
        "Tổ chức Đại hội Thi đua yêu nước tỉnh Lạng Sơn lần thứ VI",
        f"1/2 ngày, hoàn thành trong quý I/{NEXT_YEAR}",
        f"1/2 ngày, hoàn thành trong quý II/{NEXT_YEAR}",
        f"01 buổi, trong tháng 8/{NEXT_YEAR}",
        "không quá 300 đại biểu",
        "không quá 500 đại biểu",
        "Thông qua danh sách đại biểu đi dự Đại hội cấp trên",
    ]:
        assert expected in text, expected


def test_a_changed_deadline_and_cap_change_the_printed_text_and_the_events(
    client, create_plan, tree, officers
):
    plan = create_plan()
    services.plan_publish(plan=plan, actor=officers.province)
    services.plan_generate_events(plan=plan, actor=officers.province)
    url = reverse("congresses:plan_update", args=[plan.pk])
    data = _page_data(client.get(url))
    district = _level_index(data, "district")
    data[f"levels-{district}-deadline"] = f"15/05/{NEXT_YEAR}"
    data[f"levels-{district}-max_delegates"] = "250"
    response = client.post(url, data)
    assert response.status_code == 302, [
        fs.errors for _n, fs, _t in response.context["formset_list"]
    ]
    assert CongressEvent.objects.get(plan=plan, unit=tree.cao_loc).deadline == datetime.date(
        NEXT_YEAR, 5, 15
    )
    text = _pdf_text(client.get(reverse("congresses:plan_pdf", args=[plan.pk])).content)
    assert f"hoàn thành chậm nhất ngày 15/5/{NEXT_YEAR}" in text
    assert "không quá 250 đại biểu" in text
    assert "300 đại biểu" not in text
    assert f"quý II/{NEXT_YEAR}" not in text
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "không quá 250 đại biểu" in page  # the printed text shown on the plan's page


def test_a_level_without_cap_prints_no_number(client, create_plan):
    plan = create_plan()
    level = plan.levels.get(kind=CongressLevelKind.BASE)
    assert level.rule_paragraphs == [
        "- Hình thức: Tổ chức “Hội nghị biểu dương điển hình tiên tiến”, “Hội nghị biểu dương "
        "người tốt, việc tốt”, “Hội nghị biểu dương những người lao động giỏi, lao động sáng "
        "tạo” hoặc “Đại hội Thi đua yêu nước” (hình thức cụ thể do đơn vị lựa chọn, quyết "
        "định).",
        f"- Thời gian: 1/2 ngày, hoàn thành trong quý I/{NEXT_YEAR}.",
        "- Thành phần, số lượng đại biểu:",
    ]


def test_a_level_offering_fewer_forms_refuses_the_others_when_recorded(
    client, create_plan, tree, officers
):
    from django.core.exceptions import ValidationError

    from congresses.choices import EventForm

    plan = create_plan()
    url = reverse("congresses:plan_update", args=[plan.pk])
    data = _page_data(client.get(url))
    data[f"levels-{_level_index(data, 'base')}-forms"] = ["congress"]
    assert client.post(url, data).status_code == 302
    services.plan_publish(plan=plan, actor=officers.province)
    services.plan_generate_events(plan=plan, actor=officers.province)
    event = plan.events.select_related("level", "plan").get(unit=tree.cao_lau)
    with pytest.raises(ValidationError):
        services.event_record_held(
            event=event,
            actor=officers.cao_lau,
            held_on=datetime.date(2020, 3, 1),
            form=EventForm.HONOUR_EXEMPLARY,
        )
    choices = client.get(event.get_absolute_url()).context["record_form"].fields["form"].choices
    assert [value for value, _label in choices] == ["congress"]


# -- queries -------------------------------------------------------------------------------------


def test_new_page_queries_are_few(client, officers, django_assert_max_num_queries):
    client.force_login(officers.province)
    with django_assert_max_num_queries(12):
        assert client.get(NEW).status_code == 200


def test_edit_page_does_not_grow_in_queries_with_its_rows(
    client, create_plan, tree, officers, django_assert_num_queries
):
    plan = create_plan()
    url = reverse("congresses:plan_update", args=[plan.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    queries = len(few)
    units = [tree.cao_loc, tree.city, tree.cao_lau, tree.xuat_le, tree.hoang_dong]
    for i, unit in enumerate(units):
        plan.pilots.create(unit=unit, follower_title=f"Giám đốc {i}", position=i)
        plan.duties.create(heading=f"Sở {i}", body="Làm.", unit=unit, position=i)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert len(_formsets(response)["pilots"]) == 5
    assert queries <= 16


def test_a_blank_row_sent_back_is_no_row(client, tree, officers):
    """A row the page removed comes back blank after an error; its emptied default (the
    follower's role) does not make it a row to fill."""
    client.force_login(officers.province)
    data = _page_data(client.get(NEW))
    data["title"] = "Kế hoạch"
    _add_row(data, "pilots", unit="", follower_title="", follower_role="", cluster="")
    assert client.post(NEW, data).status_code == 302
    assert not CongressPlan.objects.get(title="Kế hoạch").pilots.exists()
