"""The word-level finders of structural extraction: levels, role names, years, moves, teams, skills."""

from __future__ import annotations

import pytest

from seed.ladder import arrow_moves, extends_role, mermaid_moves, sentence_moves
from seed.levels import parse_level, role_phrase
from seed.mentions import skills_in, team_name, teams_in
from seed.vocabulary import vocabulary
from seed.years import stated_years


@pytest.mark.parametrize(
    ("text", "name", "base", "aliases"),
    [
        pytest.param("Engineer II", "Engineer II", "Engineer", (), id="roman"),
        pytest.param("Senior Backend Engineers", "Senior Backend Engineers", "Backend Engineers", (), id="seniority"),
        pytest.param("D3 - Developer 3", "Developer 3", "Developer", ("D3",), id="code-prefix"),
        pytest.param("IC4", "IC4", "", (), id="code"),
        pytest.param("Level 2", "Level 2", "", (), id="level-number"),
        pytest.param("Data Analyst (Intermediate)", "Data Analyst (Intermediate)", "Data Analyst", (),
                     id="parenthesized"),
        pytest.param("Head Chef", "Head Chef", "Chef", (), id="kitchen"),
        pytest.param("Apprentice Electrician", "Apprentice Electrician", "Electrician", (), id="trade"),
        pytest.param("Level 1: Junior Engineer", "Junior Engineer", "Engineer", ("Level 1",), id="level-prefix"),
        pytest.param("Grade 7 — Staff Nurse", "Staff Nurse", "Nurse", ("Grade 7",), id="grade-prefix"),
        pytest.param("Senior Engineer (L5)", "Senior Engineer", "Engineer", ("L5",), id="code-suffix"),
        pytest.param("Level 2 - Cook", "Cook", "Cook", ("Level 2",), id="prefix-only-marker"),
    ],
)
def test_parse_level_finds_the_level_a_heading_names(text: str, name: str, base: str, aliases: tuple[str, ...]) -> None:
    level = parse_level(text)
    assert level is not None
    assert (level.name, level.base, level.aliases) == (name, base, aliases)
    assert text[level.start:level.end] == level.name


@pytest.mark.parametrize(
    "text", ["Tech Lead", "Staff+ Promotions", "Hiring Process", "Engineering Manager", "Responsibilities", "3"]
)
def test_parse_level_rejects_names_that_are_not_levels(text: str) -> None:
    assert parse_level(text) is None


def test_parse_level_reads_a_bare_number_when_the_column_says_levels() -> None:
    level = parse_level("4", numbers_are_levels=True)
    assert level is not None and level.marker == "4"


@pytest.mark.parametrize(
    ("title", "role"),
    [
        pytest.param("Site Reliability Engineer Levels", "Site Reliability Engineer", id="levels"),
        pytest.param("Data Analyst Roles at Acme", "Data Analyst", id="company"),
        pytest.param("Engineering Career Development", "Engineer", id="discipline"),
        pytest.param("Registered Nurse Career Guide", "Registered Nurse", id="guide"),
        pytest.param("ELECTRICIAN PROGRESSION AT NORTHSIDE", "Electrician", id="capitals"),
        pytest.param("The Reporter's Path", "Reporter", id="possessive"),
    ],
)
def test_role_phrase_finds_the_role_a_title_names(title: str, role: str) -> None:
    assert role_phrase(title) == role


def test_role_phrase_prefers_the_form_the_body_uses() -> None:
    assert role_phrase("Acme product career framework", "We expect all product managers to") == "Product Manager"


@pytest.mark.parametrize("title", ["Levels", "Hiring Process", "What are the expectations of my role?"])
def test_role_phrase_finds_no_role_in_titles_without_one(title: str) -> None:
    assert role_phrase(title) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        pytest.param("Typically 2-4 years of experience.", 2, 4, id="range"),
        pytest.param("5+ years of experience in a kitchen", 5, None, id="plus"),
        pytest.param("Requires at least 3 years as a staff nurse.", 3, None, id="at-least"),
        pytest.param("a minimum of 8 years of professional experience", 8, None, id="minimum"),
        pytest.param("two to four years of experience is typical", 2, 4, id="words"),
        pytest.param("Experience: no previous experience required.", 0, None, id="none-required"),
    ],
)
def test_stated_years_reads_years_of_experience(text: str, low: float, high: float | None) -> None:
    years = stated_years(text)
    assert years is not None and (years.min, years.max) == (low, high)


@pytest.mark.parametrize("text", ["Interim periods last 3 months.", "The target is 12% annually.", "Bakes bread."])
def test_stated_years_ignores_numbers_that_are_not_experience(text: str) -> None:
    assert stated_years(text) is None


def _names(moves: list) -> list[tuple[str, str]]:
    return [(a.name, b.name) for a, b in moves]


