//! Columns chosen by evidence (issue 24): each rule on a small file written
//! here, shaped like the exports that taught it.

use engine::dataset::Dataset;
use engine::ingest::{build, parse_files, InputFile, ParsedFile};

fn parse(name: &str, bytes: &[u8]) -> ParsedFile {
    parse_files(&[InputFile { name: name.into(), bytes: bytes.to_vec() }]).unwrap().remove(0)
}

fn header<'a>(file: &'a ParsedFile, role: &str) -> Option<&'a str> {
    file.mapping.column(role).map(|c| file.table.headers[c].as_str())
}

fn load(file: ParsedFile) -> Dataset {
    build(&[file], &Default::default()).unwrap()
}

fn won_cents(data: &Dataset) -> i64 {
    data.deals.iter().filter(|d| d.won).map(|d| d.amount_cents).sum()
}

#[test]
fn a_name_that_repeats_with_other_amounts_and_dates_is_not_the_id() {
    // Opportunity names repeat across different opportunities; taking the
    // column as the id would drop two of these five deals as "duplicates".
    let csv = "NAME,Amount,Stage,Close Date,Created Date\n\
               Renewal,100,Closed Won,2025-02-01,2025-01-01\n\
               Renewal,250,Closed Lost,2025-03-01,2025-01-15\n\
               New logo,300,Closed Won,2025-04-01,2025-02-01\n\
               Renewal,400,Closed Won,2025-05-01,2025-03-01\n\
               Upsell,500,Negotiation,2025-06-01,2025-04-01\n";
    let file = parse("names.csv", csv.as_bytes());
    assert_eq!(header(&file, "deal_id"), None);
    assert!(file.mapping.reasons["deal_id"].contains("repeats"), "{:?}", file.mapping.reasons);
    assert!(file.is_confident(), "the id is optional: results with no click");
    let data = load(file);
    assert_eq!(data.deals.len(), 5, "every row is a deal");
    assert!(data.quality.duplicates.is_empty());
    assert_eq!(won_cents(&data), 80_000);
}

#[test]
fn an_id_that_repeats_on_rows_of_one_deal_is_kept_and_the_rows_merged() {
    // "Opportunities with Partners": a row per partner, the same deal facts.
    let csv = "Opportunity ID,Amount,Stage,Close Date,Partner\n\
               006A,1000,Closed Won,2025-02-01,Acme\n\
               006A,1000,Closed Won,2025-02-01,Beta\n\
               006B,500,Closed Lost,2025-03-01,Acme\n";
    let file = parse("partners.csv", csv.as_bytes());
    assert_eq!(header(&file, "deal_id"), Some("Opportunity ID"));
    let data = load(file);
    assert_eq!(data.deals.len(), 2);
    assert_eq!(won_cents(&data), 100_000);
    assert_eq!(data.quality.merged_partner_rows.len(), 1);
}

#[test]
fn line_items_of_one_order_are_summed_per_deal_with_a_note() {
    let mut csv = String::from("Row ID,Order ID,Product,Sales,Deal Stage,Closed Date\n");
    for (order, lines, stage) in
        [("O-1", 3, "Closed Won"), ("O-2", 2, "Closed Lost"), ("O-3", 4, "Closed Won"), ("O-4", 1, "Proposal")]
    {
        for line in 0..lines {
            csv.push_str(&format!(
                "{}{line},{order},Product {line},{}.50,{stage},2025-0{}-10\n",
                order,
                100 + line,
                lines
            ));
        }
    }
    let file = parse("lines.csv", csv.as_bytes());
    assert_eq!(header(&file, "deal_id"), Some("Order ID"), "the order id, not the unique row id");
    assert!(file.mapping.reasons["deal_id"].contains("line items"), "{}", file.mapping.reasons["deal_id"]);
    let data = load(file);
    assert_eq!(data.deals.len(), 4);
    // O-1: 100.50 + 101.50 + 102.50; O-3: 100.50 + … + 103.50.
    assert_eq!(won_cents(&data), 30_450 + 40_800);
    assert!(data.quality.duplicates.is_empty());
    assert!(data.quality.notices().iter().any(|n| n.contains("line items")), "{:?}", data.quality.notices());
}

