"""Demo news from the weeks of 8 and 15 April 2019 (block format: see `news_items`)."""

from datetime import date

from chasqui.news.choices import SourceLanguage

APRIL_ITEMS = [
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
            ("MMG: Las Bambas", "https://www.mmg.com/our-business/las-bambas/", SourceLanguage.ENGLISH),
            ("Presidencia del Consejo de Ministros", "https://www.gob.pe/pcm", SourceLanguage.SPANISH),
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
        "sources": [("Congreso de la República", "https://www.congreso.gob.pe/", SourceLanguage.SPANISH)],
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
        "sources": [("Congreso de la República", "https://www.congreso.gob.pe/", SourceLanguage.SPANISH)],
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
        "sources": [("Instituto de Estudios Peruanos", "https://iep.org.pe/", SourceLanguage.SPANISH)],
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
        "sources": [("Defensoría del Pueblo", "https://www.defensoria.gob.pe/", SourceLanguage.SPANISH)],
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
        "sources": [("The Supreme Court", "https://www.supremecourt.uk/", SourceLanguage.ENGLISH)],
        "related": ["psg-idehpucp-report-on-mining-dialogue"],
    },
]
