"""A production build refuses an address readers cannot reach: an empty
SITEURL (a CI variable never set) or one on this computer would put
127.0.0.1 in every canonical link, feed and sitemap of the published site."""

from __future__ import annotations

import pytest

from plugins.common.errors import SettingsError
from tests.conftest import build_site


@pytest.mark.parametrize("siteurl,words", [
    ("", "SITEURL is empty"),
    ("   ", "SITEURL is empty"),
    ("http://127.0.0.1:8000", "an address of this computer"),
    ("http://localhost:8000", "an address of this computer"),
    ("http://[::1]:8000", "an address of this computer"),
    ("http://0.0.0.0", "an address of this computer"),
    ("socijalna-zastita.example.org", "is not a web address"),
    ("ftp://example.org", "is not a web address"),
    ("https://example.org/", "without a trailing slash"),
])
def test_a_production_build_refuses_the_address(content, tmp_path, siteurl, words):
    out = tmp_path / "out"
    with pytest.raises(SettingsError, match=words) as refused:
        build_site(content, out, production=True, SITEURL=siteurl)
    assert "SITEURL" in str(refused.value)
    assert "variable SITEURL" in str(refused.value)  # how to set it in CI
    assert not out.exists()


def test_an_unset_ci_variable_is_refused_by_publish_and_check(content, tmp_path,
                                                              monkeypatch, capsys):
    """GitHub passes a variable that was never set as an empty string."""
    monkeypatch.setenv("SITEURL", "")
    with pytest.raises(SettingsError, match="SITEURL is empty"):
        build_site(content, tmp_path / "out", production=True)
    import tasks
    from invoke import Context
    from invoke.exceptions import Exit
    with pytest.raises(Exit) as stopped:
        tasks.check(Context(), content=str(content), production=True)
    assert stopped.value.code == 2
    assert "settings error: SITEURL is empty" in capsys.readouterr().err


@pytest.mark.slow
def test_a_preview_and_a_public_address_build(content, tmp_path):
    build_site(content, tmp_path / "preview")               # SITEURL "" is fine here
    build_site(content, tmp_path / "out", production=True,
               SITEURL="https://example.org/vijesti")
    assert 'href="https://example.org/vijesti/' in \
        (tmp_path / "out/sr-cyrl/index.html").read_text(encoding="utf-8")
