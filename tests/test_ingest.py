"""Ingestion of DUO's raw files: the bundled figures, determinism, and no lost school or pupil."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionkit._errors import InputDataError
from regionkit._schema import (
    COUNT_COLUMNS,
    IDENTITY_COLUMNS,
    LEERWEG_TOTAL_COLUMNS,
    OTHER_TECHNIQUE_COLUMNS,
    PROFILE_NAMES,
    TECHNICAL_CELL_COLUMNS,
    TECHNICAL_PROFILES,
    cell_column,
)
from regionkit.ingest import IngestResult, RawFiles, find_raw_files, ingest_duo
from regionkit.schools import NL_BOUNDS_RD, bundled_data_dir, load_schools, write_schools

DATA = bundled_data_dir()
REFERENCE = DATA / "reference" / "vmbo_vestigingen_2019_geo.csv"


@pytest.fixture(scope="module")
def ingested() -> IngestResult:
    """The bundled raw files, ingested once for this module."""
    return ingest_duo()


# --- the bundled data --------------------------------------------------------------------------


def test_sanity_figures_of_the_bundled_table(schools: pd.DataFrame) -> None:
    vmbo = schools[schools["kind"] == "vmbo"]
    assert len(vmbo) == 925
    assert int(vmbo["has_technical_profile"].sum()) == 276
    assert int(schools["technical_lj3"].sum()) == 11_509
    assert int(schools["technical_lj4"].sum()) == 11_404
    # per profile (DUO 1 Oct 2019, lj3+4): BWI 6,492, PIE 9,798, MOT 3,002, MVI 3,081, MaT 540
    per_profile = {
        p: int(schools[[c for c in TECHNICAL_CELL_COLUMNS if c.startswith(p)]].to_numpy().sum())
        for p in TECHNICAL_PROFILES
    }
    assert per_profile == {"bwi": 6492, "pie": 9798, "mot": 3002, "mat": 540, "mvi": 3081}


def test_bundled_table_shape_and_kinds(schools: pd.DataFrame) -> None:
    assert list(schools.columns) == [*IDENTITY_COLUMNS, *COUNT_COLUMNS, "geometry"]
    assert schools["code"].is_unique and schools["code"].is_monotonic_increasing
    assert schools["code"].str.fullmatch(r"\d{2}[A-Z0-9]{2}\d{2}").all()
    assert (schools["brin"] + schools["branch"] == schools["code"]).all()
    pro = schools[schools["kind"] == "pro"]
    assert len(pro) == 150
    assert (pro["pro_pupils"] > 0).all()
    assert (pro[[*LEERWEG_TOTAL_COLUMNS, "technical_lj3", "technical_lj4"]] == 0).all().all()
    assert pro["leerwegen"].isna().all() and not pro["has_technical_profile"].any()
    vmbo = schools[schools["kind"] == "vmbo"]
    assert vmbo["leerwegen"].notna().all()
    assert int((vmbo["pro_pupils"] > 0).sum()) == 25  # vmbo vestigingen that also teach pro
    assert (vmbo["has_technical_profile"] == vmbo["profiles"].notna()).all()
    assert (schools["n_suppressed"] == 0).all()  # this DUO edition suppresses nothing


def test_profiles_and_leerwegen_follow_the_counts(schools: pd.DataFrame) -> None:
    for p in TECHNICAL_PROFILES:
        cells = [cell_column(p, lw, lj) for lw in ("bb", "kb", "gl") for lj in (3, 4)]
        has = schools[cells].sum(axis=1) > 0
        listed = schools["profiles"].fillna("").str.split(";").map(lambda ps, p=p: p.upper() in ps)
        assert (has == listed).all(), p
    order = ["BWI", "PIE", "MOT", "MAT", "MVI"]
    for value in schools["profiles"].dropna():
        names = value.split(";")
        assert names == sorted(names, key=order.index)
    for lw in ("bb", "kb", "gl", "tl"):
        has = schools[[f"{lw}_lj3", f"{lw}_lj4"]].sum(axis=1) > 0
        listed = (
            schools["leerwegen"].fillna("").str.split(";").map(lambda x, lw=lw: lw.upper() in x)
        )
        assert (has == listed).all(), lw


def test_every_school_has_a_point_in_the_netherlands(schools: pd.DataFrame) -> None:
    xmin, ymin, xmax, ymax = NL_BOUNDS_RD
    assert schools["x"].between(xmin, xmax).all() and schools["y"].between(ymin, ymax).all()
    assert set(schools["geo_precision"]) == {"address", "pc6", "pc4", "place"}
    vso = schools[schools["kind"] == "vso"]
    assert len(vso) == 511 and (vso["geo_precision"] == "address").all()
    vmbo = schools[schools["kind"] == "vmbo"]
    assert vmbo["geo_precision"].value_counts().to_dict() == {
        "address": 861,
        "pc6": 31,
        "pc4": 25,
        "place": 8,
    }
    assert schools.crs.to_epsg() == 28992
    assert np.allclose(schools.geometry.x, schools["x"]) and np.allclose(
        schools.geometry.y, schools["y"]
    )


def test_closed_schools_are_kept_without_divisions(schools: pd.DataFrame) -> None:
    closed = schools[~schools["in_address_file"]]
    assert closed["code"].tolist() == [
        "02FC00", "02FC04", "02FC07", "02XE00", "15KR13", "17HB03", "18CH10", "20DL11",
    ]  # fmt: skip
    assert closed["nodal_code"].isna().all() and closed["postcode"].isna().all()
    assert closed["name"].notna().all() and closed["province"].notna().all()
    assert (closed["geo_precision"] == "place").all()
    assert closed.loc[closed["code"] == "20DL11", "place"].item() == "ST.-ANNAPAROCHIE"


def test_cross_check_against_the_reference_table(schools: pd.DataFrame) -> None:
    ref = pd.read_csv(REFERENCE, dtype={"vestigingscode": str}).set_index("vestigingscode")
    ours = schools[schools["kind"] == "vmbo"].set_index("code")
    assert sorted(ours.index) == sorted(ref.index)
    ours = ours.loc[ref.index]
    for p in TECHNICAL_PROFILES:
        for lj in (3, 4):
            mine = ours[[cell_column(p, lw, lj) for lw in ("bb", "kb", "gl")]].sum(axis=1)
            assert (mine == ref[f"{p}_lj{lj}"]).all(), (p, lj)
    for col in LEERWEG_TOTAL_COLUMNS:
        assert (ours[col] == ref[col]).all(), col
    for lj in (3, 4):
        assert (ours[f"technical_lj{lj}"] == ref[f"tech_profiel_lj{lj}"]).all()
    assert (ours["has_technical_profile"] == ref["heeft_technisch_profiel"]).all()
    # the technique routes are not one of the five profiles
    route = ref["techniek_route_lj3"] + ref["techniek_route_lj4"] > 0
    assert route.sum() == 12
    both = (ref["bb_lj3"] + ref["kb_lj3"]) >= ref["techniek_route_lj3"]
    assert both.all()
    # locations: the same BAG point where both located the school on its address
    address = (ours["geo_precision"] == "address") & (ref["geo_precision"] == "address")
    assert address.sum() == 861
    dist = np.hypot(ours["x"] - ref["x_rd"], ours["y"] - ref["y_rd"])[address]
    assert dist.max() < 1.0
    # the reference's same-PC6 points came from BAG points of all school types; ours from VO
    # schools only: within 200 m where both say pc6; 2 schools without a VO school at their
    # PC6 fall back to their PC4 centroid (within ~1 km of the reference point)
    dist = np.hypot(ours["x"] - ref["x_rd"], ours["y"] - ref["y_rd"])
    pc6 = (ours["geo_precision"] == "pc6") & (ref["geo_precision"] == "pc6")
    assert pc6.sum() == 31 and dist[pc6].max() < 200
    fell_back = (ours["geo_precision"] == "pc4") & (ref["geo_precision"] == "pc6")
    assert sorted(ours.index[fell_back]) == ["00TQ00", "20IS04"]
    assert dist[fell_back].max() < 1500
    same = ours["geo_precision"].replace("place", "plaats") == ref["geo_precision"]
    assert (same | fell_back).all()
    # three closed schools stand at another vestiging of their BRIN in the same place, where the
    # reference took the place's centroid: a few km apart at most; the rest are the same point
    sibling = ours["geo_source"].str.contains("same BRIN and place").fillna(False)
    assert sorted(ours.index[sibling]) == ["15KR13", "17HB03", "18CH10"]
    assert dist[sibling].max() < 5_000
    assert dist[ours["geo_precision"].isin(["pc4", "place"]) & ~fell_back & ~sibling].max() < 1.0


def test_ingestion_reproduces_the_bundled_csv(ingested: IngestResult, tmp_path: Path) -> None:
    out = write_schools(ingested.schools, tmp_path / "schools.csv")
    assert out.read_bytes() == (DATA / "schools.csv").read_bytes()


def test_ingestion_result_totals_and_warnings(ingested: IngestResult) -> None:
    s = ingested.schools
    totals = ingested.input_totals
    assert totals["vmbo_lj3"] == int(
        s[[f"{lw}_lj3" for lw in ("bb", "kb", "gl", "tl")]].sum().sum()
    )
    assert totals["vmbo_lj4"] == int(
        s[[f"{lw}_lj4" for lw in ("bb", "kb", "gl", "tl")]].sum().sum()
    )
    assert totals["technical_lj3"] == 11_509 and totals["technical_lj4"] == 11_404
    assert totals["pro"] == int(s["pro_pupils"].sum()) == 29_315
    counts = ingested.warning_counts()
    assert counts["closed"] == 8
    assert counts["imprecise_location"] == int((s["geo_precision"] != "address").sum())
    frame = ingested.warnings_frame()
    assert list(frame.columns) == ["kind", "code", "message"]
    no_pupils = frame[frame["kind"] == "no_pupils"]
    assert not set(no_pupils["code"]) & set(s["code"])  # reported because not in the table
    json.dumps(ingested.to_dict())  # JSON-ready


def test_find_raw_files_by_header_not_name(tmp_path: Path) -> None:
    raw = DATA / "raw"
    renamed = {
        "duo_vo_vestigingen_2020.csv": "02.-alle-vestigingen-vo.csv",
        "duo_vo_leerlingen_per_vestiging_onderwijstype_2019.csv": "leerlingen-2019.csv",
        "nl_pc4_centroids.csv": "a.csv",
        "nl_plaats_centroids.csv": "b.csv",
    }
    for old, new in renamed.items():
        (tmp_path / new).write_bytes((raw / old).read_bytes())
    (tmp_path / "README.txt").write_text("not a table\n")
    files = find_raw_files(tmp_path)
    assert files.addresses.name == "02.-alle-vestigingen-vo.csv"
    assert files.counts.name == "leerlingen-2019.csv"
    assert files.pc4 is not None and files.pc4.name == "a.csv"
    assert files.places is not None and files.places.name == "b.csv"
    assert files.bag == ()


def test_missing_raw_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "pc4.csv").write_bytes((DATA / "raw" / "nl_pc4_centroids.csv").read_bytes())
    with pytest.raises(InputDataError) as err:
        find_raw_files(tmp_path, language="en")
    message = str(err.value)
    assert "no DUO address file" in message and "no DUO pupil-count file" in message
    with pytest.raises(InputDataError) as err:
        find_raw_files(tmp_path)  # Dutch, the default
    message = str(err.value)
    assert message.startswith("de ruwe bestanden zijn onvolledig of dubbelzinnig")
    assert "geen adressenbestand van DUO" in message and "geen telbestand van leerlingen" in message


# --- generated DUO-shaped files ----------------------------------------------------------------

ADDRESS_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "VESTIGINGSNUMMER", "VESTIGINGSNAAM",
    "STRAATNAAM", "HUISNUMMER-TOEVOEGING", "POSTCODE", "PLAATSNAAM", "GEMEENTENUMMER",
    "GEMEENTENAAM", "DENOMINATIE", "ONDERWIJSSTRUCTUUR", "NODAAL GEBIED CODE",
    "NODAAL GEBIED NAAM", "RMC-REGIO CODE", "RMC-REGIO NAAM", "COROPGEBIED CODE",
    "COROPGEBIED NAAM", "ONDERWIJSGEBIED CODE", "ONDERWIJSGEBIED NAAM",
]  # fmt: skip
YEARS = [f"LEER- OF VERBLIJFSJAAR {j} - {g}" for j in range(1, 7) for g in ("MAN", "VROUW")]
COUNT_HEADER = [
    "BRIN NUMMER", "VESTIGINGSNUMMER", "INSTELLINGSNAAM VESTIGING", "PLAATSNAAM VESTIGING",
    "PROVINCIE VESTIGING", "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR", "VMBO SECTOR",
    "AFDELING", "ELEMENTCODE", "OPLEIDINGSNAAM", *YEARS,
]  # fmt: skip
PLACES = {"Súdwest-Fryslân": (5.55, 53.0), "'s-Hertogenbosch": (5.30, 51.69), "Ede": (5.66, 52.04)}
AFDELINGEN = [
    *PROFILE_NAMES.values(),
    "Maritiem en Techniek",  # DUO's capitalisation
    "Zorg en welzijn",
    "Economie en ondernemen",
    "Vakmanschapsroute Techniek",
    "Beroepsroute Techniek",
    "N.v.t.",
]
TYPES = {
    "VMBO BL lj 3-4": "bb",
    "VMBO KL lj 3-4": "kb",
    "VMBO GL lj 3-4": "gl",
    "VMBO TL lj 3-4": "tl",
    "Praktijkonderwijs alle vj": "pro",
    "HAVO lj 4-5": None,
    "Brugjaar 1-2": None,
}
_PROFILE_OF = {name.casefold(): code for code, name in PROFILE_NAMES.items()}
#: DUO's VMBO SECTOR of each AFDELING (the technical profiles and routes are sector Techniek).
SECTOR_OF = {
    "Zorg en welzijn": "Zorg & Welzijn",
    "Economie en ondernemen": "Economie",
    "N.v.t.": "Techniek",  # a TL exam package of sector Techniek: not a technique programme
}
OTHER_TECHNIQUE = {"Vakmanschapsroute Techniek", "Beroepsroute Techniek"}


@dataclass
class Generated:
    """Small DUO-shaped raw files and what an ingestion must find in them."""

    files: RawFiles
    expected_codes: set[str]
    leerweg_totals: dict[str, int]  # e.g. "bb_lj3" -> pupils
    technical: dict[int, int]  # leerjaar -> pupils in the five profiles (BB/KB/GL)
    other_technique: dict[int, int]  # leerjaar -> pupils in the technique routes (any leerweg)
    pro: int
    suppressed: int


count_cell = st.one_of(st.integers(0, 40), st.just("<5"), st.just(0))
count_row = st.tuples(
    st.integers(0, 5),  # which vestiging
    st.sampled_from(sorted(TYPES)),
    st.sampled_from(AFDELINGEN),
    st.lists(count_cell, min_size=12, max_size=12),
)


@st.composite
def duo_files(draw: st.DrawFn) -> dict[str, object]:
    brins = draw(
        st.lists(
            st.tuples(st.integers(0, 99), st.sampled_from(["AB", "XY", "QZ", "1A"])),
            min_size=6,
            max_size=6,
            unique=True,
        )
    )
    codes = [f"{n:02d}{s}{i % 3:02d}" for i, (n, s) in enumerate(brins)]
    return {
        "codes": codes,
        "rows": draw(st.lists(count_row, min_size=1, max_size=25)),
        "in_address": draw(st.lists(st.booleans(), min_size=6, max_size=6)),
        "encoding": draw(st.sampled_from(["utf-8", "latin-1"])),
        "joined": draw(st.booleans()),
        "pad": draw(st.sampled_from(["", " ", "  "])),
        "short_branch": draw(st.booleans()),
        "with_bag": draw(st.booleans()),
    }


def _write_generated(spec: dict[str, object], folder: Path) -> Generated:
    codes: list[str] = spec["codes"]  # type: ignore[assignment]
    rows: list[tuple[int, str, str, list[object]]] = spec["rows"]  # type: ignore[assignment]
    enc: str = spec["encoding"]  # type: ignore[assignment]
    pad: str = spec["pad"]  # type: ignore[assignment]
    places = list(PLACES)
    place_of = {c: places[i % len(places)] for i, c in enumerate(codes)}
    postcode_of = {c: f"{1000 + i * 11} A{chr(65 + i)}" for i, c in enumerate(codes)}

    # count file
    lines = [";".join(COUNT_HEADER)]
    leerweg_totals = {c: 0 for c in LEERWEG_TOTAL_COLUMNS}
    technical = {3: 0, 4: 0}
    other_technique = {3: 0, 4: 0}
    pro = suppressed = 0
    pupils_of: dict[str, dict[str, int]] = {c: {"vmbo": 0, "pro": 0} for c in codes}
    for which, typ, afdeling, cells in rows:
        code = codes[which]
        kind = TYPES[typ]
        if kind == "pro" or kind is None:
            afdeling = "N.v.t."
        if kind is not None and kind != "pro":
            cells = [0, 0, 0, 0, *cells[4:8], 0, 0, 0, 0]  # DUO: lj3/4 only in these rows
        branch = (
            code if spec["joined"] else (str(int(code[4:])) if spec["short_branch"] else code[4:])
        )
        meta = [f"Sg Fryslân {code}", place_of[code].upper(), "Fryslân"]
        sector = SECTOR_OF.get(afdeling, "Techniek")
        fields = [code[:4], branch, *meta, typ, sector, afdeling, "0024", "opl"]
        fields += [str(v) for v in cells]
        lines.append(";".join(pad + f + pad for f in fields))
        values = [0 if v == "<5" else int(v) for v in cells]
        supp = [v == "<5" for v in cells]
        if kind == "pro":
            pro += sum(values)
            suppressed += sum(supp)
            pupils_of[code]["pro"] += sum(values) + sum(supp)
        elif kind is not None:
            for lj, cols in ((3, (4, 5)), (4, (6, 7))):
                n = sum(values[i] for i in cols)
                leerweg_totals[f"{kind}_lj{lj}"] += n
                if _PROFILE_OF.get(afdeling.casefold()) and kind != "tl":
                    technical[lj] += n
                if afdeling in OTHER_TECHNIQUE:
                    other_technique[lj] += n
            suppressed += sum(supp[4:8])
            pupils_of[code]["vmbo"] += sum(values[4:8]) + sum(supp[4:8])
    counts = folder / "counts.csv"
    counts.write_bytes(("\r\n".join(lines) + "\r\n").encode(enc))

    # address file
    lines = [";".join(ADDRESS_HEADER)]
    for code, present in zip(codes, spec["in_address"], strict=True):  # type: ignore[call-overload]
        if not present:
            continue
        fields = [
            "Friesland", "1", code[:4], code, f"Sg Fryslân {code}", "Straat", "1",
            postcode_of[code], place_of[code].upper(), "1900", "SÚDWEST-FRYSLÂN", "Openbaar",
            "VBO/MAVO", "01", "Sneek", "02", "Fryslân", "03", "ZW-Friesland", "04", "Friesland",
        ]  # fmt: skip
        lines.append(";".join(pad + f + pad for f in fields))
    addresses = folder / "addresses.csv"
    addresses.write_bytes(("\n".join(lines) + "\n").encode(enc))

    place_file = folder / "places.csv"
    place_file.write_text(
        "plaats,lat,lon\n" + "".join(f"{p},{lat},{lon}\n" for p, (lon, lat) in PLACES.items()),
        encoding="utf-8",
    )
    bag: tuple[Path, ...] = ()
    if spec["with_bag"]:
        features = [
            {
                "type": "Feature",
                "properties": {"vestigingscode": c, "postcode": postcode_of[c].replace(" ", "")},
                "geometry": {"type": "Point", "coordinates": [5.0 + i / 10, 52.0]},
            }
            for i, c in enumerate(codes[::2])
        ]
        path = folder / "bag.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        bag = (path,)
    expected = {c for c, p in pupils_of.items() if p["vmbo"] > 0 or p["pro"] > 0}
    return Generated(
        RawFiles(addresses=addresses, counts=counts, bag=bag, places=place_file),
        expected,
        leerweg_totals,
        technical,
        other_technique,
        pro,
        suppressed,
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=duo_files())
def test_ingestion_loses_no_vestiging_and_no_pupil(
    spec: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("duo")
    gen = _write_generated(spec, folder)
    # the folder itself works too (roles recognised from the headers)
    assert find_raw_files(folder).counts == gen.files.counts
    if not gen.expected_codes:
        with pytest.raises(InputDataError, match="no vestiging has vmbo pupils"):
            ingest_duo(gen.files)
        return
    result = ingest_duo(gen.files)
    s = result.schools
    assert set(s["code"]) == gen.expected_codes
    assert s["code"].is_unique and s["code"].is_monotonic_increasing
    for col, total in gen.leerweg_totals.items():
        assert int(s[col].sum()) == total, col
    assert int(s["technical_lj3"].sum()) == gen.technical[3]
    assert int(s["technical_lj4"].sum()) == gen.technical[4]
    assert int(s[list(TECHNICAL_CELL_COLUMNS)].to_numpy().sum()) == sum(gen.technical.values())
    for lj in (3, 4):
        other = [c for c in OTHER_TECHNIQUE_COLUMNS if c.endswith(str(lj))]
        assert int(s[other].to_numpy().sum()) == gen.other_technique[lj]
        assert result.input_totals[f"other_technique_lj{lj}"] == gen.other_technique[lj]
    assert int(s["pro_pupils"].sum()) == gen.pro
    assert int(s["n_suppressed"].sum()) == gen.suppressed == result.input_totals["suppressed_cells"]
    assert (s["suppressed_columns"].notna() == (s["n_suppressed"] > 0)).all()
    assert s[["x", "y"]].notna().all().all()
    in_address = {c for c, p in zip(spec["codes"], spec["in_address"], strict=True) if p}  # type: ignore[call-overload]
    assert set(s.loc[s["in_address_file"], "code"]) == gen.expected_codes & in_address
    closed = {w.code for w in result.warnings if w.kind == "closed"}
    assert closed == gen.expected_codes - in_address
    assert s["name"].str.contains("Fryslân").all()  # decoded, latin-1 or UTF-8
    # write-then-read gives the same table
    path = write_schools(s, folder / "out.csv")
    assert load_schools(path).equals(s)


def test_suppressed_counts_are_zero_and_recorded(tmp_path: Path) -> None:
    """One vestiging, one BB row of PIE with "<5" in lj3 (men) and 7 in lj4 (women)."""
    spec = {
        "codes": ["02QZ00", "03AB01", "04XY02", "05QZ00", "06AB01", "07XY02"],
        "rows": [
            (0, "VMBO BL lj 3-4", "Produceren, installeren en energie",
             [0] * 4 + ["<5", 0, 0, 7] + [0] * 4),
        ],
        "in_address": [True] * 6,
        "encoding": "latin-1",
        "joined": False,
        "pad": " ",
        "short_branch": True,
        "with_bag": False,
    }  # fmt: skip
    gen = _write_generated(spec, tmp_path)
    s = ingest_duo(gen.files).schools
    row = s.set_index("code").loc["02QZ00"]
    assert row["pie_bb_lj3"] == 0 and row["pie_bb_lj4"] == 7 and row["n_suppressed"] == 1
    assert row["suppressed_columns"] == "pie_bb_lj3;bb_lj3;technical_lj3"
    assert row["profiles"] == "PIE" and row["leerwegen"] == "BB"
    assert row["geo_precision"] == "place"


def test_a_vestiging_with_only_a_technique_route_has_no_technical_profile(tmp_path: Path) -> None:
    spec = {
        "codes": ["02QZ00", "03AB01", "04XY02", "05QZ00", "06AB01", "07XY02"],
        "rows": [
            (0, "VMBO KL lj 3-4", "Vakmanschapsroute Techniek", [0] * 4 + [10, 2, 9, 1] + [0] * 4),
            (1, "Praktijkonderwijs alle vj", "N.v.t.", [5] * 12),
            (1, "VMBO GL lj 3-4", "Maritiem en Techniek", [0] * 4 + [3, 0, 0, 0] + [0] * 4),
        ],
        "in_address": [True] * 6,
        "encoding": "utf-8",
        "joined": True,
        "pad": "",
        "short_branch": False,
        "with_bag": True,
    }  # fmt: skip
    gen = _write_generated(spec, tmp_path)
    s = ingest_duo(gen.files).schools.set_index("code")
    assert s.loc["02QZ00", "kb_lj3"] == 12 and s.loc["02QZ00", "technical_lj3"] == 0
    assert not s.loc["02QZ00", "has_technical_profile"] and pd.isna(s.loc["02QZ00", "profiles"])
    # but it teaches technique: the route's pupils, and its name
    assert s.loc["02QZ00", "other_technique_kb_lj3"] == 12
    assert s.loc["02QZ00", "technique_programmes"] == "Vakmanschapsroute Techniek"
    assert pd.isna(s.loc["03AB01", "technique_programmes"])
    # vmbo pupils and pro pupils: kind vmbo, pro_pupils filled
    assert s.loc["03AB01", "kind"] == "vmbo" and s.loc["03AB01", "pro_pupils"] == 60
    assert s.loc["03AB01", "mat_gl_lj3"] == 3 and s.loc["03AB01", "profiles"] == "MAT"
    assert s.loc["02QZ00", "geo_precision"] == "address"  # its BAG point, same PC6
    assert s.loc["03AB01", "geo_precision"] == "place"


def test_malformed_codes_and_counts_are_listed(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    lines = [";".join(COUNT_HEADER)]
    good = ["VMBO BL lj 3-4", "Techniek", "Bouwen, wonen en interieur", "1", "x"]
    lines.append(";".join(["2QZ", "01", "n", "EDE", "Gelderland", *good, *["0"] * 12]))
    lines.append(
        ";".join(["02QZ", "01", "n", "EDE", "Gelderland", *good, *["0"] * 4, "veel", *["0"] * 7])
    )
    lines.append(
        ";".join(["02QZ", "02", "n", "EDE", "Gelderland", *good, *["0"] * 5, "-3", *["0"] * 6])
    )
    counts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    addresses = tmp_path / "addresses.csv"
    addresses.write_text(";".join(ADDRESS_HEADER) + "\n", encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        ingest_duo(RawFiles(addresses=addresses, counts=counts))
    message = str(err.value)
    assert "counts.csv, row 2" in message and "malformed vestiging code" in message
    assert "'2QZ 01'" in message
    assert "row 3, column 'LEER- OF VERBLIJFSJAAR 3 - MAN'" in message and "'veel'" in message
    assert "row 4, column 'LEER- OF VERBLIJFSJAAR 3 - VROUW'" in message and "'-3'" in message


# --- the command line --------------------------------------------------------------------------


def test_cli_ingest_writes_the_table_and_the_warnings(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    out, warnings = tmp_path / "schools.csv", tmp_path / "warnings.csv"
    result = CliRunner().invoke(
        cli, ["ingest", str(DATA / "raw"), "--out", str(out), "--warnings", str(warnings)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote 1,586 schools (925 vmbo, 511 vso, 150 pro) to {out}" in result.output
    assert "8 closed" in result.output
    assert out.read_bytes() == (DATA / "schools.csv").read_bytes()
    frame = pd.read_csv(warnings)
    assert (frame["kind"] == "closed").sum() == 8


def test_cli_ingest_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    (tmp_path / "pc4.csv").write_bytes((DATA / "raw" / "nl_pc4_centroids.csv").read_bytes())
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)  # no traceback
    assert "geen adressenbestand van DUO" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o.csv").exists()


def test_duo_original_format_gives_the_same_table(tmp_path: Path) -> None:
    """The shipped raw files as DUO publishes them: latin-1, CRLF, padded fields, codes joined
    in the count file and split in the address file, some provinces left blank (filled from the
    gemeente table)."""
    raw = DATA / "raw"

    def rewrite(name: str, edit: Callable[[list[str], list[str]], list[str]]) -> Path:
        with (raw / name).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        header = rows[0]
        out = [header] + [[f" {f} " if f else f for f in edit(header, r)] for r in rows[1:]]
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(out)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode("latin-1"))
        return path

    def join_code(header: list[str], r: list[str]) -> list[str]:
        i, j = header.index("BRIN NUMMER"), header.index("VESTIGINGSNUMMER")
        return [*r[:j], r[i] + r[j], *r[j + 1 :]]

    def split_code(header: list[str], r: list[str]) -> list[str]:
        j, p, g = (header.index(c) for c in ("VESTIGINGSNUMMER", "PROVINCIE", "GEMEENTENUMMER"))
        r = [*r[:j], str(int(r[j][4:])), *r[j + 1 :]]
        if r[g] in {"0014", "0363", "0599"}:  # Groningen, Amsterdam, Rotterdam
            r[p] = ""
        return r

    counts = rewrite("duo_vo_leerlingen_per_vestiging_onderwijstype_2019.csv", join_code)
    addresses = rewrite("duo_vo_vestigingen_2020.csv", split_code)
    assert b"\xe2" in addresses.read_bytes()  # a latin-1 byte (Damw\xe2ld, Fryslân ...)
    files = RawFiles(
        addresses=addresses,
        counts=counts,
        bag=tuple(raw / f"vo_vestigingen_bag_geocoded_{year}.geojson" for year in (2022, 2024)),
        pc4=raw / "nl_pc4_centroids.csv",
        places=raw / "nl_plaats_centroids.csv",
        gemeenten=raw / "nl_gemeente_provincie_2021.csv",
        vso=raw / "vso_vestigingen_bag_geocoded_2024.geojson",
    )
    result = ingest_duo(files)
    out = write_schools(result.schools, tmp_path / "schools.csv")
    assert out.read_bytes() == (DATA / "schools.csv").read_bytes()
    filled = [w for w in result.warnings if w.kind == "province"]
    vo = result.schools[result.schools["kind"] != "vso"]  # vso rows bring their own province
    assert len(filled) == int(vo["gemeente_code"].isin(["0014", "0363", "0599"]).sum())


# --- vso vestigingen ---------------------------------------------------------------------------


def test_vso_vestigingen_join_as_eligible_schools_without_counts(
    ingested: IngestResult, schools: pd.DataFrame
) -> None:
    """The (v)so point file is recognised by its types; every vestiging once, with divisions."""
    assert ingested.files.vso is not None
    assert ingested.files.vso.name == "vso_vestigingen_bag_geocoded_2024.geojson"
    vso = schools[schools["kind"] == "vso"].set_index("code")
    assert len(vso) == 511  # 516 points: 3 addresses with several BAG matches
    assert (vso[list(COUNT_COLUMNS)] == 0).all().all()
    assert not vso["has_technical_profile"].any() and vso["profiles"].isna().all()
    assert set(vso["structure"]) == {"(V)SO", "VSO"}
    assert vso["nodal_code"].notna().all() and vso["gemeente_code"].notna().all()
    assert (vso["place"] == vso["place"].str.upper()).all()  # as DUO writes places
    # a gemeente with vo schools gives its divisions; Leiderdorp's vso (4 BAG points) is one row
    assert vso.loc["00NT02", "gemeente"] == "LEIDERDORP"
    duplicates = {w.code for w in ingested.warnings if w.kind == "duplicate_points"}
    assert duplicates == {"00NT02", "00OS00", "20WR11"}
    by_neighbour = [w for w in ingested.warnings if w.kind == "vso_divisions"]
    assert len(by_neighbour) == 17
    assert vso.loc[[w.code for w in by_neighbour], "nodal_code"].notna().all()


# --- other data years --------------------------------------------------------------------------


def test_find_raw_files_chooses_the_count_file_by_year() -> None:
    assert find_raw_files().year == 2019  # the latest of the two bundled count files
    files = find_raw_files(year=2017)
    assert files.year == 2017 and files.counts.name.endswith("_2017.csv")
    with pytest.raises(InputDataError) as err:
        find_raw_files(year=2016, language="en")
    text = str(err.value)
    assert "no pupil-count file of 2016" in text and "_2017.csv (2017)" in text
    assert "--year" in text
    with pytest.raises(InputDataError) as err:
        find_raw_files(year=2016)  # Dutch, the default
    text = str(err.value)
    assert "geen telbestand van leerlingen van 2016" in text and "_2017.csv (2017)" in text
    assert "kies het jaar met --year" in text


@pytest.fixture(scope="module")
def ingested_2017() -> IngestResult:
    """DUO's count of 1 October 2017 with the 2020 address file and the BAG points."""
    return ingest_duo(year=2017)


