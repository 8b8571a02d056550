"""Cold start and answer time in headless Chromium, explorer vs the bare app, in one run.

Cold start: from launching ``python -m streamlit run`` to the page fully rendered (connected, script
idle, content drawn; explorer: the Routes page for ``where=TS10+1AA&age=16&q=level2&em=1`` showing its
routes). Chromium is started first and is not part of the figure. Repeated ``--cold`` times (median).

Answer time (explorer): on the Start form, type a new area and pick a new qualification (untimed), then
press "Show my routes"; timed from the click to the Routes page rendered with its routes (script idle).
20 changes over 15 areas and 6 qualifications. Bare app: change its select box; timed from the option
click until a script run has started (a MutationObserver on the app's run state, so even a run shorter
than a frame is seen) and the app is idle again. Both wait for idle as tests/browser/conftest.py does.

    python bench/browser.py [--changes 20] [--cold 3]

Bars: cold start <= 2.5x bare; answer median <= 1.0 s and <= 3x bare.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import EXPLORER, HELLO, IDLE_JS, start_server, summary, write_section  # noqa: E402
from deploy.processes import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.load import START_QS, profile_at  # noqa: E402

__all__ = ["cold_start", "explorer_answers", "hello_answers", "main"]

ROUTES_JS = IDLE_JS.replace(
    "return !!main &&",
    "if (!location.pathname.endsWith('/routes')) return false;\n"
    "  if (!main || !/Route 1:|did not find routes|Jobs you can start/.test(main.innerText)) return false;\n  return !!main &&",
)
TIMEOUT_MS = 60_000


def _settled(page, js: str) -> None:
    """Wait for js to hold, then hold again after a short settle (a switch_page rerun may follow)."""
    for _ in range(3):
        page.wait_for_function(js, timeout=TIMEOUT_MS, polling=20)
        page.wait_for_timeout(150)
        if page.evaluate(js):
            return


def cold_start(browser, app: Path, path: str, js: str) -> float:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    srv = start_server(app, wait=False)
    try:
        srv.wait_healthy()
        page.goto(srv.url + path, timeout=TIMEOUT_MS)
        _settled(page, js)
        return time.monotonic() - srv.launched - 0.15  # minus the settle check
    finally:
        ctx.close()
        srv.stop()


def explorer_answers(browser, url: str, changes: int) -> list[float]:
    from pathways.profile import QUALIFICATION_LABELS

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    out: list[float] = []
    try:
        page.goto(f"{url}/?{START_QS}", timeout=TIMEOUT_MS)  # Start is the default page: "/"
        _settled(page, IDLE_JS)
        for k in range(changes):
            where, q = profile_at(k)
            if k:
                page.get_by_role("link", name="Change your details").first.click()
                page.get_by_role("button", name="Show my routes").wait_for(timeout=TIMEOUT_MS)
                _settled(page, IDLE_JS)
            box = page.get_by_role("textbox", name="Where do you live?")
            box.fill(where)
            page.get_by_text(QUALIFICATION_LABELS[q], exact=True).first.click()
            t0 = time.perf_counter()
            page.get_by_role("button", name="Show my routes").click()
            page.wait_for_url("**/routes**", timeout=TIMEOUT_MS)
            page.wait_for_function(ROUTES_JS, timeout=TIMEOUT_MS, polling=20)
            out.append(time.perf_counter() - t0)
    finally:
        ctx.close()
    return out


def hello_answers(browser, url: str, changes: int) -> list[float]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    out: list[float] = []
    try:
        page.goto(url, timeout=TIMEOUT_MS)
        _settled(page, IDLE_JS)
        for k in range(changes):
            v = "abcd"[(k + 1) % 4]
            page.locator('[data-testid="stSelectbox"]').first.click()
            opt = page.get_by_role("option", name=v, exact=True)
            opt.wait_for(timeout=TIMEOUT_MS)
            t0 = time.perf_counter()
            opt.click()
            # the rerun is done when the page shows the new choice and Streamlit is idle (a run this short can
            # start and end between two looks at data-test-script-state, so "a run started" is not waited for)
            page.get_by_text(f"Showing series {v}", exact=True).wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling=20)
            out.append(time.perf_counter() - t0)
            page.wait_for_timeout(100)
    finally:
        ctx.close()
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--cold", type=int, default=3)
    args = ap.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        cold_e, cold_h = [], []
        for _ in range(args.cold):
            cold_h.append(cold_start(browser, HELLO, "/", IDLE_JS))
            cold_e.append(cold_start(browser, EXPLORER, f"/routes?{START_QS}", ROUTES_JS))
            print(f"cold start: explorer {cold_e[-1]:.2f} s, bare {cold_h[-1]:.2f} s", flush=True)
        with start_server(HELLO) as srv:
            hello = hello_answers(browser, srv.url, args.changes)
        with start_server(EXPLORER) as srv:
            expl = explorer_answers(browser, srv.url, args.changes)
        browser.close()
    ce, ch = summary(cold_e)[0], summary(cold_h)[0]
    em, ep = summary(expl)
    hm, hp = summary(hello)
    print(f"cold start median: explorer {ce:.2f} s, bare {ch:.2f} s, ratio {ce / ch:.2f}x")
    print(f"answer: explorer median {em:.3f} s p95 {ep:.3f} s; bare median {hm:.3f} s p95 {hp:.3f} s; ratio {em / hm:.1f}x")
    body = "\n".join(
        [
            "Headless Debian Chromium (Playwright). Cold start: launch of `python -m streamlit run` -> page rendered "
            f"(explorer: `/routes?{START_QS}` showing its routes), median of {args.cold} (each a fresh server and "
            "browser context). Answer time: explorer = press 'Show my routes' on the Start form after typing a new "
            f"area and picking a new qualification -> Routes page rendered and idle ({len(expl)} changes over "
            "15 areas x 6 qualifications; the first visit to an area includes its route search); bare app = pick a "
            f"new select-box option -> rerun finished and idle ({len(hello)} changes).",
            "",
            "| figure | explorer | bare app | ratio | bar |",
            "|---|---|---|---|---|",
            f"| cold start, median s | {ce:.2f} | {ch:.2f} | {ce / ch:.2f}x | <= 2.5x: "
            f"{'met' if ce / ch <= 2.5 else 'NOT met'} |",
            f"| cold start, runs s | {', '.join(f'{x:.2f}' for x in cold_e)} | {', '.join(f'{x:.2f}' for x in cold_h)} | | |",
            f"| answer time, median s | {em:.3f} | {hm:.3f} | {em / hm:.1f}x | <= 1.0 s and <= 3x: "
            f"{'met' if em <= 1.0 and em / hm <= 3 else 'NOT met'} |",
            f"| answer time, p95 s | {ep:.3f} | {hp:.3f} | {ep / hp:.1f}x | |",
        ]
    )
    write_section("browser", "Cold start and answer time in Chromium (bench/browser.py)", body)


if __name__ == "__main__":
    main()
