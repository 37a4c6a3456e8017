//! Entity layer: resolution rules, false friends, date-dependent roles, names found from the
//! text. Every sentence here is written for the test.

mod support;
use support::*;

#[test]
fn surname_resolves_to_the_full_name_in_the_article() {
    let x = run(
        "2025-03-01",
        "Russian President Vladimir Putin arrived. Later Putin spoke to reporters.",
    );
    let putin = node(&x, "Vladimir Putin").expect("Putin");
    assert!(putin.aliases.contains(&"Putin".to_string()));
    assert_eq!(labels(&x, "person"), vec!["Vladimir Putin"]);
}

#[test]
fn spelling_variants_and_diacritics_fold_to_one_node() {
    let x = run(
        "2024-05-01",
        "Zelensky met aides. Zelenskyy then flew on. Volodymyr Zelenskiy landed. Erdoğan called, and Erdogan later wrote.",
    );
    assert_eq!(
        labels(&x, "person"),
        vec!["Recep Tayyip Erdoğan", "Volodymyr Zelenskyy"]
    );
    let z = node(&x, "Volodymyr Zelenskyy").unwrap();
    for a in ["Zelensky", "Zelenskyy", "Volodymyr Zelenskiy"] {
        assert!(z.aliases.contains(&a.to_string()), "{a} in {:?}", z.aliases);
    }
}

#[test]
fn people_who_share_a_surname_stay_apart() {
    let x = run(
        "2024-06-01",
        "Joe Biden spoke with his son Hunter Biden on Sunday. Kim Jong Un and his sister Kim Yo Jong watched.",
    );
    let people = labels(&x, "person");
    for p in ["Joe Biden", "Hunter Biden", "Kim Jong Un", "Kim Yo Jong"] {
        assert!(people.contains(&p.to_string()), "{p} in {people:?}");
    }
}

#[test]
fn title_only_references_follow_the_article_date() {
    for (date, who) in [
        ("2019-05-01", "Donald Trump"),
        ("2023-05-01", "Joe Biden"),
        ("2025-10-17", "Donald Trump"),
    ] {
        let x = run(date, "The US President met the press on Tuesday.");
        assert_eq!(labels(&x, "person"), vec![who.to_string()], "on {date}");
        assert!(
            has(&x, who, "leader_of", "United States"),
            "{date}: {:?}",
            edges(&x)
        );
    }
    let x = run(
        "2025-10-17",
        "Officials said the Russian leader would respond.",
    );
    assert_eq!(labels(&x, "person"), vec!["Vladimir Putin"]);
}

