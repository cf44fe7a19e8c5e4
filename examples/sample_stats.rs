//! Print headline numbers of the built-in sample (a quick sanity look).
use partner_attribution::engine::{journey::Journeys, sample::sample_dataset, value_model::*};
fn main() {
    let data = sample_dataset();
    let j = Journeys::build(&data);
    let v = ValueModel::compute(&data, &j, Definition::AnyPartner);
    println!(
        "deals {} touches {}",
        data.deals.len(),
        data.touches.as_ref().map_or(0, Vec::len)
    );
    for (name, s) in [("partner", &v.partner), ("direct", &v.direct)] {
        println!(
            "{name}: deals {} closed {} won {} wr {:?} avg {:?} cyc {:?}",
            s.deals,
            s.closed_deals,
            s.won_deals,
            s.win_rate(),
            s.avg_won_amount(),
            s.median_cycle_days()
        );
    }
    println!("{:?}", v.incremental());
}
