"""The local figures for one job in one travel area that routes are ranked by (:class:`Signals`).

Its own module so that :mod:`pathways.market_tables`, which computes them, and :mod:`pathways.routes`,
which ranks by them, do not import each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Signals"]


@dataclass(frozen=True)
class Signals:
    """Local figures for one occupation in one travel area (``None`` = not available).

    pay_experienced : modelled local median annual full-time pay (all ages), £
    pay_reliable : False when ONS's figure for the job is less reliable (then it gives no points in ranking)
    adverts : online job adverts in the travel area in ``period``
    adverts_ratio, employment_ratio : local share of the occupation group / England share (1.0 = average)
    apprenticeship_starts_per_1000 : apprenticeship starts per 1,000 people in the area
    england_apprenticeship_starts_per_1000 : the same for England, to compare against
    """

    pay_experienced: float | None = None
    pay_reliable: bool = True
    adverts: float | None = None
    adverts_ratio: float | None = None
    employment_ratio: float | None = None
    apprenticeship_starts_per_1000: float | None = None
    area_label: str = ""
    period: str = ""
    england_apprenticeship_starts_per_1000: float | None = None
    pay_basis: str = "modelled local estimate"
    #: the group of jobs that adverts and employment are counted for (SOC 2020 sub-major group)
    group_label: str = ""

    def to_dict(self) -> dict:
        return asdict(self)
