#!/usr/bin/env python3
"""Browser tests of the interactive briefing (`actorgraph report`), in headless Chromium.

Runs the built `actorgraph report` on the bundled graphs, opens each page from file:// in
Debian's Chromium (driven by Selenium through Debian's chromedriver, with no network needed),
and uses the page as a user would: clicks, types, steps, tabs, and reads back what it shows.
Checks the markup contract (data-actor, data-relation, data-panel, data-control), the issue's
"done when" list on graphs/karachi-2010.yaml, and that the page logs no console error, requests
nothing outside the file, has no horizontal overflow at 390 px and has a print stylesheet.
Screenshots at desktop and phone width go to the output folder.

    python3 Tests/Browser/briefing_test.py --actorgraph .build/debug/actorgraph --out .build-test/browser

`make test` runs it after `swift test` (Tools/browser/python-with-selenium.sh installs what it needs).
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import time
import unittest

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARGS = None
DRIVER = None
PAGES = {}


def chromium_paths():
    browser = os.environ.get("ACTORGRAPH_CHROMIUM") or next(
        (p for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] if os.path.exists(p)), None)
    driver = os.environ.get("ACTORGRAPH_CHROMEDRIVER") or next(
        (p for p in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(p)), None)
    if not browser or not driver:
        sys.exit("briefing_test: Chromium or chromedriver missing; install Debian's chromium and chromium-driver")
    return browser, driver


def start_driver():
    browser, driver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
              "--disable-background-networking", "--disable-component-update", "--no-first-run"]:
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def write_page(name, *extra):
    """Runs `actorgraph report` as a user would, and returns the page's path."""
    graph = os.path.join(ROOT, "graphs", name + ".yaml")
    out = os.path.join(ARGS.out, name + ("-" + "-".join(a.strip("-").replace("/", "_") for a in extra) if extra else "") + ".html")
    started = time.time()
    run = subprocess.run([ARGS.actorgraph, "report", graph, "-o", out, *extra], capture_output=True, text=True)
    if run.returncode != 0:
        raise AssertionError(f"actorgraph report {name} failed ({run.returncode}): {run.stderr}")
    PAGES[out] = time.time() - started
    return out


class Page:
    """One page opened in the browser, with helpers that act as a user would."""

    def __init__(self, path, width=1400, height=900):
        self.path = path
        DRIVER.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        DRIVER.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        DRIVER.get_log("browser")
        DRIVER.get_log("performance")
        DRIVER.get("file://" + path)
        self.data = json.loads(DRIVER.find_element(By.ID, "briefing-data").get_attribute("textContent"))

    def js(self, script, *args):
        return DRIVER.execute_script(script, *args)

    def find(self, css):
        return DRIVER.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return DRIVER.find_elements(By.CSS_SELECTOR, css)

    def click_svg(self, element):
        """Clicks an element of the diagram where a user would: a real mouse click at its centre."""
        self.js("arguments[0].scrollIntoView({block: 'center'});", element)
        DRIVER.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 0, "y": 0})
        # An actor: the centre of its shape. A relation: the first point along its line, from the
        # middle outwards, where no other line or actor lies on top of it (where a user would click).
        rect = self.js("""
            var e = arguments[0], line = e.hasAttribute('data-relation') && e.querySelector('path:not(.hit)');
            if (!line) { var r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }
            var length = line.getTotalLength(), m = line.getScreenCTM();
            for (var i = 0; i <= 40; i++) {
              var f = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.0225;
              var p = line.getPointAtLength(length * f).matrixTransform(m);
              var hit = document.elementFromPoint(p.x, p.y);
              if (hit && hit.closest('[data-actor],[data-relation]') === e) return [p.x, p.y];
            }
            return null;""", element)
        assert rect is not None, f"no visible point of {element.get_attribute('data-relation')} to click"
        target = self.js("var e = document.elementFromPoint(arguments[0], arguments[1]); return e && e.closest('[data-actor],[data-relation]');", *rect)
        assert target == element, f"something else lies on top of {element.get_attribute('data-actor') or element.get_attribute('data-relation')}"
        for kind in ["mousePressed", "mouseReleased"]:
            DRIVER.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": rect[0], "y": rect[1], "button": "left", "clickCount": 1})

    def actor(self, id):
        return self.find(f'[data-actor="{id}"]')

    def relation(self, key):
        return self.find(f'[data-relation="{key}"]')

    def shown_relations(self):
        return set(self.js("return Array.from(document.querySelectorAll('[data-relation]')).filter(function (e) { return getComputedStyle(e).display !== 'none'; }).map(function (e) { return e.getAttribute('data-relation'); });"))

    def details(self):
        """The details panel's text as shown, in lower case (headings are upper-cased by CSS)."""
        return self.find("[data-panel=details]").text.lower()

    def set_date(self, text):
        field = self.find("[data-control=date]")
        field.click()
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.DELETE)
        field.send_keys(text, Keys.ENTER)

    def console_errors(self):
        return [e for e in DRIVER.get_log("browser") if e["level"] == "SEVERE"]

    def requests(self):
        urls = []
        for entry in DRIVER.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def positions(self):
        return self.js("var out = {}; document.querySelectorAll('[data-actor]').forEach(function (e) { var b = e.getBBox(); out[e.getAttribute('data-actor')] = [b.x, b.y, b.width, b.height]; }); return out;")

    def screenshot(self, name):
        path = os.path.join(ARGS.out, name + ".png")
        DRIVER.save_screenshot(path)
        return path


