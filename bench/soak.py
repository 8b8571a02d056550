"""Soak: 20 concurrent sessions doing realistic journeys for 10 minutes.

Each session loops: Start form with a new area/qualification -> Routes (submit) -> 'Add to my plan' on
route 1 -> 'See this job' on route 1 (Job page) -> Area page -> Plan page -> back to Start; every step is a
timed rerun over the websocket protocol (bench/harness.py). Server RSS is sampled every 10 s; memory
"start" is the first sample after the warm-up, "end" the last.

    python bench/soak.py                      # 20 sessions, 600 s, 120 s warm-up
    python bench/soak.py --duration 180 --warmup 45

Bar: no errors; RSS growth after warm-up <= 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import EXPLORER, Session, StreamlitError, start_server, summary, write_section  # noqa: E402
from bench.load import START_QS, profile_at, submit_start_form  # noqa: E402

__all__ = ["journey", "main"]


async def journey(s: Session, k: int, lat: dict[str, list[float]]) -> None:
    """One journey; appends each step's seconds to lat[step]."""
    where, q = profile_at(k)
    lat["start"].append(await s.rerun(page_name=""))
    lat["routes (form submit)"].append(await submit_start_form(s, where, q))
    if "Sort by" not in s.widgets:  # no routes for this profile: still a valid page
        return
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    try:
        plan_id, job_id = s.widget_key("plan-1"), s.widget_key("job-1")
    except StreamlitError:
        return  # no route cards for this profile
    lat["add to plan"].append(await s.rerun(widget_states=[WidgetState(id=plan_id, trigger_value=True)]))
    lat["job (button)"].append(await s.rerun(widget_states=[WidgetState(id=job_id, trigger_value=True)]))
    lat["area"].append(await s.rerun(page_name="area"))
    lat["plan"].append(await s.rerun(page_name="plan"))


async def user(ws_url: str, seed: int, stop_at: float, lat, errs: list[str], done: list[int]) -> None:
    k = seed * 7
    while time.monotonic() < stop_at:
        s = Session(ws_url)
        try:
            await s.open()
            await s.rerun(START_QS, "")
            for _ in range(5):  # five journeys per connection, then reconnect (a new visit)
                if time.monotonic() >= stop_at:
                    break
                await journey(s, k, lat)
                done[0] += 1
                k += 1
        except Exception as exc:  # noqa: BLE001 - every failure is an error to count
            errs.append(f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(1)
        finally:
            await s.close()


async def run(srv, sessions: int, duration: float, warmup: float) -> dict:
    lat: dict[str, list[float]] = {
        k: [] for k in ("start", "routes (form submit)", "add to plan", "job (button)", "area", "plan")
    }
    errs: list[str] = []
    done = [0]
    t0 = time.monotonic()
    stop_at = t0 + duration
    tasks = [asyncio.create_task(user(srv.ws_url, i, stop_at, lat, errs, done)) for i in range(sessions)]
    samples: list[tuple[float, float]] = []
    while time.monotonic() < stop_at:
        await asyncio.sleep(10)
        samples.append((time.monotonic() - t0, srv.rss_mb()))
        print(f"  t={samples[-1][0]:5.0f} s RSS {samples[-1][1]:6.1f} MB journeys {done[0]} errors {len(errs)}", flush=True)
    _, pending = await asyncio.wait(tasks, timeout=120)
    for t in pending:
        t.cancel()
        errs.append("session still running 120 s after the end")
    after = [m for t, m in samples if t >= warmup] or [samples[-1][1]]
    return {
        "lat": lat,
        "errs": errs,
        "journeys": done[0],
        "mem_start": after[0],
        "mem_end": after[-1],
        "mem_max": max(m for _, m in samples),
        "wall": time.monotonic() - t0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--duration", type=float, default=600.0, help="seconds (default 600)")
    ap.add_argument("--warmup", type=float, default=120.0, help="seconds before the 'start' memory sample")
    args = ap.parse_args()
    with start_server(EXPLORER) as srv:
        r = asyncio.run(run(srv, args.sessions, args.duration, args.warmup))
    every = [x for v in r["lat"].values() for x in v]
    med, p95 = summary(every)
    growth = (r["mem_end"] - r["mem_start"]) / r["mem_start"] * 100
    ok = not r["errs"] and growth <= 10
    print(
        f"{r['journeys']} journeys, {len(every)} reruns, errors {len(r['errs'])} {r['errs'][:1]}; "
        f"median {med:.2f} s, p95 {p95:.2f} s; RSS {r['mem_start']:.0f} -> {r['mem_end']:.0f} MB ({growth:+.1f} %)"
    )
    lines = [
        f"{args.sessions} concurrent websocket sessions for {args.duration:.0f} s (warm-up {args.warmup:.0f} s), "
        "each looping Start form -> Routes -> Add to plan -> See this job -> Area -> Plan with changing areas "
        "and qualifications; a new connection every 5 journeys.",
        "",
        f"- journeys completed: {r['journeys']}; reruns: {len(every)}; errors: {len(r['errs'])}"
        + (f" (first: `{r['errs'][0][:200]}`)" if r["errs"] else ""),
        f"- latency over all steps: median {med:.2f} s, p95 {p95:.2f} s",
        f"- server RSS after warm-up {r['mem_start']:.0f} MB, at the end {r['mem_end']:.0f} MB "
        f"(growth {growth:+.1f} %), peak {r['mem_max']:.0f} MB",
        f"- bar (no errors, growth <= 10 %): **{'met' if ok else 'NOT met'}**",
        "",
        "| step | n | median s | p95 s |",
        "|---|---|---|---|",
    ]
    for step, v in r["lat"].items():
        m, p = summary(v)
        lines.append(f"| {step} | {len(v)} | {m:.2f} | {p:.2f} |")
    write_section("soak", "Soak (bench/soak.py)", "\n".join(lines))


if __name__ == "__main__":
    main()
