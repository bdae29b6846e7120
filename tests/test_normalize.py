"""Table tests for filmcrawl.normalize (one (input, expected) table per function)."""

import pytest

from filmcrawl.normalize import (
    canonical_genre,
    canonical_genres,
    canonical_provider,
    clean_character,
    clean_content_rating,
    clean_name,
    clean_synopsis,
    clean_text,
    clean_title,
    offer_type,
    parse_price,
    parse_quality,
    parse_rating,
    parse_region,
    parse_runtime,
    parse_seconds_runtime,
    parse_votes,
    parse_year,
    title_year,
)


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\u00a0\u200b\n\t", None),
        (42, None),
        (["a"], None),
        ("The Matrix", "The Matrix"),
        ("  The   Matrix  ", "The Matrix"),
        ("The\u00a0Matrix", "The Matrix"),
        ("The\u200bMatrix", "TheMatrix"),
        ("\ufeffThe Matrix", "The Matrix"),
        ("The\nMatrix\r\n", "The Matrix"),
        ("CafÃ© Society", "Café Society"),
        ("Am\u00c3\u00a9lie", "Amélie"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Tom &#38; Jerry", "Tom & Jerry"),
        ("L&eacute;on", "Léon"),
        ("&nbsp;Heat&nbsp;", "Heat"),
        ("Ame\u0301lie", "Amélie"),  # NFD -> NFC
        ("Ocean\u2019s Eleven", "Ocean's Eleven"),  # ftfy straightens quotes
        ("\uff21\uff22\uff23", "ABC"),  # full-width
        ("Crème brûlée", "Crème brûlée"),
        ("千と千尋の神隠し", "千と千尋の神隠し"),
        (b"Caf\xc3\xa9", "Café"),
        ("a\u2003b", "a b"),
    ],
)
def test_clean_text(value, expected):
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("The Matrix", "The Matrix"),
        ("Watch The Matrix", "The Matrix"),
        ("Watch: Oppenheimer", "Oppenheimer"),
        ("Stream The Matrix", "The Matrix"),
        ("Where to Watch The Matrix", "The Matrix"),
        ("Where to Watch Watchmen", "Watchmen"),
        ("Watchmen", "Watchmen"),
        ("Watch Out", "Watch Out"),
        ("Stream of Love", "Stream of Love"),
        ("Online", "Online"),
        ("Streaming", "Streaming"),
        ("The Matrix (1999)", "The Matrix"),
        ("The Matrix [1999]", "The Matrix"),
        ("The Matrix (1999 film)", "The Matrix"),
        ("1917 (2019)", "1917"),
        ("2001: A Space Odyssey", "2001: A Space Odyssey"),
        ("The Matrix - Where to Watch", "The Matrix"),
        ("The Matrix – Where to Watch", "The Matrix"),
        ("The Matrix — Stream Online", "The Matrix"),
        ("The Matrix - Stream Online", "The Matrix"),
        ("The Matrix: Where to Watch & Stream Online", "The Matrix"),
        ("The Matrix | JustWatch", "The Matrix"),
        ("The Matrix | Netflix", "The Matrix"),
        ("The Matrix - Netflix", "The Matrix"),
        ("Watch The Matrix (1999) Online | Netflix", "The Matrix"),
        ("Watch The Matrix Online", "The Matrix"),
        ("The Matrix Streaming Online", "The Matrix"),
        ("The Matrix Full Movie", "The Matrix"),
        ("Alien (1979) Full Movie Online", "Alien"),
        ("Matrix, The", "The Matrix"),
        ("Matrix, The (1999)", "The Matrix"),
        ("Man Called Otto, A", "A Man Called Otto"),
        ("Unexpected Journey, an", "An Unexpected Journey"),
        ("Paris, Texas", "Paris, Texas"),
        ("Crouching Tiger, Hidden Dragon", "Crouching Tiger, Hidden Dragon"),
        ('"The Matrix"', "The Matrix"),
        ("\u201cThe Matrix\u201d", "The Matrix"),
        ("'Round Midnight", "'Round Midnight"),
        ("Watch \"Heat\" Online", "Heat"),
        ("Bee Movie", "Bee Movie"),
        ("The Lego Movie (2014)", "The Lego Movie"),
        ("Sword Art Online", "Sword Art Online"),
        ("Mad Max: Fury Road", "Mad Max: Fury Road"),
        ("Spider-Man: Into the Spider-Verse", "Spider-Man: Into the Spider-Verse"),
        ("Mission: Impossible - Dead Reckoning", "Mission: Impossible - Dead Reckoning"),
        ("Star Wars: Episode IV - A New Hope", "Star Wars: Episode IV - A New Hope"),
        ("Pokémon: The Movie", "Pokémon: The Movie"),
        ("CafÃ© Society (2016) | Prime Video", "Café Society"),
        ("  Am&eacute;lie  ", "Amélie"),
    ],
)
def test_clean_title(value, expected):
    assert clean_title(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("The Matrix (1999)", 1999),
        ("The Matrix [1999]", 1999),
        ("The Matrix ( 1999 )", 1999),
        ("King Kong (1933 film)", 1933),
        ("Watch Alien (1979) Online", 1979),
        ("1917 (2019)", 2019),
        ("1917", None),
        ("The Matrix 1999", None),
        ("Blade Runner (1982) (Final Cut) (2007)", 2007),
        ("Title (1850)", None),
        ("Title (12345)", None),
        (1999, None),
    ],
)
def test_title_year(value, expected):
    assert title_year(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("2002", 2002),
        ("2002-05-03", 2002),
        ("2002-05-03T00:00:00Z", 2002),
        ("May 3, 2002", 2002),
        ("3 May 2002", 2002),
        ("03/05/2002", 2002),
        ("2002 (USA)", 2002),
        ("(2002)", 2002),
        ("Released: 1999", 1999),
        (2002, 2002),
        (2002.0, 2002),
        (1870, 1870),
        (2100, 2100),
        (1869, None),
        (2101, None),
        ("1850", None),
        ("1850 and 1999", 1999),
        ("20021", None),
        ("N/A", None),
        ("02", None),
        (True, None),
        (2002.5, None),
    ],
)
def test_parse_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("89 minutes", 89),
        ("89 min", 89),
        ("89 mins", 89),
        ("89 min.", 89),
        ("89m", 89),
        ("89", 89),
        ("Runtime: 89 min", 89),
        ("1 hr 29 min", 89),
        ("1h 29m", 89),
        ("1h29m", 89),
        ("1hr 28min", 88),
        ("1 hour 29 minutes", 89),
        ("2 hours", 120),
        ("2h", 120),
        ("1.5 hours", 90),
        ("01h:28m:56s", 89),
        ("1:29:00", 89),
        ("1:29", 89),
        ("1:28:29", 88),
        ("1:28:30", 89),
        ("PT1H29M", 89),
        ("PT89M", 89),
        ("PT5340S", 89),
        ("P0DT1H29M", 89),
        ("pt1h29m", 89),
        ("PT1H28M56S", 89),
        ("PT", None),
        ("P", None),
        (89, 89),
        (89.4, 89),
        (0, None),
        ("0 min", None),
        ("1001 min", None),
        ("20 hours", None),
        ("1:75", None),
        ("N/A", None),
        ("minutes", None),
        (True, None),
    ],
)
def test_parse_runtime(value, expected):
    assert parse_runtime(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("5340", 89),
        ("5340.0", 89),
        (5340, 89),
        ("5310", 89),  # 88.5 rounds half up
        ("60", 1),
        ("29", None),
        ("0", None),
        ("60000", 1000),
        ("60060", None),
        ("89 min", None),
        ("abc", None),
        (-5340, None),
    ],
)
def test_parse_seconds_runtime(value, expected):
    assert parse_seconds_runtime(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("6.2", 6.2),
        ("6.2/10", 6.2),
        ("6.2 / 10", 6.2),
        ("6.2 out of 10", 6.2),
        ("7,5", 7.5),
        ("7,5/10", 7.5),
        ("8.7 (2,100,000 votes)", 8.7),
        ("IMDb rating: 7.8", 7.8),
        ("10", 10.0),
        ("10/10", 10.0),
        ("6.25", 6.2),
        ("6.26", 6.3),
        ("N/A", None),
        ("0", None),
        ("0.0", None),
        ("0.04", None),
        ("10.1", None),
        ("85/100", None),
        ("85%", None),
        ("4.5/5", None),
        ("-3", 3.0),
        (7, 7.0),
        (7.86, 7.9),
        (0, None),
        (11, None),
        (float("nan"), None),
        (True, None),
        ("not rated", None),
    ],
)
def test_parse_rating(value, expected):
    assert parse_rating(value) == expected


