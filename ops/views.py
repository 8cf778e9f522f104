"""The reference views the benchmark compares every page with (routed only by ops.bench_urls)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse


def ping(request):
    """A tiny response through the whole middleware stack: the floor of what a page can cost."""
    if not getattr(settings, "OPS_BENCH_PING", False):
        raise Http404
    return HttpResponse(b"pong", content_type="text/plain")


def signed_in(request):
    """The floor of a signed-in page: the session and the user read, the layout (menu, account
    menu, footer) rendered around an empty page. Not a target: it shows how much of the
    ratio a staff page spends before its own work."""
    if not getattr(settings, "OPS_BENCH_PING", False):
        raise Http404
    return _signed_in(request)


@login_required
def _signed_in(request):
    return TemplateResponse(request, "ops/signed_in.html")
