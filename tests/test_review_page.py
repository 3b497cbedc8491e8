"""`ntm review`: the reviewer's page, driven in headless Chromium (Debian `chromium` + `chromium-driver`).

Without a browser these tests fail and say what to install; NTM_SKIP_BROWSER=1 skips them on purpose."""
import csv
import io
import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ntm.cli import main
from ntm.normalize.corpus import alias_line
from ntm.review import ASSETS, _script_json, build_payload

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw"
HOSTILE_NAME = "bc_<b>x<i onmouseover=alert(1)>&amp;.txt"
HOSTILE = """UBND HUYỆN ĐỊNH HÓA
Số: 31/BC-UBND
Định Hóa, ngày 12 tháng 10 năm 2023
BÁO CÁO
Kết quả xây dựng nông thôn mới <img src=x onerror="window.pwned=1"> năm 2023
Xã Bình Yên đạt 16/19 tiêu chí </script><script>window.pwned=2</script>, xã Điềm Mặc đạt 15/19 tiêu chí.
Tổng nguồn lực huy động là 2.500 triệu đồng & "nguồn khác".
"""


def table(folder: Path, name: str) -> list[dict]:
    return pq.read_table(folder / f"{name}.parquet").to_pylist()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The sample corpus and one report whose text and file name are markup, read once."""
    base = tmp_path_factory.mktemp("review")
    corpus = base / "in"
    shutil.copytree(SAMPLE, corpus)
    (corpus / HOSTILE_NAME).write_text(HOSTILE, "utf-8")
    out, page = base / "out", base / "review.html"
    assert main(["run", str(corpus), "--out", str(out), "--aliases", str(base / "none.csv")]) == 0
    assert main(["review", "--data", str(out), "--out", str(page)]) == 0
    return {"base": base, "corpus": corpus, "out": out, "page": page}


def _driver_or_fail():
    if os.environ.get("NTM_SKIP_BROWSER") == "1":
        pytest.skip("NTM_SKIP_BROWSER=1: the review page is not driven in a browser")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is missing: pip install -e '.[test]' (or NTM_SKIP_BROWSER=1 to skip browser tests)")
    binary = os.environ.get("NTM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("NTM_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    if not binary or not Path(binary).exists() or not Path(driver).exists():
        pytest.fail("headless Chromium is missing: apt-get install chromium chromium-driver "
                    "(or NTM_SKIP_BROWSER=1 to skip browser tests)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)  # both paths given: nothing is downloaded


@pytest.fixture(scope="module")
def browser():
    driver = _driver_or_fail()
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, run):
    from selenium.webdriver.support.ui import WebDriverWait
    browser.get(run["page"].as_uri())
    browser.execute_script("window.localStorage.clear()")
    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    return browser


def css(driver, selector):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, selector)


def open_document(driver, summary):
    """Open a document's entry and wait until its text is drawn (drawing follows the toggle event)."""
    from selenium.webdriver.support.ui import WebDriverWait
    summary.click()
    text = summary.find_element("xpath", "..").find_element("css selector", ".text")
    WebDriverWait(driver, 10).until(lambda _: text.find_elements("css selector", "*") or text.text)
    return text


def span_text(out: Path, doc_id: str, start: int, end: int) -> str:
    """What the text holds at [start, end), read from the blocks themselves (line breaks between blocks left out)."""
    blocks = sorted((b for b in table(out, "blocks") if b["doc_id"] == doc_id), key=lambda b: b["index"])
    span = lambda b: (b.get("span_start", b.get("start")), b.get("span_end", b.get("end")))  # noqa: E731
    return "".join(b["text"][max(start, span(b)[0]) - span(b)[0]:min(end, span(b)[1]) - span(b)[0]]
                   for b in blocks if span(b)[0] < end and span(b)[1] > start)


def flag_spans(flag: dict) -> list[tuple[int, int]]:
    start, end = flag.get("span_start", flag.get("start")), flag.get("span_end", flag.get("end"))
    other = flag["other_spans"]
    return [(start, end), *zip(other[::2], other[1::2])]


@pytest.mark.parametrize("kind", ["count_conflict", "invalid_date", "name_variant", "unit_mismatch", "average_mismatch"])
def test_a_finding_link_shows_its_evidence_marked_in_view(page, run, kind):
    flag = next(f for f in table(run["out"], "flags") if f["kind"] == kind)
    link = next(a for a in css(page, "#finding-list a.kind") if a.text == kind.replace("_", " ")
                and flag["detail"] in a.find_element("xpath", "..").text)
    link.click()
    marked = css(page, "mark.marked")
    assert marked and all(m.is_displayed() for m in marked)
    expected = "".join(span_text(run["out"], flag["doc_id"], s, e) for s, e in flag_spans(flag))
    assert "".join(m.text for m in marked).replace("\n", "") == expected.replace("\n", "")
    top, bottom, height = page.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", marked[0])
    assert 0 <= top and bottom <= height


@pytest.mark.parametrize("kind, column", [("funding", "amount_raw"), ("deadlines", "date_raw"),
                                          ("references", "symbol"), ("units", "raw_name")])
