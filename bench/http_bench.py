"""HTTP benchmark: careergraph against a static-JSON server that returns the same bytes, under wrk.

    python bench/http_bench.py                               # the default classes, 32 connections, 5 s runs
    python bench/http_bench.py --classes repeated,latency --duration 10
    python bench/http_bench.py --classes scale               # the 100,000-position graph through the API

Starts ``careergraph serve`` (uvicorn, one worker, the bundled seed) and
`bench/baseline_server.py` on loopback ports, asks careergraph every request a
class will send, gives the captured answers to the baseline (byte-identical
bodies, same content type), and loads both with wrk, alternately, for each
class. Prints requests/s, p50 and p99 latency and the ratio careergraph /
static, then the goals of docs/performance.md with the measured values.

Classes (``--classes``, comma-separated; ``all`` for every one):

- ``repeated``: one careerPath request again and again, POST and GET (the
  response cache answers).
- ``distinct``: new variables every request against a server started with
  ``CAREERGRAPH_RESPONSE_CACHE=0``: careerPath over every pair of positions
  joined by a path, a 20-entity list over every ``after`` cursor, and a
  nested query (10 entities -> 5 relations each -> the node at the far end).
- ``latency``: the distinct careerPath at one connection.
- ``cold``: process start to the first answered query, several times; the
  median counts.
- ``memory``: resident memory (VmRSS) of each server after its load.
- ``workers``: ``careergraph serve --workers 1`` and ``2``, cache off, on the
  distinct careerPath and the repeated POST.
- ``build``: `bench/bench_build.py` (seed and corpus build times).
- ``scale``: a generated graph of ``--positions`` positions, written as a
  snapshot and served (cache off); careerPath and careerPaths(k: 5) through
  the API, one request at a time. Takes a minute or two; not in the default set.

The headline figures are careergraph on its defaults (``careergraph serve``:
log level info, so a JSON access line per request); each throughput class is
also run against a server with ``--log-level warning`` (no access log), in the
same rounds, shown beside (``--no-log-off`` skips them). Beside requests/s,
each server's CPU time per request (from /proc): while the server is
CPU-bound, the ratio of CPU times is the throughput ratio, and it hardly moves
when other work shares the machine. wrk gets
``--threads`` threads (default 1: on a 2-core machine the server gets the
other core).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.servers import ROOT, clean_env, free_port, rss_mib, running, wait_ready
from schema.pagination import encode_cursor

QUERIES = ROOT / "docs" / "queries"
ACCEPT = "application/graphql-response+json, application/json;q=0.9"
DEFAULT_CLASSES = ("repeated", "distinct", "latency", "cold", "memory", "workers", "build")
ALL_CLASSES = (*DEFAULT_CLASSES, "scale")

CAREER_PATH = (QUERIES / "career-path.graphql").read_text(encoding="utf-8")
CAREER_PATH_VARIABLES = json.loads((QUERIES / "career-path.json").read_text(encoding="utf-8"))

ENTITY_LIST = """query EntityList($after: String) {
  entities(first: 20, after: $after) {
    nodes { name kind }
    pageInfo { endCursor hasNextPage }
  }
}"""

NESTED = """query Nested($after: String) {
  entities(first: 10, after: $after) {
    nodes {
      name
      kind
      relations(first: 5) {
        nodes { type node { name kind } }
      }
    }
  }
}"""

POSITIONS = "{ roles { name } levels { name } specializations { name } }"

CAREER_PATHS = """query CareerPaths($from: String!, $to: String!) {
  careerPaths(from: $from, to: $to, k: 5) {
    hops
    steps { via entity { name kind } sources { document line text } }
  }
}"""


# -- requests and workloads ---------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One HTTP request: POST with a JSON body, or GET with a query string."""

    method: str
    target: str
    body: str = ""

    @classmethod
    def post(cls, query: str, variables: dict[str, Any] | None = None) -> Request:
        payload: dict[str, Any] = {"query": query}
        if variables:
            payload["variables"] = variables
        return cls("POST", "/graphql", json.dumps(payload, separators=(",", ":")))

    @classmethod
    def get(cls, query: str, variables: dict[str, Any] | None = None) -> Request:
        params = {"query": query}
        if variables:
            params["variables"] = json.dumps(variables, separators=(",", ":"))
        return cls("GET", "/graphql?" + urlencode(params))

    @property
    def key(self) -> str:
        """What the baseline answers by: the POST body or the GET query string."""
        return self.body if self.method == "POST" else self.target.partition("?")[2]


