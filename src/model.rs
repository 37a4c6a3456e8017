//! Shared vocabulary of the pipeline: entity kinds, the 25 relation ids of the extraction
//! contract, modality, and calendar dates.
//!
//! Every later stage speaks these types; nothing here does any work on text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The five kinds of entity newsgraph extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named human.
    Person,
    /// A sovereign state or its government (also historical states).
    Country,
    /// A named weapons system or family.
    Weapon,
    /// A city, region, venue or named area.
    Place,
    /// An institution, alliance, armed group, company or outlet.
    #[serde(alias = "organization")]
    Organisation,
}

impl Kind {
    /// All kinds, in the order exports list them.
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Country,
        Kind::Weapon,
        Kind::Place,
        Kind::Organisation,
    ];

    /// The lowercase name used in every export ("person", "country"...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::Weapon => "weapon",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
        }
    }

    /// True for the kinds that can act (speak, meet, supply, attack...).
    pub fn is_actor(self) -> bool {
        matches!(self, Kind::Person | Kind::Country | Kind::Organisation)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "people" => Ok(Kind::Person),
            "country" | "countries" => Ok(Kind::Country),
            "weapon" | "weapons" => Ok(Kind::Weapon),
            "place" | "places" => Ok(Kind::Place),
            "organisation" | "organization" | "organisations" | "organizations" | "org" => {
                Ok(Kind::Organisation)
            }
            other => Err(format!(
                "unknown kind {other:?} (expected person, country, weapon, place or organisation)"
            )),
        }
    }
}

/// How sure the text is about one occurrence of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// It happened or is happening, stated as fact.
    Asserted,
    /// Scheduled, agreed or announced for the future.
    Planned,
    /// Hypothetical, conditional, considered or proposed.
    Possible,
    /// Did not, will not, refused, ruled out, denied.
    Negated,
}

impl Modality {
    /// All modalities in export order.
    pub const ALL: [Modality; 4] = [
        Modality::Asserted,
        Modality::Planned,
        Modality::Possible,
        Modality::Negated,
    ];

    /// Lowercase name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Possible => "possible",
            Modality::Negated => "negated",
        }
    }

    /// Position in [`Modality::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "asserted" => Ok(Modality::Asserted),
            "planned" => Ok(Modality::Planned),
            "possible" => Ok(Modality::Possible),
            "negated" => Ok(Modality::Negated),
            other => Err(format!(
                "unknown modality {other:?} (expected asserted, planned, possible or negated)"
            )),
        }
    }
}

macro_rules! relations {
    ($( $variant:ident = $id:literal, $label:literal, $directed:literal; )*) => {
        /// The 25 relation ids of the extraction contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Relation { $( #[doc = $label] $variant, )* }

        impl Relation {
            /// Every relation, in contract order.
            pub const ALL: &'static [Relation] = &[ $( Relation::$variant, )* ];

            /// The snake_case id used in every export.
            pub fn id(self) -> &'static str { match self { $( Relation::$variant => $id, )* } }

            /// The words an analyst reads on the edge.
            pub fn label(self) -> &'static str { match self { $( Relation::$variant => $label, )* } }

            /// False for the symmetric relations (`spoke_with`, `met_with`...).
            pub fn directed(self) -> bool { match self { $( Relation::$variant => $directed, )* } }
        }

        impl FromStr for Relation {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim() {
                    $( $id => Ok(Relation::$variant), )*
                    other => Err(format!("unknown relation id {other:?}")),
                }
            }
        }
    };
}

