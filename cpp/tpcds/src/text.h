// dsdgen's generated text: sentences from a grammar of word classes, and words
// built from syllables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "random.h"

namespace tpcds {

// Text of a length drawn from [min_length, max_length]: sentences, each first
// letter capitalised after a '.', separated by a space and cut at the length
// (so it can end with a space). dsdgen's gen_text.
std::string generate_text(int min_length, int max_length, Stream& stream);

// dsdgen's ALPHANUM: letters and digits, without 'w' and 'W'.
constexpr std::string_view kAlphanumeric = "abcdefghijklmnopqrstuvxyzABCDEFGHIJKLMNOPQRSTUVXYZ0123456789";

// Random characters of kAlphanumeric, between min_length and max_length of
// them (dsdgen's gen_charset): the length, then max_length characters are
// always drawn, the first `length` kept.
std::string random_characters(int min_length, int max_length, Stream& stream);

// A word of syllables: `number`'s digits in base 10 (lowest first), each a
// syllable, as long as the word stays within `max_length` characters. No draws.
std::string syllable_word(int64_t number, size_t max_length);

}  // namespace tpcds
