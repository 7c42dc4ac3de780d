"""Generate Sillage's bundled demo data: real export formats with planted, known effects.

Run ``python -m sample_data.generate`` to rewrite ``sample_data/files/``, ``manifest.json`` and
``ground_truth.json``. Every draw comes from generators seeded with ``SEED`` (one independent
stream per component, so editing one component leaves the others' draws unchanged), nothing
depends on the clock, and the output is byte-identical from run to run: it is committed, and the
tests regenerate it into a temporary directory and compare.

What is planted, and every definition needed to check that a metric recovers it, is written to
``ground_truth.json`` (see its ``conventions`` block).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.writers import slug

SEED = 20261127
PACKAGE_DIR = Path(__file__).resolve().parent
FILES_DIRNAME = "files"
CURRENCY = "EUR"
# Creators' follower counts are given at this date and grow monthly from it.
FOLLOWERS_ANCHOR = dt.date(2025, 3, 1)
# Outcome window around each campaign, in weeks: a pre-period, then the carry-over tail.
WEEKS_BEFORE, WEEKS_AFTER = 4, 7


def rng_for(component: str) -> np.random.Generator:
    """An independent, reproducible stream for one component (crc32: stable across runs)."""
    return np.random.default_rng([SEED, zlib.crc32(component.encode())])


# --------------------------------------------------------------------------------------------
# Specification of the demo world
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    name: str
    handle: str  # the brand's handle on Instagram and TikTok
    # The brand's own YouTube channel (same handle, so one of its brand terms), which carries the
    # weekly outcome series.
    channel: str
    niche: str
    brand_terms: tuple[str, ...]
    misspellings: tuple[str, ...]  # how commenters misspell the brand (never containing a term)
    base_weekly_views: float
    channel_titles: tuple[str, str]


@dataclass(frozen=True)
class Question:
    p_control: float
    lift: float = 0.0  # flat absolute lift for every exposed respondent
    dose: tuple[float, float, float, float] | None = None  # lift at 1, 2, 3, 4+ exposures
    n_scale: float = 1.0  # share of the survey's sample asked this question (Google splits it)


@dataclass(frozen=True)
class Survey:
    kind: str  # long_fr, long_en, wide, google, agg_fr
    n_exposed: int
    n_control: int
    questions: dict[str, Question]
    weighted: bool = False


@dataclass(frozen=True)
class CampaignSpec:
    key: str
    client: str
    name: str
    objective: str
    start: dt.date
    weeks: int
    flights: tuple[int, ...]  # campaign weeks (0-based) with creator posts and paid media
    paid_per_week: float  # Meta Ads spend per flight week; 0 without paid amplification
    theta: float  # planted adstock decay
    survey: Survey
    targets: dict[str, float]
    sentiment: tuple[float, float, float] = (0.55, 0.30, 0.15)  # comments: pos, neutral, neg

    @property
    def campaign_id(self) -> str:
        return slug(self.name)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)


@dataclass(frozen=True)
class CreatorSpec:
    handle: str
    platform: str
    display_name: str
    lang: str
    followers: int  # at FOLLOWERS_ANCHOR
    monthly_growth: float
    base_er: float  # expected engagement rate by reach at the first collaboration with a brand
    relationship: str  # deepening, flat or fatigue
    er_step: float  # relative change of the expected rate per further collaboration
    disclosure: tuple[float, float, float]  # probabilities: disclosed, ambiguous, missing
    campaigns: tuple[tuple[str, int], ...]  # (campaign key, number of posts)

    @property
    def creator_id(self) -> str:
        return f"{self.platform}:{self.handle.lower()}"


CLIENTS: tuple[Client, ...] = (
    Client(
        name="Maison Aurore",
        handle="maisonaurore",
        channel="maisonaurore",
        niche="beauty",
        brand_terms=("Maison Aurore", "@maisonaurore", "#maisonaurore"),
        misspellings=("Maison Aurora", "Maison Aurorre", "Mason Aurore"),
        base_weekly_views=14000.0,
        channel_titles=("Le rituel Maison Aurore en 3 gestes", "Dans nos ateliers de Grasse"),
    ),
    Client(
        name="Stride Lab",
        handle="stridelab",
        channel="stridelab",
        niche="running",
        brand_terms=("Stride Lab", "StrideLab", "@stridelab", "#stridelab"),
        misspellings=("Stryde Lab", "Strid Lab", "Stidelab"),
        base_weekly_views=22000.0,
        channel_titles=("How we test every Stride Lab shoe", "Apex Trail: the story"),
    ),
    Client(
        name="Les Délices Verts",
        handle="delicesverts",
        channel="delicesverts",
        niche="food",
        brand_terms=("Les Délices Verts", "Délices Verts", "@delicesverts", "#delicesverts"),
        misspellings=("Délice Vert", "Les Delis Verts", "Délices Vers"),
        base_weekly_views=9000.0,
        channel_titles=("De la ferme à l'assiette", "5 recettes express Délices Verts"),
    ),
)
CLIENTS_BY_NAME = {c.name: c for c in CLIENTS}

# True ad-recall lift by exposure count: 1, 2, 3 and 4+ exposures.
AD_RECALL_DOSE = (0.03, 0.06, 0.08, 0.09)
# Exposure counts of exposed respondents: P(1), P(2), P(3), then 4..7 evenly.
EXPOSURE_PMF = {1: 0.30, 2: 0.25, 3: 0.20, 4: 0.0625, 5: 0.0625, 6: 0.0625, 7: 0.0625}

CAMPAIGNS: tuple[CampaignSpec, ...] = (
    CampaignSpec(
        key="ma1",
        client="Maison Aurore",
        name="Éclat de printemps 2025",
        objective="awareness",
        start=dt.date(2025, 3, 3),
        weeks=7,
        flights=(0, 1, 4, 5),
        paid_per_week=4000.0,
        theta=0.6,
        survey=Survey(
            "long_fr",
            800,
            600,
            {
                "ad_recall": Question(0.22, dose=AD_RECALL_DOSE),
                "awareness": Question(0.35, 0.05),
                "favorability": Question(0.40, 0.03),
            },
        ),
        targets={
            "ad_recall_lift": 0.05,
            "awareness_lift": 0.04,
            "reach": 500000,
            "frequency": 2.0,
            "cpm": 12.0,
        },
    ),
    CampaignSpec(
        key="sl1",
        client="Stride Lab",
        name="Spring Run 2025",
        objective="consideration",
        start=dt.date(2025, 4, 7),
        weeks=7,
        flights=(0, 1, 3, 4),
        paid_per_week=0.0,
        theta=0.5,
        survey=Survey(
            "long_en",
            450,
            420,
            {
                "ad_recall": Question(0.18, 0.08),
                "consideration": Question(0.30, 0.06),
                "favorability": Question(0.45, 0.05),
            },
            weighted=True,
        ),
        targets={
            "consideration_lift": 0.04,
            "favorability_lift": 0.03,
            "saves_per_reach": 0.005,
            "shares_per_reach": 0.004,
        },
    ),
    CampaignSpec(
        key="ldv1",
        client="Les Délices Verts",
        name="Été gourmand 2025",
        objective="conversion",
        start=dt.date(2025, 6, 2),
        weeks=7,
        flights=(0, 1, 4, 5),
        paid_per_week=0.0,
        theta=0.4,
        survey=Survey(
            "long_fr",
            180,
            170,
            {
                "ad_recall": Question(0.15, 0.07),
                "consideration": Question(0.28, 0.05),
                "purchase_intent": Question(0.20, 0.06),
            },
        ),
        targets={"clicks": 3500, "cpc": 3.0, "purchase_intent_lift": 0.04},
    ),
    CampaignSpec(
        key="sl2",
        client="Stride Lab",
        name="Marathon Season 2025",
        objective="awareness",
        start=dt.date(2025, 9, 1),
        weeks=7,
        flights=(0, 1, 2, 5),
        paid_per_week=0.0,
        theta=0.7,
        survey=Survey(
            "google",
            2300,
            2200,
            {
                "ad_recall": Question(0.24, 0.07),
                "awareness": Question(0.38, 0.04, n_scale=0.92),
                "consideration": Question(0.21, 0.02, n_scale=0.85),
            },
        ),
        targets={
            "ad_recall_lift": 0.05,
            "awareness_lift": 0.04,
            "reach": 400000,
            "frequency": 1.8,
            "cpm": 10.0,
        },
    ),
    CampaignSpec(
        key="ma2",
        client="Maison Aurore",
        name="Rituel d'automne 2025",
        objective="consideration",
        start=dt.date(2025, 10, 6),
        weeks=7,
        flights=(0, 1, 4, 5),
        paid_per_week=0.0,
        theta=0.6,
        # The campaign with no real lift: exposed and control answer alike.
        survey=Survey(
            "long_fr",
            520,
            500,
            {
                "ad_recall": Question(0.20),
                "consideration": Question(0.27),
                "favorability": Question(0.42),
            },
        ),
        targets={
            "consideration_lift": 0.04,
            "favorability_lift": 0.03,
            "saves_per_reach": 0.008,
            "shares_per_reach": 0.004,
        },
        sentiment=(0.35, 0.35, 0.30),
    ),
    CampaignSpec(
        key="ldv2",
        client="Les Délices Verts",
        name="Les Fêtes Vertes 2025",
        objective="loyalty",
        start=dt.date(2025, 11, 24),
        weeks=7,
        flights=(0, 1, 3, 4),
        paid_per_week=0.0,
        theta=0.5,
        survey=Survey(
            "agg_fr",
            310,
            300,
            {"favorability": Question(0.50, 0.06), "purchase_intent": Question(0.25, 0.04)},
        ),
        targets={"favorability_lift": 0.04, "repeat_collaborations": 3},
    ),
    CampaignSpec(
        key="ma3",
        client="Maison Aurore",
        name="Collection Été 2026",
        objective="loyalty",
        start=dt.date(2026, 4, 6),
        weeks=8,
        flights=(0, 1, 2, 5, 6),
        paid_per_week=5000.0,
        theta=0.6,
        survey=Survey(
            "wide",
            320,
            300,
            {
                "ad_recall": Question(0.25, 0.08),
                "consideration": Question(0.33, 0.05),
                "favorability": Question(0.48, 0.07),
            },
        ),
        targets={"favorability_lift": 0.05, "repeat_collaborations": 4},
    ),
    CampaignSpec(
        key="sl3",
        client="Stride Lab",
        name="Trail Series 2026",
        objective="conversion",
        start=dt.date(2026, 8, 3),
        weeks=9,
        flights=(0, 1, 4, 5, 7, 8),
        paid_per_week=6000.0,
        theta=0.7,
        survey=Survey(
            "long_en",
            2000,
            1000,
            {
                "ad_recall": Question(0.20, dose=AD_RECALL_DOSE),
                "consideration": Question(0.26, 0.05),
                "purchase_intent": Question(0.18, 0.05),
            },
        ),
        targets={"clicks": 9000, "cpc": 2.5, "purchase_intent_lift": 0.04},
        sentiment=(0.62, 0.28, 0.10),
    ),
)
CAMPAIGNS_BY_KEY = {c.key: c for c in CAMPAIGNS}

CREATORS: tuple[CreatorSpec, ...] = (
    CreatorSpec("lea.glow", "instagram", "Léa Glow", "fr", 84000, 0.012, 0.042, "deepening", 0.12,
                (1.0, 0.0, 0.0), (("ma1", 2), ("ma2", 2), ("ma3", 2))),
    CreatorSpec("camille.au.quotidien", "instagram", "Camille au quotidien", "fr", 152000, 0.006,
                0.026, "flat", 0.0, (0.6, 0.4, 0.0),
                (("ma1", 1), ("ma2", 1), ("ma3", 2), ("ldv2", 1))),
    CreatorSpec("ines.beaute", "instagram", "Inès Beauté", "fr", 41000, 0.02, 0.055, "fatigue",
                0.07, (0.5, 0.25, 0.25), (("ma1", 2), ("ma3", 2))),
    CreatorSpec("julien.court", "instagram", "Julien Court", "fr", 63000, 0.015, 0.038,
                "deepening", 0.10, (0.8, 0.2, 0.0), (("sl1", 2), ("sl2", 1), ("sl3", 2))),
    CreatorSpec("sam.runs.paris", "instagram", "Sam Runs Paris", "en", 27500, 0.01, 0.061, "flat",
                0.0, (0.34, 0.33, 0.33), (("sl1", 1), ("sl3", 2))),
    CreatorSpec("chef.margaux", "instagram", "Chef Margaux", "fr", 118000, 0.008, 0.031, "flat",
                0.0, (0.75, 0.0, 0.25), (("ldv1", 2), ("ldv2", 2))),
    CreatorSpec("emma.makeup", "tiktok", "Emma Makeup", "fr", 412000, 0.025, 0.075, "deepening",
                0.08, (0.7, 0.15, 0.15), (("ma1", 2), ("ma2", 2), ("ma3", 3))),
    CreatorSpec("glowwithzoe", "tiktok", "Zoe", "en", 230000, 0.02, 0.062, "flat", 0.0,
                (0.0, 0.5, 0.5), (("ma2", 2),)),
    CreatorSpec("runclub.theo", "tiktok", "Théo | Run Club", "fr", 185000, 0.015, 0.081, "flat",
                0.0, (0.67, 0.17, 0.16), (("sl1", 2), ("sl2", 2), ("sl3", 2))),
    CreatorSpec("miamfacile", "tiktok", "Miam Facile", "fr", 640000, 0.01, 0.068, "deepening",
                0.06, (0.75, 0.25, 0.0), (("ldv1", 2), ("ldv2", 2))),
    CreatorSpec("veggie.hugo", "tiktok", "Hugo veggie", "fr", 95000, 0.03, 0.09, "flat", 0.0,
                (0.0, 0.0, 1.0), (("ldv1", 1),)),
    CreatorSpec("RunWithNina", "youtube", "Run With Nina", "en", 310000, 0.01, 0.044,
                "deepening", 0.09, (1.0, 0.0, 0.0), (("sl1", 1), ("sl2", 1), ("sl3", 2))),
    CreatorSpec("TrailMaxFR", "youtube", "Trail Max", "fr", 88000, 0.012, 0.052, "flat", 0.0,
                (0.5, 0.0, 0.5), (("sl2", 1), ("sl3", 1))),
    CreatorSpec("CuisineDeSophie", "youtube", "Cuisine de Sophie", "fr", 205000, 0.008, 0.036,
                "flat", 0.0, (1.0, 0.0, 0.0), (("ldv1", 1), ("ldv2", 1))),
    CreatorSpec("BeautyByAnais", "youtube", "Beauty by Anaïs", "fr", 142000, 0.01, 0.040, "flat",
                0.0, (0.5, 0.5, 0.0), (("ma2", 1), ("ma3", 1))),
)  # fmt: skip
CREATORS_BY_HANDLE = {c.handle: c for c in CREATORS}

# Platform exports the creators sent (account exports for the campaign's period, organic posts
# included), loaded before the influencer-platform report of the same campaign.
INSTAGRAM_EXPORTS = (
    ("ines.beaute", "ma1", "fr_semicolon"),
    ("julien.court", "sl2", "en"),
    ("lea.glow", "ma3", "fr_utf16"),
)
TIKTOK_EXPORTS = (("emma.makeup", "ma2"), ("runclub.theo", "sl3"))
YOUTUBE_EXPORTS = (("RunWithNina", "sl3", "en"), ("TrailMaxFR", "sl3", "fr"))
ORGANIC_POSTS = {"ines.beaute": 1, "julien.court": 2, "lea.glow": 2, "emma.makeup": 1}
# Organic YouTube videos in the creators' Table data exports, on fixed dates.
ORGANIC_VIDEOS = {
    "RunWithNina": (dt.date(2026, 8, 21), dt.date(2026, 9, 18)),
    "TrailMaxFR": (dt.date(2026, 8, 14), dt.date(2026, 9, 28), dt.date(2026, 10, 9)),
}
EXPOSURE_LOG_CAMPAIGN = "sl3"
# Persons in the exposure log by number of exposures (10 means 10 to 14).
EXPOSURE_LOG_PMF = {1: .38, 2: .22, 3: .14, 4: .09, 5: .06, 6: .03, 7: .02, 8: .02, 9: .01, 10: .03}  # fmt: skip
EXPOSURE_LOG_PERSONS = 1500

# Audience exports of every creator (one file per dimension, as the platforms export them):
# shares of the age bands AGE_BANDS (Instagram and YouTube; TikTok exports no age), the share
# of women (the rest men), and the top countries (YouTube: views per country). Creator fit ranks
# follow from these numbers and the clients' TARGET_AUDIENCES (ground_truth "creator_fit").
AGE_BANDS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AUDIENCE_AS_OF = dt.date(2026, 10, 1)
AUDIENCES: dict[str, tuple[tuple[float, ...] | None, float, dict[str, float]]] = {
    "lea.glow": ((.05, .35, .35, .15, .06, .03, .01), .88, {"FR": .72, "BE": .10, "CH": .05}),
    "camille.au.quotidien": ((.02, .18, .34, .28, .12, .05, .01), .76, {"FR": .80, "BE": .06}),
    "ines.beaute": ((.08, .46, .30, .10, .04, .02, .0), .92, {"FR": .55, "MA": .25, "BE": .05}),
    "julien.court": ((.02, .20, .40, .25, .10, .03, .0), .35, {"FR": .85, "BE": .05}),
    "sam.runs.paris": ((.01, .25, .45, .20, .06, .03, .0), .45, {"FR": .50, "US": .20, "GB": .15}),
    "chef.margaux": ((.01, .10, .28, .30, .20, .09, .02), .68, {"FR": .82, "BE": .08}),
    "emma.makeup": (None, .85, {"FR": .70, "BE": .12}),
    "glowwithzoe": (None, .80, {"US": .45, "GB": .20, "FR": .10}),
    "runclub.theo": (None, .40, {"FR": .78, "BE": .08}),
    "miamfacile": (None, .70, {"FR": .75, "BE": .10, "CA": .05}),
    "veggie.hugo": (None, .55, {"FR": .70, "BE": .05}),
    "RunWithNina": ((.01, .15, .38, .30, .12, .04, .0), .55,
                    {"US": 5000, "GB": 2500, "FR": 1500, "CA": 1000}),
    "TrailMaxFR": ((.01, .10, .30, .35, .17, .06, .01), .25, {"FR": 8000, "CH": 1000, "BE": 1000}),
    "CuisineDeSophie": ((.0, .08, .25, .30, .22, .12, .03), .72,
                        {"FR": 9000, "BE": 600, "CA": 400}),
    "BeautyByAnais": ((.03, .30, .38, .18, .07, .03, .01), .83,
                      {"FR": 7000, "BE": 1200, "CH": 1000, "CA": 800}),
}  # fmt: skip
# Each client's campaigns target the same audience (campaigns.target_audience).
TARGET_AUDIENCES = {
    "Maison Aurore": {"age": ["18-24", "25-34"], "gender": ["female"], "country": ["FR", "BE"]},
    "Stride Lab": {"age": ["25-34", "35-44"], "country": ["FR"]},
    "Les Délices Verts": {"age": ["25-34", "35-44", "45-54"], "country": ["FR", "BE"]},
}
# Two collaborations paid far off their peers (fee multiplied): one far above, one far below.
FEE_OUTLIERS = {("ines.beaute", "ma3"): 3.5, ("CuisineDeSophie", "ldv1"): 0.25}

PLATFORM_RATES = {
    # followers -> audience, fee per 1,000 followers, link-click rate per reach
    "instagram": {"audience": 0.30, "fee": 11.0, "clicks": 0.004},
    "tiktok": {"audience": 0.55, "fee": 7.0, "clicks": 0.002},
    "youtube": {"audience": 0.30, "fee": 20.0, "clicks": 0.008},
}
# How engagements split into likes, comments, shares and saves (YouTube has no saves).
ENGAGEMENT_SPLIT = {
    "instagram": (0.82, 0.05, 0.05, 0.08),
    "tiktok": (0.82, 0.05, 0.05, 0.08),
    "youtube": (0.88, 0.06, 0.06, 0.0),
}

# --------------------------------------------------------------------------------------------
# Text material: captions, disclosure markers, comments, survey answers
# --------------------------------------------------------------------------------------------

PRODUCTS = {
    ("beauty", "fr"): ("le sérum Éclat", "la crème Nuit Aurore", "l'huile précieuse", "la brume Fraîcheur"),
    ("beauty", "en"): ("the Éclat serum", "the Aurore night cream", "the precious oil"),
    ("running", "fr"): ("Apex Trail", "Tempo Carbon", "Volt 3", "Cloud Runner"),
    ("running", "en"): ("Apex Trail", "Tempo Carbon", "Volt 3", "Cloud Runner"),
    ("food", "fr"): ("les galettes de légumes", "le houmous betterave", "le bowl quinoa", "la soupe potimarron"),
}  # fmt: skip
BASE_CAPTIONS = {
    ("beauty", "fr"): (
        "Ma routine du matin avec {product} de @{brand} ✨",
        "3 semaines avec {product} @{brand} : mon avis honnête 👇",
        "GRWM : teint frais avec {product} de @{brand}",
        "{product} @{brand}, le nouveau chouchou de ma trousse 💛",
    ),
    ("beauty", "en"): (
        "Morning routine with {product} from @{brand} ✨",
        "3 weeks with {product} by @{brand}: my honest review 👇",
    ),
    ("running", "fr"): (
        "Sortie longue avec les {product} de @{brand} 🏃‍♂️",
        "Premier trail avec les {product} @{brand} ⛰️",
        "Fractionné du mardi en {product} @{brand} 💨",
    ),
    ("running", "en"): (
        "Long run in the new @{brand} {product} 🏃",
        "First 20K in the {product} by @{brand}",
        "Race-day shoes sorted: @{brand} {product} 🔥",
    ),
    ("food", "fr"): (
        "Dîner prêt en 10 min avec {product} @{brand} 🥗",
        "Ma recette préférée avec {product} de @{brand} 🌱",
        "Apéro veggie : {product} @{brand} 😋",
    ),
}
YOUTUBE_TITLES = {
    ("beauty", "fr"): ("Ma routine complète avec {product}", "{product} : un mois de test"),
    ("running", "fr"): ("J'ai couru 200 km avec les {product} (avis)", "Test terrain : {product} en trail"),
    ("running", "en"): ("I ran 200 km in the {product}: honest review", "{product} vs my old shoes: 3 month test"),
    ("food", "fr"): ("3 recettes de fête avec {product}", "Batch cooking de la semaine avec {product}"),
}  # fmt: skip
HASHTAGS = {
    ("beauty", "fr"): ("#skincare", "#routinebeauté", "#cleanbeauty", "#glowup"),
    ("beauty", "en"): ("#skincare", "#makeup", "#glowingskin"),
    ("running", "fr"): ("#running", "#trail", "#courseapied", "#marathon"),
    ("running", "en"): ("#running", "#trailrunning", "#marathontraining", "#runnersofinstagram"),
    ("food", "fr"): ("#recetteveggie", "#batchcooking", "#mangersain", "#vegetarien"),
}
# Markers cycled through so that every one of them appears.
DISCLOSURE_MARKERS = {
    "fr": ("#pub", "Collaboration commerciale avec @{brand}", "Publicité", "#sponsorisé",
           "#partenariat", "#publicité", "#Pub"),
    "en": ("#ad", "Paid partnership with @{brand}", "#sponsored", "#AD"),
}  # fmt: skip
AMBIGUOUS_MARKERS = {
    "fr": ("#collab", "merci à @{brand} 💛", "#gifted", "#partner"),
    "en": ("#collab", "thanks to @{brand}!", "#gifted", "#partner"),
}
# Hashtags that begin like a marker but are not one ("#ad..." is not "#ad").
TRAP_TAGS = {"en": "#adventure", "fr": "#adorable"}

COMMENT_OBJECTS = {
    ("beauty", "fr"): "ce sérum",
    ("beauty", "en"): "this serum",
    ("running", "fr"): "ces chaussures",
    ("running", "en"): "these shoes",
    ("food", "fr"): "cette recette",
    ("food", "en"): "this recipe",
}
COMMENT_TEMPLATES = {
    ("fr", "positive"): (
        "J'adore {obj} 😍",
        "Je valide à 100 % 🙌",
        "Commandé grâce à toi, hâte de tester !",
        "Franchement ça donne trop envie",
        "Top, je ne connaissais pas {brand} !",
        "J'utilise {brand} depuis des mois, jamais déçue",
        "{brand} c'est vraiment de la qualité 💚",
        "Super vidéo, très clair 👏",
    ),
    ("fr", "neutral"): (
        "C'est dispo où ?",
        "Ça coûte combien ?",
        "Tu l'utilises depuis quand ?",
        "Il y a un code promo ?",
        "C'est quoi la différence avec l'ancienne version ?",
        "{brand} livre en Belgique ?",
        "Vu en magasin {brand} hier",
    ),
    ("fr", "negative"): (
        "Encore un placement de produit…",
        "Trop cher pour ce que c'est",
        "J'ai testé, pas convaincue du tout",
        "Déçue par {brand}, ça ne tient pas",
        "Bof, rien de nouveau",
        "Service client {brand} injoignable 😡",
    ),
    ("en", "positive"): (
        "Love this! 😍",
        "Just ordered, can't wait to try {obj}",
        "Been using {brand} for months, so good",
        "{brand} never disappoints",
        "Great review, super helpful 👏",
        "Obsessed with {obj}",
    ),
    ("en", "neutral"): (
        "Where can I buy this?",
        "How much is it?",
        "Do they ship to Canada?",
        "Is there a discount code?",
        "How does it compare to the old version?",
        "Does {brand} have a store in London?",
    ),
    ("en", "negative"): (
        "Another ad… unfollowing",
        "Way too expensive for what it is",
        "Mine fell apart after two weeks",
        "{brand} customer service never replied to me",
        "Not impressed tbh",
    ),
}
COMMENTER_NAMES = (
    "julie", "marco", "sarah", "nico", "lucie", "tom", "ines", "karim", "chloe", "max", "emma",
    "leo", "manon", "hugo", "lina", "paul", "zoe", "adam", "jade", "louis", "nora", "sam",
)  # fmt: skip
COMMENTER_SUFFIXES = ("", "_", ".", "_run", ".beauty", "_eats", "92", "75", "_off", "x")

QUESTION_LABELS = {
    "fr": {
        "ad_recall": "Souvenir publicitaire",
        "awareness": "Notoriété",
        "consideration": "Considération",
        "favorability": "Opinion favorable",
        "purchase_intent": "Intention d'achat",
    },
    "en": {
        "ad_recall": "Ad recall",
        "awareness": "Awareness",
        "consideration": "Consideration",
        "favorability": "Favorability",
        "purchase_intent": "Purchase intent",
    },
}
# Answer wording: (positive answers, negative answers) per question and language.
ANSWERS = {
    "fr": {
        "ad_recall": (("Oui",), ("Non", "Non", "Je ne sais pas")),
        "awareness": (("Oui",), ("Non",)),
        "consideration": (
            ("Je l'envisagerais certainement", "Je l'envisagerais probablement"),
            ("Peut-être", "Probablement pas", "Certainement pas"),
        ),
        "favorability": (
            ("Très favorable", "Plutôt favorable"),
            ("Ni favorable ni défavorable", "Plutôt défavorable", "Très défavorable"),
        ),
        "purchase_intent": (
            ("J'achèterai certainement", "J'achèterai probablement"),
            ("Peut-être", "Probablement pas", "Certainement pas"),
        ),
    },
    "en": {
        "ad_recall": (("Yes",), ("No", "No", "Not sure")),
        "awareness": (("Yes",), ("No",)),
        "consideration": (
            ("Definitely would consider", "Probably would consider"),
            ("Might or might not consider", "Probably would not", "Definitely would not"),
        ),
        "favorability": (
            ("Very favorable", "Somewhat favorable"),
            ("Neither favorable nor unfavorable", "Somewhat unfavorable", "Very unfavorable"),
        ),
        "purchase_intent": (
            ("Definitely will buy", "Probably will buy"),
            ("Might or might not buy", "Probably will not buy", "Definitely will not buy"),
        ),
    },
}

EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FR_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URL_SAFE = ALNUM + "-_"
NBSP, NNBSP = "\u00a0", "\u202f"

# --------------------------------------------------------------------------------------------
# The simulated world
# --------------------------------------------------------------------------------------------


@dataclass
class Post:
    key: str
    creator: CreatorSpec
    campaign: CampaignSpec | None
    posted_at: dt.datetime
    format: str = ""
    duration: int = 0
    native_id: str = ""  # the id in the post's link (shortcode, video id)
    media_id: str | None = None  # Instagram's numeric id, as account exports give it
    url: str = ""
    caption: str = ""
    title: str | None = None  # YouTube video title
    fee: float | None = None
    followers: int = 0
    label: bool = False
    disclosure: str = "not_sponsored"
    disclosure_reason: str = ""
    trap: str | None = None
    collab_number: int | None = None
    expected_er: float = 0.0
    metrics: dict[str, int | None] = field(default_factory=dict)
    studio: dict[str, float] = field(default_factory=dict)  # YouTube Studio-only numbers
    in_platform_export: bool = False

    @property
    def client(self) -> Client | None:
        return CLIENTS_BY_NAME[self.campaign.client] if self.campaign else None

    @property
    def final_native_id(self) -> str:
        """The id the post ends up with in ``posts.native_id`` after the manifest's load order.

        An Instagram account export (numeric ids) is loaded before the influencer-platform
        report (links), and the ingest keeps the first id it saw for a link.
        """
        if self.platform == "instagram" and self.in_platform_export:
            assert self.media_id
            return self.media_id
        return self.native_id

    @property
    def platform(self) -> str:
        return self.creator.platform

    @property
    def post_id(self) -> str:
        return f"{self.platform}:{self.final_native_id}"

    def engagements(self) -> int:
        m = self.metrics
        return sum(int(m.get(k) or 0) for k in ("likes", "comments", "shares", "saves"))


@dataclass
class Respondent:
    respondent_id: str
    group: str
    exposures: int
    responded_at: dt.datetime
    weight: float
    answers: dict[str, tuple[bool, str] | None]  # None: no answer to this question


@dataclass
class AdRow:
    week: dt.date
    ad_name: str
    spend: float
    impressions: int
    reach: int
    link_clicks: int
    results: int


@dataclass
class Comment:
    comment_id: str
    post: Post
    author: str
    created_at: dt.datetime
    text: str
    likes: int
    language: str
    sentiment: str
    brand_mention: str  # exact, misspelled, none


@dataclass
class World:
    posts: list[Post]
    respondents: dict[str, list[Respondent]]
    aggregated: dict[str, dict[str, dict[str, dict[str, int]]]]  # campaign -> q -> group -> n/pos
    ads: dict[str, list[AdRow]]
    outcome: dict[str, dict]  # per client: weeks, views per video per day, per-campaign series
    comments: list[Comment]
    exposure_log: list[tuple[str, str, dt.datetime]]


def _random_string(rng: np.random.Generator, length: int, alphabet: str = ALNUM) -> str:
    return "".join(alphabet[i] for i in rng.integers(0, len(alphabet), size=length))


def _digits(rng: np.random.Generator, length: int) -> str:
    return "".join(str(d) for d in rng.integers(0, 10, size=length))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _followers_at(creator: CreatorSpec, day: dt.date) -> int:
    months = (day - FOLLOWERS_ANCHOR).days / 30.44
    return int(round(creator.followers * (1 + creator.monthly_growth) ** months))


def _er_multiplier(creator: CreatorSpec, collab_number: int) -> float:
    """Planted relationship effect on the expected engagement rate by reach."""
    steps = collab_number - 1
    if creator.relationship == "deepening":
        return 1 + creator.er_step * steps
    if creator.relationship == "fatigue":
        return max(0.5, 1 - creator.er_step * steps)
    return 1.0


def _simulate_metrics(
    rng: np.random.Generator, post: Post, expected_er: float, conversion: bool
) -> None:
    """Lifetime metrics of one post; engagements are binomial draws on reach."""
    rates = PLATFORM_RATES[post.platform]
    audience = post.followers * rates["audience"] * math.exp(rng.normal(0, 0.25))
    if post.platform == "instagram":
        reach = int(audience)
        views = int(reach * rng.uniform(1.2, 1.5))
    else:
        views = int(audience)
        reach = int(views * rng.uniform(0.74, 0.86))
    er_post = expected_er * math.exp(rng.normal(0, 0.08))
    engagements = int(rng.binomial(reach, min(er_post, 0.5)))
    likes, comments, shares, saves = (
        int(v) for v in rng.multinomial(engagements, ENGAGEMENT_SPLIT[post.platform])
    )
    click_rate = rates["clicks"] * (1.8 if conversion else 1.0)
    post.metrics = {
        "impressions": views,
        "reach": reach,
        "views": views,
        "likes": likes,
        "comments": comments,
        "shares": shares,
        "saves": None if post.platform == "youtube" else saves,
        "clicks": int(rng.binomial(reach, click_rate)),
        "profile_visits": int(rng.binomial(reach, 0.012)),
        "follows": int(rng.binomial(reach, 0.0015)),
    }
    if post.platform == "youtube":
        ctr = rng.uniform(0.035, 0.085)  # kept above 1 %: see the report about percent columns
        post.studio = {
            "impressions": int(views / ctr),
            "ctr": round(100 * views / int(views / ctr), 2),
            "watch_hours": round(views * post.duration * rng.uniform(0.3, 0.5) / 3600, 4),
            "subscribers": int(rng.binomial(views, 0.002)),
            "new_viewers": int(reach * rng.uniform(0.5, 0.7)),
        }


def _make_ids(rng: np.random.Generator, post: Post, force_dash: bool = False) -> None:
    if post.platform == "instagram":
        post.native_id = rng.choice(["C", "D"]) + _random_string(rng, 10, URL_SAFE)
        post.media_id = "179" + _digits(rng, 14)
        kind = "reel" if post.format == "Reel" else "p"
        post.url = f"https://www.instagram.com/{kind}/{post.native_id}/"
    elif post.platform == "tiktok":
        post.native_id = "7" + _digits(rng, 18)
        post.url = f"https://www.tiktok.com/@{post.creator.handle}/video/{post.native_id}"
    else:
        post.native_id = ("-" if force_dash else "") + _random_string(
            rng, 10 if force_dash else 11, URL_SAFE
        )
        # Share links, as influencer platforms store them (see the report on watch?v= links).
        post.url = f"https://youtu.be/{post.native_id}"


def _choose_format(rng: np.random.Generator, platform: str) -> tuple[str, int]:
    if platform == "instagram":
        fmt = str(rng.choice(["Reel", "Carousel", "Photo"], p=[0.6, 0.3, 0.1]))
        return fmt, int(rng.integers(15, 91)) if fmt == "Reel" else 0
    if platform == "tiktok":
        return "Video", int(rng.integers(20, 76))
    fmt = str(rng.choice(["Integration", "Dedicated video"], p=[0.6, 0.4]))
    return fmt, int(rng.integers(480, 1500))


def build_posts() -> list[Post]:
    """Sponsored posts with collaboration numbers, metrics, fees, ids and captions."""
    timing = rng_for("post-timing")
    posts: list[Post] = []
    for creator in CREATORS:
        for key, count in creator.campaigns:
            campaign = CAMPAIGNS_BY_KEY[key]
            weeks = sorted(int(w) for w in timing.choice(campaign.flights, count, replace=False))
            for week in weeks:
                day = campaign.start + dt.timedelta(days=7 * week + int(timing.integers(0, 7)))
                at = dt.datetime.combine(day, dt.time(int(timing.integers(11, 22)), 0))
                at += dt.timedelta(minutes=int(timing.integers(0, 60)))
                posts.append(Post(f"{creator.handle}/{key}/{week}", creator, campaign, at))
    posts.sort(key=lambda p: (p.posted_at, p.creator.handle))

    # Collaboration number: the post's rank among the creator's posts for the same brand.
    seen: Counter[tuple[str, str]] = Counter()
    campaigns_before: dict[tuple[str, str], list[str]] = defaultdict(list)
    metrics_rng, ids_rng, fee_rng = rng_for("metrics"), rng_for("ids"), rng_for("fees")
    dash_done = False
    for post in posts:
        assert post.campaign
        pair = (post.creator.handle, post.campaign.client)
        seen[pair] += 1
        post.collab_number = seen[pair]
        if post.campaign.key not in campaigns_before[pair]:
            campaigns_before[pair].append(post.campaign.key)
        prior_campaigns = len(campaigns_before[pair]) - 1
        post.followers = _followers_at(post.creator, post.posted_at.date())
        post.format, post.duration = _choose_format(metrics_rng, post.platform)
        post.expected_er = post.creator.base_er * _er_multiplier(post.creator, post.collab_number)
        _simulate_metrics(
            metrics_rng, post, post.expected_er, post.campaign.objective == "conversion"
        )
        # The first sponsored YouTube video of the exported creator gets an id starting with
        # "-", which YouTube Studio writes with a leading space.
        force_dash = (
            not dash_done
            and post.creator.handle == YOUTUBE_EXPORTS[0][0]
            and post.campaign.key == YOUTUBE_EXPORTS[0][1]
        )
        dash_done = dash_done or force_dash
        _make_ids(ids_rng, post, force_dash)
        # Fees follow audience size and rise a little with each renewed campaign.
        base = post.followers / 1000 * PLATFORM_RATES[post.platform]["fee"]
        raw = base * (1 + 0.05 * prior_campaigns) * fee_rng.uniform(0.9, 1.1)
        raw *= FEE_OUTLIERS.get((post.creator.handle, post.campaign.key), 1.0)
        post.fee = float(max(150, round(raw / 50) * 50))
    _write_captions(posts)
    for creator, key, _ in INSTAGRAM_EXPORTS:
        for post in posts:
            if post.creator.handle == creator and post.campaign and post.campaign.key == key:
                post.in_platform_export = True
    return posts


def _write_captions(posts: list[Post]) -> None:
    """Captions with planted disclosure classes; markers are cycled so that each one appears."""
    rng = rng_for("captions")
    cycles = {name: Counter() for name in ("disclosed", "ambiguous", "trap")}
    for post in posts:
        creator, client = post.creator, post.client
        assert client is not None
        lang = creator.lang
        niche = (client.niche, lang)
        product = str(rng.choice(PRODUCTS[niche]))
        base = str(rng.choice(BASE_CAPTIONS[niche])).format(product=product, brand=client.handle)
        base = base[0].upper() + base[1:]
        tags = [str(t) for t in rng.choice(HASHTAGS[niche], 2, replace=False)]
        lines, prefix = [base], ""
        cls = str(rng.choice(["disclosed", "ambiguous", "missing"], p=creator.disclosure))
        reasons: list[str] = []
        post.label = False
        if cls == "disclosed":
            mode = str(rng.choice(["label", "text", "both"], p=[0.3, 0.4, 0.3]))
            post.label = mode != "text"
            if post.label:
                reasons.append("platform label")
            if mode != "label":
                markers = DISCLOSURE_MARKERS[lang]
                marker = markers[cycles["disclosed"][lang] % len(markers)]
                cycles["disclosed"][lang] += 1
                reasons.append(marker.split(" avec ")[0].split(" with ")[0])
                if marker.startswith("#"):
                    tags.insert(int(rng.integers(0, len(tags) + 1)), marker)
                elif marker == "Publicité":
                    prefix = "Publicité | "
                else:
                    lines.append(marker.format(brand=client.handle))
        elif cls == "ambiguous":
            markers = AMBIGUOUS_MARKERS[lang]
            marker = markers[cycles["ambiguous"][lang] % len(markers)]
            cycles["ambiguous"][lang] += 1
            reasons.append(marker.split(" @")[0])
            if marker.startswith("#"):
                tags.append(marker)
            else:
                lines.append(marker.format(brand=client.handle))
        else:
            reasons.append("no marker")
            # The first two undisclosed posts per language carry a look-alike hashtag.
            if cycles["trap"][lang] < 2:
                cycles["trap"][lang] += 1
                post.trap = TRAP_TAGS[lang]
                tags.append(TRAP_TAGS[lang])
        post.disclosure, post.disclosure_reason = cls, " + ".join(reasons)
        body = prefix + "\n".join(lines)
        if post.platform == "tiktok":
            post.caption = (prefix + " ".join(lines) + " " + " ".join(tags)).strip()
        elif post.platform == "youtube":
            titles = YOUTUBE_TITLES.get(niche) or YOUTUBE_TITLES[(client.niche, "fr")]
            name = product.split(" ", 1)[-1] if client.niche != "running" else product
            post.title = str(rng.choice(titles)).format(product=name)
            post.title = post.title[0].upper() + post.title[1:]
            post.caption = body + "\n\n" + " ".join(tags)
        else:
            separator = "\n\n" if rng.random() < 0.5 else " "
            post.caption = body + separator + " ".join(tags)


def build_organic_posts() -> list[Post]:
    """Non-sponsored posts and videos that the creators' account exports also contain."""
    rng = rng_for("organic")
    organic: list[Post] = []
    periods = {c: CAMPAIGNS_BY_KEY[k] for c, k, _ in INSTAGRAM_EXPORTS}
    periods.update({c: CAMPAIGNS_BY_KEY[k] for c, k in TIKTOK_EXPORTS})
    captions = {
        "fr": ("Dimanche tranquille ☀️", "Petit bilan du mois 📸", "Merci pour les 50 000 ❤️"),
        "en": ("Sunday reset ☀️", "Monthly recap 📸", "Recovery day, coffee first"),
    }
    for handle, count in ORGANIC_POSTS.items():
        creator = CREATORS_BY_HANDLE[handle]
        campaign = periods[handle]
        for index in range(count):
            day = campaign.start + dt.timedelta(days=int(rng.integers(0, 7 * campaign.weeks)))
            at = dt.datetime.combine(day, dt.time(int(rng.integers(8, 21)), 0))
            post = Post(f"{handle}/organic/{index}", creator, None, at)
            organic.append(post)
    for handle, days in ORGANIC_VIDEOS.items():
        creator = CREATORS_BY_HANDLE[handle]
        for index, day in enumerate(days):
            # Only Table data lists them: a publish date without time, and no link.
            at = dt.datetime.combine(day, dt.time(0, 0))
            organic.append(Post(f"{handle}/organic/{index}", creator, None, at))
    titles = {
        "fr": ("Ma semaine d'entraînement", "Récap de course", "Mes 5 sorties préférées"),
        "en": ("My training week", "Race recap", "Five favourite routes"),
    }
    for post in organic:
        post.followers = _followers_at(post.creator, post.posted_at.date())
        post.format, post.duration = _choose_format(rng, post.platform)
        post.expected_er = post.creator.base_er * 1.1
        _simulate_metrics(rng, post, post.expected_er, conversion=False)
        _make_ids(rng, post)
        post.in_platform_export = True
        lang = post.creator.lang
        post.caption = str(rng.choice(captions[lang]))
        if post.platform == "youtube":
            post.url = ""
            index = int(post.key.rsplit("/", 1)[1])
            post.title = titles[lang][index % len(titles[lang])]
            post.caption = post.title
    # One organic video loses subscribers, as YouTube reports it.
    for post in organic:
        if post.platform == "youtube":
            post.studio["subscribers"] = -3
            break
    return organic


