"""Links between items by their files: `[text](other.bs.md)` becomes a link
to that item's page in the reader's locale; a missing item is an error."""

from __future__ import annotations

import pytest

from tests.test_assets import small_pdf
from tests.conftest import build_site, html, run_check, write

ITEM = "---\ntitle: {title}\ndate: {date}\n---\n{body}\n"


def test_links_to_items_follow_the_readers_locale(content, tmp_path):
    write(content, "news/2017/first.bs.md", ITEM.format(title="Prva", date="2017-01-10",
                                                         body="## Detalji\n\nTekst."))
    write(content, "news/2017/first.vi.md", "---\ntitle: Đầu tiên\n---\nVăn bản.\n")
    write(content, "news/2017/second.bs.md", ITEM.format(
        title="Druga", date="2017-02-10",
        body="Vidi [prvu vijest](first.bs.md#detalji) i [ok](ok.sr-cyrl.md)."))
    write(content, "news/2017/second.vi.md", "---\ntitle: Thứ hai\n---\n"
          "Xem [tin đầu](/news/2017/first.bs.md), [ok](ok.sr-cyrl.md).\n")
    out = tmp_path / "out"
    build_site(content, out)
    bs = {a.get_text(): a["href"] for a in
          html(out / "bs/vijesti/second/index.html").select(".news-item-body a")}
    assert bs["prvu vijest"] == "/bs/vijesti/first/#detalji"
    # no bs version: where bs lists show it, in Serbian Latin (LOCALE_FALLBACKS)
    assert bs["ok"] == "/sr-latn/vesti/ok/"
    vi = [a["href"] for a in
          html(out / "vi/tin-tuc/second/index.html").select(".news-item-body a")]
    assert vi[0] == "/vi/tin-tuc/first/"         # the same item, in the reader's locale
    assert vi[1] == "/sr-cyrl/vesti/ok/"         # no fallback: the file's own locale


def test_a_link_to_a_missing_item_is_an_error(content, capsys):
    rel = write(content, "news/2017/second.bs.md", ITEM.format(
        title="Druga", date="2017-02-10", body="Tekst.\n\nVidi [prvu](nema.bs.md)."))
    code, out = run_check(content, capsys)
    assert code == 1 and f"content/{rel}:7:" in out and "`nema.bs.md`" in out, out


@pytest.mark.slow
def test_body_links_carry_the_path_of_a_site_in_a_sub_folder(content, tmp_path):
    small_pdf(content / "news/2017/report.pdf")
    write(content, "news/2017/first.bs.md", ITEM.format(title="Prva", date="2017-01-10",
                                                         body="Tekst."))
    write(content, "news/2017/second.bs.md", ITEM.format(
        title="Druga", date="2017-02-10",
        body="[izvještaj](report.pdf), [prva](first.bs.md), [spolja](https://example.com/x)"))
    out = tmp_path / "out"
    build_site(content, out, production=True, SITEURL="https://example.org/vijesti")
    links = {a.get_text(): a["href"] for a in
             html(out / "bs/vijesti/second/index.html").select(".news-item-body a")}
    assert links == {"izvještaj": "/vijesti/news/2017/report.pdf",
                     "prva": "/vijesti/bs/vijesti/first/",
                     "spolja": "https://example.com/x"}