#[test]
fn a_name_after_a_comma_that_holds_another_countrys_office_is_not_the_titles_holder() {
    let x = run(
        "2018-07-16",
        "Asked whether he believed his own agencies or the Russian leader, Trump said he \
         trusted both.",
    );
    assert!(
        !has(&x, "Donald Trump", "leader_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Vladimir Putin", "leader_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    // The holder named after the comma keeps the title.
    let x = run(
        "2018-07-16",
        "Trump thanked the Russian leader, Vladimir Putin.",
    );
    assert!(
        has(&x, "Vladimir Putin", "leader_of", "Russia"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_portfolio_the_lists_do_not_know_still_ties_a_minister_to_the_country() {
    let x = run(
        "2022-07-22",
        "Ukrainian Infrastructure Minister Oleksandr Kubrakov signed the deal.",
    );
    assert!(
        has(&x, "Oleksandr Kubrakov", "official_of", "Ukraine"),
        "{:?}",
        edges(&x)
    );
    // A capitalised word before another title is not a portfolio.
    let x = run(
        "2022-07-22",
        "Ukrainian Bakery President Ivan Petrenko spoke.",
    );
    assert!(
        !has(&x, "Ivan Petrenko", "leader_of", "Ukraine"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_governor_or_mayor_of_a_place_is_an_official_of_its_country() {
    let x = run(
        "2022-04-14",
        "Maksym Marchenko, governor of the Odesa region, said Ukraine was ready.",
    );
    assert!(
        has(&x, "Maksym Marchenko", "official_of", "Ukraine"),
        "{:?}",
        edges(&x)
    );
    // Of a place with no known country, no office.
    let x = run(
        "2022-04-14",
        "Ivan Petrenko, governor of the Zorblax region, spoke.",
    );
    assert!(
        !x.edges.iter().any(|e| e.relation.id() == "official_of"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_bare_title_without_a_definite_reference_is_no_one() {
    let x = run(
        "2024-07-20",
        "He accepted the nomination for President of the United States.",
    );
    assert!(
        labels(&x, "person").is_empty(),
        "{:?}",
        labels(&x, "person")
    );
}

#[test]
fn pronouns_resolve_to_the_person_the_text_is_about() {
    let x = run(
        "2025-10-17",
        "Donald Trump spoke on Friday. He said he would meet Vladimir Putin in Budapest.",
    );
    assert!(
        has(&x, "Donald Trump", "plans_meeting_with", "Vladimir Putin"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Donald Trump", "plans_meeting_in", "Budapest"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn capitals_are_governments_as_actors_and_places_as_locations() {
    let x = run(
        "2024-08-01",
        "Moscow said the talks had failed. Drones struck targets in Kyiv overnight.",
    );
    let russia = node(&x, "Russia").expect("Moscow as Russia");
    assert!(russia.aliases.contains(&"Moscow".to_string()));
    assert!(node(&x, "Kyiv").is_some_and(|n| n.kind.as_str() == "place"));
    assert!(
        node(&x, "Ukraine").is_none(),
        "Kyiv as a location is not the country"
    );
}

#[test]
fn countries_by_name_demonym_abbreviation_and_code() {
    let x = run(
        "2024-01-10",
        "Emirati officials met U.S. envoys. The DPRK fired a missile, the UAE said. British and Ukrainian diplomats left.",
    );
    let countries = labels(&x, "country");
    for c in [
        "North Korea",
        "Ukraine",
        "United Arab Emirates",
        "United Kingdom",
        "United States",
    ] {
        assert!(countries.contains(&c.to_string()), "{c} in {countries:?}");
    }
}

#[test]
fn weapons_take_plurals_class_nouns_and_designations() {
    let x = run(
        "2025-01-05",
        "Kyiv asked for Tomahawk missiles and more Tomahawks. It received F-16 fighter jets, Patriot air defence systems and M142 launchers.",
    );
    let weapons = labels(&x, "weapon");
    for w in ["F-16", "HIMARS", "Patriot", "Tomahawk"] {
        assert!(weapons.contains(&w.to_string()), "{w} in {weapons:?}");
    }
    let t = node(&x, "Tomahawk").unwrap();
    assert!(
        t.aliases.contains(&"Tomahawk missiles".to_string())
            && t.aliases.contains(&"Tomahawks".to_string())
    );
}

#[test]
fn generic_weapon_classes_are_not_entities() {
    let x = run(
        "2025-01-05",
        "Russia launched cruise missiles, drones and fighter jets at Ukraine.",
    );
    assert!(
        labels(&x, "weapon").is_empty(),
        "{:?}",
        labels(&x, "weapon")
    );
}

#[test]
fn false_friend_patriot_the_word_and_the_system() {
    let x = run(
        "2025-02-02",
        "He called himself a true patriot. The Patriot Act was debated.",
    );
    assert!(
        labels(&x, "weapon").is_empty(),
        "{:?}",
        labels(&x, "weapon")
    );
    let x = run(
        "2025-02-02",
        "Germany sent another Patriot battery to Ukraine.",
    );
    assert_eq!(labels(&x, "weapon"), vec!["Patriot"]);
}

#[test]
fn false_friend_georgia_the_state_and_the_country() {
    let x = run(
        "2024-11-01",
        "Voters in Georgia backed the governor as Atlanta counted ballots for the Senate.",
    );
    assert!(
        !labels(&x, "country").contains(&"Georgia".to_string()),
        "{:?}",
        labels(&x, "country")
    );
    let x = run(
        "2024-11-01",
        "Protesters filled the streets of Tbilisi as Georgia's ruling party rejected talks.",
    );
    assert!(
        labels(&x, "country").contains(&"Georgia".to_string()),
        "{:?}",
        labels(&x, "country")
    );
}

#[test]
fn false_friend_trump_card_and_turkey_the_bird() {
    let x = run(
        "2024-11-28",
        "Negotiators kept a trump card in reserve. Families roasted a turkey for Thanksgiving.",
    );
    assert!(
        labels(&x, "person").is_empty() && labels(&x, "country").is_empty(),
        "{:?}",
        x.nodes
    );
}

#[test]
fn names_after_titles_become_people_with_roles() {
    let x = run(
        "2025-05-01",
        "Deputy Foreign Minister Oleksandr Brevnyk said Kyiv was ready.",
    );
    assert!(
        node(&x, "Oleksandr Brevnyk").is_some_and(|n| n.kind.as_str() == "person"),
        "{:?}",
        x.nodes
    );
}

#[test]
fn apposition_names_a_person_and_their_office() {
    let x = run(
        "2025-05-01",
        "Mirko Dalvani, the Kremlin spokesman, declined to comment.",
    );
    assert!(
        has(&x, "Mirko Dalvani", "official_of", "Kremlin"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn organisations_and_places_found_from_their_shape() {
    let x = run(
        "2025-05-01",
        "The Polish Armament Agency signed the deal. Shelling hit the Zarvanka district near Kherson.",
    );
    assert!(
        node(&x, "Polish Armament Agency").is_some_and(|n| n.kind.as_str() == "organisation"),
        "{:?}",
        x.nodes
    );
    assert!(
        node(&x, "Zarvanka").is_some_and(|n| n.kind.as_str() == "place"),
        "{:?}",
        x.nodes
    );
}

#[test]
fn names_found_from_their_shape_leave_out_dates_adjectives_ranks_and_titles() {
    let x = run(
        "2016-10-20",
        "Troops captured the Christian town of Zorvella on Thursday. A sailor, Chief Petty \
         Officer Dale Varnum, was killed. Assistant Secretary of State Daniel Russel flew in.",
    );
    let places = labels(&x, "place");
    assert_eq!(places, vec!["Zorvella".to_string()], "{:?}", x.nodes);
    assert!(node(&x, "Dale Varnum").is_some(), "{:?}", x.nodes);
    assert!(
        node(&x, "Petty Officer Dale Varnum").is_none(),
        "{:?}",
        x.nodes
    );
    // A place named with its noun is still one.
    let x = run(
        "2025-05-01",
        "Shelling hit the Zarvanka district on Monday.",
    );
    assert!(node(&x, "Zarvanka").is_some(), "{:?}", x.nodes);
    // A compound adjective before a name is no part of it.
    let x = run(
        "2019-10-20",
        "Turkey attacked the Kurdish-led Northern Valley Forces on Monday.",
    );
    assert!(
        node(&x, "Northern Valley Forces").is_some(),
        "{:?}",
        x.nodes
    );
}

#[test]
fn weapon_designators_before_a_weapon_noun() {
    let x = run(
        "2025-05-01",
        "Russia fired a KR-917 guided missile and two Vortan missiles at the city.",
    );
    let weapons = labels(&x, "weapon");
    assert!(
        weapons.contains(&"KR-917".to_string()) && weapons.contains(&"Vortan".to_string()),
        "{weapons:?}"
    );
}

#[test]
fn a_surname_followed_by_another_name_is_someone_else() {
    // "Joseph" is a weak alias of a dictionary person; here it is a first name.
    let x = run(
        "2019-06-20",
        "Lt. Gen. Joseph Guastella said the drone was over international waters.",
    );
    assert_eq!(labels(&x, "person"), vec!["Joseph Guastella"]);
}

#[test]
fn a_given_name_before_a_known_surname_is_another_person() {
    let x = run(
        "2018-06-11",
        "North Korean leader Kim Jong Un arrived. Talks went on at the hotel, where Sung Kim, \
         the US ambassador to the Philippines, negotiated. Chris Kim said the talks went well. \
         Kim later left for Pyongyang.",
    );
    // The bare surname stays with the leader, named first, not the later Kims.
    let jong_un = node(&x, "Kim Jong Un").expect("Kim Jong Un");
    assert!(
        jong_un.aliases.contains(&"Kim".to_string()),
        "{:?}",
        jong_un.aliases
    );
    let people = labels(&x, "person");
    for p in ["Kim Jong Un", "Sung Kim", "Chris Kim"] {
        assert!(people.contains(&p.to_string()), "{p} in {people:?}");
    }
    assert!(
        !has(&x, "Kim Jong Un", "official_of", "United States"),
        "{:?}",
        edges(&x)
    );
    // An ambassador "to" somewhere is not the country's listed ambassador.
    assert!(
        !has(&x, "Nikki Haley", "official_of", "United States"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Sung Kim", "official_of", "United States"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_bare_surname_stays_with_the_person_introduced_first() {
    let x = run(
        "2018-06-01",
        "North Korean leader Kim Jong Un wrote to Trump. Kim Yong Chol, a senior official, \
         travelled to New York. Trump later mocked Kim.",
    );
    let jong_un = node(&x, "Kim Jong Un").expect("Kim Jong Un");
    assert!(
        jong_un.aliases.contains(&"Kim".to_string()),
        "{:?}",
        jong_un.aliases
    );
    let yong_chol = node(&x, "Kim Yong Chol").expect("Kim Yong Chol");
    assert!(
        !yong_chol.aliases.contains(&"Kim".to_string()),
        "{:?}",
        yong_chol.aliases
    );
}

#[test]
fn a_title_after_a_comma_belongs_to_the_next_name_in_a_list() {
    let x = run(
        "2018-05-09",
        "British Prime Minister Theresa May, French President Emmanuel Macron and German \
         Chancellor Angela Merkel issued a joint statement.",
    );
    assert!(
        has(&x, "Theresa May", "leader_of", "United Kingdom"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Emmanuel Macron", "leader_of", "France"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Theresa May", "leader_of", "France"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn appositions_reach_an_organisation_past_lowercase_modifiers() {
    let x = run(
        "2013-09-15",
        "Gen. Salim Idris, the commander of the rebel Free Syrian Army, spoke. Senior Hamas \
         official Mousa Abu Marzouk said the talks went well. Fayez al-Sarraj, prime minister \
         of the U.N.-recognised government in Tripoli, spoke.",
    );
    assert!(
        has(&x, "Salim Idris", "official_of", "Free Syrian Army"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Mousa Abu Marzouk", "official_of", "Hamas"),
        "{:?}",
        edges(&x)
    );
    // Two bodies joined by "and", after a title modifier: both are his, and neither is a
    // participant of the meeting.
    let x = run(
        "2013-09-15",
        "John Kerry met on Friday with Lakhdar Brahimi, the joint U.N. and Arab League envoy \
         for Syria, in Geneva.",
    );
    assert!(
        has(&x, "Lakhdar Brahimi", "official_of", "United Nations"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Lakhdar Brahimi", "official_of", "Arab League"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "John Kerry", "met_with", "Lakhdar Brahimi"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "John Kerry", "met_with", "United Nations"),
        "{:?}",
        edges(&x)
    );
    // The first half of a compound adjective is not the organisation.
    assert!(
        !has(&x, "Fayez al-Sarraj", "official_of", "United Nations"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn administrations_are_their_country() {
    let x = run("2024-07-30", "The Biden administration announced new aid.");
    let us = node(&x, "United States").expect("the US");
    assert!(
        us.aliases.contains(&"Biden administration".to_string()),
        "{:?}",
        us.aliases
    );
    assert!(node(&x, "Joe Biden").is_none());
}

#[test]
fn former_roles_give_no_edge() {
    let x = run(
        "2024-07-20",
        "Former President Barack Obama spoke in Chicago. Sanctions hit the ousted Ukrainian \
         leader Viktor Yanukovych.",
    );
    assert!(
        !has(&x, "Barack Obama", "leader_of", "United States"),
        "{:?}",
        edges(&x)
    );
    // A former-marker before the country counts too.
    assert!(
        !has(&x, "Viktor Yanukovych", "leader_of", "Ukraine"),
        "{:?}",
        edges(&x)
    );
    assert!(node(&x, "Viktor Yanukovych").is_some());
}

#[test]
fn candidates_lists_names_the_extractor_could_not_place() {
    let x = run("2025-05-01", "Gen. Brzeski said the unit moved.");
    assert!(
        x.unplaced
            .iter()
            .any(|(n, s)| n == "Brzeski" && s.contains("unit moved")),
        "{:?}",
        x.unplaced
    );
    assert!(node(&x, "Brzeski").is_none());
}

#[test]
fn a_surname_that_is_also_a_capital_stays_the_city_when_no_one_carries_it() {
    // Joseph Muscat was Malta's prime minister in 2015, but nobody named Muscat is in the text.
    let x = run(
        "2015-06-01",
        "Envoys flew between Geneva and Muscat on Monday. Talks in Muscat ended late.",
    );
    assert!(
        labels(&x, "person").is_empty(),
        "{:?}",
        labels(&x, "person")
    );
    assert!(labels(&x, "place").contains(&"Muscat".to_string()));
    // The same surname after a title is the person.
    let y = run("2015-06-01", "Prime Minister Muscat spoke in Valletta.");
    assert_eq!(labels(&y, "person"), vec!["Joseph Muscat"]);
}

#[test]
fn the_surname_of_the_one_office_holder_is_believed_without_a_title() {
    // "Rubio" alone: the dictionary's only Rubio holds an office in 2025.
    let x = run("2025-06-01", "Rubio said talks in Rome went well.");
    assert_eq!(labels(&x, "person"), vec!["Marco Rubio"]);
    let x = run(
        "2025-06-01",
        "Talks went well, Rubio told reporters in Rome.",
    );
    assert_eq!(labels(&x, "person"), vec!["Marco Rubio"]);
    // At the head of a sentence, before no reporting verb, the capital proves nothing: Tom
    // Cotton sat in the Senate in 2020, but "Cotton prices" are not his.
    let x = run("2020-06-01", "Cotton prices rose in Egypt.");
    assert!(
        labels(&x, "person").is_empty(),
        "{:?}",
        labels(&x, "person")
    );
}

#[test]
fn the_demonym_capital_is_the_capital_city() {
    let x = run(
        "2024-03-01",
        "Talks resumed in the Polish capital on Monday.",
    );
    assert_eq!(labels(&x, "place"), vec!["Warsaw"]);
    assert!(
        labels(&x, "country").is_empty(),
        "{:?}",
        labels(&x, "country")
    );
}

#[test]
fn every_spelling_of_a_capital_city_is_one_place() {
    let x = run(
        "2024-03-01",
        "Zelensky was in Washington on Monday. He returned to Washington, D.C. in May. Drones flew over Washington DC.",
    );
    assert_eq!(labels(&x, "place"), vec!["Washington, D.C."]);
    let y = run(
        "2022-03-01",
        "Missiles hit Kiev on Monday. Later strikes on Kyiv killed two.",
    );
    assert_eq!(labels(&y, "place"), vec!["Kyiv"]);
    let dc = node(&x, "Washington, D.C.").unwrap();
    for a in ["Washington", "Washington, D.C.", "Washington DC"] {
        assert!(
            dc.aliases.contains(&a.to_string()),
            "{a} in {:?}",
            dc.aliases
        );
    }
}

#[test]
fn a_palace_is_a_building_and_so_an_organisation() {
    let x = run(
        "2019-09-02",
        "Ministers gathered at the Presidential Palace in Warsaw.",
    );
    assert_eq!(labels(&x, "organisation"), vec!["Presidential Palace"]);
}

#[test]
fn the_country_looks_further_back_for_another_country() {
    let x = run(
        "2025-01-01",
        "Ukraine said 40 drones were downed. Officials spoke. Crews worked. Roads closed. Power failed. Russia also attacked the country's Mykolaiv region.",
    );
    assert!(
        has(&x, "Mykolaiv", "located_in", "Ukraine"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Mykolaiv", "located_in", "Russia"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_shared_head_completes_the_first_half_of_a_coordination() {
    // "North and South Korea": "North" is North Korea.
    let x = run("2018-03-09", "Talks between North and South Korea resumed.");
    assert_eq!(
        labels(&x, "country"),
        vec!["North Korea", "South Korea"],
        "{:?}",
        edges(&x)
    );
    let x = run("2018-03-09", "Officials from South and North Korea met.");
    assert_eq!(labels(&x, "country"), vec!["North Korea", "South Korea"]);
    // A first half that is a name of its own stays itself, and a joined form that is no
    // dictionary name adds nothing.
    let x = run("2018-03-09", "Russia and South Korea signed a deal.");
    assert_eq!(labels(&x, "country"), vec!["Russia", "South Korea"]);
    let x = run("2018-03-09", "Tom and South Korea's envoy spoke.");
    assert_eq!(labels(&x, "country"), vec!["South Korea"]);
}

#[test]
fn a_weak_weapon_name_confirmed_once_holds_for_the_article() {
    // "Patriot" alone is a weak name (a word in ordinary use); once the article confirms it as
    // the air defence system, a bare plural later is the same weapon.
    let x = run(
        "2025-07-14",
        "Germany sent Patriot air defence batteries. Officials said more Patriots were coming.",
    );
    let p = node(&x, "Patriot").expect("Patriot");
    assert!(p.aliases.iter().any(|a| a == "Patriots"), "{:?}", p.aliases);
    // Without any confirmation the word stays a word.
    let x = run("2025-07-14", "Patriots gathered in the square.");
    assert!(node(&x, "Patriot").is_none());
}

#[test]
fn a_person_and_his_own_organisation_do_not_meet() {
    // On a date when Baradar led the Taliban's political office.
    let x = run(
        "2020-02-29",
        "Mike Pompeo met Abdul Ghani Baradar and members of the Taliban delegation.",
    );
    assert!(
        has(&x, "Mike Pompeo", "met_with", "Taliban"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Abdul Ghani Baradar", "met_with", "Taliban"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_party_named_with_a_legislator_gives_the_party_and_the_country() {
    let x = run(
        "2019-10-17",
        "Republican Senator Lindsey Graham criticized Turkey.",
    );
    assert!(
        has(&x, "Lindsey Graham", "official_of", "Republican Party"),
        "{:?}",
        edges(&x)
    );
    assert!(
        has(&x, "Lindsey Graham", "official_of", "United States"),
        "{:?}",
        edges(&x)
    );
    // A party leader is not a legislator of the country by that title.
    let x = run(
        "2018-08-17",
        "Labour leader Jeremy Corbyn called for a suspension of arms sales.",
    );
    assert!(
        !has(&x, "Jeremy Corbyn", "official_of", "United Kingdom"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn an_object_pronoun_after_a_speech_verb_is_not_the_speaker() {
    let x = run(
        "2018-06-12",
        "Donald Trump met Lee Hsien Loong at the Istana. \"It will work out,\" Trump told him over lunch.",
    );
    assert!(
        has(&x, "Donald Trump", "spoke_with", "Lee Hsien Loong"),
        "{:?}",
        edges(&x)
    );
    // "Putin said Trump had called him": the speaker is someone else than the caller.
    let x = run(
        "2018-06-12",
        "Vladimir Putin said Donald Trump had called him on Friday.",
    );
    assert!(
        has(&x, "Donald Trump", "spoke_with", "Vladimir Putin"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_historical_state_is_a_country_even_with_an_organisation_word() {
    let x = run("2023-04-04", "Finland fought the Soviet Union in 1939.");
    assert!(
        has(&x, "Finland", "at_war_with", "Soviet Union"),
        "{:?}",
        edges(&x)
    );
    assert!(
        labels(&x, "country").contains(&"Soviet Union".to_string()),
        "{:?}",
        labels(&x, "organisation")
    );
}

#[test]
fn the_chief_of_an_armed_group_is_its_head_not_the_countrys_leader() {
    let x = run(
        "2023-06-24",
        "The Wagner chief halted his march on Moscow, Alexander Lukashenko said.",
    );
    assert!(
        has(&x, "Yevgeny Prigozhin", "official_of", "Wagner Group"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Vladimir Putin", "official_of", "Wagner Group"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_title_of_an_unknown_body_gives_no_role() {
    let x = run(
        "2023-06-24",
        "Chechen leader Ramzan Kadyrov said his forces were ready.",
    );
    assert!(
        !has(&x, "Ramzan Kadyrov", "leader_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    // A known country before the title still gives it.
    let x = run(
        "2023-06-24",
        "Russian President Vladimir Putin said his forces were ready.",
    );
    assert!(
        has(&x, "Vladimir Putin", "leader_of", "Russia"),
        "{:?}",
        edges(&x)
    );
}

#[test]
fn a_title_with_a_posting_belongs_to_the_name_after_it() {
    let x = run(
        "2015-02-12",
        "It was signed by Leonid Kuchma, Russia's ambassador to Kiev Mikhail Zurabov and Heidi Tagliavini.",
    );
    assert!(
        has(&x, "Mikhail Zurabov", "official_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Leonid Kuchma", "official_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    assert!(
        node(&x, "Heidi Tagliavini").is_some(),
        "{:?}",
        labels(&x, "person")
    );
}

#[test]
fn an_envoy_posted_in_a_city_is_not_the_countrys_listed_ambassador() {
    let x = run(
        "2023-01-25",
        "Russia's ambassador in Berlin, Sergei Nechayev, called the decision dangerous.",
    );
    assert!(
        has(&x, "Sergei Nechayev", "official_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    assert!(
        !has(&x, "Vasily Nebenzia", "official_of", "Russia"),
        "{:?}",
        edges(&x)
    );
    // "at" after other titles is a place, not a posting: the holder stands.
    let x = run(
        "2025-10-17",
        "Volodymyr Zelenskyy will meet the US President at the White House on Friday.",
    );
    assert!(
        has(
            &x,
            "Volodymyr Zelenskyy",
            "plans_meeting_with",
            "Donald Trump"
        ),
        "{:?}",
        edges(&x)
    );
}
