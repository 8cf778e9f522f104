"""Every staff list offers its Excel export with the filters on screen."""

import pytest
from django.urls import reverse

from accounts.choices import Role


@pytest.mark.parametrize(
    ("page", "kinds"),
    [
        ("campaign_list", ["campaigns"]),
        ("nominations:dossier_list", ["dossiers", "entries"]),
        ("decisions:list", ["decisions"]),
        ("awards:register", ["awards"]),
    ],
)
def test_list_pages_link_their_export_with_the_filters(client, tree, make_user, page, kinds):
    client.force_login(make_user(tree.ban_tdkt, Role.OFFICER))
    html = client.get(reverse(page), {"year": "2024"}).content.decode()
    for kind in kinds:
        assert reverse("reports:export", args=[kind]) + "?year=2024" in html
