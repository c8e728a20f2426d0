// The admin page: asks once which language staff write in, then starts
// Decap CMS with the configuration the build made (config.json). That
// language is Decap's "default locale": its file holds the fields shared by
// all translations (date, project, topics, picture, slug), written once.
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var STORE = "glasnik-editor-locale";

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

  // The slug plugins/translit/slugs.py makes, from its own table.
  function slugify(text, extras, vietnamese) {
    var out = "";
    Array.from(text.normalize("NFC").toLowerCase()).forEach(function (c) {
      out += extras.slug[c] !== undefined ? extras.slug[c] : c;
    });
    out = out.replace(/đ/g, vietnamese ? "d" : "dj")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (out.length > 80) {
      var cut = out.slice(0, 81), hyphen = cut.lastIndexOf("-");
      out = (hyphen > 0 ? cut.slice(0, hyphen) : out.slice(0, 80)).replace(/^-+|-+$/g, "");
    }
    return out;
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
      relabel(c.fields, extras, locale);
      (c.files || []).forEach(function (file) {
        file.label = words[file.label] || file.label;
        relabel(file.fields, extras, locale);
      });
    });
  }

  // Before a save: an entry read from another language's file is not this
  // language's text; a new item gets its ASCII slug (the file's name).
  function preSave(extras, locale) {
    return function (event) {
      var entry = event.entry, data = entry.get("data");
      var neutral = extras.neutral[entry.get("collection")];
      if (!neutral) { return undefined; }
      var path = entry.get("path") || "";
      extras.locales.forEach(function (other) {
        if (other.suffix !== locale.suffix && path.endsWith("." + other.suffix + ".md")) {
          throw new Error("This item is not written in " + locale.name + " yet. Open the " +
            "editor in " + other.name + " (the link at the bottom right) and add " +
            locale.name + " beside it.");
        }
      });
      if (entry.get("newRecord") && !data.get("slug")) {
        data = data.set("slug", slugify(String(data.get("title") || ""), extras,
                                        locale.suffix === "vi"));
      }
      return data;
    };
  }

  // Decap writes a file for every language of an item, those nobody wrote
  // in too (empty, or with a widget's default): our build would take them
  // for translations without a title. Files of a language with no text
  // (no translatable field, an empty body) are left out of every save.
  function written(raw, translatable) {
    var parts = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw);
    if (!parts) { return raw.trim() !== ""; }
    var keys = parts[1].match(/^[A-Za-z_]+(?=:)/gm) || [];
    return parts[2].trim() !== "" || keys.some(function (k) { return translatable[k]; });
  }

  function keepWrittenFiles(CMS, config, extras) {
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
      var persist = backend.persistEntry.bind(backend);
      backend.persistEntry = function (entry, options) {
        entry.dataFiles = entry.dataFiles.filter(function (file) {
          return !localized.test(file.path) || written(file.raw, translatable);
        });
        return persist(entry, options);
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
    relabelCollections(config, extras, locale);
    if (extras.preview_css) { CMS.registerPreviewStyle(extras.preview_css); }
    CMS.registerEventListener({ name: "preSave", handler: preSave(extras, locale) });
    keepWrittenFiles(CMS, config, extras);
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
