"""Four weeks of demo news, 23 March to 15 April 2019, some of it also in Spanish.

Body blocks are tuples: ("p", text), ("h", text) or ("q", quote, attribution).
"""

from datetime import date

EN, ES = "en", "es"

NEWS_ITEMS = [
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
        "sources": [("Idehpucp", "https://idehpucp.pucp.edu.pe/", ES)],
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
        "sources": [("Goldman Environmental Prize", "https://www.goldmanprize.org/", EN)],
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
        "sources": [("Pontificia Universidad Católica del Perú", "https://www.pucp.edu.pe/", ES)],
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
            ("Defensoría del Pueblo: conflict reports", "https://www.defensoria.gob.pe/", ES),
            ("CooperAcción", "https://cooperaccion.org.pe/", ES),
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
        "sources": [("Conferencia Episcopal Peruana", "https://www.iglesiacatolica.org.pe/", ES)],
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
        "sources": [("Presidencia del Consejo de Ministros", "https://www.gob.pe/pcm", ES)],
        "related": [],
    },
    {
        "slug": "deal-announced-over-las-bambas",
        "date": date(2019, 4, 8),
        "title": "Agreement reached to end the Las Bambas blockade",
        "lede": (
            "After talks hosted by the bishops in Lima, Fuerabamba's leaders, the mine's Chinese owners and "
            "the government signed a deal on 7 April."
        ),
        "body": [
            (
                "p",
                "The government team was led by the prime minister, Salvador del Solar. Under the "
                "agreement the community will lift its blockade while the dispute over the land crossed by "
                "the road is examined.",
            ),
            (
                "p",
                "Both sides credited the Episcopal Conference with getting them into the same room. The "
                "harder task will be to keep the promises made there.",
            ),
            (
                "q",
                "An agreement signed in Lima has to be honoured in Apurímac, month after month.",
                "A member of the community's legal team",
            ),
        ],
        "topics": ["mining"],
        "regions": ["apurimac"],
        "sources": [
            ("MMG: Las Bambas", "https://www.mmg.com/our-business/las-bambas/", EN),
            ("Presidencia del Consejo de Ministros", "https://www.gob.pe/pcm", ES),
        ],
        "related": ["week-of-conflict-at-las-bambas", "church-offers-to-host-las-bambas-talks"],
        "es": {
            "slug": "acuerdo-sobre-las-bambas",
            "title": "Acuerdo para poner fin al bloqueo de Las Bambas",
            "lede": (
                "Tras un diálogo acogido por los obispos en Lima, los dirigentes de Fuerabamba, los dueños "
                "chinos de la mina y el Gobierno firmaron un acuerdo el 7 de abril."
            ),
            "body": [
                (
                    "p",
                    "La comitiva del Gobierno estuvo encabezada por el presidente del Consejo de "
                    "Ministros, Salvador del Solar. La comunidad levantará el bloqueo mientras se revisa "
                    "la disputa sobre los terrenos por donde pasa la carretera.",
                ),
                (
                    "p",
                    "Ambas partes reconocieron el papel de la Conferencia Episcopal para sentarlas a la "
                    "misma mesa. Lo difícil será cumplir lo prometido.",
                ),
                (
                    "q",
                    "Un acuerdo firmado en Lima tiene que respetarse en Apurímac, mes a mes.",
                    "Un integrante del equipo legal de la comunidad",
                ),
            ],
        },
    },
    {
        "slug": "prime-minister-wins-confidence-vote",
        "date": date(2019, 4, 8),
        "title": "Prime minister wins confidence vote",
        "lede": (
            "On 4 April Congress backed the programme of Salvador del Solar's cabinet, as the constitution "
            "requires of every new government team."
        ),
        "body": [
            (
                "p",
                "In a speech of nearly two hours, Del Solar promised to press ahead with reforms to the "
                "justice system and to political parties, and to improve the state's response to social "
                "conflicts.",
            ),
            (
                "p",
                "The comfortable result gives the executive some breathing space, though relations with the "
                "opposition-controlled Congress remain tense.",
            ),
        ],
        "topics": ["congress"],
        "regions": ["lima"],
        "sources": [("Congreso de la República", "https://www.congreso.gob.pe/", ES)],
        "related": ["new-cabinet-prepares-to-face-congress"],
        "es": {
            "slug": "primer-ministro-obtiene-voto-de-confianza",
            "title": "El primer ministro obtiene el voto de confianza",
            "lede": (
                "El 4 de abril el Congreso respaldó el programa del gabinete de Salvador del Solar, como "
                "exige la Constitución a todo nuevo equipo de gobierno."
            ),
            "body": [
                (
                    "p",
                    "En un discurso de casi dos horas, Del Solar prometió avanzar con la reforma de la "
                    "justicia y de los partidos políticos, y mejorar la respuesta del Estado ante los "
                    "conflictos sociales.",
                ),
                (
                    "p",
                    "El holgado resultado da un respiro al Ejecutivo, aunque la relación con un Congreso "
                    "controlado por la oposición sigue siendo tensa.",
                ),
            ],
        },
    },
    {
        "slug": "congress-moves-on-members-immunity",
        "date": date(2019, 4, 8),
        "title": "Congress under pressure to lift members' immunity",
        "lede": (
            "Requests from the courts to prosecute several sitting parliamentarians are finally moving "
            "through committee."
        ),
        "body": [
            (
                "p",
                "Parliamentary immunity was meant to protect members from politically motivated charges. "
                "Critics say it has become a shield against ordinary criminal cases, some of which have "
                "waited years for a decision.",
            ),
            (
                "p",
                "Several votes are expected before the end of the legislative session, and the outcome "
                "will be read as a test of Congress's appetite for the reforms the government is pushing.",
            ),
        ],
        "topics": ["congress"],
        "regions": ["lima"],
        "sources": [("Congreso de la República", "https://www.congreso.gob.pe/", ES)],
        "related": ["prime-minister-wins-confidence-vote"],
    },
    {
        "slug": "julio-cotler",
        "date": date(2019, 4, 8),
        "title": "Julio Cotler (1932-2019)",
        "lede": (
            "One of Peru's most influential social scientists, and a founder of the Instituto de Estudios "
            "Peruanos, has died at the age of 86."
        ),
        "body": [
            (
                "p",
                "Julio Cotler's book on class, the state and the nation in Peru shaped how several "
                "generations understood the country's inequalities and its fragile democracy.",
            ),
            (
                "p",
                "He remained a sharp commentator on public life into his eighties, and a generous host to "
                "visiting researchers, including many friends of the PSG.",
            ),
        ],
        "topics": ["obituaries"],
        "regions": ["lima"],
        "sources": [("Instituto de Estudios Peruanos", "https://iep.org.pe/", ES)],
        "related": ["gonzalo-portocarrero"],
        "es": {
            "slug": "julio-cotler",
            "title": "Julio Cotler (1932-2019)",
            "lede": (
                "Ha fallecido a los 86 años uno de los científicos sociales más influyentes del Perú y "
                "fundador del Instituto de Estudios Peruanos."
            ),
            "body": [
                (
                    "p",
                    "Su libro sobre clases, Estado y nación en el Perú marcó la manera en que varias "
                    "generaciones entendieron las desigualdades del país y su frágil democracia.",
                ),
                (
                    "p",
                    "Siguió siendo un agudo comentarista de la vida pública hasta pasados los ochenta años, "
                    "y un anfitrión generoso con los investigadores que lo visitaban.",
                ),
            ],
        },
    },
    {
        "slug": "two-killed-in-san-gaban-clashes",
        "date": date(2019, 4, 15),
        "title": "Two farmers killed in San Gabán clashes",
        "lede": (
            "Congress has summoned the interior minister, Carlos Morán, to explain how a protest in the "
            "Puno region ended with two dead and several wounded."
        ),
        "body": [
            (
                "p",
                "The deaths occurred last week when police moved to clear a protest by farmers in San "
                "Gabán, in the province of Carabaya. Local organisations say the officers fired live "
                "ammunition.",
            ),
            (
                "p",
                "Minister Morán is due to answer questions before Congress on 15 April. The Ombudsman's "
                "office has called for a prompt and independent investigation.",
            ),
            ("h", "A familiar pattern"),
            (
                "p",
                "Deaths at protests have been a recurring feature of Peru's social conflicts, and very "
                "few have led to convictions.",
            ),
        ],
        "topics": ["human-rights"],
        "regions": ["puno"],
        "sources": [("Defensoría del Pueblo", "https://www.defensoria.gob.pe/", ES)],
        "related": ["week-of-conflict-at-las-bambas"],
        "es": {
            "slug": "dos-muertos-en-enfrentamientos-en-san-gaban",
            "title": "Dos agricultores muertos en enfrentamientos en San Gabán",
            "lede": (
                "El Congreso ha citado al ministro del Interior, Carlos Morán, para que explique cómo una "
                "protesta en Puno terminó con dos fallecidos y varios heridos."
            ),
            "body": [
                (
                    "p",
                    "Las muertes se produjeron la semana pasada, cuando la policía intentó despejar una "
                    "protesta de agricultores en San Gabán, provincia de Carabaya. Organizaciones locales "
                    "afirman que se usó munición de guerra.",
                ),
                (
                    "p",
                    "El ministro Morán deberá responder ante el Congreso el 15 de abril. La Defensoría del "
                    "Pueblo pidió una investigación rápida e independiente.",
                ),
            ],
        },
    },
    {
        "slug": "uk-supreme-court-zambian-villagers",
        "date": date(2019, 4, 15),
        "title": "UK Supreme Court lets Zambian villagers sue a mining parent company in England",
        "lede": (
            "The judgment could matter to Peruvian communities who want to take British-linked mining "
            "companies to court in the UK."
        ),
        "body": [
            (
                "p",
                "Nearly two thousand villagers say water from a copper mine in Zambia poisoned their land. "
                "On 10 April the Supreme Court ruled that their claim against the mine's London-based "
                "parent company can be heard in the English courts.",
            ),
            (
                "p",
                "The PSG has followed Peruvian cases that ended up in London before, among them claims "
                "by protesters from Piura who said they were mistreated at a mining camp in 2005.",
            ),
            (
                "p",
                "Lawyers say the ruling makes it harder for parent companies to argue that what happens "
                "at a foreign subsidiary is none of their business.",
            ),
        ],
        "topics": ["mining", "human-rights"],
        "regions": ["piura"],
        "sources": [("The Supreme Court", "https://www.supremecourt.uk/", EN)],
        "related": ["psg-idehpucp-report-on-mining-dialogue"],
    },
]
