"""Expressions of the ORM that several apps share."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(model, key: str):
    """How many rows of `model` point to the outer row through `key` ("dossier_id"), as a
    correlated subquery (0 when none), not a join with GROUP BY: the database counts for the
    rows of a page only, after ORDER BY and LIMIT, and a paginator's COUNT stays a plain count
    of the outer rows. COUNT(*) lets it count from the index on `key` alone."""
    counted = (
        model.objects.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
