use super::*;
use rust_decimal::Decimal;
use std::path::Path;

#[test]
fn a_path_resolves_through_its_nearest_existing_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join("input")).expect("input");
    assert_eq!(
        resolve(&root.join("nosuch/../input/ny")),
        root.join("input/ny")
    );
    assert_eq!(resolve(&root.join("a/./b/../c")), root.join("a/c"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("input"), root.join("link")).expect("link");
        assert_eq!(resolve(&root.join("link/ny/x")), root.join("input/ny/x"));
    }
    assert!(refuse_output_in_input(&root.join("input"), &root.join("ut"), "--out").is_ok());
    assert!(
        refuse_output_in_input(&root.join("input"), &root.join("nosuch/../input"), "--out")
            .is_err()
    );
}

#[test]
fn plan_years_as_a_range() {
    assert_eq!(parse_years("2023-2025"), Some(vec![2023, 2024, 2025]));
    assert_eq!(parse_years("2023–2024"), Some(vec![2023, 2024]));
    assert_eq!(parse_years("2024"), Some(vec![2024]));
    assert_eq!(parse_years("2025-2023"), None);
    assert_eq!(parse_years("tjugo"), None);
}

#[test]
fn periods_are_months() {
    assert_eq!(parse_period("2023-04"), Some((2023, 4)));
    assert_eq!(parse_period("202312"), Some((2023, 12)));
    assert_eq!(parse_period("2023-13"), None);
    assert_eq!(parse_period("april"), None);
}

#[test]
fn follow_up_config_mistakes_name_group_and_area() {
    let two = Config::parse(
            "[[area]]\nname = \"HR\"\n[[area]]\nname = \"IT\"\n[[report_group]]\nname = \"A\"\nareas = [\"HR\"]\n[[report_group]]\nname = \"B\"\nareas = [\"HR\", \"IT\"]\n",
            Path::new("budget.toml"),
        )
        .expect_err("HR in two groups");
    let sv = two.message(Lang::Sv);
    assert!(
        sv.contains("\"HR\"") && sv.contains("\"A\"") && sv.contains("\"B\""),
        "{sv}"
    );
    assert!(two.message(Lang::En).contains("two report groups"));
    let unknown = Config::parse(
        "[[area]]\nname = \"HR\"\n[[report_group]]\nname = \"A\"\nareas = [\"Inköp\"]\n",
        Path::new("budget.toml"),
    )
    .expect_err("unknown area");
    assert!(unknown.message(Lang::Sv).contains("Inköp"));
    let weights = Config::parse(
        "[follow_up]\nperiodisation = [1, 2, 3]\n",
        Path::new("budget.toml"),
    )
    .expect_err("3 weights");
    assert!(
        weights.message(Lang::En).contains("12"),
        "{}",
        weights.message(Lang::En)
    );
    let ok = Config::parse(
            "[follow_up]\nactuals = \"utfall\"\ncost_accounts = [\"4000-7999\"]\nperiodisation = [8, 8, 9, 8.3, 8, 8, 6, 7, 9, 9, 10, 11.7]\nactuals_unit = \"tkr\"\n",
            Path::new("budget.toml"),
        )
        .expect("valid");
    let o = ok.follow_up_options();
    assert!(o.cost_accounts.contains("4010") && !o.cost_accounts.contains("3010"));
    assert_eq!(o.periodisation.map(|w| w[3]), Some(Decimal::new(83, 1)));
    assert_eq!(o.actuals_unit, ActualsUnit::Tkr);
}

#[test]
fn config_as_documented() {
    let text = r#"
budget_year = 2023
years = [2023, 2024, 2025]
total_frame = 91510

[[area]]
name = "IT-tjänster"
aliases = ["IT", "Tjänsteområde IT"]
frame = 47910
"#;
    let config = Config::parse(text, Path::new("budget.toml")).expect("valid");
    assert_eq!(config.total_frame, Some(Decimal::from(91_510)));
    assert_eq!(
        config
            .area_for(" tjänsteområde it ")
            .map(|a| a.name.as_str()),
        Some("IT-tjänster")
    );
    assert!(config.area_for("HR").is_none());
}

#[test]
fn bad_config_names_line_and_key() {
    let err = Config::parse(
        "budget_year = 2023\nyears = [2023]\nframe_total = 5\n",
        Path::new("budget.toml"),
    )
    .expect_err("unknown key");
    let text = err.message(crate::lang::Lang::En);
    assert!(text.contains("line 3"), "{text}");
    assert!(text.contains("frame_total"), "{text}");
    // Display is the Swedish message: the reader's reason in Swedish words.
    let text = err.to_string();
    assert!(text.contains("rad 3"), "{text}");
    assert!(text.contains("okänd nyckel ”frame_total”"), "{text}");
}

/// A city's own fifth or sixth digit under a four-digit account (`65501` under
/// Kommun-Bas's 6550) is counted as its parent account; ranges written with
/// five digits compare five.
#[test]
fn cost_accounts_count_sub_accounts_under_their_parent() {
    let ranges = |items: &[&str]| {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        CostAccounts::parse(&items).expect("ranges")
    };
    let four = ranges(&["4000-7999"]);
    for account in ["6550", "65501", "655012", "4000", "79999"] {
        assert!(four.contains(account), "{account}");
    }
    for account in ["3010", "30101", "8010", "80001", "999", "65a01", ""] {
        assert!(!four.contains(account), "{account}");
    }
    let single = ranges(&["4010"]);
    assert!(single.contains("40101") && !single.contains("40201"));
    let five = ranges(&["40000-79999"]);
    assert!(five.contains("65501") && !five.contains("6550") && !five.contains("80000"));
    // The default, classes 4–7, holds any length.
    let default = CostAccounts(Vec::new());
    assert!(default.contains("65501") && default.contains("4") && !default.contains("30101"));
}
