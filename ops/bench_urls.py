"""URLs of the benchmark server: the project's own plus `/ops/ping/`.

Production uses config.urls, where the ping view is not routed at all; the benchmark's
gunicorn runs with ops.bench_settings, which points ROOT_URLCONF here.
"""

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from ops.views import ping

urlpatterns = [path("ops/ping/", ping, name="ops_ping"), *project_urlpatterns]
