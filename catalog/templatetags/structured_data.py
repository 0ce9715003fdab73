"""`{% json_ld entry %}`: the entry's schema.org JSON-LD, safely embedded.

The blocks are data, which browsers never run, so they need no CSP nonce.
"""

import json

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from catalog.links import absolute_url
from catalog.structured_data import structured_data

register = template.Library()

# The same escapes Django's json_script uses, so no "</script>" can close the element early.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(entry):
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (mark_safe(json.dumps(doc, ensure_ascii=False).translate(JSON_ESCAPES)),)  # noqa: S308
            for doc in structured_data(entry, absolute_url)
        ),
    )
