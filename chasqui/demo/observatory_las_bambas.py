"""Demo incidents of the Las Bambas case (Apurímac)."""

from datetime import date


def incident(slug, title, day, region, kind, summary, **extra):
    return {
        "slug": slug,
        "title": title,
        "date_start": day,
        "region": region,
        "type": kind,
        "summary": summary,
        **extra,
    }


LAS_BAMBAS = [
    # Las Bambas, Apurímac
    incident(
        "fuerabamba-blocks-the-mining-corridor",
        "Fuerabamba blocks the mining corridor",
        date(2019, 2, 4),
        "apurimac",
        "protest",
        (
            "Community members camped on the ore road where it crosses land they say is theirs, "
            "stopping the mine's lorries."
        ),
        province="Cotabambas",
        district="Challhuahuacho",
        case="las-bambas",
        actors=[("fuerabamba", "party"), ("mmg-las-bambas", "party")],
        latitude="-14.09",
        longitude="-72.25",
        date_end=date(2019, 4, 7),
        verification="verified",
        es_title="Fuerabamba bloquea el corredor minero",
    ),
    incident(
        "state-of-emergency-in-the-corridor",
        "State of emergency along the corridor",
        date(2019, 2, 8),
        "apurimac",
        "state-of-emergency",
        (
            "The government suspended some civil liberties along the road to let the police keep it "
            "open (illustrative record)."
        ),
        province="Cotabambas",
        case="las-bambas",
        actors=[("pcm", "perpetrator")],
        precision="month",
        verification="reported",
    ),
    incident(
        "police-break-up-the-camp",
        "Police break up the road camp",
        date(2019, 3, 12),
        "apurimac",
        "clash",
        (
            "Officers cleared part of the blockade; residents reported injuries, none confirmed "
            "(illustrative record)."
        ),
        province="Cotabambas",
        district="Challhuahuacho",
        case="las-bambas",
        actors=[("national-police", "perpetrator"), ("fuerabamba", "victim")],
        verification="reported",
    ),
    incident(
        "fuerabamba-leaders-detained",
        "Fuerabamba's president and a leader detained",
        date(2019, 3, 21),
        "apurimac",
        "detention",
        (
            "The community's president and another leader were arrested on extortion charges, which "
            "the community called an attempt to break the protest."
        ),
        province="Cotabambas",
        case="las-bambas",
        detained=2,
        actors=[("fuerabamba", "victim"), ("national-police", "perpetrator")],
        news=["week-of-conflict-at-las-bambas"],
        verification="verified",
        es_title="Detienen al presidente de Fuerabamba y a otro dirigente",
    ),
    incident(
        "charges-against-the-leaders",
        "Prosecutors charge the Fuerabamba leaders",
        date(2019, 3, 25),
        "apurimac",
        "legal-action",
        (
            "Prosecutors asked for pre-trial detention; the defence called the charges political "
            "(illustrative record)."
        ),
        case="las-bambas",
        actors=[("fuerabamba", "victim")],
        verification="reported",
    ),
    incident(
        "mine-halts-shipments",
        "The mine halts copper shipments",
        date(2019, 3, 28),
        "apurimac",
        "protest",
        (
            "With the road closed for weeks, the company said it could no longer move concentrate and"
            " would slow production."
        ),
        case="las-bambas",
        actors=[("mmg-las-bambas", "party"), ("las-bambas-mine", "party")],
        news=["week-of-conflict-at-las-bambas"],
        verification="corroborated",
    ),
    incident(
        "talks-in-lima-end-the-blockade",
        "Talks in Lima end the blockade",
        date(2019, 4, 7),
        "lima",
        "agreement",
        (
            "Community leaders, the company and a government team led by the prime minister agreed "
            "terms at a meeting hosted by the bishops, and the road reopened."
        ),
        case="las-bambas",
        actors=[
            ("fuerabamba", "party"),
            ("mmg-las-bambas", "party"),
            ("pcm", "party"),
            ("episcopal-conference", "mediator"),
        ],
        news=["deal-announced-over-las-bambas"],
        killed=0,
        injured=0,
        detained=0,
        verification="verified",
        latitude="-12.05",
        longitude="-77.04",
        es_title="Diálogo en Lima pone fin al bloqueo",
    ),
    incident(
        "follow-up-table-meets",
        "Follow-up table meets in Challhuahuacho",
        date(2019, 5, 10),
        "apurimac",
        "agreement",
        "The parties met again to check the agreement's commitments (illustrative record).",
        case="las-bambas",
        actors=[("fuerabamba", "party"), ("pcm", "party")],
        precision="month",
        verification="reported",
    ),
    incident(
        "dust-complaints-on-the-ore-road",
        "Dust complaints on the ore road",
        date(2018, 11, 1),
        "apurimac",
        "environmental-damage",
        (
            "Families along the unpaved road said the lorries' dust was harming crops and children's "
            "health (illustrative record)."
        ),
        province="Cotabambas",
        case="las-bambas",
        actors=[("las-bambas-mine", "perpetrator")],
        precision="month",
        verification="reported",
    ),
    incident(
        "new-blockade-in-chumbivilcas",
        "New blockade further along the corridor",
        date(2019, 7, 15),
        "cusco",
        "protest",
        (
            "Communities in Cusco's stretch of the corridor blocked the road with demands of their "
            "own (illustrative record)."
        ),
        province="Chumbivilcas",
        case="las-bambas",
        actors=[("mmg-las-bambas", "party")],
        verification="reported",
    ),
]