def test_2017_ingestion_locates_every_vestiging(ingested_2017: IngestResult) -> None:
    """The older layout (LWOO INDICATIE column), province suffixes on place names and schools
    closed before the 2020 address file: every vestiging with pupils is in the table."""
    r = ingested_2017
    s = r.schools.set_index("code")
    counts = pd.read_csv(r.files.counts, sep=";", dtype=str, encoding="latin-1")
    assert "LWOO INDICATIE" in counts.columns
    typ = counts["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"]
    vmbo_rows = counts[typ.str.match(r"VMBO .* lj 3-4")].copy()
    years = [c for c in counts.columns if "JAAR 3" in c or "JAAR 4" in c]
    pupils = vmbo_rows[years].astype(int).sum(axis=1)
    codes = vmbo_rows["BRIN NUMMER"] + vmbo_rows["VESTIGINGSNUMMER"].str.zfill(2)
    with_pupils = set(codes[pupils > 0])
    not_located = {w.code for w in r.warnings if w.kind == "not_located"}
    assert with_pupils <= set(s.index) | not_located
    assert not not_located  # all located on the bundled files
    assert (s["kind"] == "vmbo").sum() == 935 and int(s["has_technical_profile"].sum()) == 267
    assert (int(s["technical_lj3"].sum()), int(s["technical_lj4"].sum())) == (12_184, 9_940)
    # "HENGELO OV" (closed): at another vestiging of its BRIN in Hengelo; "RIJSWIJK ZH": Rijswijk
    for code in ("19HG08", "19HG09"):
        assert s.loc[code, "geo_source"] == "at 19HG06, same BRIN and place"
        assert s.loc[code, "place"] == "HENGELO OV"
    rijswijk = s.loc["02DZ06"]
    assert rijswijk["geo_precision"] == "place" and not rijswijk["in_address_file"]
    assert abs(rijswijk["x"] - 82_021) < 5_000 and abs(rijswijk["y"] - 450_389) < 5_000
    # the old afdelingen: sector-Techniek pupils outside the five profiles
    assert r.input_totals["other_technique_lj4"] > 2_700
    assert s["technique_programmes"].str.contains("Techniek Breed -ISP").fillna(False).any()
    assert r.warning_counts()["closed"] == 41


