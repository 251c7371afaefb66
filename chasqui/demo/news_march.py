"""Demo news from the weeks of 23 March and 1 April 2019 (block format: see `news_items`)."""

from datetime import date

from chasqui.news.choices import SourceLanguage

MARCH_ITEMS = [
    {
        "slug": "psg-idehpucp-report-on-mining-dialogue",
        "date": date(2019, 3, 23),
        "title": "New PSG report: what dialogue in mining has taught Peru",
        "lede": (
            "Together with Idehpucp, the Peru Support Group has published a study of how talks between "
            "mining companies and neighbouring communities have worked out, and where they went wrong."
        ),
        "body": [
            (
                "p",
                "The report, prepared jointly with the human rights institute of the Pontifical Catholic "
                "University of Peru (Idehpucp), looks at a series of mining projects where companies, "
                "communities and the state sat down together, some of them for years.",
            ),
            (
                "p",
                "Rather than ranking companies, the authors ask what separated the processes that built "
                "trust from those that collapsed into protest. Early and honest information, independent "
                "advice for communities and a state that keeps its promises come up again and again.",
            ),
            ("h", "Launch in Lima and London"),
            (
                "p",
                "The study was presented to officials, company representatives and community leaders in "
                "Lima, and will be discussed with parliamentarians and NGOs in London in the coming weeks.",
            ),
            (
                "q",
                "Dialogue is not a meeting that happens once; it is a habit that has to be kept up when "
                "nobody is watching.",
                "From the report's conclusions",
            ),
        ],
        "topics": ["mining", "human-rights"],
        "regions": ["apurimac", "cajamarca"],
        "sources": [("Idehpucp", "https://idehpucp.pucp.edu.pe/", SourceLanguage.SPANISH)],
        "related": [],
        "es": {
            "slug": "informe-psg-idehpucp-dialogo-en-mineria",
            "title": "Nuevo informe del PSG: lo que el diálogo minero ha enseñado al Perú",
            "lede": (
                "Junto con el Idehpucp, el Peru Support Group publica un estudio sobre cómo han "
                "funcionado las mesas de diálogo entre empresas mineras y comunidades vecinas, y en qué "
                "fallaron."
            ),
            "body": [
                (
                    "p",
                    "El informe, elaborado con el Instituto de Democracia y Derechos Humanos de la PUCP, "
                    "examina varios proyectos mineros en los que empresas, comunidades y Estado "
                    "negociaron, a veces durante años.",
                ),
                (
                    "p",
                    "Información temprana y veraz, asesoría independiente para las comunidades y un "
                    "Estado que cumple sus compromisos aparecen una y otra vez entre las claves del éxito.",
                ),
            ],
        },
    },
    {
        "slug": "cusurichi-warns-of-risks-to-defenders-in-madre-de-dios",
        "date": date(2019, 3, 23),
        "title": "Shipibo leader Julio Cusurichi on the dangers facing forest defenders",
        "lede": (
            "The Goldman Prize winner says illegal gold mining, logging and drug trafficking now threaten "
            "the reserve he helped to create for isolated Amazonian peoples."
        ),
        "body": [
            (
                "p",
                "Julio Cusurichi, a Shipibo leader from Madre de Dios, led the campaign that won legal "
                "protection for some 8,300 square kilometres of forest used by the Mashco Piro, a people "
                "who avoid contact with outsiders.",
            ),
            (
                "p",
                "Speaking on a visit to Europe, he described how indigenous monitors now patrol the edges "
                "of the reserve, often with little support from the authorities and at real personal risk.",
            ),
            (
                "q",
                "We can record what we see, but we cannot stand alone against people who arrive with "
                "dredges and guns.",
                "Julio Cusurichi",
            ),
            (
                "p",
                "Cusurichi asked European governments and buyers of Peruvian gold to look harder at where "
                "it comes from.",
            ),
        ],
        "topics": ["indigenous-peoples", "environment"],
        "regions": ["madre-de-dios"],
        "sources": [("Goldman Environmental Prize", "https://www.goldmanprize.org/", SourceLanguage.ENGLISH)],
        "related": [],
    },
    {
        "slug": "gonzalo-portocarrero",
        "date": date(2019, 3, 23),
        "title": "Gonzalo Portocarrero (1949-2019)",
        "lede": (
            "The sociologist who wrote about racism, violence and national identity in Peru has died. "
            "Many of our members knew his work."
        ),
        "body": [
            (
                "p",
                "For decades Gonzalo Portocarrero taught at the Catholic University in Lima, where a "
                "generation of social scientists learnt from him to take everyday culture seriously.",
            ),
            (
                "p",
                "His essays on political violence and on the ways Peruvians imagine each other remain "
                "essential reading for anyone trying to understand the country beyond its statistics.",
            ),
            ("p", "We send our condolences to his family, colleagues and students."),
        ],
        "topics": ["obituaries"],
        "regions": ["lima"],
        "sources": [
            ("Pontificia Universidad Católica del Perú", "https://www.pucp.edu.pe/", SourceLanguage.SPANISH)
        ],
        "related": [],
    },
    {
        "slug": "week-of-conflict-at-las-bambas",
        "date": date(2019, 4, 1),
        "title": "Las Bambas: a week of rising tension",
        "lede": (
            "The arrest of the Fuerabamba community's president has hardened a road blockade that has "
            "halted the copper mine's shipments."
        ),
        "body": [
            (
                "p",
                "Members of the Fuerabamba community in Apurímac have blocked the road used by trucks "
                "carrying copper concentrate from Las Bambas since early February, saying it crosses land "
                "they own.",
            ),
            (
                "p",
                "On 21 March police detained the community's president and one of its leaders, accusing "
                "them of extortion. Their supporters say the arrests were meant to break the protest; "
                "since then the stand-off has only grown.",
            ),
            ("h", "Emergency measures"),
            (
                "p",
                "The government has declared a state of emergency along part of the mining corridor, "
                "suspending some civil liberties there. Human rights groups are asking for restraint from "
                "the police and for talks to resume.",
            ),
        ],
        "topics": ["mining", "human-rights"],
        "regions": ["apurimac", "cusco"],
        "sources": [
            (
                "Defensoría del Pueblo: conflict reports",
                "https://www.defensoria.gob.pe/",
                SourceLanguage.SPANISH,
            ),
            ("CooperAcción", "https://cooperaccion.org.pe/", SourceLanguage.SPANISH),
        ],
        "related": ["psg-idehpucp-report-on-mining-dialogue"],
    },
    {
        "slug": "church-offers-to-host-las-bambas-talks",
        "date": date(2019, 4, 1),
        "title": "Catholic bishops offer to bring the Las Bambas parties together",
        "lede": (
            "The Peruvian Episcopal Conference has offered its premises in Lima as neutral ground for "
            "talks between the community, the company and the government."
        ),
        "body": [
            (
                "p",
                "With trust between the sides at a low point, the bishops' offer has been welcomed by "
                "community lawyers and, more cautiously, by ministers.",
            ),
            (
                "p",
                "The Church has mediated in social conflicts before, and its standing in the southern "
                "Andes gives it a credibility that government officials often lack.",
            ),
        ],
        "topics": ["mining"],
        "regions": ["apurimac", "lima"],
        "sources": [
            ("Conferencia Episcopal Peruana", "https://www.iglesiacatolica.org.pe/", SourceLanguage.SPANISH)
        ],
        "related": ["week-of-conflict-at-las-bambas"],
    },
    {
        "slug": "new-cabinet-prepares-to-face-congress",
        "date": date(2019, 4, 1),
        "title": "Del Solar's new cabinet prepares to face Congress",
        "lede": (
            "Sworn in on 11 March, the cabinet led by Salvador del Solar must win a vote of confidence "
            "within thirty days."
        ),
        "body": [
            (
                "p",
                "The prime minister has been meeting party spokespeople ahead of his presentation, which "
                "is expected to put political reform and the fight against corruption at its centre.",
            ),
            (
                "p",
                "The opposition majority has not said how it will vote, but few expect it to provoke a "
                "constitutional crisis so early in the cabinet's life.",
            ),
        ],
        "topics": ["congress"],
        "regions": ["lima"],
        "sources": [
            ("Presidencia del Consejo de Ministros", "https://www.gob.pe/pcm", SourceLanguage.SPANISH)
        ],
        "related": [],
    },
]
