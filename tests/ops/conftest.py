# The decisions suite's fixtures (a provincial campaign, staff, an issued decision with its
# stored PDF) serve the backup test as they are.
from tests.decisions.conftest import (  # noqa: F401
    another_draft,
    campaign,
    draft,
    fast_and_isolated,
    forms,
    issued,
    make_approved,
    staff,
)
