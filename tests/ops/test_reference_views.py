"""The benchmark's reference views: routed only by ops.bench_urls, and only under its settings."""

import pytest

from accounts.models import User


@pytest.mark.urls("ops.bench_urls")
def test_the_signed_in_floor_needs_a_user_and_the_benchmark_settings(client, settings, db):
    settings.OPS_BENCH_PING = True
    anonymous = client.get("/ops/signed-in/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    user = User.objects.create_user("floor", password="x", first_name="Thị Mai", last_name="Lăng")
    client.force_login(user)
    page = client.get("/ops/signed-in/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"<p>{user.get_full_name()}</p>" in body
    assert 'class="navbar' in body  # the whole layout, as a staff page has it
    assert client.get("/ops/ping/").content == b"pong"
    settings.OPS_BENCH_PING = False  # as everywhere but the benchmark's server
    assert client.get("/ops/signed-in/").status_code == 404
    assert client.get("/ops/ping/").status_code == 404
    client.logout()
    assert client.get("/ops/signed-in/").status_code == 404  # not a redirect to sign in


def test_production_routes_neither_view(client, settings, db):
    settings.OPS_BENCH_PING = True
    assert client.get("/ops/ping/").status_code == 404
    assert client.get("/ops/signed-in/").status_code == 404


def _load(p95: float, errors: int = 0) -> dict:
    """A page's load results at 10 clients, as run_load gives them."""
    return {"10": {"p50_ms": p95 / 2, "p95_ms": p95, "throughput": 100.0, "errors": errors}}


def _results(load: dict, **more) -> dict:
    """What run_inner gathers before `_verdicts` and `_print_table`, for the pages of `load`."""
    return {
        "load": load,
        "queries": {name: {"small": 3, "large": 3, "independent_of_size": True} for name in load},
        "machine": {"cpus": 2, "memory": "1 GiB", "postgresql": "15", "python": "3.13"}
        | {"load_average": 0.1},
        "gunicorn_workers": 4,
        "rows": {},
        "pdf": {},
        **more,
    }


def test_the_table_prints_without_the_minimal_view(capsys):
    """`--pages home` (no ping): the ratio is not judged, and the table still prints."""
    import io

    from ops.benchrun import _print_table, _verdicts

    results = _results({"signed_in": _load(20.0), "home": _load(20.0)})
    options = {"clients": [10], "output": "x.json"}
    results["targets"] = _verdicts(results, options)
    assert results["targets"]["home"]["ratio_ok"] is None
    out = io.StringIO()
    _print_table(type("Cmd", (), {"stdout": out})(), results, options)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("home") and line.endswith("-  ok") for line in lines)
    assert any(line.startswith("signed_in") and line.endswith("-  (reference)") for line in lines)


def test_ratios_divide_by_the_lower_of_the_minimal_views_two_runs():
    """The minimal view is measured before and after the pages; a run of it slowed by what the
    machine did then (12.4 ms once, 7.0 ms in the next run) does not flatter every ratio."""
    import io

    from ops.benchrun import _print_table, _verdicts

    results = _results({"ping": _load(12.0), "home": _load(48.0)}, ping_end=_load(8.0))
    options = {"clients": [10], "output": "x.json"}
    results["targets"] = _verdicts(results, options)
    assert results["floor_p95_ms"] == 8.0
    assert results["load"]["home"]["10"]["ratio_to_ping"] == 6.0
    assert results["targets"]["home"]["ratio_ok"] is False
    out = io.StringIO()
    _print_table(type("Cmd", (), {"stdout": out})(), results, options)
    assert "12.0 ms before the pages, 8.0 ms after; the ratios divide by the lower, 8.0 ms" in (
        out.getvalue()
    )
    ping_row = next(line for line in out.getvalue().splitlines() if line.startswith("ping"))
    assert ping_row.endswith("1.5  (floor)")  # its first run, against the floor


def test_a_run_of_the_minimal_view_with_errors_is_no_floor():
    """Refused requests come back fast: a second run of the minimal view that failed would
    make every page look many times slower than it is."""
    from ops.benchrun import _verdicts

    results = _results({"ping": _load(8.0), "home": _load(30.0)}, ping_end=_load(0.4, 200))
    results["targets"] = _verdicts(results, {"clients": [10]})
    assert results["floor_p95_ms"] == 8.0
    assert results["load"]["home"]["10"]["ratio_to_ping"] == 3.8
    assert results["targets"]["home"]["ratio_ok"] is True
