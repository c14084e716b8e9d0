"""Apollo automatic persisted queries: documents remembered by their SHA-256, so GETs can stay short.

A client first sends ``extensions.persistedQuery = {version: 1, sha256Hash}``
alone; an unknown hash answers ``PERSISTED_QUERY_NOT_FOUND`` and the client
sends the document with its hash once, which is checked and remembered.
"""

from __future__ import annotations

import hashlib

from cachetools import LRUCache

from careergraph.web.request import Operation, RequestError
from schema.errors import ErrorCode

__all__ = ["PERSISTED_BYTES", "PersistedQueries"]

#: Characters of documents remembered; least recently used go first.
PERSISTED_BYTES = 8 * 2**20


class PersistedQueries:
    """Documents by SHA-256, bounded in characters; one document over 1/16 of the bound is not remembered."""

    def __init__(self, budget: int = PERSISTED_BYTES) -> None:
        self.documents: LRUCache[str, str] = LRUCache(maxsize=budget, getsizeof=len)

    def resolve(self, operation: Operation) -> Operation:
        """The operation with its document: looked up by hash, or checked against it and remembered."""
        persisted = (operation.extensions or {}).get("persistedQuery")
        if not isinstance(persisted, dict):
            return operation
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(digest, str):
            raise RequestError(400, "extensions.persistedQuery needs version 1 and a sha256Hash string")
        if operation.query is None:
            query = self.documents.get(digest)
            if query is None:
                raise RequestError(200, "PersistedQueryNotFound", ErrorCode.PERSISTED_QUERY_NOT_FOUND)
            return Operation(query, operation.variables, operation.operation_name, operation.extensions)
        if hashlib.sha256(operation.query.encode()).hexdigest() != digest:
            raise RequestError(400, "extensions.persistedQuery.sha256Hash does not match the query")
        if len(operation.query) <= self.documents.maxsize // 16:  # one huge document must not flush the rest
            self.documents[digest] = operation.query
        return operation