# --------------------------------------------------------------------------------------------
# Surveys
# --------------------------------------------------------------------------------------------


def _exposure_bucket(exposures: int) -> str:
    return "4+" if exposures >= 4 else str(exposures)


def _true_p(question: Question, group: str, exposures: int) -> float:
    if group == "control":
        return question.p_control
    if question.dose is not None:
        return question.p_control + question.dose[min(exposures, 4) - 1]
    return question.p_control + question.lift


def _expected_exposed_p(question: Question) -> float:
    if question.dose is None:
        return question.p_control + question.lift
    return question.p_control + sum(
        share * question.dose[min(k, 4) - 1] for k, share in EXPOSURE_PMF.items()
    )


def build_survey(campaign: CampaignSpec) -> list[Respondent]:
    """Respondent-level answers drawn from the planted probabilities."""
    survey = campaign.survey
    rng = rng_for(f"survey-{campaign.key}")
    no_answer = 0.05 if survey.kind == "wide" else 0.03
    ks, probs = list(EXPOSURE_PMF), list(EXPOSURE_PMF.values())
    lang = SURVEY_LANGUAGES[survey.kind]
    used: set[str] = set()
    respondents: list[Respondent] = []
    window_start = dt.datetime.combine(campaign.end - dt.timedelta(days=20), dt.time(8))
    window_seconds = 26 * 24 * 3600
    for group, n in (("exposed", survey.n_exposed), ("control", survey.n_control)):
        for _ in range(n):
            rid = "R_" + _random_string(rng, 10)
            while rid in used:
                rid = "R_" + _random_string(rng, 10)
            used.add(rid)
            exposures = int(rng.choice(ks, p=probs)) if group == "exposed" else 0
            at = window_start + dt.timedelta(seconds=int(rng.integers(0, window_seconds)))
            weight = float(math.exp(rng.normal(0, 0.3))) if survey.weighted else 1.0
            answers: dict[str, tuple[bool, str] | None] = {}
            for name, question in survey.questions.items():
                positive = bool(rng.random() < _true_p(question, group, exposures))
                pos_words, neg_words = ANSWERS[lang][name]
                words = pos_words if positive else neg_words
                answer = str(words[int(rng.integers(0, len(words)))])
                answers[name] = None if rng.random() < no_answer else (positive, answer)
            respondents.append(Respondent(rid, group, exposures, at, weight, answers))
    if survey.weighted:
        mean = sum(r.weight for r in respondents) / len(respondents)
        for r in respondents:
            r.weight = round(r.weight / mean, 3)
    respondents.sort(key=lambda r: (r.responded_at, r.respondent_id))
    return respondents


