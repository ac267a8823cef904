"""Issue 18: confed in Arabic and Hebrew as well as English.

The catalogues translate every message the code marks and every help text the CLI
shows; pages rendered in Arabic or Hebrew are right to left and show no English
interface text outside data (ids, citations, texts confed has not translated, which
are marked lang="en"); the API and the CLI answer in the language asked for while
their keys and values stay English; treaties carry confed's translations, checked
like the rest of a treaty file; places resolve by any of their names in any script.
"""

from __future__ import annotations

import gettext
import json
import re
import string
import tokenize
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from confed.i18n import LANGUAGES, from_accept_language, negotiate, translator, using
from confed.i18n.catalogue import LOCALE, PACKAGE, data_messages, help_messages, marked_messages
from confed.server.app import create_app
from confed.treaty.load import load_treaty, shipped_ids
from confed.treaty.texts import english_at, text_paths
from confed.verify.catalog import INVARIANTS

TRANSLATED = LANGUAGES[1:]
JAFFA_REFUGEE = {"citizenship": "PS", "residence": "jaffa", "status": "refugee", "year": 2045}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def _catalogue(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "confed.po").open("rb") as f:
        return read_po(f, locale=lang)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# ---------------------------------------------------------------- catalogues


def _unfit(catalogue, messages) -> tuple[list, list]:
    """The messages `catalogue` does not translate, and those whose {fields} differ.

    A plural message (`ngettext`'s (singular, plural)) needs an entry with that plural
    msgid and every one of the language's plural forms (Plural-Forms: Arabic six,
    Hebrew three); each form may drop a field (the form for one often does) but never
    add one, and the form for many keeps the plural's fields.
    """
    missing, bad_fields = [], []
    for message in sorted(messages, key=str):
        singular, plural = (message, None) if isinstance(message, str) else message
        entry = catalogue.get(singular)
        if entry is None or entry.fuzzy or not entry.string:
            missing.append(message)
        elif plural is None:
            if not isinstance(entry.string, str):
                missing.append(message)  # the catalogue holds it as a plural message
            elif _fields(singular) != _fields(entry.string):
                bad_fields.append(message)
        elif entry.id != message or len(entry.string) != catalogue.num_plurals:
            missing.append(message)  # another plural msgid, or forms the language lacks
        elif not all(entry.string):  # an empty form
            missing.append(message)
        elif any(_fields(f) - _fields(singular) - _fields(plural) for f in entry.string) or (
            _fields(entry.string[-1]) != _fields(plural)
        ):
            bad_fields.append(message)
    return missing, bad_fields


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_the_interface_shows_is_translated(lang):
    messages = marked_messages() | help_messages() | data_messages()
    missing, bad_fields = _unfit(_catalogue(lang), messages)
    assert missing == [], f"untranslated in {lang} (run tools/i18n_catalogues.py): {missing}"
    assert bad_fields == [], f"{lang} translations whose {{fields}} differ: {bad_fields}"


PLURAL_PO = """msgid ""
msgstr ""
"Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "{n} run"
msgid_plural "{n} runs"
"""


@pytest.mark.parametrize(
    ("forms", "fit"),
    [
        (["הרצה אחת", "שתי הרצות", "{n} הרצות"], (False, False)),
        (["הרצה אחת", "{n} הרצות"], (True, False)),  # a form short: Hebrew has three
        (["הרצה אחת", "שתי הרצות", ""], (True, False)),
        (["הרצה אחת", "שתי הרצות", "{count} הרצות"], (False, True)),
        (["הרצה אחת", "שתי הרצות", "הרצות"], (False, True)),  # many without their number
    ],
)
def test_the_catalogue_check_reads_every_plural_form(forms, fit):
    import io

    text = PLURAL_PO + "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
    catalogue = read_po(io.BytesIO(text.encode()), locale="he")
    missing, bad_fields = _unfit(catalogue, {("{n} run", "{n} runs")})
    assert (bool(missing), bool(bad_fields)) == fit
    missing, _ = _unfit(catalogue, {"{n} run"})  # the code asks for it as a plain message
    assert missing == ["{n} run"]


