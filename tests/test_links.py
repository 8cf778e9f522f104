"""Every link a page shows its user opens for that user.

A crawl of the demo (seed_demo: the real units, seeds, a dossier taken to a signed decision),
from the home page, for every demo account and for a visitor: each link of each page reached
is followed, and must not answer 403 or 404 (nor fail). Before, the statistics page offered a
leader "Results" (403) and a district's officer the province's summaries (404); a commune's
successor saw links to its former district's dossier and council, and a unit's page linked the
province above it.

Files (PDFs, Excel exports, attachments) are left out: they are checked by the permission
matrix (tests/test_permissions.py), and rendering each would make this test slow.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from nominations.management.commands.seed_demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

# Links not followed: files, the admin (its own permissions), signing out.
SKIPPED = re.compile(
    r"^/(static|media|admin)/|/(pdf|export|exports|download|file|files|logout|template)(/|$)"
    r"|\.(pdf|xlsx|docx|png|jpg|ico)$"
)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)(?:#[^"]*)?"')
# Pages read for their links, per kind of page (the path with its numbers as N): every link
# found is requested, but only a few pages of a kind are read in turn (300 unit pages link
# what three of them do).
READ_PER_KIND = 3


def _kind(url: str) -> str:
    path, _, query = url.partition("?")
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(sorted(re.findall(r"(\w+)=", query))))


def _crawl(client, start: list[str]) -> tuple[dict[str, tuple[int, str]], int]:
    """({url: (status, the page that linked it)} of every failing link, how many were
    requested), for every link of the pages reached from `start`."""
    requested, failing, read = set(start), {}, {}
    queue = deque((url, "(start)") for url in start)
    while queue:
        url, linked_from = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            failing[url] = (response.status_code, linked_from)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        kind = _kind(url)
        read[kind] = read.get(kind, 0) + 1
        if read[kind] > READ_PER_KIND:
            continue  # requested (it opens), not read for more links
        for href in HREF.findall(response.content.decode()):
            parts = urlsplit(urljoin("http://testserver" + url, unescape(href)))
            if parts.netloc != "testserver" or SKIPPED.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in requested:
                requested.add(target)
                queue.append((target, url))
    return failing, len(requested)


def test_no_page_links_a_page_its_user_may_not_open(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo decision's PDF
    settings.STATISTICS_CACHE_SECONDS = 60  # pages kept as in service, shared across users
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from accounts.models import User

    failing, requested = {}, {}
    for username, *_rest in DEMO_ACCOUNTS:
        client.force_login(User.objects.get(username=username))
        found, requested[username] = _crawl(client, ["/", "/reports/", "/units/"])
        failing.update({f"{username} {url}": why for url, why in found.items()})
    client.logout()
    found, requested["visitor"] = _crawl(client, ["/public/honours/", "/public/postings/"])
    failing.update({f"visitor {url}": why for url, why in found.items()})
    assert failing == {}
    # The crawl reached the pages behind the menus (province staff see the most).
    assert requested["tinh.canbo"] > 300
    assert min(requested.values()) > 10
