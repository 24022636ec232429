#!/usr/bin/env python3
"""Developer entry point. Needs only Python >= 3.11; creates ./.venv on first use.

    python3 tasks.py demo        open psw-tui on throw-away demo data
    python3 tasks.py test        run the whole test suite (what CI runs)
    python3 tasks.py bench       run the benchmarks (writes benchmarks/out/latest.json)
    python3 tasks.py app ...     run psw-tui with any arguments
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".psw-tui-installed"


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_env() -> None:
    """Create the virtual environment and install psw-tui with its test tools, once."""
    if sys.version_info < (3, 11):
        sys.exit(f"psw-tui needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating .venv (first run only)...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != _fingerprint():
        print("Installing psw-tui and its test tools into .venv...", flush=True)
        pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(_fingerprint())


def run(*args: str) -> int:
    """Run a command inside the environment and return its exit code."""
    return subprocess.call(list(args), cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    task, rest = argv[0], argv[1:]
    ensure_env()
    if task == "demo":
        return run(str(PYTHON), "-m", "psw_tui", "--demo", *rest)
    if task == "test":
        # Every core (pytest-xdist): the suite runs in a few minutes on a 2-core laptop.
        return run(str(PYTHON), "-m", "pytest", "-q", "-n", "auto", *rest)
    if task == "bench":
        out = ROOT / "benchmarks" / "out"
        out.mkdir(exist_ok=True)
        return run(str(PYTHON), "benchmarks/run.py", "--json", str(out / "latest.json"), *rest)
    if task == "app":
        return run(str(PYTHON), "-m", "psw_tui", *rest)
    print(f"Unknown task {task!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
