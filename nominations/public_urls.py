"""Public pages of nominations (no sign-in): `/public/postings/<id>/`."""

from django.urls import path

from nominations.views_posting import PublicPostingView

urlpatterns = [
    path("<int:pk>/", PublicPostingView.as_view(), name="public_posting_detail"),
]
