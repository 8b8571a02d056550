"""The vocabulary module: one list of kinds, needs, travel choices, comparator areas and pages, consistent with
the data and the code that uses them."""

from __future__ import annotations

import ast
from pathlib import Path

import pandera.errors as pa_errors
import pytest

from pathways import graph, vocab
from pathways.delivery_answers import NO_PROVIDER_DATA, SEARCH_ELSEWHERE
from pathways.figures import LEVELS
from pathways.ingest.ncs import _NEED_WORDS
from pathways.ingest.readers import read_hand
from pathways.next_steps import SERVICES
from pathways.routes import settings
from pathways.schema import programmes, source_files
from pathways.vocab import (
    APPRENTICESHIP_KINDS,
    COURSE_KINDS,
    KINDS,
    LOAN_KINDS,
    NEEDS,
    NO_NEEDS,
    NO_QUALIFICATION_KINDS,
    PAGES,
    PROGRAMME_TABLE_KINDS,
    RULE_KINDS,
    TRAVEL,
    TRAVEL_LABELS,
    TRAVEL_MODES,
    apprenticeship_kind,
    kind,
    kind_label,
    needs_where,
    page,
)
from pathways.words import TERMS_FOR_KIND, glossary

ROOT = Path(__file__).resolve().parent.parent


def test_every_kind_has_plain_label_and_consistent_properties():
    for key, k in KINDS.items():
        assert k.key == key
        assert k.label and "_" not in k.label
        assert not (k.is_apprenticeship and not k.paid), key
        assert not (k.tuition_loan and k.paid), key  # a loan pays for study, not for a job
        assert k.is_programme or not k.gives_qualification
        assert (k.table == "standards") == k.is_apprenticeship
    assert APPRENTICESHIP_KINDS == ("apprenticeship", "foundation_apprenticeship")
    assert LOAN_KINDS == ("htq",)
    assert NO_QUALIFICATION_KINDS == ("bootcamp", "supported_internship")
    assert set(COURSE_KINDS) == {"t_level", "fe_course", "htq"}
    assert "job" not in RULE_KINDS and set(APPRENTICESHIP_KINDS) <= set(RULE_KINDS)


def test_unknown_kind_gets_plain_words_and_no_properties():
    k = kind("evening_class")
    assert k.label == "Evening class" and kind_label("evening_class") == "Evening class"
    assert not (k.paid or k.is_apprenticeship or k.tuition_loan)


@pytest.mark.parametrize(
    "flag, expected",
    [(True, "foundation_apprenticeship"), (False, "apprenticeship"), (None, "apprenticeship"), (1, "foundation_apprenticeship")],
)
def test_apprenticeship_kind(flag, expected):
    assert apprenticeship_kind(flag) == expected


def test_apprenticeship_kind_of_missing_value():
    pd = pytest.importorskip("pandas")
    assert apprenticeship_kind(pd.NA) == "apprenticeship"


def test_glossary_has_a_term_for_every_programme_kind():
    terms = {name for name, _ in glossary({})}
    for k in KINDS.values():
        if k.is_programme:
            assert k.term in terms, k.key


def test_kinds_cover_the_bundle(bundle):
    """Every kind in the data is in the vocabulary, and what the vocabulary says about pay matches the data."""
    progs = bundle.programmes
    assert set(progs.kind.astype(str)) <= set(PROGRAMME_TABLE_KINDS)
    for k, paid in progs.groupby("kind", observed=True).paid.any().items():
        assert bool(paid) == KINDS[str(k)].paid, k
    assert set(bundle.entry_rules.programme_kind.astype(str)) <= set(RULE_KINDS)


def test_finders_are_services():
    for k in KINDS.values():
        assert k.finder == "" or k.finder in SERVICES, k.key


