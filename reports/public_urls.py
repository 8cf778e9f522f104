from django.urls import path

from reports import views

app_name = "honours"

urlpatterns = [
    path("", views.HonourRollView.as_view(), name="roll"),
]
