"""The worker keywords are data; the dashboard benchmark builds throwaway rows and rolls back."""

import io

from django.core.management import call_command

from awards.models import Award, Person
from nominations.models import Entry
from reports.models import WorkerKeyword
from reports.selectors import fairness, filters_from


def test_default_keywords_are_seeded_by_the_migration(db):
    assert WorkerKeyword.objects.filter(keyword="nông dân", category="farmer").exists()


def test_a_keyword_added_by_an_admin_counts_new_workers(known, province_officer):
    filters = filters_from(user=province_officer, params={"year": "2024"})
    assert fairness(filters=filters).workers == 2
    WorkerKeyword.objects.create(keyword="công chức", category="worker")
    assert fairness(filters=filters).workers == 3
    WorkerKeyword.objects.filter(keyword="nông dân").update(active=False)
    assert fairness(filters=filters).workers == 2


def test_bench_dashboard_prints_times_and_leaves_nothing_behind(db):
    out = io.StringIO()
    call_command("bench_dashboard", entries=600, runs=1, stdout=out)
    text = out.getvalue()
    assert "built 600 entries" in text
    assert "dashboard [all]: figures" in text
    assert (Entry.objects.count(), Award.objects.count(), Person.objects.count()) == (0, 0, 0)
