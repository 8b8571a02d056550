"""Benchmark: graph build time, and find_routes over every English district x contrasting profiles.

Run from the repository root::

    python bench/bench_routes.py            # the real bundle (data/), or a fake one if it is not built
    python bench/bench_routes.py --fake     # always the fake areas over the real (or tiny) bundle

Bars: graph build < 2 s; find_routes median < 20 ms and p95 < 60 ms per call (what a page can spend on routes).
The first call per (start, age, flags) builds that key's candidate paths; that one-off cost is
reported separately ("cold") and is excluded from the per-call figures, as in the app where the
cache is shared by every session. Delivery figures (who trains near you) are left out here: the provider gives
none, so every route is timed on the same work; bench/bench_delivery.py times those.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pathways.context import load_context  # noqa: E402
from pathways.graph import build_graph, check_graph  # noqa: E402
from pathways.profile import Profile  # noqa: E402
from pathways.routes import RouteContext, Signals, find_routes  # noqa: E402
from pathways.routes.model import AreaSignals, as_provider  # noqa: E402
from tests.fixtures.routes.tiny_bundle import tiny_bundle  # noqa: E402

PROFILES = (
    Profile(age=16, qualification="level2", english_maths=True, interests=("Engineering and manufacturing",)),
    Profile(age=19, qualification="level1"),
    Profile(age=22, qualification="level3", english_maths=True, interests=("Digital",)),
    Profile(age=17, qualification="level2", interests=("Care services",)),
    Profile(age=24, qualification="none", ehcp=True),
    Profile(age=28, qualification="level4", english_maths=True, earn_while_learning=True, avoid_debt=True),
    Profile(age=15, qualification="entry", interests=("Construction and the built environment", "Hair and beauty")),
)


class Timed:
    """Wraps a provider to measure the time spent inside ``signals`` (the labour-market side); it gives no delivery
    figures."""

    def __init__(self, inner: AreaSignals) -> None:
        self.inner, self.seconds, self.calls = as_provider(inner), 0.0, 0

    def signals(self, soc: str):
        t = time.perf_counter()
        try:
            return self.inner.signals(soc)
        finally:
            self.seconds += time.perf_counter() - t
            self.calls += 1

    def signals_many(self, socs: list[str]):
        t = time.perf_counter()
        try:
            return self.inner.signals_many(socs)
        finally:
            self.seconds += time.perf_counter() - t
            self.calls += len(socs)

    def delivery_many(self, age: int | None = None) -> None:
        """None: the route finder is timed without delivery figures (see the module's docstring)."""
        return None


class FakeArea:
    """A stand-in provider: demand varies with the district's position in the list."""

    def __init__(self, i: int, label: str) -> None:
        self.i, self.label = i, label

    def signals(self, soc: str) -> Signals:
        r = 0.5 + ((int(soc) * 7 + self.i * 13) % 30) / 10
        return Signals(
            adverts=round(100 * r),
            adverts_ratio=r,
            employment_ratio=r,
            area_label=self.label,
            period="July 2025",
            apprenticeship_starts_per_1000=5 + self.i % 10,
        )


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", action="store_true", help="use fake local figures for every district")
    parser.add_argument("--travel", default="neighbours")
    args = parser.parse_args(argv)

    providers, bundle, app_ctx = _areas(args)
    t = time.perf_counter()
    graph = build_graph(bundle)
    build_s = time.perf_counter() - t
    problems = check_graph(graph)
    print(
        f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
        f"built in {build_s:.3f} s (bar 2 s); check_graph problems: {len(problems)}"
    )

    t = time.perf_counter()
    ctx = RouteContext(bundle, graph)
    print(f"route context (adjacency, level-up table): {time.perf_counter() - t:.3f} s")
    for p in PROFILES:
        t = time.perf_counter()
        n = len(ctx.candidates(p).ids)
        print(f"  cold: {p.start} age {p.age}: {n:,} candidate routes in {time.perf_counter() - t:.3f} s")

    times: list[float] = []
    own: list[float] = []
    calls: list[int] = []
    empty = 0
    for name, provider in providers:
        for p in PROFILES:
            timed = Timed(provider)
            t = time.perf_counter()
            routes = find_routes(ctx, p, timed, limit=20)
            times.append((time.perf_counter() - t) * 1000)
            own.append(times[-1] - timed.seconds * 1000)
            calls.append(timed.calls)
            empty += not routes
    med, p95 = statistics.median(times), _pct(times, 0.95)
    print(
        f"find_routes: {len(times):,} calls ({len(providers)} districts x {len(PROFILES)} profiles): "
        f"median {med:.2f} ms (bar 20), p95 {p95:.2f} ms (bar 60), max {max(times):.1f} ms; "
        f"{empty} calls with no route"
    )
    print(
        f"  of which route finder itself: median {statistics.median(own):.2f} ms, p95 {_pct(own, 0.95):.2f} ms; "
        f"local signals asked per call: median {statistics.median(calls):.0f}, max {max(calls)}"
    )
    ok = build_s < 2 and med < 20 and p95 < 60
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def _areas(args):
    """(name, provider) for every English district, with the bundle; fake ones if need be."""
    try:
        app = load_context()
    except Exception as exc:  # bundle not built yet, or the app context not ready
        print(f"(no app context: {type(exc).__name__}: {str(exc)[:120]}; using fakes)")
        return _fake_areas(), _fallback_bundle(), None
    districts = app.areas.all_districts()
    if args.fake:
        return [(n, FakeArea(i, n)) for i, (_, n) in enumerate(districts)], app.bundle, app
    providers = []
    for code, name in districts:
        place = app.areas.district(code)
        providers.append((name, app.local_provider(app.travel(place, args.travel))))
    return providers, app.bundle, app


def _fake_areas():
    return [(f"District {i}", FakeArea(i, f"District {i}")) for i in range(296)]


def _fallback_bundle():
    print("(using the tiny test bundle)")
    return tiny_bundle()


if __name__ == "__main__":
    raise SystemExit(main())
