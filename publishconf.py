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

# Where `invoke deploy` sends the published folder: a gh-pages branch of this
# repository (pushed to `remote`; "cname": "vijesti.example.org" serves it at
# a custom domain, SITEURL's host), or an rsync destination such as
# {"method": "rsync", "destination": "user@host:/srv/site/"}.
DEPLOY = {"method": "gh-pages", "branch": "gh-pages", "remote": "origin"}

# The web editor on the published site, signing in to the repository's host
# (README, "Edit in the browser"). None: the published site has no /admin/.
# GitLab, no server needed (PKCE):
#   EDITOR = {"backend": "gitlab", "repo": "ngo/site", "app_id": "<Application ID>",
#             "branch": "main", "editorial_workflow": True}
# GitHub, through an OAuth service of your own at base_url:
#   EDITOR = {"backend": "github", "repo": "ngo/site", "base_url": "https://auth.example.org"}
EDITOR = None
