"""The ``careergraph`` command: a thin shell over functions you can call from Python.

    careergraph serve    run the API server (uvicorn)
    careergraph reload   make a running server reload its graph from its seed (SIGHUP)
    careergraph build    extract a seed and write a graph snapshot
    careergraph inspect  print the coverage report of a seed
    careergraph export   write the graph as GraphML or node-link JSON
    careergraph schema   print the GraphQL SDL
    careergraph query    run a GraphQL document against the graph, no server needed
    careergraph path     the shortest career path between two positions, with evidence
    careergraph mcp      serve the graph to one MCP client (an LLM agent) over stdio

Errors print one line to stderr and exit with a named, non-zero code.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import IO

from careergraph import __version__
from careergraph.settings import SETTINGS, Settings, SettingsError, add_arguments
from graph import CareerGraph, CareerGraphError, EntityNotFound, load_graph
from graph.paths import CareerPath, PositionChanges
from seed import DEFAULT_SEED, SeedError, Source

__all__ = ["ExitCode", "main"]


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    BAD_INPUT = 3
    NOT_FOUND = 4
    QUERY_ERRORS = 5


class CommandError(Exception):
    def __init__(self, message: str, code: ExitCode = ExitCode.FAILURE) -> None:
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return ExitCode.USAGE
    try:
        return int(args.run(args) or ExitCode.OK)
    except CommandError as exc:
        print(f"careergraph: {exc}", file=sys.stderr)
        return exc.code
    except (SeedError, SettingsError) as exc:
        print(f"careergraph: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except EntityNotFound as exc:
        print(f"careergraph: {exc}", file=sys.stderr)
        return ExitCode.NOT_FOUND
    except CareerGraphError as exc:
        print(f"careergraph: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except BrokenPipeError:
        return ExitCode.OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careergraph",
        description="Career-guide text in, a typed, queryable career knowledge graph out.",
        epilog="Run `careergraph COMMAND --help` for a command's options. "
        "Every `serve` option can also be set with a CAREERGRAPH_* environment variable.",
    )
    parser.add_argument("--version", action="version", version=f"careergraph {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the API server", description=(
        "Serve the GraphQL API, GraphiQL and the career map. Example: careergraph serve --port 8080 "
        "--seed guides/"))
    add_arguments(serve)
    serve.add_argument("--reload", action="store_true", help="restart when the code changes (development)")
    serve.set_defaults(run=_serve)

    reload = commands.add_parser("reload", help="reload a running server's graph", description=(
        "Send SIGHUP to a running server: every worker rebuilds the graph from the same seed in the background "
        "and swaps it in; a seed that no longer loads keeps the old graph serving. Example: careergraph serve "
        "--pid-file /run/careergraph.pid, then careergraph reload --pid-file /run/careergraph.pid"))
    target = reload.add_mutually_exclusive_group()
    target.add_argument("--pid-file", type=Path, help="pid file the server was started with "
                        "[env CAREERGRAPH_PID_FILE]")
    target.add_argument("--pid", type=int, help="process id of the server (the parent, with several workers)")
    reload.set_defaults(run=_reload)

    build = commands.add_parser("build", help="extract a seed and write a snapshot", description=(
        "Extract a guide or folder of guides and write the graph as a JSON snapshot, which "
        "`serve --seed graph.json` loads without re-extracting. Example: careergraph build -o graph.json"))
    _seed_argument(build)
    _strict_argument(build)
    build.add_argument("-o", "--output", type=Path, help="snapshot file to write (default: stdout)")
    build.set_defaults(run=_build)

    inspect = commands.add_parser("inspect", help="print the coverage report", description=(
        "Show what every line of every guide produced, or why it was skipped, then counts per kind."))
    _seed_argument(inspect)
    _strict_argument(inspect)
    inspect.add_argument("--summary", action="store_true", help="print only the counts")
    inspect.set_defaults(run=_inspect)

    export = commands.add_parser("export", help="export the graph (GraphML or JSON)", description=(
        "Write the graph for graph tools: GraphML for Gephi, yEd or Cytoscape; JSON is the snapshot format."))
    _seed_argument(export)
    export.add_argument("--format", choices=["graphml", "json"], default="graphml", help="output format")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="print the GraphQL SDL", description="Print the served schema.")
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    schema.set_defaults(run=_schema)

    query = commands.add_parser("query", help="run a GraphQL document without a server", description=(
        "Run a GraphQL document from a file (or - for stdin) against the graph and print the JSON result. "
        "Example: careergraph query docs/queries/career-path.graphql --variables '{\"from\": \"TPM\"}'"))
    query.add_argument("document", help="file holding the GraphQL document, or - for stdin")
    query.add_argument("--variables", help="variables as a JSON object (default: FILE.json beside the document)")
    query.add_argument("--operation-name", help="operation to run when the document holds several")
    _seed_argument(query)
    query.set_defaults(run=_query)

    path = commands.add_parser("path", help="shortest career path between two positions", description=(
        'Print the route from one position to another with the sentence that states each move. '
        'Example: careergraph path "Product Analyst" CTO --k 3'))
    path.add_argument("source", metavar="FROM", help="a role, level or specialization (name, alias or id)")
    path.add_argument("target", metavar="TO", help="a role, level or specialization (name, alias or id)")
    path.add_argument("--via", action="append", default=[], help="a position the path must pass (repeatable)")
    path.add_argument("--avoid", action="append", default=[], help="a position the path must not pass (repeatable)")
    path.add_argument("--k", type=int, default=1, help="show up to K shortest paths (1-10), each leg loop-free")
    path.add_argument("--json", action="store_true", help="print JSON for scripts")
    _seed_argument(path)
    path.set_defaults(run=_path)

    mcp = commands.add_parser("mcp", help="serve the graph to an MCP client over stdio", description=(
        "Speak the Model Context Protocol on stdin/stdout, for desktop agents that launch a command "
        "(docs/agents.md). Logs go to stderr. Example: careergraph mcp --seed guides/"))
    _seed_argument(mcp)
    mcp.set_defaults(run=_mcp)
    return parser


def _seed_argument(parser: argparse.ArgumentParser) -> None:
    default = os.environ.get("CAREERGRAPH_SEED", str(DEFAULT_SEED))
    parser.add_argument("--seed", type=Path, default=Path(default),
                        help="guide file, folder of guides or .json snapshot [env CAREERGRAPH_SEED; "
                        "default: the bundled Technical Product Manager guide]")


def _strict_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="fail on a folder's file that cannot be read or states nothing career-like "
                        "(default: report it and load the others)")


def _output(path: Path | None) -> contextlib.AbstractContextManager[IO[str]]:
    """The file to write, or stdout (left open)."""
    return path.open("w", encoding="utf-8") if path else contextlib.nullcontext(sys.stdout)


# -- commands ---------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from careergraph.serving.run import serve

    settings = Settings.from_env(**{s.name: getattr(args, s.name) for s in SETTINGS})
    return serve(settings, reload_code=args.reload)


def _reload(args: argparse.Namespace) -> int:
    from careergraph.serving.process import read_pid_file

    pid = args.pid
    if pid is None:
        path = args.pid_file or Settings.from_env().pid_file
        if path is None:
            raise CommandError("say which server: --pid-file FILE (as given to serve) or --pid PID", ExitCode.USAGE)
        try:
            pid = read_pid_file(path)
        except ValueError as exc:
            raise CommandError(str(exc), ExitCode.BAD_INPUT) from None
    try:
        os.kill(pid, signal.SIGHUP)
    except ProcessLookupError:
        raise CommandError(f"no process {pid}: is the server running?", ExitCode.NOT_FOUND) from None
    except PermissionError:
        raise CommandError(f"not allowed to signal process {pid}", ExitCode.FAILURE) from None
    print(f"asked process {pid} to reload its graph", file=sys.stderr)
    return ExitCode.OK


def _build(args: argparse.Namespace) -> int:
    from graph.snapshot import is_snapshot, write_snapshot

    if args.strict and not is_snapshot(args.seed):
        from graph.build import build_graph
        from seed import extract_seed

        graph = build_graph(extract_seed(args.seed, strict=True))
    else:
        graph = load_graph(args.seed)
    with _output(args.output) as out:
        write_snapshot(graph, out)
    if args.output:
        print(f"wrote {args.output}: {len(graph)} entities, {graph.edge_count} relations", file=sys.stderr)
    return ExitCode.OK


def _inspect(args: argparse.Namespace) -> int:
    from seed.coverage import coverage_report, extract_seed_report

    seed = extract_seed_report(args.seed, strict=args.strict)
    print(coverage_report(seed.extractions, verbose=not args.summary, problems=seed.lines()))
    return ExitCode.OK


def _export(args: argparse.Namespace) -> int:
    from graph.snapshot import write_graphml, write_snapshot

    graph = load_graph(args.seed)
    if args.format == "json":
        with _output(args.output) as out:
            write_snapshot(graph, out)
    elif args.output:
        with args.output.open("wb") as binary:
            write_graphml(graph, binary)
    else:
        write_graphml(graph, sys.stdout.buffer)
    return ExitCode.OK


def _schema(args: argparse.Namespace) -> int:
    from schema import print_sdl

    with _output(args.output) as out:
        out.write(print_sdl())
    return ExitCode.OK


def _query(args: argparse.Namespace) -> int:
    if args.document == "-":
        document, variables_file = sys.stdin.read(), None
    else:
        source = Path(args.document)
        try:
            document = source.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc.strerror}", ExitCode.BAD_INPUT) from None
        variables_file = source.with_suffix(".json")
    variables = _variables(args.variables, variables_file)
    result = run_query(load_graph(args.seed), document, variables, args.operation_name)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return ExitCode.QUERY_ERRORS if result.get("errors") else ExitCode.OK


def _variables(raw: str | None, beside: Path | None) -> dict | None:
    if raw is None and beside is not None and beside.is_file():
        raw = beside.read_text(encoding="utf-8")
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(f"--variables is not JSON: {exc}", ExitCode.USAGE) from None
    if not isinstance(value, dict):
        raise CommandError("--variables must be a JSON object", ExitCode.USAGE)
    return value


def run_query(graph: CareerGraph, document: str, variables: dict | None = None,
              operation_name: str | None = None) -> dict:
    """Execute a GraphQL document against a graph; the JSON-ready result."""
    from schema import schema
    from schema.context import Context

    result = asyncio.run(schema.execute(document, variable_values=variables, context_value=Context(graph=graph),
                                        operation_name=operation_name))
    payload: dict = {"data": result.data}
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    return payload


def _path(args: argparse.Namespace) -> int:
    from graph.paths import k_shortest_career_paths, shortest_career_path

    graph = load_graph(args.seed)
    if args.k > 1:
        paths = k_shortest_career_paths(graph, args.source, args.target, args.k, args.via, args.avoid)
    else:
        path = shortest_career_path(graph, args.source, args.target, args.via, args.avoid)
        paths = [path] if path is not None else []
    if args.json:
        print(json.dumps([_path_json(graph, path) for path in paths], indent=2, ensure_ascii=False))
    elif not paths:
        back = shortest_career_path(graph, args.target, args.source, list(reversed(args.via)), args.avoid)
        print(f"no career path from {args.source!r} to {args.target!r}; "
              + ("one leads the other way: swap start and goal" if back is not None
                 else "none leads the other way either"))
    for number, path in enumerate(paths if not args.json else [], start=1):
        if len(paths) > 1:
            print(f"Path {number} of {len(paths)}")
        print(format_path(graph, path))
    return ExitCode.OK if paths else ExitCode.NOT_FOUND


def _mcp(args: argparse.Namespace) -> int:
    import anyio

    from careergraph.mcp.server import serve_stdio
    from graph.paths import prepare_career_moves
    from graph.search import search_index

    settings = Settings.from_env(seed=args.seed)
    graph = load_graph(args.seed)
    search_index(graph)
    prepare_career_moves(graph)
    anyio.run(serve_stdio, graph, settings)
    return ExitCode.OK


_PARTS = ("responsibilities", "teams", "skills")


def format_path(graph: CareerGraph, path: CareerPath) -> str:
    """A career path as text: each move with the sentences that state it and what it gains."""
    from graph.paths import path_changes, path_years, position_changes

    first, last = path.steps[0].node, path.steps[-1].node
    lines = [f"{first.name} -> {last.name}: {path.hops} move{'s' if path.hops != 1 else ''}"]
    previous = None
    for number, step in enumerate(path.steps):
        lines.append(f"  {number}. {step.node.name} ({step.node.kind.value.lower()})"
                     + (f" via {step.via.type.value}" if step.via else ""))
        for source in step.via.sources if step.via else ():
            lines.append(f'       "{source.text}" ({source.document}:{source.line})')
        if previous is not None:
            lines += _gains(position_changes(graph, previous.id, step.node.id), "       ")
        previous = step.node
    if path.hops > 1:
        lines.append("  The whole path gains:")
        whole = _gains(path_changes(graph, path), "       ")
        if not any(line.lstrip().startswith("+") for line in whole):
            whole.insert(0, "       nothing the text states")
        lines += whole
    years = path_years(path)
    if years is not None and path.hops:
        span = f"{years.min:g}+" if years.max is None else f"{years.min:g}-{years.max:g}"
        lines.append(f"  Typical years before the goal: {span}")
    return "\n".join(lines)


def _gains(changes: PositionChanges, indent: str) -> list[str]:
    """One line per entity a move gains, then a count of what it leaves behind."""
    lines = [f"{indent}+ {part[:-1] if part != 'responsibilities' else 'responsibility'}: {node.name}"
             for part in _PARTS for node in getattr(changes, part).gained]
    left = {part: len(getattr(changes, part).left_behind) for part in _PARTS}
    if any(left.values()):
        lines.append(f"{indent}- leaves behind " + ", ".join(f"{n} {part if n != 1 else _one(part)}"
                                                          for part, n in left.items() if n))
    return lines


def _one(part: str) -> str:
    return "responsibility" if part == "responsibilities" else part[:-1]


def _path_json(graph: CareerGraph, path: CareerPath) -> dict:
    from graph.paths import path_changes, path_years, position_changes

    steps = []
    for number, step in enumerate(path.steps):
        before = path.steps[number - 1].node if number else None
        steps.append({
            "id": step.node.id,
            "name": step.node.name,
            "kind": step.node.kind.value,
            "via": step.via.type.value if step.via else None,
            "sources": [_source_json(s) for s in (step.via.sources if step.via else ())],
            "changes": _changes_json(position_changes(graph, before.id, step.node.id)) if before else None,
        })
    years = path_years(path)
    return {
        "hops": path.hops,
        "steps": steps,
        "changes": _changes_json(path_changes(graph, path)),
        "typicalYears": None if years is None else {
            "min": years.min, "max": years.max, "sources": [_source_json(s) for s in years.sources]},
    }


def _changes_json(changes: PositionChanges) -> dict:
    return {part: {"gained": [n.name for n in getattr(changes, part).gained],
                   "leftBehind": [n.name for n in getattr(changes, part).left_behind]} for part in _PARTS}


def _source_json(source: Source) -> dict:
    return {"document": source.document, "line": source.line, "start": source.start, "end": source.end,
            "text": source.text}


if __name__ == "__main__":
    sys.exit(main())
