"""Extraction: what each guide states, with exact provenance and full line coverage.

The guides are described once, in `GUIDES`, and every table-driven test runs
on each of them: the bundled seed and the extra guides in tests/fixtures/guides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest

from seed import Document, EntityKind, Extraction, LineCategory, RelationType, extract
from seed.errors import UnrecognizedGuide

TPM = "technical-product-manager.txt"
DS = "data-scientist.txt"
UX = "ux-designer.txt"
DA = "data-analyst.txt"


@dataclass(frozen=True)
class Guide:
    """What one guide states, as a reader of it would list it."""

    document: str
    role: str
    ladder: frozenset[str]
    moves: frozenset[tuple[str, str]]
    key_responsibilities: tuple[int, int]
    #: Level name → first and last line of its bullet list.
    levels: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Specialization name → (teams, skills).
    specializations: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)


def _spec(teams: set[str], skills: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(teams), frozenset(skills)


GUIDES = {
    TPM: Guide(
        document=TPM,
        role="Technical Product Manager",
        ladder=frozenset({
            "Product Analyst", "Associate Product Manager", "Technical Product Manager",
            "Senior Technical Product Manager", "Director of Technical Product Management", "VP of Product", "CTO",
        }),
        moves=frozenset({
            ("Product Analyst", "Technical Product Manager"),
            ("Associate Product Manager", "Technical Product Manager"),
            ("Technical Product Manager", "Senior Technical Product Manager"),
            ("Senior Technical Product Manager", "Director of Technical Product Management"),
            ("Director of Technical Product Management", "VP of Product"),
            ("Director of Technical Product Management", "CTO"),
        }),
        key_responsibilities=(6, 17),
        levels={
            "Entry Level Technical Product Manager": (22, 28),
            "Mid Level Technical Product Manager": (31, 37),
            "Senior Level Technical Product Manager": (40, 46),
        },
        specializations={
            "Infrastructure Technical Product Manager": _spec(
                {"DevOps", "Site Reliability Engineering"},
                {"Cloud services", "Networking", "System architecture"},
            ),
            "API/Platform Technical Product Manager": _spec(
                {"Engineering"},
                {"API design principles", "Developer experience", "Ecosystem strategy"},
            ),
            "AI/ML Technical Product Manager": _spec(
                {"AI Researchers", "Engineering"},
                {"Artificial intelligence", "Machine learning products", "Data science", "Algorithms"},
            ),
            "Security Technical Product Manager": _spec(
                {"Security Engineers"},
                {"Cybersecurity threats", "Data protection", "Compliance requirements"},
            ),
            "IoT Technical Product Manager": _spec(
                {"Hardware Engineers", "Firmware Developers", "Engineering"},
                {"Embedded systems", "Wireless communication", "Sensor technology"},
            ),
            "Mobile Technical Product Manager": _spec(
                {"Mobile Developers", "UX/UI Designers"},
                {"Mobile platforms", "User interface design", "Mobile user behavior"},
            ),
        },
    ),
    DS: Guide(
        document=DS,
        role="Data Scientist",
        ladder=frozenset({
            "Data Analyst", "Junior Data Scientist", "Data Scientist", "Senior Data Scientist",
            "Principal Data Scientist", "Head of Data Science", "Chief Data Officer",
        }),
        moves=frozenset({
            ("Data Analyst", "Data Scientist"),
            ("Junior Data Scientist", "Data Scientist"),
            ("Data Scientist", "Senior Data Scientist"),
            ("Senior Data Scientist", "Principal Data Scientist"),
            ("Principal Data Scientist", "Head of Data Science"),
            ("Principal Data Scientist", "Chief Data Officer"),
        }),
        key_responsibilities=(6, 17),
        levels={
            "Junior Level Data Scientist": (22, 28),
            "Mid Level Data Scientist": (31, 37),
            "Lead Level Data Scientist": (40, 46),
        },
        specializations={
            "Machine Learning Data Scientist": _spec(
                {"Machine Learning Engineers", "Platform"},
                {"Supervised learning", "Model evaluation", "Feature engineering"},
            ),
            "Analytics Data Scientist": _spec(
                {"Product Management", "Business Intelligence"},
                {"Statistical inference", "Experimental design", "Causal analysis"},
            ),
            "NLP Data Scientist": _spec(
                {"Research", "Engineering"},
                {"Text preprocessing", "Language models", "Information retrieval"},
            ),
            "Computer Vision Data Scientist": _spec(
                {"Hardware Engineers", "Annotation"},
                {"Deep learning", "Convolutional neural networks", "Image processing"},
            ),
        },
    ),
    UX: Guide(
        document=UX,
        role="UX Designer",
        ladder=frozenset({
            "UX Intern", "Junior UX Designer", "UX Designer", "Senior UX Designer", "UX Manager",
            "Head of Design", "VP of Design",
        }),
        moves=frozenset({
            ("UX Intern", "UX Designer"),
            ("Junior UX Designer", "UX Designer"),
            ("UX Designer", "Senior UX Designer"),
            ("Senior UX Designer", "UX Manager"),
            ("UX Manager", "Head of Design"),
            ("UX Manager", "VP of Design"),
        }),
        key_responsibilities=(6, 16),
        levels={
            "Entry Level UX Designer": (21, 27),
            "Mid Level UX Designer": (30, 36),
            "Senior Level UX Designer": (39, 45),
        },
        specializations={
            "Interaction UX Designer": _spec(
                {"Front-end Engineering", "Visual Design"},
                {"Interaction patterns", "Motion design", "Prototyping tools"},
            ),
            "Research UX Designer": _spec(
                {"Product Management", "Data Analytics"},
                {"Interviewing", "Usability testing", "Research synthesis"},
            ),
            "Accessibility UX Designer": _spec(
                {"Engineering", "Quality Assurance"},
                {"Accessibility guidelines", "Assistive technology", "Inclusive design principles"},
            ),
        },
    ),
    DA: Guide(
        document=DA,
        role="Data Analyst",
        ladder=frozenset({
            "Junior Data Analyst", "Reporting Analyst", "Data Analyst", "Senior Data Analyst", "Data Scientist",
        }),
        moves=frozenset({
            ("Junior Data Analyst", "Data Analyst"),
            ("Reporting Analyst", "Data Analyst"),
            ("Data Analyst", "Senior Data Analyst"),
            ("Data Analyst", "Data Scientist"),
        }),
        key_responsibilities=(4, 7),
    ),
}

ALL_GUIDES = [pytest.param(name, id=name.removesuffix(".txt")) for name in GUIDES]
GUIDES_WITH_LEVELS = [pytest.param(name, id=name.removesuffix(".txt")) for name, g in GUIDES.items() if g.levels]

NOISE = ["Ted Lasso", "Product Manager Company", "XYZ", "Up Next", "JOB"]


def _names(extraction: Extraction, kind: EntityKind) -> set[str]:
    return {entity.name for entity in extraction.entities if entity.kind is kind}


def _edges(extraction: Extraction, type_: RelationType, kind: EntityKind | None = None) -> set[tuple[str, str]]:
    return {
        (relation.source.name, relation.target.name)
        for relation in extraction.relations
        if relation.type is type_ and (kind is None or relation.source.kind is relation.target.kind is kind)
    }


def _targets(extraction: Extraction, type_: RelationType, source: str, kind: EntityKind) -> set[str]:
    return {
        relation.target.name
        for relation in extraction.relations
        if relation.type is type_ and relation.source.name == source and relation.target.kind is kind
    }


def _lines(document: Document, first: int, last: int) -> set[str]:
    return {line.strip() for line in document.text.split("\n")[first - 1 : last]}


def _line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


# -- the career ladder ---------------------------------------------------------


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_finds_every_ladder_role(extractions: dict[str, Extraction], name: str) -> None:
    assert _names(extractions[name], EntityKind.ROLE) == GUIDES[name].ladder


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_links_the_ladder_moves_the_guide_states(extractions: dict[str, Extraction], name: str) -> None:
    assert _edges(extractions[name], RelationType.PROGRESSES_TO, EntityKind.ROLE) == GUIDES[name].moves


def test_extract_quotes_the_branch_to_cto(seed_extraction: Extraction) -> None:
    (move,) = [
        r for r in seed_extraction.relations
        if r.type is RelationType.PROGRESSES_TO and (r.source.name, r.target.name)
        == ("Director of Technical Product Management", "CTO")
    ]
    assert any("executive positions such as VP of Product or CTO" in source.text for source in move.sources)


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        pytest.param(TPM, "TPM", id="tpm"),
        pytest.param(TPM, "TPMs", id="tpms"),
        pytest.param(DS, "DS", id="ds"),
        pytest.param(DA, "DAs", id="das"),
        pytest.param(UX, "UX Designers", id="ux-plural"),
    ],
)
def test_extract_aliases_the_guide_role(extractions: dict[str, Extraction], name: str, alias: str) -> None:
    (role,) = [e for e in extractions[name].entities if e.name == GUIDES[name].role and e.kind is EntityKind.ROLE]
    assert alias in role.aliases


def test_extract_aliases_ladder_roles_with_the_abbreviation(seed_extraction: Extraction) -> None:
    (senior,) = [e for e in seed_extraction.entities if e.name == "Senior Technical Product Manager"]
    assert {"Senior TPM", "Senior TPMs"} <= set(senior.aliases)


# -- responsibilities and levels -----------------------------------------------


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_lists_the_key_responsibilities_on_the_role(extractions: dict[str, Extraction], name: str) -> None:
    extraction, guide = extractions[name], GUIDES[name]
    found = _targets(extraction, RelationType.HAS_RESPONSIBILITY, guide.role, EntityKind.RESPONSIBILITY)
    assert found == _lines(extraction.document, *guide.key_responsibilities)


def test_extract_finds_twelve_key_responsibilities_in_the_seed(seed_extraction: Extraction) -> None:
    role = "Technical Product Manager"
    assert len(_targets(seed_extraction, RelationType.HAS_RESPONSIBILITY, role, EntityKind.RESPONSIBILITY)) == 12


@pytest.mark.parametrize("name", GUIDES_WITH_LEVELS)
def test_extract_finds_three_levels_on_the_role(extractions: dict[str, Extraction], name: str) -> None:
    extraction, guide = extractions[name], GUIDES[name]
    assert _names(extraction, EntityKind.LEVEL) == set(guide.levels)
    assert _targets(extraction, RelationType.HAS_LEVEL, guide.role, EntityKind.LEVEL) == set(guide.levels)


@pytest.mark.parametrize("name", GUIDES_WITH_LEVELS)
def test_extract_gives_each_level_its_seven_bullets(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    for level, (first, last) in GUIDES[name].levels.items():
        found = _targets(extraction, RelationType.HAS_RESPONSIBILITY, level, EntityKind.RESPONSIBILITY)
        assert found == _lines(extraction.document, first, last), level
        assert len(found) == 7, level


@pytest.mark.parametrize("name", GUIDES_WITH_LEVELS)
def test_extract_orders_the_levels_entry_to_senior(extractions: dict[str, Extraction], name: str) -> None:
    entry, mid, senior = GUIDES[name].levels
    assert _edges(extractions[name], RelationType.PROGRESSES_TO, EntityKind.LEVEL) == {(entry, mid), (mid, senior)}


def test_extract_aliases_levels_with_their_short_names(seed_extraction: Extraction) -> None:
    (entry,) = [e for e in seed_extraction.entities if e.name == "Entry Level Technical Product Manager"]
    assert set(entry.aliases) == {"Entry Level", "Entry Level TPM"}
    assert entry.description is not None and entry.description.startswith("Entry-level Technical Product Managers")


# -- specializations, teams and skills ------------------------------------------


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_finds_the_specializations(extractions: dict[str, Extraction], name: str) -> None:
    extraction, guide = extractions[name], GUIDES[name]
    assert _names(extraction, EntityKind.SPECIALIZATION) == set(guide.specializations)
    found = _targets(extraction, RelationType.HAS_SPECIALIZATION, guide.role, EntityKind.SPECIALIZATION)
    assert found == set(guide.specializations)


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_links_each_specialization_to_its_teams(extractions: dict[str, Extraction], name: str) -> None:
    for specialization, (teams, _) in GUIDES[name].specializations.items():
        found = _targets(extractions[name], RelationType.COLLABORATES_WITH, specialization, EntityKind.TEAM)
        assert found == teams, specialization


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_links_each_specialization_to_its_skills(extractions: dict[str, Extraction], name: str) -> None:
    for specialization, (_, skills) in GUIDES[name].specializations.items():
        found = _targets(extractions[name], RelationType.REQUIRES_SKILL, specialization, EntityKind.SKILL)
        assert found == skills, specialization


def test_extract_counts_six_specializations_in_the_seed(seed_extraction: Extraction) -> None:
    assert len(_names(seed_extraction, EntityKind.SPECIALIZATION)) == 6


def test_extract_aliases_specializations_with_their_qualifier(seed_extraction: Extraction) -> None:
    (api,) = [e for e in seed_extraction.entities if e.name == "API/Platform Technical Product Manager"]
    assert set(api.aliases) == {"API/Platform", "API/Platform TPM"}


SEED_TEAMS = [
    "Engineering", "Design", "Marketing", "Sales", "Customer Support", "DevOps", "Site Reliability Engineering",
    "AI Researchers", "Security Engineers", "Hardware Engineers", "Firmware Developers", "Mobile Developers",
    "Data Analysts", "UX/UI Designers",
]


@pytest.mark.parametrize("team", [pytest.param(team, id=team) for team in SEED_TEAMS])
def test_extract_finds_the_team_and_who_works_with_it(seed_extraction: Extraction, team: str) -> None:
    assert team in _names(seed_extraction, EntityKind.TEAM)
    assert any(
        r.type is RelationType.COLLABORATES_WITH and r.target.name == team for r in seed_extraction.relations
    )


def test_extract_finds_no_other_team_in_the_seed(seed_extraction: Extraction) -> None:
    assert _names(seed_extraction, EntityKind.TEAM) == set(SEED_TEAMS)


def test_extract_merges_ux_designer_spellings_into_one_team(seed_extraction: Extraction) -> None:
    ux = [e for e in seed_extraction.entities if e.kind is EntityKind.TEAM and "ux" in e.name.casefold()]
    assert [e.name for e in ux] == ["UX/UI Designers"]
    assert "UX designers" in ux[0].aliases
    assert {s.text for s in ux[0].sources} == {"UX/UI designers", "UX designers"}


def test_extract_reads_software_teams_as_engineering(seed_extraction: Extraction) -> None:
    (engineering,) = [e for e in seed_extraction.entities if e.kind is EntityKind.TEAM and e.name == "Engineering"]
    assert any(s.text == "software teams" and s.line == 58 for s in engineering.sources)


def test_extract_links_a_bullet_to_the_teams_it_names(seed_extraction: Extraction) -> None:
    (bullet,) = _lines(seed_extraction.document, 13, 13)
    assert bullet.startswith("Coordinating with marketing, sales, and customer support teams")
    teams = _targets(seed_extraction, RelationType.COLLABORATES_WITH, bullet, EntityKind.TEAM)
    assert teams == {"Marketing", "Sales", "Customer Support"}


# -- noise ----------------------------------------------------------------------


def _texts(extraction: Extraction) -> list[str]:
    texts = []
    for entity in extraction.entities:
        texts += [entity.name, *entity.aliases, entity.description or ""]
        texts += [source.text for source in entity.sources]
    for relation in extraction.relations:
        texts += [relation.source.name, relation.target.name, *(source.text for source in relation.sources)]
    return texts


@pytest.mark.parametrize("name", ALL_GUIDES)
@pytest.mark.parametrize("noise", [pytest.param(word, id=word) for word in NOISE])
def test_extract_drops_page_noise(extractions: dict[str, Extraction], name: str, noise: str) -> None:
    assert not [text for text in _texts(extractions[name]) if noise in text]


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_reports_noise_lines_as_noise(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    lines = extraction.document.text.split("\n")
    by_line = {report.line: report for report in extraction.coverage}
    noisy = [number for number, text in enumerate(lines, start=1) if any(word in text for word in NOISE)]
    assert noisy
    assert all(by_line[number].category is LineCategory.NOISE for number in noisy)


def test_extract_reports_the_seed_noise_lines_exactly(seed_extraction: Extraction) -> None:
    noise = [r.line for r in seed_extraction.coverage if r.category is LineCategory.NOISE]
    assert noise == [62, 63, 64, 65, 66, 67, 85, 86, 87]


def test_extract_keeps_prose_after_the_testimonial(seed_extraction: Extraction) -> None:
    (report,) = [r for r in seed_extraction.coverage if r.line == 68]
    assert report.category is LineCategory.PROSE


# -- provenance and coverage ------------------------------------------------------


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_quotes_every_source_exactly(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    text = extraction.document.text
    sources = [s for e in extraction.entities for s in e.sources]
    sources += [s for r in extraction.relations for s in r.sources]
    assert sources
    for source in sources:
        assert source.document == name
        assert text[source.start : source.end] == source.text, source
        assert text.count("\n", 0, source.start) + 1 == source.line, source
        assert source.text and source.text == source.text.strip() and "\n" not in source.text, source


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_gives_every_record_a_source(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    assert all(entity.sources for entity in extraction.entities)
    assert all(relation.sources for relation in extraction.relations)


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_relates_only_entities_it_found(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    refs = {entity.ref for entity in extraction.entities}
    assert {end for r in extraction.relations for end in (r.source, r.target)} <= refs


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_reports_every_line_exactly_once(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    lines = [report.line for report in extraction.coverage]
    assert lines == list(range(1, _line_count(extraction.document.text) + 1))
    assert {report.document for report in extraction.coverage} == {name}


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_turns_every_bullet_into_a_responsibility(extractions: dict[str, Extraction], name: str) -> None:
    extraction = extractions[name]
    lines = extraction.document.text.split("\n")
    responsibilities = {
        source.line: entity.name
        for entity in extraction.entities
        if entity.kind is EntityKind.RESPONSIBILITY
        for source in entity.sources
    }
    bullets = [report for report in extraction.coverage if report.category is LineCategory.BULLET]
    assert bullets
    for report in bullets:
        assert f"RESPONSIBILITY {lines[report.line - 1].strip()}" in report.produced
        assert responsibilities[report.line] == lines[report.line - 1].strip()


@pytest.mark.parametrize("name", ALL_GUIDES)
def test_extract_gives_a_reason_for_every_line_that_produced_nothing(
    extractions: dict[str, Extraction], name: str
) -> None:
    silent = [r for r in extractions[name].coverage if not r.produced and not r.reason]
    assert not silent


def test_extract_counts_the_seed_lines_by_category(seed_extraction: Extraction) -> None:
    counts = Counter(report.category for report in seed_extraction.coverage)
    assert counts == {
        LineCategory.HEADING: 23,
        LineCategory.BULLET: 33,
        LineCategory.PROSE: 22,
        LineCategory.NOISE: 9,
    }


# -- shape of the input ------------------------------------------------------------


def test_extract_is_deterministic(seed_extraction: Extraction) -> None:
    assert extract(seed_extraction.document) == seed_extraction


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param("Definition of a Baker\nA Baker bakes bread.\n", 2, id="final-newline"),
        pytest.param("Definition of a Baker\nA Baker bakes bread.", 2, id="no-final-newline"),
        pytest.param("Definition of a Baker\r\nA Baker bakes bread.\r\n", 2, id="crlf"),
        pytest.param("\n\nDefinition of a Baker\n\n", 4, id="blank-lines"),
    ],
)
def test_extract_reports_each_line_of_small_guides(text: str, lines: int) -> None:
    extraction = extract(Document("baker.txt", text))
    assert [report.line for report in extraction.coverage] == list(range(1, lines + 1))
    for entity in extraction.entities:
        for source in entity.sources:
            assert text[source.start : source.end] == source.text


def test_extract_finds_the_role_in_an_indented_heading() -> None:
    text = "  Definition of a Baker  \n  A Baker (BK) bakes bread.  \n"
    (baker,) = extract(Document("baker.txt", text)).entities
    assert baker.name == "Baker" and set(baker.aliases) == {"Bakers", "BK", "BKs"}
    assert [(s.line, s.text) for s in baker.sources] == [(1, "Baker"), (2, "A Baker (BK) bakes bread.")]
    assert all(text[s.start : s.end] == s.text for s in baker.sources)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Just some prose about baking bread.\nAnd more of it.\n", id="prose"),
        pytest.param("Up Next\nDefinition of a Baker\n", id="heading-in-footer"),
        pytest.param("Definition of a XYZ\nA XYZ bakes bread.\n", id="heading-with-placeholder"),
    ],
)
def test_extract_rejects_a_text_with_no_guide_heading(text: str) -> None:
    with pytest.raises(UnrecognizedGuide, match=r"^baker\.txt: no career-guide section found"):
        extract(Document("baker.txt", text))


def test_extract_finds_teams_after_a_bare_with_when_a_team_word_follows(guide_extractions) -> None:
    relations = {
        (r.source.name, r.target.name)
        for r in guide_extractions["ux-designer.txt"].relations
        if r.type.value == "COLLABORATES_WITH"
    }
    assert ("UX Designer", "Marketing") in relations
    assert ("UX Designer", "Content") in relations