@dataclass
class Workload:
    """A query class: the requests wrk cycles through, and whether the cache must be off."""

    name: str
    requests: list[Request]
    uncached: bool = False
    answers: list[dict[str, Any]] = field(default_factory=list)


def workloads(base: str) -> list[Workload]:
    """The query classes, with variables read from the served graph."""
    positions = _graphql(base, Request.post(POSITIONS))["data"]
    names = [item["name"] for kind in ("roles", "levels", "specializations") for item in positions[kind]]
    pairs = [(a, b) for a in names for b in names if a != b]
    connected = [
        (a, b) for a, b in pairs
        if _graphql(base, Request.post(CAREER_PATH, {"from": a, "to": b}))["data"]["careerPath"] is not None
    ]
    total = _graphql(base, Request.post("{ entities { totalCount } }"))["data"]["entities"]["totalCount"]
    pages = [None, *(encode_cursor(i) for i in range(total - 20))]  # every page holds 20 entities
    nested_pages = [None, *(encode_cursor(i) for i in range(total - 10))]
    return [
        Workload("repeated POST careerPath", [Request.post(CAREER_PATH, CAREER_PATH_VARIABLES)]),
        Workload("repeated GET careerPath", [Request.get(CAREER_PATH, CAREER_PATH_VARIABLES)]),
        Workload("distinct careerPath", [Request.post(CAREER_PATH, {"from": a, "to": b}) for a, b in connected],
                 uncached=True),
        Workload("distinct 20-entity list", [Request.post(ENTITY_LIST, {"after": c} if c else None) for c in pages],
                 uncached=True),
        Workload("distinct nested", [Request.post(NESTED, {"after": c} if c else None) for c in nested_pages],
                 uncached=True),
    ]


def _graphql(base: str, request: Request) -> dict[str, Any]:
    status, _, body = _send(base, request)
    answer = json.loads(body)
    if status != 200 or answer.get("errors"):
        raise SystemExit(f"careergraph refused a benchmark request ({status}): {body[:300]!r}")
    return answer


