"""Where is the learner, and where can they reach?

Resolves a postcode, postcode sector, outcode or place name to an English local authority
district (LAD), and builds the learner's travel area from neighbours, distance and the places
people from their district actually travel to (apprenticeship and commuting flows).

The names a learner may type are indexed in :mod:`pathways.place_names`; distances, district outlines and how
alike two districts are, in :mod:`pathways.district_distances`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NoReturn

import pandas as pd

from pathways.bundle import Bundle
from pathways.citations import period
from pathways.district_distances import NEIGHBOUR_REACH_KM, DistrictOutlines, comparison_score, distance_words, km_between
from pathways.errors import AreaNotFound, OutsideEngland, PlaceChoices
from pathways.place_names import PlaceName, PlaceNames, normalise_query, or_list, parse_postcode
from pathways.schema.geography import APPRENTICE_FLOWS, COMMUTING_FLOWS
from pathways.text import fold
from pathways.vocab import DEFAULT_TRAVEL, ENGLAND, TRAVEL_MODES
from pathways.words import place_name

__all__ = ["Place", "TravelArea", "AreaIndex", "LARGE_DISTRICT_KM2", "COMPARE_CHOICES"]

#: a district bigger than this (km², from its outline) is large enough that its figures may not
#: describe the learner's own town; the Area page says so (Cornwall 3,500 km², North Yorkshire 8,000 km²)
LARGE_DISTRICT_KM2 = 2000.0
#: how many districts the Area page offers to compare with (the best first)
COMPARE_CHOICES = 20
_NOT_FOUND = "We could not find that place. Try your postcode (for example TS10 1AA) or the name of your council area."
_COUNTRY_MESSAGE = {
    "Wales": "That place is in Wales. We cover England only for now. Careers Wales can help: careerswales.gov.wales",
    "Scotland": "That place is in Scotland. We cover England only for now. My World of Work can help: myworldofwork.co.uk",
    "Northern Ireland": "That place is in Northern Ireland. We cover England only for now. "
    "nidirect Careers can help: nidirect.gov.uk/careers",
    "Other": "That postcode is outside England. We cover England only for now.",
}


@dataclass(frozen=True)
class Place:
    """A resolved English district and how we got there."""

    lad_code: str
    name: str
    region_code: str
    region_name: str
    utla_code: str
    utla_name: str
    lsip_code: str
    lsip_name: str
    lat: float
    lon: float
    how: str  # plain sentence: how the query was matched, and any choice made
    query: str = ""
    #: where travel is measured from: a postcode sector's (or postcode district's) centre when one was
    #: typed, else None (the district's centre, ``lat``/``lon``)
    from_lat: float | None = None
    from_lon: float | None = None
    from_what: str = ""  # "your postcode sector TR14 8", "the centre of Camborne (postcode district TR14)"

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon) that travel is measured from."""
        if self.from_lat is not None and self.from_lon is not None:
            return self.from_lat, self.from_lon
        return self.lat, self.lon

    @property
    def measured_from(self) -> str:
        """Plain words for :attr:`point`: "your postcode sector TR14 8" or "the middle of Cornwall"."""
        return self.from_what if self.from_what and self.from_lat is not None else f"the middle of {self.name}"

    def to_dict(self) -> dict:
        return {
            "code": self.lad_code,
            "name": self.name,
            "region": {"code": self.region_code, "name": self.region_name},
            "upper_tier": {"code": self.utla_code, "name": self.utla_name},
            "lsip": {"code": self.lsip_code, "name": self.lsip_name},
            "how": self.how,
            "query": self.query,
            "measured_from": self.measured_from,
        }


