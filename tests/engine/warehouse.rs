//! The warehouse path (spec §10) natively: the script's dialect forms, the
//! reading of `pa_` files and its messages, and finishing aggregates written
//! by hand into the same exports as the deal rows they count. (The DuckDB
//! tier, tests/reference/warehouse_check.py, runs the real SQL.)

use crate::common::fixture;
use engine::codec;
use engine::export::default_exports;
use engine::ingest::{load, InputFile};
use engine::warehouse::{finish, read_aggregates, script, Dialect, ScriptOptions};

fn file(name: &str, text: &str) -> InputFile {
    InputFile { name: name.into(), bytes: text.as_bytes().to_vec() }
}

fn options(dialect: Dialect, touches: bool) -> ScriptOptions {
    let mut o = ScriptOptions::new(dialect);
    if touches {
        o.touches_table = Some("crm.touches".into());
    }
    o
}

#[test]
fn each_dialect_writes_its_own_forms_of_the_few_functions_that_differ() {
    // (dialect, forms its script must hold, forms it must not)
    let cases: &[(Dialect, &[&str], &[&str])] = &[
        (Dialect::DuckDb, &["STRING_AGG(", "DATE_DIFF('day'", "TRY_CAST(", "VARCHAR"], &["LISTAGG", "SAFE_CAST"]),
        (
            Dialect::Snowflake,
            &["LISTAGG(", "WITHIN GROUP (ORDER BY", "DATEDIFF(day,", "TRY_CAST(CAST("],
            &["STRING_AGG", "SAFE_CAST"],
        ),
        (Dialect::BigQuery, &["STRING_AGG(", "DATE_DIFF(", ", DAY)", "SAFE_CAST(", "STRING", "FLOAT64"], &["VARCHAR"]),
        (
            Dialect::Databricks,
            &["array_sort(collect_list(named_struct(", "DATEDIFF(", "TEMPORARY VIEW", "STRING"],
            &["STRING_AGG", "LISTAGG"],
        ),
        (Dialect::Postgres, &["STRING_AGG(", "DROP TABLE IF EXISTS", "DOUBLE PRECISION"], &["TRY_CAST", "SAFE_CAST"]),
    ];
    for &(dialect, must, must_not) in cases {
        let sql = script(&options(dialect, true)).expect("script");
        for form in must {
            assert!(sql.contains(form), "{dialect}: missing {form}");
        }
        for form in must_not {
            assert!(!sql.contains(form), "{dialect}: should not use {form}");
        }
        assert!(sql.contains(" → "), "{dialect}: journey steps are joined by an arrow");
        for table in ["pa_journeys", "pa_cycle_days", "pa_time_decay", "pa_touch_partners", "pa_meta"] {
            assert!(sql.contains(table), "{dialect}: creates {table}");
        }
        // Deal-level scripts have no touch tables.
        let deals_only = script(&options(dialect, false)).expect("script");
        assert!(!deals_only.contains("pa_time_decay") && !deals_only.contains("crm.touches"), "{dialect}");
    }
}

#[test]
fn result_tables_have_no_deal_level_column() {
    // The reader accepts exactly these columns, and the DuckDB tier checks
    // the tables the SQL really creates against them.
    for table in engine::warehouse::tables::ALL {
        for column in table.columns {
            assert!(
                !["deal_id", "account", "amount", "created_date", "close_date", "owner", "deal_name"].contains(column),
                "{}.{column}",
                table.name
            );
        }
    }
}

