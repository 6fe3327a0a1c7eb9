"""A site holding every payload the check accepts, opened in a real browser: nothing runs.

Script, event handlers, frames, style and refresh markup are appended to every text of the
sample; the check accepts them (they are text), and on every page, in the search results and
in the journey diagram, the browser shows no dialog, reports no Content-Security-Policy
violation (nothing was even tried) and asks no other host for anything.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import copy_project, handbook, hosts
from test_safety import append_to_every_text

pytestmark = pytest.mark.browser

PAYLOAD = (' <img src=x onerror=alert(1)> <script>alert(2)</script> "><svg onload=alert(3)>'
           " '><iframe src=javascript:alert(4)></iframe> <a href=\"javascript:alert(5)\">x</a>"
           " <style>body{display:none}</style> <meta http-equiv=refresh content=\"0;url=https://evil.example/\">"
           " <object data=https://evil.example/x></object> &lt;b&gt; {{ 7*1913 }}")
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path_factory.mktemp("payloads") / "project")
    assert append_to_every_text(project, PAYLOAD) > 500
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    site = project / "site"

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()


def test_no_page_runs_or_fetches_anything_the_data_holds(browser, payload_server: tuple[str, Path]) -> None:
    base, site = payload_server
    context = browser.new_context()
    context.add_init_script(WATCH)
    tab = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    refused: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("console",
           lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        address = base + ("" if path == "." else path + "/")
        tab.goto(address)
        tab.wait_for_load_state("networkidle")
        assert tab.url == address, f"{path}: the page moved to {tab.url}"
        assert tab.evaluate("window.__violations") == [], path
        assert tab.locator("article").first.is_visible(), f"{path}: the content is hidden"
        assert not tab.locator(
            "article img[src='x'], article iframe, article object, article svg[onload]").count(), path
    text = tab.locator("article").inner_text()
    assert "<img src=x onerror=alert(1)>" in text  # shown as typed
    # The search results show the titles and text of matching sections: as text there too.
    tab.goto(base)
    tab.keyboard.press("/")
    tab.keyboard.type("onerror")
    tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert tab.locator(".md-search-result img, .md-search-result iframe").count() == 0
    assert tab.evaluate("window.__violations") == []
    assert dialogs == [] and refused == []
    assert hosts(requests) == {urlparse(base).netloc}
    context.close()
