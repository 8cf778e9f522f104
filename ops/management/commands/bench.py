"""Province-scale benchmark: data set, gunicorn, latency at 1 and 10 clients, queries per page,
PDFs and a 10,000-row import, printed as a table and written as JSON.

Two processes. This command (the outer one) creates a throwaway PostgreSQL database next to
the developer's (never touching the default database), then runs itself again with
`--inner` and DATABASE_URL pointing at it, DEBUG off and a throwaway secret key; the inner run
migrates, builds the data, measures, and starts gunicorn on a free loopback port. The outer
run drops the database afterwards unless --keep is given.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

PAGES = [
    "ping",
    "signed_in",
    "home",
    "dossiers",
    "dossier",
    "campaigns",
    "dashboard",
    "dashboard_computed",
    "honours",
    "verify",
]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
P95_TARGET_MS = 150
RATIO_TARGET = 5
# Measured for reference, without a target: the floor of a signed-in page (session, user,
# layout), between the minimal view and the staff pages.
REFERENCES = {"signed_in"}
IMPORT_TARGET_S = 10


def _server_url(option: str | None) -> str:
    """The PostgreSQL server to create the benchmark database on (its maintenance database)."""
    if option:
        return option
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.postgresql":
        user = default.get("USER") or "postgres"
        password = f":{default['PASSWORD']}" if default.get("PASSWORD") else ""
        host = default.get("HOST") or "127.0.0.1"
        port = default.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/postgres"
    return DEFAULT_SERVER


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _conninfo(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Build a province-scale data set in a throwaway PostgreSQL database, serve it with "
        "gunicorn and measure pages, queries, PDFs and an Excel import."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the province-scale data set."
        )
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark database.")
        parser.add_argument(
            "--pages", default=",".join(PAGES), help=f"Comma-separated subset of {PAGES}."
        )
        parser.add_argument("--clients", default="1,10", help="Concurrency levels.")
        parser.add_argument(
            "--requests", type=int, default=200, help="Requests per page and concurrency level."
        )
        parser.add_argument(
            "--time-limit", type=float, default=30.0, help="Seconds at most per measurement."
        )
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
        parser.add_argument("--pdf-awardees", type=int, default=100)
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument(
            "--server-url",
            help="PostgreSQL server (maintenance database URL); default: BENCH_DATABASE_URL, "
            "the default database's server, or postgres://postgres@127.0.0.1:5432/postgres.",
        )
        parser.add_argument("--db-name", default="portal_bench")
        parser.add_argument("--output", help="JSON file (default bench/results/<time>.json).")
        parser.add_argument("--inner", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        pages = [p.strip() for p in options["pages"].split(",") if p.strip()]
        unknown = set(pages) - set(PAGES)
        if unknown:
            raise CommandError(f"Unknown pages: {', '.join(sorted(unknown))}")
        options["pages"] = pages
        options["clients"] = [int(c) for c in options["clients"].split(",") if c.strip()]
        if options["inner"]:
            from ops.benchrun import run_inner

            return run_inner(self, options)
        return self._outer(options)

    # -- the outer process: a database of its own, then the inner run ---------------------------

    def _outer(self, options):
        import psycopg

        name = options["db_name"]
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise CommandError("--db-name: lower-case letters, digits and underscores only.")
        default = settings.DATABASES["default"]
        server = _server_url(options["server_url"])
        bench_url = _with_database(server, name)
        if default["ENGINE"] == "django.db.backends.postgresql" and default["NAME"] == name:
            raise CommandError("The benchmark database must not be the default database.")
        try:
            admin = psycopg.connect(_conninfo(server), autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as exc:
            raise CommandError(f"PostgreSQL unreachable at {server}: {exc}") from exc
        output = Path(
            options["output"]
            or Path(settings.BASE_DIR, "bench", "results", f"{timezone.now():%Y%m%d-%H%M%S}.json")
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            self.stdout.write(f"Benchmark database {name} created on {urlsplit(server).hostname}.")
            media = tempfile.mkdtemp(prefix="portal-bench-media-")
            try:
                env = self._inner_env(bench_url, media)
                command = [
                    sys.executable,
                    str(Path(settings.BASE_DIR, "manage.py")),
                    "bench",
                    "--inner",
                    f"--scale={options['scale']}",
                    f"--pages={','.join(options['pages'])}",
                    f"--clients={','.join(str(c) for c in options['clients'])}",
                    f"--requests={options['requests']}",
                    f"--time-limit={options['time_limit']}",
                    f"--workers={options['workers']}",
                    f"--pdf-awardees={options['pdf_awardees']}",
                    f"--import-rows={options['import_rows']}",
                    f"--output={output}",
                ]
                done = subprocess.run(command, env=env, cwd=settings.BASE_DIR, check=False)
                if done.returncode:
                    raise CommandError(f"The benchmark run failed (exit {done.returncode}).")
            finally:
                shutil.rmtree(media, ignore_errors=True)
                if options["keep"]:
                    self.stdout.write(f"Kept: DATABASE_URL={bench_url}")
                else:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    self.stdout.write(f"Benchmark database {name} dropped.")
        self.stdout.write(f"Results: {output}")
        return None

    @staticmethod
    def _inner_env(bench_url: str, media: str) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_"))
        }
        env.update(
            DATABASE_URL=bench_url,
            DJANGO_SETTINGS_MODULE="ops.bench_settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_MANIFEST_STATIC="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            DATABASE_CONN_MAX_AGE="600",
            DJANGO_LOG_LEVEL="ERROR",
            # Decisions signed by the benchmark store their PDFs here, not in the developer's media.
            DJANGO_MEDIA_ROOT=media,
        )
        return env


def free_port() -> int:
    return _free_port()


def wait_for(port: int, path: str, seconds: float = 30.0) -> None:
    from ops.benchload import get

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = get(port, path, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


def write_json(path: str, data: dict) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str))
