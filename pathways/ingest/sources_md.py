"""Render ``data/SOURCES.md`` from the manifest, so the prose always matches the bundle."""

from __future__ import annotations

__all__ = ["render_sources_md"]


def render_sources_md(manifest: dict) -> str:
    """Markdown: one section per table with its sources, period, licence, basis and rows."""
    lines = [
        "# Data sources of the bundle",
        "",
        "Built by `python -m pathways.ingest --raw ../shared/data/raw --out data` "
        f"(bundle version {manifest['bundle_version']}). Do not edit by hand: this file is written "
        "from `manifest.json`. The raw source files are not part of the repository.",
        "",
        "Unless a table says otherwise, the data are Crown copyright or public-sector information "
        "licensed under the Open Government Licence v3.0.",
        "",
    ]
    for name, t in manifest["tables"].items():
        lines += [f"## `{name}` ({t['rows']:,} rows)", "", t["description"], "", f"- **Basis:** {t['basis']}"]
        if t.get("caveats"):
            lines.append(f"- **Caveats:** {t['caveats']}")
        for s in t["sources"]:
            files = ", ".join(f"`{f}`" for f in s["files"])
            lines.append(
                f"- **Source:** {s['publisher']}, *{s['title']}*, period {s['period']}; licence: {s['licence']}"
                + (f"; attribution: {s['attribution']}" if s.get("attribution") else "")
                + (f"; {s['url']}" if s.get("url") else "")
                + (f"; files: {files}" if files else "")
            )
        lines.append("")
    if manifest.get("checks"):
        lines += ["## Build checks", ""]
        for k, v in manifest["checks"].items():
            if isinstance(v, (list, dict)):
                v = f"{len(v)} item(s)" if v else "none"
            lines.append(f"- {k}: {v}")
        lines.append("")
    return "\n".join(lines)
