"""Four weeks of demo news, 23 March to 15 April 2019, some of it also in Spanish.

Body blocks are tuples: ("p", text), ("h", text) or ("q", quote, attribution).
"""

from .news_april import APRIL_ITEMS
from .news_march import MARCH_ITEMS

NEWS_ITEMS = [*MARCH_ITEMS, *APRIL_ITEMS]
