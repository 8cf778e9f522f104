"""Statistics kept a short while: figures that take many aggregate queries over the whole
register are computed once per STATISTICS_CACHE_SECONDS for the same scope, filters and
language, and the page says when they were computed.

Only figures go in: never a permission. The key holds the user's scope (the ids of the units
they may see), so two users share figures only when they see exactly the same units.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from accounts.selectors import unit_ids_visible_to


def scope_key(user) -> str:
    """The user's scope as a short key: "all", or a digest of the unit ids they may see."""
    ids = unit_ids_visible_to(user)
    if ids is None:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:32]


def remember(parts: tuple, compute: Callable[[], Any], *, fresh: bool = False):
    """(value, computed_at): `compute()`'s value for `parts`, from the cache when it was
    computed less than STATISTICS_CACHE_SECONDS ago; `fresh` computes it again."""
    seconds = settings.STATISTICS_CACHE_SECONDS
    if seconds <= 0:
        return compute(), timezone.now()
    raw = repr(("statistics", translation.get_language(), *parts))
    key = "statistics:" + hashlib.sha256(raw.encode()).hexdigest()
    if not fresh:
        kept = cache.get(key)
        if kept is not None:
            return kept
    kept = (compute(), timezone.now())
    cache.set(key, kept, seconds)
    return kept
