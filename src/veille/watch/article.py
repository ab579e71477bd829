"""An article page's HTML -> its body, title, publication date, outlet and canonical URL
(trafilatura for the body and metadata, htmldate for the date)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .urls import normalise

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Article:
    body: str  # the article's text: the raw text of the document
    title: str | None
    published: str | None  # YYYY-MM-DD
    outlet: str | None  # the site's own name for itself
    canonical_url: str | None  # what the page says its address is, normalised

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)


class NoArticle(Exception):
    """The page holds no article body."""


def extract_article(html: bytes, *, url: str, min_chars: int = 80) -> Article:
    """The page's article; NoArticle when what is left once the frame is gone is shorter than
    ``min_chars`` (a menu, a cookie notice, an index page)."""
    import trafilatura

    body = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True)
    if not body or len(body.strip()) < min_chars:
        raise NoArticle("no article body found in the page" + (f" (only {len(body.strip())} characters)"
                                                              if body and body.strip() else ""))
    meta = trafilatura.extract_metadata(html, default_url=url)
    return Article(body=body.replace("\r\n", "\n").replace("\r", "\n"),
                   title=(meta.title if meta else None) or None,
                   published=_date(html, url) or (meta.date if meta else None),
                   outlet=(meta.sitename if meta else None) or None,
                   canonical_url=_canonical(html, url))


def content_hash(text: str) -> str:
    """The same article under two URLs has the same hash, whatever spaces its pages put."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _date(html: bytes, url: str) -> str | None:
    from htmldate import find_date

    try:  # the first publication, not the last update: relative dates are told from it
        return find_date(html, original_date=True, url=url, extensive_search=False)
    except Exception:  # noqa: BLE001 - a page htmldate cannot read has no date, not an error
        return None


def _canonical(html: bytes, url: str) -> str | None:
    from lxml import etree, html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for href in tree.xpath("//head/link[@rel='canonical']/@href"):
        try:
            canonical = normalise(href, base=url)
        except ValueError:
            return None
        # a site that names its home page as every page's canonical URL would make every
        # article a copy of the first: a home page is no article's address
        return None if urlsplit(canonical).path in ("", "/") else canonical
    return None
