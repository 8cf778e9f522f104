"""Kept statements: a queryset the ORM compiles once per process, then runs with new values.

Building a queryset and compiling it to SQL costs Django more than fetching and reading its
rows: on the dossier page, more than half of its Python work went to building and compiling
querysets whose SQL is the same on every request except for an id or two. A `Statement`
builds its queryset once with marker values, keeps the SQL, its parameters and the compiler
(which knows how to turn rows into model instances, with their `select_related` objects),
and on each call puts the real values where the markers were::

    @statement
    def entries_of(dossier_id: int):
        return Entry.objects.filter(dossier_id=dossier_id).select_related("unit")

    entries = entries_of.list(dossier_id=dossier.pk)  # a list of Entry, as list(queryset)
    n = entries_of.count(dossier_id=dossier.pk)  # as entries_of's queryset.count()

A parameter annotated `list[int]` or `list[str]` holds a list of any length in one SQL
parameter, through the `in_array` lookup defined here (`person_id__in_array=ids`):
`= ANY(%s)` of an array on PostgreSQL, `IN (SELECT value FROM json_each(%s))` on SQLite. Its
SQL does not change with the number of values, as `__in` does, so it can be kept.

Rules for a build function:

- each parameter is annotated `int`, `str`, `list[int]` or `list[str]`, and is used only as a
  plain value in a lookup (`pk=`, `dossier_id=`, `session_key=`, `pk__in_array=`): never in
  Python (`if ids:`, arithmetic), never to decide the queryset's shape;
- it reads nothing from the clock or the database: what it builds is kept for the life of
  the process;
- only whole querysets: a statement is run as it was built (no `.filter()`, `.first()` or
  slicing afterwards; put those in the build function).

Checked when the statement is first compiled on a database, so that a wrong statement fails
at once, in the tests, never with wrong rows: the queryset is built twice with different
markers; the two SQL texts must be the same, every marker must reach the SQL parameters
unchanged (a lookup that changes its value, as `contains` or `iexact` do, is refused), every
other parameter must be the same in both (the clock's time changes between them), no date
may stand in the SQL (today's date would be kept), and a Prefetch's queryset may not use a
parameter. A queryset Django compiles to nothing (a lookup that can find nothing) is refused.

Values are checked on each call: an `int` parameter takes an int (not None, not a bool), a
`str` parameter a str. An int that no 64-bit column holds finds no row, as Django answers.
"""

import copy
import datetime
import inspect
import json
import threading
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet, FullResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, ForeignObject, Func, IntegerField, Lookup, QuerySet
from django.utils import timezone

# Markers: inside the range of every integer column, a small positive one included (Django
# compiles an out-of-range value to "no row", which would change the SQL), and of different
# parity, so that fewer tests of a value go unnoticed. Text markers hold what a lookup would
# change if it changed its value (case, spaces, LIKE's % and _, the \x1f that strip() takes):
# a marker changed on its way to the SQL is refused.
_INT_MARKS = (30_001, 31_002)
# What a 64-bit integer column holds: a value outside finds no row (Django's own answer).
_INT_RANGE = (-(2**63), 2**63 - 1)
_SCALARS = (int, str)
_LISTS = {list[int]: int, list[str]: str}


def _mark(kind, side: int, index: int):
    kind = _LISTS.get(kind, kind)
    if kind is int:
        return _INT_MARKS[side] + index
    return f"\x1fKept %_ {side}-{index}\x1f"