#[test]
fn mapping_roles_and_the_messages_for_what_is_missing() {
    let mut o = ScriptOptions::new(Dialect::Snowflake);
    o.map("amount", "Amount (USD)").unwrap();
    o.map("touch.actor", "Partner Name").unwrap();
    o.map("influencing_partners", "Partner 1, Partner 2").unwrap();
    o.touches_table = Some("t".into());
    let sql = script(&o).unwrap();
    assert!(sql.contains("d.\"Amount (USD)\""), "a column that is not a plain identifier is quoted");
    assert!(sql.contains("t.\"Partner Name\""));
    assert!(sql.contains("d.\"Partner 1\"") && sql.contains("d.\"Partner 2\""), "several influencing columns");
    assert_eq!(o.map("colour", "x").unwrap_err(), o.map("colour", "y").unwrap_err());
    assert!(o.map("touch.colour", "x").unwrap_err().contains("no touch role"));
    let cases: &[(&str, &str)] = &[
        ("deal_id", "the deal table needs a deal_id column (--map deal_id=COLUMN)"),
        ("close_date", "the deal table needs a close_date column (--map close_date=COLUMN)"),
        ("stage", "the deal table needs a stage or an is_won column (--map stage=COLUMN)"),
    ];
    for &(role, message) in cases {
        let mut o = ScriptOptions::new(Dialect::DuckDb);
        o.map(role, "").unwrap();
        assert_eq!(script(&o).unwrap_err(), message);
    }
    let mut o = ScriptOptions::new(Dialect::DuckDb);
    o.touches_table = Some("t".into());
    o.map("touch.actor", "").unwrap();
    assert_eq!(script(&o).unwrap_err(), "the touch table needs a actor column (--map touch.actor=COLUMN)");
}

#[test]
fn folding_rare_patterns_is_written_only_when_asked() {
    let mut o = options(Dialect::DuckDb, true);
    assert!(!script(&o).unwrap().contains("pattern_deals"));
    o.min_deals = 10;
    let sql = script(&o).unwrap();
    assert!(sql.contains("pattern_deals < 10"), "the threshold is in the script");
    assert!(sql.contains("'(rare journeys)'"));
}

const META: &str = "name,value\r\nformat,partner-attribution aggregates 1\r\ntouches,no\r\nhalf_life_days,30\r\n";

/// Four deals as rows, and the same deals as a warehouse counts them.
const DEALS: &str = "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners\n\
    D1,1000.00,Closed Won,2025-01-01,2025-01-31,Acme,Globex\n\
    D2,500.50,Closed Won,2025-01-05,2025-02-04,Acme,Globex\n\
    D3,200.00,Closed Lost,2025-01-01,2025-03-01,Acme,Globex\n\
    D4,300.00,Closed Won,2025-02-01,2025-02-11,,\n\
    D5,999.99,Closed Won,2025-02-01,2025-02-21,Globex,\n\
    D6,50.00,Qualification,2025-02-01,2025-06-01,,Initech\n";

const JOURNEYS: &str = "pattern_id,sourcing,influencing,journey,creation_index,stage,is_won,is_closed,currency,close_missing,partner_type,deal_type,segment,deals,blank_amounts,amount_cents,amount_squares\n\
    1,Acme,Globex,,,Closed Won,,,,0,,,,2,0,150050,12505005000\n\
    2,Acme,Globex,,,Closed Lost,,,,0,,,,1,0,20000,400000000\n\
    3,,,,,Closed Won,,,,0,,,,1,0,30000,900000000\n\
    4,Globex,,,,Closed Won,,,,0,,,,1,0,99999,9999800001\n\
    5,,Initech,,,Qualification,,,,0,,,,1,0,5000,25000000\n";

const CYCLES: &str = "pattern_id,cycle_days,deals\n1,30,2\n2,59,1\n3,10,1\n4,20,1\n5,120,1\n";

#[test]
fn hand_counted_aggregates_give_the_exports_of_the_rows_they_count() {
    let raw = default_exports(&load(&[file("deals.csv", DEALS)]).unwrap());
    let agg = read_aggregates(&[
        file("pa_meta.csv", META),
        file("pa_journeys.csv", JOURNEYS),
        file("pa_cycle_days.csv", CYCLES),
    ])
    .expect("aggregates read");
    let counts = finish(&agg);
    assert_eq!(counts.deals.len(), 5, "one entry per pattern");
    assert_eq!(counts.weights, vec![2, 1, 1, 1, 1]);
    assert_eq!(default_exports(&counts), raw);
    // The weighted data set crosses to the page intact.
    let back = codec::decode(&codec::encode(&counts)).expect("decodes");
    assert_eq!(back.weights, counts.weights);
    assert_eq!(back.warehouse, counts.warehouse);
}