def build_aggregated(campaign: CampaignSpec) -> dict[str, dict[str, dict[str, int]]]:
    """Vendor-aggregated results: respondents and positive answers per question and group."""
    survey = campaign.survey
    rng = rng_for(f"survey-{campaign.key}")
    result: dict[str, dict[str, dict[str, int]]] = {}
    for name, question in survey.questions.items():
        result[name] = {}
        for group, n in (("exposed", survey.n_exposed), ("control", survey.n_control)):
            n_q = int(round(n * question.n_scale * rng.uniform(0.97, 1.0)))
            p = _expected_exposed_p(question) if group == "exposed" else question.p_control
            result[name][group] = {"n": n_q, "positive": int(rng.binomial(n_q, p))}
    return result


# --------------------------------------------------------------------------------------------
# Paid media, outcome series, comments, exposure log
# --------------------------------------------------------------------------------------------


def build_ads(campaign: CampaignSpec, posts: list[Post]) -> list[AdRow]:
    """Weekly Meta Ads rows (two partnership ads per flight week)."""
    if campaign.paid_per_week <= 0:
        return []
    rng = rng_for(f"ads-{campaign.key}")
    own = [p for p in posts if p.campaign is campaign]
    top = sorted(own, key=lambda p: -int(p.metrics["reach"] or 0))
    creators: list[str] = []
    for post in top:
        if post.creator.handle not in creators:
            creators.append(post.creator.handle)
    label = "Partenariat" if campaign.client != "Stride Lab" else "Partnership ad"
    ads = [f"{label} @{h}" for h in creators[:2]]
    rows: list[AdRow] = []
    for week in campaign.flights:
        monday = campaign.start + dt.timedelta(days=7 * week)
        for ad in ads:
            spend = round(campaign.paid_per_week / len(ads) * rng.uniform(0.85, 1.15), 2)
            impressions = int(spend / rng.uniform(6.5, 9.5) * 1000)
            reach = int(impressions / rng.uniform(1.35, 2.1))
            clicks = int(rng.binomial(impressions, 0.0075))
            results = int(rng.binomial(clicks, 0.78))
            rows.append(AdRow(monday, ad, spend, impressions, reach, clicks, results))
    return rows


