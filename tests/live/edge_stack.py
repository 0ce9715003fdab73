"""
`make edge` run by the tests: nginx (deploy/nginx-site.conf) in front of `make serve`.

The stack is started as the developer starts it, with free ports and a scratch database,
and gunicorn writes its pid to a file so that a test can reload or stop it under nginx.
"""

import http.client
import shutil
import time
from pathlib import Path

from .client import HttpSite
from .servers import free_port, spawn, stop_process_group, tail, wait_until


class EdgeStack(HttpSite):
    def __init__(self, env, workdir):
        workdir = Path(workdir)
        self.edge_port, self.app_port = free_port(), free_port()
        self.host = f"127.0.0.1:{self.edge_port}"
        self.pidfile = workdir / "gunicorn.pid"
        self.log = workdir / "edge.log"
        self.env = env | {
            "EDGE_PORT": str(self.edge_port),
            "APP_PORT": str(self.app_port),
            "GUNICORN_CMD_ARGS": f"--pid {self.pidfile}",
            "XDG_RUNTIME_DIR": str(workdir),
        }
        self.process = None

    def start(self):
        self.process = spawn(
            [shutil.which("make"), "--no-print-directory", "edge"], self.env, self.log
        )
        # collectstatic, migrate and the seed run first: allow them a minute.
        wait_until(self._app_answers, "make edge", timeout=90)
        return self

    def _app_answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"make edge exited:\n{tail(self.log)}")
        try:
            return self.get("/healthz", timeout=2).status == 200
        except (OSError, http.client.HTTPException):
            return False

    def stop(self):
        if self.process is not None:
            stop_process_group(self.process, timeout=40)

    @property
    def gunicorn_pid(self):
        return int(self.pidfile.read_text())

    def log_tail(self, lines=40):
        return tail(self.log, lines)

    def connection(self, timeout):
        return http.client.HTTPConnection("127.0.0.1", self.edge_port, timeout=timeout)

    def get_until(self, path, accept, within, headers=None):
        """GET `path` until `accept(response)`; returns (response, seconds it took)."""
        started = time.monotonic()

        def accepted():
            response = self.get(path, headers)
            return response if accept(response) else None

        response = wait_until(accepted, f"{path} as expected", timeout=within, interval=0.05)
        return response, time.monotonic() - started
