import pytest
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def admin_client_vi(client, tree):
    admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-quan-tri")
    client.force_login(admin)
    return client


def test_admin_unit_search_ignores_diacritics(admin_client_vi, tree):
    html = admin_client_vi.get(reverse("admin:campaigns_unit_changelist"), {"q": "cao loc"})
    text = html.content.decode()
    assert "Huyện Cao Lộc" in text
    assert "Xã Xuất Lễ" not in text


def test_admin_unit_filter_by_era(admin_client_vi, tree):
    text = admin_client_vi.get(
        reverse("admin:campaigns_unit_changelist"), {"era": "after"}
    ).content.decode()
    assert "Xã Ba Sơn" in text
    assert "Xã Cao Lâu" not in text


def test_admin_user_search_by_unit_without_diacritics(admin_client_vi, tree, make_user):
    make_user(tree.cao_lau, username="nguoi.caolau")
    make_user(tree.xuat_le, username="nguoi.xuatle")
    text = admin_client_vi.get(
        reverse("admin:accounts_user_changelist"), {"q": "cao lau"}
    ).content.decode()
    assert "nguoi.caolau" in text
    assert "nguoi.xuatle" not in text


def test_admin_pages_are_vietnamese(admin_client_vi):
    text = admin_client_vi.get(reverse("admin:index")).content.decode()
    assert "Quản trị" in text
