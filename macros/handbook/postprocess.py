"""Changes to the built site: in each page's HTML, a Content-Security-Policy and abbreviations a
keyboard can reach; in the theme's scripts, no addresses of other servers.

Pure functions of the HTML, so they can be tested without a build and called from any engine's
page hook.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import unicodedata
from pathlib import Path

# Everything the pages use comes from the site itself. Scripts run only if they are files of the
# site or one of the theme's own inline scripts, each allowed by its hash (their text differs with
# the page's depth, so the hashes are worked out per page). Styles come only from the site's
# stylesheets: no inline styles, which is why the level colours are a generated stylesheet.
POLICY = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'self'"
)

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_ABBR = re.compile(r"<abbr(?P<attrs>[^>]*)>(?P<text>.*?)</abbr>", re.DOTALL)


def _is_javascript(attrs: str) -> bool:
    found = re.search(r"""\btype=["']?([^"'\s>]+)""", attrs)
    return found is None or found.group(1).lower() in ("text/javascript", "module", "application/javascript")


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _is_javascript(match.group("attrs")):
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    return POLICY.format(hashes=" ".join(script_hashes(html))).replace("  ", " ")


def with_content_security_policy(html: str) -> str:
    """The page with a CSP meta element first in its head (it must come before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head(\s[^>]*)?>", lambda m: m.group(0) + "\n    " + meta, html, count=1)


def focusable_abbreviations(html: str) -> str:
    """Give the first use of each abbreviation on a page a place in the tab order.

    The theme shows an abbreviation's meaning when it is hovered or focused; making every use
    focusable would add dozens of stops to each page, so keyboard users meet each one once.
    """
    seen: set[str] = set()

    def first_only(match: re.Match[str]) -> str:
        text = match.group("text")
        if text in seen or "tabindex" in match.group("attrs"):
            return match.group(0)
        seen.add(text)
        return f'<abbr{match.group("attrs")} tabindex="0">{text}</abbr>'

    return _ABBR.sub(first_only, html)


# The theme's script would fetch two files from a public CDN: a ResizeObserver polyfill (for
# browsers without one) and Mermaid (for pages with a Mermaid diagram). Neither happens here, and
# the CSP would block both, but an internal handbook should not even name another server: each
# address becomes an empty script that loads nothing from anywhere.
# (The address ends at a quote, bracket or backslash: in JSON it sits in escaped quotes.)
_CDN_SCRIPT = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com)/[^\s\"'`)\\]*")
NO_SCRIPT = "data:text/javascript,"
_SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^\n]*?\*/)\s*\Z")


def without_cdn_addresses(text: str) -> str:
    return _CDN_SCRIPT.sub(NO_SCRIPT, text)


def tidy_theme_assets(site_dir: Path) -> None:
    """The theme's files in a built site: no CDN addresses in its scripts, and no source maps.

    The source maps (a megabyte and a quarter) are only for debugging the theme itself, and the
    theme's sources in them, comments and all, name the CDN too. The comments pointing to them
    go as well, so a browser's developer tools do not ask for missing files.
    """
    assets = site_dir / "assets"
    for source_map in sorted(assets.rglob("*.map")):
        source_map.unlink()
    for path in sorted(assets.rglob("*")):
        if path.suffix not in (".js", ".css"):
            continue
        # (bytes that are not UTF-8, in a file of the authority's own, are kept exactly as they were)
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        tidied = _SOURCE_MAP_COMMENT.sub("", without_cdn_addresses(text))
        if tidied != text:
            path.write_text(tidied, encoding="utf-8", errors="surrogateescape")


SEARCH_INDEX = "search/search_index.json"  # where MkDocs' (and Material's) search keeps its index
_WORD = re.compile(r"\w+")


def folded(word: str) -> str:
    """A word without its accents: café -> cafe, Cŵd -> Cwd (letters with no plain form stay)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def fold_accents_in_search_index(site_dir: Path) -> None:
    """Let a search typed without accents ("cafe") find words written with them ("café").

    The theme's search (lunr) matches words as typed, and has no setting to fold accents. Each
    entry that has accented words gets their plain forms as well, in a hidden part of its text:
    the search finds them, and a result shows nothing extra. (Hand-written because no pinned
    package does this to the theme's index; it is a few lines over its JSON.)
    """
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for entry in index.get("docs", []):
        words = _WORD.findall(f"{entry.get('title', '')} {re.sub(r'<[^>]*>', ' ', entry.get('text', ''))}")
        plain = sorted({folded(word) for word in words if not word.isascii() and folded(word) != word})
        if plain:
            entry["text"] = f"{entry.get('text', '')} <span hidden>{html.escape(' '.join(plain))}</span>"
            changed = True
    if changed:
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