def _weekly_spend(campaign: CampaignSpec, posts: list[Post], ads: list[AdRow]) -> Counter:
    spend: Counter[dt.date] = Counter()
    for post in posts:
        if post.campaign is campaign:
            spend[_monday(post.posted_at.date())] += post.fee or 0.0
    for row in ads:
        spend[row.week] += row.spend
    return spend


DAY_OF_WEEK = (0.92, 0.95, 0.96, 1.0, 1.04, 1.08, 1.05)


def build_outcome(client: Client, posts: list[Post], ads: dict[str, list[AdRow]]) -> dict:
    """The brand channel's daily views: base + sum of beta_c * adstock_c, with noise.

    Adstock per campaign: A_t = x_t + theta * A_(t-1), x_t = the campaign's spend of week t in
    thousands of EUR (creator fees by week of posting + Meta Ads spend by reporting week).
    """
    rng = rng_for(f"outcome-{client.handle}")
    campaigns = [c for c in CAMPAIGNS if c.client == client.name]
    first = min(c.start for c in campaigns) - dt.timedelta(weeks=WEEKS_BEFORE)
    last = max(c.end for c in campaigns) + dt.timedelta(weeks=WEEKS_AFTER)
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    per_campaign = {}
    expected = np.full(len(weeks), client.base_weekly_views)
    for campaign in campaigns:
        spend = _weekly_spend(campaign, posts, ads.get(campaign.key, []))
        x = [round(spend.get(w, 0.0) / 1000, 6) for w in weeks]
        adstock, carry = [], 0.0
        for value in x:
            carry = value + campaign.theta * carry
            adstock.append(carry)
        # Scaled so that the peak adds 70 % to the channel's base views.
        beta = round(0.7 * client.base_weekly_views / max(adstock), 1)
        expected = expected + beta * np.array(adstock)
        per_campaign[campaign.key] = {"x": x, "adstock": adstock, "beta": beta}
    videos = []
    ids_rng = rng_for(f"channel-{client.handle}")
    for index, title in enumerate(client.channel_titles):
        video_id = _random_string(ids_rng, 11, URL_SAFE)
        published = dt.date(2024, 9 + 2 * index, 10 + 5 * index)
        videos.append((video_id, title, published, int(ids_rng.integers(180, 600))))
    shares = (0.62, 0.38)
    daily: list[tuple[dt.date, str, int]] = []
    observed = []
    for week_index, monday in enumerate(weeks):
        noisy = expected[week_index] * (1 + rng.normal(0, 0.03))
        total = 0
        for day in range(7):
            date = monday + dt.timedelta(days=day)
            mean = noisy / 7 * DAY_OF_WEEK[day] / (sum(DAY_OF_WEEK) / 7)
            for (video_id, _, _, _), share in zip(videos, shares, strict=True):
                views = int(rng.poisson(mean * share))
                daily.append((date, video_id, views))
                total += views
        observed.append(total)
    return {
        "weeks": weeks,
        "expected": [float(v) for v in expected],
        "observed": observed,
        "campaigns": per_campaign,
        "videos": videos,
        "daily": daily,
    }


def _brand_mention(rng: np.random.Generator, client: Client) -> tuple[str, str]:
    if rng.random() < 0.6:
        exact = (client.name, client.name.lower(), "@" + client.handle)
        return str(exact[int(rng.integers(0, len(exact)))]), "exact"
    return str(client.misspellings[int(rng.integers(0, len(client.misspellings)))]), "misspelled"


def build_comments(posts: list[Post]) -> list[Comment]:
    """Comments in French and English with planted sentiment and brand mentions."""
    rng = rng_for("comments")
    comments: list[Comment] = []
    for post in posts:
        if post.campaign is None:
            continue
        client = post.client
        assert client is not None
        count = 2 + int(rng.poisson(4))
        for _ in range(count):
            own = post.creator.lang
            lang = own if rng.random() < 0.8 else OTHER_LANGUAGE[own]
            sentiment = str(
                rng.choice(["positive", "neutral", "negative"], p=post.campaign.sentiment)
            )
            templates = COMMENT_TEMPLATES[(lang, sentiment)]
            template = templates[int(rng.integers(0, len(templates)))]
            mention = "none"
            brand = ""
            if "{brand}" in template:
                brand, mention = _brand_mention(rng, client)
            text = template.format(obj=COMMENT_OBJECTS[(client.niche, lang)], brand=brand)
            author = str(rng.choice(COMMENTER_NAMES)) + str(rng.choice(COMMENTER_SUFFIXES))
            author += str(int(rng.integers(1, 99))) if rng.random() < 0.4 else ""
            delay = dt.timedelta(seconds=int(rng.exponential(18 * 3600)) + 60)
            if post.platform == "youtube":
                comment_id = "Ugx" + _random_string(rng, 20, URL_SAFE)
            elif post.platform == "tiktok":
                comment_id = "73" + _digits(rng, 17)
            else:
                comment_id = "180" + _digits(rng, 14)
            comments.append(
                Comment(
                    comment_id,
                    post,
                    author,
                    post.posted_at + delay,
                    text,
                    int(rng.poisson(3)),
                    lang,
                    sentiment,
                    mention,
                )
            )
    # Exports list each post's comments oldest first.
    comments.sort(key=lambda c: (c.post.posted_at, c.post.url, c.created_at, c.comment_id))
    return comments


def build_exposure_log(posts: list[Post]) -> list[tuple[str, str, dt.datetime]]:
    """One row per person and exposure for one campaign; persons as hashed ids."""
    rng = rng_for("exposure-log")
    campaign = CAMPAIGNS_BY_KEY[EXPOSURE_LOG_CAMPAIGN]
    own = [p for p in posts if p.campaign is campaign]
    weights = np.array([float(p.metrics["views"] or 0) for p in own])
    weights = weights / weights.sum()
    last = dt.datetime.combine(campaign.end + dt.timedelta(days=14), dt.time(23, 59))
    ks, probs = list(EXPOSURE_LOG_PMF), list(EXPOSURE_LOG_PMF.values())
    rows: set[tuple[str, str, dt.datetime]] = set()
    for person in range(EXPOSURE_LOG_PERSONS):
        person_id = hashlib.sha1(f"sillage-demo-person-{person}".encode()).hexdigest()
        count = int(rng.choice(ks, p=probs))
        if count == 10:
            count = int(rng.integers(10, 15))
        for _ in range(count):
            post = own[int(rng.choice(len(own), p=weights))]
            delay = dt.timedelta(seconds=int(rng.exponential(2.5 * 86400)) + 30)
            at = min(post.posted_at + delay, last)
            rows.add((person_id, post.final_native_id, at))
    return sorted(rows, key=lambda r: (r[2], r[0], r[1]))


def build_world() -> World:
    posts = build_posts() + build_organic_posts()
    respondents, aggregated, ads = {}, {}, {}
    for campaign in CAMPAIGNS:
        if campaign.survey.kind in ("google", "agg_fr"):
            aggregated[campaign.key] = build_aggregated(campaign)
        else:
            respondents[campaign.key] = build_survey(campaign)
        ads[campaign.key] = build_ads(campaign, posts)
    outcome = {c.name: build_outcome(c, posts, ads) for c in CLIENTS}
    return World(
        posts=posts,
        respondents=respondents,
        aggregated=aggregated,
        ads=ads,
        outcome=outcome,
        comments=build_comments(posts),
        exposure_log=build_exposure_log(posts),
    )


# --------------------------------------------------------------------------------------------
# Formatting as the exports write it
# --------------------------------------------------------------------------------------------


def csv_text(
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    quote: str = "minimal",
    newline: str = "\n",
) -> str:
    """CSV as exporters write it: ``quote`` is minimal, all, or spaces (also quote spaced cells)."""
    special = (delimiter, '"', "\n", "\r")
    spaced = (" ", NBSP, NNBSP)

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        needs = (
            quote == "all"
            or any(ch in text for ch in special)
            or (quote == "spaces" and any(ch in text for ch in spaced))
        )
        return '"' + text.replace('"', '""') + '"' if needs else text

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in rows)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode("utf-8")


def fr_int(value: int | None, sep: str = NBSP) -> str:
    return "" if value is None else f"{value:,}".replace(",", sep)


def fr_decimal(value: float, digits: int = 2, sep: str = NBSP) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", sep)


def en_int(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def plain(value: int | None) -> str:
    return "" if value is None else str(value)


def tiktok_count(value: int | None) -> str:
    """TikTok rounds to one decimal with K or M above a thousand (12.3K, 1.2M)."""
    if value is None:
        return ""
    if value < 1000:
        return str(value)
    number, unit = (value / 1e6, "M") if value >= 1_000_000 else (value / 1000, "K")
    return f"{number:.1f}".removesuffix(".0") + unit


def en_date(day: dt.date) -> str:
    return f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}"


def fr_date(day: dt.date) -> str:
    return f"{day.day} {FR_MONTHS[day.month - 1]} {day.year}"


