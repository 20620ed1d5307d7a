"""Column names of regionkit's schools table: the contract between the pipeline steps.

The schools table is a GeoDataFrame in EPSG:28992 (RD New, metres), one row
per school (vmbo/vso/pro *vestiging*), sorted by ``code``. Count columns are
integers; a count DUO suppressed as ``"<5"`` is counted as 0 there and recorded
in ``n_suppressed`` / ``suppressed_columns`` (see ``data/SOURCES.md``).
"""

from __future__ import annotations

__all__ = [
    "COUNTED_KINDS",
    "COUNT_COLUMNS",
    "CRS",
    "CRS_WGS84",
    "DIVISIONS",
    "IDENTITY_COLUMNS",
    "KINDS",
    "LEERWEGEN",
    "LEERWEG_TOTAL_COLUMNS",
    "OTHER_TECHNIQUE_COLUMNS",
    "PROFILE_NAMES",
    "TECHNICAL_CELL_COLUMNS",
    "TECHNICAL_PROFILES",
    "cell_column",
]

#: Projected CRS every computation uses (metres).
CRS = "EPSG:28992"
#: Geographic CRS used only at the edges (maps, GeoJSON).
CRS_WGS84 = "EPSG:4326"

#: The five technical profiles, by short code, with DUO's name (AFDELING) of each.
PROFILE_NAMES: dict[str, str] = {
    "bwi": "Bouwen, wonen en interieur",
    "pie": "Produceren, installeren en energie",
    "mot": "Mobiliteit en transport",
    "mat": "Maritiem en techniek",
    "mvi": "Media, vormgeving en ICT",
}
TECHNICAL_PROFILES: tuple[str, ...] = tuple(PROFILE_NAMES)

#: Leerwegen whose technical-profile pupils count for money.
LEERWEGEN: tuple[str, ...] = ("bb", "kb", "gl")

#: The kinds of school in the table.
KINDS: tuple[str, ...] = ("vmbo", "vso", "pro")

#: Kinds whose pupils count for money (docs/DOMAIN.md, "Who takes part": never pro).
COUNTED_KINDS: tuple[str, ...] = ("vmbo", "vso")


def cell_column(profile: str, leerweg: str, leerjaar: int) -> str:
    """Name of the count column for one profile x leerweg x leerjaar.

    Examples
    --------
    >>> cell_column("pie", "kb", 3)
    'pie_kb_lj3'
    """
    return f"{profile}_{leerweg}_lj{leerjaar}"


#: Pupils per technical profile x leerweg (BB/KB/GL) x leerjaar (3/4): 30 columns.
TECHNICAL_CELL_COLUMNS: tuple[str, ...] = tuple(
    cell_column(p, lw, lj) for p in TECHNICAL_PROFILES for lw in LEERWEGEN for lj in (3, 4)
)

#: All pupils per leerweg and leerjaar (every profile, LWOO included): the techniekarm denominator.
LEERWEG_TOTAL_COLUMNS: tuple[str, ...] = tuple(
    f"{lw}_lj{lj}" for lw in ("bb", "kb", "gl", "tl") for lj in (3, 4)
)

#: Pupils per leerweg (BB/KB/GL/TL) and leerjaar (3/4) in a sector-Techniek programme outside the
#: five profiles (Vakmanschapsroute Techniek, Beroepsroute Techniek, and in older years the old
#: afdelingen such as Bouwtechniek or Techniek Breed): technique taught outside the profiles.
OTHER_TECHNIQUE_COLUMNS: tuple[str, ...] = tuple(
    f"other_technique_{lw}_lj{lj}" for lw in ("bb", "kb", "gl", "tl") for lj in (3, 4)
)

#: Every integer count column of the table.
COUNT_COLUMNS: tuple[str, ...] = (
    *TECHNICAL_CELL_COLUMNS,
    *LEERWEG_TOTAL_COLUMNS,
    *OTHER_TECHNIQUE_COLUMNS,
    "technical_lj3",
    "technical_lj4",
    "pro_pupils",
    "n_suppressed",
)

#: Official divisions DUO gives per vestiging: key -> (code column, name column).
DIVISIONS: dict[str, tuple[str, str]] = {
    "nodal": ("nodal_code", "nodal_name"),
    "rmc": ("rmc_code", "rmc_name"),
    "corop": ("corop_code", "corop_name"),
    "education_area": ("education_area_code", "education_area_name"),
}

#: Identity, address, divisions and location columns, in table order.
IDENTITY_COLUMNS: tuple[str, ...] = (
    "code",  # 6 characters: BRIN (4) + branch number (2)
    "brin",
    "branch",  # 2 digits
    "name",
    "street",
    "house_number",
    "postcode",  # "1234 AB"
    "place",
    "gemeente_code",  # DUO GEMEENTENUMMER, 4 digits as text
    "gemeente",
    "province",
    "kind",  # vmbo / vso / pro
    "structure",  # DUO ONDERWIJSSTRUCTUUR, e.g. "VBO/MAVO"
    "denomination",
    "board",  # DUO BEVOEGD GEZAG NUMMER: the school board (bevoegd gezag), as text
    "leerwegen",  # leerwegen with pupils in lj3/4, e.g. "BB;KB;GL;TL"
    "profiles",  # technical profiles with pupils in lj3/4, e.g. "BWI;PIE"
    "technique_programmes",  # sector-Techniek programmes outside the profiles, ";"-joined
    "in_address_file",  # False: absent from the address file of its kind (closed)
    "nodal_code",
    "nodal_name",
    "rmc_code",
    "rmc_name",
    "corop_code",
    "corop_name",
    "education_area_code",
    "education_area_name",
    "has_technical_profile",
    "x",  # EPSG:28992 metres
    "y",
    "lon",  # EPSG:4326, for convenience at the edges
    "lat",
    "geo_precision",  # address / pc6 / pc4 / place
    "geo_source",
    "suppressed_columns",  # count columns that contain a suppressed "<5", ";"-joined
)
