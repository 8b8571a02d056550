"""The measured tables behind "who trains for this near you", as dense matrices built once per bundle (DfE
apprenticeship provider dashboard data): starts by home district and provider, each provider's share of its starts
on each standard, its age mix at each level band, and national starts and achievements.

:class:`pathways.delivery.DeliveryIndex` builds on :class:`DeliveryTables` the estimates for a travel area.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from pathways.citations import part_year_months, period
from pathways.delivery_answers import YEAR_WEIGHTS
from pathways.vocab import MONTHS

__all__ = ["DeliveryTables", "FULL_YEARS", "BANDS", "AGE_GROUPS", "COLLEGE_KINDS", "part_year_label"]

#: the full academic years a provider must have trained in to count as near (the same window as the ingest's
#: delivery districts, :data:`pathways.ingest.providers.FULL_YEARS_FOR_DELIVERY`)
FULL_YEARS = 2
#: the level band of each standard's level (DfE: intermediate = 2, advanced = 3, higher = 4 to 7)
_BAND_OF_LEVEL = {2: 0, 3: 1}
BANDS = ("Intermediate", "Advanced", "Higher")
AGE_GROUPS = ("Under 19", "19-24", "25+")
#: provider kinds that are colleges (from :data:`pathways.schema.providers.PROVIDER_KINDS`)
COLLEGE_KINDS = frozenset({"College", "Sixth form college", "Specialist college"})


def part_year_label(months: str, year: str) -> str:
    """The part year in words, from its months and academic year.

    >>> part_year_label("August to April", "2025/26")
    'August 2025 to April 2026'
    >>> part_year_label("", "2025/26")
    '2025/26 (part year)'
    """
    bits = months.split(" to ")
    if len(bits) != 2 or not all(b in MONTHS for b in bits) or not re.match(r"^\d{4}", year):
        return f"{year} (part year)"
    first = int(year[:4])
    second = first if MONTHS.index(bits[1]) >= MONTHS.index(bits[0]) else first + 1
    return f"{bits[0]} {first} to {bits[1]} {second}"


class DeliveryTables:
    """Dense matrices of provider starts by home district, by standard and by age, built once per bundle.

    ``home[y]`` is districts x providers (starts from each home district, all standards); ``share[y]`` is
    providers x standards (each provider's share of its starts on each standard); ``age_share[y]`` is providers x
    level bands x age groups (the share of a provider's starts at a level band in each age group). ``y`` runs
    over the two full years of the window and the part year after it.
    """

    def __init__(self, bundle: Any) -> None:
        py = bundle.provider_years
        full = sorted(set(py.loc[~py["partial_year"], "year"]))
        self.window: tuple[str, ...] = tuple(full[-FULL_YEARS:])
        self.latest: str = self.window[-1] if self.window else ""
        later = sorted(y for y in set(py.loc[py["partial_year"], "year"]) if y > self.latest)
        self.part_year: str = later[-1] if later else ""
        self.part_year_label = (
            part_year_label(part_year_months(period(bundle, "provider_standards")), self.part_year) if self.part_year else ""
        )
        self.years_words = " and ".join(self.window)
        w = np.array(YEAR_WEIGHTS[-len(self.window) :] if self.window else (), dtype=np.float64)
        self.weights: dict[str, float] = dict(zip(self.window, (w / w.sum()).tolist())) if self.window else {}
        self._years = self.window + ((self.part_year,) if self.part_year else ())
        prov = bundle.providers.sort_values("ukprn")
        self.ukprns = prov["ukprn"].to_numpy(dtype=object)
        self._prov_pos = {u: i for i, u in enumerate(self.ukprns)}
        self.provider_name = dict(zip(prov["ukprn"], prov["name"]))
        self.provider_kind = dict(zip(prov["ukprn"], prov["kind"]))
        self._own = prov["trains_own_staff"].to_numpy(dtype=bool)
        self._college = prov["kind"].isin(COLLEGE_KINDS).to_numpy(dtype=bool)
        forces = bundle.armed_forces
        self.forces: dict[str, dict[str, Any]] = {r["ukprn"]: r for r in forces.to_dict("records")}
        self._forces_pos = np.array([self._prov_pos[u] for u in sorted(self.forces) if u in self._prov_pos], dtype=int)
        civ = np.ones(len(self.ukprns), dtype=np.float32)
        civ[self._forces_pos] = 0.0
        self._civ = civ
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
        self._band = np.array([_BAND_OF_LEVEL.get(self.levels[p], 2) for p in self.programmes], dtype=int)
        self._band_cols = [np.flatnonzero(self._band == b) for b in range(len(BANDS))]
        self._build_matrices(bundle)
        self._build_ages(bundle.provider_ages)
        self._build_national(bundle.provider_standards, part_year_months(period(bundle, "provider_standards")))
        self._build_delivery_rows(bundle)

    def _build_matrices(self, bundle: Any) -> None:
        """``home``, ``share`` and ``on_standard`` for each year of the window and the part year."""
        ph, ps, py = bundle.provider_home, bundle.provider_standards, bundle.provider_years
        n_lad, n_prov, n_prog = len(self._lad_pos), len(self.ukprns), len(self.programmes)
        self.home: dict[str, np.ndarray] = {}
        self.share: dict[str, np.ndarray] = {}
        self.on_standard: dict[str, np.ndarray] = {}
        totals = py.set_index(["ukprn", "year"])["starts"]
        for y in self._years:
            h = np.zeros((n_lad, n_prov), dtype=np.float32)
            sub = ph[(ph["year"] == y) & ph["lad_code"].isin(self._lad_pos)]
            h[sub["lad_code"].map(self._lad_pos).to_numpy(), sub["ukprn"].map(self._prov_pos).to_numpy()] = sub["starts"]
            self.home[y] = h
            s = np.zeros((n_prov, n_prog), dtype=np.float32)
            sub = ps[(ps["year"] == y) & ps["programme_id"].isin(self._prog_pos)]
            s[sub["ukprn"].map(self._prov_pos).to_numpy(), sub["programme_id"].map(self._prog_pos).to_numpy()] = sub["starts"]
            self.on_standard[y] = s.copy()
            tot = totals.xs(y, level="year").reindex(self.ukprns).fillna(0).to_numpy(dtype=np.float32)
            s /= np.maximum(tot, 1.0)[:, None]
            self.share[y] = s
        #: the same shares split by level band, each a contiguous block (a matrix product per band, not a gather)
        self._share_band = {y: [np.ascontiguousarray(self.share[y][:, cols]) for cols in self._band_cols] for y in self._years}
        n = np.zeros((n_prov, n_prog), dtype=bool)
        for y in self.window:
            n |= self.on_standard[y] > 0
        self.delivers_window = n
        #: standards with starts in England in the window; the others (e.g. foundation apprenticeships, new
        #: from August 2025) have no full year of figures: only the part year is said for them
        self._has_figures: np.ndarray = np.asarray(n.any(axis=0))
        self._national_avg = (
            sum(self.weights[y] * self.on_standard[y].sum(axis=0) for y in self.window) if self.window else np.zeros(n_prog)
        )
        self._england_avg = float(sum(self.weights[y] * self.home[y].sum() for y in self.window)) if self.window else 0.0
        self._part_england = self.on_standard[self.part_year].sum(axis=0) if self.part_year else np.zeros(n_prog)

    def _build_ages(self, ages: pd.DataFrame) -> None:
        """``age_share[y]``: providers x level bands x age groups, each band's shares adding to 1. A provider with
        no starts at a band in the age file takes its mix over all bands, and one with none at all England's mix
        at that band."""
        n_prov = len(self.ukprns)
        self.age_share: dict[str, np.ndarray] = {}
        band = {b: i for i, b in enumerate(BANDS)}
        group = {g: i for i, g in enumerate(AGE_GROUPS)}
        for y in self._years:
            a = np.zeros((n_prov, len(BANDS), len(AGE_GROUPS)), dtype=np.float32)
            sub = ages[(ages["year"] == y) & ages["ukprn"].isin(self._prov_pos)]
            np.add.at(
                a,
                (
                    sub["ukprn"].map(self._prov_pos).to_numpy(),
                    sub["level_band"].map(band).to_numpy(),
                    sub["age_group"].map(group).to_numpy(),
                ),
                sub["starts"].to_numpy(dtype=np.float32),
            )
            national = a.sum(axis=0)
            national /= np.maximum(national.sum(axis=1, keepdims=True), 1.0)
            overall = a.sum(axis=1)
            overall_tot = overall.sum(axis=1, keepdims=True)
            overall = np.where(overall_tot > 0, overall / np.maximum(overall_tot, 1.0), np.nan)
            tot = a.sum(axis=2, keepdims=True)
            frac = np.where(tot > 0, a / np.maximum(tot, 1.0), np.nan)
            frac = np.where(np.isnan(frac), overall[:, None, :], frac)
            self.age_share[y] = np.where(np.isnan(frac), national[None, :, :], frac).astype(np.float32)

    def _build_national(self, ps: pd.DataFrame, part_year: str) -> None:
        """National starts and achievements by programme and year (every year; the part year labelled with
        its months, ``part_year``, from the Source's period)."""
        nat = ps.groupby(["programme_id", "year", "partial_year"], as_index=False)[["starts", "achievements"]].sum()
        self._national: dict[str, dict[str, tuple[int, int]]] = {}
        for r in nat.itertuples(index=False):
            label = f"{r.year} ({part_year or 'part year'})" if r.partial_year else r.year
            self._national.setdefault(r.programme_id, {})[label] = (int(r.starts), int(r.achievements))
        self._providers_in_england = (
            {p: int(self.delivers_window[:, i].sum()) for p, i in self._prog_pos.items()} if self.window else {}
        )
        part = self.on_standard[self.part_year] > 0 if self.part_year else None
        self._providers_part_year = {p: int(part[:, i].sum()) for p, i in self._prog_pos.items()} if part is not None else {}

    def _build_delivery_rows(self, bundle: Any) -> None:
        """Where each provider trained people from each home district (the window's two full years)."""
        d = bundle.provider_delivery
        self._d_prov = d["ukprn"].map(self._prov_pos).to_numpy()
        self._d_home = d["lad_code"].map(self._lad_pos).to_numpy()
        self._d_to = d["delivery_lad"].to_numpy(dtype=object)
        self._d_starts = d["starts"].to_numpy()
