"""Drawing "who trains for this near you" (used by the Routes and Job pages; not a page itself)."""

from __future__ import annotations

import streamlit as st

from pathways.delivery_answers import Delivery
from views.widgets import escape_md

__all__ = ["show_providers", "provider_lines"]

SHOW_PROVIDERS = 5
_SOURCE_LINE = (
    "DfE apprenticeships provider dashboard data. Contains public sector information licensed under the "
    "Open Government Licence v3.0."
)


def provider_lines(d: Delivery, limit: int = SHOW_PROVIDERS) -> list[str]:
    """Markdown lines, one per provider: name, kind, UKPRN, people from the area, where they train."""
    return [f"- {escape_md(p.describe())}" for p in d.providers[:limit]]


def show_providers(d: Delivery, limit: int = SHOW_PROVIDERS) -> None:
    """The headline, the providers with most people from the area first, the official search link, and the source."""
    st.markdown(d.headline())
    if not d.has_provider_data:
        if d.search_url:
            st.link_button("Where to look", d.search_url, icon=":material/open_in_new:")
        return
    lines = provider_lines(d, limit)
    if lines:
        more = len(d.providers) - limit
        st.markdown(
            "\n".join(lines)
            + (
                f"\n\n…and {more} more {'provider' if more == 1 else 'providers'} with fewer people from your area."
                if more > 0
                else ""
            )
        )
    st.link_button("Find training for this on GOV.UK", d.search_url, icon=":material/open_in_new:")
    if d.local_starts_estimate is None or d.local_starts_estimate.value is None:
        st.caption(f"Source: {_SOURCE_LINE}")
        return
    nat = "; ".join(f"{d.national_starts[y]:,} in {y}" for y in d.local_starts_by_year if d.national_starts.get(y))
    st.caption(
        f"Estimate for {d.area_label}, a year over {d.period}. {d.local_starts_estimate.note}. "
        + (f"People who started it in England: {nat}. " if nat else "")
        + f"Source: {d.local_starts_estimate.source}. "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
