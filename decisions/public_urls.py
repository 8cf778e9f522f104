from django.urls import path

from decisions import views

app_name = "public_decisions"

urlpatterns = [
    path("", views.PublicDecisionListView.as_view(), name="list"),
    path("<int:pk>/pdf/", views.PublicDecisionPdfView.as_view(), name="pdf"),
]
