"""Which units a user may see. Everything scoped goes through `unit_ids_visible_to`."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from campaigns.models import Unit, UnitSuccession


def has_full_scope(user) -> bool:
    """Superusers and provincial staff see every unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    root = user.scope_root
    return root is not None and root.parent_id is None


def unit_ids_visible_to(user) -> frozenset[int] | None:
    """Ids of the units `user` may see, or None for every unit.

    A commune officer sees the commune; a district officer the district's subtree; provincial
    staff everything. The subtree is taken across eras, and lineage is followed: a unit sees
    the records of the units it replaced. Cached on the user object for the request.
    """
    cached = getattr(user, "_visible_unit_ids", "unset")
    if cached != "unset":
        return cached
    if has_full_scope(user):
        result = None
    elif not user.is_authenticated or user.scope_root is None:
        result = frozenset()
    else:
        ids = {user.scope_root.pk}
        frontier = set(ids)
        while frontier:
            below = set(
                Unit.objects.filter(parent_id__in=frontier).order_by().values_list("pk", flat=True)
            )
            replaced = set(
                UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            frontier = (below | replaced) - ids
            ids |= frontier
        result = frozenset(ids)
    user._visible_unit_ids = result
    return result


def units_visible_to(user):
    """The units `user` may see, as a queryset."""
    ids = unit_ids_visible_to(user)
    qs = Unit.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


def scope_filter(queryset, user, unit_field: str = "unit"):
    """Restrict `queryset` to rows whose `unit_field` is a unit visible to `user`."""
    ids = unit_ids_visible_to(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{unit_field}__in": ids})


def get_visible_or_404(queryset, user, unit_field: str = "unit", **lookup):
    """One object in the user's scope; a missing or out-of-scope object is the same 404."""
    try:
        return scope_filter(queryset, user, unit_field).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
