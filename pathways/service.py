"""Answers assembled for the command line (and reused by pages): plain dicts ready for JSON."""

from __future__ import annotations

from pathways.context import Context
from pathways.errors import UnknownOccupation
from pathways.labour_market import area_context

__all__ = ["area_summary", "local_summary"]


def area_summary(ctx: Context, where: str, travel: str = "neighbours") -> dict:
    """``python -m pathways area``: the district, region, upper-tier authority, travel area and context."""
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    out = place.to_dict()
    out["travel_area"] = area.to_dict()
    out["context"] = area_context(ctx.market, place).to_dict()
    out["apprentices_train_in"] = [
        {"code": c, "name": n, "starts": v} for c, n, v in ctx.areas.top_destinations(place.lad_code, "apprenticeships")
    ]
    return out


def local_summary(ctx: Context, where: str, soc: str, travel: str = "neighbours") -> dict:
    """``python -m pathways local``: every local figure for one occupation, with provenance."""
    soc = str(soc).strip()
    if soc not in ctx.market._occ.index:
        raise UnknownOccupation(f"We do not know the job code '{soc[:20]}'. Use a 4-digit SOC 2020 code such as 5241.")
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    out = ctx.market.occupation_local(area, soc).to_dict()
    out["area"] = place.to_dict()
    out["travel_area"] = area.to_dict()
    return out
