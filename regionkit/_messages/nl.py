"""Nederlandse teksten: sleutel -> tekst met benoemde plaatshouders (de sleutels van :mod:`.en`)."""

MESSAGES: dict[str, str] = {
    # --- gedeelde woorden -----------------------------------------------------------------------
    "common.and": "{head} en {last}",
    "common.yes": "ja",
    "common.no": "nee",
    # --- regels: bevindingen (regionkit.rules) --------------------------------------------------
    "rules.overlap": (
        "Vestiging {school} staat in {n} regio's: {regions}. Een vmbo-, vso- of pro-vestiging mag "
        "maar in één regio zitten (mbo-instellingen en bedrijven wel in meer). Oplossing: kies "
        "één regio en haal de vestiging uit de andere."
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
        "leerlingen) maar zit in geen enkele regio. Elke school met een technisch profiel moet "
        "mee kunnen doen. Oplossing: {fix}{closed}"
    ),
    "rules.left_out.fix": "neem de vestiging op in regio {region}{how}.",
    "rules.left_out.fix_none": "neem de vestiging op in een regio.",
    "rules.left_out.how_neighbours": ", waar {n} van haar {k} buren bij horen",
    "rules.left_out.how_nearest": ", waarvan de dichtstbijzijnde school op {distance} ligt",
    "rules.left_out.closed": (
        " Let op: de vestiging staat niet meer in het adressenbestand van DUO (mogelijk gesloten)."
    ),
    "rules.too_small": (
        "Regio {region} telt {counted} getelde leerlingen (technische profielen, leerjaar 3 en 4, "
        "een GL-leerling telt voor {weight}); de ondergrens is {floor}. Een regio moet groot "
        "genoeg zijn om goede afwegingen te maken. Oplossing: voeg de regio samen met {partner} "
        "of neem meer scholen met een technisch profiel op."
    ),
    "rules.too_small.partner": "buurregio {region}",
    "rules.too_small.partner_none": "een buurregio",
    "rules.part_of_larger_whole": (
        "Regio {region} is klein ({counted} getelde leerlingen, {schools}) en {where}. Een kleine "
        "regio die deel is van een groter logisch geheel hoort samen te gaan. Oplossing: voeg "
        "{region} samen met {other}; samen {merged_schools} scholen, waarvan {merged_technical} "
        "met een technisch profiel, en {merged_counted} getelde leerlingen."
    ),
    "rules.part_of_larger_whole.schools.one": "{n} school",
    "rules.part_of_larger_whole.schools.many": "{n} scholen",
    "rules.part_of_larger_whole.hull": (
        "ligt {share} van haar scholen binnen het gebied van de grotere regio {other}"
    ),
    "rules.part_of_larger_whole.boundary": (
        "loopt {share} van haar verbindingen met andere regio's naar de grotere regio {other}"
    ),
    "rules.close_schools_split": (
        "Tussen de regio's {region_a} en {region_b} {pairs} binnen {limit} van elkaar; het "
        "dichtstbijzijnde paar is {school_a} en {school_b}, op {distance}. Scholen die zo dicht "
        "bij elkaar staan horen in één regio. Oplossing: leg de grens tussen de twee regio's "
        "anders, zodat deze scholen samen in één regio komen, of voeg de regio's samen."
    ),
    "rules.close_schools_split.pairs.one": "ligt {n} paar scholen",
    "rules.close_schools_split.pairs.many": "liggen {n} paren scholen",
    "rules.not_one_area.enclave": (
        "Vestiging {school} van regio {own} ligt ingesloten door regio {other}: al haar {k} buren "
        "die in een regio zitten horen bij {other}. Oplossing: verplaats de vestiging naar "
        "{other}, of neem de scholen eromheen op in {own}."
    ),
    "rules.not_one_area.disconnected": (
        "Regio {region} is geen aaneengesloten gebied: in de nabijheidsgraaf valt ze in "
        "{n_parts} delen uiteen, gescheiden door scholen van andere regio's. Los van de rest "
        "liggen: {listed}. Oplossing: verplaats deze school of scholen naar {target} of neem de "
        "scholen ertussen op in {region}."
    ),
    "rules.not_one_area.disconnected.target": "regio {region}, die eromheen ligt,",
    "rules.not_one_area.disconnected.target_none": "een regio eromheen",
    "rules.not_one_area.no_land_link.one": (
        "In regio {region} heeft {listed} in de nabijheidsgraaf geen verbinding met de rest van "
        "de regio (een eiland of over breed water), dus de graaf kan niet beoordelen of dit één "
        "gebied is. Oplossing: controleer met de hand of de scholen een logisch gebied vormen "
        "(bijvoorbeeld via een veerverbinding)."
    ),
    "rules.not_one_area.no_land_link.many": (
        "In regio {region} hebben {listed} in de nabijheidsgraaf geen verbinding met de rest van "
        "de regio (een eiland of over breed water), dus de graaf kan niet beoordelen of dit één "
        "gebied is. Oplossing: controleer met de hand of de scholen een logisch gebied vormen "
        "(bijvoorbeeld via een veerverbinding)."
    ),
    "rules.composition.schools": (
        "Regio {region} heeft {have}; er zijn er minstens {need} nodig. Oplossing: neem meer "
        "{what} op of voeg de regio samen met een buurregio."
    ),
    "rules.composition.schools.have_technical.one": "{n} vmbo-school met een technisch profiel",
    "rules.composition.schools.have_technical.many": "{n} vmbo-scholen met een technisch profiel",
    "rules.composition.schools.have_any.one": "{n} vmbo- of vso-school",
    "rules.composition.schools.have_any.many": "{n} vmbo- of vso-scholen",
    "rules.composition.schools.what_technical": "vmbo-scholen met een technisch profiel",
    "rules.composition.schools.what_any": "vmbo- of vso-scholen",
    "rules.composition.partners_unchecked": (
        "Het voorstel noemt geen partners (mbo-instellingen, bedrijven of overheden), dus dat "
        "deel van de samenstelling is niet gecontroleerd. Oplossing: voeg per regio regels toe "
        "met rol 'mbo', 'bedrijf' of 'overheid' om het te laten controleren."
    ),
    "rules.composition.mbo": (
        "Regio {region} heeft geen mbo-instelling als partner; minstens één is verplicht. "
        "Oplossing: voeg een regel toe met rol 'mbo' en de naam van de instelling."
    ),
    "rules.composition.business": (
        "Regio {region} heeft geen bedrijf en geen (lokale) overheid als partner; het "
        "bedrijfsleven en/of de overheid moet meedoen (het bedrijfsleven financiert minstens "
        "{cofinancing} van de subsidie mee). Oplossing: voeg een regel toe met rol 'bedrijf' of "
        "'overheid'."
    ),
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
        "{lj4}, {n} vestigingen; programma: {r3}, {r4}, {rn}: {d3}, {d4}, {dn}"
    ),
    "funding.sanity.share": (
        "Landelijk aandeel technische profielen: {share} van {den} leerlingen "
        "(programma: ongeveer {ref})"
    ),
    "funding.sanity.regions": (
        "De {r} regio's tellen {eq} van de {all} BB/KB-equivalente leerlingen ({pct}); "
        "{u} vmbo/vso-vestigingen in geen regio"
    ),
    # --- kaarten: namen, legenda's en popups (regionkit.maps) -----------------------------------
    "map.title": "Regio's Sterk Techniekonderwijs",
    "map.subtitle": "{schools} scholen in {regions} regio's, {none} zonder regio · DUO, {date}",
    "map.regions": "Regio's",
    "map.labels": "Regionamen",
    "map.schools": "Scholen",
    "map.base": "Gemeenten en provincies",
    "map.tiles": "Achtergrondkaart",
    "map.no_region": "geen regio",
    "map.region": "Regio",
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
    "map.n_schools": "Scholen",
    "map.n_technical": "met technisch profiel",
    "map.bb_kb": "BB/KB",
    "map.gl": "GL",
    "map.max_subsidy": "Max. subsidie (4 jaar)",
    "map.per_year": "per jaar",
    "map.technical_share": "Aandeel techniek",
    "map.techniekarm": "techniekarm",
    "map.techniekarm_yes": "ja",
    "map.techniekarm_no": "nee",
    "map.money_pupils": "Geld: getelde leerlingen",
    "map.money_subsidy": "Geld: maximale subsidie",
    "map.money_techniekarm": "Techniekarme regio (stippellijn)",
    "map.legend_regions": "Elke kleur is een regio; buurregio's verschillen van kleur.",
    "map.legend_size": "Grootte: getelde leerlingen",
    "map.legend_no_counted": "geen getelde leerlingen",
    "map.findings": "Bevindingen",
    "map.f_split": "Bevinding: dichtbij, andere regio",
    "map.f_overlap": "Bevinding: in meer regio's",
    "map.f_left_out": "Bevinding: buiten elke regio",
    "map.f_small": "Bevinding: te kleine regio",
    "map.f_disconnected": "Bevinding: losliggende delen",
    "map.f_other": "Bevinding: overige regio-eisen",
    "map.l_split": "lijn tussen scholen binnen {km} km in verschillende regio's",
    "map.l_overlap": "school in meer dan één regio",
    "map.l_left_out": "school in geen regio",
    "map.l_small": "regio te klein of deel van een groter geheel",
    "map.l_disconnected": "los deel van een regio",
    "map.l_other": "regio mist een vereiste (samenstelling)",
    "map.moved": "Verplaatste scholen",
    "map.moved_from_to": "Van {a} naar {b}",
    "map.legend_moved": "School in een andere regio",
    "map.search": "Zoek school (naam, plaats of code)",
    "map.search_none": "Geen school gevonden",
    "map.fullscreen_on": "Volledig scherm",
    "map.fullscreen_off": "Volledig scherm sluiten",
    "map.severity_error": "fout",
    "map.severity_warning": "waarschuwing",
    "map.severity_info": "info",
    "map.distance": "afstand",
    "map.source": "Bron: DUO (leerlingen 1 oktober {year}); CBS / Kadaster (grenzen)",
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
    "cli.fund.col.per_year": "Per jaar",
    "cli.fund.col.cofinancing": "Cofinanc.",
    "cli.fund.col.technical": "Techn.",
    "cli.fund.col.techniekarm": "Techniekarm",
    "cli.fund.totals.schools": "{n} vestigingen",
    "cli.fund.totals.bb_kb": "BB/KB {n}",
    "cli.fund.totals.gl": "GL {n}",
    "cli.fund.totals.equivalent": "BB/KB-equivalent {n}",
    "cli.fund.totals.max_4y": "maximaal {amount} over de periode",
    "cli.fund.totals.per_year": "{amount} per jaar",
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
    "cli.fund.sanity": "Vergelijking met de landelijke cijfers van het programma (docs/DOMAIN.md):",
    "cli.fund.notes": "Opmerkingen:",
    # --- opdrachtregel: regionkit check ---------------------------------------------------------
    "cli.check.title": "Controle van {source}: {regions} regio's, {schools} scholen",
    "cli.check.rule": "Regel",
    "cli.check.error": "fouten",
    "cli.check.warning": "waarschuwingen",
    "cli.check.info": "meldingen",
    "cli.check.more": "... en nog {more}; alles staat in {where}",
    "cli.check.use_out": "findings.csv (gebruik --out)",
}
