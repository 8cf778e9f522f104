"""Planner statistics after a bulk write.

PostgreSQL plans from the statistics `ANALYZE` keeps, which autovacuum refreshes a minute or
more after a table changed by a tenth. A workflow step that writes thousands of rows (an
imported list, its reviews, the council's ballots and outcomes) is followed within seconds by
a step that joins them: planned from the old statistics, which counted none of them, the
join became a nested loop over both sides (7 s to approve a list of 10,000, 3 s to finish its
appraisal, measured on the benchmark data). So the step that wrote them analyzes the tables
once its transaction has committed.
"""

from django.db import connection, transaction

# Fewer rows than this change no plan that matters: autovacuum's own pace is enough.
BULK_ROWS = 1000


def analyze_after_commit(rows: int, *models) -> bool:
    """ANALYZE the tables of `models` after the current transaction commits, when `rows`
    rows were written to them (PostgreSQL only). Returns whether it was scheduled."""
    if connection.vendor != "postgresql" or rows < BULK_ROWS:
        return False
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")

    # Robust: the rows are committed; statistics that could not be refreshed now (a lock
    # held by autovacuum or a lock timeout) are autovacuum's to refresh, never the user's
    # error.
    transaction.on_commit(analyze, robust=True)
    return True
