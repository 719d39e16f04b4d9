"""`jinn kernel install` writes a kernelspec that Jupyter itself finds, and `uninstall` takes it away.

Jupyter's own `jupyter kernelspec list` is the judge, with JUPYTER_PATH pointing at the temporary
prefix only (and the user's and system's folders still searched: the assertions look for this
prefix's folder, not merely for a kernel named jinn).
"""
import json
import os
import subprocess

import pytest

from conftest import launcher, python
from pngcheck import decode_png


def jinn(*args, timeout=120):
    return subprocess.run([str(launcher()), *args], capture_output=True, text=True, timeout=timeout)


def kernelspecs(prefix):
    env = {**os.environ, "JUPYTER_PATH": str(prefix / "share" / "jupyter")}
    r = subprocess.run([python(), "-m", "jupyter", "kernelspec", "list", "--json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, f"jupyter kernelspec list failed:\n{r.stdout}{r.stderr}"
    return json.loads(r.stdout)["kernelspecs"]


@pytest.mark.parametrize("name", [None, "jinn-test"])
def test_install_then_jupyter_lists_it_and_uninstall_removes_it(tmp_path, name):
    prefix = tmp_path / "prefix"
    named = ["--name", name] if name else []
    name = name or "jinn"
    r = jinn("kernel", "install", "--prefix", str(prefix), *named)
    assert r.returncode == 0, f"install failed ({r.returncode}):\n{r.stdout}{r.stderr}"
    folder = prefix / "share" / "jupyter" / "kernels" / name

    specs = kernelspecs(prefix)
    assert name in specs, f"jupyter kernelspec list does not show {name!r}: {sorted(specs)}"
    assert os.path.samefile(specs[name]["resource_dir"], folder), specs[name]
    spec = specs[name]["spec"]
    assert spec["display_name"] == "Java (jinn)"
    assert spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    # The launcher's absolute path, so the kernel gets the launcher's JDK and start-up cache.
    assert os.path.isabs(spec["argv"][0]) and os.path.samefile(spec["argv"][0], launcher()), spec["argv"]
    assert spec["argv"][1:] == ["kernel", "{connection_file}"], spec["argv"]
    logos = sorted(p.name for p in folder.glob("logo-*.png"))
    assert logos, f"no logo in {folder}: {sorted(p.name for p in folder.iterdir())}"
    for logo in logos:
        size = int(logo.removeprefix("logo-").split("x")[0])
        png = decode_png((folder / logo).read_bytes())
        assert (png.width, png.height) == (size, size), f"{logo} is {png.width}x{png.height}"
        assert png.distinct_colours > 1, f"{logo} is blank"

    r = jinn("kernel", "uninstall", "--prefix", str(prefix), *named)
    assert r.returncode == 0, f"uninstall failed ({r.returncode}):\n{r.stdout}{r.stderr}"
    assert not folder.exists(), f"uninstall left {folder}"
    assert name not in kernelspecs(prefix)


def test_uninstalling_what_is_not_there_says_so(tmp_path):
    r = jinn("kernel", "uninstall", "--prefix", str(tmp_path), "--name", "never-installed")
    assert r.returncode != 0, f"uninstall of a missing kernelspec succeeded:\n{r.stdout}{r.stderr}"
    assert "never-installed" in r.stdout + r.stderr, r.stdout + r.stderr
