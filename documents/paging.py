"""What `includes/pagination.html` reads of a page that a view cut itself (not a ListView's)."""


def page_context(page) -> dict:
    """`is_paginated`, `page_obj` and `paginator` of a Paginator's `page`."""
    return {
        "is_paginated": page.paginator.num_pages > 1,
        "page_obj": page,
        "paginator": page.paginator,
    }
