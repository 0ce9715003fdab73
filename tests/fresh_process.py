"""Run Python in a fresh interpreter beside manage.py, to see how settings load from scratch."""

import os
import subprocess
import sys

from django.conf import settings


def run_python(*args, drop=(), **env):
    """Run `python *args` with this environment, minus the variables named or prefixed in
    `drop`, plus `env`."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith(tuple(drop))}
    return subprocess.run(
        [sys.executable, *args],
        env={**kept, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
