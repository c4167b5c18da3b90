"""Personal data in free text: what is found, what is not, and how much work it takes."""

import time

from hypothesis import given
from hypothesis import strategies as st

from common.personaldata import (
    CARD,
    EMAIL,
    MAX_FINDINGS,
    PHONE,
    SCAN_LIMIT,
    Finding,
    find_personal_data,
    luhn_valid,
)


def test_luhn_valid_accepts_the_textbook_numbers_and_refuses_one_digit_off():
    assert luhn_valid("79927398713")
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("79927398710")


def test_find_personal_data_finds_an_email_address_masked():
    assert find_personal_data("Write to jane.doe@example.org today.") == [
        Finding(EMAIL, "j•••@example.org", 1)
    ]


def test_find_personal_data_finds_a_phone_number_and_keeps_two_digits():
    assert find_personal_data("Call (415) 555-2671 after five.") == [
        Finding(PHONE, "(•••) •••-••71", 1)
    ]


def test_find_personal_data_reads_an_international_number_without_a_region():
    findings = find_personal_data("London office: +44 20 7946 0958", region=None)
    assert findings == [Finding(PHONE, "+•• •• •••• ••58", 1)]
    assert find_personal_data("Office: (415) 555-2671", region=None) == []


def test_find_personal_data_finds_a_card_number_with_spaces_or_dashes_keeping_four_digits():
    assert find_personal_data("Paid with 4111 1111 1111 1111.") == [
        Finding(CARD, "•••• •••• •••• 1111", 1)
    ]
    assert find_personal_data("Card 5500-0000-0000-0004") == [
        Finding(CARD, "••••-••••-••••-0004", 1)
    ]


def test_find_personal_data_says_on_which_line_each_finding_stands_in_order():
    text = "intro\n\nmail a@example.com\ncard 4111111111111111\n"
    assert [(f.kind, f.line) for f in find_personal_data(text)] == [(EMAIL, 3), (CARD, 4)]


def test_find_personal_data_ignores_digits_that_only_look_like_personal_data():
    text = (
        "Released 2024-01-15, reviewed 12/05/2024 at 2024-01-15T10:00.\n"
        "ISBN 978-0-306-40615-7, version 1.2.3, pi 3.14159, total 1234567.\n"
        "Card-like but failing Luhn: 4111 1111 1111 1112. All zeros: 0000 0000 0000 0000.\n"
        "Too long for a card: 12345678901234567890123. Not an address: user@localhost.\n"
    )
    assert find_personal_data(text) == []


def test_find_personal_data_reads_only_the_start_of_a_long_text():
    text = "x" * SCAN_LIMIT + " jane@example.org"
    assert find_personal_data(text) == []


def test_find_personal_data_returns_at_most_the_cap():
    text = " ".join(f"p{n}@example.org" for n in range(MAX_FINDINGS + 5))
    assert len(find_personal_data(text)) == MAX_FINDINGS


def test_find_personal_data_stays_fast_on_digit_rich_text():
    text = "row 123 4567 and 2024-01-15 and 555 0100 " * 10_000
    started = time.perf_counter()
    find_personal_data(text)
    assert time.perf_counter() - started < 2


@given(st.text(max_size=300))
def test_find_personal_data_never_fails_and_never_shows_a_whole_card(text):
    for finding in find_personal_data(text):
        assert finding.kind in {EMAIL, PHONE, CARD}
        assert 1 <= finding.line <= text.count("\n") + 1
        if finding.kind == CARD:
            assert sum(char.isdigit() for char in finding.excerpt) == 4
