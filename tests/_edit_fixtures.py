"""Proposal files on the bundled data for the editing tests (real schools, real regions)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Nodal areas in the east of the country: a region of proposals the tests edit.
EAST = (
    "Almelo",
    "Deventer",
    "Enschede",
    "Hardenberg/Gramsbergen",
    "Hoogeveen",
    "Meppel",
    "Steenwijk",
    "Zwolle",
)


def east_proposal(schools: pd.DataFrame, path: Path) -> Path:
    """A proposal file as regions hand them in: eight nodal areas with partners and flaws.

    Every school of the eight areas but a few (which are then in no region), an
    mbo institution and a company per region, one school listed in two regions,
    one code that is not in the table, semicolons and Dutch column names.
    """
    table = schools[["code", "name", "place", "nodal_name", "kind", "has_technical_profile"]]
    table = table[table["nodal_name"].isin(EAST)].sort_values(["nodal_name", "code"])
    eligible = table[(table["kind"] == "vmbo") & table["has_technical_profile"].astype(bool)]
    left_out = set(eligible.groupby("nodal_name")["code"].first().iloc[:3])
    rows = [
        (r.nodal_name, r.code, "school", r.name, r.place)
        for r in table.itertuples(index=False)
        if r.code not in left_out
    ]
    twice = next(r for r in rows if r[0] == "Enschede")
    rows.append(("Almelo", twice[1], "school", twice[3], twice[4]))
    rows.append(("Zwolle", "99ZZ00", "school", "Vakcollege Nergenshuizen", "ZWOLLE"))
    for region in EAST:
        rows.append((region, "", "mbo", f"ROC {region}", ""))
        rows.append((region, "", "bedrijf", f"Metaalunie {region}", ""))
    lines = ["regio;vestigingscode;rol;naam;plaats"]
    lines += [";".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def small_pair_proposal(schools: pd.DataFrame, path: Path) -> tuple[Path, str, str]:
    """The nodal areas, with one of them split into two halves, each under the rules' floor.

    Neither half is a techniekarm region large enough on its own pupils (rule 3's
    definition for those: :func:`regionkit.wholes.techniekarm_floor`).
    Returns the file and the names of the two halves.
    """
    from regionkit.config import load_config
    from regionkit.funding import techniekarm_parts
    from regionkit.schools import counted_pupils
    from regionkit.wholes import techniekarm_floor

    config = load_config()
    floor = config.rules.min_counted_pupils
    table = schools[["code", "nodal_name", "x", "y"]].copy()
    table["counted"] = counted_pupils(schools)["weighted"].to_numpy()
    num, den, is_karm = techniekarm_parts(schools, config.funding)
    table["num"], table["den"] = num, den
    table = table.dropna(subset=["nodal_name"])
    totals = table.groupby("nodal_name")["counted"].sum()

    def small(half: pd.DataFrame) -> bool:
        pupils = float(half["den"].sum())
        karm = is_karm(float(half["num"].sum()), pupils)
        return 0 < half["counted"].sum() < floor and not (
            karm and pupils >= techniekarm_floor(config)
        )

    found = None
    for name in sorted(totals.index, key=lambda n: totals[n]):
        if not 1.1 * floor <= totals[name] <= 1.9 * floor:
            continue
        for axis, words in (("x", ("West", "Oost")), ("y", ("Zuid", "Noord"))):
            part = table[table["nodal_name"] == name].sort_values([axis, "code"])
            cumulative = part["counted"].cumsum()
            west = part[cumulative <= totals[name] / 2 + 1e-9]
            east = part[~part["code"].isin(west["code"])]
            if small(west) and small(east):
                found = name, words
                break
        if found:
            break
    else:  # pragma: no cover - the bundled data has such an area
        raise AssertionError("no nodal area splits into two small halves")
    name, (first, second) = found
    a, b = f"{name} {first}", f"{name} {second}"
    region = table.set_index("code")["nodal_name"].copy()
    region[west["code"]] = a
    region[east["code"]] = b
    frame = pd.DataFrame({"region": region.to_numpy(), "code": region.index})
    frame.to_csv(path, index=False)
    return path, a, b
