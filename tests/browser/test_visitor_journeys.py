"""A visitor's journeys in a real browser, with axe-core checking every page type."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = {
    "home": "/",
    "shoe-list": "/shoes/",
    "shoe-detail": "/shoes/{shoe}/",
    "collaboration-list": "/collaborations/",
    "collaboration-detail": "/collaborations/{collaboration}/",
    "partner": "/partners/jjjjound/",
    "trend-list": "/trends/",
    "trend-detail": "/trends/{trend}/",
    "timeline": "/timeline/",
    "compare": "/compare/?shoes={shoe},{original},{other}",
    "compare-empty": "/compare/",
    "search": "/search/?q=jjjjound",
    "about": "/about/",
    "api": "/api/",
    "data": "/data/",
    "sources": "/sources/",
    "source-detail": "/sources/{source}/",
    "not-found": "/shoes/no-such-shoe/",
}


@pytest.fixture
def urls(seeded):
    from catalog.models import Collaboration, Shoe, Source, TrendNote
    from tests.factories import chart_prices

    # The seed dates no price: give the shoe page checked a price chart.
    chart_prices(Shoe.objects.published().filter(collaboration__isnull=False).first())
    slugs = {
        "shoe": Shoe.objects.published().filter(collaboration__isnull=False).first().slug,
        "original": Shoe.objects.published().filter(kind=Shoe.Kind.ORIGINAL).first().slug,
        "other": Shoe.objects.published().filter(collaboration__isnull=False).last().slug,
        "collaboration": Collaboration.objects.published().first().slug,
        "trend": TrendNote.objects.published().first().slug,
        "source": Source.objects.first().pk,
    }
    return {name: path.format(**slugs) for name, path in PAGE_TYPES.items()}


def test_home_to_shoe_to_partner_to_trend_note(live_server, page, seeded):
    page.goto(live_server.url + "/")
    page.locator("main a[href^='/shoes/'][href$='/']").filter(has_text="JJJJound").first.click()
    assert page.url.startswith(live_server.url + "/shoes/")
    page.get_by_role("link", name="JJJJound", exact=True).first.click()
    assert page.url == live_server.url + "/partners/jjjjound/"
    assert page.get_by_role("heading", level=1).inner_text() == "JJJJound"
    page.goto(live_server.url + "/trends/")
    page.locator("main a[href^='/trends/'][href$='/']").first.click()
    assert page.get_by_role("heading", level=1).is_visible()


def test_filter_then_page_through_keeps_the_filter(live_server, page, seeded):
    from tests.factories import ShoeFactory

    ShoeFactory.create_batch(14, kind="collaboration", name="Synthetic pack pair")
    page.goto(live_server.url + "/shoes/")
    page.get_by_label("Kind").select_option("collaboration")
    page.get_by_role("button", name="Apply").click()
    assert "kind=collaboration" in page.url
    page.get_by_role("link", name="Next").click()
    assert "kind=collaboration" in page.url and "page=2" in page.url
    titles = page.locator("main article h3").all_inner_texts()
    assert titles, "page 2 of the filtered list is empty"
    assert not any("2008 original" in title for title in titles)


def test_search_from_the_header(live_server, page, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").first.fill("Kith")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Kith*")
    assert "Cream/Antler" in page.locator("main").inner_text()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_phone_viewport_has_no_horizontal_scroll(live_server, phone_page, urls, screenshot, name):
    phone_page.goto(live_server.url + urls[name])
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    screenshot(phone_page, f"375-{name}")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_violation(live_server, browser, urls, screenshot, name, scheme):
    """Both colour schemes: contrast is checked against each one's colours."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + urls[name])
    screenshot(page, f"1280-{scheme}-{name}")
    results = Axe().run(page)
    context.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
    ]
    assert violations == [], f"{name} ({scheme}): {violations}"


def test_dark_mode_is_applied(live_server, browser, seeded):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(live_server.url + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    red, green, blue = (int(part) for part in background[4:-1].split(",")[:3])
    assert red + green + blue < 200, background


def test_keyboard_user_can_skip_to_content(live_server, page, seeded):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_a_reader_follows_a_reference_to_its_source_and_back(live_server, page, seeded):
    page.goto(live_server.url + "/collaborations/jjjjound-2022/")
    reference = page.locator("sup.ref a").first
    reference.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#note-1")
    note = page.locator("#note-1")
    assert note.is_visible()
    assert "The Gel-Kayano 14 reference article" in note.inner_text()
    note.locator(".notes__back").click()
    page.wait_for_url("**#ref-1-1")
    page.go_back()
    page.locator("#note-1 a", has_text="reference article").click()
    assert "/sources/" in page.url
    assert "jjjjound-2022" in page.content()
