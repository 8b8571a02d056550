"""Resolving where a learner lives, and their travel area."""

from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.areas import AreaIndex
from pathways.bundle import Bundle
from pathways.district_distances import km_between
from pathways.errors import AreaNotFound, OutsideEngland, PathwaysError, PlaceChoices
from pathways.ingest.geography import normalise_place_name
from pathways.place_names import FUZZY_CUTOFF, normalise_query


@pytest.mark.parametrize(
    "text, code",
    [
        ("TS10 1AA", "E06000003"),
        ("ts101aa", "E06000003"),
        ("TS10", "E06000003"),
        ("ts10 1", "E06000003"),
        ("FY1 1AA", "E06000009"),
        ("Blackpool", "E06000009"),
        ("redcar", "E06000003"),
        ("Redcar and Cleveland", "E06000003"),
        ("Redcar & Cleveland", "E06000003"),
        ("SR1 1AA", "E08000024"),
        ("Sunderland", "E08000024"),
        ("Cornwall", "E06000052"),
        ("TR1 1AA", "E06000052"),
        ("E06000003", "E06000003"),
        ("Barnsley", "E08000038"),
        ("Sheffield", "E08000039"),
        ("S1 2HE", "E08000039"),
    ],
)
def test_resolves_postcodes_outcodes_and_names(ctx, text, code):
    assert ctx.resolve(text).lad_code == code


@pytest.mark.parametrize(
    "text, word",
    [
        ("EH1 1AA", "Scotland"),
        ("CF10 1AA", "Wales"),
        ("BT1 1AA", "Northern Ireland"),
        ("Cardiff", "Wales"),
        ("Glasgow", "Scotland"),
    ],
)
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
@given(
    st.one_of(
        st.text(max_size=200),
        st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWYZ0123456789 ", max_size=9),
        st.binary(max_size=50).map(lambda b: b.decode("latin-1")),
    )
)
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
    """A phone's curly apostrophe was "not found" when the run-time and ingest normalisers differed."""
    assert ctx.resolve(typed).name == "King's Lynn and West Norfolk"


@pytest.mark.parametrize("typed", ["Stoke‐on‐Trent", "Stoke–on–Trent", "St. Helens", "St Helens", "Southend-on-Sea "])
def test_typed_punctuation_is_folded_the_same_way(ctx, typed):
    assert ctx.resolve(typed).name


def test_one_normaliser_for_ingest_and_run_time():
    for text in ("King’s Lynn", "Ynys Môn", "Stoke‐on‐Trent", "Bristol, City of", "Brighton & Hove"):
        assert normalise_query(text) == normalise_place_name(text).upper()


# -- towns, names several places share, and misspellings ---------------------------------------------
@pytest.mark.parametrize(
    "text, code",
    [
        ("Huyton", "E08000011"),
        ("Bexhill", "E07000064"),
        ("Bexhill-on-Sea", "E07000064"),
        ("Kirkby Stephen", "E06000064"),
        ("Kirkby-in-Ashfield", "E07000170"),
        ("Kirkby, Knowsley", "E08000011"),
        ("Newcastle upon Tyne", "E08000021"),
        ("Newcastle-under-Lyme", "E07000195"),
        ("West Bridgford", "E07000176"),
        ("Bishop’s Stortford", "E07000242"),
        ("Ilford", "E09000026"),
        ("Camborne", "E06000052"),
        ("Scarborough", "E06000065"),
    ],
)
def test_towns_resolve_to_their_district(ctx, text, code):
    assert ctx.resolve(text).lad_code == code


def test_a_town_says_which_district_it_is_in(ctx):
    assert ctx.resolve("Huyton").how == "Huyton is in Knowsley."


@pytest.mark.parametrize(
    "text, labels",
    [
        (
            "Kirkby",
            [
                "Kirkby (Knowsley)",
                "Kirkby Lonsdale (Westmorland and Furness)",
                "Kirkby Stephen (Westmorland and Furness)",
                "Kirkby-in-Ashfield (Ashfield)",
            ],
        ),
        ("Newcastle", ["Newcastle upon Tyne (North East)", "Newcastle-under-Lyme (Staffordshire)"]),
        ("newcastle ", ["Newcastle upon Tyne (North East)", "Newcastle-under-Lyme (Staffordshire)"]),
        ("Gillingham", ["Gillingham (Dorset)", "Gillingham (Medway)"]),
    ],
)
def test_a_name_several_places_share_offers_a_short_list(ctx, text, labels):
    with pytest.raises(PlaceChoices) as err:
        ctx.resolve(text)
    assert err.value.ambiguous and isinstance(err.value, AreaNotFound)
    assert sorted(label for label, _ in err.value.choices) == sorted(labels)
    assert "more than one place" in str(err.value) and all(label in str(err.value) for label in labels)


