"""The pages in a real browser: headless Debian Chromium, driven by selenium, against a live
server on loopback, over every page.

For each page it checks content from the seeded data (and from the fictional teams of
``seed.demo``), that the browser sent no request beyond 127.0.0.1, and that axe-core (the build
``selenium-axe-python`` bundles) finds no serious or critical violation of WCAG 2.2 A/AA and
best practice. It saves a full-page screenshot of each page, and the axe summary, under
``build/explore-screenshots/`` (ignored by git). ``make test`` installs Chromium when it is
missing (``.ci/chromium.sh``).
"""

import base64
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import selenium_axe_python
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys as Key
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait
from sqlmodel import Session, select

from api.db import make_engine
from api.keys import create_key
from api.models import Organisation
from bench.serving import free_port, serving
from seed import demo
from tests.conftest import ROOT, Backend

SCREENSHOTS = ROOT / "build" / "explore-screenshots"
# Debian's Chromium, as root on a closed network: no sandbox, and none of the background
# connections it would otherwise try (they are refused here, and would not be offline).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--window-size=1280,900",
)
# axe-core as selenium-axe-python ships it (no download at run time).
AXE_SCRIPT = Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Schemes the browser answers itself (chrome: its own bundled pages), never from a network.
LOCAL_SCHEMES = {"data", "about", "blob", "chrome"}


@dataclass
class Site:
    base: str
    nes: int
    core: int
    samhsa: int


