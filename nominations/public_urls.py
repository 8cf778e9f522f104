"""Public pages of nominations (no sign-in): `/public/postings/` and `/public/postings/<id>/`."""

from django.urls import path

from nominations.views_posting import PublicPostingListView, PublicPostingView

urlpatterns = [
    path("", PublicPostingListView.as_view(), name="public_posting_list"),
    path("<int:pk>/", PublicPostingView.as_view(), name="public_posting_detail"),
]
