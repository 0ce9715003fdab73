"""
Real servers for the live tests: a private PostgreSQL cluster, a private Redis and gunicorn.

Each class starts its server as a child of the test run, on a free port (or a unix socket),
waits a bounded time for it to answer, and stops it again; `stop()` is safe to call twice
and is what the fixtures' finalizers call, so nothing outlives the run. The system
PostgreSQL and Redis (CI's, a developer's) are never touched: a fault test stops only what
it started.

`GunicornServer.get()` and `.post()` speak plain HTTP with the standard library and never
raise on a 4xx or 5xx: a test looks at the status like a user's browser would.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .client import REQUEST_TIMEOUT, HttpSite, UnixHTTPConnection

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"

STARTUP_TIMEOUT = 20
"""Seconds any server gets to answer after it is started."""


# Whatever the developer's shell or CI exported for the suite must not leak into a server
# that a test configures from scratch.
DROPPED_PREFIXES = ("DJANGO_", "SECURE_", "AXES_", "AWS_", "GUNICORN_")
DROPPED_NAMES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "RELEASE",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "CACHE_URL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SERVE_MEDIA",
    "LOG_LEVEL",
    "BIND",
    "PORT",
    "WEB_CONCURRENCY",
    "FORWARDED_ALLOW_IPS",
}


def clean_environ(**overrides):
    """os.environ without the site's settings, plus `overrides` (None removes a name)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in DROPPED_NAMES and not key.startswith(DROPPED_PREFIXES)
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what, timeout=STARTUP_TIMEOUT, interval=0.1):
    """Poll `ready()` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = ready()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout} s")
        time.sleep(interval)


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def manage(env, *args, check=True, timeout=120):
    """Run `manage.py *args` in a fresh interpreter with exactly `env`."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} exited with {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


def spawn(command, env, log_path):
    """Start `command` in the project folder as its own process group, logging to `log_path`
    (so `stop_process_group` can stop it and everything it starts)."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_process_group(process, timeout=15):
    """SIGTERM the group `process` leads (started with start_new_session), then SIGKILL.

    The whole group, so that no gunicorn worker outlives its master.
    """
    with contextlib.suppress(ProcessLookupError):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout)


# PostgreSQL


def postgres_bindir():
    """The newest installed PostgreSQL's bin directory, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else None


class PostgresServer:
    """A throwaway cluster run by the `postgres` user (PostgreSQL refuses to run as root).

    Trust authentication on 127.0.0.1 only, the socket in the cluster's own folder, no fsync:
    it exists for one test run.
    """

    user = "kayano"
    database = "kayano"

    def __init__(self, bindir):
        self.bindir = Path(bindir)
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="kayano-live-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgresql.log"

    @property
    def url(self):
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, program, *args, check=True):
        result = subprocess.run(
            [str(self.bindir / program), *args],
            user="postgres",
            group="postgres",
            extra_groups=[],
            cwd=self.root,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{program} {' '.join(args)} exited with {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}\n{tail(self.log)}"
            )
        return result

    def create(self):
        """initdb, start, and create the empty `kayano` database."""
        shutil.chown(self.root, "postgres", "postgres")
        # -N: no fsync; the cluster is thrown away at the end of the run.
        options = ["-A", "trust", "-U", self.user, "-E", "UTF8", "--locale=C.UTF-8", "-N"]
        self._run("initdb", "-D", str(self.data), *options)
        self.start()
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, self.database
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        wait = ["-w", "-t", str(STARTUP_TIMEOUT)]
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, *wait, "start"
        )

    def stop(self, mode="fast"):
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    @property
    def running(self):
        if not self.data.exists():
            return False
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def destroy(self):
        try:
            self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# Redis


class RedisServer:
    """redis-server in the foreground (our child: its pid is known), nothing saved to disk."""

    def __init__(self, workdir, *args, port=None):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.args = args
        self.port = port or free_port()
        self.log = self.workdir / f"redis-{self.port}.log"
        self.process = None

    def url(self, db=1):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        port, workdir = str(self.port), str(self.workdir)
        command = ["redis-server", "--port", port, "--bind", "127.0.0.1", "--dir", workdir]
        # Nothing on disk: a restarted Redis is empty, as after a crash without persistence.
        command += ["--save", "", "--appendonly", "no", *self.args]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_until(self._answers, f"redis-server on port {self.port}")

    def _answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited:\n{tail(self.log)}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def cli(self, *args, db=None):
        command = ["redis-cli", "-p", str(self.port)]
        if db is not None:
            command += ["-n", str(db)]
        return subprocess.run(
            [*command, *args], capture_output=True, text=True, timeout=10, check=False
        )

    def shutdown(self):
        """What an operator or a crash does: `redis-cli shutdown nosave`."""
        self.cli("shutdown", "nosave")
        self.process.wait(STARTUP_TIMEOUT)

    def dbsize(self, db=1):
        return int(self.cli("dbsize", db=db).stdout.strip())

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is not None:
            if self.running:
                self.cli("shutdown", "nosave")
            stop_process_group(self.process)


# gunicorn


class GunicornServer(HttpSite):
    """`gunicorn --config gunicorn.conf.py` from the repository, as production runs it.

    `bind` is `127.0.0.1:PORT` or `unix:PATH`; `env` is the process's whole environment.
    """

    def __init__(self, env, log):
        self.log = Path(log)
        # gunicorn's control socket goes to $XDG_RUNTIME_DIR, else to ~/.gunicorn/, shared
        # by every gunicorn on the machine: keep this one's beside its log.
        self.env = {"XDG_RUNTIME_DIR": str(self.log.parent)} | env
        self.bind = env["BIND"]
        # What a browser would send: the address it connected to, port included.
        self.host = "localhost" if self.bind.startswith("unix:") else self.bind
        self.process = None

    @property
    def pid(self):
        return self.process.pid

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def launch(self):
        """Start gunicorn without waiting for it (see `start`)."""
        self.process = spawn([str(GUNICORN), "--config", "gunicorn.conf.py"], self.env, self.log)
        return self.process

    def start(self):
        self.launch()
        wait_until(self._answers, f"gunicorn on {self.bind}")
        return self

    def _answers(self):
        if not self.running:
            raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{tail(self.log)}")
        try:
            self.get("/robots.txt", timeout=2)
        except (OSError, http.client.HTTPException):
            return False
        return True

    def stop(self):
        if self.process is not None:
            stop_process_group(self.process)

    def log_tail(self, lines=40):
        return tail(self.log, lines)

    def connection(self, timeout=REQUEST_TIMEOUT):
        if self.bind.startswith("unix:"):
            return UnixHTTPConnection(self.bind.removeprefix("unix:"), timeout=timeout)
        host, port = self.bind.rsplit(":", 1)
        return http.client.HTTPConnection(host, int(port), timeout=timeout)


def site_environ(*, static_root, media_root, secret_key=None, **overrides):
    """The production-like environment of a site under test, on plain HTTP.

    `overrides` add or replace variables; None removes one.
    """
    defaults = {
        "DEBUG": "false",
        "SECRET_KEY": secret_key or secrets.token_urlsafe(50),
        "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "WEB_CONCURRENCY": "2",
        "CONN_MAX_AGE": "60",
    }
    return clean_environ(**(defaults | overrides))
