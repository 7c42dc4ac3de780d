"""What a campaign's comments talk about: product, price, creator, brand, purchase intent.

A theme is a named list of keywords per language (``THEME_KEYWORDS``, plain data). A comment is
*about* a theme when its folded text (lower case, accents removed, ``’`` read as ``'``) contains
one of the theme's keywords as whole words; a keyword ending in ``*`` matches any word that
starts with it (``achet*``: achète, acheter, achetée). Two themes take names from the campaign:

* ``brand``: the comment names one of the campaign's ``brand_terms``, by the rules of
  ``metrics.recall`` (case- and accent-insensitive, one-letter misspellings tolerated), the
  same test as the brand-mention share;
* ``creator``: the comment names the post's creator (handle with or without ``@``, or display
  name) or uses one of the words people use to address a creator (``THEME_KEYWORDS``).

A comment can be about several themes, or none. For each theme: ``comments`` about it, its
``share`` of the campaign's comments, the positive/neutral/negative counts of those comments
(their stored sentiment label where current, else scored as ``perception_summary`` does),
``net_sentiment = (positive - negative) / comments`` and two example comments.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from metrics import recall, sentiment
from metrics.filters import Filters, post_condition

THEMES = ("purchase_intent", "price", "product", "brand", "creator")
EXAMPLES = 2
EXAMPLE_MAX_CHARS = 220

# Keywords, folded (lower case, no accents). "*" at the end: any word starting with it.
# fmt: off
THEME_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "purchase_intent": {
        "fr": (
            "je vais l'acheter", "je vais les acheter", "je vais l'essayer", "je vais tester",
            "je l'achete", "je les achete", "je vais craquer", "j'ai craque", "je craque",
            "il me le faut", "il me la faut", "il me les faut", "me le faut", "me les faut",
            "commande*", "je commande", "j'ai commande", "ajoute au panier", "au panier",
            "ou l'acheter", "ou les acheter", "ou acheter", "ou est-ce qu'on peut", "ou trouver",
            "ou le trouver", "ou la trouver", "ou les trouver", "on les trouve ou",
            "on le trouve ou", "dispo ou", "disponible ou", "lien pour acheter", "je veux l'",
            "je veux les", "je le veux", "je la veux", "je les veux", "achete*", "acheter",
            "achat", "precommande*", "envie de tester", "envie de l'essayer", "sur ma liste",
            "wishlist",
        ),
        "en": (
            "where can i buy", "where can i get", "where do i buy", "where to buy",
            "where did you get", "where did you buy", "where are they sold", "link to buy",
            "i'm buying", "im buying", "i am buying", "going to buy", "gonna buy",
            "gonna get", "going to get", "will buy", "i'll buy", "ill buy", "i need this",
            "i need these", "i need it", "need these", "need this", "want these", "want this",
            "i want", "ordered", "ordering", "order*", "add to cart", "adding to cart",
            "added to cart", "in my cart", "buy*", "bought", "purchas*", "pre-order*",
            "preorder*", "copped", "cop", "wishlist", "take my money", "must have",
        ),
    },
    "price": {
        "fr": (
            "prix", "cher", "chere", "chers", "cheres", "coute*", "combien", "tarif*",
            "euros", "€", "promo*", "code promo", "reduc*", "soldes", "abordable*",
            "rapport qualite prix", "rapport qualite-prix", "pas cher", "budget", "gratuit*",
            "hors de prix", "ruine*", "arnaque",
        ),
        "en": (
            "price*", "pricey", "expensive", "cheap*", "cost*", "how much", "dollars", "$",
            "£", "€", "discount*", "promo*", "code", "sale", "sales", "affordable",
            "overpriced", "budget", "worth the money", "worth every penny", "value for money",
            "free shipping", "rip off", "ripoff", "scam",
        ),
    },
    "product": {
        "fr": (
            "produit*", "qualite", "texture*", "odeur", "parfum*", "gout*", "saveur*", "taille*",
            "pointure*", "couleur*", "coloris", "formule*", "matiere*", "tissu", "semelle*",
            "chaussure*", "baskets", "creme*", "serum*", "fond de teint", "mascara", "rouge a levres",
            "peau", "recette*", "emballage*", "packaging", "flacon*", "modele*", "confort*",
            "efficace*", "tenue", "livraison", "colis",
        ),
        "en": (
            "product*", "quality", "texture*", "smell*", "scent*", "taste*", "flavor*",
            "flavour*", "size*", "sizing", "fit", "fits", "color*", "colour*", "colorway*",
            "formula*", "material*", "fabric", "sole*", "shoe*", "sneaker*", "cream*",
            "serum*", "foundation", "mascara", "lipstick", "skin", "recipe*", "packaging",
            "bottle*", "model", "comfort*", "durab*", "shipping", "delivery", "ingredient*",
        ),
    },
    "creator": {
        "fr": (
            "ta video", "tes videos", "ton contenu", "tes conseils", "ta routine", "tes posts",
            "ta chaine", "je te suis", "t'es", "tu es", "tu as", "t'as", "tu parles",
            "merci pour", "tu geres", "ma queen", "toujours au top", "paye pour",
            "payee pour", "placement de produit", "sponso*", "collab*", "partenariat",
        ),
        "en": (
            "your video", "your videos", "your content", "your routine", "your channel",
            "your page", "you look", "you're", "youre", "you are", "love you", "thanks for",
            "thank you for", "queen", "sponsored", "paid to", "got paid", "ad", "#ad",
            "collab*", "partnership", "sellout", "sell out",
        ),
    },
}
# fmt: on


@dataclass(frozen=True)
class Theme:
    """One theme of a campaign's comments.

    ``share = comments / total_comments``; ``net_sentiment = (positive - negative) / comments``
    (None without comments); ``examples`` are up to two comment texts about the theme, from its
    most frequent sentiment label first.
    """

    theme: str
    comments: int
    total_comments: int
    share: float | None
    positive: int
    neutral: int
    negative: int
    net_sentiment: float | None
    examples: tuple[str, ...]
    keywords: tuple[str, ...]


def fold(text: str | None) -> str:
    """Lower case, accents removed, typographic apostrophes and spaces made plain."""
    folded = sentiment._fold(text or "")
    return folded.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def _keyword_pattern(keyword: str) -> str:
    prefix = keyword.endswith("*")
    body = keyword.rstrip("*")
    escaped = r"\s+".join(re.escape(part) for part in body.split())
    left = r"(?<![\w])" if body[:1].isalnum() or body[:1] == "#" else ""
    right = r"\w*" if prefix else (r"(?![\w])" if body[-1:].isalnum() else "")
    return left + escaped + right


def _compile(keywords: Sequence[str]) -> re.Pattern[str] | None:
    clean = sorted({fold(k).strip() for k in keywords if k and k.strip()}, key=len, reverse=True)
    if not clean:
        return None
    return re.compile("|".join(_keyword_pattern(k) for k in clean))


# Per theme and language; a comment of undetermined language is matched against both lists.
_PATTERNS: dict[str, dict[str, re.Pattern[str] | None]] = {
    theme: {
        "fr": _compile(words["fr"]),
        "en": _compile(words["en"]),
        sentiment.UNDETERMINED: _compile([*words["fr"], *words["en"]]),
    }
    for theme, words in THEME_KEYWORDS.items()
}


def creator_keywords(handles: Sequence[str | None], names: Sequence[str | None]) -> list[str]:
    """Words that name a creator: each handle with and without ``@``, each display name."""
    keywords: list[str] = []
    for handle in handles:
        if handle and handle.strip().lstrip("@"):
            bare = handle.strip().lstrip("@")
            keywords.extend([bare, "@" + bare])
    for name in names:
        if name and len(name.strip()) >= 3:
            keywords.append(name.strip())
    return keywords


def comment_themes(
    text: str | None,
    language: str | None = None,
    extra: dict[str, Sequence[str]] | None = None,
) -> set[str]:
    """The keyword themes of one comment (``brand`` is matched separately, see the docstring).

    Args:
        text: The comment.
        language: ``fr`` or ``en`` when known (the export's column); detected otherwise, and
            both lists are used when it stays undetermined.
        extra: More keywords per theme, any language (``{"creator": creator_keywords(...)}``).

    Returns:
        The themes among ``purchase_intent``, ``price``, ``product``, ``creator`` it is about.
    """
    folded = fold(text)
    lang = sentiment.normalize_language(language) or sentiment.detect_language(text)
    found = set()
    for theme, patterns in _PATTERNS.items():
        pattern = patterns[lang]
        if pattern is not None and pattern.search(folded):
            found.add(theme)
    for theme, words in (extra or {}).items():
        pattern = _compile(list(words))
        if pattern is not None and pattern.search(folded):
            found.add(theme)
    return found


CAMPAIGN_COMMENTS_SQL_TEMPLATE = textwrap.dedent(
    """
    SELECT c.comment_id, c.text, c.language, s.label, cr.handle, cr.display_name
    FROM comments AS c
    JOIN posts AS p ON p.post_id = c.post_id
    LEFT JOIN creators AS cr ON cr.creator_id = p.creator_id
    LEFT JOIN comment_scores AS s
           ON s.comment_id = c.comment_id AND s.text_md5 = md5(coalesce(c.text, ''))
    WHERE p.campaign_id = ? AND {post_filter}
    ORDER BY c.comment_id
    """
)
NO_SCORES_SQL_TEMPLATE = textwrap.dedent(
    """
    SELECT c.comment_id, c.text, c.language, NULL AS label, cr.handle, cr.display_name
    FROM comments AS c
    JOIN posts AS p ON p.post_id = c.post_id
    LEFT JOIN creators AS cr ON cr.creator_id = p.creator_id
    WHERE p.campaign_id = ? AND {post_filter}
    ORDER BY c.comment_id
    """
)
SCORES_TABLE_SQL = (
    "SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema = 'main' AND table_name = 'comment_scores'"
)


def campaign_themes(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    unscored: str = "lexicon",
) -> tuple[Theme, ...]:
    """Themes of a campaign's comments under the view's filters, most discussed first.

    Args:
        connection: An open connection (read-only is fine: nothing is written).
        campaign_id: The campaign.
        filters: The view's filters, applied to the posts.
        unscored: Scorer for comments without a current stored score (see
            ``metrics.sentiment.score_comments``).

    Returns:
        One ``Theme`` per theme in ``THEMES`` that at least one comment is about, by
        decreasing count (ties in ``THEMES`` order); empty without comments.
    """
    filters = filters or Filters()
    condition, params = post_condition(filters, "p")
    has_scores = connection.execute(SCORES_TABLE_SQL).fetchone()[0] > 0
    template = CAMPAIGN_COMMENTS_SQL_TEMPLATE if has_scores else NO_SCORES_SQL_TEMPLATE
    rows = connection.execute(
        template.replace("{post_filter}", condition), [campaign_id, *params]
    ).fetchall()
    if not rows:
        return ()
    missing = [i for i, row in enumerate(rows) if row[3] is None]
    fresh = sentiment.score_comments(
        [rows[i][1] for i in missing], [rows[i][2] for i in missing], method=unscored
    )
    labels = [row[3] for row in rows]
    for index, score in zip(missing, fresh, strict=True):
        labels[index] = score.label
    brand = recall.campaign_brand_terms(connection, campaign_id)
    names_brand = recall.match_brand_terms(connection, [row[1] for row in rows], brand)
    members: dict[str, list[int]] = {theme: [] for theme in THEMES}
    for index, row in enumerate(rows):
        found = comment_themes(row[1], row[2], {"creator": creator_keywords([row[4]], [row[5]])})
        if names_brand[index]:
            found.add("brand")
        for theme in found:
            members[theme].append(index)
    themes = []
    for theme in THEMES:
        picked = members[theme]
        if not picked:
            continue
        chosen = [labels[i] for i in picked]
        positive, neutral, negative = (chosen.count(x) for x in ("positive", "neutral", "negative"))
        keywords = brand.terms if theme == "brand" else THEME_KEYWORDS.get(theme, {}).get("en", ())
        themes.append(
            Theme(
                theme=theme,
                comments=len(picked),
                total_comments=len(rows),
                share=len(picked) / len(rows),
                positive=positive,
                neutral=neutral,
                negative=negative,
                net_sentiment=(positive - negative) / len(picked),
                examples=_examples([rows[i][1] for i in picked], chosen),
                keywords=tuple(keywords),
            )
        )
    order = {theme: position for position, theme in enumerate(THEMES)}
    return tuple(sorted(themes, key=lambda item: (-item.comments, order[item.theme])))


def _examples(texts: list[str | None], labels: list[str]) -> tuple[str, ...]:
    """Two distinct comments of the most frequent label (ties: positive, negative, neutral),
    preferring ones of 20 to ``EXAMPLE_MAX_CHARS`` characters, in comment order."""
    counts = {label: labels.count(label) for label in ("positive", "negative", "neutral")}
    top = max(counts, key=lambda label: counts[label])
    ranked = sorted(
        range(len(texts)),
        key=lambda i: (
            labels[i] != top,
            not 20 <= len((texts[i] or "").strip()) <= EXAMPLE_MAX_CHARS,
            i,
        ),
    )
    picked: list[str] = []
    for i in ranked:
        text = (texts[i] or "").strip()
        if text and text not in picked:
            picked.append(text)
        if len(picked) == EXAMPLES:
            break
    return tuple(picked)
