"""Accessibility of every page at phone and desktop widths: axe-core, image alt text, chart text.

Each page is opened with a full profile in its URL, rendered, screenshotted (full page) into the
artifacts folder, and checked with axe-core. Serious and critical violations fail the test unless
the rule and the offending element are in ``ALLOWLIST`` (see ALLOWLIST.md for the reasons).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = ["start", "routes", "job", "area", "compare", "plan", "about"]
PROFILE = (
    "where=TS10+1AA&age=16&q=level2&em=1&t=neighbours&i=Construction+and+the+built+environment"
    "&job=5241&sl=5241"
    # two routes to compare (route keys as the routes page writes them)
    "&cmp=start%3Alevel2%2Bem%7Cocc%3A8221%7Cocc%3A8221%2Cstart%3Alevel2%2Bem%7Cocc%3A8221%7Cprog%3AST0267%7Cocc%3A8221"
)

#: (axe rule id, CSS fragment that every offending node's target must contain): violations that
#: come from Streamlit's own markup, not the project's code. Keep this short; see ALLOWLIST.md.
ALLOWLIST: list[tuple[str, str]] = []

SERIOUS = {"serious", "critical"}


def _allowed(rule: str, targets: list[str]) -> bool:
    return any(rule == r and all(frag in t for t in targets) for r, frag in ALLOWLIST)


def _findings(result: dict) -> list[str]:
    """Serious/critical axe violations that are not allow-listed, one line per rule and node."""
    out = []
    for v in result["violations"]:
        if v.get("impact") not in SERIOUS:
            continue
        for node in v["nodes"]:
            targets = [" ".join(map(str, node.get("target", [])))]
            if not _allowed(v["id"], targets):
                where = " > ".join(re.findall(r'data-testid="(\w+)"', targets[0])[-2:])
                why = ((node.get("any") or [{}])[0].get("message") or "")[:120]
                out.append(f"{v['id']} ({v['impact']}) in {where or targets[0][-80:]}: {node.get('html', '')[:100]} -- {why}")
    return out


_IMAGES_JS = """() => Array.from(document.querySelectorAll('img'))
  .filter(img => !img.hasAttribute('alt'))
  .map(img => img.outerHTML.slice(0, 160))"""

_CHARTS_DRAWN_JS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
  .every(el => el.querySelector('svg, canvas'))"""

_CHARTS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"], .vega-embed'))
  .filter(el => !el.parentElement || !el.parentElement.closest('[data-testid="stVegaLiteChart"], .vega-embed'))
  .map(el => {
    const nodes = [el, ...el.querySelectorAll('[aria-label], [role="graphics-document"], svg, canvas, title')];
    const labels = nodes.map(n => (n.getAttribute && n.getAttribute('aria-label')) || '').map(s => s.trim());
    const titles = Array.from(el.querySelectorAll('svg > title, title')).map(t => t.textContent.trim());
    const described = labels.some(s => s && !/^vega visualization$/i.test(s)) || titles.some(Boolean);
    const empty = nodes.some(n => n.getAttribute && n.hasAttribute('aria-label') && !n.getAttribute('aria-label').trim());
    return {described, empty, html: el.outerHTML.slice(0, 200), labels};
  })"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible(page, ui, name, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(ui.viewports[viewport])
    try:
        ui.goto(page, f"/{'' if name == 'start' else name}?{PROFILE}")  # Start here is the default page, at /
    finally:  # a person can look at the page whether or not it rendered properly
        ui.screenshot(page, ui.artifacts_dir() / f"{name}-{viewport}.png")
    # the page has a heading a screen reader can jump to
    assert page.get_by_role("heading", level=1).count() >= 1, f"/{name} has no top-level heading"

    # charts are drawn by Vega after the script finishes: wait until each has its SVG or canvas
    page.wait_for_function(_CHARTS_DRAWN_JS, timeout=15_000)
    result = Axe().run(page).response
    problems = _findings(result)

    missing_alt = page.evaluate(_IMAGES_JS)
    charts = page.evaluate(_CHARTS_JS)
    undescribed = [c["html"] for c in charts if not c["described"] or c["empty"]]

    report = []
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        report.append("the page scrolls sideways (content wider than the screen; WCAG 1.4.10 reflow)")
    if problems:
        report.append("axe serious/critical:\n  " + "\n  ".join(problems))
    if missing_alt:
        report.append("images without alt text:\n  " + "\n  ".join(missing_alt))
    if undescribed:
        report.append("charts without a text description:\n  " + "\n  ".join(undescribed))
    assert not report, f"/{name} at {viewport} width:\n" + "\n".join(report)
