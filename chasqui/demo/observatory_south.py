"""Demo incidents in Puno (the San Gabán case) and Madre de Dios (the forest defenders)."""

from datetime import date

from .observatory_las_bambas import incident

SOUTH = [
    # San Gabán, Puno
    incident(
        "san-gaban-farmers-strike",
        "San Gabán farmers begin a strike",
        date(2019, 4, 2),
        "puno",
        "protest",
        (
            "Growers of the valley blocked the Interoceanic highway to press demands over coca "
            "eradication and roads."
        ),
        province="Carabaya",
        district="San Gabán",
        case="san-gaban",
        actors=[("san-gaban-farmers", "party")],
        latitude="-13.44",
        longitude="-70.40",
        verification="corroborated",
        es_title="Agricultores de San Gabán inician un paro",
    ),
    incident(
        "two-farmers-killed-in-san-gaban",
        "Two farmers killed as police clear the highway",
        date(2019, 4, 9),
        "puno",
        "killing",
        (
            "Two farmers died and several people were wounded when police moved against the blockade;"
            " local groups say live rounds were fired."
        ),
        province="Carabaya",
        district="San Gabán",
        case="san-gaban",
        killed=2,
        actors=[("san-gaban-farmers", "victim"), ("national-police", "perpetrator")],
        news=["two-killed-in-san-gaban-clashes"],
        latitude="-13.45",
        longitude="-70.41",
        verification="verified",
        es_title="Dos agricultores muertos al despejar la policía la carretera",
    ),
    incident(
        "wounded-taken-to-juliaca",
        "Wounded taken to hospital in Juliaca",
        date(2019, 4, 9),
        "puno",
        "injury",
        (
            "The injured from the clash were moved to hospitals outside the valley; the number is "
            "still not known."
        ),
        province="Carabaya",
        case="san-gaban",
        actors=[("san-gaban-farmers", "victim")],
        verification="corroborated",
    ),
    incident(
        "congress-summons-interior-minister",
        "Congress summons the interior minister",
        date(2019, 4, 15),
        "lima",
        "legal-action",
        "Members of Congress called the interior minister to explain the police operation in San Gabán.",
        case="san-gaban",
        actors=[("congress", "party"), ("interior-ministry", "party")],
        news=["two-killed-in-san-gaban-clashes"],
        verification="verified",
    ),
    incident(
        "san-gaban-dialogue-table",
        "Dialogue table for the San Gabán valley",
        date(2019, 4, 20),
        "puno",
        "agreement",
        "Government envoys and the farmers agreed to talk, and the highway reopened (illustrative record).",
        case="san-gaban",
        actors=[("san-gaban-farmers", "party"), ("pcm", "party")],
        precision="month",
        verification="reported",
    ),
    incident(
        "complaint-over-the-deaths",
        "Families file a complaint over the deaths",
        date(2019, 5, 6),
        "puno",
        "legal-action",
        (
            "Relatives of the dead asked prosecutors to investigate the officers in command "
            "(illustrative record)."
        ),
        case="san-gaban",
        actors=[("san-gaban-farmers", "party"), ("national-police", "party")],
        verification="reported",
    ),
    # Madre de Dios
    incident(
        "cusurichi-warns-of-threats",
        "Julio Cusurichi warns of threats to defenders",
        date(2019, 3, 19),
        "madre-de-dios",
        "defender-attack",
        (
            "The Shipibo leader described how illegal miners, loggers and traffickers put the "
            "forest's defenders in danger."
        ),
        actors=[("julio-cusurichi", "party"), ("illegal-miners", "perpetrator")],
        news=["cusurichi-warns-of-risks-to-defenders-in-madre-de-dios"],
        verification="verified",
        es_title="Julio Cusurichi advierte de amenazas a los defensores",
    ),
    incident(
        "forest-monitor-threatened",
        "Forest monitor threatened after a patrol",
        date(2019, 2, 17),
        "madre-de-dios",
        "defender-attack",
        (
            "After a patrol reported a mining camp inside the reserve, one of the monitors received "
            "death threats."
        ),
        province="Tahuamanu",
        sensitive=True,
        actors=[
            ("an-indigenous-forest-monitor", "victim"),
            ("illegal-miners", "perpetrator"),
            ("fenamad", "party"),
        ],
        latitude="-11.62345",
        longitude="-69.81234",
        verification="corroborated",
        es_title="Amenazan a un monitor forestal tras una patrulla",
    ),
    incident(
        "mining-camp-inside-the-reserve",
        "Mining camp found inside the reserve",
        date(2019, 2, 14),
        "madre-de-dios",
        "environmental-damage",
        (
            "Monitors found dredges and cleared forest on a river inside the protected territory "
            "(illustrative record)."
        ),
        province="Tahuamanu",
        actors=[("illegal-miners", "perpetrator"), ("fenamad", "party")],
        latitude="-11.70",
        longitude="-69.90",
        verification="reported",
    ),
    incident(
        "mercury-in-the-river",
        "Mercury found in the river's fish",
        date(2019, 1, 1),
        "madre-de-dios",
        "environmental-damage",
        "Samples showed mercury in fish eaten by riverside communities (illustrative record).",
        actors=[("illegal-miners", "perpetrator")],
        precision="month",
        verification="reported",
    ),
    incident(
        "fenamad-asks-for-protection",
        "FENAMAD asks for protection for its monitors",
        date(2019, 3, 1),
        "madre-de-dios",
        "legal-action",
        (
            "The federation asked the authorities for protection measures for the monitors at risk "
            "(illustrative record)."
        ),
        actors=[("fenamad", "party"), ("an-indigenous-forest-monitor", "victim")],
        sensitive=True,
        verification="reported",
    ),
    incident(
        "raid-on-la-pampa",
        "Police and navy raid mining camps",
        date(2019, 2, 19),
        "madre-de-dios",
        "detention",
        (
            "A large operation against illegal mining along the Interoceanic highway ended with "
            "arrests (illustrative record)."
        ),
        province="Tambopata",
        actors=[("national-police", "party"), ("illegal-miners", "party")],
        detained=None,
        latitude="-12.95",
        longitude="-70.20",
        verification="reported",
    ),
    incident(
        "emergency-in-la-pampa",
        "State of emergency against illegal mining",
        date(2019, 2, 20),
        "madre-de-dios",
        "state-of-emergency",
        (
            "The government declared an emergency in the mining area to back the operation "
            "(illustrative record)."
        ),
        province="Tambopata",
        actors=[("pcm", "party")],
        precision="month",
        verification="reported",
    ),
    incident(
        "defenders-march-in-puerto-maldonado",
        "Defenders march in Puerto Maldonado",
        date(2019, 4, 22),
        "madre-de-dios",
        "protest",
        (
            "Indigenous organisations marched to ask for the territory's protection to be enforced "
            "(illustrative record)."
        ),
        province="Tambopata",
        district="Tambopata",
        actors=[("fenamad", "party")],
        latitude="-12.59",
        longitude="-69.19",
        verification="reported",
    ),
]
