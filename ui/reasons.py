"""Sentences written by ``metrics`` (reasons, warnings, notes, formulas) in the interface language.

``metrics`` (and the upload helpers ``ui.upload`` and ``ui.campaign``) write their reasons,
warnings and problems in English, many with numbers in them ("only 45 exposed answers: below the
250 per group…"). On the French interface they are translated here, at the edge: each known
sentence is a pattern with a French template, its numbers rewritten the French way (1 234,5).
Notes joined with "; " are translated part by part. A sentence without a pattern is shown as
written, so a new one stays visible rather than lost. The English interface always shows the
text exactly as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd

from i18n.messages import Message
from ui.i18n import NARROW_NBSP, language

# An English-written number: "1,234,567", "+5.0", "-0.2", "90".
_NUMBER = re.compile(r"(?<![\w.])([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
_PERCENT = re.compile(r"(\d) ?%")

# Words a pattern captures that French writes differently.
WORDS: dict[str, str] = {
    "exposed": "exposé",
    "control": "témoin",
    "at or above": "au niveau ou au-dessus de",
    "at or below": "au niveau ou en dessous de",
    "above": "au-dessus de",
    "below": "en dessous de",
    "higher": "à atteindre ou dépasser",
    "lower": "à ne pas dépasser",
    "bounds": "bornes",
    "unbounded": "sans limite",
    "n/a": "n.d.",
    "reach": "la couverture",
    "impressions": "les impressions",
    "views": "les vues",
    "engagements": "les interactions",
    "clicks": "les clics sur un lien",
    "followers": "les abonnés",
    "saves": "les enregistrements",
    "shares": "les partages",
    "profile visits": "les visites du profil",
    "link clicks": "les clics sur un lien",
    "no reach exported": "aucune couverture exportée",
    "no impressions exported": "aucune impression exportée",
    "no post or delivery row exports both impressions and reach": (
        "aucune publication ni ligne de diffusion n'exporte à la fois impressions et couverture"
    ),
}

QUESTIONS: dict[str, str] = {
    "ad_recall": "mémorisation publicitaire",
    "awareness": "notoriété",
    "consideration": "considération",
    "favorability": "favorabilité",
    "purchase_intent": "intention d'achat",
}


def french_number(text: str) -> str:
    """Numbers written the English way inside ``text``, rewritten the French way.

    ``"101,276"`` → ``"101 276"``, ``"-6.2 pts"`` → ``"−6,2 pts"``, ``"5.0%"`` → ``"5,0 %"``.
    """

    def one(match: re.Match[str]) -> str:
        sign, whole, decimals = match.group(1), match.group(2), match.group(3) or ""
        sign = "−" if sign in ("-", "−") else sign
        return sign + whole.replace(",", NARROW_NBSP) + decimals.replace(".", ",")

    return _PERCENT.sub("\\1\u00a0%", _NUMBER.sub(one, text))


def _interval_kind(text: str) -> str:
    match = re.fullmatch(r"(\d+)% interval", text)
    return f"intervalle à {match.group(1)}\u00a0%" if match else WORDS.get(text, text)


def _group(name: str, value: str | None) -> str:
    """A captured group in French, by its name: ``v`` value, ``w`` word, ``q`` question(s)."""
    if value is None:
        return ""
    if name.startswith("v"):
        return WORDS.get(value, french_number(value))
    if name.startswith("w"):
        return WORDS.get(value, value)
    if name.startswith("q"):
        # A question by its code ("purchase_intent") or in words ("purchase intent").
        return ", ".join(QUESTIONS.get(q.replace(" ", "_"), q) for q in value.split(", "))
    if name.startswith("k"):
        return _interval_kind(value)
    return value


Template = str | Callable[[dict[str, str]], str]

# metrics.organic: which side of the comparison a sentence is about.
_SIDES = {"sponsored": "sponsorisées", "organic": "organiques"}

# (English sentence as a pattern, French template); groups are named by how they translate
# (see ``_group``). The metrics module that writes each sentence is named above its group.
_PATTERNS: tuple[tuple[str, Template], ...] = (
    # metrics.scorecard
    (
        r"(?P<v>.+?) is (?P<wside>at or above|at or below|above|below) the target (?P<vt>.+?) "
        r"\((?P<wdir>higher|lower) is better\)",
        "{v} : {wside} l'objectif {vt} ({wdir})",
    ),
    (
        r"(?P<vlow>.+?) to (?P<vhigh>.+?) \((?P<k>\d+% interval|bounds)\) lies wholly "
        r"(?P<wside>at or above|at or below|above|below) the target (?P<vt>.+?) "
        r"\((?P<wdir>higher|lower) is better\)",
        "{vlow} à {vhigh} ({k}) : entièrement {wside} l'objectif {vt} ({wdir})",
    ),
    (
        r"(?P<vlow>.+?) to (?P<vhigh>.+?) \((?P<k>\d+% interval|bounds)\) straddles the target "
        r"(?P<vt>.+?) \((?P<wdir>higher|lower) is better\)(?P<more>: more answers would settle it)?",
        lambda g: (
            "{vlow} à {vhigh} ({k}) : de part et d'autre de l'objectif {vt} ({wdir})".format(**g)
            + (" ; davantage de réponses permettraient de trancher" if g["more"] else "")
        ),
    ),
    (r"the target is not a number", "l'objectif n'est pas un nombre"),
    (r"the metric cannot be computed", "l'indicateur ne peut pas être calculé"),
    (r"not computed", "non calculé"),
    (r"low certainty \((?P<v>\d+%)\)", "faible certitude ({v})"),
    (r"the survey has no answers to (?P<q>\w+)", "l'enquête n'a aucune réponse à {q}"),
    (r"the lift cannot be computed", "la hausse ne peut pas être calculée"),
    (
        r"unique reach is between (?P<vlow>an unknown number|[\d,]+) \(largest single reach "
        r"figure exported\) and (?P<vhigh>[\d,]+) \(sum of reach figures, which counts a person "
        r"once per post\)",
        lambda g: (
            "la couverture unique est comprise entre "
            + ("un nombre inconnu" if g["vlow"] == "an unknown number" else g["vlow"])
            + " (plus grand chiffre de couverture exporté) et {vhigh} (somme des couvertures, qui "
            "compte une personne une fois par publication)".format(**g)
        ),
    ),
    (r"average frequency cannot be computed", "la répétition moyenne ne peut pas être calculée"),
    (
        r"reach summed across posts over-counts people, so the true frequency is between "
        r"impressions / Σ reach and impressions / the largest single reach figure",
        "la couverture additionnée entre publications compte des personnes plusieurs fois : la "
        "vraie répétition est comprise entre impressions / Σ couverture et impressions / le plus "
        "grand chiffre de couverture",
    ),
    (r"no usable brand-lift question", "aucune question d'enquête de brand lift exploitable"),
    (
        r"no reach exported: lifted users cannot be counted",
        "aucune couverture exportée : les personnes convaincues ne peuvent pas être comptées",
    ),
    (r"on the (?P<q>\w+) lift", "sur la hausse « {q} »"),
    (
        r"reach summed across posts over-counts people, so the cost is understated",
        "la couverture additionnée entre publications compte des personnes plusieurs fois : le "
        "coût est sous-estimé",
    ),
    (
        r"no lifted users: the (?P<q>\w+) lift interval is at or below 0",
        "aucune personne convaincue : l'intervalle de la hausse « {q} » est inférieur ou égal à 0",
    ),
    (r"no campaign posts with a creator", "aucune publication de la campagne avec un créateur"),
    (r"rate version (?P<version>.+)", "barème version {version}"),
    (r"no comments on this campaign's posts", "aucun commentaire sur les publications"),
    (r"the campaign has no brand terms", "la campagne n'a pas de termes de marque"),
    (r"(?P<v>\d+) comments scored automatically", "{v} commentaires évalués automatiquement"),
    (r"no open answers", "aucune réponse ouverte"),
    (r"no sponsored posts in this campaign", "aucune publication sponsorisée dans la campagne"),
    # metrics.kpis
    (
        r"no campaign posts or paid delivery under these filters",
        "aucune publication ni diffusion payante pour ces filtres",
    ),
    (
        r"impressions estimated from views for (?P<v>\d+) posts?",
        "impressions estimées à partir des vues pour {v} publication(s)",
    ),
    (
        r"(?P<v>\d+) of (?P<vt>\d+) posts report (?P<wa>[\w ]+?) and (?P<wb>[\w ]+)",
        "{v} publications sur {vt} fournissent {wa} et {wb}",
    ),
    (
        r"(?P<v>\d+) of (?P<vt>\d+) posts report (?P<wa>[\w ]+)",
        "{v} publications sur {vt} fournissent {wa}",
    ),
    (
        r"(?P<v>\d+) of (?P<vt>\d+) posts have a cost recorded",
        "{v} publications sur {vt} ont un coût enregistré",
    ),
    (r"includes (?P<v>[\d,.]+) paid impressions", "dont {v} impressions payantes"),
    (r"includes (?P<v>[\d,.]+) paid link clicks", "dont {v} clics payants sur un lien"),
    (r"includes (?P<v>[\d,.]+) ad spend", "dont {v} de dépenses publicitaires"),
    (
        r"(?P<v>\d+) posts? with fewer impressions than reach: check the export",
        "{v} publication(s) avec moins d'impressions que de couverture : vérifiez l'export",
    ),
    (r"no impressions or views in the exports", "aucune impression ni vue dans les exports"),
    (r"no reach in the exports", "aucune couverture dans les exports"),
    (r"no views in the exports", "aucune vue dans les exports"),
    (
        r"no likes, comments, shares or saves exported",
        "aucun j'aime, commentaire, partage ni enregistrement exporté",
    ),
    (r"no link clicks in the exports", "aucun clic sur un lien dans les exports"),
    (r"no (?P<wbase>\w+) in the exports", "pas de données sur {wbase} dans les exports"),
    (r"(?P<wbase>\w+) is 0", "{wbase} à zéro"),
    (
        r"summed across (?P<v>\d+) posts or ad rows: a person reached by several counts once per "
        r"post \(over-counts unique people\)",
        "additionnée sur {v} publications ou lignes publicitaires : une personne touchée par "
        "plusieurs compte une fois par publication (surestime les personnes uniques)",
    ),
    (
        r"(?P<v>\d+) posts? without some of likes, comments, shares, saves \(counted 0\)",
        "{v} publication(s) sans certains j'aime, commentaires, partages ou enregistrements "
        "(comptés 0)",
    ),
    (
        r"mixed currencies \((?P<list>.+)\): costs cannot be added",
        "devises mêlées ({list}) : les coûts ne peuvent pas être additionnés",
    ),
    (
        r"mixed currencies \((?P<list>.+)\): fees cannot be added",
        "devises mêlées ({list}) : les rémunérations ne peuvent pas être additionnées",
    ),
    (
        r"no cost recorded \(no creator fee and no ad spend\)",
        "aucun coût enregistré (ni rémunération de créateur ni dépense publicitaire)",
    ),
    (
        r"ad spend is not attributable below the campaign level",
        "les dépenses publicitaires ne sont pas attribuables en dessous de la campagne",
    ),
    (
        r"no post reports both (?P<wa>[\w ]+) and (?P<wb>[\w ]+)",
        "aucune publication ne fournit à la fois {wa} et {wb}",
    ),
    (
        r"followers unknown for every creator with engagements",
        "abonnés inconnus pour tous les créateurs ayant des interactions",
    ),
    (
        r"followers are the latest known count(?: \(as of (?P<date>[^)]+)\))?, not the count on "
        r"the posting day",
        lambda g: (
            "les abonnés sont le dernier nombre connu"
            + (f" (au {g['date']})" if g["date"] else "")
            + ", pas celui du jour de publication"
        ),
    ),
    (r"a behavioural signal, not a lift", "un signal de comportement, pas une hausse"),
    # metrics.compare
    (r"no post in this campaign", "aucune publication dans cette campagne"),
    (r"no answers to this question", "aucune réponse à cette question"),
    (
        r"the exposed or the control group has no usable answer",
        "le groupe exposé ou le groupe témoin n'a aucune réponse exploitable",
    ),
    # ui.upload and ui.campaign (the Upload page)
    (r"the new client's name", "le nom du nouveau client"),
    (r"the new campaign's name", "le nom de la nouvelle campagne"),
    (
        r"A campaign called “(?P<name>.+)” \(id (?P<id>.+)\) already belongs to the client "
        r"(?P<client>.+): give the new campaign another name, or pick that client and campaign\.",
        "Une campagne nommée « {name} » (id {id}) appartient déjà au client {client} : donnez "
        "un autre nom à la nouvelle campagne, ou choisissez ce client et cette campagne.",
    ),
    (
        r"A target of (?P<v>\S+) has no metric: choose one or delete the row\.",
        "Un objectif de {v} n'a pas d'indicateur : choisissez-en un ou supprimez la ligne.",
    ),
    (r"(?P<label>.+) has two targets: keep one\.", "{label} a deux objectifs : gardez-en un."),
    (
        r"The end date \((?P<end>[\d-]+)\) is before the start date \((?P<start>[\d-]+)\)\.",
        "La date de fin ({end}) est antérieure à la date de début ({start}).",
    ),
    (r"The budget cannot be negative\.", "Le budget ne peut pas être négatif."),
    # metrics.emv
    (
        r"no campaign posts under these filters",
        "aucune publication de la campagne pour ces filtres",
    ),
    # metrics.organic
    (
        r"fewer than (?P<v>\d+) (?P<side>sponsored|organic) posts with views \((?P<vn>\d+)\)",
        lambda g: f"moins de {g['v']} publications {_SIDES[g['side']]} avec des vues ({g['vn']})",
    ),
    (
        r"fewer than (?P<v>\d+) (?P<side>sponsored|organic) posts with engagements and views "
        r"\((?P<vn>\d+)\)",
        lambda g: (
            f"moins de {g['v']} publications {_SIDES[g['side']]} avec des interactions et "
            f"des vues ({g['vn']})"
        ),
    ),
    (
        r"the (?P<side>sponsored|organic) posts have no views",
        lambda g: f"les publications {_SIDES[g['side']]} n'ont aucune vue",
    ),
    (
        r"the (?P<side>sponsored|organic) posts have no engagements",
        lambda g: f"les publications {_SIDES[g['side']]} n'ont aucune interaction",
    ),
    (
        r"no creator has (?P<v>\d+) sponsored and (?P<vo>\d+) organic posts to compare",
        "aucun créateur n'a {v} publications sponsorisées et {vo} organiques à comparer",
    ),
)

Compiled = tuple[tuple[re.Pattern[str], Template], ...]
GroupRule = Callable[[str, str | None], str]


def compile_patterns(patterns: Iterable[tuple[str, Template]]) -> Compiled:
    """A table of (English pattern, French template) compiled once, in its order."""
    return tuple((re.compile(pattern), template) for pattern, template in patterns)


def match_sentence(text: str, compiled: Compiled, group: GroupRule = _group) -> str | None:
    """``text`` through the first pattern of ``compiled`` it wholly matches, or None.

    Each captured group is rewritten by ``group`` (from its name and value) before it fills
    the French template.
    """
    for pattern, template in compiled:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = {name: group(name, value) for name, value in match.groupdict().items()}
        return template(groups) if callable(template) else template.format(**groups)
    return None


_COMPILED = compile_patterns(_PATTERNS)

# Texts ``metrics`` writes whole (help texts, formulas), in French.
FIXED: dict[str, str] = {
    # metrics.scorecard.OBJECTIVE_HELP
    "Awareness: ad recall and awareness lift, reach, frequency. "
    "Consideration: consideration and favorability lift, saves and shares per reach. "
    "Conversion: clicks, CPC, purchase-intent lift. "
    "Loyalty: repeat collaborations, favorability over time.": (
        "Notoriété : hausse de mémorisation publicitaire et de notoriété, couverture, répétition. "
        "Considération : hausse de considération et de favorabilité, enregistrements et partages "
        "par couverture. Conversion : clics, CPC, hausse d'intention d'achat. "
        "Fidélité : collaborations répétées, favorabilité dans le temps."
    ),
    # ui.campaign.TARGETS_HELP
    "One row per metric. Lifts and rates are fractions: 0.05 means 5 % (or 5 points of lift). "
    "Costs are in the campaign's currency. Rows without a target are not saved.": (
        "Une ligne par indicateur. Les hausses et les taux sont des fractions : 0,05 signifie "
        "5 % (ou 5 points de hausse). Les coûts sont dans la devise de la campagne. Les lignes "
        "sans objectif ne sont pas enregistrées."
    ),
}

# ``metrics.kpis.DEFINITIONS`` formulas and sources, in French.
KPI_FORMULAS: dict[str, str] = {
    "impressions": "Σ impressions des publications + Σ impressions payantes (ad_delivery) ; "
    "quand un export Instagram, Facebook ou TikTok n'a pas d'impressions, les vues de la "
    "publication les remplacent (estimé)",
    "reach": "Σ couverture des publications + Σ couverture payante ; estimée quand elle est "
    "additionnée sur plusieurs publications ou lignes publicitaires, car une personne touchée par "
    "deux publications compte deux fois",
    "views": "Σ vues des publications, comptées comme chaque plateforme les compte",
    "engagements": "j'aime + commentaires + partages + enregistrements (une composante absente "
    "de l'export compte 0)",
    "clicks": "Σ clics sur un lien des publications + Σ clics payants (ad_delivery)",
    "cost": "Σ posts.cost (rémunérations des créateurs) + Σ ad_delivery.spend (au niveau de la "
    "campagne seulement)",
    "er_reach": "Σ interactions / Σ couverture sur les publications qui fournissent les deux "
    "(moyenne des taux par publication pondérée par la couverture)",
    "er_impressions": "Σ interactions / Σ impressions des publications sur celles qui "
    "fournissent les deux (impressions payantes exclues)",
    "er_followers": "Σ interactions / Σ abonnés du créateur (dernier nombre connu) sur les "
    "publications dont les abonnés du créateur sont connus",
    "cpm": "coût / impressions × 1000",
    "cpe": "coût / interactions",
    "cpv": "coût / vues",
    "cpc": "coût / clics sur un lien",
    "saves_per_reach": "Σ enregistrements / Σ couverture sur les publications qui fournissent "
    "les deux",
    "shares_per_reach": "Σ partages / Σ couverture sur les publications qui fournissent les deux",
    "clicks_per_reach": "Σ clics sur un lien / Σ couverture sur les publications qui fournissent "
    "les deux",
    "profile_visits_per_reach": "Σ visites du profil / Σ couverture sur les publications qui "
    "fournissent les deux",
}
KPI_SOURCES: dict[str, str] = {
    "cost": "Sillage SPEC §4 (KPI classiques)",
    "saves_per_reach": "Sillage SPEC §4 (considération : signaux de comportement par couverture)",
    "shares_per_reach": "Sillage SPEC §4 (considération : signaux de comportement par couverture)",
    "clicks_per_reach": "Sillage SPEC §4 (considération : signaux de comportement par couverture)",
    "profile_visits_per_reach": "Sillage SPEC §4 (considération : signaux de comportement par "
    "couverture)",
}

# ``metrics.scorecard.TARGET_METRICS`` definitions that are not a KPI's formula, in French.
TARGET_DEFINITIONS: dict[str, str] = {
    "reach": "Σ couverture des publications + Σ couverture payante. Quand plusieurs chiffres de "
    "couverture sont additionnés, la couverture unique est comprise entre le plus grand chiffre "
    "et la somme : l'objectif est évalué sur ces bornes",
    "frequency": "impressions / couverture sur les publications et lignes publicitaires qui "
    "fournissent les deux ; quand la couverture est additionnée entre publications, la vraie "
    "répétition est comprise entre impressions / Σ couverture et impressions / le plus grand "
    "chiffre de couverture : l'objectif est évalué sur ces bornes",
}
_LIFT_DEFINITION = (
    "hausse absolue p_e − p_c de la question {question} (taux de réponses positives des exposés "
    "moins celui des témoins, en points) ; évaluée sur son intervalle de Newcombe au niveau de "
    "confiance du rapport"
)


def _sentence(text: str) -> str:
    fixed = FIXED.get(text)
    if fixed is not None:
        return fixed
    translated = match_sentence(text, _COMPILED)
    return text if translated is None else translated


def translate(text: str | None) -> str | None:
    """``text`` written by ``metrics`` in the interface language; unknown sentences unchanged.

    Notes joined with "; " are translated part by part and joined the French way (" ; ").
    """
    if isinstance(text, Message):  # a sentence written as data renders itself
        return text.render(language())
    if not text or language() != "fr":
        return text
    return " ; ".join(_sentence(part) for part in text.split("; "))


def translate_all(texts: Iterable[str]) -> list[str]:
    """Each of ``texts`` through ``translate``."""
    return [translate(text) or "" for text in texts]


def joined(texts: Sequence[str]) -> str | None:
    """``texts`` translated and joined as one note, or None when there are none."""
    separator = " ; " if language() == "fr" else "; "
    return separator.join(translate_all(texts)) or None


def frame(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with its text ``columns`` (those present) translated; unchanged in English."""
    present = [c for c in columns if c in table.columns]
    if language() != "fr" or not present:
        return table
    return table.assign(**{c: table[c].map(_cell) for c in present})


def _cell(value: Any) -> Any:
    return translate(value) if isinstance(value, str) else value


def kpi_formula(metric: str, definition: dict[str, str]) -> str:
    """The formula of a ``metrics.kpis.DEFINITIONS`` entry in the interface language."""
    if language() == "fr" and metric in KPI_FORMULAS:
        return KPI_FORMULAS[metric]
    return definition["formula"]


def kpi_source(metric: str, definition: dict[str, str]) -> str:
    """The source of a ``metrics.kpis.DEFINITIONS`` entry in the interface language."""
    if language() == "fr" and metric in KPI_SOURCES:
        return KPI_SOURCES[metric]
    return definition["source"]


def target_definition(key: str, kind: str, source: str | None, english: str) -> str:
    """A ``metrics.scorecard.TARGET_METRICS`` definition in the interface language."""
    if language() != "fr":
        return english
    if kind == "lift" and source:
        return _LIFT_DEFINITION.format(question=QUESTIONS.get(source, source))
    if key in TARGET_DEFINITIONS:
        return TARGET_DEFINITIONS[key]
    if kind == "kpi" and source in KPI_FORMULAS:
        return KPI_FORMULAS[source]
    return translate(english) or english
