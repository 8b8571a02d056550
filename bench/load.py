"""Many sessions without browsers: N concurrent Streamlit sessions over the websocket protocol.

Each explorer session opens the Start page with a profile in the URL, then 10 times submits the Start
form with a new area and qualification (the form's ``Show my routes`` button, exactly the widget states
the browser sends) and waits until the Routes page run that follows has finished (``script_finished``).
Each bare-app session changes its select box 10 times. Latency = BackMsg sent -> last script_finished.

    python bench/load.py                    # N = 1, 5, 10, 25, 50 for both apps
    python bench/load.py --ns 1 5 --changes 5
    python bench/load.py --processes 2     # sessions spread over 2 server processes (a sticky load balancer)

With ``--processes K`` each app runs as K ``streamlit run`` processes and session i talks to process
i mod K, as a sticky load balancer would place them (no proxy in between, so no proxy cost is counted).
``bench/lb.py`` puts a real load balancer (nginx, ``deploy/``) in between: ``LbSession`` below is a session
as a browser opens it through one (page first, which sets the affinity cookie; then the websocket with it).

Bar at N = 50 on a 2-core machine: no errors, p95 <= 3 s. Writes bench/load_p95.png.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BENCH, EXPLORER, HELLO, Session, start_server, summary, write_section  # noqa: E402

__all__ = [
    "PLACES",
    "QUALS",
    "START_QS",
    "LbSession",
    "fetch_page",
    "submit_start_form",
    "explorer_changes",
    "hello_changes",
    "run_level",
    "main",
]

PLACES = [
    "Leeds",
    "Manchester",
    "Bristol",
    "Redcar and Cleveland",
    "Cornwall",
    "Birmingham",
    "Norwich",
    "Plymouth",
    "York",
    "Sheffield",
    "TS10 1AA",
    "Camden",
    "Cumberland",
    "Northumberland",
    "Luton",
]
QUALS = ["none", "entry", "level1", "level2", "level3", "level4"]
START_QS = "where=TS10+1AA&age=16&q=level2&em=1"
LEVEL_TIMEOUT_S = 420.0


def profile_at(i: int) -> tuple[str, str]:
    """The i-th (area, qualification) change: areas and qualifications cycle out of step."""
    return PLACES[i % len(PLACES)], QUALS[(i * 5 + 1) % len(QUALS)]


def fetch_page(base_url: str, path: str = "/", cookie: str = "", header: str = "X-Upstream") -> tuple[str, str]:
    """GET a page through the load balancer as a browser does: returns (affinity cookie, process that answered).

    The cookie is the one the load balancer set (``explorer_route=...``), or the one sent if none was set.
    """
    req = urllib.request.Request(base_url + path, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()
        for value in resp.headers.get_all("Set-Cookie") or []:
            if value.startswith("explorer_route="):
                cookie = value.split(";", 1)[0]
        return cookie, resp.headers.get(header, "")


@dataclass
class LbSession(Session):
    """A session through a load balancer: the websocket carries the affinity cookie, and the process that
    answered the handshake (nginx's ``X-Upstream`` header, when the load balancer sends it) is recorded."""

    cookie: str = ""
    upstream: str = ""
    upstreams: list[str] = field(default_factory=list)  # one per websocket opened, reconnects included

    @classmethod
    async def through(cls, base_url: str, timeout: float = 60.0) -> "LbSession":
        """Load the page (gets the cookie), then load it again with the cookie and open the websocket."""
        cookie, _ = await asyncio.to_thread(fetch_page, base_url)
        cookie, page_upstream = await asyncio.to_thread(fetch_page, base_url, "/", cookie)
        ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        s = cls(ws_url, timeout=timeout, cookie=cookie)
        if page_upstream:
            s.upstreams.append(page_upstream)
        await s.open()
        return s

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self._ws = await asyncio.wait_for(
            connect(
                self.ws_url,
                subprotocols=["streamlit"],
                max_size=2**27,
                open_timeout=self.timeout,
                compression=None,
                ping_interval=None,
                proxy=None,
                additional_headers={"Cookie": self.cookie} if self.cookie else None,
            ),
            self.timeout,
        )
        self.upstream = self._ws.response.headers.get("X-Upstream", "")
        self.upstreams.append(self.upstream)

    async def reconnect(self) -> None:
        """What the browser does when its websocket closes: open a new one (same cookie, same page URL)."""
        with contextlib.suppress(Exception):
            await self.close()
        self._ws = None
        await self.open()


async def submit_start_form(s: Session, where: str, q: str) -> float:
    """On the Start page: type an area, pick a qualification, press 'Show my routes'."""
    from pathways.profile import QUALIFICATION_LABELS
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    if "Show my routes" not in s.widgets:
        await s.rerun(page_name="")
    states = [
        WidgetState(id=s.widget_id("Where do you live"), string_value=where),
        WidgetState(id=s.widget_id("What have you got"), string_value=QUALIFICATION_LABELS[q]),
        WidgetState(id=s.widget_id("Show my routes"), trigger_value=True),
    ]
    return await s.rerun(widget_states=states)


async def explorer_changes(ws_url: str, seed: int, changes: int, lat: list[float], errs: list[str]) -> None:
    """One explorer session: open Start, then ``changes`` times submit a new profile (timed)."""
    s = Session(ws_url)
    try:
        await s.open()
        await s.rerun(START_QS, "")
        for k in range(changes):
            where, q = profile_at(seed * 7 + k)
            try:
                lat.append(await submit_start_form(s, where, q))
                await s.rerun(page_name="")  # back to the form (untimed), as the 'Change your details' link
            except Exception as exc:  # noqa: BLE001 - every failure is an error to count
                errs.append(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - every failure is an error to count
        errs.append(f"open: {type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def hello_changes(ws_url: str, seed: int, changes: int, lat: list[float], errs: list[str]) -> None:
    """One bare-app session: open, then ``changes`` times change the select box (timed)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    s = Session(ws_url)
    try:
        await s.open()
        await s.rerun("", "")
        for k in range(changes):
            v = "abcd"[(seed + k + 1) % 4]
            try:
                lat.append(await s.rerun(widget_states=[WidgetState(id=s.widget_id("Pick"), string_value=v)]))
            except Exception as exc:  # noqa: BLE001 - every failure is an error to count
                errs.append(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - every failure is an error to count
        errs.append(f"open: {type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def run_level(ws_urls: list[str], n: int, changes: int, user) -> dict:
    """N concurrent sessions, session i on server i mod len(ws_urls); returns reruns/s, median, p95, errors."""
    lat: list[float] = []
    errs: list[str] = []
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(user(ws_urls[i % len(ws_urls)], i, changes, lat, errs)) for i in range(n)]
    done, pending = await asyncio.wait(tasks, timeout=LEVEL_TIMEOUT_S)
    for t in pending:
        t.cancel()
        errs.append("session cut off by the level's time limit")
    wall = time.perf_counter() - t0
    med, p95 = summary(lat)
    return {
        "n": n,
        "reruns": len(lat),
        "rate": len(lat) / wall,
        "median": med,
        "p95": p95,
        "errors": len(errs),
        "first_error": errs[0] if errs else "",
        "wall": wall,
    }


def draw(rows: list[dict], out: Path, processes: int = 1) -> None:
    """p95 latency against N, both apps, as a PNG (Altair + vl-convert)."""
    import altair as alt
    import pandas as pd

    df = pd.DataFrame([{"sessions": r["n"], "p95 latency (s)": r["p95"], "app": r["app"]} for r in rows])
    base = alt.Chart(df).encode(
        x=alt.X("sessions:Q", title="concurrent sessions (N)"), y=alt.Y("p95 latency (s):Q"), color=alt.Color("app:N", title=None)
    )
    bar = alt.Chart(df).mark_rule(strokeDash=[4, 4], color="#d4351c").encode(y=alt.datum(3.0))
    chart = (base.mark_line(point=True) + bar).properties(
        width=480,
        height=300,
        title=f"Rerun latency p95 vs concurrent sessions, {processes} server process{'es' if processes > 1 else ''} "
        "(dashed: 3 s bar)",
    )
    chart.save(str(out), scale_factor=2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ns", type=int, nargs="+", default=[1, 5, 10, 25, 50])
    ap.add_argument("--changes", type=int, default=10)
    ap.add_argument("--processes", type=int, default=1, help="server processes per app (sessions spread over them)")
    args = ap.parse_args()
    k = max(1, args.processes)
    rows: list[dict] = []
    for name, app, user in (("explorer", EXPLORER, explorer_changes), ("bare app", HELLO, hello_changes)):
        with contextlib.ExitStack() as stack:
            urls = [stack.enter_context(start_server(app)).ws_url for _ in range(k)]
            asyncio.run(run_level(urls, k, 2, user))  # warm-up: imports, bundle, graph (not counted)
            for n in args.ns:
                r = asyncio.run(run_level(urls, n, args.changes, user)) | {"app": name}
                rows.append(r)
                print(
                    f"{name:9s} N={n:3d}: {r['reruns']:4d} reruns in {r['wall']:6.1f} s = {r['rate']:5.2f}/s; "
                    f"median {r['median']:.3f} s, p95 {r['p95']:.3f} s; errors {r['errors']} {r['first_error'][:120]}",
                    flush=True,
                )
    png = "load_p95.png" if k == 1 else f"load_p95_{k}proc.png"
    draw(rows, BENCH / png, k)
    by = {(r["app"], r["n"]): r for r in rows}
    lines = (
        [
            f"**{k} server processes per app**; session i talks to process i mod {k} (as a sticky load balancer "
            "would place it; no proxy cost counted). Each process loads its own bundle and graph.",
            "",
        ]
        if k > 1
        else []
    )
    lines += [
        "Explorer: N sessions each submit the Start form with a new area and qualification "
        f"{args.changes} times and wait for the Routes run to finish (websocket client, no browser). "
        "Bare app: N sessions each change the select box. Latency = BackMsg sent -> script_finished.",
        "",
        "| N | explorer reruns/s | explorer median s | explorer p95 s | explorer errors | bare reruns/s | "
        "bare median s | bare p95 s | bare errors | p95 ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in args.ns:
        e, b = by[("explorer", n)], by[("bare app", n)]
        lines.append(
            f"| {n} | {e['rate']:.2f} | {e['median']:.3f} | {e['p95']:.3f} | {e['errors']} | {b['rate']:.2f} | "
            f"{b['median']:.3f} | {b['p95']:.3f} | {b['errors']} | {e['p95'] / b['p95']:.1f}x |"
        )
    if 50 in args.ns:
        e = by[("explorer", 50)]
        ok = e["errors"] == 0 and e["p95"] <= 3.0
        lines += [
            "",
            f"Bar at N = 50 (no errors, p95 <= 3 s): **{'met' if ok else 'NOT met'}** "
            f"(errors {e['errors']}, p95 {e['p95']:.2f} s).",
        ]
    lines += ["", f"![p95 latency vs N]({png})"]
    if k == 1:
        write_section("load", "Many sessions (bench/load.py)", "\n".join(lines))
    else:
        write_section(f"load_{k}proc", f"Many sessions, {k} server processes (bench/load.py --processes {k})", "\n".join(lines))


if __name__ == "__main__":
    main()
