//! KPI guidance: which partnership KPIs peers of a company's size are held to.

use serde::{Deserialize, Serialize};

/// Company size by employees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CompanySize {
    /// 0–49 employees.
    Under50,
    /// 50–99 employees.
    From50To99,
    /// 100–999 employees.
    #[default]
    From100To999,
    /// 1,000 or more employees.
    Over1000,
}

/// A partnership KPI the overview can put first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kpi {
    /// Partner-sourced revenue.
    SourcedRevenue,
    /// Partner-influenced revenue.
    InfluencedRevenue,
    /// Leads / opportunities from partners.
    Leads,
    /// New partnerships signed.
    NewPartnerships,
    /// Net revenue retention of partner-involved (integration) accounts.
    NetRevenueRetention,
}

impl Kpi {
    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Kpi::SourcedRevenue => "Partner-sourced revenue",
            Kpi::InfluencedRevenue => "Partner-influenced revenue",
            Kpi::Leads => "Partner leads (opportunities)",
            Kpi::NewPartnerships => "New partnerships",
            Kpi::NetRevenueRetention => "Net revenue retention",
        }
    }
}

impl CompanySize {
    /// Every size, smallest first.
    pub const ALL: [CompanySize; 4] =
        [CompanySize::Under50, CompanySize::From50To99, CompanySize::From100To999, CompanySize::Over1000];

    /// Stable id (settings).
    pub fn id(self) -> &'static str {
        match self {
            CompanySize::Under50 => "0-49",
            CompanySize::From50To99 => "50-99",
            CompanySize::From100To999 => "100-999",
            CompanySize::Over1000 => "1000+",
        }
    }

    /// The size with this id.
    pub fn from_id(id: &str) -> Option<CompanySize> {
        CompanySize::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            CompanySize::Under50 => "0–49 employees",
            CompanySize::From50To99 => "50–99 employees",
            CompanySize::From100To999 => "100–999 employees",
            CompanySize::Over1000 => "1,000+ employees",
        }
    }

    /// The partner-program maturity peers of this size usually have.
    pub fn maturity(self) -> &'static str {
        match self {
            CompanySize::Under50 => "Explorer",
            CompanySize::From50To99 => "Producer",
            CompanySize::From100To999 => "Connector",
            CompanySize::Over1000 => "Supernode",
        }
    }

    /// [`CompanySize::kpis`] for this program: an integration-led program
    /// (see [`integration_led`]) is judged first on the retention and
    /// expansion of the accounts that use its integrations.
    pub fn kpis_for(self, integration_led: bool) -> Vec<Kpi> {
        let mut kpis = Vec::with_capacity(4);
        if integration_led {
            kpis.push(Kpi::NetRevenueRetention);
        }
        kpis.extend_from_slice(self.kpis());
        kpis
    }

    /// The KPIs peers at that maturity are held to, most important first.
    pub fn kpis(self) -> &'static [Kpi] {
        match self {
            CompanySize::Under50 => &[Kpi::Leads, Kpi::NewPartnerships],
            CompanySize::From50To99 => &[Kpi::SourcedRevenue, Kpi::Leads, Kpi::InfluencedRevenue],
            CompanySize::From100To999 | CompanySize::Over1000 => {
                &[Kpi::SourcedRevenue, Kpi::InfluencedRevenue, Kpi::Leads]
            }
        }
    }
}

/// Partner-type words that mark a technology (integration) partnership.
const INTEGRATION_WORDS: &[&str] = &["technology", "tech", "integration", "isv", "marketplace", "app", "platform"];

/// Whether a program is integration-led: most deals with a partner type
/// name a technology, integration, ISV, marketplace or app partner. (An
/// integration file alone does not decide it: resellers' programs have
/// integrations too.)
pub fn integration_led(data: &crate::dataset::Dataset) -> bool {
    // Deals per type first: a file has a handful of type names, each read once.
    let mut deals_of_type: crate::hash::FastMap<crate::dataset::Sym, usize> = Default::default();
    for t in data.deals.iter().filter_map(|d| d.partner_type) {
        *deals_of_type.entry(t).or_default() += 1;
    }
    let typed: usize = deals_of_type.values().sum();
    let integration: usize = deals_of_type
        .iter()
        .filter(|(&t, _)| {
            let lower = data.name(t).to_lowercase();
            let mut words = lower.split(|c: char| !c.is_alphanumeric());
            words.any(|w| INTEGRATION_WORDS.contains(&w))
        })
        .map(|(_, n)| n)
        .sum();
    typed > 0 && integration * 2 > typed
}
