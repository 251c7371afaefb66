"""Demo identity, topics, background pages, home page and report for the Peru Support Group.

Page bodies use the same tuples as news: ("p", text), ("h", text), ("q", quote, attribution),
plus ("section", title, [paragraphs]) on background pages.
"""

from datetime import date

SITE_SETTINGS = {
    "organisation_name": "Peru Support Group",
    "short_name": "PSG",
    "tagline": "Human rights, social conflict and politics in Peru, followed week by week",
    "tagline_es": "Derechos humanos, conflictos sociales y política en el Perú, semana a semana",
    "description": (
        "A UK charity that follows human rights, social conflict and politics in Peru: weekly news, "
        "reports and background for members and supporters."
    ),
    "description_es": (
        "Una organización benéfica británica que sigue los derechos humanos, los conflictos sociales "
        "y la política en el Perú: noticias semanales, informes y contexto para socios y simpatizantes."
    ),
    "primary_colour": "#8c1c13",
    "accent_colour": "#1d4e89",
    "postal_address": "Peru Support Group (demo address)\n1 Example Street\nLondon\nXX1 1XX",
    "postal_address_es": (
        "Peru Support Group (dirección de prueba)\n1 Example Street\nLondres\nXX1 1XX\nReino Unido"
    ),
    "email": "info@example.org",
    "charity_number": "0000000 (placeholder)",
}

# Keys name the pages for the home page's teasers; order is menu order.
BACKGROUND_PAGES = [
    {
        "key": "aims",
        "show_in_menus": True,
        "en": {
            "slug": "aims",
            "title": "Aims",
            "intro": "Why the Peru Support Group exists and what it tries to change.",
            "body": [
                (
                    "section",
                    "What we work for",
                    [
                        "We want a Peru where people in the poorest regions share in the country's wealth, "
                        "where development does not cost communities their land and water, and where "
                        "rights written into law are respected in practice.",
                    ],
                ),
                (
                    "section",
                    "How we work",
                    [
                        "We research and publish, we brief parliamentarians and officials in the UK and "
                        "Europe, and we give Peruvian organisations a platform when they visit.",
                        "Where the state, companies or other actors fall short of national or "
                        "international standards, we say so, with evidence.",
                    ],
                ),
                (
                    "section",
                    "What we look at",
                    [
                        "Much of our work asks how political institutions actually function, and whether "
                        "policies meant to reduce poverty and inequality reach the people they are for.",
                    ],
                ),
            ],
        },
        "es": {
            "slug": "objetivos",
            "title": "Objetivos",
            "intro": "Por qué existe el Peru Support Group y qué busca cambiar.",
            "body": [
                (
                    "section",
                    "Por qué trabajamos",
                    [
                        "Queremos un Perú en el que las regiones más pobres compartan la riqueza del país, "
                        "en el que el desarrollo no cueste a las comunidades su tierra y su agua, y en el "
                        "que los derechos reconocidos en la ley se respeten en la práctica.",
                    ],
                ),
                (
                    "section",
                    "Cómo trabajamos",
                    [
                        "Investigamos y publicamos, informamos a parlamentarios y funcionarios del Reino "
                        "Unido y de Europa, y damos espacio a organizaciones peruanas cuando nos visitan.",
                    ],
                ),
            ],
        },
    },
    {
        "key": "history",
        "show_in_menus": True,
        "en": {
            "slug": "historical-overview",
            "title": "Historical overview",
            "intro": "A short guide to the twentieth-century history behind today's headlines.",
            "body": [
                (
                    "section",
                    "Authoritarian rule",
                    [
                        "For much of the last century Peru alternated between short periods of elected "
                        "government and long spells of military or authoritarian rule.",
                    ],
                ),
                (
                    "section",
                    "Internal armed conflict",
                    [
                        "From 1980 the Shining Path insurgency and the state's response plunged the "
                        "country into two decades of violence. The Truth and Reconciliation Commission "
                        "later estimated that close to 70,000 people lost their lives, most of them poor, "
                        "rural and Quechua-speaking.",
                    ],
                ),
                (
                    "section",
                    "A difficult inheritance",
                    [
                        "Weak parties, distrust of institutions and deep regional inequality are part of "
                        "that legacy, and help to explain the conflicts we report on every week.",
                    ],
                ),
            ],
        },
        "es": {
            "slug": "resena-historica",
            "title": "Reseña histórica",
            "intro": "Una breve guía de la historia reciente que explica la actualidad.",
            "body": [
                (
                    "section",
                    "Conflicto armado interno",
                    [
                        "Desde 1980 la insurgencia de Sendero Luminoso y la respuesta del Estado sumieron "
                        "al país en dos décadas de violencia. La Comisión de la Verdad y Reconciliación "
                        "estimó que murieron cerca de 70 000 personas.",
                    ],
                ),
                (
                    "section",
                    "Una herencia difícil",
                    [
                        "Partidos débiles, desconfianza en las instituciones y profundas desigualdades "
                        "regionales forman parte de ese legado.",
                    ],
                ),
            ],
        },
    },
    {
        "key": "human_rights",
        "show_in_menus": True,
        "en": {
            "slug": "human-rights",
            "title": "Human rights",
            "intro": "From the legacy of the armed conflict to the policing of protest today.",
            "body": [
                (
                    "section",
                    "Justice for the past",
                    [
                        "Grave abuses were committed by all sides in the years after 1980. Trials of "
                        "those responsible have been slow, and many families are still searching for "
                        "the remains of relatives who disappeared.",
                    ],
                ),
                (
                    "section",
                    "Protest and policing",
                    [
                        "Today our main concern is the treatment of people who protest, especially "
                        "against large mining and energy projects that the state regards as strategic. "
                        "States of emergency and the use of lethal force recur far too often.",
                    ],
                ),
                (
                    "section",
                    "Defenders at risk",
                    [
                        "Indigenous and environmental defenders face threats from illegal mining, logging "
                        "and drug trafficking, often in places where the state is barely present.",
                    ],
                ),
            ],
        },
        "es": {
            "slug": "derechos-humanos",
            "title": "Derechos humanos",
            "intro": "Del legado del conflicto armado al trato de la protesta social hoy.",
            "body": [
                (
                    "section",
                    "Justicia para el pasado",
                    [
                        "Todos los bandos cometieron graves abusos después de 1980. Los juicios avanzan "
                        "con lentitud y muchas familias siguen buscando a sus desaparecidos.",
                    ],
                ),
                (
                    "section",
                    "Protesta y orden público",
                    [
                        "Hoy nos preocupa sobre todo el trato a quienes protestan contra grandes proyectos "
                        "mineros y energéticos, y el uso reiterado de estados de emergencia.",
                    ],
                ),
            ],
        },
    },
    {
        "key": "about",
        "show_in_menus": True,
        "en": {
            "slug": "about-us",
            "title": "About us",
            "intro": "A small UK charity with a long memory and friends across Peru.",
            "body": [
                (
                    "p",
                    "The Peru Support Group brings together people in Britain and Ireland who care about "
                    "Peru: academics, development workers, church groups, journalists and members of the "
                    "Peruvian community.",
                ),
                (
                    "p",
                    "We publish a weekly news digest, organise events and delegations, and work with "
                    "partner organisations in Peru on research and advocacy.",
                ),
            ],
        },
        "es": {
            "slug": "quienes-somos",
            "title": "Quiénes somos",
            "intro": "Una pequeña ONG británica con buena memoria y amistades en todo el Perú.",
            "body": [
                (
                    "p",
                    "El Peru Support Group reúne a personas del Reino Unido e Irlanda interesadas en el "
                    "Perú: académicos, cooperantes, iglesias, periodistas y miembros de la comunidad "
                    "peruana.",
                ),
            ],
        },
    },
    {
        "key": "contact",
        "show_in_menus": True,
        "en": {
            "slug": "contact",
            "title": "Contact",
            "intro": "Write to us; we read everything, though we are a small team.",
            "body": [
                ("p", "Email info@example.org. Our postal address is shown at the foot of every page."),
                ("p", "Journalists and researchers are welcome to ask for background briefings."),
            ],
        },
        "es": {
            "slug": "contacto",
            "title": "Contacto",
            "intro": "Escríbanos; leemos todos los mensajes, aunque somos un equipo pequeño.",
            "body": [("p", "Correo: info@example.org. La dirección postal figura al pie de cada página.")],
        },
    },
]

