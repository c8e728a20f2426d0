"""A seeded synthetic corpus: N items per locale, most translated, with
realistic Markdown of 400 to 600 words, 12 projects and 30 topics.

`write_ours` writes it in our layout (`x.sr-cyrl.md`, YAML front matter,
registries); `write_pelican` writes the same texts for stock Pelican +
i18n_subsites (one folder, `lang:` and `slug:` metadata, lower-case tags).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

LOCALES = ["sr-Cyrl", "sr-Latn", "bs", "vi"]
WORDS = {
    "sr-Cyrl": ("центар социјални рад заштита деца породица обука стручни радници "
                "пројекат конференција округли сто запослени подршка услуге општина "
                "савет развој сарадња институција организација права положај особе "
                "програм реализован одржан учесници представници анализа извештај "
                "љубав њихов џеп ђак ћерка жена шума чаша").split(),
    "sr-Latn": ("centar socijalni rad zaštita djeca porodica obuka stručni radnici "
                "projekat konferencija okrugli sto zaposleni podrška usluge opština "
                "savjet razvoj saradnja institucija organizacija prava položaj osobe "
                "program realizovan održan učesnici predstavnici analiza izvještaj "
                "ljubav njihov džep đak ćerka žena šuma čaša").split(),
    "bs": ("centar socijalni rad zaštita djeca porodica obuka stručni uposlenici "
           "projekat konferencija okrugli sto podrška usluge općina vijeće razvoj "
           "saradnja institucija organizacija prava položaj osobe program realizovan "
           "održan učesnici predstavnici analiza izvještaj mentalno zdravlje").split(),
    "vi": ("trung tâm công tác xã hội bảo vệ trẻ em gia đình tập huấn cán bộ dự án "
           "hội nghị hội thảo nhân viên hỗ trợ dịch vụ quận huyện phát triển hợp tác "
           "tổ chức quyền lợi người tham gia đại biểu báo cáo phân tích chương trình "
           "thành phố cộng đồng an toàn thân thiện").split(),
}


@dataclass
class Text:
    locale: str
    title: str
    body: str


@dataclass
class CorpusItem:
    key: str
    date: dt.datetime
    project: str
    topics: list
    texts: dict  # locale -> Text


def _sentence(rng: random.Random, words: list, n: int) -> str:
    chosen = [rng.choice(words) for _ in range(n)]
    return " ".join(chosen).capitalize() + "."


def _body(rng: random.Random, locale: str) -> str:
    words, target = WORDS[locale], rng.randint(400, 600)
    parts, count = [], 0
    while count < target:
        kind = rng.random()
        if kind < 0.1:
            parts.append("## " + _sentence(rng, words, 4)[:-1])
            count += 4
        elif kind < 0.2:
            items = [f"- {_sentence(rng, words, rng.randint(5, 10))}" for _ in range(3)]
            parts.append("\n".join(items))
            count += 22
        else:
            sentences = [_sentence(rng, words, rng.randint(8, 18))
                         for _ in range(rng.randint(3, 6))]
            words_in = " ".join(sentences).split(" ")
            if rng.random() < 0.3:
                i = rng.randrange(len(words_in))
                words_in[i] = f"**{words_in[i].strip('.')}**" + \
                    ("." if words_in[i].endswith(".") else "")
            text = " ".join(words_in)
            if rng.random() < 0.2:
                text += f" [{rng.choice(words)}](https://example.org/{rng.randint(1, 999)})"
            parts.append(text)
            count += len(text.split())
    return "\n\n".join(parts) + "\n"


def generate(n: int, seed: int = 2017, translated: float = 0.9) -> list[CorpusItem]:
    """About n texts per locale: n/translated items, each locale with p=translated."""
    rng = random.Random(seed)
    items = []
    start = dt.datetime(2015, 1, 1, 9, 0)
    total = int(n / translated)
    for index in range(total):
        locales = [l for l in LOCALES if rng.random() < translated] or ["sr-Cyrl"]
        texts = {l: Text(l, _sentence(rng, WORDS[l], rng.randint(5, 10))[:-1],
                         _body(rng, l)) for l in locales}
        items.append(CorpusItem(f"item-{index:05d}",
                                start + dt.timedelta(hours=7 * index),
                                f"project-{rng.randrange(12):02d}",
                                sorted({f"topic-{rng.randrange(30):02d}"
                                        for _ in range(rng.randint(1, 3))}), texts))
    return items


def write_ours(items: list[CorpusItem], content: Path) -> int:
    (content / "projects").mkdir(parents=True, exist_ok=True)
    for p in range(12):
        (content / "projects" / f"project-{p:02d}.yml").write_text(
            f'name: {{sr-Cyrl: Пројекат {p}, bs: Projekat {p}, vi: Dự án {p}}}\n'
            f'start: "{2014 + p % 5}"\n', encoding="utf-8")
    (content / "topics.yml").write_text("".join(
        f"topic-{t:02d}:\n  label: {{sr-Cyrl: Тема {t}, bs: Tema {t}, vi: Chủ đề {t}}}\n"
        for t in range(30)), encoding="utf-8")
    written = 0
    for item in items:
        folder = content / "news" / str(item.date.year)
        folder.mkdir(parents=True, exist_ok=True)
        for i, (locale, text) in enumerate(item.texts.items()):
            shared = (f"date: {item.date:%Y-%m-%d %H:%M}\nproject: {item.project}\n"
                      f"topics: [{', '.join(item.topics)}]\n") if i == 0 else ""
            (folder / f"{item.key}.{locale.lower()}.md").write_text(
                f"---\ntitle: \"{text.title}\"\n{shared}---\n{text.body}", encoding="utf-8")
            written += 1
    return written


def write_pelican(items: list[CorpusItem], content: Path) -> int:
    content.mkdir(parents=True, exist_ok=True)
    written = 0
    for item in items:
        for locale, text in item.texts.items():
            (content / f"{item.key}.{locale.lower()}.md").write_text(
                f"Title: {text.title}\nDate: {item.date:%Y-%m-%d %H:%M}\n"
                f"Lang: {locale.lower()}\nSlug: {item.key}\nCategory: {item.project}\n"
                f"Tags: {', '.join(item.topics)}\n\n{text.body}", encoding="utf-8")
            written += 1
    return written
