// The admin page: asks once which language staff write in, then starts
// Decap CMS with the configuration the build made (config.json). That
// language is Decap's "default locale": its file holds the fields shared by
// all translations (date, project, topics, picture, slug), written once.
// Under Node (tests/test_editor.py) it only exports its pure functions.
(function () {
  "use strict";
  var STORE = "glasnik-editor-locale";

  // --- pure functions ---------------------------------------------------------

  // The slug plugins/translit/slugs.py makes, from its own table.
  function slugify(text, table, vietnamese) {
    var out = "";
    Array.from(String(text).normalize("NFC").toLowerCase()).forEach(function (c) {
      out += table[c] !== undefined ? table[c] : c;
    });
    out = out.replace(/đ/g, vietnamese ? "d" : "dj")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (out.length > 80) {
      var cut = out.slice(0, 81), hyphen = cut.lastIndexOf("-");
      out = (hyphen > 0 ? cut.slice(0, hyphen) : out.slice(0, 80)).replace(/^-+|-+$/g, "");
    }
    return out;
  }

  function frontMatter(raw) {
    return /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw);
  }

  // Decap writes a file for every language of an item, those nobody wrote
  // in too (empty, or with a widget's default): our build would take them
  // for translations without a title. A file counts when it has text (a
  // translatable field, a body).
  function written(raw, translatable) {
    var parts = frontMatter(raw);
    if (!parts) { return raw.trim() !== ""; }
    var keys = parts[1].match(/^[A-Za-z_]+(?=:)/gm) || [];
    return parts[2].trim() !== "" || keys.some(function (k) { return translatable[k]; });
  }

  // A new item's file may be named `<slug>-1` (Decap's free name): its
  // `slug:` line says the same.
  function agreeingSlug(raw, path) {
    var name = path.split("/").pop().replace(/(\.[a-z-]+)?\.md$/, "");
    var parts = frontMatter(raw);
    if (!parts || !/^slug:/m.test(parts[1])) { return raw; }
    return raw.replace(/^(---\r?\n[\s\S]*?^)slug:.*$/m, "$1slug: " + name);
  }

  // A translation's file holds no shared fields (date, project...): they
  // are in the original's. `withShared(raw, original, keys)` copies the
  // original's lines of those `keys` the translation lacks into its front
  // matter, so that the form shows them; {raw, copied: [keys]}.
  function withShared(raw, original, keys) {
    var blocks = {}, parts = frontMatter(original || "");
    var lines = parts ? parts[1].split(/\r?\n/) : [], key = null;
    lines.forEach(function (line) {
      var starts = /^([A-Za-z_]+):/.exec(line);
      if (starts) { key = starts[1]; blocks[key] = [line]; }
      else if (key && /^(\s|- )/.test(line)) { blocks[key].push(line); }
      else { key = null; }
    });
    var own = frontMatter(raw), present = {};
    ((own ? own[1] : "").match(/^[A-Za-z_]+(?=:)/gm) || []).forEach(function (k) {
      present[k] = true;
    });
    var copied = keys.filter(function (k) { return blocks[k] && !present[k]; });
    if (!copied.length) { return { raw: raw, copied: [] }; }
    var added = copied.map(function (k) { return blocks[k].join("\n"); }).join("\n");
    return { raw: own ? "---\n" + (own[1].trim() ? own[1] + "\n" : "") + added + "\n---\n" +
                        own[2] : "---\n" + added + "\n---\n" + raw,
             copied: copied };
  }

  // {slug: a file using it} of a collection's files (their names without
  // the language, and their `slug:` lines).
  function takenSlugs(files) {
    var taken = {};
    files.forEach(function (file) {
      var path = file.file.path, parts = frontMatter(file.data || "");
      var name = path.split("/").pop().replace(/(\.[a-z-]+)?\.md$/, "");
      var written = parts && /^slug:\s*["']?([a-z0-9-]+)/m.exec(parts[1]);
      [name, written && written[1]].forEach(function (slug) {
        if (slug && !taken[slug]) { taken[slug] = path; }
      });
    });
    return taken;
  }

  // `wanted`, or `wanted-1`, `wanted-2`... the first no file uses.
  function freeSlug(wanted, taken) {
    var slug = wanted, n = 1;
    while (taken[slug]) { slug = wanted + "-" + n++; }
    return slug;
  }

  // A value as text to compare: a date read from YAML and the date widget's
  // text for the same day are the same.
  function comparable(value) {
    if (value instanceof Date) { return value.toISOString().slice(0, 10); }
    if (value && value.toJS) { value = value.toJS(); }
    return JSON.stringify(value);
  }

  // What `invoke check` refuses about pictures, as message keys: a picture
  // of the item without its description, a picture in the text without one
  // (`![](photo.jpg)` not marked `{.decorative}`).
  function undescribed(fields) {
    var found = [];
    if (fields.image && !String(fields.image_alt || "").trim()) { found.push("no_image_alt"); }
    var pictures = /!\[\s*\]\([^)\n]*\)(?!\{[^}\n]*\.decorative)/;
    if (pictures.test(String(fields.body || ""))) { found.push("no_picture_alt"); }
    return found;
  }

  if (typeof window === "undefined") {
    module.exports = { slugify: slugify, written: written, agreeingSlug: agreeingSlug,
                       undescribed: undescribed, withShared: withShared,
                       comparable: comparable, takenSlugs: takenSlugs,
                       freeSlug: freeSlug };
    return;
  }
  window.CMS_MANUAL_INIT = true;

  // --- the page ---------------------------------------------------------------

  function chosen(extras) {
    var params = new URLSearchParams(location.search);
    var wanted = params.get("lang");
    if (wanted) {
      try { localStorage.setItem(STORE, wanted); } catch (e) { /* private mode */ }
    } else if (!params.has("choose")) {
      try { wanted = localStorage.getItem(STORE); } catch (e) { wanted = null; }
    }
    return extras.locales.filter(function (l) { return l.suffix === wanted; })[0];
  }

  // A message of labels.py in the editor's language, {names} filled in.
  function say(extras, locale, key, names) {
    var english = extras.says[key];
    var text = (extras.words[locale.suffix] || {})[english] || english;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return (names || {})[name]; });
  }

  // An error Decap shows as "<save failed>: <text>" (without "Error: ").
  function refusal(text) {
    var error = new Error(text);
    error.toString = function () { return text; };
    return error;
  }

  // The configuration's words (English) in the editor's language; choices
  // of a registry by their names in it.
  function relabel(fields, extras, locale) {
    var words = extras.words[locale.suffix] || {};
    (fields || []).forEach(function (field) {
      field.label = words[field.label] || field.label;
      if (field.label_singular) {
        field.label_singular = words[field.label_singular] || field.label_singular;
      }
      if (field.hint) { field.hint = words[field.hint] || field.hint; }
      if (field.pattern) { field.pattern[1] = words[field.pattern[1]] || field.pattern[1]; }
      var registry = extras.registries[extras.references[field.name]];
      if (registry && field.options) {
        field.options.forEach(function (option) {
          var labels = registry[option.value] || {};
          option.label = labels[locale.tag] || option.label;
        });
      }
      relabel(field.fields, extras, locale);
      if (field.field) { relabel([field.field], extras, locale); }
    });
  }

  function relabelCollections(config, extras, locale) {
    var words = extras.words[locale.suffix] || {};
    config.collections.forEach(function (c) {
      c.label = words[c.label] || c.label;
      if (c.label_singular) { c.label_singular = words[c.label_singular] || c.label_singular; }
      relabel(c.fields, extras, locale);
      (c.files || []).forEach(function (file) {
        file.label = words[file.label] || file.label;
        relabel(file.fields, extras, locale);
      });
    });
  }

  // The preview pane as the site shows an item: our theme's stylesheet
  // (registerPreviewStyle) on the markup of theme/templates/item.html.
  function itemPreview(locale, dated) {
    var h = window.h;
    var long = new Intl.DateTimeFormat(locale.tag, { dateStyle: "long" });
    return function (props) {
      var data = props.entry.get("data"), date = data.get("date");
      var meta = [];
      if (dated && date) {
        var day = new Date(String(date).slice(0, 10) + "T12:00:00");
        meta.push(h("time", { key: "date", dateTime: String(date).slice(0, 10) },
                    isNaN(day) ? String(date) : long.format(day)));
      }
      if (data.get("author")) {
        meta.push(" · ", h("span", { key: "author", className: "news-item-author" },
                          data.get("author")));
      }
      var image = dated && data.get("image") ? props.getAsset(data.get("image")) : null;
      return h("main", { className: "wrap", lang: locale.tag },
        h("article", { className: "news-item" },
          h("header", null, h("h1", null, data.get("title") || ""),
            meta.length ? h("p", { className: "news-item-meta" }, meta) : null),
          image ? h("figure", { className: "news-item-image" },
            h("img", { src: String(image), alt: data.get("image_alt") || "" })) : null,
          h("div", { className: "news-item-body" }, props.widgetFor("body"))));
    };
  }

  // {path of a file in the editor's language: shared keys copied into it}
  var copiedShared = {};
  // the backend's own methods, once Decap has made it (wrapBackend)
  var implementation = null;

  // every Markdown file of a collection's folder (all years), with its text
  function collectionFiles(folder) {
    if (!implementation || !folder) { return Promise.resolve([]); }
    var list = implementation.allEntriesByFolder || implementation.entriesByFolder;
    return Promise.resolve(list.call(implementation, folder, "md", 3));
  }

  // Before a save: an entry read from another language's file is not this
  // language's text; pictures need their descriptions (as `invoke check`
  // says); a new item gets its ASCII slug (the file's name).
  function preSave(extras, locale, config) {
    return function (event) {
      var entry = event.entry, data = entry.get("data");
      var neutral = extras.neutral[entry.get("collection")];
      if (!neutral) { return undefined; }
      var path = entry.get("path") || "";
      extras.locales.forEach(function (other) {
        if (other.suffix !== locale.suffix && path.endsWith("." + other.suffix + ".md")) {
          throw refusal(say(extras, locale, "not_written",
                            { language: locale.name, original: other.name }));
        }
      });
      var problems = undescribed(data.toJS());
      extras.locales.forEach(function (other) {
        var translated = entry.getIn(["i18n", other.suffix, "data"]);
        if (other.suffix !== locale.suffix && translated) {
          problems = problems.concat(undescribed({ body: translated.get("body") }));
        }
      });
      if (problems.length) {
        throw refusal(problems.filter(function (p, i) { return problems.indexOf(p) === i; })
          .map(function (p) { return say(extras, locale, p); }).join(" "));
      }
      // (an item's path is its name without a language; a file's has one)
      var mine = path.replace(/(\.[a-z-]+)?\.md$/, "." + locale.suffix + ".md");
      (copiedShared[mine] || []).forEach(function (key) {
        var same = extras.locales.some(function (other) {
          var theirs = entry.getIn(["i18n", other.suffix, "data", key]);
          return other.suffix !== locale.suffix && theirs !== undefined &&
            comparable(theirs) === comparable(data.get(key));
        });
        if (same) { data = data.delete(key); }
      });
      if (!entry.get("newRecord")) { return data; }
      // a new item's address: its own, not one an item of another year
      // (or language) has
      var folder = (config.collections.filter(function (c) {
        return c.name === entry.get("collection");
      })[0] || {}).folder;
      return collectionFiles(folder).then(function (files) {
        var taken = takenSlugs(files), typed = data.get("slug");
        if (typed && taken[typed]) {
          throw refusal(say(extras, locale, "slug_taken", { slug: typed, file: taken[typed] }));
        }
        return typed ? data : data.set("slug", freeSlug(
          slugify(data.get("title") || "", extras.slug, locale.suffix === "vi"), taken));
      });
    };
  }

  // The backend's own methods, wrapped: files of languages nobody wrote in
  // are left out of every save; a new item's slug agrees with its file's
  // name; an item "exists" (Decap asks before naming a new one) when a
  // file of any language does.
  function wrapBackend(CMS, config, extras, locale) {
    // the shared fields of the collection a path is in
    function neutralOf(path) {
      var found = config.collections.filter(function (c) {
        return c.i18n && c.folder && path.indexOf(c.folder + "/") === 0;
      })[0];
      return found && extras.neutral[found.name];
    }
    // the entry, its file's text given the shared fields of another
    // language's file that has them (the original's)
    function sharedFrom(getEntry, base, entry, neutral) {
      if (!entry || !entry.data) { return entry; }
      var others = extras.locales.filter(function (l) { return l.suffix !== locale.suffix; });
      return Promise.all(others.map(function (l) {
        return getEntry(base + "." + l.suffix + ".md").catch(function () { return null; });
      })).then(function (files) {
        var raw = entry.data, copied = [];
        files.forEach(function (file) {
          if (file && file.data) {
            var done = withShared(raw, file.data, neutral);
            raw = done.raw;
            copied = copied.concat(done.copied);
          }
        });
        copiedShared[entry.file.path] = copied;
        return Object.assign({}, entry, { data: raw });
      });
    }
    var translatable = {};
    config.collections.forEach(function (c) {
      (c.i18n ? c.fields : []).forEach(function (f) {
        if (f.i18n) { translatable[f.name] = true; }
      });
    });
    var localized = new RegExp("\\.(" + extras.locales.map(function (l) {
      return l.suffix;   // lower-case letters and hyphens
    }).join("|") + ")\\.md$");
    var registered = CMS.getBackend(config.backend.name);
    var init = registered.init;
    registered.init = function () {
      var backend = init.apply(null, arguments);
      implementation = backend;
      var persist = backend.persistEntry.bind(backend);
      backend.persistEntry = function (entry, options) {
        entry.dataFiles = entry.dataFiles.filter(function (file) {
          return !localized.test(file.path) || written(file.raw, translatable);
        }).map(function (file) {
          return options && options.newEntry && localized.test(file.path)
            ? Object.assign({}, file, { raw: agreeingSlug(file.raw, file.path) }) : file;
        });
        return persist(entry, options);
      };
      var getEntry = backend.getEntry.bind(backend);
      backend.getEntry = function (path) {
        var mine = "." + locale.suffix + ".md", neutral = neutralOf(path);
        if (neutral && path.endsWith(mine)) {
          return getEntry(path).then(function (entry) {
            return sharedFrom(getEntry, path.slice(0, -mine.length), entry, neutral);
          });
        }
        if (!/\.md$/.test(path) || localized.test(path)) { return getEntry(path); }
        var base = path.slice(0, -3);
        return extras.locales.reduce(function (found, l) {
          return found.then(function (entry) {
            return entry && entry.data ? entry : getEntry(base + "." + l.suffix + ".md")
              .catch(function () { return null; });
          });
        }, Promise.resolve(null)).then(function (entry) {
          return entry && entry.data ? entry : getEntry(path);
        });
      };
      return backend;
    };
  }

  function start(config, extras, locale) {
    var CMS = window.CMS;
    // Decap's left pane shows the first locale, its right pane the second
    config.i18n.default_locale = locale.suffix;
    config.i18n.locales = [locale.suffix].concat(config.i18n.locales.filter(function (s) {
      return s !== locale.suffix;
    }));
    config.locale = locale.ui;
    // Decap's new-item button starts with a fullwidth ＋ (U+FF0B), a letter
    // many Linux desktops have no font for: an ASCII + instead
    var phrases = CMS.getLocale(locale.ui), top = phrases && phrases.collection &&
      phrases.collection.collectionTop;
    if (top && top.newButton) { top.newButton = top.newButton.replace("＋", "+"); }
    relabelCollections(config, extras, locale);
    if (extras.preview_css) { CMS.registerPreviewStyle(extras.preview_css); }
    CMS.registerPreviewTemplate("news", itemPreview(locale, true));
    CMS.registerPreviewTemplate("pages", itemPreview(locale, false));
    CMS.registerEventListener({ name: "preSave", handler: preSave(extras, locale, config) });
    wrapBackend(CMS, config, extras, locale);
    var back = document.createElement("a");
    back.href = "?choose";
    back.className = "glasnik-switch";
    back.textContent = locale.name + " ▾";
    document.body.appendChild(back);
    CMS.init({ config: config });
  }

  window.addEventListener("load", function () {
    fetch("config.json", { cache: "no-store" }).then(function (response) {
      return response.json();
    }).then(function (config) {
      var extras = config.glasnik;
      delete config.glasnik;
      config.load_config_file = false;
      var locale = chosen(extras);
      if (!locale) {
        document.getElementById("choose-locale").hidden = false;
        return;
      }
      start(config, extras, locale);
    });
  });
})();
