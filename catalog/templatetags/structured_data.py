"""`{% json_ld entry %}`: the entry's schema.org JSON-LD, safely embedded, with the CSP nonce."""

import json

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from catalog.structured_data import structured_data

register = template.Library()

# The same escapes Django's json_script uses, so no "</script>" can close the element early.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, entry):
    request = context["request"]
    nonce = getattr(request, "csp_nonce", "")
    documents = structured_data(entry, request.build_absolute_uri)
    return format_html_join(
        "\n",
        '<script type="application/ld+json" nonce="{}">{}</script>',
        (
            (nonce, mark_safe(json.dumps(doc, ensure_ascii=False).translate(JSON_ESCAPES)))  # noqa: S308
            for doc in documents
        ),
    )
