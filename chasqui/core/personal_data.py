"""A registry of what each app holds about a person, for a data download that asks every app.

An app that keeps personal data registers a provider in its AppConfig.ready; an app that answers
a request for that data (the members' area) asks through here, so it need not import the others.
"""

_providers = {}


def register(name, provider):
    """`provider(email)` returns JSON-ready data held about the address (a list or dict)."""
    _providers[name] = provider


def personal_data_for(email):
    """{name: data} from every registered provider, in name order."""
    return {name: _providers[name](email) for name in sorted(_providers)}
