//! PLOVER -> CAMEO and PLOVER -> ACLED mappings carried on every [`EventRecord`](crate::EventRecord).
//!
//! sitrep codes events natively in PLOVER, but users compare its output with GDELT (CAMEO root
//! codes and QuadClass) and with ACLED (event and sub-event types, actor categories). These
//! functions are the one place where that translation lives, so that every record gets the same
//! answer and the choices are written down once.
//!
//! # CAMEO ([`cameo`])
//! The OEDA's CAMEO -> PLOVER conversion table (`CAMEO2PLOVER-2021.txt`), read in reverse: for each
//! PLOVER type (and mode, where the mode picks a different CAMEO root), the CAMEO root whose codes
//! convert to it.
//!
//! | PLOVER | mode | CAMEO root | why |
//! |---|---|---|---|
//! | AGREE | - | 03 | 03x "express intent to cooperate" -> AGREE |
//! | AGREE | `sign` | 05 | 057 "sign formal agreement" is under root 05 |
//! | CONSULT | any | 04 | 040-046 (phone 041, visit 042/043, third-party 044) |
//! | SUPPORT | - | 05 | 050-057 |
//! | CONCEDE | - | 08 | 080-083 |
//! | COOPERATE | - | 06 | 060-064 |
//! | AID | - | 07 | 070-075 |
//! | RETREAT | any | 08 | 084-087 (release 0841, ceasefire 0871, withdraw 0872, disarm 0873/0874) |
//! | REQUEST | any | 10 | 100-108 (PLOVER drops CAMEO's 02 "appeal") |
//! | ACCUSE | `investigate` | 09 | 090-094 |
//! | ACCUSE | other | 11 | 110-116 (disapprove, allege) |
//! | REJECT | any | 12 | 120-129 |
//! | THREATEN | any | 13 | 130-139 |
//! | PROTEST | any | 14 | 140-145 |
//! | SANCTION | `convict` | 11 | 116 "find guilty or liable" is under root 11 |
//! | SANCTION | other | 16 | 160-166 |
//! | MOBILIZE | any | 15 | 150-154 |
//! | COERCE | any | 17 | 170-174 (191/192 also convert to COERCE, but 17 is the root of the type) |
//! | ASSAULT | - , `abduct`, `beat`, `torture`, `sexual`, `targeted`, `assassinate`, `primitive`, `explosives`, `suicide-attack` | 18 | 180-186, 1831-1833 |
//! | ASSAULT | `destroy`, `crowd-control` | 17 | 1712 "destroy property", 175 "violent repression" |
//! | ASSAULT | `firearms`, `heavy-weapons`, `aerial`, `drone` | 19 | 193 small arms, 194 artillery, 195 aerial weapons |
//! | ASSAULT | `unconventional`, `massacre`, `cleansing` | 20 | 200-204 (the PLOVER manual's note on root 20) |
//!
//! ASSAULT without a mode goes to 18, CAMEO's "assault", rather than 19 "fight": PLOVER's ASSAULT
//! is defined as deliberate physical harm, which is 18's definition; modes that name military
//! weapons move it to 19. The QuadClass is CAMEO's own for the root (01-05 -> 1, 06-09 -> 2,
//! 10-14 -> 3, 15-20 -> 4), so it can differ from PLOVER's quad code ([`quad_code`]): PROTEST is
//! QuadClass 3 in CAMEO but quad 4 in PLOVER; CONCEDE is 2 in CAMEO but 1 in PLOVER.
//!
//! # ACLED ([`acled`])
//! ACLED covers political violence, demonstrations and a few strategic developments; verbal
//! events (CONSULT, REQUEST, ACCUSE, REJECT, THREATEN, SUPPORT, CONCEDE), cooperation, aid and
//! sanctions are out of its scope and map to `None`.
//!
//! | PLOVER | mode / actors | ACLED event type | sub-event type |
//! |---|---|---|---|
//! | ASSAULT | `aerial`, `drone` | Explosions/Remote violence | Air/drone strike |
//! | ASSAULT | `heavy-weapons` | Explosions/Remote violence | Shelling/artillery/missile attack |
//! | ASSAULT | `explosives` | Explosions/Remote violence | Remote explosive/landmine/IED |
//! | ASSAULT | `suicide-attack` | Explosions/Remote violence | Suicide bomb |
//! | ASSAULT | `unconventional` | Explosions/Remote violence | Chemical weapon |
//! | ASSAULT | `abduct` | Violence against civilians | Abduction/forced disappearance |
//! | ASSAULT | `sexual` | Violence against civilians | Sexual violence |
//! | ASSAULT | `destroy` | Strategic developments | Looting/property destruction |
//! | ASSAULT | `crowd-control` | Protests | Excessive force against protesters |
//! | ASSAULT | other; armed actor, armed or no recipient | Battles | Armed clash |
//! | ASSAULT | other; armed or unknown actor, unarmed recipient | Violence against civilians | Attack |
//! | ASSAULT | other; unarmed (civilian) actor | Riots | Mob violence |
//! | PROTEST | `demo`, `strike`, `hunger`, `obstruct`, none | Protests | Peaceful protest |
//! | PROTEST | `riot`, `vandalize` | Riots | Violent demonstration |
//! | PROTEST | `boycott` | - (no gathering, out of scope) | |
//! | PROTEST, COERCE | `crowd-control`, deaths reported | Protests | Excessive force against protesters |
//! | PROTEST, COERCE | `crowd-control`, no deaths reported | Protests | Protest with intervention |
//! | COERCE | `arrest` | Strategic developments | Arrests |
//! | COERCE | `seize` | Strategic developments | Looting/property destruction |
//! | COERCE | `curfew`, `martial-law` | Strategic developments | Other |
//! | COERCE | other | - | |
//! | AGREE | any | Strategic developments | Agreement |
//! | RETREAT | `withdraw`, `territory` | Strategic developments | Non-violent transfer of territory |
//! | RETREAT | `ceasefire`, `release`, `disarm` | Strategic developments | Agreement (the codebook lists ceasefires, prisoner releases and surrenders there) |
//! | RETREAT | other | - | |
//! | MOBILIZE | any | Strategic developments | Change to group/activity (ACLED codes movements of forces there: 769 of the 770 "Movement of forces" notes in the Somalia export) |
//!
//! "Armed" sectors are MIL, COP, SPY, REB, UAF, PRM and CRM; on the actor side GOV also counts
//! (a government that attacks does so with its forces), on the recipient side it does not (an
//! attacked official is a civilian target for ACLED). The `crowd-control` rule for PROTEST and
//! COERCE uses `killed`: ACLED keeps "Excessive force" for lethal or seriously injuring force, so
//! `killed` of `Some(0)` or `None` gives "Protest with intervention"; ASSAULT with `crowd-control`
//! already implies harm and always gives "Excessive force against protesters".
//!
//! Actor categories ([`inter_code`]): 8 external/other forces (IGO, UNO, PKO, and IMG, CAMEO's
//! international militarised groups: "international forces"), 1 state forces (GOV,
//! MIL, COP, SPY), 2 rebel groups (REB, INS), 3 political militias (UAF, PRM, CRM: ACLED codes
//! unidentified armed groups, pro-government paramilitaries and gangs as political militias),
//! 7 civilians (CVL, REF, JRN, MED, EDU, REL, LAB, AGR, BUS, ELI, SOC, NGO, OPP, PTY, LEG, JUD,
//! PRE, HLH), then 4 identity militias (ETH, CAMEO's ethnic sector: clan, tribal and communal
//! militias; after civilians, so "civilians of a clan" stay civilians). The first match in that
//! order wins. The coder turns 1 into 8 for state forces outside their own country. Event rules then
//! override: protesters are 6 and rioters 5 on the side that protests or riots, and the target of
//! violence against civilians is 7.

