"""The pathway graph: built from the tables, frozen, every node and edge explained, sound."""

from __future__ import annotations


import networkx as nx
import pandas as pd
import pytest

from tests.fixtures.routes.tiny_bundle import tiny_bundle

from pathways.graph import build_graph, check_graph
from pathways.graph_progressions import EVIDENCE, EvidenceKind
from pathways.graph_checks import EDGE_KINDS
from pathways.graph_nodes import START_NODES, status_words, successor_words


@pytest.fixture(scope="module")
def g():
    return build_graph(tiny_bundle())


def real_bundle():
    from pathways.bundle import load_bundle
    from pathways.errors import BundleError

    try:
        return load_bundle()
    except BundleError as exc:
        pytest.skip(f"no built bundle: {exc}")


def test_frozen_and_sound(g):
    assert nx.is_frozen(g)
    assert check_graph(g) == []


def test_node_ids_and_kinds(g):
    assert set(START_NODES) <= set(g)
    assert "start:level2+em" in g and "start:none+em" not in g
    assert g.nodes["prog:ST0005"]["kind"] == "programme" and g.nodes["occ:6135"]["kind"] == "occupation"
    assert all(a["why"] for _, a in g.nodes(data=True))
    assert {e["kind"] for *_, e in g.edges(data=True)} == set(EDGE_KINDS)
    assert all(e["why"] for *_, e in g.edges(data=True))


@pytest.mark.parametrize(
    "start, prog, present",
    [
        ("start:none", "prog:ST0005", True),  # level 2 apprenticeship: no qualifications needed
        ("start:none", "prog:ST0006", False),  # level 3 asks for a level 2
        ("start:level2", "prog:ST0006", True),
        ("start:level2", "prog:TL0001", False),  # the T Level rule in the fixture asks for English and maths
        ("start:level2+em", "prog:TL0001", True),
        ("start:level2+em", "prog:ST0325", False),  # level 4 asks for a level 3
        ("start:level3", "prog:ST0325", True),
        ("start:none", "prog:ST9999", False),  # paused for starts: no entry
    ],
)
def test_entry_edges_follow_the_rules(g, start, prog, present):
    assert any(k.startswith("entry:") for k in (g.get_edge_data(start, prog) or {})) is present


def test_entry_edges_carry_age_rules(g):
    e = g.get_edge_data("start:none", "prog:FA0001")["entry:FA"]
    assert (e["min_age"], e["max_age"], e["exception_max_age"]) == (16, 21, 24)
    assert g.get_edge_data("start:none", "prog:SI0001")["entry:SI"]["requires_ehcp"]


def test_other_edges(g):
    assert g.get_edge_data("prog:ST0005", "occ:6135")["trains_for"]["confidence"] == 0.9
    assert "progresses_to" in g.get_edge_data("prog:ST0005", "prog:ST0006")
    assert "qualifies" in g.get_edge_data("prog:ST0005", "start:level2")
    assert "direct_entry" in g.get_edge_data("start:none", "occ:6135")
    assert g.get_edge_data("start:none", "occ:6136") is None  # needs qualifications
    # in-work training grows from a job with no formal requirements
    assert "progresses_to" in g.get_edge_data("occ:6135", "prog:ST0005")
    assert g.nodes["occ:6135"]["route"] == "Care services"


def test_check_graph_finds_problems():
    h = nx.MultiDiGraph(build_graph(tiny_bundle()))  # an unfrozen copy
    h.add_edge("prog:ST0005", "prog:NOPE", kind="progresses_to", why="x")  # dangling: NOPE never described
    h.add_edge(
        "start:none",
        "prog:ST0325",
        key="entry:bad",
        kind="entry",
        min_prior_level=3,
        needs_english_maths=True,
        min_age=16,
        max_age=None,
        exception_max_age=None,
        why="bad",
    )
    h.remove_edges_from([(u, v, k) for u, v, k in h.in_edges("prog:ST0119", keys=True)])
    problems = check_graph(h)
    assert any("prog:NOPE" in p for p in problems)
    assert any("needs Level 3" in p for p in problems)
    assert any("needs English and maths" in p for p in problems)
    assert any("ST0119" in p and "cannot be reached" in p for p in problems)


def test_real_bundle_graph():
    bundle = real_bundle()
    graph = build_graph(bundle)  # its build time is measured by bench/bench_routes.py (bar 2 s)
    assert check_graph(graph) == []
    approved = (bundle.standards.status == "approved").sum()
    assert (
        sum(
            1
            for _, a in graph.nodes(data=True)
            if a["kind"] == "programme" and a["open"] and a["programme_kind"].endswith("apprenticeship")
        )
        == approved
    )


def test_closed_standards_are_never_led_into():
    """A paused standard takes no new starts: no entry edge and no progression leads into it."""
    b = tiny_bundle()
    extra = pd.DataFrame(
        [
            dict(
                from_kind="programme",
                from_id="ST0154",
                to_kind="programme",
                to_id="ST9999",
                rule="same_occupation_next_level",
                strength=0.9,
                source="test",
            )
        ]
    )
    b.progressions = pd.concat([b.progressions, extra], ignore_index=True)
    graph = build_graph(b)
    assert [k for _, _, k in graph.in_edges("prog:ST9999", keys=True)] == []
    assert graph.graph["skipped"]["progresses_to: closed to new starts"] == 1
    assert check_graph(graph) == []
    assert status_words("paused") == "paused for new starts" and status_words("approved") == ""


