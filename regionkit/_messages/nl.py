"""Nederlandse teksten: sleutel -> tekst met benoemde plaatshouders (de sleutels van :mod:`.en`)."""

MESSAGES: dict[str, str] = {
    # --- gedeelde woorden -----------------------------------------------------------------------
    "common.and": "{head} en {last}",
    "common.or": "{head} of {last}",
    "common.yes": "ja",
    "common.no": "nee",
    # --- regels: bevindingen (regionkit.rules) --------------------------------------------------
    "rules.name.overlap": "in meer regio's",
    "rules.name.unknown_school": "onbekende school",
    "rules.name.left_out": "school buiten elke regio",
    "rules.name.too_small": "kleine regio",
    "rules.name.part_of_larger_whole": "deel van een groter geheel",
    "rules.name.close_schools_split": "scholen dichtbij, andere regio",
    "rules.name.not_one_area": "geen aaneengesloten gebied",
    "rules.name.composition": "samenstelling",
    "rules.name.techniekarm": "techniekarm",
    "rules.overlap": (
        "Vestiging {school} staat in {n} regio's: {regions}. Een vmbo- of vso-vestiging mag maar "
        "in één regio zitten (mbo-instellingen en bedrijven wel in meer). Oplossing: kies één "
        "regio en haal de vestiging uit de andere."
    ),
    "rules.overlap.pro": (
        "Praktijkschool {school} staat in {n} regio's: {regions}. In deze analyse mag ook een "
        "praktijkschool maar in één regio zitten (instelling overlap_pro; het programma noemt "
        "alleen vmbo- en vso-scholen). Oplossing: kies één regio en haal de school uit de andere."
    ),
    "rules.unknown_school": (
        "Code {code}{called} ({where}) staat niet in de scholentabel. Oplossing: {fix}"
    ),
    "rules.unknown_school.called": " \u00ab{name}\u00bb",
    "rules.unknown_school.where.one": "regio {regions}",
    "rules.unknown_school.where.many": "regio's {regions}",
    "rules.unknown_school.rows": ", rij {rows}",
    "rules.unknown_school.fix": "controleer de code; bedoelt u {candidates}?",
    "rules.unknown_school.fix_none": (
        "controleer de code; er is geen school met een vergelijkbare naam of code."
    ),
    "rules.left_out": (
        "Vestiging {school} heeft een technisch profiel ({profiles}; {counted} getelde "
        "leerlingen) maar zit in geen enkele regio. Het programma eist dat elke school in het "
        "gebied met een technisch profiel mee kan doen. Oplossing: {fix}{closed}"
    ),
    "rules.left_out.other_technique": (
        "Vestiging {school} heeft geen technisch profiel, maar geeft aantoonbaar techniek: "
        "{pupils} leerlingen in leerjaar 3 en 4 zitten in {programmes}. Ze zit in geen enkele "
        "regio, terwijl het programma eist dat zo'n school in het gebied mee kan doen. "
        "Oplossing: {fix}{closed}"
    ),
    "rules.left_out.vso": (
        "Vso-school {school} zit in geen enkele regio. Een vso-school met een technisch profiel "
        "moet mee kunnen doen; of deze school er een heeft, staat niet in de open data van DUO. "
        "Oplossing: ga na of de school techniek geeft, en zo ja: {fix}{closed}"
    ),
    "rules.left_out.fix": "neem de vestiging op in regio {region}{how}.",
    "rules.left_out.fix_none": "neem de vestiging op in een regio.",
    "rules.left_out.how_neighbours": ", waar {n} van de {k} scholen om haar heen bij horen",
    "rules.left_out.how_nearest": ", waarvan de dichtstbijzijnde school op {distance} ligt",
    "rules.left_out.closed": (
        " Let op: de vestiging staat niet meer in het adressenbestand van DUO (mogelijk gesloten)."
    ),
    "rules.too_small": (
        "Regio {region} telt {counted} getelde leerlingen (technische profielen, leerjaar 3 en 4, "
        "een GL-leerling telt voor {weight}); de ondergrens in deze analyse is {floor} "
        "(instelbaar). Het programma vraagt regio's die groot genoeg zijn om goede afwegingen te "
        "maken, maar noemt geen getal. Oplossing: {fix}"
    ),
    "rules.too_small.fix": (
        "voeg de regio samen met {partner}, of neem meer scholen met een technisch profiel op."
    ),
    "rules.too_small.partners": (
        "de buurregio's {regions} (samen {merged} getelde leerlingen; geen buurregio brengt de "
        "regio alleen boven de ondergrens)"
    ),
    "rules.too_small.fix_unreachable": (
        "geen samenvoeging in de buurt haalt de ondergrens: ook samen met {regions} zijn het "
        "{merged} getelde leerlingen, en verder liggen er geen regio's naast (bijvoorbeeld aan de "
        "overkant van breed water). Neem meer scholen met een technisch profiel op, of ga na of "
        "een kleinere regio hier te verdedigen is: de ondergrens is een instelling van deze "
        "analyse, geen regel van het programma."
    ),
    "rules.too_small.techniekarm": (
        "Regio {region} is techniekarm en telt {pupils} leerlingen in leerjaar 3 en 4 (die van "
        "het techniekarm-aandeel); een techniekarme regio wordt aan deze leerlingen gemeten, niet "
        "aan getelde leerlingen, en de ondergrens in deze analyse is {floor} (instelbaar), naast "
        "{counted_floor} getelde leerlingen voor een regio die niet techniekarm is. Het "
        "programma staat techniekarme regio's toe en vraagt regio's die groot genoeg zijn om "
        "goede afwegingen te maken, maar noemt geen getal. Oplossing: {fix}"
    ),
    "rules.too_small.fix_techniekarm": "voeg de regio samen met {partner}.",
    "rules.too_small.partner": "buurregio {region} (samen {merged} getelde leerlingen)",
    "rules.too_small.partner_techniekarm": (
        "buurregio {region} (samen techniekarm, met {pupils} leerlingen in leerjaar 3 en 4)"
    ),
    "rules.too_small.partners_techniekarm": (
        "de buurregio's {regions} (samen techniekarm, met {pupils} leerlingen in leerjaar 3 en 4; "
        "geen buurregio maakt de regio alleen groot genoeg)"
    ),
    "rules.too_small.partner_none": "een buurregio",
    "rules.part_of_larger_whole": (
        "Regio {region} is klein ({counted} getelde leerlingen, {schools}; klein is in deze "
        "analyse minder dan {limit}, instelbaar) en {where}. Het programma vraagt een kleine "
        "regio die deel is van een groter logisch geheel, samen met dat geheel één aanvraag te "
        "doen. Oplossing: voeg {region} samen met {other}; samen {merged_schools} scholen, "
        "waarvan {merged_technical} met een technisch profiel, en {merged_counted} getelde "
        "leerlingen.{still_small}"
    ),
    "rules.part_of_larger_whole.still_small": (
        "Ook samen blijven ze onder de ondergrens van {floor} getelde leerlingen in deze analyse "
        "(instelbaar); zie de bevinding kleine regio voor wat daar wel helpt."
    ),
    "rules.part_of_larger_whole.techniekarm": (
        "Regio {region} is techniekarm en klein ({pupils} leerlingen in leerjaar 3 en 4, die van "
        "het techniekarme aandeel, {schools}; een techniekarme regio wordt aan deze leerlingen "
        "gemeten, en klein is in deze analyse minder dan {limit_pupils}, instelbaar, naast "
        "{limit} getelde leerlingen voor een regio die niet techniekarm is) en {where}. Het "
        "programma staat techniekarme regio's toe en vraagt een kleine regio die deel is van een "
        "groter logisch geheel, samen met dat geheel één aanvraag te doen. Oplossing: voeg "
        "{region} samen met {other}; samen {merged_schools} scholen, waarvan {merged_technical} "
        "met een technisch profiel, en {merged_counted} getelde leerlingen.{still_small}"
    ),
    "rules.part_of_larger_whole.schools.one": "{n} school",
    "rules.part_of_larger_whole.schools.many": "{n} scholen",
    "rules.part_of_larger_whole.hull": (
        "ligt {share} van haar scholen binnen het gebied van de grotere regio {other}"
    ),
    "rules.part_of_larger_whole.boundary": (
        "hoort {share} van de scholen van andere regio's die naast haar scholen liggen bij de "
        "grotere regio {other}"
    ),
    "rules.close_schools_split": (
        "Tussen de regio's {region_a} en {region_b} {pairs} binnen {limit} van elkaar; het "
        "dichtstbijzijnde paar is {school_a} en {school_b}, op {distance} van elkaar. Het "
        "programma vraagt dat scholen die dicht bij elkaar staan niet in verschillende regio's "
        "zitten; dichtbij is in deze analyse binnen {limit} in rechte lijn (instelbaar). "
        "Oplossing: leg de grens tussen de twee regio's anders, zodat deze scholen samen in één "
        "regio komen, of voeg de regio's samen."
    ),
    "rules.close_schools_split.pairs.one": "ligt {n} paar scholen",
    "rules.close_schools_split.pairs.many": "liggen {n} paren scholen",
    "rules.not_one_area.enclave": (
        "Vestiging {school} van regio {own} ligt ingesloten door regio {other}: de {k} scholen "
        "om haar heen die in een regio zitten, horen allemaal bij {other}. Oplossing: verplaats "
        "de vestiging naar {other}, of neem de scholen eromheen op in {own}."
    ),
    "rules.not_one_area.disconnected": (
        "Regio {region} is geen aaneengesloten gebied: ze bestaat uit {n_parts} losse delen, met "
        "scholen van andere regio's ertussen. Los van de rest liggen: {listed}. Oplossing: "
        "verplaats deze school of scholen naar {target} of neem de scholen ertussen op in "
        "{region}."
    ),
    "rules.not_one_area.disconnected.target": "regio {region}, die eromheen ligt,",
    "rules.not_one_area.disconnected.target_none": "een regio eromheen",
    "rules.not_one_area.no_land_link.one": (
        "In regio {region} ligt {listed} los van de rest van de regio (een eiland, of aan de "
        "overkant van breed water), dus deze controle kan niet beoordelen of dit één gebied is. "
        "Oplossing: ga zelf na of de scholen een logisch gebied vormen (bijvoorbeeld via een "
        "veerverbinding)."
    ),
    "rules.not_one_area.no_land_link.many": (
        "In regio {region} liggen {listed} los van de rest van de regio (een eiland, of aan de "
        "overkant van breed water), dus deze controle kan niet beoordelen of dit één gebied is. "
        "Oplossing: ga zelf na of de scholen een logisch gebied vormen (bijvoorbeeld via een "
        "veerverbinding)."
    ),
    "rules.composition.schools": (
        "Regio {region} heeft {have}; {reading}. Scholen met en zonder technisch aanbod mogen "
        "samen een regio vormen. Oplossing: neem meer scholen op of voeg de regio samen met een "
        "buurregio."
    ),
    "rules.composition.reading_default": (
        "deze analyse vraagt minstens {n} vmbo- of vso-scholen, waarvan {k} met een technisch "
        "profiel (instelbaar)"
    ),
    "rules.composition.reading_strict": (
        "deze analyse vraagt minstens {n} vmbo- of vso-scholen met een technisch profiel (de "
        "strenge lezing, instelbaar)"
    ),
    "rules.composition.schools.have_technical.one": "{n} school met een technisch profiel",
    "rules.composition.schools.have_technical.many": "{n} scholen met een technisch profiel",
    "rules.composition.schools.have_any.one": "{n} vmbo- of vso-school",
    "rules.composition.schools.have_any.many": "{n} vmbo- of vso-scholen",
    "rules.composition.role": (
        "Rij {row}: de rol {role} van {name} (regio {region}) is onbekend, dus telt niet als "
        "mbo-instelling, bedrijf of overheid. Oplossing: schrijf mbo, bedrijf (ook "
        "woningbouwvereniging, ziekenhuis of welzijnsinstelling), overheid, po, pro of vso."
    ),
    "rules.composition.partners_unchecked": (
        "Het voorstel noemt geen partners (mbo-instellingen, bedrijven of overheden), dus dat "
        "deel van de samenstelling is niet gecontroleerd. Oplossing: voeg per regio regels toe "
        "met rol 'mbo', 'bedrijf' of 'overheid' om het te laten controleren."
    ),
    "rules.composition.mbo": (
        "Regio {region} noemt geen mbo-instelling als partner; het programma vraagt er minstens "
        "één in het plan van de regio. Oplossing: voeg een regel toe met rol 'mbo' en de naam "
        "van de instelling."
    ),
    "rules.composition.business": (
        "Regio {region} noemt geen bedrijf en geen overheid als partner; het programma vraagt "
        "bedrijfsleven en/of overheid in het plan van de regio (het bedrijfsleven financiert "
        "minstens {cofinancing} van de subsidie mee). Oplossing: voeg een regel toe met rol "
        "'bedrijf' of 'overheid'."
    ),
    "rules.techniekarm": (
        "Regio {region} is techniekarm: {technical} van haar {pupils} leerlingen in leerjaar 3 "
        "en 4 van BB, KB en GL ({share}) zitten in een technisch profiel, onder de drempel van "
        "{threshold} die het programma hanteert. Techniekarme regio's moesten zich vóór "
        "1 november 2018 als zodanig aanmelden en dongen mee naar een eigen budget (EUR 90 mln "
        "over 2020-2023); "
        "zonder melding geen subsidie. Oplossing: ga na of de regio zich als techniekarm heeft "
        "aangemeld, of voeg haar samen met een buurregio met meer technische leerlingen."
    ),
    # --- foutmeldingen: het kader om een probleem (regionkit._errors) --------------------------
    "publish.folder_is_file": "de uitvoermap {folder} is een bestand",
    "publish.folder_is_file.fix": "geef bij --out een map op",
    "publish.folder_is_cwd": (
        "de uitvoermap {folder} is de werkmap (of bevat die); een run vervangt zijn uitvoermap "
        "in zijn geheel"
    ),
    "publish.folder_is_cwd.fix": "geef bij --out een eigen map op, bijvoorbeeld out/",
    "publish.folder_foreign": (
        "de uitvoermap {folder} bevat bestanden die geen run van regionkit schreef ({files}); "
        "een run vervangt zijn uitvoermap in zijn geheel"
    ),
    "publish.folder_foreign.fix": (
        "geef bij --out een nieuwe of lege map op, of de map van een eerdere run"
    ),
    "common.pro_left_out": (
        "{n} praktijkonderwijsscholen doen niet mee: een regio wordt volgens het programma gevormd "
        "door vmbo- en vso-scholen (instelling [regions] pro_in_regions)"
    ),
    "config.did_you_mean": "bedoelt u {key}?",
    "config.head.one": "{n} probleem in de instellingen",
    "config.head.many": "{n} problemen in de instellingen",
    "config.head_in.one": "{n} probleem in de instellingen {file}",
    "config.head_in.many": "{n} problemen in de instellingen {file}",
    "config.not_allowed": "deze waarde is niet toegestaan",
    "config.not_allowed_fix": "gebruik een van {allowed}",
    "config.must_bool": "moet true of false zijn",
    "config.must_bool_fix": "schrijf true of false",
    "config.must_text": "moet tekst zijn",
    "config.must_text_fix": 'schrijf de tekst tussen aanhalingstekens, "zo"',
    "config.kind.whole": "een geheel getal",
    "config.kind.number": "een getal",
    "config.must_be": "moet {kind} zijn",
    "config.must_finite": "moet een eindig getal zijn",
    "config.out_of_range": "valt buiten het bereik",
    "config.write": "schrijf {kind} van {low} tot en met {high}",
    "config.write_share": (
        "schrijf {kind} van {low} tot en met {high} (een aandeel: {share} voor {percent} %)"
    ),
    "config.unknown_key": "onbekende sleutel {key}",
    "config.unknown_key_fix": (
        "{suggestion}gebruik een van de toegestane sleutels in [{section}]: {keys}"
    ),
    "config.unknown_top": "onbekende sectie of sleutel {key}",
    "config.unknown_top_fix": "{suggestion}gebruik een van: {keys}",
    "config.not_table": "moet een tabel zijn",
    "config.not_table_fix": "schrijf [{key}] op een eigen regel",
    "config.file.missing": "het instellingenbestand bestaat niet",
    "config.file.missing_fix": "controleer het pad",
    "config.file.folder": "dit is een map, geen bestand",
    "config.file.folder_fix": "noem een bestand",
    "config.file.unreadable": "het bestand is niet te lezen: {reason}",
    "config.file.unreadable_fix": "controleer de rechten",
    "config.file.not_utf8": "het bestand is geen UTF-8-tekst (byte {byte} is niet te lezen)",
    "config.file.not_utf8_fix": "sla het op als UTF-8 (TOML-bestanden zijn UTF-8)",
    "config.file.not_toml": "het bestand is geen geldige TOML: {error}",
    "config.file.not_toml_fix": "verbeter de genoemde regel",
    "errors.key": "sleutel {key}",
    "errors.row": "rij {row}",
    "errors.column": "kolom {column}",
    "errors.value": "(waarde: {value})",
    "errors.fix": "oplossing: {fix}",
    "errors.problems.one": "{n} probleem",
    "errors.problems.many": "{n} problemen",
    "errors.problems_in.one": "{n} probleem in {file}",
    "errors.problems_in.many": "{n} problemen in {file}",
    # --- verdeelafspraken (regionkit.agreements) -------------------------------------------------
    "agreements.problems.one": "{n} probleem in de verdeelafspraken",
    "agreements.problems.many": "{n} problemen in de verdeelafspraken",
    "agreements.problems_in.one": "{n} probleem in de verdeelafspraken ({file})",
    "agreements.problems_in.many": "{n} problemen in de verdeelafspraken ({file})",
    "agreements.part.technical": "technische profielen",
    "agreements.part.other": "overige techniek",
    "agreements.method.pro_rata": "naar rato",
    "agreements.method.equal": "gelijke delen",
    "agreements.method.explicit": "vaste bedragen",
    "agreements.column.region": "regio",
    "agreements.column.part": "deel",
    "agreements.column.school": "vestiging",
    "agreements.where.region": "regio {region}",
    "agreements.where.part": "{where}, deel {part}",
    "agreements.where.row": "rij {row} ({region} / {part})",
    "agreements.where.row_region": "rij {row} (regio {region})",
    "agreements.where.label": "{region} / {part}",
    "agreements.share.not_number": "{where}: het aandeel is geen getal",
    "agreements.share.range": "{where}: een aandeel ligt tussen 0 en 1 (0 % en 100 %)",
    "agreements.share.fix": (
        "schrijf het aandeel als breuk (0,75 of 3/4) of als percentage (75 %)"
    ),
    "agreements.share.none": "{where}: geen aandeel opgegeven",
    "agreements.share.none_fix": "geef het aandeel van dit deel op, bijvoorbeeld 0,75 of 75 %",
    "agreements.share.conflict": "{where}: een ander aandeel dan op rij {row}",
    "agreements.share.conflict_fix": "geef het aandeel één keer per regio en deel op",
    "agreements.shares.short": "de aandelen komen samen op {total}, {diff} te weinig",
    "agreements.shares.too_much": "de aandelen komen samen op {total}, {diff} te veel",
    "agreements.shares.points.one": "{n} procentpunt",
    "agreements.shares.points.many": "{n} procentpunt",
    "agreements.shares.fix": (
        "zorg dat de aandelen van de technische profielen en de overige techniek samen precies "
        "100 % zijn"
    ),
    "agreements.amount.not_number": "{where}: het bedrag is geen getal",
    "agreements.amount.not_cents": "{where}: het bedrag is geen heel aantal centen",
    "agreements.amount.negative": "{where}: het bedrag is negatief",
    "agreements.amount.fix": (
        "schrijf het bedrag in euro's met hoogstens twee decimalen, bijvoorbeeld 1.234,56"
    ),
    "agreements.method.unknown": "{where}: onbekende verdeelwijze",
    "agreements.method.fix": (
        "gebruik 'naar rato', 'gelijke delen' of 'bedragen' (in het Engels 'pro_rata', "
        "'equal' of 'explicit')"
    ),
    "agreements.method.conflict": "{where}: een andere verdeelwijze dan op een eerdere rij",
    "agreements.method.conflict_fix": "geef één verdeelwijze per regio en deel op",
    "agreements.method.none": "{where}: geen verdeelwijze opgegeven",
    "agreements.part.unknown": "{where}: onbekend deel",
    "agreements.part.fix": (
        "gebruik 'technisch' of 'overig' (in het Engels 'technical' of 'other')"
    ),
    "agreements.part.twice": "{where}: dit deel staat er twee keer",
    "agreements.part.twice_fix": "geef elk deel één keer op",
    "agreements.explicit.no_amounts": (
        "{where}: verdeelwijze 'vaste bedragen', maar er staan geen bedragen per vestiging"
    ),
    "agreements.explicit.no_amounts_fix": (
        "geef per vestiging een bedrag op, of verdeel naar rato of in gelijke delen"
    ),
    "agreements.explicit.amounts_with_method": (
        "{where}: er staan bedragen per vestiging, maar de verdeelwijze is {method}"
    ),
    "agreements.explicit.amounts_with_method_fix": (
        "kies de verdeelwijze 'vaste bedragen' (explicit), of haal de bedragen weg"
    ),
    "agreements.explicit.total": (
        "{where}: de vaste bedragen komen samen op {given}, maar dit deel is {part} ({share} "
        "van {total}): {diff} {how}"
    ),
    "agreements.explicit.too_much": "te veel",
    "agreements.explicit.short": "te weinig",
    "agreements.explicit.total_fix": (
        "zorg dat de bedragen samen precies het bedrag van dit deel zijn"
    ),
    "agreements.school.twice": "{where}: deze vestiging staat er twee keer",
    "agreements.school.twice_fix": "noem elke vestiging één keer",
    "agreements.school.not_in_table": (
        "{where}: vestiging {code} staat niet in de scholentabel, dus niet in regio {region}"
    ),
    "agreements.school.in_no_region": (
        "{where}: vestiging {code} zit in geen enkele regio, dus niet in regio {region}"
    ),
    "agreements.school.in_other_region": (
        "{where}: vestiging {code} zit in regio {other}, niet in regio {region}"
    ),
    "agreements.school.outside_fix": "noem alleen vestigingen van regio {region}",
    "agreements.shared.nobody": (
        "{where}: {amount} verdelen ({method}) over geen enkele vestiging"
    ),
    "agreements.shared.no_pupils": (
        "{where}: {amount} verdelen ({method}) over vestigingen zonder getelde leerlingen"
    ),
    "agreements.shared.fix": (
        "noem vestigingen met getelde leerlingen, of verdeel in gelijke delen of met vaste bedragen"
    ),
    "agreements.region.unknown": (
        "{where}: een afspraak voor regio {region}, maar die is niet een van de {n} regio's{hint}"
    ),
    "agreements.region.did_you_mean": "; bedoelt u {names}?",
    "agreements.region.and_more": "{listed} en nog {n}",
    "agreements.region.fix": "gebruik een regionaam uit het voorstel (regio's: {known})",
    "agreements.region.none": "geen",
    "agreements.region.second": (
        "{where}: een tweede afspraak voor regio {region} (de eerste staat bij {first})"
    ),
    "agreements.region.second_fix": "geef per regio één afspraak",
    "agreements.toml.invalid": "geen geldige TOML: {error}",
    "agreements.toml.invalid_fix": "controleer aanhalingstekens, haakjes en '='-tekens",
    "agreements.toml.not_table": (
        "{where}: hier hoort een tabel per regio, maar er staat een waarde"
    ),
    "agreements.toml.not_table_fix": (
        "schrijf [{region}] en daaronder [{region}.technical] en [{region}.other]"
    ),
    "agreements.toml.unknown_key": "{where}: onbekende sleutel {key}",
    "agreements.toml.unknown_key_fix": "gebruik de deeltabellen technical en other",
    "agreements.toml.part_not_table": ("{where}: hier hoort een tabel met aandeel en verdeelwijze"),
    "agreements.toml.part_not_table_fix": (
        'schrijf {table} met share = 0.75 en method = "pro_rata"'
    ),
    "agreements.toml.unknown_part_key": "{where}: onbekende sleutel {key}",
    "agreements.toml.unknown_part_key_fix": "toegestane sleutels: {keys}",
    "agreements.toml.amounts_not_table": (
        "{where}: bij amounts hoort een tabel van vestigingscode = euro's"
    ),
    "agreements.toml.amounts_not_table_fix": "schrijf amounts = {example}",
    "agreements.table.missing_column": "verplichte kolom {column} ontbreekt",
    "agreements.table.missing_column_fix": (
        "geef de kolommen regio, deel, aandeel, methode, vestiging en bedrag (of region, part, "
        "share, method, school, amount); vestiging en bedrag mogen leeg blijven"
    ),
    "agreements.table.no_region": "geen regio opgegeven",
    "agreements.table.no_region_fix": "vul de naam van de regio in",
    "agreements.table.unknown_part": "onbekend of ontbrekend deel",
    "agreements.table.amount_without_school": "{where}: een bedrag zonder vestiging",
    "agreements.table.amount_without_school_fix": (
        "noem de vestiging (haar code van 6 tekens) waarvoor het bedrag is"
    ),
    "agreements.file.missing": "het bestand bestaat niet",
    "agreements.file.missing_fix": "controleer het pad",
    "agreements.file.empty": "het bestand bevat geen enkele afspraak",
    "agreements.file.empty_fix": "geef per regio een tabel of een rij",
    "agreements.note.technical_without_profile": (
        "krijgt geld voor de technische profielen, maar heeft zelf geen leerlingen in een "
        "technisch profiel"
    ),
    # --- een tabel lezen: CSV of Excel (regionkit._io) ------------------------------------------
    "read.missing": "het bestand bestaat niet",
    "read.missing_fix": "controleer het pad",
    "read.folder": "dit is een map, geen bestand",
    "read.folder_fix": "geef een bestand op",
    "read.excel": "het Excel-bestand kan niet worden gelezen: {error}",
    "read.excel_fix": "open het in Excel en sla het opnieuw op als .xlsx, of exporteer het als CSV",
    "read.empty": "het bestand is leeg",
    "read.empty_fix": "geef een tabel met een kopregel",
    "read.parse": (
        "het bestand kan niet worden gelezen als tabel met scheidingsteken {sep}: {error}"
    ),
    "read.parse_fix": "controleer dat elke rij evenveel velden heeft als de kopregel",
    "read.no_columns": "het bestand heeft geen kolommen",
    "read.no_columns_fix": "geef een tabel met een kopregel",
    "read.binary.zip": "het bestand is een zip-archief (een Excel-werkmap?), geen teksttabel",
    "read.binary.zip_fix": (
        "geef een Excel-bestand de extensie .xlsx, of exporteer het blad als CSV (UTF-8)"
    ),
    "read.binary.utf16": (
        "het bestand is UTF-16-tekst zonder byte-order mark (verkeerde codering)"
    ),
    "read.binary.utf16_fix": (
        "sla het op als CSV UTF-8 (in Excel: 'CSV UTF-8 (door komma's gescheiden)')"
    ),
    "read.binary.other": "het bestand is geen teksttabel (het bevat binaire gegevens)",
    "read.binary.other_fix": (
        "sla het op als CSV (UTF-8), of geef een Excel-bestand de extensie .xlsx"
    ),
    "read.one_column": (
        "de kopregel is één kolom ({header}): de waarden zijn gescheiden door {found}, niet "
        "door {sep}"
    ),
    "read.one_column_fix_given": "geef --sep {found}",
    "read.one_column_fix": "geef het scheidingsteken met --sep",
    "read.extra_values": (
        "deze rij heeft {n} waarden, de kopregel {k}: een waarde voorbij de laatste kolom zou "
        "de rij verschuiven"
    ),
    "read.extra_values_fix": (
        "zet een waarde waarin het scheidingsteken staat tussen dubbele aanhalingstekens, of "
        "verwijder het extra scheidingsteken"
    ),
    "read.extra_values.head.one": "{n} rij van {file} met meer waarden dan de kopregel",
    "read.extra_values.head.many": "{n} rijen van {file} met meer waarden dan de kopregel",
    "read.no_sheet": "de werkmap heeft geen blad {sheet}",
    "read.no_sheet_fix": "kies een van de bladen: {listed} (op naam, of op nummer vanaf 0)",
    "read.merged": (
        "cellen {cells} zijn samengevoegd (blad {sheet}): alleen de eerste bevat de waarde, de "
        "andere worden als leeg gelezen"
    ),
    "read.merged_fix": "maak het samenvoegen ongedaan en schrijf de waarde in elke cel",
    "read.formula": (
        "cel {cell} bevat een formule ({formula}) waarvan het resultaat niet in het bestand is "
        "opgeslagen"
    ),
    "read.formula_fix": (
        "open het bestand in Excel of LibreOffice en sla het op (dan worden de resultaten "
        "bewaard), of plak de waarden in plaats van de formules"
    ),
    "read.sheet_note": (
        "; gelezen van blad {sheet}, de werkmap heeft ook {others}: kies met --sheet"
    ),
    # --- een voorstel lezen (regionkit.proposal) -------------------------------------------------
    "proposal.columns_unusable.one": "{n} probleem in {file}: de kolommen zijn niet bruikbaar",
    "proposal.columns_unusable.many": "{n} problemen in {file}: de kolommen zijn niet bruikbaar",
    "proposal.columns_none": "geen",
    "proposal.no_region": "geen kolom met regio's",
    "proposal.no_region_fix": (
        "noem de kolom met regionamen 'regio' of 'region' (gevonden kolommen: {listed})"
    ),
    "proposal.no_code": "geen kolom met vestigingscodes",
    "proposal.no_code_fix": (
        "noem de kolom met vestigingscodes van 6 tekens 'code' of 'vestigingscode' (of geef "
        "'brin' en 'vestigingsnummer'){hint} (gevonden kolommen: {listed})"
    ),
    "proposal.no_code_by_name": (
        "; een lijst met schoolnamen en plaatsen is op te lossen met --by-name"
    ),
    "proposal.no_name": "geen kolom met schoolnamen",
    "proposal.no_name_fix": (
        "noem de kolom met schoolnamen 'naam' of 'name' (gevonden kolommen: {listed})"
    ),
    "proposal.no_names": "het bestand noemt geen namen",
    "proposal.no_names_fix": "vul de kolom met namen",
    "proposal.no_rows": "het bestand heeft een kopregel maar geen rijen",
    "proposal.no_rows_fix": (
        "geef een rij per school (regio, code) en per partner (regio, rol, naam)"
    ),
    "proposal.region_empty": "de regionaam is leeg",
    "proposal.region_empty_fix": "schrijf op elke rij de naam van de regio",
    "proposal.name_only": "een rij met een naam maar zonder code of rol",
    "proposal.name_only_fix": (
        "geef de vestigingscode van de school, of de rol (mbo, bedrijf, overheid) van een partner"
    ),
    "proposal.partner_nameless": "een partner ({role}) zonder naam",
    "proposal.partner_nameless_fix": (
        "schrijf de naam van de instelling, het bedrijf of de overheid"
    ),
    "proposal.code_empty": "de vestigingscode is leeg",
    "proposal.code_empty_fix": "schrijf de vestigingscode van 6 tekens{by_name}",
    "proposal.code_empty_by_name": ", of zoek namen en plaatsen op met --by-name",
    "proposal.code_malformed": "onjuiste vestigingscode",
    "proposal.code_fix.generic": (
        "schrijf de vestigingscode van 6 tekens: BRIN (2 cijfers, 2 letters) + vestigingsnummer "
        "(2 cijfers)"
    ),
    "proposal.code_fix.zero": (
        "de voorloopnul is waarschijnlijk weggevallen (een spreadsheet doet dat): schrijf {code}"
    ),
    "proposal.code_fix.zero_known": "{code} (een bekende school)",
    "proposal.code_fix.brin": (
        "{code} is een BRIN-code (van de instelling): voeg het vestigingsnummer van 2 cijfers "
        "toe{listed}"
    ),
    "proposal.code_fix.branches": "; bekende vestigingen: {branches}",
    "proposal.code_fix.one_digit": (
        "het vestigingsnummer heeft één cijfer: schrijf {code} voor vestiging {branch}"
    ),
    "proposal.name.ambiguous": "de schoolnaam past bij meerdere scholen",
    "proposal.name.unmatched": "de schoolnaam past bij geen enkele school",
    "proposal.name_fix": "schrijf de vestigingscode in een kolom 'code'{closest}",
    "proposal.name_closest": "; het meest gelijkend: {listed}",
    "proposal.twice": (
        "school {code} staat twee keer in regio {region} (de eerste keer op rij {first})"
    ),
    "proposal.twice_fix": "verwijder een van de twee rijen",
    "proposal.case": ("regionamen verschillen alleen in hoofdletters of spaties: {names}"),
    "proposal.case_fix": "schrijf de regio op elke rij op dezelfde manier",
    # --- geld: opmerkingen bij de cijfers (regionkit.funding) -----------------------------------
    "funding.note.no_school": "geen vmbo/vso-vestiging: er telt niets",
    "funding.note.no_pupils": "geen getelde leerlingen: geen subsidie",
    "funding.note.no_denominator": (
        "geen BB/KB/GL-leerlingen in leerjaar 3-4: technisch aandeel onbepaald, niet techniekarm"
    ),
    "funding.note.suppressed_region": (
        "{n} afgeschermde telling(en) (<5) geteld als {value}; bovengrens +{max} per telling"
    ),
    "funding.note.not_counted_kind": (
        "praktijkonderwijs of ander soort: leerlingen tellen niet voor geld"
    ),
    "funding.note.no_region": "in geen regio: telt nergens",
    "funding.note.unnamed": (
        "{n} afgeschermde telling(en) niet genoemd in suppressed_columns: "
        "de bovengrens telt ze als BB/KB-leerlingen"
    ),
    "funding.note.unassigned": (
        "{n} vmbo/vso-vestiging(en) in geen regio: hun leerlingen tellen nergens"
    ),
    "funding.note.suppressed": (
        "{n} afgeschermde telling(en) (<5) geteld als {value}; bovengrens +{max} per telling"
    ),
    "funding.note.techniekarm_region": (
        "techniekarm: {share} van de leerlingen in BB/KB/GL leerjaar 3 en 4 zit in een technisch "
        "profiel (drempel {threshold}); een techniekarme regio kreeg alleen subsidie als ze zich "
        "vóór 1 november 2018 als techniekarm had aangemeld, en dong dan mee naar een apart "
        "budget (EUR 90 mln over 2020-2023) in plaats van naar het bedrag per leerling in deze "
        "tabel"
    ),
    "funding.note.techniekarm": (
        "{n} techniekarme regio('s) (minder dan {threshold} van de BB/KB/GL-leerlingen in "
        "leerjaar 3 en 4 in een technisch profiel): {regions}. Techniekarme regio's moesten zich "
        "vóór 1 november 2018 als zodanig aanmelden en dongen mee naar een eigen budget (EUR 90 "
        "mln over 2020-2023); zonder melding geen subsidie"
    ),
    "funding.note.other_technique_region": (
        "{n} leerlingen in techniekprogramma's buiten de vijf profielen (zoals de "
        "Vakmanschapsroute Techniek); die tellen niet voor het geld"
    ),
    "funding.note.other_technique_counted": (
        "{n} leerlingen in techniekprogramma's buiten de vijf profielen tellen in deze analyse "
        "mee voor het geld (instelling count_other_technique; de regeling telt alleen de vijf "
        "profielen)"
    ),
    "funding.note.other_technique": (
        "{n} leerlingen in leerjaar 3 en 4 volgen techniek buiten de vijf profielen (zoals de "
        "Vakmanschapsroute Techniek); volgens de regeling tellen ze niet voor het geld "
        "(instelbaar met count_other_technique)"
    ),
    "funding.note.vso_region": (
        "{n} vso-vestiging(en): DUO publiceert geen vso-tellingen per vestiging, dus hun "
        "leerlingen in een technisch profiel ontbreken in deze cijfers"
    ),
    "funding.note.vso": (
        "{n} vso-vestigingen doen mee zonder leerlingentelling: DUO publiceert geen "
        "vso-tellingen per vestiging, dus vso-leerlingen in een technisch profiel tellen hier "
        "niet mee"
    ),
    "funding.note.change": (
        "Techn. t.o.v. {year}: hoeveel leerlingen er op dezelfde vestigingen meer of minder in "
        "een technisch profiel zitten dan op 1 oktober {year} ({then} toen, {now} nu). Alle "
        "techniekleerlingen samen, ook buiten de profielen: {then_all} toen, {now_all} nu "
        "(kolom technique_change in de tabellen)"
    ),
    "funding.note.technical_without_profile": (
        "{n} vestiging(en) krijgen volgens de verdeelafspraak geld voor de technische profielen "
        "zonder zelf leerlingen in een technisch profiel te hebben: {schools}; controleer of dat "
        "zo bedoeld is"
    ),
    "funding.note.gl_weight": (
        "gl_weight {weight} wijkt af van rate_gl / rate_bb_kb ({ratio}): BB/KB-equivalenten "
        "en geld wegen GL-leerlingen verschillend"
    ),
    # --- geld: vergelijking met de landelijke cijfers van het programma -------------------------
    "funding.sanity.counted": (
        "BB/KB-equivalente getelde leerlingen (telling {date}): {eq} (BB/KB {bb} + GL {gl} x "
        "{weight}); programma: ongeveer {ref} voor de telling van {year}: {diff}"
    ),
    "funding.sanity.budget": (
        "Maximale subsidie over {years} jaar: {eur}; landelijk budget {budget}: {diff} ({pct})"
    ),
    "funding.sanity.budget_pupils": (
        "Het budget komt overeen met {n} BB/KB-equivalente leerlingen tegen {rate} "
        "(programma: ongeveer {ref})"
    ),
    "funding.sanity.technical_2019": (
        "Leerlingen in een technisch profiel (DUO 1 okt 2019): leerjaar 3 {lj3}, leerjaar 4 "
        "{lj4}, {n} vestigingen; referentie (DUO-cijfers, docs/DOMAIN.md): {r3}, {r4}, {rn}: "
        "{d3}, {d4}, {dn}"
    ),
    "funding.sanity.technical_2017": (
        "Vestigingen met leerlingen in een technisch profiel (DUO 1 okt 2017): {n}; programma: "
        "{ref} van de {beroeps} vmbo-vestigingen met beroepsgericht onderwijs in 2017/18: {diff}"
    ),
    "funding.sanity.share": (
        "Landelijk aandeel technische profielen: {share} van {den} leerlingen "
        "(volgens DUO-cijfers landelijk ongeveer {ref})"
    ),
    "funding.sanity.regions": (
        "De {r} regio's tellen {eq} van de {all} BB/KB-equivalente leerlingen ({pct}); "
        "{u} vmbo/vso-vestigingen in geen regio"
    ),
    # --- kaarten: namen, legenda's, panelen en popups (regionkit.maps, assets/map.js) ----------
    "map.title_proposal": "Regio's Sterk Techniekonderwijs: voorstel",
    "map.title_division": "Indeling in {division}",
    "map.title_comparison": "Vergelijking: {a} (lijnen) en {b} (vlakken)",
    "map.subtitle": (
        "{schools} scholen in {regions} regio's, {none} zonder regio · leerlingen DUO, {date}"
    ),
    "map.source": (
        "Bron: DUO (leerlingen {date}); CBS / Kadaster (gemeenten); Natural Earth (buurlanden)"
    ),
    "map.label_propose": "regionkit-voorstel",
    "map.division_nodal": "nodale gebieden",
    "map.division_rmc": "RMC-regio's",
    "map.division_corop": "COROP-gebieden",
    "map.division_education_area": "onderwijsgebieden",
    "map.fill": "Kleur van de regio's",
    "map.fill_region": "Per regio",
    "map.fill_counted": "Getelde leerlingen",
    "map.fill_subsidy": "Maximale subsidie",
    "map.fill_techniekarm": "Techniekarm",
    "map.layer_schools": "Scholen",
    "map.layer_errors": "Fouten",
    "map.layer_warnings": "Waarschuwingen",
    "map.layer_info": "Info",
    "map.layer_region_names": "Regionamen",
    "map.layer_places": "Plaatsnamen",
    "map.layer_borders": "Gemeente- en provinciegrenzen",
    "map.layer_techniekarm": "Techniekarme regio's (gestreepte rand)",
    "map.layer_moved": "Verplaatste scholen",
    "map.layer_other": "Grenzen van {a}",
    "map.layers": "Kaartlagen",
    "map.legend": "Legenda",
    "map.legend_regions": (
        "Kleur: regio ({n} kleuren; buurregio's hebben nooit dezelfde kleur, regio's verder "
        "uit elkaar soms wel). Naam: zie de regio zelf of de lijst."
    ),
    "map.legend_inferred": (
        "Lichter: gemeente zonder school, ingedeeld bij de buurgemeente met de langste "
        "gedeelde grens ({n} gemeenten)."
    ),
    "map.legend_drawn_gemeenten": (
        "Gebieden getekend als gemeenten (CBS 2021) waarvan de scholen in dat gebied liggen."
    ),
    "map.legend_drawn_cells": (
        "Gebieden getekend als de gebieden rond de scholen (Voronoi, begrensd door het land): "
        "de indeling volgt niet overal gemeentegrenzen."
    ),
    "map.legend_size": "Grootte: getelde leerlingen",
    "map.legend_no_region": "geen regio",
    "map.legend_two_regions": "school in twee regio's (twee ringen)",
    "map.legend_no_counted": "geen getelde leerlingen",
    "map.legend_error": "fout: de regio voldoet niet aan een regel",
    "map.legend_warning": "waarschuwing: nakijken",
    "map.legend_info": "info",
    "map.legend_split": "lijn: scholen binnen {km} km in verschillende regio's",
    "map.legend_moved": "ring: school in een andere regio dan bij {a}",
    "map.legend_other": "lijn: grens van {a}",
    "map.legend_techniekarm": "gestreepte rand: techniekarme regio",
    "map.legend_borders": "dunne lijn: gemeente, dikkere lijn: provincie",
    "map.region": "Regio",
    "map.regions": "Regio's",
    "map.no_region": "geen regio",
    "map.code": "Code",
    "map.address": "Adres",
    "map.gemeente": "Gemeente",
    "map.kind": "Soort",
    "map.leerwegen": "Leerwegen (lj 3-4)",
    "map.profiles": "Technische profielen",
    "map.none": "geen",
    "map.profile": "Profiel",
    "map.total": "Totaal",
    "map.counted": "Getelde leerlingen",
    "map.counted_note": "techniek, lj 3+4, BB/KB + GL × {w}",
    "map.schools": "Scholen",
    "map.n_schools": "Scholen",
    "map.n_technical": "met technisch profiel",
    "map.max_subsidy": "Max. subsidie (4 jaar)",
    "map.per_year": "gemiddeld per jaar",
    "map.change": "Technische leerlingen t.o.v. {year}",
    "map.change_value": "{then} toen, {now} nu ({change})",
    "map.vso_note": (
        "Vso-school: DUO publiceert geen vso-tellingen per vestiging, dus haar leerlingen in een "
        "technisch profiel tellen op deze kaart niet mee."
    ),
    "map.other_technique_note": (
        "Techniek buiten de vijf profielen: {programmes} ({n} leerlingen in leerjaar 3 en 4; "
        "ze tellen niet voor het geld)."
    ),
    "map.technical_share": "Aandeel techniek",
    "map.techniekarm": "Techniekarm",
    "map.yes": "ja",
    "map.no": "nee",
    "map.findings": "Bevindingen",
    "map.n_findings": "Bevindingen",
    "map.col_counted": "Getelde leer\u00adlingen",
    "map.col_techniekarm": "Tech\u00adniek\u00adarm",
    "map.col_findings": "Bevin\u00addingen",
    "map.severity": "Ernst",
    "map.message": "Bevinding",
    "map.severity_error": "fout",
    "map.severity_warning": "waarschuwing",
    "map.severity_info": "info",
    "map.no_findings": "Geen bevindingen.",
    "map.moved_from_to": "Van {a} naar {b}",
    "map.in_regions": "In {n} regio's",
    "map.zoom_to": "Toon op de kaart",
    "map.search": "Zoek school, plaats of regio",
    "map.search_none": "Niets gevonden",
    "map.search_more": "{shown} van {total} getoond; typ verder om te verfijnen",
    "map.search_region": "regio",
    "map.search_place": "plaats",
    "map.panel_regions": "Regio's ({n})",
    "map.panel_findings": "Bevindingen ({n})",
    "map.panel_close": "Paneel sluiten",
    "map.panel_open": "Lijsten",
    "map.sort_by": "Sorteer op {column}",
    "map.download": "Download CSV",
    "map.download_regions": "Regio's als CSV",
    "map.download_findings": "Bevindingen als CSV",
    "map.print": "Afdrukken",
    "map.link": "Link naar deze weergave",
    "map.link_copied": "Link gekopieerd",
    "map.zoom_in": "Inzoomen",
    "map.zoom_out": "Uitzoomen",
    "map.fullscreen_on": "Volledig scherm",
    "map.fullscreen_off": "Volledig scherm sluiten",
    "map.map_label": "Kaart van de regio's",
    "map.close_popup": "Sluiten",
    "map.setting_note": (
        "{value} is een instelling van deze analyse (instelbaar), geen norm van de regeling"
    ),
    "map.month_1": "januari",
    "map.month_2": "februari",
    "map.month_3": "maart",
    "map.month_4": "april",
    "map.month_5": "mei",
    "map.month_6": "juni",
    "map.month_7": "juli",
    "map.month_8": "augustus",
    "map.month_9": "september",
    "map.month_10": "oktober",
    "map.month_11": "november",
    "map.month_12": "december",
    # --- opdrachtregel: regionkit fund ----------------------------------------------------------
    "cli.fund.title": (
        "Financiering per regio: {source} (telling {count_date}, datajaar {data_year})"
    ),
    "cli.fund.listed_twice": (
        "vestiging {code} staat in {n} regio's ({regions}); telt één keer mee, in {first}"
    ),
    "cli.fund.col.region": "Regio",
    "cli.fund.col.schools": "Vest.",
    "cli.fund.col.bb_kb": "BB/KB",
    "cli.fund.col.gl": "GL",
    "cli.fund.col.equivalent": "BB/KB-eq.",
    "cli.fund.col.max_4y": "Max. 4 jaar",
    "cli.fund.col.per_year": "Gem./jaar",
    "cli.fund.col.cofinancing": "Cofinanc.",
    "cli.fund.col.technical": "Techn.",
    "cli.fund.col.techniekarm": "Techniekarm",
    "cli.fund.col.change": "Techn. t.o.v. {year}",
    "cli.source.division": "de {name}",
    "division.nodal": "nodale gebieden van DUO",
    "division.rmc": "RMC-regio's",
    "division.corop": "COROP-gebieden",
    "division.education_area": "onderwijsgebieden van DUO",
    "cli.fund.totals.schools": "{n} vestigingen",
    "cli.fund.totals.bb_kb": "BB/KB {n}",
    "cli.fund.totals.gl": "GL {n}",
    "cli.fund.totals.equivalent": "BB/KB-equivalent {n}",
    "cli.fund.totals.max_4y": "maximaal {amount} over de periode",
    "cli.fund.totals.per_year": "gemiddeld {amount} per jaar",
    "cli.fund.totals.cofinancing": "cofinanciering {amount}",
    "cli.fund.totals.technical": "technisch aandeel {share}",
    "cli.fund.totals.regions": "Totaal {n} regio's ({k} techniekarm)",
    "cli.fund.totals.all": "Alle vmbo/vso-vestigingen",
    "cli.fund.split": "Verdeling volgens afspraak:",
    "cli.fund.split.col.region": "Regio",
    "cli.fund.split.col.code": "Code",
    "cli.fund.split.col.name": "Naam",
    "cli.fund.split.col.technical": "Techn. profielen",
    "cli.fund.split.col.other": "Overige techniek",
    "cli.fund.split.col.total": "Totaal",
    "cli.fund.sanity": (
        "Vergelijking met de landelijke cijfers van het programma en van DUO (docs/DOMAIN.md):"
    ),
    "cli.fund.notes": "Opmerkingen:",
    # --- opdrachtregel: regionkit propose en regionkit run ----------------------------------------
    "cli.wrote": "geschreven: {paths}",
    "cli.wrote_size": "geschreven: {path} ({size} MB)",
    "cli.propose.head": "{n} regio's ({method}) van {schools} scholen{unassigned}",
    "cli.propose.unassigned": ", {n} in geen regio",
    "cli.propose.floors": (
        "ondergrenzen (instellingen van deze analyse): {pupils} getelde leerlingen, {technical} "
        "scholen met een technisch profiel"
    ),
    "cli.propose.under_floor": (
        "onder een ondergrens: {n} (getelde leerlingen {pupils}, scholen met een technisch "
        "profiel {technical})"
    ),
    "cli.propose.disconnected": "niet aaneengesloten: {n}; verbonden over water: {water}",
    "cli.propose.diameter": (
        "doorsnede: gemiddeld {mean} km, grootste {largest} km; SSE {sse} km²"
    ),
    "cli.propose.close_split": ("paren scholen binnen {km} km gesplitst: {n} van {k} ({share})"),
    "cli.propose.ari": "overeenkomst met de officiële indeling (ARI): {ari}",
    "cli.propose.towns_split": "plaatsen verdeeld over regio's: {n}{towns}",
    "cli.propose.own_check": (
        "volgens regionkit check: te klein {too_small}; deel van een groter geheel {wholes}"
    ),
    "cli.propose.note": "opmerking: {note}",
    "cli.propose.more_notes": "... en nog {n} opmerkingen (allemaal met --json)",
    "cli.run.regions": (
        "regio's uit {source}: {regions} regio's, {assigned} van de {schools} scholen in een regio"
    ),
    "cli.run.findings": "bevindingen: {findings}",
    "cli.run.none": "geen",
    "cli.run.money.one": ("maximale subsidie: {amount} over de periode; {n} techniekarme regio"),
    "cli.run.money.many": ("maximale subsidie: {amount} over de periode; {n} techniekarme regio's"),
    "cli.run.outputs": "uitvoer in {folder} ({n} bestanden, {seconds} s)",
    "cli.run.national_map": "landelijke kaart: {path}",
    # --- opdrachtregel: regionkit check ---------------------------------------------------------
    "cli.check.title": "Controle van {source}: {regions} regio's, {schools} scholen",
    "cli.check.count.error.one": "{n} fout",
    "cli.check.count.error.many": "{n} fouten",
    "cli.check.count.warning.one": "{n} waarschuwing",
    "cli.check.count.warning.many": "{n} waarschuwingen",
    "cli.check.count.info.one": "{n} melding",
    "cli.check.count.info.many": "{n} meldingen",
    "cli.check.rule": "Regel",
    "cli.check.error": "fouten",
    "cli.check.warning": "waarschuwingen",
    "cli.check.info": "meldingen",
    "cli.check.more": "... en nog {more}; alles staat in {where}",
    "cli.check.use_out": "findings.csv (gebruik --out)",
    # --- opdrachtregel: regionkit compare (regionkit.compare) -----------------------------------
    "compare.regions.one": "{n} regio",
    "compare.regions.many": "{n} regio's",
    "compare.schools.one": "{n} school in beide",
    "compare.schools.many": "{n} scholen in beide",
    "compare.head": "{a} ({regions_a}) tegenover {b} ({regions_b}): {schools}",
    "compare.ari": "aangepaste Rand-index (ARI)",
    "compare.nmi": "genormaliseerde wederzijdse informatie (NMI)",
    "compare.pairs": "gekoppelde paren regio's",
    "compare.moved": "verplaatste scholen",
    "compare.only_in": "alleen in {side}",
    "compare.split": "gesplitste regio's van {a}",
    "compare.merged": "samengevoegde regio's in {b}",
    "compare.split.title": "Gesplitste regio's van {a} (delen in {b}):",
    "compare.merged.title": "Samengevoegde regio's van {b} (delen uit {a}):",
    "compare.more": "... en nog {n}",
    # --- opdrachtregel: regionkit match ---------------------------------------------------------
    "cli.match.status.exact": "exact",
    "cli.match.status.fuzzy": "bij benadering",
    "cli.match.status.ambiguous": "meerdere kandidaten",
    "cli.match.status.unmatched": "niet gevonden",
    "cli.match.row": "{status} rij {row}: {name}",
    "cli.match.found": "{status} rij {row}: {name} -> {code} {school}, score {score}",
    "cli.match.candidate": "{code} {school}, score {score}",
    # --- opdrachtregel: regionkit schools (regionkit.schools) ----------------------------------
    "cli.schools.bundled": "de meegeleverde tabel van DUO van 1 oktober {year}",
    "schools.head": "Scholen: {n} ({kinds})",
    "schools.head_source": "Scholen: {n} ({kinds}) uit {source}",
    "schools.profiles": (
        "met een technisch profiel: {with_profile}, zonder: {without} (vmbo); daarvan zonder "
        "profiel maar met techniek buiten de profielen: {other} (leerlingen in lj3/4: {pupils}, "
        "tellen niet mee voor het geld)"
    ),
    "schools.pupils": (
        "leerlingen in een technisch profiel: {lj3} in leerjaar 3, {lj4} in leerjaar 4"
    ),
    "schools.pupils_share": (
        "leerlingen in een technisch profiel: {lj3} in leerjaar 3, {lj4} in leerjaar 4 ({share} "
        "van alle BB/KB/GL-leerlingen in lj3/4)"
    ),
    "schools.counted": (
        "getelde leerlingen: {bb_kb} BB/KB + {gl} GL = {weighted} BB/KB-equivalent (een "
        "GL-leerling telt voor {weight})"
    ),
    "schools.col.province": "Provincie",
    "schools.col.schools": "scholen",
    "schools.col.technical": "technisch",
    "schools.col.other": "overig",
    "schools.col.weighted": "gewogen",
    "schools.total": "Totaal",
    "schools.legend": (
        "(technisch/overig: vmbo-scholen met/zonder technisch profiel; vso: geen "
        "leerlingaantallen; BB/KB, GL: getelde leerlingen)"
    ),
    "schools.precision": "Nauwkeurigheid van de ligging: {items}",
    "schools.precision.address": "adres",
    "schools.precision.pc6": "pc6",
    "schools.precision.pc4": "pc4",
    "schools.precision.place": "plaats",
    "schools.precision.unknown": "onbekend",
    "schools.unknown_province": "(onbekend)",
    "schools.warnings": "Waarschuwingen over de gegevens:",
    "schools.warnings_none": "Waarschuwingen over de gegevens: geen",
    "schools.codes_more": "{codes} en nog {n}",
    "schools.warning.vso.one": (
        "{n} vso-school staat in de tabel zonder leerlingaantallen: DUO publiceert geen "
        "vso-aantallen per vestiging naar leerjaar of profiel, dus ze kan in een regio, maar "
        "telt in deze cijfers geen getelde leerlingen (en geen geld) mee"
    ),
    "schools.warning.vso.many": (
        "{n} vso-scholen staan in de tabel zonder leerlingaantallen: DUO publiceert geen "
        "vso-aantallen per vestiging naar leerjaar of profiel, dus ze kunnen in een regio, maar "
        "tellen in deze cijfers geen getelde leerlingen (en geen geld) mee"
    ),
    "schools.warning.other.one": (
        "{n} leerling in leerjaar 3/4 zit in een programma van de sector Techniek buiten de vijf "
        "profielen (techniekroutes; voor 2019 ook de oude afdelingen): dat maakt een school "
        "geschikt, maar telt niet mee voor het geld, tenzij de instellingen dat zeggen"
    ),
    "schools.warning.other.many": (
        "{n} leerlingen in leerjaar 3/4 zitten in programma's van de sector Techniek buiten de "
        "vijf profielen (techniekroutes; voor 2019 ook de oude afdelingen): dat maakt een school "
        "geschikt, maar telt niet mee voor het geld, tenzij de instellingen dat zeggen"
    ),
    "schools.warning.closed.one": (
        "{n} school staat niet in het adressenbestand van DUO (gesloten na de teldatum): geen "
        "adres en geen officiële indelingen; ligging geschat op de plaats: {codes}"
    ),
    "schools.warning.closed.many": (
        "{n} scholen staan niet in het adressenbestand van DUO (gesloten na de teldatum): geen "
        "adres en geen officiële indelingen; ligging geschat op de plaats: {codes}"
    ),
    "schools.warning.imprecise.one": (
        "{n} school ligt alleen op postcode (pc4) of plaats vast, tot een paar km ernaast: {codes}"
    ),
    "schools.warning.imprecise.many": (
        "{n} scholen liggen alleen op postcode (pc4) of plaats vast, tot een paar km ernaast: "
        "{codes}"
    ),
    "schools.warning.divisions.one": (
        "{n} school heeft geen officiële indelingen (nodaal gebied, RMC, COROP): {codes}"
    ),
    "schools.warning.divisions.many": (
        "{n} scholen hebben geen officiële indelingen (nodaal gebied, RMC, COROP): {codes}"
    ),
    "schools.warning.suppressed.one": (
        "{n} school heeft aantallen die als '<5' zijn afgeschermd (cellen: {cells}), geteld als "
        "0 (haar aantallen zijn ondergrenzen): {codes}"
    ),
    "schools.warning.suppressed.many": (
        "{n} scholen hebben aantallen die als '<5' zijn afgeschermd (cellen: {cells}), geteld als "
        "0 (hun aantallen zijn ondergrenzen): {codes}"
    ),
    # --- opmerkingen bij een voorstel (regionkit.regionalize, regionkit.logical) ---------------
    "propose.schools.one": "{n} school",
    "propose.schools.many": "{n} scholen",
    "propose.schools_in.one": "{n} school in {places}",
    "propose.schools_in.many": "{n} scholen in {places}",
    "propose.counts.one": "{pupils} getelde leerlingen en {n} school met een technisch profiel",
    "propose.counts.many": ("{pupils} getelde leerlingen en {n} scholen met een technisch profiel"),
    "propose.no_place": "geen plaats",
    "propose.small_part.own.one": (
        "{schools} vormt een apart deel van de nabijheidsgraaf met {counts}: te weinig voor een "
        "regio; blijft een eigen regio, onder de ondergrens (join_small_parts = false)"
    ),
    "propose.small_part.own.many": (
        "{schools} vormen een apart deel van de nabijheidsgraaf met {counts}: te weinig voor een "
        "regio; blijven een eigen regio, onder de ondergrens (join_small_parts = false)"
    ),
    "propose.small_part.joined.one": (
        "{schools} vormt een apart deel van de nabijheidsgraaf (geen verbinding over het water) "
        "met {counts}: te weinig voor een regio, dus gaat ze naar de regio van de "
        "dichtstbijzijnde school, {code} ({place}, {km} km hemelsbreed)"
    ),
    "propose.small_part.joined.many": (
        "{schools} vormen een apart deel van de nabijheidsgraaf (geen verbinding over het water) "
        "met {counts}: te weinig voor een regio, dus gaan ze naar de regio van de "
        "dichtstbijzijnde school, {code} ({place}, {km} km hemelsbreed)"
    ),
    "propose.same_site.moved.one": (
        "{n} school is verplaatst naar de regio van een andere school op dezelfde plek (binnen "
        "{m} m)"
    ),
    "propose.same_site.moved.many": (
        "{n} scholen zijn verplaatst naar de regio van een andere school op dezelfde plek "
        "(binnen {m} m)"
    ),
    "propose.same_site.stuck.one": (
        "{n} plek blijft verdeeld over regio's (binnen {m} m; verplaatsen zou een ondergrens of "
        "de samenhang van een regio breken): {sites}"
    ),
    "propose.same_site.stuck.many": (
        "{n} plekken blijven verdeeld over regio's (binnen {m} m; verplaatsen zou een ondergrens "
        "of de samenhang van een regio breken): {sites}"
    ),
    "propose.over_max.one": (
        "{n} regio blijft boven het plafond van {cap} getelde leerlingen ({regions}): geen "
        "verplaatsing of splitsing houdt de ondergrenzen en de samenhang"
    ),
    "propose.over_max.many": (
        "{n} regio's blijven boven het plafond van {cap} getelde leerlingen ({regions}): geen "
        "verplaatsing of splitsing houdt de ondergrenzen en de samenhang"
    ),
    "propose.time_capped": (
        "de verbeterstap liep tegen haar tijdslimiet van {seconds} s aan ([regions] "
        "time_budget_s): op een snellere of tragere machine kan dit resultaat anders uitvallen"
    ),
    "propose.no_area.one": (
        "{n} school zonder gebied in deze indeling ({codes}) krijgt het gebied van de "
        "dichtstbijzijnde buur"
    ),
    "propose.no_area.many": (
        "{n} scholen zonder gebied in deze indeling ({codes}) krijgen het gebied van hun "
        "dichtstbijzijnde buur"
    ),
    "propose.area_merged.one": (
        "gebied {area} blijft onder een ondergrens en gaat samen met {other} (ze delen {k} "
        "verbinding van de graaf)"
    ),
    "propose.area_merged.many": (
        "gebied {area} blijft onder een ondergrens en gaat samen met {other} (ze delen {k} "
        "verbindingen van de graaf)"
    ),
    "propose.area_split": "gebied {area} is gesplitst in {n} regio's",
    "propose.area_pieces": (
        "gebied {area} hangt niet samen in de nabijheidsgraaf: gesplitst in {n} delen"
    ),
    # --- vastgezette scholen (regionkit.regionalize.read_pins) ----------------------------------
    "pins.no_code": "de tabel met vastgezette scholen heeft geen kolom met de code",
    "pins.no_code_fix": "voeg een kolom 'code' toe met de vestigingscode van 6 tekens",
    "pins.no_region": "de tabel met vastgezette scholen heeft geen kolom met de regio",
    "pins.no_region_fix": (
        "voeg een kolom 'regio' toe met de regio waarin elke school vastgezet wordt"
    ),
    "pins.code_empty": "lege schoolcode",
    "pins.code_empty_fix": "vul de code in",
    "pins.region_empty": "lege regionaam",
    "pins.region_empty_fix": "geef de regio een naam",
    "pins.unknown": "de schoolcode staat niet in de scholentabel",
    "pins.unknown_fix": "controleer de code (BRIN + vestigingsnummer van 2 cijfers)",
    "pins.twice": "school in twee regio's vastgezet ({first} in rij {row} en {second})",
    "pins.twice_fix": "zet elke school in één regio vast",
    "pins.head.one": "{n} probleem met de vastgezette scholen",
    "pins.head.many": "{n} problemen met de vastgezette scholen",
    "pins.head_in.one": "{n} probleem met de vastgezette scholen in {file}",
    "pins.head_in.many": "{n} problemen met de vastgezette scholen in {file}",
    # --- een eigen scholentabel (regionkit.schools, regionkit._codes) ---------------------------
    "schools.error.head.one": "{n} probleem in de scholentabel {file}",
    "schools.error.head.many": "{n} problemen in de scholentabel {file}",
    "schools.error.year": (
        "een jaar ({year}) kiest een van de meegeleverde tabellen, niet een eigen tabel"
    ),
    "schools.error.year_fix": (
        "laat het jaar weg bij een eigen tabel (die is van het jaar dat ze is), of laat de "
        "tabel weg om de meegeleverde van dat jaar te gebruiken"
    ),
    "schools.error.no_file": "het bestand bestaat niet",
    "schools.error.no_file_fix": "controleer het pad",
    "schools.error.geodata": "het bestand is niet te lezen als geodata: {error}",
    "schools.error.geodata_fix": "controleer of het een geldig GeoPackage- of GeoJSON-bestand is",
    "schools.error.crs": "het coördinatenstelsel (CRS) is onbekend",
    "schools.error.crs_fix": (
        'geef een EPSG-code zoals "EPSG:28992" (RD New) of "EPSG:4326" (lat/lon)'
    ),
    "schools.error.axis.wgs84": "breedte- en lengtegraad",
    "schools.error.axis.rd": "x en y",
    "schools.error.swapped_all": (
        "{axis} zijn verwisseld in {n} rijen: de waarden in {a} liggen in het bereik van {b} "
        "en omgekeerd"
    ),
    "schools.error.swapped_all_fix": (
        "verwissel de kolommen {a} en {b} (geef de een de naam van de ander)"
    ),
    "schools.error.swapped": "{axis} lijken verwisseld",
    "schools.error.swapped_fix": "verwissel in deze rij de waarden van {a} en {b}",
    "schools.error.outside.wgs84": (
        "het punt ligt buiten Nederland (breedte 50,7..53,6, lengte 3,2..7,3)"
    ),
    "schools.error.outside.rd": (
        "het punt ligt buiten Nederland (x 0..300.000, y 289.000..629.000 m)"
    ),
    "schools.error.outside_fix.wgs84": (
        "verbeter de coördinaten, of geef hun CRS (crs=...) als het geen WGS84-graden zijn"
    ),
    "schools.error.outside_fix.rd": (
        "verbeter de coördinaten, of geef hun CRS (crs=...) als het geen RD New-meters zijn"
    ),
    "schools.error.no_crs": (
        "het bestand heeft geen CRS, dus de coördinaten zijn niet te plaatsen"
    ),
    "schools.error.no_crs_fix": (
        'sla het op met een CRS, of geef het: crs="EPSG:28992" (RD New) of "EPSG:4326"'
    ),
    "schools.error.no_point": "geen puntgeometrie",
    "schools.error.not_point": "geen punt: {kind}",
    "schools.error.point_fix": (
        "geef elke school één punt (bij de omtrek van een gebouw: het middelpunt)"
    ),
    "schools.error.xy_pair": "geef x_column en y_column allebei, of geen van beide",
    "schools.error.xy_missing": "de coördinaatkolom {column} staat niet in het bestand",
    "schools.error.xy_missing_fix": "kies uit: {columns}",
    "schools.error.no_coordinates": (
        "geen coördinaten: het bestand heeft geen puntgeometrie en geen kolommen x/y (RD New) "
        "of lat/lon"
    ),
    "schools.error.no_coordinates_fix": (
        "voeg kolommen x en y (RD New, meters) of lat en lon toe, of noem ze met x_column= en "
        "y_column={note}"
    ),
    "schools.error.coordinate_missing": "de coördinaat ontbreekt",
    "schools.error.coordinate_nan": "geen getal",
    "schools.error.coordinate_fix": "geef elke school haar coördinaten",
    "schools.error.infinite": "de coördinaten zijn geen eindige getallen",
    "schools.error.infinite_fix": "geef de coördinaten van de school (meters in RD New, of graden)",
    "schools.error.metres": (
        "de coördinaten zijn meters (RD New?), maar het CRS zegt graden ({crs})"
    ),
    "schools.error.metres_fix": 'geef het juiste CRS, bijvoorbeeld crs="EPSG:28992"',
    "schools.error.count_missing": "het aantal ontbreekt",
    "schools.error.count_missing_fix": "schrijf 0 waar er geen leerlingen zijn",
    "schools.error.count_nan": "het aantal is geen getal",
    "schools.error.count_nan_fix": "schrijf een geheel getal, of '<5'",
    "schools.error.count_negative": "het aantal is negatief",
    "schools.error.count_negative_fix": "schrijf een geheel getal >= 0",
    "schools.error.count_large": (
        "het aantal is groter dan dat van welke school ook (meer dan {max} leerlingen)"
    ),
    "schools.error.count_large_fix": (
        "schrijf het aantal leerlingen van de school, een geheel getal"
    ),
    "schools.error.count_fraction": "het aantal is geen geheel getal",
    "schools.error.count_fraction_fix": "schrijf een geheel getal",
    "schools.error.technical_sum": "{total} is niet de som van de technische cellen ({sum})",
    "schools.error.technical_sum_fix": (
        "verbeter {total}, of laat de kolom weg om haar te laten berekenen"
    ),
    "schools.error.technical_more": (
        "meer leerlingen in een technisch profiel ({n}) dan {leerweg}-leerlingen in leerjaar {lj}"
    ),
    "schools.error.technical_more_fix": (
        "{total} telt alle leerlingen van de leerweg, de technische meegerekend"
    ),
    "schools.error.yes_no": "geen ja/nee-waarde",
    "schools.error.yes_no_fix": "schrijf True of False (ja of nee)",
    "schools.error.no_rows": "het bestand bevat geen scholen (geen rijen onder de kop)",
    "schools.error.no_rows_fix": "geef één rij per school",
    "schools.error.no_code": (
        "geen kolom met de code: elke school heeft haar vestigingscode van 6 tekens nodig"
    ),
    "schools.error.no_code_fix": (
        "voeg een kolom 'code' toe (bijvoorbeeld 02QZ01), of kolommen 'brin' en 'branch'{note}"
    ),
    "schools.error.code_twice": "de code komt meer dan eens voor (eerst in rij {row})",
    "schools.error.code_twice_fix": "houd één rij per school (vestiging)",
    "schools.error.kind": "onbekende soort school",
    "schools.error.kind_fix": "schrijf een van {kinds}",
    "schools.error.precision": "onbekende nauwkeurigheid van de ligging",
    "schools.error.precision_fix": "schrijf een van {values}, of laat het leeg",
    "codes.brin_mismatch": "de vestigingscode {code} begint niet met de BRIN {brin}",
    "codes.brin_mismatch_fix": "verbeter de BRIN of de vestigingscode",
    "codes.missing": "de vestigingscode ontbreekt",
    "codes.malformed": (
        "onjuiste vestigingscode: verwacht een BRIN van 2 cijfers + 2 letters of cijfers en "
        "een vestigingsnummer van 2 cijfers, bijvoorbeeld 02QZ01"
    ),
    "codes.fix": "geef elke school haar code van 6 tekens (BRIN + vestigingsnummer)",
    # --- de ruwe bestanden van DUO (regionkit.ingest) -------------------------------------------
    "ingest.head": "de ruwe bestanden zijn onvolledig of dubbelzinnig",
    "ingest.no_file": "het bestand bestaat niet",
    "ingest.no_file_fix": "controleer het pad",
    "ingest.unknown_file": (
        "dit is geen bestand dat regionkit kan inlezen (geen adres- of telbestand van DUO, geen "
        "BAG-puntenbestand en geen tabel van postcodes, plaatsen of gemeenten)"
    ),
    "ingest.unknown_file_fix": "laat het weg, of controleer of de kopregel die van DUO is",
    "ingest.missing.addresses": "geen adressenbestand van DUO bij de invoer",
    "ingest.missing.addresses_fix": "voeg de CSV 'Adressen vestigingen vo' van DUO toe",
    "ingest.missing.counts": "geen telbestand van leerlingen van DUO bij de invoer",
    "ingest.missing.counts_fix": (
        "voeg de CSV 'Leerlingen vo per vestiging naar onderwijstype' van DUO toe"
    ),
    "ingest.role_many": "{n} bestanden lijken het bestand {role}: {files}",
    "ingest.role_many_fix": "noem de bestanden met name, één van elke soort",
    "ingest.counts_year": "geen telbestand van leerlingen van {year}: {files}",
    "ingest.counts_many": "{n} bestanden lijken het telbestand: {files}",
    "ingest.counts_fix": "kies het jaar met --year, of noem één telbestand met name",
    "ingest.no_year": "geen jaar in de naam",
    # --- logische regio's: waarom een regio is zoals ze is (regionkit propose) --------------------
    "logical.schools.one": "{n} school in {towns}.",
    "logical.schools.many": "{n} scholen in {towns}.",
    "logical.more": "{towns} en {n} andere",
    "logical.nodal": "Nodale gebieden: {areas}.",
    "logical.areas": (
        "RMC-regio {rmc} ({rmc_share} van de scholen), COROP-gebied {corop} ({corop_share})."
    ),
    "logical.area.rmc": "RMC-regio {area}",
    "logical.area.corop": "COROP-gebied {area}",
    "logical.area.none": "de omgeving",
    "logical.together": (
        "Binnen {area}, waar de scholen al samenwerken, liggen de plaatsen bij elkaar: "
        "vmbo-scholen op minder dan {km} km van elkaar (instelling van deze analyse: [logical] "
        "together_m)."
    ),
    "logical.split": (
        "{part} is een van de {k} delen van {town}: de stad alleen telt {pupils} getelde "
        "leerlingen, genoeg voor {k} regio's van elk minstens {parts} getelde leerlingen "
        "(instelbaar: [logical] split_town_pupils); de grens volgt de langste verbinding tussen "
        "haar scholen."
    ),
    "logical.join.floor": (
        "Aangesloten binnen {area} bij de buren met de meeste scholen binnen {km} km (anders de "
        "kortste verbinding), omdat ze alleen onder een ondergrens blijven (ondergrens in deze "
        "analyse: {floor} getelde leerlingen en {technical} scholen met een technisch profiel, "
        "instelbaar): {towns}."
    ),
    "logical.join.across": (
        "{area} blijft alleen onder een ondergrens; daarom sloten deze plaatsen over de grens "
        "aan (bij de buur met de meeste scholen binnen {km} km, anders de kortste verbinding): "
        "{towns}."
    ),
    "logical.join.target": "Aangesloten om het gevraagde aantal van {n} regio's te halen: {towns}.",
    "logical.cut": (
        "Tussen de plaatsen afgesplitst van een grotere regio, met aan beide kanten genoeg "
        "voor de ondergrenzen, om het gevraagde aantal van {n} regio's te halen."
    ),
    "logical.whole.hull": (
        "{towns} hoort bij een groter logisch geheel ({share} van de scholen binnen het gebied "
        "van deze regio) en is erin opgegaan."
    ),
    "logical.whole.boundary": (
        "{towns} hoort bij een groter logisch geheel ({share} van de verbindingen met deze "
        "regio) en is erin opgegaan."
    ),
    "logical.target.met": (
        "{n} regio's zoals gevraagd (de plaatsen alleen geven er {before}): {how}"
    ),
    "logical.target.joined": "de kleinste regio's zijn bij een buurregio gevoegd",
    "logical.target.cut": (
        "regio's zijn tussen hun plaatsen gesplitst, eerst waar dat de minste paren scholen "
        "dichtbij scheidt"
    ),
    "logical.target.same": "er hoefde niets te veranderen",
    "logical.target.missed": (
        "{after} regio's in plaats van de gevraagde {n} (de plaatsen alleen geven er {before}): "
        "{why}"
    ),
    "logical.target.no_cut": (
        "geen regio kan nog tussen haar plaatsen worden gesplitst met aan beide kanten de "
        "ondergrenzen van deze analyse ({counted} getelde leerlingen, {technical} scholen met een "
        "technisch profiel, instelbaar)"
    ),
    "logical.target.no_link": "de overige regio's hebben geen verbinding om samen te gaan",
    "logical.target.kept.one": (
        "{n} regio is niet gesplitst omdat een deel dan deel van een groter geheel zou zijn "
        "(regel 3, zoals regionkit check het bepaalt)"
    ),
    "logical.target.kept.many": (
        "{n} regio's zijn niet gesplitst omdat een deel dan deel van een groter geheel zou zijn "
        "(regel 3, zoals regionkit check het bepaalt)"
    ),
    "logical.alone": (
        "Niet gesplitst of samengevoegd: de plaatsen halen op eigen kracht de ondergrenzen."
    ),
    "logical.named.area": "Genoemd naar {name}: het officiële gebied waarmee de regio samenvalt.",
    "logical.named.town": "Genoemd naar {name}: de plaats met de meeste vmbo-leerlingen.",
    "logical.note.no_area.one": (
        "{n} school zonder RMC-regio, COROP-gebied of nodaal gebied (niet in het adressenbestand "
        "van DUO: {codes}) krijgt die van de dichtstbijzijnde buur"
    ),
    "logical.note.no_area.many": (
        "{n} scholen zonder RMC-regio, COROP-gebied of nodaal gebied (niet in het "
        "adressenbestand van DUO: {codes}) krijgen die van hun dichtstbijzijnde buur"
    ),
    "logical.note.split": (
        "{town} ({pupils} getelde leerlingen, {n} scholen) is gesplitst in {k} regio's "
        "({parts}): elk deel houdt minstens {floor} getelde leerlingen ([logical] "
        "split_town_pupils, instelling van deze analyse); de grens volgt de langste verbinding "
        "tussen de scholen"
    ),
    "logical.note.towns.one": (
        "{n} plaats vormt {groups} (vmbo-scholen op minder dan {km} km van elkaar) binnen {kind}"
    ),
    "logical.note.towns.many": (
        "{n} plaatsen (en delen van plaatsen) vormen {groups} (vmbo-scholen op minder dan {km} "
        "km van elkaar) binnen {kind}"
    ),
    "logical.note.groups.one": "{n} groep plaatsen die bij elkaar horen",
    "logical.note.groups.many": "{n} groepen plaatsen die bij elkaar horen",
    "logical.note.kind.rmc": "RMC-regio's",
    "logical.note.kind.corop": "COROP-gebieden",
    "logical.note.kind.none": "het hele land",
    "logical.note.joined.one": (
        "{n} ging samen met een buur in het eigen gebied, omdat die alleen onder een ondergrens "
        "blijft"
    ),
    "logical.note.joined.many": (
        "{n} gingen samen met een buur in hun gebied, omdat ze alleen onder een ondergrens blijven"
    ),
    "logical.note.crossed.one": (
        "{n} gebied haalt de ondergrenzen niet alleen en ging over de eigen grens samen ({areas})"
    ),
    "logical.note.crossed.many": (
        "{n} gebieden halen de ondergrenzen niet alleen en gingen over hun grens samen ({areas})"
    ),
    "logical.note.crossed_none": "geen gebied hoefde over zijn grens",
    "logical.note.whole.one": "{n} regio ging op in het grotere geheel waar ze deel van is",
    "logical.note.whole.many": "{n} regio's gingen op in het grotere geheel waar ze deel van zijn",
    "logical.note.summary": "{towns}; {joined}; {crossed}; {whole}",
    # --- bewerken in de browser (regionkit.edit) ------------------------------------------------
    "edit.error.unknown_school": (
        "Onbekende school: {code!r}. Kies een school op de kaart of zoek haar op naam."
    ),
    "edit.error.no_schools": "Kies eerst een of meer scholen.",
    "edit.error.too_many_schools": "Te veel scholen in één keer ({n}); ten hoogste {max}.",
    "edit.error.unknown_region": "Onbekende regio: {region!r}. Kies een regio uit de lijst.",
    "edit.error.region_exists": (
        "Er is al een regio {region!r}. Kies een andere naam, of verplaats de scholen "
        "naar die regio."
    ),
    "edit.error.name_empty": "Geef de regio een naam.",
    "edit.error.name_long": "Een regionaam is ten hoogste {max} tekens lang.",
    "edit.error.name_control": "Een regionaam mag geen tabs, regeleinden of stuurtekens bevatten.",
    "edit.error.name_formula": (
        "Een regionaam mag niet beginnen met =, +, - of @ (een spreadsheet leest dat als formule)."
    ),
    "edit.error.already_there": "{code} zit al in regio {region}.",
    "edit.error.merge_same": "Kies twee verschillende regio's om samen te voegen.",
    "edit.error.nothing_to_undo": "Er is niets om ongedaan te maken.",
    "edit.error.nothing_to_redo": "Er is niets om opnieuw te doen.",
    "edit.error.request": "Dit verzoek begrijpt de editor niet: {problem}.",
    "edit.error.busy": "De editor is nog bezig met de vorige wijziging; probeer het zo opnieuw.",
    "edit.error.internal": (
        "Er ging iets mis in de editor; de wijziging is niet uitgevoerd. Het log van de "
        "editor (regionkit -v edit) zegt wat."
    ),
    "edit.change.move": "{n} naar {to}",
    "edit.change.also": "{n} ook in {to}",
    "edit.change.new": "{n} naar de nieuwe regio {to}",
    "edit.change.merge": "{a} en {b} samengevoegd tot {to}",
    "edit.change.rename": "{a} heet nu {to}",
    "edit.change.undo": "Ongedaan gemaakt: {what}",
    "edit.change.redo": "Opnieuw gedaan: {what}",
    "edit.change.school.one": "{name}",
    "edit.change.school.many": "{n} scholen",
    "edit.bar.fixed.one": "{n} {severity} opgelost",
    "edit.bar.fixed.many": "{n} {severity} opgelost",
    "edit.bar.new.one": "{n} nieuwe {severity}",
    "edit.bar.new.many": "{n} nieuwe {severity}",
    "edit.bar.none": "geen bevindingen veranderd",
    "edit.bar.region_money": "Regio {region} {amount}",
    "edit.bar.region_gone": "Regio {region} bestaat niet meer",
    "edit.bar.region_new": "Regio {region} nieuw: {amount}",
    "edit.severity.error.one": "fout",
    "edit.severity.error.many": "fouten",
    "edit.severity.warning.one": "waarschuwing",
    "edit.severity.warning.many": "waarschuwingen",
    "edit.severity.info.one": "melding",
    "edit.severity.info.many": "meldingen",
    "edit.save.done": "Opgeslagen in {file} ({n} wijzigingen in het log {log}).",
    "edit.save.nothing": "Niets te bewaren: het voorstel is niet veranderd sinds het openen.",
    "edit.resume.done": (
        "Sessie hervat uit {log}: {n} wijzigingen opnieuw toegepast (ongedaan maken kan "
        "tot het begin van deze reeks)."
    ),
    "edit.resume.mismatch": (
        "Het wijzigingenlog {log} hoort bij een ander voorstel dan {source} (het begin of "
        "een opgeslagen versie herkent de editor niet). Start opnieuw met --restart (het "
        "oude log wordt bewaard als {backup}) of open het voorstel waar het log bij "
        "hoort."
    ),
    "edit.resume.bad_row": (
        "Het wijzigingenlog {log} is onleesbaar in rij {row}: {problem}. Herstel de rij "
        "of start opnieuw met --restart."
    ),
    "edit.resume.no_match": (
        "Het wijzigingenlog {log} past niet op het voorstel: in stap {step} zit {code} "
        "niet in {expected} maar in {found}. Start opnieuw met --restart."
    ),
    "edit.in_place.not_csv": (
        "--in-place schrijft het voorstel terug als CSV; {file} is geen CSV-bestand. "
        "Gebruik --out BESTAND.csv."
    ),
    "edit.in_place.needs_file": "--in-place kan alleen met een voorstelbestand, niet met {source}.",
    "edit.out.same_as_input": (
        "--out is het invoerbestand zelf; gebruik --in-place als u het origineel wilt "
        "overschrijven."
    ),
    "cli.edit.serving": (
        "De editor draait op {url}\n(open dit adres in de browser; Ctrl-C stopt de editor)"
    ),
    "cli.edit.files": "Opslaan schrijft {out}; elke wijziging staat meteen in {log}.",
    "cli.edit.stopped": "Editor gestopt; alles is opgeslagen.",
    "cli.edit.stopped_unsaved": (
        "Editor gestopt. Niet alles is opgeslagen; het log bewaart elke wijziging, dus "
        "dezelfde opdracht gaat verder waar u was."
    ),
    "edit.page.title": "Regio's bewerken",
    "edit.page.source": "Voorstel: {source}",
    "edit.page.undo": "Ongedaan maken",
    "edit.page.redo": "Opnieuw",
    "edit.page.save": "Opslaan",
    "edit.page.saved": "Alles opgeslagen",
    "edit.page.unchanged": "Nog niets gewijzigd",
    "edit.page.sev_error": "fout",
    "edit.page.sev_warning": "waarschuwing",
    "edit.page.sev_info": "melding",
    "edit.page.counts": "{error} fouten · {warning} waarschuwingen · {info} meldingen",
    "edit.page.unsaved.one": "{n} wijziging niet opgeslagen",
    "edit.page.unsaved.many": "{n} wijzigingen niet opgeslagen",
    "edit.page.move_to": "Verplaats naar",
    "edit.page.also_in": "Ook in deze regio laten (aanmelding bij twee regio's)",
    "edit.page.new_region": "nieuwe regio",
    "edit.page.new_name": "Naam van de nieuwe regio",
    "edit.page.move": "Verplaatsen",
    "edit.page.cancel": "Annuleren",
    "edit.page.merge": "Samenvoegen met",
    "edit.page.merge_name": "Naam na samenvoegen",
    "edit.page.rename": "Hernoemen",
    "edit.page.rename_to": "Nieuwe naam",
    "edit.page.selected.one": "{n} school gekozen",
    "edit.page.selected.many": "{n} scholen gekozen",
    "edit.page.select_hint": (
        "Klik op een school om haar te verplaatsen; shift-klik of sleep met shift voor "
        "meer scholen tegelijk."
    ),
    "edit.page.clear_selection": "Keuze wissen",
    "edit.page.neighbours": "Buurregio's",
    "edit.page.other_regions": "Andere regio's",
    "edit.page.findings": "Bevindingen",
    "edit.page.regions": "Regio's",
    "edit.page.col_region": "Regio",
    "edit.page.col_schools": "Scholen",
    "edit.page.col_counted": "Lln.",
    "edit.page.counted": "Getelde leerlingen",
    "edit.page.subsidy": "Maximale subsidie (4 jaar)",
    "edit.page.col_subsidy": "Subsidie (4 jr)",
    "edit.page.techniekarm": "techniekarm",
    "edit.page.col_techniekarm": "Techniekarm",
    "edit.page.col_findings": "Bev.",
    "edit.page.total": "Totaal",
    "edit.page.yes": "ja",
    "edit.page.no": "nee",
    "edit.page.working": "Bezig met controleren…",
    "edit.page.lost": (
        "De verbinding met de editor is verbroken. Wat is opgeslagen blijft bewaard; "
        "start de editor opnieuw om verder te gaan (het log bewaart ook wat niet is "
        "opgeslagen)."
    ),
    "edit.page.region": "Regio {region}",
    "edit.page.no_region": "geen regio",
    "edit.page.in_regions": "in {regions}",
}