use crate::record::{AcledCoding, CameoCoding, EventType};

/// ACLED's six event types, as ACLED spells them.
pub const ACLED_EVENT_TYPES: [&str; 6] = [
    BATTLES,
    EXPLOSIONS,
    VIOLENCE_AGAINST_CIVILIANS,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
];

const BATTLES: &str = "Battles";
const EXPLOSIONS: &str = "Explosions/Remote violence";
const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
const PROTESTS: &str = "Protests";
const RIOTS: &str = "Riots";
const STRATEGIC_DEVELOPMENTS: &str = "Strategic developments";

/// CAMEO root code and QuadClass for a PLOVER event type and mode (see the module table).
pub fn cameo(event_type: EventType, mode: Option<&str>) -> CameoCoding {
    let mode = mode.map(normalize_mode);
    let mode = mode.as_deref();
    let root = match event_type {
        EventType::Agree => match mode {
            Some("sign") => "05",
            _ => "03",
        },
        EventType::Consult => "04",
        EventType::Support => "05",
        EventType::Concede => "08",
        EventType::Cooperate => "06",
        EventType::Aid => "07",
        EventType::Retreat => "08",
        EventType::Request => "10",
        EventType::Accuse => match mode {
            Some("investigate") => "09",
            _ => "11",
        },
        EventType::Reject => "12",
        EventType::Threaten => "13",
        EventType::Protest => "14",
        EventType::Sanction => match mode {
            Some("convict") => "11",
            _ => "16",
        },
        EventType::Mobilize => "15",
        EventType::Coerce => "17",
        EventType::Assault => match mode {
            Some("destroy" | "crowd-control") => "17",
            Some("firearms" | "heavy-weapons" | "aerial" | "drone") => "19",
            Some("unconventional" | "massacre" | "cleansing") => "20",
            _ => "18",
        },
    };
    CameoCoding {
        root: root.to_string(),
        quad_class: cameo_quad_class(root).unwrap_or(0),
    }
}

