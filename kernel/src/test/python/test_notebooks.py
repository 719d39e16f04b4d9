"""The tutorials through the real notebook stack: `jinn export --to ipynb`, then nbclient and
nbconvert running the result on the jinn kernel, then Chromium showing the HTML.

What "matches `jinn run`" means here: the export runs the notebook with jinn's own runner (what
`jinn run` prints) and stores each cell's outputs; nbclient then runs the same cells on the kernel.
Cell by cell, the text of streams (consecutive chunks joined) and of values (execute_result and
display_data alike, by text/plain) must be equal after masking what varies from run to run:
timings and throughput, nothing else. The tutorials fix every seed, so every number they print
must come out the same in both. A value with a chart must be a chart (image/png) in both.
Streams are compared as one text, stdout and stderr together, because the export writes what a
cell prints to System.err as "stdout" (the kernel keeps them apart, as it should).
A fit's progress is compared apart: the kernel shows it as one output updated in place, so only
its final state is compared with the runner's last progress line.
"""
import base64
import html
import json
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, launcher, python
from pngcheck import decode_png

TUTORIALS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.jsh"))
CELL_TIMEOUT = 600  # seconds; tutorial 06 trains MNIST for four epochs in one cell
EXPORT_TIMEOUT = 900


def test_there_are_tutorials():
    assert len(TUTORIALS) >= 7, f"expected the seven tutorials in {ROOT / 'notebooks'}, found {TUTORIALS}"


# ------------------------------------------------------------------ export (jinn's runner)

