"""
Load-test the public pages under gunicorn, against a catalog of 1,000 and then 10,000 shoes.

Run it with `make bench` (or `.venv/bin/python benchmarks/bench.py`). It builds a scratch
SQLite database in a temporary folder (migrate, load_seed, add_synthetic_shoes), collects
the static files there, starts gunicorn on 127.0.0.1 and measures each page with
`wrk -t1 -c8 -d5s --latency`: once "uncached" (a Lua script gives every request its own
session cookie, which the page cache never answers; unknown query parameters no longer
bypass it) and once "cached" (the plain URL, which the page cache serves after the first
request). An uncached request so costs one query more than a visitor's first render: the
lookup of the (unknown) session. The static CSS file, served by whitenoise,
is the yardstick: on a small shared machine, quote a page's ratio to it rather than its
absolute requests per second.

The same pages are then measured through the edge (`make edge`'s nginx, configured with
deploy/nginx-site.conf, in front of the same gunicorn): nginx serving the CSS file is the
yardstick there, and home, list and detail come from its one-second microcache.

Prints a Markdown table and exits non-zero if any run saw a socket error (a request slower
than 5 s included), a response other than 2xx/3xx, or completed no request at all. Without
wrk it falls back to a small Python thread-pool load generator.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR / "deploy"))
import edge  # noqa: E402 - deploy/edge.py, which `make edge` runs

HOST = "127.0.0.1"
SIZES = (1_000, 10_000)
WRK = shutil.which("wrk")
# Gives each request its own session cookie; `init` takes a per-run token from wrk's arguments.
NOCACHE_LUA = """
local token, counter = "run", 0
function init(args) token = args[1] or token end
function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path, {["Cookie"] = "sessionid=" .. token .. "-" .. counter})
end
"""
COUNT_SHOES = "SELECT COUNT(*) FROM catalog_shoe"
SYNTHETIC_SLUG = "SELECT slug FROM catalog_shoe WHERE slug LIKE 'synthetic-%' ORDER BY id"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, timeout=600
    )


def sql(database_url, query):
    """The first value `query` returns, on SQLite or PostgreSQL."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(query).fetchone()[0]
    with psycopg.connect(database_url) as db:
        return db.execute(query).fetchone()[0]


def static_css_url(static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, scratch):
    """gunicorn without gunicorn.conf.py: no access log, no worker recycling mid-run."""
    log_path, config = scratch / f"gunicorn-{port}.log", scratch / "gunicorn.conf.py"
    config.touch()
    command = [sys.executable, "-m", "gunicorn", "-c", str(config), "-b", f"{HOST}:{port}"]
    command += ["-w", "2", "kayano_site.wsgi:application"]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
    if not wait_until_idle(server, port, within=30):
        stop(server)
        raise RuntimeError(f"gunicorn did not answer /healthz:\n{log_path.read_text()[-3000:]}")
    return server


def start_edge(app_port, static_root, scratch):
    """nginx as `make edge` runs it, in front of the gunicorn on `app_port`."""
    edge_port, edge_scratch = free_port(), scratch / f"edge-{app_port}"
    edge_scratch.mkdir()
    config = edge.write_config(
        edge_scratch,
        edge_port=edge_port,
        upstream=f"{HOST}:{app_port}",
        site_host=f"{HOST}:{app_port}",
        static_root=static_root,
        media_root=scratch / "media",
    )
    nginx = edge.start_nginx(config, edge_scratch)
    if not wait_until_idle(nginx, edge_port, within=30):
        stop(nginx)
        raise RuntimeError("nginx did not answer /healthz")
    return edge_port, nginx


