"""Planner statistics refreshed after a bulk write (documents.statistics)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import statistics
from nominations import services
from nominations.models import Entry, EntryReview

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the statistics are PostgreSQL's planner's"
)


@on_postgres
def test_a_bulk_write_analyzes_its_tables_once_committed(
    tree, people, make_dossier, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(statistics, "BULK_ROWS", 3)
    dossier = make_dossier(tree.cao_lau, *["bang-khen-chu-tich-tinh"] * 3)
    services.dossier_submit(dossier=dossier, actor=people.cao_lau_officer)
    services.dossier_receive(dossier=dossier, actor=people.cao_loc_officer)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        CaptureQueriesContext(connection) as during,
    ):
        services.entries_agree_remaining(dossier=dossier, actor=people.cao_loc_officer)
    assert not [q for q in during.captured_queries if q["sql"].startswith("ANALYZE")]
    with CaptureQueriesContext(connection) as after:
        for callback in callbacks:
            callback()
    analyzed = [q["sql"] for q in after.captured_queries if q["sql"].startswith("ANALYZE")]
    tables = f'"{EntryReview._meta.db_table}", "{Entry._meta.db_table}"'
    assert analyzed == [f"ANALYZE {tables}"]


@on_postgres
def test_a_few_rows_leave_the_statistics_to_autovacuum(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert not statistics.analyze_after_commit(statistics.BULK_ROWS - 1, Entry)
        assert statistics.analyze_after_commit(statistics.BULK_ROWS, Entry)
    assert len(callbacks) == 1


def test_sqlite_keeps_no_such_statistics(db, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with django_capture_on_commit_callbacks() as callbacks:
        assert not statistics.analyze_after_commit(10_000, Entry)
    assert not callbacks
