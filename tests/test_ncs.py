"""NCS-named apprenticeships: matching names to standards, the links they give, and the links report."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pathways.bundle import load_bundle
from pathways.ingest import check_links as C
from pathways.ingest.ncs import (
    build_ncs_named,
    match_name,
    name_and_level,
    ncs_links,
    ncs_restrictions,
    profile_socs,
    standard_keys,
)
from pathways.ingest.readers import HANDWRITTEN, read_hand
from pathways.schema import source_files

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"
HANDCHECK = ROOT / "tests" / "fixtures" / "standard_soc_handcheck.csv"


def _keys(*rows: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [(pid, k, lv) for pid, title, lv in rows for k in standard_keys(title)], columns=["programme_id", "key", "level"]
    )


KEYS = _keys(
    ("ST0095", "Bricklayer", 2),
    ("ST1426", "Engineering maintenance technician - single discipline", 3),
    ("ST1443", "Engineering maintenance technician - dual discipline", 3),
    ("ST0432", "Engineering fitter", 3),
    ("ST1007", "Aviation flight operations coordinator", 3),
    ("ST0119", "Digital and technology solutions professional", 6),
    ("ST0120", "Scaffolder", 2),
    ("FA0005", "Software and data foundation apprenticeship", 2),
)


@pytest.mark.parametrize(
    "text, pid",
    [
        ("Apprenticeship You could apply to do a Scaffolder Level 2 Intermediate Apprenticeship", ["ST0120"]),
        ("Engineering Maintenance Technician Level 3 Advanced Apprenticeship", ["ST1426", "ST1443"]),  # since split in two
        ("Aviation Flight Operations Co-ordinator Level 3 Advanced Apprenticeship", ["ST1007"]),  # hyphen inside a word
        ("Software and Data Level 2 Foundation Apprenticeship", ["FA0005"]),
        ("Digital and Technology Solutions Professional L6 degree apprenticeship", ["ST0119"]),
        ("Engineering Fitter Level 2 Intermediate Apprenticeship", ["ST0432"]),  # NCS's level is wrong: matched, and said so
    ],
)
def test_names_match_their_standard(text: str, pid: list[str]) -> None:
    name, level = name_and_level(text)
    got, how = match_name(name, level, KEYS)
    assert got == pid
    assert ("level 2" in how) == (pid == ["ST0432"])


@pytest.mark.parametrize(
    "text",
    [
        "HM Revenue and Customs Level 6 Apprenticeship",
        "Apprenticeship You could apply to do a Level 3 Advanced Apprenticeship",
        "Bricklaying Level 2 Intermediate Apprenticeship",
        "retail Level 3 Apprenticeship",
    ],
)
def test_other_names_are_left_unmatched_with_a_reason(text: str) -> None:
    got, how = match_name(*name_and_level(text), KEYS)
    assert got == [] and how


def test_links_only_for_matched_names_with_a_job() -> None:
    named = pd.DataFrame(
        {
            "programme_id": ["ST0120", None, "ST0095", "ST9999"],
            "soc": ["5319", "5312", None, "5312"],
            "profile_title": ["Scaffolder", "Bricklayer", "X", "Y"],
        }
    )
    links = ncs_links(named, {"ST0120", "ST0095"})
    assert list(zip(links["programme_id"], links["soc"])) == [("ST0120", "5319")]
    assert links["method"].eq("ncs_named").all() and "Scaffolder" in links["note"].iloc[0]


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def test_ncs_recall_meets_the_bar(bundle) -> None:
    rec = C.ncs_recall(bundle.ncs_named, bundle.programme_occupations)
    assert rec["names"] >= 280 and rec["standards_named"] >= 270
    assert rec["on_ways_in"] / rec["standards_named"] >= 0.90
    # names that are no standard are each explained, by a reviewed row
    assert rec["unmatched"]["match"].str.startswith("checked by hand").all()


def test_recall_counts_a_name_once_and_sees_missing_links() -> None:
    named = pd.DataFrame(
        {
            "slug": ["a", "a", "b"],
            "name_on_ncs": ["X L3", "X L3", "Y L2"],
            "programme_id": ["ST1", "ST2", "ST3"],
            "soc": ["1111", "1111", "2222"],
            "match": ["same name"] * 3,
        }
    )
    links = pd.DataFrame({"programme_id": ["ST2"], "soc": ["1111"], "method": ["ncs_named"]})
    rec = C.ncs_recall(named, links)
    assert (rec["standards_named"], rec["on_ways_in"], rec["on_ways_in_without_ncs"]) == (2, 1, 0)
    assert list(rec["missed"]["name_on_ncs"]) == ["Y L2"]


def test_reviewed_corrections_fix_the_known_wrong_links(bundle) -> None:
    links = bundle.programme_occupations
    pairs = set(zip(links["programme_id"], links["soc"]))
    assert ("ST0268", "8215") not in pairs and ("ST0268", "8159") in pairs  # piling attendant is not a driving instructor
    first = links[links["rank"] == 1].set_index("programme_id")["soc"]
    assert first["ST0422"] == "8113"  # science manufacturing process operative -> chemical process operatives
    ways_in_8113 = set(links.loc[links["soc"] == "8113", "programme_id"])
    assert {"ST0422", "ST1407"} <= ways_in_8113


def test_sanity_check_flags_a_piling_kind_link() -> None:
    standards = pd.DataFrame(
        {
            "programme_id": ["ST1", "ST2", "ST3"],
            "title": ["Piling attendant", "Bricklayer", "Plasterer"],
            "level": [2, 2, 2],
            "route": ["Construction"] * 3,
            "job_titles": ["Piling attendant", "", ""],
        }
    )
    occupations = pd.DataFrame(
        {
            "soc": ["8215", "5312", "5321", "2134"],
            "title": ["Driving instructors", "Bricklayers", "Plasterers", "Programmers"],
            "related_job_titles": ["Driving instructor", "Bricklayer", "Plasterer", "Software developer"],
        }
    )
    links = pd.DataFrame(
        {
            "programme_id": ["ST1", "ST2", "ST3", "ST2"],
            "soc": ["8215", "5312", "5321", "2134"],
            "method": ["skills_england_map"] * 4,
            "rank": [1, 1, 1, 2],
        }
    )
    flagged = C.suspect_links(links, standards, occupations)
    got = dict(zip(zip(flagged["programme_id"], flagged["soc"]), flagged["reason"]))
    assert got[("ST1", "8215")] == "unrelated job group"
    assert "level 2-3 to a manager or professional job" in got[("ST2", "2134")]
    assert ("ST2", "5312") not in got and ("ST3", "5321") not in got


def test_links_report_prints_every_section(bundle) -> None:
    text = "\n".join(C.report(bundle, pd.read_csv(HANDCHECK, dtype=str)))
    for heading in (
        "## NCS recall",
        "## Links by basis",
        "## Reviewed corrections",
        "## Paused and retired standards",
        "## Sanity check",
        "## The 100 jobs with most employee jobs",
        "## Approved standards no provider delivered",
    ):
        assert heading in text


@pytest.mark.skipif(not RAW.exists(), reason="needs the raw source files in ../shared/data/raw")
def test_built_table_matches_a_fresh_match_of_the_raw_files(bundle) -> None:
    fresh = build_ncs_named(
        RAW,
        bundle.standards,
        bundle.occupations,
        read_hand(source_files.NCS_NAME_REVIEWS),
        None,
        read_hand(source_files.NCS_PROFILE_SOCS),
    )
    assert fresh is not None
    # without IfATE's former names a few fewer match; everything matched fresh is in the bundle too
    built = set(zip(bundle.ncs_named["name_on_ncs"], bundle.ncs_named["programme_id"].fillna("")))
    assert {p for p in zip(fresh["name_on_ncs"], fresh["programme_id"].fillna("")) if p[1]} <= built


def test_ncs_restrictions_keep_only_what_every_profile_of_a_job_names(tmp_path: Path) -> None:
    (tmp_path / source_files.NCS_PROFILES).parent.mkdir(parents=True)
    pd.DataFrame(
        {
            "slug": ["wind", "fitter", "guard", "doorman"],
            "url": [f"https://nationalcareers.service.gov.uk/job-profiles/{s}" for s in ("wind", "fitter", "guard", "doorman")],
            "title": ["Wind turbine technician", "Maintenance fitter", "Security officer", "Door supervisor"],
            "alternative_titles": "",
            "restrictions": [
                "pass background checks | have a full driving licence",
                "",
                "be over 18 years of age | pass enhanced background checks",
                "be over 18 years of age | have a Security Industry Authority licence",
            ],
        }
    ).to_csv(tmp_path / source_files.NCS_PROFILES, index=False)
    occupations = pd.DataFrame(
        {
            "soc": ["3113", "9231"],
            "title": ["Engineering technicians", "Security guards"],
            "related_job_titles": ["Wind turbine technician; Maintenance fitter", "Security officer; Door supervisor"],
        }
    )
    got = ncs_restrictions(tmp_path, occupations).set_index("subject_id")
    assert "3113" not in got.index  # one profile's driving licence is not a rule for every engineering technician
    assert got.at["9231", "min_age"] == 18 and got.at["9231", "needs"] == "none"  # over 18 in both; SIA in one only
    assert "Door supervisor" in got.at["9231", "text"] and got.at["9231", "source_url"].startswith("https://")


def test_every_big_job_without_a_way_in_is_explained(bundle) -> None:
    top = C.top_jobs_without_way_in(bundle)
    why = pd.read_csv(HANDWRITTEN / source_files.NO_WAY_IN, dtype=str)
    assert set(top["soc"]) <= set(why["soc"])
    assert len(top) <= 10  # was 15 before the reviewed links of 2026-12-03


# -- profiles coded to the wrong job, and recall without NCS's own links ----------------------------------
_RECODED = {
    "electrical-engineer": "2123",
    "electronics-engineer": "2124",
    "mechanical-engineer": "2122",
    "production-manager-manufacturing-": "1121",
}


def test_a_bare_title_ons_also_lists_qualified_elsewhere_places_no_profile() -> None:
    """ONS lists the bare "Electrical engineer" under 5241 Electricians and "Electrical engineer (professional)"
    under 2123, so the title alone does not place the NCS profile (a degree job) in 5241; a hand row does."""
    occupations = pd.DataFrame(
        {
            "soc": ["5241", "2123", "1242", "1121"],
            "related_job_titles": [
                "Electrical engineer; Electrician",
                "Electrical engineer (professional)",
                "Operations manager; Warehouse manager",
                "Operations manager (manufacturing); Production manager",
            ],
        }
    )
    profiles = pd.DataFrame(
        {
            "slug": ["electrical-engineer", "electrician", "production-manager-manufacturing-"],
            "title": ["Electrical engineer", "Electrician", "Production manager (manufacturing)"],
            "alternative_titles": ["", "", "Operations manager"],
        }
    )
    got = profile_socs(profiles, None, occupations).set_index("slug")
    assert list(got.index) == ["electrician"] and got.at["electrician", "soc"] == "5241"
    hand = pd.DataFrame(
        {
            "slug": ["electrical-engineer", "production-manager-manufacturing-"],
            "soc": ["2123", "1121"],
            "reason": ["ONS 2123 ...", "ONS 1121 ..."],
            "reviewed_on": ["2026-12-06"] * 2,
        }
    )
    got = profile_socs(profiles, None, occupations, hand).set_index("slug")["soc"].to_dict()
    assert got == {"electrical-engineer": "2123", "production-manager-manufacturing-": "1121", "electrician": "5241"}


def test_the_four_recoded_profiles_carry_their_ons_evidence() -> None:
    hand = read_hand(source_files.NCS_PROFILE_SOCS).set_index("slug")
    for slug, soc in _RECODED.items():
        assert hand.at[slug, "soc"] == soc
        assert "ONS SOC 2020 Volume 1" in hand.at[slug, "reason"] and soc in hand.at[slug, "reason"]
        assert hand.at[slug, "reviewed_on"] == "2026-12-06"


@pytest.mark.skipif(not RAW.exists(), reason="needs the raw source files in ../shared/data/raw")
def test_no_degree_apprenticeship_leads_into_electricians_through_these_profiles(bundle) -> None:
    """Before: the Level 6 Electrical or electronic technical support engineer and Electro-mechanical engineer
    standards were ways into 5241 Electricians through the Electrical engineer profile."""
    fresh = build_ncs_named(
        RAW,
        bundle.standards,
        bundle.occupations,
        read_hand(source_files.NCS_NAME_REVIEWS),
        None,
        read_hand(source_files.NCS_PROFILE_SOCS),
    )
    assert fresh is not None
    placed = fresh.drop_duplicates("slug").set_index("slug")["soc"]
    assert {slug: placed[slug] for slug in _RECODED} == _RECODED
    links = ncs_links(fresh, set(bundle.standards["programme_id"]))
    level = bundle.standards.set_index("programme_id")["level"]
    into = links[links["soc"].isin(["5241", "5249", "5223", "1242"])]
    assert not (into["programme_id"].map(level) >= 6).any(), into.to_dict("records")
    pairs = set(zip(links["programme_id"], links["soc"]))
    assert {("ST0024", "2123"), ("ST0672", "2123"), ("ST0025", "2122"), ("ST0515", "1121")} <= pairs


def test_recall_headline_leaves_out_the_links_built_from_ncs_names() -> None:
    """Three named standards: one also linked by the map, one linked only because NCS names it, one missed:
    recall 1 of 3 without NCS's own links (the headline), 2 of 3 with them."""
    named = pd.DataFrame(
        {
            "slug": ["a", "b", "c"],
            "name_on_ncs": ["X L3", "Y L3", "Z L2"],
            "programme_id": ["ST1", "ST2", "ST3"],
            "soc": ["1111", "2222", "3333"],
            "match": ["same name"] * 3,
        }
    )
    links = pd.DataFrame({"programme_id": ["ST1", "ST2"], "soc": ["1111", "2222"], "method": ["skills_england_map", "ncs_named"]})
    rec = C.ncs_recall(named, links)
    assert rec["recall"] == pytest.approx(1 / 3) and rec["recall_with_ncs"] == pytest.approx(2 / 3)
    lines = C._ncs_lines(SimpleNamespace(ncs_named=named, programme_occupations=links))
    headline = next(i for i, x in enumerate(lines) if x.startswith("NCS recall (headline)"))
    assert "without the links built from the NCS names: 1 (33.3%)" in lines[headline]
    assert "with the links built from the NCS names (method ncs_named): 2 (66.7%)" in lines[headline + 1]
