"""The minimal view the benchmark compares every page with (routed only by ops.bench_urls)."""

from django.conf import settings
from django.http import Http404, HttpResponse


def ping(request):
    """A tiny response through the whole middleware stack: the floor of what a page can cost."""
    if not getattr(settings, "OPS_BENCH_PING", False):
        raise Http404
    return HttpResponse(b"pong", content_type="text/plain")
