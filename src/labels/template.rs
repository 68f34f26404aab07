//! The Swedish text of the two workbooks an area lead fills in: the plan template
//! (`template`) and the monthly forecast workbook (`follow-up template`) — titles,
//! notes, the messages of their data validation and their `Instruktioner` sheets.
//! The labels the reader matches are in [`crate::labels`] itself and in
//! [`crate::forecast::labels`].

/// The sheet of instructions both templates begin or end with.
pub const TEMPLATE_SHEET_INSTRUCTIONS: &str = "Instruktioner";

/// The validation of a date cell, shared by both templates.
pub const TEMPLATE_DATE_TITLE: &str = "Datum";
pub const TEMPLATE_DATE_ERROR_TITLE: &str = "Ogiltigt datum";

/// The plan template's document title.
pub fn template_document_title(area: &str, budget_year: i32) -> String {
    format!("Budgetmall {area} {budget_year}")
}

/// The title of the plan template's `Instruktioner`.
pub fn template_instructions_title(area: &str, budget_year: i32) -> String {
    format!("Budgetmall för {area} – budgetår {budget_year}")
}

/// `Budgetfördelning`: the title, the note under it and the messages of the
/// metadata and table cells.
pub fn template_budget_title(budget_year: i32) -> String {
    format!("Fördelning av budget {budget_year}")
}
pub const TEMPLATE_BUDGET_NOTE: &str =
    "Fyll i de gula cellerna. Alla belopp i tkr. Se bladet Instruktioner.";
pub const TEMPLATE_VERSION_TITLE: &str = "Planens version";
pub const TEMPLATE_VERSION_MESSAGE: &str =
    "Höj versionen när du skickar en ny plan, t.ex. 1.0 → 1.1.";
pub const TEMPLATE_DATE_MESSAGE: &str = "Datum för planen, t.ex. 2023-03-01.";
pub const TEMPLATE_DATE_ERROR: &str = "Skriv ett datum, t.ex. 2023-03-01.";
pub const TEMPLATE_PROJECT_MESSAGE: &str =
    "Initiativets projektkod i ekonomisystemet, t.ex. P2301. Flera koder skiljs med komma.";
pub const TEMPLATE_INITIATIVE_MESSAGE: &str =
    "Ett initiativ per rad. Namnet och beloppet förs över till bladet Utvecklingsinitiativ.";

/// The validation of the amount cells: development (0 or more) and the impact on
/// maintenance (either sign).
pub const TEMPLATE_AMOUNT_TITLE: &str = "Belopp i tkr";
pub const TEMPLATE_AMOUNT_ERROR_TITLE: &str = "Ogiltigt belopp";
pub const TEMPLATE_DEVELOPMENT_MESSAGE: &str =
    "Skriv ett belopp i tkr, 0 eller mer. Lämna tomt om det inte finns något belopp.";
pub const TEMPLATE_DEVELOPMENT_ERROR: &str =
    "Utvecklingsbelopp är tal i tkr, 0 eller mer (t.ex. 1500 eller 1500,5).";
pub const TEMPLATE_MAINTENANCE_MESSAGE: &str = "Skriv påverkan på vidmakthållande i tkr. Ett negativt belopp betyder att kostnaden minskar (t.ex. när ett system avvecklas).";
pub const TEMPLATE_MAINTENANCE_ERROR: &str =
    "Påverkan på vidmakthållande är ett tal i tkr (t.ex. 300 eller -200).";

/// `Utvecklingsinitiativ`: the title (`Utvecklingsinitiativ 2023–2025, tkr`), the
/// note under it and the messages of the `Påverkan` column.
pub fn template_plan_title(span: &str) -> String {
    format!("{} {span}, tkr", super::PLAN_INITIATIVE)
}
pub const TEMPLATE_PLAN_NOTE: &str = "Utveckling per år och påverkan på vidmakthållande per år. Initiativ och Utveckling för budgetåret hämtas från Budgetfördelning; skriv över namnet bara om initiativet ska heta något annat här.";
pub const TEMPLATE_IMPACT_MESSAGE: &str =
    "Bedömd påverkan på staden: Liten, Mellan eller Stor. Lämna tomt om den inte är bedömd.";
pub const TEMPLATE_IMPACT_ERROR_TITLE: &str = "Ogiltig påverkan";
pub const TEMPLATE_IMPACT_ERROR: &str = "Välj Liten, Mellan eller Stor i listan.";

/// `Versioner`: the title and the note under it.
pub const TEMPLATE_VERSIONS_TITLE: &str = "Versionshantering";
pub const TEMPLATE_VERSIONS_NOTE: &str = "Skriv en rad för varje ny version av planen. Den sista raden ska ha samma version som fältet Version på bladet Budgetfördelning.";

