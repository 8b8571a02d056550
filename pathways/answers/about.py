"""The About page's answer: every source in the bundle with its period and licence, the limits of each table, and
the numbers and sentences its "how we work it out" text quotes, taken from the settings and modules that do it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.context import Context
from pathways.delivery import FEW_PART_YEAR_STARTS
from pathways.delivery_answers import ESTIMATE_METHOD
from pathways.labour_market import PAY_METHOD
from pathways.pay import PAY_EXPERIENCED, PAY_NEWLY_QUALIFIED, PAY_WHILE_TRAINING, RELIABLE_CHANGE
from pathways.routes import settings
from pathways.routes.explain import delivery_sentences, ranking_sentences
from pathways.vocab import kind_label

__all__ = ["SourceRow", "Method", "AboutAnswer", "about_answer"]


@dataclass(frozen=True)
class SourceRow:
    data: str
    publisher: str
    source: str
    period: str
    licence: str
    rows: int


@dataclass(frozen=True)
class Method:
    """The numbers and phrases the About page's "how we work it out" text quotes, from the modules that use them."""

    #: how local pay is estimated (:data:`pathways.labour_market.PAY_METHOD`)
    pay_method: str
    #: how the local starts estimate is made (:data:`pathways.delivery_answers.ESTIMATE_METHOD`)
    estimate_method: str
    #: the names of the three pay figures: while training, newly qualified, with experience
    pay_labels: tuple[str, str, str]
    #: a change from the earlier pay survey beyond which a figure is "less reliable" (a share, 0.25 = 25%)
    reliable_change: float
    #: fewer local starts a year than this and an apprenticeship first step is marked thin
    min_local_starts: float
    #: (part of the score in words, its share of the score)
    score_weights: tuple[tuple[str, float], ...]
    #: the ages (or age bands) :attr:`stage_fit` is given for
    stage_ages: tuple[str, ...]
    #: (kind of first step in words, how usual it is at each of :attr:`stage_ages`)
    stage_fit: tuple[tuple[str, tuple[float, ...]], ...]
    #: how usual a first step is, times this, when it needs something the start form does not ask about
    #: (:data:`pathways.routes.settings.UNASKED_NEED_FIT`)
    unasked_need_fit: float = 1.0
    #: fewer starts than this in all England since the last full year, with none in it, count as none near anyone
    few_part_year_starts: int = 0
    #: how routes are grouped, scored and chosen, and how "who trains near you" is worked out, in sentences written
    #: from the settings that do it (:mod:`pathways.routes.explain`)
    ranking: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()


@dataclass(frozen=True)
class AboutAnswer:
    """The About page's figures: the bundle's sources and the numbers its method text quotes."""

    built: str
    sources: tuple[SourceRow, ...]
    #: (what the table is, its limits)
    caveats: tuple[tuple[str, str], ...]
    less_reliable_pay: int
    published_pay: int
    apprentice_hours: float
    #: the two full years the "near you" rule counts
    delivery_window: tuple[str, ...]
    method: Method


def about_answer(ctx: Context) -> AboutAnswer:
    """The bundle's sources (one row per table and source, duplicates once) and the figures the About
    page's method text quotes."""
    manifest = ctx.bundle.manifest
    rows: dict[SourceRow, None] = {}
    caveats = []
    for t in manifest["tables"].values():
        what = t["description"].split(".")[0]
        for s in t["sources"]:
            rows[SourceRow(what, s["publisher"], s["title"], s["period"], s["licence"], int(t["rows"]))] = None
        if t.get("caveats"):
            caveats.append((what, str(t["caveats"])))
    reliability = ctx.bundle.occupations["pay_reliability"]
    return AboutAnswer(
        str(manifest.get("built", "an unknown date")),
        tuple(rows),
        tuple(caveats),
        int((reliability == "less reliable").sum()),
        int((reliability != "not published").sum()),
        float(ctx.pay.apprentice_hours),
        tuple(ctx.delivery.window),
        _method(tuple(ctx.delivery.window)),
    )


def _method(window: tuple[str, ...] = ()) -> Method:
    """What the About page says about how figures are worked out and routes ranked, from the code that does it (the
    route finder's settings are read when the page is built, so the page always says what the settings do)."""
    total = sum(settings.WEIGHTS.values())
    kinds = sorted({k for row in settings.STAGE_FIT.values() for k in row})
    return Method(
        PAY_METHOD,
        ESTIMATE_METHOD,
        (PAY_WHILE_TRAINING, PAY_NEWLY_QUALIFIED, PAY_EXPERIENCED),
        float(RELIABLE_CHANGE),
        float(settings.MIN_LOCAL_STARTS),
        tuple((settings.COMPONENT_LABELS[k], w / total) for k, w in settings.WEIGHTS.items()),
        tuple(settings.STAGE_FIT),
        tuple((kind_label(k), tuple(float(row.get(k, 0.5)) for row in settings.STAGE_FIT.values())) for k in kinds),
        float(settings.UNASKED_NEED_FIT),
        int(FEW_PART_YEAR_STARTS),
        ranking_sentences(),
        delivery_sentences(tuple(window), int(FEW_PART_YEAR_STARTS)),
    )
