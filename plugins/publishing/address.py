"""The address a published site is built for. Its canonical links, feeds,
sitemap and robots.txt carry it, so a wrong one is published everywhere at
once: a production build refuses an empty or local SITEURL instead."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from plugins.common.errors import SettingsError

HOW = ("set it in publishconf.py, or in CI as the variable SITEURL (GitHub: "
       "Settings > Secrets and variables > Actions > Variables; GitLab: Settings > "
       "CI/CD > Variables)")


def check_site_address(settings: dict) -> None:
    """SettingsError unless a production build (PRODUCTION) has a public
    http(s) SITEURL without a trailing slash."""
    if not settings.get("PRODUCTION"):
        return
    url = (settings.get("SITEURL") or "").strip()
    if not url:
        raise SettingsError("SITEURL is empty, and a published site needs its "
                            "address (such as https://example.org) for its canonical "
                            f"links, feeds and sitemap: {HOW}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"SITEURL = {url!r} is not a web address such as "
                            f"https://example.org: {HOW}")
    if _local(parts.hostname):
        raise SettingsError(f"SITEURL = {url!r} is an address of this computer: "
                            "readers' links and feeds would point at their own; "
                            f"use the address the site is published at: {HOW}")
    if url.endswith("/") or parts.query or parts.fragment:
        raise SettingsError(f"SITEURL = {url!r}: write the address without a "
                            f"trailing slash, query or #, as "
                            f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}; {HOW}")


def _local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local