def _send(base: str, request: Request, connection: http.client.HTTPConnection | None = None,
          ) -> tuple[int, str, bytes]:
    """Status, content type and body of one request."""
    own = connection is None
    connection = connection or http.client.HTTPConnection(*_host_port(base), timeout=60)
    try:
        headers = {"accept": ACCEPT}
        if request.method == "POST":
            headers["content-type"] = "application/json"
        connection.request(request.method, request.target, body=request.body.encode() or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("content-type", ""), response.read()
    finally:
        if own:
            connection.close()


def _host_port(base: str) -> tuple[str, int]:
    host, _, port = base.removeprefix("http://").partition(":")
    return host, int(port)


def capture(base: str, workload: Workload) -> None:
    """Ask careergraph every request of a workload; keep the answers for the baseline."""
    connection = http.client.HTTPConnection(*_host_port(base), timeout=60)
    for request in workload.requests:
        status, content_type, body = _send(base, request, connection)
        if status != 200 or b'"errors"' in body:
            raise SystemExit(f"{workload.name}: careergraph answered {status}: {body[:300]!r}")
        workload.answers.append({"method": request.method, "key": request.key, "status": status,
                                 "content_type": content_type, "body": body.decode()})
    connection.close()


def check_baseline(base: str, workload: Workload) -> None:
    """The baseline must answer every request with careergraph's exact bytes and content type."""
    connection = http.client.HTTPConnection(*_host_port(base), timeout=60)
    for request, answer in zip(workload.requests, workload.answers, strict=True):
        status, content_type, body = _send(base, request, connection)
        if (status, content_type, body.decode()) != (answer["status"], answer["content_type"], answer["body"]):
            raise SystemExit(f"{workload.name}: the baseline's answer differs from careergraph's")
    connection.close()


# -- servers --------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    base: str

    @property
    def pid(self) -> int:
        return self.process.pid


def careergraph_command(port: int, workers: int = 1, log_level: str = "info") -> list[str]:
    return [sys.executable, "-m", "careergraph.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--log-level", log_level]


@contextmanager
def careergraph(log: Path, *, workers: int = 1, log_level: str = "info", **env: str) -> Iterator[Server]:
    port = free_port()
    with running(careergraph_command(port, workers, log_level), clean_env(**env), log) as process:
        server = Server(process, f"http://127.0.0.1:{port}")
        wait_ready(process, server.base, "/readyz", timeout=600)
        yield server


@contextmanager
def baseline(log: Path, answers: Path) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "bench.baseline_server:app_from_env",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    with running(command, clean_env(CAREERGRAPH_BASELINE_ANSWERS=str(answers)), log) as process:
        server = Server(process, f"http://127.0.0.1:{port}")
        wait_ready(process, server.base, "/graphql")
        yield server


def worker_pids(pid: int) -> list[int]:
    """The uvicorn workers under a supervisor (the process itself when it has none), not multiprocessing helpers."""
    import psutil  # the bench extra

    children = psutil.Process(pid).children(recursive=True)
    return [child.pid for child in children if "spawn_main" in " ".join(child.cmdline())] or [pid]


# -- wrk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_us: float = 0.0  # the server's CPU time per request (all its threads), when its pid was given


def lua_script(workload: Workload, folder: Path) -> Path:
    """A wrk script sending the workload's requests in turn (a fixed request when there is one)."""
    path = folder / (workload.name.replace(" ", "-").replace("/", "") + ".lua")
    headers = f'{{["Accept"] = "{ACCEPT}", ["Content-Type"] = "application/json"}}'
    lines = ["-- written by bench/http_bench.py", f"local headers = {headers}"]
    if len(workload.requests) == 1:
        request = workload.requests[0]
        lines += [f'wrk.method = "{request.method}"', f"wrk.path = {_lua_string(request.target)}",
                  "wrk.headers = headers"]
        if request.method == "POST":
            lines.append(f"wrk.body = {_lua_string(request.body)}")
    else:
        items = ",\n  ".join(f'{{"{r.method}", {_lua_string(r.target)}, {_lua_string(r.body)}}}'
                             for r in workload.requests)
        lines += [
            f"local items = {{\n  {items}\n}}",
            "local prepared = {}",
            "local counter = 0",
            "function init(args)",
            "  for i, item in ipairs(items) do",
            "    local body = nil",
            '    if item[1] == "POST" then body = item[3] end',
            "    prepared[i] = wrk.format(item[1], item[2], headers, body)",
            "  end",
            "  counter = math.random(#prepared)",
            "end",
            "function request()",
            "  counter = counter % #prepared + 1",
            "  return prepared[counter]",
            "end",
        ]
    lines += [
        "function done(summary, latency, requests)",
        "  local e = summary.errors",
        '  io.write(string.format("WRK_JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, '
        '\\"p50_us\\": %d, \\"p99_us\\": %d}\\n", summary.requests, summary.duration, '
        "e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(99)))",
        "end",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lua_string(text: str) -> str:
    level = "="
    while f"]{level}]" in text:
        level += "="
    return f"[{level}[{text}]{level}]"


def wrk(base: str, script: Path, connections: int, seconds: float, threads: int, pid: int | None = None) -> Run:
    """One wrk run; with the server's ``pid``, also its CPU time per request (its workers' and its own)."""
    threads = max(1, min(threads, connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(script),
               base + "/graphql"]
    pids = sorted({pid, *worker_pids(pid)}) if pid is not None else []
    cpu_before = sum(cpu_seconds(p) for p in pids)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    cpu = sum(cpu_seconds(p) for p in pids) - cpu_before
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    return Run(data["requests"] / (data["duration_us"] / 1e6), data["p50_us"] / 1000, data["p99_us"] / 1000,
               data["errors"], cpu / max(data["requests"], 1) * 1e6)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, all threads: /proc, else psutil."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        fields = stat.read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    import psutil  # the bench extra

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


@dataclass
class Comparison:
    name: str
    careergraph: list[Run]
    static: list[Run]
    log_off: list[Run] = field(default_factory=list)

    @staticmethod
    def _median(runs: list[Run], attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in runs)

    def value(self, side: str, attribute: str) -> float:
        return self._median(getattr(self, side), attribute)

    @property
    def ratio(self) -> float:
        return self.value("careergraph", "rps") / self.value("static", "rps")

    @property
    def ratio_log_off(self) -> float | None:
        return self.value("log_off", "rps") / self.value("static", "rps") if self.log_off else None

    @property
    def cpu_ratio(self) -> float:
        """Static's CPU time per request over careergraph's: the throughput ratio, unaffected by other load."""
        mine = self.value("careergraph", "cpu_us")
        return self.value("static", "cpu_us") / mine if mine else 0.0

    @property
    def cpu_ratio_log_off(self) -> float | None:
        mine = self.value("log_off", "cpu_us") if self.log_off else 0.0
        return self.value("static", "cpu_us") / mine if mine else None

    @property
    def errors(self) -> int:
        return sum(run.errors for run in (*self.careergraph, *self.static, *self.log_off))


def compare(workload: Workload, cg: Server, static: Server, script: Path, args: argparse.Namespace,
            connections: int, log_off: Server | None = None) -> Comparison:
    """Alternate careergraph, the baseline (and careergraph without its log), ABBA order, after a warm-up of each."""
    servers = [cg, static] if log_off is None else [cg, static, log_off]
    for server in servers:
        wrk(server.base, script, connections, 1, args.threads)
    result = Comparison(workload.name, [], [])
    order = list(zip(servers, [result.careergraph, result.static, result.log_off], strict=False))
    for round_ in range(args.rounds):
        for server, runs in order if round_ % 2 == 0 else reversed(order):
            runs.append(wrk(server.base, script, connections, args.duration, args.threads, server.pid))
    return result


# -- cold start, workers ------------------------------------------------------------


def cold_start(log: Path, times: int) -> list[float]:
    """Seconds from process start to the first answered careerPath query, ``times`` times."""
    request = Request.post(CAREER_PATH, CAREER_PATH_VARIABLES)
    results = []
    for _ in range(times):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        with running(careergraph_command(port), clean_env(), log):
            while True:
                try:
                    status, _, _ = _send(base, request)
                except OSError:
                    time.sleep(0.002)
                    continue
                if status == 200:
                    break
            results.append(time.perf_counter() - started)
    return results


# -- scale: a large generated graph through the API ------------------------------------


def scale(args: argparse.Namespace, folder: Path, log: Path) -> list[tuple[str, str]]:
    from bench.generate_graph import generate_career_graph
    from graph.paths import POSITION_KINDS, reachable_positions
    from graph.snapshot import write_snapshot

    rows = []
    started = time.perf_counter()
    G = generate_career_graph(args.positions, args.edges, 0)
    rows.append(("graph generated", f"{time.perf_counter() - started:.1f} s ({len(G)} nodes, {G.edge_count} edges)"))
    rng = random.Random(0)
    positions = [node for kind in POSITION_KINDS for node in G.entities(kind)]
    pairs: list[tuple[str, str]] = []
    while len(pairs) < args.pairs:
        source = rng.choice(positions)
        reached = reachable_positions(G, source.id)[1:]
        if reached:
            pairs.append((source.id, rng.choice(reached)[0].id))
    snapshot = folder / "scale-graph.json"
    started = time.perf_counter()
    with snapshot.open("w", encoding="utf-8") as out:
        write_snapshot(G, out)
    rows.append(("snapshot written", f"{time.perf_counter() - started:.1f} s, "
                 f"{snapshot.stat().st_size / 2**20:.0f} MiB"))
    del G
    started = time.perf_counter()
    with careergraph(log, CAREERGRAPH_SEED=str(snapshot), CAREERGRAPH_RESPONSE_CACHE="0",
                     CAREERGRAPH_TIMEOUT_SECONDS="30") as server:
        rows.append(("server ready (snapshot loaded)", f"{time.perf_counter() - started:.1f} s"))
        connection = http.client.HTTPConnection(*_host_port(server.base), timeout=60)
        for label, query, count in (("careerPath", CAREER_PATH, len(pairs)),
                                    ("careerPaths(k: 5)", CAREER_PATHS, args.k_pairs)):
            times = []
            for source_id, target_id in pairs[:count]:
                request = Request.post(query, {"from": source_id, "to": target_id})
                began = time.perf_counter()
                status, _, body = _send(server.base, request, connection)
                times.append((time.perf_counter() - began) * 1000)
                if status != 200 or b'"errors"' in body:
                    raise SystemExit(f"scale: {label} failed: {body[:300]!r}")
            rows.append((f"{label} through the API ({count} pairs)",
                         f"median {statistics.median(times):.2f} ms, p95 {_quantile(times, 0.95):.2f} ms, "
                         f"max {max(times):.2f} ms"))
        rows.append(("server resident memory", f"{rss_mib(server.pid):.0f} MiB"))
    return rows


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


# -- the run -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    classes = set(ALL_CLASSES if args.classes == "all" else args.classes.split(","))
    unknown = classes - set(ALL_CLASSES)
    if unknown:
        raise SystemExit(f"unknown classes {sorted(unknown)}; choose from {', '.join(ALL_CLASSES)} or all")
    _print_machine(args)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="careergraph-bench-") as tmp:
        folder = Path(tmp)
        log = folder / "servers.log"
        try:
            if classes & {"repeated", "distinct", "latency", "memory", "workers"}:
                _throughput(args, classes, folder, log, report)
            if "cold" in classes:
                times = cold_start(log, args.cold_runs)
                report["cold"] = times
                print(f"\ncold start ({len(times)} runs): median {statistics.median(times) * 1000:.0f} ms, "
                      f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
            if "build" in classes:
                from bench.bench_build import build_rows

                print("\nbuild")
                _print_rows(build_rows())
            if "scale" in classes:
                print(f"\nscale: {args.positions} positions, {args.edges} edges, through the API")
                _print_rows(scale(args, folder, log))
        except BaseException:
            if log.exists():
                print("server log (tail):\n" + log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
    _print_goals(report)
    return 0


def _throughput(args: argparse.Namespace, classes: set[str], folder: Path, log: Path, report: dict) -> None:
    with contextlib.ExitStack() as stack:
        cached = stack.enter_context(careergraph(log, log_level=args.log_level))
        uncached = stack.enter_context(careergraph(log, log_level=args.log_level, CAREERGRAPH_RESPONSE_CACHE="0"))
        quiet: dict[bool, Server | None] = {False: None, True: None}
        if not args.no_log_off:
            quiet[False] = stack.enter_context(careergraph(log, log_level="warning"))
            quiet[True] = stack.enter_context(careergraph(log, log_level="warning", CAREERGRAPH_RESPONSE_CACHE="0"))
        loads = workloads(cached.base)
        for workload in loads:
            capture(cached.base, workload)
        answers = folder / "answers.json"
        answers.write_text(json.dumps([a for w in loads for a in w.answers]), encoding="utf-8")
        scripts = {w.name: lua_script(w, folder) for w in loads}
        by_name = {w.name: w for w in loads}
        with baseline(log, answers) as static:
            for workload in loads:
                check_baseline(static.base, workload)
            print(f"\nthroughput: {args.connections} connections, {args.rounds} x {args.duration:g} s per server, "
                  f"alternating (medians); careergraph on its defaults (log level {args.log_level})"
                  + ("" if args.no_log_off else ", and with --log-level warning (log off)"))
            print(f"{'class':<28} {'careergraph req/s':>17} {'p50/p99 ms':>13} {'static req/s':>13} "
                  f"{'p50/p99 ms':>13} {'ratio':>7} {'log off':>8} {'CPU µs/req, ratio':>17} {'log off':>8}")
            for workload in loads:
                if ("distinct" if workload.uncached else "repeated") not in classes:
                    continue
                server = uncached if workload.uncached else cached
                comparison = compare(workload, server, static, scripts[workload.name], args, args.connections,
                                     quiet[workload.uncached])
                report[workload.name] = comparison
                _print_comparison(comparison)
            if "latency" in classes:
                workload = by_name["distinct careerPath"]
                comparison = compare(workload, uncached, static, scripts[workload.name], args, 1, quiet[True])
                comparison.name = "distinct careerPath, 1 conn"
                report["latency"] = comparison
                _print_comparison(comparison)
        if "memory" in classes:
            report["rss"] = {"cache on": rss_mib(cached.pid), "cache off": rss_mib(uncached.pid)}
            print("\nresident memory after the load: " +
                  ", ".join(f"{name} {value:.1f} MiB" for name, value in report["rss"].items()))
    if "workers" in classes:
        _workers(args, folder, log, loads, scripts, report)


def _workers(args: argparse.Namespace, folder: Path, log: Path, loads: list[Workload], scripts: dict[str, Path],
             report: dict) -> None:
    print(f"\nworkers (careergraph serve --workers N, cache off, {args.connections} connections, "
          f"{args.duration:g} s)")
    names = ["distinct careerPath", "repeated POST careerPath"]
    curve: dict[str, list[float]] = {name: [] for name in names}
    rss: list[list[float]] = []
    for workers in (1, 2):
        with careergraph(log, workers=workers, log_level=args.log_level,
                         CAREERGRAPH_RESPONSE_CACHE="0") as server:
            for name in names:
                wrk(server.base, scripts[name], args.connections, 2, args.threads)  # warms every worker
                curve[name].append(wrk(server.base, scripts[name], args.connections, args.duration,
                                       args.threads).rps)
            rss.append([rss_mib(pid) for pid in worker_pids(server.pid)])
    for name, values in curve.items():
        print(f"  {name:<28} 1 worker {values[0]:8.0f} req/s   2 workers {values[1]:8.0f} req/s   "
              f"x{values[1] / values[0]:.2f}")
    print("  resident memory per worker: " + "; ".join(
        f"{n} worker{'s' if n > 1 else ''}: " + ", ".join(f"{v:.1f} MiB" for v in values)
        for n, values in enumerate(rss, start=1)))
    report["workers"] = curve


def _print_comparison(c: Comparison) -> None:
    cg = f"{c.value('careergraph', 'p50_ms'):.2f}/{c.value('careergraph', 'p99_ms'):.2f}"
    st = f"{c.value('static', 'p50_ms'):.2f}/{c.value('static', 'p99_ms'):.2f}"
    errors = f"  ({c.errors} errors)" if c.errors else ""
    off = f"{c.ratio_log_off * 100:>7.1f}%" if c.ratio_log_off is not None else f"{'-':>8}"
    cpu = f"{c.value('careergraph', 'cpu_us'):>5.0f}/{c.value('static', 'cpu_us'):<4.0f} {c.cpu_ratio * 100:>5.1f}%"
    cpu_off = f"{c.cpu_ratio_log_off * 100:>7.1f}%" if c.cpu_ratio_log_off is not None else f"{'-':>8}"
    print(f"{c.name:<28} {c.value('careergraph', 'rps'):>17.0f} {cg:>13} {c.value('static', 'rps'):>13.0f} "
          f"{st:>13} {c.ratio * 100:>6.1f}% {off} {cpu:>17} {cpu_off}{errors}", flush=True)


def _print_rows(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}", flush=True)


GOALS = (
    ("repeated POST careerPath", "ratio", 0.90, ">= 90 % of static"),
    ("repeated GET careerPath", "ratio", 0.90, ">= 90 % of static"),
    ("distinct careerPath", "ratio", 0.30, ">= 30 % of static"),
    ("distinct 20-entity list", "ratio", 0.30, ">= 30 % of static"),
    ("distinct nested", "ratio", 0.15, ">= 15 % of static"),
)


def _print_goals(report: dict[str, Any]) -> None:
    rows: list[tuple[str, str, str, bool]] = []
    for name, _, goal, wording in GOALS:
        if name in report:
            ratio = report[name].ratio
            off = report[name].ratio_log_off
            measured = f"{ratio * 100:.1f} %" + (f" (log off {off * 100:.1f} %)" if off is not None else "")
            cpu = report[name].cpu_ratio
            measured += f"; by CPU time {cpu * 100:.1f} %" if cpu else ""
            rows.append((name, wording, measured, ratio >= goal))
    if "latency" in report:
        p50, p99 = report["latency"].value("careergraph", "p50_ms"), report["latency"].value("careergraph", "p99_ms")
        rows.append(("distinct careerPath, 1 conn, p50", "< 1 ms", f"{p50:.2f} ms", p50 < 1))
        rows.append(("distinct careerPath, 1 conn, p99", "< 3 ms", f"{p99:.2f} ms", p99 < 3))
    if "cold" in report:
        median = statistics.median(report["cold"])
        rows.append(("cold start (median)", "< 1.2 s", f"{median:.2f} s", median < 1.2))
    if "rss" in report:
        worst = max(report["rss"].values())
        rows.append(("resident memory, one worker", "< 80 MB", f"{worst * 2**20 / 1e6:.1f} MB", worst * 2**20 < 80e6))
    if not rows:
        return
    print("\ngoals")
    width = max(len(row[0]) for row in rows)
    for name, wording, measured, met in rows:
        print(f"  {name:<{width}}  {wording:<18} {measured:>48}  {'met' if met else 'MISSED'}")


def _print_machine(args: argparse.Namespace) -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = ", ".join(f"{name} {_version(name)}" for name in
                         ("strawberry-graphql", "graphql-core", "starlette", "uvicorn", "uvloop", "httptools",
                          "orjson", "networkx"))
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" [")[0]
    print(f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {versions}; {wrk_version}")
    print(f"command: python bench/http_bench.py {' '.join(sys.argv[1:])}".rstrip())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", default=",".join(DEFAULT_CLASSES),
                        help=f"comma-separated classes, or all (default {','.join(DEFAULT_CLASSES)})")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run (default 5)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--rounds", type=int, default=2, help="runs per server and class, alternating (default 2)")
    parser.add_argument("--cold-runs", type=int, default=7, help="cold starts measured (default 7)")
    parser.add_argument("--log-level", default="info",
                        help="careergraph's log level for the headline figures (default info: the default, "
                             "an access line per request)")
    parser.add_argument("--no-log-off", action="store_true",
                        help="skip the log-off servers (--log-level warning) measured beside the headline")
    parser.add_argument("--positions", type=int, default=100_000, help="scale: career positions (default 100000)")
    parser.add_argument("--edges", type=int, default=500_000, help="scale: edges (default 500000)")
    parser.add_argument("--pairs", type=int, default=200, help="scale: careerPath requests (default 200)")
    parser.add_argument("--k-pairs", type=int, default=50, help="scale: careerPaths(k: 5) requests (default 50)")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
