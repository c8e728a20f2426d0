"""The web editor at /admin/: its configuration made from the schema, its
settings, its page and the local saves of `invoke serve`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins import editor
from plugins.common.errors import SettingsError
from plugins.content import load_locales, load_site, schema
from plugins.editor.config import decap_config, registries
from plugins.editor.labels import CONTEXT, SHARED, messages, words
from plugins.i18n.catalogs import po_path, read_catalog
from plugins.editor.local import LocalRepository, Refused
from tests.conftest import ROOT, build_site, html, settings_for

INSTALLED = (editor.vendor_folder(ROOT) / f"{editor.PACKAGE}.js").is_file()
need_bundle = pytest.mark.skipif(not INSTALLED, reason="`invoke editor-install` first "
                                 "(scripts/setup-dev.sh runs it)")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    settings = settings_for(ROOT / "content", tmp_path_factory.mktemp("cfg") / "out")
    locales = load_locales(settings)
    site, problems = load_site(settings)
    assert not problems.errors
    config = decap_config(locales, site, editor.backend_config({"backend": "local"}))
    # what Decap reads: JSON, as published
    return json.loads(json.dumps(config)), locales, site


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def by_name(fields):
    return {f["name"]: f for f in fields}


@pytest.mark.parametrize("name, fields", [("news", schema.NEWS), ("pages", schema.PAGE),
                                          ("project_texts", schema.PROJECT_TEXT)])
def test_i18n_collections_have_every_schema_field(seed, name, fields):
    config, locales, _ = seed
    found = by_name(collection(config, name)["fields"])
    assert set(found) == set(fields) | {"body"}, "the editor and the schema differ"
    for field, spec in fields.items():
        assert found[field]["required"] == spec.required, field
        # neutral: written once (Decap's i18n `none`); the rest translated
        assert found[field]["i18n"] is (not spec.neutral), field
        # a shared field says where it is written (its value is in the
        # original's file: empty when another language's file is open)
        assert (found[field].get("hint") == SHARED) is spec.neutral, field
    assert found["body"]["widget"] == "markdown" and found["body"]["i18n"] is True


def test_layout_is_ours(seed):
    config, locales, _ = seed
    assert config["i18n"] == {"structure": "multiple_files",
                              "locales": ["sr-cyrl", "sr-latn", "bs", "vi"],
                              "default_locale": "sr-cyrl"}
    news = collection(config, "news")
    assert news["folder"] == "content/news" and news["extension"] == "md"
    assert news["path"] == "{{year}}/{{slug}}" and news["i18n"] is True
    # pictures beside the item, written as `photo.jpg`
    assert news["media_folder"] == "" and news["public_folder"] == ""
    assert config["media_folder"] == "content/images" and config["public_folder"] == "/images"
    assert collection(config, "pages")["folder"] == "content/pages"


def test_choices_come_from_the_registries(seed):
    config, _, site = seed
    fields = by_name(collection(config, "news")["fields"])
    assert [o["value"] for o in fields["project"]["options"]] == sorted(site.projects)
    assert fields["project"]["multiple"] is False
    assert {o["value"] for o in fields["topics"]["options"]} == set(site.topics)
    assert fields["topics"]["multiple"] is True
    lgbti = next(o for o in fields["topics"]["options"] if o["value"] == "lgbti")
    assert lgbti["label"] == site.topics["lgbti"].label["sr-Cyrl"]
    assert [o["value"] for o in fields["translate_to"]["options"]] == \
        ["sr-cyrl", "sr-latn", "bs", "vi"]
    assert fields["draft"]["widget"] == "boolean"
    assert fields["image"]["widget"] == "image" and fields["image"]["choose_url"] is False
    assert fields["slug"]["pattern"][0] == r"^[a-z0-9]+(-[a-z0-9]+)*$"
    assert fields["date"]["format"] == "YYYY-MM-DD"
    assert fields["aliases"]["widget"] == "list"


@pytest.mark.parametrize("name, fields", [("projects", schema.PROJECT)])
def test_registry_collections_match_their_schema(seed, name, fields):
    config, locales, _ = seed
    found = by_name(collection(config, name)["fields"])
    assert set(found) == set(fields)
    for field, spec in fields.items():
        assert found[field]["required"] == spec.required, field
    # a name per locale, the default one required
    name_fields = by_name(found["name"]["fields"])
    assert list(name_fields) == list(locales.tags)
    assert name_fields["sr-Cyrl"]["required"] and not name_fields["vi"]["required"]
    assert found["status"]["options"] == ["ongoing", "completed"]
    assert set(by_name(found["funders"]["fields"])) == set(schema.ORGANISATION_REF)


def test_topics_and_contact_files(seed):
    config, _, site = seed
    topics = collection(config, "topics")["files"][0]
    assert topics["file"] == "content/topics.yml"
    assert [f["name"] for f in topics["fields"]] == list(site.topics)
    for field in topics["fields"]:
        assert set(by_name(field["fields"])) == set(schema.TOPIC)
    contact = collection(config, "contact")["files"][0]
    found = by_name(contact["fields"])
    assert set(found) == set(schema.CONTACT)
    assert set(by_name(found["organisations"]["fields"])) == set(schema.ORGANISATION)
    assert [o["value"] for o in found["publisher"]["options"]] == \
        [org["key"] for org in site.contact.organisations]


def test_a_field_the_editor_cannot_write_is_an_error(seed, monkeypatch):
    _, locales, site = seed
    monkeypatch.setitem(schema.NEWS, "mood", schema.Field(lambda value, ctx: value))
    with pytest.raises(TypeError, match="no widget for field `mood`"):
        decap_config(locales, site, {"name": "proxy"})


def test_registries_by_locale(seed):
    _, _, site = seed
    found = registries(site)
    assert found["projects"]["duga"]["bs"].startswith("Stvaranje tolerancije")
    assert found["topics"]["lgbti"] == {"sr-Cyrl": "ЛГБТИ", "bs": "LGBTI", "vi": "LGBTI"}


# --- the editor's words in the staff's language --------------------------------

def shown_words(config: dict, locales) -> set[str]:
    """The labels, hints and pattern messages the configuration shows,
    but for the names of languages and of topics (data, not words)."""
    found, names = set(), {loc.name for loc in locales}

    def walk(fields, topic_keys=()):
        for field in fields or []:
            if field["label"] not in names and field["name"] not in topic_keys:
                found.add(field["label"])
            found.update(w for w in (field.get("hint"), (field.get("pattern") or [0, 0])[1])
                         if w)
            walk(field.get("fields"))
            walk([field["field"]] if "field" in field else [])
    for c in config["collections"]:
        found.update(w for w in (c["label"], c.get("label_singular")) if w)
        walk(c.get("fields"))
        for file in c.get("files", []):
            found.add(file["label"])
            topic_keys = {f["name"] for f in file["fields"]} if c["name"] == "topics" else ()
            walk(file["fields"], topic_keys)
            for field in file["fields"]:
                if field["name"] in topic_keys:
                    walk(field["fields"])
    return found


def test_every_word_of_the_editor_is_translated(seed):
    config, locales, _ = seed
    shown = shown_words(config, locales)
    assert "Vijesti" not in shown and "News" in shown and "What the picture shows" in shown
    assert shown <= set(messages()), "give these a line in plugins/editor/labels.py"
    translations = ROOT / "theme" / "translations"
    for locale in locales:
        if locale.derive_from:
            continue
        catalog = read_catalog(po_path(translations, locale.babel), locale.babel)
        missing = [m for m in messages() if not (catalog.get(m, context=CONTEXT)
                                                 and catalog.get(m, context=CONTEXT).string)]
        assert not missing, f"{locale.tag}: translate these (msgctxt \"editor\") in " \
            f"{po_path(translations, locale.babel)}: {missing}"
    found = words(translations, locales, settings_for(ROOT / "content", ROOT / "unused"))
    assert found["bs"]["News"] == "Vijesti" and found["vi"]["News"] == "Tin tức"
    assert found["sr-cyrl"]["News"] == "Вести"
    # Serbian Latin is derived from the Cyrillic catalog
    assert found["sr-latn"]["News"] == "Vesti"
    assert found["sr-latn"]["What the picture shows"] == "Šta slika prikazuje"


def test_a_field_without_its_words_fails(seed, monkeypatch):
    _, locales, site = seed
    monkeypatch.setitem(schema.NEWS, "mood", schema.Field(schema.text))
    config = json.loads(json.dumps(decap_config(locales, site, {"name": "proxy"})))
    assert shown_words(config, locales) - set(messages()) == {"Mood"}


# --- the admin page's own functions, run by Node ------------------------------

EDITOR_JS = ROOT / "plugins" / "editor" / "admin" / "editor.js"
RUN_JS = """const f = require(process.argv[1]); let input = "";
process.stdin.on("data", d => input += d).on("end", () => {
  const {name, calls} = JSON.parse(input);
  process.stdout.write(JSON.stringify(calls.map(args => f[name](...args))));
});"""


def run_js(name: str, calls: list) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the admin page's functions are not run "
                    "(scripts/setup-dev.sh installs it)")
    done = subprocess.run([node, "-e", RUN_JS, str(EDITOR_JS)], check=True, timeout=60,
                          input=json.dumps({"name": name, "calls": calls}),
                          capture_output=True, text=True)
    return json.loads(done.stdout)


TITLES = [
    ("sr-Cyrl", "Завршна конференција пројекта „Дуга“ у Београду"),
    ("sr-Cyrl", "ЉУБАВ и ЊЕГОВАЊЕ: Ђорђе, Џеферсон и Шћепан"),
    ("sr-Cyrl", "Округли сто -{GIZ}- у Новом Саду, 2019."),
    ("sr-Latn", "Đurđevdan u Čačku: žene, šećer i ćilim"),
    ("sr-Latn", "Rezultati projekta GIZ-a u Bijeljini (2018)"),
    ("bs", "Uposlenici i uposlenice centara za socijalni rad podijelili/e iskustva"),
    ("bs", "Đaci iz Tuzle – „Sigurna mreža“ & LGBTI+ podrška"),
    ("vi", "Tập huấn dịch vụ an toàn cho người LGBT tại Cần Thơ"),
    ("vi", "Đà Nẵng: Hội thảo về sức khỏe tâm thần ở Tuzla"),
    ("vi", "Người đồng tính, song tính và chuyển giới được đối xử thế nào?"),
    ("bs", "Riječ " * 30),
    ("sr-Cyrl", "Ђ" * 100),
    ("vi", "Ưu tiên — Ơn ơi"),
]


def test_the_admin_pages_slug_is_the_builds():
    from plugins.translit.slugs import slug_table, slugify
    table = slug_table()
    found = run_js("slugify", [[title, table, lang == "vi"] for lang, title in TITLES])
    assert found == [slugify(title, lang) for lang, title in TITLES]


def test_a_new_items_slug_agrees_with_its_file_name():
    raw = "---\ntitle: Radionica\nslug: radionica\ndate: 2026-05-14\n---\nslug: in text\n"
    found = run_js("agreeingSlug", [
        [raw, "content/news/2026/radionica-1.bs.md"],
        [raw, "content/news/2026/radionica.bs.md"],
        ["---\ntitle: Hội thảo\n---\nText\n", "content/news/2026/radionica-1.vi.md"]])
    assert found[0] == raw.replace("slug: radionica\n", "slug: radionica-1\n")
    assert found[1] == raw
    assert found[2] == "---\ntitle: Hội thảo\n---\nText\n", "no slug line is added"


def test_a_new_items_address_is_free():
    files = [{"file": {"path": "content/news/2025/radionica.bs.md"},
              "data": "---\ntitle: R\n---\n"},
             {"file": {"path": "content/news/2025/radionica.vi.md"}, "data": "---\n---\n"},
             {"file": {"path": "content/news/2024/okrugli-sto.sr-cyrl.md"},
              "data": "---\ntitle: O\nslug: 'round-table'\n---\nslug: not-this\n"},
             {"file": {"path": "content/news/2026/radionica-1.bs.md"}, "data": "T"}]
    taken = run_js("takenSlugs", [[files]])[0]
    assert taken == {"radionica": "content/news/2025/radionica.bs.md",
                     "okrugli-sto": "content/news/2024/okrugli-sto.sr-cyrl.md",
                     "round-table": "content/news/2024/okrugli-sto.sr-cyrl.md",
                     "radionica-1": "content/news/2026/radionica-1.bs.md"}
    assert run_js("freeSlug", [["radionica", taken], ["round-table", taken],
                               ["novo", taken]]) == ["radionica-2", "round-table-1", "novo"]


def test_the_admin_page_asks_for_what_the_check_requires():
    found = run_js("undescribed", [
        [{"image": "radionica.jpg", "image_alt": "Učesnici"}],
        [{"image": "radionica.jpg", "image_alt": " "}],
        [{"image": "", "body": "![Učesnici](a.jpg) i ![](b.jpg){.decorative}"}],
        [{"body": "Tekst\n\n![](a.jpg)"}],
        [{"image": "a.jpg", "body": "![ ](a.jpg \"naslov\")"}]])
    assert found == [[], ["no_image_alt"], [], ["no_picture_alt"],
                     ["no_image_alt", "no_picture_alt"]]


def test_a_translation_shows_the_originals_shared_fields():
    original = ("---\ntitle: \"Okrugli sto\"\ndate: 2022-03-28  # from the source\n"
                "project: duga\ntopics:\n  - lgbti\n  - trainings\nsummary: S\n---\nTekst\n")
    neutral = [f for f, spec in schema.NEWS.items() if spec.neutral]
    found = run_js("withShared", [
        ["---\ntitle: Bàn tròn\n---\nNội dung.\n", original, neutral],
        ["Nội dung.\n", original, neutral],
        ["---\ntitle: Bàn tròn\ndate: 2022-03-29\n---\nX\n", original, neutral],
        [original, "---\ntitle: Bàn tròn\n---\nNội dung.\n", neutral]])
    assert found[0] == {"raw": "---\ntitle: Bàn tròn\ndate: 2022-03-28  # from the source\n"
                               "project: duga\ntopics:\n  - lgbti\n  - trainings\n---\n"
                               "Nội dung.\n", "copied": ["date", "project", "topics"]}
    assert found[1]["raw"].startswith("---\ndate: 2022-03-28") and \
        found[1]["raw"].endswith("---\nNội dung.\n")
    # what the translation writes itself stays, and nothing comes from a file without them
    assert found[2]["copied"] == ["project", "topics"] and "2022-03-29" in found[2]["raw"]
    assert found[3] == {"raw": original, "copied": []}


def test_files_without_text_are_left_out():
    translatable = {"title": True, "summary": True}
    found = run_js("written", [
        ["---\ndraft: false\n---\n", translatable],
        ["---\ntitle: Tin\n---\n", translatable],
        ["---\n---\nText\n", translatable], ["", translatable]])
    assert found == [False, True, True, False]


# --- settings -----------------------------------------------------------------

@pytest.mark.parametrize("setting, message", [
    ("local", "must be None"),
    ({"backend": "dropbox"}, "EDITOR['backend'] = 'dropbox'"),
    ({"backend": "gitlab", "repo": "ngo/site"}, "EDITOR['app_id'] is missing"),
    ({"backend": "github", "repo": "site"}, "EDITOR['repo'] = 'site'"),
    ({"backend": "github", "repo": "ngo/site"}, "EDITOR['base_url'] is missing"),
    ({"backend": "local", "repo": "ngo/site"}, "EDITOR['repo'] is for"),
    ({"backend": "local", "workflow": True}, "unknown keys ['workflow']"),
    ({"backend": "local", "editorial_workflow": "yes"}, "EDITOR['editorial_workflow']"),
    ({"backend": "local", "editorial_workflow": True}, "EDITOR['editorial_workflow'] is for "
                                                       "the github and gitlab backends"),
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "x", "editorial_workflow": 1},
     "EDITOR['editorial_workflow'] must be True or False"),
    ({"backend": "github", "repo": "ngo/site", "base_url": "http://auth.example.org"},
     "EDITOR['base_url'] = 'http://auth.example.org': an address starting with https://"),
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "x", "api_root": "gitlab.ngo.org"},
     "EDITOR['api_root'] = 'gitlab.ngo.org'"),
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "x", "branch": ""},
     "EDITOR['branch'] = '': a text without spaces"),
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": 42}, "EDITOR['app_id'] = 42"),
    ({"backend": "github", "repo": "ngo/site", "base_url": "https://a.example.org",
      "app_id": "x"}, "EDITOR['app_id'] is for the gitlab backend"),
])
def test_inconsistent_settings_name_the_setting(setting, message):
    with pytest.raises(SettingsError, match=message.replace("[", r"\[").replace("]", r"\]")
                       .replace("(", r"\(")):
        editor.load_editor({"EDITOR": setting})


@pytest.mark.parametrize("setting, expected, hosts", [
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "abc"},
     {"backend": {"name": "gitlab", "repo": "ngo/site", "branch": "main", "auth_type": "pkce",
                  "app_id": "abc"}}, ["https://gitlab.com"]),
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "abc", "branch": "content",
      "editorial_workflow": True},
     {"backend": {"name": "gitlab", "repo": "ngo/site", "branch": "content",
                  "auth_type": "pkce", "app_id": "abc"},
      "publish_mode": "editorial_workflow"}, ["https://gitlab.com"]),
    # a GitLab of the organisation's own
    ({"backend": "gitlab", "repo": "ngo/site", "app_id": "abc",
      "base_url": "https://git.ngo.org", "api_root": "https://git.ngo.org/api/v4"},
     {"backend": {"name": "gitlab", "repo": "ngo/site", "branch": "main", "auth_type": "pkce",
                  "app_id": "abc", "base_url": "https://git.ngo.org",
                  "api_root": "https://git.ngo.org/api/v4"}},
     ["https://git.ngo.org", "https://git.ngo.org/api/v4", "https://gitlab.com"]),
    ({"backend": "github", "repo": "ngo/site", "base_url": "https://auth.ngo.workers.dev",
      "editorial_workflow": True},
     {"backend": {"name": "github", "repo": "ngo/site", "branch": "main",
                  "base_url": "https://auth.ngo.workers.dev"},
      "publish_mode": "editorial_workflow"},
     ["https://api.github.com", "https://auth.ngo.workers.dev"]),
    ({"backend": "local"}, {"backend": {"name": "proxy", "proxy_url": editor.LOCAL_API,
                                        "branch": "main"}}, []),
])
def test_production_backends(setting, expected, hosts):
    assert editor.editor_config(editor.load_editor({"EDITOR": setting})) == expected
    connect = editor.csp(setting).split("connect-src ")[1].split(";")[0]
    assert connect.split() == ["'self'", "blob:", *hosts]


def test_backends():
    assert editor.backend_config({"backend": "local"})["proxy_url"] == editor.LOCAL_API
    gitlab = editor.backend_config({"backend": "gitlab", "repo": "ngo/site", "app_id": "x"})
    assert gitlab == {"name": "gitlab", "repo": "ngo/site", "branch": "main",
                      "auth_type": "pkce", "app_id": "x"}
    policy = editor.csp({"backend": "gitlab", "repo": "ngo/site", "app_id": "x"})
    assert "connect-src 'self' blob: https://gitlab.com;" in policy
    assert "connect-src 'self' blob:;" in editor.csp({"backend": "local"})


# --- the published page -------------------------------------------------------

@need_bundle
def test_admin_page_is_published_apart(tmp_path):
    out = tmp_path / "out"
    build_site(ROOT / "content", out, EDITOR={"backend": "local"})
    page = html(out / "admin" / "index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert policy == editor.csp({"backend": "local"})
    assert [s["src"] for s in page.select("script")] == ["editor.js", "decap-cms.js"]
    assert not page.select("script:not([src])"), "no inline script"
    config = json.loads((out / "admin" / "config.json").read_text(encoding="utf-8"))
    assert config["backend"]["proxy_url"] == editor.LOCAL_API
    assert config["glasnik"]["preview_css"].startswith("/theme/css/site.")
    assert (out / config["glasnik"]["preview_css"].lstrip("/")).is_file()
    assert "admin" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    headers = (out / "_headers").read_text(encoding="utf-8")
    assert "/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: " + policy \
        in headers
    # readers' pages are those of a build without the editor, byte for byte
    plain = tmp_path / "plain"
    build_site(ROOT / "content", plain)
    for path in plain.rglob("*.html"):
        assert path.read_bytes() == (out / path.relative_to(plain)).read_bytes(), path


@need_bundle
def test_readers_pages_are_the_same_with_a_production_editor(tmp_path):
    setting = {"backend": "gitlab", "repo": "ngo/site", "app_id": "abc",
               "editorial_workflow": True}
    out, plain = tmp_path / "out", tmp_path / "plain"
    build_site(ROOT / "content", out, production=True, EDITOR=setting)
    build_site(ROOT / "content", plain, production=True)
    config = json.loads((out / "admin" / "config.json").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "gitlab" and \
        config["publish_mode"] == "editorial_workflow"
    assert config["site_url"].startswith("https://")
    # pagefind's filter and meta files differ between any two builds (names
    # and bytes): left out here; the index is made from the views, and /admin/
    # is none
    with_editor = {p.relative_to(out) for p in out.rglob("*")
                   if p.is_file() and not p.relative_to(out).as_posix().startswith("pagefind/")}
    without = {p.relative_to(plain) for p in plain.rglob("*")
               if p.is_file() and not p.relative_to(plain).as_posix().startswith("pagefind/")}
    assert {p.parts[0] for p in with_editor - without} == {"admin"}
    assert without <= with_editor
    for path in sorted(without - {Path("_headers")}):
        assert (out / path).read_bytes() == (plain / path).read_bytes(), path
    # _headers only gains the admin page's own policy
    assert (out / "_headers").read_text(encoding="utf-8").startswith(
        (plain / "_headers").read_text(encoding="utf-8").rstrip("\n"))


@pytest.mark.slow
def test_without_its_files_a_preview_has_no_editor(tmp_path, monkeypatch):
    monkeypatch.setattr(editor, "vendor_folder", lambda root: tmp_path / "missing")
    result = build_site(ROOT / "content", tmp_path / "out", EDITOR={"backend": "local"})
    assert not (tmp_path / "out" / "admin").exists()
    assert any("invoke editor-install" in w for w in result.warnings)
    with pytest.raises(SettingsError, match="EDITOR = None in publishconf.py"):
        build_site(ROOT / "content", tmp_path / "prod", production=True,
                   EDITOR={"backend": "gitlab", "repo": "ngo/site", "app_id": "x"})


# --- local saves --------------------------------------------------------------

def test_local_saves_stay_inside_content(tmp_path):
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    repo = LocalRepository(content)
    assert repo.answer("info", {})["type"] == "local_fs"
    repo.answer("persistEntry", {"dataFiles": [
        {"path": "content/news/2026/x.bs.md", "raw": "---\ntitle: X\n---\nText\n"}],
        "assets": [{"path": "content/news/2026/p.jpg", "content": "AAEC",
                    "encoding": "base64"}]})
    assert (content / "news/2026/x.bs.md").read_text() == "---\ntitle: X\n---\nText\n"
    assert (content / "news/2026/p.jpg").read_bytes() == b"\x00\x01\x02"
    entries = repo.answer("entriesByFolder", {"folder": "content/news", "extension": "md",
                                              "depth": 2})
    assert [e["file"]["path"] for e in entries] == ["content/news/2026/x.bs.md"]
    assert entries[0]["data"].startswith("---\ntitle: X")
    media = repo.answer("getMediaFile", {"path": "content/news/2026/p.jpg"})
    assert media["content"] == "AAEC" and media["name"] == "p.jpg"
    for bad in ("tasks.py", "content/../tasks.py", "/etc/passwd"):
        with pytest.raises(Refused):
            repo.answer("persistEntry", {"dataFiles": [{"path": bad, "raw": "x"}],
                                         "assets": []})
    with pytest.raises(Refused):
        repo.answer("rm -rf", {})
    assert not (tmp_path / "tasks.py").exists()