/// The plan template's `Instruktioner` sheet: what to fill in and how it is checked.
pub const TEMPLATE_INSTRUCTIONS: &[(&str, &str)] = &[
    (
        "Så fyller du i mallen",
        "Fyll bara i de gula cellerna. Grå celler och rubriker är låsta; Belopp och Summa räknas ut av formler. Alla belopp anges i tkr (tusentals kronor) som tal, t.ex. 1500 eller 1500,5 – inte som text och inte med enheten utskriven.",
    ),
    (
        "Budgetfördelning",
        "Skriv ett initiativ per rad i kolumnen Text och fördela initiativets utvecklingsbudget för budgetåret på de två kategorierna. Ett initiativ får ha belopp i båda kategorierna. Belopp tkr räknas ut som Nyutveckling + Utveckling inom befintlig tjänst/tjänsteerbjudande.",
    ),
    (
        "Nyutveckling",
        "Utveckling av en ny tjänst eller ett nytt tjänsteerbjudande som staden inte har i dag.",
    ),
    (
        "Utveckling inom befintlig tjänst/tjänsteerbjudande",
        "Vidareutveckling, förbättring eller utökning av en tjänst eller ett tjänsteerbjudande som redan finns.",
    ),
    (
        "Utvecklingsinitiativ",
        "Samma initiativ som i Budgetfördelning, med utvecklingskostnad per planår och påverkan på vidmakthållande per planår. Initiativets namn och Utveckling för budgetåret hämtas med formler från Budgetfördelning, så de två bladen stämmer; fyll i de övriga åren. Namnet kan skrivas över om initiativet ska heta något annat här.",
    ),
    (
        "Påverkan på vidmakthållande",
        "Hur initiativet ändrar de löpande kostnaderna för att driva och förvalta tjänsten (vidmakthålla den) under året, i tkr. Ett negativt belopp betyder att kostnaden minskar, t.ex. när ett gammalt system avvecklas.",
    ),
    (
        "Påverkan (Liten, Mellan, Stor)",
        "Din bedömning av hur stor påverkan initiativet har på staden och dess verksamheter: Liten, Mellan eller Stor. Välj i listan; lämna tomt om initiativet inte är bedömt.",
    ),
    (
        "Version och datum",
        "Höj Version när du skickar en ny plan (t.ex. 1.0 → 1.1), så att samordnaren kan välja den senaste. Fyll i Datum och Ansvarig.",
    ),
    (
        "Versioner",
        "Skriv en rad i bladet Versioner för varje ny version: datum, version, vad som ändrats (t.ex. \"Budgeten är förändrad från 4 800 tkr till 6 300 tkr\") och vem som ändrat. Den sista raden ska ha samma version som fältet Version; annars får du en varning.",
    ),
    (
        "Kontroll innan du skickar",
        "Kör budget-consolidator check <fil>.xlsx (till exempel: budget-consolidator check HR.xlsx). Verktyget kontrollerar att summorna stämmer, att varje belopp är ett tal i rätt kategori, att initiativen finns i båda bladen med samma belopp och att inget initiativ står två gånger. Varje fel anges med blad och cell, t.ex. Budgetfördelning › D11. Med --feedback MAPP får du en kopia av filen där cellerna med fel är markerade och förklarade.",
    ),
    (
        "Projekt (för månadsuppföljningen)",
        "I kolumnen Projekt skriver du initiativets projektkod i ekonomisystemet, t.ex. P2301. Har initiativet flera projekt skiljer du koderna med komma. Koden kopplar bokförda kostnader till initiativet i månadsuppföljningen; kolumnen kan lämnas tom.",
    ),
    (
        "Om du behöver fler rader",
        "Mallen har plats för 30 initiativ i varje tabell. Behöver du fler: ta bort skyddet (Granska › Ta bort bladskydd), infoga rader ovanför Summa-raden och kopiera formeln i Belopp tkr till de nya raderna.",
    ),
];

/// The forecast workbook's file name after the area's safe stem:
/// `<område>-prognos-<år>-<MM>.xlsx`.
pub fn forecast_file_name(stem: &str, budget_year: i32, period: u8) -> String {
    format!("{stem}-prognos-{budget_year}-{period:02}.xlsx")
}

/// The forecast workbook's document title and page header (`Prognos HR 2023-04`).
pub fn forecast_document_title(area: &str, period: &str) -> String {
    format!("Prognos {area} {period}")
}

