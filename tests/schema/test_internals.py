"""Every strawberry and graphql-core internal the fast path and the document checker use, imported and exercised.

pyproject.toml pins both libraries to the minor series checked here
(``~=``). An upgrade that renames, moves or changes one of these fails here,
loudly, instead of making the fast path decline every request in silence.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLResolveInfo, VariableValues, get_argument_values, get_variable_values, parse

from graph import CareerGraph
from schema import create_schema
from schema.context import Context
from schema.execution import execute_fast
from schema.plan import DEFINITION, Run
from schema.shape import Shape

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries"

#: (module, name) of each internal the fast path (schema.execution, .plan, .shape) and the checker
#: (schema.limits, schema.errors) import from outside the libraries' top-level packages.
INTERNALS = [
    ("graphql.execution.get_variable_signature", "GraphQLVariableSignature"),
    ("graphql.execution.get_variable_signature", "get_variable_signature"),
    ("graphql.execution.values", "VariableValueSource"),
    ("graphql.pyutils", "Path"),
    ("graphql.pyutils", "is_iterable"),
    ("graphql.validation.validate", "ValidationAbortedError"),
    ("strawberry.relay.types", "GlobalID"),
    ("strawberry.scalars", "is_scalar"),
    ("strawberry.schema.schema", "validate_document"),
    ("strawberry.schema.schema_converter", "GraphQLCoreConverter"),
    ("strawberry.types.base", "StrawberryList"),
    ("strawberry.types.base", "StrawberryMaybe"),
    ("strawberry.types.base", "StrawberryOptional"),
    ("strawberry.types.cast", "TYPE_CAST_ATTRIBUTE"),
    ("strawberry.types.enum", "StrawberryEnumDefinition"),
    ("strawberry.types.enum", "has_enum_definition"),
    ("strawberry.types.field", "StrawberryField"),
]

served = create_schema(fast_path=True)
PATH = "query Path($from: String!, $to: String!) { careerPath(from: $from, to: $to) { hops steps { name } } }"


@pytest.mark.parametrize(("module", "name"), INTERNALS, ids=lambda v: v)
def test_internals_each_name_still_exists(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"{module}.{name} is gone: re-check the fast path"


def test_internals_strawberry_keeps_definitions_where_the_plan_reads_them() -> None:
    from strawberry.schema.schema_converter import GraphQLCoreConverter
    from strawberry.types.field import StrawberryField

    assert GraphQLCoreConverter.DEFINITION_BACKREF == DEFINITION
    query = served._schema.query_type
    assert query is not None
    field = query.fields["careerPath"].extensions[DEFINITION]
    assert isinstance(field, StrawberryField)
    assert not field.is_async and not field.is_basic_field and field.base_resolver is not None
    resolver = field.base_resolver
    assert resolver.info_parameter is not None and resolver.root_parameter is None \
        and resolver.parent_parameter is None and resolver.self_parameter is not None
    assert {served.config.name_converter.from_argument(a): a.python_name for a in field.arguments}["from"] == "from_"
    assert served.config.info_class is not None and served.schema_converter.scalar_registry
    assert served.exception_handlers == ()
    entity = served._schema.get_type("Role")
    definition = entity.extensions[DEFINITION]  # type: ignore[union-attr]
    assert definition.is_type_of is None and not definition.is_graphql_generic
    name = entity.fields["name"].extensions[DEFINITION]  # type: ignore[union-attr]
    assert name.is_basic_field and name.default_resolver is getattr and name.python_name == "name"


def test_internals_graphql_core_builds_infos_variables_and_arguments_by_keyword(seed_graph: CareerGraph) -> None:
    from graphql.execution.values import VariableValueSource
    from graphql.pyutils import Path as GraphQLPath

    document = parse(PATH)
    shape = Shape.of(served._schema, document, "Path")
    assert shape is not None
    given = shape.variables_as_given({"from": "TPM", "to": "CTO"})
    assert isinstance(given, VariableValues) and given.coerced == {"from": "TPM", "to": "CTO"}
    assert isinstance(given.sources["from"], VariableValueSource)
    definitions = shape.operation.variable_definitions or ()
    coerced = get_variable_values(served._schema, definitions, {"from": "TPM", "to": "CTO"})
    assert isinstance(coerced, VariableValues) and coerced.coerced == given.coerced
    assert {name: source.value for name, source in coerced.sources.items()} == {"from": "TPM", "to": "CTO"}
    assert str(coerced.sources["from"].signature.type) == str(given.sources["from"].signature.type) == "String!"
    query = served._schema.query_type
    assert query is not None
    field_def, node = query.fields["careerPath"], shape.operation.selection_set.selections[0]
    arguments = get_argument_values(field_def, node, given)  # type: ignore[arg-type]
    assert arguments["from"] == "TPM" and arguments["to"] == "CTO"
    run = Run(schema=served._schema, shape=shape, variables=given, context=Context(seed_graph))
    info = run.info(field_def, [node], query, (None, "careerPath", "Query"))  # type: ignore[list-item]
    assert isinstance(info, GraphQLResolveInfo) and isinstance(info.path, GraphQLPath)
    assert info.path.as_list() == ["careerPath"] and info.context.graph is seed_graph
    strawberry_info = served.config.info_class(_raw_info=info, _field=field_def.extensions[DEFINITION])
    assert strawberry_info.context.graph is seed_graph and strawberry_info.field_name == "careerPath"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.graphql")), ids=lambda p: p.stem)
def test_internals_the_fast_path_answers_the_documented_examples(seed_graph: CareerGraph, path: Path) -> None:
    """The fast path answers every example except those with errors, introspection or directives."""
    document = path.read_text()
    variables_file = path.with_suffix(".json")
    variables: dict[str, Any] = json.loads(variables_file.read_text()) if variables_file.exists() else {}
    context = Context(seed_graph)
    expected = served.execute_sync(document, variables, context_value=context)  # fills the document cache
    covered = not (expected.errors or "__schema" in document or "__type" in document or "@" in document)
    fast = execute_fast(served, document, variables, None, context)
    assert (fast is not None) == covered, "the fast path declined a documented example" if covered else document
    assert fast is None or fast.data == expected.data
