"""The evidence the adviser checks (:mod:`pathways.realism_checks`) need, read straight from the bundle's tables:
provider_home, provider_standards, provider_years, provider_ages, progressions, occupations and wage_rates.

It is worked out here, independently of the route finder's estimates, summaries and rules, so that the route
finder cannot pass the checks by agreeing with itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import pandas as pd

__all__ = ["BundleFacts", "ADULT_AGE"]

#: the age from which the legal minimum is the adult rate (the National Living Wage from 21, since April 2024)
ADULT_AGE = 21
_WEEKS = 52


class BundleFacts:
    """The evidence the checks need, read straight from the bundle's tables (each part built on first use).

    Provider estimates follow the published method in plain pandas, here and independently of
    :mod:`pathways.delivery`: a provider's starts from the area (all apprenticeships, ``provider_home``) times
    its share of starts on the standard (``provider_standards`` over ``provider_years``), in each of the last
    two full academic years, added up.
    """

    def __init__(self, bundle: Any) -> None:
        self.bundle = bundle
        self._area_cache: dict[tuple[str, tuple[str, ...]], pd.Series] = {}

    # ------------------------------------------------------------------ years
    @cached_property
    def full_years(self) -> list[str]:
        ps = self.bundle.provider_standards
        return sorted(ps.loc[~ps["partial_year"], "year"].unique())

    @cached_property
    def window(self) -> list[str]:
        """The last two full academic years."""
        return self.full_years[-2:]

    @cached_property
    def part_year(self) -> str:
        ps = self.bundle.provider_standards
        part = sorted(ps.loc[ps["partial_year"], "year"].unique())
        return part[-1] if part else ""

    # ------------------------------------------------------------------ England starts on a standard
    @cached_property
    def full_year_starts(self) -> dict[str, int]:
        ps = self.bundle.provider_standards
        return {str(k): int(v) for k, v in ps[~ps["partial_year"]].groupby("programme_id")["starts"].sum().items()}

    @cached_property
    def part_year_starts(self) -> dict[str, int]:
        ps = self.bundle.provider_standards
        return {str(k): int(v) for k, v in ps[ps["partial_year"]].groupby("programme_id")["starts"].sum().items()}

    # ------------------------------------------------------------------ provider estimates for an area
    @cached_property
    def _shares(self) -> dict[str, dict[str, pd.Series]]:
        """year -> standard -> (ukprn -> the provider's share of its starts that were on the standard)."""
        ps, py = self.bundle.provider_standards, self.bundle.provider_years
        out: dict[str, dict[str, pd.Series]] = {}
        for y in self.window:
            tot = py[py["year"] == y].set_index("ukprn")["starts"]
            sub = ps[ps["year"] == y]
            share = sub["starts"].to_numpy() / sub["ukprn"].map(tot).fillna(0).clip(lower=1).to_numpy()
            frame = pd.DataFrame({"ukprn": sub["ukprn"].to_numpy(), "pid": sub["programme_id"].to_numpy(), "s": share})
            out[y] = {str(pid): g.set_index("ukprn")["s"] for pid, g in frame.groupby("pid")}
        return out

    @cached_property
    def _home(self) -> dict[str, pd.DataFrame]:
        """year -> starts by home district (rows) and provider (columns)."""
        ph = self.bundle.provider_home
        return {
            y: ph[ph["year"] == y].pivot_table(index="lad_code", columns="ukprn", values="starts", aggfunc="sum", fill_value=0)
            for y in self.window
        }

    def _area_starts(self, year: str, codes: tuple[str, ...]) -> pd.Series:
        key = (year, codes)
        if key not in self._area_cache:
            home = self._home[year]
            self._area_cache[key] = home.reindex([c for c in codes if c in home.index]).sum(axis=0)
        return self._area_cache[key]

    def provider_estimates(self, codes: Sequence[str], programme_id: str) -> pd.Series:
        """Each provider's estimated starts from the area ``codes`` on the standard, the last two full years
        added (ukprn -> people; providers with none left out)."""
        total = pd.Series(dtype=float)
        for y in self.window:
            share = self._shares[y].get(programme_id)
            if share is None:
                continue
            est = share * self._area_starts(y, tuple(codes)).reindex(share.index).fillna(0)
            total = total.add(est, fill_value=0)
        return total[total > 0]

    def national_weights(self, programme_id: str) -> tuple[pd.Series, str]:
        """Each provider's starts in England on the standard: the latest full year with any, else the part year."""
        ps = self.bundle.provider_standards
        for y in [*reversed(self.full_years), self.part_year]:
            sub = ps[(ps["programme_id"] == programme_id) & (ps["year"] == y) & (ps["starts"] > 0)]
            if len(sub):
                return sub.groupby("ukprn")["starts"].sum().astype(float), f"its starts in England, {y}"
        return pd.Series(dtype=float), ""

    # ------------------------------------------------------------------ ages
    @cached_property
    def ages_year(self) -> str:
        pa = self.bundle.provider_ages
        full = sorted(pa.loc[~pa["partial_year"], "year"].unique())
        return full[-1] if full else ""

    @cached_property
    def under_19_share(self) -> dict[str, float]:
        """Each provider's share of its starts aged under 19, latest full year (``provider_ages``)."""
        pa = self.bundle.provider_ages
        sub = pa[pa["year"] == self.ages_year]
        tot = sub.groupby("ukprn")["starts"].sum()
        young = sub[sub["age_group"] == "Under 19"].groupby("ukprn")["starts"].sum().reindex(tot.index).fillna(0)
        return {str(k): float(v) for k, v in (young / tot.clip(lower=1)).items() if tot[k] > 0}

    # ------------------------------------------------------------------ pay
    @cached_property
    def adult_minimum_hourly(self) -> float:
        """The adult legal minimum an hour in the latest rates (``wage_rates``, the band that holds age 21)."""
        wr = self.bundle.wage_rates
        rows = wr[wr["start_date"].astype(str) == str(wr["start_date"].astype(str).max())]
        for r in rows.itertuples(index=False):
            lo, hi = r.min_age, r.max_age
            if pd.notna(lo) and int(lo) <= ADULT_AGE and (pd.isna(hi) or ADULT_AGE <= int(hi)):
                return float(r.hourly_rate_gbp)
        raise ValueError("no adult band in wage_rates")

    @cached_property
    def hours(self) -> dict[str, float]:
        occ = self.bundle.occupations
        return {str(s): float(h) for s, h in zip(occ["soc"], occ["hours_full_time"]) if pd.notna(h)}

    def adult_minimum_year(self, soc: str) -> float:
        """The adult legal minimum for a year of full-time work in the job (ONS full-time hours, else 37.5)."""
        return self.adult_minimum_hourly * self.hours.get(str(soc), 37.5) * _WEEKS

    # ------------------------------------------------------------------ links
    @cached_property
    def progressions(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(from id, to id) -> [(rule, source)] from the ``progressions`` table."""
        out: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for r in self.bundle.progressions.itertuples(index=False):
            out.setdefault((str(r.from_id), str(r.to_id)), []).append((str(r.rule), str(r.source)))
        return out