@pytest.fixture(scope="session")
def exports(tmp_path_factory):
    """notebook name -> the .ipynb `jinn export` wrote. All exports start at once on one background
    thread, one after the other, so that the next tutorial's export overlaps this one's nbclient run
    (each is mostly one busy thread: JShell compiling cells)."""
    folder = tmp_path_factory.mktemp("exports")

    def export(tutorial: Path) -> Path:
        out = folder / f"{tutorial.stem}.ipynb"
        r = subprocess.run([str(launcher()), "export", str(tutorial), "--to", "ipynb", "-o", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=EXPORT_TIMEOUT)
        assert r.returncode == 0, f"jinn export {tutorial.name} failed ({r.returncode}):\n{r.stdout}{r.stderr}"
        return out

    with ThreadPoolExecutor(max_workers=1) as pool:
        futures = {t.stem: pool.submit(export, t) for t in TUTORIALS}
        yield lambda tutorial: futures[tutorial.stem].result()
        for f in futures.values():
            f.cancel()


# ------------------------------------------------------------------ comparing outputs

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROGRESS = re.compile(r"^Epoch\s+\d+/\d+\b.*$", re.M)
VARIES = [
    (re.compile(r"\b\d+(\.\d+)?\s?(ms|s)\b"), "<time>"),  # 3.7s, 12 ms, (11.9 s)
    (re.compile(r"\b\d+(\.\d+)?\s+samples/s\b"), "<rate> samples/s"),
]


def mask(text: str) -> str:
    text = ANSI.sub("", text)
    for pattern, replacement in VARIES:
        text = pattern.sub(replacement, text)
    lines = [line.rstrip() for line in text.split("\n")]
    # A History's table ends in a "seconds" column: each epoch's wall time.
    for i, line in enumerate(lines):
        if line.split()[-1:] == ["seconds"]:
            j = i + 1
            while j < len(lines) and re.match(r"^\s*(\d+|\.\.\.)\s", lines[j]):
                lines[j] = re.sub(r"\s+\d+\.\d+$", " <time>", lines[j])
                j += 1
    return "\n".join(lines).strip("\n")


def text_of(output) -> str:
    if output["output_type"] == "stream":
        text = output["text"]
    else:
        text = output.get("data", {}).get("text/plain", "")
    return "".join(text) if isinstance(text, list) else text


def comparable(outputs):
    """(items, progress lines): what a reader sees of one cell, with the fit's progress apart."""
    items, progress = [], []
    for o in outputs:
        kind = o["output_type"]
        text = text_of(o)
        found = PROGRESS.findall(ANSI.sub("", text).replace("\r", "\n"))
        if found:
            progress += [mask(line) for line in found]
            text = PROGRESS.sub("", ANSI.sub("", text).replace("\r", "\n")).strip("\n")
            if not text:
                continue
        if kind == "stream":
            # stdout and stderr as one: `jinn export` writes a cell's System.err as "stdout".
            if items and items[-1][0] == "stream":
                items[-1] = ("stream", items[-1][1] + text)
            else:
                items.append(("stream", text))
        elif kind in ("execute_result", "display_data"):
            items.append(("chart" if "image/png" in o.get("data", {}) else "value", text))
        elif kind == "error":
            items.append(("error", o["ename"]))
    return [(k, mask(t)) for k, t in items], progress


def execute(nb, kernel_name="jinn"):
    """Runs nb in place on the kernel, as nbclient does for papermill and nbconvert."""
    client = RecordingClient(nb, kernel_name=kernel_name, timeout=CELL_TIMEOUT, startup_timeout=120,
                             resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    return client


class RecordingClient(NotebookClient):
    """nbclient, keeping the IOPub message types each cell received."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.messages = {}

    def process_message(self, msg, cell, cell_index):
        self.messages.setdefault(cell_index, []).append(msg)
        return super().process_message(msg, cell, cell_index)


def without_outputs(nb):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=[t.stem for t in TUTORIALS])
def test_the_kernel_runs_the_tutorial_as_jinn_run_does(tutorial, exports):
    path = exports(tutorial)
    reference = nbformat.read(path, as_version=4)
    nbformat.validate(reference)
    nb = without_outputs(reference)
    started = time.monotonic()
    execute(nb)  # raises CellExecutionError, naming the cell, on any error
    took = time.monotonic() - started
    print(f"{tutorial.name}: nbclient ran it in {took:.1f} s")

    differences = []
    code = [(i, c) for i, c in enumerate(reference.cells) if c.cell_type == "code"]
    for i, want_cell in code:
        got_cell = nb.cells[i]
        want, want_progress = comparable(want_cell.outputs)
        got, got_progress = comparable(got_cell.outputs)
        where = f"cell {i} ({want_cell.source.splitlines()[0][:60]!r})"
        if want != got:
            differences.append(f"{where}:\n  jinn run: {want}\n  kernel:   {got}")
        if want_progress:
            if not got_progress:
                differences.append(f"{where}: jinn run shows fit progress {want_progress[-1]!r}, the kernel none")
            elif got_progress[-1] != want_progress[-1]:
                differences.append(f"{where}: the fit ends at\n  jinn run: {want_progress[-1]}\n  kernel:   {got_progress[-1]}")
    assert not differences, f"{tutorial.name}: the kernel's outputs differ from jinn run's:\n" + "\n".join(differences)


def test_exports_name_the_jinn_kernel(exports):
    """Jupyter picks the kernel from the notebook: an export must name the one jinn installs."""
    for tutorial in TUTORIALS:
        spec = nbformat.read(exports(tutorial), as_version=4).metadata.kernelspec
        assert (spec.name, spec.language) == ("jinn", "java"), f"{tutorial.name}: kernelspec {dict(spec)}"


# ------------------------------------------------------------------ live progress

@pytest.fixture(scope="module")
def first_fit():
    """A fresh kernel's first fit (300 epochs of XOR, with progress): (notebook, recording client)."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "jinn", "display_name": "Java (jinn)", "language": "java"}})
    nb.cells = [
        nbformat.v4.new_code_cell("var model = net(2).dense(8).tanh().dense(1).sigmoid().seed(7).build();"),
        nbformat.v4.new_code_cell("var history = model.fit(xor(), epochs(300).batchSize(4));"),
    ]
    return nb, execute(nb)


def test_a_fits_progress_is_one_output_updated_in_place(first_fit):
    nb, client = first_fit
    # stderr apart: test_a_first_fit_prints_no_library_noise is about that
    outputs = [o for o in nb.cells[1].outputs if o.get("name") != "stderr"]
    kinds = [m["msg_type"] for m in client.messages.get(1, [])]
    assert len(outputs) == 1, (
        f"the fit left {len(outputs)} outputs, expected one progress display; IOPub sent {summary(kinds)}")
    [progress] = outputs
    assert progress.output_type == "display_data", progress
    assert "Epoch 300/300" in text_of(progress), f"the final state is not the last epoch: {text_of(progress)!r}"
    assert kinds.count("display_data") == 1 and kinds.count("update_display_data") >= 1, summary(kinds)
    ids = {m["content"].get("transient", {}).get("display_id") for m in client.messages[1]
           if m["msg_type"] in ("display_data", "update_display_data")}
    assert len(ids) == 1 and None not in ids, f"display and updates must share one display_id: {ids}"


def test_a_first_fit_prints_no_library_noise(first_fit):
    """Nothing but the cell's own output: no logging library's start-up warnings in a learner's notebook."""
    nb, _ = first_fit
    noise = [text_of(o) for c in nb.cells for o in c.outputs if o.get("name") == "stderr"]
    assert not noise, f"a fresh kernel's first fit wrote to stderr: {noise}"


def summary(kinds):
    counts = {}
    for k in kinds:
        counts[k] = counts.get(k, 0) + 1
    return counts


# ------------------------------------------------------------------ nbconvert and Chromium

HTML_TUTORIAL = "02-activations"


@pytest.fixture(scope="session")
def executed_html(exports, tmp_path_factory):
    """02-activations executed and converted by `jupyter nbconvert --execute --to html`: the kernel
    comes from the notebook's own kernelspec, as for anyone who runs nbconvert on an export."""
    [tutorial] = [t for t in TUTORIALS if t.stem == HTML_TUTORIAL]
    folder = tmp_path_factory.mktemp("html")
    source = folder / f"{HTML_TUTORIAL}.ipynb"
    nbformat.write(without_outputs(nbformat.read(exports(tutorial), as_version=4)), source)
    r = subprocess.run([python(), "-m", "jupyter", "nbconvert", "--execute", "--to", "html",
                        f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}", "--output-dir", str(folder), str(source)],
                       cwd=ROOT, capture_output=True, text=True, timeout=EXPORT_TIMEOUT)
    assert r.returncode == 0, f"jupyter nbconvert --execute --to html failed ({r.returncode}):\n{r.stdout}{r.stderr}"
    page = folder / f"{HTML_TUTORIAL}.html"
    assert page.is_file(), f"nbconvert wrote no {page}: {sorted(p.name for p in folder.iterdir())}"
    return page, exports(tutorial)


# nbconvert's HTML shows a chart as its SVG, inline, when the bundle has one (SVG comes before PNG
# in its display priority), else as an <img> with the PNG in a data URI.
PNG_IMG = re.compile(r'<img\s[^>]*src="data:image/png;base64,([^"]+)"')
INLINE_SVG = re.compile(r'<div class="jp-RenderedSVG[^"]*"[^>]*>\s*(<svg\b.*?</svg>)', re.S)


def charts_in(page: Path):
    """[(mime, bytes)] of every chart in the page, in order of kind (PNGs, then SVGs)."""
    text = page.read_text()
    return ([("image/png", base64.b64decode(html.unescape(p))) for p in PNG_IMG.findall(text)]
            + [("image/svg+xml", svg.encode()) for svg in INLINE_SVG.findall(text)])


def test_nbconvert_html_holds_every_chart(executed_html):
    page, export = executed_html
    charts = charts_in(page)
    expected = sum("image/png" in o.get("data", {}) for c in nbformat.read(export, as_version=4).cells
                   if c.cell_type == "code" for o in c.outputs)
    assert expected >= 3, f"the {HTML_TUTORIAL} export itself has only {expected} charts"
    assert len(charts) == expected, f"the HTML has {len(charts)} charts ({[m for m, _ in charts]}), jinn export made {expected}"
    for n, (mime, data) in enumerate(charts):
        if mime == "image/png":
            png = decode_png(data)
            assert png.width >= 200 and png.height >= 100, f"chart {n} is {png.width}x{png.height}"
            assert png.distinct_colours > 2, f"chart {n} is blank ({png.colours.most_common(3)})"
            assert png.saturated_share() > 0.001, f"chart {n} has no coloured line or area"
        else:
            svg = ElementTree.fromstring(data)
            drawn = [e for e in svg.iter() if e.tag.rsplit("}", 1)[-1] in ("path", "line", "polyline", "rect", "circle")]
            assert len(drawn) >= 10, f"chart {n} (SVG) draws only {len(drawn)} shapes"


def chromium():
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed; the HTML test opens the page in it (apt-get install chromium)")


def in_chromium(page: Path, *args, timeout=120):
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    r = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--virtual-time-budget=10000", *args, page.as_uri()],
                       capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"chromium {args} failed ({r.returncode}):\n{r.stderr[-3000:]}"
    return r.stdout


# Run in the page once it has loaded: the drawn size of every chart, <img> or inline <svg>.
REPORT = """<script>
window.addEventListener("load", () => document.body.setAttribute("data-charts", JSON.stringify(
  [...document.querySelectorAll(".jp-RenderedImage img, .jp-RenderedSVG svg, img")].filter((e, i, all) => all.indexOf(e) === i)
    .map(e => e.tagName.toLowerCase() === "img" ? ["img", e.complete, e.naturalWidth, e.naturalHeight]
                                                 : ["svg", true, e.getBoundingClientRect().width, e.getBoundingClientRect().height]))));
</script>"""


def test_chromium_shows_the_charts_as_images(executed_html, tmp_path):
    """Chromium opens the nbconvert page itself (no network: its CDN scripts fail, the charts are
    inline) and reports, from the page, the size of each chart it drew; then a screenshot of the
    charts alone, one under the other on white, must be mostly chart, not broken-image icons."""
    page, _ = executed_html
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text().replace("</body>", REPORT + "</body>"))
    dom = in_chromium(probe, "--dump-dom")
    found = re.search(r'data-charts="([^"]*)"', dom)
    assert found, "the page never finished loading in Chromium (no data-charts on <body>)"
    drawn = json.loads(html.unescape(found.group(1)))
    charts = charts_in(page)
    assert len(drawn) >= len(charts) >= 3, f"Chromium draws {len(drawn)} charts, the HTML has {len(charts)}"
    broken = [d for d in drawn if not d[1] or d[2] < 200 or d[3] < 100]
    assert not broken, f"charts Chromium could not show: {broken}"

    gallery = tmp_path / "charts.html"
    tags = "".join(f'<img src="data:{mime};base64,{base64.b64encode(data).decode()}" style="display:block;width:600px">'
                   for mime, data in charts)
    gallery.write_text(f'<html><body style="margin:0;background:#fff">{tags}</body></html>')
    shot = tmp_path / "charts.png"
    in_chromium(gallery, f"--screenshot={shot}", "--window-size=600,1200")
    screen = decode_png(shot.read_bytes())
    white = (255, 255, 255, 255)[:len(screen.pixels[0][0])]
    assert screen.share_unlike(white) > 0.05, f"the screenshot is nearly blank: {screen.colours.most_common(3)}"
    assert screen.saturated_share() > 0.002, "no coloured chart lines in the screenshot"