def iso_minutes(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def iso_seconds(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S")


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


@dataclass
class FileOut:
    name: str
    data: bytes
    format: str
    description: str
    campaign: str | None = None  # campaign name given as the assignment
    client: str | None = None
    creator_handle: str | None = None
    as_of: dt.date | None = None
    rows: int = 0
    skipped_rows: int = 0  # totals rows the ingest must skip


def _campaign_posts(world: World, key: str) -> list[Post]:
    return [p for p in world.posts if p.campaign is not None and p.campaign.key == key]


def _export_posts(world: World, handle: str, key: str) -> list[Post]:
    """A creator's posts in the campaign's period as an account export lists them."""
    campaign = CAMPAIGNS_BY_KEY[key]
    rows = [
        p
        for p in world.posts
        if p.creator.handle == handle
        and (
            (p.campaign is campaign)
            or (p.campaign is None and campaign.start <= p.posted_at.date() <= campaign.end)
        )
    ]
    return sorted(rows, key=lambda p: p.posted_at, reverse=True)


SURVEY_LANGUAGES = {"long_fr": "fr", "agg_fr": "fr", "long_en": "en", "wide": "en",
                    "google": "en"}  # fmt: skip
"""The language each kind of survey export is written in."""
OTHER_LANGUAGE = {"fr": "en", "en": "fr"}
"""The demo's other language, the one a fifth of a creator's commenters write in."""
CLIENT_LANGUAGES = {"Stride Lab": "en"}
"""The language a client's own exports are written in, where it is not French."""


def client_language(client: str) -> str:
    """The language of ``client``'s exports (French unless ``CLIENT_LANGUAGES`` says)."""
    return CLIENT_LANGUAGES.get(client, "fr")


IG_POST_TYPES = {
    "fr": {"Reel": "Reel Instagram", "Carousel": "Publication carrousel Instagram",
           "Photo": "Image Instagram"},
    "en": {"Reel": "IG reel", "Carousel": "IG carousel", "Photo": "IG image"},
}  # fmt: skip


def _instagram_rows_en(posts: list, account_id: str, handle: str, name: str) -> list[list]:
    """The older English export: Impressions instead of Views, US dates, "15,000"."""
    header = ["Post ID", "Account ID", "Account username", "Account name", "Description",
              "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment",
              "Date", "Impressions", "Reach", "Likes", "Shares", "Follows", "Comments",
              "Saves"]  # fmt: skip
    rows = [
        [p.media_id, account_id, handle, name, p.caption, p.duration,
         p.posted_at.strftime("%m/%d/%Y %H:%M"), p.url, IG_POST_TYPES["en"][p.format], "",
         "Lifetime", en_int(p.metrics["views"]), en_int(p.metrics["reach"]),
         en_int(p.metrics["likes"]), en_int(p.metrics["shares"]),
         en_int(p.metrics["follows"]), en_int(p.metrics["comments"]),
         en_int(p.metrics["saves"])]
        for p in posts
    ]  # fmt: skip
    return [header, *rows]


def _instagram_rows_fr(posts: list, account_id: str, handle: str, name: str) -> list[list]:
    """The French export: Views, day-first dates, "15 000"."""
    header = ["Identifiant de la publication", "Identifiant du compte",
              "Nom d'utilisateur du compte", "Nom du compte", "Description", "Durée (s)",
              "Heure de publication", "Lien permanent", "Type de publication",
              "Commentaire sur les données", "Date", "Vues", "Couverture", "J'aime",
              "Partages", "Abonnements", "Commentaires", "Enregistrements"]  # fmt: skip
    rows = [
        [p.media_id, account_id, handle, name, p.caption, p.duration,
         p.posted_at.strftime("%d/%m/%Y %H:%M"), p.url, IG_POST_TYPES["fr"][p.format], "",
         "Durée de vie", fr_int(p.metrics["views"]), fr_int(p.metrics["reach"]),
         fr_int(p.metrics["likes"]), fr_int(p.metrics["shares"]),
         fr_int(p.metrics["follows"]), fr_int(p.metrics["comments"]),
         fr_int(p.metrics["saves"])]
        for p in posts
    ]  # fmt: skip
    return [header, *rows]


IG_VARIANTS: dict[str, tuple[Callable[..., list[list]], str, Callable[[list[list]], str]]] = {
    "en": (_instagram_rows_en, "utf-8", csv_text),
    # Re-saved by French Excel: semicolons, with the "sep=;" hint line.
    "fr_semicolon": (_instagram_rows_fr, "utf-8", lambda rows: "sep=;\n" + csv_text(rows, ";")),
    # Meta's per-metric exports: UTF-16LE with a BOM and a "sep=," first line.
    "fr_utf16": (
        _instagram_rows_fr,
        "utf-16-le-bom",
        lambda rows: "sep=,\r\n" + csv_text(rows, ",", newline="\r\n"),
    ),
}
"""Each Instagram export variant: its rows in the export's language, encoding and file text."""


def instagram_file(world: World, handle: str, key: str, variant: str, number: int) -> FileOut:
    """Meta Business Suite content export of one creator account."""
    campaign = CAMPAIGNS_BY_KEY[key]
    creator = CREATORS_BY_HANDLE[handle]
    account_id = "17841" + _digits(rng_for(f"account-{handle}"), 11)
    posts = _export_posts(world, handle, key)
    as_of = campaign.end + dt.timedelta(days=14)
    rows_in_language, encoding, write = IG_VARIANTS[variant]
    table = rows_in_language(posts, account_id, handle, creator.display_name)
    text = write(table)
    return FileOut(
        name=f"{number:02d}_instagram_{handle}_{campaign.campaign_id}.csv",
        data=encode(text, encoding),
        format="instagram_content",
        description=f"Instagram account export of @{handle} for the period of {campaign.name} "
        f"({variant}: {encoding}).",
        as_of=as_of,
        rows=len(table) - 1,
    )


def tiktok_file(world: World, handle: str, key: str, number: int) -> FileOut:
    """TikTok Studio video list: UTF-8 with BOM, every field quoted, counts like 12.3K."""
    campaign = CAMPAIGNS_BY_KEY[key]
    exported = dt.datetime.combine(campaign.end + dt.timedelta(days=14), dt.time(9, 14, 33))
    posts = _export_posts(world, handle, key)
    header = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
              "Total shares\u00a0", "Total views"]  # fmt: skip
    rows = [
        [iso_seconds(exported), p.caption, p.url, iso_seconds(p.posted_at),
         tiktok_count(p.metrics["likes"]), tiktok_count(p.metrics["comments"]),
         tiktok_count(p.metrics["shares"]), tiktok_count(p.metrics["views"])]
        for p in posts
    ]  # fmt: skip
    return FileOut(
        name=f"{number:02d}_tiktok_{handle}_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows], quote="all"), "utf-8-bom"),
        format="tiktok_videos",
        description=f"TikTok video list of @{handle} exported after {campaign.name}; the "
        "export time (Time) dates the snapshot.",
        rows=len(rows),
    )


def _youtube_table_en(posts: list, total: dict) -> str:
    header = ["Content", "Video title", "Video publish time", "Duration", "Views",
              "Watch time (hours)", "Subscribers", "Impressions",
              "Impressions click-through rate (%)", "Likes", "New viewers",
              "Returning viewers"]  # fmt: skip
    rows = [
        ["Total", "", "", "", total["views"], f"{total['watch']:.4f}", total["subs"],
         total["impressions"], f"{total['ctr']:.2f}", total["likes"], "", ""]
    ]  # fmt: skip
    for p in posts:
        new = int(p.studio["new_viewers"])
        rows.append(
            # Ids that begin with "-" get a leading space so spreadsheets keep them as text.
            [(" " if p.native_id.startswith("-") else "") + p.native_id, p.title,
             en_date(p.posted_at.date()), p.duration, p.metrics["views"],
             f"{p.studio['watch_hours']:.4f}", int(p.studio["subscribers"]),
             int(p.studio["impressions"]), f"{p.studio['ctr']:.2f}", p.metrics["likes"],
             new, int(p.metrics["reach"] or 0) - new]
        )  # fmt: skip
    return csv_text(rows=[header, *rows])


def _youtube_table_fr(posts: list, total: dict) -> str:
    header = ["Contenu", "Titre de la vidéo", "Heure de publication de la vidéo", "Durée",
              "Vues", "Durée de visionnage (heures)", "Abonnés", "Impressions",
              "Taux de clics des impressions (%)"]  # fmt: skip
    rows = [
        ["Total", "", "", "", fr_int(total["views"], NNBSP),
         fr_decimal(total["watch"], 1, NNBSP), fr_int(total["subs"], NNBSP),
         fr_int(total["impressions"], NNBSP), fr_decimal(total["ctr"], 1)]
    ]  # fmt: skip
    for p in posts:
        rows.append(
            [p.native_id, p.title, fr_date(p.posted_at.date()), p.duration,
             fr_int(int(p.metrics["views"] or 0), NNBSP),
             fr_decimal(p.studio["watch_hours"], 1, NNBSP),
             fr_int(int(p.studio["subscribers"]), NNBSP),
             fr_int(int(p.studio["impressions"]), NNBSP), fr_decimal(p.studio["ctr"], 1)]
        )  # fmt: skip
    return csv_text([header, *rows], quote="spaces")


YOUTUBE_TABLES: dict[str, Callable[[list, dict], str]] = {
    "en": _youtube_table_en,
    "fr": _youtube_table_fr,
}
"""YouTube Studio's table in each locale it is exported in: the file text from the posts."""


def youtube_table_file(world: World, handle: str, key: str, lang: str, number: int) -> FileOut:
    """YouTube Studio "Table data.csv" with its Total row; EN or FR locale."""
    campaign = CAMPAIGNS_BY_KEY[key]
    posts = [
        p
        for p in world.posts
        if p.creator.handle == handle
        and (p.campaign is campaign or (p.campaign is None and p.platform == "youtube"))
    ]
    posts.sort(key=lambda p: -int(p.metrics["views"] or 0))
    total = {
        "views": sum(int(p.metrics["views"] or 0) for p in posts),
        "watch": sum(p.studio["watch_hours"] for p in posts),
        "subs": sum(int(p.studio["subscribers"]) for p in posts),
        "impressions": sum(int(p.studio["impressions"]) for p in posts),
        "likes": sum(int(p.metrics["likes"] or 0) for p in posts),
    }
    total["ctr"] = round(100 * total["views"] / total["impressions"], 2)
    text = YOUTUBE_TABLES[lang](posts, total)
    return FileOut(
        name=f"{number:02d}_youtube_{handle.lower()}_table-data_{lang}.csv",
        data=encode(text, "utf-8"),
        format="youtube_table",
        description=f"YouTube Studio Table data of {handle} ({lang.upper()} locale), "
        "sponsored and organic videos, Total row first.",
        creator_handle=handle,
        as_of=campaign.end + dt.timedelta(days=14),
        rows=len(posts),
        skipped_rows=1,
    )


def creator_posts_file(world: World, key: str, number: int) -> FileOut:
    """The influencer platform's campaign report: every post with its fee and campaign."""
    campaign = CAMPAIGNS_BY_KEY[key]
    posts = sorted(_campaign_posts(world, key), key=lambda p: (p.posted_at, p.creator.handle))
    platform_names = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube"}
    if campaign.client == "Stride Lab":
        header = ["Platform", "Creator", "Post URL", "Campaign", "Posted at", "Format",
                  "Caption", "Fee", "Followers", "Paid partnership label", "Impressions",
                  "Reach", "Views", "Likes", "Comments", "Shares", "Saves", "Link clicks",
                  "Profile visits"]  # fmt: skip
        rows = [
            [platform_names[p.platform], "@" + p.creator.handle, p.url, campaign.name,
             iso_minutes(p.posted_at), p.format, p.caption, f"{p.fee:.2f}", p.followers,
             "Yes" if p.label else "No", *(plain(p.metrics[m]) for m in (
                 "impressions", "reach", "views", "likes", "comments", "shares", "saves",
                 "clicks", "profile_visits"))]
            for p in posts
        ]  # fmt: skip
        text = csv_text([header, *rows])
    else:
        header = ["Plateforme", "Créateur", "Lien de la publication", "Campagne",
                  "Date de publication", "Format", "Légende", "Rémunération (EUR)", "Abonnés",
                  "Partenariat rémunéré", "Impressions", "Couverture", "Vues", "J'aime",
                  "Commentaires", "Partages", "Enregistrements", "Clics",
                  "Visites du profil"]  # fmt: skip
        formats = {"Carousel": "Carrousel", "Video": "Vidéo", "Integration": "Intégration",
                   "Dedicated video": "Vidéo dédiée"}  # fmt: skip
        rows = [
            [platform_names[p.platform], p.creator.handle, p.url, campaign.name,
             p.posted_at.strftime("%d/%m/%Y %H:%M"), formats.get(p.format, p.format),
             p.caption, fr_decimal(p.fee or 0.0), fr_int(p.followers),
             "Oui" if p.label else "Non", *(fr_int(p.metrics[m]) for m in (
                 "impressions", "reach", "views", "likes", "comments", "shares", "saves",
                 "clicks", "profile_visits"))]
            for p in posts
        ]  # fmt: skip
        text = csv_text([header, *rows], ";")
    return FileOut(
        name=f"{number:02d}_creator-posts_{campaign.campaign_id}.csv",
        data=encode(text, "utf-8"),
        format="creator_posts",
        description=f"Influencer-platform report of {campaign.name}: posts, fees, campaign.",
        client=campaign.client,
        as_of=campaign.end + dt.timedelta(days=21),
        rows=len(rows),
    )


def _meta_line_fr(name, adset_name, ad, start, end, reach, imps, spend, clicks, results, ind):
    return [name, adset_name, ad, start.isoformat(), end.isoformat(), fr_int(reach),
            fr_int(imps), fr_decimal(imps / reach), fr_decimal(spend),
            fr_decimal(spend / imps * 1000), fr_int(clicks), fr_int(results), ind]  # fmt: skip


def _meta_line_en(name, adset_name, ad, start, end, reach, imps, spend, clicks, results, ind):
    # Excel turned the 18-digit campaign id into scientific notation.
    return [name, adset_name, ad, "1.20253E+17" if name else "", start.isoformat(),
            end.isoformat(), reach, imps, f"{imps / reach:.2f}", f"{spend:.2f}",
            f"{spend / imps * 1000:.2f}", clicks, results, ind]  # fmt: skip


META_ADS_LAYOUTS: dict[str, tuple[list[str], Callable[..., list], str]] = {
    "fr": (
        ["Nom de la campagne", "Nom de l'ensemble de publicités", "Nom de la publicité",
         "Début des rapports", "Fin des rapports", "Couverture", "Impressions", "Répétition",
         "Montant dépensé (EUR)", "CPM (coût pour 1 000 impressions) (EUR)", "Clics sur un lien",
         "Résultats", "Indicateur de résultats"],
        _meta_line_fr,
        ";",
    ),
    "en": (
        ["Campaign name", "Ad set name", "Ad name", "Campaign ID", "Reporting starts",
         "Reporting ends", "Reach", "Impressions", "Frequency", "Amount spent (EUR)",
         "CPM (cost per 1,000 impressions) (EUR)", "Link clicks", "Results", "Result indicator"],
        _meta_line_en,
        ",",
    ),
}  # fmt: skip
"""Meta Ads Manager's weekly report in each locale: header, one row's cells, delimiter."""
META_ADSET_NAMES = {"fr": "Amplification créateurs – FR 18-44", "en": "Creator amplification"}
"""The ad set the agency named in each client's language."""


def meta_ads_file(world: World, key: str, lang: str, totals: bool, number: int) -> FileOut:
    """Meta Ads Manager weekly export (FR: semicolons, "1 234,56"; EN: Excel-mangled ids)."""
    campaign = CAMPAIGNS_BY_KEY[key]
    rows_in = world.ads[key]
    meta_name = "".join(w[:4].title() for w in slug(campaign.name).split("-")) + "_Amplification"
    adset = META_ADSET_NAMES[lang]
    summary = {
        "start": min(r.week for r in rows_in),
        "end": max(r.week for r in rows_in) + dt.timedelta(days=6),
        "spend": round(sum(r.spend for r in rows_in), 2),
        "impressions": sum(r.impressions for r in rows_in),
        # Unique reach over the whole period is lower than the sum of weekly reach.
        "reach": int(sum(r.reach for r in rows_in) * 0.62),
        "clicks": sum(r.link_clicks for r in rows_in),
        "results": sum(r.results for r in rows_in),
    }
    header, line, delimiter = META_ADS_LAYOUTS[lang]
    newline = "\r\n"
    rows = []
    if totals:
        rows.append(
            line("", "", "", summary["start"], summary["end"], summary["reach"],
                 summary["impressions"], summary["spend"], summary["clicks"],
                 summary["results"], "")
        )  # fmt: skip
    for r in rows_in:
        rows.append(
            line(meta_name, adset, r.ad_name, r.week, r.week + dt.timedelta(days=6), r.reach,
                 r.impressions, r.spend, r.link_clicks, r.results,
                 "actions:landing_page_view")
        )  # fmt: skip
    return FileOut(
        name=f"{number:02d}_meta-ads_{campaign.campaign_id}_{lang}.csv",
        data=encode(csv_text([header, *rows], delimiter, newline=newline), "utf-8"),
        format="meta_ads",
        description=f"Meta Ads Manager weekly report of the paid amplification of "
        f"{campaign.name} ({lang.upper()})"
        + (", with its blank-named totals row." if totals else "."),
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows_in),
        skipped_rows=1 if totals else 0,
    )


