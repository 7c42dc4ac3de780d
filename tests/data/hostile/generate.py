"""Writes the hostile-input corpus: every file of this folder, ``cases.json`` and ``README.md``.

Run it from the repository root (``.venv/bin/python tests/data/hostile/generate.py``) after
changing a case; the files are committed, so the tests do not run it. Two cases are too large to
commit and are written at test time instead (``generated`` below): a first line over 128 KB and a
1 MB caption.

Each case says what the file attacks and what ``sillage ingest`` must do with it, as issue 16
("What to build") asks: ``exit`` 0 when rows loaded, 1 when the file was refused or loaded nothing,
2 for unusable arguments; ``errors`` the (line, column) pairs the JSON must name (column ``None``:
the line is enough, e.g. a row with too many fields); ``writes`` the tables a loaded file may
add rows to (none of them may lose or change a row, except in the tables ``updates`` names, for
the one file that is a newer export of stored rows).
"""

from __future__ import annotations

import codecs
import json
import zipfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent

POST_TABLES = ["creators", "posts", "post_metrics", "post_totals", "post_weeks"]
CAMPAIGN = ["--campaign", "trail-series-2026"]

HEADER = "Platform,Creator,Post URL,Posted at,Format,Fee,Followers,Reach,Likes,Views,Caption"


def row(n: int, **cells: str) -> str:
    """One good creator-posts row for a post that is not in the demo database."""
    values = {
        "Platform": "Instagram",
        "Creator": "@hostile.runner",
        "Post URL": f"https://www.instagram.com/p/HOSTILE{n:03d}/",
        "Posted at": f"2026-09-{10 + n % 15:02d} 18:00",
        "Format": "Reel",
        "Fee": "1500",
        "Followers": "48200",
        "Reach": "9800",
        "Likes": "1234",
        "Views": "15000",
        "Caption": f"Trail run number {n} #ad",
    }
    values.update({k.replace("_", " "): v for k, v in cells.items()})
    return ",".join(values[h] for h in HEADER.split(","))


