"""Render every page once in a college's mode before the site starts: ``python -m views.college_check``.

``serve.py`` runs this (in a child process, so the launcher itself never imports Streamlit) and refuses
to start when a page fails, naming the setting: a setting can pass the settings file's own checks and
still break a page (a logo linked to a ``mailto:`` contact once made every page show an error).

When a page fails, each optional setting is left out in turn and the failing pages are drawn again:
the settings without which they work are the ones named. Exit status 0 when every page draws, 2 when
one fails (with one plain line per failure on stderr).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pathways.college import ENV_VAR, College, load_college
from pathways.vocab import PAGES
from views import cache

__all__ = ["page_failures", "settings_to_blame", "check", "main"]

APP = str(Path(__file__).resolve().parent.parent / "app.py")
#: seconds one page may take to draw (a cold start loads the bundle and builds the graph)
TIMEOUT = 120
#: the settings a college may leave out, so the ones that break a page can be found by leaving each out
OPTIONAL = ("logo", "careers_contact", "courses", "default_area", "featured_routes", "primary_colour")
#: a learner for the pages that need one, so every page draws in full
LEARNER = {"where": "SR1 1AA", "age": "17", "q": "level2", "em": "1"}


def page_failures(toml: Path | None, timeout: float = TIMEOUT) -> dict[str, str]:
    """Each page that raised when drawn with the settings in ``toml`` (None: the neutral explorer): slug -> error."""
    old = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = "" if toml is None else str(toml)
    cache.forget_college()
    failed: dict[str, str] = {}
    try:
        for p in PAGES:
            at = AppTest.from_file(APP, default_timeout=timeout)
            for k, v in LEARNER.items():
                at.query_params[k] = v
            at.run()
            if not p.default:
                at.switch_page(p.file)
                at.run()
            if at.exception:
                failed[p.slug] = str(at.exception[0].value)[:200]
    finally:
        if old is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = old
        cache.forget_college()
    return failed


def _toml(college: College, leave_out: str, folder: Path) -> Path:
    """The college's settings as a TOML file (absolute paths) without ``leave_out``."""
    values: dict[str, object] = {
        "name": college.name,
        "logo": college.logo,
        "careers_contact": college.careers_contact,
        "courses": None if college.courses is None else str(college.courses),
        "default_area": college.default_area or None,
        "featured_routes": list(college.featured_routes) or None,
        "primary_colour": college.primary_colour,
    }
    lines = []
    for key, value in values.items():
        if key == leave_out or value is None:
            continue
        items = value if isinstance(value, list) else [value]
        quoted = [str(v).replace("\\", "\\\\").replace('"', '\\"') for v in items]
        text = "[" + ", ".join(f'"{q}"' for q in quoted) + "]" if isinstance(value, list) else f'"{quoted[0]}"'
        lines.append(f"{key} = {text}")
    path = folder / f"without_{leave_out}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def settings_to_blame(college: College, pages: list[str], draw: Callable[[Path], dict[str, str]] | None = None) -> list[str]:
    """The optional settings without which every page in ``pages`` draws."""
    draw = draw or page_failures
    blamed = []
    with tempfile.TemporaryDirectory() as tmp:
        for key in OPTIONAL:
            if getattr(college, key) in (None, "", ()):
                continue
            still = draw(_toml(college, key, Path(tmp)))
            if not set(pages) & set(still):
                blamed.append(key)
    return blamed


def check(toml: Path) -> list[str]:
    """Plain lines, one per page that fails with these settings (and the settings to blame); [] when all draw."""
    failed = page_failures(toml)
    if not failed:
        return []
    blamed = settings_to_blame(load_college(toml), sorted(failed))
    cause = (
        f"the setting {' or '.join(repr(b) for b in blamed)} in {toml}"
        if blamed
        else f"the settings in {toml} (leaving out any one setting did not help)"
    )
    return [f"The page '{slug}' fails to draw because of {cause}: {err}" for slug, err in sorted(failed.items())]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    toml = Path(args[0]) if args else Path(os.environ.get(ENV_VAR, ""))
    if not str(toml) or str(toml) == ".":
        print("college_check: no college settings file given (argument or PATHWAYS_COLLEGE)", file=sys.stderr)
        return 2
    problems = check(toml.resolve())
    for line in problems:
        print(f"college_check: {line}", file=sys.stderr)
    if not problems:
        print(f"college_check: all {len(PAGES)} pages draw with {toml}", file=sys.stderr)
    return 2 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
