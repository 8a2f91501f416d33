#!/usr/bin/env python3
"""Load benchmark of Trusted Server against real peers on loopback.

Starts a static nginx origin, then each proxy in turn (Trusted Server, nginx proxy_pass, nginx sub_filter,
Bun's HTMLRewriter, a bare YARP forwarder), drives it with wrk, and prints one table of medians of
interleaved runs. Then a TTFB probe through a trickling origin and a memory probe with a slow client.
Every process it starts is stopped by PID at the end. Only loopback addresses are used.
"""

import argparse
import gzip
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "..", "shared", "fixtures", "html", "nextjs-article.html")
FIXTURE_HOST = b"https://www.test-publisher.com"
HOST = "127.0.0.1"
PORTS = {"origin": 18081, "trickle": 18082, "ts": 18090, "nginx": 18091, "nginx_sub": 18092, "bun": 18093, "yarp": 18094,
         "nginx_unbuf": 18095, "nginx_sub_gz": 18096}
CLK = os.sysconf("SC_CLK_TCK")
STARTED = []


def log(msg):
    print(f"[load] {msg}", file=sys.stderr, flush=True)


def origin_url(port_name="origin"):
    return f"http://{HOST}:{PORTS[port_name]}"


# ---------------------------------------------------------------- process helpers

def start(name, argv, env=None, cwd=None):
    out = open(os.path.join(WORK, f"{name}.log"), "wb")
    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
                            cwd=cwd, start_new_session=True)
    STARTED.append(proc)
    return proc


def stop(proc):
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def stop_all():
    for proc in STARTED:
        stop(proc)


def wait_ready(port, path="/small.html", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=2) as r:
                r.read()
                return
        except urllib.error.HTTPError:
            return
        except Exception:  # noqa: BLE001 - any failure means not ready yet
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {HOST}:{port} within {timeout}s")


def descendants(pid):
    """The PID and every descendant (nginx workers, bun's threads are in-process)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_seconds(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / CLK


def peak_rss_mib(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


# ---------------------------------------------------------------- content and servers

def prepare_content():
    site = os.path.join(WORK, "site")
    os.makedirs(site, exist_ok=True)
    with open(FIXTURE, "rb") as f:
        page = f.read().replace(FIXTURE_HOST, origin_url().encode())
    with open(os.path.join(site, "page.html"), "wb") as f:
        f.write(page)
    with open(os.path.join(site, "page.html.gz"), "wb") as f:
        f.write(gzip.compress(page, 6))
    small = (b"<!doctype html><html><head><title>small</title></head><body>"
             + (b'<p><a href="' + origin_url().encode() + b'/x">link</a> text text text</p>\n') * 24)
    small = small[:2000] + b"</body></html>\n"
    with open(os.path.join(site, "small.html"), "wb") as f:
        f.write(small)
    with open(os.path.join(site, "blob.bin"), "wb") as f:
        f.write(os.urandom(5 * 1024 * 1024))
    return site, page


def nginx_conf(name, body):
    conf = os.path.join(WORK, f"{name}.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
worker_processes 1;
pid {WORK}/{name}.pid;
error_log {WORK}/{name}.error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {WORK}/{name}.tmp;
  proxy_temp_path {WORK}/{name}.tmp;
  fastcgi_temp_path {WORK}/{name}.tmp;
  uwsgi_temp_path {WORK}/{name}.tmp;
  scgi_temp_path {WORK}/{name}.tmp;
  types {{ text/html html; application/octet-stream bin; }}
  keepalive_requests 100000;
  {body}
}}
""")
    return conf


def start_nginx(name, body):
    return start(name, ["nginx", "-c", nginx_conf(name, body), "-e", f"{WORK}/{name}.error.log"])


def start_origin(site):
    return start_nginx("origin", f"""server {{ listen {HOST}:{PORTS['origin']}; root {site};
    sendfile on; tcp_nopush on; gzip_static on; gzip_proxied any; }}""")


# nginx as it is deployed: responses buffered in memory (never in temp files), upstream keep-alive.
BUFFERED = "proxy_buffering on; proxy_buffer_size 32k; proxy_buffers 16 32k; proxy_max_temp_file_size 0;"


