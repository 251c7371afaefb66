"""Date formats by language (FORMAT_MODULE_PATH): templates name a format, never a pattern.

`DATE_FORMAT` is the long date ("15 April 2019", "15 de abril de 2019"), `DATETIME_FORMAT` adds
the time, `YEAR_MONTH_FORMAT` is a month ("April 2019", "abril de 2019") and `SHORT_DATE_FORMAT`
fits a table column.
"""
