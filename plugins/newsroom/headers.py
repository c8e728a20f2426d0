"""The _headers file that static hosts such as Netlify and Cloudflare Pages
read: security headers for every path, long caching for hashed theme files."""

from __future__ import annotations


def headers_file(csp: str, headers: dict) -> str:
    lines = ["/*"]
    if csp:
        # frame-ancestors works only as a header, not in a <meta> tag.
        lines.append(f"  Content-Security-Policy: {csp}; frame-ancestors 'none'")
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    lines += ["", "/theme/*",
              "  Cache-Control: public, max-age=31536000, immutable", ""]
    return "\n".join(lines)