HOME_PAGE = {
    "featured": ["aims", "history", "human_rights"],
    "en": {
        "intro": (
            "The Peru Support Group follows human rights, social conflict and politics in Peru, and "
            "speaks up for the communities most affected."
        ),
        "why_join_title": "Why become a member?",
        "why_join_benefits": [
            "A weekly digest of what is happening in Peru, read and checked by people who know it well",
            "Background on poverty, development and rights that the headlines leave out",
            "Your subscription pays for research and advocacy that a small charity could not do alone",
        ],
        "join_link_text": "Join the PSG",
    },
    "es": {
        "intro": (
            "El Peru Support Group sigue de cerca los derechos humanos, los conflictos sociales y la "
            "política en el Perú, y da voz a las comunidades más afectadas."
        ),
        "why_join_title": "¿Por qué hacerse miembro?",
        "why_join_benefits": [
            "Un resumen semanal de la actualidad peruana, preparado por quienes mejor la conocen",
            "Contexto sobre pobreza, desarrollo y derechos que los titulares omiten",
            "Su cuota financia investigación e incidencia que una pequeña ONG no podría hacer sola",
        ],
        "join_link_text": "Únase al PSG",
    },
}

PUBLICATION = {
    "date": date(2019, 3, 23),
    "authors": ["Peru Support Group", "Idehpucp research team"],
    "partners": [("Idehpucp", "https://idehpucp.pucp.edu.pe/")],
    "cover_title": "Dialogue and human rights in mining: lessons from Peru",
    "cover_subtitle": "Peru Support Group with Idehpucp, March 2019",
    "en": {
        "slug": "dialogue-and-human-rights-in-mining",
        "title": "Dialogue and human rights in mining: lessons from Peru",
        "summary": [
            "How should mining companies, communities and the state talk to one another? This joint "
            "report by the Peru Support Group and Idehpucp studies several Peruvian mining projects where "
            "dialogue was tried.",
            "It sets out what the successful cases had in common, what made others fail, and what "
            "governments, investors and civil society in the UK can do to help.",
        ],
    },
    "es": {
        "slug": "dialogo-y-derechos-humanos-en-la-mineria",
        "title": "Diálogo y derechos humanos en la minería: aprendizajes del Perú",
        "summary": [
            "¿Cómo deben dialogar las empresas mineras, las comunidades y el Estado? Este informe conjunto "
            "del Peru Support Group y el Idehpucp analiza varios proyectos mineros peruanos.",
        ],
    },
    "pdf_paragraphs": [
        "This is a short sample file standing in for the full report in the demo site.",
        "Mining supplies much of Peru's export income, and it is also the source of many of the social "
        "conflicts recorded by the Ombudsman. This study looks at cases where companies, communities and "
        "the state tried to settle their differences through dialogue.",
        "Three findings stand out: communities need information early and in their own language; they "
        "need independent technical advice; and the state must follow through on what it signs.",
    ],
}
