"""A generated corpus of strike reports for the benchmarks: deterministic, 300–800 words each.

Each report is a dateline and a lead sentence, then paragraphs drawn at random from two pools:
paragraphs of the real reports in ``data/articles/*.txt`` (when there are any), and paragraphs made
from the templates below, filled with north-west Syrian place names in the spellings news uses
(transliteration variants, articles, Arabic script, the odd typo), foreign capitals, people's names
and plain prose. The same seed always gives the same corpus.

    python bench/corpus.py --n 10000 --out /tmp/corpus      # write it as .txt files
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "data" / "articles"
MIN_WORDS = 300
MAX_WORDS = 800
# Short reports: about the length of a wire alert or a monitor's post (95 words on average).
SHORT_MIN_WORDS = 60
SHORT_MAX_WORDS = 130

# North-west Syrian places as reports spell them (several spellings of one place on purpose).
PLACES = (
    "Maarat al-Numan", "Maaret al-Numan", "Ma'arrat al-Nu'man", "Kafranbel", "Kafr Nabl", "Kfar Nabel",
    "Jisr al-Shughur", "Jisr ash-Shughour", "Jisr Al-Shqour", "Khan Shaykhun", "Khan Sheikhoun",
    "Saraqib", "Saraqeb", "Ariha", "Sarmin", "Sarmeen", "Binnish", "Taftanaz", "Atarib", "al-Atareb",
    "Darat Izza", "Daret Azza", "Dana", "Sarmada", "Atmeh", "Harem", "Salqin", "Armanaz", "Kafr Takharim",
    "Maarat Misrin", "Kafr Sijna", "Hass", "Haas", "al-Bara", "Kansafra", "Kafr Owaid", "Balyun",
    "Ihsim", "Marayan", "Bsarsur", "Mhambel", "Muhambal", "Bdama", "Kabani", "Morek", "Kafr Zita",
    "Latamna", "al-Lataminah", "Kafr Nbouda", "Qalaat al-Madiq", "Suqaylabiyah", "Skeilbiyeh",
    "Tal Rifaat", "Tell Rifaat", "Anadan", "Hayan", "Hreitan", "Urum al-Kubra", "Kafr Nouran",
    "Saraqeb", "Abu al-Duhur", "Abu Dhuhur", "Tamanah", "al-Tamanaa", "Maarshurin", "Ma'arshoreen",
    "Jabal al-Zawiya", "Jebel al-Zawiya", "Jabal Al-Zawya", "Sahl al-Ghab", "the Ghab plain",
    "Jabal al-Akrad", "Kabana", "Qastoun", "al-Hobeit", "Hobeit", "Kafr Sajna", "Ma'ar Tamsrin",
    "معرة النعمان", "كفرنبل", "جسر الشغور", "سراقب", "أريحا",
    # Typos and rarer spellings, for the resolver's loose paths.
    "Kafranbell", "Saraqibb", "Jisr al-Shugur", "Khan Shaykoun", "Maarat al-Numaan",
)
AREAS = (
    "Idlib", "Idleb", "southern Idlib", "the southern Idlib countryside", "northern Hama", "Hama countryside",
    "western Aleppo", "the western Aleppo countryside", "Latakia", "the Latakia mountains", "Idlib province",
    "Aleppo", "Hama", "eastern Idlib", "Jabal al-Zawiya", "the Ghab plain",
)
CAPITALS = ("Moscow", "Ankara", "Tehran", "Damascus", "Washington", "Geneva", "Beirut", "Amman", "Paris", "Istanbul")
DATELINES = ("IDLIB, Syria", "BEIRUT", "AMMAN", "ISTANBUL", "GAZIANTEP, Turkey", "ALEPPO, Syria", "GENEVA")
ACTORS = (
    "Russian warplanes", "Syrian government jets", "regime helicopters", "pro-government forces",
    "Russian and Syrian jets", "government artillery", "a Russian drone", "Syrian army units",
)
WEAPONS = (
    "air strikes", "barrel bombs", "artillery shells", "rockets", "missiles", "cluster munitions", "drone strikes"
)
TARGETS = ("a market", "a hospital", "a school", "a bakery", "a mosque", "a camp for displaced people", "homes",
           "a civil defence centre", "a water station", "farmland")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PEOPLE = ("Abu Mohammed", "Salem Abu Al-Azem", "Ahmed al-Sheikh", "Rami Abdel Rahman", "Fatima Hassan",
          "Omar Haj Kadour", "Mustafa Haj Youssef", "Agnes Romatet-Espagne")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "nine", "12", "15", "at least 20", "dozens of")

TEMPLATES = (
    "{actor} carried out {weapon} on {place} and {place2} in {area} on {day}, killing {n} civilians, "
    "according to local rescuers.",
    "The strikes on {place} hit {target} and destroyed several buildings, residents said, adding that "
    "{n} people were wounded and taken to hospitals in {place2}.",
    "Shelling also struck the outskirts of {place}, {place2} and {place3}, forcing families to flee north "
    "towards the Turkish border.",
    "\"We heard the planes at dawn and then the explosions,\" said {person}, a resident of {place}. "
    "\"Everyone ran to the basements.\"",
    "The Syrian Observatory for Human Rights, a Britain-based monitor, said {n} people had been killed in "
    "{area} since the start of the week, most of them in {place}.",
    "Officials in {capital} denied targeting civilians and said the operations were aimed at militant "
    "positions around {place}.",
    "Talks between {capital} and {capital2} on a ceasefire for {area} broke down on {day}, diplomats said.",
    "The civil defence, known as the White Helmets, said its teams pulled {n} bodies from the rubble in "
    "{place} after {weapon} hit {target}.",
    "Fighting continued on the front lines near {place} and {place2}, where government forces have "
    "tried to advance for weeks.",
    "More than a million people have fled their homes in {area} since the offensive began, the United "
    "Nations said in {capital}.",
    "Aid groups warned that camps near {place} were overcrowded and short of tents, fuel and medicine as "
    "winter set in.",
    "Local activists posted videos showing smoke rising over {place}, which lies a few kilometres from "
    "{place2} in {area}.",
    "A spokesman for the group, {person}, said the attack on {place} was a violation of the agreement "
    "reached by {capital}, {capital2} and {capital3}.",
    "Prices of bread and fuel have risen sharply in the region, and many families now depend on food "
    "baskets handed out by charities.",
    "Schools in the area have been closed since the bombing intensified, and teachers say children are "
    "too frightened to return.",
    "Residents of {place} said there were no military positions in the town and that the dead were "
    "farmers and their children.",
)


def _fill(template: str, rng: random.Random) -> str:
    three = rng.sample(PLACES, 3)
    caps = rng.sample(CAPITALS, 3)
    text = template.format(
        actor=rng.choice(ACTORS), weapon=rng.choice(WEAPONS), place=three[0], place2=three[1], place3=three[2],
        area=rng.choice(AREAS), day=rng.choice(DAYS), n=rng.choice(NUMBERS), target=rng.choice(TARGETS),
        person=rng.choice(PEOPLE), capital=caps[0], capital2=caps[1], capital3=caps[2],
    )
    return text[0].upper() + text[1:]


def _template_paragraph(rng: random.Random) -> str:
    return " ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(2, 4)))


def article_paragraphs(folder: Path = ARTICLES_DIR) -> list[str]:
    """Paragraphs (of 20+ words) of the real reports in ``folder``, in file order; [] when there are none."""
    out: list[str] = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for block in text.replace("\r\n", "\n").split("\n\n"):
            para = " ".join(block.split())
            if len(para.split()) >= 20:
                out.append(para)
    return out


def make_article(rng: random.Random, real: list[str], *, real_share: float = 0.5, min_words: int = MIN_WORDS,
                 max_words: int = MAX_WORDS) -> str:
    """One report of ``min_words``-``max_words`` words: dateline, lead, then paragraphs real and generated."""
    goal = rng.randint(min_words, max_words)
    lead = _fill(TEMPLATES[0], rng)
    paras = [f"{rng.choice(DATELINES)} ({rng.choice(('Wire', 'AFP', 'Reuters', 'AP'))}) - {lead}"]
    words = len(paras[0].split())
    while words < goal:
        para = rng.choice(real) if real and rng.random() < real_share else _template_paragraph(rng)
        room = goal - words
        tokens = para.split()
        if len(tokens) > room:
            # Cut at the end of a sentence where one is near, so the text stays prose.
            cut = " ".join(tokens[: max(room, 10)])
            stop = cut.rfind(". ")
            para = cut[: stop + 1] if stop > len(cut) // 2 else cut + "."
        paras.append(para)
        words += len(para.split())
    return "\n\n".join(paras) + "\n"


def make_corpus(n: int, *, seed: int = 6, articles_dir: Path = ARTICLES_DIR) -> list[str]:
    """``n`` generated reports, the same for the same ``n``, ``seed`` and ``data/articles``."""
    rng = random.Random(seed)
    real = article_paragraphs(articles_dir)
    return [make_article(rng, real) for _ in range(n)]


def make_short_corpus(n: int, *, seed: int = 9, articles_dir: Path = ARTICLES_DIR) -> list[str]:
    """``n`` short reports of SHORT_MIN_WORDS-SHORT_MAX_WORDS words (wire alerts, monitors' posts): the
    dateline and lead, then a paragraph or two cut at a sentence end."""
    rng = random.Random(seed)
    real = article_paragraphs(articles_dir)
    return [make_article(rng, real, min_words=SHORT_MIN_WORDS, max_words=SHORT_MAX_WORDS) for _ in range(n)]


def corpus_info(texts: list[str], articles_dir: Path = ARTICLES_DIR) -> dict[str, object]:
    words = sorted(len(t.split()) for t in texts)
    return {
        "articles": len(texts),
        "words_min": words[0] if words else 0,
        "words_median": words[len(words) // 2] if words else 0,
        "words_max": words[-1] if words else 0,
        "megabytes": round(sum(len(t.encode("utf-8")) for t in texts) / 1e6, 2),
        "real_report_paragraphs": len(article_paragraphs(articles_dir)),
        "real_reports": len(list(articles_dir.glob("*.txt"))) if articles_dir.is_dir() else 0,
    }


def write_corpus(texts: list[str], folder: Path) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        path = folder / f"report-{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of reports (default 10000)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, required=True, help="folder to write report-NNNNNN.txt files into")
    args = parser.parse_args()
    texts = make_corpus(args.n, seed=args.seed)
    count = sum(1 for _ in write_corpus(texts, args.out))
    print(f"wrote {count} reports to {args.out}: {corpus_info(texts)}")


if __name__ == "__main__":
    main()
