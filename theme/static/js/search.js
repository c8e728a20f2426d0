// The search page: Pagefind's index with our own interface. Every string
// comes from the page (the theme's catalogs, in the page's language); the
// query lives in the address (?q=...&project=...), so a search can be
// bookmarked, shared and reloaded. Loaded by the search page only.

const config = JSON.parse(document.getElementById("search-config").textContent);
const form = document.getElementById("search-form");
const input = form.elements.q;
const project = form.elements.project || null;
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const lang = document.documentElement.lang;
const PER_PAGE = 10;
const plural = new Intl.PluralRules(lang);
const number = new Intl.NumberFormat(lang);

// Serbian is indexed once, in Latin (see plugins/search/twins.py): a
// Cyrillic page searches with its query in Latin and shows the Cyrillic twin
// of each result, spelt back letter by letter except for the page's own
// exceptions (twin_words).
const letters = config.letters;
const toLatin = letters && converter(letters.to_latin);
const toCyrillic = letters && letters.to_cyrillic && converter(letters.to_cyrillic);

function converter(table) {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, (found) => table[found]);
}

function cyrillic(text, words) {
  return text.replace(/\p{L}+/gu, (word) => words[word] ?? toCyrillic(word));
}

let loading = null;   // one Pagefind for the page, however many searches start
let results = [];
let shown = 0;
let generation = 0;   // a newer search makes an older one's answers stale
let timer = null;

function say(text) {
  status.textContent = text;
}

function message(key, values = {}) {
  return config.messages[key].replace(/\{(\w+)\}/g, (all, name) => values[name] ?? all);
}

function countMessage(count) {
  const forms = config.messages.count;
  const form = forms[plural.select(count)] ?? forms.other;
  return form.replace("{count}", number.format(count));
}

function engine() {
  loading ??= (async () => {
    const module = await import(config.pagefind);
    // the metadata that only carries a result's Cyrillic twin (twins.py) and
    // its language are not searched: a page with them would match its kept
    // Latin words twice and outrank the same text without them
    await module.options({ excerptLength: 24, ranking: { metaWeights: {
      twin_words: 0, twin_title: 0, twin_url: 0, lang: 0 } } });
    await module.init();
    return module;
  })().catch((error) => {
    loading = null;   // the next search tries again
    throw error;
  });
  return loading;
}

function remember(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (project && project.value) params.set("project", project.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

async function run() {
  const mine = ++generation;
  const query = input.value.trim();
  remember(query);
  list.replaceChildren();
  more.hidden = true;
  results = [];
  shown = 0;
  if (!query) {
    say(message("empty"));
    return;
  }
  say(message("searching"));
  let found;
  try {
    const search = await engine();
    // each page in the index names the search pages that show it
    const filters = { shown_in: config.locale };
    if (project && project.value) filters.project = project.value;
    const term = toLatin ? toLatin(query) : query;
    found = await search.search(term, { filters });
    if (Object.keys(config.languages).length && found.results.length) {
      const own = await search.search(term, { filters: { ...filters, lang: config.locale } });
      found.results = ownLanguageFirst(found.results, new Set(own.results.map((r) => r.id)));
    }
  } catch (error) {
    console.error("search:", error);
    if (mine === generation) say(message("error"));
    return;
  }
  if (mine !== generation) return;
  results = found.results;
  if (!results.length) {
    say(message("none", { query }));
    return;
  }
  await showMore(mine, false);
  if (mine === generation) say(countMessage(results.length));
}

// Among equal matches the reader's own language comes first: an item shown
// in its stead (another language, LOCALE_FALLBACKS) ranks above one in the
// page's language only when it matches better (by more than a hundredth,
// for rounding).
const OWN_LANGUAGE_BONUS = 1.01;

function ownLanguageFirst(found, own) {
  return found
    .map((result, order) => ({ result, order,
      score: result.score * (own.has(result.id) ? OWN_LANGUAGE_BONUS : 1) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((ranked) => ranked.result);
}

async function showMore(mine, moveFocus) {
  const batch = results.slice(shown, shown + PER_PAGE);
  let pages;
  try {
    pages = await Promise.all(batch.map((result) => result.data()));
  } catch (error) {
    console.error("search:", error);
    if (mine === generation) say(message("error"));
    return;
  }
  if (mine !== generation) return;
  const items = pages.map(render);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(page) {
  const meta = page.meta || {};
  const twin = toCyrillic && meta.twin_url;
  const words = twin ? JSON.parse(meta.twin_words || "{}") : null;
  const spell = twin ? (text) => cyrillic(text, words) : (text) => text;

  const foreign = !twin && meta.lang && meta.lang !== config.locale ? meta.lang : null;

  const item = element("li", "search-result");
  const heading = element("h2", "search-result-title");
  const link = element("a", null, twin ? meta.twin_title || spell(meta.title) : meta.title);
  // (a copy in another language's index has "#<index>" after its address)
  link.href = twin ? meta.twin_url : page.url.split("#")[0];
  if (foreign) {
    link.lang = foreign;
    link.hreflang = foreign;
  }
  heading.append(link);
  item.append(heading);

  const details = [];
  if (meta.date) {
    const time = element("time", null, spell(meta.date));
    if (meta.published) time.dateTime = meta.published;
    details.push(time);
  } else if (meta.kind && config.kinds[meta.kind]) {
    details.push(document.createTextNode(config.kinds[meta.kind]));
  }
  const key = page.filters && page.filters.project && page.filters.project[0];
  if (key && config.projects[key] && meta.kind !== "project") {
    details.push(document.createTextNode(config.projects[key]));
  }
  if (details.length) {
    const line = element("p", "search-result-meta");
    details.forEach((node, index) => {
      if (index) line.append(" · ");
      line.append(node);
    });
    item.append(line);
  }
  if (foreign) {
    const name = config.languages[foreign] || foreign;
    item.append(element("p", "search-result-fallback", message("fallback", { language: name })));
  }
  const excerpt = element("p", "search-result-excerpt");
  if (foreign) excerpt.lang = foreign;
  excerpt.append(...excerptNodes(page.excerpt, spell));
  item.append(excerpt);
  if (meta.image && meta.image.startsWith("/")) {
    // the item's picture, as on the news cards: a 4:3 box from the start
    const text = element("div", "news-card-text");
    text.append(...item.childNodes);
    const thumb = element("div", "news-card-thumb");
    const img = element("img");
    img.src = meta.image;
    img.alt = "";
    img.loading = "lazy";
    img.decoding = "async";
    thumb.append(img);
    item.append(text, thumb);
    item.classList.add("has-thumb");
  }
  return item;
}

// Pagefind's excerpt is escaped text with <mark> around the matches: parse
// it inertly and copy only text and <mark>, never markup.
function excerptNodes(markup, spell) {
  const parsed = new DOMParser().parseFromString(`<p>${markup}</p>`, "text/html");
  return [...parsed.body.firstChild.childNodes].map((node) =>
    node.nodeName === "MARK"
      ? element("mark", null, spell(node.textContent))
      : document.createTextNode(spell(node.textContent)));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 300);
});
if (project) project.addEventListener("change", run);
more.addEventListener("click", () => showMore(generation, true));

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
if (project && params.get("project")) {
  project.value = params.get("project");
  if (project.value !== params.get("project")) project.value = "";
}
run();