def test_each_choice_of_every_shared_name_finds_its_own_place(ctx, bundle):
    """A choice's query, typed or put in a link, finds that place (or says it is outside England)."""
    names = bundle.place_names
    shared = names[names.duplicated("alias", keep=False)]
    assert shared["alias"].nunique() >= 20
    for alias, rows in shared.groupby("alias"):
        if rows["code"].nunique() == 1:
            assert ctx.resolve(alias).lad_code == rows["code"].iloc[0]
            continue
        with pytest.raises(PlaceChoices) as err:
            ctx.resolve(alias)
        assert 2 <= len(err.value.choices) <= 5, alias
        found = set()
        for label, query in err.value.choices:
            try:
                found.add(ctx.resolve(query).lad_code)
            except OutsideEngland:
                found.update(rows.loc[rows["country"].ne("England"), "code"])
        assert found == set(rows["code"]), alias


def test_every_hand_written_town_resolves_to_its_district(ctx, bundle):
    """Each of the hundreds of town rows finds its district, or a short list that includes it."""
    common = bundle.place_names[bundle.place_names["kind"].eq("common") & bundle.place_names["country"].eq("England")]
    assert len(common) >= 800
    for alias, code in zip(common["alias"], common["code"]):
        try:
            assert ctx.resolve(alias).lad_code == code, alias
        except PlaceChoices as exc:
            assert exc.ambiguous and any(
                ctx.resolve(q).lad_code == code for _, q in exc.choices if not q.endswith(("Wales", "Scotland"))
            ), alias


#: 30 misspellings (typed -> the place meant) and 30 strings that are not places
MISSPELT = {
    "Blackpol": "Blackpool",
    "Middlesborough": "Middlesbrough",
    "Scarbrough": "Scarborough",
    "Sunderlund": "Sunderland",
    "Redcarr": "Redcar",
    "Camborn": "Camborne",
    "Newcastel": "Newcastle upon Tyne",
    "Huyten": "Huyton",
    "Bexhil": "Bexhill",
    "Manchster": "Manchester",
    "Liverpol": "Liverpool",
    "Birmingam": "Birmingham",
    "Leicster": "Leicester",
    "Glouster": "Gloucester",
    "Worcster": "Worcester",
    "Peterbrough": "Peterborough",
    "Hartlepol": "Hartlepool",
    "Darlingtun": "Darlington",
    "Southamton": "Southampton",
    "Portsmuth": "Portsmouth",
    "Nottingam": "Nottingham",
    "Shefield": "Sheffield",
    "Bradfrod": "Bradford",
    "Doncastor": "Doncaster",
    "Wolverhamton": "Wolverhampton",
    "Stockprt": "Stockport",
    "Grimbsy": "Grimsby",
    "Skegnes": "Skegness",
    "Barnstable": "Barnstaple",
    "Penzanse": "Penzance",
}
NONSENSE = [
    "asdfgh",
    "pizza",
    "football",
    "idk",
    "nowhere",
    "my house",
    "hello there",
    "qwerty",
    "test test",
    "aaaaaa",
    "12345",
    "blah blah",
    "dont know",
    "somewhere",
    "the moon",
    "xbox",
    "chicken",
    "school",
    "mum's house",
    "lol",
    "zzzz",
    "nothing",
    "home",
    "village",
    "my street",
    "help",
    "random",
    "banana",
    "careers",
    "job",
]


def test_misspellings_get_a_did_you_mean_list_and_nonsense_gets_none(ctx):
    """Measures the fuzzy cut-off (pathways.place_names.FUZZY_CUTOFF): precision = lists that hold the place meant,
    out of all lists offered (for misspellings and nonsense alike); recall = misspellings given the place."""
    assert len(MISSPELT) == 30 and len(NONSENSE) == 30
    right = wrong = offered_for_nonsense = 0
    for typed, meant in MISSPELT.items():
        try:
            ctx.resolve(typed)
        except PlaceChoices as exc:
            assert not exc.ambiguous and 1 <= len(exc.choices) <= 5
            hit = any(
                normalise_query(q) == normalise_query(meant) or normalise_query(label).startswith(normalise_query(meant))
                for label, q in exc.choices
            )
            right, wrong = right + hit, wrong + (not hit)
        except AreaNotFound:
            pass
    for typed in NONSENSE:
        with pytest.raises(AreaNotFound) as err:
            ctx.resolve(typed)
        offered_for_nonsense += isinstance(err.value, PlaceChoices)
    offered = right + wrong + offered_for_nonsense
    precision, recall = (right / offered if offered else 1.0), right / len(MISSPELT)
    print(
        f"\nfuzzy cut-off {FUZZY_CUTOFF}: precision {precision:.2f} ({right} right of {offered} lists; "
        f"{offered_for_nonsense} for nonsense), recall {recall:.2f}"
    )
    assert precision >= 0.95 and recall >= 0.9 and offered_for_nonsense <= 1


