"""Shared helpers for the benchmark scripts: start/stop a Streamlit server, measure its memory,
speak Streamlit's websocket protocol without a browser, and write sections of ``bench/RESULTS.md``.

Everything runs on 127.0.0.1 only; every wait is bounded in time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import streamlit
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from deploy.processes import HOST, STREAMLIT_HEALTH, free_port, start_streamlit, stop_process, wait_until_healthy

try:
    import psutil  # optional: without it the resident memory is read from /proc
except ImportError:
    psutil = None

__all__ = [
    "ROOT",
    "BENCH",
    "EXPLORER",
    "HELLO",
    "Server",
    "start_server",
    "rss_mb",
    "machine",
    "commit",
    "write_section",
    "pct",
    "summary",
    "Session",
    "StreamlitError",
    "IDLE_JS",
]

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
EXPLORER = ROOT / "app.py"
HELLO = BENCH / "hello_app.py"
RESULTS = BENCH / "RESULTS.md"
HEALTH_TIMEOUT_S = 90.0

#: JS that is true once Streamlit is connected, idle and has drawn the main block (as tests/browser).
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return !!main && main.querySelector('[data-testid="stElementContainer"]') !== null;
}"""


# -- the server ------------------------------------------------------------------------------
@dataclass
class Server:
    """A running ``streamlit run`` process on a localhost port."""

    proc: subprocess.Popen
    port: int
    launched: float  # time.monotonic() just before Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{HOST}:{self.port}/_stcore/stream"

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT_S) -> float:
        """Block until /_stcore/health answers ok; return seconds since launch."""
        wait_until_healthy(self.url + STREAMLIT_HEALTH, self.proc, timeout, self.log, name=f"streamlit on port {self.port}")
        return time.monotonic() - self.launched

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        stop_process(self.proc)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(app: Path, wait: bool = True) -> Server:
    """Launch ``python -m streamlit run <app>`` from the repo root on a free port.

    The repo's ``.streamlit/config.toml`` applies to both apps (same conditions).
    """
    port = free_port()
    log = Path(f"/tmp/bench-streamlit-{port}.log")
    t0 = time.monotonic()
    server = Server(start_streamlit(app, port, log), port, t0, log)
    if wait:
        server.wait_healthy()
    return server


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (psutil if installed, else /proc/<pid>/status VmRSS)."""
    if psutil is not None:
        return psutil.Process(pid).memory_info().rss / 2**20
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no RSS for pid {pid}")


# -- statistics and results ------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; nan when empty."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary(values: list[float]) -> tuple[float, float]:
    """(median, p95)."""
    return (statistics.median(values) if values else float("nan"), pct(values, 95))


def machine() -> str:
    """nproc, memory and CPU model, one line."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    except OSError:
        mem = float("nan")
    return f"{os.cpu_count()} CPUs ({model}), {mem:.1f} GB RAM, Python {platform.python_version()}"


def commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app.py", "views", "pathways"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return sha + (" (+ uncommitted changes in app.py/views/pathways)" if dirty else "")
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def write_section(name: str, title: str, body: str) -> None:
    """Rewrite this benchmark's section of bench/RESULTS.md (between markers), keeping the others."""
    stamp = f"_{dt.datetime.now().strftime('%Y-%m-%d %H:%M')}; commit {commit()}; {machine()}; streamlit {streamlit.__version__}_"
    block = f"<!-- bench:{name} -->\n## {title}\n\n{stamp}\n\n{body.strip()}\n<!-- /bench:{name} -->"
    text = (
        RESULTS.read_text()
        if RESULTS.exists()
        else (
            "# Benchmark results\n\nWritten by the scripts in bench/ (see bench/README.md). Each section is "
            "rewritten by its own script; the bare Streamlit app (bench/hello_app.py) is the baseline, run in the "
            "same script under the same conditions.\n"
        )
    )
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text)


# -- a browserless Streamlit client --------------------------------------------------------------
class StreamlitError(Exception):
    """The server showed an exception, closed the socket, or did not finish a run in time."""


@dataclass
class Session:
    """One Streamlit session over the websocket, as the frontend would open it.

    ``rerun`` sends a ``BackMsg.rerun_script`` and waits for the ``script_finished`` ForwardMsg that ends
    the run (following ``st.switch_page`` reruns); widgets seen in the deltas are remembered by label so
    later reruns can set their values.
    """

    ws_url: str
    timeout: float = 60.0
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (kind, id), first seen
    widget_ids: list[str] = field(default_factory=list)  # every widget id of the last run
    exceptions: list[str] = field(default_factory=list)
    page_name: str = ""
    query_string: str = ""
    _ws: object = None

    async def open(self) -> None:
        self._ws = await asyncio.wait_for(
            connect(
                self.ws_url,
                subprotocols=["streamlit"],
                max_size=2**27,
                open_timeout=self.timeout,
                compression=None,
                ping_interval=None,
            ),
            self.timeout,
        )  # browsers send no websocket pings

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def rerun(
        self, query_string: str | None = None, page_name: str | None = None, widget_states: list | None = None
    ) -> float:
        """Send a rerun and wait until it has finished; return seconds from send to script_finished."""
        if query_string is not None:
            self.query_string = query_string
        if page_name is not None:
            self.page_name = page_name
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_name = self.page_name
        cs.page_script_hash = ""
        cs.context_info.timezone = "Europe/London"
        cs.context_info.timezone_offset = 0
        cs.context_info.locale = "en-GB"
        cs.context_info.url = f"http://127.0.0.1/{self.page_name}?{self.query_string}"
        for w in widget_states or []:
            cs.widget_states.widgets.append(w)
        self.widgets.clear()
        self.widget_ids.clear()
        self.exceptions.clear()
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), self.timeout)
        took = time.perf_counter() - t0
        if self.exceptions:
            raise StreamlitError("exception on page: " + self.exceptions[0][:300])
        return took

    async def _until_finished(self) -> None:
        while True:
            try:
                raw = await self._ws.recv()
            except Exception as exc:  # noqa: BLE001 - a closed socket is an error to report
                raise StreamlitError(f"websocket closed: {exc!r}") from exc
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta":
                self._note_delta(fm.delta)
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "script_finished":
                status = fm.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.switch_page / st.rerun: the next run follows on its own
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise StreamlitError("script compile error")
                return

    def _note_delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind is None:
            return
        if kind == "exception":
            self.exceptions.append(f"{el.exception.type}: {el.exception.message}")
            return
        sub = getattr(el, kind)
        wid, label = getattr(sub, "id", None), getattr(sub, "label", None)
        if isinstance(wid, str) and wid and isinstance(label, str):
            self.widgets.setdefault(label, (kind, wid))
            self.widget_ids.append(wid)

    def widget_key(self, key: str) -> str:
        """The id of the widget created with ``key=key`` (Streamlit ends such ids with ``-<key>``)."""
        for wid in self.widget_ids:
            if wid.endswith("-" + key):
                return wid
        raise StreamlitError(f"no widget with key {key!r} on the page")

    def widget_id(self, label_start: str) -> str:
        for label, (_, wid) in self.widgets.items():
            if label.startswith(label_start):
                return wid
        raise StreamlitError(f"no widget labelled {label_start!r} on the page (seen: {list(self.widgets)[:10]})")
