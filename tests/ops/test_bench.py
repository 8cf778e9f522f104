"""`manage.py bench` at a tiny scale: builds, serves, measures, writes JSON, drops its database."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark needs PostgreSQL"),
]


@pytest.fixture
def server_url(db):
    import psycopg

    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    url = f"postgresql://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/postgres"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL unreachable")
    return url, f"{s['NAME']}_bench"


def test_bench_measures_pages_queries_pdfs_and_import_then_drops_its_database(
    server_url, tmp_path, capfd
):
    import psycopg

    url, name = server_url
    out = io.StringIO()
    result = tmp_path / "result.json"
    call_command(
        "bench",
        scale=0.0005,
        pages="ping,signed_in,dossiers,dashboard,dashboard_computed,verify",
        clients="1,2",
        requests=4,
        time_limit=5,
        workers=2,
        pdf_awardees=2,
        import_rows=40,
        server_url=url,
        db_name=name,
        output=str(result),
        stdout=out,
    )
    data = json.loads(result.read_text())
    assert set(data["load"]) == {
        "ping",
        "signed_in",
        "dossiers",
        "dashboard",
        "dashboard_computed",
        "verify",
    }
    for page in data["load"].values():
        assert page["2"]["requests"] == 4
        assert page["2"]["errors"] == 0
        assert page["1"]["p95_ms"] > 0
        # CPU per request of the workers and of the database, from /proc (in clock ticks:
        # a few requests of a tiny page may take none).
        assert page["2"]["cpu_app_ms"] >= 0
        assert page["2"]["cpu_db_ms"] >= 0
    # Measured at all: over the whole run, the computed dashboard alone (some 70 ms of the
    # workers' CPU) spans several ticks. One page of 4 fast requests may span none: on a fast
    # machine the dossier list's 4 requests of 4 ms each read 0.
    assert sum(page["2"]["cpu_app_ms"] for page in data["load"].values()) > 0
    assert data["queries"]["dossiers"]["independent_of_size"]
    # Counted with nothing kept: the dashboard's figures are computed both times.
    assert data["queries"]["dashboard"]["independent_of_size"]
    assert data["queries"]["dashboard_computed"]["independent_of_size"]
    assert data["queries"]["verify"]["large"] >= 1
    assert data["rows"]["units"] >= 297
    assert data["rows"]["dossiers"] >= 10
    assert data["pdf"]["decision"]["awardees"] == 2
    assert data["import"]["rows"] >= 10
    assert data["machine"]["postgresql"]
    assert "Results:" in out.getvalue()
    printed = capfd.readouterr().out  # the inner run is a process of its own
    assert "p95 ms" in printed
    assert "Excel import" in printed
    # The signed-in floor is measured and compared, without a target of its own.
    assert data["load"]["signed_in"]["2"]["ratio_to_ping"] > 0
    assert "signed_in" not in data["targets"]
    assert "(reference)" in printed
    with psycopg.connect(url) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchall()
    assert not found, "the benchmark database is dropped afterwards"