def _plural_index_examples(compiled: gettext.GNUTranslations, forms: int) -> dict[int, int]:
    """For each plural form of a language, a count that takes it."""
    examples: dict[int, int] = {}
    for n in range(200):
        examples.setdefault(compiled.plural(n), n)
    assert sorted(examples) == list(range(forms)), "a plural form no count takes"
    return examples


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_shipped_compiled_catalogue_is_the_po_file(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "confed.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    catalogue = _catalogue(lang)
    examples = _plural_index_examples(compiled, catalogue.num_plurals)
    stale = []
    for m in catalogue:
        if not m.id:
            continue
        if isinstance(m.id, str):
            fresh = compiled.gettext(m.id) == m.string
        else:
            fresh = all(compiled.ngettext(*m.id, n) == m.string[i] for i, n in examples.items())
        if not fresh:
            stale.append(m.id)
    assert stale == [], "run tools/i18n_catalogues.py to compile the .mo files"


def test_no_message_is_marked_inside_an_f_string():
    """Babel cannot see `_("…")` inside an f-string: it would never be translated."""
    marked = re.compile(r"(?<![\w.])(?:N_|_|ngettext)\(\s*['\"]")
    found = []
    for path in PACKAGE.rglob("*.py"):
        with path.open("rb") as f:
            for token in tokenize.tokenize(f.readline):
                is_f = token.type == tokenize.STRING and re.match(r"^[rbuRBU]*[fF]", token.string)
                if is_f and marked.search(token.string):
                    found.append(f"{path.name}:{token.start[0]}")
    assert found == []


# ---------------------------------------------------------------- negotiation


@pytest.mark.parametrize(
    ("asked", "header", "lang"),
    [
        ("he", "ar", "he"),  # the address wins over the browser
        (None, "ar-PS,ar;q=0.9,en;q=0.8", "ar"),
        (None, "fr-FR, he-IL;q=0.7, en;q=0.5", "he"),
        (None, "iw", "he"),  # the withdrawn code some systems still send
        ("xx", "de, fr", "en"),  # unknown everything: English
        (None, None, "en"),
    ],
)
def test_a_pages_language_comes_from_its_address_then_the_browser(asked, header, lang):
    assert negotiate(asked, header) == lang


def test_a_weight_of_zero_refuses_a_language():
    assert from_accept_language("ar;q=0, he;q=0.2") == "he"


# ---------------------------------------------------------------- pages


class _Visible(HTMLParser):
    """Text and readable attributes of a page, leaving out data and marked English.

    Left out: <code>, <script>, <style>, <datalist> (every place in every script) and
    anything inside an element marked lang="en" (citations, texts not yet translated).
    """

    SKIP = frozenset({"code", "script", "style", "datalist"})
    READ = ("placeholder", "aria-label", "title", "alt")
    VOID = frozenset({"meta", "link", "input", "br", "img", "hr", "source", "col", "wbr"})

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (self.stack and self.stack[-1]) or tag in self.SKIP or attrs.get("lang") == "en"
        if not hidden:
            self.out += [attrs[a] for a in self.READ if attrs.get(a)]
        if tag not in self.VOID:
            self.stack.append(bool(hidden))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.out.append(data)


NOT_INTERFACE = {
    "confed",  # the program's name
    "API",
    "JavaScript",  # a proper name, as in the languages' own technical writing
    "Jaffa",  # example place names in the form's hints: data, in their own scripts
    "Yafo",
    "Al-Quds",
    "Be'er",
    "Sheva",
    "English",  # the language switch names each language in itself
}


def english_left(html: str) -> list[str]:
    """Latin-script words a reader sees on the page that are not data or marked English.

    Where markup cannot mark a name (an SVG's <title>), Unicode isolates (FSI … PDI)
    set it apart as data, as in plain text.
    """
    parser = _Visible()
    parser.feed(html)
    text = re.sub("\u2068[^\u2068\u2069]*\u2069", " ", " ".join(parser.out))
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
    return sorted({w for w in words if w not in NOT_INTERFACE})


CONVERTED_PAGES = (
    "/explorer/rights",
    "/explorer/rights?treaty=dajani-yehuda-2024&citizenship=PS&residence=יפו&status=refugee"
    "&year=2045",
    "/explorer/rights?treaty=dajani-yehuda-2024&citizenship=IL&residence=אריאל&year=2040",
    "/explorer/rights?treaty=dajani-yehuda-2024&citizenship=none&residence=القدس&year=2032",
    "/explorer/treaties",
    *(f"/explorer/treaties/{treaty_id}" for treaty_id in shipped_ids()),
    "/explorer/?years=5",
    "/explorer/claims?years=5",
    *(f"/explorer/scenario?treaty={treaty_id}" for treaty_id in shipped_ids()),
    *(f"/explorer/sensitivity?treaty={treaty_id}" for treaty_id in shipped_ids()),
)
"""Pages that must read wholly in Arabic or Hebrew; add a page here once it is converted."""


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("path", CONVERTED_PAGES)
def test_a_converted_page_shows_no_english_interface_text(client, path, lang):
    r = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    assert r.status_code == 200
    assert f'<html lang="{lang}" dir="rtl">' in r.text
    assert "residence=" not in path or 'id="answer"' in r.text
    assert english_left(r.text) == []


CONVERTED_SECTIONS = (
    "headline",
    "invariants",
    "electorates",
    "bodies",
    "security",
    "treaties",
    "glossary",
    "places",
    "claims",
    "opinion",
    "work",
    "parameters",
    "assumptions",
    "sources",
    "citations",
)
"""Later sections of the comparison page (fetched on their own) that read wholly translated."""


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("section", CONVERTED_SECTIONS)
def test_a_converted_comparison_section_shows_no_english_interface_text(client, section, lang):
    r = client.get(f"/explorer/compare/{section}?years=5&lang={lang}")
    assert r.status_code == 200
    assert '<div lang="en" dir="ltr">' not in r.text  # not the untranslated section's wrapper
    assert english_left(r.text) == []


def _swept(comparison: dict) -> dict:
    """The comparison with a sweep's result on its first treaty, shaped as compare.uncertainty's.

    A real sweep takes minutes; the section's words do not depend on its figures.
    """
    import copy

    c = copy.deepcopy(comparison)
    metrics = {
        f"{m['id']}.{m['key']}": {
            "p5": 0.1 if m["unit"] == "share" else 1200.0,
            "p50": 0.2 if m["unit"] == "share" else 2400.0,
            "p95": 0.3 if m["unit"] == "share" else 3600.0,
            "indices": [
                {"parameter": "settler_leave_share", "ST": 0.6, "ST_conf": 0.1},
                {"parameter": "return_years", "ST": 0.2, "ST_conf": 0.05},
            ],
        }
        for m in c["metrics"]
    }
    c["treaties"][0]["uncertainty"] = {
        "sweep_id": "0123456789ab",
        "method": "sobol",
        "samples": 2,
        "runs": 1234,
        "parameters": ["settler_leave_share", "return_years"],
        "metrics": metrics,
    }
    c["parameters"]["uncertainty"] = (
        "Sobol design, 2 base samples per treaty, cohort mode, same seed"
    )
    return c


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_reports_uncertainty_section_reads_wholly_translated(lang):
    from confed.compare.html import SECTION_HTML
    from confed.web.comparison_page import cached_comparison

    c = _swept(cached_comparison(5, 1))
    with using(lang):
        section = SECTION_HTML["uncertainty"](c)
        parameters = SECTION_HTML["parameters"](c)
    assert 'class="tornado"' in section and "1,234" in section  # figures through Babel
    assert '<bdi lang="en">0123456789ab</bdi>' in section  # the sweep's id: data, isolated
    assert english_left(section) == [] and english_left(parameters) == []


def test_english_left_sees_interface_text_but_not_data_or_marked_english():
    page = (
        '<html lang="ar"><p title="Year">Answer: <code>may_enter</code> '
        '<span lang="en">Free residence</span> الإجابة</p></html>'
    )
    assert english_left(page) == ["Answer", "Year"]


def test_english_pages_stay_left_to_right_and_the_browser_picks_the_language(client):
    english = client.get("/explorer/rights").text
    assert '<html lang="en" dir="ltr">' in english and "Rights calculator" in english
    hebrew = client.get("/explorer/rights", headers={"Accept-Language": "he-IL,he;q=0.9"})
    assert '<html lang="he" dir="rtl">' in hebrew.text and "מחשבון הזכויות" in hebrew.text
    assert "Accept-Language" in hebrew.headers["vary"]


def test_the_language_switch_and_every_link_keep_the_language(client):
    page = client.get("/explorer/rights?residence=jaffa&year=2045&lang=ar").text
    assert 'href="/explorer/treaties?lang=ar"' in page  # the navigation keeps it
    assert '<input type="hidden" name="lang" value="ar">' in page  # so does the form
    switch = re.search(r'<nav class="langs".*?</nav>', page).group(0)
    assert 'href="/explorer/rights?residence=jaffa&amp;year=2045&amp;lang=he"' in switch
    assert 'lang="ar" hreflang="ar" aria-current="true"' in switch


def test_a_hebrew_place_name_in_an_arabic_answer_is_isolated(client):
    page = client.get(
        "/explorer/rights",
        params={"residence": "jaffa", "citizenship": "PS", "year": "2045", "lang": "ar"},
    ).text
    assert "<bdi>يافا</bdi>" in page
    # the answer in Hebrew: the Hebrew place inside the sentence, the Arabic-named
    # treaty texts in their own isolates
    hebrew = client.get(
        "/explorer/rights",
        params={"residence": "يافا", "citizenship": "PS", "year": "2045", "lang": "he"},
    ).text
    assert "<bdi>יפו</bdi>" in hebrew and "<bdi>מדינת ישראל</bdi>" in hebrew


# ---------------------------------------------------------------- API and CLI


def test_the_api_answers_in_the_language_asked_with_english_keys_and_values(client):
    body = {"treaty": "dajani-yehuda-2024", **JAFFA_REFUGEE}
    english = client.post("/rights", json=body).json()
    hebrew = client.post("/rights", json={**body, "lang": "he"}).json()
    arabic = client.post("/rights", json=body, headers={"Accept-Language": "ar"}).json()
    assert (english["lang"], hebrew["lang"], arabic["lang"]) == ("en", "he", "ar")
    for answer in (hebrew, arabic):
        assert answer.keys() == english.keys()
        for key in ("phase", "sovereign", "national_vote", "local_vote", "may_reside", "courts"):
            assert answer[key] == english[key], key  # machine values stay English
        assert [e["output"] for e in answer["explain"]] == [e["output"] for e in english["explain"]]
    assert "כלל ברירת המחדל" in hebrew["explain"][3]["clause"]
    assert "القاعدة العامة" in arabic["explain"][3]["clause"]


def test_the_api_refuses_an_unknown_language_naming_the_field(client):
    r = client.post("/rights", json={"treaty": "alfa", **JAFFA_REFUGEE, "lang": "fr"})
    assert r.status_code == 422 and "lang" in r.text


def test_the_cli_speaks_the_language_of_lang_or_the_environment(confed, monkeypatch):
    monkeypatch.setenv("LANG", "he_IL.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    hebrew = confed("--help")
    assert hebrew.code == 0 and "שימוש:" in hebrew.out and "מציג את ההסכמים המצורפים" in hebrew.out
    arabic = confed("--lang", "ar", "rights", "--help")
    assert "الاستخدام:" in arabic.out and "[مطلوب]" in arabic.out
    answer = confed(
        "--lang", "ar", "rights", "dajani-yehuda-2024", "--citizenship", "PS",
        "--residence", "القُدس", "--year", "2045", "--json",
    )  # fmt: skip
    data = json.loads(answer.out)
    assert data["lang"] == "ar" and data["person"]["residence"] == "jerusalem-east"
    assert "افتُرض" in data["person"]["status_assumed"]
    told = confed(
        "--lang", "he", "rights", "dajani-yehuda-2024", "--citizenship", "IL",
        "--residence", "אריאל", "--year", "2040",
    )  # fmt: skip
    assert told.code == 0 and "הנימוקים" in told.out and "אריאל" in told.out
    assert "Why" not in told.out and "Person:" not in told.out
    listed = confed("--lang", "he", "treaties")
    assert "ההסכמים המצורפים" in listed.out and "ארץ לכולם" in listed.out
    found = confed("--lang", "ar", "places", "يافا")
    assert "الأماكن" in found.out and found.out.index("يافا") < found.out.index("Jaffa")
    refused = confed("--lang", "ar", "show", "nosuch")
    assert refused.code == 2 and "خطأ:" in refused.err and "المتوقَّع:" in refused.err
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Usage:" in confed("--help").out
    wrong = confed("--lang", "fr", "treaties")
    assert wrong.code == 2 and "'fr' is not one of 'en', 'ar', 'he'" in wrong.err


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_lazy_commands_own_help_is_translated(confed, lang):
    """`confed simulate --help` and the others, imported only when asked, speak the language."""
    import inspect

    from confed.cli import LAZY_COMMANDS, cli
    from confed.i18n import translator

    catalogue = translator(lang)
    for name in LAZY_COMMANDS:
        shown = confed("--lang", lang, name, "--help")
        assert shown.code == 0, name
        summary = inspect.cleandoc(cli.commands[name].help).split("\n", 1)[0]
        assert summary not in shown.out, name  # the English first line is not shown …
        said = catalogue.gettext(inspect.cleandoc(cli.commands[name].help).partition("\f")[0])
        assert said.split("\n", 1)[0][:30] in shown.out, name  # … its translation is
    group = confed("--lang", lang, "data", "--help").out  # a group lists its commands translated
    assert "Compare the built population" not in group


ENGLISH_FRAME = re.compile(
    r"(?<![-\w])(Run|Phases|More|Means|saved as run|metric|figure|Calendar|Invariants|reports"
    r"|runs saved|wrote|People|Adults|living in the land)\b"
)
"""The English words of simulate's, results' and compare's own frame around the figures."""


def test_simulate_results_and_compare_speak_the_language_with_json_keys_english(confed, tmp_path):
    store = str(tmp_path / "runs.duckdb")
    run = confed("--lang", "he", "simulate", "alfa", "--years", "2", "--out", store)
    assert run.code == 0, run.err
    assert "הרצה" in run.out and "השלבים:" in run.out and "נשמר כהרצה" in run.out
    assert "ארץ לכולם" in run.out and "אנשים" in run.out  # the treaty's and metrics' names
    assert ENGLISH_FRAME.findall(run.out) == []
    run_id = re.search(r"[0-9a-f]{12}", run.out).group(0)
    shown = confed("--lang", "ar", "results", run_id, "--store", store)
    assert shown.code == 0 and "التشغيل" in shown.out and "المقياس" in shown.out
    assert "أرض للجميع" in shown.out and ENGLISH_FRAME.findall(shown.out) == []
    data = json.loads(confed("--lang", "ar", "results", run_id, "--store", store, "--json").out)
    assert data["treaty"] == "alfa" and "population" in data["years"][0]  # keys stay English
    out = tmp_path / "report"
    compared = confed(
        "--lang", "ar", "compare", "alfa", "one-state", "--years", "2", "--sweep", "0",
        "--out", str(out), "--store", store,
    )  # fmt: skip
    assert compared.code == 0, compared.err
    assert "التقويم" in compared.out and "الخصائص الثابتة" in compared.out
    assert ENGLISH_FRAME.findall(compared.out) == []
    assert "not a forecast" in (out / "comparison.md").read_text(encoding="utf-8")  # English
    report = (out / "comparison.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in report and "الهيئات الناخبة" in report


def english_words_in_text(text: str) -> set[str]:
    """Latin-script words a terminal reader sees outside isolates that are not ids.

    Isolates (FSI … PDI, nested too) set apart names, citations and English confed
    has not translated; ids, file paths and commands a translation quotes (`--param
    quota.agreed-residents-in-il.share_per_year=VALUE`, `none`) are data too.
    """
    while True:
        inner = re.sub("\u2068[^\u2068\u2069]*\u2069", " ", text)
        if inner == text:
            break
        text = inner
    tokens = re.findall(r"-*[A-Za-z][\w.=’'/-]*", text)  # a file's path is one token
    ids = {"confed", "none", "VALUE", "N"}
    return {t for t in tokens if t not in ids and not re.search(r"[-._=/]|^[A-Z]{1,2}$", t)}


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("treaty_id", shipped_ids())
def test_show_reads_wholly_in_the_language_with_json_keys_english(confed, lang, treaty_id):
    shown = confed("--lang", lang, "show", treaty_id)
    assert shown.code == 0, shown.err
    assert english_words_in_text(shown.out) == set()
    treaty = load_treaty(treaty_id).treaty
    title = treaty.translations[lang]["title"]
    assert shown.out.startswith(title)
    heading = {"ar": "مصدر كل بند", "he": "מקורו של כל סעיף"}[lang]
    assert heading in shown.out  # the clause table's title, from the catalogue
    data = json.loads(confed("--lang", lang, "show", treaty_id, "--json").out)
    assert data["id"] == treaty_id and "phases" in data and data["title"] == treaty.title


def test_show_says_a_rules_conditions_in_the_language_and_keeps_english_as_it_was(
    confed, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "300")  # one table row a line, so phrases are not wrapped
    arabic = confed("--lang", "ar", "show", "alfa").out
    assert "ليس مواطنًا في تلك الدولة" in arabic  # citizen_of_state: false
    assert "في غير ذلك" in arabic  # the default clause
    hebrew = confed("--lang", "he", "show", "alfa").out
    assert "אינו גר במדינה זו" in hebrew and "לפחות 3 מ־" in hebrew  # a body's rule
    english = confed("show", "alfa").out
    assert "is not a citizen of that state, does not live in that" in english
    assert "at least 3 of Israel and at least 3 of Palestine" in english
    assert "\u2068" not in english  # no isolates in English


@pytest.mark.parametrize("lang", TRANSLATED)
def test_validate_summarises_a_valid_file_in_the_language(confed, lang):
    from confed.frameworks import __file__ as frameworks

    said = confed("--lang", lang, "validate", str(Path(frameworks).parent / "alfa.yaml"))
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    assert {"ar": "سليم:", "he": "תקין:"}[lang] in said.out and "35,712" in said.out


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("treaty_id", ["alfa", "status-quo"])
def test_institutions_reads_wholly_in_the_language_with_json_keys_english(confed, lang, treaty_id):
    said = confed("--lang", lang, "institutions", treaty_id)
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    assert {"ar": "قوة بانزاف", "he": "עוצמת בנצף"}[lang] in said.out
    assert {"ar": "يتحقق:", "he": "מתקיים:"}[lang] in said.out  # a check, by its id
    data = json.loads(confed("--lang", lang, "institutions", treaty_id, "--json").out)
    assert data["treaty"] == treaty_id and "banzhaf_by_party" in data["phases"][0]["bodies"][0]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", ["water", "internal-security"])
def test_route_says_who_decides_a_domain_in_the_language(confed, lang, domain):
    said = confed("--lang", lang, "route", "alfa", "--domain", domain)
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    assert {"ar": "النزاعات:", "he": "מחלוקות:"}[lang] in said.out
    data = json.loads(confed("--lang", lang, "route", "alfa", "--domain", domain, "--json").out)
    assert data["domain"] == domain and data["level"] in ("confederal", "national")


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("site", ["western-wall", "rachels-tomb"])
def test_route_says_who_holds_a_holy_site_in_the_language(confed, lang, site):
    said = confed("--lang", lang, "route", "alfa", "--site", site)
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    assert {"ar": "الأساس:", "he": "בסיס:"}[lang] in said.out


# -------------------------------------------- CLI part A: verify, power, population, data

GROUPS_OF_ISRAEL = {"ar": "المواطنون العرب في إسرائيل", "he": "האזרחים הערבים בישראל"}


def wholly_translated(confed, lang: str, *args: str) -> str:
    """What `confed --lang LANG ARGS…` prints, checked to succeed with no English words."""
    said = confed("--lang", lang, *args)
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    return said.out


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("treaty_id", shipped_ids())
def test_verify_reads_wholly_in_the_language_with_json_as_in_english(confed, lang, treaty_id):
    said = wholly_translated(confed, lang, "verify", treaty_id)
    treaty = load_treaty(treaty_id).treaty
    assert said.startswith(treaty.translations[lang]["title"])
    measured = {"ar": "خصائص لا يعلنها النص", "he": "תכונות שהטקסט אינו מצהיר עליהן"}[lang]
    assert measured in said  # the heading of the properties the text does not claim
    title = translator(lang).gettext(INVARIANTS["one-deciding-level"])
    assert title in said.replace("\n    ", " ")  # a check's title, from the catalogue
    english = confed("verify", treaty_id, "--json").out
    assert confed("--lang", lang, "verify", treaty_id, "--json").out == english


def test_verify_names_a_counterexample_and_its_clause_in_the_language(confed, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # one verdict a line, so phrases are not wrapped
    said = confed("--lang", "ar", "verify", "separation").out
    assert "لا تصحّ: لا يُلزَم أحد بمغادرة بيته" in said  # reading and title
    assert "مثال مضادّ: الجنسية قبل الاتفاق: \u2068دولة إسرائيل\u2069؛ الوضع المسجَّل" in said
    assert "البند: \u2068geneva-initiative-2003 § Art. 4" in said  # the citation as written
    hebrew = confed("--lang", "he", "verify", "alfa").out
    assert "הושמטו כהנחה בלבד (הטקסט אינו מתאר אותם): המועצה הקונפדרלית" in hebrew  # bodies


@pytest.mark.parametrize("lang", TRANSLATED)
def test_population_reads_wholly_in_the_language_with_figures_as_it_writes_them(confed, lang):
    from confed.i18n.formats import number, percent

    said = wholly_translated(confed, lang, "population")
    data = json.loads(confed("--lang", lang, "population", "--json").out)
    assert set(data) >= {"total", "by_zone", "by_status", "by_group"}  # keys stay English
    with using(lang):
        total = number(data["total"])
        arab = percent(data["by_group"]["arab"] / data["total"], 1)
    assert said.splitlines()[0].endswith({"ar": f"{total} شخص", "he": f"{total} איש"}[lang])
    assert GROUPS_OF_ISRAEL[lang] in said and arab in said
    assert " %" not in said  # English's spaced percentage is not the language's


@pytest.mark.parametrize("lang", TRANSLATED)
def test_population_by_place_names_each_place_in_the_language(confed, lang):
    said = wholly_translated(confed, lang, "population", "--by", "place")
    assert {"ar": "بيت شيمش", "he": "בית שמש"}[lang] in said
    assert "\u2068beit-shemesh\u2069" in said  # the id, isolated as written


@pytest.mark.parametrize("lang", TRANSLATED)
def test_data_check_reads_wholly_in_the_language_with_dates_as_it_writes_them(confed, lang):
    said = wholly_translated(confed, lang, "data", "check")
    assert {"ar": "31 ديسمبر 2024", "he": "31 בדצמבר 2024"}[lang] in said
    assert {"ar": "ضمن ±1%", "he": "בתוך ±1%"}[lang] in said.replace("\u200e", "")
    assert "\u2068cbs-release-2024-12-31\u2069" in said  # a source's id, as written


@pytest.mark.parametrize("lang", TRANSLATED)
def test_power_reads_wholly_in_the_language_with_json_english(confed, lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # one heading a line, so phrases are not wrapped
    eec = ("--quota", "12", "--weights", "4,4,4,2,2,1", "--names", "FR,DE,IT,BE,NL,LU")
    said = wholly_translated(confed, lang, "power", *eec)
    assert {"ar": "القدرة على المنع", "he": "כוח מניעה"}[lang] in said  # a heading
    assert {"ar": "فئة وزن", "he": "מחלקת משקל"}[lang] in said  # the method, translated
    assert "\u2068LU\u2069" in said and "7/32 (0.218750)" in said
    data = json.loads(confed("--lang", lang, "power", *eec, "--json").out)
    assert data["method"] == "count vectors per weight class"  # JSON stays English


def test_power_says_an_approximate_shapley_shubik_in_the_language(confed):
    weights = ",".join(str(i % 37 + 1) for i in range(400))  # past every exact method
    said = wholly_translated(confed, "he", "power", "--quota", "4000", "--weights", weights)
    assert "מערכו המדויק" in said and "גאוס–לז'נדר" in said


# ---------------------------------------------------------------- treaties


@pytest.mark.parametrize("treaty_id", shipped_ids())
def test_each_shipped_treaty_says_where_it_was_published_and_is_translated(treaty_id):
    treaty = load_treaty(treaty_id).treaty
    assert treaty.published_in and "en" in treaty.published_in
    paths = list(text_paths(treaty))
    assert paths and {p.rsplit(".", 1)[-1] for p in paths} >= {"title", "summary", "name"}
    for lang in TRANSLATED:
        missing = [p for p in paths if p not in treaty.translations.get(lang, {})]
        assert missing == [], f"{treaty_id} lacks {lang} translations of {missing}"


def test_a_translation_of_no_text_is_a_located_error(tmp_path, confed):
    variant = tmp_path / "v.yaml"
    variant.write_text(
        "extends: dajani-yehuda-2024\nid: v\ntranslations:\n  ar:\n"
        "    phases.open-movment.title: حرية التنقل\n",
        encoding="utf-8",
    )
    run = confed("validate", str(variant))
    assert run.code == 2
    assert "v.yaml:5:5: translations.ar.phases.open-movment.title" in run.err
    assert "names no text of this treaty" in run.err


def test_a_variant_that_rewrites_a_text_shows_english_until_it_translates_it(tmp_path):
    from confed.treaty.texts import translated

    variant = tmp_path / "v.yaml"
    variant.write_text(
        "extends: dajani-yehuda-2024\nid: v\nphases:\n"
        "  open-movement:\n    title: Movement in stages\n",
        encoding="utf-8",
    )
    treaty = load_treaty(variant).treaty
    with using("he"):
        assert translated(treaty, "phases.open-movement.title") == ("Movement in stages", "en")
        assert translated(treaty, "phases.open-residence.title")[1] == "he"


def test_the_schema_documents_translations_and_published_in(confed):
    schema = json.loads(confed("schema").out)
    assert {"translations", "published_in"} <= schema["properties"].keys()
    assert english_at(load_treaty("alfa").treaty, "phases.open-movement.title")


# ---------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("יפו", "jaffa"),
        ("يافا", "jaffa"),
        ("Yafo", "jaffa"),
        ("יָפוֹ", "jaffa"),  # niqqud
        ("القُدْس", "jerusalem-east"),  # harakat
        ("القـدس", "jerusalem-east"),  # tatweel
        ("ירושלים", "jerusalem-west"),
        ("أريحا", "jericho"),  # hamza on the alef
        ("اريحا", "jericho"),
        ("بئر السبع", "beersheba"),
    ],
)
def test_a_place_resolves_by_any_of_its_names_as_people_type_them(typed, place):
    from confed.places import places

    table = places()
    assert table.ids[table.resolve(typed)] == place


def test_confed_places_finds_a_hebrew_name_and_shows_it(confed):
    run = confed("places", "יפו", "--json")
    ids = [p["id"] for p in json.loads(run.out)]
    assert "jaffa" in ids and "tel-aviv-yafo" in ids


def test_a_place_is_named_in_the_readers_script_where_its_name_is_known():
    from confed.places import places

    table = places()
    jaffa = table.code("jaffa")
    assert table.name_in(jaffa, "ar") == ("يافا", "ar")
    assert table.name_in(jaffa, "he") == ("יפו", "he")
    unnamed = next(i for i, name in enumerate(table.names_ar) if not name)
    assert table.name_in(unnamed, "ar") == (table.names[unnamed], "en")


def test_the_package_ships_its_catalogues():
    """A fresh install carries the compiled catalogues (pyproject's package data)."""
    text = (PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"i18n/locale/*/LC_MESSAGES/*.mo"' in text
    assert all((LOCALE / lang / "LC_MESSAGES" / "confed.mo").is_file() for lang in TRANSLATED)
    assert Path(gettext.find("confed", str(LOCALE), ["he"]) or "").name == "confed.mo"


# ---------------------------------------------------------------- neutral wording

ONE_SIDED = {
    "ar": (
        "يهودا والسامرة",  # "Judea and Samaria"
        "جدار الفصل العنصري",  # "apartheid wall"
        "الكيان",  # "the entity"
        "المستعمرات",  # "the colonies" for settlements
        "مستعمرة",
        "الشهيد",
        "شهداء",
        "التطهير العرقي",
        "الحصار",
        "أورشليم",  # Israel's official Arabic form for Jerusalem
        "معاهدة",  # the glossary's word for a treaty file is الاتفاق
        "الاحتلال",
    ),
    "he": (
        "יהודה ושומרון",
        'יו"ש',
        "גדר הביטחון",  # one side's name for the barrier
        "השטחים הכבושים",
        "שטחים משוחררים",
        "מחבל",
        "טרור",
        "טיהור אתני",
        "המצור",
        "אמנה",  # the glossary's word for a treaty file is הסכם
        "הכיבוש",
    ),
}
"""Words one side uses where the glossary (docs/i18n.md) has a neutral one."""

ATTRIBUTED = {("dajani-yehuda-2024", "phases.transitional-administration.description")}
"""Treaty texts that render the treaty's own words for its own aim (the essay's
administration "ends the occupation"), as tests/test_wording.py allows in English."""

PREFIXES = {"ar": "وفبلك", "he": "ובכלמשה"}
"""Letters that join a word in front (and, in, to, the …), so a word is found with them."""


def _as_word(word: str, lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)[{PREFIXES[lang]}]{{0,3}}{re.escape(word)}(?!\w)")


def _translated_texts():
    for lang in TRANSLATED:
        for message in _catalogue(lang):
            forms = [message.string] if isinstance(message.string, str) else message.string
            for form in forms if message.id else []:
                yield lang, f"catalogue {message.id!r}", form
        for treaty_id in shipped_ids():
            for path, text in load_treaty(treaty_id).treaty.translations.get(lang, {}).items():
                if (treaty_id, path) not in ATTRIBUTED:
                    yield lang, f"{treaty_id} {path}", text


def test_translations_use_the_glossarys_neutral_terms():
    patterns = {lang: [(w, _as_word(w, lang)) for w in words] for lang, words in ONE_SIDED.items()}
    found = [
        (lang, where, word)
        for lang, where, text in _translated_texts()
        for word, pattern in patterns[lang]
        if pattern.search(text)
    ]
    assert found == []


def test_the_wording_check_finds_a_one_sided_word_with_its_prefixes():
    assert _as_word("הכיבוש", "he").search("ולסיים והכיבוש")
    assert not _as_word("המצור", "he").search("ההסכמים המצורפים")
    assert _as_word("الاحتلال", "ar").search("وتُنهي والاحتلال")


def test_the_run_history_and_a_scenarios_change_read_wholly_translated(tmp_path):
    from test_web import _finish

    with TestClient(create_app(tmp_path / "runs.duckdb")) as c:
        for lang in TRANSLATED:
            empty = c.get(f"/explorer/runs?lang={lang}").text
            assert f'<html lang="{lang}" dir="rtl">' in empty and english_left(empty) == []
        asked = {"treaty": "alfa", "quotas": {"agreed-residents-in-il": {"per_year": 100}}}
        job = _finish(c, c.post("/explorer/scenario/run", json={**asked, "years": 4}).json())
        assert job["status"] == "done", job["error"]
        for lang in TRANSLATED:
            for path in ("/explorer/runs", job["result"]["url"]):
                page = c.get(f"{path}{'&' if '?' in path else '?'}lang={lang}").text
                assert f'<html lang="{lang}" dir="rtl">' in page
                for run in job["result"]["original_run"], job["result"]["variant_run"]:
                    page = page.replace(run[:12], "")  # the runs' ids in a list of runs: data
                assert english_left(page) == [], path


def test_a_sensitivity_result_reads_wholly_translated_and_keeps_the_language(tmp_path):
    from test_web import _finish

    asked = {
        "treaty": "dajani-yehuda-2024",
        "ranges": {"settler_leave_share": {"low": 0.2, "high": 0.3}},
        "samples": 4,
        "years": 3,
    }
    with TestClient(create_app(tmp_path / "runs.duckdb")) as c:
        form = c.get("/explorer/sensitivity?lang=he").text
        assert 'data-run="/explorer/sensitivity/run?lang=he"' in form  # the job knows the language
        job = _finish(c, c.post("/explorer/sensitivity/run?lang=he", json=asked).json())
        assert job["status"] == "done", job["error"]
        assert job["result"]["url"].endswith("&lang=he")  # the result opens in the form's language
        for lang in TRANSLATED:
            url = job["result"]["url"].replace("lang=he", f"lang={lang}")
            page = c.get(url).text
            assert f'<html lang="{lang}" dir="rtl">' in page and 'class="tornado"' in page
            assert "settler_leave_share</code>: 0.2–0.3" in page  # the edit, as typed
            assert english_left(page) == [], lang


def test_sensitivity_reads_wholly_in_the_language_and_english_as_it_was(
    confed, tmp_path, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "300")  # one table row a line, so phrases are not wrapped
    sweep = ("dajani-yehuda-2024", "--samples", "2", "--years", "2", "--workers", "1")
    store = ("--store", str(tmp_path / "runs.duckdb"))  # the second and third runs resume
    said = {lang: confed("--lang", lang, "sensitivity", *sweep, *store) for lang in LANGUAGES}
    for lang in TRANSLATED:
        assert said[lang].code == 0, said[lang].err
        assert english_words_in_text(said[lang].out) == set(), lang
    arabic, hebrew = said["ar"].out, said["he"].out
    assert "الوسيط" in arabic and "חציון" in hebrew  # the table's headings
    assert "42 تشغيلًا" in arabic and "42 הרצות" in hebrew  # the plural form for 42 runs
    # a behaviour range's basis from the catalogue, a treaty range's from its translation
    assert "افتراض: استطلاع واحد من 2003" in arabic
    assert "הנחה: המאמר אינו קובע את משך המנהל" in hebrew
    assert "\u2068return_years\u2069" in hebrew  # a parameter's id, isolated
    english = said["en"].out
    assert english.startswith("dajani-yehuda-2024: 42 runs, sweep ")
    assert "moved most by: the parameters with the largest total Sobol index (± its 95% " in english
    assert "return_years: 5–20 (assumption: No survey gives timing;" in english
    assert "\u2068" not in english  # no isolates in English


@pytest.mark.parametrize("lang", TRANSLATED)
def test_citations_reads_wholly_in_the_language_with_json_keys_english(confed, lang):
    said = confed("--lang", lang, "citations")
    assert said.code == 0, said.err
    assert english_words_in_text(said.out) == set()
    assert {"ar": "الإحالات في كل اتفاق", "he": "המובאות בכל הסכם"}[lang] in said.out
    unverified = {"ar": "الإحالة غير متحقَّق منها", "he": "המובאה לא אומתה"}[lang]
    assert f"\u2068alfa\u2069: \u2068rights.courts.default\u2069 — {unverified}" in said.out
    data = json.loads(confed("--lang", lang, "citations", "alfa", "--json").out)
    assert data[0]["treaty"] == "alfa" and "unverified_clauses" in data[0]
    english = confed("citations", "alfa").out
    assert "alfa: rights.courts.default — citation unverified (alfa-principles)" in english


def test_every_domain_level_allocation_and_quota_size_has_a_term():
    """The shipped treaties' competence domains; every level, allocation and ranged quota size."""
    from typing import get_args

    from confed.i18n.terms import (
        ALLOCATION_LABELS,
        DOMAIN_LABELS,
        LEVEL_LABELS,
        QUOTA_FIELD_LABELS,
    )
    from confed.treaty.model import Competence, Court
    from confed.treaty.phasing import Quota

    domains = {d for tid in shipped_ids() for d in load_treaty(tid).treaty.competences}
    assert domains <= set(DOMAIN_LABELS)
    levels = {*get_args(Competence.model_fields["level"].annotation)}
    levels |= {*get_args(Court.model_fields["level"].annotation)}
    assert levels == set(LEVEL_LABELS)
    assert {*get_args(Quota.model_fields["allocation"].annotation)} == set(ALLOCATION_LABELS)
    ranged = get_args(get_args(Quota.model_fields["ranges"].annotation)[0])
    assert set(ranged) == set(QUOTA_FIELD_LABELS)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_show_and_route_name_domains_levels_and_allocations_in_the_language(
    confed, lang, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "300")
    shown = confed("--lang", lang, "show", "holy-land-confederation").out
    water, national = {"ar": ("المياه", "الوطني"), "he": ("מים", "הלאומית")}[lang]
    assert f"\n {water} " in shown and f" {national} (" in shown  # a domain, a court's level
    for word in ("water", "national", "queue", "per year"):  # no longer isolated as ids
        assert f"\u2068{word}\u2069" not in shown
    assert {"ar": "طابور", "he": "תור"}[lang] in shown  # the quotas' allocation
    said = confed("--lang", lang, "route", "alfa", "--domain", "internal-security").out
    assert said.startswith({"ar": "الأمن الداخلي", "he": "ביטחון פנים"}[lang])
    english = confed("show", "holy-land-confederation").out
    assert "\n water " in english and " queue " in english  # English keeps the ids


def test_the_treaty_page_names_a_quotas_allocation_in_the_language(client):
    assert "<code>queue</code>" in client.get("/explorer/treaties/alfa").text
    for lang, word in (("ar", "طابور"), ("he", "תור")):
        page = client.get(f"/explorer/treaties/alfa?lang={lang}").text
        assert f"<td>{word}</td>" in page and "<code>queue</code>" not in page


def test_every_shipped_rule_reads_back_from_the_json_a_comparison_stores():
    from confed.treaty.rule_words import RULES, rule_json

    rules = [
        rule
        for tid in shipped_ids()
        for body in load_treaty(tid).treaty.bodies.values()
        for rule in (body.rule, *(c.rule for c in body.changes.values() if c.rule))
    ]
    assert rules and all(RULES.validate_python(rule_json(r)) == r for r in rules)


def test_a_bodys_rule_reads_in_the_language_on_the_treaty_page_and_in_the_report(client):
    rules = {
        "ar": "3 على الأقل من <bdi>دولة إسرائيل</bdi>",
        "he": "לפחות 3 מ־<bdi>מדינת ישראל</bdi>",
    }
    for lang, rule in rules.items():
        page = client.get(f"/explorer/treaties/alfa?lang={lang}").text
        report = client.get(f"/explorer/compare/bodies?years=5&lang={lang}").text
        for html in page, report:
            assert rule in html and "at least 3 of" not in html
    assert "at least 3 of IL and at least 3 of PS" in client.get("/explorer/treaties/alfa").text
    english = client.get("/explorer/compare/bodies?years=5").text
    assert "<p>Rule: at least 3 of IL and at least 3 of PS</p>" in english


def test_a_comparison_without_a_bodys_decision_shows_the_rule_as_written():
    from confed.compare.sections import rule_html

    with using("he"):
        said = rule_html({"id": "alfa", "names": {}}, {"rule": "at least 3 of IL"})
    assert said == '<bdi lang="en">at least 3 of IL</bdi>'


def test_foreign_forces_are_named_from_the_treatys_translation(client, confed):
    for lang, force in (("ar", "قوات دولية"), ("he", "כוחות בין-לאומיים")):
        security = client.get(f"/explorer/compare/security?years=5&lang={lang}").text
        assert f"<bdi>{force}</bdi> (" in security and "International forces" not in security
        shown = confed("--lang", lang, "show", "alfa").out
        assert f": {force}: " in shown  # the transitional administration
    english = client.get("/explorer/compare/security?years=5").text
    assert "International forces (settlement blocs" in english


def test_the_reports_behaviour_values_give_their_assumptions_in_the_language(client):
    from confed.compare.sections import _behaviour_value

    arabic = client.get("/explorer/compare/parameters?years=5&lang=ar").text
    assert '<bdi lang="en">10</bdi> (افتراض: ينتقل اللاجئون' in arabic
    hebrew = client.get("/explorer/compare/parameters?years=5&lang=he").text
    assert '(מקור: <bdi lang="en">psr-refugee-poll-2003</bdi>)' in hebrew
    english = client.get("/explorer/compare/parameters?years=5").text
    assert "10 (assumption: Refugees who choose to move do so evenly" in english
    with using("ar"):  # worded otherwise (another version's comparison.json): as written
        assert _behaviour_value("10 (a guess)") == '<bdi lang="en">10 (a guess)</bdi>'


def clicks_own_messages() -> set[str | tuple[str, str]]:
    """Every message click marks for translation in the modules a command line shows."""
    import ast
    import importlib

    from confed.i18n.click_words import MODULES

    found = set()
    for name in MODULES:
        tree = ast.parse(Path(importlib.import_module(name).__file__).read_text())
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) in ("_", "ngettext"):
                texts = [a.value for a in call.args if isinstance(a, ast.Constant)]
                if texts:  # `_(variable)` marks nothing
                    found.add(texts[0] if call.func.id == "_" else tuple(texts[:2]))
    return found


def test_the_click_messages_confed_translates_are_still_clicks_own():
    from confed.i18n.click_words import MESSAGES, PLURALS

    assert set(MESSAGES) | set(PLURALS) <= clicks_own_messages()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_clicks_usage_errors_speak_the_language_and_stay_english_in_english(
    confed, monkeypatch, lang
):
    monkeypatch.setenv("LANG", "C.UTF-8")
    mistakes = {
        ("rights", "alfa", "--citizenship", "PS"): ("Missing option",),
        ("rights", "alfa", "--citizenship", "PS", "--residence", "jaffa", "--year", "abc"): (
            "Invalid value for {param_hint}: {message}",
        ),
        ("nosuch",): ("No such command {name!r}.",),
        ("treaties", "--nosuch"): ("No such option {name!r}.",),
    }
    catalogue = gettext.translation("confed", LOCALE, [lang])
    for args, messages in mistakes.items():
        english = confed(*args)
        told = confed("--lang", lang, *args)
        assert english.code == told.code == 2, args
        assert english.err.startswith("Usage:") and "Error: " in english.err
        for english_words in ("Usage:", "Error:", "Try ", "Missing", "Invalid", "No such"):
            assert english_words not in told.err, (args, english_words)
        for message in ("Usage:", "Error: {message}", *messages):
            said = catalogue.gettext(message).split("{")[0].strip()
            assert said and said in told.err, (args, message)
