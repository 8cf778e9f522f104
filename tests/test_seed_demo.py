import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from campaigns.models import Unit


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_demo_login_works(client):
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    units, users = Unit.objects.count(), User.objects.count()
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Unit.objects.count(), User.objects.count()) == (units, users)
    for username in ["tinh.canbo", "caoloc.canbo", "caolau.canbo", "bason.canbo"]:
        assert User.objects.filter(username=username).exists()
    response = client.post(
        reverse("login"), {"username": "caolau.canbo", "password": "ThiDua@2026"}, follow=True
    )
    html = response.content.decode()
    assert "Xã Cao Lâu" in html
    assert "Cán bộ thi đua - khen thưởng" in html
