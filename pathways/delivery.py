"""Who trains for an apprenticeship near a learner, and about how many people of their age from their area start it.

No published file gives starts by provider x standard x district, so local delivery is an
estimate built from measured tables (DfE apprenticeship provider dashboard data):

- which providers started apprentices on a standard (provider x standard, England),
- which providers started apprentices who live in the learner's travel area (provider x home
  district, all standards), and
- each provider's age mix at each level (provider x level band x age group).

The **local starts estimate** adds, over providers, each provider's starts from the area (all standards)
times its share of starts on this standard, times the share of its starts at this level in the learner's
age group: ``sum_p area_starts[p] * starts_on_standard[p] / starts_all[p] * age_share[p, level]``, a year,
averaged over the two full years (:data:`~pathways.delivery_answers.YEAR_WEIGHTS`). The armed forces'
providers (``armed_forces`` table) never count in it: their apprentices' home district is the base; their
starts are said apart, as a forces route. A provider is **near** when its own estimate is at least
:data:`~pathways.delivery_answers.NEAR_MIN` a year. The 2025/26 part year (August to April) is never added
to full years: it is used, labelled, only for programmes with no full year of figures.

All figures for every standard in one travel area come from a few matrix products, cached per travel area
and age group, so a route finder can ask for every programme at once. The measured tables they are worked out
from are in :mod:`pathways.delivery_tables`; the answer types and sentences in :mod:`pathways.delivery_answers`.

Examples
--------
With the committed bundle's context (tests/test_providers.py checks these figures for Knowsley)::

    index = DeliveryIndex(bundle)
    d = index.delivery(travel_area, "ST0005")
    d.local_starts_estimate.display(), len(d.providers)
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import pandas as pd

from pathways.delivery_answers import (
    ESTIMATE_BASIS,
    ESTIMATE_METHOD,
    FORCES_MAIN,
    NEAR_MIN,
    NO_FULL_YEAR,
    NONE_STARTED,
    PROVIDER_SOURCE,
    Delivery,
    DeliverySummary,
    ForcesRoute,
    ProviderNear,
    age_group,
    delivery_without_providers,
    training_search_url,
)
from pathways.delivery_tables import AGE_GROUPS, DeliveryTables
from pathways.errors import UnknownProgramme
from pathways.figures import Figure
from pathways.text import fold
from pathways.vocab import apprenticeship_kind

__all__ = ["DeliveryIndex", "FEW_PART_YEAR_STARTS"]

#: fewer starts than this in all England in the part year after the window (about one a month) count as none
#: near anyone, for a standard with no starts in the window (see :meth:`DeliveryIndex._open_with_none`)
FEW_PART_YEAR_STARTS = 12


class DeliveryIndex(DeliveryTables):
    """Who trains for each apprenticeship standard near a travel area, and the local starts estimate, from the
    measured tables (:class:`~pathways.delivery_tables.DeliveryTables`); each travel area's figures are worked out
    once and kept (the ``cache_size`` most recent)."""

    def __init__(self, bundle: Any, cache_size: int = 256) -> None:
        super().__init__(bundle)
        self._bundle = bundle  # its programmes table, for :meth:`delivery_for` on a programme that is not a standard
        std = bundle.standards
        unmatched = (
            (getattr(bundle, "manifest", None) or {}).get("checks", {}).get("providers", {}).get("standard_names_unmatched", [])
        )
        doubtful = {fold(n) for n in unmatched}
        #: standards whose title (without its brackets) is a DfE name the ingest could not match to one standard
        #: ("Dental technician" fits two): their starts may be under that name, so no lack of starts is claimed
        self._name_doubtful = np.array(
            [fold(re.sub(r"\s*\([^)]*\)", "", self.titles[p])) in doubtful for p in self.programmes], dtype=bool
        )
        self._none_started = self._known_none(std, sorted(set(bundle.provider_years["year"])))
        self._zero_in_window = self._open_with_none(std)
        #: per travel area: arrays by name, and once asked for, "summaries:<age group>" (a dict of DeliverySummary)
        self._cache: OrderedDict[tuple[str, ...], dict[str, Any]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

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
            out[i] = not self._has_figures[i] and not started and p in first and first[p] < began and not self._name_doubtful[i]
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
            out[i] = (
                isinstance(d, str)
                and d < open_by
                and not self._has_figures[i]
                and since < FEW_PART_YEAR_STARTS
                and not self._name_doubtful[i]
            )
        return out

    # ------------------------------------------------------------------ per travel area
    def _area(self, codes: tuple[str, ...]) -> dict[str, Any]:
        """For one travel area (home first): starts per provider by year, the civilian all-ages estimate, the
        forces' starts, providers near and employers near, for every standard. Cached; read-only."""
        key = tuple(codes)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        rows = [self._lad_pos[c] for c in key if c in self._lad_pos]
        out: dict[str, Any] = {"rows": rows, "codes": key}
        for y in self._years:
            out[f"area:{y}"] = self.home[y][rows].sum(axis=0) if rows else np.zeros(len(self.ukprns), dtype=np.float32)
        n_prog = len(self.programmes)
        forces_by = np.zeros((len(self._forces_pos), n_prog))
        took = np.zeros(len(self.ukprns), dtype=bool)
        for y, w in self.weights.items():
            area = out[f"area:{y}"]
            forces_by += w * (area[self._forces_pos, None] * self.share[y][self._forces_pos])
            took |= area > 0
        out["estimate"] = self._age_estimate({y: out[f"area:{y}"] for y in self.window}, "", self.weights)
        out["forces_by"] = forces_by
        forces = forces_by.sum(axis=0)
        out["forces_main"] = (forces >= 0.5) & (forces >= FORCES_MAIN * (forces + out["estimate"]))
        idx = np.flatnonzero(took & (self._civ > 0))
        per = self._per_provider(out, idx)
        is_near = per >= NEAR_MIN
        out["near"] = is_near.sum(axis=0)
        out["took_idx"] = idx
        out["employers"] = self._employers(idx, per, is_near)
        if self.part_year:
            out["part_local"] = self._age_estimate({self.part_year: out[f"area:{self.part_year}"]}, "", {self.part_year: 1.0})
        in_area = np.isin(self._d_home, rows)
        prov = self._d_prov[in_area]
        order = np.argsort(prov, kind="stable")
        out["d_prov"], out["d_to"], out["d_starts"] = prov[order], self._d_to[in_area][order], self._d_starts[in_area][order]
        with self._lock:
            self._cache[key] = out
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return out

    def _per_provider(self, a: dict[str, Any], idx: np.ndarray, cols: Any = slice(None)) -> np.ndarray:
        """People a year from the area with each provider in ``idx`` on each standard in ``cols`` (all ages, estimate)."""
        return (
            sum(w * (a[f"area:{y}"][idx, None] * self.share[y][idx][:, cols]) for y, w in self.weights.items())
            if self.weights
            else np.zeros((len(idx), len(self.programmes)))
        )

    def _employers(self, idx: np.ndarray, per: np.ndarray, is_near: np.ndarray) -> dict[str, tuple[str, ...]]:
        """Per standard: the employers near the area that train their own apprentices on it, most people first."""
        own = self._own[idx]
        out: dict[str, tuple[str, ...]] = {}
        if not own.any():
            return out
        e_idx, e_per, e_near = idx[own], per[own], is_near[own]
        for i in np.flatnonzero(e_near.any(axis=0)):
            js = np.flatnonzero(e_near[:, i])
            js = js[np.argsort(-e_per[js, i], kind="stable")]
            out[self.programmes[i]] = tuple(self.provider_name[self.ukprns[e_idx[j]]] for j in js)
        return out

    def _age_estimate(self, areas: dict[str, np.ndarray], group: str, years: dict[str, float]) -> np.ndarray:
        """The civilian estimate for every standard for one age group ("" = all ages), weighted over ``years``."""
        # only the providers that took someone from the area count: the products are over those rows alone (small
        # enough that BLAS does not start threads, which on a busy 2-core machine cost 25 ms a product, not 0.03)
        est = np.zeros(len(self.programmes))
        for y, w in years.items():
            base = areas[y] * self._civ
            nz = np.flatnonzero(base)
            if group not in AGE_GROUPS:
                est += w * (base[nz] @ self.share[y][nz])
                continue
            g = AGE_GROUPS.index(group)
            for b, cols in enumerate(self._band_cols):
                if len(cols):
                    est[cols] += w * ((base[nz] * self.age_share[y][nz, b, g]) @ self._share_band[y][b][nz])
        return est

    def _one_estimate(self, area: np.ndarray, year: str, i: int, group: str) -> float:
        """The civilian estimate for standard ``i`` alone in one year, for an age group ("" = all ages)."""
        w = area * self._civ * self.share[year][:, i]
        if group in AGE_GROUPS:
            w = w * self.age_share[year][:, int(self._band[i]), AGE_GROUPS.index(group)]
        return float(w.sum())

    def summaries(self, codes: tuple[str, ...], group: str = "") -> dict[str, DeliverySummary]:
        """Providers near and the local starts estimate for the age group ``group`` (see
        :func:`~pathways.delivery_answers.age_group`; "" for all ages) for every standard, in one go.

        The answer is cached with the travel area's figures: treat it as read-only.
        """
        a = self._area(codes)
        key = f"summaries:{group}"
        got = a.get(key)
        if got is None:
            got = self._summaries(a, group)
            a[key] = got
        return got

    def _summaries(self, a: dict[str, Any], group: str) -> dict[str, DeliverySummary]:
        est = self._age_estimate({y: a[f"area:{y}"] for y in self.window}, group, self.weights) if group else a["estimate"]
        rows = a["rows"]
        home_areas = {y: self.home[y][rows[0]] for y in self.window} if rows else {}
        home = self._age_estimate(home_areas, group, self.weights) if rows else None
        home_name = self.lad_names.get(a["codes"][0], "") if len(a["codes"]) > 1 else ""
        ratio = self._share_ratio(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            young = self._age_estimate({y: a[f"area:{y}"] for y in self.window}, "Under 19", self.weights) / a["estimate"]
        out: dict[str, DeliverySummary] = {}
        for p, i in self._prog_pos.items():
            if self._none_started[i]:
                out[p] = DeliverySummary(0, 0.0, NONE_STARTED, 0, self.years_words)
            elif self._zero_in_window[i]:
                out[p] = DeliverySummary(0, 0.0, ESTIMATE_BASIS, 0, self.years_words, age_group=group)
            elif not self._has_figures[i]:
                out[p] = DeliverySummary(
                    0,
                    None,
                    NO_FULL_YEAR,
                    self._providers_part_year.get(p, 0),
                    self.years_words,
                    age_group=group,
                    part_year_england=int(self._part_england[i]) if self.part_year else None,
                    part_year_local=round(float(a["part_local"][i]), 1) if self.part_year else None,
                    part_year_label=self.part_year_label,
                )
            else:
                out[p] = DeliverySummary(
                    int(a["near"][i]),
                    round(float(est[i]), 1),
                    ESTIMATE_BASIS,
                    self._providers_in_england.get(p, 0),
                    self.years_words,
                    None if ratio is None or not np.isfinite(ratio[i]) else round(float(ratio[i]), 3),
                    age_group=group,
                    all_ages_estimate=round(float(a["estimate"][i]), 1),
                    young_share=round(float(young[i]), 3) if np.isfinite(young[i]) else None,
                    home_estimate=None if home is None else round(float(home[i]), 1),
                    home_name=home_name,
                    forces=self._forces_route(a, i),
                    employers=a["employers"].get(p, ()),
                )
        return out

    def _forces_route(self, a: dict[str, Any], i: int) -> ForcesRoute | None:
        """The armed forces' part of the area's starts on standard ``i``, when it is most of them."""
        if not a["forces_main"][i]:
            return None
        col = a["forces_by"][:, i]
        forces = float(col.sum())
        total = forces + float(a["estimate"][i])
        row = self.forces[str(self.ukprns[self._forces_pos[int(np.argmax(col))]])]
        return ForcesRoute(
            row["service"],
            round(forces, 1),
            round(forces / total, 3),
            int(row["minimum_age"]),
            row["how_to_apply_url"],
            row["source_url"],
            row["date_checked"],
        )

    def _share_ratio(self, a: dict[str, Any]) -> np.ndarray | None:
        """Each standard's local estimate over the starts the area would have if it started each standard
        in England's proportions (its share of all starts x the standard's national starts)."""
        if not self.window:
            return None
        area_total = float(sum(w * a[f"area:{y}"].sum() for y, w in self.weights.items()))
        if area_total <= 0:
            return None
        expected = self._national_avg * (area_total / max(self._england_avg, 1.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, a["estimate"] / expected, np.nan)

    def summary(self, codes: tuple[str, ...], programme_id: str, group: str = "") -> DeliverySummary | None:
        """The short figures for one standard (``None`` for a programme with no provider data)."""
        return self.summaries(codes, group).get(programme_id)

    def delivery(
        self,
        travel: Any,
        programme_id: str,
        kind: str | None = None,
        title: str = "",
        level: int | None = None,
        age: int | None = None,
    ) -> Delivery:
        """Everything about who trains for ``programme_id`` near ``travel`` (a :class:`~pathways.areas.TravelArea`),
        for a learner of ``age`` (None: all ages): the same summary as the route card, and the providers near.

        A programme that is not an apprenticeship standard (``kind`` given by the caller) gets no
        providers and a note saying where to look instead.
        """
        label = getattr(travel, "label", "") or getattr(getattr(travel, "home", None), "name", "your area")
        i = self._prog_pos.get(programme_id)
        if i is None:
            return delivery_without_providers(programme_id, title, level, kind or "programme", label)
        codes = tuple(travel.codes)
        group = age_group(age)
        summary = self.summaries(codes, group)[programme_id]
        a = self._area(codes)
        nat = self._national.get(programme_id, {})
        return Delivery(
            programme_id,
            self.titles.get(programme_id, title),
            self.levels.get(programme_id, level),
            apprenticeship_kind(self.is_foundation.get(programme_id)),
            label,
            True,
            providers=self._providers_near(a, i),
            local_starts_estimate=self._estimate_figure(summary.local_starts_estimate, i, group, label),
            local_starts_by_year=self._starts_by_year(a, i, group),
            national_starts={y: s for y, (s, _) in nat.items()},
            national_achievements={y: a_ for y, (_, a_) in nat.items()},
            providers_in_england=self._providers_in_england.get(programme_id, 0),
            note="Achievements are the number of people who passed, not a pass rate.",
            search_url=training_search_url(self.lars.get(programme_id), self.titles.get(programme_id, title)),
            period=self.years_words,
            summary=summary,
        )

    def _providers_near(self, a: dict[str, Any], i: int) -> tuple[ProviderNear, ...]:
        """The providers that trained at least :data:`NEAR_MIN` people a year from the area on standard ``i``, most
        people first."""
        idx = a["took_idx"]
        per = self._per_provider(a, idx, [i])[:, 0]
        picks = np.flatnonzero(per >= NEAR_MIN)
        picks = picks[np.lexsort((self.ukprns[idx[picks]], -per[picks]))]
        return tuple(self._provider(int(idx[k]), i, a, float(per[k])) for k in picks)

    def _starts_by_year(self, a: dict[str, Any], i: int, group: str) -> dict[str, float]:
        """The local starts estimate on standard ``i`` in each full year of the window, for the age group."""
        if self._none_started[i] or self._zero_in_window[i]:
            return {y: 0.0 for y in self.window}
        if not self._has_figures[i]:
            return {}
        return {y: round(self._one_estimate(a[f"area:{y}"], y, i, group), 1) for y in self.window}

    def _estimate_figure(self, est: float | None, i: int, group: str, label: str) -> Figure:
        """The local starts estimate on standard ``i`` as a figure, with how it was worked out."""
        note = (
            NONE_STARTED.capitalize() + "."
            if self._none_started[i]
            else f"Estimate: {ESTIMATE_METHOD}; providers that trained at least {NEAR_MIN:g} a year from your area on it"
            if est is not None
            else NO_FULL_YEAR.capitalize() + "."
        )
        who = {"Under 19": " aged 16 to 18", "19-24": " aged 19 to 24"}.get(group, "")
        return Figure(
            f"People{who} from your area who started this (estimate)",
            est,
            "people a year",
            self.years_words,
            label,
            "travel area",
            PROVIDER_SOURCE,
            "modelled" if est is not None else "not available",
            note=note,
        )

    def delivery_for(self, travel: Any, programme_id: str, age: int | None = None) -> Delivery:
        """:meth:`delivery` for a programme reference as typed ("st0005 " finds ST0005): an apprenticeship standard,
        or another programme of the bundle, with the local figures for a learner starting it at ``age`` (None: all
        ages).

        Raises :class:`UnknownProgramme` for a reference that is not in the bundle.
        """
        ref = str(programme_id).strip()[:40]
        if ref.upper() in self.titles:  # an apprenticeship standard: no table lookup on the route cards' path
            return self.delivery(travel, ref.upper(), age=age)
        other = self._bundle.programmes
        row = other[other.programme_id == ref]
        if len(row):
            p = row.iloc[0]
            return self.delivery(travel, ref, kind=str(p.kind), title=str(p.title), level=int(p.level))
        raise UnknownProgramme(f"We do not know the programme '{ref}'. Apprenticeship references look like ST0005.")

    def _where(self, a: dict[str, Any], j: int) -> dict[str, int]:
        """Where provider ``j`` trained the people it took on from the area (district code -> starts), most first."""
        lo, hi = np.searchsorted(a["d_prov"], [j, j + 1])
        where: dict[str, int] = {}
        for c, n in zip(a["d_to"][lo:hi].tolist(), a["d_starts"][lo:hi].tolist()):
            where[c] = where.get(c, 0) + n
        return dict(sorted(where.items(), key=lambda t: (-t[1], t[0])))

    def _provider(self, j: int, i: int, a: dict[str, Any], estimate: float) -> ProviderNear:
        u = str(self.ukprns[j])
        where = self._where(a, j)
        codes = set(a["codes"])
        districts = tuple(self.lad_names.get(c, c) for c in where)
        young = self.age_share[self.latest][j, int(self._band[i]), 0] if self.latest else np.nan
        return ProviderNear(
            ukprn=u,
            name=self.provider_name.get(u, u),
            kind=self.provider_kind.get(u, ""),
            starts_programme_england={y: int(self.on_standard[y][j, i]) for y in self.window},
            starts_from_area={y: int(a[f"area:{y}"][j]) for y in self.window},
            estimate_from_area=round(estimate, 2),
            delivery_districts=districts,
            under_19_share=None if not np.isfinite(young) else round(float(young), 3),
            period=self.years_words,
            trained_in_area=int(sum(n for c, n in where.items() if c in codes)),
            trains_own_staff=bool(self._own[j]),
        )

    def colleges_near(self, codes: tuple[str, ...], limit: int = 3) -> list[tuple[str, float]]:
        """The colleges that serve a travel area: (name, people a year from it), most first. DfE's files name
        colleges only through apprenticeships, so these are the colleges that took on apprentices from the area
        (all apprenticeships, two-year average); their full-time courses are not in the files."""
        a = self._area(codes)
        people = sum(w * a[f"area:{y}"] for y, w in self.weights.items()) if self.weights else np.zeros(len(self.ukprns))
        js = np.flatnonzero(self._college & (people >= NEAR_MIN))
        js = js[np.lexsort((self.ukprns[js], -people[js]))][:limit]
        return [(self.provider_name[self.ukprns[j]], round(float(people[j]), 1)) for j in js]

    def employers_near(self, codes: tuple[str, ...]) -> list[tuple[str, float, tuple[str, ...], tuple[str, ...]]]:
        """Employers near the area that train their own apprentices: (name, people a year from the area (all
        apprenticeships, two-year average), where they train them, the apprenticeships they train for near it),
        most people first."""
        a = self._area(codes)
        by_employer: dict[str, list[str]] = {}
        for p, names in a["employers"].items():
            for n in names:
                by_employer.setdefault(n, []).append(self.titles[p])
        out = []
        for j in np.flatnonzero(self._own):
            name = self.provider_name[self.ukprns[j]]
            if name not in by_employer:
                continue
            people = float(sum(w * a[f"area:{y}"][j] for y, w in self.weights.items()))
            places = tuple(self.lad_names.get(c, c) for c in self._where(a, int(j)))
            out.append((name, round(people, 1), places, tuple(sorted(by_employer[name]))))
        return sorted(out, key=lambda t: (-t[1], t[0]))
