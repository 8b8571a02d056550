"""Sessions per second and answer time through nginx with 1, 2 and 4 app processes.

Each app (the explorer, and the bare Streamlit app bench/hello_app.py run the same way) runs as K
``streamlit run`` processes behind nginx, configured by deploy/serve_lb.py from deploy/nginx/explorer.conf.template
(cookie affinity, websocket proxying), as ``make serve N=K`` runs it. U simulated people (websocket clients, no
browser, no think time) each loop over visits for D seconds: load the page through nginx (gets the affinity cookie),
open the websocket with it, the first run of the Start page with a profile in the URL, then ``--answers`` changes of
the profile (explorer: submit the Start form with a new area and qualification and wait for the Routes run;
bare app: change its select box), then close. A visit is a *session*.

    python bench/lb.py                           # K = 1, 2, 4 at U = 50, both apps; U sweep on K = 1; ~10 min
    python bench/lb.py --processes 1 2 --users 50 --duration 20

Prints and writes the "Behind nginx" section of bench/RESULTS.md: sessions/s, answers/s, median and p95 answer time
(change sent -> script_finished), p95 of the first page run, errors; the share of a core the load generator itself
used (it runs on the same 2 cores); and the estimate of sessions one core serves with p95 under 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import EXPLORER, HELLO, start_server, summary, write_section  # noqa: E402
from bench.load import PLACES, START_QS, LbSession, profile_at, submit_start_form  # noqa: E402
from deploy.serve_lb import Nginx  # noqa: E402

__all__ = ["visit_explorer", "visit_hello", "closed_loop", "measure", "main"]

BAR_S = 3.0


async def visit_explorer(base_url: str, seed: int, answers: int, rec: dict) -> None:
    s = await LbSession.through(base_url)
    try:
        rec["first"].append(await s.rerun(START_QS, ""))
        for k in range(answers):
            rec["answers"].append(await submit_start_form(s, *profile_at(seed * 7 + k)))
            await s.rerun(page_name="")  # back to the form (untimed)
    finally:
        await s.close()


async def visit_hello(base_url: str, seed: int, answers: int, rec: dict) -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    s = await LbSession.through(base_url)
    try:
        rec["first"].append(await s.rerun("", ""))
        for k in range(answers):
            v = "abcd"[(seed + k + 1) % 4]
            rec["answers"].append(await s.rerun(widget_states=[WidgetState(id=s.widget_id("Pick"), string_value=v)]))
    finally:
        await s.close()


async def closed_loop(base_url: str, users: int, duration: float, answers: int, visit) -> dict:
    """``users`` people each start visit after visit until ``duration`` is over; visits under way then finish."""
    rec: dict = {"first": [], "answers": [], "sessions": 0, "errors": []}
    t_end = time.perf_counter() + duration

    async def person(u: int) -> None:
        seed = u
        while time.perf_counter() < t_end:
            seed += users
            try:
                await visit(base_url, seed, answers, rec)
                rec["sessions"] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is an error to count
                rec["errors"].append(f"{type(exc).__name__}: {exc}")
                await asyncio.sleep(0.5)

    t0, c0 = time.perf_counter(), time.process_time()
    await asyncio.wait_for(asyncio.gather(*(person(u) for u in range(users))), duration + 180)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    load = os.getloadavg()[0]
    med, p95 = summary(rec["answers"])
    return {
        "sessions_s": rec["sessions"] / wall,
        "answers_s": len(rec["answers"]) / wall,
        "median": med,
        "p95": p95,
        "first_p95": summary(rec["first"])[1],
        "errors": len(rec["errors"]),
        "first_error": rec["errors"][0] if rec["errors"] else "",
        "client_cpu": cpu / wall,
        "wall": wall,
        "load": load,
    }


async def _warm(ws_url: str, explorer: bool, cold: list[float]) -> None:
    """Every profile the visits use, once (first route search for each area and qualification: not counted)."""
    s = LbSession(ws_url, timeout=120)
    await s.open()
    try:
        if explorer:
            await s.rerun(START_QS, "")
            for k in range(len(PLACES) * 2):  # profile_at cycles every 30
                cold.append(await submit_start_form(s, *profile_at(k)))
                await s.rerun(page_name="")
        else:
            await s.rerun("", "")
    finally:
        await s.close()


def measure(app: Path, processes: int, users: list[int], duration: float, answers: int) -> list[dict]:
    """K processes behind nginx; one closed-loop run per number of users."""
    explorer = app == EXPLORER
    visit = visit_explorer if explorer else visit_hello
    rows = []
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(start_server(app, wait=False)) for _ in range(processes)]
        for s in servers:
            s.wait_healthy()
        cold: list[float] = []

        async def warm_all() -> None:  # bundle, graph and route cache of each process (not counted)
            await asyncio.gather(*(_warm(s.ws_url, explorer, cold) for s in servers))

        asyncio.run(warm_all())
        nginx = stack.enter_context(Nginx([f"127.0.0.1:{s.port}" for s in servers]))
        for u in users:
            r = asyncio.run(closed_loop(nginx.url, u, duration, answers, visit))
            r |= {
                "app": "explorer" if explorer else "bare app",
                "processes": processes,
                "users": u,
                "cold_median": summary(cold)[0] if cold else float("nan"),
            }
            rows.append(r)
            print(
                f"{r['app']:8s} K={processes} U={u:3d}: {r['sessions_s']:5.2f} sessions/s, {r['answers_s']:6.2f} answers/s, "
                f"answer median {r['median']:.3f} s p95 {r['p95']:.3f} s, first run p95 {r['first_p95']:.2f} s, "
                f"errors {r['errors']} {r['first_error'][:100]}; load generator {r['client_cpu']:.0%} of a core; "
                f"load average {r['load']:.1f}",
                flush=True,
            )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--users", type=int, default=50, help="simultaneous people for the 1/2/4 table (default 50)")
    ap.add_argument(
        "--sweep",
        type=int,
        nargs="*",
        default=[10, 25, 75],
        help="more numbers of people on one explorer process, for the one-core estimate",
    )
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of each run (default 30)")
    ap.add_argument("--answers", type=int, default=3, help="profile changes per session (default 3)")
    args = ap.parse_args()
    rows = []
    for app in (EXPLORER, HELLO):
        for k in args.processes:
            users = sorted({args.users, *args.sweep}) if (app == EXPLORER and k == 1) else [args.users]
            rows += measure(app, k, users, args.duration, args.answers)
    write(rows, args)


def write(rows: list[dict], args) -> None:
    by = {(r["app"], r["processes"], r["users"]): r for r in rows}
    u = args.users
    lines = [
        f"nginx (deploy/serve_lb.py: cookie affinity, websocket proxying, Debian's nginx 1.22) in front of K "
        f"`streamlit run` processes of each app on this 2-core machine. {u} simulated people (websocket clients, no "
        f"browser, no pause between actions) each repeat a session for {args.duration:.0f} s: page through nginx "
        f"(affinity cookie), websocket, first run of the Start page, {args.answers} profile changes (explorer: "
        "Start form with a new area and qualification -> Routes run; bare app: select box), close. Answer time = "
        "change sent -> script_finished. The load generator runs on the same 2 cores (its share of a core is "
        "given). Before each run every process has seen each of the 30 (area, qualification) profiles the visits "
        "use once, so route searches come from its cache, as in bench/load.py (see the note on cold searches "
        "below the table).",
        "",
        "| app | processes | sessions/s | answers/s | answer median s | answer p95 s | first run p95 s | errors | "
        "load generator, share of a core | machine load average (1 min) at the end |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for app in ("explorer", "bare app"):
        for k in args.processes:
            r = by.get((app, k, u))
            if r:
                lines.append(
                    f"| {app} | {k} | {r['sessions_s']:.2f} | {r['answers_s']:.1f} | {r['median']:.3f} | "
                    f"{r['p95']:.3f} | {r['first_p95']:.2f} | {r['errors']} | {r['client_cpu']:.0%} | {r['load']:.1f} |"
                )
    cold = [r["cold_median"] for r in rows if r["app"] == "explorer" and r["cold_median"] == r["cold_median"]]
    if cold:
        lines += [
            "",
            f"Cold searches: the first Routes answer for an (area, qualification) a process has not seen yet "
            f"took a median of {min(cold):.2f}-{max(cold):.2f} s during the warm-ups (all processes warming at "
            "once); a deployment with learners from many areas has more of these than this table.",
        ]
    sweep = sorted((r for r in rows if r["app"] == "explorer" and r["processes"] == 1), key=lambda r: r["users"])
    if sweep:
        lines += [
            "",
            "One explorer process (one core: a Streamlit process runs its scripts on one core) behind nginx, "
            "more and more people at once:",
            "",
            "| people at once | sessions/s | answers/s | answer median s | answer p95 s | errors | load average |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['users']} | {r['sessions_s']:.2f} | {r['answers_s']:.1f} | {r['median']:.3f} | {r['p95']:.3f} | "
            f"{r['errors']} | {r['load']:.1f} |"
            for r in sweep
        ]
        ok = [r for r in sweep if r["p95"] < BAR_S and r["errors"] == 0]
        if ok:
            best = max(ok, key=lambda r: r["users"])
            top = max(ok, key=lambda r: r["answers_s"])
            rate = top["answers_s"]
            lines += [
                "",
                f"**Estimate for sizing.** One core kept {best['users']} people busy without pause with p95 "
                f"{best['p95']:.2f} s (under {BAR_S:.0f} s), at up to {rate:.1f} answers/s "
                f"({top['sessions_s']:.1f} sessions of {args.answers} changes a second). A person "
                "using the explorer reads between changes: at one change every 20 s a core serves about "
                f"**{rate * 20:.0f} people at once** with p95 under {BAR_S:.0f} s (about {rate * 20 * 0.7:.0f} "
                "at the 70 % CPU the autoscaler aims for); at one change a minute, about three times that. "
                "Plan one app process (one CPU, 0.5-1 GB) per that many people, and at least two.",
            ]
    lines += [
        "",
        "A load average well above 2 means other work shared the 2 cores during the run: the figures are then "
        "lower than the machine can do, and the ratios between rows matter more than the rows.",
    ]
    write_section("lb", "Behind nginx: 1, 2 and 4 processes (bench/lb.py)", "\n".join(lines))


if __name__ == "__main__":
    main()
