"""Python code run in a process of its own with the project's settings and a chosen
environment: settings are read once per process, so changing them needs a new one."""

import os
import subprocess
import sys

from django.conf import settings


def run_with_settings(code: str, env: dict, *, drop=("DJANGO_",), check=False):
    """`code` after `django.setup()`-ready settings (config.settings), with the environment of
    this process minus the variables starting with `drop`, plus `env`."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    full.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=full,
        capture_output=True,
        text=True,
        check=check,
    )
