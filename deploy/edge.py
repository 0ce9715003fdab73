"""
`make edge`: the production stack on one machine.

Debian's nginx, configured with the project's own `deploy/nginx-site.conf` (the file the
production `deploy/nginx.conf` includes), in front of `make serve`: static files from
STATIC_ROOT, the one-second microcache, the 503 page when the app is gone. Plain http on
127.0.0.1, no TLS. It serves http://127.0.0.1:$EDGE_PORT (default 8080) with the app on
$APP_PORT (default 8000), runs in the foreground and stops both on Ctrl-C or TERM. When the
app stops by itself nginx stays up, as it would in production, to show what visitors get.

`render_config()` is also what the tests and the benchmark use to put nginx in front of a
gunicorn of their own.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SITE_CONF = BASE_DIR / "deploy" / "nginx-site.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
HOST = "127.0.0.1"

CONFIG = """\
# Written by deploy/edge.py for a local run; the production file is deploy/nginx.conf.
{user}worker_processes auto;
pid {scratch}/nginx.pid;
error_log stderr warn;
daemon off;

events {{
    worker_connections 1024;
}}

http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    access_log off;
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi;
    uwsgi_temp_path {scratch}/uwsgi;
    scgi_temp_path {scratch}/scgi;

    proxy_cache_path {scratch}/cache levels=1:2 keys_zone=kayano_pages:10m
                     max_size=256m inactive=1d use_temp_path=off;

    upstream kayano_app {{
        server {upstream} fail_timeout=0;
        keepalive 16;
    }}

    server {{
        listen {host}:{edge_port};
        server_name _;
        set $kayano_site_host {site_host};
        set $kayano_static_root {static_root};
        set $kayano_media_root {media_root};
        include {site_conf};
    }}
}}
"""


def render_config(*, edge_port, upstream, static_root, media_root, scratch, site_host=None):
    """
    The nginx.conf for a local edge on `edge_port` in front of `upstream` (host:port).
    `site_host` is SITE_URL's host and port: by default the edge's own address.
    """
    return CONFIG.format(
        site_host=site_host or f"{HOST}:{edge_port}",
        user="user root;\n" if os.geteuid() == 0 else "",
        scratch=scratch,
        mime_types=MIME_TYPES,
        upstream=upstream,
        host=HOST,
        edge_port=edge_port,
        static_root=Path(static_root).resolve(),
        media_root=Path(media_root).resolve(),
        site_conf=SITE_CONF,
    )


def nginx_binary():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def write_config(scratch, **settings):
    """Write the configuration into `scratch`, check it with `nginx -t`, return its path."""
    path = Path(scratch) / "nginx.conf"
    path.write_text(render_config(scratch=scratch, **settings))
    subprocess.run(
        [nginx_binary(), "-q", "-t", "-p", str(scratch), "-c", str(path)],
        check=True,
    )
    return path


def start_nginx(config, scratch):
    return subprocess.Popen(
        [nginx_binary(), "-p", str(scratch), "-c", str(config)], start_new_session=True
    )


def stop_group(process):
    """TERM a process group we started, then KILL whatever is left after a grace period."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=35)  # gunicorn's graceful_timeout is 30 s
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main():
    if not nginx_binary():
        sys.exit("make edge needs nginx: apt-get install nginx")
    edge_port = int(os.environ.get("EDGE_PORT") or 8080)
    app_port = int(os.environ.get("APP_PORT") or 8000)
    static_root = os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles"
    media_root = os.environ.get("MEDIA_ROOT") or BASE_DIR / "media"
    scratch = Path(tempfile.mkdtemp(prefix="kayano-edge-"))
    config = write_config(
        scratch,
        edge_port=edge_port,
        upstream=f"{HOST}:{app_port}",
        static_root=static_root,
        media_root=media_root,
    )
    make = shutil.which("make")
    app = subprocess.Popen(
        [make, "--no-print-directory", "serve", f"PORT={app_port}"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "SITE_URL": f"http://{HOST}:{edge_port}",
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
        },
        start_new_session=True,
    )
    edge = start_nginx(config, scratch)
    print(f"Edge on http://{HOST}:{edge_port}/ (nginx), app on port {app_port}", flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    app_gone = False
    try:
        while edge.poll() is None:
            if app.poll() is not None and not app_gone:
                app_gone = True
                print(
                    "The app has stopped: nginx keeps answering with the pages it holds, "
                    "and with the 503 page for the rest. Ctrl-C stops it.",
                    flush=True,
                )
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (edge, app):
            stop_group(process)
        shutil.rmtree(scratch, ignore_errors=True)
    return edge.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