def posts(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def good(start: int = 1, count: int = 3) -> list[str]:
    return [row(n) for n in range(start, start + count)]


CASES: list[dict] = []


def case(
    name: str,
    content: str | bytes,
    attack: str,
    outcome: str,
    exit: int | list[int] = 0,
    args: list[str] | None = None,
    writes: list[str] | None = None,
    errors: list[tuple[int, str | None]] | None = None,
    upload_as: str | None = None,
    encoding: str = "utf-8",
    updates: list[str] | None = None,
) -> None:
    data = content if isinstance(content, bytes) else content.encode(encoding)
    assert len(data) < 50_000, (name, len(data))
    (HERE / name).write_bytes(data)
    loaded = exit == 0 or (isinstance(exit, list) and 0 in exit)
    CASES.append(
        {
            "file": name,
            "attack": attack,
            "outcome": outcome,
            "exit": exit,
            "args": CAMPAIGN if args is None else args,
            "writes": (POST_TABLES if writes is None else writes) if loaded else [],
            "errors": [{"line": line, "column": column} for line, column in errors or []],
            **({"upload_as": upload_as} if upload_as else {}),
            **({"updates": updates} if updates else {}),
        }
    )


LOADED = "loads the good rows, stores the text as written"


def markdown_and_html() -> None:
    phish = "[Renew your access here](https://phish.example/login) :red[urgent]"
    case(
        "inject_campaign_markdown.csv",
        posts(*good(), header=HEADER + ",Campaign").replace("#ad\n", f"#ad,{phish}\n"),
        "a markdown link and `:red[]` as the Campaign of every row (issue 16, defect 1)",
        "loaded into a new campaign of Stride Lab whose name is the text exactly as written",
        args=["--client", "Stride Lab"],
        writes=[*POST_TABLES, "campaigns"],
    )
    case(
        "inject_campaign_arg_markdown.csv",
        posts(*good()),
        "`--campaign` itself a markdown link with `:red[]`",
        "loaded into a new campaign named by the text as written",
        args=["--campaign", phish, "--client", "Stride Lab"],
        writes=[*POST_TABLES, "campaigns"],
    )
    case(
        "inject_client_html.csv",
        posts(*good()),
        "`--client` holding `<script>` and an `<img onerror>`",
        "loaded; the new client's name is stored as written",
        args=[
            "--campaign",
            "Launch <img src=x onerror=alert(1)>",
            "--client",
            "<script>alert('client')</script> **Acme**",
        ],
        writes=[*POST_TABLES, "campaigns", "clients"],
    )
    case(
        "inject_creator_markdown.csv",
        posts(
            row(1, Creator="@[verify](https://phish.example)"),
            row(2, Creator="<b>@bold.runner</b>"),
            row(3, Creator=":red[@alarm]"),
        ),
        "markdown, HTML and `:red[]` in creator handles",
        LOADED,
    )
    case(
        "inject_caption_markdown.csv",
        posts(
            row(1, Caption='"**Click** [here](https://phish.example/login) :red[now]"'),
            row(2, Caption='"<script>alert(document.cookie)</script>"'),
            row(
                3,
                Caption='"<iframe src=https://phish.example></iframe> ![x](https://t.example/p.gif)"',
            ),
        ),
        "markdown, links, images, script and iframe in captions",
        LOADED,
    )
    youtube = (
        "Content,Video title,Video publish time,Duration,Views,Subscribers\n"
        "hostileYT001,[Log in again](javascript:alert(1)),2026-09-14,312,1000,3\n"
        'hostileYT002,"<a href=""https://phish.example"">Watch</a> :red[**now**]",2026-09-15,200,900,1\n'
        "hostileYT003,# Heading $x^2$ `code`,2026-09-16,100,800,0\n"
    )
    case(
        "inject_title_markdown.csv",
        youtube,
        "markdown link with `javascript:`, HTML anchor, `:red[]`, LaTeX in YouTube video titles",
        LOADED,
        args=[*CAMPAIGN, "--creator", "hostile.channel"],
    )
    case(
        "inject_header_markdown.csv",
        posts(*good(), header=HEADER + ",[Click me](https://phish.example) :red[x]").replace(
            "#ad\n", "#ad,x\n"
        ),
        "an extra column whose header is a markdown link",
        "loaded; the header is listed as written in `columns_unused`",
    )
    case(
        "inject_headers_only_markup.csv",
        "[a](https://phish.example),<script>x</script>,:red[b]\n1,2,3\n",
        "every header markdown or HTML",
        "refused: no known format, `needs_mapping` with the headers as written",
        exit=1,
    )
    case(
        "inject_sql_campaign.csv",
        posts(*good()),
        "campaign and client names written as SQL injection",
        "loaded; names stored as written, every table intact",
        args=[
            "--campaign",
            "x'); DROP TABLE posts; --",
            "--client",
            "Robert'); DROP TABLE clients;--",
        ],
        writes=[*POST_TABLES, "campaigns", "clients"],
    )


def row_faults() -> None:
    case(
        "unquoted_comma_last_column.csv",
        posts(row(1), row(2, Caption="Great, but too expensive"), row(3)),
        "an unquoted comma in the last text column (issue 16, defect 5)",
        "line 3 rejected for its extra field, never stored cut at the comma; lines 2 and 4 load",
        errors=[(3, None)],
    )
    case(
        "overwide_then_bad_cell.csv",
        posts(row(1), row(2) + ",surplus", row(3), row(4, Likes="lots"), row(5)),
        "an over-wide row followed by good rows and one bad cell",
        "line 3 rejected (too many fields); line 5 rejected naming Likes and its own value",
        errors=[(3, None), (5, "Likes")],
    )
    case(
        "overwide_many_fields.csv",
        posts(row(1), row(2) + ",a,b,c,d,e,f,g,h,i,j", row(3)),
        "a row with ten fields more than the header",
        "line 3 rejected; the others load",
        errors=[(3, None)],
    )
    case(
        "underwide_row.csv",
        posts(row(1), "Instagram,@hostile.runner,https://www.instagram.com/p/SHORT/", row(3)),
        "a row with fewer fields than the header",
        "line 3 rejected with its line; the others load",
        errors=[(3, None)],
    )
    for name, column, value, what in (
        ("value_1e308_views.csv", "Views", "1e308", "`1e308` views"),
        ("value_20_digits_likes.csv", "Likes", "99999999999999999999", "a 20-digit like count"),
        ("value_1e308_fee.csv", "Fee", "1e308", "a `1e308` fee"),
        ("value_nan_fee.csv", "Fee", "NaN", "`NaN` as a fee"),
        ("value_nan_views.csv", "Views", "nan", "`nan` as views"),
        ("value_inf_views.csv", "Views", "inf", "`inf` views"),
        ("value_minus_inf_fee.csv", "Fee", "-Infinity", "`-Infinity` as a fee"),
        ("negative_views.csv", "Views", "-746088", "negative views (issue 16, defect 6)"),
        ("negative_likes.csv", "Likes", "-12", "negative likes"),
        ("negative_fee.csv", "Fee", "-1500", "a negative fee"),
        ("negative_followers.csv", "Followers", "-48200", "a negative follower count"),
        ("negative_reach.csv", "Reach", "-1", "negative reach"),
        ("percent_in_count.csv", "Likes", "12%", "a percentage in a count column"),
        ("formula_in_count.csv", "Views", "=1+1", "a formula in a number column"),
        ("formula_minus_in_count.csv", "Likes", "-1+1", "`-1+1` in a number column"),
    ):
        case(
            name,
            posts(row(1), row(2, **{column: value}), row(3)),
            what + " on line 3",
            f"line 3 rejected naming {column}; lines 2 and 4 load",
            errors=[(3, column)],
        )
    case(
        "date_2099.csv",
        posts(row(1), row(2, Posted_at="2099-01-01 10:00"), row(3)),
        "a post dated 2099",
        "line 3 rejected naming Posted at (outside 2000 to a year from today)",
        errors=[(3, "Posted at")],
    )
    case(
        "date_1900.csv",
        posts(row(1), row(2, Posted_at="1900-01-01 00:00"), row(3)),
        "a post dated 1900",
        "line 3 rejected naming Posted at",
        errors=[(3, "Posted at")],
    )
    case(
        "date_1999.csv",
        posts(row(1), row(2, Posted_at="31/12/1999 23:59"), row(3, Posted_at="15/09/2026 18:00")),
        "a post dated 1999, day-first",
        "line 3 rejected naming Posted at",
        errors=[(3, "Posted at")],
    )
    case(
        "date_2000_boundary.csv",
        posts(row(1, Posted_at="2000-01-01 00:00"), row(2), row(3)),
        "a post dated 2000-01-01 00:00, the first moment allowed",
        "loaded: the bound is inclusive",
    )
    case(
        "negative_zero.csv",
        posts(row(1, Views="-0", Likes="-0.0"), row(2), row(3)),
        "`-0` views and `-0.0` likes",
        "loaded as zero: minus zero is not a negative count",
    )
    case(
        "mixed_date_styles.csv",
        posts(
            row(1, Posted_at="15/09/2026 18:00"),
            row(2, Posted_at="20/09/2026 08:00"),
            row(3, Posted_at="09/25/2026 09:00"),
            row(4, Posted_at="21/09/2026 10:00"),
            row(5, Posted_at="31/02/2026 10:00"),
            row(6, Posted_at="23/09/2026 12:00"),
        ),
        "day-first dates with one month-first date and a 31 February, then good rows",
        "lines 4 and 6 rejected naming Posted at, no other line named; the rest load",
        errors=[(4, "Posted at"), (6, "Posted at")],
    )
    case(
        "english_space_comma_number.csv",
        posts(row(1), row(2, Fee='"1 234,5"'), row(3)),
        "`1 234,5` as a fee in an English file (issue 16, defect 6: stored as 12345)",
        "read as 1234.5 (unambiguous), or line 3 rejected naming Fee; never 12345",
    )
    french = (
        "Plateforme;Créateur;Lien de la publication;Date de publication;Cachet;Abonnés;Vues;J'aime\n"
        "Instagram;@hostile.fr;https://www.instagram.com/p/HOSTFR1/;15/09/2026;1 234,5;1,2 k;12 345;56\n"
        "Instagram;@hostile.fr;https://www.instagram.com/p/HOSTFR2/;16/09/2026;2\u202f500,00;3,4 M;7\u00a0890;56\n"
    )
    case(
        "french_locale_numbers.csv",
        french,
        "French numbers: `1 234,5`, `1,2 k`, `3,4 M`, `12 345`, `1.2K`, narrow and no-break spaces",
        "every row loads: fee 1234.5, followers 1200 and 3 400 000, views 12345 and 7890",
        errors=[],
    )
    case(
        "english_k_suffix.csv",
        posts(row(1, Views="1.2K", Likes="3.4k"), row(2, Views="2M"), row(3, Followers='"1,2 k"')),
        "`1.2K`, `2M` and `1,2 k` in an English file",
        "`1.2K` and `2M` load; `1,2 k` read as 1.2 thousand, or line 4 rejected naming Followers",
        exit=0,
    )
    case(
        "header_only.csv",
        HEADER + "\n",
        "a header and no rows",
        "exit 1: nothing loaded",
        exit=1,
    )
    case(
        "every_row_rejected.csv",
        posts(*(row(n, Fee="free") for n in range(1, 5))),
        "every row has an unreadable fee",
        "exit 1: nothing loaded; every line named with Fee",
        exit=1,
        errors=[(n, "Fee") for n in range(2, 6)],
    )
    case(
        "required_blank.csv",
        posts(row(1), row(2, Creator=""), row(3)),
        "a blank creator on line 3",
        "line 3 rejected naming Creator",
        errors=[(3, "Creator")],
    )
    case(
        "multiline_caption_then_bad.csv",
        posts(
            row(1, Caption='"first line\nsecond line\nthird line"'), row(2, Likes="many"), row(3)
        ),
        "a quoted three-line caption, then a bad cell",
        "physical line 5 rejected naming Likes (not record 3)",
        errors=[(5, "Likes")],
    )
    case(
        "duplicate_rows.csv",
        posts(row(1), row(1), row(2)),
        "the same post twice",
        "loaded; the repeat merged (`rows_merged` 1)",
    )


def assignment_faults() -> None:
    aurore = [
        f"Instagram,@ines.beaute,{url},2025-03-12 18:00,Reel,450,54481,9800,1234,15000,Routine #pub"
        for url in (
            "https://www.instagram.com/reel/DwcV2QnnrEs/",
            "https://www.instagram.com/reel/DjVjT__mww-/",
        )
    ]
    case(
        "move_to_other_client.csv",
        posts(*aurore),
        "Maison Aurore's posts ingested with `--campaign` of Stride Lab's campaign (issue 16, defect 2)",
        "refused naming both clients; the posts stay in eclat-de-printemps-2025",
        exit=1,
        args=["--campaign", "spring-run-2025"],
    )
    case(
        "campaign_id_other_client.csv",
        posts(*good()),
        '`--campaign spring-run-2025 --client "Maison Aurore"`: Stride Lab\'s campaign id with another client',
        "refused, never renamed to spring-run-2025-2",
        exit=1,
        args=["--campaign", "spring-run-2025", "--client", "Maison Aurore"],
    )
    case(
        "negative_views_existing_post.csv",
        posts(
            "Instagram,@ines.beaute,https://www.instagram.com/reel/DwcV2QnnrEs/,2025-03-12 18:00,"
            "Reel,450,,9800,1234,-746088,Routine #pub",
            "Instagram,@hostile.aurore,https://www.instagram.com/p/HOSTAUR1/,2025-03-20 18:00,"
            "Reel,450,20000,9800,1234,15000,Routine #pub",
        ),
        "negative views for a stored post of the same campaign, beside a new post",
        "line 2 rejected naming Views; the stored post's metrics unchanged; line 3 loads",
        args=["--campaign", "eclat-de-printemps-2025"],
        errors=[(2, "Views")],
    )
    case(
        "newer_export_existing_post.csv",
        posts(
            "TikTok,@runclub.theo,https://www.tiktok.com/@runclub.theo/video/7791131224420248254,"
            "2026-09-29 13:59,Video,1850,,143600,9100,180000,Trail recap #ad"
        ),
        "a newer export of a stored post of the same campaign, with higher numbers",
        "loaded: the one file that may change stored rows (the post, its totals, a new snapshot)",
        args=[*CAMPAIGN, "--as-of", "2026-11-30"],
        updates=["posts", "post_totals", "post_weeks", "creators"],
    )
    case(
        "account_without_name.csv",
        "Date,Video Views,Profile Views,Likes,Comments,Shares\n2026-09-01,1200,45,300,12,4\n",
        "a TikTok Overview export with no account given",
        "refused: name the account (--creator)",
        exit=1,
        args=[],
    )
    case(
        "bad_as_of.csv",
        posts(*good()),
        "`--as-of 2025-13-45` (issue 16, defect 7)",
        "exit 2 with a plain message, nothing stored",
        exit=2,
        args=[*CAMPAIGN, "--as-of", "2025-13-45"],
    )
    case(
        "bad_sponsored.csv",
        posts(*good()),
        "`--sponsored maybe`",
        "exit 2 with a plain message, nothing stored",
        exit=2,
        args=[*CAMPAIGN, "--sponsored", "maybe"],
    )
    (HERE / "bad_mapping.map.json").write_text(
        '{"format": "creator_posts", "fields": {"handel": "Creator"}}\n', encoding="utf-8"
    )
    case(
        "bad_mapping.csv",
        posts(*good()),
        "`--mapping` naming a field the format does not have (`bad_mapping.map.json`)",
        "exit 2 naming the field, nothing stored",
        exit=2,
        args=[*CAMPAIGN, "--mapping", "{here}/bad_mapping.map.json"],
    )
    (HERE / "broken_mapping.map.json").write_text('{"format": "creator_posts", ', encoding="utf-8")
    case(
        "broken_mapping.csv",
        posts(*good()),
        "`--mapping` that is not JSON (`broken_mapping.map.json`)",
        "exit 2, nothing stored",
        exit=2,
        args=[*CAMPAIGN, "--mapping", "{here}/broken_mapping.map.json"],
    )


def encodings() -> None:
    text = posts(row(1, Caption="Café crème été"), row(2), row(3))
    data = text.encode()
    bad = data.replace(b"Trail run number 2", b"Trail \xff\xfe run number 2")
    case(
        "invalid_utf8_bytes.csv",
        bad,
        "invalid UTF-8 bytes in one caption of a UTF-8 file",
        "line 3 rejected naming Caption, or the file refused; `é` never stored as `Ã©`",
        exit=[0, 1],
    )
    case(
        "utf16le_no_bom.csv",
        text.encode("utf-16-le"),
        "UTF-16 LE without a BOM",
        "loaded as UTF-16 (or refused in plain words); no NUL stored",
        exit=[0, 1],
    )
    case(
        "utf16be_no_bom.csv",
        text.encode("utf-16-be"),
        "UTF-16 BE without a BOM",
        "loaded as UTF-16 (or refused in plain words); no NUL stored",
        exit=[0, 1],
    )
    case(
        "utf16le_bom.csv",
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "UTF-16 LE with a BOM (listed in the README)",
        "loaded",
    )
    mixed = posts(row(1, Caption="Café"), row(2)).encode("utf-8") + (
        row(3, Caption="Crème brûlée") + "\n"
    ).encode("cp1252")
    case(
        "mixed_encodings.csv",
        mixed,
        "UTF-8 rows followed by a Windows-1252 row",
        "the cp1252 row rejected with its line, or the file refused; no mojibake stored",
        exit=[0, 1],
    )
    case(
        "nul_bytes.csv",
        posts(row(1), row(2, Caption="nul\x00inside"), row(3)),
        "a NUL byte inside a caption",
        "refused as binary or the row rejected; no NUL stored",
        exit=[0, 1],
    )
    case(
        "bom_in_middle.csv",
        "\ufeff" + posts(row(1, Caption="zero\ufeffwidth"), "\ufeff" + row(2), row(3)),
        "a BOM at the start and two more inside the text",
        "loaded; no row lost to the BOM",
        exit=[0],
    )
    case(
        "cp1252_french.csv",
        (
            "Plateforme;Créateur;Lien de la publication;Date de publication;Cachet;Légende\n"
            "Instagram;@hostile.fr;https://www.instagram.com/p/HOSTCP1/;15/09/2026;1 500,00;Été €\n"
        ).encode("cp1252"),
        "a Windows-1252 French file with `€` and accents",
        "loaded",
    )
    case(
        "control_characters.csv",
        posts(
            row(1, Caption="bell\x07 backspace\x08 escape\x1b[31mred\x1b[0m"),
            row(2, Creator="@ctrl\x01runner"),
            row(3, Caption="del\x7f and vertical\x0btab\x0cfeed"),
        ),
        "terminal escapes and C0 control characters in captions and a handle",
        "loaded or the rows rejected with line and column; no traceback",
        exit=[0, 1],
    )
    case(
        "zero_width_headers.csv",
        posts(
            *good(),
            header=HEADER.replace("Creator", "Cre\u200bator").replace("Fee", "\u200dFee\u2060"),
        ),
        "zero-width space, joiner and word joiner inside known headers",
        "recognised as the headers they spell, or asked for a mapping; never a traceback",
        exit=[0, 1],
    )
    case(
        "rtl_and_emoji_cells.csv",
        posts(
            row(1, Caption="\u202eevil\u202c 🏃‍♀️ \u200f"), row(2, Creator="@\u202etxt.gpj"), row(3)
        ),
        "right-to-left overrides and emoji in a caption and a handle",
        LOADED,
    )


def structure() -> None:
    case("empty.csv", b"", "an empty file", "refused: the file is empty", exit=1)
    case(
        "only_whitespace.csv",
        " \n\t\n   \r\n\n",
        "only spaces, tabs and newlines",
        "refused",
        exit=1,
    )
    case("only_bom.csv", codecs.BOM_UTF8, "only a UTF-8 BOM", "refused: the file is empty", exit=1)
    case("only_newlines.csv", "\n" * 500, "500 empty lines", "refused", exit=1)
    case("one_column.csv", "Views\n100\n200\n", "one column", "refused: asks for a mapping", exit=1)
    junk = ",".join(f"x{i}" for i in range(1, 5000 - 10))
    case(
        "five_thousand_columns.csv",
        HEADER + "," + junk + "\n" + "\n".join(r + "," * (5000 - 11) for r in good()) + "\n",
        "5,000 columns: the 11 creator-posts headers and 4,989 others",
        "loaded; the others listed in `columns_unused`",
    )
    case(
        "duplicate_headers.csv",
        posts(*(r + ",999999" for r in good()), header=HEADER + ",Likes"),
        "the Likes header twice",
        "loaded from one of them with the other listed unused, or refused as ambiguous",
        exit=[0, 1],
    )
    case(
        "blank_header_names.csv",
        posts(*(r + ",x,y" for r in good()), header=HEADER + ",,"),
        "two blank header names",
        "loaded",
    )
    case(
        "header_repeated_mid_file.csv",
        posts(row(1), row(2), HEADER, row(3)),
        "the header row again on line 4",
        "line 4 rejected (its Fee is not a number); no creator named `Creator`",
        errors=[(4, "Fee")],
    )
    case(
        "unbalanced_quote.csv",
        posts(row(1), row(2, Caption='"never closed'), row(3), row(4)),
        "a quote opened on line 3 and never closed",
        "line 3 named; rows before it load, or the file refused",
        exit=[0, 1],
        errors=[(3, None)],
    )
    case(
        "stray_quote_mid_field.csv",
        posts(row(1, Caption='He said "go" loud'), row(2), row(3)),
        "a quote in the middle of an unquoted field",
        "loaded as written, or line 2 rejected with its line",
        exit=[0, 1],
    )
    case(
        "cr_only_line_ends.csv",
        posts(*good()).replace("\n", "\r"),
        "classic Mac line ends (CR only)",
        "three rows loaded, as DuckDB and PostgreSQL read them",
        exit=0,
    )
    case(
        "crlf_line_ends.csv",
        posts(*good()).replace("\n", "\r\n"),
        "Windows line ends",
        "loaded",
    )
    case(
        "mixed_delimiters.csv",
        posts(row(1), row(2).replace(",", ";"), row(3)),
        "one row separated by `;` in a `,` file",
        "line 3 rejected with its line; the others load",
        errors=[(3, None)],
    )
    case(
        "sep_line_lies.csv",
        "sep=;\n" + posts(*good()),
        "a `sep=;` line in a comma-separated file",
        "refused in plain words (asks for a mapping), or read by the real separator",
        exit=[0, 1],
    )
    case(
        "trailing_junk.csv",
        posts(*good()) + "\n\nExported by InfluencePlatform on 2026-10-01\nTotal,,,,,4500,,,,,\n",
        "trailing junk lines and a totals row",
        "loaded; the junk skipped or rejected with its line",
    )
    case(
        "leading_junk.csv",
        "Campaign report\nGenerated 2026-10-01\n\n" + posts(*good()),
        "three lines before the header",
        "read from the real header, or refused asking for a mapping",
        exit=[0, 1],
    )
    case(
        "long_header_name.csv",
        posts(*(r + ",1" for r in good()), header=HEADER + "," + "H" * 20_000),
        "a 20,000-character header",
        "loaded; the header listed unused",
    )
    case(
        "whitespace_padded_cells.csv",
        posts(*("  " + r.replace(",", " ,  ") + "  " for r in good())),
        "spaces around every cell",
        "loaded, numbers read through the spaces",
    )


def renamed() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export.csv", posts(*good()))
    case(
        "zip_renamed.csv",
        buffer.getvalue(),
        "a ZIP archive renamed .csv",
        "refused: a zip archive",
        exit=1,
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    case(
        "xlsx_renamed.csv",
        buffer.getvalue(),
        "an Excel workbook renamed .csv",
        "refused: save it as CSV",
        exit=1,
    )
    case(
        "pdf_renamed.csv",
        b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
        "a PDF renamed .csv",
        "refused: a PDF document",
        exit=1,
    )
    case(
        "png_renamed.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82",
        "a PNG renamed .csv",
        "refused: a PNG image",
        exit=1,
    )
    case(
        "gzip_renamed.csv",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4,
        "a gzip stream renamed .csv",
        "refused: not a CSV file",
        exit=1,
    )
    case(
        "binary_random.csv",
        bytes((i * 7919 + 13) % 256 for i in range(8192)),
        "8 KB of binary noise",
        "refused: not a CSV file",
        exit=1,
    )
    case(
        "elf_renamed.csv",
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200,
        "an executable renamed .csv",
        "refused: not a CSV file",
        exit=1,
    )
    case(
        "html_page.csv",
        "<!DOCTYPE html><html><body><script>alert(1)</script><table><tr><td>a</td></tr></table></body></html>\n",
        "an HTML page saved as .csv",
        "refused: no known format",
        exit=1,
    )


def names() -> None:
    case(
        "name_traversal_shell.csv",
        posts(*good()),
        "uploaded as `../../$(touch pwned);rm -rf ~ `'\"|&.csv` through a `sub/../` path",
        "loaded; the name stored as given, no file written outside the database's folder",
        upload_as="../../$(touch pwned);rm -rf ~ `x`'\"|&<>.csv",
    )
    case(
        "name_symlink_like.csv",
        posts(*good()),
        "uploaded as `export.csv -> ..%2F..%2Fetc%2Fpasswd`",
        "loaded; the name stored as given, never used as a path",
        upload_as="export.csv -> ..%2F..%2Fetc%2Fpasswd",
    )
    case(
        "name_emoji_rtl.csv",
        posts(*good()),
        "uploaded as a name with emoji, a right-to-left override and a zero-width joiner",
        "loaded; the name stored as given",
        upload_as="rapport 🏃\u200d♀️ \u202evsc.exe\u202c \u200f.csv",
    )
    case(
        "name_dash_option.csv",
        posts(*good()),
        "uploaded as `--db=other.duckdb` (a name that reads as an option)",
        "loaded from the file of that name; no other database touched",
        upload_as="--db=other.duckdb",
    )


def formulas() -> None:
    case(
        "formula_text_cells.csv",
        posts(
            row(1, Caption='"=HYPERLINK(""https://phish.example"",""Click"")"'),
            row(2, Creator="+cmd|' /C calc'!A0", Caption="@SUM(A1:A9)"),
            row(3, Caption="-1+1", Format="=1+2"),
            row(4, Caption="\t=cmd", Format='"=IMPORTXML(""https://x.example"","""")"'),
        ),
        "spreadsheet formulas in text cells: `=HYPERLINK`, `+cmd`, `@SUM`, `-1+1`, `=IMPORTXML`",
        "loaded; stored as written (the CSV export neutralises them)",
    )
    case(
        "formula_comments.csv",
        "Comment ID,Post link,Author,Date,Comment,Likes\n"
        "hc1,https://www.tiktok.com/@runclub.theo/video/7791131224420248254,=cmd,2026-09-16 08:00,"
        '"=HYPERLINK(""https://phish.example"",""win"")",1\n'
        "hc2,https://www.tiktok.com/@runclub.theo/video/7791131224420248254,@evil,2026-09-16 09:00,+1+1,0\n",
        "formulas in comment authors and texts",
        "loaded; stored as written",
        args=[],
        writes=["comments"],
    )


def ids_and_references() -> None:
    case(
        "ids_collide_normalised.csv",
        posts(
            row(1, Creator="@Hostile.Runner"),
            row(2, Creator="hostile.runner"),
            row(3, Creator=" @hostile.runner "),
            row(4, Creator="@ｈｏｓｔｉｌｅ.runner"),
            row(5, Post_URL="https://www.instagram.com/p/HOSTILE001"),
            row(6, Post_URL="HTTPS://WWW.INSTAGRAM.COM/P/HOSTILE001/"),
        ),
        "handles and post links that differ only in case, `@`, spaces, full-width letters, a slash",
        "loaded; every row accounted for (loaded, merged or rejected with its line)",
    )
    survey = "respondent_id,group,question,answer,exposures,responded_at,weight\n"
    case(
        "survey_unknown_group.csv",
        survey
        + "hr1,exposed,ad_recall,yes,2,2026-09-20 10:00,1\n"
        + "hr2,maybe,ad_recall,no,0,2026-09-20 11:00,1\n"
        + "hr3,control,ad_recall,no,0,2026-09-20 12:00,1\n",
        "a survey group label that is neither exposed nor control on line 3",
        "line 3 rejected naming group; lines 2 and 4 load",
        writes=["survey_responses"],
        errors=[(3, "group")],
    )
    case(
        "survey_answer_twice.csv",
        survey
        + "hr1,exposed,ad_recall,yes,2,2026-09-20 10:00,1\n"
        + "hr1,exposed,ad_recall,no,2,2026-09-20 10:05,1\n"
        + "hr2,control,ad_recall,no,0,2026-09-20 12:00,1\n",
        "one respondent answering the same question twice, differently",
        "loaded; the repeat merged (last wins) or rejected with its line, never two answers stored",
        writes=["survey_responses"],
    )
    case(
        "survey_impossible_counts.csv",
        "question,group,respondents,positive responses\n"
        "Ad recall,exposed,100,150\nAd recall,control,-5,3\nAwareness,exposed,100,40\n",
        "aggregated results with more positives than respondents and negative respondents",
        "lines 2 and 3 rejected with their column; line 4 loads",
        writes=["survey_results"],
        errors=[(2, "positive responses"), (3, "respondents")],
    )
    case(
        "survey_rate_over_100.csv",
        "brand_lift_metric,brand_lift_exposed_responses,brand_lift_baseline_responses,"
        "brand_lift_exposed_positive_response_rate,brand_lift_baseline_positive_response_rate\n"
        "Ad recall,2000,1900,141.5%,33.2%\nConsideration,1800,1750,22.0%,20.1%\n",
        "a positive rate of 141.5 %",
        "line 2 rejected naming the rate column; line 3 loads",
        writes=["survey_results"],
        errors=[(2, "brand_lift_exposed_positive_response_rate")],
    )
    known = "https://www.tiktok.com/@runclub.theo/video/7791131224420248254"
    case(
        "exposures_unknown_posts.csv",
        "person id,post id,exposed at\n"
        f"hp1,{known},2026-09-15 19:00:00\n"
        "hp2,instagram:DOESNOTEXIST,2026-09-15 20:00:00\n"
        "hp3,tiktok:0000000000000000000,2026-09-16 20:00:00\n"
        f"hp4,{known},2026-09-17 19:00:00\n",
        "exposures of two posts that do not exist",
        "lines 3 and 4 rejected naming post id, or loaded with a note counting them; never silent",
        writes=["exposures"],
    )
    case(
        "comments_unknown_posts.csv",
        "Comment ID,Post link,Author,Date,Comment,Likes\n"
        f"hk1,{known},jane,2026-09-16 08:00,Love it,2\n"
        "hk2,https://www.instagram.com/p/NOSUCHPOST/,mike,2026-09-16 09:00,meh,0\n",
        "a comment on a post that does not exist",
        "line 3 rejected naming Post link, or loaded with a note counting it; never silent",
        args=[],
        writes=["comments"],
    )
    case(
        "viewers_negative.csv",
        "Date,Total Viewers,New Viewers,Returning Viewers\n2026-09-01,1000,800,200\n2026-09-02,-1100,850,250\n",
        "negative viewers in a TikTok Viewers export",
        "line 3 rejected naming Total Viewers; line 2 loads",
        args=["--creator", "runclub.theo"],
        writes=["account_metrics"],
        errors=[(3, "Total Viewers")],
    )
    case(
        "youtube_negative_subscribers.csv",
        "Content,Video title,Video publish time,Duration,Views,Subscribers\n"
        "hostileYT010,Lost fans,2026-09-14,312,1000,-3\nhostileYT011,Gained,2026-09-15,200,900,4\n",
        "negative net subscribers in YouTube's table export, which are real",
        "loaded: a net subscriber change may be negative, unlike a count",
        args=[*CAMPAIGN, "--creator", "hostile.channel"],
    )
    case(
        "ads_negative_spend.csv",
        "Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Amount spent (USD),Impressions,Reach\n"
        "2026-09-01,2026-09-30,Trail Series 2026,Set A,Ad 1,-1200.00,150000,70000\n"
        "2026-09-01,2026-09-30,Trail Series 2026,Set A,Ad 2,542.50,60000,28000\n",
        "a negative ad spend",
        "line 2 rejected naming Amount spent; line 3 loads",
        writes=["ad_delivery"],
        errors=[(2, "Amount spent (USD)")],
    )


def readme() -> None:
    lines = [
        "# Hostile inputs: what `sillage ingest` must survive",
        "",
        "Every file here is run through `sillage ingest` on a copy of the demo database by",
        "`tests/test_hostile_corpus.py` (issue 16). The test checks the exit code (0 loaded, 1 refused",
        "or nothing loaded, 2 unusable arguments), one JSON object per file with the documented keys,",
        "the line and column of each fault listed below, no traceback, and every table unchanged",
        "except for the rows the file legitimately adds (and `uploads`, which gains one row per file",
        "read). `cases.json` holds the same expectations for the test; `generate.py` writes the files,",
        "`cases.json` and this table. Two more cases are written at test time because they are large:",
        "`overlong_first_line.csv` (a 200 KB header line: refused in plain words) and",
        "`one_megabyte_caption.csv` (a 1 MB caption: loaded or the row rejected with its line).",
        "Cases whose expected behaviour Sillage does not have yet are marked `xfail` in the test,",
        "each with the reason.",
        "",
        "Unless noted, files are creator-posts exports loaded with `--campaign trail-series-2026`.",
        "",
        "| file | attacks | expected |",
        "|---|---|---|",
    ]
    for item in CASES:
        exit = item["exit"]
        exits = " or ".join(map(str, exit)) if isinstance(exit, list) else str(exit)
        args = " ".join(item["args"]) if item["args"] != CAMPAIGN else ""
        extra = f" (`{args}`)" if args else ""
        attack = item["attack"].replace("|", "\\|")
        outcome = item["outcome"].replace("|", "\\|")
        lines.append(f"| `{item['file']}`{extra} | {attack} | exit {exits}: {outcome} |")
    lines += [
        "",
        "`bad_mapping.map.json` and `broken_mapping.map.json` are the mapping files of the two",
        "`--mapping` cases.",
        "",
    ]
    (HERE / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    for writer in (
        markdown_and_html,
        row_faults,
        assignment_faults,
        encodings,
        structure,
        renamed,
        names,
        formulas,
        ids_and_references,
    ):
        writer()
    names_seen = [c["file"] for c in CASES]
    assert len(names_seen) == len(set(names_seen))
    (HERE / "cases.json").write_text(
        json.dumps(CASES, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    readme()
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    main()
