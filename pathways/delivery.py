"""Who trains for an apprenticeship near a learner, and about how many people from their area start it.

No published file gives starts by provider x standard x district, so local delivery is an
estimate built from two measured tables (DfE apprenticeship provider dashboard data):

- which providers started apprentices on a standard (provider x standard, England), and
- which providers started apprentices who live in the learner's travel area (provider x home
  district, all standards).

A provider is **near** when, in the last two full academic years, it started apprentices on the
standard **and** started apprentices who live in the travel area. The **local starts estimate**
for a year adds, over providers, each provider's starts from the area (all standards) times its
share of starts on this standard: ``sum_p area_starts[p] * starts_on_standard[p] / starts_all[p]``.
The headline is the latest full year. The 2025/26 part year (August to April) is never added to
full years.

All figures for every standard in one travel area come from two matrix products, cached per
travel area, so a route finder can ask for every programme at once.

Examples
--------
With the committed bundle's context (tests/test_providers.py checks these figures for Knowsley)::

    index = DeliveryIndex(bundle)
    d = index.delivery(travel_area, "ST0005")
    d.local_starts_estimate.display(), len(d.providers)    # ('26', 70)
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote_plus

import numpy as np
import pandas as pd

from pathways.citations import part_year_months, period
from pathways.figures import Figure
from pathways.text import fold
from pathways.vocab import apprenticeship_kind

__all__ = [
    "DeliveryIndex", "Delivery", "ProviderNear", "DeliverySummary", "NO_PROVIDER_DATA", "training_search_url",
    "ESTIMATE_METHOD",
]

#: the full academic years a provider must have trained in to count as near (the same window as the ingest's
#: delivery districts, :data:`pathways.ingest.providers.FULL_YEARS_FOR_DELIVERY`)
FULL_YEARS = 2
ESTIMATE_METHOD = ("each provider's starts from your area (all apprenticeships), times its share of "
                   "starts on this apprenticeship, added up over providers")
ESTIMATE_BASIS = f"estimate: {ESTIMATE_METHOD}"
NO_FULL_YEAR = ("no full year of figures yet: nobody in England started this in the last two full years "
                "(it may be new, like the foundation apprenticeships)")
#: fewer starts than this in all England in the part year after the window (about one a month) count as none
#: near anyone, for a standard with no starts in the window (see :meth:`DeliveryIndex._open_with_none`)
FEW_PART_YEAR_STARTS = 12
#: the basis of a standard open long enough that its lack of starts is a fact (see :meth:`DeliveryIndex._known_none`)
NONE_STARTED = "nobody in England started this in any year of the DfE figures, though it was open for new starts"
_SOURCE = "DfE apprenticeships provider dashboard data (Individualised Learner Record)"

#: what to say, and where to point, for programmes that have no provider data here
NO_PROVIDER_DATA: dict[str, str] = {
    "t_level": "We have no figures on which colleges teach this T Level. Search 'Find a course' on the National "
               "Careers Service website, or ask the colleges and sixth forms near you.",
    "htq": "We have no figures on who teaches this qualification near you. Look on the websites of colleges and "
           "universities near you, and read GOV.UK's guide to Higher Technical Qualifications.",
    "bootcamp": "We have no figures on who runs Skills Bootcamps near you. Search 'Find a Skills Bootcamp' on GOV.UK "
                "for the ones in your area.",
    "fe_course": "We have no figures on which colleges run this course near you. Search 'Find a course' on the "
                 "National Careers Service website, or ask your local college.",
    "supported_internship": "We have no figures on supported internships near you. Ask your school or college, or "
                            "your council's SEND team (its 'local offer' pages list them).",
    "job": "A job, not a course: there is no training provider to list.",
}
#: where to look instead, for programmes with no provider data (plain links; the app fetches nothing)
SEARCH_ELSEWHERE: dict[str, str] = {
    "t_level": "https://nationalcareers.service.gov.uk/find-a-course",
    "fe_course": "https://nationalcareers.service.gov.uk/find-a-course",
    "bootcamp": "https://www.gov.uk/guidance/find-a-skills-bootcamp",
    "htq": "https://www.gov.uk/government/publications/higher-technical-qualifications-htqs",
}


def training_search_url(lars_code: int | None, title: str) -> str:
    """GOV.UK 'Find apprenticeship training' for this course (the app only links; it fetches nothing)."""
    base = "https://findapprenticeshiptraining.apprenticeships.education.gov.uk"
    if lars_code:
        return f"{base}/courses/{int(lars_code)}/providers"
    return f"{base}/courses?keyword={quote_plus(title)}"


@dataclass(frozen=True)
class ProviderNear:
    """One provider that trains on a standard and took on apprentices from the learner's area."""

    ukprn: str
    name: str
    kind: str
    starts_programme_england: dict[str, int]   # year -> starts on this standard, England
    starts_from_area: dict[str, int]           # year -> starts from the travel area, all standards
    estimate_from_area: float                  # this provider's share of the local estimate, latest full year
    delivery_districts: tuple[str, ...]        # where it trained people from the area (names), most first
    under_19_share: float | None = None        # share of its starts aged under 19, latest full year
    period: str = ""                           # that latest full year

    def describe(self) -> str:
        """One plain line: name, kind, UKPRN, people from the area on this apprenticeship, where it trains them.

        >>> ProviderNear("10000754", "Blackpool and The Fylde College", "College", {}, {}, 12.4,
        ...              ("Blackpool", "Fylde"), 0.62, "2024/25").describe()
        'Blackpool and The Fylde College (college, UKPRN 10000754): about 12 a year from your area on this apprenticeship (estimate); trains apprentices from your area (all apprenticeships) in Blackpool, Fylde; 62% of the apprentices it took on in 2024/25 were under 19'
        """
        where = ", ".join(self.delivery_districts[:3]) + (" and more" if len(self.delivery_districts) > 3 else "")
        est = self.estimate_from_area
        people = "fewer than 1 a year" if est < 1 else f"about {est:,.0f} a year"
        young = "" if self.under_19_share is None else \
            f"; {self.under_19_share:.0%} of the apprentices it took on in {self.period} were under 19"
        return (f"{self.name} ({self.kind.lower()}, UKPRN {self.ukprn}): {people} from your area on this apprenticeship "
                "(estimate)" + (f"; trains apprentices from your area (all apprenticeships) in {where}" if where else "")
                + young)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DeliverySummary:
    """The short form the route finder and route cards use for one programme in one area."""

    providers_near: int
    local_starts_estimate: float | None
    basis: str
    providers_in_england: int = 0
    period: str = ""
    #: the estimate against what the area's share of all apprenticeship starts would give (1.0 = as in England)
    local_share_ratio: float | None = None

    def sentence(self) -> str:
        """One plain sentence for a route card: about how many people from the area start it, with how many providers.

        >>> DeliverySummary(6, 38.0, ESTIMATE_BASIS, 120, "2024/25").sentence()
        'About 40 people from your area started this in 2024/25; 6 providers near you train for it (our estimate from DfE figures).'
        >>> DeliverySummary(0, 0.0, ESTIMATE_BASIS, 1, "2024/25").sentence()
        'Almost nobody from your area started this in 2024/25 (our estimate from DfE figures).'
        """
        if self.basis == NONE_STARTED:
            return f"Nobody in England started this in {self.period} or since, though it was open for new starts (DfE figures)."
        return _sentence(self.local_starts_estimate, self.providers_near, self.period)

    def to_dict(self) -> dict:
        return asdict(self)


