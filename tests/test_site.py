"""The website: built with `cara build --format site`, served on localhost, driven in
Debian's headless Chromium (Selenium + chromedriver)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest

from cara.cli import main
from test_i18n_workflow import HELLO, translate

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
URDU = "یہ اپنے {partner} کے بارے میں بات کرنے کی جگہ ہے"
POLISH_WORD = "przestrzeń"


# The project's own mkdocs.yml, published where the test serves it: Material's language
# selector maps pages through the sitemap, whose addresses come from site_url.
MKDOCS = """site_name: Demo site
site_url: {url}/
docs_dir: docs
theme: {{name: material, font: false}}
plugins:
  - cara
  - search
  - i18n:
      docs_structure: folder
      languages: [{{locale: en, default: true, name: English}}]
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The test root's site, built for and served at a localhost address."""
    root = tmp_path_factory.mktemp("site") / "basic"
    shutil.copytree(Path(__file__).parent / "roots" / "basic", root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(root / "build" / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS.format(url=url))
    track = root / "tracks/men-adult.yml"
    track.write_text(track.read_text().replace("your partner", "your partner & co")
                     .replace("Men, adults", "Men & adults <3"))
    assert main(["i18n", "extract", "--project", str(root)]) == 0
    assert main(["i18n", "update", "--project", str(root)]) == 0
    translate(root, "locales/ur/day-one.po", "hello|gender=male", HELLO, URDU)
    translate(root, "locales/pl/day-one.po", "hello|gender=male", HELLO,
              f"To {POLISH_WORD} na rozmowę o {{partner}}")
    translate(root, "locales/pl/day-one.po", "hello", "Hello and welcome", "Witamy")
    assert main(["build", "--project", str(root), "--format", "site", "-q"]) == 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root / "build" / "site", url
    httpd.shutdown()


@pytest.fixture(scope="module")
def site(served) -> Path:
    return served[0]


def test_every_language_has_the_same_pages_and_rtl_direction(site: Path) -> None:
    english = sorted(p.relative_to(site).as_posix() for p in (site / "men-adult").rglob(
        "index.html"))
    assert "men-adult/day-one/01-hello/index.html" in english
    for code in ("pl", "ur", "pa"):
        assert sorted(p.relative_to(site / code).as_posix() for p in (
            site / code / "men-adult").rglob("index.html")) == english
    urdu = (site / "ur/men-adult/day-one/01-hello/index.html").read_text()
    assert 'dir="rtl"' in urdu and URDU.replace("{partner}", "") .split()[0] in urdu
    assert 'dir="ltr"' in (site / "pl/men-adult/day-one/01-hello/index.html").read_text()


def test_content_markup_is_escaped_and_facilitator_text_marked(site: Path) -> None:
    page = (site / "men-adult/day-one/01-hello/index.html").read_text()
    assert "your partner &amp; co" in page and "partner & co" not in page
    # titles reach the navigation, page titles and headings escaped too
    assert "Men &amp; adults &lt;3" in page and "adults <3" not in page
    assert 'class="cara-facilitator"' in page
    participants = (site / "men-adult/day-one/participants/index.html").read_text()
    assert "About me" in participants and "safeguarding" not in participants
    assert "Demo Helpline (sample)" in participants


def test_status_and_release_pages_exist(site: Path) -> None:
    status = (site / "status/index.html").read_text()
    assert "Polski (pl)" in status and "اردو (ur)" in status
    assert (site / "releases/index.html").exists()


@pytest.fixture(scope="module")
def server(served) -> str:
    return served[1]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(condition, timeout: float = 15.0):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


@pytest.mark.render
def test_site_in_a_real_browser(server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/")
    assert "Demo Programme" in browser.find_element(By.TAG_NAME, "h1").text  # page, not site

    browser.get(server + "/ur/men-adult/day-one/01-hello/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ur"
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("dir") == "rtl"
    assert "بات کرنے کی جگہ" in browser.find_element(By.TAG_NAME, "article").text

    browser.get(server + "/men-adult/day-one/01-hello/")
    # Material maps pages to their translations from the sitemaps it fetches on load
    wait_for(lambda: browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.name.endsWith('sitemap.xml') && e.responseEnd > 0).length >= 4"))
    link = browser.find_element(By.CSS_SELECTOR, 'a[hreflang="pl"]')
    browser.execute_script("arguments[0].click();", link)
    wait_for(lambda: "/pl/" in browser.current_url)
    assert browser.current_url.endswith("/pl/men-adult/day-one/01-hello/")
    assert "Witamy" in browser.find_element(By.TAG_NAME, "h1").text

    search = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    browser.execute_script("arguments[0].focus();", search)
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input")
    search.send_keys(POLISH_WORD)
    results = wait_for(lambda: [r for r in browser.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item") if r.text.strip()])
    assert any(POLISH_WORD in r.text for r in results)
    search.send_keys(Keys.ESCAPE)

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
