#!/usr/bin/env python3
"""The web UI as an on-call engineer uses it, in Debian's chromium with JavaScript off.

Usage: ui_browser.py --base URL --data FILE --received FILE --shots DIR

Against the daemon scripts/tests/ui.sh starts (BinCacheStale firing for F1; F2 and F3 below
the threshold; a webhook receiver appending one line per notification to --received):
every page is loaded and read as a person would (headings, the alert, its state, the source,
the health check); a silence for F2 is created through the form; then F2 and F3 go stale in
the same textfile write, and the notification that brings F3 must not carry F2 (the
dispatcher saw both in the same flush) while the alerts page marks F2 silenced; the silence
is expired through its button and F2's notification follows. Bad form input gets inline
errors and stores nothing; a form without the CSRF token is refused. Every input has a
label, every page one h1. A screenshot of each page goes to --shots.
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException

DEADLINE = 180  # seconds; bounds only a failure (a loaded machine may take long)


def wait_for(what, condition, every=0.2):
    end = time.monotonic() + DEADLINE
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {DEADLINE}s waiting for: {what}")
        time.sleep(every)


def received(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line.split(" ", 1)[1]) for line in f if line.strip()]


def facilities(notification):
    return sorted(a["labels"].get("facility_id", "") for a in notification.get("alerts", []) if a.get("status") == "firing")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--received", required=True)
    ap.add_argument("--shots", required=True)
    args = ap.parse_args()
    base = args.base

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100"):
        options.add_argument(flag)
    # Every page must work without JavaScript.
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(DEADLINE)
    checks = 0

    def load(path, shot=None):
        driver.get(base + path)
        check_accessibility(path)
        if shot:
            driver.save_screenshot(os.path.join(args.shots, shot + ".png"))
        return driver.find_element(By.TAG_NAME, "main").text

    def follow(selector, by=By.CSS_SELECTOR):
        """Clicks a submit button or link and waits until the next page replaced this one."""
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(by, selector).click()

        def replaced():
            # Stale (or, with JavaScript off, "does not belong to the document"): a new page.
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True

        wait_for(f"the page after clicking {selector}", replaced, every=0.05)
        return driver.find_element(By.TAG_NAME, "main").text

    def check_accessibility(path):
        nonlocal checks
        h1 = driver.find_elements(By.TAG_NAME, "h1")
        assert len(h1) == 1, f"{path}: {len(h1)} h1 headings"
        labelled = {label.get_attribute("for") for label in driver.find_elements(By.TAG_NAME, "label")}
        for tag in ("input", "select", "textarea"):
            for element in driver.find_elements(By.TAG_NAME, tag):
                if element.get_attribute("type") == "hidden":
                    continue
                assert element.get_attribute("id") in labelled, f"{path}: <{tag} name={element.get_attribute('name')}> has no label"
                checks += 1

    try:
        # Overview: the firing alert is counted once its first cycles are done.
        wait_for("the overview to count one firing alert",
                 lambda: "Firing alerts\n1" in load("/"))
        text = load("/", "overview")
        assert "Health: degraded" in text, text
        assert "cacheAge" in text and "Sources up\n1 of 1" in text, text

        text = load("/alerts", "alerts")
        assert "BinCacheStale" in text and "firing" in text, text
        assert 'facility_id="F1"' in text, text
        # Annotations are escaped, not markup.
        assert "minutes old <stale>" in text, text

        text = load("/alerts?state=firing&filter=%7Bfacility_id%3D%22F9%22%7D")
        assert "Alerts 0–0 of 0 matching." in text, text
        text = load("/alerts?filter=%7Bfacility_id%3D~%22(F9%22%7D")
        assert "Bad matchers" in text, text

        text = load("/rules", "rules")
        assert "facility:cache_age_minutes" in text and "BinCacheStale" in text and "ok" in text, text
        text = load("/sources", "sources")
        assert "wms" in text and "true" in text, text
        text = load("/status", "status")
        assert "rules/wms.yml" in text, text
        config = driver.find_element(By.TAG_NAME, "pre").text
        assert "url: <secret>" in config and "/hook" not in config, config

        # The query page: a table, then a graph drawn on the server (no JavaScript).
        load("/query")
        driver.find_element(By.ID, "expr").send_keys("facility:cache_age_minutes")
        text = follow("form.query-form button[type=submit]")
        assert "Result: vector" in text and 'facility_id="F1"' in text and "20" in text, text
        driver.save_screenshot(os.path.join(args.shots, "query-table.png"))
        driver.find_element(By.ID, "tab-graph").click()
        driver.find_element(By.ID, "range").clear()
        driver.find_element(By.ID, "range").send_keys("5m")
        follow("form.query-form button[type=submit]")
        assert driver.find_elements(By.CSS_SELECTOR, "figure svg polyline, figure svg circle"), driver.page_source[:2000]
        assert "Graph: 3 series" in driver.find_element(By.TAG_NAME, "main").text
        check_accessibility("/query (graph)")
        driver.save_screenshot(os.path.join(args.shots, "query-graph.png"))
        load("/query?expr=sum(rate(x%5B5m%5D)")
        assert "parse error" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text

        # F1's notification came; nothing about F2 or F3 yet.
        first = wait_for("F1's notification", lambda: received(args.received))
        assert facilities(first[0]) == ["F1"], first

        # A bad silence: inline errors, nothing stored.
        load("/silences")
        driver.find_element(By.ID, "matchers").send_keys('facility_id=~"(F2"')
        driver.find_element(By.ID, "duration").clear()
        driver.find_element(By.ID, "duration").send_keys("soon")
        # Blanks pass the browser's `required` check; the server must still refuse them.
        driver.find_element(By.ID, "created_by").send_keys("  ")
        driver.find_element(By.ID, "comment").send_keys("  ")
        text = follow("form.silence-form button[type=submit]")
        assert "The silence was not created" in text, text
        assert "Matchers:" in text and "Duration:" in text and "Created by:" in text and "Comment:" in text, text
        assert "Active (0)" in text, text
        driver.save_screenshot(os.path.join(args.shots, "silence-errors.png"))

        # The "Silence" link of F1's row pre-fills the matchers.
        load("/alerts")
        follow("Silence", By.LINK_TEXT)
        prefilled = driver.find_element(By.ID, "matchers").get_attribute("value")
        assert 'alertname="BinCacheStale"' in prefilled and 'facility_id="F1"' in prefilled, prefilled

        # A silence for F2, through the form.
        matchers = driver.find_element(By.ID, "matchers")
        matchers.clear()
        matchers.send_keys('alertname="BinCacheStale", facility_id="F2"')
        driver.find_element(By.ID, "created_by").send_keys("on-call")
        driver.find_element(By.ID, "comment").send_keys("F2 cache rebuild in progress")
        text = follow("form.silence-form button[type=submit]")
        assert "created." in text and "Active (1)" in text and 'facility_id="F2"' in text, text
        driver.save_screenshot(os.path.join(args.shots, "silences.png"))

        # F2 and F3 go stale together: the notification bringing F3 must not carry F2.
        with open(args.data + ".tmp", "w", encoding="utf-8") as f:
            f.write('bin_utilization_cache_age_seconds{facility_id="F1"} 1200\n'
                    'bin_utilization_cache_age_seconds{facility_id="F2"} 1300\n'
                    'bin_utilization_cache_age_seconds{facility_id="F3"} 1400\n')
        os.replace(args.data + ".tmp", args.data)
        with_f3 = wait_for("the notification with F3",
                           lambda: [n for n in received(args.received) if "F3" in facilities(n)])
        assert facilities(with_f3[0]) == ["F1", "F3"], with_f3[0]
        assert all("F2" not in facilities(n) for n in received(args.received))
        text = load("/notifications", "notifications")
        assert "Last delivery per group and receiver" in text and "webhook" in text and "delivered" in text, text
        assert "Nothing pending." in text, text
        wait_for("F2 firing and marked silenced on the alerts page", lambda: "firing silenced" in load("/alerts"))
        load("/alerts", "alerts-silenced")

        # Expire it through its button: F2's notification follows.
        load("/silences")
        text = follow("#section-active form button")
        assert "expired." in text and "Active (0)" in text and "Expired (1)" in text, text
        with_f2 = wait_for("the notification with F2 after the silence expired",
                           lambda: [n for n in received(args.received) if "F2" in facilities(n)])
        assert facilities(with_f2[0]) == ["F1", "F2", "F3"], with_f2[0]
        assert "firing silenced" not in load("/alerts")

        # A form posted without the page's token (as another site would) changes nothing.
        request = urllib.request.Request(
            base + "/silences", method="POST",
            data=b"matchers=alertname%3D%22X%22&duration=1h&created_by=x&comment=y",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            urllib.request.urlopen(request, timeout=DEADLINE)
            raise AssertionError("a POST without the CSRF token was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 403, error.code
        assert "Active (0)" in load("/silences")
    finally:
        driver.quit()
    print(f"ui_browser: 8 pages, silence created/expired through the forms, {checks} labelled inputs checked")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"ui_browser: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