@Field.register_lookup
class InArray(Lookup):
    """`field__in_array=values`: the field is one of `values`, however many, in one parameter
    (an array on PostgreSQL, a JSON list on SQLite). An empty list matches nothing."""

    lookup_name = "in_array"
    prepare_rhs = False

    def get_prep_lookup(self):
        if isinstance(self.rhs, str) or not hasattr(self.rhs, "__iter__"):
            raise TypeError("in_array takes a list of values.")
        field = self.lhs.output_field
        return [field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(v, connection, prepared=True) for v in self.rhs]
        target = getattr(field, "target_field", field)  # a foreign key: the key it holds
        integer = target.get_internal_type() in _INTEGER_TYPES
        if not integer and target.get_internal_type() not in _TEXT_TYPES:
            raise TypeError(f"in_array compares integers or text, not {target!r}.")
        if integer:  # a value no 64-bit column holds finds nothing, as with __in
            values = [v for v in values if _INT_RANGE[0] <= v <= _INT_RANGE[1]]
        if connection.vendor == "postgresql":
            array = "bigint[]" if integer else "text[]"
            column = lhs if integer else f"({lhs})::text"
            return f"{column} = ANY(%s::{array})", (*lhs_params, values)
        if connection.vendor == "sqlite":
            return f"{lhs} IN (SELECT value FROM json_each(%s))", (*lhs_params, json.dumps(values))
        raise NotImplementedError(f"in_array on {connection.vendor}")


_INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_TEXT_TYPES = {"CharField", "TextField", "SlugField", "EmailField", "URLField"}
# Foreign keys have lookups of their own: `unit_id__in_array` too.
ForeignObject.register_lookup(InArray)


def _forms(marks: dict) -> dict:
    """Each marker as it can reach the SQL parameters: a value as it is; a list as a list
    (an array, PostgreSQL) or as JSON text (SQLite)."""
    forms = {}
    for name, mark in marks.items():
        if isinstance(mark, list):
            forms["list", tuple(mark)] = (name, "list")
            forms["json", json.dumps(mark)] = (name, "json")
        else:
            forms["value", mark] = (name, "value")
    return forms


def _found(forms: dict, value) -> tuple[str | None, str | None]:
    if isinstance(value, list):
        return forms.get(("list", tuple(value)), (None, None))
    if isinstance(value, _SCALARS) and not isinstance(value, bool):
        return forms.get(("json", value)) or forms.get(("value", value), (None, None))
    return None, None


