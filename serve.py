"""Start the explorer with a college's branding: ``python serve.py [streamlit options]``.

Reads the college settings (env ``PATHWAYS_COLLEGE``, see docs/college/README.md), then replaces
itself with ``python -m streamlit run app.py`` carrying the college's colour as Streamlit's own
theme option (``--theme.primaryColor``). With no settings file it starts the plain explorer.
Streamlit is not imported here, so the launcher stays light.

Before it starts a college's copy it draws every page once in the college's mode
(``python -m views.college_check``, in a child process) and refuses to start, naming the setting,
when a page fails. ``--no-page-check`` skips that (for a quick local try).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pathways.college import ENV_VAR, College, CollegeConfigError, load_college  # noqa: E402

__all__ = ["build_command", "check_pages", "main"]
NO_CHECK = "--no-page-check"


def build_command(
    college: College, args: Sequence[str] = (), python: str = sys.executable, environ: Mapping[str, str] | None = None
) -> tuple[list[str], dict[str, str]]:
    """The argv and environment that start the app for ``college``.

    Our options come first, so options given on the command line (``args``) win.

    >>> argv, env = build_command(College(name="X", primary_colour="#8a1538"), ["--server.port", "8600"], "py", {})
    >>> argv
    ['py', '-m', 'streamlit', 'run', 'app.py', '--theme.primaryColor', '#8a1538', '--server.port', '8600']
    >>> env
    {}
    """
    env = dict(os.environ if environ is None else environ)
    argv = [python, "-m", "streamlit", "run", "app.py"]
    if college.primary_colour:
        argv += ["--theme.primaryColor", college.primary_colour]
    if college.source is not None:
        env[ENV_VAR] = str(college.source)  # absolute, so the app reads the same file
    return argv + list(args), env


def check_pages(college: College, python: str = sys.executable) -> int:
    """Draw every page once with the college's settings (views/college_check.py); its exit status."""
    print(f"serve.py: drawing every page once as {college.name} (about a minute)", file=sys.stderr, flush=True)
    return subprocess.run([python, "-m", "views.college_check", str(college.source)], cwd=HERE).returncode


def main(args: Sequence[str] | None = None) -> None:
    """Read the settings, print a plain message and exit 2 if they are wrong, else exec Streamlit."""
    args = list(sys.argv[1:] if args is None else args)
    skip_check = NO_CHECK in args
    args = [a for a in args if a != NO_CHECK]
    try:
        college = load_college()
    except CollegeConfigError as exc:
        print(f"serve.py: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    for warning in college.warnings:
        print(f"serve.py: note: {warning}", file=sys.stderr)
    if college.source is not None and not skip_check and check_pages(college) != 0:
        print("serve.py: not starting: a page fails with these college settings (see above)", file=sys.stderr)
        raise SystemExit(2)
    argv, env = build_command(college, args)
    who = college.name or "the neutral explorer (no college settings)"
    print(f"serve.py: starting {who}", file=sys.stderr, flush=True)
    os.chdir(HERE)
    os.execve(argv[0], argv, env)


if __name__ == "__main__":
    main()