@dataclass(frozen=True)
class TravelArea:
    """The districts a learner can reach, home first, nearest or most travelled-to next."""

    home: Place
    mode: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    ranked_by: str
    label: str = field(default="")
    #: km from the learner (:attr:`Place.point`) to the nearest part of each district in ``codes`` (0 for home)
    nearest_km: tuple[float, ...] = ()
    #: districts next to home left out as too far: (code, name, km to their nearest part), nearest first
    left_out: tuple[tuple[str, str, float], ...] = ()
    #: the home district's size in km² (from its outline; 0 when unknown)
    home_km2: float = 0.0
    #: districts to compare home with, best first (:meth:`AreaIndex.comparison_districts`), as (code, name)
    compare_with: tuple[tuple[str, str], ...] = ()

    @property
    def large_home(self) -> bool:
        """True when the home district is so big that its figures may not describe the learner's town."""
        return self.home_km2 >= LARGE_DISTRICT_KM2

    def large_home_note(self) -> str:
        """For a large home district: its figures are for the whole of it (said on the Area and Routes pages)."""
        home = self.home.name
        return (
            f"{home} is one large council area (about {_thousands(self.home_km2)} km²). Most figures here are "
            f"for the whole of {home}, so they may not match your town. They are not published for smaller areas."
        )

    def explain(self, limit: int = 4) -> list[str]:
        """Plain sentences for the Area page: where we measured from, which neighbours were left out and
        why, and (for a large district) that its figures are for the whole of it."""
        home = self.home.name
        out = [f"We measured how far places are from {self.home.measured_from}."]
        others = list(zip(self.names[1:], self.nearest_km[1:]))
        if len(others) == 1 and self.mode == "neighbours":
            name, km = others[0]
            out.append(f"We included {name}, next to {home}: its nearest part is {distance_words(km)[1:-1]} away.")
        elif others and self.mode == "neighbours":
            near = [f"{n} {distance_words(km)[1:-1]}" for n, km in others[:limit]]
            more = len(others) - len(near)
            out.append(
                f"We included {len(others)} areas next to {home}. The nearest part of each is within "
                f"{NEIGHBOUR_REACH_KM:.0f} km: " + ", ".join(near) + (f" and {more} more" if more else "") + "."
            )
        elif others:
            out.append(
                f"We included {len(others)} area{'s' if len(others) != 1 else ''} whose middle is within "
                f"{self.mode.removesuffix('km')} km of you."
            )
        if self.left_out:
            near = [f"{n} {distance_words(km)}" for _, n, km in self.left_out[:limit]]
            more = len(self.left_out) - len(near)
            listed = ", ".join(near) + (f" and {more} more" if more else "")
            they = "it is" if len(self.left_out) == 1 else "the nearest part of each is"
            out.append(
                f"We left out {len(self.left_out)} area{'s' if len(self.left_out) != 1 else ''} next to {home} "
                f"because {they} more than {NEIGHBOUR_REACH_KM:.0f} km "
                f"(about {round(NEIGHBOUR_REACH_KM * 0.621 / 5) * 5:.0f} miles) away: {listed}."
            )
        if self.large_home:
            out.append(self.large_home_note())
        if self.home.from_lat is None and (self.large_home or self.left_out):
            out.append("Type your postcode on Start here to see which areas are near you.")
        return out

    def to_dict(self) -> dict:
        return {
            "mode": self.mode,
            "label": self.label,
            "ranked_by": self.ranked_by,
            "measured_from": self.home.measured_from,
            "districts": [
                {"code": c, "name": n, **({"nearest_km": round(k, 1)} if self.nearest_km else {})}
                for c, n, k in zip(self.codes, self.names, self.nearest_km or [0.0] * len(self.codes))
            ],
            "left_out": [{"code": c, "name": n, "nearest_km": round(k, 1)} for c, n, k in self.left_out],
            "home_km2": round(self.home_km2),
        }


def _thousands(x: float) -> str:
    """3,550 (to the nearest 50 above 1,000)."""
    return f"{round(x / 50) * 50:,.0f}" if x >= 1000 else f"{x:,.0f}"


