"""PostgreSQL plans a statement once per connection: server-side binding and prepared
statements are on by default, and can be switched off for a pooler in transaction mode."""

import json
import secrets

import pytest
from django.db import connection

from campaigns.models import Unit
from tests.ops.settings_process import run_with_settings


def _options(**env_changes) -> dict:
    env = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **env_changes}
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.DATABASES['default']['OPTIONS']))"
    )
    done = run_with_settings(code, env, drop=("DJANGO_", "DATABASE_"), check=True)
    return json.loads(done.stdout)


PG = "postgres://portal@127.0.0.1:5432/portal"


def test_postgresql_prepares_statements_by_default_and_can_be_told_not_to():
    assert _options(DATABASE_URL=PG) == {"server_side_binding": True, "prepare_threshold": 5}
    assert _options(DATABASE_URL=PG, DATABASE_PREPARE_THRESHOLD="2")["prepare_threshold"] == 2
    assert _options(DATABASE_URL=PG, DATABASE_PREPARED_STATEMENTS="0") == {}
    assert "server_side_binding" not in _options(DATABASE_URL="sqlite:////tmp/portal.sqlite3")


@pytest.mark.django_db
def test_a_query_run_again_is_prepared_on_its_connection():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    if not connection.settings_dict["OPTIONS"].get("server_side_binding"):
        pytest.skip("turned off by DATABASE_PREPARED_STATEMENTS=0")
    for code in ["a", "b", "c", "d", "e", "f"]:
        list(Unit.objects.filter(code=code))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "campaigns_unit" WHERE "campaigns_unit"."code" = $1%'],
        )
        assert cursor.fetchone()[0] == 1
