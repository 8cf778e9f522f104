import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from campaigns.models import Unit
from documents.statements import Statement, statement
from tests.factories import UserFactory


def _fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


@statement
def unit_with_parents(pk: int):
    return (
        Unit.objects.select_related("parent__parent")
        .annotate(
            below=Count("children"),
            has_children=Exists(Unit.objects.filter(parent_id=OuterRef("pk"))),
        )
        .filter(pk=pk)
    )


@statement
def units_below(parent_id: int, kind: str):
    return Unit.objects.filter(parent_id=parent_id, kind=kind).order_by("name")


@statement
def names_below(parent_id: int):
    return Unit.objects.filter(parent_id=parent_id).order_by("name").values_list("name", flat=True)


def test_rows_are_those_the_queryset_gives(tree):
    for unit in (tree.cao_lau, tree.cao_loc, tree.province):
        built = unit_with_parents.build(pk=unit.pk).get()
        kept = unit_with_parents.one(pk=unit.pk)
        assert _fields(kept) == _fields(built)
        assert kept._state.adding is False
        assert kept._state.db == "default"
    kept = unit_with_parents.one(pk=tree.cao_lau.pk)
    # select_related objects are there, read in the same query.
    with CaptureQueriesContext(connection) as ctx:
        assert kept.parent == tree.cao_loc
        assert kept.parent.parent == tree.province
        assert kept.parent.parent.parent is None
    assert len(ctx.captured_queries) == 0
    assert unit_with_parents.one(pk=tree.cao_loc.pk).has_children is True
    assert unit_with_parents.one(pk=tree.cao_lau.pk).below == 0


def test_each_call_runs_with_its_own_values(tree):
    kind = tree.cao_lau.kind
    first = units_below.list(parent_id=tree.cao_loc.pk, kind=kind)
    assert [u.name for u in first] == ["Xã Cao Lâu", "Xã Xuất Lễ"]
    assert units_below.list(parent_id=tree.city.pk, kind=kind) == [tree.hoang_dong]
    assert units_below.list(parent_id=tree.cao_loc.pk, kind="ward") == []
    assert units_below.list(parent_id=tree.cao_lau.pk, kind=kind) == []
    assert unit_with_parents.one(pk=987654) is None
    assert names_below.list(parent_id=tree.cao_loc.pk) == ["Xã Cao Lâu", "Xã Xuất Lễ"]


def test_compiled_once_then_one_query_a_call(tree):
    units_below.forget()
    units_below.list(parent_id=tree.cao_loc.pk, kind="ward")
    kept = units_below._kept_for("default")
    with CaptureQueriesContext(connection) as ctx:
        units_below.list(parent_id=tree.city.pk, kind="ward")
    assert units_below._kept_for("default") is kept
    assert len(ctx.captured_queries) == 1
    assert ctx.captured_queries[0]["sql"].count(str(tree.city.pk)) >= 1


def test_the_kept_queryset_is_not_changed_by_a_call(tree):
    first = units_below.list(parent_id=tree.cao_loc.pk, kind=tree.cao_lau.kind)
    kept = units_below._kept_for("default")
    assert kept.queryset._result_cache is None
    first.append("not shared")
    again = units_below.list(parent_id=tree.cao_loc.pk, kind=tree.cao_lau.kind)
    assert len(again) == 2


def test_values_are_checked(tree):
    with pytest.raises(TypeError, match="must be int"):
        unit_with_parents.one(pk=None)
    with pytest.raises(TypeError, match="must be int"):
        unit_with_parents.one(pk=str(tree.cao_lau.pk))
    with pytest.raises(TypeError, match="must be int"):
        unit_with_parents.one(pk=True)
    with pytest.raises(TypeError, match="takes"):
        unit_with_parents.one(pk=1, kind="x")
    with pytest.raises(TypeError, match="takes"):
        units_below.list(parent_id=1)


def test_parameters_must_be_annotated():
    with pytest.raises(ImproperlyConfigured, match="annotated"):
        Statement(lambda pk: Unit.objects.filter(pk=pk))


def test_a_shape_that_depends_on_a_value_is_refused(db):
    @statement
    def odd(pk: int):
        qs = Unit.objects.filter(pk=pk)
        return qs.filter(kind="ward") if pk % 2 else qs

    with pytest.raises(ImproperlyConfigured, match="depends on the values"):
        odd.list(pk=1)


def test_a_value_read_from_the_clock_is_refused(db):
    @statement
    def sessions(user_id: int):
        return User.objects.filter(pk=user_id, date_joined__lte=timezone.now())

    with pytest.raises(ImproperlyConfigured, match="changes between two builds"):
        sessions.list(user_id=1)


def test_a_value_the_lookup_changes_is_refused(db):
    @statement
    def named(name: str):
        return Unit.objects.filter(name__contains=name)

    with pytest.raises(ImproperlyConfigured, match="did not reach the SQL"):
        named.list(name="Lâu")


def test_an_unused_parameter_is_refused(db):
    @statement
    def unused(pk: int):
        return Unit.objects.all()

    with pytest.raises(ImproperlyConfigured, match="did not reach the SQL"):
        unused.list(pk=1)


def test_a_user_with_groups(db):
    """The kept rows are full model instances: saving one works as usual."""

    @statement
    def user_by_pk(pk: int):
        return User.objects.select_related("unit").filter(pk=pk)[:1]

    user = UserFactory(first_name="Lan")
    kept = user_by_pk.one(pk=user.pk)
    kept.first_name = "Hoa"
    kept.save(update_fields=["first_name"])
    user.refresh_from_db()
    assert user.first_name == "Hoa"


