from django.urls import path

from campaigns.views.units import UnitDetailView, UnitListView

urlpatterns = [
    path("", UnitListView.as_view(), name="unit_list"),
    path("<int:pk>/", UnitDetailView.as_view(), name="unit_detail"),
]