#[test]
fn unloads_in_parts_with_upper_case_headers_and_decimal_counts_read_alike() {
    let upper = JOURNEYS.replacen("pattern_id,sourcing", "PATTERN_ID,SOURCING", 1).replace(",150050,", ",150050.000,");
    let (head, rest) = upper.split_once('\n').unwrap();
    let (first, second) = rest.split_at(rest.find("3,").unwrap());
    let agg = read_aggregates(&[
        file("pa_journeys_0_0_0.csv", &format!("{head}\n{first}")),
        file("pa_journeys_0_1_0.csv", &format!("{head}\n{second}")),
        file("pa_cycle_days.csv", CYCLES),
        file("pa_meta.csv", META),
    ])
    .expect("parts read");
    let whole = read_aggregates(&[file("a", JOURNEYS), file("b", CYCLES), file("c", META)]).expect("whole tables read");
    assert_eq!(agg.patterns, whole.patterns);
}

#[test]
fn what_is_wrong_with_unloaded_files_is_said_with_file_row_and_column() {
    let cases: Vec<(Vec<InputFile>, &str)> = vec![
        (
            vec![file("deals.csv", DEALS)],
            "deals.csv: this is not a pa_ table of the warehouse script: its header is \"deal_id,amount,stage",
        ),
        (vec![file("pa_meta.csv", META), file("pa_cycle_days.csv", CYCLES)], "pa_journeys is missing"),
        (
            vec![
                file("pa_meta.csv", "name,value\nformat,partner-attribution aggregates 0\n"),
                file("j.csv", JOURNEYS),
                file("c.csv", CYCLES),
            ],
            "written by another version of the script (partner-attribution aggregates 0)",
        ),
        (
            vec![
                file("pa_meta.csv", META),
                file("j.csv", &JOURNEYS.replace(",,,,2,0,150050,", ",,,,two,0,150050,")),
                file("c.csv", CYCLES),
            ],
            "j.csv, row 2, column \"deals\": \"two\" is not a whole number",
        ),
        (
            vec![
                file("pa_meta.csv", &META.replace("touches,no", "touches,yes")),
                file("j.csv", JOURNEYS),
                file("c.csv", CYCLES),
            ],
            "pa_time_decay is missing",
        ),
    ];
    for (files, message) in cases {
        let error = read_aggregates(&files).expect_err(message).to_string();
        assert!(error.contains(message), "{error}\n  should say: {message}");
    }
}

