//! The output contract: one [`ArticleOutput`] per article, serialised as one JSON line.
//! `schema/article.schema.json` is the JSON Schema of this shape; a test keeps the two
//! in step. Every span is `[start, end)` in bytes of the article text.

use serde::{Deserialize, Serialize};

/// A `[start, end)` byte span of the article text.
pub type JSpan = [usize; 2];

/// Everything annals read from one article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleOutput {
    /// The article's identity.
    pub article: ArticleMeta,
    /// Events, most confident first.
    pub events: Vec<Event>,
    /// The article's actors, each once, with every mention.
    pub actors: Vec<Actor>,
    /// The article's places, each once, with every mention.
    pub places: Vec<Place>,
    /// Direct quotes with their speakers.
    pub quotes: Vec<Quote>,
}

/// The article's identity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleMeta {
    /// The input's id.
    pub id: String,
    /// Publication date, YYYY-MM-DD.
    pub date: String,
    /// Headline, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Address, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Outlet, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Language code (annals reads English).
    pub language: String,
}

/// A resolved actor of the article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Actor {
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What it is: state force, rebel group, militia, political party, government,
    /// civilians, protesters, person, ...
    pub kind: String,
    /// ISO 3166-1 alpha-2 code, when the actor has a country.
    pub country: Option<String>,
    /// Every span that names it.
    pub mentions: Vec<JSpan>,
}

/// Where a gazetteer entry is: the fields every place reference shares.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GeoRef {
    /// Gazetteer name.
    pub name: String,
    /// First-level region name, when the place is or lies in one.
    pub admin1: Option<String>,
    /// GeoNames admin-1 code (`AF.42`), when the place is or lies in a region.
    pub admin1_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id.
    pub geonameid: u32,
    /// `exact`, `near`, `admin2`, `admin1` or `country`.
    pub precision: String,
}

/// A resolved place of the article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Place {
    /// The gazetteer entry.
    #[serde(flatten)]
    pub geo: GeoRef,
    /// Why this gazetteer entry was chosen.
    pub reason: String,
    /// Every span that names it.
    pub mentions: Vec<JSpan>,
}

/// A direct quote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// Who said it, when known.
    pub speaker: Option<String>,
    /// The speaker's actor id, when known.
    pub speaker_id: Option<String>,
    /// The reporting verb ("tweeted", "said").
    pub verb: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Where they are.
    pub span: JSpan,
}

/// One event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// Article-local id ("e1").
    pub id: String,
    /// PLOVER event type (AGREE ... ASSAULT).
    pub plover_type: String,
    /// PLOVER mode (firearms, aerial, arrest, demonstrate, ...).
    pub plover_mode: String,
    /// ACLED event type.
    pub acled_event_type: String,
    /// ACLED sub-event type.
    pub acled_sub_event_type: String,
    /// `occurred`, `intended` (to fight), `future` (will, plans to), `possible` (may),
    /// or `negated` (did not attack).
    pub status: String,
    /// Who acted.
    pub source_actor: Option<ActorRef>,
    /// Who was acted on.
    pub target_actor: Option<ActorRef>,
    /// ACLED's first actor where it is not the source: the crowd that a named organiser
    /// led ("Protesters (Bangladesh)" at a BNP rally, the party staying the source, as
    /// ACLED's associated actor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acled_actor1: Option<String>,
    /// The words that name the event.
    pub trigger: TextSpan,
    /// Where it happened.
    pub place: Option<EventPlace>,
    /// Where the text says it happened when nothing locates that place: a name the
    /// gazetteer lacks ("the settlement of Ard Jaburin"), with no known place or country
    /// around it to give coordinates. `place` is then null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlocated_place: Option<TextSpan>,
    /// When it happened.
    pub date: EventDate,
    /// People killed.
    pub killed: Option<Count>,
    /// People injured.
    pub injured: Option<Count>,
    /// People captured.
    pub captured: Option<Count>,
    /// People arrested.
    pub arrested: Option<Count>,
    /// Other counted things: seized equipment, people displaced or abducted.
    pub quantities: Vec<Quantity>,
    /// Who says so and how surely: the attribution of the first report in the body of
    /// the article (headlines restate; they do not attribute).
    pub attribution: Attribution,
    /// Every distinct attribution of the reports merged into this event.
    pub claims: Vec<Attribution>,
    /// The sentences the event was read from.
    pub evidence: Vec<TextSpan>,
    /// How sure annals is that this event is right, 0 to 1.
    pub confidence: f64,
}

/// An actor in an event role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorRef {
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// The mention used.
    pub span: JSpan,
}

/// Words and where they are.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextSpan {
    /// The words.
    pub text: String,
    /// Where.
    pub span: JSpan,
}

/// An event's place.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventPlace {
    /// The gazetteer entry.
    #[serde(flatten)]
    pub geo: GeoRef,
    /// The mention used.
    pub span: JSpan,
    /// False when the event's own sentence names the place; true when it was taken
    /// from the surrounding text.
    pub inferred: bool,
}

/// An event's date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventDate {
    /// YYYY-MM-DD (for coarser precision, a day inside the period).
    pub value: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// `text` (the event's sentence dates it), `context` (an earlier sentence does), or
    /// `article_date` (nothing does: the publication date stands in).
    pub source: String,
    /// The date expression used, when any.
    pub text: Option<String>,
    /// Where it is.
    pub span: Option<JSpan>,
}

/// A count of people.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// The figure (the low end of a range).
    pub value: i64,
    /// "over", "at least", "dozens", ...
    pub qualifier: Option<String>,
    /// The high end of a range.
    pub high: Option<i64>,
    /// Whom it counts, when named ("Taliban").
    pub of: Option<String>,
    /// Where the figure is (the first part's figure when told in parts).
    pub span: JSpan,
    /// A toll told in parts is their sum ("two protesters and one policeman were
    /// killed", "... 1 soldier was also killed"): where each later part is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<JSpan>,
}

impl Count {
    /// A plain figure with no qualifier, range, group or parts: "a man" is one.
    pub fn exact(value: i64, span: JSpan) -> Self {
        Count {
            value,
            qualifier: None,
            high: None,
            of: None,
            span,
            parts: Vec::new(),
        }
    }
}

/// Another counted thing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quantity {
    /// What happened to them: seized, displaced, abducted, ...
    pub what: String,
    /// The figure.
    pub value: i64,
    /// Qualifier words.
    pub qualifier: Option<String>,
    /// The things counted ("Humvees").
    pub item: Option<String>,
    /// Where the figure is.
    pub span: JSpan,
}

/// Who says so.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Attribution {
    /// The speaker's name; null when the article states it in its own voice.
    pub by: Option<String>,
    /// The speaker's actor id.
    pub by_id: Option<String>,
    /// The reporting verb ("claimed", "tweeted", "according to").
    pub verb: Option<String>,
    /// `asserted`, `claimed`, `denied` or `hedged`.
    pub certainty: String,
    /// Where the speaker is named.
    pub span: Option<JSpan>,
}