class _Kept:
    """What one database's compilation left: the SQL, the parameters with the markers'
    positions, the compiler and the queryset it came from."""

    __slots__ = ("compiler", "composite", "converters", "params", "positions", "queryset", "sql")

    def __init__(self, queryset, compiler, sql, params, positions):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.positions = positions
        # What results_iter() asks of the selected columns, found once: their converters and
        # whether a composite key is among them.
        columns = [column[0] for column in compiler.select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(columns)
        self.composite = compiler.has_composite_fields(columns)


class Statement:
    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.name = f"{build.__module__}.{build.__qualname__}"
        annotations = inspect.get_annotations(build, eval_str=True)
        signature = inspect.signature(build)
        self.parameters: dict[str, type] = {}
        for name, parameter in signature.parameters.items():
            kind = annotations.get(name)
            if (
                kind not in _SCALARS and kind not in _LISTS
            ) or parameter.kind is inspect.Parameter.VAR_POSITIONAL:
                raise ImproperlyConfigured(
                    f"{self.name}: parameter {name!r} must be annotated int, str, list[int] "
                    "or list[str]."
                )
            self.parameters[name] = kind
        self._kept: dict[tuple[str, str, bool], _Kept] = {}
        self._lock = threading.Lock()
        self.__doc__ = build.__doc__

    def __repr__(self):
        return f"<Statement {self.name}>"

    # -- running ---------------------------------------------------------------------------

    def list(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        """The rows, as `list(queryset)` gives them (model instances, or tuples and dicts for
        a `values_list()` or `values()` queryset)."""
        return list(self._queryset(using, values) or ())

    def one(self, *, using: str = DEFAULT_DB_ALIAS, **values):
        """The first row, or None: for a statement that finds one row at most (by a unique
        key), built with `[:1]` when the database could find more."""
        rows = self._queryset(using, values)
        return rows[0] if rows else None

    def count(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> int:
        """How many rows, as `queryset.count()` answers (for a plain filtered queryset: not
        a sliced, distinct or grouped one)."""
        rows = self._queryset(using, values, counting=True)
        return rows[0] if rows else 0

    def _queryset(self, using: str, values: dict, counting: bool = False) -> "list | None":
        params_of = self._values(values)
        if params_of is None:  # an id no column holds: no row, as Django answers
            return None
        kept = self._kept_for(using, counting)
        params = list(kept.params)
        for position, name, form in kept.positions:
            value = params_of[name]
            params[position] = json.dumps(value) if form == "json" else value
        compiler = copy.copy(kept.compiler)
        compiler.connection = connections[using]
        sql, params = kept.sql, tuple(params)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        # The converters of the columns (dates on SQLite, JSON, ...) are the same on every run.
        converters, composite = kept.converters, kept.composite
        compiler.get_converters = lambda expressions: converters
        compiler.has_composite_fields = lambda expressions: composite
        # Shallow copies: the run reads the kept queryset and query and changes neither; the
        # copy's own query hands out this compiler and the copy holds this run's rows.
        # (`_query`: the `query` setter would also change how a values() queryset reads rows.)
        queryset = _shallow(kept.queryset)
        queryset._query = _shallow(kept.queryset.query)
        queryset._query.get_compiler = lambda *args, **kwargs: compiler
        queryset._fetch_all()
        return queryset._result_cache

    def _values(self, values: dict) -> dict | None:
        if values.keys() != self.parameters.keys():
            raise TypeError(
                f"{self.name} takes {sorted(self.parameters)}, was given {sorted(values)}."
            )
        checked = {}
        for name, kind in self.parameters.items():
            value = values[name]
            if kind in _LISTS:
                item = _LISTS[kind]
                if isinstance(value, (str, bytes)) or not isinstance(
                    value, (list, tuple, set, frozenset)
                ):
                    raise TypeError(f"{self.name}: {name} must be a list, not {value!r}.")
                items = [self._value(name, item, v) for v in value]
                if item is int:  # an id no column holds matches nothing: left out
                    items = [v for v in items if _INT_RANGE[0] <= v <= _INT_RANGE[1]]
                checked[name] = items
            else:
                value = checked[name] = self._value(name, kind, value)
                if kind is int and not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
                    return None
        return checked

    def _value(self, name: str, kind: type, value):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TypeError(f"{self.name}: {name} must be {kind.__name__}, not {value!r}.")
        # A choice (TextChoices, IntegerChoices) goes to the database as its plain value.
        return value if type(value) is kind else kind(value)

    # -- compiling ---------------------------------------------------------------------------

    def _kept_for(self, using: str, counting: bool = False) -> _Kept:
        connection = connections[using]
        key = (using, connection.vendor, counting)
        kept = self._kept.get(key)
        if kept is None:
            with self._lock:
                kept = self._kept.get(key) or self._compile(using, counting)
                self._kept[key] = kept
        return kept

    def _counted(self, queryset: QuerySet) -> QuerySet:
        """SELECT COUNT(*) of the queryset's rows, as a queryset of one row (COUNT written as
        a plain function: an aggregate would make Django add GROUP BY)."""
        query = queryset.query
        if (
            query.is_sliced
            or query.distinct
            or query.group_by is not None
            or any(getattr(a, "contains_aggregate", False) for a in query.annotations.values())
        ):
            raise ImproperlyConfigured(f"{self.name}: only a plain queryset can be counted.")
        return (
            queryset.order_by()
            .annotate(kept_count=Func(template="COUNT(*)", output_field=IntegerField()))
            .values_list("kept_count", flat=True)
        )

    def _built(self, side: int, using: str, counting: bool = False):
        marks = {
            name: [_mark(kind, side, index)] if kind in _LISTS else _mark(kind, side, index)
            for index, (name, kind) in enumerate(self.parameters.items())
        }
        queryset = self.build(**marks)
        if not isinstance(queryset, QuerySet):
            raise ImproperlyConfigured(f"{self.name} must return a QuerySet.")
        queryset = queryset.using(using)
        if counting:
            queryset = self._counted(queryset)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet) as exc:
            raise ImproperlyConfigured(
                f"{self.name}: Django compiles it to no SQL (a marker outside a column's range, "
                "or a lookup that can find nothing); it cannot be kept."
            ) from exc
        self._check_prefetches(queryset, using, marks)
        return queryset, compiler, sql, tuple(params), marks

    def _check_prefetches(self, queryset, using: str, marks: dict) -> None:
        """A Prefetch's queryset is compiled when it runs, not here: it must not hold a
        parameter (it would keep the marker)."""
        forms = _forms(marks)
        for lookup in queryset._prefetch_related_lookups:
            inner = getattr(lookup, "queryset", None)
            if inner is None:
                continue
            _sql, params = inner.query.get_compiler(using=using).as_sql()
            if any(_found(forms, value)[0] is not None for value in params):
                raise ImproperlyConfigured(
                    f"{self.name}: a Prefetch's queryset uses a parameter; it cannot be kept."
                )

    def _compile(self, using: str, counting: bool = False) -> _Kept:
        queryset, compiler, sql, params, marks = self._built(0, using, counting)
        _, _, other_sql, other_params, other_marks = self._built(1, using, counting)
        if sql != other_sql or len(params) != len(other_params):
            raise ImproperlyConfigured(
                f"{self.name}: its SQL depends on the values of its parameters."
            )
        found, other_found = _forms(marks), _forms(other_marks)
        # Today's date, as a date or as the text SQLite is given (local or UTC).
        days = {timezone.localdate(), timezone.now().date()}
        today = {*days, *(day.isoformat() for day in days)}
        positions = []
        for position, (value, other) in enumerate(zip(params, other_params, strict=True)):
            name, form = _found(found, value)
            other_name, other_form = _found(other_found, other)
            if name is not None or other_name is not None:
                if (name, form) != (other_name, other_form):
                    raise ImproperlyConfigured(
                        f"{self.name}: a parameter's value changes the SQL parameters."
                    )
                positions.append((position, name, form))
            elif isinstance(value, str) and "kept" in value.lower() and value != other:
                raise ImproperlyConfigured(
                    f"{self.name}: a parameter did not reach the SQL as given (a lookup that "
                    "changes the value, such as contains, cannot be kept)."
                )
            elif value != other:
                raise ImproperlyConfigured(
                    f"{self.name}: a SQL parameter ({value!r}) changes between two builds; "
                    "a value from the clock or the database cannot be kept."
                )
            elif isinstance(value, datetime.date) or (isinstance(value, str) and value in today):
                raise ImproperlyConfigured(
                    f"{self.name}: a date in its SQL ({value!r}) would be kept for good "
                    "(today's date?); it cannot be kept."
                )
        missing = set(self.parameters) - {name for _, name, _ in positions}
        if missing:
            raise ImproperlyConfigured(
                f"{self.name}: {', '.join(sorted(missing))} did not reach the SQL as given "
                "(a lookup that changes the value, such as contains, cannot be kept)."
            )
        return _Kept(queryset, compiler, sql, params, tuple(positions))

    def forget(self) -> None:
        """Compile again on next use (tests that change what the build reads)."""
        with self._lock:
            self._kept.clear()


def _shallow(obj):
    """A new object of the same class sharing `obj`'s attributes (not copy.copy(): a
    QuerySet's __getstate__ would run it)."""
    twin = obj.__class__.__new__(obj.__class__)
    twin.__dict__.update(obj.__dict__)
    return twin


def as_prefetched(instance, name: str, objects: list) -> None:
    """Let `instance.<name>.all()` answer `objects` without a query, as `prefetch_related`
    leaves a related manager (Django keeps the rows on the instance the same way)."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def statement(build: Callable[..., QuerySet]) -> Statement:
    """Decorator: `build(**params)` returns the queryset; see the module's docstring."""
    return Statement(build)
