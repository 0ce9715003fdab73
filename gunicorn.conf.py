"""
Gunicorn settings for the Kayano 14 archive: `gunicorn --config gunicorn.conf.py`.

Everything that differs between machines comes from the environment:

- `BIND`: where to listen, e.g. `unix:/run/kayano/gunicorn.sock`; else `PORT` (set by a
  PaaS: listen on 0.0.0.0:$PORT); else 127.0.0.1:8000. Under systemd socket activation
  (deploy/kayano.socket) the inherited socket is used and neither matters.
- `WEB_CONCURRENCY`: worker processes; default 2 x CPUs + 1, at most 8 (memory runs out
  before CPU does on a small machine).
- `FORWARDED_ALLOW_IPS`: proxies whose X-Forwarded-* headers are trusted (default
  127.0.0.1,::1; a unix socket is always trusted).
- `GUNICORN_TIMEOUT`: seconds a silent worker is allowed before it is replaced (30).

Access lines go to stdout and errors to stderr, both ending up in the journal or the
platform's log stream; each access line ends with the request id (see docs/deploy.md).
"""

import os
import subprocess
import sys


def env_str(name, default):
    """The variable's value; an empty one means unset, as in Django's settings."""
    return os.environ.get(name, "").strip() or default


def env_int(name, default):
    value = env_str(name, "")
    return int(value) if value else default


def default_workers():
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return min(2 * cpus + 1, 8)


platform_port = env_str("PORT", "")
bind = [env_str("BIND", f"0.0.0.0:{platform_port}" if platform_port else "127.0.0.1:8000")]

wsgi_app = "kayano_site.wsgi:application"
proc_name = "kayano"
workers = env_int("WEB_CONCURRENCY", default_workers())

# A worker stuck longer than `timeout` is killed; on SIGTERM or a HUP reload, workers get
# `graceful_timeout` to finish their requests.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak can never grow without bound; the jitter
# keeps them from all restarting at the same moment.
max_requests = 1000
max_requests_jitter = 100

forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat file lives in memory: a slow or full /tmp must not get workers killed.
SHM = "/dev/shm"  # noqa: S108 - only gunicorn's own heartbeat files, created by itself
if os.path.isdir(SHM):
    worker_tmp_dir = SHM

accesslog = "-"
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s" fwd=%({x-forwarded-for}i)s '
    "rid=%({x-request-id}o)s"
)


def on_starting(server):
    """
    Load Django's settings once before any worker starts, in a throwaway process (the
    master must not import Django, or a reload would keep the old code): a missing
    SECRET_KEY or SITE_URL then stops gunicorn with one clear line and a non-zero status,
    instead of every worker failing on import, being replaced and failing again.
    """
    check = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "kayano_site.settings", **os.environ},
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode:
        sys.exit(check.stderr.strip() or f"Django failed to start (status {check.returncode}).")
