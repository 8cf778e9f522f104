"""Load generation for the benchmark: bounded GET loops against a server on the loopback.

Plain http.client in threads (one connection per thread; gunicorn's sync workers close it
after each answer and http.client opens a new one). Every loop stops after a fixed number of
requests or a time limit, whichever comes first, and only ever talks to 127.0.0.1.
"""

import http.client
import os
import statistics
import threading
import time
from dataclasses import asdict, dataclass, field

LOOPBACK = "127.0.0.1"


@dataclass
class LoadResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    throughput: float  # requests per second
    statuses: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


def get(port: int, path: str, cookie: str | None = None, timeout: float = 30.0):
    """One GET; returns (status, body bytes)."""
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        headers = {"Host": LOOPBACK, "Accept-Language": "vi"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run_load(
    *,
    port: int,
    path: str,
    cookie: str | None,
    clients: int,
    requests: int,
    time_limit: float,
    expect: int = 200,
) -> LoadResult:
    """`requests` GETs of `path` shared by `clients` threads, or fewer if `time_limit` passes."""
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    issued = 0
    deadline = time.perf_counter() + time_limit

    def worker():
        nonlocal issued
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
        headers = {"Host": LOOPBACK, "Accept-Language": "vi"}
        if cookie:
            headers["Cookie"] = cookie
        while True:
            with lock:
                if issued >= requests or time.perf_counter() > deadline:
                    break
                issued += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    errors = sum(n for status, n in statuses.items() if status != expect)
    return LoadResult(
        clients=clients,
        requests=len(latencies),
        errors=errors,
        seconds=round(wall, 3),
        p50_ms=round(percentile(latencies, 50), 1),
        p95_ms=round(percentile(latencies, 95), 1),
        max_ms=round(max(latencies, default=0.0), 1),
        throughput=round(len(latencies) / wall, 1) if wall else 0.0,
        statuses={str(k): v for k, v in sorted(statuses.items())},
    )


# -- CPU time per request, from /proc (Linux) ------------------------------------------------


def process_cpu(*, server_pid: int, database: str) -> dict[str, float] | None:
    """CPU seconds used so far by the gunicorn server and its workers ("app") and by the
    PostgreSQL backends connected to `database` ("db"); None where /proc is missing."""
    if not os.path.isdir("/proc"):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    app = db = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().decode(errors="replace")
        except OSError:
            continue
        parent, seconds = int(fields[1]), (int(fields[11]) + int(fields[12])) / tick  # utime+stime
        if int(pid) == server_pid or parent == server_pid:
            app += seconds
        elif cmdline.startswith("postgres:") and f" {database} " in cmdline:
            db += seconds
    return {"app": app, "db": db}
