"""Deployment settings: check --deploy, CSP, cookies, and no file served outside the views."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.ops.settings_process import run_with_settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "thiduakhenthuong.langson.gov.vn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://thiduakhenthuong.langson.gov.vn",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def _manage(*args, **env_changes):
    """manage.py in a process of its own, with the environment of a production server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    done = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_does_warn_when_a_production_setting_is_missing():
    """The clean run above is meaningful: the same check flags HSTS switched off."""
    done = _manage(
        "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "DJANGO_HSTS_SECONDS": "0"}
    )
    assert done.returncode != 0
    assert "security.W004" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("debug", "secure"), [("0", "True True True True"), ("1", "False False True True")]
)
def test_session_and_csrf_cookies_are_secure_whenever_debug_is_off(debug, secure):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY)"
    )
    done = run_with_settings(code, {**PRODUCTION, "DJANGO_DEBUG": debug})
    assert done.stdout.split() == secure.split(), done.stderr


def test_sign_in_page_sends_a_csp_without_unsafe_inline(client, db):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    # Only our own files, plus a per-response nonce when a page needs one.
    assert all(t == "'self'" or t.startswith("'nonce-") for t in directives["script-src"].split())
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_media_files_are_never_served_by_url(client, admin_client, settings, tmp_path):
    """Stored decisions and attachments go only through views that check permissions."""
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("decisions/2024/1-secret.pdf", ContentFile(b"%PDF-1.4 secret"))
    assert (tmp_path / name).exists()
    for c in (client, admin_client):
        response = c.get(f"{settings.MEDIA_URL}{name}")
        assert response.status_code == 404
        assert b"secret" not in response.content
