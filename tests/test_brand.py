"""The agency's name and logo, set once with ``sillage brand`` and kept in the database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from cli import main
from store.db import connect
from store.settings import (
    MAX_LOGO_BYTES,
    Brand,
    BrandError,
    check_logo,
    get_brand,
    set_brand,
)


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (240, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 111, 139)).save(buffer, format=kind)
    return buffer.getvalue()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_brand_round_trip_stores_the_name_and_the_logo_bytes(tmp_path: Path, db_path, capsys):
    logo = tmp_path / "agence-lumière.png"
    logo.write_bytes(image_bytes())
    status, out, err = run(
        capsys, "brand", "--db", str(db_path), "--logo", str(logo), "--name", " Agence  Lumière "
    )
    assert status == 0, err
    shown = json.loads(out)
    assert shown["name"] == "Agence Lumière"
    assert shown["logo"] == {
        "format": "png",
        "bytes": len(logo.read_bytes()),
        "width": 240,
        "height": 80,
    }
    logo.unlink()  # the bytes are stored, not the path
    with connect(db_path) as connection:
        brand = get_brand(connection)
        stored = connection.execute("SELECT text_value FROM agency_settings").fetchall()
    assert brand.name == "Agence Lumière"
    assert brand.logo is not None and brand.logo.data == image_bytes()
    assert all("agence-lumière" not in (value or "") for (value,) in stored)

    # Without options it prints what is stored; --name alone keeps the logo.
    status, out, _ = run(capsys, "brand", "--db", str(db_path), "--name", "Lumière & Co")
    assert status == 0
    assert json.loads(out)["name"] == "Lumière & Co"
    assert json.loads(out)["logo"]["width"] == 240
    status, out, _ = run(capsys, "brand", "--db", str(db_path), "--no-logo")
    assert json.loads(out) == {"name": "Lumière & Co", "logo": None}


def test_a_jpeg_logo_is_accepted_with_its_size(db_path):
    with connect(db_path) as connection:
        brand = set_brand(connection, logo=image_bytes("JPEG", (300, 120)), logo_name="logo.jpg")
    assert brand.logo is not None
    assert (brand.logo.kind, brand.logo.width, brand.logo.height) == ("jpeg", 300, 120)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a" + b"\0" * 100, "not a PNG or JPEG image"),
        (b"", "the file is empty"),
        (image_bytes(size=(4000, 8)), "4000 × 8 pixels"),
        (image_bytes(size=(6000, 100)), "6000 × 100 pixels"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "damaged"),
    ],
)
def test_a_refused_logo_names_the_file_and_changes_nothing(
    tmp_path: Path, db_path, capsys, content: bytes, words: str
):
    run(capsys, "brand", "--db", str(db_path), "--name", "Agence Lumière")
    bad = tmp_path / "mauvais-logo.gif"
    bad.write_bytes(content)
    status, out, err = run(
        capsys, "brand", "--db", str(db_path), "--logo", str(bad), "--name", "Autre nom"
    )
    assert status == 1
    assert out == ""
    assert "mauvais-logo.gif" in err and words in err and "nothing was changed" in err
    with connect(db_path) as connection:
        assert get_brand(connection) == Brand("Agence Lumière", None)


def test_a_logo_over_one_megabyte_is_refused(tmp_path: Path):
    big = image_bytes() + b"\0" * MAX_LOGO_BYTES
    with pytest.raises(BrandError, match=r"huge\.png: the logo is 1\.0 MB; a logo must be at most"):
        check_logo(big, "huge.png")


def test_a_missing_logo_file_is_named(tmp_path: Path, db_path, capsys):
    status, _, err = run(
        capsys, "brand", "--db", str(db_path), "--logo", str(tmp_path / "absent.png")
    )
    assert status == 1
    assert "absent.png" in err


def test_an_empty_name_is_refused(db_path, capsys):
    status, _, err = run(capsys, "brand", "--db", str(db_path), "--name", "   ")
    assert status == 1
    assert "the agency name is empty" in err


def test_no_brand_reads_as_empty(db_path):
    with connect(db_path) as connection:
        assert get_brand(connection) == Brand()


def settings_page(db: Path, **params: str):
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/settings.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_settings_page_saves_the_agency_name_and_shows_the_logo(demo: Path):
    at = settings_page(demo)
    assert at.title[0].value == "Settings"
    at.text_input[0].set_value("Agence Lumière")
    at.button[0].click()  # the form's "Save"
    at.run()
    assert not at.exception
    assert "reports now carry this name and logo" in at.success[0].value
    with connect(demo) as connection:
        assert get_brand(connection).name == "Agence Lumière"
        set_brand(connection, logo=image_bytes(), logo_name="logo.png")
    at = settings_page(demo, lang="fr")
    assert at.title[0].value == "Réglages"
    assert at.text_input[0].value == "Agence Lumière"
    assert any(b.label == "Retirer le logo" for b in at.button)
    at.text_input[0].set_value("   ")
    at.button[0].click()
    at.run()
    assert at.error[0].value == "Le nom de l'agence est vide."
    with connect(demo) as connection:
        assert get_brand(connection).name == "Agence Lumière"
