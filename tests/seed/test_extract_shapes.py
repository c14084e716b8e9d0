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
    "backend-engineer-ladder.md": Shape(  # Markdown ladder with level headings, front matter, nested bullets
        role="Backend Engineer",
        levels=("Junior Backend Engineer", "Senior Backend Engineer", "Staff Backend Engineer"),
        ladder=_moves(("Junior Backend Engineer", "Backend Engineer"), ("Backend Engineer", "Senior Backend Engineer"),
                      ("Senior Backend Engineer", "Staff Backend Engineer")),
        responsibilities={
            "Junior Backend Engineer": ("Fixes well-scoped bugs", "Writes unit tests", "Works with the QA team",
                                        "Learns the service's deployment process"),
            "Backend Engineer": ("Delivers features end to end", "Reviews pull requests",
                                 "Collaborates with product managers", "Breaks large stories"),
            "Senior Backend Engineer": ("Leads the design of services", "Mentors junior engineers",
                                        "Partners with the SRE team"),
            "Staff Backend Engineer": ("Sets the technical direction", "Works with the security team"),
        },
        teams=frozenset({"Quality Assurance", "Product Management", "Design", "Site Reliability Engineering",
                         "Security"}),
        skills=frozenset({"Python", "PostgreSQL", "Docker", "Distributed Systems", "Kubernetes"}),
        years={"Junior Backend Engineer": (0, 2), "Backend Engineer": (2, 4), "Senior Backend Engineer": (5, None),
               "Staff Backend Engineer": (8, None)},
        noise=("Share this page", "Twitter", "Subscribe", "newsletter", "**", "- "),
    ),
    "qa-engineer-levels.md": Shape(  # Markdown level table, levels as columns
        role="QA Engineer",
        levels=("L1 QA Engineer", "L2 QA Engineer", "L3 QA Engineer", "L4 QA Engineer"),
        ladder=_moves(("L1 QA Engineer", "L2 QA Engineer"), ("L2 QA Engineer", "L3 QA Engineer"),
                      ("L3 QA Engineer", "L4 QA Engineer")),
        responsibilities={
            "L1 QA Engineer": ("Runs manual test plans", "Maintains existing Selenium tests", "Reports defects"),
            "L2 QA Engineer": ("Writes test plans", "Builds automated regression suites", "Works with developers"),
            "L3 QA Engineer": ("Designs the test strategy", "Introduces performance testing", "Coordinates releases"),
            "L4 QA Engineer": ("Defines the testing standards", "Chooses the automation frameworks",
                               "Works with engineering leadership"),
        },
        teams=frozenset({"Engineering", "Release Management", "Engineering Leadership"}),
        skills=frozenset({"Selenium", "JMeter"}),
        noise=("Testing", "Automation", "Collaboration", "Area", "Notes", "|"),
    ),
    "data-engineer-levels.html": Shape(  # HTML page: a level table (rows), nav, newsletter, share links, footer
        role="Data Engineer",
        levels=("Associate Data Engineer", "Senior Data Engineer"),
        ladder=_moves(("Associate Data Engineer", "Data Engineer"), ("Data Engineer", "Senior Data Engineer")),
        responsibilities={
            "Associate Data Engineer": ("Builds pipelines for a single data source", "Writes SQL transformations",
                                        "Works with the analytics team"),
            "Data Engineer": ("Owns the pipelines", "Models data in the warehouse", "Schedules jobs with Airflow",
                              "Partners with the data science team"),
            "Senior Data Engineer": ("Designs the data platform", "Tunes Spark jobs", "Mentors data engineers"),
        },
        teams=frozenset({"Analytics", "Data Science"}),
        skills=frozenset({"SQL", "Airflow", "Spark"}),
        noise=("Home", "Jobs", "Blog", "Subscribe", "newsletter", "Twitter", "LinkedIn", "rights reserved",
               "Privacy", "analytics.track", "<"),
    ),
    "reporter-career.md": Shape(  # prose only, a branch in the ladder
        role="Reporter",
        other_roles=("Editorial Assistant", "Staff Reporter", "Senior Reporter", "Editor", "Columnist"),
        ladder=_moves(("Editorial Assistant", "Staff Reporter"), ("Staff Reporter", "Senior Reporter"),
                      ("Senior Reporter", "Editor"), ("Senior Reporter", "Columnist")),
        responsibilities={
            "Staff Reporter": ("Staff reporters write daily stories",),
            "Senior Reporter": ("Senior reporters pursue long investigations",),
        },
        teams=frozenset({"Photo Desk"}),
        noise=("The best reporters never stop asking questions", "as one editor put it"),
    ),
    "software-tester-mermaid.md": Shape(  # a Mermaid ladder: labelled edges, three node shapes
        role="Software Tester",
        other_roles=("Junior Software Tester", "Senior Software Tester", "Test Lead", "Test Architect"),
        ladder=_moves(("Junior Software Tester", "Software Tester"), ("Software Tester", "Senior Software Tester"),
                      ("Senior Software Tester", "Test Lead"), ("Senior Software Tester", "Test Architect")),
        responsibilities={
            "Software Tester": ("Executes exploratory test sessions", "Files clear defect reports"),
            "Test Lead": ("Plans the test effort", "Coordinates with the product owner"),
        },
        teams=frozenset({"Engineering"}),
        noise=("flowchart", "-->", "after two years", "jt", "sst"),
    ),
    "platform-engineering-tracks.md": Shape(  # two tracks in one file and a side role
        role="Platform Engineer",
        levels=("Senior Platform Engineer", "Principal Platform Engineer", "Engineering Manager",
                "Director of Platform Engineering"),
        other_roles=("Tech Lead",),
        ladder=_moves(("Platform Engineer", "Senior Platform Engineer"),
                      ("Senior Platform Engineer", "Principal Platform Engineer"),
                      ("Engineering Manager", "Director of Platform Engineering")),
        responsibilities={
            "Platform Engineer": ("Automates infrastructure with Terraform", "Responds to incidents"),
            "Senior Platform Engineer": ("Designs the company's deployment pipelines", "Works with the security team"),
            "Principal Platform Engineer": ("Sets the multi-year architecture",),
            "Engineering Manager": ("Hires and coaches platform engineers", "Runs the team's planning"),
            "Director of Platform Engineering": ("Owns the platform budget", "Works with finance"),
            "Tech Lead": ("Breaks the project into milestones", "Keeps stakeholders informed"),
        },
        teams=frozenset({"Security", "Finance"}),
        skills=frozenset({"Terraform"}),
        noise=("Individual Contributor Track", "Management Track"),
    ),
    "staff-accountant-ladder.md": Shape(  # finance: an arrow chain, front matter naming the job family
        role="Accountant",
        levels=("Staff Accountant", "Senior Accountant"),
        other_roles=("Accounting Manager", "Controller"),
        ladder=_moves(("Staff Accountant", "Senior Accountant"), ("Senior Accountant", "Accounting Manager"),
                      ("Accounting Manager", "Controller")),
        responsibilities={
            "Staff Accountant": ("Prepares journal entries", "Supports the month-end close",
                                 "Works with the accounts payable team"),
            "Senior Accountant": ("Reviews reconciliations", "Prepares financial statements under GAAP",
                                  "Coordinates with the tax team", "Expert in Excel and NetSuite"),
            "Accounting Manager": ("Leads the month-end close", "Works with the treasury team"),
            "Controller": ("Owns the company's financial reporting", "Presents results to the audit committee"),
        },
        teams=frozenset({"Accounts Payable", "Tax", "Audit", "Treasury"}),
        skills=frozenset({"Account Reconciliation", "GAAP", "Excel", "NetSuite", "Internal Controls"}),
        noise=("→", "Accounting Career Ladder"),
    ),
    "registered-nurse.md": Shape(  # health care: years, a specialization heading without the role's name
        role="Registered Nurse",
        levels=("Staff Nurse", "Charge Nurse", "Nurse Manager"),
        ladder=_moves(("Staff Nurse", "Charge Nurse"), ("Charge Nurse", "Nurse Manager")),
        responsibilities={
            "Registered Nurse": ("Registered nurses care for patients",),
            "Staff Nurse": ("Assesses patients", "Administers medications", "Works closely with physicians"),
            "Charge Nurse": ("Assigns patients", "Coordinates admissions"),
            "Nurse Manager": ("Manages the unit's staffing", "Works with the quality improvement team"),
            "Critical Care Nurse": ("Monitors ventilated patients", "Knowledge of advanced cardiac life support",
                                    "Works with respiratory therapists"),
            "Pediatrics Registered Nurse": ("Cares for children", "Knowledge of pediatric dosing"),
        },
        teams=frozenset({"Physicians", "Pharmacy", "Bed Management", "Quality Improvement", "Respiratory Therapy"}),
        skills=frozenset({"Advanced Cardiac Life Support", "Hemodynamic Monitoring", "Pediatric Dosing",
                          "Family-Centred Care"}),
        years={"Staff Nurse": (2, 4), "Charge Nurse": (5, None), "Critical Care Nurse": (2, None)},
        specializations=("Critical Care Nurse", "Pediatrics Registered Nurse"),
    ),
    "chef-career-guide.md": Shape(  # a kitchen: years in words and digits, levels named only by the brigade
        role="Chef",
        levels=("Commis Chef", "Chef de Partie", "Sous Chef", "Head Chef"),
        ladder=_moves(("Commis Chef", "Chef de Partie"), ("Chef de Partie", "Sous Chef"), ("Sous Chef", "Head Chef")),
        responsibilities={
            "Commis Chef": ("Prepares vegetables", "Keeps the walk-in cooler clean"),
            "Chef de Partie": ("Runs one station", "Trains commis chefs", "Works with the pastry team"),
            "Sous Chef": ("Runs the pass", "Orders produce"),
            "Head Chef": ("Writes the menu", "Works with the front-of-house team"),
            "Pastry Chef": ("Bakes breads", "Knowledge of chocolate tempering"),
            "Banquets Chef": ("Plans food production", "Coordinates with the events team"),
        },
        teams=frozenset({"Pastry", "Front of House", "Events"}),
        skills=frozenset({"Knife Skills", "Food Safety", "Food Cost Control", "Lamination", "Chocolate Tempering",
                          "Sugar Work"}),
        years={"Commis Chef": (0, None), "Chef de Partie": (2, 3), "Sous Chef": (4, 6)},
        specializations=("Pastry Chef", "Banquets Chef"),
    ),
    "pharmacy-technician-levels.md": Shape(  # a level ladder with no separate senior role
        role="Pharmacy Technician",
        levels=("Level 1 Pharmacy Technician", "Level 2 Pharmacy Technician", "Level 3 Pharmacy Technician"),
        ladder=_moves(("Level 1 Pharmacy Technician", "Level 2 Pharmacy Technician"),
                      ("Level 2 Pharmacy Technician", "Level 3 Pharmacy Technician")),
        responsibilities={
            "Pharmacy Technician": ("Pharmacy technicians work under the supervision",),
            "Level 1 Pharmacy Technician": ("Counts, labels and packages prescriptions", "Answers phone calls"),
            "Level 2 Pharmacy Technician": ("Prepares sterile compounds", "Manages the pharmacy's inventory"),
            "Level 3 Pharmacy Technician": ("Trains new technicians", "Audits controlled substance records"),
        },
        skills=frozenset({"Sterile Compounding"}),
        years={"Level 2 Pharmacy Technician": (1, 2), "Level 3 Pharmacy Technician": (3, None)},
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
            written, found = noise.casefold(), entity.name.casefold()
            if any(c.isalnum() for c in noise):  # a phrase: no record is it, or starts with it
                assert not found.startswith(written), (entity.name, noise)
            else:  # markup: no record holds it
                assert written not in found, (entity.name, noise)


@pytest.mark.parametrize("name", NAMES)
def test_extract_quotes_every_span_of_each_shape(shapes: dict[str, Extraction], name: str) -> None:
    outline = read_outline(shapes[name].document)
    text = outline.document.text
    blocks = [(b.source.start, b.source.end) for b in outline.blocks]
    sources = [s for e in shapes[name].entities for s in e.sources]
    sources += [s for r in shapes[name].relations for s in r.sources]
    sources += [s for e in shapes[name].entities if e.years for s in e.years.sources]
    for source in sources:
        in_front_matter = text.startswith("---") and source.end <= text.find("\n---", 3)
        assert in_front_matter or any(start <= source.start and source.end <= end for start, end in blocks), source
        assert " ".join(text[source.start:source.end].split()) == " ".join(source.text.split()), source
        assert text.count("\n", 0, source.start) + 1 == source.line, source


@pytest.mark.parametrize("name", NAMES)
def test_extract_reports_every_line_of_each_shape_once(shapes: dict[str, Extraction], name: str) -> None:
    text = shapes[name].document.text
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert [r.line for r in shapes[name].coverage] == list(range(1, lines + 1))
    assert all(r.produced or r.reason for r in shapes[name].coverage)


def test_extract_keeps_specialization_facts_on_the_specialization(shapes: dict[str, Extraction]) -> None:
    relations = shapes["registered-nurse.md"].relations
    skills = {(r.source.name, r.target.name) for r in relations if r.type is RelationType.REQUIRES_SKILL}
    assert ("Critical Care Nurse", "Advanced Cardiac Life Support") in skills
    assert not any(source == "Registered Nurse" for source, _ in skills)
    assert ("Registered Nurse", "Critical Care Nurse") in _relations(shapes["registered-nurse.md"],
                                                                     RelationType.HAS_SPECIALIZATION)


def test_extract_quotes_where_the_years_are_stated(shapes: dict[str, Extraction]) -> None:
    (staff,) = [e for e in shapes["registered-nurse.md"].entities if e.name == "Staff Nurse"]
    assert staff.years is not None and [s.text for s in staff.years.sources] == ["two to four years"]


def test_extract_names_a_level_that_is_only_a_number_after_its_role(shapes: dict[str, Extraction]) -> None:
    (level,) = [e for e in shapes["pharmacy-technician-levels.md"].entities if e.name == "Level 2 Pharmacy Technician"]
    assert level.aliases == ("Level 2",) and [s.text for s in level.sources] == ["Level 2"]


def test_extract_keeps_two_tracks_apart(shapes: dict[str, Extraction]) -> None:
    moves = _relations(shapes["platform-engineering-tracks.md"], RelationType.PROGRESSES_TO)
    assert ("Principal Platform Engineer", "Engineering Manager") not in moves


def _inline(name: str, text: str) -> Extraction:
    from seed import Document

    return extract(Document(name, text))


def test_extract_reads_a_level_table_whose_titles_are_not_in_the_first_column() -> None:
    text = ("# Welder Levels\n\n| # | Title | Years | Scope |\n|---|---|---|---|\n"
            "| 1 | Junior Welder | 0-2 | Tacks parts under supervision |\n"
            "| 2 | Senior Welder | 5+ | Welds pressure vessels to code |\n")
    extraction = _inline("welder.md", text)
    assert {"Junior Welder", "Senior Welder"} <= _entities(extraction, EntityKind.LEVEL)
    assert ("Junior Welder", "Senior Welder") in _relations(extraction, RelationType.PROGRESSES_TO)
    years = {e.name: (e.years.min, e.years.max) for e in extraction.entities if e.years}
    assert years == {"Junior Welder": (0, 2), "Senior Welder": (5, None)}
    assert ("Senior Welder", "Welds pressure vessels to code") in _relations(extraction,
                                                                            RelationType.HAS_RESPONSIBILITY)


def test_extract_reads_verb_first_prose_under_a_level_as_its_responsibilities() -> None:
    text = ("# Baker Ladder\n\n## Junior Baker\n\nShapes loaves on the morning shift. Cleans the mixers.\n\n"
            "## Senior Baker\n\nThis level is for experienced bakers. Plans the week's production.\n")
    held = _relations(_inline("baker.md", text), RelationType.HAS_RESPONSIBILITY)
    assert held == {("Junior Baker", "Shapes loaves on the morning shift"), ("Junior Baker", "Cleans the mixers"),
                    ("Senior Baker", "Plans the week's production")}


@pytest.mark.parametrize("verb", ["graduates to", "moves on to", "steps up to", "goes on to become"])
def test_extract_reads_more_ways_to_say_a_move(verb: str) -> None:
    text = f"# Cook\n\nA line cook {verb} a sous chef after a few years.\n"
    assert ("Line Cook", "Sous Chef") in _relations(_inline("cook.md", text), RelationType.PROGRESSES_TO)
