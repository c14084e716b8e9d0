"""The access log: one JSON line per request with id, operation, status and duration, written off the request path."""

from __future__ import annotations

import io
import json
import logging

from careergraph.web.accesslog import ACCESS_LOG, FIELD_CHARS, AccessLog, LineWriter, bounded


def _lines(caplog) -> list[dict]:
    ACCESS_LOG.flush()
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "careergraph.access"]


def test_access_log_records_request_id_operation_and_status(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="careergraph.access"):
        response = client.post(
            "/graphql",
            json={"query": "query Info { graphInfo { nodeCount } }", "operationName": "Info"},
            headers={"x-request-id": "trace-123"},
        )
        lines = _lines(caplog)
    assert response.headers["x-request-id"] == "trace-123"
    assert lines[-1]["request_id"] == "trace-123"
    assert lines[-1]["operation"] == "Info"
    assert lines[-1]["status"] == 200
    assert lines[-1]["duration_ms"] >= 0


def test_access_log_bounds_every_client_supplied_field(client, caplog) -> None:
    name = "Op" + "x" * 100_000
    document = f"query {name} {{ graphInfo {{ nodeCount }} }}"
    with caplog.at_level(logging.INFO, logger="careergraph.access"):
        client.post("/graphql?" + "p" * 5000, json={"query": document, "operationName": name},
                    headers={"x-request-id": "r" * 5000})
        client.get("/" + "z" * 5000)
        lines = _lines(caplog)
    for line in lines[-2:]:
        assert len(json.dumps(line)) < 4 * FIELD_CHARS + 200, line
    assert lines[-2]["operation"] == bounded(name) and lines[-2]["operation"].endswith("…")
    assert lines[-2]["request_id"] != "r" * 5000  # an unusable request id is replaced by one of ours


def test_access_log_drops_and_counts_lines_when_its_queue_is_full() -> None:
    logger = logging.getLogger("test.access.full")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    stream = io.StringIO()
    logger.addHandler(LineWriter(stream))
    log = AccessLog(logger, capacity=3, interval=3600)
    log._thread = object()  # type: ignore[assignment]  # no writer thread: this test flushes
    scope = {"method": "GET", "path": "/healthz", "state": {}}
    for i in range(5):
        log.record(scope, f"id{i}", 200, 0.0)
    log.flush()
    lines = stream.getvalue().splitlines()
    assert [json.loads(line.split(" test.access.full ", 1)[1]).get("request_id") for line in lines] == \
        ["id0", "id1", "id2", None]
    assert lines[-1].endswith('{"dropped":2}')
    assert all(" INFO test.access.full {" in line for line in lines)


def test_access_log_writes_nothing_below_info() -> None:
    logger = logging.getLogger("test.access.quiet")
    logger.setLevel(logging.WARNING)
    log = AccessLog(logger, interval=3600)
    log.record({"method": "GET", "path": "/", "state": {}}, "id", 200, 0.0)
    assert not log.queue and log._thread is None


def test_line_writer_writes_a_batch_as_the_logging_format_would() -> None:
    stream = io.StringIO()
    writer = LineWriter(stream)
    record = logging.LogRecord("careergraph.access", logging.INFO, "", 0, '{"a":1}', None, None)
    record.created, record.msecs = 1_700_000_000.25, 250.0
    writer.write_lines("careergraph.access", [(1_700_000_000.25, '{"a":1}')])
    assert stream.getvalue() == writer.format(record) + "\n"
