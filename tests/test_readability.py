"""The app's fixed guidance text stays plain (textstat): the bar is set a little under what it scores now.

Only the pages whose text is our own are measured (Start here, About the data): the other pages are
mostly ONS job titles and descriptions, which we show as published.
"""

import pytest
import textstat

from tests.apptest_helpers import open_page
#: Flesch reading ease: 60-70 is plain English, read easily by 13-15 year olds; higher is easier
BARS = {"start": 65, "about": 60}


def page_text(page: str) -> str:
    at = open_page(page, {"where": "Blackpool", "sl": "job:9251"})
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(p for p in parts if "http" not in p)


@pytest.mark.parametrize("page", list(BARS))
def test_guidance_text_is_plain(page):
    text = page_text(page)
    score = textstat.flesch_reading_ease(text)
    print(f"{page}: Flesch reading ease {score:.0f}, grade {textstat.flesch_kincaid_grade(text):.1f}")
    assert score >= BARS[page], f"{page} reads at {score:.0f}; simplify the wording"


def test_the_glossary_is_plain():
    """Issue 17: "What do these words mean?" is for a 17-year-old alone on a phone."""
    from pathways.words import glossary

    text = "\n".join(f"{t}: {m}" for t, m in glossary())
    score = textstat.flesch_reading_ease(text)
    print(f"glossary: Flesch reading ease {score:.0f}, grade {textstat.flesch_kincaid_grade(text):.1f}")
    assert score >= 60, f"the glossary reads at {score:.0f}"
