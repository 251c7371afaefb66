"""The demo observatory: actors, two cases and incidents around San Gabán (Puno), Las Bambas
(Apurímac) and the forest defenders of Madre de Dios. Events beyond the news items are
illustrative records, written for the demo. The forest monitor is a made-up person, recorded as
sensitive so the demo shows how the site protects a name."""

# slug: (title, type, other names, description, Spanish title)
ACTORS = {
    "fuerabamba": (
        "Community of Fuerabamba",
        "community",
        "Nueva Fuerabamba",
        "A Quechua farming community moved to make way for the Las Bambas mine.",
        "Comunidad de Fuerabamba",
    ),
    "las-bambas-mine": (
        "Las Bambas copper mine",
        "mining_project",
        "Las Bambas",
        (
            "A large open-pit copper mine in Apurímac; its ore leaves by road along the southern "
            "mining corridor."
        ),
        "Mina de cobre Las Bambas",
    ),
    "mmg-las-bambas": (
        "MMG Las Bambas",
        "company",
        "Minera Las Bambas",
        "The Chinese-owned company that runs the Las Bambas mine.",
        "MMG Las Bambas",
    ),
    "pcm": (
        "Presidency of the Council of Ministers",
        "state_body",
        "PCM",
        "The prime minister's office, which leads the government's negotiating teams.",
        "Presidencia del Consejo de Ministros",
    ),
    "episcopal-conference": (
        "Episcopal Conference of Peru",
        "organisation",
        "Conferencia Episcopal Peruana",
        (
            "The Catholic bishops' conference, which has hosted talks between communities, companies "
            "and the state."
        ),
        "Conferencia Episcopal Peruana",
    ),
    "national-police": (
        "National Police of Peru",
        "state_body",
        "PNP",
        "The national police force.",
        "Policía Nacional del Perú",
    ),
    "interior-ministry": (
        "Ministry of the Interior",
        "state_body",
        "Mininter",
        "The ministry responsible for the police.",
        "Ministerio del Interior",
    ),
    "congress": (
        "Congress of the Republic",
        "state_body",
        "",
        "Peru's single-chamber parliament.",
        "Congreso de la República",
    ),
    "san-gaban-farmers": (
        "Farmers of San Gabán",
        "community",
        "",
        "Coca and fruit growers of the San Gabán valley, in the province of Carabaya.",
        "Agricultores de San Gabán",
    ),
    "julio-cusurichi": (
        "Julio Cusurichi",
        "person",
        "",
        (
            "A Shipibo leader and winner of the Goldman Environmental Prize, who campaigned for a "
            "protected territory for the Mashco Piro."
        ),
        "Julio Cusurichi",
    ),
    "fenamad": (
        "FENAMAD",
        "organisation",
        "Native Federation of the Madre de Dios River and Tributaries",
        "The federation of the indigenous peoples of Madre de Dios.",
        "FENAMAD",
    ),
    "illegal-miners": (
        "Illegal gold miners",
        "organisation",
        "",
        "Unlicensed gold-mining crews working the rivers and forest of Madre de Dios.",
        "Mineros ilegales de oro",
    ),
}
# The sensitive actor: the title is its public description; the real name is made up for the demo.
SENSITIVE_ACTOR = {
    "slug": "an-indigenous-forest-monitor",
    "title": "An indigenous forest monitor",
    "es_title": "Un monitor forestal indígena",
    "real_name": "Teodoro Huamán Sirena",
    "other_names": "Tío Teo",
    "description": "A member of a community forest-monitoring network in Madre de Dios.",
}

CASES = {
    "las-bambas": (
        "Las Bambas",
        (
            "Conflict between communities of the southern mining corridor, the Las Bambas mine and "
            "the state, over land, the ore road and promises made."
        ),
        "Las Bambas",
    ),
    "san-gaban": (
        "San Gabán",
        (
            "Protests by the farmers of the San Gabán valley, in Puno, and the police response that "
            "left two dead in April 2019."
        ),
        "San Gabán",
    ),
}
