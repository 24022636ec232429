"""The built wheel carries its styles and demo data: install it in a fresh venv and start
the app headless on the demo data."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_starts_headless(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = dist.glob("psw_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "psw_tui/fixtures/demo.json" in names
    assert any(n.startswith("psw_tui/styles/") and n.endswith(".tcss") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True, capture_output=True, timeout=600,
    )
    data = tmp_path / "data"
    seeded = subprocess.run(
        [str(env_dir / "bin" / "psw-tui"), "--data-dir", str(data), "seed-demo"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert seeded.returncode == 0, seeded.stderr
    script = textwrap.dedent(f"""
        import asyncio
        from psw_tui.app import create_app
        from psw_tui.storage import RecordStore

        async def main():
            with RecordStore.open({str(data)!r}) as store:
                app = create_app(None, store)
                async with app.run_test(size=(100, 30)) as pilot:
                    await pilot.pause()
                    table = app.screen.query_one("#groups")
                    print("rows", table.row_count)

        asyncio.run(main())
    """)
    started = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert started.returncode == 0, started.stderr
    rows = int(started.stdout.split()[-1])
    assert rows >= 4
