"""English texts: key -> text with named placeholders (the keys of :mod:`.nl`)."""

MESSAGES: dict[str, str] = {
    # --- shared words ---------------------------------------------------------------------------
    "common.and": "{head} and {last}",
    "common.or": "{head} or {last}",
    "common.yes": "yes",
    "common.no": "no",
    # --- rules: findings (regionkit.rules) ------------------------------------------------------
    "rules.name.overlap": "in several regions",
    "rules.name.unknown_school": "unknown school",
    "rules.name.left_out": "eligible school in no region",
    "rules.name.too_small": "small region",
    "rules.name.part_of_larger_whole": "part of a larger whole",
    "rules.name.close_schools_split": "close schools split",
    "rules.name.not_one_area": "not one area",
    "rules.name.composition": "composition",
    "rules.name.techniekarm": "techniekarm",
    "rules.overlap": (
        "School {school} is in {n} regions: {regions}. A vmbo or vso school may be in one region "
        "only (mbo institutions and companies may be in several). Fix: choose one region and "
        "remove the school from the others."
    ),
    "rules.overlap.pro": (
        "Praktijkonderwijs school {school} is in {n} regions: {regions}. In this analysis a pro "
        "school too may be in one region only (a setting, overlap_pro; the programme names vmbo "
        "and vso schools). Fix: choose one region and remove the school from the others."
    ),
    "rules.unknown_school": "Code {code}{called} ({where}) is not in the schools table. Fix: {fix}",
    "rules.unknown_school.called": " \u00ab{name}\u00bb",
    "rules.unknown_school.where.one": "region {regions}",
    "rules.unknown_school.where.many": "regions {regions}",
    "rules.unknown_school.rows": ", row {rows}",
    "rules.unknown_school.fix": "check the code; did you mean {candidates}?",
    "rules.unknown_school.fix_none": "check the code; no school has a similar name or code.",
    "rules.left_out": (
        "School {school} has a technical profile ({profiles}; {counted} counted pupils) but is in "
        "no region. The programme requires that every school in the area with a technical "
        "profile can take part. Fix: {fix}{closed}"
    ),
    "rules.left_out.other_technique": (
        "School {school} has no technical profile but demonstrably teaches technique: "
        "{pupils} pupils in leerjaar 3 and 4 in {programmes}. It is in no region, while the "
        "programme requires that such a school in the area can take part. Fix: {fix}{closed}"
    ),
    "rules.left_out.vso": (
        "vso school {school} is in no region. A vso school with a technical profile must be able "
        "to take part; whether this school has one cannot be seen in DUO's open data. Fix: find "
        "out whether the school teaches technique, and if so {fix}{closed}"
    ),
    "rules.left_out.fix": "add the school to region {region}{how}.",
    "rules.left_out.fix_none": "add the school to a region.",
    "rules.left_out.how_neighbours": ", where {n} of the {k} schools around it belong",
    "rules.left_out.how_nearest": ", whose nearest school is {distance} away",
    "rules.left_out.closed": (
        " Note: the school is no longer in DUO's address file (possibly closed)."
    ),
    "rules.too_small": (
        "Region {region} has {counted} counted pupils (technical profiles, leerjaar 3 and 4, a GL "
        "pupil counts {weight}); the floor in this analysis is {floor} (a setting). The programme "
        "asks for regions large enough to make good trade-offs, without a number. Fix: {fix}"
    ),
    "rules.too_small.fix": "merge it with {partner}, or add more schools with a technical profile.",
    "rules.too_small.partners": (
        "neighbouring regions {regions} (together {merged} counted pupils; no single neighbour "
        "brings it over the floor)"
    ),
    "rules.too_small.fix_unreachable": (
        "no merge nearby reaches the floor: even together with {regions} there are {merged} "
        "counted pupils, and no other region lies next to them (for example across wide water). "
        "Add more schools with a technical profile, or consider whether a smaller region is "
        "defensible here: the floor is this analysis's setting, not a rule of the programme."
    ),
    "rules.too_small.techniekarm": (
        "Region {region} is techniekarm and has {pupils} pupils in leerjaar 3 and 4 (those of the "
        "techniekarm share); a techniekarm region is measured on these pupils, not on counted "
        "pupils, and the floor in this analysis is {floor} (a setting), beside "
        "{counted_floor} counted pupils for a region that is not techniekarm. The programme "
        "allows techniekarm regions and asks for regions large enough to make good trade-offs, "
        "without a number. Fix: {fix}"
    ),
    "rules.too_small.fix_techniekarm": "merge it with {partner}.",
    "rules.too_small.partner": "neighbouring region {region} (together {merged} counted pupils)",
    "rules.too_small.partner_techniekarm": (
        "neighbouring region {region} (together techniekarm, with {pupils} pupils in leerjaar 3 "
        "and 4)"
    ),
    "rules.too_small.partners_techniekarm": (
        "neighbouring regions {regions} (together techniekarm, with {pupils} pupils in leerjaar 3 "
        "and 4; no single neighbour makes it large enough)"
    ),
    "rules.too_small.partner_none": "a neighbouring region",
    "rules.part_of_larger_whole": (
        "Region {region} is small ({counted} counted pupils, {schools}; small in this analysis: "
        "under {limit}, a setting) and {where}. The programme asks a small region that is part "
        "of a larger logical whole to apply together with that whole. Fix: merge {region} with "
        "{other}; together {merged_schools} schools, {merged_technical} with a technical profile, "
        "and {merged_counted} counted pupils.{still_small}"
    ),
    "rules.part_of_larger_whole.still_small": (
        "Even together they stay under this analysis's floor of {floor} counted pupils (a "
        "setting); see the small region finding for what does help there."
    ),
    "rules.part_of_larger_whole.techniekarm": (
        "Region {region} is techniekarm and small ({pupils} pupils in leerjaar 3 and 4, those of "
        "the techniekarm share, {schools}; a techniekarm region is measured on these pupils, and "
        "small in this analysis is under {limit_pupils}, a setting, beside {limit} counted pupils "
        "for a region that is not techniekarm) and {where}. The programme allows techniekarm "
        "regions and asks a small region that is part of a larger logical whole to apply "
        "together with that whole. Fix: merge {region} with {other}; together {merged_schools} "
        "schools, {merged_technical} with a technical profile, and {merged_counted} counted "
        "pupils.{still_small}"
    ),
    "rules.part_of_larger_whole.schools.one": "{n} school",
    "rules.part_of_larger_whole.schools.many": "{n} schools",
    "rules.part_of_larger_whole.hull": (
        "{share} of its schools lie inside the area of the larger region {other}"
    ),
    "rules.part_of_larger_whole.boundary": (
        "of the other regions' schools next to its own, {share} belong to the larger region {other}"
    ),
    "rules.close_schools_split": (
        "Between regions {region_a} and {region_b}, {pairs} within {limit} of each other; the "
        "closest pair is {school_a} and {school_b}, {distance} apart. The programme asks that "
        "schools that stand close together are not in different regions; close is, in this "
        "analysis, within {limit} in a straight line (a setting). Fix: redraw the border between "
        "the two regions so that these schools share a region, or merge the regions."
    ),
    "rules.close_schools_split.pairs.one": "{n} pair of schools is",
    "rules.close_schools_split.pairs.many": "{n} pairs of schools are",
    "rules.not_one_area.enclave": (
        "School {school} of region {own} is enclosed by region {other}: the {k} schools around "
        "it that are in a region all belong to {other}. Fix: move the school to {other}, or add "
        "the schools around it to {own}."
    ),
    "rules.not_one_area.disconnected": (
        "Region {region} is not one area: it falls apart into {n_parts} separate parts, with "
        "schools of other regions in between. Apart from the rest: {listed}. Fix: move these "
        "schools to {target} or add the schools in between to {region}."
    ),
    "rules.not_one_area.disconnected.target": "region {region}, which surrounds them,",
    "rules.not_one_area.disconnected.target_none": "a surrounding region",
    "rules.not_one_area.no_land_link.one": (
        "In region {region}, {listed} lies apart from the rest of the region (an island, or "
        "across wide water), so this check cannot judge whether it is one area. Fix: check by "
        "hand that the schools form a logical area (for example by ferry)."
    ),
    "rules.not_one_area.no_land_link.many": (
        "In region {region}, {listed} lie apart from the rest of the region (an island, or "
        "across wide water), so this check cannot judge whether it is one area. Fix: check by "
        "hand that the schools form a logical area (for example by ferry)."
    ),
    "rules.composition.schools": (
        "Region {region} has {have}; {reading}. Schools with and without a technical offer may "
        "form a region together. Fix: add schools or merge the region with a neighbouring region."
    ),
    "rules.composition.reading_default": (
        "this analysis asks for at least {n} vmbo or vso schools, {k} of them with a technical "
        "profile (a setting)"
    ),
    "rules.composition.reading_strict": (
        "this analysis asks for at least {n} vmbo or vso schools with a technical profile (the "
        "strict reading, a setting)"
    ),
    "rules.composition.schools.have_technical.one": "{n} school with a technical profile",
    "rules.composition.schools.have_technical.many": "{n} schools with a technical profile",
    "rules.composition.schools.have_any.one": "{n} vmbo or vso school",
    "rules.composition.schools.have_any.many": "{n} vmbo or vso schools",
    "rules.composition.role": (
        "Row {row}: the role {role} of {name} (region {region}) is not known, so it does not "
        "count as an mbo institution, company or government. Fix: write mbo, bedrijf (company; "
        "housing corporations, hospitals and welfare organisations too), overheid (government), "
        "po, pro or vso."
    ),
    "rules.composition.partners_unchecked": (
        "The proposal lists no partners (mbo institutions, companies or governments), so that "
        "part of the composition was not checked. Fix: add rows with role 'mbo', 'company' or "
        "'government' per region to have it checked."
    ),
    "rules.composition.mbo": (
        "Region {region} lists no mbo institution as a partner; the programme asks for at least "
        "one in the region's plan. Fix: add a row with role 'mbo' and the institution's name."
    ),
    "rules.composition.business": (
        "Region {region} lists no company and no government as a partner; the programme asks for "
        "business and/or government in the region's plan (business co-finances at least "
        "{cofinancing} of the subsidy). Fix: add a row with role 'company' or 'government'."
    ),
    "rules.techniekarm": (
        "Region {region} is techniekarm: {technical} of its {pupils} pupils in leerjaar 3 and 4 "
        "of BB, KB and GL ({share}) are in a technical profile, under the programme's threshold "
        "of {threshold}. "
        "Techniekarm regions had to register as such before 1 November 2018 and competed for a "
        "budget of their own (EUR 90 M over 2020-2023); without registration no subsidy. Fix: "
        "check that the region registered as techniekarm, or merge it with a neighbouring region "
        "that has more technical pupils."
    ),
    # --- error messages: the frame around a problem (regionkit._errors) ------------------------
    "publish.folder_is_file": "the output folder {folder} is a file",
    "publish.folder_is_file.fix": "name a folder for --out",
    "publish.folder_is_cwd": (
        "the output folder {folder} is the working folder (or holds it); a run replaces its "
        "output folder as a whole"
    ),
    "publish.folder_is_cwd.fix": "name a folder of its own for --out, e.g. out/",
    "publish.folder_foreign": (
        "the output folder {folder} holds files that no regionkit run wrote ({files}); a run "
        "replaces its output folder as a whole"
    ),
    "publish.folder_foreign.fix": (
        "name a new or empty folder for --out, or the folder of an earlier run"
    ),
    "common.pro_left_out": (
        "{n} praktijkonderwijs schools take part in no region: by the programme's rules a region "
        "is formed by vmbo and vso schools (setting [regions] pro_in_regions)"
    ),
    "config.did_you_mean": "did you mean {key}?",
    "config.head.one": "{n} problem in the configuration",
    "config.head.many": "{n} problems in the configuration",
    "config.head_in.one": "{n} problem in the configuration {file}",
    "config.head_in.many": "{n} problems in the configuration {file}",
    "config.not_allowed": "this value is not allowed",
    "config.not_allowed_fix": "use one of {allowed}",
    "config.must_bool": "must be true or false",
    "config.must_bool_fix": "write true or false",
    "config.must_text": "must be text",
    "config.must_text_fix": 'write the text in quotes, "like this"',
    "config.kind.whole": "a whole number",
    "config.kind.number": "a number",
    "config.must_be": "must be {kind}",
    "config.must_finite": "must be a finite number",
    "config.out_of_range": "is out of range",
    "config.write": "write {kind} from {low} to {high}",
    "config.write_share": "write {kind} from {low} to {high} (a share: {share} for {percent} %)",
    "config.unknown_key": "unknown key {key}",
    "config.unknown_key_fix": "{suggestion}use one of the allowed keys in [{section}]: {keys}",
    "config.unknown_top": "unknown section or key {key}",
    "config.unknown_top_fix": "{suggestion}use one of: {keys}",
    "config.not_table": "must be a table",
    "config.not_table_fix": "write [{key}] on its own line",
    "config.file.missing": "the configuration file does not exist",
    "config.file.missing_fix": "check the path",
    "config.file.folder": "this is a folder, not a file",
    "config.file.folder_fix": "name a file",
    "config.file.unreadable": "the file cannot be read: {reason}",
    "config.file.unreadable_fix": "check its permissions",
    "config.file.not_utf8": "the file is not UTF-8 text (byte {byte} cannot be read)",
    "config.file.not_utf8_fix": "save it as UTF-8 (TOML files are UTF-8)",
    "config.file.not_toml": "the file is not valid TOML: {error}",
    "config.file.not_toml_fix": "correct the line named",
    "errors.key": "key {key}",
    "errors.row": "row {row}",
    "errors.column": "column {column}",
    "errors.value": "(value: {value})",
    "errors.fix": "fix: {fix}",
    "errors.problems.one": "{n} problem",
    "errors.problems.many": "{n} problems",
    "errors.problems_in.one": "{n} problem in {file}",
    "errors.problems_in.many": "{n} problems in {file}",
    # --- split agreements (regionkit.agreements) -------------------------------------------------
    "agreements.problems.one": "{n} problem in the split agreements",
    "agreements.problems.many": "{n} problems in the split agreements",
    "agreements.problems_in.one": "{n} problem in the split agreements ({file})",
    "agreements.problems_in.many": "{n} problems in the split agreements ({file})",
    "agreements.part.technical": "technical",
    "agreements.part.other": "other",
    "agreements.method.pro_rata": "pro_rata",
    "agreements.method.equal": "equal",
    "agreements.method.explicit": "explicit",
    "agreements.column.region": "region",
    "agreements.column.part": "part",
    "agreements.column.school": "school",
    "agreements.where.region": "region {region}",
    "agreements.where.part": "{where}, part {part}",
    "agreements.where.row": "row {row} ({region} / {part})",
    "agreements.where.row_region": "row {row} (region {region})",
    "agreements.where.label": "{region} / {part}",
    "agreements.share.not_number": "{where}: the share is not a number",
    "agreements.share.range": "{where}: a share must be between 0 and 1 (0 % and 100 %)",
    "agreements.share.fix": ("write the share as a fraction (0.75 or 3/4) or a percentage (75 %)"),
    "agreements.share.none": "{where}: no share",
    "agreements.share.none_fix": "state the part's share, e.g. 0.75 or 75 %",
    "agreements.share.conflict": "{where}: a different share than on row {row}",
    "agreements.share.conflict_fix": "state the share once per region and part",
    "agreements.shares.short": "shares add up to {total}, {diff} short",
    "agreements.shares.too_much": "shares add up to {total}, {diff} too much",
    "agreements.shares.points.one": "{n} percentage point",
    "agreements.shares.points.many": "{n} percentage points",
    "agreements.shares.fix": "make the shares of 'technical' and 'other' add up to exactly 100 %",
    "agreements.amount.not_number": "{where}: the amount is not a number",
    "agreements.amount.not_cents": "{where}: the amount is not a whole number of cents",
    "agreements.amount.negative": "{where}: the amount is negative",
    "agreements.amount.fix": (
        "write the amount in euros with at most two decimals, e.g. 1234.56 or 1,234.56"
    ),
    "agreements.method.unknown": "{where}: unknown sharing method",
    "agreements.method.fix": (
        "use 'pro_rata', 'equal' or 'explicit' (in Dutch 'naar rato', 'gelijke delen' or "
        "'bedragen')"
    ),
    "agreements.method.conflict": "{where}: a different method than on an earlier row",
    "agreements.method.conflict_fix": "state one method per region and part",
    "agreements.method.none": "{where}: no sharing method",
    "agreements.part.unknown": "{where}: unknown part",
    "agreements.part.fix": "use 'technical' or 'other' (in Dutch 'technisch' or 'overig')",
    "agreements.part.twice": "{where}: part stated twice",
    "agreements.part.twice_fix": "state each part once",
    "agreements.explicit.no_amounts": "{where}: method 'explicit' but no amounts per school",
    "agreements.explicit.no_amounts_fix": (
        "give an amount per school, or use method 'pro_rata' or 'equal'"
    ),
    "agreements.explicit.amounts_with_method": (
        "{where}: amounts per school given, but the method is {method}"
    ),
    "agreements.explicit.amounts_with_method_fix": "use method 'explicit', or remove the amounts",
    "agreements.explicit.total": (
        "{where}: explicit amounts add up to {given}, the part's amount is {part} ({share} of "
        "{total}): {diff} {how}"
    ),
    "agreements.explicit.too_much": "too much",
    "agreements.explicit.short": "short",
    "agreements.explicit.total_fix": "make the amounts add up to the part's amount exactly",
    "agreements.school.twice": "{where}: school named twice",
    "agreements.school.twice_fix": "name each school once",
    "agreements.school.not_in_table": (
        "{where}: school {code} is not in the schools table, not in {region}"
    ),
    "agreements.school.in_no_region": "{where}: school {code} is in no region, not in {region}",
    "agreements.school.in_other_region": (
        "{where}: school {code} is in region {other}, not in {region}"
    ),
    "agreements.school.outside_fix": "name only schools of region {region}",
    "agreements.shared.nobody": "{where}: {method} sharing of {amount} among no schools",
    "agreements.shared.no_pupils": (
        "{where}: {method} sharing of {amount} among schools without counted pupils"
    ),
    "agreements.shared.fix": (
        "name schools with counted pupils, or use method 'equal' or 'explicit'"
    ),
    "agreements.region.unknown": (
        "{where}: agreement for region {region}, which is not one of the {n} regions{hint}"
    ),
    "agreements.region.did_you_mean": "; did you mean {names}?",
    "agreements.region.and_more": "{listed} and {n} more",
    "agreements.region.fix": "use a region name of the proposal (known regions: {known})",
    "agreements.region.none": "none",
    "agreements.region.second": (
        "{where}: a second agreement for region {region} (the first is at {first})"
    ),
    "agreements.region.second_fix": "state one agreement per region",
    "agreements.toml.invalid": "not valid TOML: {error}",
    "agreements.toml.invalid_fix": "check quotes, brackets and '=' signs",
    "agreements.toml.not_table": "{where}: expected a table per region, found a value",
    "agreements.toml.not_table_fix": (
        "write [{region}] and below it [{region}.technical] and [{region}.other]"
    ),
    "agreements.toml.unknown_key": "{where}: unknown key {key}",
    "agreements.toml.unknown_key_fix": "use the part tables technical and other",
    "agreements.toml.part_not_table": "{where}: expected a table with share and method",
    "agreements.toml.part_not_table_fix": (
        'write {table} with share = 0.75 and method = "pro_rata"'
    ),
    "agreements.toml.unknown_part_key": "{where}: unknown key {key}",
    "agreements.toml.unknown_part_key_fix": "allowed keys: {keys}",
    "agreements.toml.amounts_not_table": (
        "{where}: amounts must be a table of school code = euros"
    ),
    "agreements.toml.amounts_not_table_fix": "write amounts = {example}",
    "agreements.table.missing_column": "required column {column} missing",
    "agreements.table.missing_column_fix": (
        "give the columns region, part, share, method, school and amount (or regio, deel, "
        "aandeel, methode, vestiging, bedrag); school and amount may be empty"
    ),
    "agreements.table.no_region": "no region",
    "agreements.table.no_region_fix": "name the region",
    "agreements.table.unknown_part": "unknown or missing part",
    "agreements.table.amount_without_school": "{where}: an amount without a school",
    "agreements.table.amount_without_school_fix": (
        "name the school (its 6-character code) the amount is for"
    ),
    "agreements.file.missing": "the file does not exist",
    "agreements.file.missing_fix": "check the path",
    "agreements.file.empty": "the file states no agreement",
    "agreements.file.empty_fix": "add one table or row per region",
    "agreements.note.technical_without_profile": (
        "gets money for the technical profiles but has no pupils in a technical profile itself"
    ),
    # --- reading a table: CSV or Excel (regionkit._io) ------------------------------------------
    "read.missing": "the file does not exist",
    "read.missing_fix": "check the path",
    "read.folder": "this is a folder, not a file",
    "read.folder_fix": "name a file",
    "read.excel": "the Excel file cannot be read: {error}",
    "read.excel_fix": "open it in Excel and save it again as .xlsx, or export it as CSV",
    "read.empty": "the file is empty",
    "read.empty_fix": "give a table with a header row",
    "read.parse": "the file cannot be parsed as a table with separator {sep}: {error}",
    "read.parse_fix": "check that every row has as many fields as the header",
    "read.no_columns": "the file has no columns",
    "read.no_columns_fix": "give a table with a header row",
    "read.binary.zip": "the file is a zip archive (an Excel workbook?), not a text table",
    "read.binary.zip_fix": (
        "give an Excel file the .xlsx extension, or export the sheet as CSV (UTF-8)"
    ),
    "read.binary.utf16": "the file is UTF-16 text without a byte-order mark (wrong encoding)",
    "read.binary.utf16_fix": "save it as CSV UTF-8 (in Excel: 'CSV UTF-8 (comma delimited)')",
    "read.binary.other": "the file is not a text table (it contains binary data)",
    "read.binary.other_fix": "save it as CSV (UTF-8) or give an Excel file the .xlsx extension",
    "read.one_column": (
        "the header is one column ({header}): the values are separated by {found}, not by {sep}"
    ),
    "read.one_column_fix_given": "give --sep {found}",
    "read.one_column_fix": "give the separator with --sep",
    "read.extra_values": (
        "this row has {n} values, the header {k}: a value beyond the last column would shift "
        "the row"
    ),
    "read.extra_values_fix": (
        "put a value that holds the separator in double quotes, or remove the extra separator"
    ),
    "read.extra_values.head.one": "{n} row of {file} with more values than the header",
    "read.extra_values.head.many": "{n} rows of {file} with more values than the header",
    "read.no_sheet": "the workbook has no sheet {sheet}",
    "read.no_sheet_fix": "choose one of its sheets: {listed} (by name, or by number from 0)",
    "read.merged": (
        "cells {cells} are merged (sheet {sheet}): only the first holds the value, the others "
        "read as empty"
    ),
    "read.merged_fix": "unmerge the cells and write the value in each of them",
    "read.formula": (
        "cell {cell} holds a formula ({formula}) whose result was not saved in the file"
    ),
    "read.formula_fix": (
        "open the file in Excel or LibreOffice and save it (that stores the results), or paste "
        "the values instead of the formulas"
    ),
    "read.sheet_note": (
        "; read from sheet {sheet}, the workbook also has {others}: choose with --sheet"
    ),
    # --- reading a proposal file (regionkit.proposal) -------------------------------------------
    "proposal.columns_unusable.one": "{n} problem in {file}: the columns are not usable",
    "proposal.columns_unusable.many": "{n} problems in {file}: the columns are not usable",
    "proposal.columns_none": "none",
    "proposal.no_region": "no region column",
    "proposal.no_region_fix": (
        "name the column of region names 'regio' or 'region' (columns found: {listed})"
    ),
    "proposal.no_code": "no code column",
    "proposal.no_code_fix": (
        "name the column of 6-character vestiging codes 'code' or 'vestigingscode' (or give "
        "'brin' and 'vestigingsnummer'){hint} (columns found: {listed})"
    ),
    "proposal.no_code_by_name": (
        "; a list of school names and places can be resolved with --by-name"
    ),
    "proposal.no_name": "no name column",
    "proposal.no_name_fix": (
        "name the column of school names 'naam' or 'name' (columns found: {listed})"
    ),
    "proposal.no_names": "the file lists no names",
    "proposal.no_names_fix": "fill the name column",
    "proposal.no_rows": "the file has a header but no rows",
    "proposal.no_rows_fix": (
        "list one row per school (region, code) and per partner (region, role, name)"
    ),
    "proposal.region_empty": "the region name is empty",
    "proposal.region_empty_fix": "write the name of the region on every row",
    "proposal.name_only": "a row with a name but neither a code nor a role",
    "proposal.name_only_fix": (
        "give the school's code, or the role (mbo, bedrijf, overheid) of a partner"
    ),
    "proposal.partner_nameless": "a partner ({role}) without a name",
    "proposal.partner_nameless_fix": "write the name of the institution, company or government",
    "proposal.code_empty": "the school code is empty",
    "proposal.code_empty_fix": "write the 6-character vestiging code{by_name}",
    "proposal.code_empty_by_name": ", or resolve names and places with --by-name",
    "proposal.code_malformed": "malformed school code",
    "proposal.code_fix.generic": (
        "write the 6-character vestiging code: BRIN (2 digits, 2 letters) + branch (2 digits)"
    ),
    "proposal.code_fix.zero": (
        "the leading zero was probably lost (a spreadsheet does that): write {code}"
    ),
    "proposal.code_fix.zero_known": "{code} (a known school)",
    "proposal.code_fix.brin": (
        "{code} is a BRIN (institution) code: add the 2-digit branch number{listed}"
    ),
    "proposal.code_fix.branches": "; known branches: {branches}",
    "proposal.code_fix.one_digit": (
        "the branch number has one digit: write {code} for branch {branch}"
    ),
    "proposal.name.ambiguous": "the school name matches several schools",
    "proposal.name.unmatched": "the school name matches no school",
    "proposal.name_fix": "write the vestiging code in a 'code' column{closest}",
    "proposal.name_closest": "; closest: {listed}",
    "proposal.twice": "school {code} is listed twice in region {region} (first on row {first})",
    "proposal.twice_fix": "delete one of the two rows",
    "proposal.case": "region names differ only in upper/lower case or blanks: {names}",
    "proposal.case_fix": "spell the region the same way on every row",
    # --- funding: notes on the figures (regionkit.funding) --------------------------------------
    "funding.note.no_school": "no vmbo/vso school: nothing counts",
    "funding.note.no_pupils": "no counted pupils: no subsidy",
    "funding.note.no_denominator": (
        "no BB/KB/GL pupils in leerjaar 3-4: technical share undefined, not techniekarm"
    ),
    "funding.note.suppressed_region": (
        "{n} suppressed count(s) (<5) counted as {value} each; upper bound +{max} each"
    ),
    "funding.note.not_counted_kind": (
        "praktijkonderwijs or other kind: pupils do not count for money"
    ),
    "funding.note.no_region": "in no region: counts nowhere",
    "funding.note.unnamed": (
        "{n} suppressed count(s) not named in suppressed_columns: "
        "the upper bound counts them as BB/KB pupils"
    ),
    "funding.note.unassigned": "{n} vmbo/vso school(s) in no region: their pupils count nowhere",
    "funding.note.suppressed": (
        "{n} suppressed count(s) (<5) counted as {value} each; upper bound +{max} each"
    ),
    "funding.note.techniekarm_region": (
        "techniekarm: {share} of the pupils in BB/KB/GL leerjaar 3 and 4 are in a technical "
        "profile (threshold {threshold}); a techniekarm region got money only if it had "
        "registered as techniekarm before 1 November 2018, and then competed for a separate "
        "budget (EUR 90 M over 2020-2023) instead of the amount per pupil in this table"
    ),
    "funding.note.techniekarm": (
        "{n} techniekarm region(s) (under {threshold} of the BB/KB/GL pupils in leerjaar 3 and "
        "4 in a technical profile): {regions}. Techniekarm regions had to register as such "
        "before 1 November 2018 and competed for a budget of their own (EUR 90 M over "
        "2020-2023); without registration no subsidy"
    ),
    "funding.note.other_technique_region": (
        "{n} pupils in technique programmes outside the five profiles (such as the "
        "Vakmanschapsroute Techniek); they do not count for money"
    ),
    "funding.note.other_technique_counted": (
        "{n} pupils in technique programmes outside the five profiles count for money in this "
        "analysis (setting count_other_technique; the scheme counts the five profiles only)"
    ),
    "funding.note.other_technique": (
        "{n} pupils in leerjaar 3 and 4 learn technique outside the five profiles (such as the "
        "Vakmanschapsroute Techniek); by the scheme they do not count for money (a setting: "
        "count_other_technique)"
    ),
    "funding.note.vso_region": (
        "{n} vso school(s): DUO publishes no vso counts per vestiging, so their pupils in a "
        "technical profile are missing from these figures"
    ),
    "funding.note.vso": (
        "{n} vso schools take part without pupil counts: DUO publishes no vso counts per "
        "vestiging, so vso pupils in a technical profile do not count here"
    ),
    "funding.note.change": (
        "Techn. vs {year}: how many more or fewer pupils the same schools have in a technical "
        "profile than on 1 October {year} ({then} then, {now} now). All technique pupils, "
        "outside the profiles too: {then_all} then, {now_all} now (column technique_change in "
        "the tables)"
    ),
    "funding.note.technical_without_profile": (
        "{n} school(s) get money for the technical profiles under the split agreement without "
        "pupils in a technical profile of their own: {schools}; check that this is intended"
    ),
    "funding.note.gl_weight": (
        "gl_weight {weight} differs from rate_gl / rate_bb_kb ({ratio}): BB/KB-equivalent "
        "counts and money weigh GL pupils differently"
    ),
    # --- funding: comparison with the programme's national figures ------------------------------
    "funding.sanity.counted": (
        "BB/KB-equivalent counted pupils (count {date}): {eq} (BB/KB {bb} + GL {gl} x {weight}); "
        "programme: about {ref} for the {year} count: {diff}"
    ),
    "funding.sanity.budget": (
        "Maximum subsidy over {years} years: {eur}; national budget {budget}: {diff} ({pct})"
    ),
    "funding.sanity.budget_pupils": (
        "The budget corresponds to {n} BB/KB-equivalent pupils at {rate} (programme: about {ref})"
    ),
    "funding.sanity.technical_2019": (
        "Technical-profile pupils (DUO 1 Oct 2019): leerjaar 3 {lj3}, leerjaar 4 {lj4}, {n} "
        "schools; reference (DUO's figures, docs/DOMAIN.md): {r3}, {r4}, {rn}: {d3}, {d4}, {dn}"
    ),
    "funding.sanity.technical_2017": (
        "Schools with pupils in a technical profile (DUO 1 Oct 2017): {n}; programme: {ref} of "
        "the {beroeps} vmbo schools with beroepsgericht onderwijs in 2017/18: {diff}"
    ),
    "funding.sanity.share": (
        "National technical share: {share} of {den} pupils (nationally about {ref} by DUO's "
        "figures)"
    ),
    "funding.sanity.regions": (
        "The {r} regions count {eq} of the {all} BB/KB-equivalent pupils ({pct}); "
        "{u} vmbo/vso schools in no region"
    ),
    # --- maps: names, legends, panels and popups (regionkit.maps, assets/map.js) ----------------
    "map.title_proposal": "Sterk Techniekonderwijs regions: proposal",
    "map.title_division": "Division into {division}",
    "map.title_comparison": "Comparison: {a} (lines) and {b} (areas)",
    "map.subtitle": (
        "{schools} schools in {regions} regions, {none} in no region · pupils DUO, {date}"
    ),
    "map.source": (
        "Source: DUO (pupils {date}); CBS / Kadaster (municipalities); Natural Earth "
        "(neighbouring countries)"
    ),
    "map.label_propose": "regionkit proposal",
    "map.division_nodal": "nodal areas",
    "map.division_rmc": "RMC regions",
    "map.division_corop": "COROP areas",
    "map.division_education_area": "education areas",
    "map.fill": "Colour of the regions",
    "map.fill_region": "By region",
    "map.fill_counted": "Counted pupils",
    "map.fill_subsidy": "Maximum subsidy",
    "map.fill_techniekarm": "Techniekarm",
    "map.layer_schools": "Schools",
    "map.layer_errors": "Errors",
    "map.layer_warnings": "Warnings",
    "map.layer_info": "Info",
    "map.layer_region_names": "Region names",
    "map.layer_places": "Place names",
    "map.layer_borders": "Municipal and provincial borders",
    "map.layer_techniekarm": "Techniekarm regions (dashed border)",
    "map.layer_moved": "Schools that moved",
    "map.layer_other": "Borders of {a}",
    "map.layers": "Map layers",
    "map.legend": "Legend",
    "map.legend_regions": (
        "Colour: region ({n} colours; neighbouring regions never share a colour, regions "
        "further apart may). Name: on the region or in the list."
    ),
    "map.legend_inferred": (
        "Lighter: municipality without a school, assigned to the neighbouring municipality "
        "with the longest shared border ({n} municipalities)."
    ),
    "map.legend_drawn_gemeenten": (
        "Areas drawn as the municipalities (CBS 2021) whose schools lie in the area."
    ),
    "map.legend_drawn_cells": (
        "Areas drawn as the areas around the schools (Voronoi, clipped to the land): the "
        "division does not follow municipal borders everywhere."
    ),
    "map.legend_size": "Size: counted pupils",
    "map.legend_no_region": "no region",
    "map.legend_two_regions": "school in two regions (two rings)",
    "map.legend_no_counted": "no counted pupils",
    "map.legend_error": "error: the region breaks a rule",
    "map.legend_warning": "warning: check",
    "map.legend_info": "info",
    "map.legend_split": "line: schools within {km} km in different regions",
    "map.legend_moved": "ring: school in another region than in {a}",
    "map.legend_other": "line: border of {a}",
    "map.legend_techniekarm": "dashed border: techniekarm region",
    "map.legend_borders": "thin line: municipality, thicker line: province",
    "map.region": "Region",
    "map.regions": "Regions",
    "map.no_region": "no region",
    "map.code": "Code",
    "map.address": "Address",
    "map.gemeente": "Municipality",
    "map.kind": "Kind",
    "map.leerwegen": "Leerwegen (years 3-4)",
    "map.profiles": "Technical profiles",
    "map.none": "none",
    "map.profile": "Profile",
    "map.total": "Total",
    "map.counted": "Counted pupils",
    "map.counted_note": "technical, years 3+4, BB/KB + GL × {w}",
    "map.schools": "Schools",
    "map.n_schools": "Schools",
    "map.n_technical": "with a technical profile",
    "map.max_subsidy": "Max. subsidy (4 years)",
    "map.per_year": "average a year",
    "map.change": "Technical pupils vs {year}",
    "map.change_value": "{then} then, {now} now ({change})",
    "map.vso_note": (
        "vso school: DUO publishes no vso counts per vestiging, so its pupils in a technical "
        "profile do not count on this map."
    ),
    "map.other_technique_note": (
        "Technique outside the five profiles: {programmes} ({n} pupils in leerjaar 3 and 4; they "
        "do not count for money)."
    ),
    "map.technical_share": "Technical share",
    "map.techniekarm": "Techniekarm",
    "map.yes": "yes",
    "map.no": "no",
    "map.findings": "Findings",
    "map.n_findings": "Findings",
    "map.col_counted": "Counted pupils",
    "map.col_techniekarm": "Tech\u00adniek\u00adarm",
    "map.col_findings": "Findings",
    "map.severity": "Severity",
    "map.message": "Finding",
    "map.severity_error": "error",
    "map.severity_warning": "warning",
    "map.severity_info": "info",
    "map.no_findings": "No findings.",
    "map.moved_from_to": "From {a} to {b}",
    "map.in_regions": "In {n} regions",
    "map.zoom_to": "Show on the map",
    "map.search": "Find a school, place or region",
    "map.search_none": "Nothing found",
    "map.search_more": "{shown} of {total} shown; type more to narrow down",
    "map.search_region": "region",
    "map.search_place": "place",
    "map.panel_regions": "Regions ({n})",
    "map.panel_findings": "Findings ({n})",
    "map.panel_close": "Close panel",
    "map.panel_open": "Lists",
    "map.sort_by": "Sort by {column}",
    "map.download": "Download CSV",
    "map.download_regions": "Regions as CSV",
    "map.download_findings": "Findings as CSV",
    "map.print": "Print",
    "map.link": "Link to this view",
    "map.link_copied": "Link copied",
    "map.zoom_in": "Zoom in",
    "map.zoom_out": "Zoom out",
    "map.fullscreen_on": "Full screen",
    "map.fullscreen_off": "Leave full screen",
    "map.map_label": "Map of the regions",
    "map.close_popup": "Close",
    "map.setting_note": (
        "{value} is a setting of this analysis (adjustable), not a norm of the scheme"
    ),
    "map.month_1": "January",
    "map.month_2": "February",
    "map.month_3": "March",
    "map.month_4": "April",
    "map.month_5": "May",
    "map.month_6": "June",
    "map.month_7": "July",
    "map.month_8": "August",
    "map.month_9": "September",
    "map.month_10": "October",
    "map.month_11": "November",
    "map.month_12": "December",
    # --- command line: regionkit fund -----------------------------------------------------------
    "cli.fund.title": "Funding per region: {source} (count {count_date}, data year {data_year})",
    "cli.fund.listed_twice": (
        "school {code} is listed in {n} regions ({regions}); funding counts it once, in {first}"
    ),
    "cli.fund.col.region": "Region",
    "cli.fund.col.schools": "Schools",
    "cli.fund.col.bb_kb": "BB/KB",
    "cli.fund.col.gl": "GL",
    "cli.fund.col.equivalent": "BB/KB-eq.",
    "cli.fund.col.max_4y": "Max. 4 years",
    "cli.fund.col.per_year": "Avg./year",
    "cli.fund.col.cofinancing": "Co-financing",
    "cli.fund.col.technical": "Techn.",
    "cli.fund.col.techniekarm": "Techniekarm",
    "cli.fund.col.change": "Techn. vs {year}",
    "cli.source.division": "the {name}",
    "division.nodal": "nodal areas of DUO",
    "division.rmc": "RMC regions",
    "division.corop": "COROP areas",
    "division.education_area": "education areas of DUO",
    "cli.fund.totals.schools": "{n} schools",
    "cli.fund.totals.bb_kb": "BB/KB {n}",
    "cli.fund.totals.gl": "GL {n}",
    "cli.fund.totals.equivalent": "BB/KB-equivalent {n}",
    "cli.fund.totals.max_4y": "at most {amount} over the period",
    "cli.fund.totals.per_year": "on average {amount} a year",
    "cli.fund.totals.cofinancing": "co-financing {amount}",
    "cli.fund.totals.technical": "technical share {share}",
    "cli.fund.totals.regions": "Total of {n} regions ({k} techniekarm)",
    "cli.fund.totals.all": "All vmbo/vso schools",
    "cli.fund.split": "Split by agreement:",
    "cli.fund.split.col.region": "Region",
    "cli.fund.split.col.code": "Code",
    "cli.fund.split.col.name": "Name",
    "cli.fund.split.col.technical": "Technical profiles",
    "cli.fund.split.col.other": "Other technique",
    "cli.fund.split.col.total": "Total",
    "cli.fund.sanity": (
        "Compared with the national figures of the programme and of DUO (docs/DOMAIN.md):"
    ),
    "cli.fund.notes": "Notes:",
    # --- command line: regionkit propose and regionkit run ---------------------------------------
    "cli.wrote": "wrote {paths}",
    "cli.wrote_size": "wrote {path} ({size} MB)",
    "cli.propose.head": "{n} regions ({method}) of {schools} schools{unassigned}",
    "cli.propose.unassigned": ", {n} in no region",
    "cli.propose.floors": (
        "floors (settings of this analysis): {pupils} counted pupils, {technical} schools with "
        "a technical profile"
    ),
    "cli.propose.under_floor": (
        "under a floor: {n} (counted pupils {pupils}, schools with a technical profile {technical})"
    ),
    "cli.propose.disconnected": "disconnected: {n}; joined across water: {water}",
    "cli.propose.diameter": "diameter: mean {mean} km, largest {largest} km; SSE {sse} km²",
    "cli.propose.close_split": "pairs of schools within {km} km split: {n} of {k} ({share})",
    "cli.propose.ari": "agreement with the official division (ARI): {ari}",
    "cli.propose.towns_split": "towns split over regions: {n}{towns}",
    "cli.propose.own_check": (
        "by regionkit check: too small {too_small}; part of a larger whole {wholes}"
    ),
    "cli.propose.note": "note: {note}",
    "cli.propose.more_notes": "... and {n} more notes (all of them with --json)",
    "cli.run.regions": (
        "regions from {source}: {regions} regions, {assigned} of {schools} schools in a region"
    ),
    "cli.run.findings": "findings: {findings}",
    "cli.run.none": "none",
    "cli.run.money.one": ("maximum subsidy: {amount} over the period; {n} techniekarm region"),
    "cli.run.money.many": ("maximum subsidy: {amount} over the period; {n} techniekarm regions"),
    "cli.run.outputs": "outputs in {folder} ({n} files, {seconds} s)",
    "cli.run.national_map": "national map: {path}",
    # --- command line: regionkit check ----------------------------------------------------------
    "cli.check.title": "Check of {source}: {regions} regions, {schools} schools",
    "cli.check.count.error.one": "{n} error",
    "cli.check.count.error.many": "{n} errors",
    "cli.check.count.warning.one": "{n} warning",
    "cli.check.count.warning.many": "{n} warnings",
    "cli.check.count.info.one": "{n} info",
    "cli.check.count.info.many": "{n} info",
    "cli.check.rule": "Rule",
    "cli.check.error": "errors",
    "cli.check.warning": "warnings",
    "cli.check.info": "info",
    "cli.check.more": "... and {more} more; all are in {where}",
    "cli.check.use_out": "findings.csv (use --out)",
    # --- command line: regionkit compare (regionkit.compare) ------------------------------------
    "compare.regions.one": "{n} region",
    "compare.regions.many": "{n} regions",
    "compare.schools.one": "{n} school in both",
    "compare.schools.many": "{n} schools in both",
    "compare.head": "{a} ({regions_a}) vs {b} ({regions_b}): {schools}",
    "compare.ari": "adjusted Rand index",
    "compare.nmi": "normalised mutual info",
    "compare.pairs": "matched region pairs",
    "compare.moved": "schools that moved",
    "compare.only_in": "only in {side}",
    "compare.split": "split regions of {a}",
    "compare.merged": "merged regions in {b}",
    "compare.split.title": "Split regions of {a} (parts in {b}):",
    "compare.merged.title": "Merged regions of {b} (parts from {a}):",
    "compare.more": "... and {n} more",
    # --- command line: regionkit match ----------------------------------------------------------
    "cli.match.status.exact": "exact",
    "cli.match.status.fuzzy": "fuzzy",
    "cli.match.status.ambiguous": "ambiguous",
    "cli.match.status.unmatched": "unmatched",
    "cli.match.row": "{status} row {row}: {name}",
    "cli.match.found": "{status} row {row}: {name} -> {code} {school}, score {score}",
    "cli.match.candidate": "{code} {school}, score {score}",
    # --- command line: regionkit schools (regionkit.schools) -----------------------------------
    "cli.schools.bundled": "the bundled DUO table of 1 October {year}",
    "schools.head": "Schools: {n} ({kinds})",
    "schools.head_source": "Schools: {n} ({kinds}) from {source}",
    "schools.profiles": (
        "with a technical profile: {with_profile}, without: {without} (vmbo); of those without, "
        "teaching technique outside the profiles: {other} (pupils in lj3/4: {pupils}, not "
        "counted for money)"
    ),
    "schools.pupils": "technical-profile pupils: {lj3} in leerjaar 3, {lj4} in leerjaar 4",
    "schools.pupils_share": (
        "technical-profile pupils: {lj3} in leerjaar 3, {lj4} in leerjaar 4 ({share} of all "
        "BB/KB/GL pupils in lj3/4)"
    ),
    "schools.counted": (
        "counted pupils: {bb_kb} BB/KB + {gl} GL = {weighted} BB/KB-equivalent (GL weight {weight})"
    ),
    "schools.col.province": "Province",
    "schools.col.schools": "schools",
    "schools.col.technical": "technical",
    "schools.col.other": "other",
    "schools.col.weighted": "weighted",
    "schools.total": "Total",
    "schools.legend": (
        "(technical/other: vmbo schools with/without a technical profile; vso: no pupil "
        "counts; BB/KB, GL: counted pupils)"
    ),
    "schools.precision": "Location precision: {items}",
    "schools.precision.address": "address",
    "schools.precision.pc6": "pc6",
    "schools.precision.pc4": "pc4",
    "schools.precision.place": "place",
    "schools.precision.unknown": "unknown",
    "schools.unknown_province": "(unknown)",
    "schools.warnings": "Data-quality warnings:",
    "schools.warnings_none": "Data-quality warnings: none",
    "schools.codes_more": "{codes} and {n} more",
    "schools.warning.vso.one": (
        "{n} vso school is in the table without pupil counts: DUO publishes no vso counts per "
        "vestiging by leerjaar or profile, so it can join a region but adds no counted pupils "
        "(and no money) in these figures"
    ),
    "schools.warning.vso.many": (
        "{n} vso schools are in the table without pupil counts: DUO publishes no vso counts per "
        "vestiging by leerjaar or profile, so they can join a region but add no counted pupils "
        "(and no money) in these figures"
    ),
    "schools.warning.other.one": (
        "{n} pupil in leerjaar 3/4 is in a sector-Techniek programme outside the five profiles "
        "(technique routes; before 2019 also the old afdelingen): it makes a school eligible "
        "but does not count for money unless the configuration says so"
    ),
    "schools.warning.other.many": (
        "{n} pupils in leerjaar 3/4 are in sector-Techniek programmes outside the five profiles "
        "(technique routes; before 2019 also the old afdelingen): they make a school eligible "
        "but do not count for money unless the configuration says so"
    ),
    "schools.warning.closed.one": (
        "{n} school is not in DUO's address file (closed after the count date): no address "
        "and no official divisions; located by place: {codes}"
    ),
    "schools.warning.closed.many": (
        "{n} schools are not in DUO's address file (closed after the count date): no address "
        "and no official divisions; located by place: {codes}"
    ),
    "schools.warning.imprecise.one": (
        "{n} school is located only by postcode (pc4) or place, up to a few km off: {codes}"
    ),
    "schools.warning.imprecise.many": (
        "{n} schools are located only by postcode (pc4) or place, up to a few km off: {codes}"
    ),
    "schools.warning.divisions.one": (
        "{n} school has no official divisions (nodaal gebied, RMC, COROP): {codes}"
    ),
    "schools.warning.divisions.many": (
        "{n} schools have no official divisions (nodaal gebied, RMC, COROP): {codes}"
    ),
    "schools.warning.suppressed.one": (
        "{n} school has counts suppressed as '<5' (cells: {cells}), counted as 0 (its counts "
        "are lower bounds): {codes}"
    ),
    "schools.warning.suppressed.many": (
        "{n} schools have counts suppressed as '<5' (cells: {cells}), counted as 0 (their counts "
        "are lower bounds): {codes}"
    ),
    # --- notes of a proposal (regionkit.regionalize, regionkit.logical) ------------------------
    "propose.schools.one": "{n} school",
    "propose.schools.many": "{n} schools",
    "propose.schools_in.one": "{n} school in {places}",
    "propose.schools_in.many": "{n} schools in {places}",
    "propose.counts.one": "{pupils} counted pupils and {n} technical school",
    "propose.counts.many": "{pupils} counted pupils and {n} technical schools",
    "propose.no_place": "no place",
    "propose.small_part.own.one": (
        "{schools} forms a separate part of the proximity graph with {counts}: too little for "
        "a region; kept as a region of its own, under the floor (join_small_parts = false)"
    ),
    "propose.small_part.own.many": (
        "{schools} form a separate part of the proximity graph with {counts}: too little for "
        "a region; kept as a region of their own, under the floor (join_small_parts = false)"
    ),
    "propose.small_part.joined.one": (
        "{schools} forms a separate part of the proximity graph (no edge over the water) with "
        "{counts}: too little for a region, so it joins the region of the nearest school, "
        "{code} ({place}, {km} km in a straight line)"
    ),
    "propose.small_part.joined.many": (
        "{schools} form a separate part of the proximity graph (no edge over the water) with "
        "{counts}: too little for a region, so they join the region of the nearest school, "
        "{code} ({place}, {km} km in a straight line)"
    ),
    "propose.same_site.moved.one": (
        "{n} school moved to the region of another school on the same site (within {m} m)"
    ),
    "propose.same_site.moved.many": (
        "{n} schools moved to the region of another school on the same site (within {m} m)"
    ),
    "propose.same_site.stuck.one": (
        "{n} site stays split over regions (within {m} m; a move would break a floor or a "
        "region's connection): {sites}"
    ),
    "propose.same_site.stuck.many": (
        "{n} sites stay split over regions (within {m} m; a move would break a floor or a "
        "region's connection): {sites}"
    ),
    "propose.over_max.one": (
        "{n} region stays above the ceiling of {cap} counted pupils ({regions}): no move or "
        "split keeps the floors and connections"
    ),
    "propose.over_max.many": (
        "{n} regions stay above the ceiling of {cap} counted pupils ({regions}): no move or "
        "split keeps the floors and connections"
    ),
    "propose.time_capped": (
        "the improvement phase hit its wall-time cap of {seconds} s ([regions] time_budget_s): "
        "this result may differ on a faster or slower machine"
    ),
    "propose.no_area.one": (
        "{n} school without an area in this division ({codes}) takes the area of its nearest "
        "neighbour"
    ),
    "propose.no_area.many": (
        "{n} schools without an area in this division ({codes}) take the area of their nearest "
        "neighbour"
    ),
    "propose.area_merged.one": (
        "area {area} is under a floor and merges with {other} (they share {k} edge of the graph)"
    ),
    "propose.area_merged.many": (
        "area {area} is under a floor and merges with {other} (they share {k} edges of the graph)"
    ),
    "propose.area_split": "area {area} is split into {n} regions",
    "propose.area_pieces": (
        "area {area} is not connected in the proximity graph: split into {n} pieces"
    ),
    # --- pinned schools (regionkit.regionalize.read_pins) ---------------------------------------
    "pins.no_code": "the pins table has no code column",
    "pins.no_code_fix": "add a column 'code' with the 6-character school code",
    "pins.no_region": "the pins table has no region column",
    "pins.no_region_fix": "add a column 'region' with the region each school is pinned to",
    "pins.code_empty": "empty school code",
    "pins.code_empty_fix": "fill in the code",
    "pins.region_empty": "empty region name",
    "pins.region_empty_fix": "name the region",
    "pins.unknown": "school code not in the schools table",
    "pins.unknown_fix": "check the code (BRIN + 2-digit branch number)",
    "pins.twice": "school pinned to two regions ({first} in row {row} and {second})",
    "pins.twice_fix": "pin each school to one region",
    "pins.head.one": "{n} problem with the pinned schools",
    "pins.head.many": "{n} problems with the pinned schools",
    "pins.head_in.one": "{n} problem with the pinned schools in {file}",
    "pins.head_in.many": "{n} problems with the pinned schools in {file}",
    # --- a schools table of one's own (regionkit.schools, regionkit._codes) ---------------------
    "schools.error.head.one": "{n} problem in the schools table {file}",
    "schools.error.head.many": "{n} problems in the schools table {file}",
    "schools.error.year": (
        "a data year ({year}) chooses one of the bundled tables, not a table of your own"
    ),
    "schools.error.year_fix": (
        "leave out the year with your own table (it is of the year it is), or leave out the "
        "table to use the bundled one of that year"
    ),
    "schools.error.no_file": "the file does not exist",
    "schools.error.no_file_fix": "check the path",
    "schools.error.geodata": "the file cannot be read as geodata: {error}",
    "schools.error.geodata_fix": "check that it is a valid GeoPackage or GeoJSON file",
    "schools.error.crs": "the CRS is not known",
    "schools.error.crs_fix": (
        'give an EPSG code such as "EPSG:28992" (RD New) or "EPSG:4326" (lat/lon)'
    ),
    "schools.error.axis.wgs84": "latitude and longitude",
    "schools.error.axis.rd": "x and y",
    "schools.error.swapped_all": (
        "{axis} are swapped in {n} rows: the values in {a} lie in the range of {b} and the "
        "other way round"
    ),
    "schools.error.swapped_all_fix": "swap the columns {a} and {b} (rename one as the other)",
    "schools.error.swapped": "{axis} look swapped",
    "schools.error.swapped_fix": "swap the values of {a} and {b} in this row",
    "schools.error.outside.wgs84": (
        "the point lies outside the Netherlands (lat 50.7..53.6, lon 3.2..7.3)"
    ),
    "schools.error.outside.rd": (
        "the point lies outside the Netherlands (x 0..300,000, y 289,000..629,000 m)"
    ),
    "schools.error.outside_fix.wgs84": (
        "correct the coordinates, or state their CRS (crs=...) if they are not WGS84 degrees"
    ),
    "schools.error.outside_fix.rd": (
        "correct the coordinates, or state their CRS (crs=...) if they are not RD New metres"
    ),
    "schools.error.no_crs": "the file has no CRS, so its coordinates cannot be placed",
    "schools.error.no_crs_fix": (
        'save it with a CRS, or state it: crs="EPSG:28992" (RD New) or "EPSG:4326"'
    ),
    "schools.error.no_point": "no point geometry",
    "schools.error.not_point": "not a point: {kind}",
    "schools.error.point_fix": "give each school one point (for a building outline, its centroid)",
    "schools.error.xy_pair": "give both x_column and y_column, or neither",
    "schools.error.xy_missing": "the coordinate column {column} is not in the file",
    "schools.error.xy_missing_fix": "choose among: {columns}",
    "schools.error.no_coordinates": (
        "no coordinates: the file has no point geometry and no x/y (RD New) or lat/lon columns"
    ),
    "schools.error.no_coordinates_fix": (
        "add x and y (RD New, metres) or lat and lon columns, or name them with x_column= and "
        "y_column={note}"
    ),
    "schools.error.coordinate_missing": "the coordinate is missing",
    "schools.error.coordinate_nan": "not a number",
    "schools.error.coordinate_fix": "give every school its coordinates",
    "schools.error.infinite": "the coordinates are not finite numbers",
    "schools.error.infinite_fix": "give the school's coordinates (metres in RD New, or degrees)",
    "schools.error.metres": "the coordinates are metres (RD New?) but the CRS says degrees ({crs})",
    "schools.error.metres_fix": 'state the right CRS, for example crs="EPSG:28992"',
    "schools.error.count_missing": "the count is missing",
    "schools.error.count_missing_fix": "write 0 where there are no pupils",
    "schools.error.count_nan": "the count is not a number",
    "schools.error.count_nan_fix": "write a whole number, or '<5'",
    "schools.error.count_negative": "the count is negative",
    "schools.error.count_negative_fix": "write a whole number >= 0",
    "schools.error.count_large": "the count is larger than any school's (over {max} pupils)",
    "schools.error.count_large_fix": "write the school's number of pupils, a whole number",
    "schools.error.count_fraction": "the count is not a whole number",
    "schools.error.count_fraction_fix": "write a whole number",
    "schools.error.technical_sum": "{total} is not the sum of the technical cells ({sum})",
    "schools.error.technical_sum_fix": (
        "correct {total}, or leave the column out to have it computed"
    ),
    "schools.error.technical_more": (
        "more technical-profile pupils ({n}) than {leerweg} pupils in leerjaar {lj}"
    ),
    "schools.error.technical_more_fix": (
        "{total} counts all pupils of the leerweg, technical ones included"
    ),
    "schools.error.yes_no": "not a yes/no value",
    "schools.error.yes_no_fix": "write True or False",
    "schools.error.no_rows": "the file has no schools (no rows below the header)",
    "schools.error.no_rows_fix": "give one row per school",
    "schools.error.no_code": "no code column: every school needs its 6-character vestiging code",
    "schools.error.no_code_fix": (
        "add a column 'code' (for example 02QZ01), or 'brin' and 'branch' columns{note}"
    ),
    "schools.error.code_twice": "the code occurs more than once (first in row {row})",
    "schools.error.code_twice_fix": "keep one row per school (vestiging)",
    "schools.error.kind": "unknown kind of school",
    "schools.error.kind_fix": "write one of {kinds}",
    "schools.error.precision": "unknown location precision",
    "schools.error.precision_fix": "write one of {values}, or leave it empty",
    "codes.brin_mismatch": "the vestiging code {code} does not start with the BRIN {brin}",
    "codes.brin_mismatch_fix": "correct the BRIN or the vestiging code",
    "codes.missing": "the vestiging code is missing",
    "codes.malformed": (
        "malformed vestiging code: expected a BRIN of 2 digits + 2 letters or digits and a "
        "2-digit branch number, for example 02QZ01"
    ),
    "codes.fix": "give every school its 6-character code (BRIN + branch number)",
    # --- DUO's raw files (regionkit.ingest) -----------------------------------------------------
    "ingest.head": "the raw files are incomplete or ambiguous",
    "ingest.no_file": "the file does not exist",
    "ingest.no_file_fix": "check the path",
    "ingest.unknown_file": (
        "this is not a file regionkit can ingest (not a DUO address or count file, BAG point "
        "file, or postcode/place/gemeente table)"
    ),
    "ingest.unknown_file_fix": "leave it out, or check that its header row is DUO's",
    "ingest.missing.addresses": "no DUO address file among the inputs",
    "ingest.missing.addresses_fix": "add DUO's 'Adressen vestigingen vo' CSV",
    "ingest.missing.counts": "no DUO pupil-count file among the inputs",
    "ingest.missing.counts_fix": "add DUO's 'Leerlingen vo per vestiging naar onderwijstype' CSV",
    "ingest.role_many": "{n} files look like the {role} file: {files}",
    "ingest.role_many_fix": "name the files explicitly, one of each kind",
    "ingest.counts_year": "no pupil-count file of {year}: {files}",
    "ingest.counts_many": "{n} files look like the counts file: {files}",
    "ingest.counts_fix": "choose the year with --year, or name one count file explicitly",
    "ingest.no_year": "no year in its name",
    # --- logical regions: why a region is as it is (regionkit propose) ---------------------------
    "logical.schools.one": "{n} school in {towns}.",
    "logical.schools.many": "{n} schools in {towns}.",
    "logical.more": "{towns} and {n} more",
    "logical.nodal": "Nodal areas: {areas}.",
    "logical.areas": (
        "RMC region {rmc} ({rmc_share} of the schools), COROP area {corop} ({corop_share})."
    ),
    "logical.area.rmc": "RMC region {area}",
    "logical.area.corop": "COROP area {area}",
    "logical.area.none": "its surroundings",
    "logical.together": (
        "Within {area}, where its schools already cooperate, its towns stand together: vmbo "
        "schools less than {km} km apart (the analysis's setting [logical] together_m)."
    ),
    "logical.split": (
        "{part} is one of the {k} parts of {town}: the town alone has {pupils} counted pupils, "
        "enough for {k} regions of at least {parts} counted pupils each (the analysis's setting "
        "[logical] split_town_pupils); the cut follows the longest link between its schools."
    ),
    "logical.join.floor": (
        "Joined within {area}: the neighbours with the most schools within {km} km (else the "
        "shortest link), because alone they stay under a floor (floors in this analysis: "
        "{floor} counted pupils and {technical} schools with a technical profile, adjustable): "
        "{towns}."
    ),
    "logical.join.across": (
        "{area} alone stays under a floor, so these joined across its boundary (the neighbour "
        "with the most schools within {km} km, else the shortest link): {towns}."
    ),
    "logical.join.target": "Joined to reach the {n} regions asked for: {towns}.",
    "logical.cut": (
        "Cut from a larger region between its towns, both sides keeping the floors, to reach "
        "the {n} regions asked for."
    ),
    "logical.whole.hull": (
        "{towns} is part of a larger logical whole ({share} of its schools inside the area of "
        "this region) and merged into it."
    ),
    "logical.whole.boundary": (
        "{towns} is part of a larger logical whole ({share} of its links to this region) and "
        "merged into it."
    ),
    "logical.target.met": "{n} regions as asked (the towns alone give {before}): {how}",
    "logical.target.joined": "the smallest regions joined their neighbours",
    "logical.target.cut": "regions were cut between their towns, fewest close pairs split first",
    "logical.target.same": "no change was needed",
    "logical.target.missed": (
        "{after} regions instead of the {n} asked for (the towns alone give {before}): {why}"
    ),
    "logical.target.no_cut": (
        "no further region can be cut between its towns with both sides keeping this "
        "analysis's floors ({counted} counted pupils, {technical} technical schools, settings)"
    ),
    "logical.target.no_link": "the remaining regions have no link to join by",
    "logical.target.kept.one": (
        "{n} region was not cut because a part of it would be part of a larger whole (rule 3, "
        "as regionkit check defines it)"
    ),
    "logical.target.kept.many": (
        "{n} regions were not cut because a part of them would be part of a larger whole (rule "
        "3, as regionkit check defines it)"
    ),
    "logical.alone": "Neither split nor joined: its towns reach the floors on their own.",
    "logical.named.area": "Named after {name}: the official area it coincides with.",
    "logical.named.town": "Named after {name}: its town with the most vmbo pupils.",
    "logical.note.no_area.one": (
        "{n} school without RMC, COROP or nodal area (not in DUO's address file: {codes}) takes "
        "those of its nearest neighbour"
    ),
    "logical.note.no_area.many": (
        "{n} schools without RMC, COROP or nodal area (not in DUO's address file: {codes}) take "
        "those of their nearest neighbour"
    ),
    "logical.note.split": (
        "{town} ({pupils} counted pupils, {n} schools) is split into {k} regions ({parts}): "
        "each part keeps at least {floor} counted pupils ([logical] split_town_pupils, the "
        "analysis's setting); the cut follows the longest link between its schools"
    ),
    "logical.note.towns.one": (
        "{n} town forms {groups} (vmbo schools less than {km} km apart) within {kind}"
    ),
    "logical.note.towns.many": (
        "{n} towns (and parts of towns) form {groups} (vmbo schools less than {km} km apart) "
        "within {kind}"
    ),
    "logical.note.groups.one": "{n} group of towns that stand together",
    "logical.note.groups.many": "{n} groups of towns that stand together",
    "logical.note.kind.rmc": "RMC regions",
    "logical.note.kind.corop": "COROP areas",
    "logical.note.kind.none": "the country",
    "logical.note.joined.one": (
        "{n} joined a neighbour in its area because alone it stays under a floor"
    ),
    "logical.note.joined.many": (
        "{n} joined a neighbour in their area because alone they stay under a floor"
    ),
    "logical.note.crossed.one": (
        "{n} area cannot reach the floors alone and joined across its boundary ({areas})"
    ),
    "logical.note.crossed.many": (
        "{n} areas cannot reach the floors alone and joined across their boundary ({areas})"
    ),
    "logical.note.crossed_none": "no area had to cross its boundary",
    "logical.note.whole.one": "{n} region joined the larger whole it is part of",
    "logical.note.whole.many": "{n} regions joined the larger whole they are part of",
    "logical.note.summary": "{towns}; {joined}; {crossed}; {whole}",
    # --- editing in the browser (regionkit.edit) -----------------------------------------------
    "edit.error.unknown_school": (
        "Unknown school: {code!r}. Pick a school on the map or search for it by name."
    ),
    "edit.error.no_schools": "Pick one or more schools first.",
    "edit.error.too_many_schools": "Too many schools at once ({n}); at most {max}.",
    "edit.error.unknown_region": "Unknown region: {region!r}. Pick a region from the list.",
    "edit.error.region_exists": (
        "There already is a region {region!r}. Choose another name, or move the schools "
        "to that region."
    ),
    "edit.error.name_empty": "Give the region a name.",
    "edit.error.name_long": "A region name has at most {max} characters.",
    "edit.error.name_control": (
        "A region name may not hold tabs, line breaks or control characters."
    ),
    "edit.error.name_formula": (
        "A region name may not start with =, +, - or @ (a spreadsheet reads that as a formula)."
    ),
    "edit.error.already_there": "{code} already is in region {region}.",
    "edit.error.merge_same": "Pick two different regions to merge.",
    "edit.error.nothing_to_undo": "There is nothing to undo.",
    "edit.error.nothing_to_redo": "There is nothing to redo.",
    "edit.error.request": "The editor does not understand this request: {problem}.",
    "edit.error.busy": "The editor is still busy with the previous change; try again shortly.",
    "edit.error.internal": (
        "Something went wrong in the editor; the change was not made. The editor's log "
        "(regionkit -v edit) says what."
    ),
    "edit.change.move": "{n} to {to}",
    "edit.change.also": "{n} also in {to}",
    "edit.change.new": "{n} to the new region {to}",
    "edit.change.merge": "{a} and {b} merged into {to}",
    "edit.change.rename": "{a} is now called {to}",
    "edit.change.undo": "Undone: {what}",
    "edit.change.redo": "Redone: {what}",
    "edit.change.school.one": "{name}",
    "edit.change.school.many": "{n} schools",
    "edit.bar.fixed.one": "{n} {severity} fixed",
    "edit.bar.fixed.many": "{n} {severity} fixed",
    "edit.bar.new.one": "{n} new {severity}",
    "edit.bar.new.many": "{n} new {severity}",
    "edit.bar.none": "no findings changed",
    "edit.bar.region_money": "Region {region} {amount}",
    "edit.bar.region_gone": "Region {region} no longer exists",
    "edit.bar.region_new": "Region {region} new: {amount}",
    "edit.severity.error.one": "error",
    "edit.severity.error.many": "errors",
    "edit.severity.warning.one": "warning",
    "edit.severity.warning.many": "warnings",
    "edit.severity.info.one": "note",
    "edit.severity.info.many": "notes",
    "edit.save.done": "Saved to {file} ({n} changes in the log {log}).",
    "edit.save.nothing": "Nothing to save: the proposal has not changed since it was opened.",
    "edit.resume.done": (
        "Session resumed from {log}: {n} changes applied again (undo goes back to the "
        "start of these)."
    ),
    "edit.resume.mismatch": (
        "The change log {log} belongs to another proposal than {source} (the editor "
        "recognises neither its start nor a saved version). Start again with --restart "
        "(the old log is kept as {backup}) or open the proposal the log belongs to."
    ),
    "edit.resume.bad_row": (
        "The change log {log} cannot be read at row {row}: {problem}. Repair the row or "
        "start again with --restart."
    ),
    "edit.resume.no_match": (
        "The change log {log} does not fit the proposal: in step {step}, {code} is not in "
        "{expected} but in {found}. Start again with --restart."
    ),
    "edit.in_place.not_csv": (
        "--in-place writes the proposal back as CSV; {file} is not a CSV file. Use --out FILE.csv."
    ),
    "edit.in_place.needs_file": "--in-place needs a proposal file, not {source}.",
    "edit.out.same_as_input": (
        "--out is the input file itself; use --in-place to overwrite the original."
    ),
    "cli.edit.serving": "The editor runs at {url}\n(open it in a browser; Ctrl-C stops the editor)",
    "cli.edit.files": "Save writes {out}; every change goes to {log} at once.",
    "cli.edit.stopped": "Editor stopped; everything is saved.",
    "cli.edit.stopped_unsaved": (
        "Editor stopped. Not everything is saved; the log keeps every change, so the same "
        "command continues where you were."
    ),
    "edit.page.title": "Edit regions",
    "edit.page.source": "Proposal: {source}",
    "edit.page.undo": "Undo",
    "edit.page.redo": "Redo",
    "edit.page.save": "Save",
    "edit.page.saved": "Everything saved",
    "edit.page.unchanged": "Nothing changed yet",
    "edit.page.sev_error": "error",
    "edit.page.sev_warning": "warning",
    "edit.page.sev_info": "note",
    "edit.page.counts": "{error} errors · {warning} warnings · {info} notes",
    "edit.page.unsaved.one": "{n} change not saved",
    "edit.page.unsaved.many": "{n} changes not saved",
    "edit.page.move_to": "Move to",
    "edit.page.also_in": "Keep it in this region too (signed up with two regions)",
    "edit.page.new_region": "new region",
    "edit.page.new_name": "Name of the new region",
    "edit.page.move": "Move",
    "edit.page.cancel": "Cancel",
    "edit.page.merge": "Merge with",
    "edit.page.merge_name": "Name after merging",
    "edit.page.rename": "Rename",
    "edit.page.rename_to": "New name",
    "edit.page.selected.one": "{n} school selected",
    "edit.page.selected.many": "{n} schools selected",
    "edit.page.select_hint": (
        "Click a school to move it; shift-click or shift-drag to pick several at once."
    ),
    "edit.page.clear_selection": "Clear selection",
    "edit.page.neighbours": "Neighbouring regions",
    "edit.page.other_regions": "Other regions",
    "edit.page.findings": "Findings",
    "edit.page.regions": "Regions",
    "edit.page.col_region": "Region",
    "edit.page.col_schools": "Schools",
    "edit.page.col_counted": "Pupils",
    "edit.page.counted": "Counted pupils",
    "edit.page.subsidy": "Maximum subsidy (4 years)",
    "edit.page.col_subsidy": "Subsidy (4 yrs)",
    "edit.page.techniekarm": "techniekarm",
    "edit.page.col_techniekarm": "Techniekarm",
    "edit.page.col_findings": "Find.",
    "edit.page.total": "Total",
    "edit.page.yes": "yes",
    "edit.page.no": "no",
    "edit.page.working": "Checking…",
    "edit.page.lost": (
        "The connection to the editor was lost. What was saved is kept; start the editor "
        "again to continue (the log also keeps what was not saved)."
    ),
    "edit.page.region": "Region {region}",
    "edit.page.no_region": "no region",
    "edit.page.in_regions": "in {regions}",
}
