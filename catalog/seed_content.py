"""
The archive's starting content, as plain Python data.

`manage.py load_seed` turns these lists into published database entries. Every
fact here comes from the source article on the Gel-Kayano 14 kept in
`shared/reference/`; the wording is our own. Where the article is silent (a
style code, a price, a city, an exact day) the field is left empty rather than
guessed. Palettes are the exception: they only drive the drawn illustration
and are chosen to match each description.

Entries refer to each other by slug. Long texts are written as wrapped
triple-quoted strings and unwrapped by `_text()`, so that each Markdown
paragraph is stored as a single line.
"""

import datetime
import textwrap
from decimal import Decimal


def _text(value):
    """Dedent `value` and join the lines of each paragraph; keep blank lines between them."""
    paragraphs = textwrap.dedent(value).strip().split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


# ---------------------------------------------------------------------------
# Technologies and materials
# ---------------------------------------------------------------------------

TECHNOLOGIES = [
    {
        "slug": "gel-cushioning",
        "name": "GEL cushioning",
        "description": (
            "Asics' shock-absorbing cushioning, left visible in the midsole. On the 14, "
            "Yamashita put as much of it into the forefoot as the design allowed."
        ),
    },
    {
        "slug": "trusstic",
        "name": "TRUSSTIC",
        "description": (
            "A support system in the sole that gives the shoe structure while keeping its "
            "weight down."
        ),
    },
    {
        "slug": "open-weave-mesh",
        "name": "Open-weave mesh",
        "description": (
            "The breathable base of the upper: it lets heat out and gives the shoe its "
            "see-through, layered texture."
        ),
    },
    {
        "slug": "metallic-silver-overlays",
        "name": "Metallic silver overlays",
        "description": (
            "Reflective panels on the upper, first meant to keep night runners visible and "
            "now the model's best-known detail."
        ),
    },
    {
        "slug": "synthetic-overlays",
        "name": "Synthetic overlays",
        "description": "Supportive panels laid over the mesh to hold the foot steady.",
    },
    {
        "slug": "synthetic-leather",
        "name": "Synthetic leather",
        "description": (
            'A premium leather-look material, used with mesh on the Kith "Vintage Tech 2023" pairs.'
        ),
    },
]


# ---------------------------------------------------------------------------
# Partners
# ---------------------------------------------------------------------------

PARTNERS = [
    {
        "slug": "jjjjound",
        "name": "JJJJound",
        "kind": "studio",
        "city": "Montreal",
        "country": "Canada",
        "key_person": "Justin R. Saunders",
        "bio": _text(
            """
            JJJJound is a Montreal design studio founded by Justin R. Saunders and known for
            a pared-back, carefully edited sense of taste. Its Gel-Kayano 14 collaborations
            refine rather than redesign: better materials, exact proportions and very quiet
            branding. The first of them, in August 2022, is often named as the moment the
            model's fashion boom began.
            """
        ),
    },
    {
        "slug": "kith",
        "name": "Kith",
        "kind": "brand",
        "city": "",
        "country": "",
        "key_person": "Ronnie Fieg",
        "bio": _text(
            """
            Kith is the label behind the "Vintage Tech 2023" pack, which carries the
            signature touch of Ronnie Fieg. Its two Gel-Kayano 14 pairs came out in June 2023,
            combining mesh with premium synthetic leather in cream-based, earthy tones chosen
            for a style-conscious clientele.
            """
        ),
    },
    {
        "slug": "atmos",
        "name": "Atmos",
        "kind": "boutique",
        "city": "",
        "country": "Japan",
        "key_person": "",
        "bio": _text(
            """
            Atmos is a renowned sneaker boutique from Japan. It has released exclusive
            Gel-Kayano 14 colorways that respect the model's roots as a technical running
            shoe while leaning into the streetwear of today.
            """
        ),
    },
    {
        "slug": "facetasm",
        "name": "FACETASM",
        "kind": "brand",
        "city": "Tokyo",
        "country": "Japan",
        "key_person": "",
        "bio": _text(
            """
            FACETASM is a streetwear label based in Tokyo. It has previewed loud,
            multicolored takes on the Gel-Kayano 14 that steer the model somewhere far more
            experimental, a sign of how much room the shoe leaves its collaborators.
            """
        ),
    },
    {
        "slug": "kiko-kostadinov",
        "name": "Kiko Kostadinov",
        "kind": "designer",
        "city": "",
        "country": "",
        "key_person": "",
        "bio": _text(
            """
            Kiko Kostadinov is a Bulgarian designer who began working with Asics in 2018,
            reworking archive models with an avant-garde eye that made the fashion world look
            at the brand again. He never co-branded an inline Gel-Kayano 14, yet he argued for
            its 2020 return and guided the UB1-S version of it.
            """
        ),
    },
]


# ---------------------------------------------------------------------------
# Collaborations
# ---------------------------------------------------------------------------

