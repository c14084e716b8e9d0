"""The fast path: one entry, `execute_fast`, that answers a request or declines it.

    execute_fast(schema, query, variables, operation_name, context) -> ExecutionResult | None

`schema.CareerGraphSchema.execute_sync` (and ``execute``) call it first and
run strawberry's own pipeline when it returns None. It answers only what it
can answer exactly as strawberry would, without strawberry's extension
runner or graphql-core's per-field machinery (docs/performance.md):

- a document text seen before (parsed, limited and validated by the
  schema's `DocumentChecker`, whose cache strawberry's pipeline fills), with
  no validation errors and variables within the limits;
- one query operation (the one named, or the only one), without
  directives, introspection or fragment variables;
- variables graphql-core coerces without an error (`schema.shape`);
- an answer without a single error: whatever graphql-core would report (a
  resolver that raises, a null where a non-null is declared) makes it decline,
  so errors, their paths and partial data are always strawberry's own.

Its parts, one job each: `schema.shape` (the operation and the variables of
a document), `schema.plan` (the plan of an operation, and the `Run` a request
walks it with). Shapes and plans are kept with the checked document, so they
live and go with the document cache.

It declines quietly for everything above. A failure of its own (a bug in a
plan, or a strawberry or graphql-core upgrade that changed an internal it
uses) is logged with its traceback and the request goes to strawberry; with
`STRICT` set (the test suite sets it) the failure raises instead.
``tests/schema/test_internals.py`` exercises every library internal it uses.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from strawberry.types import ExecutionResult

from schema.limits import Checked
from schema.plan import Field, Run, Unplanned, plan
from schema.shape import Shape

if TYPE_CHECKING:
    from schema import CareerGraphSchema

__all__ = ["STRICT", "execute_fast", "prepare_fast"]

logger = logging.getLogger("careergraph.fast_path")

#: Raise, instead of logging, when the fast path itself fails (set by the test suite).
STRICT = False


def execute_fast(schema: CareerGraphSchema, query: str | None, variables: dict[str, Any] | None,
                 operation_name: str | None, context: Any, root_value: Any = None) -> ExecutionResult | None:
    """Strawberry's answer to this request, when the fast path covers it; None when it does not."""
    if not query:
        return None
    checked = schema.documents.cache.get(query)
    if checked is None or checked.errors:
        return None
    if schema.documents.pre_execution_errors(checked, variables, getattr(context, "graph", None)):
        return None
    try:
        prepared = _prepared(schema, checked, operation_name)
        if prepared is None:
            return None
        shape, field = prepared
        values = shape.variables(variables or {})
        if values is None:
            return None
        run = Run(schema=shape.schema, shape=shape, variables=values, context=context, root=root_value)
        data = field(run, root_value, None)
    except Unplanned:
        return None
    except Exception:
        if STRICT:
            raise
        logger.exception("the fast path failed on operation %r of %.200r; strawberry answers it",
                         operation_name, query)
        return None
    return ExecutionResult(data=data, errors=None)


def prepare_fast(schema: CareerGraphSchema, query: str | None, operation_name: str | None) -> None:
    """Plan a document strawberry has just checked and run, so its next request finds the plan made."""
    checked = schema.documents.cache.get(query) if query else None
    if checked is None or checked.errors:
        return
    try:
        _prepared(schema, checked, operation_name)
    except Exception:
        if STRICT:
            raise
        logger.exception("the fast path failed to plan operation %r of %.200r", operation_name, query)


def _prepared(schema: CareerGraphSchema, checked: Checked, operation_name: str | None) -> tuple[Shape, Field] | None:
    """The shape and plan of the named operation, made once per checked document (None: declined)."""
    plans = checked.plans
    if operation_name in plans:
        return plans[operation_name]
    shape = Shape.of(schema._schema, checked.document, operation_name)
    prepared: tuple[Shape, Field] | None = None
    if shape is not None:
        try:
            prepared = (shape, plan(schema, shape))
        except Unplanned:
            prepared = None
    if shape is not None or operation_name is None:  # only names the document has: the dict stays small
        plans[operation_name] = prepared
    return prepared