def test_hovering_a_highlight_shows_its_row(page, run, kind, column):
    from selenium.webdriver.common.action_chains import ActionChains
    rows = table(run["out"], kind)
    document = next(d for d in table(run["out"], "documents") if d["doc_id"] == rows[0]["doc_id"])
    summary = next(s for s in css(page, ".doc > summary") if Path(document["source_file"]).name in s.text)
    highlight = open_document(page, summary).find_element("css selector", f"mark.k-{kind}")
    ActionChains(page).move_to_element(highlight).perform()
    tooltip = css(page, "#tooltip")[0]
    assert tooltip.is_displayed()
    shown = {th.text: td.text for th, td in zip(tooltip.find_elements("css selector", "th"),
                                                tooltip.find_elements("css selector", "td"))}
    assert shown[column] in {r[column] for r in rows if r["doc_id"] == document["doc_id"]}


def test_markup_in_a_document_stays_text(page, run):
    assert page.execute_script("return window.pwned === undefined")
    text = open_document(page, next(s for s in css(page, ".doc > summary") if HOSTILE_NAME in s.text))
    assert '<img src=x onerror="window.pwned=1">' in text.text and "</script><script>" in text.text
    assert not text.find_elements("css selector", "img, script, b")
    assert page.execute_script("return window.pwned === undefined")
    severe = [e["message"] for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe


def test_filters_by_district_and_kind(page, run):
    from selenium.webdriver.support.ui import Select
    documents = table(run["out"], "documents")
    district = next(d for d in documents if d["district"] == "Con Cuông")
    Select(css(page, "#district-filter")[0]).select_by_visible_text(f"{district['district']}, {district['province']}")
    shown = [s for s in css(page, ".doc > summary") if s.is_displayed()]
    assert shown and all("Con Cuông" in s.text for s in shown)
    in_district = {d["doc_id"] for d in documents if d["district"] == "Con Cuông"}
    flags = [f for f in table(run["out"], "flags") if f["doc_id"] in in_district]
    assert len(css(page, "#finding-list li.finding")) == len(flags)
    assert open_document(page, shown[0]).find_elements("css selector", "mark.k-units")
    css(page, '#legend input[data-kind="units"]')[0].click()
    assert not css(page, "mark.k-units")
    Select(css(page, "#finding-filter")[0]).select_by_value("count_conflict")
    assert {li.find_element("css selector", "a").text for li in css(page, "#finding-list li.finding")} == {"count conflict"}


def test_reviewed_variants_are_honoured_by_the_next_run(page, run):
    variants = {v["variant"]: v for v in table(run["out"], "name_variants")}
    decisions = {"Điềm Mạc": "confirmed", "Ma Thế Hùng": "rejected"}
    for variant, decision in decisions.items():
        row = next(r for r in css(page, ".variant") if r.find_element("css selector", ".name").text == variant)
        row.find_element("css selector", f'button[data-decision="{decision}"]').click()
    exported = css(page, "#alias-lines")[0].get_attribute("value")
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows(alias_line(variants[v], d) for v, d in decisions.items())
    assert exported == expected.getvalue()  # the very lines `ntm variants` writes, quoting and all
    aliases = run["base"] / "aliases.csv"
    aliases.write_text((ROOT / "data" / "aliases.csv").read_text("utf-8") + exported, "utf-8")
    out = run["base"] / "reviewed"
    assert main(["run", str(run["corpus"]), "--out", str(out), "--aliases", str(aliases)]) == 0
    after = {v["variant"]: v for v in table(out, "name_variants")}
    assert {v: after[v]["status"] for v in decisions} == decisions
    units = [u for u in table(out, "units") if u["raw_name"] == "Điềm Mạc"]
    assert units and all(u["name"] == "Điềm Mặc" and u["match_method"] == "alias_file" for u in units)


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!-- <script>", "a & b > c",
                                     "\u2028line\u2029", "</SCRIPT >"])
def test_page_data_cannot_leave_its_script_element(hostile):
    written = _script_json({"text": hostile})
    assert "<" not in written and ">" not in written and "&" not in written
    assert json.loads(written) == {"text": hostile}


def test_the_page_fetches_nothing(run):
    html = run["page"].read_text("utf-8")
    for asset in ASSETS.iterdir():
        assert "://" not in asset.read_text("utf-8"), asset.name
    assert "<link" not in html and " src=" not in html.split('id="ntm-data"')[0]


def test_a_partitioned_table_reads_like_a_file(run, tmp_path):
    """A table written as a hive-partitioned folder (DIR/units/province=.../) gives the page the same facts."""
    copy = tmp_path / "partitioned"
    copy.mkdir()
    for path in run["out"].glob("*.parquet"):
        if path.stem == "units":
            pq.write_to_dataset(pq.read_table(path), copy / "units", partition_cols=["province"])
        else:
            shutil.copy(path, copy / path.name)
    spans = lambda payload: sorted(tuple(f[1:3]) for d in payload["documents"] for f in d["facts"]  # noqa: E731
                                   if payload["kinds"][f[0]]["name"] == "units")
    whole, parted = build_payload(run["out"]), build_payload(copy)
    assert spans(parted) == spans(whole) and len(parted["rows"]["units"]) == len(whole["rows"]["units"]) > 0
