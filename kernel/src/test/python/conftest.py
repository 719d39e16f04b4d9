"""Shared set-up for the Jupyter client tests of jinn's kernel.

Run with Debian's interpreter (the jupyter packages live beside it, not beside a pyenv python3):

    /usr/bin/python3 -m pytest -q kernel/src/test/python

Environment:
  JINN_LAUNCHER     the bin/jinn to test (default: the checkout's bin/jinn, three folders up)
  JINN_TEST_KERNEL  "jinn" (default), or "python3" to check the tests themselves against ipykernel;
                    only test_conformance.py and test_scenarios.py apply to ipykernel
  JUPYTER_PATH      where the "jinn" kernelspec is; without one, the session installs it with
                    `JINN_LAUNCHER kernel install --prefix` into a temporary folder first

A skipped test is a failure here (see pytest_runtest_logreport): a test that cannot run must say why
by failing, so that a green run means every check ran.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]  # kernel/src/test/python -> the checkout

try:
    import jupyter_client  # noqa: F401
    import jupyter_kernel_test  # noqa: F401
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    import zmq  # noqa: F401
except ImportError as e:  # pragma: no cover - the loud failure the brief asks for
    raise SystemExit(
        f"the Jupyter client tests need Debian's packages ({e}); run them with /usr/bin/python3 after "
        "apt-get install python3-jupyter-client jupyter-client python3-nbclient python3-nbformat "
        "jupyter-nbconvert python3-pytest python3-jupyter-kernel-test chromium"
    )

from kernels import PROFILES  # noqa: E402

KERNEL = os.environ.get("JINN_TEST_KERNEL", "jinn")
if KERNEL not in PROFILES:
    raise SystemExit(f"JINN_TEST_KERNEL={KERNEL!r}: expected one of {sorted(PROFILES)}")


# jinn's installer and tutorials have no ipykernel counterpart: against ipykernel these two files are
# left out, by name, here (not skipped one by one).
collect_ignore = [] if KERNEL == "jinn" else ["test_install.py", "test_notebooks.py"]


def pytest_report_header(config):
    left_out = f"; left out: {', '.join(collect_ignore)}" if collect_ignore else ""
    return f"kernel under test: {KERNEL}{left_out}"


def launcher() -> Path:
    return Path(os.environ.get("JINN_LAUNCHER", ROOT / "bin" / "jinn")).resolve()


def _has_spec(name: str) -> bool:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
        return True
    except NoSuchKernel:
        return False


def pytest_configure(config):
    """Makes the kernel under test findable before any test module (or KernelTests) starts it."""
    if KERNEL != "jinn" or _has_spec("jinn"):
        return
    jinn = launcher()
    if not os.access(jinn, os.X_OK):
        raise pytest.UsageError(f"no jinn kernelspec on JUPYTER_PATH and no launcher at {jinn} (set JINN_LAUNCHER)")
    prefix = Path(tempfile.mkdtemp(prefix="jinn-kernelspec-"))
    config._jinn_spec_prefix = prefix
    r = subprocess.run([str(jinn), "kernel", "install", "--prefix", str(prefix)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise pytest.UsageError(f"{jinn} kernel install --prefix {prefix} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    data = prefix / "share" / "jupyter"
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), os.environ.get("JUPYTER_PATH")]))
    if not _has_spec("jinn"):
        raise pytest.UsageError(f"{jinn} kernel install --prefix {prefix} wrote no kernelspec 'jinn' under {data}")


def pytest_unconfigure(config):
    prefix = getattr(config, "_jinn_spec_prefix", None)
    if prefix:
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip is a failure: jupyter_kernel_test skips every check whose sample is empty, which would
    let a missing sample pass unnoticed. Expected failures (xfail) stay as they are: they are
    written down, with their reason, in kernels.py."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which this suite counts as a failure: {reason}"


@pytest.fixture(scope="session")
def profile():
    return PROFILES[KERNEL]


@pytest.fixture(scope="session")
def kernel_name():
    return KERNEL


@pytest.fixture(scope="session")
def kernel_spec():
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager().get_kernel_spec(KERNEL)


@pytest.fixture
def spec_with_interrupt_mode(kernel_spec, tmp_path):
    """A copy of the kernel under test's kernelspec with another interrupt_mode, in its own folder:
    returns (KernelSpecManager, name) for a KernelManager."""
    from jupyter_client.kernelspec import KernelSpecManager

    def make(mode):
        name = f"{KERNEL}-{mode}"
        folder = tmp_path / "kernels" / name
        folder.mkdir(parents=True)
        spec = kernel_spec.to_dict()
        spec["interrupt_mode"] = mode
        (folder / "kernel.json").write_text(json.dumps(spec))
        return KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")]), name

    return make


def python():
    """The interpreter running the tests (Debian's), for `python -m jupyter ...` subprocesses."""
    return sys.executable