@dataclass
class Visit:
    """What one page gave: its axe violations, and every URL the browser asked for."""

    name: str
    violations: list[dict[str, Any]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _department_key(url: str, slug: str) -> dict[str, str]:
    engine = make_engine(url)
    with Session(engine) as session:
        organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
        _, secret = create_key(session, organisation, "submitter")
    engine.dispose()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture(scope="module")
def site(
    backend: Backend, seeded_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The seeded registry served by uvicorn, with the demo's fictional teams and one
    department's position and definition, so every page has something to show."""
    url = backend.copy(seeded_template)
    env = {**os.environ, "TIC_DATABASE_URL": url}
    port = free_port()
    log = tmp_path_factory.mktemp("browser-server") / "server.log"
    command = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1"]
    try:
        with serving("browser server", [*command, "--port", str(port)], env, port, log) as server:
            base = server.base
            assert demo.main(base, url, say=lambda _: None) == 0
            with httpx.Client(base_url=base, timeout=30) as client:
                dfe = _department_key(url, "dfe")
                core = client.get("/v1/core-definition").json()["proposal"]["id"]
                position = {"position": "endorse", "comment": "A good basis."}
                endorsement = f"/v1/core-definition/proposals/{core}/endorsements/dfe"
                assert client.put(endorsement, json=position, headers=dfe).status_code == 201
                draft = {
                    "title": "DfE working definition (test)",
                    "text": "Children feel safe. Practitioners realise the impact of trauma, "
                    "recognise its signs and avoid re-traumatising children.",
                }
                assert client.post("/v1/definitions", json=draft, headers=dfe).status_code == 201

                def only(organisation: str) -> int:
                    items = client.get(
                        "/v1/definitions", params={"organisation": organisation}
                    ).json()["items"]
                    found: int = items[0]["id"]
                    return found

                yield Site(base=base, nes=only("nes"), core=core, samhsa=only("samhsa"))
    finally:
        backend.drop(url)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chrome]:
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium, "Debian's chromium is missing: run .ci/chromium.sh"
    assert driver_path, "Debian's chromium-driver is missing: run .ci/chromium.sh"
    options = Options()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def visits() -> Iterator[list[Visit]]:
    """Every page's axe result, written to the screenshots folder when the module ends."""
    done: list[Visit] = []
    yield done
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    summary = {
        v.name: {
            "violations": [
                {"id": x["id"], "impact": x["impact"], "nodes": len(x["nodes"])}
                for x in v.violations
            ],
            "requests": len(v.requests),
        }
        for v in done
    }
    (SCREENSHOTS / "axe-summary.json").write_text(json.dumps(summary, indent=2) + "\n")


def _requests(driver: Chrome) -> list[str]:
    """Every URL the browser has asked for since the last call (the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _check(driver: Chrome, visits: list[Visit], name: str) -> Visit:
    """Screenshot, offline check and axe for the page the browser shows now."""
    visit = Visit(name)
    visit.requests = _requests(driver)
    for url in visit.requests:
        parts = urlsplit(url)
        assert parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1", (name, url)
    entries = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name))"
    )
    for url in entries:
        assert urlsplit(url).hostname == "127.0.0.1", (name, url)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))

    driver.execute_script(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical',"
        " nodes: [], help: String(e)}]));",
        AXE_TAGS,
    )
    visit.violations = result
    visits.append(visit)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["impact"], v.get("help"), len(v["nodes"])) for v in serious]
    return visit


def _open(driver: Chrome, url: str) -> None:
    driver.get(url)
    assert driver.execute_script("return document.readyState") == "complete"


def _follow(driver: Chrome, element: WebElement) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    before = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(staleness_of(before))
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def _text(driver: Chrome) -> str:
    text: str = driver.find_element(By.TAG_NAME, "main").text
    return " ".join(text.split())


def test_every_page_in_a_browser_offline_and_accessible(
    site: Site, browser: Chrome, visits: list[Visit]
) -> None:
    b = browser
    _requests(b)  # drop what the browser did before the first page

    # The service root links to the pages; the skip link is the first thing a keyboard reaches.
    _open(b, f"{site.base}/")
    b.find_element(By.TAG_NAME, "body").send_keys(Key.TAB)
    assert b.switch_to.active_element.text == "Skip to main content"
    _check(b, visits, "01-root")
    _follow(b, b.find_element(By.LINK_TEXT, "Explore the registry"))
    assert b.current_url == f"{site.base}/explore"

    # Overview: the report, the core proposal with each department, the consensus heatmap.
    words = _text(b)
    assert "Trauma-informed care is widely used" in words
    assert "should work together to agree a core definition" in words
    assert "1 of 6 departments endorse this proposal" in words
    assert "A good basis." in words
    heatmap = b.find_element(By.CSS_SELECTOR, "svg[aria-labelledby^='consensus-chart-title']")
    assert heatmap.is_displayed()
    assert heatmap.size["width"] > 300
    assert "NHS Education for Scotland" in (heatmap.get_attribute("innerHTML") or "")
    assert "Most agreed:" in words
    _check(b, visits, "02-overview")

    # Definitions: search through the form, as a person would.
    _open(b, f"{site.base}/explore/definitions")
    b.find_element(By.ID, "q").send_keys("recovery")
    _follow(b, b.find_element(By.CSS_SELECTOR, "form.tic-filters button[type=submit]"))
    assert "q=recovery" in b.current_url
    titles = [a.text for a in b.find_elements(By.CSS_SELECTOR, "#results tbody th a")]
    assert titles
    assert all(titles)
    _check(b, visits, "03-definitions-search")
    _open(b, f"{site.base}/explore/definitions")
    assert len(b.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 8  # 7 seeded + DfE's
    _check(b, visits, "04-definitions")

    # One definition: its evidence highlighted, with a number after each highlight.
    _open(b, f"{site.base}/explore/definitions/{site.nes}")
    assert "NHS Education for Scotland" in _text(b)
    marks = b.find_elements(By.CSS_SELECTOR, "p.tic-marked mark")
    assert marks
    assert all(m.is_displayed() for m in marks)
    assert b.find_elements(By.CSS_SELECTOR, "p.tic-marked .tic-mark-label")
    assert "No: this wording has not been checked against a source." in _text(b)
    _check(b, visits, "05-definition-nes")

    # Compare the NES definition with the core: what it misses, and how others phrase it.
    _follow(b, b.find_element(By.LINK_TEXT, "Compare it with the core proposal"))
    words = _text(b)
    assert "against the core proposal" in words
    assert "It misses" in words
    assert "What it misses, and how others phrase it" in words
    assert b.find_elements(By.CSS_SELECTOR, "ul.tic-phrasings blockquote")
    _check(b, visits, "06-compare-nes")

    # A pasted draft, through the POST form.
    _open(b, f"{site.base}/explore/compare")
    b.find_element(By.ID, "text").send_keys(
        "Children feel safe, and plans are made in partnership with their families."
    )
    _follow(b, b.find_element(By.XPATH, "//button[text()='Compare the text']"))
    assert "Your text against the core proposal" in _text(b)
    _check(b, visits, "07-compare-draft")

    # The similarity matrix for chosen definitions.
    _open(b, f"{site.base}/explore/matrix?id={site.nes}&id={site.samhsa}&id={site.core}")
    assert b.find_element(By.CSS_SELECTOR, "svg[aria-labelledby^='similarity-chart']")
    assert "Most alike:" in _text(b)
    _check(b, visits, "08-matrix")

    # Teams and insights, with the demo's fictional teams.
    _open(b, f"{site.base}/explore/teams")
    words = _text(b)
    assert "Example Borough (fictional) CSC" in words
    assert "2 of 4 registered teams (50%)" in words
    bars = b.find_elements(By.CSS_SELECTOR, "svg[aria-labelledby^='survey-chart'] rect")
    assert len(bars) >= 6
    _check(b, visits, "09-teams")

    _open(b, f"{site.base}/explore/recommendations")
    words = _text(b)
    assert "1 of the 4 departments the recommendation names endorse" in words
    assert "0 of the 7 models" in words
    assert "2 of 4 registered teams (50%)" in words
    _check(b, visits, "10-recommendations")

    # The error states: an unknown definition, and a filter with a bad value.
    _open(b, f"{site.base}/explore/definitions/999999")
    assert "Page not found" in _text(b)
    _check(b, visits, "11-not-found")
    _open(b, f"{site.base}/explore/definitions?year=soon")
    summary = b.find_element(By.CSS_SELECTOR, ".tic-error-summary")
    assert "Year must be a number between 1900 and 2100" in summary.text
    summary.find_element(By.TAG_NAME, "a").click()
    assert b.switch_to.active_element.get_attribute("id") == "year"
    _check(b, visits, "12-definitions-error")

    # The pages problem types point at: every type, and one problem.
    _open(b, f"{site.base}/problems")
    assert "Problems the API answers with" in _text(b)
    _check(b, visits, "13-problems")
    _open(b, f"{site.base}/problems/precondition-failed")
    assert "Precondition Failed: precondition-failed" in _text(b)
    assert "What to do" in _text(b)
    _check(b, visits, "14-problem")

    assert len(visits) == 14
    assert sum(len(v.requests) for v in visits) >= 14


def test_focus_is_visible_on_links_and_controls(site: Site, browser: Chrome) -> None:
    _open(browser, f"{site.base}/explore/definitions")
    search = browser.find_element(By.ID, "q")
    search.click()
    outline = browser.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineColor];",
        search,
    )
    assert outline == ["solid", "rgb(255, 221, 0)"]
    link = browser.find_element(By.CSS_SELECTOR, "#results tbody th a")
    browser.execute_script("arguments[0].focus()", link)
    background = browser.execute_script(
        "return getComputedStyle(arguments[0]).backgroundColor", link
    )
    assert background == "rgb(255, 221, 0)"