COLLABORATIONS = [
    {
        "slug": "kiko-kostadinov-influence",
        "partner": "kiko-kostadinov",
        "title": "Kiko Kostadinov and the Gel-Kayano 14",
        "kind": "influence",
        "release_date": None,
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "summary": (
            "Not a co-branded release but an influence: Kostadinov steered Asics toward the 14 "
            "for its 2020 archive revival, and his UB1-S version brought it to his following."
        ),
        "story": _text(
            """
            Kiko Kostadinov's name never appeared on an inline Gel-Kayano 14, yet few people
            did more for its second life. From 2018 the Bulgarian designer worked with Asics,
            reinterpreting archive models with unexpected materials, strong shapes and artistic
            colorways. That work persuaded a fashion-literate audience, one that had written
            Asics off as purely functional sportswear, to look again at the whole range.

            ## An adviser's choice

            In 2020 Asics set out to reissue a runner from its archive, and the plan was to
            revive the Gel-Kayano 13. Kostadinov, acting as an adviser, made the case for the
            14: in his view, the design "made it look faster", and it suited the direction he
            was taking with the brand. The decision looks far-sighted now.

            ## The UB1-S

            He also oversaw the materials and color palettes of the UB1-S Gel-Kayano 14, which
            brought the model to his loyal followers. After that, the 14 was treated as a
            design object worth serious attention, not only as a running shoe.
            """
        ),
    },
    {
        "slug": "jjjjound-2022",
        "partner": "jjjjound",
        "title": "JJJJound x Gel-Kayano 14 (2022)",
        "kind": "official",
        "release_date": datetime.date(2022, 8, 1),
        "date_precision": "month",
        "retail_price": Decimal("180.00"),
        "currency": "USD",
        "resale_peak": Decimal("700.00"),
        "summary": (
            "Two pairs built on white mesh with metallic silver overlays, one with white "
            "detailing and one with black. They cost $180, sold out almost at once and some "
            "resold for more than $700."
        ),
        "story": _text(
            """
            JJJJound's first Gel-Kayano 14 came out in August 2022 in two colorways. Both
            used white mesh as the base, dressed with metallic silver overlays; one was
            finished with white detailing, the other with black.

            ## Restraint as a method

            The studio did not try to redesign the shoe. It upgraded the materials and kept
            the co-branding to a small JJJJound wordmark on the outer side of the heel. The
            result felt elevated without losing any of the original's character.

            ## The reaction

            At a retail price of $180 the pairs were gone almost immediately, and on the
            resale market some changed hands for more than $700. The release showed that the
            14 could appeal to the same buyers who favor minimalist labels such as Common
            Projects or Margiela. Many now treat it as the real starting point of the
            sportstyle wave, which lifted demand for mesh runners as a whole.
            """
        ),
    },
    {
        "slug": "kith-vintage-tech-2023",
        "partner": "kith",
        "title": 'Kith "Vintage Tech 2023"',
        "kind": "official",
        "release_date": datetime.date(2023, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "summary": (
            "Ronnie Fieg's Kith pack of June 2023: two Gel-Kayano 14 colorways, Cream/Antler "
            "and Cream/Scarab, made with premium synthetic leather and mesh in earthy tones."
        ),
        "story": _text(
            """
            Kith's "Vintage Tech 2023" pack arrived in June 2023 and carried Ronnie Fieg's
            signature approach. It included two Gel-Kayano 14 colorways, Cream/Antler and
            Cream/Scarab.

            Both pairs mix premium synthetic leather with mesh, and both keep to a warm,
            earthy palette. The mood is calmer than the bright silver of 2008 and well suited
            to Kith's fashion-minded customers.

            Between JJJJound's minimalism and FACETASM's experiments, the Kith pairs stand for
            refined streetwear, one more proof that the 14 can take on very different
            personalities and remain recognizably itself.
            """
        ),
    },
    {
        "slug": "jjjjound-2025",
        "partner": "jjjjound",
        "title": "JJJJound x Gel-Kayano 14 (2025)",
        "kind": "official",
        "release_date": datetime.date(2025, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "summary": (
            "JJJJound's third Gel-Kayano 14 collaboration, released in June 2025 in two "
            "colorways: White/Blue and White/Navy."
        ),
        "story": _text(
            """
            JJJJound has returned to the Gel-Kayano 14 more than once since its 2022 debut.
            The third collaboration, among the most eagerly awaited, came out in June 2025
            with two colorways, White/Blue and White/Navy.

            Each new JJJJound release has strengthened the model's standing in fashion and
            put it in front of buyers who had not yet met it.
            """
        ),
    },
    {
        "slug": "atmos-exclusive-colorways",
        "partner": "atmos",
        "title": "Atmos exclusive colorways",
        "kind": "official",
        "release_date": None,
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "summary": (
            "Exclusive Gel-Kayano 14 colorways from the Japanese boutique Atmos, with a nod to "
            "the shoe's running past and an eye on current streetwear."
        ),
        "story": _text(
            """
            Atmos, the well-known sneaker boutique from Japan, added its own exclusive
            colorways to the Gel-Kayano 14 story. They pay tribute to the model's background
            as a technical running shoe while taking on the look of present-day streetwear.

            Like the other partnerships that followed JJJJound's success, they helped fix
            the 14's reputation as a shoe that collaborators can build on.
            """
        ),
    },
    {
        "slug": "facetasm-multicolor-preview",
        "partner": "facetasm",
        "title": "FACETASM multicolor preview",
        "kind": "official",
        "release_date": None,
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "summary": (
            "A recent preview of bright, multicolored Gel-Kayano 14s from the Tokyo label "
            "FACETASM, taking the model in a bolder, more experimental direction."
        ),
        "story": _text(
            """
            FACETASM, the streetwear label from Tokyo, has recently shown bright,
            multicolored versions of the Gel-Kayano 14. They are the boldest of the model's
            collaborations so far, far from JJJJound's restraint or Kith's earthy palette.

            The preview underlines how adaptable the 14 has become: a shoe designed for
            stability in 2008 now serves as a base for openly experimental ideas.
            """
        ),
    },
]


# ---------------------------------------------------------------------------
# Shoes
# ---------------------------------------------------------------------------

SHOES = [
    {
        "slug": "gel-kayano-14-2008-original",
        "name": "Gel-Kayano 14 (2008 original)",
        "colorway": "",
        "kind": "original",
        "colour_family": "silver",
        "release_date": datetime.date(2008, 1, 1),
        "date_precision": "year",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "Hidenori Yamashita",
        "technologies": [
            "gel-cushioning",
            "trusstic",
            "open-weave-mesh",
            "metallic-silver-overlays",
            "synthetic-overlays",
        ],
        "palette": "#eef0f2, #b9bec5, #6b737d, #2c3138",
        "summary": (
            "The stability runner that started it all: the first Gel-Kayano drawn by Hidenori "
            'Yamashita instead of Toshikazu Kayano, and built around his idea of "flash".'
        ),
        "story": _text(
            """
            The fourteenth Gel-Kayano, released in 2008, marked a handover. Every model since
            the series began in 1993 had come from Toshikazu Kayano; this one was entrusted
            to Hidenori Yamashita.

            Yamashita organized the design around "flash", his word for the quick burst of
            movement as a runner lands on the heel and pushes off through the toes. Color,
            line, material, shape and texture were all meant to express it. Beneath the
            styling he kept the series' stable structure and fitted as much GEL cushioning
            into the forefoot as he could, for serious runners who overpronate.

            ## Built for a job

            Every part had a purpose. Visible GEL absorbed impact, synthetic overlays held the
            foot, mesh let heat escape, TRUSSTIC kept the structure light, and the silver
            panels made runners easier to see at night. Runner's World gave it the
            International Editor's Choice prize in its launch year, and many runners were
            sorry to see it replaced by the 15 in 2009.
            """
        ),
        "collaboration": None,
        "featured": True,
    },
    {
        "slug": "gel-kayano-14-2020-revival",
        "name": "Gel-Kayano 14 (2020 revival)",
        "colorway": "",
        "kind": "general",
        "colour_family": "silver",
        "release_date": datetime.date(2020, 1, 1),
        "date_precision": "year",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": [
            "gel-cushioning",
            "trusstic",
            "open-weave-mesh",
            "metallic-silver-overlays",
            "synthetic-overlays",
        ],
        "palette": "#f2f3f4, #c3c7cc, #8a9099",
        "summary": (
            "In 2020 Asics brought the Gel-Kayano 14 back from its archive. The first plan was "
            "to revive the 13; Kiko Kostadinov made the case for the 14."
        ),
        "story": _text(
            """
            After the 15 took its place in 2009, the 14 stayed in the Asics archive for more
            than a decade while the brand pursued newer technology and slimmer designs.

            When Asics chose to reissue an archived runner in 2020, the Gel-Kayano 13 was the
            first candidate. Kiko Kostadinov, advising the brand, pushed for the 14 instead,
            arguing that its design "made it look faster". Hidenori Yamashita, who designed the
            original, also played a key part in the comeback.

            The timing was right. Interest in Y2K style took hold in the early 2020s, and a
            shoe of silver panels, layered mesh and a chunky midsole suited the moment without
            needing to be redrawn.
            """
        ),
        "collaboration": None,
        "featured": True,
    },
    {
        "slug": "kiko-kostadinov-ub1-s-gel-kayano-14",
        "name": "Kiko Kostadinov UB1-S Gel-Kayano 14",
        "colorway": "",
        "kind": "special",
        "colour_family": "",
        "release_date": None,
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic"],
        "palette": "#d9dadb, #8c8f93, #3a3d41",
        "summary": (
            "Not a co-branded release: a version of the 14 whose materials and color palettes "
            "Kiko Kostadinov oversaw, and which introduced the model to his fashion following."
        ),
        "story": _text(
            """
            Kiko Kostadinov never signed an inline Gel-Kayano 14. His part was that of an
            adviser and an influence, and the UB1-S Gel-Kayano 14 is where it shows most
            clearly: he guided its choice of materials and its color palettes.

            The Bulgarian designer had worked with Asics since 2018, and his followers took
            his reworkings of archive models seriously. Through the UB1-S they came to see the
            14 as a design object rather than a piece of running kit, and the model's fashion
            career began to take shape.
            """
        ),
        "collaboration": "kiko-kostadinov-influence",
        "featured": False,
    },
    {
        "slug": "jjjjound-gel-kayano-14-2022-white-detailing",
        "name": "JJJJound Gel-Kayano 14, white detailing",
        "colorway": "",
        "kind": "collaboration",
        "colour_family": "white",
        "release_date": datetime.date(2022, 8, 1),
        "date_precision": "month",
        "retail_price": Decimal("180.00"),
        "currency": "USD",
        "resale_peak": Decimal("700.00"),
        "designer": "",
        "technologies": [
            "gel-cushioning",
            "trusstic",
            "open-weave-mesh",
            "metallic-silver-overlays",
        ],
        "palette": "#f7f7f4, #e6e7e8, #b8bcc2",
        "summary": (
            "JJJJound's first Gel-Kayano 14: white mesh, metallic silver overlays and white "
            "detailing. It cost $180 in August 2022; some pairs later resold for over $700."
        ),
        "story": _text(
            """
            JJJJound's first collaboration on the Gel-Kayano 14 appeared in August 2022 as two
            colorways. This is the one with white detailing, built like its twin on white
            mesh with silver metallic overlays.

            The Montreal studio founded by Justin R. Saunders chose refinement over
            reinvention. It raised the quality of the materials and limited the branding to a
            small JJJJound wordmark on the outer side of the heel.

            Priced at $180, the pair sold out almost immediately, and some reached more than
            $700 on the resale market. Many see this release as the true beginning of the
            sportstyle boom, which raised demand for mesh runners in general.
            """
        ),
        "collaboration": "jjjjound-2022",
        "featured": True,
    },
    {
        "slug": "jjjjound-gel-kayano-14-2022-black-detailing",
        "name": "JJJJound Gel-Kayano 14, black detailing",
        "colorway": "",
        "kind": "collaboration",
        "colour_family": "white",
        "release_date": datetime.date(2022, 8, 1),
        "date_precision": "month",
        "retail_price": Decimal("180.00"),
        "currency": "USD",
        "resale_peak": Decimal("700.00"),
        "designer": "",
        "technologies": [
            "gel-cushioning",
            "trusstic",
            "open-weave-mesh",
            "metallic-silver-overlays",
        ],
        "palette": "#f7f7f4, #b8bcc2, #1d1e20",
        "summary": (
            "The darker half of JJJJound's August 2022 pair: a white mesh base and metallic "
            "silver overlays, finished with black detailing. Retail $180; resale over $700."
        ),
        "story": _text(
            """
            The second colorway of JJJJound's 2022 collaboration shares its sibling's white
            mesh base and metallic silver overlays, but swaps the white detailing for black.
            The contrast sharpens the outline of the shoe without changing its shape.

            As with the white pair, JJJJound's changes were quiet ones: upgraded materials and
            a discreet wordmark on the outer heel. The appeal lay in restraint.

            It went on sale at $180 and disappeared quickly, and some pairs later sold for
            more than $700. Together the two colorways showed that the 14 could win over
            buyers of minimalist fashion labels.
            """
        ),
        "collaboration": "jjjjound-2022",
        "featured": True,
    },
    {
        "slug": "kith-gel-kayano-14-cream-antler",
        "name": "Kith Gel-Kayano 14",
        "colorway": "Cream/Antler",
        "kind": "collaboration",
        "colour_family": "cream",
        "release_date": datetime.date(2023, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic", "open-weave-mesh", "synthetic-leather"],
        "palette": "#efe7d6, #c9b79c, #8c7a64",
        "summary": (
            'One half of Kith\'s "Vintage Tech 2023" pack from June 2023: premium synthetic '
            "leather and mesh in a cream colorway with earthy accents."
        ),
        "story": _text(
            """
            Kith's "Vintage Tech 2023" pack, released in June 2023, brought Ronnie Fieg's
            signature approach to the Gel-Kayano 14 in two colorways. Cream/Antler is one of
            them.

            The upper pairs premium synthetic leather with mesh, and the palette stays soft
            and earthy. It is a warmer take than the bright silver of the original, and it
            suits Kith's style-conscious customers.
            """
        ),
        "collaboration": "kith-vintage-tech-2023",
        "featured": True,
    },
    {
        "slug": "kith-gel-kayano-14-cream-scarab",
        "name": "Kith Gel-Kayano 14",
        "colorway": "Cream/Scarab",
        "kind": "collaboration",
        "colour_family": "cream",
        "release_date": datetime.date(2023, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic", "open-weave-mesh", "synthetic-leather"],
        "palette": "#efe7d6, #6b6a4a, #34382b",
        "summary": (
            'The second pair in Kith\'s "Vintage Tech 2023" pack, released in June 2023: '
            "Cream/Scarab, in synthetic leather and mesh with a deeper, earthy accent."
        ),
        "story": _text(
            """
            Cream/Scarab is the companion to Cream/Antler in the Kith pack of June 2023. It
            uses the same mix of premium synthetic leather and mesh, set in a cream base with
            earthy tones.

            Next to JJJJound's minimal pairs and FACETASM's loud experiments, Kith's take sits
            in the middle as refined streetwear, further evidence that the 14 can carry very
            different ideas.
            """
        ),
        "collaboration": "kith-vintage-tech-2023",
        "featured": False,
    },
    {
        "slug": "jjjjound-gel-kayano-14-2025-white-blue",
        "name": "JJJJound Gel-Kayano 14",
        "colorway": "White/Blue",
        "kind": "collaboration",
        "colour_family": "white",
        "release_date": datetime.date(2025, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic"],
        "palette": "#f7f7f4, #5b86c0, #c3c7cc",
        "summary": (
            "White/Blue, one of two colorways from JJJJound's third Gel-Kayano 14 "
            "collaboration, released in June 2025."
        ),
        "story": _text(
            """
            By 2025 JJJJound had come back to the Gel-Kayano 14 more than once. Its third
            collaboration, one of the most anticipated, arrived in June 2025 in White/Blue and
            White/Navy. This is the White/Blue pair.

            Each JJJJound release has reinforced the model's place in fashion and brought it
            to people who had not yet worn it.
            """
        ),
        "collaboration": "jjjjound-2025",
        "featured": False,
    },
    {
        "slug": "jjjjound-gel-kayano-14-2025-white-navy",
        "name": "JJJJound Gel-Kayano 14",
        "colorway": "White/Navy",
        "kind": "collaboration",
        "colour_family": "white",
        "release_date": datetime.date(2025, 6, 1),
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic"],
        "palette": "#f7f7f4, #1f2b45, #c3c7cc",
        "summary": (
            "White/Navy, the darker of the two colorways in JJJJound's third Gel-Kayano 14 "
            "collaboration, released in June 2025."
        ),
        "story": _text(
            """
            White/Navy is the second colorway of JJJJound's June 2025 release, the studio's
            third collaboration on the model and a long-awaited one.

            Three years after the first JJJJound pairs, the partnership still works the same
            way: it keeps the 14 in the spotlight and introduces it to a fresh group of buyers.
            """
        ),
        "collaboration": "jjjjound-2025",
        "featured": False,
    },
    {
        "slug": "facetasm-gel-kayano-14-multicolor-preview",
        "name": "FACETASM Gel-Kayano 14 (preview)",
        "colorway": "",
        "kind": "collaboration",
        "colour_family": "multi",
        "release_date": None,
        "date_precision": "month",
        "retail_price": None,
        "currency": "USD",
        "resale_peak": None,
        "designer": "",
        "technologies": ["gel-cushioning", "trusstic"],
        "palette": "#e4483c, #f2c230, #2f7fd0, #3bb273",
        "summary": (
            "FACETASM's bright, multicolored preview of the Gel-Kayano 14, the most openly "
            "experimental treatment the model has had from a partner."
        ),
        "story": _text(
            """
            The Tokyo streetwear label FACETASM recently previewed versions of the Gel-Kayano
            14 in bright, mixed colors. Where JJJJound chose restraint and Kith chose earthy
            calm, FACETASM went for bold experiment.

            The preview shows how far the model can travel from its 2008 brief as a stability
            runner and still look like a Kayano 14.
            """
        ),
        "collaboration": "facetasm-multicolor-preview",
        "featured": False,
    },
]


# ---------------------------------------------------------------------------
# Trend notes (editorial dates are our own publication dates)
# ---------------------------------------------------------------------------

TREND_NOTES = [
    {
        "slug": "why-the-kayano-14-reads-as-y2k",
        "title": "Why the Kayano 14 reads as Y2K",
        "theme": "y2k",
        "summary": (
            "Silver panels, see-through mesh and a stacked sole: the 2008 runner carries the "
            "look of its era, which is exactly what the early-2020s revival wanted."
        ),
        "body": _text(
            """
            The Gel-Kayano 14 was never meant to look retro. In 2008 it was simply current: a
            stability runner whose details followed Hidenori Yamashita's idea of "flash", the
            quick burst of a stride from heel strike to toe-off. Nearly everything on the
            upper was there to do a job.

            ## What the era left on the shoe

            Seen today, those working parts match the look of the late 2000s almost point for
            point. The reflective silver overlays were added so runners could be seen after
            dark; now they are the first thing people notice. The open-weave mesh sits
            beneath layered panels, which gives the upper depth. Under it all, a thick midsole
            with visible GEL and TRUSSTIC support supplies the technical bulk that the period
            loved, along with a hint of the optimistic futurism of those years.

            ## Waiting in the archive

            After the 15 replaced it in 2009, the 14 spent years out of sight while Asics
            chased newer technology and slimmer shapes. When interest in Y2K design returned
            in the early 2020s, the shoe needed no redesign to fit the mood. Its lines had
            been kept intact, so the revival could offer the real thing rather than an
            imitation.

            For older wearers it recalls flip phones and the early web; younger ones discover
            the period through clothes rather than memory. Either way, the shine, the mesh and
            the proportions do the explaining.
            """
        ),
        "published_on": datetime.date(2026, 10, 2),
        "shoes": [
            "gel-kayano-14-2008-original",
            "gel-kayano-14-2020-revival",
            "jjjjound-gel-kayano-14-2022-white-detailing",
        ],
        "collaborations": ["jjjjound-2022"],
    },
    {
        "slug": "the-dad-shoe-taken-seriously",
        "title": "The dad shoe, taken seriously",
        "theme": "dad-shoe",
        "summary": (
            "Chunky, nostalgic and unfussy, the Kayano 14 sits easily in the dad-shoe trend, "
            "with real running credentials behind the bulk."
        ),
        "body": _text(
            """
            For a long time, big technical running shoes were the opposite of fashionable.
            Thick soles, layered uppers and visible cushioning looked like gear for the gym
            or the weekend jog, not for dinner in town. That verdict has since reversed, and
            the Gel-Kayano 14 is one of the shoes that gained most from the change.

            ## Why it fits

            The dad-shoe look prizes an oversized shape, a dose of nostalgia and a lack of
            pretension. The 14 covers all three. Its midsole is built up in layers, with GEL
            cushioning on show and TRUSSTIC support beneath, so the shoe looks substantial
            from every angle. Proportions that once seemed excessive are now the point.

            ## Bulk with a reason

            What separates the 14 from shoes designed only to look chunky is that each layer
            began with a purpose. It was made in 2008 for runners who overpronate and need
            stability, and it won a Runner's World award that year. That history gives the
            silhouette a kind of honesty: the volume was earned on the road before the street
            adopted it.

            Collaborations have kept the shape and changed the surface. JJJJound's 2022 pairs
            stayed close to the original white and silver, while Kith's 2023 pack moved the
            same form into cream and earthy tones.
            """
        ),
        "published_on": datetime.date(2026, 10, 9),
        "shoes": [
            "gel-kayano-14-2008-original",
            "jjjjound-gel-kayano-14-2022-white-detailing",
            "kith-gel-kayano-14-cream-antler",
        ],
        "collaborations": ["jjjjound-2022", "kith-vintage-tech-2023"],
    },
    {
        "slug": "gorpcore-and-the-technical-runner",
        "title": "Gorpcore and the technical runner",
        "theme": "gorpcore",
        "summary": (
            "Gorpcore brings technical outdoor gear into the city. The Kayano 14 offers the "
            "same engineered look, drawn from the running track instead of the trail."
        ),
        "body": _text(
            """
            Gorpcore takes the look of technical outdoor kit, such as shells, fleeces and
            trail shoes, and wears it in town. The appeal lies in clothes that seem built for
            a task, even when the task is a commute.

            ## A runner among the hiking gear

            The Gel-Kayano 14 comes from the track rather than the mountains, but it speaks
            the same visual language. Its upper is a lattice of breathable mesh and
            supportive synthetic overlays. Its midsole shows off the parts that make it work:
            GEL for shock absorption and TRUSSTIC for light, firm structure. Nothing about it
            hides its function, which is why it sits comfortably beside a technical jacket.

            ## Credentials, not costume

            Many gorpcore fans care whether their gear is genuine. Here the 14 has an
            advantage over fashion sneakers dressed up to look athletic: it really was a
            top-tier stability shoe, and the running press judged it as one in 2008. Even the
            reflective silver panels, admired now for their shine, were there to keep runners
            visible at night.

            That blend of honest engineering and strong styling also explains why so many
            partners have chosen the model. Kith's "Vintage Tech 2023" pack, with its earthy
            palette, shows how naturally the shoe drifts toward outdoor colors.
            """
        ),
        "published_on": datetime.date(2026, 10, 16),
        "shoes": [
            "gel-kayano-14-2008-original",
            "kith-gel-kayano-14-cream-antler",
            "kith-gel-kayano-14-cream-scarab",
        ],
        "collaborations": ["kith-vintage-tech-2023"],
    },
    {
        "slug": "comfort-you-can-wear-all-day",
        "title": "Comfort you can wear all day",
        "theme": "comfort",
        "summary": (
            "After the pandemic, comfort stopped being a compromise. The Kayano 14 offers real "
            "cushioning in a shape people are happy to be seen in."
        ),
        "body": _text(
            """
            In the years after the pandemic, many people decided they would no longer suffer
            for their shoes. Comfort moved from a pleasant extra to a basic requirement, and
            footwear that could handle a long day on foot gained a new kind of status.

            ## Cushioning with a history

            The Gel-Kayano 14 is well placed for that shift because its comfort is
            engineered rather than implied. Yamashita set out to fit as much GEL cushioning
            into the forefoot as he could, and the series was already known for a stable,
            supportive build. The mesh base breathes, the overlays hold the foot, and the
            TRUSSTIC system keeps the weight down.

            ## No apology required

            Plenty of comfortable shoes look as if they are excusing themselves. The 14 does
            not. Its shape is bold enough to anchor an outfit, so wearers do not have to
            choose between feeling good and looking considered.

            That balance is a large part of why the model has outlasted a single season of
            hype. A shoe that is pleasant to wear for hours gets worn often, and a shoe that
            is worn often keeps turning up in photographs, on the street and in the
            collections of people who first bought it for the look.
            """
        ),
        "published_on": datetime.date(2026, 10, 23),
        "shoes": ["gel-kayano-14-2008-original", "gel-kayano-14-2020-revival"],
        "collaborations": [],
    },
    {
        "slug": "one-shoe-many-outfits",
        "title": "One shoe, many outfits",
        "theme": "versatility",
        "summary": (
            "The Kayano 14 works dressed up or dressed down, from loose denim to tailoring, and "
            "its partners have taken it from minimalism to loud color."
        ),
        "body": _text(
            """
            Part of the Gel-Kayano 14's staying power is that it does not demand a particular
            wardrobe. It works in a relaxed register and in a sharper one, which makes it
            easy to own and easy to keep wearing.

            ## Styling range

            With loose jeans and an old T-shirt, the 14 reads as plain streetwear. Put it
            under smart trousers and a pressed shirt and it becomes the casual half of a
            high-low look, a mix that has become common in menswear. Women have worn it with
            matching athletic sets and with long, light dresses, where the clash between a
            technical runner and soft fabric is the whole idea.

            ## A flexible base for partners

            The same adaptability shows in the collaborations. JJJJound kept things spare,
            with white mesh, silver overlays and a small wordmark. Kith moved to cream and
            earthy tones with synthetic leather. FACETASM previewed bright, multicolored
            pairs that head in a far more experimental direction. Atmos added exclusive
            colorways that kept a nod to the shoe's running past.

            Each partner changed the mood without changing the shoe's essential character.
            That is a useful test of any design: if it can carry several very different
            points of view and still look like itself, it will probably keep finding new
            audiences.
            """
        ),
        "published_on": datetime.date(2026, 10, 30),
        "shoes": [
            "jjjjound-gel-kayano-14-2022-white-detailing",
            "kith-gel-kayano-14-cream-antler",
            "facetasm-gel-kayano-14-multicolor-preview",
        ],
        "collaborations": [
            "jjjjound-2022",
            "kith-vintage-tech-2023",
            "facetasm-multicolor-preview",
            "atmos-exclusive-colorways",
        ],
    },
    {
        "slug": "a-runner-first",
        "title": "A runner first",
        "theme": "authenticity",
        "summary": (
            "Shoppers tired of hype look for substance. The Kayano 14 was a real performance "
            "shoe before it was anything else, and that history is much of its appeal."
        ),
        "body": _text(
            """
            Many shoppers have grown wary of products that arrive with a big campaign and
            little behind it. In that climate, a shoe's past matters, and the Gel-Kayano 14
            has a past that can be checked.

            ## The record

            The 14 was released in 2008 as the fourteenth model in a stability series that
            began in 1993. It was the first in the line not designed by Toshikazu Kayano
            himself; Hidenori Yamashita took over and built it around his "flash" concept.
            That same year it collected the International Editor's Choice award from Runner's
            World, chosen at the magazine's International Shoe Summit. When the 15 arrived in
            2009, a good number of runners wished the 14 had stayed.

            ## Why it matters now

            This reverses the usual fashion sneaker, where a brand dresses a lifestyle shoe
            in athletic details. Here a genuine running shoe was picked up by fashion years
            later, with its engineering intact. People who want substance behind style can
            see it in the GEL, the TRUSSTIC support and the overlays that once had a job to
            do.

            Collaborators have respected that. JJJJound's approach, in particular, was to
            refine the original with better materials and subtle branding rather than
            redesign it, which kept the shoe's history in view.
            """
        ),
        "published_on": datetime.date(2026, 11, 6),
        "shoes": [
            "gel-kayano-14-2008-original",
            "gel-kayano-14-2020-revival",
            "jjjjound-gel-kayano-14-2022-white-detailing",
        ],
        "collaborations": ["jjjjound-2022", "kiko-kostadinov-influence"],
    },
    {
        "slug": "how-social-media-spread-the-kayano-14",
        "title": "How social media spread the Kayano 14",
        "theme": "social-media",
        "summary": (
            "European influencers and street style photographers at fashion weeks made the 14 "
            "a familiar sight, and a signal of taste, far beyond running circles."
        ),
        "body": _text(
            """
            The Gel-Kayano 14's return did not rely on advertising alone. Much of its reach
            came from social feeds, where a shoe can go from niche to familiar in a matter of
            months.

            ## Early adopters

            Fashion influencers in Europe were among the first to take it up, pairing it with
            loose sweatsuits and oversized shapes in a relaxed, expensive-looking way. Those
            images set a template that others copied. Street style photographers then began
            catching the shoe outside fashion weeks around the world, and each new picture
            added to the sense that the 14 was everywhere.

            ## A shorthand for taste

            Online, shoes work as signals. Wearing the 14 suggested that you understood how
            performance design, archive history and current fashion had come together. The
            collaborations fed this: JJJJound's 2022 pairs sold out quickly at $180, and some
            resold for more than $700, which made them talking points as much as footwear.

            ## The loop

            Attention online helped drive demand for each release, and each release gave
            people something new to post. Kith's 2023 pack and JJJJound's later pairs,
            including the White/Blue and White/Navy of June 2025, kept the cycle turning. The
            result is a running shoe from 2008 that many people first met on a phone screen.
            """
        ),
        "published_on": datetime.date(2026, 11, 13),
        "shoes": [
            "jjjjound-gel-kayano-14-2022-white-detailing",
            "jjjjound-gel-kayano-14-2022-black-detailing",
            "kith-gel-kayano-14-cream-antler",
            "jjjjound-gel-kayano-14-2025-white-blue",
            "jjjjound-gel-kayano-14-2025-white-navy",
        ],
        "collaborations": ["jjjjound-2022", "kith-vintage-tech-2023", "jjjjound-2025"],
    },
]


# ---------------------------------------------------------------------------
# Timeline milestones
# ---------------------------------------------------------------------------

MILESTONES = [
    {
        "slug": "1993-gel-kayano-line-begins",
        "title": "The Gel-Kayano line begins",
        "date": datetime.date(1993, 1, 1),
        "date_precision": "year",
        "summary": (
            "Asics starts its Gel-Kayano stability series, named after Toshikazu Kayano, who "
            "designs every model up to the 13."
        ),
    },
    {
        "slug": "2008-gel-kayano-14-launches",
        "title": "Gel-Kayano 14 launches with a new designer",
        "date": datetime.date(2008, 1, 1),
        "date_precision": "year",
        "summary": (
            "The fourteenth Gel-Kayano is the first not designed by Kayano himself. Hidenori "
            'Yamashita shapes it around "flash", the burst of movement from heel strike to '
            "toe-off."
        ),
    },
    {
        "slug": "2008-runners-world-editors-choice",
        "title": "Runner's World International Editor's Choice",
        "date": datetime.date(2008, 1, 1),
        "date_precision": "year",
        "summary": (
            "Runner's World names the 14 its International Editor's Choice in the magazine's "
            "yearly awards, chosen at the International Shoe Summit by delegates from "
            "several countries."
        ),
    },
    {
        "slug": "2009-gel-kayano-15-takes-over",
        "title": "The Gel-Kayano 15 takes over",
        "date": datetime.date(2009, 1, 1),
        "date_precision": "year",
        "summary": (
            "Asics moves the line on to the 15. Many runners are sorry to lose the 14, having "
            "preferred its balanced performance."
        ),
    },
    {
        "slug": "2018-kiko-kostadinov-joins-asics",
        "title": "Kiko Kostadinov starts working with Asics",
        "date": datetime.date(2018, 1, 1),
        "date_precision": "year",
        "summary": (
            "The Bulgarian designer begins a partnership with Asics. His avant-garde readings "
            "of the archive win the brand a new, fashion-minded audience."
        ),
    },
    {
        "slug": "2020-asics-revives-the-14",
        "title": "Asics chooses the 14 for its revival",
        "date": datetime.date(2020, 1, 1),
        "date_precision": "year",
        "summary": (
            "Asics decides to reissue a runner from its archive. The plan is the Gel-Kayano 13, "
            'but Kiko Kostadinov argues for the 14, whose design he says "made it look '
            'faster".'
        ),
    },
    {
        "slug": "2022-jjjjound-starts-the-sportstyle-wave",
        "title": "JJJJound's first Gel-Kayano 14",
        "date": datetime.date(2022, 8, 1),
        "date_precision": "month",
        "summary": (
            "JJJJound's two-colorway collaboration sells out at $180, with some pairs resold "
            "for more than $700. It is widely seen as the start of the sportstyle takeover."
        ),
    },
    {
        "slug": "2023-from-track-to-fashion",
        "title": "From running track to fashion",
        "date": datetime.date(2023, 1, 1),
        "date_precision": "year",
        "summary": (
            "By 2023 the 14 has completed its move from performance running shoe to fashion "
            'staple. In June, Kith releases its "Vintage Tech 2023" pack.'
        ),
    },
    {
        "slug": "2025-jjjjound-third-collaboration",
        "title": "JJJJound's third Gel-Kayano 14",
        "date": datetime.date(2025, 6, 1),
        "date_precision": "month",
        "summary": (
            "JJJJound returns to the model for a third time, with White/Blue and White/Navy "
            "colorways."
        ),
    },
]
