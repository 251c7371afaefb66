"""HMRC's model wording for an enduring (multiple donation) Gift Aid declaration.

The wording is HMRC's, not ours, and must be shown exactly as stored. When HMRC changes it,
add a new version rather than editing this one: each declaration records the version it used.
"""

WORDING_VERSION = "hmrc-multiple-2015-10"

# {charity} is replaced with the charity's name from the site settings.
DECLARATION_STATEMENT = (
    "I want to Gift Aid any donations I make in the future or have made in the past 4 years to {charity}."
)
TAXPAYER_STATEMENT = (
    "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax than "
    "the amount of Gift Aid claimed on all my donations in that tax year it is my responsibility to "
    "pay any difference."
)
NOTIFY_STATEMENT = (
    "Please notify the charity if you:\n"
    "- want to cancel this declaration\n"
    "- change your name or home address\n"
    "- no longer pay sufficient tax on your income and/or capital gains"
)
HIGHER_RATE_STATEMENT = (
    "If you pay Income Tax at the higher or additional rate and want to receive the additional tax "
    "relief due to you, you must include all your Gift Aid donations on your Self-Assessment tax "
    "return or ask HM Revenue and Customs to adjust your tax code."
)

WORDINGS = {
    WORDING_VERSION: "\n\n".join(
        [DECLARATION_STATEMENT, TAXPAYER_STATEMENT, NOTIFY_STATEMENT, HIGHER_RATE_STATEMENT]
    ),
}


def declaration_wording(charity_name, version=WORDING_VERSION):
    """The full declaration as the member sees it and as it is stored with their declaration."""
    return WORDINGS[version].format(charity=charity_name)