def test_2017_ingestion_reproduces_the_bundled_csv(
    ingested_2017: IngestResult, tmp_path: Path
) -> None:
    out = write_schools(ingested_2017.schools, tmp_path / "schools_2017.csv")
    assert out.read_bytes() == (DATA / "schools_2017.csv").read_bytes()


def test_a_vestiging_that_cannot_be_located_is_a_warning(tmp_path: Path) -> None:
    """A closed school whose place no table knows and whose BRIN has no other vestiging: named in
    a warning (with the file its place came from) and left out; the rest of the table is built."""
    raw = DATA / "raw"
    counts = tmp_path / "leerlingen-2017-2018.csv"
    text = (raw / "duo_vo_leerlingen_per_vestiging_onderwijstype_2017.csv").read_text("latin-1")
    lines = text.splitlines(keepends=True)
    moved = [
        line.replace("19HG;08;", "99ZZ;08;").replace("HENGELO OV", "NERGENSDORP OV")
        for line in lines
        if line.startswith("19HG;08;")
    ]
    assert moved
    counts.write_text("".join(lines + moved), encoding="latin-1")
    files = RawFiles(
        addresses=raw / "duo_vo_vestigingen_2020.csv",
        counts=counts,
        bag=(raw / "vo_vestigingen_bag_geocoded_2022.geojson",),
        pc4=raw / "nl_pc4_centroids.csv",
        places=raw / "nl_plaats_centroids.csv",
    )
    result = ingest_duo(files)
    assert "99ZZ08" not in set(result.schools["code"])
    assert "19HG08" in set(result.schools["code"])
    (warning,) = [w for w in result.warnings if w.kind == "not_located"]
    assert warning.code == "99ZZ08"
    assert "NERGENSDORP OV" in warning.message and counts.name in warning.message
    assert len(result.schools) == len(ingest_duo(year=2017).schools) - 511  # no vso file here
