//! The labels of the forecast table the follow-up reads (`forecast`) and of the
//! forecast workbook `follow-up template` writes: its sheet, the metadata above the
//! table and the columns the reader does not need but the check uses. The writer
//! writes exactly these, so the two cannot drift apart.

/// The header labels, as written in messages.
pub const COL_FORECAST: &str = "Prognos helår";
pub const COL_COMMENT: &str = "Kommentar";
/// What a missing table is called in `missing-header`.
pub const TABLE: &str = "Prognos";
/// The key column a missing table lacks, in `missing-header`: either of the two.
pub const KEY_COLUMNS: &str = "Initiativ / Projekt";

/// The headers the reader accepts for each column, normalized.
pub mod header {
    pub const INITIATIVE: [&str; 2] = ["initiativ", "utvecklingsinitiativ"];
    pub const PROJECT: [&str; 3] = ["projekt", "projektnummer", "projektkod"];
    pub const FORECAST: [&str; 4] = ["prognos helår", "prognos", "helårsprognos", "årsprognos"];
    pub const AREA: [&str; 1] = ["tjänsteområde"];
    pub const COMMENT: [&str; 1] = ["kommentar"];
    pub const BUDGET: [&str; 2] = ["budget helår", "budget"];
    pub const ACTUAL: [&str; 2] = ["utfall ack", "utfall"];
}

pub const SHEET: &str = "Prognos";
pub const META_AREA: &str = "Tjänsteområde";
pub const META_PERIOD: &str = "Period";
pub const META_VERSION: &str = "Version";
pub const META_LEAD: &str = "Ansvarig";
pub const META_DATE: &str = "Datum";
pub const META_THRESHOLD: &str = "Kommentar krävs vid avvikelse över (%)";
pub const COL_INITIATIVE: &str = "Initiativ";
pub const COL_PROJECT: &str = "Projekt";
pub const COL_BUDGET: &str = "Budget helår";
pub const COL_BUDGET_TO_DATE: &str = "Budget ack";
pub const COL_ACTUAL: &str = "Utfall ack";
pub const COL_PREVIOUS: &str = "Föregående prognos";
pub const COL_DEVIATION: &str = "Avvikelse helår";
