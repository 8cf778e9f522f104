#!/usr/bin/env python
import os
import sys

if sys.version_info < (3, 12):  # noqa: UP036 - a clear message on the default 3.11
    sys.exit(
        f"Python >= 3.12 is required (found {sys.version.split()[0]}). "
        "Use the pyenv interpreter in .python-version, or run `make setup`."
    )


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