class Contract(unittest.TestCase):
    """The markup contract and a clean load, on every bundled graph."""

    def test_every_bundled_graph(self):
        for name in ["karachi-2010", "florentine-families", "karate-club"]:
            with self.subTest(graph=name):
                path = write_page(name)
                self.assertLessEqual(os.path.getsize(path), 5 * 1024 * 1024, "the page must stay under 5 MB")
                page = Page(path)
                self.assertEqual(page.console_errors(), [])
                self.assertEqual(sorted(a.get_attribute("data-actor") for a in page.finds("#diagram [data-actor]")),
                                 sorted(a["id"] for a in page.data["actors"]))
                keys = [r["id"] if r.get("id") else f"relation-{i}" for i, r in enumerate(page.data["relations"])]
                self.assertEqual(sorted(e.get_attribute("data-relation") for e in page.finds("#diagram [data-relation]")), sorted(keys))
                self.assertEqual([r["key"] for r in page.data["relations"]], keys)
                self.assertEqual(len(page.finds("[data-panel=details]")), 1)
                self.assertEqual(len(page.finds("[data-panel=fissures]")), 1)
                self.assertEqual(page.find("[data-control=date]").tag_name, "input")
                options = [o.get_attribute("value") for o in page.finds("select[data-control=claimant] option")]
                self.assertEqual(options[:2], ["all", "facts"])
                self.assertEqual(options[2:], [c["id"] for c in page.data["claimants"] if c["claims"]])
                self.assertEqual(len(page.shown_relations()), len(keys), "every relation is shown at first")

    def test_no_request_outside_the_file(self):
        path = write_page("karachi-2010")
        page = Page(path)
        page.click_svg(page.actor("ppp"))
        page.set_date("2010-01-08")
        Select(page.find("select[data-control=claimant]")).select_by_value("sabzwari")
        page.find("[data-fissure-button]").click()
        outside = [u for u in page.requests() if u != "file://" + path and not u.startswith("data:")]
        self.assertEqual(outside, [])
        csp = page.find('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        self.assertIn("default-src 'none'", csp)
        self.assertEqual(page.console_errors(), [])

    def test_options_title_theme_at(self):
        path = write_page("karachi-2010", "--title", "Karachi: the briefing", "--theme", "print", "--at", "2010-01-08")
        page = Page(path)
        self.assertEqual(DRIVER.title, "Karachi: the briefing")
        self.assertEqual(page.find("h1").text, "Karachi: the briefing")
        self.assertEqual(page.find("[data-control=date]").get_attribute("value"), "2010-01-08")
        snapshot = next(s for s in page.data["snapshots"] if s["date"] == "2010-01-08")
        self.assertEqual(page.shown_relations(), set(snapshot["relations"]))
        self.assertEqual(page.console_errors(), [])


class DoneWhen(unittest.TestCase):
    """The issue's checks on graphs/karachi-2010.yaml, as a new user would make them."""

    @classmethod
    def setUpClass(cls):
        cls.path = write_page("karachi-2010")

    def setUp(self):
        self.page = Page(self.path)

    def tearDown(self):
        self.assertEqual(self.page.console_errors(), [])

    def test_clicking_the_ppp_shows_its_evidence(self):
        page = self.page
        page.click_svg(page.actor("ppp"))
        text = page.details()
        for expected in ["Pakistan Peoples Party", "Party", "coalition partner of the MQM-A", "PPP",
                         "Centrality", "Betweenness", "Coalition", "cable ¶1, cable ¶3, cable ¶9", "confidence high",
                         "claimed by Faisal Sabzwari", "cable ¶3, cable ¶4"]:
            self.assertIn(expected.lower(), text)
        self.assertEqual(page.actor("ppp").get_attribute("data-selected"), "true")
        ppp = next(a for a in page.data["actors"] if a["id"] == "ppp")
        self.assertEqual(len(page.finds("[data-panel=details] [data-relation-item]")), len(ppp["relations"]))
        # A relation of the list opens that relation's evidence.
        page.find('[data-panel=details] [data-goto-relation="ruling-coalition"]').click()
        text = page.details()
        for expected in ["Coalition", "Muttahida Qaumi Movement (Altaf)", "Pakistan Peoples Party", "cable ¶1", "cable ¶9",
                         "KARACHI - TARGETED KILLINGS ESCALATE", "high", "no one: reported as fact", "coalition partners MQM-A and PPP"]:
            self.assertIn(expected.lower(), text)

    def test_clicking_a_relation_shows_its_evidence(self):
        page = self.page
        page.click_svg(page.relation("fissure"))
        text = page.details()
        for expected in ["Conflict", "since 2010-01-07", "cable ¶3", "cable ¶5", "cable ¶9", "Disputed by", "Rehman Malik",
                         "medium", "battle between MQM-A and PPP", "deaths", "47"]:
            self.assertIn(expected.lower(), text)
        relation = next(r for r in page.data["relations"] if r["key"] == "fissure")
        self.assertTrue(relation["quotes"], "the fissure relation quotes the cable, and the page carries its quotes")
        for quote in relation["quotes"]:
            self.assertIn(" ".join(quote.split()).lower(), text)

    def test_date_2009_12_31_hides_the_january_7_conflict(self):
        page = self.page
        before = page.positions()
        self.assertIn("fissure", page.shown_relations())
        page.set_date("2009-12-31")
        shown = page.shown_relations()
        self.assertNotIn("fissure", shown)
        self.assertIn("ruling-coalition", shown)
        self.assertIn("mqm-feud", shown)
        self.assertEqual(page.positions(), before, "the layout must not move")
        self.assertEqual(DRIVER.find_element(By.TAG_NAME, "body").get_attribute("data-date"), "2009-12-31")
        self.assertIn("as of 2009-12-31", page.find("#status").text)
        # Back to every date.
        page.find("[data-action=all-dates]").click()
        self.assertIn("fissure", page.shown_relations())

    def test_date_steps_agree_with_the_model(self):
        """Each date the graph mentions, stepped to with the › button, shows exactly the relations
        that hold then according to Swift's Relation.holds(at:) (the snapshots in the data)."""
        page = self.page
        for snapshot in page.data["snapshots"]:
            page.find("[data-action=next-date]").click()
            self.assertEqual(page.find("[data-control=date]").get_attribute("value"), snapshot["date"])
            self.assertEqual(page.shown_relations(), set(snapshot["relations"]), snapshot["date"])
        # Typed partial dates too: a month and a year.
        page.set_date("2010-01")
        expected = {r["key"] for r in page.data["relations"]
                    if (r.get("firstDay") or "0000") <= "2010-01-31" and (r.get("lastDay") or "9999") >= "2010-01-01"}
        self.assertEqual(page.shown_relations(), expected)
        page.set_date("2010-13-01")
        self.assertEqual(page.find("[data-control=date]").get_attribute("aria-invalid"), "true")
        self.assertIn("not a date", page.find("#date-hint").text)

    def test_rafiq_engineers_view_hides_sabzwaris_claims(self):
        page = self.page
        sabzwari = {r["key"] for r in page.data["relations"] if r["claimedBy"] and "rafiq-engineer" not in r["claimedBy"]
                    and "sabzwari" in r["claimedBy"]}
        rafiq = {r["key"] for r in page.data["relations"] if "rafiq-engineer" in r["claimedBy"]}
        self.assertTrue(sabzwari and rafiq)
        Select(page.find("select[data-control=claimant]")).select_by_value("rafiq-engineer")
        shown = page.shown_relations()
        self.assertFalse(shown & sabzwari, "Sabzwari's claims must be hidden")
        self.assertTrue(rafiq <= shown)
        facts = {r["key"] for r in page.data["relations"] if not r["claimedBy"]}
        self.assertEqual(shown, facts | rafiq)
        self.assertIn("Rafiq Engineer", page.find("#status").text)
        # The panels follow the view.
        view = next(v for v in page.data["views"] if v["id"] == "rafiq-engineer")
        self.assertIn(view["label"], page.find("[data-panel=fissures]").text)
        # Uncontested facts: no claimed relation.
        Select(page.find("select[data-control=claimant]")).select_by_value("facts")
        self.assertEqual(page.shown_relations(), facts)
        Select(page.find("select[data-control=claimant]")).select_by_value("all")
        self.assertEqual(len(page.shown_relations()), len(page.data["relations"]))

    def test_the_fissures_panel_leads_with_mqm_a_ppp(self):
        page = self.page
        first = page.find("[data-panel=fissures] [data-fissure]")
        self.assertEqual({first.get_attribute("data-a"), first.get_attribute("data-b")}, {"mqm-a", "ppp"})
        self.assertIn("MQM-A – PPP", first.text)
        self.assertIn("stress 0.83", first.text)
        for part in ["Split by balance", "Unbalanced cycles", "5 of 6", "Frustration without it", "4 → 3"]:
            self.assertIn(part, first.text)
        # Selecting it highlights its evidence paths in the diagram.
        page.find("[data-fissure-button]").click()
        fissure = page.data["views"][0]["fissures"]["items"][0]
        expected = {fissure["relation"], *fissure["directNegative"]} | {k for p in fissure["paths"] for s in p["steps"] for k in s}
        highlighted = {e.get_attribute("data-relation") for e in page.finds("[data-relation][data-highlight=true]")}
        self.assertEqual(highlighted, expected)
        self.assertIn("dakai-gang", {e.get_attribute("data-actor") for e in page.finds("[data-actor][data-highlight=true]")})
        other = next(r["key"] for r in page.data["relations"] if r["key"] not in expected)
        self.assertEqual(page.js("return getComputedStyle(document.querySelector('[data-relation=\"' + arguments[0] + '\"]')).opacity", other), "0.12")
        page.find("[data-action=clear]").click()
        self.assertEqual(page.finds("[data-highlight=true]"), [])

    def test_panels_follow_the_date_and_the_claimant(self):
        page = self.page
        fissures = "[data-panel=fissures]"
        self.assertEqual(page.find(fissures + " [data-panel-date]").get_attribute("data-panel-date"), "all")
        self.assertIn("Frustration index 4", page.find(fissures).text)
        # 2009-12-31: before the January 7 battle, the ranking is that of `fissures --at 2009-12-31`.
        cli = json.loads(subprocess.run([ARGS.actorgraph, "fissures", os.path.join(ROOT, "graphs", "karachi-2010.yaml"),
                                         "--at", "2009-12-31", "--format", "json"], capture_output=True, text=True, check=True).stdout)
        page.set_date("2009-12-31")
        for panel in [fissures, "[data-panel=factions]"]:
            self.assertEqual(page.find(panel + " [data-panel-date]").get_attribute("data-panel-date"), "2009-12-31")
            self.assertIn("the relations that hold on 2009-12-31", page.find(panel).text)
        self.assertIn(f"Frustration index {cli['frustration']['error']:g}", page.find(fissures).text)
        items = page.finds(fissures + " [data-fissure]")
        self.assertEqual(len(items), len(cli["fissures"]))
        for item, row in zip(items, cli["fissures"]):
            self.assertEqual({item.get_attribute("data-a"), item.get_attribute("data-b")}, {row["a"]["id"], row["b"]["id"]})
        self.assertFalse(page.finds(fissures + ' [data-goto-relation="fissure"]'), "the January 7 conflict does not hold yet")
        # The claimant control and the date together: the claimant's panels at that date.
        Select(page.find("select[data-control=claimant]")).select_by_value("rafiq-engineer")
        period = next(p for p in page.data["periods"] if "2009-12-31" in p["dates"])
        view = next((v for v in period["views"] if v["id"] == "rafiq-engineer"), None) or next(v for v in period["views"] if v["id"] == "facts")
        shown = [(e.get_attribute("data-a"), e.get_attribute("data-b")) for e in page.finds(fissures + " [data-fissure]")]
        self.assertEqual(shown, [(x["a"], x["b"]) for x in view["fissures"]["items"]])
        # A fissure selected at one date is cleared when the period changes.
        Select(page.find("select[data-control=claimant]")).select_by_value("all")
        page.find("[data-fissure-button]").click()
        self.assertTrue(page.finds("[data-relation][data-highlight=true]"))
        page.set_date("2010-01-08")
        self.assertFalse(page.finds("[data-relation][data-highlight=true]"))
        self.assertTrue(page.finds(fissures + ' [data-goto-relation="fissure"]'), "on January 8 the battle holds")
        # Back to every date.
        page.find("[data-action=all-dates]").click()
        self.assertEqual(page.find(fissures + " [data-panel-date]").get_attribute("data-panel-date"), "all")
        self.assertIn("Frustration index 4", page.find(fissures).text)

    def test_factions_and_brokers_panels(self):
        page = self.page
        factions = page.find("[data-panel=factions]").text
        for expected in ["Balance partition", "2 blocs", "P", "lower bound", "proven optimal", "Bloc 1 · 9 actors", "Bloc 2 · 14 actors"]:
            self.assertIn(expected, factions)
        page.find('[data-bloc="1"]').click()
        members = set(page.data["views"][0]["factions"]["blocs"][0])
        self.assertEqual({e.get_attribute("data-actor") for e in page.finds("[data-actor][data-highlight=true]")}, members)
        brokers = page.find("[data-panel=brokers]").text.lower()
        self.assertIn("brokered paths", brokers)
        self.assertEqual(page.find("[data-panel=brokers] tbody [data-goto-actor]").get_attribute("data-goto-actor"), page.data["brokers"]["top"][0]["actor"])
        self.assertIn("key players", brokers)
        self.assertIn("removing pakistan peoples party and federal government of pakistan", brokers)

    def test_search_by_name_or_alias(self):
        page = self.page
        field = page.find("[data-control=search]")
        field.send_keys("Haqiqi")
        matched = {e.get_attribute("data-actor") for e in page.finds("[data-actor][data-match=true]")}
        self.assertEqual(matched, {"mqm-h", "haqiqi-killers"})
        field.send_keys(Keys.ENTER)
        self.assertIn("haqiqi mohajir qaumi movement", page.details())
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys("MoI")
        self.assertEqual({e.get_attribute("data-actor") for e in page.finds("[data-actor][data-match=true]")}, {"interior-ministry"})
        field.send_keys(Keys.ENTER)
        self.assertIn("ministry of interior", page.details())

    def test_keyboard_reaches_the_diagram_with_visible_focus(self):
        page = self.page
        page.js("document.activeElement && document.activeElement.blur()")
        reached = None
        for _ in range(40):
            ActionChains(DRIVER).send_keys(Keys.TAB).perform()
            active = DRIVER.switch_to.active_element
            if active.get_attribute("data-actor"):
                reached = active
                break
        self.assertIsNotNone(reached, "Tab never reached an actor of the diagram")
        self.assertTrue(page.js("return document.activeElement.matches(':focus-visible')"))
        stroke = page.js("var s = document.activeElement.querySelector('polygon, ellipse, path'); return [getComputedStyle(s).stroke, getComputedStyle(s).strokeWidth];")
        self.assertEqual(stroke, ["rgb(240, 160, 0)", "5px"], "focus must be visible on the actor's shape")
        page.screenshot("karachi-focus")
        actor = reached.get_attribute("data-actor")
        reached.send_keys(Keys.ENTER)
        name = next(a["name"] for a in page.data["actors"] if a["id"] == actor)
        self.assertIn(name.lower(), page.details())
        # Its relations are reached from there: Tab to the first one, Enter shows its evidence.
        first = page.find("[data-panel=details] [data-goto-relation]")
        key = first.get_attribute("data-goto-relation")
        first.send_keys(Keys.ENTER)
        relation = next(r for r in page.data["relations"] if r["key"] == key)
        self.assertIn(relation["kindLabel"].lower(), page.details())
        self.assertIn(relation["key"], {e.get_attribute("data-relation") for e in page.finds("[data-relation][data-selected=true]")})
        # Controls are reachable too: every button, input and select is focusable.
        for e in page.finds("button, input, select"):
            if e.is_displayed():
                self.assertNotEqual(e.get_attribute("tabindex"), "-1")

    def test_phone_width_has_no_horizontal_overflow(self):
        page = Page(self.path, width=390, height=844)
        self.assertLessEqual(page.js("return document.documentElement.scrollWidth"), 390)
        page.click_svg(page.actor("ppp"))
        self.assertLessEqual(page.js("return document.documentElement.scrollWidth"), 390)
        overflowing = page.js("return Array.from(document.querySelectorAll('body *')).filter(function (e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.right > 391 && !e.closest('svg') && getComputedStyle(e).position !== 'absolute'; }).map(function (e) { return e.tagName + '.' + e.className; }).slice(0, 5);")
        self.assertEqual(overflowing, [])
        page.js("window.scrollTo(0, 0)")
        page.screenshot("karachi-phone")
        self.assertIn("pakistan peoples party", page.details())

    def test_print_stylesheet_applies(self):
        page = self.page
        page.click_svg(page.actor("ppp"))
        DRIVER.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertEqual(page.js("return getComputedStyle(document.querySelector('.controls')).display"), "none")
        self.assertEqual(page.js("return getComputedStyle(document.querySelector('.toolbar')).display"), "none")
        self.assertEqual(page.js("return getComputedStyle(document.querySelector('.panels')).overflowY"), "visible")
        DRIVER.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        for paper, (w, h) in {"a4": (8.27, 11.69), "letter": (8.5, 11)}.items():
            pdf = base64.b64decode(DRIVER.execute_cdp_cmd("Page.printToPDF", {"paperWidth": w, "paperHeight": h, "printBackground": True})["data"])
            self.assertTrue(pdf.startswith(b"%PDF"))
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            self.assertGreaterEqual(pages, 2, f"{paper}: the diagram on one page, the panels after it")
            with open(os.path.join(ARGS.out, f"karachi-print-{paper}.pdf"), "wb") as f:
                f.write(pdf)

    def test_screenshots(self):
        page = self.page
        page.screenshot("karachi-desktop")
        # The README's picture: the fissure's evidence highlighted, its conflict's evidence shown.
        page.find("[data-fissure-button]").click()
        page.click_svg(page.relation("fissure"))
        self.assertIn("battle between mqm-a and ppp", page.details())
        page.js("document.querySelector('.panels').scrollTop = 0")
        page.screenshot("karachi-desktop-fissure")
        page = Page(self.path, width=390, height=844)
        page.screenshot("karachi-phone-top")


def main():
    global ARGS, DRIVER
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actorgraph", required=True, help="the built actorgraph command")
    parser.add_argument("--out", default=os.path.join(ROOT, ".build-test", "browser"), help="pages, screenshots and PDFs go here")
    ARGS, rest = parser.parse_known_args()
    ARGS.actorgraph = os.path.abspath(ARGS.actorgraph)
    ARGS.out = os.path.abspath(ARGS.out)
    os.makedirs(ARGS.out, exist_ok=True)
    started = time.time()
    try:
        DRIVER = start_driver()
    except WebDriverException as error:
        sys.exit(f"briefing_test: cannot start headless Chromium: {error.msg}")
    try:
        result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    finally:
        DRIVER.quit()
    print(f"briefing_test: {result.testsRun} tests in {time.time() - started:.1f} s; pages, screenshots and PDFs in {ARGS.out}")
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
