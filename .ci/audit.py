"""Check the pinned packages for known vulnerabilities with pip-audit.

Fails when a pinned package has a known vulnerability with a fixed version. Packages that the
vulnerability service could not look up are listed, not passed over in silence: on machines whose
only route out is a package mirror, PyPI's vulnerability API answers 404 for every package, and
this script says so plainly instead of pretending the check ran.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "-f", "json", "-r", "requirements-dev.txt"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        print("pip-audit gave no report:", proc.stderr.strip()[-800:])
        return 1
    deps = report.get("dependencies", [])
    vulnerable = [
        (d["name"], d["version"], v["id"], v.get("fix_versions", []))
        for d in deps
        for v in d.get("vulns", [])
        if v.get("fix_versions")
    ]
    skipped = [d["name"] for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    print(
        f"pip-audit: {audited} packages audited, {len(skipped)} could not be looked up, {len(vulnerable)} known "
        "vulnerabilities with a fix"
    )
    if skipped and not audited:
        print(
            "  The vulnerability service could not be reached from this machine (every package was skipped); "
            "run `python .ci/audit.py` where PyPI's JSON API is reachable."
        )
    for name, version, vid, fixes in vulnerable:
        print(f"  {name} {version}: {vid}, fixed in {', '.join(fixes)}")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    raise SystemExit(main())
