"""The access log: one JSON line per request with id, operation, status and duration."""

from __future__ import annotations

import json
import logging


def test_access_log_records_request_id_operation_and_status(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="careergraph.access"):
        response = client.post(
            "/graphql",
            json={"query": "query Info { graphInfo { nodeCount } }", "operationName": "Info"},
            headers={"x-request-id": "trace-123"},
        )
    assert response.headers["x-request-id"] == "trace-123"
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "careergraph.access"]
    assert lines[-1]["request_id"] == "trace-123"
    assert lines[-1]["operation"] == "Info"
    assert lines[-1]["status"] == 200
    assert lines[-1]["duration_ms"] >= 0
