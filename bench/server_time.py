"""Server time per rerun of each page, and memory per session, with a websocket client (no browser).

Server time: for each page, one session opens it with a default profile, then reruns it ``--runs`` times;
each figure is the time from sending the ``rerun_script`` BackMsg to receiving the ``script_finished``
ForwardMsg. On loopback this is the server's script-run time plus a few ms of protobuf/websocket
transport: it is NOT an in-process timer (the app is not edited to time itself).

Memory: server RSS (VmRSS) after start-up with one session run (bundle and graph loaded), then with 1, 10
and 50 sessions open on the Routes page (same profile, so the route cache does not grow); extra per session
= (RSS with N open - RSS after start-up) / N.

    python bench/server_time.py [--runs 20]

Bars: median <= 150 ms per page; RSS <= 400 MB; <= 5 MB per session.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import EXPLORER, HELLO, Session, start_server, summary, write_section  # noqa: E402

__all__ = ["PAGES", "page_times", "session_memory", "main"]

QS = "where=TS10+1AA&age=16&q=level2&em=1"
PAGES = {"start": QS, "routes": QS, "job": QS + "&job=5241", "area": QS, "compare": QS, "plan": QS, "about": QS}


async def page_times(ws_url: str, page: str, qs: str, runs: int) -> tuple[float, list[float]]:
    s = Session(ws_url)
    await s.open()
    try:
        first = await s.rerun(qs, page)
        return first, [await s.rerun() for _ in range(runs)]
    finally:
        await s.close()


async def session_memory(srv, page: str, qs: str, levels=(1, 10, 50)) -> tuple[float, dict[int, float]]:
    """RSS after warm-up, and MB per open session at each level (sessions kept open cumulatively)."""
    warm = Session(srv.ws_url)
    await warm.open()
    await warm.rerun(qs, page)
    await warm.close()
    await asyncio.sleep(2)
    base = srv.rss_mb()
    opened: list[Session] = []
    per: dict[int, float] = {}
    try:
        for n in levels:
            while len(opened) < n:
                s = Session(srv.ws_url)
                await s.open()
                await s.rerun(qs, page)
                opened.append(s)
            await asyncio.sleep(2)
            per[n] = (srv.rss_mb() - base) / n
    finally:
        for s in opened:
            await s.close()
    return base, per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    out: list[str] = []
    with start_server(HELLO) as srv:
        _, hello = asyncio.run(page_times(srv.ws_url, "", "", args.runs))
        hmed, hp95 = summary(hello)
        print(f"bare app rerun: median {hmed * 1000:.0f} ms, p95 {hp95 * 1000:.0f} ms", flush=True)
        hbase, hper = asyncio.run(session_memory(srv, "", ""))
        print(f"bare app RSS {hbase:.0f} MB; per session {hper}", flush=True)
    with start_server(EXPLORER) as srv:
        rows = []
        for page, qs in PAGES.items():
            first, times = asyncio.run(page_times(srv.ws_url, page, qs, args.runs))
            med, p95 = summary(times)
            rows.append((page, first, med, p95))
            print(f"/{page}: first {first * 1000:.0f} ms; rerun median {med * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms", flush=True)
        base, per = asyncio.run(session_memory(srv, "routes", QS))
        print(f"explorer RSS {base:.0f} MB; per session {per}", flush=True)
    out += [
        f"Websocket client timing, BackMsg rerun_script sent -> ForwardMsg script_finished received, on "
        f"127.0.0.1 ({args.runs} reruns of an unchanged page per page, after its first run; profile `{QS}`). "
        "This is the server's script-run time plus loopback transport, not an in-app timer.",
        "",
        "| page | first run ms | rerun median ms | rerun p95 ms | median vs bare | bar (median <= 150 ms) |",
        "|---|---|---|---|---|---|",
    ]
    for page, first, med, p95 in rows:
        out.append(
            f"| /{page} | {first * 1000:.0f} | {med * 1000:.0f} | {p95 * 1000:.0f} | {med / hmed:.1f}x | "
            f"{'met' if med <= 0.150 else 'NOT met'} |"
        )
    out.append(f"| bare app | - | {hmed * 1000:.0f} | {hp95 * 1000:.0f} | 1.0x | - |")
    write_section("server_time", "Server time per rerun (bench/server_time.py)", "\n".join(out))
    mem = [
        "Server RSS (VmRSS of the `streamlit run` process) after start-up and one full run of the page "
        "(explorer: Routes page, so the bundle, graph and route cache are loaded); then N sessions opened and "
        "kept open on that page; extra per session = (RSS with N open - RSS after start-up) / N.",
        "",
        "| | explorer | bare app | ratio | bar |",
        "|---|---|---|---|---|",
        f"| RSS after start-up, MB | {base:.0f} | {hbase:.0f} | {base / hbase:.1f}x | <= 400 MB: "
        f"{'met' if base <= 400 else 'NOT met'} |",
    ]
    for n in per:
        mem.append(
            f"| extra MB per session, {n} open | {per[n]:.2f} | {hper[n]:.2f} | "
            f"{(per[n] / hper[n]) if hper[n] > 0.05 else float('nan'):.1f}x | <= 5 MB: "
            f"{'met' if per[n] <= 5 else 'NOT met'} |"
        )
    write_section("memory", "Memory (bench/server_time.py)", "\n".join(mem))


if __name__ == "__main__":
    main()
