"""The topics a new site starts with (slug, English, Spanish); editors rename or add to them."""

STARTER_TOPICS = [
    ("mining", "Mining", "Minería"),
    ("congress", "Congress", "Congreso"),
    ("human-rights", "Human rights", "Derechos humanos"),
    ("indigenous-peoples", "Indigenous peoples", "Pueblos indígenas"),
    ("environment", "Environment", "Medio ambiente"),
    ("obituaries", "Obituaries", "Obituarios"),
]
