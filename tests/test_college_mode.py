"""A college's copy draws with every combination of logo and careers contact its guide allows, and the
start-up page check (views/college_check.py, run by serve.py) refuses settings that break a page, naming them."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

import serve
from pathways.college import load_college
from tests.apptest_helpers import no_exception, open_page
from views import cache, college_check

CONTACTS = {
    "none": None,
    "web": "https://www.example.ac.uk/careers",
    "mailto": "mailto:careers@example.ac.uk",
    "tel": "tel:+441915116000",
}
LOGOS = ("none", "file", "web")


def _png(path: Path) -> None:
    """A real 1x1 PNG (a logo Streamlit can read)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(b"\x00\x8a\x15\x38")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )


def _settings(tmp_path: Path, logo: str, contact: str) -> Path:
    lines = ['name = "Wearside Test College"', 'default_area = "SR1"']
    if logo == "file":
        _png(tmp_path / "logo.png")
        lines.append('logo = "logo.png"')
    elif logo == "web":
        lines.append('logo = "https://www.example.ac.uk/logo.png"')
    if CONTACTS[contact]:
        lines.append(f'careers_contact = "{CONTACTS[contact]}"')
    path = tmp_path / "college.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def use_college(monkeypatch):
    def use(path: Path) -> None:
        monkeypatch.setenv("PATHWAYS_COLLEGE", str(path))
        cache.forget_college()

    yield use
    monkeypatch.delenv("PATHWAYS_COLLEGE", raising=False)
    cache.forget_college()


@pytest.mark.parametrize("logo", LOGOS)
@pytest.mark.parametrize("contact", list(CONTACTS))
def test_every_allowed_logo_and_contact_draws_the_frame_and_plan(tmp_path, use_college, logo, contact):
    """The frame (app.py) runs on every page, so the start page and the plan (which offers the contact) cover it."""
    use_college(_settings(tmp_path, logo, contact))
    at = open_page("plan", {"where": "SR1 1AA", "age": "17", "q": "level2"})
    no_exception(at)
    assert not any("cannot be used" in e.value for e in at.error)
    if CONTACTS[contact]:
        assert any(b.url == CONTACTS[contact] for b in at.get("link_button")), "the contact is offered on the plan"


def test_logo_links_only_to_a_web_contact(tmp_path):
    assert load_college(_settings(tmp_path, "file", "mailto")).logo_link is None
    assert load_college(_settings(tmp_path, "file", "tel")).logo_link is None
    assert load_college(_settings(tmp_path, "file", "web")).logo_link == CONTACTS["web"]


def test_page_check_draws_every_page_with_good_settings(tmp_path):
    path = _settings(tmp_path, "file", "mailto")
    assert college_check.page_failures(path) == {}
    assert college_check.check(path) == []


def test_page_check_names_the_setting_that_breaks_a_page(tmp_path, monkeypatch):
    """A logo call that refuses any link (as Streamlit does for mailto:) breaks every page: the check names the
    settings without which the pages draw."""
    import streamlit as st

    real = st.logo

    def strict_logo(image, *, link=None, **kw):
        if link is not None:
            raise ValueError(f"refused link {link}")
        return real(image, link=link, **kw)

    monkeypatch.setattr(st, "logo", strict_logo)
    path = _settings(tmp_path, "file", "web")
    lines = college_check.check(path)
    assert len(lines) == len(college_check.PAGES)
    assert all("'logo' or 'careers_contact'" in line for line in lines), lines[0]
    assert "'default_area'" not in lines[0]


def test_serve_refuses_to_start_when_the_page_check_fails(tmp_path, monkeypatch, capsys):
    path = _settings(tmp_path, "file", "web")
    monkeypatch.setenv("PATHWAYS_COLLEGE", str(path))
    monkeypatch.setattr(serve, "check_pages", lambda college: 2)
    monkeypatch.setattr(serve.os, "execve", lambda *a: pytest.fail("must not start"))
    with pytest.raises(SystemExit) as stop:
        serve.main([])
    assert stop.value.code == 2
    assert "not starting" in capsys.readouterr().err


def test_serve_starts_when_the_page_check_passes(tmp_path, monkeypatch):
    path = _settings(tmp_path, "none", "tel")
    monkeypatch.setenv("PATHWAYS_COLLEGE", str(path))
    monkeypatch.setattr(serve, "check_pages", lambda college: 0)
    started = []
    monkeypatch.setattr(serve.os, "execve", lambda *a: started.append(a))
    monkeypatch.setattr(serve.os, "chdir", lambda *a: None)
    serve.main([])
    assert started and started[0][1][:5][-1] == "app.py"
