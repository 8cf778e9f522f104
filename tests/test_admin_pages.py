"""Every model registered in the admin opens its list for a superuser, with rows of the
renderings of long documents among them (their owners printed)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.choices import Role
from tests.decisions.conftest import (  # noqa: F401
    another_draft,
    campaign,
    draft,
    fast_and_isolated,
    forms,
    make_approved,
    staff,
)


@pytest.mark.django_db
def test_every_admin_list_opens(client, tree, make_user, another_draft):  # noqa: F811
    from decisions.models import DecisionPreviewPdf
    from nominations.models import CouncilSession, DossierPdf, MinutesPdf

    session = CouncilSession.objects.create(unit=tree.province)
    dossier = another_draft.decision_awards.first().entry.dossier
    DossierPdf.objects.create(dossier=dossier)
    MinutesPdf.objects.create(session=session)
    DecisionPreviewPdf.objects.create(decision=another_draft)
    client.force_login(make_user(tree.ban_tdkt, Role.ADMIN, is_staff=True, is_superuser=True))
    failed = {}
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        status = client.get(url).status_code
        if status != 200:
            failed[url] = status
    assert not failed
    for model in (DossierPdf, MinutesPdf, DecisionPreviewPdf):
        row = model.objects.get()
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk]
        )
        assert client.get(url).status_code == 200
