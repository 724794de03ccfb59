"""Markdown rendering: features work, and nothing active survives sanitisation."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cmstudio.core.render import render_html, safe_url, standalone_html


class _Collect(HTMLParser):
    """Every tag and attribute of the output, parsed as a browser would tokenise it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))


def parse(html: str) -> _Collect:
    c = _Collect()
    c.feed(html)
    c.close()
    return c


def assert_inert(html: str) -> None:
    parsed = parse(html)
    forbidden_tags = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input",
                      "base", "meta", "link", "frame", "frameset", "video", "audio"}
    assert not forbidden_tags & set(parsed.tags), parsed.tags
    for tag, name, value in parsed.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("style", "srcdoc", "formaction", "xlink:href"), (tag, name)
        compact = re.sub(r"[\x00-\x20]", "", value).lower()
        assert not compact.startswith(("javascript:", "vbscript:")), (tag, name, value)
        if compact.startswith("data:"):
            assert tag == "img" and name == "src" and compact.startswith("data:image/png"), (tag, name)


XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x.png" onerror="alert(1)">',
    "<img src=x OnError=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x><button formaction="javascript:alert(1)">b</button></form>',
    '<div onclick="alert(1)" onmouseover="alert(2)">hover</div>',
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<details open ontoggle=alert(1)>x</details>",
    '<video><source onerror="alert(1)"></video>',
    "![x](javascript:alert(1))",
    '<img src="x" srcset="javascript:alert(1) 1x">',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="#" id="x" class="evil" data-x="1" tabindex="1">ok</a>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]


@pytest.mark.parametrize("payload", XSS)
def test_active_content_never_survives(payload: str) -> None:
    html = render_html(f"Intro\n\n{payload}\n\nFin {payload}").html
    assert_inert(html)
    assert "Intro" in html and "Fin" in html


def test_dangerous_text_is_kept_as_visible_text() -> None:
    html = render_html("Use `<script>alert(1)</script>` in code").html
    assert "&lt;script&gt;" in html
    assert_inert(html)


def test_safe_links_keep_target_and_get_noopener() -> None:
    html = render_html("[site](https://example.com/a?b=1&c=2) and [mail](mailto:cm@example.com)").html
    parsed = parse(html)
    hrefs = [v for t, n, v in parsed.attrs if t == "a" and n == "href"]
    rels = [v for t, n, v in parsed.attrs if t == "a" and n == "rel"]
    assert hrefs == ["https://example.com/a?b=1&c=2", "mailto:cm@example.com"]
    assert rels == ["noopener", "noopener"]


def test_images_keep_alt_and_data_png_is_allowed_on_images_only() -> None:
    png = "data:image/png;base64,iVBORw0KGgo="
    html = render_html(f"![Un chat]({png}) [lien]({png})").html
    parsed = parse(html)
    assert ("img", "alt", "Un chat") in parsed.attrs
    assert ("img", "src", png) in parsed.attrs
    assert not [a for a in parsed.attrs if a[0] == "a" and a[1] == "href"]


def test_tables_footnotes_code_and_toc() -> None:
    md = (
        "# Les réseaux sociaux en 2027\n\n"
        "## L'été & « vous »\n\n"
        "| Réseau | Limite |\n|:--|--:|\n| X | 280 |\n| Bluesky | 300 |\n\n"
        "Une affirmation[^src].\n\n"
        "```python\nprint('bonjour')\n```\n\n"
        "### Détails\n\n"
        "[^src]: La source.\n"
    )
    result = render_html(md, lang="fr")
    parsed = parse(result.html)
    assert {"table", "thead", "tbody", "th", "td", "pre", "code", "sup", "ol"} <= set(parsed.tags)
    assert ("td", "align", "right") in parsed.attrs
    assert ("code", "class", "language-python") in parsed.attrs
    assert [(e.level, e.title) for e in result.toc] == [
        (1, "Les réseaux sociaux en 2027"), (2, "L'été & « vous »"), (3, "Détails")]
    ids = {v for t, n, v in parsed.attrs if n == "id"}
    for entry in result.toc:
        assert entry.id in ids
    assert result.toc[0].id == "les-reseaux-sociaux-en-2027"
    footnote_targets = [v for t, n, v in parsed.attrs if t == "a" and n == "href" and v.startswith("#")]
    assert footnote_targets and all(t[1:] in ids for t in footnote_targets)
    assert "Revenir" in result.html
    # Counted by hand: 5 (title) + 2 (L'été, vous) + 6 (table) + 2 + 1 (Détails) + 2 (footnote).
    assert result.words == 18


def test_duplicate_headings_get_distinct_ids() -> None:
    result = render_html("## Intro\n\ntext\n\n## Intro\n")
    assert len({e.id for e in result.toc}) == 2


def test_media_resolver_rewrites_images_but_cannot_inject() -> None:
    def resolver(src: str) -> str | None:
        if src == "media:abc":
            return "file:///media/ab/abc.jpg"
        if src == "media:evil":
            return "javascript:alert(1)"
        return None

    html = render_html("![a](media:abc) ![b](media:evil) ![c](https://cdn.example/c.png)",
                       media_resolver=resolver).html
    srcs = [v for t, n, v in parse(html).attrs if t == "img" and n == "src"]
    assert srcs == ["file:///media/ab/abc.jpg", "https://cdn.example/c.png"]


def test_file_scheme_is_refused_for_links() -> None:
    assert not safe_url("file:///etc/passwd")
    assert safe_url("file:///tmp/x.png", image=True)
    assert safe_url("relative/path.png") and safe_url("#fn:1")


def test_standalone_document() -> None:
    doc = standalone_html("Titre <b>gras</b> & co", "Texte avec **gras**.\n", "fr")
    assert doc.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in doc
    assert "<title>Titre &lt;b&gt;gras&lt;/b&gt; &amp; co</title>" in doc
    assert "prefers-color-scheme: dark" in doc
    assert "max-width: 40em" in doc
    assert "Content-Security-Policy" in doc and "default-src 'none'" in doc
    assert "<strong>gras</strong>" in doc
    assert '<html lang="und">' in standalone_html("T", "x", '"><script>')
