"""SIGTERM: requests that can complete do, and a stalled client cannot keep the server alive past the grace."""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path

from server_process import read_answer, running, wait_for

BODY = json.dumps({"query": "{ graphInfo { nodeCount } }"}).encode().ljust(100)
HEAD = (b"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n")


def test_server_shutdown_finishes_within_the_grace_and_completes_what_can_complete(tmp_path: Path) -> None:
    assert len(BODY) == 100
    flags = ("--shutdown-grace-seconds", "2", "--read-timeout-seconds", "60", "--log-level", "info")
    with running(tmp_path, *flags) as server:
        stalled = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        finishing = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        try:
            stalled.sendall(HEAD + BODY[:9])  # 9 of 100 body bytes, then nothing
            finishing.sendall(HEAD + BODY[:9])
            time.sleep(0.3)
            started = time.monotonic()
            server.signal(signal.SIGTERM)
            time.sleep(0.3)
            finishing.sendall(BODY[9:])
            status, body = read_answer(finishing, timeout=30)
            assert status == 200 and json.loads(body)["data"]["graphInfo"]["nodeCount"] > 0
            wait_for(lambda: server.process.poll() is not None, 40, "the stalled client kept the server alive",
                     server)
            assert time.monotonic() - started < 40  # the 2 s grace, and slack for a busy machine; not the 60 s
            assert "timeout graceful shutdown exceeded" in server.output()
        finally:
            stalled.close()
            finishing.close()