def test_count_answers_what_the_queryset_counts(tree):
    kind = tree.cao_lau.kind
    for parent in (tree.cao_loc, tree.city, tree.cao_lau):
        expected = units_below.build(parent_id=parent.pk, kind=kind).count()
        assert units_below.count(parent_id=parent.pk, kind=kind) == expected
    assert units_below.count(parent_id=tree.cao_loc.pk, kind=kind) == 2
    with CaptureQueriesContext(connection) as ctx:
        units_below.count(parent_id=tree.city.pk, kind=kind)
    assert len(ctx.captured_queries) == 1
    assert "COUNT(*)" in ctx.captured_queries[0]["sql"]
    assert "GROUP BY" not in ctx.captured_queries[0]["sql"]


def test_count_refuses_a_sliced_or_grouped_queryset(db):
    @statement
    def sliced(pk: int):
        return Unit.objects.filter(pk=pk)[:1]

    @statement
    def grouped(pk: int):
        return Unit.objects.filter(pk=pk).values("kind").annotate(n=Count("pk"))

    for kept in (sliced, grouped):
        with pytest.raises(ImproperlyConfigured, match="only a plain queryset"):
            kept.count(pk=1)


@statement
def units_among(ids: list[int], names: list[str]):
    return Unit.objects.filter(Q(pk__in_array=ids) | Q(name__in_array=names)).order_by("name")


def test_list_parameters_of_any_length(tree):
    assert units_among.list(ids=[], names=[]) == []
    assert units_among.list(ids=[tree.cao_lau.pk], names=[]) == [tree.cao_lau]
    found = units_among.list(
        ids=[tree.cao_lau.pk, tree.xuat_le.pk, 987654], names=["Xã Ba Sơn", "Không có"]
    )
    assert [u.name for u in found] == ["Xã Ba Sơn", "Xã Cao Lâu", "Xã Xuất Lễ"]
    assert units_among.count(ids=(tree.city.pk,), names={"Xã Ba Sơn"}) == 2
    many = list(Unit.objects.values_list("pk", flat=True))
    assert units_among.count(ids=many, names=[]) == Unit.objects.count()
    with pytest.raises(TypeError, match="must be a list"):
        units_among.list(ids=tree.city.pk, names=[])
    with pytest.raises(TypeError, match="must be a list"):
        units_among.list(ids=[], names="Xã Ba Sơn")
    with pytest.raises(TypeError, match="must be int"):
        units_among.list(ids=["1"], names=[])


def test_in_array_answers_what_in_answers(tree):
    ids = [tree.cao_lau.pk, tree.city.pk]
    names = ["Xã Cao Lâu", "Huyện Cao Lộc", "Lạng Sơn"]
    assert set(Unit.objects.filter(pk__in_array=ids)) == set(Unit.objects.filter(pk__in=ids))
    assert set(Unit.objects.filter(name__in_array=names)) == set(
        Unit.objects.filter(name__in=names)
    )
    assert set(Unit.objects.filter(parent_id__in_array=[tree.cao_loc.pk])) == {
        tree.cao_lau,
        tree.xuat_le,
    }
    assert not Unit.objects.filter(pk__in_array=[]).exists()
    with pytest.raises(TypeError, match="list of values"):
        list(Unit.objects.filter(pk__in_array=5))


def test_an_id_no_column_holds_finds_no_row(tree):
    assert unit_with_parents.one(pk=10**20) is None
    assert units_below.list(parent_id=-(10**30), kind="ward") == []
    assert units_below.count(parent_id=10**20, kind="ward") == 0
    assert units_among.list(ids=[10**20, tree.cao_lau.pk], names=[]) == [tree.cao_lau]


def test_a_lookup_that_escapes_the_value_is_refused(tree):
    """SQLite's iexact is a LIKE with % and _ escaped: refused there. PostgreSQL's compares
    UPPER() of the value as given: kept, and it finds what the ORM finds."""

    @statement
    def folded(name: str):
        return Unit.objects.filter(name__iexact=name)

    if connection.vendor == "sqlite":
        with pytest.raises(ImproperlyConfigured, match="did not reach the SQL"):
            folded.list(name="Xã Cao L_u")
        return
    for name in ("Xã Cao L_u", "xã cao lâu", "Xã Cao Lâu"):
        assert folded.list(name=name) == list(Unit.objects.filter(name__iexact=name))


def test_today_s_date_in_the_sql_is_refused(db):
    @statement
    def today(pk: int):
        return User.objects.filter(pk=pk, date_joined__date__lte=timezone.localdate())

    with pytest.raises(ImproperlyConfigured, match="date in its SQL"):
        today.list(pk=1)


def test_a_prefetch_that_uses_a_parameter_is_refused(db):
    from django.db.models import Prefetch

    @statement
    def with_children(pk: int):
        return Unit.objects.filter(pk=pk).prefetch_related(
            Prefetch("children", queryset=Unit.objects.exclude(pk=pk))
        )

    with pytest.raises(ImproperlyConfigured, match="Prefetch"):
        with_children.list(pk=1)


def test_a_queryset_compiled_to_nothing_is_refused(db):
    @statement
    def nothing(pk: int):
        return Unit.objects.filter(pk=pk, name__in=[])

    with pytest.raises(ImproperlyConfigured, match="no SQL"):
        nothing.list(pk=1)


def test_in_array_refuses_types_it_cannot_compare(db):
    from awards.models import AwardQuota

    with pytest.raises(TypeError, match="integers or text"):
        list(User.objects.filter(date_joined__in_array=[timezone.now()]))
    assert AwardQuota.objects.filter(max_count__in_array=[1, 2]).count() == 0
