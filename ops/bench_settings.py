"""Settings of the benchmark's processes: the project's, plus the minimal view.

Used only by `manage.py bench` for its own server and its own database (DATABASE_URL points at
the throwaway benchmark database); never in production.
"""

import warnings

from config.settings import *  # noqa: F403

ROOT_URLCONF = "ops.bench_urls"
OPS_BENCH_PING = True

# The benchmark serves no static files (STATIC_ROOT is not collected): keep WhiteNoise quiet.
warnings.filterwarnings("ignore", message="No directory at")