/// CAMEO's QuadClass for a root code (`"01"`..`"20"`, or a longer code whose first two digits are
/// the root): 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
pub fn cameo_quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

/// PLOVER's quad code: 1 verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE), 2 material
/// cooperation (COOPERATE, AID, RETREAT), 3 verbal conflict (REQUEST, ACCUSE, REJECT,
/// THREATEN), 4 material conflict (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT). SANCTION is 4,
/// the manual's main table; it also lists it as 3 in one place.
pub fn quad_code(event_type: EventType) -> u8 {
    match event_type {
        EventType::Agree | EventType::Consult | EventType::Support | EventType::Concede => 1,
        EventType::Cooperate | EventType::Aid | EventType::Retreat => 2,
        EventType::Request | EventType::Accuse | EventType::Reject | EventType::Threaten => 3,
        EventType::Protest
        | EventType::Sanction
        | EventType::Mobilize
        | EventType::Coerce
        | EventType::Assault => 4,
    }
}

/// ACLED event and sub-event type, with actor categories, for a PLOVER event, or `None` when the
/// event is outside ACLED's scope (see the module table).
///
/// `actor_sectors` and `recipient_sectors` are PLOVER sector codes of all actors on each side
/// (compound actors give several); `killed` is the event's death toll, when stated.
pub fn acled(
    event_type: EventType,
    mode: Option<&str>,
    actor_sectors: &[&str],
    recipient_sectors: &[&str],
    killed: Option<f64>,
) -> Option<AcledCoding> {
    let mode = mode.map(normalize_mode);
    let mode = mode.as_deref();
    let a = inter_code(actor_sectors);
    let r = inter_code(recipient_sectors);
    let deaths = killed.is_some_and(|k| k > 0.0);
    let coding = |event: &str, sub: &str, inter1: Option<u8>, inter2: Option<u8>| {
        Some(AcledCoding {
            event_type: event.to_string(),
            sub_event_type: sub.to_string(),
            inter1,
            inter2,
        })
    };
    // Lethal dispersal: the forces are actor 1, the protesters actor 2. Non-lethal intervention:
    // the protesters are actor 1, the forces actor 2 (ACLED's convention for each sub-type).
    let crowd_control = |lethal: bool| {
        if lethal {
            coding(PROTESTS, "Excessive force against protesters", a, Some(6))
        } else {
            coding(PROTESTS, "Protest with intervention", Some(6), a)
        }
    };
    match event_type {
        EventType::Assault => match mode {
            Some("aerial" | "drone") => coding(EXPLOSIONS, "Air/drone strike", a, r),
            Some("heavy-weapons") => coding(EXPLOSIONS, "Shelling/artillery/missile attack", a, r),
            Some("explosives") => coding(EXPLOSIONS, "Remote explosive/landmine/IED", a, r),
            Some("suicide-attack") => coding(EXPLOSIONS, "Suicide bomb", a, r),
            Some("unconventional") => coding(EXPLOSIONS, "Chemical weapon", a, r),
            Some("abduct") => coding(
                VIOLENCE_AGAINST_CIVILIANS,
                "Abduction/forced disappearance",
                a,
                Some(7),
            ),
            Some("sexual") => coding(VIOLENCE_AGAINST_CIVILIANS, "Sexual violence", a, Some(7)),
            Some("destroy") => coding(STRATEGIC_DEVELOPMENTS, "Looting/property destruction", a, r),
            Some("crowd-control") => crowd_control(true),
            _ => {
                let actor_armed = is_armed(actor_sectors, true);
                let actor_unknown = a.is_none();
                let recipient_armed = is_armed(recipient_sectors, false);
                if recipient_sectors.is_empty() || inter_code(recipient_sectors).is_none() {
                    // No (known) recipient: PLOVER lists both sides of reciprocal violence as
                    // actors, so an armed side fought someone.
                    if actor_armed || actor_unknown {
                        coding(BATTLES, "Armed clash", a, r)
                    } else {
                        coding(RIOTS, "Mob violence", Some(5), r)
                    }
                } else if !actor_armed && !actor_unknown {
                    coding(RIOTS, "Mob violence", Some(5), r)
                } else if recipient_armed {
                    coding(BATTLES, "Armed clash", a, r)
                } else {
                    coding(VIOLENCE_AGAINST_CIVILIANS, "Attack", a, Some(7))
                }
            }
        },
        EventType::Protest => match mode {
            Some("riot" | "vandalize") => coding(RIOTS, "Violent demonstration", Some(5), r),
            Some("boycott") => None,
            Some("crowd-control") => crowd_control(deaths),
            _ => coding(PROTESTS, "Peaceful protest", Some(6), None),
        },
        EventType::Coerce => match mode {
            Some("arrest") => coding(STRATEGIC_DEVELOPMENTS, "Arrests", a, r),
            Some("seize") => coding(STRATEGIC_DEVELOPMENTS, "Looting/property destruction", a, r),
            Some("curfew" | "martial-law") => coding(STRATEGIC_DEVELOPMENTS, "Other", a, r),
            Some("crowd-control") => crowd_control(deaths),
            _ => None,
        },
        EventType::Agree => coding(STRATEGIC_DEVELOPMENTS, "Agreement", a, r),
        EventType::Retreat => match mode {
            Some("withdraw" | "territory") => coding(
                STRATEGIC_DEVELOPMENTS,
                "Non-violent transfer of territory",
                a,
                r,
            ),
            Some("ceasefire" | "release" | "disarm") => {
                coding(STRATEGIC_DEVELOPMENTS, "Agreement", a, r)
            }
            _ => None,
        },
        EventType::Mobilize => coding(STRATEGIC_DEVELOPMENTS, "Change to group/activity", a, r),
        EventType::Consult
        | EventType::Support
        | EventType::Concede
        | EventType::Cooperate
        | EventType::Aid
        | EventType::Request
        | EventType::Accuse
        | EventType::Reject
        | EventType::Threaten
        | EventType::Sanction => None,
    }
}