@dataclass(frozen=True)
class SurveyLayout:
    """A survey vendor's respondent-level export in one language."""

    header: tuple[str, ...]
    groups: dict[str, str]  # exposed / control as the vendor writes them
    campaign_column: bool  # the campaign's name in a first column
    weight_column: bool  # a Weight column when the survey is weighted
    delimiter: str


SURVEY_LAYOUTS = {
    "fr": SurveyLayout(
        ("Campagne", "ID du répondant", "Groupe", "Question", "Réponse", "Positif",
         "Expositions", "Date de réponse"),
        {"exposed": "Exposé", "control": "Témoin"},
        campaign_column=True,
        weight_column=False,
        delimiter=";",
    ),
    "en": SurveyLayout(
        ("Respondent ID", "Group", "Question", "Answer", "Positive", "Exposures",
         "Responded at"),
        {"exposed": "exposed", "control": "control"},
        campaign_column=False,
        weight_column=True,
        delimiter=",",
    ),
}  # fmt: skip


def survey_long_file(world: World, key: str, number: int) -> FileOut:
    """A survey vendor's respondent-level export, one row per answer (FR or EN)."""
    campaign = CAMPAIGNS_BY_KEY[key]
    survey = campaign.survey
    lang = SURVEY_LANGUAGES[survey.kind]
    labels = QUESTION_LABELS[lang]
    layout = SURVEY_LAYOUTS[lang]
    rows: list[list[object]] = []
    weighted = layout.weight_column and survey.weighted
    header = [*layout.header, *(["Weight"] if weighted else [])]
    groups = layout.groups
    for r in world.respondents[key]:
        for name, answer in r.answers.items():
            if answer is None:
                continue
            positive, text = answer
            row: list[object] = [r.respondent_id, groups[r.group], labels[name], text,
                                 int(positive), r.exposures, iso_seconds(r.responded_at)]  # fmt: skip
            if layout.campaign_column:
                row = [campaign.name, *row]
            if weighted:
                row.append(f"{r.weight:.3f}")
            rows.append(row)
    delimiter = layout.delimiter
    return FileOut(
        name=f"{number:02d}_survey-responses_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows], delimiter), "utf-8"),
        format="survey_responses",
        description=f"Brand-lift survey of {campaign.name}, one row per answer "
        f"({survey.n_exposed} exposed / {survey.n_control} control respondents).",
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows),
    )


def survey_wide_file(world: World, key: str, number: int) -> FileOut:
    """One row per respondent: experiment group and yes/no flags per question (0/0: no answer)."""
    campaign = CAMPAIGNS_BY_KEY[key]
    questions = list(campaign.survey.questions)
    header = ["respondent_id", "experiment", "exposures", "responded_at"]
    for name in questions:
        header += [f"{name}_yes", f"{name}_no"]
    rows = []
    for r in world.respondents[key]:
        row: list[object] = [r.respondent_id, r.group, r.exposures, iso_seconds(r.responded_at)]
        for name in questions:
            answer = r.answers[name]
            row += [0, 0] if answer is None else ([1, 0] if answer[0] else [0, 1])
        rows.append(row)
    return FileOut(
        name=f"{number:02d}_survey-respondents_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows]), "utf-8"),
        format="survey_respondents",
        description=f"Brand-lift survey of {campaign.name}, one row per respondent.",
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows),
    )


def google_brand_lift_file(world: World, key: str, number: int) -> FileOut:
    """Google Ads Brand Lift results, one row per question with exposed and baseline rates."""
    campaign = CAMPAIGNS_BY_KEY[key]
    header = ["campaign", "brand_lift_metric", "brand_lift_exposed_responses",
              "brand_lift_baseline_responses", "brand_lift_exposed_positive_response_rate",
              "brand_lift_baseline_positive_response_rate", "brand_lift_absolute_lift",
              "brand_lift_relative_lift"]  # fmt: skip
    rows = []
    for name, groups in world.aggregated[key].items():
        exposed = groups["exposed"]["positive"] / groups["exposed"]["n"]
        control = groups["control"]["positive"] / groups["control"]["n"]
        rows.append(
            [campaign.name, QUESTION_LABELS["en"][name], groups["exposed"]["n"],
             groups["control"]["n"], f"{100 * exposed:.2f}%", f"{100 * control:.2f}%",
             f"{100 * (exposed - control):.2f}%", f"{100 * (exposed - control) / control:.2f}%"]
        )  # fmt: skip
    return FileOut(
        name=f"{number:02d}_google-brand-lift_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows]), "utf-8"),
        format="google_brand_lift",
        description=f"Google Ads Brand Lift results of {campaign.name} (rates rounded to 0.01 %).",
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows),
    )


def survey_results_file(world: World, key: str, number: int) -> FileOut:
    """A vendor's aggregated results in French: respondents and positives per question/group."""
    campaign = CAMPAIGNS_BY_KEY[key]
    header = ["Campagne", "Question", "Groupe", "Répondants", "Réponses positives",
              "Taux de réponses positives"]  # fmt: skip
    rows = []
    for name, groups in world.aggregated[key].items():
        for group, label in (("exposed", "Exposé"), ("control", "Témoin")):
            n, positive = groups[group]["n"], groups[group]["positive"]
            rows.append(
                [campaign.name, QUESTION_LABELS["fr"][name], label, n, positive,
                 fr_decimal(100 * positive / n) + " %"]
            )  # fmt: skip
    return FileOut(
        name=f"{number:02d}_survey-results_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows], ";"), "utf-8"),
        format="survey_results",
        description=f"Aggregated brand-lift results of {campaign.name}.",
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows),
    )


def exposures_file(world: World, number: int) -> FileOut:
    campaign = CAMPAIGNS_BY_KEY[EXPOSURE_LOG_CAMPAIGN]
    header = ["Hashed ID", "Post ID", "Timestamp"]
    rows = [
        [person, post, at.strftime("%Y-%m-%dT%H:%M:%SZ")] for person, post, at in world.exposure_log
    ]
    return FileOut(
        name=f"{number:02d}_exposures_{campaign.campaign_id}.csv",
        data=encode(csv_text([header, *rows]), "utf-8"),
        format="exposures",
        description=f"Panel exposure log of {campaign.name}: hashed person ids, post ids "
        "(the platforms' own ids), UTC timestamps.",
        campaign=campaign.name,
        client=campaign.client,
        rows=len(rows),
    )


def chart_file(world: World, client: Client, number: int) -> FileOut:
    """YouTube Studio "Chart data.csv" of the brand's channel: views per video and day."""
    outcome = world.outcome[client.name]
    videos = {v[0]: v for v in outcome["videos"]}
    header = ["Date", "Content", "Video title", "Video publish time", "Duration", "Views",
              "Watch time (hours)"]  # fmt: skip
    rows = []
    for day, video_id, views in outcome["daily"]:
        _, title, published, duration = videos[video_id]
        rows.append(
            [day.isoformat(), video_id, title, en_date(published), duration, views,
             f"{views * duration * 0.45 / 3600:.4f}"]
        )  # fmt: skip
    return FileOut(
        name=f"{number:02d}_youtube_{client.channel.lower()}_chart-data.csv",
        data=encode(csv_text([header, *rows]), "utf-8"),
        format="youtube_chart",
        description=f"Daily views of {client.name}'s own YouTube channel: the weekly outcome "
        "series of its campaigns (see ground_truth adstock).",
        creator_handle=client.channel,
        rows=len(rows),
    )


def _client_of(comment: Comment) -> str | None:
    return comment.post.campaign.client if comment.post.campaign else None


COMMENT_EXPORTS: dict[str, tuple[list[str], Callable[..., list], str, str]] = {
    "fr": (
        ["ID du commentaire", "Lien de la publication", "Auteur", "Date du commentaire",
         "Commentaire", "J'aime"],
        lambda c: [c.comment_id, c.post.url, c.author, c.created_at.strftime("%d/%m/%Y %H:%M"),
                   c.text, c.likes],
        ";",
        "Maison Aurore and Les Délices Verts",
    ),
    "en": (
        ["Comment ID", "Post URL", "Author", "Date", "Comment", "Likes", "Language"],
        lambda c: [c.comment_id, c.post.url, c.author, iso_seconds(c.created_at), c.text,
                   c.likes, c.language],
        ",",
        "Stride Lab",
    ),
}  # fmt: skip
"""The comment export of each language: header, one comment's cells, delimiter, the clients."""


def comments_file(world: World, lang: str, number: int) -> FileOut:
    """Comment export: French headers for the French brands, English (with language) for Stride Lab."""
    header, cells, delimiter, clients = COMMENT_EXPORTS[lang]
    chosen = [c for c in world.comments if client_language(_client_of(c)) == lang]
    rows = [cells(c) for c in chosen]
    text = csv_text([header, *rows], delimiter)
    return FileOut(
        name=f"{number:02d}_comments_{lang}.csv",
        data=encode(text, "utf-8"),
        format="comments",
        description=f"Comments on the sponsored posts of {clients} ({lang.upper()} export).",
        rows=len(rows),
    )


AUDIENCE_FORMATS = {
    # platform → dimension → (format, header, value column, how a value is written)
    "instagram": {
        "age": ("instagram_audience_age", ["Date", "Age range", "Followers (%)"]),
        "gender": ("instagram_audience_gender", ["Date", "Gender", "Followers (%)"]),
        "country": ("instagram_audience_countries", ["Date", "Top countries", "Followers (%)"]),
    },
    "tiktok": {
        "gender": ("tiktok_audience_gender", ["Gender", "Distribution"]),
        "country": ("tiktok_audience_territories", ["Top territories", "Distribution"]),
    },
    "youtube": {
        "age": ("youtube_audience_age", ["Viewer age", "Views (%)"]),
        "gender": ("youtube_audience_gender", ["Viewer gender", "Views (%)"]),
        "country": ("youtube_audience_geography", ["Geography", "Views"]),
    },
}
COUNTRY_NAMES = {"FR": "France", "BE": "Belgium", "CH": "Switzerland", "MA": "Morocco",
                 "US": "United States", "GB": "United Kingdom", "CA": "Canada"}  # fmt: skip


def audience_file(creator: CreatorSpec, dimension: str, number: int) -> FileOut | None:
    """One audience export of a creator (``AUDIENCES``), or None when the platform has none."""
    formats = AUDIENCE_FORMATS[creator.platform]
    if dimension not in formats:
        return None
    fmt, header = formats[dimension]
    ages, female, countries = AUDIENCES[creator.handle]
    if dimension == "age":
        buckets = list(zip(AGE_BANDS, ages or (), strict=True))
    elif dimension == "gender":
        buckets = [("Female", female), ("Male", round(1 - female, 2))]
    else:
        buckets = list(countries.items())
    rows: list[list[object]] = []
    skipped = 0
    for bucket, share in buckets:
        if creator.platform == "instagram":
            label = COUNTRY_NAMES[bucket] if dimension == "country" else bucket
            rows.append([AUDIENCE_AS_OF.isoformat(), label, f"{share * 100:.1f}%"])
        elif creator.platform == "tiktok":
            rows.append([bucket, f"{share:.2f}"])
        elif dimension == "country":
            rows.append([bucket, f"{int(share):,}"])
        else:
            label = f"age{bucket}" if dimension == "age" else bucket
            rows.append([label, f"{share * 100:.1f}"])
    if creator.platform == "youtube":  # Studio starts its tables with a Total row
        total = f"{int(sum(countries.values())):,}" if dimension == "country" else "100"
        rows.insert(0, ["Total", total])
        skipped = 1
    return FileOut(
        name=f"{number:02d}_{fmt.replace('_', '-')}_{creator.handle.lower()}.csv",
        data=encode(csv_text([header, *rows]), "utf-8"),
        format=fmt,
        description=f"{creator.display_name}'s audience by {dimension} ({creator.platform}).",
        creator_handle=creator.handle,
        as_of=None if creator.platform == "instagram" else AUDIENCE_AS_OF,
        rows=len(rows) - skipped,
        skipped_rows=skipped,
    )


