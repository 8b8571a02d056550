"""Start, health-check and stop the local server processes: Streamlit apps and nginx on 127.0.0.1; and how the
browser tests and the benchmarks start Debian's Chromium.

The browser tests (tests/browser/conftest.py), the benchmarks (bench/harness.py) and ``make serve``
(deploy/serve_lb.py) each start a server on a free port, wait until its health URL answers ``ok``, and
stop it at the end; the steps are written once here. Every wait is bounded in time.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "HOST",
    "STREAMLIT_HEALTH",
    "ServerFailed",
    "free_port",
    "healthy",
    "wait_until_healthy",
    "stop_process",
    "streamlit_options",
    "start_streamlit",
    "CHROMIUM",
    "CHROMIUM_ARGS",
]

HOST = "127.0.0.1"
STREAMLIT_HEALTH = "/_stcore/health"  # Streamlit answers "ok" here once it serves pages
ROOT = Path(__file__).resolve().parents[1]
LOG_TAIL_CHARS = 3000
#: Debian's Chromium, which Playwright drives headless in the browser tests and bench/browser.py
CHROMIUM = Path("/usr/bin/chromium")
#: no sandbox (it runs as root in CI), and nothing that reaches the network or changes timings in the background
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class ServerFailed(RuntimeError):
    """A server exited, or did not answer healthy in time, while we waited for it."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 <= free_port() <= 65535
    True
    """
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    """True when ``url`` answers 200 with the body ``ok`` (Streamlit's ``/_stcore/health``, nginx's ``/_lb/health``).

    >>> healthy(f"http://{HOST}:{free_port()}{STREAMLIT_HEALTH}")  # nothing listens there
    False
    """
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except OSError:
        return False


def _log_note(log: Path | None) -> str:
    """'; its log is <path>, ending: <its last lines>' for an error message ('' with no log)."""
    if log is None:
        return ""
    text = log.read_text(errors="replace") if log.exists() else ""
    return f"; its log is {log}" + (f", ending:\n{text[-LOG_TAIL_CHARS:]}" if text.strip() else " (empty)")


def wait_until_healthy(
    url: str,
    proc: subprocess.Popen,
    timeout: float,
    log: Path | None = None,
    name: str = "the server",
    poll: float = 0.05,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Block until ``url`` answers healthy.

    Raises :class:`ServerFailed` when ``proc`` exits first or ``timeout`` seconds pass; the message names the
    server, the URL and the log file, and ends with the log's last lines. Returns early, without raising, once
    ``cancelled()`` is true (Ctrl-C in ``make serve``).

    >>> proc = subprocess.Popen([sys.executable, "-c", "pass"])
    >>> try:
    ...     wait_until_healthy(f"http://{HOST}:{free_port()}/", proc, timeout=30, name="a script that exits")
    ... except ServerFailed as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    a script that exits exited (code 0) before http://127.0.0.1:.../ answered
    """
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if cancelled is not None and cancelled():
            return
        if proc.poll() is not None:
            raise ServerFailed(f"{name} exited (code {proc.returncode}) before {url} answered{_log_note(log)}")
        if time.monotonic() > deadline:
            raise ServerFailed(f"{name} did not answer {url} healthy within {timeout:.0f} s{_log_note(log)}")
        time.sleep(poll)


def stop_process(proc: subprocess.Popen | None, timeout: float = 10.0, first: int = signal.SIGTERM) -> None:
    """Stop ``proc`` if it still runs: send ``first`` (SIGTERM, or SIGQUIT for nginx's graceful stop) and wait up to
    ``timeout`` seconds; then SIGTERM (when ``first`` was another signal) and SIGKILL, 5 seconds each.

    >>> proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    >>> stop_process(proc)
    >>> proc.returncode == -signal.SIGTERM
    True
    >>> stop_process(proc)  # already stopped: nothing to do
    >>> stop_process(None)
    """
    if proc is None or proc.poll() is not None:
        return
    steps = [(first, timeout)] + ([(signal.SIGTERM, 5.0)] if first != signal.SIGTERM else [])
    for sig, seconds in steps:
        proc.send_signal(sig)
        try:
            proc.wait(seconds)
            return
        except subprocess.TimeoutExpired:
            continue
    proc.kill()
    proc.wait(5.0)


def streamlit_options(port: int) -> list[str]:
    """Streamlit's options for a server on 127.0.0.1:``port`` that opens no browser, sends no usage statistics and
    does not watch files: a file saved while it runs (by an editor, or by someone else working in the tree) made
    Streamlit re-import pathways/ under the cached context, and pages failed for no fault of their own.

    >>> streamlit_options(8600)[:4]
    ['--server.headless', 'true', '--server.port', '8600']
    """
    return [
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        HOST,
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def start_streamlit(script: str | Path, port: int, log: Path) -> subprocess.Popen:
    """``python -m streamlit run <script>`` from the repository's root on 127.0.0.1:``port``, its output (stdout and
    stderr) written to the file ``log``. It does not wait: see :func:`wait_until_healthy`."""
    argv = [sys.executable, "-m", "streamlit", "run", str(script), *streamlit_options(port)]
    with open(log, "wb") as out:
        return subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