_FROM_DFE = "our estimate from DfE figures"


def _sentence(est: float | None, n: int, year: str) -> str:
    if est is None:
        return ("We cannot yet say how many people near you start this: there is no full year of figures for it "
                "(it may be new).")
    # "near you": trained people on it and took on apprentices from the area (defined on the About page)
    providers = f"{n} {'provider near you trains' if n == 1 else 'providers near you train'} for it"
    if est < 0.5 or n == 0:
        return f"Almost nobody from your area started this in {year}" + (f"; {providers}" if n else "") + f" ({_FROM_DFE})."
    people = _round_people(est)
    return f"About {people:,} {'person' if people == 1 else 'people'} from your area started this in {year}; {providers} ({_FROM_DFE})."


@dataclass(frozen=True)
class Delivery:
    """Who trains for one programme near one travel area, with figures and their provenance."""

    programme_id: str
    title: str
    level: int | None
    kind: str
    area_label: str
    has_provider_data: bool
    providers: tuple[ProviderNear, ...] = ()
    local_starts_estimate: Figure | None = None
    local_starts_by_year: dict[str, float] = field(default_factory=dict)
    national_starts: dict[str, int] = field(default_factory=dict)
    national_achievements: dict[str, int] = field(default_factory=dict)
    providers_in_england: int = 0
    note: str = ""
    search_url: str = ""
    period: str = ""

    def headline(self) -> str:
        """One plain sentence: about how many people from the area started this, with how many providers."""
        if not self.has_provider_data:
            return self.note
        est = self.local_starts_estimate.value if self.local_starts_estimate else None
        return _sentence(est, len(self.providers), self.period)

    def to_dict(self) -> dict:
        return {
            "programme": {"id": self.programme_id, "title": self.title, "level": self.level, "kind": self.kind},
            "has_provider_data": self.has_provider_data,
            "providers": [p.to_dict() for p in self.providers],
            "local_starts_estimate": None if self.local_starts_estimate is None else self.local_starts_estimate.to_dict(),
            "local_starts_by_year": dict(self.local_starts_by_year),
            "national_starts": dict(self.national_starts),
            "national_achievements": dict(self.national_achievements),
            "providers_in_england": self.providers_in_england,
            "headline": self.headline(),
            "search_url": self.search_url,
            "note": self.note,
        }