/// The committed pa_ files of the spec fixture (deals and touches), which
/// the DuckDB tier checks are what the script gives.
fn committed(dir: &str) -> Vec<InputFile> {
    let root = format!("{}/fixtures/warehouse/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names.iter().map(|p| InputFile { name: p.display().to_string(), bytes: std::fs::read(p).unwrap() }).collect()
}

#[test]
fn partner_types_and_value_splits_from_counts_equal_those_from_rows() {
    use engine::attribution::Params;
    use engine::journey::Dimension;
    use engine::value::model::Definition;
    use engine::value::overlay::{groups, Split};
    use engine::view::{available_dimensions, DimensionView};
    let rows = load(&[fixture("deals.csv"), fixture("touches.csv")]).unwrap();
    let counts = finish(&read_aggregates(&committed("pa_touch")).unwrap());
    assert_eq!(available_dimensions(&counts), vec![Dimension::Partner, Dimension::PartnerType]);
    let params = Params::default();
    let (a, b) = (
        DimensionView::build(&rows, Dimension::PartnerType, None),
        DimensionView::build(&counts, Dimension::PartnerType, None),
    );
    for model in a.models(false) {
        let named = |view: &DimensionView, data| {
            let credits = view.attribute(data, &params, model);
            credits.credits.iter().map(|c| (view.names.name(c.key).to_string(), c.revenue_cents)).collect::<Vec<_>>()
        };
        assert_eq!(named(&a, &rows), named(&b, &counts), "{model:?} by partner type");
    }
    // The value model's splits count every deal of a pattern.
    for split in [Split::Partner, Split::PartnerType, Split::Segment, Split::DealType] {
        let summary = |data: &engine::dataset::Dataset| {
            let mut g: Vec<_> = groups(data, &engine::journey::Journeys::build(data), Definition::AnyPartner, split)
                .into_iter()
                .map(|g| (g.label, g.partner.deals, g.partner.won_deals, g.partner.won_revenue_cents, g.direct.deals))
                .collect();
            g.sort();
            g
        };
        assert_eq!(summary(&rows), summary(&counts), "{split:?}");
    }
}

#[test]
fn deal_size_intervals_from_sums_of_squares_equal_the_closed_form_on_the_rows() {
    use engine::value::model::Definition;
    use engine::value::overlay::{compare, compare_quick, groups, Metric, Split};
    let rows = load(&[fixture("deals.csv"), fixture("touches.csv")]).unwrap();
    let counts = finish(&read_aggregates(&committed("pa_touch")).unwrap());
    let size = |data: &engine::dataset::Dataset, quick: bool| {
        let group =
            groups(data, &engine::journey::Journeys::build(data), Definition::AnyPartner, Split::Overall).remove(0);
        let rows = if quick { compare_quick(&group) } else { compare(&group) };
        rows.into_iter().find(|r| r.metric == Metric::AvgWonAmount).expect("deal size row")
    };
    // The rows' normal (closed-form) interval, and the counts' from their moments.
    let (a, b) = (size(&rows, true), size(&counts, false));
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * x.abs().max(1.0);
    for (x, y) in [(a.partner_interval, b.partner_interval), (a.direct_interval, b.direct_interval)] {
        let (x, y) = (x.expect("rows"), y.expect("counts"));
        assert!(close(x.low, y.low) && close(x.high, y.high), "{x:?} vs {y:?}");
    }
    let (x, y) = (a.difference_interval.unwrap(), b.difference_interval.unwrap());
    assert!(close(x.low, y.low) && close(x.high, y.high), "difference {x:?} vs {y:?}");
}

#[test]
fn result_tables_are_dropped_and_created_where_replace_is_not_everywhere() {
    // Spark supports CREATE OR REPLACE TABLE only for Delta tables; PostgreSQL not at all.
    for dialect in [Dialect::Databricks, Dialect::Postgres] {
        let sql = script(&options(dialect, true)).unwrap();
        assert!(!sql.contains("CREATE OR REPLACE TABLE"), "{dialect}");
        assert!(sql.contains("DROP TABLE IF EXISTS pa_journeys;\nCREATE TABLE pa_journeys AS"), "{dialect}");
    }
    // PostgreSQL analyses every work table before the next statement reads it.
    let sql = script(&options(Dialect::Postgres, true)).unwrap();
    for table in ["pa_work_deals", "pa_work_touches", "pa_work_paths", "pa_work_patterns"] {
        let created = sql.find(&format!("CREATE TEMP TABLE {table} AS")).unwrap();
        let analysed = sql.find(&format!("ANALYZE {table};")).unwrap_or_else(|| panic!("{table} is analysed"));
        assert!(analysed > created, "{table}");
    }
    assert!(!script(&options(Dialect::DuckDb, true)).unwrap().contains("ANALYZE"));
}

#[test]
fn the_dbt_package_has_every_table_in_every_dialect_and_no_placeholder_left() {
    let mut o = options(Dialect::DuckDb, true);
    o.deals_table = "crm.opportunities".into();
    o.map("amount", "Amount (USD)").unwrap();
    o.map("influencing_partners", "Partner 1, Partner 2").unwrap();
    o.half_life_days = 45.0;
    o.min_deals = 10;
    let files = engine::warehouse::dbt_package(&o).unwrap();
    let file = |path: &str| &files.iter().find(|f| f.0 == path).unwrap_or_else(|| panic!("{path}")).1;
    for model in [
        "models/work/work_pa_deals.sql",
        "models/work/work_pa_touches.sql",
        "models/work/work_pa_paths.sql",
        "models/work/work_pa_patterns.sql",
        "models/pa_journeys.sql",
        "models/pa_cycle_days.sql",
        "models/pa_time_decay.sql",
        "models/pa_touch_partners.sql",
        "models/pa_meta.sql",
    ] {
        let sql = file(model);
        for switch in [
            "{% if target.type == 'snowflake' %}",
            "{% elif target.type == 'bigquery' %}",
            "{% elif target.type in ('databricks', 'spark') %}",
            "{% elif target.type == 'postgres' %}",
            "{% else %}",
            "{% endif %}",
        ] {
            assert_eq!(sql.matches(switch).count(), 1, "{model}: {switch}");
        }
        for placeholder in ["pacol", "pasrc", "7777.25", "987654321", "pa_work_", "CREATE ", "ANALYZE", ";\n"] {
            assert!(!sql.contains(placeholder), "{model} holds {placeholder}");
        }
    }
    assert!(file("models/work/work_pa_deals.sql").contains("{{ source('partner_attribution', 'deals') }}"));
    assert!(file("models/work/work_pa_deals.sql").contains("{{ pa_column(var('pa_deals_amount')) }}"));
    assert!(file("models/work/work_pa_patterns.sql").contains("< {{ var('pa_min_deals') }}"));
    assert!(file("models/pa_time_decay.sql").contains("/ {{ var('pa_half_life_days') }}"));
    let project = file("dbt_project.yml");
    for var in [
        "pa_source_schema: \"crm\"",
        "pa_deals_table: \"opportunities\"",
        "pa_touches_table: \"touches\"",
        "pa_half_life_days: 45",
        "pa_min_deals: 10",
        "pa_deals_amount: \"Amount (USD)\"",
        "pa_deals_influencing_partners_1: \"Partner 1\"",
        "pa_deals_influencing_partners_2: \"Partner 2\"",
    ] {
        assert!(project.contains(var), "dbt_project.yml lacks {var}");
    }
    let schema = file("models/schema.yml");
    assert_eq!(schema.matches("- pa_no_deal_level_columns").count(), 5, "every pa_ model is tested");
    assert!(!schema.contains("work_pa_"), "work models are not tested for deal-level columns: they are deal-level");
}

#[test]
fn a_partner_lead_source_makes_the_unnamed_partner_only_without_partner_columns() {
    let mut o = options(Dialect::DuckDb, false);
    o.map("lead_source", "LeadSource").unwrap();
    // With partner columns mapped, the lead source is not read.
    let sql = script(&o).unwrap();
    assert!(!sql.contains("(partner, unnamed)"));
    o.map("sourcing_partner", "").unwrap();
    o.map("influencing_partners", "").unwrap();
    let sql = script(&o).unwrap();
    assert!(sql.contains("'(partner, unnamed)'"), "the spec §1 key");
    for word in engine::journey::PARTNER_SOURCE_WORDS.iter().chain(&engine::journey::NOT_PARTNER_SOURCE_WORDS) {
        assert!(sql.contains(&format!("LIKE '%{word}%'")), "{word}");
    }
    assert!(sql.contains("LIKE '% var %'"), "var as a word of its own");
    // Without a lead source either, no sourcing partner at all.
    o.map("lead_source", "").unwrap();
    assert!(script(&o).unwrap().contains("CAST(NULL AS VARCHAR) AS sourcing"));
}

#[test]
fn postgres_quotes_names_with_capitals_others_keep_plain_names_plain() {
    let cases = [
        (Dialect::Postgres, "OpportunityId", "\"OpportunityId\""),
        (Dialect::Postgres, "amount", "amount"),
        (Dialect::Postgres, "Close Date", "\"Close Date\""),
        (Dialect::Snowflake, "OpportunityId", "OpportunityId"),
        (Dialect::DuckDb, "OpportunityId", "OpportunityId"),
        (Dialect::BigQuery, "Close Date", "`Close Date`"),
    ];
    for (dialect, name, written) in cases {
        assert_eq!(dialect.column(name), written, "{dialect} {name}");
    }
}
