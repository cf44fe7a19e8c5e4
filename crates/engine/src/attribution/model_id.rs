//! The identity of each attribution model: ids, labels, explanations.

/// The attribution models of spec §4, in the order the export lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ModelId {
    /// Full credit to the sourcing partner.
    Sourced,
    /// Full credit to every partner involved (non-additive).
    Influenced,
    /// Equal credit to each distinct partner.
    EvenSplit,
    /// Full credit to the first touch.
    FirstTouch,
    /// Full credit to the last touch.
    LastTouch,
    /// Full credit to the touch that created the pipeline.
    PipelineTouch,
    /// Equal credit to each touch.
    Linear,
    /// More credit to touches closer to the close date.
    TimeDecay,
    /// 40% first, 40% last, 20% the middle.
    PositionBased,
    /// 30% each to first, creation and last touches; 10% the rest.
    WShaped,
    /// Shapley value of the incremental win-rate game.
    Shapley,
    /// Markov-chain removal effect.
    Markov,
    /// Extra: 20% first, 60% last, 20% the middle.
    JShaped,
    /// Extra: 60% first, 20% last, 20% the middle.
    InverseJ,
    /// Extra: the user's own first / middle / last weights.
    CustomPosition,
}

impl ModelId {
    /// The twelve models of the specification, in export order.
    pub const SPEC: [ModelId; 12] = [
        ModelId::Sourced,
        ModelId::Influenced,
        ModelId::EvenSplit,
        ModelId::FirstTouch,
        ModelId::LastTouch,
        ModelId::PipelineTouch,
        ModelId::Linear,
        ModelId::TimeDecay,
        ModelId::PositionBased,
        ModelId::WShaped,
        ModelId::Shapley,
        ModelId::Markov,
    ];

    /// Extra position models, offered beside the specification's.
    pub const EXTRA: [ModelId; 3] = [ModelId::JShaped, ModelId::InverseJ, ModelId::CustomPosition];

    /// The id used in exports.
    pub fn id(self) -> &'static str {
        match self {
            ModelId::Sourced => "sourced",
            ModelId::Influenced => "influenced",
            ModelId::EvenSplit => "even_split",
            ModelId::FirstTouch => "first_touch",
            ModelId::LastTouch => "last_touch",
            ModelId::PipelineTouch => "pipeline_touch",
            ModelId::Linear => "linear",
            ModelId::TimeDecay => "time_decay",
            ModelId::PositionBased => "position_based",
            ModelId::WShaped => "w_shaped",
            ModelId::Shapley => "shapley",
            ModelId::Markov => "markov",
            ModelId::JShaped => "j_shaped",
            ModelId::InverseJ => "inverse_j",
            ModelId::CustomPosition => "custom_position",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            ModelId::Sourced => "Sourced",
            ModelId::Influenced => "Influenced",
            ModelId::EvenSplit => "Even split",
            ModelId::FirstTouch => "First touch",
            ModelId::LastTouch => "Last touch",
            ModelId::PipelineTouch => "Pipeline touch",
            ModelId::Linear => "Linear",
            ModelId::TimeDecay => "Time decay",
            ModelId::PositionBased => "Position-based",
            ModelId::WShaped => "W-shaped",
            ModelId::Shapley => "Shapley",
            ModelId::Markov => "Markov",
            ModelId::JShaped => "J-shaped",
            ModelId::InverseJ => "Inverse J",
            ModelId::CustomPosition => "Custom weights",
        }
    }

    /// One sentence on what the model rewards, in plain words.
    pub fn explanation(self) -> &'static str {
        match self {
            ModelId::Sourced => "All the revenue goes to the partner that brought the deal in.",
            ModelId::Influenced => "Every partner that touched a won deal is credited with all of it, so totals exceed revenue.",
            ModelId::EvenSplit => "Each won deal is split equally between the distinct partners involved.",
            ModelId::FirstTouch => "All the revenue goes to the first partner that touched the deal.",
            ModelId::LastTouch => "All the revenue goes to the last partner to touch the deal before it closed.",
            ModelId::PipelineTouch => "All the revenue goes to the partner whose touch put the deal into the pipeline.",
            ModelId::Linear => "Each touch earns an equal share; a partner with two touches earns two shares.",
            ModelId::TimeDecay => "Touches closer to the close date earn more; a touch's weight halves every half-life.",
            ModelId::PositionBased => "40% to the first touch, 40% to the last, 20% shared by the touches in between.",
            ModelId::WShaped => "30% each to the first, pipeline-creating and last touches; 10% shared by the rest.",
            ModelId::Shapley => "Credit in proportion to how much each partner raises the win rate, fairly shared among partners that work together.",
            ModelId::Markov => "Credit in proportion to how much conversion would drop if the partner were removed from every journey.",
            ModelId::JShaped => "20% to the first touch, 60% to the last, 20% shared by the touches in between.",
            ModelId::InverseJ => "60% to the first touch, 20% to the last, 20% shared by the touches in between.",
            ModelId::CustomPosition => "Your own split between the first, middle and last touches.",
        }
    }

    /// Whether credits add up to the revenue base.
    pub fn additive(self) -> bool {
        self != ModelId::Influenced
    }

    /// Whether the model needs touch dates (and so deal-level data cannot feed it).
    pub fn needs_dates(self) -> bool {
        self == ModelId::TimeDecay
    }

    /// Parse an export id.
    pub fn from_id(id: &str) -> Option<ModelId> {
        ModelId::SPEC.into_iter().chain(ModelId::EXTRA).find(|m| m.id() == id)
    }
}
