import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from accounts.models import LoginFailure
from campaigns.models import Unit

LIST = reverse("admin:admin_logentry_changelist")


@pytest.fixture
def superuser(tree, make_user):
    return make_user(
        tree.ban_tdkt, Role.ADMIN, username="quantri", is_staff=True, is_superuser=True
    )


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def change_form_data(response) -> dict:
    """The POST data an unchanged submit of an admin change form would send."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def change_unit_in_admin(client, unit, **changes):
    url = reverse("admin:campaigns_unit_change", args=[unit.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def log_entry(user, unit, flag):
    return LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[unit], action_flag=flag, change_message="", single_object=True
    )


def test_changing_a_unit_in_the_admin_writes_an_audit_entry(admin_client_, tree, superuser):
    change_unit_in_admin(admin_client_, tree.cao_lau, name="Xã Cao Lâu mới")
    entry = LogEntry.objects.get()
    assert entry.user == superuser
    assert entry.action_flag == CHANGE
    assert entry.object_repr == "Xã Cao Lâu mới"
    assert entry.content_type == ContentType.objects.get_for_model(Unit)


def test_audit_list_shows_the_change_in_vietnamese(admin_client_, tree):
    change_unit_in_admin(admin_client_, tree.cao_lau, name="Xã Cao Lâu mới")
    html = admin_client_.get(LIST).content.decode()
    assert "Xã Cao Lâu mới" in html
    assert "quantri" in html or "Nguyễn Văn A" in html
    assert "Đã thay đổi" in html  # the translated change message and action
    assert reverse("admin:campaigns_unit_change", args=[tree.cao_lau.pk]) in html


def test_audit_list_filters_by_action_and_searches_by_user_and_object(
    admin_client_, tree, superuser
):
    log_entry(superuser, tree.xuat_le, ADDITION)
    log_entry(superuser, tree.hoang_dong, DELETION)
    change_unit_in_admin(admin_client_, tree.cao_lau, name="Xã Cao Lâu mới")

    changes = admin_client_.get(LIST, {"action_flag__exact": CHANGE}).content.decode()
    assert "Xã Cao Lâu mới" in changes
    assert "Xã Xuất Lễ" not in changes

    found = admin_client_.get(LIST, {"q": "Hoàng Đồng"}).content.decode()
    assert "Xã Hoàng Đồng" in found
    assert "Xã Cao Lâu mới" not in found

    assert "Xã Xuất Lễ" in admin_client_.get(LIST, {"q": "quantri"}).content.decode()
    assert "Xã Xuất Lễ" not in admin_client_.get(LIST, {"q": "ai-do-khac"}).content.decode()

    unit_type = ContentType.objects.get_for_model(Unit)
    by_type = admin_client_.get(LIST, {"content_type__id__exact": unit_type.pk})
    assert by_type.status_code == 200
    assert "Xã Xuất Lễ" in by_type.content.decode()


def test_audit_entries_cannot_be_added_changed_or_deleted(admin_client_, tree, superuser):
    change_unit_in_admin(admin_client_, tree.cao_lau, name="Xã Cao Lâu mới")
    entry = LogEntry.objects.get()
    change_url = reverse("admin:admin_logentry_change", args=[entry.pk])

    assert admin_client_.get(reverse("admin:admin_logentry_add")).status_code == 403
    view = admin_client_.get(change_url)
    assert view.status_code == 200  # read-only view
    assert 'name="_save"' not in view.content.decode()
    assert admin_client_.post(change_url, {"object_repr": "giả mạo"}).status_code == 403
    delete_url = reverse("admin:admin_logentry_delete", args=[entry.pk])
    assert admin_client_.get(delete_url).status_code == 403
    assert admin_client_.post(delete_url, {"post": "yes"}).status_code == 403
    bulk = admin_client_.post(
        LIST, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in {200, 302}

    entry.refresh_from_db()
    assert entry.object_repr == "Xã Cao Lâu mới"
    assert LogEntry.objects.count() == 1


def test_staff_who_are_not_superusers_cannot_read_the_audit_trail(client, tree, make_user):
    staff = make_user(tree.ban_tdkt, Role.ADMIN, username="nhanvien", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="admin", codename__endswith="logentry")
    )
    client.force_login(staff)
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("admin:accounts_loginfailure_changelist")).status_code == 403


def test_failed_sign_ins_are_listed_read_only(client, superuser):
    client.post(reverse("login"), {"username": "ai.do", "password": "sai"})
    failure = LoginFailure.objects.get()
    client.force_login(superuser)
    html = client.get(reverse("admin:accounts_loginfailure_changelist")).content.decode()
    assert "ai.do" in html
    assert client.get(reverse("admin:accounts_loginfailure_add")).status_code == 403
    delete_url = reverse("admin:accounts_loginfailure_delete", args=[failure.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert LoginFailure.objects.count() == 1


def test_audit_list_queries_do_not_grow_with_entries(admin_client_, tree, superuser):
    def count_queries():
        admin_client_.get(LIST)  # warm caches (content types, session)
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    log_entry(superuser, tree.cao_lau, CHANGE)
    few = count_queries()
    for unit in [tree.xuat_le, tree.hoang_dong, tree.ba_son, tree.dong_kinh, tree.city] * 6:
        log_entry(superuser, unit, CHANGE)
    assert count_queries() == few
    assert few <= 12
