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

// A person's name, "First Last": a first name by the male weights, then a
// last name (2 draws).
std::string person_name(Stream& stream);

// dsdgen's ALPHANUM: letters and digits, without 'w' and 'W'.
constexpr std::string_view kAlphanumeric = "abcdefghijklmnopqrstuvxyzABCDEFGHIJKLMNOPQRSTUVXYZ0123456789";

// Random characters of `characters`, between min_length and max_length of
// them (dsdgen's gen_charset): the length, then max_length characters are
// always drawn, the first `length` kept.
std::string random_characters(int min_length, int max_length, Stream& stream,
                              std::string_view characters = kAlphanumeric);

// A word of syllables: `number`'s digits in the base of the syllable list
// (lowest first), each a syllable, as long as the word stays within
// `max_length` characters. No draws. dsdgen's mk_word.
std::string syllable_word(int64_t number, size_t max_length, std::string_view syllables = "syllables");

}  // namespace tpcds
