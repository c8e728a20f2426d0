"""Production settings: `invoke build --production` and `invoke publish`.

Everything in pelicanconf.py, plus absolute URLs and no drafts.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

# The address the site is published at, without a trailing slash. A
# production build refuses an empty or local one (in CI: the variable SITEURL).
PRODUCTION = True
SITEURL = os.environ.get("SITEURL", "https://socijalna-zastita.example.org")
OUTPUT_PATH = "output"
RELATIVE_URLS = False
SHOW_DRAFTS = False
FEEDS = True
# Pagefind's search index per locale, built into output/pagefind/.
SEARCH_INDEX = True
# The pages of the last production build, beside content/: a page that
# shows nothing that changed is taken from there instead of rendered again
# (a deploy after a one-item edit, with .cache/ restored).
PAGE_CACHE = ".cache/pages"
# Each text as read and checked, in the Markdown cache: an unchanged file is
# not parsed and checked again (its warnings are said again all the same).
READ_CACHE = True

# Where `invoke deploy` sends the published folder: a gh-pages branch of this
# repository (pushed to `remote`; "cname": "vijesti.example.org" serves it at
# a custom domain, SITEURL's host), or an rsync destination such as
# {"method": "rsync", "destination": "user@host:/srv/site/"}.
DEPLOY = {"method": "gh-pages", "branch": "gh-pages", "remote": "origin"}

# The web editor on the published site, signing in to the repository's host
# (README, "Edit in the browser"). None: the published site has no /admin/.
# GitLab, no server needed (PKCE); a GitLab of your own adds "base_url" and
# "api_root" (https://git.example.org, https://git.example.org/api/v4):
#   EDITOR = {"backend": "gitlab", "repo": "ngo/site", "app_id": "<Application ID>",
#             "branch": "main", "editorial_workflow": True}
# GitHub, through a small OAuth service at base_url (README: the Cloudflare
# Worker sveltia-cms-auth, free tier, is the smallest we know):
#   EDITOR = {"backend": "github", "repo": "ngo/site",
#             "base_url": "https://sveltia-cms-auth.<account>.workers.dev"}
# "editorial_workflow": True saves drafts as merge (pull) requests to review.
EDITOR = None