def test_arrow_moves_reads_a_chain_with_a_branch() -> None:
    moves = arrow_moves("Cook → Sous Chef → Head Chef or Executive Chef")
    assert _names(moves) == [("Cook", "Sous Chef"), ("Sous Chef", "Head Chef"), ("Sous Chef", "Executive Chef")]


def test_mermaid_moves_reads_labels_bare_ids_and_groups() -> None:
    code = "flowchart LR\n  a[Junior Tester] -->|2 years| b(Tester)\n  b --> c & Lead\n  c{Senior Tester}\n"
    moves = mermaid_moves(code)
    assert _names(moves) == [("Junior Tester", "Tester"), ("Tester", "Senior Tester"), ("Tester", "Lead")]
    for mention in (m for move in moves for m in move):
        assert code[mention.start:mention.end] == mention.name


@pytest.mark.parametrize(
    ("sentence", "moves"),
    [
        pytest.param("An editorial assistant can become a staff reporter.",
                     [("editorial assistant", "staff reporter")], id="can-become"),
        pytest.param("A senior reporter may become an editor or a columnist.",
                     [("senior reporter", "editor"), ("senior reporter", "columnist")], id="branch"),
        pytest.param("They are promoted from a Senior Engineer to either a Staff Engineer or an Engineering Manager.",
                     [("Senior Engineer", "Staff Engineer"), ("Senior Engineer", "Engineering Manager")], id="from-to"),
        pytest.param("The next step for an experienced charge nurse is nurse manager.",
                     [("charge nurse", "nurse manager")], id="next-step"),
        pytest.param("Bakers bake bread with flour.", [], id="none"),
    ],
)
def test_sentence_moves_reads_progression_sentences(sentence: str, moves: list[tuple[str, str]]) -> None:
    assert _names(sentence_moves(sentence)) == moves


def test_extends_role_names_the_position_extended() -> None:
    found = extends_role("The responsibilities of the Analyst extend the Junior Analyst role and include:")
    assert found is not None and found.name == "Junior Analyst"


@pytest.mark.parametrize(
    ("sentence", "teams"),
    [
        pytest.param("Works with the pastry team on plated desserts.", ["Pastry"], id="team-word"),
        pytest.param("Coordinates with the tax team and the external auditors.", ["Tax", "Audit"], id="cue-list"),
        pytest.param("Works closely with physicians and the pharmacy team.", ["Physicians", "Pharmacy"], id="health"),
        pytest.param("Works with our teams and their stakeholders.", [], id="generic"),
        pytest.param("Keeps the whole team informed.", [], id="whole-team"),
    ],
)
def test_teams_in_finds_teams_of_any_occupation(sentence: str, teams: list[str]) -> None:
    assert [t.name for t in teams_in(sentence)] == teams


@pytest.mark.parametrize("phrase", ["stakeholders", "customers", "their teams", "build teams", "our team"])
def test_team_name_rejects_people_and_verbs(phrase: str) -> None:
    assert team_name(phrase) is None


@pytest.mark.parametrize(
    ("sentence", "skills"),
    [
        pytest.param("Expert in Excel and NetSuite.", ["Excel", "NetSuite"], id="finance"),
        pytest.param("Knowledge of chocolate tempering and sugar work.", ["Chocolate Tempering", "Sugar Work"],
                     id="kitchen"),
        pytest.param("Reads blueprints and follows the National Electrical Code",
                     ["Blueprint Reading", "National Electrical Code"], id="trade"),
        pytest.param("Is an expert in a particular area, drawing on experience", [], id="not-a-list"),
    ],
)
def test_skills_in_finds_skills_of_any_occupation(sentence: str, skills: list[str]) -> None:
    assert [s.name for s in skills_in(sentence)] == skills


def test_vocabulary_covers_every_occupation_it_names() -> None:
    vocab = vocabulary()
    for head in ("engineer", "nurse", "accountant", "chef", "electrician", "bartender"):
        assert head in vocab.role_heads
    for team in ("engineering", "pharmacy", "tax", "front of house", "plumbing"):
        assert team in vocab.teams


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        pytest.param("What you'll do", "responsibilities", id="responsibilities"),
        pytest.param("Requirements", "requirements", id="requirements"),
        pytest.param("Specialties", "specializations", id="specializations"),
        pytest.param("Types of Nurses", "specializations", id="types-of"),
        pytest.param("Management Track", "tracks", id="track"),
        pytest.param("Hiring Process", "noise", id="noise"),
        pytest.param("Career Path", "ladder", id="ladder"),
    ],
)
def test_section_kind_reads_what_a_heading_holds(heading: str, kind: str) -> None:
    assert vocabulary().section_kind(heading) == kind