class AreaIndex:
    """Look-ups built once from the bundle; every method is cheap enough for each rerun."""

    def __init__(self, bundle: Bundle) -> None:
        lads = bundle.lads
        # names as people say them, wherever a page shows them: "Bristol", not "Bristol, City of"
        self._lads = {
            r.lad_code: r._replace(name=place_name(r.name), utla_name=place_name(r.utla_name))
            for r in lads.itertuples(index=False)
        }
        self.codes: tuple[str, ...] = tuple(sorted(self._lads))
        self._names = PlaceNames(bundle.place_names, self._lads)
        self._outcodes = self._postcode_groups(bundle.postcode_outcodes, "outcode")
        self._sectors = self._postcode_groups(bundle.postcode_sectors, "sector")
        nb = bundle.lad_neighbours.sort_values(["lad_code", "distance_km", "neighbour_code"])
        self._neighbours = {k: tuple(g.neighbour_code) for k, g in nb.groupby("lad_code", sort=False)}
        flows = bundle.travel_flows
        flows = flows[flows.home_code != flows.dest_code]
        self._flows = {
            k: dict(zip(g.dest_code, g["count"].astype(float))) for k, g in flows.groupby(["kind", "home_code"], sort=False)
        }
        #: when the commuting flows were counted ("Census 2011"), from the travel_flows Source
        self.commuting_period = period(bundle, "travel_flows", "Census") or "a census"
        bounds = bundle.tables.get("boundaries")
        #: each district's outline: distances to its nearest part, and its size
        self.outlines = DistrictOutlines(
            dict(zip(bounds.lad_code, bounds.geometry)) if bounds is not None else {},
            {c: (float(r.lat), float(r.lon)) for c, r in self._lads.items()},
        )
        self._compare: dict[str, list[tuple[str, str]]] = {}  # comparison_districts, worked out on first use

    # -- resolving -------------------------------------------------------------------------
    @staticmethod
    def _postcode_groups(df: pd.DataFrame, key: str) -> dict[str, list[tuple[str, float, str, float, float]]]:
        out: dict[str, list] = {}
        df = df.sort_values([key, "share", "lad_code"], ascending=[True, False, True])
        for r in df.itertuples(index=False):
            out.setdefault(getattr(r, key), []).append((r.lad_code, float(r.share), r.country, float(r.lat), float(r.lon)))
        return out

    def district(self, code: str, how: str = "", query: str = "", point: tuple[float, float, str] | None = None) -> Place:
        """The :class:`Place` for a district code (raises AreaNotFound for a code outside England)."""
        r = self._lads.get(code)
        if r is None:
            raise AreaNotFound("We could not find that area code.")
        lat, lon, what = point if point is not None else (None, None, "")
        return Place(
            r.lad_code,
            r.name,
            r.region_code,
            r.region_name,
            r.utla_code,
            r.utla_name,
            r.lsip_code,
            r.lsip_name,
            float(r.lat),
            float(r.lon),
            how or f"{r.name}",
            query,
            lat,
            lon,
            what,
        )

    def resolve(self, text: object) -> Place:
        """Resolve what a person typed to an English district.

        Raises
        ------
        OutsideEngland
            for a place or postcode in Wales, Scotland, Northern Ireland or the islands.
        PlaceChoices
            (an AreaNotFound) for a name several places share, such as Kirkby, or a name that looks
            misspelt, such as Blackpol: it carries the choices to offer.
        AreaNotFound
            for anything else we cannot match, with a plain message.
        """
        q = normalise_query(text)
        if not q:
            raise AreaNotFound("Please type a postcode or the name of a town or council area.")
        if q in self._lads:
            return self.district(q, f"Area code {q}", q)
        pc = parse_postcode(q)
        if pc is not None:
            return self._from_postcode(q, *pc)
        rows = self._names.lookup(q)
        if not rows:
            self._not_found(q)
        if len({row.code for row in rows}) > 1:
            self._several(rows)
        hit = rows[0]
        if hit.country != ENGLAND.name:
            raise OutsideEngland(_COUNTRY_MESSAGE.get(hit.country, _COUNTRY_MESSAGE["Other"]))
        return self._from_name(q, rows)

    def _not_found(self, q: str) -> NoReturn:
        """Raise PlaceChoices with the names it may be, else AreaNotFound."""
        choices = self._names.suggest(q)
        if choices:
            # the message never repeats what was typed (it may be anything); the choices are our own names
            raise PlaceChoices(
                f"We could not find that place. Did you mean {or_list([c[0] for c in choices])}?",
                choices,
                ambiguous=False,
                question="We could not find that place. Did you mean one of these?",
            )
        raise AreaNotFound(_NOT_FOUND)

    def _several(self, rows: list[PlaceName]) -> NoReturn:
        """Raise PlaceChoices for a name several districts share."""
        choices = tuple(sorted(self._names.choices(rows), key=lambda c: fold(c[0])))
        name = rows[0].place if len({normalise_query(r.place) for r in rows}) == 1 else rows[0].key.title()
        raise PlaceChoices(
            f"There is more than one place called {name}. Which one do you mean: {or_list([c[0] for c in choices])}?",
            choices,
            ambiguous=True,
            question=f"There is more than one place called {name}. Which one do you mean?",
        )

    def _from_name(self, q: str, rows: list[PlaceName]) -> Place:
        """The district of a place name found in one English district, saying how it was matched."""
        hit = rows[0]
        point = None
        if hit.kind == "common" and len(rows) == 1:
            how = f"{hit.place} is in {place_name(hit.name)}."
            centre = [r for r in self._outcodes.get(hit.outcode, []) if r[0] == hit.code]
            if centre:
                point = (centre[0][3], centre[0][4], f"the centre of {hit.place} (postcode district {hit.outcode})")
        elif len(rows) > 1:  # one district, several places of that name (Kirkby Lonsdale, Kirkby Stephen)
            how = f"{or_list([r.place for r in rows]).replace(' or ', ' and ')} are in {place_name(hit.name)}."
        else:
            how = f"Matched the place name '{place_name(hit.name)}'"
        return self.district(hit.code, how, q, point)

    def _from_postcode(self, q: str, outcode: str, sector: str | None) -> Place:
        rows, level = None, ""
        if sector and sector in self._sectors:
            rows, level = self._sectors[sector], f"postcode sector {sector}"
        elif outcode in self._outcodes:
            rows, level = self._outcodes[outcode], f"postcode district {outcode}"
        if not rows:
            raise AreaNotFound("We could not find that postcode. Check it, or type the name of your town instead.")
        english = [r for r in rows if r[2] == ENGLAND.name]
        if not english:
            raise OutsideEngland(_COUNTRY_MESSAGE.get(rows[0][2], _COUNTRY_MESSAGE["Other"]))
        code, share, lat, lon = english[0][0], english[0][1], english[0][3], english[0][4]
        name = self._lads[code].name if code in self._lads else code
        if code not in self._lads:
            raise AreaNotFound("We could not find that postcode. Check it, or type the name of your town instead.")
        if len(rows) == 1:
            how = f"Your {level} is in {name}."
        else:
            how = (
                f"Your {level} is split between {len(rows)} council areas; we chose {name}, "
                f"where {share:.0%} of its postcodes are. Type your full postcode or your council's name to change it."
            )
        point = (lat, lon, f"your {level}") if math.isfinite(lat) and math.isfinite(lon) else None
        return self.district(code, how, q, point)

    def comparison_districts(self, code: str) -> list[tuple[str, str]]:
        """Districts to compare ``code`` with, best first: near and the same kind of place, in the same region,
        never ``code`` itself (see :data:`pathways.district_distances.KIND_STEP_KM`). Empty for a district we do not know."""
        home = self._lads.get(code)
        if home is None:
            return []
        if code not in self._compare:
            scored = [
                (comparison_score(home, r), r.name, c)
                for c, r in self._lads.items()
                if c != code and r.region_code == home.region_code
            ]
            self._compare[code] = [(c, n) for _, n, c in sorted(scored)]
        return list(self._compare[code])

    def all_districts(self) -> list[tuple[str, str]]:
        """Every English district as (code, name), by name."""
        return sorted(((c, r.name) for c, r in self._lads.items()), key=lambda t: t[1])

    def nearby_districts(self, travel: TravelArea) -> list[tuple[str, str]]:
        """Districts to compare home with (code, name): the rest of the travel area, else every other district."""
        names = dict(self.all_districts())
        near = [(c, names.get(c, n)) for c, n in zip(travel.codes[1:], travel.names[1:])]
        return near or [(c, n) for c, n in names.items() if c != travel.home.lad_code]

    # -- travel ---------------------------------------------------------------------------
    def travel_area(self, place: Place, mode: str = DEFAULT_TRAVEL) -> TravelArea:
        """The districts a learner can reach from ``place``, measured from :attr:`Place.point` (their
        postcode sector's centre when they typed a postcode, else their district's centre).

        ``home``: their district only. ``neighbours``: plus the districts that touch it and have some
        part within :data:`~pathways.district_distances.NEIGHBOUR_REACH_KM` of the learner (the others are in
        ``left_out``). ``25km``/``50km``: every district whose centre is within that distance of the learner.
        Nearby districts are ordered by how many people from ``place`` travel there to train
        (apprenticeship home -> delivery flows), then to work (Census 2011), then by distance.
        """
        if mode not in TRAVEL_MODES:
            mode = DEFAULT_TRAVEL
        home = place.lad_code
        lat, lon = place.point
        others, left_out = self._within_reach(home, lat, lon, mode)
        apps = self._flows.get((APPRENTICE_FLOWS, home), {})
        work = self._flows.get((COMMUTING_FLOWS, home), {})
        dist = {c: km_between(lat, lon, float(self._lads[c].lat), float(self._lads[c].lon)) for c in others}
        others.sort(key=lambda c: (-apps.get(c, 0.0), -work.get(c, 0.0), dist[c], c))
        codes = (home, *others)
        names = tuple(self._lads[c].name for c in codes)
        ranked = (
            f"where apprentices from here train, where people from here work ({self.commuting_period}), then distance"
            if others
            else ""
        )
        n = len(others)
        label = place.name if n == 0 else f"{place.name} and {n} nearby area{'s' if n != 1 else ''}"
        nearest = (0.0, *(self.outlines.nearest_km(lat, lon, c) for c in others))
        return TravelArea(
            place,
            mode,
            codes,
            names,
            ranked,
            label,
            nearest,
            tuple(left_out),
            self.outlines.km2(home),
            tuple(self.comparison_districts(home)[:COMPARE_CHOICES]),
        )

    def _within_reach(self, home: str, lat: float, lon: float, mode: str) -> tuple[list[str], list[tuple[str, str, float]]]:
        """The districts other than ``home`` within reach of (lat, lon) for a travel ``mode``, and the neighbours
        left out as too far: (code, name, km to their nearest part), nearest first."""
        if mode == "home":
            return [], []
        if mode != "neighbours":
            limit = float(TRAVEL_MODES[mode].radius_km or 0.0)
            return [
                c for c, r in self._lads.items() if c != home and km_between(lat, lon, float(r.lat), float(r.lon)) <= limit
            ], []
        others: list[str] = []
        left_out: list[tuple[str, str, float]] = []
        for c in self._neighbours.get(home, ()):
            if c not in self._lads:
                continue
            km = self.outlines.nearest_km(lat, lon, c)
            if km <= NEIGHBOUR_REACH_KM:
                others.append(c)
            else:
                left_out.append((c, self._lads[c].name, km))
        return others, sorted(left_out, key=lambda t: (t[2], t[1]))

    def top_destinations(self, lad_code: str, kind: str = APPRENTICE_FLOWS, n: int = 5) -> list[tuple[str, str, float]]:
        """Where people from a district go most (code, name, count), excluding staying at home."""
        flows = self._flows.get((kind, lad_code), {})
        best = sorted(flows.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(c, self._lads[c].name if c in self._lads else c, v) for c, v in best]