def test_a_misspelling_message_names_the_choices_but_not_what_was_typed(ctx):
    with pytest.raises(PlaceChoices) as err:
        ctx.resolve("Blackpol")
    assert err.value.choices[0] == ("Blackpool (North West)", "Blackpool")
    assert "Blackpol'" not in str(err.value) and "Did you mean Blackpool" in str(err.value)
    assert err.value.question == "We could not find that place. Did you mean one of these?"


def test_mixed_look_ups_resolve_or_fail_plainly(ctx):
    """Resolve runs on every page: postcodes, towns, shared names, misspellings (its speed is measured by
    bench/bench_local.py, not asserted here: a busy machine would fail a timed test)."""
    texts = ["TS10 1AA", "Blackpool", "Huyton", "FY1 4", "Kirkby", "Blackpol", "Camborne", "xqzzy", "Sunderland", "SR1"]
    found = failed = 0
    for text in texts:
        try:
            found += bool(ctx.resolve(text).lad_code)
        except PathwaysError as exc:
            failed += bool(str(exc))
    assert found >= 6 and found + failed == len(texts)


# -- the travel area in large rural districts ----------------------------------------------------------
def test_camborne_does_not_reach_torridge_or_west_devon(ctx):
    """Cornwall touches only Torridge and West Devon, whose nearest parts are about 80 km from Camborne:
    they were its whole 'nearby' area. Now they are left out, and named with how far they are."""
    place = ctx.resolve("TR14 8AA")
    area = ctx.travel(place, "neighbours")
    assert area.codes == ("E06000052",) and area.label == "Cornwall"
    assert {n for _, n, _ in area.left_out} == {"Torridge", "West Devon"}
    assert all(km > 60 for _, _, km in area.left_out)
    assert place.measured_from == "your postcode sector TR14 8"
    assert area.large_home and 3000 < area.home_km2 < 4000  # Cornwall is about 3,560 km²
    for mode in ("25km", "50km"):
        assert ctx.travel(place, mode).codes == ("E06000052",)


def test_scarborough_reaches_the_east_riding_not_leeds(ctx):
    """Scarborough was 'North Yorkshire and 15 nearby areas' (Leeds, Darlington, Bradford...): every district
    touching North Yorkshire, measured from the county's middle. From YO11 only the East Riding is near."""
    place = ctx.resolve("YO11 1AA")
    area = ctx.travel(place, "neighbours")
    assert area.names == ("North Yorkshire", "East Riding of Yorkshire"), area.names
    assert area.label == "North Yorkshire and 1 nearby area"
    assert area.nearest_km[1] <= 25
    left = {n: km for _, n, km in area.left_out}
    assert {"Leeds", "York", "Darlington", "Bradford", "Redcar and Cleveland"} <= set(left)
    assert len(left) == 14 and min(left.values()) > 25
    assert area.large_home
    said = " ".join(area.explain())
    assert "We included East Riding of Yorkshire, next to North Yorkshire: its nearest part is" in said
    assert "We left out 14 areas next to North Yorkshire" in said and "North Yorkshire is one large council area" in said


def test_small_districts_keep_every_neighbour(ctx):
    """A small district's neighbours are all within reach: nothing is left out."""
    for where in ("TS10 1AA", "FY1 1AA", "SR1 3SD"):
        area = ctx.travel(ctx.resolve(where), "neighbours")
        assert area.left_out == () and len(area.codes) > 1 and not area.large_home


def test_nearest_km_is_zero_inside_and_grows_outside(ctx):
    lat, lon = ctx.resolve("TR14 8AA").point
    assert ctx.areas.outlines.nearest_km(lat, lon, "E06000052") == 0
    assert 60 < ctx.areas.outlines.nearest_km(lat, lon, "E07000047") < 100  # West Devon, across the Tamar


