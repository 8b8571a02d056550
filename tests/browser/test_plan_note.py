"""The plan in a real browser: the note typed just before Download is tapped is in the PDF."""

from __future__ import annotations

import io

import pytest

pytestmark = pytest.mark.browser

PLAN_URL = "/plan?where=FY1+1AA&age=19&q=none&sl=job:6135"


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages).split())


def test_note_typed_then_download_tapped_at_once_is_in_the_pdf(page, ui):
    """On a phone people type a note and tap Download straight away: Streamlit's text area only sends its value
    when it loses focus, at the same moment as the tap. The PDF must hold the note as typed, every time."""
    import re

    page.set_viewport_size(ui.viewports["phone"])
    ui.goto(page, PLAN_URL)
    box = page.get_by_label(re.compile(r"^Notes"))
    download = page.get_by_role("button", name=re.compile(r"Download my plan \(PDF\)"))
    for note in ("Ring Blackpool college on Monday about care courses", "Changed my mind: bring my CV on Wednesday"):
        box.click()
        box.fill("")
        box.press_sequentially(note, delay=5)
        with page.expect_download() as dl:
            download.click()  # at once: no blur, Ctrl+Enter or wait before the tap
        text = _pdf_text(open(dl.value.path(), "rb").read())
        assert note in text, f"the PDF does not hold the note just typed ({note!r}): {text[-400:]}"
        ui.wait(page)
    assert "Ring Blackpool college" not in text, "the PDF holds the old note after it was changed"
