"""Caching and ETags: answers prepared once, sent again for the same raw request.

`Prepared` is an answer with its raw headers: a GET answer that may be cached
(`Answer.cacheable`, status 200) gets an ``ETag`` (a hash of the body) and
``Cache-Control: public, max-age=300``, and ``If-None-Match`` gets a 304;
anything else is ``no-store`` without an ETag. `ResponseCache` keeps
cacheable answers by the raw request (method, ``Accept``, ``Content-Type``,
query string, body), so a repeated request is answered before anything is
parsed; the graph is immutable while served, and the cache is cleared when
another graph is served.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cachetools import LRUCache
from starlette.types import Send

from careergraph.web.response import Answer

__all__ = ["RESPONSE_CACHE_BYTES", "CacheKey", "Prepared", "ResponseCache", "etag_matches"]

#: Bytes the response cache may hold (request keys and bodies).
RESPONSE_CACHE_BYTES = 64 * 2**20

RawHeaders = list[tuple[bytes, bytes]]
CacheKey = tuple[str, bytes | None, bytes | None, bytes, bytes | None]


@dataclass(frozen=True, slots=True)
class Prepared:
    """An answer ready to send, and to cache: status, raw headers, body, and the ETag and 304 headers of a GET."""

    status: int
    headers: RawHeaders
    body: bytes
    etag: str
    not_modified: RawHeaders | None
    operation_name: str | None

    @classmethod
    def of(cls, answer: Answer, get: bool, operation_name: str | None) -> Prepared:
        """The headers Starlette's `Response` would send: ours, then Content-Length and Content-Type."""
        etag = ""
        if get and answer.status == 200 and answer.cacheable:  # cacheable by browsers and proxies
            etag = '"' + hashlib.blake2b(answer.body, digest_size=12).hexdigest() + '"'
            ours = [(b"vary", b"Accept"), (b"etag", etag.encode()), (b"cache-control", b"public, max-age=300")]
        else:
            ours = [(b"vary", b"Accept"), (b"cache-control", b"no-store")]
        headers = [*ours, (b"content-length", str(len(answer.body)).encode()),
                   (b"content-type", answer.media_type.encode())]
        return cls(answer.status, headers, answer.body, etag, ours if etag else None, operation_name)

    async def send(self, send: Send, if_none_match: bytes | None) -> None:
        status, headers, body = self.response(if_none_match)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def response(self, if_none_match: bytes | None) -> tuple[int, RawHeaders, bytes]:
        """Status, headers (a copy: middleware adds to them) and body of the answer to this request."""
        if self.not_modified is not None and if_none_match and etag_matches(if_none_match.decode("latin-1"),
                                                                            self.etag):
            return 304, list(self.not_modified), b""
        return self.status, list(self.headers), self.body


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``etag`` (weak comparison, ``*`` included)."""
    if not header:
        return False
    return header.strip() == "*" or etag in (tag.strip().removeprefix("W/") for tag in header.split(","))


class ResponseCache:
    """Prepared answers by raw request, at most ``entries`` of them and ``budget`` bytes in all.

    One `cachetools.LRUCache` bounded in bytes (key and body); each entry
    weighs at least ``budget / entries``, which bounds the count too.
    """

    def __init__(self, entries: int, budget: int = RESPONSE_CACHE_BYTES) -> None:
        self.entries = entries
        self.floor = budget // max(entries, 1)
        self.answers: LRUCache[CacheKey, tuple[Prepared, int]] = LRUCache(maxsize=budget, getsizeof=_weight)

    def get(self, key: CacheKey | None) -> Prepared | None:
        found = self.answers.get(key) if key is not None and self.entries > 0 else None
        return found[0] if found is not None else None

    def put(self, key: CacheKey | None, prepared: Prepared, answer: Answer) -> None:
        """Remember a cacheable answer; one over 1/16 of the budget is not kept (it would flush the rest)."""
        if key is None or self.entries <= 0 or not answer.cacheable or answer.status >= 500:
            return
        weight = max(self.floor, len(key[3]) + len(key[4] or b"") + len(prepared.body) + 256)
        if weight <= self.answers.maxsize // 16:
            self.answers[key] = (prepared, weight)

    def clear(self) -> None:
        self.answers.clear()


def _weight(entry: tuple[Prepared, int]) -> int:
    return entry[1]