def test_a_town_is_measured_from_its_centre_when_the_bundle_gives_its_postcode_district(ctx):
    """Place names carry the town centre's postcode district (place_aliases.csv); with it, 'Scarborough'
    is measured from YO11, not from the middle of North Yorkshire (where York and Leeds are near)."""
    place = ctx.resolve("Scarborough")
    assert place.measured_from == "the centre of Scarborough (postcode district YO11)"
    assert ctx.travel(place, "neighbours").names == ("North Yorkshire", "East Riding of Yorkshire")
    # without the postcode district (a bundle built before 2026-12), the page says where it measured from
    b = ctx.bundle
    names = b.place_names.drop(columns=["outcode"])
    index = AreaIndex(Bundle(MappingProxyType({**b.tables, "place_names": names}), b.manifest, b.path))
    assert index.resolve("Scarborough").measured_from == "the middle of North Yorkshire"


# -- the area to compare with ------------------------------------------------------------------------
# Before: Cornwall defaulted to Adur (West Sussex, the first district by name), East Lindsey to North East
# Lincolnshire (another region) and Skegness to Boston (whose county figures are Lincolnshire's, like home's).
@pytest.mark.parametrize(
    "where, expected",
    [
        ("Cornwall", "West Devon"),
        ("East Lindsey", "Rutland"),
        ("PE25 1AA", "Rutland"),
        ("Blackpool", "Preston"),
        ("Redcar and Cleveland", "Middlesbrough"),
        ("Camden", "Westminster"),
    ],
)
def test_the_area_to_compare_with_is_near_and_alike_in_the_same_region(ctx, bundle, where, expected):
    home = ctx.resolve(where).lad_code
    ranked = ctx.areas.comparison_districts(home)
    lads = bundle.lads.set_index("lad_code")
    region = lads.loc[home, "region_code"]
    assert ranked and ranked[0][1] == expected, (where, ranked[:4])
    assert home not in dict(ranked), "home is offered as its own comparison"
    assert set(lads.loc[[c for c, _ in ranked], "region_code"]) == {region}, "an area in another region is offered"
    travel = ctx.travel(ctx.resolve(where), "neighbours")
    assert travel.compare_with and travel.compare_with[0] == ranked[0], "the Area page gets another default"


def test_every_district_gets_a_near_alike_area_to_compare_with(ctx, bundle):
    """For all 296 districts: the default is in the same region and never home; almost always the same kind of place
    (urban, intermediate or rural) and in another county (upper-tier authority), and never far away."""
    lads = bundle.lads.set_index("lad_code")
    far, other_kind, same_county = [], [], []
    for code, home in lads.iterrows():
        best = ctx.areas.comparison_districts(code)[0][0]
        other = lads.loc[best]
        assert best != code and other.region_code == home.region_code, (home["name"], other["name"])
        km = km_between(home.lat, home.lon, other.lat, other.lon)
        if km > 110:
            far.append((home["name"], other["name"], round(km)))
        if home.ruc_code[:2] != other.ruc_code[:2]:
            other_kind.append(home["name"])
        if home.utla_code != code and other.utla_code == home.utla_code:
            same_county.append(home["name"])
    assert not far, far
    assert len(other_kind) <= 0.1 * len(lads), other_kind
    assert len(same_county) <= 0.05 * len(lads), same_county


def test_area_page_compares_cornwall_with_west_devon_by_default():
    """The Area page's "Compare with a nearby area" starts with the near, alike area (was Adur, West Sussex)."""
    from tests.apptest_helpers import no_exception, open_page

    at = open_page("area", {"where": "Cornwall", "age": "17"})
    no_exception(at)
    box = next(s for s in at.selectbox if s.label == "Nearby area")
    assert box.format_func(box.value) == "West Devon", box.value
    assert "Adur" not in [box.format_func(o) for o in box.options]
    said = " ".join(m.value for m in at.markdown)
    assert "in West Devon" in said and "in Devon" in said, "the comparison lines do not name West Devon and Devon"


@pytest.mark.parametrize(
    "where, district",
    [("Westgate-on-Sea", "Thanet"), ("westgate on sea", "Thanet"), ("Saltburn-by-the-Sea", "Redcar and Cleveland")],
)
def test_seaside_towns_with_long_names_are_found(ctx, where, district):
    """Westgate-on-Sea and Saltburn-by-the-Sea were once not found."""
    assert ctx.resolve(where).name == district
