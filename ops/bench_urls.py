"""URLs of the benchmark server: the project's own plus `/ops/ping/` and `/ops/signed-in/`.

Production uses config.urls, where these views are not routed at all; the benchmark's
gunicorn runs with ops.bench_settings, which points ROOT_URLCONF here.
"""

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from ops.views import ping, signed_in

urlpatterns = [
    path("ops/ping/", ping, name="ops_ping"),
    path("ops/signed-in/", signed_in, name="ops_signed_in"),
    *project_urlpatterns,
]