/// The first three letters of an actor's CAMEO code: its country (ISO alpha-3), except that
/// international organisations and their people are all coded under `IGO` (CAMEO writes the UN as
/// `IGOUNO`, the European Union as `IGOEUREEC`), where sitrep's records keep the finer PLOVER
/// pseudo-country (UNO, EUR) in `country`. `None` when the actor has no country.
pub fn cameo_country(actor: &crate::ActorRef) -> Option<String> {
    let c = actor.country.as_deref()?.trim().to_ascii_uppercase();
    if c.is_empty() {
        return None;
    }
    let international = ["IGO", "UNO", "EUR"].contains(&c.as_str())
        && (actor.sector.is_empty() || actor.sector.iter().any(|s| sector_head(s) != "NGO"));
    Some(if international { "IGO".to_string() } else { c })
}

/// ACLED actor category (1-8) of one side of an event from its PLOVER sectors, or `None` when no
/// sector says (UNK, or no sector). Sector strings are matched on their first three letters, so
/// CAMEO-style compounds such as `REBMOS` count as `REB`.
pub fn inter_code(sectors: &[&str]) -> Option<u8> {
    // Identity militias (ETH) come after civilians: "civilians from the X clan" are civilians.
    const ORDER: [(u8, &[&str]); 6] = [
        (8, &["IGO", "UNO", "PKO", "IMG"]),
        (1, &["GOV", "MIL", "COP", "SPY"]),
        (2, &["REB", "INS"]),
        (3, &["UAF", "PRM", "CRM"]),
        (
            7,
            &[
                "CVL", "REF", "JRN", "MED", "EDU", "REL", "LAB", "AGR", "BUS", "ELI", "SOC", "NGO",
                "OPP", "PTY", "LEG", "JUD", "PRE", "HLH",
            ],
        ),
        (4, &["ETH"]),
    ];
    let heads: Vec<String> = sectors.iter().map(|s| sector_head(s)).collect();
    ORDER
        .iter()
        .find(|(_, codes)| heads.iter().any(|h| codes.contains(&h.as_str())))
        .map(|(code, _)| *code)
}