def _round_people(x: float) -> int:
    """Round an estimate of people the way a person would say it (1-9 exact, then to 5s and 10s)."""
    if x < 10:
        return max(1, int(round(x)))
    if x < 50:
        return int(round(x / 5) * 5)
    return int(round(x, -1))


class DeliveryIndex:
    """Dense matrices of provider starts by home district and by standard, built once per bundle.

    ``home[y]`` is districts x providers (starts from each home district, all standards);
    ``share[y]`` is providers x standards (each provider's share of its starts on each standard).
    """

    def __init__(self, bundle: Any, cache_size: int = 256) -> None:
        py = bundle.provider_years
        full = sorted(set(py.loc[~py["partial_year"], "year"]))
        self.window: tuple[str, ...] = tuple(full[-FULL_YEARS:])
        self.latest: str = self.window[-1] if self.window else ""
        prov = bundle.providers.sort_values("ukprn")
        self.ukprns = prov["ukprn"].to_numpy(dtype=object)
        self._prov_pos = {u: i for i, u in enumerate(self.ukprns)}
        self.provider_name = dict(zip(prov["ukprn"], prov["name"]))
        self.provider_kind = dict(zip(prov["ukprn"], prov["kind"]))
        lads = sorted(bundle.lads["lad_code"])
        self._lad_pos = {c: i for i, c in enumerate(lads)}
        self.lad_names = dict(zip(bundle.lads["lad_code"], bundle.lads["name"]))
        std = bundle.standards
        self.programmes = tuple(sorted(std["programme_id"]))
        self._prog_pos = {p: i for i, p in enumerate(self.programmes)}
        self.titles = dict(zip(std["programme_id"], std["title"]))
        self.levels = {k: int(v) for k, v in zip(std["programme_id"], std["level"])}
        self.lars = {k: (None if pd.isna(v) else int(v)) for k, v in zip(std["programme_id"], std["lars_code"])}
        self.is_foundation = dict(zip(std["programme_id"], std["is_foundation"].astype(bool)))
        self._build_matrices(bundle)
        self._build_national(bundle.provider_standards, part_year_months(period(bundle, "provider_standards")))
        self._build_delivery_rows(bundle)
        unmatched = (getattr(bundle, "manifest", None) or {}).get("checks", {}).get("providers", {}).get(
            "standard_names_unmatched", [])
        doubtful = {fold(n) for n in unmatched}
        #: standards whose title (without its brackets) is a DfE name the ingest could not match to one standard
        #: ("Dental technician" fits two): their starts may be under that name, so no lack of starts is claimed
        self._name_doubtful = np.array([fold(re.sub(r"\s*\([^)]*\)", "", self.titles[p])) in doubtful
                                        for p in self.programmes], dtype=bool)
        self._none_started = self._known_none(std, sorted(set(bundle.provider_years["year"])))
        self._zero_in_window = self._open_with_none(std)
        #: per travel area: arrays by name, and once asked for, "summaries" (a dict of DeliverySummary)
        self._cache: OrderedDict[tuple[str, ...], dict[str, Any]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _build_matrices(self, bundle: Any) -> None:
        """``home``, ``share`` and ``on_standard`` for each year of the window, and what follows from them."""
        ph, ps, py = bundle.provider_home, bundle.provider_standards, bundle.provider_years
        n_lad, n_prov, n_prog = len(self._lad_pos), len(self.ukprns), len(self.programmes)
        self.home: dict[str, np.ndarray] = {}
        self.share: dict[str, np.ndarray] = {}
        self.on_standard: dict[str, np.ndarray] = {}
        totals = py.set_index(["ukprn", "year"])["starts"]
        for y in self.window:
            h = np.zeros((n_lad, n_prov), dtype=np.float32)
            sub = ph[ph["year"] == y]
            h[sub["lad_code"].map(self._lad_pos).to_numpy(), sub["ukprn"].map(self._prov_pos).to_numpy()] = sub["starts"]
            self.home[y] = h
            s = np.zeros((n_prov, n_prog), dtype=np.float32)
            sub = ps[(ps["year"] == y) & ps["programme_id"].isin(self._prog_pos)]
            rows = sub["ukprn"].map(self._prov_pos).to_numpy()
            cols = sub["programme_id"].map(self._prog_pos).to_numpy()
            s[rows, cols] = sub["starts"].to_numpy()
            self.on_standard[y] = s.copy()
            tot = totals.xs(y, level="year").reindex(self.ukprns).fillna(0).to_numpy(dtype=np.float32)
            s /= np.maximum(tot, 1.0)[:, None]
            self.share[y] = s
        delivers = np.asarray(sum(self.on_standard[y] > 0 for y in self.window) > 0) if self.window \
            else np.zeros((n_prov, n_prog), bool)
        self.delivers_window = delivers
        self._delivers_f = delivers.astype(np.float32)
        self._national_latest = self.on_standard[self.latest].sum(axis=0) if self.window else np.zeros(n_prog)
        #: standards with starts in England in the window; the others (e.g. foundation apprenticeships, new
        #: from August 2025) have no full year of figures yet, so nothing is estimated for them
        self._has_figures: np.ndarray = np.asarray(self.delivers_window.any(axis=0)) if self.window \
            else np.zeros(n_prog, dtype=bool)
        self._england_latest = float(self.home[self.latest].sum()) if self.window else 0.0

    def _build_national(self, ps: pd.DataFrame, part_year: str) -> None:
        """National starts and achievements by programme and year (every year; the part year labelled with
        its months, ``part_year``, from the Source's period)."""
        nat = ps.groupby(["programme_id", "year", "partial_year"], as_index=False)[["starts", "achievements"]].sum()
        self._national: dict[str, dict[str, tuple[int, int]]] = {}
        for r in nat.itertuples(index=False):
            label = f"{r.year} ({part_year or 'part year'})" if r.partial_year else r.year
            self._national.setdefault(r.programme_id, {})[label] = (int(r.starts), int(r.achievements))
        self._providers_in_england = {p: int(self.delivers_window[:, i].sum()) for p, i in self._prog_pos.items()} \
            if self.window else {}

    def _known_none(self, std: pd.DataFrame, years: list[str]) -> np.ndarray:
        """Standards with no starts in England in any year of the files (part years too) that were open for new
        starts before the newest of those years began (1 August): that nobody started them is a fact, not a
        gap in the figures (e.g. Bespoke saddler, Thatcher). Never for a doubtful name (``_name_doubtful``)."""
        out = np.zeros(len(self.programmes), dtype=bool)
        if not years or "first_approved" not in std:
            return out
        began = f"{years[-1][:4]}-08-01"
        first = {p: d for p, d in zip(std["programme_id"], std["first_approved"]) if isinstance(d, str)}
        for p, i in self._prog_pos.items():
            started = any(n > 0 for n, _ in self._national.get(p, {}).values())
            out[i] = (not self._has_figures[i] and not started and p in first and first[p] < began
                      and not self._name_doubtful[i])
        return out

    def _open_with_none(self, std: pd.DataFrame) -> np.ndarray:
        """Standards with no starts in the window's full years that were open for new starts for at least the
        last six months of the latest of them (approved before 1 February), and that fewer than
        :data:`FEW_PART_YEAR_STARTS` people in all England have started in the part year since: their local
        estimate for that year is 0, a figure, not a gap (e.g. Mattress manufacturing operative: approved
        October 2024, no starts in 2024/25, 2 in England in 2025/26 so far). A standard now started more
        often (Craft painter and decorator: 32) keeps "no full year of figures yet"."""
        out = np.zeros(len(self.programmes), dtype=bool)
        if not self.latest or "first_approved" not in std:
            return out
        open_by = f"{int(self.latest[:4]) + 1}-02-01"
        for p, d in zip(std["programme_id"], std["first_approved"]):
            i = self._prog_pos[p]
            since = sum(n for y, (n, _) in self._national.get(p, {}).items() if y > self.latest)
            out[i] = (isinstance(d, str) and d < open_by and not self._has_figures[i] and since < FEW_PART_YEAR_STARTS
                      and not self._name_doubtful[i])
        return out

    def _build_delivery_rows(self, bundle: Any) -> None:
        """Where each provider trained people from each home district, and each provider's share of under-19s."""
        d = bundle.provider_delivery
        self._d_prov = d["ukprn"].map(self._prov_pos).to_numpy()
        self._d_home = d["lad_code"].map(self._lad_pos).to_numpy()
        self._d_to = d["delivery_lad"].to_numpy(dtype=object)
        self._d_starts = d["starts"].to_numpy()
        ages = bundle.provider_ages
        latest_ages = ages[ages["year"] == self.latest]
        tot_age = latest_ages.groupby("ukprn")["starts"].sum()
        u19 = latest_ages[latest_ages["age_group"] == "Under 19"].groupby("ukprn")["starts"].sum()
        self.under_19_share = (u19.reindex(tot_age.index).fillna(0) / tot_age).to_dict()

    # ------------------------------------------------------------------ per travel area
    def _area(self, codes: tuple[str, ...]) -> dict[str, Any]:
        """Area starts per provider, and estimates and provider counts per programme, for one travel area."""
        key = tuple(sorted(codes))
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        rows = [self._lad_pos[c] for c in key if c in self._lad_pos]
        out: dict[str, Any] = {}
        took_any = np.zeros(len(self.ukprns), dtype=bool)
        for y in self.window:
            area = self.home[y][rows].sum(axis=0) if rows else np.zeros(len(self.ukprns), dtype=np.float32)
            out[f"area:{y}"] = area
            out[f"estimate:{y}"] = area @ self.share[y]
            took_any |= area > 0
        out["took_any"] = took_any
        out["near"] = took_any.astype(np.float32) @ self._delivers_f
        # where each provider trained people from this area: the delivery rows of the area, by provider
        in_area = np.isin(self._d_home, rows)
        prov = self._d_prov[in_area]
        order = np.argsort(prov, kind="stable")
        out["d_prov"], out["d_to"], out["d_starts"] = prov[order], self._d_to[in_area][order], self._d_starts[in_area][order]
        with self._lock:
            self._cache[key] = out
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return out

    def summaries(self, codes: tuple[str, ...]) -> dict[str, DeliverySummary]:
        """Providers near and the local starts estimate (latest full year) for every standard, in one go.

        The answer is cached with the travel area's figures: treat it as read-only.
        """
        a = self._area(codes)
        got = a.get("summaries")
        if got is None:
            est = a.get(f"estimate:{self.latest}")
            near = a["near"]
            ratio = self._share_ratio(a)
            got = {p: DeliverySummary(int(near[i]), round(float(est[i]), 1) if est is not None else None,
                                      ESTIMATE_BASIS, self._providers_in_england.get(p, 0), self.latest,
                                      None if ratio is None or not np.isfinite(ratio[i]) else round(float(ratio[i]), 3))
                   if self._has_figures[i] else DeliverySummary(0, 0.0, NONE_STARTED, 0, self.latest)
                   if self._none_started[i] else DeliverySummary(0, 0.0, ESTIMATE_BASIS, 0, self.latest)
                   if self._zero_in_window[i] else DeliverySummary(0, None, NO_FULL_YEAR, 0, self.latest)
                   for p, i in self._prog_pos.items()}
            a["summaries"] = got
        return got

    def _share_ratio(self, a: dict[str, Any]) -> np.ndarray | None:
        """Each standard's local estimate over the starts the area would have if it started each standard
        in England's proportions (its share of all starts x the standard's national starts)."""
        if not self.latest:
            return None
        area_total = float(a[f"area:{self.latest}"].sum())
        if area_total <= 0:
            return None
        expected = self._national_latest * (area_total / max(self._england_latest, 1.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, a[f"estimate:{self.latest}"] / expected, np.nan)

    def summary(self, codes: tuple[str, ...], programme_id: str) -> DeliverySummary | None:
        """The short figures for one standard (``None`` for a programme with no provider data)."""
        return self.summaries(codes).get(programme_id)

    def delivery(self, travel: Any, programme_id: str, kind: str | None = None, title: str = "",
                 level: int | None = None) -> Delivery:
        """Everything about who trains for ``programme_id`` near ``travel`` (a :class:`~pathways.areas.TravelArea`).

        A programme that is not an apprenticeship standard (``kind`` given by the caller) gets no
        providers and a note saying where to look instead.
        """
        label = getattr(travel, "label", "") or getattr(getattr(travel, "home", None), "name", "your area")
        i = self._prog_pos.get(programme_id)
        if i is None:
            k = kind or "programme"
            return Delivery(programme_id, title, level, k, label, False,
                            note=NO_PROVIDER_DATA.get(k, "We have no figures on who trains for this near you."),
                            search_url=SEARCH_ELSEWHERE.get(k, ""))
        a = self._area(tuple(travel.codes))
        k = apprenticeship_kind(self.is_foundation.get(programme_id))
        near_mask = a["took_any"] & self.delivers_window[:, i]
        picks = np.flatnonzero(near_mask)
        latest_share = self.share[self.latest][:, i]
        latest_area = a[f"area:{self.latest}"]
        per = latest_area[picks] * latest_share[picks]
        order = picks[np.lexsort((self.ukprns[picks], -per))]
        providers = tuple(self._provider(j, i, a) for j in order)
        by_year = {y: round(float(a[f"estimate:{y}"][i]), 1) for y in self.window} if self._has_figures[i] else {}
        if self._none_started[i] or self._zero_in_window[i]:
            by_year = {y: 0.0 for y in self.window}
        est = by_year.get(self.latest)
        note = (NONE_STARTED.capitalize() + "." if self._none_started[i]
                else f"Estimate: {ESTIMATE_METHOD}; providers that trained for it in {' and '.join(self.window)}"
                if est is not None else NO_FULL_YEAR.capitalize() + ".")
        fig = Figure("People from your area who started this (estimate)", est, "people a year", self.latest,
                     label, "travel area", _SOURCE, "modelled" if est is not None else "not available", note=note)
        nat = self._national.get(programme_id, {})
        return Delivery(
            programme_id, self.titles.get(programme_id, title), self.levels.get(programme_id, level), k, label, True,
            providers=providers, local_starts_estimate=fig, local_starts_by_year=by_year,
            national_starts={y: s for y, (s, _) in nat.items()}, national_achievements={y: a_ for y, (_, a_) in nat.items()},
            providers_in_england=self._providers_in_england.get(programme_id, 0),
            note="Achievements are the number of people who passed, not a pass rate.",
            search_url=training_search_url(self.lars.get(programme_id), self.titles.get(programme_id, title)),
            period=self.latest,
        )

    def _provider(self, j: int, i: int, a: dict[str, Any]) -> ProviderNear:
        u = str(self.ukprns[j])
        lo, hi = np.searchsorted(a["d_prov"], [j, j + 1])
        where: dict[str, int] = {}
        for c, n in zip(a["d_to"][lo:hi].tolist(), a["d_starts"][lo:hi].tolist()):
            where[c] = where.get(c, 0) + n
        districts = tuple(self.lad_names.get(c, c) for c, _ in sorted(where.items(), key=lambda t: (-t[1], t[0])))
        return ProviderNear(
            ukprn=u, name=self.provider_name.get(u, u), kind=self.provider_kind.get(u, ""),
            starts_programme_england={y: int(self.on_standard[y][j, i]) for y in self.window},
            starts_from_area={y: int(a[f"area:{y}"][j]) for y in self.window},
            estimate_from_area=round(float(a[f"area:{self.latest}"][j] * self.share[self.latest][j, i]), 2),
            delivery_districts=districts,
            under_19_share=None if u not in self.under_19_share else round(float(self.under_19_share[u]), 3),
            period=self.latest,
        )