def proxy_body(port, upstream, extra="", buffering=BUFFERED):
    return f"""upstream up {{ server {upstream}; keepalive 64; }}
  server {{ listen {HOST}:{port};
    location / {{ proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection "";
      {buffering} {extra} }} }}"""


def start_peer(peer, upstream_port_name="origin", port=None):
    upstream = f"{HOST}:{PORTS[upstream_port_name]}"
    port = port or PORTS[peer]
    if peer == "ts":
        toml = os.path.join(WORK, f"ts-{port}.toml")
        with open(toml, "w") as f:
            f.write(f"""[publisher]
domain = "{HOST}:{port}"
origin_url = "http://{upstream}"
cookie_domain = "{HOST}"
proxy_secret = "load-benchmark-secret-load-benchmark"

# The peers log nothing per request (nginx runs with access_log off), so neither do we here.
[logging]
level = "warning"
""")
        # The GC settings it ships with (its runtimeconfig); DOTNET_* variables in this script's environment still apply.
        env = {"Logging__LogLevel__Default": "Warning"}
        return start(f"ts-{port}", ["dotnet", TS_DLL, "serve", "--config", toml, "--urls", f"http://{HOST}:{port}"],
                     env=env)
    if peer == "nginx":
        return start_nginx(f"nginx-{port}", proxy_body(port, upstream))
    if peer == "nginx_unbuf":
        return start_nginx(f"nginx_unbuf-{port}", proxy_body(port, upstream, buffering="proxy_buffering off;"))
    if peer in ("nginx_sub", "nginx_sub_gz"):
        extra = (f'proxy_set_header Accept-Encoding ""; sub_filter "http://{upstream}" "http://{HOST}:{port}";'
                 " sub_filter_once off; sub_filter_types *;")
        if peer == "nginx_sub_gz":
            # Rewrites identity like nginx_sub, then compresses at level 1, as Trusted Server re-encodes (Fastest).
            extra += " gzip on; gzip_types text/html; gzip_proxied any; gzip_comp_level 1;"
        return start_nginx(f"{peer}-{port}", proxy_body(port, upstream, extra))
    if peer == "bun":
        return start(f"bun-{port}", [BUN, os.path.join(ROOT, "benchmarks", "load", "bun-proxy.js")],
                     env={"PORT": str(port), "ORIGIN": f"http://{upstream}", "HOST": HOST})
    if peer == "yarp":
        return start(f"yarp-{port}", ["dotnet", YARP_DLL, "--urls", f"http://{HOST}:{port}"],
                     env={"ORIGIN_URL": f"http://{upstream}"})
    raise ValueError(peer)


# ---------------------------------------------------------------- wrk

def parse_size(text):
    num, unit = float(text[:-2]), text[-2:]
    return num * {"KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}.get(unit, 1)


def parse_ms(text):
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)