def test_replaced_standard_is_never_a_route_step():
    """A standard the 2026 map no longer lists, replaced by another, takes no new starts: no edge leads into it
    and no route holds it, though before it was replaced it was a step of routes for these learners."""
    from pathways.profile import Profile
    from pathways.routes.candidates import RouteContext

    profiles = [
        Profile(age=16),
        Profile(age=17, qualification="level2"),
        Profile(age=22, qualification="level3", english_maths=True),
    ]

    def steps(bundle) -> set[str]:
        rc = RouteContext(bundle)
        return {s[0] for p in profiles for c in rc.candidates(p).paths for s in c[0]}

    assert "prog:ST0326" in steps(tiny_bundle())
    b = tiny_bundle()
    b.standards = b.standards.assign(replaced_by=None, status_source="test", status_date="2026-09-11")
    b.standards.loc[b.standards.programme_id == "ST0326", ["status", "replaced_by"]] = ["replaced", "ST0325"]
    graph = build_graph(b)
    assert check_graph(graph) == []
    node = graph.nodes["prog:ST0326"]
    assert node["open"] is False and "replaced by ST0325" in node["why"]
    assert not any(e["kind"] in ("entry", "progresses_to") for *_, e in graph.in_edges("prog:ST0326", data=True))
    assert "prog:ST0326" not in steps(b)
    titles = dict(zip(b.standards.programme_id, b.standards.title))
    assert status_words("replaced", successor_words("ST0325", titles)) == "replaced by Retail manager: no new starts"
    assert status_words("replaced") == "replaced: no new starts"


def test_real_bundle_closed_standards_have_no_way_in():
    bundle = real_bundle()
    graph = build_graph(bundle)
    closed = bundle.standards.loc[bundle.standards.status != "approved", "programme_id"]
    assert len(closed) > 0
    for ref in closed:
        assert not any(e["kind"] in ("entry", "progresses_to") for _, _, e in graph.in_edges(f"prog:{ref}", data=True)), ref


# ---------------------------------------------------------------------------- evidence said truly: a link says how it was made
def _with_progressions(rows: list[tuple[str, str, str, str]]):
    """The tiny bundle with extra ``progressions`` rows (from, to, rule, source)."""
    b = tiny_bundle()
    extra = pd.DataFrame(
        [
            dict(from_kind="programme", from_id=a, to_kind="programme", to_id=c, rule=r, strength=0.9, source=s)
            for a, c, r, s in rows
        ]
    )
    b.progressions = pd.concat([b.progressions, extra], ignore_index=True)
    return b


def test_evidence_kinds_are_named_records_and_an_inferred_link_says_so():
    assert all(isinstance(k, EvidenceKind) for k in EVIDENCE.values())
    official = [k for k in EVIDENCE.values() if not k.derived]
    for key, kind in EVIDENCE.items():
        assert kind.label.startswith("our own link") is kind.derived, key
        if kind.derived:  # an inference scores lower than any official progression or entry rule
            assert kind.strength < min(k.strength for k in official if k.strength >= 0.9), key


def test_a_derived_progression_is_labelled_derived_whatever_its_rule():
    """42% of later steps said "Skills England maps link both" (strength 0.9, not derived) while their own source said
    "derived: same route, next level up": the label now comes from how the link was made."""
    b = _with_progressions(
        [
            # same main job (Programmers, on the map for both): our own link, resting on the map
            ("HTQ0001", "ST0119", "same_occupation_next_level", "derived: same route (Digital), next level up"),
            # a row whose rule says "map" but whose source says derived is still derived
            ("ST0154", "ST0457", "skills_england_progression_map", "derived: same route, next level up"),
        ]
    )
    graph = build_graph(b)
    same = graph.get_edge_data("prog:HTQ0001", "prog:ST0119", key="progresses_to")
    assert same["evidence"] == "derived_same_job"
    assert EVIDENCE["derived_same_job"].derived and EVIDENCE["derived_same_job"].strength < 0.9
    assert graph.get_edge_data("prog:ST0154", "prog:ST0457", key="progresses_to")["evidence"] != "official_progression"
    # the fixture's own Skills England rows stay official and name their source
    official = graph.get_edge_data("prog:ST0005", "prog:ST0006", key="progresses_to")
    assert official["evidence"] == "official_progression" and not EVIDENCE["official_progression"].derived


def test_in_work_training_is_our_own_link_named_by_how_the_job_link_was_made(g):
    e = g.get_edge_data("occ:6135", "prog:ST0005", key="progresses_to")
    assert e["evidence"] == "in_work_training"  # the fixture links ST0005 to 6135 on the Skills England map
    kind = EVIDENCE[e["evidence"]]
    assert kind.derived and "Skills England map" in kind.label
    b = tiny_bundle()
    b.programme_occupations.loc[b.programme_occupations.programme_id == "ST0005", "method"] = "curated_crosswalk"
    e = build_graph(b).get_edge_data("occ:6135", "prog:ST0005", key="progresses_to")
    assert e["evidence"] == "derived_in_work" and "official" not in EVIDENCE[e["evidence"]].label


def test_a_placeholder_job_link_says_it_is_our_own():
    b = tiny_bundle()
    b.programme_occupations.loc[b.programme_occupations.programme_id == "BC0001", ["method", "confidence"]] = [
        "route_family",
        0.4,
    ]
    e = build_graph(b).get_edge_data("prog:BC0001", "occ:2134", key="trains_for")
    assert e["why"].startswith("Our own link")


def test_real_bundle_no_derived_progression_is_labelled_official():
    graph = build_graph(real_bundle())
    wrong = [
        (u, v, e["evidence"])
        for u, v, e in graph.edges(data=True)
        if e["kind"] == "progresses_to"
        and str(e.get("evidence_source", "")).lower().startswith("derived")
        and not EVIDENCE[e["evidence"]].derived
    ]
    assert wrong == []