/// ACLED actor category from ACLED's written name ("State forces", "Rebel group", ...), as the
/// newest ACLED exports give it, or from the digit older exports give. `0` and empty mean no
/// actor and give `None`.
pub fn inter_from_name(name: &str) -> Option<u8> {
    let n = name.trim().to_ascii_lowercase();
    if let Ok(d) = n.parse::<u8>() {
        return (1..=8).contains(&d).then_some(d);
    }
    match n.as_str() {
        "state forces" => Some(1),
        "rebel group" | "rebel groups" => Some(2),
        "political militia" | "political militias" => Some(3),
        "identity militia" | "identity militias" => Some(4),
        "rioters" => Some(5),
        "protesters" => Some(6),
        "civilians" => Some(7),
        "external/other forces" | "external/other force" => Some(8),
        _ => None,
    }
}

/// Whether one side carries arms. GOV counts on the actor side only (see the module docs).
fn is_armed(sectors: &[&str], actor_side: bool) -> bool {
    let civilians = sectors.iter().any(|s| sector_head(s) == "CVL");
    sectors.iter().any(|s| {
        let h = sector_head(s);
        matches!(
            h.as_str(),
            "MIL" | "COP" | "SPY" | "REB" | "INS" | "UAF" | "PRM" | "CRM" | "IMG"
        ) || (actor_side && h == "GOV")
            // A clan's militia is armed; the clan's civilians are not.
            || (h == "ETH" && !civilians)
    })
}

