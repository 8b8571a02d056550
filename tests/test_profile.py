"""The learner profile: defaults, plain notices, shareable parameters, and never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.profile import QUALIFICATION_LABELS, QUALIFICATIONS, ROUTES, Profile, start_node
from pathways.vocab import TRAVEL


def test_constants_in_one_place():
    assert len(ROUTES) == 15 and len(set(ROUTES)) == 15
    assert set(QUALIFICATION_LABELS) == set(QUALIFICATIONS)
    assert QUALIFICATION_LABELS["level1"] == "Some GCSEs, below grade 4"


def test_defaults_from_empty():
    p, notices = Profile.from_params({})
    assert p == Profile() and notices == []


def test_reads_short_and_long_keys():
    p, notices = Profile.from_params(
        {
            "age": "19",
            "qualification": "level3",
            "em": "yes",
            "where": "  TS10\x00 1AA ",
            "t": "25km",
            "i": ["Digital", "care services", "Nonsense"],
            "earn": "1",
            "yrs": "2",
            "nodebt": "true",
            "cl": "on",
        }
    )
    assert (p.age, p.qualification, p.english_maths, p.where, p.travel) == (19, "level3", True, "TS10 1AA", "25km")
    assert p.interests == ("Care services", "Digital")  # in the routes' own order
    assert p.earn_while_learning and p.avoid_debt and p.care_leaver and p.max_training_years == 2
    assert notices == ["We ignored interests we did not recognise."]


@pytest.mark.parametrize(
    "params, field, default",
    [
        ({"age": "13"}, "age", 16),
        ({"age": "31"}, "age", 16),
        ({"age": "sixteen"}, "age", 16),
        ({"q": "degree"}, "qualification", "none"),
        ({"t": "100km"}, "travel", "neighbours"),
        ({"em": "maybe"}, "english_maths", False),
        ({"yrs": "99"}, "max_training_years", None),
    ],
)
def test_invalid_values_fall_back_with_a_notice(params, field, default):
    p, notices = Profile.from_params(params)
    assert getattr(p, field) == default
    assert len(notices) == 1 and len(notices[0]) < 120


def test_start_node():
    assert start_node("level2", True) == "start:level2+em"
    assert start_node("level1", True) == "start:level1"  # E&M at grade 4 is itself a Level 2
    assert Profile(qualification="level3", english_maths=True).start == "start:level3+em"


def test_constructor_validates():
    with pytest.raises(ValueError):
        Profile(age=40)
    with pytest.raises(ValueError):
        Profile(interests=("Astronauts",))


profiles = st.builds(
    Profile,
    age=st.integers(14, 30),
    qualification=st.sampled_from(QUALIFICATIONS),
    english_maths=st.booleans(),
    ehcp=st.booleans(),
    care_leaver=st.booleans(),
    where=st.sampled_from(["", "TS10 1AA", "Blackpool"]),
    travel=st.sampled_from(TRAVEL),
    interests=st.lists(st.sampled_from(ROUTES), unique=True).map(lambda xs: tuple(r for r in ROUTES if r in xs)),
    earn_while_learning=st.booleans(),
    max_training_years=st.none() | st.integers(0, 6),
    avoid_debt=st.booleans(),
)


@given(profiles)
def test_params_round_trip(p):
    q, notices = Profile.from_params(p.to_params())
    assert q == p and notices == []


junk = st.one_of(
    st.text(max_size=50),
    st.lists(st.text(max_size=20), max_size=5),
    st.none(),
    st.integers(),
    st.binary(max_size=10),
    st.just("x" * 100_000),
    st.just("\x00\x1b[31m\u202e"),
)
keys = st.sampled_from(
    ["age", "q", "em", "ehcp", "cl", "where", "t", "i", "earn", "yrs", "nodebt", "qualification", "interests", "other", ""]
)


@settings(max_examples=300)
@given(st.dictionaries(keys, junk, max_size=12))
def test_from_params_never_raises(params):
    p, notices = Profile.from_params(params)
    assert isinstance(p, Profile)
    assert all(isinstance(n, str) and n for n in notices)
    assert len(p.where) <= 100 and all(ch.isprintable() for ch in p.where)


def test_from_params_survives_a_bad_mapping():
    class Bad(dict):
        def keys(self):
            raise RuntimeError("tampered")

    p, notices = Profile.from_params(Bad())
    assert p == Profile() and notices
