"""Models of the nominations app, one module per aggregate."""

from .dossiers import (
    Attachment,
    Dossier,
    DossierEvent,
    Entry,
    EntryReview,
    _attachment_path,  # noqa: F401 - referenced by migration 0001
)

__all__ = ["Attachment", "Dossier", "DossierEvent", "Entry", "EntryReview"]
