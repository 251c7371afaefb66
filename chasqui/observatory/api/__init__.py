"""The observatory's read-only JSON API (v1), under the incidents index: `api/v1/` and below.

It answers from the same public records as the pages and exports (`chasqui.observatory.public`),
never from the pages' own fields, which is why Wagtail's page API is not used.
"""