def test_travel_modes():
    assert TRAVEL == ("home", "neighbours", "25km", "50km")
    assert vocab.DEFAULT_TRAVEL in TRAVEL
    assert set(TRAVEL_LABELS) == set(TRAVEL_MODES)
    assert len(set(TRAVEL_LABELS.values())) == len(TRAVEL_LABELS)
    for key, mode in TRAVEL_MODES.items():
        assert (mode.radius_km is None) == (not key.endswith("km"))
        if mode.radius_km is not None:
            assert key == f"{mode.radius_km:.0f}km" and f"{mode.radius_km:.0f} km" in mode.label


def test_comparators():
    assert vocab.ENGLAND.code == "E92000001" and vocab.UK.code == "K02000001"
    assert set(vocab.COMPARATORS) == {"E92000001", "K02000001"}
    assert vocab.ENGLAND.level in LEVELS and vocab.UK.level in LEVELS


def test_pages_are_files_with_unique_slugs_and_titles():
    assert len({p.slug for p in PAGES}) == len(PAGES) == len({p.title for p in PAGES})
    assert sum(p.default for p in PAGES) == 1
    for p in PAGES:
        assert (ROOT / p.file).is_file(), p.file
        assert page(p.slug) is p
    with pytest.raises(KeyError):
        page("nowhere")


def test_vocab_imports_nothing_heavy():
    """Plain data: the pages, the ingest and the domain can all import it cheaply."""
    tree = ast.parse((ROOT / "pathways/vocab.py").read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "dataclasses"}


def test_per_kind_wording_is_for_known_kinds():
    for table in (NO_PROVIDER_DATA, SEARCH_ELSEWHERE, TERMS_FOR_KIND):
        assert set(table) <= set(KINDS)
    assert set(NO_PROVIDER_DATA) == {k for k, v in KINDS.items() if not v.is_apprenticeship}


def test_schema_kinds_are_the_vocabulary():
    assert programmes.PROGRAMME_KINDS == PROGRAMME_TABLE_KINDS and programmes.RULE_KINDS == RULE_KINDS


def test_every_need_has_plain_words():
    for key, need in NEEDS.items():
        assert need.key == key and need.words and "_" not in need.words, key
    assert NO_NEEDS not in NEEDS
    assert programmes.RESTRICTION_NEEDS == (*NEEDS, NO_NEEDS)
    with pytest.raises(TypeError, match="no flag"):
        needs_where(blocks=True)


def test_the_graph_and_the_route_finder_decide_from_the_needs_in_the_vocabulary():
    """The sets of needs that stop a job being a first job, close a route, make a job a regulated one, or must be
    held before a first step the start form does not ask about are the vocabulary's."""
    assert graph.BLOCKING_NEEDS == needs_where(blocks_start=True)
    assert graph.CLOSED_NEEDS == needs_where(closes=True)
    assert settings.LICENCES == needs_where(regulated=True)
    assert settings.UNASKED_NEEDS == needs_where(held_before=True, asked=False)


def test_the_needs_in_the_data_are_the_vocabulary():
    """The hand-written table and the words read from National Careers Service profiles name known needs only."""
    used = {n for cell in read_hand(source_files.RESTRICTIONS)["needs"] for n in cell.split(";")}
    assert used <= set(NEEDS) | {NO_NEEDS}
    assert {need for _, need in _NEED_WORDS} <= set(NEEDS)


def test_the_schema_refuses_an_unknown_need(bundle):
    rows = bundle.restrictions.head(2).assign(needs=["driving_licence;medical", "jetpack_licence"])
    with pytest.raises(pa_errors.SchemaError, match="unknown need"):
        programmes.RESTRICTIONS.validate(rows)


def test_the_kind_and_group_keys_code_decides_on_are_the_vocabulary_s():
    kinds = {
        vocab.APPRENTICESHIP,
        vocab.FOUNDATION_APPRENTICESHIP,
        vocab.T_LEVEL,
        vocab.HTQ,
        vocab.BOOTCAMP,
        vocab.FE_COURSE,
        vocab.SUPPORTED_INTERNSHIP,
        vocab.JOB,
    }
    assert kinds == set(vocab.KINDS)
    assert {vocab.EARN, vocab.STUDY, vocab.SUPPORT} == set(vocab.GROUPS)
