import threading

import pytest
from django.db import connection, connections

from accounts.choices import Role
from campaigns.models import DocumentType
from nominations import services
from nominations.choices import Action, DossierStatus
from nominations.models import DossierEvent
from nominations.workflow import WorkflowError

# Decided at collection, so that SQLite never sets up (or flushes) a transactional database.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def document_types(transactional_db):
    """A transactional test elsewhere may have flushed the rows the migrations created."""
    for abbreviation, name in (("KH", "KẾ HOẠCH"), ("TTr", "TỜ TRÌNH")):
        DocumentType.objects.get_or_create(abbreviation=abbreviation, defaults={"name": name})


def test_two_appraisers_receiving_at_once_one_wins(tree, make_user, make_dossier):
    submitter = make_user(tree.cao_lau, Role.OFFICER)
    first = make_user(tree.cao_loc, Role.OFFICER)
    second = make_user(tree.cao_loc, Role.OFFICER)
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    services.dossier_submit(dossier=dossier, actor=submitter)

    barrier = threading.Barrier(2)
    outcomes = []

    def receive(actor):
        try:
            barrier.wait(timeout=10)
            services.dossier_receive(dossier=dossier, actor=actor)
            outcomes.append("ok")
        except WorkflowError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=lambda o: o != "ok")[0] == "ok"
    refused = [o for o in outcomes if o != "ok"]
    assert len(refused) == 1
    assert "Đã tiếp nhận" in refused[0]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert DossierEvent.objects.filter(dossier=dossier, action=Action.RECEIVE).count() == 1


def test_an_admin_deletion_waiting_on_an_officer_counts_the_officers_entry(
    tree, make_user, make_dossier, forms
):
    """The admin deletes an entry while an officer's new entry of the same dossier is not yet
    committed: the count waits for the officer's lock and counts both changes."""
    from django.contrib import admin
    from django.db import transaction

    from awards.choices import SubjectKind
    from nominations.admin import EntryAdmin
    from nominations.models import Dossier, Entry

    officer = make_user(tree.cao_lau, Role.OFFICER)
    dossier = make_dossier(tree.cao_lau, "giay-khen-chu-tich-xa", "giay-khen-chu-tich-xa")
    doomed = dossier.entries.order_by("pk").first()
    saved, go = threading.Event(), threading.Event()
    errors = []

    def add():
        try:
            with transaction.atomic():
                services.entry_save(
                    dossier=dossier,
                    actor=officer,
                    subject_kind=SubjectKind.COLLECTIVE,
                    requested_form=forms["giay-khen-chu-tich-xa"],
                    group_name="Chi đoàn thôn Nà Lệnh",
                    achievement="Hoàn thành xuất sắc nhiệm vụ.",
                )
                saved.set()
                go.wait(timeout=10)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    def delete():
        try:
            saved.wait(timeout=10)
            with transaction.atomic():
                EntryAdmin(Entry, admin.site).delete_model(None, doomed)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add), threading.Thread(target=delete)]
    for thread in threads:
        thread.start()
    saved.wait(timeout=10)
    threading.Event().wait(0.5)  # the deletion is now waiting on the officer's lock
    go.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert Dossier.objects.get(pk=dossier.pk).entry_count == 2 == dossier.entries.count()