def build_files(world: World) -> list[FileOut]:
    """Every file in load order: per campaign, platform exports before the platform report."""
    files: list[FileOut] = []

    def number() -> int:
        return len(files) + 1

    for campaign in CAMPAIGNS:
        key = campaign.key
        for handle, export_key, variant in INSTAGRAM_EXPORTS:
            if export_key == key:
                files.append(instagram_file(world, handle, key, variant, number()))
        for handle, export_key in TIKTOK_EXPORTS:
            if export_key == key:
                files.append(tiktok_file(world, handle, key, number()))
        for handle, export_key, lang in YOUTUBE_EXPORTS:
            if export_key == key:
                files.append(youtube_table_file(world, handle, key, lang, number()))
        files.append(creator_posts_file(world, key, number()))
        if world.ads[key]:
            lang = client_language(campaign.client)
            files.append(meta_ads_file(world, key, lang, key != "ma3", number()))
        kind = campaign.survey.kind
        if kind in ("long_fr", "long_en"):
            files.append(survey_long_file(world, key, number()))
        elif kind == "wide":
            files.append(survey_wide_file(world, key, number()))
        elif kind == "google":
            files.append(google_brand_lift_file(world, key, number()))
        else:
            files.append(survey_results_file(world, key, number()))
        if key == EXPOSURE_LOG_CAMPAIGN:
            files.append(exposures_file(world, number()))
    for client in CLIENTS:
        files.append(chart_file(world, client, number()))
    # Comments last: the ingest finds their posts by link, so the posts must exist.
    files.append(comments_file(world, "fr", number()))
    files.append(comments_file(world, "en", number()))
    # Audience exports last: they name no campaign, only their creator.
    for creator in CREATORS:
        for dimension in ("age", "gender", "country"):
            made = audience_file(creator, dimension, number())
            if made is not None:
                files.append(made)
    # The brand tracker last: it names campaigns of one client by name.
    files.append(tracker_results_file(number()))
    files.append(tracker_panel_file(number()))
    return files


# --------------------------------------------------------------------------------------------
# A brand tracker: the preference family in waves (metrics.longterm)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tracked:
    """One tracked question: the control baseline on ``TRACKER_ORIGIN`` and its slope per year,
    the lift at the post wave and its half-life in weeks (no lift before the campaign)."""

    baseline: float
    slope_per_year: float
    lift: float
    half_life_weeks: float

    def control(self, day: dt.date) -> float:
        return self.baseline + self.slope_per_year * (day - TRACKER_ORIGIN).days / 365.25

    def lift_at(self, week: float) -> float:
        return 0.0 if week < 0 else self.lift * 2.0 ** (-week / self.half_life_weeks)


TRACKER_CLIENT = "Stride Lab"
TRACKER_ORIGIN = dt.date(2025, 1, 1)
TRACKER_QUESTIONS = {
    "preference": Tracked(0.24, 0.04, 0.10, 6.0),
    "top_of_mind": Tracked(0.12, 0.02, 0.06, 4.0),
    "repurchase_intent": Tracked(0.30, 0.0, 0.05, 10.0),
}
# Waves of each of the client's campaigns: (label as the file writes it, weeks after the end;
# None for the pre-launch wave, on the campaign's first day). The first wave after a campaign
# is fielded a week after its end, so the campaign's own lift (its in-flight and post answers)
# stays its survey's. Marathon Season 2025 is tracked five times, respondent by respondent (a
# panel: the same people in every wave), so its decay has a half-life to recover; the other two
# campaigns come as aggregated results.
TRACKER_WAVES = {
    "sl1": (("1 week after", 1), ("+6 weeks", 6)),
    "sl2": (("Pre-launch", None), ("1 week after", 1), ("+4 weeks", 4), ("+8 weeks", 8), ("+12 weeks", 12)),
    "sl3": (("Pre-launch", None), ("1 week after", 1)),
}  # fmt: skip
TRACKED_CAMPAIGN = "sl2"
TRACKER_N = {"sl1": 1000, "sl2": 800, "sl3": 1000}  # answers per group, wave and question
TRACKER_LABELS = {"preference": "Brand preference", "top_of_mind": "Top of mind",
                  "repurchase_intent": "Repurchase intent"}  # fmt: skip


def _tracker_waves(keys: tuple[str, ...]) -> list[tuple[CampaignSpec, str, float, dt.date]]:
    """(campaign, wave label, weeks after the end, the wave's day) of these campaigns' waves."""
    waves = []
    for key in keys:
        campaign = CAMPAIGNS_BY_KEY[key]
        for label, week in TRACKER_WAVES[key]:
            day = campaign.start if week is None else campaign.end + dt.timedelta(weeks=week)
            waves.append((campaign, label, (day - campaign.end).days / 7, day))
    return waves


def _tracker_rates(name: str, week: float, day: dt.date) -> dict[str, float]:
    tracked = TRACKER_QUESTIONS[name]
    control = tracked.control(day)
    return {"exposed": control + tracked.lift_at(week), "control": control}


def tracker_results_file(number: int) -> FileOut:
    """The client's brand tracker for two campaigns as a vendor delivers it: aggregated results
    per campaign, wave, question and group, positives planted exactly (round(n · p))."""
    header = ["Campaign", "Wave", "Question", "Group", "Respondents", "Positive responses"]
    rows = []
    for campaign, label, week, day in _tracker_waves(("sl1", "sl3")):
        n = TRACKER_N[campaign.key]
        for name in TRACKER_QUESTIONS:
            rates = _tracker_rates(name, week, day)
            for group in ("exposed", "control"):
                positive = round(n * rates[group])
                rows.append(
                    [campaign.name, label, TRACKER_LABELS[name], group.title(), n, positive]
                )
    return FileOut(
        name=f"{number:02d}_brand-tracker-results_stride-lab.csv",
        data=encode(csv_text([header, *rows], ","), "utf-8"),
        format="survey_results",
        description="Stride Lab's brand tracker after Spring Run 2025 and Trail Series 2026: "
        "preference, top of mind and repurchase intent per wave, aggregated per group.",
        client=TRACKER_CLIENT,
        rows=len(rows),
    )


def tracker_panel_file(number: int) -> FileOut:
    """The tracker of the tracked campaign, one row per respondent and wave: the same panel ids
    in every wave, each question's positives planted exactly (round(n · p)) in random order."""
    rng = rng_for("tracker")
    header = ["Respondent ID", "Campaign", "Group", "Wave", *TRACKER_LABELS.values()]
    rows = []
    n = TRACKER_N[TRACKED_CAMPAIGN]
    for campaign, label, week, day in _tracker_waves((TRACKED_CAMPAIGN,)):
        for group in ("exposed", "control"):
            answers = {}
            for name in TRACKER_QUESTIONS:
                flags = np.zeros(n, dtype=int)
                flags[: round(n * _tracker_rates(name, week, day)[group])] = 1
                answers[name] = rng.permutation(flags)
            for i in range(n):
                rows.append(
                    [f"P{group[0].upper()}{i + 1:04d}", campaign.name, group, label,
                     *(int(answers[name][i]) for name in TRACKER_QUESTIONS)]
                )  # fmt: skip
    return FileOut(
        name=f"{number:02d}_brand-tracker-panel_{CAMPAIGNS_BY_KEY[TRACKED_CAMPAIGN].campaign_id}.csv",
        data=encode(csv_text([header, *rows], ","), "utf-8"),
        format="survey_respondents",
        description="Stride Lab's brand-tracker panel around Marathon Season 2025: pre-launch, "
        "1 week after, +4, +8 and +12 weeks, one row per respondent and wave.",
        client=TRACKER_CLIENT,
        rows=len(rows),
    )


def _tracker_truth() -> dict:
    """The planted long-term values: half-lives, remaining shares, baseline slopes."""
    tracked = CAMPAIGNS_BY_KEY[TRACKED_CAMPAIGN]
    weeks = [w for _, w in TRACKER_WAVES[TRACKED_CAMPAIGN] if w is not None]
    first = weeks[0]
    return {
        "client": TRACKER_CLIENT,
        "tracked_campaign_id": tracked.campaign_id,
        "answers_per_group_and_wave": {
            CAMPAIGNS_BY_KEY[key].campaign_id: n for key, n in TRACKER_N.items()
        },
        "baseline_origin": TRACKER_ORIGIN.isoformat(),
        "campaign_waves": {
            CAMPAIGNS_BY_KEY[key].campaign_id: [label for label, _ in spec]
            for key, spec in TRACKER_WAVES.items()
        },
        "control_groups": sum(len(spec) for spec in TRACKER_WAVES.values()),
        "questions": {
            name: {
                "baseline_at_origin": q.baseline,
                "baseline_slope_per_year": q.slope_per_year,
                "lift_at_end": q.lift,
                "half_life_weeks": q.half_life_weeks,
                # Shares of the first wave after the end (+1 week) left in each later wave.
                "remaining_share": {
                    f"+{w}w": _r(2.0 ** (-(w - first) / q.half_life_weeks)) for w in weeks[1:]
                },
            }
            for name, q in TRACKER_QUESTIONS.items()
        },
    }


# --------------------------------------------------------------------------------------------
# Manifest and ground truth
# --------------------------------------------------------------------------------------------


def _r(value: float, digits: int = 6) -> float:
    return round(float(value), digits)


def _budget(campaign: CampaignSpec, world: World) -> float:
    """The planned budget: spend plus a margin, rounded up to 5,000 EUR."""
    spent = sum(p.fee or 0 for p in _campaign_posts(world, campaign.key))
    spent += sum(r.spend for r in world.ads[campaign.key])
    return float(math.ceil(spent * 1.1 / 5000) * 5000)


def build_manifest(world: World, files: list[FileOut]) -> dict:
    return {
        "description": "Sillage demo data: files in load order with their assignment, and the "
        "campaigns' metadata. Generated by `python -m sample_data.generate`; loaded by "
        "`sillage demo` (sample_data.loader.load_demo).",
        "seed": SEED,
        "clients": [c.name for c in CLIENTS],
        "campaigns": [
            {
                "campaign_id": c.campaign_id,
                "name": c.name,
                "client": c.client,
                "objective": c.objective,
                "start_date": c.start.isoformat(),
                "end_date": c.end.isoformat(),
                "budget": _budget(c, world),
                "currency": CURRENCY,
                "targets": c.targets,
                "brand_terms": list(CLIENTS_BY_NAME[c.client].brand_terms),
                "target_audience": TARGET_AUDIENCES[c.client],
            }
            for c in CAMPAIGNS
        ],
        "files": [
            {
                "path": f"{FILES_DIRNAME}/{f.name}",
                "format": f.format,
                "description": f.description,
                "assignment": {
                    "campaign": f.campaign,
                    "client": f.client,
                    "creator_handle": f.creator_handle,
                    "as_of": f.as_of.isoformat() if f.as_of else None,
                },
                "data_rows": f.rows,
                "totals_rows": f.skipped_rows,
            }
            for f in files
        ],
    }


CONVENTIONS = {
    "post_id": "posts.post_id = platform || ':' || native_id. Instagram posts that appear in "
    "an account export keep the export's numeric id (loaded first); others keep the link's "
    "shortcode. The exposure log's 'Post ID' is the post's native_id.",
    "engagement_rate_by_reach": "(likes + comments + shares + saves) / reach, lifetime, from "
    "the influencer-platform report; YouTube has no saves (empty, counted as 0).",
    "collaboration_number": "rank of the post among the same creator's posts for the same "
    "client, ordered by posted_at (1 = first).",
    "relationship_effect": "expected engagement rate by reach = base_er * m(k), k = "
    "collaboration number: deepening m = 1 + er_step*(k-1); fatigue m = max(0.5, 1 - "
    "er_step*(k-1)); flat m = 1. Each post's own rate is expected * exp(N(0, 0.08)) and "
    "engagements are Binomial(reach, rate).",
    "survey_truth": "p_control and p_exposed are the true positive probabilities; true "
    "absolute lift = p_exposed - p_control. With a dose curve, the respondent's probability is "
    "p_control + dose[bucket] (buckets 1, 2, 3, 4+ exposures) and p_exposed is its expectation "
    "over the planted exposure distribution. Other questions have the same lift at any "
    "exposure count. Weights, where present, are drawn independently of answers.",
    "survey_positive": "ad_recall and awareness: 'Yes'; consideration, favorability, "
    "purchase_intent: the top two boxes of a five-point scale. Long files carry the flag in "
    "Positive/Positif; about 3 % of (respondent, question) answers are missing (no row); in the "
    "one-row-per-respondent file about 5 % are 0/0 (no answer).",
    "adstock": "x_t = campaign spend of ISO week t (Monday start) in thousands of EUR: "
    "creator fees of the campaign's posts by week of posted_at plus Meta Ads spend by week of "
    "'Reporting starts'. A_t = x_t + theta * A_(t-1), starting at 0. The outcome is the weekly "
    "sum of daily views of the client's own YouTube channel: expected y_t = base + beta * A_t "
    "(+ the other campaigns' adstock, negligible inside this campaign's window), observed = "
    "Poisson daily draws around expected * (1 + N(0, 0.03)). half_life_weeks = ln 0.5 / ln "
    "theta.",
    "disclosure": "classes of sponsored posts: disclosed (a disclosure marker in the caption "
    "or the platform's paid-partnership label), ambiguous (only #collab, #gifted, #partner, "
    "'merci à', 'thanks to'), missing (nothing). 'trap' marks captions with a look-alike "
    "hashtag (#adventure, #adorable) that must not count as #ad. Captions are those of the "
    "influencer-platform report, which is loaded after the platform exports.",
    "comments": "sentiment, language and brand_mention are the planted labels of each "
    "comment (brand_mention: exact = the brand name in any case or its handle; misspelled = "
    "a misspelling from the client's list, which never contains a brand term).",
    "snapshots": "platform exports (Instagram, TikTok, YouTube Table data) are lifetime "
    "snapshots dated 14 days after the campaign's end (TikTok: its Time column); the "
    "influencer-platform report is dated 21 days after it. Both carry the same final numbers, "
    "except TikTok's rounding (12.3K) and YouTube Studio's impressions, which count thumbnail "
    "impressions (the report's impressions for YouTube are views).",
}


