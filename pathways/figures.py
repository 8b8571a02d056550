"""The one shape every figure shown to a person takes: a value with its provenance."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from pathways.vocab import ENGLAND, UK

__all__ = ["Figure", "BASES", "LEVELS", "as_number", "as_int"]

#: how a figure was made
BASES = ("measured", "modelled", "wider area", "suppressed", "not available")
#: the geography a figure was measured at, finest first
LEVELS = ("district", "travel area", "upper-tier authority", "LSIP area", "combined authority", "region", ENGLAND.level, UK.level)


@dataclass(frozen=True)
class Figure:
    """A figure with its source, period, geography and basis.

    ``value`` is ``None`` when the figure is missing or suppressed; ``note`` then says why.
    A figure measured for a wider area than the learner's has ``basis == "wider area"`` and
    names that area in ``geography``, so it is never presented as local.

    Examples
    --------
    >>> f = Figure("Adverts", 180.0, "adverts", "July 2025", "Redcar and Cleveland", "district",
    ...            "ONS online job adverts (Textkernel)", "measured")
    >>> f.display()
    '180'
    >>> Figure("Adverts", None, "adverts", "July 2025", "Rutland", "district", "ONS", "suppressed",
    ...        "Too few to publish").display()
    'Too few to publish'
    >>> Figure("Pay", 41000.0, "£ a year", "April 2025", "Kent", "district", "ONS", "modelled", low=36080, high=45240).display()
    '£36,100 to £45,200'
    """

    label: str
    value: float | None
    unit: str
    period: str
    geography: str
    level: str
    source: str
    basis: str
    note: str = ""
    #: a range, where the figure is uncertain (e.g. pay from a small survey sample); shown instead of the value
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}")
        if self.level not in LEVELS:
            raise ValueError(f"unknown geography level {self.level!r}")

    def display(self) -> str:
        """The value formatted for a person (``£24,300``, ``1,250``, ``12.5%``), or why it is missing."""
        if self.value is None:
            return self.note or "Not available"
        v = self.value
        if self.low is not None and self.high is not None and self.unit.startswith("£") and "hour" not in self.unit:
            return f"£{round(self.low, -2):,.0f} to £{round(self.high, -2):,.0f}"
        if self.unit.startswith("£"):
            return f"£{v:,.2f}" if "hour" in self.unit else f"£{round(v, -2):,.0f}"
        if self.unit == "%":
            return f"{v:.1f}%"
        return f"{v:,.0f}"

    def provenance(self) -> str:
        """One line: source, period, where, and how it was made."""
        text = f"{self.source}, {self.period}, {self.geography} ({self.basis})"
        return f"{text}. {self.note}" if self.note else text

    def to_dict(self) -> dict:
        return asdict(self)


def as_number(value: Any) -> float | None:
    """A float, or None for anything missing (None, NaN, pd.NA, text that is not a number).

    >>> as_number("12.5"), as_number(float("nan")), as_number(None), as_number("x")
    (12.5, None, None, None)
    """
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def as_int(value: Any) -> int | None:
    """A whole number (a fraction cut off, as ``int()`` does), or None for anything missing (see :func:`as_number`).

    >>> as_int("7"), as_int(12.0), as_int(float("nan")), as_int(None), as_int("<NA>")
    (7, 12, None, None, None)
    """
    number = as_number(value)
    return None if number is None else int(number)
