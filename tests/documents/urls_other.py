"""A URLconf for tests of {% url %}: `home` at another path, and a second admin site."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path

other_site = admin.AdminSite(name="other_admin")

urlpatterns = [
    path("elsewhere/home/", lambda request: HttpResponse(), name="home"),
    path("admin/", admin.site.urls),
    path("other-admin/", other_site.urls),
]