def _survey_truth(world: World, campaign: CampaignSpec, file_name: str) -> dict:
    survey = campaign.survey
    questions = {}
    for name, question in survey.questions.items():
        p_exposed = _expected_exposed_p(question)
        entry: dict = {
            "p_control": question.p_control,
            "p_exposed": _r(p_exposed),
            "absolute_lift": _r(p_exposed - question.p_control),
            "relative_lift": _r((p_exposed - question.p_control) / question.p_control),
            "headroom_lift": _r((p_exposed - question.p_control) / (1 - question.p_control)),
        }
        if question.dose is not None:
            entry["dose_response"] = {
                bucket: {"p_exposed": _r(question.p_control + lift), "absolute_lift": lift}
                for bucket, lift in zip(("1", "2", "3", "4+"), question.dose, strict=True)
            }
        observed: dict = {}
        if campaign.key in world.aggregated:
            for group in ("exposed", "control"):
                counts = world.aggregated[campaign.key][name][group]
                observed[group] = {
                    "n": counts["n"],
                    "positive": counts["positive"],
                    "rate": _r(counts["positive"] / counts["n"]),
                }
        else:
            answered = [
                (r, r.answers[name]) for r in world.respondents[campaign.key] if r.answers[name]
            ]
            for group in ("exposed", "control"):
                rows = [(r, a) for r, a in answered if r.group == group]
                positive = sum(1 for _, a in rows if a and a[0])
                observed[group] = {
                    "n": len(rows),
                    "positive": positive,
                    "rate": _r(positive / len(rows)),
                }
                if survey.weighted:
                    total = sum(r.weight for r, _ in rows)
                    observed[group]["weighted_rate"] = _r(
                        sum(r.weight for r, a in rows if a and a[0]) / total
                    )
            buckets: dict[str, dict[str, int]] = {}
            for r, a in answered:
                if r.group != "exposed":
                    continue
                b = buckets.setdefault(_exposure_bucket(r.exposures), {"n": 0, "positive": 0})
                b["n"] += 1
                b["positive"] += int(bool(a and a[0]))
            observed["by_exposures"] = {k: buckets[k] for k in ("1", "2", "3", "4+")}
        entry["observed"] = observed
        questions[name] = entry
    if survey.kind in ("google", "agg_fr"):
        table, n_answers = "survey_results", 2 * len(survey.questions)
    else:
        table = "survey_responses"
        n_answers = sum(1 for r in world.respondents[campaign.key] for a in r.answers.values() if a)
    smallest = min(
        min(q["observed"]["exposed"]["n"], q["observed"]["control"]["n"])
        for q in questions.values()
    )
    return {
        "file": file_name,
        "table": table,
        "rows_in_table": n_answers,
        "respondents": {"exposed": survey.n_exposed, "control": survey.n_control},
        "below_250_per_group": smallest < 250,
        "no_real_lift": all(q.lift == 0 and q.dose is None for q in survey.questions.values()),
        "exposure_distribution": {str(k): v for k, v in EXPOSURE_PMF.items()}
        if table == "survey_responses"
        else None,
        "weighted": survey.weighted,
        "questions": questions,
    }


def _adstock_truth(world: World, campaign: CampaignSpec) -> dict:
    client = CLIENTS_BY_NAME[campaign.client]
    outcome = world.outcome[client.name]
    weeks: list[dt.date] = outcome["weeks"]
    first = campaign.start - dt.timedelta(weeks=WEEKS_BEFORE)
    last = _monday(campaign.end) + dt.timedelta(weeks=WEEKS_AFTER)
    idx = [i for i, w in enumerate(weeks) if first <= w <= last]
    own = outcome["campaigns"][campaign.key]
    channel_id = f"youtube:{client.channel.lower()}"
    outcome_sql = (
        "SELECT CAST(date_trunc('week', m.metric_date) AS DATE) AS week, sum(m.views) AS views "
        "FROM post_metrics m JOIN posts p USING (post_id) "
        f"WHERE p.creator_id = '{channel_id}' AND m.period = 'day' "
        f"AND m.metric_date BETWEEN DATE '{first.isoformat()}' "
        f"AND DATE '{(last + dt.timedelta(days=6)).isoformat()}' GROUP BY 1 ORDER BY 1"
    )
    stimulus_sql = (
        "SELECT week, sum(eur) / 1000 AS x FROM ("
        "SELECT CAST(date_trunc('week', posted_at) AS DATE) AS week, cost AS eur FROM posts "
        f"WHERE campaign_id = '{campaign.campaign_id}' UNION ALL "
        "SELECT CAST(date_trunc('week', date_start) AS DATE), spend FROM ad_delivery "
        f"WHERE campaign_id = '{campaign.campaign_id}') GROUP BY week ORDER BY week"
    )
    return {
        "theta": campaign.theta,
        "half_life_weeks": _r(math.log(0.5) / math.log(campaign.theta), 4),
        "beta_views_per_keur": own["beta"],
        "base_weekly_views": client.base_weekly_views,
        "outcome_creator_id": channel_id,
        "weeks": [weeks[i].isoformat() for i in idx],
        "x_keur": [_r(own["x"][i]) for i in idx],
        "adstock": [_r(own["adstock"][i]) for i in idx],
        "expected_outcome": [_r(outcome["expected"][i], 2) for i in idx],
        "observed_outcome": [outcome["observed"][i] for i in idx],
        "outcome_sql": outcome_sql,
        "stimulus_sql": stimulus_sql,
    }


def _totals(world: World, campaign: CampaignSpec) -> dict:
    posts = _campaign_posts(world, campaign.key)
    ads = world.ads[campaign.key]

    def total(metric: str) -> int:
        return sum(int(p.metrics[metric] or 0) for p in posts)

    creators = sorted({p.creator.creator_id for p in posts})
    returning = sorted(
        {
            p.creator.creator_id
            for p in posts
            if any(
                q.creator is p.creator
                and q.campaign
                and q.campaign.client == campaign.client
                and q.campaign.start < campaign.start
                for q in world.posts
            )
        }
    )
    return {
        "posts": len(posts),
        "creators": creators,
        "returning_creators": returning,
        "creator_fees": sum(p.fee or 0 for p in posts),
        "paid_spend": _r(sum(r.spend for r in ads), 2),
        "paid_impressions": sum(r.impressions for r in ads),
        "paid_link_clicks": sum(r.link_clicks for r in ads),
        "paid_rows": len(ads),
        **{
            f"post_{m}": total(m)
            for m in (
                "reach",
                "impressions",
                "views",
                "likes",
                "comments",
                "shares",
                "saves",
                "clicks",
                "profile_visits",
            )
        },  # fmt: skip
        "post_engagements": sum(p.engagements() for p in posts),
        "disclosure": dict(sorted(Counter(p.disclosure for p in posts).items())),
    }


def _fit_truth() -> dict:
    """Per client's target audience, each creator's planted in-target share (product over the
    exported target dimensions) and the order by it, best first: creators whose exports cover
    the whole target (TikTok exports no age) before the others."""
    out = {}
    for client, target in TARGET_AUDIENCES.items():
        shares, partial = {}, set()
        for creator in CREATORS:
            ages, female, countries = AUDIENCES[creator.handle]
            total = sum(countries.values()) if creator.platform == "youtube" else 1.0
            share = sum(countries.get(c, 0) for c in target["country"]) / total
            if "gender" in target:
                share *= female
            if "age" in target and ages is None:
                partial.add(creator.creator_id)
            if "age" in target and ages is not None:
                share *= sum(s for band, s in zip(AGE_BANDS, ages, strict=True)
                             if band in target["age"])  # fmt: skip
            shares[creator.creator_id] = _r(share)
        out[client] = {
            "target_audience": target,
            "in_target_share": shares,
            "without_age_export": sorted(partial),
            "fit_order": sorted(shares, key=lambda c: (c in partial, -shares[c], c)),
        }
    return out


def build_truth(world: World, files: list[FileOut]) -> dict:
    file_for = {}
    for f in files:
        if f.format in ("survey_responses", "survey_respondents", "google_brand_lift",
                        "survey_results"):  # fmt: skip
            file_for[f.campaign] = f"{FILES_DIRNAME}/{f.name}"
    sponsored = [p for p in world.posts if p.campaign is not None]
    organic = [p for p in world.posts if p.campaign is None]
    campaigns = {}
    for c in CAMPAIGNS:
        comments = [x for x in world.comments if x.post.campaign is c]
        campaigns[c.campaign_id] = {
            "name": c.name,
            "client": c.client,
            "objective": c.objective,
            "start_date": c.start.isoformat(),
            "end_date": c.end.isoformat(),
            "survey": _survey_truth(world, c, file_for[c.name]),
            "adstock": _adstock_truth(world, c),
            "totals": _totals(world, c),
            "comments": {
                "planted_sentiment": dict(
                    zip(("positive", "neutral", "negative"), c.sentiment, strict=True)
                ),
                "observed": dict(sorted(Counter(x.sentiment for x in comments).items())),
                "count": len(comments),
            },
        }
    creators = {}
    for creator in CREATORS:
        own = [p for p in sponsored if p.creator is creator]
        by_client: dict[str, list[str]] = defaultdict(list)
        for p in own:
            assert p.campaign
            if p.campaign.campaign_id not in by_client[p.campaign.client]:
                by_client[p.campaign.client].append(p.campaign.campaign_id)
        creators[creator.creator_id] = {
            "platform": creator.platform,
            "handle": creator.handle.lower(),
            "display_name": creator.display_name,
            "language": creator.lang,
            "relationship": creator.relationship,
            "base_er_by_reach": creator.base_er,
            "er_step": creator.er_step,
            "campaigns_by_client": dict(by_client),
            "posts": [
                {
                    "post_id": p.post_id,
                    "client": p.campaign.client if p.campaign else None,
                    "collab_number": p.collab_number,
                    "expected_er_by_reach": _r(p.expected_er),
                    "observed_er_by_reach": _r(p.engagements() / int(p.metrics["reach"] or 1)),
                }
                for p in own
            ],
        }
    log = world.exposure_log
    per_person = Counter(person for person, _, _ in log)
    campaign = CAMPAIGNS_BY_KEY[EXPOSURE_LOG_CAMPAIGN]
    first_seen: dict[str, dt.date] = {}
    for person, _, at in log:
        first_seen.setdefault(person, _monday(at.date()))
    cumulative, running = [], 0
    new_by_week = Counter(first_seen.values())
    for week in sorted(new_by_week):
        running += new_by_week[week]
        cumulative.append({"week": week.isoformat(), "unique_reach": running})
    return {
        "description": "What the demo data plants and the true values a metric must recover. "
        "Regenerate with `python -m sample_data.generate`; never edit by hand.",
        "seed": SEED,
        "conventions": CONVENTIONS,
        "counts": {
            "clients": len(CLIENTS),
            "campaigns": len(CAMPAIGNS),
            "creators": len(CREATORS),
            "brand_channels": len(CLIENTS),
            "sponsored_posts": len(sponsored),
            "organic_posts": len(organic),
            "disclosure": dict(sorted(Counter(p.disclosure for p in sponsored).items())),
            "comments": len(world.comments),
            "comments_by_language": dict(
                sorted(Counter(c.language for c in world.comments).items())
            ),
            "comments_by_brand_mention": dict(
                sorted(Counter(c.brand_mention for c in world.comments).items())
            ),
        },
        "clients": {
            c.name: {
                "handle": c.handle,
                "brand_terms": list(c.brand_terms),
                "misspellings": list(c.misspellings),
                "own_channel_creator_id": f"youtube:{c.channel.lower()}",
            }
            for c in CLIENTS
        },
        "campaigns": campaigns,
        "long_term": _tracker_truth(),
        "creators": creators,
        "creator_fit": _fit_truth(),
        "fees_far_off": [
            {
                "creator_id": CREATORS_BY_HANDLE[handle].creator_id,
                "campaign_id": CAMPAIGNS_BY_KEY[key].campaign_id,
                "fee_multiplier": factor,
                "mark": "above" if factor > 1 else "below",
            }
            for (handle, key), factor in FEE_OUTLIERS.items()
        ],
        "brand_channels": {
            f"youtube:{c.channel.lower()}": {
                "client": c.name,
                "videos": [v[0] for v in world.outcome[c.name]["videos"]],
            }
            for c in CLIENTS
        },
        "exposure_log": {
            "campaign_id": campaign.campaign_id,
            "rows": len(log),
            "persons": len(per_person),
            "average_frequency": _r(len(log) / len(per_person), 4),
            "planted_pmf": {str(k): v for k, v in EXPOSURE_LOG_PMF.items()},
            "persons_with_at_least": {
                f"{k}+": sum(1 for n in per_person.values() if n >= k) for k in (1, 2, 3, 4, 5, 10)
            },
            "cumulative_unique_reach": cumulative,
        },
        "posts": [
            {
                "post_id": p.post_id,
                "native_id": p.final_native_id,
                "url": p.url or None,
                "platform": p.platform,
                "creator_id": p.creator.creator_id,
                "campaign_id": p.campaign.campaign_id if p.campaign else None,
                "posted_at": p.posted_at.isoformat(),
                "format": p.format,
                "cost": p.fee,
                "followers": p.followers,
                "paid_partnership_label": p.label if p.campaign else None,
                "disclosure": p.disclosure,
                "disclosure_reason": p.disclosure_reason or None,
                "trap": p.trap,
                "collab_number": p.collab_number,
                "metrics": p.metrics,
            }
            for p in sorted(world.posts, key=lambda p: (p.posted_at, p.post_id))
        ],
        "comments": [
            {
                "comment_id": c.comment_id,
                "post_id": c.post.post_id,
                "language": c.language,
                "sentiment": c.sentiment,
                "brand_mention": c.brand_mention,
            }
            for c in world.comments
        ],
    }


def _json_bytes(payload: dict) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def generate(out_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Write ``files/``, ``manifest.json`` and ``ground_truth.json`` under ``out_dir``."""
    world = build_world()
    files = build_files(world)
    files_dir = out_dir / FILES_DIRNAME
    files_dir.mkdir(parents=True, exist_ok=True)
    names = {f.name for f in files}
    for stale in files_dir.glob("*.csv"):
        if stale.name not in names:
            stale.unlink()
    written = []
    for f in files:
        path = files_dir / f.name
        path.write_bytes(f.data)
        written.append(path)
    for name, payload in (
        ("manifest.json", build_manifest(world, files)),
        ("ground_truth.json", build_truth(world, files)),
    ):
        path = out_dir / name
        path.write_bytes(_json_bytes(payload))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PACKAGE_DIR, help="output directory")
    args = parser.parse_args(argv)
    written = generate(args.out)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({size / 1e6:.2f} MB) under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
