"""Load and soak: many concurrent clients mixing the example operations against a real server.

    python bench/load_soak.py                    # 32 clients, 10 s warm-up, 60 s measured
    python bench/load_soak.py --seconds 600 --clients 64

Starts ``careergraph serve`` on 127.0.0.1 and a free port (loopback only),
then runs ``--clients`` asyncio clients (httpx) that POST the operations of
``docs/queries/*.graphql`` with the variables beside them (``.json``), in
random order. A share of the requests (``--uncached``) adds an unused
variable so the response cache cannot answer them and the operation really
runs. Warm-up lasts ``--warmup`` seconds and at least until the server's
(bounded) response cache must be full; then the server's resident memory is
read, the counters are reset, and the measured phase runs for ``--seconds``.

Reports requests, errors, throughput, p50/p99/max latency and the server's
RSS after warm-up and at the end. Exits 1 on any error (a non-200 status or
a GraphQL error), or when RSS grew by more than ``--max-growth`` (10 %).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.servers import ROOT, clean_env, free_port, rss_mib, running, wait_ready
from careergraph.settings import Settings

QUERIES = ROOT / "docs" / "queries"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_operation: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    uncached: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    operations = _operations()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # `careergraph serve`: the server users run, with its protocol, connection and header limits.
    command = [sys.executable, "-m", "careergraph.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning"]
    with tempfile.TemporaryDirectory(prefix="careergraph-soak-") as tmp:
        log = Path(tmp) / "server.log"
        with running(command, clean_env(), log) as server:
            wait_ready(server, base, "/readyz", timeout=30)
            report = asyncio.run(_soak(args, operations, base + "/graphql", server.pid))
        if report["errors"]:
            tail = log.read_text(errors="replace")[-3000:]
            print(f"server log (tail):\n{tail}", file=sys.stderr)
    failed = bool(report["errors"]) or report["rss_growth"] > args.max_growth
    _print(report)
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="measured duration (default 60)")
    parser.add_argument("--warmup", type=float, default=10.0, help="warm-up before measuring (default 10)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--uncached", type=float, default=0.5,
                        help="share of requests the response cache cannot answer (default 0.5)")
    parser.add_argument("--max-growth", type=float, default=0.10,
                        help="largest accepted RSS growth after warm-up (default 0.10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the request mix")
    return parser


def _operations() -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(QUERIES.glob("*.graphql")):
        variables_file = path.with_suffix(".json")
        variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
        found.append((path.stem, path.read_text(), variables))
    if not found:
        raise SystemExit(f"no example operations in {QUERIES}")
    return found


async def _soak(args: argparse.Namespace, operations: list, url: str, pid: int) -> dict:
    rng = random.Random(args.seed)
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as http:
        warm = Tally()
        await _phase(http, url, operations, args, rng, warm, args.warmup)
        while args.uncached > 0 and warm.uncached < 2 * Settings().response_cache:
            await _phase(http, url, operations, args, rng, warm, 2.0)  # until the response cache is full
        rss_warm = rss_mib(pid)
        measured = Tally()
        started = time.perf_counter()
        await _phase(http, url, operations, args, rng, measured, args.seconds)
        elapsed = time.perf_counter() - started
        rss_end = rss_mib(pid)
    latencies = sorted(measured.latencies)
    return {
        "clients": args.clients,
        "warmup_requests": len(warm.latencies),
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": warm.errors + measured.errors,
        "throughput": round(len(latencies) / elapsed, 1),
        "p50_ms": round(_quantile(latencies, 0.5) * 1000, 2) if latencies else None,
        "p99_ms": round(_quantile(latencies, 0.99) * 1000, 2) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else None,
        "rss_warm_mib": round(rss_warm, 1),
        "rss_end_mib": round(rss_end, 1),
        "rss_growth": (rss_end - rss_warm) / rss_warm,
        **{f"p50/p99 ms {name}": f"{_quantile(values, 0.5) * 1000:.1f} / {_quantile(values, 0.99) * 1000:.1f}"
           for name, values in sorted(measured.by_operation.items())},
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def _phase(http: httpx.AsyncClient, url: str, operations: list, args: argparse.Namespace,
                 rng: random.Random, tally: Tally, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(_client(http, url, operations, args.uncached, rng, tally, deadline)
                           for _ in range(args.clients)))


async def _client(http: httpx.AsyncClient, url: str, operations: list, uncached: float, rng: random.Random,
                  tally: Tally, deadline: float) -> None:
    while time.perf_counter() < deadline:
        name, query, variables = rng.choice(operations)
        if rng.random() < uncached:  # an unused variable: same operation, a key the cache has not seen
            variables = {**variables, "soakNonce": rng.getrandbits(64)}
            tally.uncached += 1
        started = time.perf_counter()
        try:
            response = await http.post(url, json={"query": query, "variables": variables})
        except httpx.HTTPError as exc:
            tally.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        elapsed = time.perf_counter() - started
        tally.latencies.append(elapsed)
        tally.by_operation.setdefault(name, []).append(elapsed)
        if response.status_code != 200 or "errors" in response.json():
            tally.errors.append(f"{name}: {response.status_code} {response.text[:200]}")


def _print(report: dict) -> None:
    errors = report.pop("errors")
    report["errors"] = len(errors)
    report["rss_growth"] = f"{report['rss_growth'] * 100:+.1f} %"
    width = max(len(key) for key in report)
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")
    for error in errors[:10]:
        print(f"error: {error}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
