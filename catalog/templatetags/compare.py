"""
`{% compare_url shoe other %}`: the address comparing releases side by side (shoes, or lists
of shoes, in order, each once, at most four); see `catalog/comparison.py`.
"""

from django import template

from catalog.comparison import compare_url

register = template.Library()
register.simple_tag(compare_url, name="compare_url")