@pytest.mark.parametrize(
    "value,scale,expected",
    [
        ("4.5/5", 5, 4.5),
        ("4.5", 5, 4.5),
        ("6.2/10", 5, None),
        ("85/100", 100, 85.0),
        ("85%", 100, 85.0),
        ("4.5", 0, None),
        ("4.5", None, None),
    ],
)
def test_parse_rating_scale(value, scale, expected):
    assert parse_rating(value, scale=scale) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("2,100,000", 2100000),
        ("930K", 930000),
        ("930k", 930000),
        ("1.2M", 1200000),
        ("1,2M", 1200000),
        ("1.5 million", 1500000),
        ("(18,057 voted)", 18057),
        ("18,057 votes", 18057),
        ("18.057", 18057),
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        ("1'234'567", 1234567),
        ("18057", 18057),
        ("0", 0),
        (18057, 18057),
        (0, 0),
        (-5, None),
        ("-5", None),
        (12.5, None),
        ("18.5", None),
        ("N/A", None),
        ("no votes", None),
        (True, None),
        ("Based on 2,345 ratings", 2345),
        ("8.7 (2,100,000 votes)", 2100000),
        ("7.5/10 from 930K users", 930000),
    ],
)
def test_parse_votes(value, expected):
    assert parse_votes(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("Action", "Action"),
        ("action", "Action"),
        ("DRAMA", "Drama"),
        ("Sci-Fi", "Science Fiction"),
        ("SciFi", "Science Fiction"),
        ("Sci Fi", "Science Fiction"),
        ("sci-fi", "Science Fiction"),
        ("Science-Fiction", "Science Fiction"),
        ("Science Fiction", "Science Fiction"),
        ("Science Fiction & Fantasy", "Science Fiction"),
        ("Love & Romance", "Romance"),
        ("Romantic", "Romance"),
        ("Romance Movies", "Romance"),
        ("Suspense", "Thriller"),
        ("Animated", "Animation"),
        ("Historical", "History"),
        ("Musical", "Music"),
        ("Documentaries", "Documentary"),
        ("Docs", "Documentary"),
        ("Kids & Family", "Family"),
        ("Kids", "Family"),
        ("Action & Adventure", "Action"),
        ("War & Politics", "War"),
        ("Mystery & Thriller", "Mystery"),
        ("Comedies", "Comedy"),
        ("Dramas", "Drama"),
        ("Horror Movies", "Horror"),
        ("Westerns", "Western"),
        ("Indie & Art House", "Indie & Art House"),
        ("indie & art house", "Indie & Art House"),
        ("INDIE & ART HOUSE", "Indie & Art House"),
        ("LGBTQ+", "LGBTQ+"),
        ("TV Movie", "TV Movie"),
        ("biography", "Biography"),
        ("Movies", None),
        ("Film", None),
        ("123", None),
        ("  Sci&#8209;Fi ", "Science Fiction"),
    ],
)
def test_canonical_genre(value, expected):
    assert canonical_genre(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, []),
        ("", []),
        ([], []),
        (42, []),
        ("Drama", ["Drama"]),
        (["Drama", "drama", "DRAMA"], ["Drama"]),
        ("Action & Adventure", ["Action", "Adventure"]),
        ("Science Fiction & Fantasy", ["Science Fiction", "Fantasy"]),
        ("Mystery & Thriller", ["Mystery", "Thriller"]),
        ("Drama, Comedy", ["Drama", "Comedy"]),
        ("Drama / Comedy", ["Drama", "Comedy"]),
        ("Sci-Fi/Fantasy", ["Science Fiction", "Fantasy"]),
        ("Drama | Crime | Thriller", ["Drama", "Crime", "Thriller"]),
        ("Comedy and Romance", ["Comedy", "Romance"]),
        ("Action and Adventure", ["Action", "Adventure"]),
        ("Comedy & Horror", ["Comedy", "Horror"]),
        (["Comedies", "Comedy", "Movies", "", None, "Film"], ["Comedy"]),
        (["Kids & Family", "Family", "Animated"], ["Family", "Animation"]),
        (["Indie & Art House", "Drama"], ["Indie & Art House", "Drama"]),
        (["LGBTQ+", "Dramas"], ["LGBTQ+", "Drama"]),
        ("Suspense, Thriller", ["Thriller"]),
        (("War & Politics", "History"), ["War", "History"]),
        ("Drama,,Comedy,", ["Drama", "Comedy"]),
        (["Drama, Romance", "Romance Movies"], ["Drama", "Romance"]),
    ],
)
def test_canonical_genres(value, expected):
    assert canonical_genres(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("Lana Wachowski", "Lana Wachowski"),
        ("  Lana   Wachowski ", "Lana Wachowski"),
        ("Pedro Almodóvar", "Pedro Almodóvar"),
        ("Pedro AlmodÃ³var", "Pedro Almodóvar"),
        ("Pedro Almodo\u0301var", "Pedro Almodóvar"),
        ("Bong Joon Ho (director)", "Bong Joon Ho"),
        ("Bong Joon Ho (Director)", "Bong Joon Ho"),
        ("Bong Joon Ho, Dir.", "Bong Joon Ho"),
        ("Bong Joon Ho Dir.", "Bong Joon Ho"),
        ("Bong Joon Ho - Director", "Bong Joon Ho"),
        ("by Greta Gerwig", "Greta Gerwig"),
        ("Directed by Greta Gerwig", "Greta Gerwig"),
        ("Greta Gerwig,", "Greta Gerwig"),
        ("Greta Gerwig;", "Greta Gerwig"),
        ("Greta Gerwig.", "Greta Gerwig"),
        ("Robert Downey Jr.", "Robert Downey Jr."),
        ("Samuel L. Jackson", "Samuel L. Jackson"),
        ("John Smith (I)", "John Smith"),
        ("Björk", "Björk"),
        ("坂本龍一", "坂本龍一"),
        ("Lupita Nyong'o", "Lupita Nyong'o"),
        ("NA", None),
        ("N/A", None),
        ("Unknown", None),
        ("Various", None),
        ("more", None),
        ("See all", None),
        ("See All", None),
        ("12345", None),
        ("--", None),
        ("A" * 81, None),
        ("One Two Three Four Five Six Seven", None),
        ("One Two Three Four Five Six", "One Two Three Four Five Six"),
        (123, None),
    ],
)
def test_clean_name(value, expected):
    assert clean_name(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("David", "David"),
        ("as David", "David"),
        ("As David", "David"),
        ("David (voice)", "David"),
        ("as David (voice)", "David"),
        ("David (uncredited)", "David"),
        ("David (voice) (uncredited)", "David"),
        ("David - uncredited", "David"),
        ("David (as Dave)", "David"),
        ("Self", "Self"),
        ("Himself", "Himself"),
        ("Herself", "Herself"),
        ("Himself (archive footage)", "Himself"),
        ("Self - Host", "Self - Host"),
        ("Neo / Thomas Anderson", "Neo / Thomas Anderson"),
        ("Hans (young)", "Hans (young)"),
        ("uncredited", None),
        ("(voice)", None),
        ("N/A", None),
        ("Agent Smith,", "Agent Smith"),
        ("Dr. Strangelove", "Dr. Strangelove"),
        ("Ashley (segment \"Blue\")", "Ashley"),
        ("Asher", "Asher"),
        ("Voice of Gus Grissom", "Gus Grissom"),
        ("voice of the Lighthouse Keeper", "the Lighthouse Keeper"),
        ("Voice Coach", "Voice Coach"),
        (5, None),
    ],
)
def test_clean_character(value, expected):
    assert clean_character(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("PG-13", "PG-13"),
        ("Rated PG-13", "PG-13"),
        ("rated pg-13", "PG-13"),
        ("pg-13", "PG-13"),
        ("PG13", "PG-13"),
        ("PG 13", "PG-13"),
        ("Rated R for violence and language", "R"),
        ("R", "R"),
        ("r", "R"),
        ("G", "G"),
        ("PG", "PG"),
        ("NC-17", "NC-17"),
        ("nc17", "NC-17"),
        ("TV-MA", "TV-MA"),
        ("tv ma", "TV-MA"),
        ("TV-14", "TV-14"),
        ("TV-Y7-FV", "TV-Y7-FV"),
        ("Not Rated", "NR"),
        ("NR", "NR"),
        ("Unrated", "NR"),
        ("MPAA Rating: PG", "PG"),
        ("PG-13 (USA)", "PG-13"),
        ("Rated", None),
        # non-US certifications are kept as shown (CONTRACT: "15", "FSK 16")
        ("15", "15"),
        ("12A", "12A"),
        ("12a", "12A"),
        ("FSK 16", "FSK 16"),
        ("FSK16", "FSK 16"),
        ("fsk 12", "FSK 12"),
        ("16+", "16+"),
        ("MA15+", "MA15+"),
        ("Rated 15", "15"),
        ("17", None),
        ("1995", None),
        ("FSK 17", None),
        ("Restricted", None),
        (13, None),
    ],
)
def test_clean_content_rating(value, expected):
    assert clean_content_rating(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("  \n\n  ", None),
        ("A hacker  learns the truth.", "A hacker learns the truth."),
        ("First para.\n\nSecond para.", "First para.\n\nSecond para."),
        ("First para.\r\n\r\nSecond para.", "First para.\n\nSecond para."),
        ("First para.\n \n\n\nSecond para.", "First para.\n\nSecond para."),
        ("Line one\nline two", "Line one line two"),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("One.<br><br>Two.", "One.\n\nTwo."),
        ("One.<br/>Two.", "One. Two."),
        ("A <i>great</i> film", "A great film"),
        ("Tom &amp; Jerry&nbsp;fight.", "Tom & Jerry fight."),
        ("CafÃ© life.", "Café life."),
        ("\n\nLeading and trailing\n\n", "Leading and trailing"),
        ("x " * 15000, ("x " * 10000).strip()),
        ("if a < b then", "if a < b then"),
        (7, None),
    ],
)
def test_clean_synopsis(value, expected):
    assert clean_synopsis(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("Netflix", "Netflix"),
        ("netflix", "Netflix"),
        ("NETFLIX", "Netflix"),
        ("Netflix logo", "Netflix"),
        ("Watch on Netflix", "Netflix"),
        ("Stream on Hulu", "Hulu"),
        ("Amazon Prime Video", "Prime Video"),
        ("Amazon Prime", "Prime Video"),
        ("Prime", "Prime Video"),
        ("Prime Video", "Prime Video"),
        ("Amazon", "Amazon Video"),
        ("Amazon Instant Video", "Amazon Video"),
        ("HBO Max", "Max"),
        ("HBO", "Max"),
        ("HBOMax", "Max"),
        ("Apple TV+", "Apple TV+"),
        ("Apple TV Plus", "Apple TV+"),
        ("AppleTV+", "Apple TV+"),
        ("Apple TV", "Apple TV"),
        ("iTunes", "Apple TV"),
        ("Apple iTunes", "Apple TV"),
        ("Disney Plus", "Disney+"),
        ("disney+", "Disney+"),
        ("Peacock Premium", "Peacock"),
        ("Paramount Plus", "Paramount+"),
        ("Tubi TV", "Tubi"),
        ("Pluto TV", "Pluto TV"),
        ("Roku Channel", "The Roku Channel"),
        ("The Criterion Channel", "Criterion Channel"),
        ("Mubi", "MUBI"),
        ("YouTube Movies", "YouTube"),
        ("Google Play Movies & TV", "Google Play Movies"),
        ("Vudu", "Fandango at Home"),
        ("Fandango At Home (Vudu)", "Fandango at Home"),
        ("AMC Plus", "AMC+"),
        ("Amazon Freevee", "Freevee"),
        ("BritBox logo", "BritBox"),
        ("Some New Service", "Some New Service"),
        ("  Some&nbsp;New  Service logo", "Some New Service"),
        ("!!!", None),
        (3, None),
    ],
)
def test_canonical_provider(value, expected):
    assert canonical_provider(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("stream", "subscription"),
        ("Streaming", "subscription"),
        ("subscription", "subscription"),
        ("SUBS", "subscription"),
        ("flatrate", "subscription"),
        ("Included with Prime", "subscription"),
        ("included with", "subscription"),
        ("with subscription", "subscription"),
        ("free", "free"),
        ("Free", "free"),
        ("Free with ads", "ads"),
        ("Ad-supported", "ads"),
        ("Ads supported", "ads"),
        ("ad supported", "ads"),
        ("Free (ads)", "ads"),
        ("Free w/ ads", "ads"),
        ("ads", "ads"),
        ("AVOD", "ads"),
        ("rent", "rent"),
        ("Rental", "rent"),
        ("Rent from $3.99", "rent"),
        ("buy", "buy"),
        ("Purchase", "buy"),
        ("own", "buy"),
        ("EST", "buy"),
        ("Buy HD $14.99", "buy"),
        ("Free trial", None),
        ("cinema", None),
        ("https://schema.org/RentAction", None),
        (1, None),
    ],
)
def test_offer_type(value, expected):
    assert offer_type(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, (None, None)),
        ("", (None, None)),
        ("$3.99", (3.99, "USD")),
        ("3,99 €", (3.99, "EUR")),
        ("€3,99", (3.99, "EUR")),
        ("£4.49", (4.49, "GBP")),
        ("CA$5.99", (5.99, "CAD")),
        ("C$5.99", (5.99, "CAD")),
        ("A$5.99", (5.99, "AUD")),
        ("R$ 9,90", (9.9, "BRL")),
        ("₹199", (199.0, "INR")),
        ("¥500", (500.0, "JPY")),
        ("US$3.99", (3.99, "USD")),
        ("3.99 EUR", (3.99, "EUR")),
        ("usd 3.99", (3.99, "USD")),
        ("3.99 gbp", (3.99, "GBP")),
        ("1.234,56 €", (1234.56, "EUR")),
        ("Rent $3.99", (3.99, "USD")),
        ("$0.00", (0.0, "USD")),
        ("Free", (None, None)),
        ("FREE with ads", (None, None)),
        ("N/A", (None, None)),
        ("3.99", (3.99, None)),
        (3.99, (3.99, None)),
        (-1, (None, None)),
    ],
)
def test_parse_price(value, expected):
    assert parse_price(value) == expected