fn sector_head(s: &str) -> String {
    s.trim()
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Modes are compared lower-case, with `_` and spaces read as `-` (`heavy_weapons`,
/// `suicide attack`).
fn normalize_mode(m: &str) -> String {
    m.trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(c: Option<AcledCoding>) -> Option<(String, String)> {
        c.map(|c| (c.event_type, c.sub_event_type))
    }

    fn pair(e: &str, s: &str) -> Option<(String, String)> {
        Some((e.to_string(), s.to_string()))
    }

    #[test]
    fn cameo_roots_per_type() {
        let cases = [
            (EventType::Agree, None, "03", 1),
            (EventType::Agree, Some("sign"), "05", 1),
            (EventType::Consult, Some("phone"), "04", 1),
            (EventType::Support, None, "05", 1),
            (EventType::Concede, None, "08", 2),
            (EventType::Cooperate, None, "06", 2),
            (EventType::Aid, None, "07", 2),
            (EventType::Retreat, Some("ceasefire"), "08", 2),
            (EventType::Request, Some("assist"), "10", 3),
            (EventType::Accuse, Some("investigate"), "09", 2),
            (EventType::Accuse, Some("allege"), "11", 3),
            (EventType::Accuse, None, "11", 3),
            (EventType::Reject, None, "12", 3),
            (EventType::Threaten, Some("violence"), "13", 3),
            (EventType::Protest, Some("demo"), "14", 3),
            (EventType::Sanction, None, "16", 4),
            (EventType::Sanction, Some("convict"), "11", 3),
            (EventType::Mobilize, Some("troops"), "15", 4),
            (EventType::Coerce, Some("arrest"), "17", 4),
            (EventType::Assault, None, "18", 4),
            (EventType::Assault, Some("abduct"), "18", 4),
            (EventType::Assault, Some("suicide-attack"), "18", 4),
            (EventType::Assault, Some("aerial"), "19", 4),
            (EventType::Assault, Some("Heavy_Weapons"), "19", 4),
            (EventType::Assault, Some("firearms"), "19", 4),
            (EventType::Assault, Some("destroy"), "17", 4),
            (EventType::Assault, Some("unconventional"), "20", 4),
        ];
        for (t, m, root, quad) in cases {
            let c = cameo(t, m);
            assert_eq!((c.root.as_str(), c.quad_class), (root, quad), "{t:?} {m:?}");
        }
        // Every type gets a valid root.
        for t in EventType::ALL {
            assert!(cameo_quad_class(&cameo(t, None).root).is_some());
        }
    }

    #[test]
    fn cameo_quad_classes() {
        assert_eq!(cameo_quad_class("01"), Some(1));
        assert_eq!(cameo_quad_class("057"), Some(1));
        assert_eq!(cameo_quad_class("09"), Some(2));
        assert_eq!(cameo_quad_class("14"), Some(3));
        assert_eq!(cameo_quad_class("195"), Some(4));
        assert_eq!(cameo_quad_class("21"), None);
        assert_eq!(cameo_quad_class("x"), None);
    }

    #[test]
    fn plover_quads() {
        let quads: Vec<u8> = EventType::ALL.iter().map(|t| quad_code(*t)).collect();
        assert_eq!(quads, [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
    }

    #[test]
    fn acled_remote_violence_by_mode() {
        let a = acled(EventType::Assault, Some("drone"), &["MIL"], &["REB"], None);
        assert_eq!(sub(a.clone()), pair(EXPLOSIONS, "Air/drone strike"));
        assert_eq!(a.and_then(|c| c.inter1.zip(c.inter2)), Some((1, 2)));
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("aerial"),
                &["MIL"],
                &["CVL"],
                None
            )),
            pair(EXPLOSIONS, "Air/drone strike")
        );
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("heavy-weapons"),
                &["MIL"],
                &[],
                None
            )),
            pair(EXPLOSIONS, "Shelling/artillery/missile attack")
        );
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("explosives"),
                &["UAF"],
                &["CVL"],
                Some(2.0)
            )),
            pair(EXPLOSIONS, "Remote explosive/landmine/IED")
        );
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("suicide-attack"),
                &["REB"],
                &["COP"],
                None
            )),
            pair(EXPLOSIONS, "Suicide bomb")
        );
    }

    #[test]
    fn acled_battles_and_civilian_targeting() {
        let c = acled(
            EventType::Assault,
            Some("firearms"),
            &["REB"],
            &["MIL"],
            Some(3.0),
        );
        assert_eq!(sub(c.clone()), pair(BATTLES, "Armed clash"));
        assert_eq!(c.and_then(|c| c.inter1.zip(c.inter2)), Some((2, 1)));
        // Reciprocal violence: both sides are actors, no recipient.
        assert_eq!(
            sub(acled(EventType::Assault, None, &["MIL", "REB"], &[], None)),
            pair(BATTLES, "Armed clash")
        );
        let c = acled(
            EventType::Assault,
            Some("firearms"),
            &["UAF"],
            &["JRN"],
            Some(1.0),
        );
        assert_eq!(sub(c.clone()), pair(VIOLENCE_AGAINST_CIVILIANS, "Attack"));
        assert_eq!(c.and_then(|c| c.inter1.zip(c.inter2)), Some((3, 7)));
        // An attacked official is a civilian target; an attacking government is armed.
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("targeted"),
                &["REB"],
                &["GOV"],
                None
            )),
            pair(VIOLENCE_AGAINST_CIVILIANS, "Attack")
        );
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("torture"),
                &["GOV"],
                &["OPP"],
                None
            )),
            pair(VIOLENCE_AGAINST_CIVILIANS, "Attack")
        );
        // Unknown attackers of soldiers: a clash.
        assert_eq!(
            sub(acled(EventType::Assault, None, &[], &["MIL"], None)),
            pair(BATTLES, "Armed clash")
        );
        let c = acled(EventType::Assault, Some("abduct"), &["REB"], &["CVL"], None);
        assert_eq!(
            sub(c),
            pair(VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance")
        );
        let c = acled(EventType::Assault, Some("sexual"), &["MIL"], &["CVL"], None);
        assert_eq!(sub(c), pair(VIOLENCE_AGAINST_CIVILIANS, "Sexual violence"));
        // A civilian mob.
        let c = acled(
            EventType::Assault,
            Some("beat"),
            &["CVL"],
            &["CRM"],
            Some(1.0),
        );
        assert_eq!(sub(c.clone()), pair(RIOTS, "Mob violence"));
        assert_eq!(c.and_then(|c| c.inter1), Some(5));
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("destroy"),
                &["REB"],
                &[],
                None
            )),
            pair(STRATEGIC_DEVELOPMENTS, "Looting/property destruction")
        );
    }

    #[test]
    fn acled_protests_riots_and_crowd_control() {
        let c = acled(EventType::Protest, Some("demo"), &["CVL"], &["GOV"], None);
        assert_eq!(sub(c.clone()), pair(PROTESTS, "Peaceful protest"));
        assert_eq!(c.map(|c| (c.inter1, c.inter2)), Some((Some(6), None)));
        assert_eq!(
            sub(acled(EventType::Protest, None, &["LAB"], &[], None)),
            pair(PROTESTS, "Peaceful protest")
        );
        let c = acled(EventType::Protest, Some("riot"), &["CVL"], &["COP"], None);
        assert_eq!(sub(c.clone()), pair(RIOTS, "Violent demonstration"));
        assert_eq!(c.map(|c| (c.inter1, c.inter2)), Some((Some(5), Some(1))));
        assert_eq!(
            acled(EventType::Protest, Some("boycott"), &["OPP"], &[], None),
            None
        );
        let c = acled(
            EventType::Coerce,
            Some("crowd-control"),
            &["COP"],
            &["CVL"],
            Some(4.0),
        );
        assert_eq!(
            sub(c.clone()),
            pair(PROTESTS, "Excessive force against protesters")
        );
        assert_eq!(c.map(|c| (c.inter1, c.inter2)), Some((Some(1), Some(6))));
        let c = acled(
            EventType::Coerce,
            Some("crowd-control"),
            &["COP"],
            &["CVL"],
            Some(0.0),
        );
        assert_eq!(sub(c.clone()), pair(PROTESTS, "Protest with intervention"));
        assert_eq!(c.map(|c| (c.inter1, c.inter2)), Some((Some(6), Some(1))));
        assert_eq!(
            sub(acled(
                EventType::Assault,
                Some("crowd-control"),
                &["COP"],
                &["CVL"],
                None
            )),
            pair(PROTESTS, "Excessive force against protesters")
        );
    }

    #[test]
    fn acled_strategic_developments() {
        let c = acled(EventType::Coerce, Some("arrest"), &["COP"], &["JRN"], None);
        assert_eq!(sub(c.clone()), pair(STRATEGIC_DEVELOPMENTS, "Arrests"));
        assert_eq!(c.map(|c| (c.inter1, c.inter2)), Some((Some(1), Some(7))));
        assert_eq!(
            sub(acled(EventType::Agree, None, &["GOV", "REB"], &[], None)),
            pair(STRATEGIC_DEVELOPMENTS, "Agreement")
        );
        assert_eq!(
            sub(acled(
                EventType::Retreat,
                Some("withdraw"),
                &["REB"],
                &[],
                None
            )),
            pair(STRATEGIC_DEVELOPMENTS, "Non-violent transfer of territory")
        );
        assert_eq!(
            sub(acled(
                EventType::Retreat,
                Some("ceasefire"),
                &["MIL"],
                &["REB"],
                None
            )),
            pair(STRATEGIC_DEVELOPMENTS, "Agreement")
        );
        assert_eq!(
            sub(acled(
                EventType::Mobilize,
                Some("troops"),
                &["MIL"],
                &[],
                None
            )),
            pair(STRATEGIC_DEVELOPMENTS, "Change to group/activity")
        );
        assert_eq!(
            sub(acled(
                EventType::Coerce,
                Some("curfew"),
                &["GOV"],
                &[],
                None
            )),
            pair(STRATEGIC_DEVELOPMENTS, "Other")
        );
        assert_eq!(
            acled(EventType::Coerce, Some("censor"), &["GOV"], &["JRN"], None),
            None
        );
        assert_eq!(
            acled(EventType::Retreat, Some("resign"), &["GOV"], &[], None),
            None
        );
    }

    #[test]
    fn acled_out_of_scope() {
        for t in [
            EventType::Consult,
            EventType::Support,
            EventType::Concede,
            EventType::Cooperate,
            EventType::Aid,
            EventType::Request,
            EventType::Accuse,
            EventType::Reject,
            EventType::Threaten,
            EventType::Sanction,
        ] {
            assert_eq!(acled(t, None, &["GOV"], &["GOV"], None), None, "{t:?}");
        }
    }

    #[test]
    fn acled_names_are_known_types() {
        for t in EventType::ALL {
            for m in [
                None,
                Some("aerial"),
                Some("riot"),
                Some("arrest"),
                Some("withdraw"),
            ] {
                if let Some(c) = acled(t, m, &["MIL"], &["CVL"], Some(1.0)) {
                    assert!(ACLED_EVENT_TYPES.contains(&c.event_type.as_str()));
                }
            }
        }
    }

    #[test]
    fn inter_codes_from_sectors_and_names() {
        assert_eq!(inter_code(&["MIL"]), Some(1));
        assert_eq!(inter_code(&["GOV", "COP"]), Some(1));
        assert_eq!(inter_code(&["REBMOS"]), Some(2));
        assert_eq!(inter_code(&["UAF"]), Some(3));
        assert_eq!(inter_code(&["CVL"]), Some(7));
        assert_eq!(inter_code(&["ref"]), Some(7));
        assert_eq!(inter_code(&["IGO", "MIL"]), Some(8));
        assert_eq!(inter_code(&["UNK"]), None);
        assert_eq!(inter_code(&[]), None);
        assert_eq!(inter_from_name("State forces"), Some(1));
        assert_eq!(inter_from_name("External/Other forces"), Some(8));
        assert_eq!(inter_from_name("Identity militia"), Some(4));
        assert_eq!(inter_from_name("2"), Some(2));
        assert_eq!(inter_from_name("0"), None);
        assert_eq!(inter_from_name(""), None);
    }
}
