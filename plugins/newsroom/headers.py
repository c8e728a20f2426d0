"""The _headers file that static hosts such as Netlify and Cloudflare Pages
read: security headers for every path, long caching for hashed theme files."""

from __future__ import annotations


def headers_file(csp: str, headers: dict, admin: tuple[str, str] | None = None) -> str:
    """`admin`: (folder, policy) of the web editor, whose page needs a wider
    policy than readers' pages (plugins.editor)."""
    lines = ["/*"]
    if csp:
        # frame-ancestors works only as a header, not in a <meta> tag.
        lines.append(f"  Content-Security-Policy: {csp}; frame-ancestors 'none'")
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    lines += ["", "/theme/*",
              "  Cache-Control: public, max-age=31536000, immutable", ""]
    if admin:
        folder, policy = admin
        # `! name` drops the header the /* rule set (Cloudflare Pages); two
        # policies would both apply, and the readers' one stops the editor
        lines += [f"/{folder}/*", "  ! Content-Security-Policy",
                  f"  Content-Security-Policy: {policy}; frame-ancestors 'none'",
                  "  X-Robots-Tag: noindex, nofollow", "  Cache-Control: no-cache", ""]
    return "\n".join(lines)