relations! {
    SpokeWith = "spoke_with", "spoke with", false;
    MetWith = "met_with", "met with", false;
    PlansMeetingWith = "plans_meeting_with", "plans meeting with", false;
    PlansMeetingIn = "plans_meeting_in", "plans meeting in", true;
    MetIn = "met_in", "met in", true;
    Visited = "visited", "visited", true;
    NegotiatesWith = "negotiates_with", "negotiates with", false;
    SignedAgreementWith = "signed_agreement_with", "signed agreement with", false;
    Praised = "praised", "praised", true;
    Supports = "supports", "supports", true;
    Urged = "urged", "urged", true;
    Criticized = "criticized", "criticized", true;
    Threatened = "threatened", "threatened", true;
    Sanctioned = "sanctioned", "sanctioned", true;
    Attacked = "attacked", "attacked", true;
    AtWarWith = "at_war_with", "at war with", false;
    Supplies = "supplies", "supplies", true;
    SuppliesWeaponsTo = "supplies_weapons_to", "supplies weapons to", true;
    Receives = "receives", "receives", true;
    Requested = "requested", "requested", true;
    Uses = "uses", "uses", true;
    Discussed = "discussed", "discussed", true;
    LeaderOf = "leader_of", "leader of", true;
    OfficialOf = "official_of", "official of", true;
    LocatedIn = "located_in", "located in", true;
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Relation {
    /// Whether an edge of this relation may run from an entity of kind `from` to one of kind
    /// `to`, as the contract's "from → to" column allows.
    pub fn allows(self, from: Kind, to: Kind) -> bool {
        use Kind::*;
        use Relation::*;
        let actor = |k: Kind| matches!(k, Person | Country | Organisation);
        match self {
            SpokeWith | MetWith | PlansMeetingWith | NegotiatesWith | SignedAgreementWith => {
                actor(from) && actor(to)
            }
            PlansMeetingIn | MetIn => actor(from) && matches!(to, Place | Country | Organisation),
            Visited => matches!(from, Person | Organisation) && matches!(to, Place | Country),
            Praised => matches!(from, Person | Country) && actor(to),
            Supports | Urged | Criticized | Threatened | Sanctioned => actor(from) && actor(to),
            Attacked => actor(from) && matches!(to, Country | Place | Organisation | Person),
            AtWarWith => {
                matches!(from, Country | Organisation) && matches!(to, Country | Organisation)
            }
            Supplies | Uses => actor(from) && to == Weapon,
            Receives => matches!(from, Country | Organisation) && to == Weapon,
            Discussed => matches!(from, Person | Country) && to == Weapon,
            SuppliesWeaponsTo => actor(from) && matches!(to, Country | Organisation),
            Requested => actor(from) && matches!(to, Weapon | Person | Country),
            LeaderOf => from == Person && to == Country,
            OfficialOf => from == Person && matches!(to, Country | Organisation),
            LocatedIn => from == Place && to == Country,
        }
    }
}

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// Builds a date, checking the month and the day against the month's length.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::new(num(0..4)? as u16, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// Parses a possibly partial date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `end` picks the last
    /// day of a partial period instead of the first.
    pub fn parse_partial(s: &str, end: bool) -> Option<Date> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(d);
        }
        let mut parts = s.split('-');
        let year: u16 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        match parts.next() {
            None => Some(if end {
                Date {
                    year,
                    month: 12,
                    day: 31,
                }
            } else {
                Date {
                    year,
                    month: 1,
                    day: 1,
                }
            }),
            Some(m) => {
                let month: u8 = m.parse().ok()?;
                if parts.next().is_some() {
                    return None;
                }
                let day = if end { days_in_month(year, month) } else { 1 };
                Date::new(year, month, day)
            }
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_order() {
        assert_eq!(Date::parse("2025-10-17").unwrap().to_string(), "2025-10-17");
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("25-10-17").is_none());
        assert_eq!(
            Date::parse_partial("2014", true).unwrap().to_string(),
            "2014-12-31"
        );
        assert_eq!(
            Date::parse_partial("2014-02", true).unwrap().to_string(),
            "2014-02-28"
        );
        assert_eq!(
            Date::parse_partial("2014-02", false).unwrap().to_string(),
            "2014-02-01"
        );
        assert!(Date::parse("2019-01-01") < Date::parse("2019-01-02"));
    }

    #[test]
    fn relation_ids_round_trip() {
        assert_eq!(Relation::ALL.len(), 25);
        for r in Relation::ALL {
            assert_eq!(r.id().parse::<Relation>().unwrap(), *r);
        }
        assert!(!Relation::SpokeWith.directed());
        assert!(Relation::Supplies.directed());
    }

    #[test]
    fn kinds_constrain_relations() {
        assert!(Relation::Supplies.allows(Kind::Country, Kind::Weapon));
        assert!(!Relation::Supplies.allows(Kind::Country, Kind::Country));
        assert!(!Relation::LocatedIn.allows(Kind::Place, Kind::Place));
        assert!(Relation::LeaderOf.allows(Kind::Person, Kind::Country));
    }
}
