"""Demo values that never overwrite an editor's own."""


def fill_defaults(instance, values):
    """Set each field of `values` that is still blank or at its default, so a rerun of the demo keeps
    what editors changed. Returns whether anything changed; saving is left to the caller."""
    changed = False
    for name, value in values.items():
        current = getattr(instance, name)
        if current in ("", instance._meta.get_field(name).get_default()) and current != value:
            setattr(instance, name, value)
            changed = True
    return changed