#[test]
fn a_deal_size_of_plain_numbers_is_the_amount_not_the_segment() {
    let csv = "Deal,Deal Size,Size,Status,Expected Close\n\
               A,12000,Enterprise,Won,2025-02-01\n\
               B,800,SMB,Lost,2025-03-01\n\
               C,4300,Mid-market,Open,2025-04-01\n";
    let file = parse("sizes.csv", csv.as_bytes());
    assert_eq!(header(&file, "amount"), Some("Deal Size"));
    assert_eq!(header(&file, "segment"), Some("Size"));
    assert_eq!(header(&file, "stage"), Some("Status"));
    assert!(file.mapping.reasons["amount"].contains("numbers in 100%"), "{}", file.mapping.reasons["amount"]);
    assert!(file.is_confident());
    assert_eq!(won_cents(&load(file)), 1_200_000);
}

#[test]
fn the_final_figure_beats_the_list_price_and_the_expected_one() {
    let csv = "deal_id,list_price_mrr,final_mrr,expected_revenue,status,close_at\n\
               D1,100,90,45,Closed Won,2025-02-01\n\
               D2,200,200,100,Closed Lost,2025-03-01\n";
    let file = parse("mrr.csv", csv.as_bytes());
    assert_eq!(header(&file, "amount"), Some("final_mrr"));
}

#[test]
fn a_true_false_column_is_a_won_flag_only_when_its_header_says_won() {
    let csv = "Deal ID,Amount,IsAccepted,Status,Close Date\n\
               1,100,TRUE,Won,2025-02-01\n\
               2,200,TRUE,Lost,2025-03-01\n\
               3,300,FALSE,Open,\n";
    let file = parse("accepted.csv", csv.as_bytes());
    assert_eq!(header(&file, "is_won"), None);
    assert_eq!(header(&file, "stage"), Some("Status"));
    let data = load(file);
    assert_eq!(data.deals.iter().filter(|d| d.won).count(), 1);
}

#[test]
fn each_row_is_converted_at_its_own_rate_in_the_direction_the_rates_show() {
    // Units of the row's currency per unit of the base (SAP, Salesforce):
    // 1,130 USD at 1.13 is 1,000 EUR; 7,800 CNY at 7.8 is 1,000 EUR.
    let per_base = "Id,Currency,CurrencyRate,Amount,Stage,ExpectedCloseDate\n\
                    1,EUR,1.0000,1000.00,Won,20250201\n\
                    2,USD,1.1300,1130.00,Won,20250301\n\
                    3,RMB,7.8000,7800.00,Won,20250401\n";
    let data = load(parse("per_base.csv", per_base.as_bytes()));
    assert_eq!(data.currency, "EUR");
    assert_eq!(won_cents(&data), 300_000);
    assert!(data.quality.missing_rates.is_empty());
    // The other way round: units of the base per unit of the row's currency.
    let base_per = "Id,Currency,Exchange Rate,Amount,Stage,Close Date\n\
                    1,EUR,1,1000,Won,2025-02-01\n\
                    2,USD,0.885,1130,Won,2025-03-01\n\
                    3,CNY,0.128,7800,Won,2025-04-01\n";
    let data = load(parse("base_per.csv", base_per.as_bytes()));
    assert_eq!(won_cents(&data), 100_000 + 100_005 + 99_840);
    let notes = data.quality.notices().join("\n");
    assert!(notes.contains("EUR per unit of the deal's currency: amounts multiplied"), "{notes}");
}

#[test]
fn a_converted_amount_is_used_as_it_is() {
    let csv = "Opportunity ID,Amount Currency,Amount,Amount (converted) Currency,Amount (converted),Stage,Close Date\n\
               1,EUR,1000,USD,1100,Closed Won,2025-02-01\n\
               2,GBP,1000,USD,1270,Closed Won,2025-03-01\n\
               3,USD,500,USD,500,Closed Lost,2025-04-01\n";
    let file = parse("converted.csv", csv.as_bytes());
    assert_eq!(header(&file, "amount"), Some("Amount (converted)"));
    assert_eq!(header(&file, "currency"), Some("Amount (converted) Currency"));
    let data = load(file);
    assert_eq!((data.currency.as_str(), won_cents(&data)), ("USD", 237_000));
    assert!(data.quality.missing_rates.is_empty());
}

#[test]
fn currency_names_are_codes() {
    let csv = "Topic,Est. revenue,Currency,Status,Est. close date\n\
               A,100,US Dollar,Won,5/20/2024\n\
               B,200,US Dollar,Lost,5/21/2024\n";
    let data = load(parse("names.csv", csv.as_bytes()));
    assert_eq!(data.currency, "USD");
    assert!(data.quality.missing_rates.is_empty());
    assert_eq!(won_cents(&data), 10_000);
}

