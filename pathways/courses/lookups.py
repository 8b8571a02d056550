"""What a course file is checked and matched against: apprenticeship standards, T Levels, jobs, subject
areas and campus postcodes, from the data bundle (or passed in by a test)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pathways.courses.cells import _key
from pathways.errors import AreaNotFound, OutsideEngland
from pathways.place_names import normalise_query, parse_postcode
from pathways.vocab import ENGLAND, T_LEVEL

__all__ = ["CourseLookups", "postcode_resolver"]


@dataclass(frozen=True)
class CourseLookups:
    """What the validator checks against, passed in so it can be tested without the bundle.

    Attributes
    ----------
    standards : programme_id (ST/FA...) -> (title, level, route)
    t_levels : programme_id (TL-n) -> (title, route)
    occupations : SOC code -> title
    programme_socs : programme_id -> SOC codes, best first
    subject_routes : normalised subject-area name -> route
    campus_lad : postcode text -> English district code; raises AreaNotFound/OutsideEngland
    """

    standards: Mapping[str, tuple[str, int, str]]
    t_levels: Mapping[str, tuple[str, str]]
    occupations: Mapping[str, str]
    campus_lad: Callable[[str], str]
    programme_socs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    subject_routes: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_bundle(cls, bundle) -> "CourseLookups":
        """Build the look-ups from the data bundle (standards, programmes, occupations, postcodes)."""
        st = bundle.standards
        standards = {str(r.programme_id): (str(r.title), int(r.level), str(r.route)) for r in st.itertuples(index=False)}
        pr = bundle.programmes
        tl = pr[pr.kind == T_LEVEL]
        t_levels = {str(r.programme_id): (str(r.title), str(r.route)) for r in tl.itertuples(index=False)}
        occ = dict(zip(bundle.occupations.soc.astype(str), bundle.occupations.title.astype(str)))
        po = bundle.programme_occupations.sort_values(["programme_id", "rank", "soc"])
        psocs = {str(k): tuple(dict.fromkeys(g.soc.astype(str))) for k, g in po.groupby("programme_id", sort=False)}
        subjects: dict[str, str] = {}
        ssa = st.dropna(subset=["ssa", "route"])
        for name, g in ssa.groupby("ssa", sort=True):
            route = g.route.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
            for key in (str(name), re.sub(r"^[0-9.]+\s*", "", str(name))):
                subjects.setdefault(_key(key), str(route))
        return cls(standards, t_levels, occ, postcode_resolver(bundle, set(bundle.lads.lad_code.astype(str))), psocs, subjects)


def postcode_resolver(bundle, english_lads: set[str]) -> Callable[[str], str]:
    """A function: campus postcode -> English district code, from the bundle's postcode tables."""

    def groups(df, key: str) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for r in df.sort_values([key, "share", "lad_code"], ascending=[True, False, True]).itertuples(index=False):
            out.setdefault(str(getattr(r, key)), []).append((str(r.lad_code), str(r.country)))
        return out

    sectors, outcodes = groups(bundle.postcode_sectors, "sector"), groups(bundle.postcode_outcodes, "outcode")

    def resolve(text: str) -> str:
        q = normalise_query(text)
        pc = parse_postcode(q) if q else None
        if pc is None or pc[1] is None:
            raise AreaNotFound("is not a full postcode (for example SR1 3SD)")
        rows = sectors.get(pc[1]) or outcodes.get(pc[0])
        if not rows:
            raise AreaNotFound("was not found; check the postcode")
        english = [code for code, country in rows if country == ENGLAND.name and code in english_lads]
        if not english:
            raise OutsideEngland(
                f"is in {rows[0][1] if rows[0][1] != 'Other' else f'a place outside {ENGLAND.name}'}; "
                "the explorer covers England only"
            )
        return english[0]

    return resolve