/// `Prognos`: the title (`Prognos helår 2023 – HR, period januari–april 2023`)
/// and the note under it.
pub fn forecast_title(area: &str, budget_year: i32, last_month: &str) -> String {
    format!("Prognos helår {budget_year} – {area}, period januari–{last_month} {budget_year}")
}
pub const FORECAST_NOTE: &str = "Fyll i de gula cellerna: Prognos helår och Kommentar, samt Version, Ansvarig och Datum. Alla belopp i tkr. Se bladet Instruktioner.";

/// `Prognos`: the messages of the metadata cells.
pub const FORECAST_DATE_MESSAGE: &str = "Dagens datum när du skickar prognosen, t.ex. 2023-05-04.";
pub const FORECAST_DATE_ERROR: &str = "Skriv ett datum, t.ex. 2023-05-04.";
pub const FORECAST_VERSION_TITLE: &str = "Prognosens version";
pub const FORECAST_VERSION_MESSAGE: &str =
    "Höj versionen om du skickar en rättad prognos, t.ex. 1.0 → 1.1.";

/// `Prognos`: the messages of the two input columns; a comment is required beyond
/// the threshold (percent).
pub const FORECAST_INPUT_TITLE: &str = "Prognos helår, tkr";
pub const FORECAST_INPUT_MESSAGE: &str = "Vad initiativet bedöms kosta för hela året, i tkr (t.ex. 1500). Lägst det som redan är bokfört i Utfall ack.";
pub const FORECAST_ERROR_TITLE: &str = "Ogiltig prognos";
pub const FORECAST_ERROR: &str =
    "Prognosen är ett tal i tkr, 0 eller mer (t.ex. 1500 eller 1500,5).";
pub fn forecast_comment_message(threshold: &str) -> String {
    format!(
        "Krävs när prognosen avviker mer än {threshold} % från Budget helår: varför, och vad som händer med resten av budgeten."
    )
}

/// The title of the forecast workbook's `Instruktioner`.
pub fn forecast_instructions_title(area: &str, period: &str) -> String {
    format!("Prognos för {area} – period {period}")
}

/// The forecast workbook's `Instruktioner`: `file` is the workbook's own name,
/// `threshold` the comment threshold in percent, `last_month` the period's month.
pub fn forecast_instructions(
    budget_year: i32,
    last_month: &str,
    threshold: &str,
    file: &str,
) -> Vec<(String, String)> {
    vec![
        (
            "Vad är en prognos?".into(),
            format!(
                "Prognos helår är din bästa bedömning av vad varje initiativ kommer att kosta för hela {budget_year} – det som redan är bokfört plus det som återstår. Den jämförs med Budget helår (den beslutade budgeten) i månadsuppföljningen till ledningen. Alla belopp anges i tkr (tusentals kronor)."
            ),
        ),
        (
            "Vad är redan ifyllt?".into(),
            format!(
                "De grå cellerna är låsta och hämtade från planen och ekonomisystemet: Budget helår, Budget ack (budgeten januari–{last_month} fördelad per månad) och Utfall ack (bokförda kostnader januari–{last_month}). Föregående prognos är den prognos området lämnade senast, när det finns en. Prognos helår är förifylld med föregående prognos, annars med budgeten."
            ),
        ),
        (
            "Så fyller du i".into(),
            "Skriv prognosen för helåret i kolumnen Prognos helår, ett tal i tkr (t.ex. 1500 eller 1500,5), 0 eller mer. Den bör inte vara lägre än Utfall ack: det som redan är bokfört kostar det ändå. Avvikelse helår räknas ut som Budget helår − Prognos helår; ett negativt tal (rött) betyder att initiativet bedöms kosta mer än budgeten. Fyll också i Version, Ansvarig och Datum överst.".into(),
        ),
        (
            "När krävs en kommentar?".into(),
            format!(
                "När prognosen avviker mer än {threshold} % från Budget helår (åt något håll) ska du skriva en kommentar: varför prognosen avviker och vad som händer med resten av budgeten. Rader som behöver en kommentar men saknar en markeras i orange i kolumnerna Avvikelse helår och Kommentar. En prognos lägre än Utfall ack markeras i gult."
            ),
        ),
        (
            "Kontroll innan du skickar".into(),
            format!(
                "Kör budget-consolidator follow-up check \"{file}\". Verktyget kontrollerar att varje prognos är ett tal, inte negativ och inte lägre än bokfört utfall, att kommentarer finns där de krävs och att filen gäller rätt tjänsteområde och period. Varje fel anges med blad och cell, t.ex. Prognos › G12. Med --feedback MAPP får du en kopia av filen där cellerna med fel är markerade och förklarade."
            ),
        ),
        (
            "Skicka tillbaka".into(),
            "Spara filen med samma namn (som .xlsx) och skicka den till samordnaren. Rättar du en prognos du redan skickat: höj Version (t.ex. 1.0 → 1.1) så att den nyare används.".into(),
        ),
    ]
}