@pytest.mark.parametrize(
    "value,default,expected",
    [
        ("3.99", "usd", (3.99, "USD")),
        ("3.99", "EUR", (3.99, "EUR")),
        ("$3.99", "CAD", (3.99, "CAD")),
        ("$3.99", "EUR", (3.99, "USD")),
        ("£3.99", "EUR", (3.99, "GBP")),
        ("3.99", "euro", (3.99, None)),
        (3.99, "GBP", (3.99, "GBP")),
        ("Free", "USD", (None, None)),
    ],
)
def test_parse_price_default_currency(value, default, expected):
    assert parse_price(value, default_currency=default) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("SD", "SD"),
        ("sd", "SD"),
        ("HD", "HD"),
        ("hd", "HD"),
        ("4K", "4K"),
        ("4k", "4K"),
        ("UHD", "4K"),
        ("Ultra HD", "4K"),
        ("ultra-hd", "4K"),
        ("2160p", "4K"),
        ("4K UHD", "4K"),
        ("1080p", "HD"),
        ("720p", "HD"),
        ("Full HD", "HD"),
        ("FHD", "HD"),
        ("HDX", "HD"),
        ("480p", "SD"),
        ("DVD", "SD"),
        ("Rent HD $3.99", "HD"),
        ("SD / HD / 4K", "4K"),
        ("HDR", None),
        ("8K", None),
        ("hdmi", None),
        ("great quality", None),
        (1080, None),
    ],
)
def test_parse_quality(value, expected):
    assert parse_quality(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("us", "US"),
        ("US", "US"),
        (" us ", "US"),
        ("en-US", "US"),
        ("en_US", "US"),
        ("en_GB", "GB"),
        ("en-gb", "GB"),
        ("UK", "GB"),
        ("uk", "GB"),
        ("en-UK", "GB"),
        ("de", "DE"),
        ("fr-CA", "CA"),
        ("zh-Hant-TW", "TW"),
        ("es-419", None),
        ("en", None),
        ("EN", None),
        ("XX", None),
        ("USA", None),
        ("United States", None),
        ("e1", None),
        ("ÜS", None),
        (1, None),
    ],
)
def test_parse_region(value, expected):
    assert parse_region(value) == expected


@pytest.mark.parametrize(
    "value, default, expected",
    [
        ("49 kr", None, (49.0, "SEK")),  # a krona with nothing else said: Swedish
        ("kr 129", None, (129.0, "SEK")),
        ("59,00 kr", "NOK", (59.0, "NOK")),  # the page's krona when it says which
        ("99 kr.", "DKK", (99.0, "DKK")),
        ("39 kr", "USD", (39.0, "SEK")),  # a dollar default does not make kronor dollars
        ("6.99", "A$", (6.99, "AUD")),  # a currency given as its symbol
        ("$6.99", "A$", (6.99, "AUD")),
        ("A$12.99", None, (12.99, "AUD")),
        ("$6.99", None, (6.99, "USD")),
    ],
)
def test_parse_price_krona_and_symbol_defaults(value, default, expected):
    assert parse_price(value, default_currency=default) == expected
