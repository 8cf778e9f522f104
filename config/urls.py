from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from decisions.views import VerifyView
from nominations.views import HomeView

admin.site.site_header = _("Emulation and commendation portal")
admin.site.site_title = _("Emulation and commendation portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("units/", include("campaigns.unit_urls")),
    path("campaigns/", include("campaigns.urls")),
    path("dossiers/", include("nominations.urls")),
    path("public/campaigns/", include("campaigns.public_urls")),
    path("public/postings/", include("nominations.public_urls")),
    path("congresses/", include("congresses.urls")),
    path("decisions/", include("decisions.urls")),
    path("public/decisions/", include("decisions.public_urls")),
    path("verify/<str:token>/", VerifyView.as_view(), name="verify"),
    path("reports/", include("reports.urls")),
    path("public/honours/", include("reports.public_urls")),
    path("admin/", admin.site.urls),
    path("", include("awards.urls")),
]