#[test]
fn a_windows_1251_export_is_read_as_cyrillic() {
    let text = "ID,Название,Сумма,Стадия,Дата закрытия,CLOSED\n\
                1,Поставка оборудования,150000,Сделка успешна,2025-02-01,Y\n\
                2,Монтаж панелей,84000,Сделка провалена,2025-03-01,Y\n\
                3,Расчет дверных блоков,12000,Новая,,N\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let file = parse("bitrix.csv", &bytes);
    assert_eq!(file.report.encoding, "windows-1251");
    assert_eq!(file.table.headers[1], "Название");
    assert_eq!(file.table.row(0).get(3), Some("Сделка успешна"));
    assert_eq!(engine::ingest::stage_outcome("Сделка успешна"), (true, true));
    assert_eq!(engine::ingest::stage_outcome("C2:LOSE"), (true, false));
    assert_eq!(engine::ingest::stage_outcome("C6:APOLOGY"), (true, false));
}

#[test]
fn equal_amount_columns_go_to_the_larger_figure_with_no_question() {
    // An insurance broker's premium (the policy's value) and revenue (its commission).
    let csv = "opportunity_id,premium_amount,revenue_amount,stage,closing_date\n\
               OPP1,8000000,400000,Qualify Opportunity,2019-11-13\n\
               OPP2,200000,30000,Negotiate,2020-03-31\n";
    let file = parse("broker.csv", csv.as_bytes());
    assert_eq!(header(&file, "amount"), Some("premium_amount"));
    assert!(file.is_confident(), "no click: all deals open, the pipeline is shown");
}

#[test]
fn an_uncertain_optional_role_never_holds_the_results_back() {
    let csv = "Record Label,Amount,Stage,Close Date,Potential Customer\n\
               R-1,100,Closed Won,2025-02-01,Acme\n\
               R-2,200,Closed Lost,2025-03-01,Beta\n";
    let file = parse("optional.csv", csv.as_bytes());
    assert!(file.is_confident());
    let uncertain = file.mapping.uncertain(file.kind, engine::ingest::roles::CONFIDENT);
    assert!(uncertain.contains(&"account"), "{uncertain:?}");
    let summary = file.summary();
    assert!(summary.confident && summary.uncertain.contains(&"account".to_string()));
    assert!(summary.reasons.iter().any(|(role, why)| role == "amount" && why.contains("Amount")));
}

#[test]
fn an_amount_header_that_names_its_currency_wins_over_an_invoice_currency_column() {
    let csv = "deal_id;stage;amount_usd;close_date;currency;payment_status\n\
               D1;Closed Won;1000;29/06/26;USD;Paid\n\
               D2;Closed Won;2000;30/06/26;Sin_Factura;Sin_Factura\n\
               D3;Negotiation;500;1/07/26;Sin_Factura;Sin_Factura\n\
               D4;Closed Lost;700;4/07/26;Sin_Factura;Sin_Factura\n";
    let file = parse("latam.csv", csv.as_bytes());
    assert_eq!(header(&file, "currency"), None);
    assert!(file.mapping.reasons["currency"].contains("amounts are in USD"));
    let data = load(file);
    assert_eq!((data.currency.as_str(), won_cents(&data)), ("USD", 300_000));
    assert!(!data.quality.currency_assumed, "the header said it");
    assert_eq!(data.deals[0].close.map(|d| d.0), engine::date::Day::from_ymd(2026, 6, 29).map(|d| d.0), "d/m/yy");
}

#[test]
fn won_and_lost_times_are_the_close_dates_of_closed_deals() {
    // Pipedrive: "Won time" and "Lost time" beside the expected close date.
    let csv = "Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Status,Deal - Deal created,Deal - Expected close date,Deal - Won time,Deal - Lost time\n\
               1,Acme,1000,EUR,won,2025-01-02 10:00:00,2025-03-01,2025-02-01 12:00:00,\n\
               2,Beta,500,EUR,lost,2025-01-05 09:00:00,2025-03-15,,2025-02-11 09:30:00\n\
               3,Gamma,700,EUR,open,2025-01-07 08:00:00,2025-04-01,,\n";
    let file = parse("pipedrive.csv", csv.as_bytes());
    assert_eq!(header(&file, "close_date"), Some("Deal - Expected close date"));
    assert_eq!(file.mapping.all("actual_close_date").len(), 2, "{:?}", file.mapping.to_pairs());
    assert!(file.is_confident());
    let data = load(file);
    let day = |y, m, d| engine::date::Day::from_ymd(y, m, d);
    let closes: Vec<_> = data.deals.iter().map(|d| d.close).collect();
    assert_eq!(closes, vec![day(2025, 2, 1), day(2025, 2, 11), day(2025, 4, 1)]);
}