def run_wrk(port, path, conns, seconds, headers, pid):
    threads = 1 if conns == 1 else 2
    argv = ["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    for h in headers:
        argv += ["-H", h]
    argv.append(f"http://{HOST}:{port}{path}")
    cpu0 = cpu_seconds(pid)
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 30).stdout
    cpu = cpu_seconds(pid) - cpu0
    res = {"rps": 0.0, "bytes": 0.0, "p50": float("nan"), "p99": float("nan"), "cpu": cpu, "req": 0, "errors": 0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            res["rps"] = float(parts[1])
        elif "requests in" in line and "read" in line:
            res["req"] = int(parts[0])
            res["bytes"] = parse_size(parts[4])
        elif len(parts) == 2 and parts[0] == "50.000%" or len(parts) == 2 and parts[0] == "50%":
            res["p50"] = parse_ms(parts[1])
        elif len(parts) == 2 and parts[0] in ("99%", "99.000%"):
            res["p99"] = parse_ms(parts[1])
        elif line.strip().startswith("Non-2xx") or line.strip().startswith("Socket errors"):
            res["errors"] += 1
    res["mbps"] = res["bytes"] / seconds / 1e6
    return res


# ---------------------------------------------------------------- probes

class TrickleHandler(BaseHTTPRequestHandler):
    """An origin that sends the page in five parts 200 ms apart, recording when its first part left."""

    page = b""
    first_sent = {}
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        body = self.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        step = (len(body) + 4) // 5
        for i in range(5):
            part = body[i * step:(i + 1) * step]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.flush()
            if i == 0:
                TrickleHandler.first_sent[self.path] = time.perf_counter()
            if i < 4:
                time.sleep(0.2)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def fetch_times(port, path):
    """Seconds from request to first body byte and to last byte, on a raw socket."""
    t0 = time.perf_counter()
    first = None
    with socket.create_connection((HOST, port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        buf = b""
        while True:
            data = s.recv(65536)
            if not data:
                break
            if first is None:
                buf += data
                idx = buf.find(b"\r\n\r\n")
                if idx >= 0 and len(buf) > idx + 4:
                    first = time.perf_counter()
                    buf = b""
    return t0, first, time.perf_counter()


def ttfb_probe(page, peers):
    TrickleHandler.page = page
    server = ThreadingHTTPServer((HOST, PORTS["trickle"]), TrickleHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        for peer in ["origin"] + peers:
            port = PORTS["trickle"] if peer == "origin" else PORTS[peer] + 100
            proc = None
            if peer != "origin":
                proc = start_peer(peer, "trickle", port)
                wait_ready(port, "/warm")
            firsts, lasts = [], []
            for i in range(3):
                path = f"/p{peer}{i}"
                t0, first, last = fetch_times(port, path)
                sent = TrickleHandler.first_sent.get(path, t0)
                firsts.append((first - sent) * 1000 if first else float("nan"))
                lasts.append((last - t0) * 1000)
            rows.append((peer, statistics.median(firsts), statistics.median(lasts)))
            if proc:
                stop(proc)
    finally:
        server.shutdown()
    return rows


def memory_probe(page):
    site = os.path.join(WORK, "big")
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(site, "huge.bin"), "wb") as f:
        f.truncate(1024 ** 3)
    reps = (200 * 1024 * 1024) // len(page) + 1
    with open(os.path.join(site, "huge.html"), "wb") as f:
        for _ in range(reps):
            f.write(page)
    origin = start_nginx("big-origin", f"""server {{ listen {HOST}:{PORTS['trickle']}; root {site};
      types {{ text/html html; application/octet-stream bin; }} sendfile on; }}""")
    rows = []
    try:
        for path in ("/huge.bin", "/huge.html"):
            port = PORTS["ts"] + 200
            proc = start_peer("ts", "trickle", port)
            wait_ready(port, "/")
            base = peak_rss_mib(proc.pid)
            slow = subprocess.Popen(["curl", "-s", "-o", "/dev/null", "--limit-rate", "1M", "--max-time", "15",
                                     f"http://{HOST}:{port}{path}"])
            fast = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{size_download}", "--max-time", "120",
                                   f"http://{HOST}:{port}{path}"], capture_output=True, text=True)
            slow.wait(30)
            rows.append((path, int(fast.stdout or 0), base, peak_rss_mib(proc.pid)))
            stop(proc)
    finally:
        stop(origin)
    return rows


# ---------------------------------------------------------------- main

CELLS = [
    # (workload, path, headers, connection counts, peers)
    ("rewrite identity", "/page.html", [], (1, 32), ["ts", "nginx_sub", "bun"]),
    ("rewrite gzip", "/page.html", ["Accept-Encoding: gzip"], (1, 32), ["ts", "nginx_sub_gz", "bun"]),
    ("pass-through 5 MiB", "/blob.bin", [], (1, 32), ["ts", "nginx", "nginx_unbuf", "yarp", "bun"]),
    ("small 2 KB", "/small.html", [], (1, 32), ["ts", "nginx", "yarp", "origin"]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-probes", action="store_true")
    ap.add_argument("--peers", default="ts,nginx,nginx_unbuf,nginx_sub,nginx_sub_gz,bun,yarp,origin",
                    help="comma list to run")
    args = ap.parse_args()
    wanted = set(args.peers.split(","))
    for i, cell in enumerate(CELLS):
        CELLS[i] = cell[:4] + ([p for p in cell[4] if p in wanted],)
    site, page = prepare_content()
    procs = {"origin": start_origin(site)}
    wait_ready(PORTS["origin"])
    peers = sorted({p for cell in CELLS for p in cell[4] if p != "origin"})
    for peer in peers:
        procs[peer] = start_peer(peer)
    for peer in peers:
        wait_ready(PORTS[peer])
    results = {}
    for run in range(args.runs):
        log(f"run {run + 1} of {args.runs}")
        for workload, path, headers, conns_list, cell_peers in CELLS:
            for conns in conns_list:
                for peer in cell_peers:
                    port = PORTS[peer]
                    res = run_wrk(port, path, conns, args.seconds, headers, procs[peer].pid)
                    results.setdefault((workload, conns, peer), []).append(res)
    print_table(results, procs)
    if not args.skip_probes:
        for peer in peers:
            stop(procs[peer])
        log("TTFB probe")
        rows = ttfb_probe(page, ["ts", "nginx", "nginx_sub", "bun", "yarp"])
        print("\nTTFB probe (origin sends the page in 5 parts 200 ms apart; medians of 3)\n")
        print("| through | first body byte after origin's first part, ms | last byte, ms |")
        print("|---|---|---|")
        for peer, first, last in rows:
            print(f"| {peer} | {first:.1f} | {last:.0f} |")
        log("memory probe")
        rows = memory_probe(page)
        print("\nMemory probe (Trusted Server; one fast client and one client reading at 1 MB/s)\n")
        print("| body | bytes to fast client | RSS before, MiB | peak RSS, MiB |")
        print("|---|---|---|---|")
        for path, size, base, peak in rows:
            print(f"| {path} | {size:,} | {base:.0f} | {peak:.0f} |")


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def print_table(results, procs):
    print("\n| workload | conns | peer | req/s | MB/s | p50 ms | p99 ms | CPU s/GB | CPU ms/req | TS/peer req/s | "
          "TS/peer CPU per req | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for workload, path, headers, conns_list, cell_peers in CELLS:
        for conns in conns_list:
            ts = results.get((workload, conns, "ts"), [{"rps": float("nan"), "cpu": 0, "req": 1}])
            ts_rps = med([r["rps"] for r in ts])
            ts_cpr = med([r["cpu"] / max(r["req"], 1) for r in ts])
            for peer in cell_peers:
                rs = results[(workload, conns, peer)]
                rps = med([r["rps"] for r in rs])
                mbps = med([r["mbps"] for r in rs])
                cpu_gb = med([r["cpu"] / max(r["bytes"] / 1e9, 1e-9) for r in rs])
                cpr = med([r["cpu"] / max(r["req"], 1) for r in rs])
                errs = sum(r["errors"] for r in rs)
                rss = peak_rss_mib(procs[peer].pid) if peer in procs else float("nan")
                ratio = "" if peer == "ts" else f"{ts_rps / rps:.2f}x" if rps else "n/a"
                cratio = "" if peer == "ts" else f"{ts_cpr / cpr:.2f}x" if cpr else "n/a"
                flag = " (errors)" if errs else ""
                print(f"| {workload} | {conns} | {peer}{flag} | {rps:,.0f} | {mbps:,.0f} | {med([r['p50'] for r in rs]):.2f} | "
                      f"{med([r['p99'] for r in rs]):.2f} | {cpu_gb:.2f} | {cpr * 1000:.3f} | {ratio} | {cratio} | "
                      f"{rss:.0f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    WORK = tempfile.mkdtemp(prefix="ts-load-")
    os.chmod(WORK, 0o755)  # nginx workers drop to an unprivileged user and must read the site
    TS_DLL = os.environ["TS_DLL"]
    YARP_DLL = os.environ["YARP_DLL"]
    BUN = os.environ["BUN"]
    try:
        main()
    finally:
        stop_all()
        shutil.rmtree(WORK, ignore_errors=True)
