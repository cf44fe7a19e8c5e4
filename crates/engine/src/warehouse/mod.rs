//! Beyond one browser (spec §10): the same definitions run in the
//! customer's warehouse. [`script`] writes SQL for one of five engines
//! that counts journey patterns where the data lives; only the `pa_`
//! aggregate tables of [`tables`] leave it. [`aggregates`] reads their
//! unloaded files back and [`finish`] computes every model and the value
//! model from them with the same code as for a file.

pub mod aggregates;
pub mod dbt;
pub mod dialect;
pub mod dropped;
pub mod finish;
pub mod options;
pub mod script;
pub mod tables;

pub use aggregates::{aggregates_of, all_aggregate_tables, read_aggregates, Aggregates};
pub use dbt::dbt_package;
pub use dialect::Dialect;
pub use dropped::{dataset_of_aggregates, WAREHOUSE_SOURCE};
pub use finish::{finish, WarehouseParts};
pub use options::ScriptOptions;
pub use script::script;