#[test]
fn a_stray_byte_in_a_utf8_file_is_replaced_and_its_row_named() {
    let mut bytes = b"deal_id,amount,stage,close_date,partner\n".to_vec();
    for i in 1..=30 {
        bytes.extend_from_slice(format!("D{i},100,Closed Won,2025-01-02,M\u{fc}ller GmbH\n").as_bytes());
    }
    bytes.extend_from_slice(b"D31,100,Closed Won,2025-01-02,Bad \xff byte\n");
    let file = parse("stray.csv", &bytes);
    assert_eq!((file.report.encoding, file.report.replaced), ("UTF-8", 1));
    let data = load(file);
    assert!(data.strings.get("Müller GmbH").is_some(), "the other names read as written");
    assert_eq!(data.quality.files[0].replaced_lines, vec![32]);
    assert!(data.quality.notices().iter().any(|n| n.contains("not valid UTF-8") && n.contains("row 32")));
}

#[test]
fn dynamics_state_codes_are_an_outcome() {
    let csv = "opportunityid,name,estimatedvalue,actualvalue,statecode,estimatedclosedate,actualclosedate,createdon\n\
               a1,Coffee,1000,1200,1,2025-02-01,2025-02-03,2025-01-01\n\
               a2,Tea,500,0,2,2025-03-01,2025-03-05,2025-01-02\n\
               a3,Cups,700,,0,2025-04-01,,2025-01-03\n";
    let file = parse("dynamics_odata.csv", csv.as_bytes());
    assert_eq!(header(&file, "stage"), Some("statecode"));
    assert_eq!(header(&file, "actual_amount"), Some("actualvalue"));
    assert!(file.is_confident(), "{:?}", file.mapping.to_pairs());
    let data = load(file);
    assert_eq!(
        data.deals.iter().map(|d| (d.closed, d.won)).collect::<Vec<_>>(),
        vec![(true, true), (true, false), (false, false)]
    );
    assert_eq!(won_cents(&data), 120_000, "the actual value of the won deal");
}

#[test]
fn a_workbook_opens_on_its_deal_sheet_not_its_largest() {
    // The largest sheet is a lookup table; the deal rows are on another.
    let mut lookup = vec![vec!["Code".to_string(), "Meaning".to_string()]];
    for i in 0..50 {
        lookup.push(vec![format!("C{i}"), format!("Meaning {i}")]);
    }
    let deals = vec![
        vec!["Deal".to_string(), "Amount".into(), "Stage".into(), "Close Date".into()],
        vec!["A".to_string(), "100".into(), "Closed Won".into(), "2025-01-02".into()],
        vec!["B".to_string(), "200".into(), "Closed Lost".into(), "2025-02-02".into()],
    ];
    let bytes = crate::common::xlsx(&[("Lookup", lookup), ("Deals", deals)]);
    let file = parse("book.xlsx", &bytes);
    assert_eq!(file.sheet.as_ref().map(|s| s.0.as_str()), Some("Deals"));
    assert!(file.is_confident());
}

#[test]
fn the_rate_direction_can_be_turned_round_in_the_report() {
    // Near parity the direction is assumed ("per base") and said; the user can turn it round.
    let csv = "Id,Currency,CurrencyRate,Amount,Stage,Close Date\n1,EUR,1,1000,Won,2025-02-01\n2,USD,1.25,1000,Won,2025-03-01\n";
    let file = parse("parity.csv", csv.as_bytes());
    let data = build(std::slice::from_ref(&file), &Default::default()).unwrap();
    assert_eq!(won_cents(&data), 100_000 + 80_000, "divided");
    assert!(data.quality.notices().join(" ").contains("assumed"));
    let options = engine::ingest::LoadOptions {
        rate_direction: Some(engine::ingest::currency::RateDirection::BasePer),
        ..Default::default()
    };
    let data = build(&[file], &options).unwrap();
    assert_eq!(won_cents(&data), 100_000 + 125_000, "multiplied, as chosen");
    assert!(data.quality.notices().join(" ").contains("as chosen in this report"));
}
