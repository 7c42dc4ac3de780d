"""The ``sillage`` command line: ingest, mapping, formats, report, demo, share, backup, restore,
campaign, brand, password, serve.

Every subcommand takes ``--db PATH``; without it, ``SILLAGE_DB``, then ``./sillage.duckdb``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import settings
from store.sponsorship import RULES
from store.store import Store

PROJECT_ROOT = Path(__file__).resolve().parent


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help=f"database file (default: ${settings.SETTINGS[0].env_var} or {settings.get('db')})",
    )


def _store(args: argparse.Namespace) -> Store:
    """The store named by ``--db``, else ``SILLAGE_DB``, else the default file."""
    return Store.open(getattr(args, "db", None))


def _cannot_open(command: str, store: Store, error: Exception) -> int:
    first_line = str(error).strip().splitlines()[0]
    print(f"sillage {command}: cannot open {store.name}: {first_line}", file=sys.stderr)
    return 1


def _read_mapping(command: str, name: str):
    """The mapping in a JSON file, or None after printing why it cannot be used."""
    from ingest.errors import MappingError
    from ingest.mapping import Mapping

    try:
        data = json.loads(Path(name).read_text(encoding="utf-8-sig"))
        return Mapping.from_json(data)
    except OSError as error:
        reason = error.strerror or str(error)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON ({error.msg}, line {error.lineno})"
    except MappingError as error:
        reason = str(error)
    print(f"sillage {command}: {name}: {reason}", file=sys.stderr)
    return None


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest import Assignment, ingest_path

    store = _store(args)
    mapping = None
    if args.mapping:
        mapping = _read_mapping("ingest", args.mapping)
        if mapping is None:
            return 2
    if args.wave is not None:
        from ingest.waves import stamp_error

        problem = stamp_error(args.wave)
        if problem:
            print(f"sillage ingest: --wave: {problem}", file=sys.stderr)
            return 2
    assignment = Assignment(
        campaign_id=args.campaign,
        client_name=args.client,
        creator_handle=args.creator,
        as_of=args.as_of,
        sponsored=args.sponsored,
        wave=args.wave,
    )
    status = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(json.dumps(_refused_json(name, f"{name}: no such file")))
            status = 1
            continue
        try:
            result = ingest_path(store, path, assignment, mapping=mapping)
        except Exception as error:  # a bug: said in one line, never a traceback
            print(
                json.dumps(
                    _refused_json(
                        path.name,
                        f"{path.name}: Sillage stopped on an internal error while loading it "
                        f"({type(error).__name__}: {_first_line(error)}); nothing from it was "
                        "stored",
                    ),
                    ensure_ascii=False,
                )
            )
            status = 1
            continue
        print(json.dumps(result.as_json(args.lang), ensure_ascii=False, default=str))
        if not result.loaded or result.rows_loaded == 0:
            # Refused, or nothing to load (a header alone, every row rejected or skipped).
            status = 1
    return status


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else ""


def _refused_json(name: str, reason: str) -> dict:
    """The usual ingest JSON for a file that could not even be opened."""
    return {
        "file": name,
        "format": None,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_rejected": 0,
        "rows_skipped": 0,
        "rows_merged": 0,
        "skipped_reasons": {},
        "columns_unused": [],
        "errors": [],
        "refused": reason,
    }


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: give it as YYYY-MM-DD, e.g. 2025-09-28"
        ) from None


MAX_SHARE_DAYS = 36_500


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not math.isfinite(value) or not 0 < value <= MAX_SHARE_DAYS:
        raise argparse.ArgumentTypeError(
            f"{text} is not a number of days between 0 and {MAX_SHARE_DAYS:,} "
            "(--no-expiry makes a link that never expires)"
        )
    return value


def cmd_mapping(args: argparse.Namespace) -> int:
    """Saved column mappings, in the JSON that ``sillage ingest --mapping`` reads."""
    import duckdb

    from ingest.errors import FileRefused
    from ingest.formats import signature
    from ingest.mapping import saved_mappings
    from ingest.sniff import sniff

    store = _store(args)
    try:
        with store.connect(read_only=True) as connection:
            saved = saved_mappings(connection)
    except duckdb.IOException as error:
        return _cannot_open("mapping", store, error)
    if args.mapping_command == "list":
        for item in saved:
            print(json.dumps(item, ensure_ascii=False))
        return 0
    chosen = saved
    if args.layout is not None:
        key = args.layout
        if Path(key).is_file():  # a file of that layout: the mapping saved for its headers
            try:
                key = signature(sniff(Path(key)).headers)
            except FileRefused as error:
                print(f"sillage mapping: {args.layout}: {error}", file=sys.stderr)
                return 1
        chosen = [item for item in saved if item["signature"] == key]
        if not chosen:
            print(
                f"sillage mapping: no mapping is saved for {args.layout} "
                "(sillage mapping list shows the saved ones)",
                file=sys.stderr,
            )
            return 1
    exported = [{k: v for k, v in item.items() if k != "saved_at"} for item in chosen]
    text = json.dumps(
        exported[0] if args.layout is not None else exported, ensure_ascii=False, indent=2
    )
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def format_rows() -> list[dict]:
    """Every recognised export format: name, label, platform, kind, locales, the headers it needs."""
    from ingest.formats import FORMATS

    rows = []
    for fmt in FORMATS:
        required = [
            {"field": name, "en": list(fmt.field(name).en), "fr": list(fmt.field(name).fr)}
            for name in fmt.required
        ]
        locales = ["en"] + (["fr"] if any(f.fr for f in fmt.fields) else [])
        rows.append(
            {
                "name": fmt.name,
                "label": fmt.label,
                "platform": fmt.platform or "per row",
                "kind": fmt.kind,
                "locales": locales,
                "required": required,
                "mapping_only": fmt.mapping_only,
            }
        )
    return rows


def cmd_formats(args: argparse.Namespace) -> int:
    """The export formats Sillage recognises, as a table or as JSON."""
    rows = format_rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    columns = ("name", "label", "platform", "kind", "locales", "needs")
    table = []
    for row in rows:
        needs = "; ".join(
            " / ".join(dict.fromkeys([*r["en"][:1], *r["fr"][:1]])) or r["field"]
            for r in row["required"]
        )
        if row["mapping_only"]:
            needs = "(mapping screen only: map the columns)"
        table.append(
            (
                row["name"],
                row["label"],
                row["platform"],
                row["kind"],
                ", ".join(row["locales"]),
                needs,
            )
        )
    widths = [max(len(c), *(len(t[i]) for t in table)) for i, c in enumerate(columns[:-1])]
    for line in (columns, *table):
        cells = [cell.ljust(width) for cell, width in zip(line[:-1], widths, strict=True)]
        print("  ".join([*cells, line[-1]]).rstrip())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sample_data.loader import load_demo

    results = load_demo(_store(args))
    for result in results:
        print(json.dumps(result.as_json(), ensure_ascii=False, default=str))
    return 0 if all(r.loaded for r in results) else 1


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not strictly between 0 and 1 (e.g. 0.9)")
    return value


def cmd_report(args: argparse.Namespace) -> int:
    import duckdb

    from metrics.campaign import campaign_report
    from metrics.report import UnknownCampaign, summary_text

    store = _store(args)
    if not store.exists():
        print(
            f"sillage report: no database at {store.name}: pass --db PATH or set "
            f"{settings.SETTINGS[0].env_var} (sillage demo loads the sample data)",
            file=sys.stderr,
        )
        return 1
    try:
        with store.connect() as connection:
            report = campaign_report(connection, args.campaign, args.confidence)
    except UnknownCampaign as error:
        print(f"sillage report: {error}", file=sys.stderr)
        return 1
    except duckdb.IOException as error:
        return _cannot_open("report", store, error)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, allow_nan=False))
    else:
        print(summary_text(report))
    return 0


def share_url(token: str) -> str:
    return f"{settings.get('public_url').rstrip('/')}/?share={token}"


def _share_json(link) -> dict:
    return {
        "id": link.link_id,
        "client": link.client_name,
        "campaigns": list(link.campaign_ids),
        "label": link.label,
        "sections": list(link.sections),
        "hide_costs": link.hide_costs,
        "created_at": link.created_at.isoformat(timespec="seconds"),
        "expires_at": link.expires_at.isoformat(timespec="seconds") if link.expires_at else None,
        "revoked_at": link.revoked_at.isoformat(timespec="seconds") if link.revoked_at else None,
        "last_opened_at": (
            link.last_opened_at.isoformat(timespec="seconds") if link.last_opened_at else None
        ),
        "status": link.status(),
    }


def cmd_share(args: argparse.Namespace) -> int:
    import duckdb

    from access.links import (
        ShareLinkError,
        create_share_link,
        list_share_links,
        revoke_share_link,
    )

    store = _store(args)
    try:
        with store.connect() as connection:
            if args.share_command == "create":
                link, token = create_share_link(
                    connection,
                    args.client,
                    args.campaign or [],
                    label=args.label,
                    hide_costs=args.hide_costs,
                    expires_in_days=None if args.no_expiry else args.expires,
                )
                print(share_url(token))
                expiry = (
                    f"expires {link.expires_at:%Y-%m-%d %H:%M} UTC"
                    if link.expires_at
                    else "never expires"
                )
                print(
                    f"link {link.link_id} for {link.client_name} "
                    f"({', '.join(link.campaign_ids)}); {expiry}",
                    file=sys.stderr,
                )
            elif args.share_command == "list":
                for link in list_share_links(connection):
                    print(json.dumps(_share_json(link), ensure_ascii=False))
            else:
                link = revoke_share_link(connection, args.link_id)
                print(json.dumps(_share_json(link), ensure_ascii=False))
    except ShareLinkError as error:
        print(f"sillage share: {error}", file=sys.stderr)
        return 1
    except duckdb.IOException as error:
        return _cannot_open("share", store, error)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the database and its raw-file archive, in a new folder."""
    from store.db import BackupError

    try:
        manifest = _store(args).backup(Path(args.path))
    except BackupError as error:
        print(f"sillage backup: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"backup": args.path, **manifest}, ensure_ascii=False))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """The database and its archive as a backup holds them (``--force`` to replace a file)."""
    from store.db import BackupError

    try:
        restored = _store(args).restore(Path(args.path), force=args.force)
    except BackupError as error:
        print(f"sillage restore: {error}", file=sys.stderr)
        return 1
    print(json.dumps(restored, ensure_ascii=False))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """The answers per group a brand-lift study needs to see a lift target (metrics.planner)."""
    from metrics.planner import plan

    for name, value, low, high in (
        ("--base-rate", args.base_rate, 0.0, 1.0),
        ("--lift", args.lift, 0.0, 1.0),
        ("--confidence", args.confidence, 0.0, 1.0),
        ("--power", args.power, 0.0, 1.0),
    ):
        if not low < value < high and not (name == "--base-rate" and value == 0.0):
            print(
                f"sillage plan: {name} must be a share between 0 and 1, got {value}",
                file=sys.stderr,
            )
            return 2
    if args.per_group is not None and args.per_group < 2:
        print("sillage plan: --per-group must be at least 2", file=sys.stderr)
        return 2
    result = plan(args.base_rate, args.lift, args.per_group, args.confidence, args.power)
    print(json.dumps({**result.as_dict(), "sentence": result.sentence()}, ensure_ascii=False))
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Score every comment without a current stored score once, and store it for the pages."""
    from metrics import sentiment

    store = _store(args)

    def report(done: int, total: int) -> None:
        print(f"sillage score: {done:,} of {total:,} comments scored", file=sys.stderr)

    try:
        with store.connect() as connection:
            scored = sentiment.score_missing_comments(connection, args.method, progress=report)
            version = sentiment.scorer_version(args.method)
    except Exception as error:  # noqa: BLE001 - a locked or damaged database, said plainly
        return _cannot_open("score", store, error)
    print(json.dumps({"scored": scored, "scorer": version}))
    return 0


def cmd_brand(args: argparse.Namespace) -> int:
    """The agency's name and logo on every report; without options, what is stored."""
    from store.settings import BrandError, clear_logo, set_brand

    logo = None
    if args.logo:
        try:
            logo = Path(args.logo).read_bytes()
        except OSError as error:
            print(f"sillage brand: {args.logo}: {error.strerror or error}", file=sys.stderr)
            return 1
    store = _store(args)
    try:
        with store.transaction() as connection:
            if args.no_logo:
                clear_logo(connection)
            brand = set_brand(
                connection, name=args.name, logo=logo, logo_name=Path(args.logo or "logo").name
            )
    except BrandError as error:
        print(f"sillage brand: {error}; nothing was changed", file=sys.stderr)
        return 1
    shown = {"name": brand.name, "logo": None}
    if brand.logo is not None:
        shown["logo"] = {
            "format": brand.logo.kind,
            "bytes": len(brand.logo.data),
            "width": brand.logo.width,
            "height": brand.logo.height,
        }
    print(json.dumps(shown, ensure_ascii=False))
    return 0


def cmd_campaign(args: argparse.Namespace) -> int:
    """A campaign's settings: set its target audience; without options, print what is stored."""
    from store.campaigns import CampaignOfAnotherClient, CampaignUnclear, get_campaign
    from store.target_audience import TargetAudienceError

    store = _store(args)
    if not store.exists():
        print(f"sillage campaign: no database at {store.name}", file=sys.stderr)
        return 1
    try:
        with store.transaction() as connection:
            campaign_id = store.ensure_campaign(connection, args.campaign, args.client)
            if args.target_audience is not None:
                store.update_campaign(
                    connection, campaign_id, target_audience=args.target_audience or {}
                )
            campaign = get_campaign(connection, campaign_id)
    except (CampaignUnclear, CampaignOfAnotherClient) as error:
        print(f"sillage campaign: {error}", file=sys.stderr)
        return 1
    except TargetAudienceError as error:
        reason = str(error).rstrip(".")
        print(
            f"sillage campaign: --target-audience: {reason}; nothing was changed", file=sys.stderr
        )
        return 1
    print(
        json.dumps(
            {
                "campaign_id": campaign.campaign_id,
                "client": campaign.client_name,
                "name": campaign.name,
                "target_audience": campaign.target_audience,
            },
            ensure_ascii=False,
        )
    )
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    import getpass

    from access.password import HASH_ENV, hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Admin password: ")
        if getpass.getpass("Again: ") != password:
            print("sillage password: the two entries differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        digest = hash_password(password)
    except ValueError as error:
        print(f"sillage password: {error}", file=sys.stderr)
        return 1
    print(digest)
    print(f"Set it before `sillage serve`: export {HASH_ENV}='{digest}'", file=sys.stderr)
    return 0


def streamlit_command(port: int, address: str, headless: bool = True) -> list[str]:
    """``streamlit run app.py`` with the options of a served product (also used by test servers)."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--browser.gatherUsageStats",
        "false",
        # Also set in app.py, where they only take effect from the second run of the process.
        "--client.toolbarMode",
        "viewer",
        "--client.disableDataExport",
        "true",
        "--server.maxUploadSize",
        settings.get("max_upload_mb"),
        # The code does not change under a running product: no file watching.
        "--server.fileWatcherType",
        "none",
        # A full garbage collection after every script run holds the interpreter lock for tens
        # of milliseconds and stalls every other viewer; Python's own collector suffices.
        "--runner.postScriptGC",
        "false",
    ]
    if headless:
        command += ["--server.headless", "true"]
    return command


def cmd_serve(args: argparse.Namespace) -> int:
    from access.password import (
        PasswordSetupError,
        check_setup,
        configured_hash,
        password_required,
        secrets_from_files,
    )

    if password_required(args.address):
        try:
            check_setup(configured_hash(secrets=secrets_from_files(Path.cwd())))
        except PasswordSetupError as error:
            print(f"sillage serve: {error}", file=sys.stderr)
            return 2
    env = dict(os.environ, SILLAGE_DB=_store(args).location)
    command = streamlit_command(args.port, args.address, headless=args.headless)
    return subprocess.call(command, env=env)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sillage", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser(
        "ingest", help="load export files; prints one JSON object per file"
    )
    _db_argument(ingest)
    ingest.add_argument("files", nargs="+", metavar="FILE")
    ingest.add_argument("--campaign", help="campaign id or name the rows belong to")
    ingest.add_argument(
        "--client", help="client name, to create a campaign that does not exist yet"
    )
    ingest.add_argument(
        "--creator", help="creator handle, for exports that do not name the account"
    )
    ingest.add_argument(
        "--as-of", type=_date, help="date of a lifetime snapshot (YYYY-MM-DD, default today)"
    )
    ingest.add_argument(
        "--sponsored",
        choices=RULES,
        help="which of the file's posts are sponsored: all (the default for a campaign), none "
        "(the creator's organic posts), campaign_dates (those posted within the campaign's "
        "dates), paid_label (those the file marks as a paid partnership)",
    )
    ingest.add_argument(
        "--wave",
        metavar="WAVE",
        help="the survey wave every row of the files belongs to: pre, in flight, post, "
        '"+4 weeks" (or "4 weeks after", "+1 month"), or a date as YYYY-MM-DD',
    )
    ingest.add_argument(
        "--mapping",
        metavar="MAP.json",
        help="read the files through this column mapping (docs/mapping.md); it is saved for "
        "their headers",
    )
    ingest.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="the language of the JSON's sentences (refused, notes, each error's reason, the "
        "skipped reasons); English by default. Keys, numbers and file values stay as they are",
    )
    ingest.set_defaults(handler=cmd_ingest)

    mapping = commands.add_parser(
        "mapping", help="saved column mappings, as the JSON that ingest --mapping reads"
    )
    mapping_commands = mapping.add_subparsers(dest="mapping_command", required=True)
    mapping_list = mapping_commands.add_parser(
        "list", help="every saved mapping, one JSON object per line"
    )
    _db_argument(mapping_list)
    mapping_export = mapping_commands.add_parser(
        "export",
        help="the mapping saved for a file's layout (give the file or its signature), "
        "or all of them as a JSON list",
    )
    _db_argument(mapping_export)
    mapping_export.add_argument(
        "layout",
        nargs="?",
        metavar="FILE|SIGNATURE",
        help="a file of that layout, or its signature",
    )
    mapping_export.add_argument("-o", "--output", metavar="MAP.json", help="write it to this file")
    mapping.set_defaults(handler=cmd_mapping)

    formats = commands.add_parser(
        "formats",
        help="the export formats Sillage recognises: platform, locales, the headers each needs",
    )
    formats.add_argument("--json", action="store_true", help="print them as a JSON list")
    formats.set_defaults(handler=cmd_formats)

    demo = commands.add_parser("demo", help="load the bundled sample data")
    _db_argument(demo)
    demo.set_defaults(handler=cmd_demo)

    report = commands.add_parser(
        "report", help="every metric of one campaign; --json for the full JSON"
    )
    _db_argument(report)
    report.add_argument("--campaign", required=True, metavar="ID", help="campaign id")
    report.add_argument(
        "--json", action="store_true", help="print the full report as one JSON object"
    )
    report.add_argument(
        "--confidence",
        type=_confidence,
        default=0.90,
        help="two-sided coverage of every interval (default 0.9)",
    )
    report.set_defaults(handler=cmd_report)

    share = commands.add_parser("share", help="read-only links for a client: create, list, revoke")
    share_commands = share.add_subparsers(dest="share_command", required=True)
    create = share_commands.add_parser("create", help="create a link and print its URL")
    _db_argument(create)
    create.add_argument("--client", required=True, help="client name or id")
    create.add_argument(
        "--campaign",
        action="append",
        metavar="ID",
        help="a campaign to include (repeat for several; default: all the client's campaigns)",
    )
    create.add_argument(
        "--expires",
        type=_days,
        default=float(settings.get("share_days")),
        metavar="DAYS",
        help=f"days until the link stops working (default {settings.get('share_days')})",
    )
    create.add_argument("--no-expiry", action="store_true", help="a link that never expires")
    create.add_argument("--label", help="a note for yourself, e.g. who received it")
    create.add_argument("--hide-costs", action="store_true", help="hide costs and budgets")
    listing = share_commands.add_parser("list", help="every link as JSON lines (no tokens)")
    _db_argument(listing)
    revoke = share_commands.add_parser("revoke", help="stop a link working, for good")
    _db_argument(revoke)
    revoke.add_argument("link_id", type=int, metavar="ID")
    share.set_defaults(handler=cmd_share)

    saving = commands.add_parser(
        "backup",
        help="copy the database and its raw files into a new folder, consistently, while the "
        "dashboard runs",
    )
    _db_argument(saving)
    saving.add_argument("path", metavar="PATH", help="a new folder for the backup")
    saving.set_defaults(handler=cmd_backup)

    restoring = commands.add_parser(
        "restore", help="put a backup back as the database (with --force over an existing one)"
    )
    _db_argument(restoring)
    restoring.add_argument("path", metavar="PATH", help="a folder made by sillage backup")
    restoring.add_argument(
        "--force",
        action="store_true",
        help="replace the existing database and everything loaded since the backup",
    )
    restoring.set_defaults(handler=cmd_restore)

    planning = commands.add_parser(
        "plan",
        help="answers per group a brand-lift study needs to see a lift target, and what a "
        "planned size can see",
    )
    planning.add_argument(
        "--base-rate", type=float, required=True, help="expected control rate, e.g. 0.30"
    )
    planning.add_argument(
        "--lift", type=float, required=True, help="the lift target in points as a share: 0.05"
    )
    planning.add_argument("--per-group", type=int, help="the planned answers per group")
    planning.add_argument("--confidence", type=float, default=0.90, help="default 0.90")
    planning.add_argument("--power", type=float, default=0.80, help="default 0.80")
    planning.set_defaults(handler=cmd_plan)

    scoring = commands.add_parser(
        "score",
        help="score the sentiment of every comment not scored yet and store it (progress on "
        "stderr); the pages then read the stored scores",
    )
    _db_argument(scoring)
    scoring.add_argument(
        "--method",
        choices=("auto", "model", "lexicon"),
        default="auto",
        help="auto: the model when it is installed, else the lexicon (default)",
    )
    scoring.set_defaults(handler=cmd_score)

    campaign = commands.add_parser(
        "campaign",
        help="a campaign's target audience (age bands, genders, countries), which creators' "
        "audiences are compared with; without options, print it",
    )
    _db_argument(campaign)
    campaign.add_argument("campaign", metavar="CAMPAIGN", help="campaign id or name")
    campaign.add_argument("--client", help="client name, to create the campaign or tell two apart")
    campaign.add_argument(
        "--target-audience",
        metavar="JSON",
        help='e.g. \'{"age": ["18-24", "25-34"], "gender": ["female"], "country": ["FR", "BE"]}\'; '
        "'' clears it",
    )
    campaign.set_defaults(handler=cmd_campaign)

    branding = commands.add_parser(
        "brand", help="the agency's name and logo on every PDF and slide report"
    )
    _db_argument(branding)
    branding.add_argument("--name", metavar="TEXT", help="the agency's name")
    branding.add_argument(
        "--logo", metavar="FILE", help="a PNG or JPEG logo of at most 1 MB (its bytes are stored)"
    )
    branding.add_argument("--no-logo", action="store_true", help="remove the stored logo")
    branding.set_defaults(handler=cmd_brand)

    password = commands.add_parser(
        "password", help="hash an admin password (read from the terminal or stdin)"
    )
    password.set_defaults(handler=cmd_password)

    serve = commands.add_parser("serve", help="start the dashboard")
    _db_argument(serve)
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument(
        "--address",
        default="localhost",
        help="interface to listen on; anything beyond localhost needs an admin password",
    )
    serve.add_argument("--headless", action="store_true", help="do not open a browser")
    serve.set_defaults(handler=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    import duckdb

    from store.db import DatabaseDamaged, DatabaseInUse, is_disk_full

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (DatabaseInUse, DatabaseDamaged) as error:
        # Another program holds the file past the wait, or the file is damaged: say so, never
        # a traceback.
        print(f"sillage {args.command}: {error}", file=sys.stderr)
        return 1
    except (duckdb.Error, OSError) as error:
        if (found := _store(args).damaged(error)) is not None:
            print(f"sillage {args.command}: {found}", file=sys.stderr)
        elif is_disk_full(error):
            print(f"sillage {args.command}: the disk is full; nothing was changed", file=sys.stderr)
        elif isinstance(error, OSError):
            print(f"sillage {args.command}: {error.strerror or error}", file=sys.stderr)
        else:
            print(f"sillage {args.command}: {_first_line(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
