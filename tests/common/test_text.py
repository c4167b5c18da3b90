"""Text from an upload or a paste: UTF-8 within a byte limit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.text import NotUtf8, TextTooLarge, decode_text, utf8_size


def test_decode_text_drops_a_byte_order_mark_from_bytes_and_pastes():
    assert decode_text(b"\xef\xbb\xbfname") == "name"
    assert decode_text("\ufeffname") == "name"


def test_decode_text_refuses_more_than_the_limit_measured_as_utf8():
    assert decode_text("é" * 2, limit=4) == "éé"
    with pytest.raises(TextTooLarge) as refused:
        decode_text("é" * 3, limit=4)
    assert (refused.value.size, refused.value.limit) == (6, 4)


def test_decode_text_says_which_byte_and_line_is_not_utf8():
    with pytest.raises(NotUtf8) as refused:
        decode_text(b"one\ntwo\n\xff")
    assert (refused.value.byte, refused.value.line) == (9, 3)


def test_decode_text_of_a_partial_read_drops_a_character_cut_in_two():
    assert decode_text("aé".encode()[:2], partial=True) == "a"
    with pytest.raises(NotUtf8):
        decode_text("aé".encode()[:2])


@given(st.text())
def test_decode_text_reads_back_what_was_written(text):
    data = text.encode()
    assert decode_text(data, limit=utf8_size(text)) == text.removeprefix("\ufeff")
