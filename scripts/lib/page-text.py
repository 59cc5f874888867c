#!/usr/bin/env python3
"""Prints a binwatch web page's <main> as text, one line per heading, row or entry, for
the demo (a terminal has no browser). Usage: curl -s URL | page-text.py [MAX_LINES]"""
import html.parser
import sys

BLOCKS = {"tr", "h1", "h2", "p", "dt", "dd", "li"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.lines, self.current, self.in_main, self.in_form = [], [], False, False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        if tag == "form":  # filters and buttons are for a browser
            self.in_form = True
        if tag in BLOCKS and tag != "dd":
            self.flush()

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "main":
            self.flush()
            self.in_main = False
        if tag in BLOCKS and tag != "dt":
            self.flush()

    def handle_data(self, data):
        if self.in_main and not self.in_form and data.strip():
            self.current.append(" ".join(data.split()))

    def flush(self):
        if self.current:
            self.lines.append(" ".join(self.current))
            self.current = []


page = Page()
page.feed(sys.stdin.read())
page.flush()
limit = int(sys.argv[1]) if len(sys.argv) > 1 else len(page.lines)
for line in page.lines[:limit]:
    print("  " + line)