def wait_until_idle(server, port, within):
    """True once /healthz answers fast twice in a row: no backlog left from an earlier run."""
    deadline, fast = time.monotonic() + within, 0
    while time.monotonic() < deadline and server.poll() is None:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=10) as reply:
                ok = reply.status == 200
        except OSError:
            ok = False
            time.sleep(0.3)
        fast = fast + 1 if ok and time.monotonic() - started < 0.25 else 0
        if fast == 2:
            return True
    return False


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output):
    """Requests/s, latency percentiles (ms) and error counts from `wrk --latency` output."""
    percentiles = {
        int(p): to_ms(value) for p, value in re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M)
    }
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        **{f"p{p}": value for p, value in percentiles.items()},
        "errors": sum(map(int, sockets.groups())) if sockets else 0,
        "bad_status": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run_wrk(url, uncached, args, lua_path, token):
    # A request slower than 5 s counts as a socket error (timeout), so it fails the run.
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    command += ["--timeout", "5s", url]
    if uncached:
        command += ["-s", str(lua_path), "--", token]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 30)
    if done.returncode:
        raise RuntimeError(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    return parse_wrk(done.stdout)


def run_python(port, path, uncached, args, token):
    """A plain thread-pool load generator, for machines without wrk; slower than wrk."""
    results, deadline = [], time.monotonic() + args.duration  # (milliseconds or None, status)

    def worker(number):
        connection, sent = http.client.HTTPConnection(HOST, port, timeout=5), 0
        while time.monotonic() < deadline:
            sent += 1
            cookie = {"Cookie": f"sessionid={token}-{number}-{sent}"} if uncached else {}
            started = time.monotonic()
            try:
                connection.request("GET", path, headers=cookie)
                reply = connection.getresponse()
                reply.read()
                results.append(((time.monotonic() - started) * 1000, reply.status))
            except (OSError, http.client.HTTPException):
                connection.close()
                results.append((None, 0))
        connection.close()

    with ThreadPoolExecutor(args.connections) as pool:
        list(pool.map(worker, range(args.connections)))
    latencies = sorted(ms for ms, _status in results if ms is not None)
    pick = [latencies[int(q * len(latencies))] if latencies else 0.0 for q in (0.5, 0.9, 0.99)]
    return {
        "rps": len(latencies) / args.duration,
        **dict(zip(("p50", "p90", "p99"), pick, strict=True)),
        "errors": len(results) - len(latencies),
        "bad_status": sum(not 200 <= status < 400 for ms, status in results if ms is not None),
    }


def check_ok(port, path):
    """A page that answers 3xx would be benchmarked as a redirect: insist on a 200 first."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    finally:
        connection.close()
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: nothing to benchmark")


def measure(server, port, size, pages, args, lua_path):
    rows, static_rps = [], None
    for index, (label, path, modes) in enumerate(pages):
        check_ok(port, path)
        for mode in modes:
            # A slow page leaves queued requests behind: let them drain first.
            if not wait_until_idle(server, port, within=60):
                print("  warning: the server is still busy; measuring anyway", file=sys.stderr)
            token = f"{size}-{index}-{time.monotonic_ns()}"
            uncached = mode == "uncached"
            if WRK:
                result = run_wrk(f"http://{HOST}:{port}{path}", uncached, args, lua_path, token)
            else:
                result = run_python(port, path, uncached, args, token)
            static_rps = static_rps or result["rps"]
            rows.append({"size": size, "page": label, "mode": mode, **result})
            rows[-1]["ratio"] = result["rps"] / static_rps if static_rps else 0.0
            print(f"  {label} ({mode}): {result['rps']:.0f} req/s", file=sys.stderr)
    return rows


def rps_digits(row):
    return 1 if row["rps"] < 10 else 0


def table(rows):
    lines = [
        "| Shoes | Page | Mode | Req/s | p50 (ms) | p90 (ms) | p99 (ms) | vs static | Errors |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        errors = row["errors"] + row["bad_status"]
        lines.append(
            f"| {row['size']:,} | {row['page']} | {row['mode']} | {row['rps']:.{rps_digits(row)}f} "
            f"| {row['p50']:.1f} | {row['p90']:.1f} | {row['p99']:.1f} "
            f"| {row['ratio']:.3f} | {errors} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per run (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="open connections (8)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="an empty PostgreSQL database to fill and measure (postgres://…), instead of "
        "a scratch SQLite file; its tables are created, and left for you to drop",
    )
    args = parser.parse_args()
    if not WRK:
        print("wrk not found: falling back to the (slower) Python load generator.", file=sys.stderr)

    scratch = Path(tempfile.mkdtemp(prefix="kayano-bench-"))
    static_root, lua_path = scratch / "static", scratch / "t.lua"
    lua_path.write_text(NOCACHE_LUA)
    database_url = args.database or f"sqlite:///{scratch / 'db.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}",
        "SECURE_SSL_REDIRECT": "false",  # plain http on 127.0.0.1: no redirect to https
        "STATIC_ROOT": str(static_root),
        "CACHE_URL": "locmemcache://bench",  # per worker, empty at each start
        "LOG_LEVEL": "WARNING",
    }
    rows = []
    try:
        print(f"Scratch folder: {scratch}", file=sys.stderr)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_seed", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        css = static_css_url(static_root)
        for size in SIZES:
            missing = size - sql(database_url, COUNT_SHOES)
            if missing > 0:
                manage(env, "add_synthetic_shoes", str(missing), "--verbosity", "0")
            detail = f"/shoes/{sql(database_url, SYNTHETIC_SLUG)}/"
            paths = ["/", "/shoes/", detail, "/timeline/", "/sitemap.xml", "/api/v1/shoes/"]
            pages = [("static css", css, ["static"])]
            pages += [(path, path, ["uncached", "cached"]) for path in paths]
            # Search results are never stored: every search is a first render.
            # A rare word, and one in every synthetic shoe (as "kayano" would be in a real
            # archive's names).
            searches = ("/search/?q=jjjjound", "/search/?q=synthetic")
            pages += [(search, search, ["uncached"]) for search in searches]
            # A download is made once per change of the catalog, then served from the cache.
            pages += [("/data/shoes.csv", "/data/shoes.csv", ["cached"])]
            edge_pages = [("edge: static css", css, ["static"])]
            edge_pages += [(f"edge: {path}", path, ["cached"]) for path in ("/", "/shoes/", detail)]
            port = free_port()
            shoes = sql(database_url, COUNT_SHOES)
            print(f"{shoes:,} shoes, gunicorn on port {port}", file=sys.stderr)
            # A fresh server per catalog size: its local-memory cache starts empty. Pages are
            # stored only for SITE_URL's host, which the edge passes on as well.
            server = start_gunicorn({**env, "SITE_URL": f"http://{HOST}:{port}"}, port, scratch)
            try:
                rows += measure(server, port, size, pages, args, lua_path)
                edge_port, nginx = start_edge(port, static_root, scratch)
                try:
                    rows += measure(nginx, edge_port, size, edge_pages, args, lua_path)
                finally:
                    stop(nginx)
            finally:
                stop(server)
    finally:
        if args.keep:
            print(f"Kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    print(table(rows))
    failed = [r for r in rows if r["errors"] or r["bad_status"] or not r["rps"]]
    for r in failed:
        print(f"FAILED ({r['errors']} socket errors, or no 2xx/3xx): {r}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
