"""Resolving where a learner lives, and their travel area."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pathways.errors import AreaNotFound, OutsideEngland, PathwaysError


@pytest.mark.parametrize("text, code", [
    ("TS10 1AA", "E06000003"), ("ts101aa", "E06000003"), ("TS10", "E06000003"), ("ts10 1", "E06000003"),
    ("FY1 1AA", "E06000009"), ("Blackpool", "E06000009"), ("redcar", "E06000003"),
    ("Redcar and Cleveland", "E06000003"), ("Redcar & Cleveland", "E06000003"), ("SR1 1AA", "E08000024"),
    ("Sunderland", "E08000024"), ("Cornwall", "E06000052"), ("TR1 1AA", "E06000052"), ("E06000003", "E06000003"),
    ("Barnsley", "E08000038"), ("Sheffield", "E08000039"), ("S1 2HE", "E08000039"),
])
def test_resolves_postcodes_outcodes_and_names(ctx, text, code):
    assert ctx.resolve(text).lad_code == code


@pytest.mark.parametrize("text, word", [("EH1 1AA", "Scotland"), ("CF10 1AA", "Wales"), ("BT1 1AA", "Northern Ireland"),
                                        ("Cardiff", "Wales"), ("Glasgow", "Scotland")])
def test_outside_england_says_so(ctx, text, word):
    with pytest.raises(OutsideEngland, match=word):
        ctx.resolve(text)


@pytest.mark.parametrize("text", ["", "   ", "ZZ99 9ZZ", "Atlantis", "<script>alert(1)</script>", "'; DROP TABLE lads;--"])
def test_unknown_input_gets_a_plain_message(ctx, text):
    with pytest.raises(AreaNotFound) as err:
        ctx.resolve(text)
    assert "could not find" in str(err.value).lower() or "please" in str(err.value).lower()


def test_split_outcode_says_which_district_was_chosen(ctx, bundle):
    po = bundle.postcode_outcodes
    split = po[(po.country == "England")].groupby("outcode").lad_code.nunique()
    outcode = split[split > 1].index[0]
    place = ctx.resolve(outcode)
    assert "split" in place.how and place.name in place.how


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWYZ0123456789 ", max_size=9),
                 st.binary(max_size=50).map(lambda b: b.decode("latin-1"))))
def test_resolution_never_raises_anything_but_a_plain_error(ctx, text):
    try:
        place = ctx.resolve(text)
    except PathwaysError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert place.lad_code.startswith("E0")


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.data())
def test_real_english_outcodes_resolve_to_english_districts(ctx, bundle, data):
    po = bundle.postcode_outcodes
    main = po[(po.country == "England") & po.is_main]
    row = main.iloc[data.draw(st.integers(0, len(main) - 1))]
    if row.lad_code not in ctx.areas.codes:
        return
    assert ctx.resolve(row.outcode).lad_code in ctx.areas.codes


def test_huge_input_is_refused_quickly(ctx):
    with pytest.raises(PathwaysError):
        ctx.resolve("A" * 100_000)


@pytest.mark.parametrize("mode", ["home", "neighbours", "25km", "50km"])
def test_travel_area_starts_at_home_and_grows(ctx, mode):
    place = ctx.resolve("TS10 1AA")
    area = ctx.travel(place, mode)
    assert area.codes[0] == "E06000003" and len(set(area.codes)) == len(area.codes)
    if mode == "home":
        assert area.codes == ("E06000003",)
    else:
        assert len(area.codes) > 1


def test_wider_travel_areas_contain_narrower(ctx):
    place = ctx.resolve("Blackpool")
    a25, a50 = ctx.travel(place, "25km"), ctx.travel(place, "50km")
    assert set(a25.codes) <= set(a50.codes)


def test_isles_of_scilly_has_no_neighbours_but_works(ctx):
    place = ctx.areas.district("E06000053")
    assert ctx.travel(place, "neighbours").codes == ("E06000053",)


@pytest.mark.parametrize("typed", ["King’s Lynn", "King's Lynn", "KING‘S LYNN", "Kings Lynn", "King`s Lynn"])
def test_typed_apostrophes_all_find_kings_lynn(ctx, typed):
    """Issue 17: a phone's curly apostrophe was "not found" (the run-time and ingest normalisers differed)."""
    assert ctx.resolve(typed).name == "King's Lynn and West Norfolk"


@pytest.mark.parametrize("typed", ["Stoke‐on‐Trent", "Stoke–on–Trent", "St. Helens", "St Helens", "Southend-on-Sea "])
def test_typed_punctuation_is_folded_the_same_way(ctx, typed):
    assert ctx.resolve(typed).name


def test_one_normaliser_for_ingest_and_run_time():
    from pathways.areas import normalise_query
    from pathways.ingest.geography import normalise_place_name

    for text in ("King’s Lynn", "Ynys Môn", "Stoke‐on‐Trent", "Bristol, City of", "Brighton & Hove"):
        assert normalise_query(text) == normalise_place_name(text).upper()
