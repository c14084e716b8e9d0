"""Structural extraction on guides of many shapes and occupations (tests/fixtures/shapes).

Each fixture is described once in `SHAPES`: what a careful reader finds in it.
The table-driven tests check every fixture against its description; a few
tests pin what one shape is for (years, branches, specializations, noise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from seed import EntityKind, Extraction, RelationType, extract, read_document
from seed.outline import read_outline

SHAPES_DIR = Path(__file__).parents[1] / "fixtures" / "shapes"


@dataclass(frozen=True)
class Shape:
    """What one fixture states."""

    role: str
    levels: tuple[str, ...] = ()
    ladder: frozenset[tuple[str, str]] = frozenset()
    #: Holder → responsibilities (a prefix of each is enough).
    responsibilities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    teams: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    #: Position → (min, max) years of experience.
    years: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    specializations: tuple[str, ...] = ()
    other_roles: tuple[str, ...] = ()
    #: Text that must not become any record.
    noise: tuple[str, ...] = ()


def _moves(*pairs: tuple[str, str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairs)


SHAPES: dict[str, Shape] = {
    "electrician-progression.txt": Shape(
        role="Electrician",
        levels=("Apprentice Electrician", "Journeyman Electrician", "Master Electrician"),
        ladder=_moves(("Apprentice Electrician", "Journeyman Electrician"),
                      ("Journeyman Electrician", "Master Electrician")),
        responsibilities={
            "Apprentice Electrician": ("Pulls wire and mounts boxes", "Keeps tools and the van stocked",
                                       "Attends trade school"),
            "Journeyman Electrician": ("Installs and repairs wiring", "Reads blueprints",
                                       "Coordinates with the plumbing"),
            "Master Electrician": ("Plans the electrical layout", "Pulls permits", "Trains apprentices"),
        },
        teams=frozenset({"Plumbing"}),
        skills=frozenset({"Blueprint Reading", "National Electrical Code"}),
        years={"Apprentice Electrician": (0, None), "Journeyman Electrician": (4, None),
               "Master Electrician": (2, None)},
        noise=("Up Next", "How To Become", "•", "Where you start", "Day in the life"),
    ),
}


@pytest.fixture(scope="module")
def shapes() -> dict[str, Extraction]:
    return {name: extract(read_document(SHAPES_DIR / name)) for name in SHAPES}


def _entities(extraction: Extraction, kind: EntityKind) -> set[str]:
    return {e.name for e in extraction.entities if e.kind is kind}


def _relations(extraction: Extraction, type_: RelationType) -> set[tuple[str, str]]:
    return {(r.source.name, r.target.name) for r in extraction.relations if r.type is type_}


NAMES = list(SHAPES)


@pytest.mark.parametrize("name", NAMES)
def test_extract_finds_the_role_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    shape = SHAPES[name]
    assert shape.role in _entities(shapes[name], EntityKind.ROLE)
    assert set(shape.other_roles) <= _entities(shapes[name], EntityKind.ROLE)


@pytest.mark.parametrize("name", NAMES)
def test_extract_finds_the_levels_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    shape = SHAPES[name]
    levels = _entities(shapes[name], EntityKind.LEVEL)
    assert set(shape.levels) <= levels
    has_level = _relations(shapes[name], RelationType.HAS_LEVEL)
    assert all((shape.role, level) in has_level for level in shape.levels if level in levels)


@pytest.mark.parametrize("name", NAMES)
def test_extract_links_the_ladder_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    assert SHAPES[name].ladder == _relations(shapes[name], RelationType.PROGRESSES_TO)


@pytest.mark.parametrize("name", NAMES)
def test_extract_gives_each_responsibility_to_its_holder(shapes: dict[str, Extraction], name: str) -> None:
    held = _relations(shapes[name], RelationType.HAS_RESPONSIBILITY)
    for holder, items in SHAPES[name].responsibilities.items():
        mine = [r for h, r in held if h == holder]
        for item in items:
            assert any(r.startswith(item) for r in mine), (holder, item, mine)
        others = [h for h, r in held if h != holder and any(r.startswith(i) for i in items)]
        assert not others, (holder, others)


@pytest.mark.parametrize("name", NAMES)
def test_extract_finds_the_teams_and_skills_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    shape = SHAPES[name]
    assert _entities(shapes[name], EntityKind.TEAM) == shape.teams
    assert _entities(shapes[name], EntityKind.SKILL) == shape.skills


@pytest.mark.parametrize("name", NAMES)
def test_extract_states_the_years_each_shape_states(shapes: dict[str, Extraction], name: str) -> None:
    years = {e.name: (e.years.min, e.years.max) for e in shapes[name].entities if e.years is not None}
    assert years == SHAPES[name].years
    for entity in shapes[name].entities:
        if entity.years is not None:
            assert entity.years.sources, entity.name


@pytest.mark.parametrize("name", NAMES)
def test_extract_finds_the_specializations_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    assert _entities(shapes[name], EntityKind.SPECIALIZATION) == set(SHAPES[name].specializations)


@pytest.mark.parametrize("name", NAMES)
def test_extract_turns_no_noise_into_records(shapes: dict[str, Extraction], name: str) -> None:
    for entity in shapes[name].entities:
        for noise in SHAPES[name].noise:
            assert noise.casefold() not in entity.name.casefold(), (entity.name, noise)


@pytest.mark.parametrize("name", NAMES)
def test_extract_quotes_every_span_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    outline = read_outline(shapes[name].document)
    text = outline.document.text
    blocks = [(b.source.start, b.source.end) for b in outline.blocks]
    sources = [s for e in shapes[name].entities for s in e.sources]
    sources += [s for r in shapes[name].relations for s in r.sources]
    sources += [s for e in shapes[name].entities if e.years for s in e.years.sources]
    for source in sources:
        assert any(start <= source.start and source.end <= end for start, end in blocks), source
        assert " ".join(text[source.start:source.end].split()) == " ".join(source.text.split()), source
        assert text.count("\n", 0, source.start) + 1 == source.line, source


@pytest.mark.parametrize("name", NAMES)
def test_extract_reports_every_line_of_each_shape_once(shapes: dict[str, Extraction], name: str) -> None:
    text = shapes[name].document.text
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert [r.line for r in shapes[name].coverage] == list(range(1, lines + 1))
    assert all(r.produced or r.reason for r in shapes[name].coverage)
