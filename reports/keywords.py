"""The default words that mark direct workers and farmers in a position (data, edited in the
admin). Seed 003 and seed 004 name "nông dân, người lao động" and "công nhân, người lao động
trực tiếp" as the groups the law gives priority to."""

DEFAULT_KEYWORDS = [
    ("công nhân", "worker"),
    ("người lao động", "worker"),
    ("lao động trực tiếp", "worker"),
    ("thợ", "worker"),
    ("ngư dân", "farmer"),
    ("nông dân", "farmer"),
    ("xã viên", "farmer"),
    ("hộ sản xuất", "farmer"),
]


def seed_keywords(apps=None) -> int:
    """Create the default keywords that are missing; edits and removals by admins are kept."""
    if apps is None:
        from reports.models import WorkerKeyword
    else:
        WorkerKeyword = apps.get_model("reports", "WorkerKeyword")
    created = 0
    for keyword, category in DEFAULT_KEYWORDS:
        _obj, made = WorkerKeyword.objects.get_or_create(
            keyword=keyword, defaults={"category": category}
        )
        created += made
    return created
