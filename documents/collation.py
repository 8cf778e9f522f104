"""Vietnamese alphabetical order in the database: `order_by(Vietnamese("name"))`.

The databases' own collations put Đ after Z and Ủ after every other letter (PostgreSQL's
C.UTF-8, SQLite's binary order), so "Huyện Đình Lập" came last among the districts. On
PostgreSQL `Vietnamese` uses ICU's Vietnamese collation (`vi-x-icu`, in every PostgreSQL built
with ICU, as Debian's and the official images are): a ă â b c d đ e ê … u ư …, tones after
letters. On SQLite the same order comes from `documents.text.text_sort_key`, registered on each
new connection as the collation `vi` (see `DocumentsConfig.ready`).
"""

from functools import lru_cache

from django.db.models.functions import Collate
from django.utils.deconstruct import deconstructible

from documents.text import text_sort_key

POSTGRESQL_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"


@deconstructible(path="documents.collation.Vietnamese")
class Vietnamese(Collate):
    """`expression COLLATE` the database's Vietnamese collation, for ORDER BY."""

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return self.as_sql(compiler, connection, **extra_context)


@lru_cache(maxsize=4096)
def _key(text: str) -> tuple:
    return text_sort_key(text)


def _compare(a: str, b: str) -> int:
    key_a, key_b = _key(a), _key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite_collation(sender, connection, **kwargs):
    """`connection_created` receiver: give a new SQLite connection the collation `vi`."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def check_collation(app_configs=None, databases=None, **kwargs):
    """System check (database tag, run by `migrate` and `check --database`): PostgreSQL has
    the ICU collation that unit lists are ordered by."""
    from django.core.checks import Error
    from django.db import connections

    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [POSTGRESQL_COLLATION])
            found = cursor.fetchone() is not None
        if not found:
            errors.append(
                Error(
                    f"PostgreSQL database '{alias}' has no collation {POSTGRESQL_COLLATION!r}: "
                    "unit lists are sorted in Vietnamese with it.",
                    hint="Use a PostgreSQL built with ICU (Debian's, Ubuntu's and the official "
                    "images are).",
                    id="documents.E001",
                )
            )
    return errors
