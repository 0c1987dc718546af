// Sentences from dsdgen's grammar: a sentence form ("J N V D T", say) picked
// from "sentences", each letter a word class picked from its own distribution.

#include "text.h"

#include <cctype>

#include "distributions.h"

namespace tpcds {
namespace {

// The word class of a sentence form's letter, or nullptr for a character
// copied as it is (spaces, commas).
const Distribution* word_class(char letter) {
  static const Distribution& nouns = distribution("nouns");
  static const Distribution& verbs = distribution("verbs");
  static const Distribution& adjectives = distribution("adjectives");
  static const Distribution& adverbs = distribution("adverbs");
  static const Distribution& auxiliaries = distribution("auxiliaries");
  static const Distribution& prepositions = distribution("prepositions");
  static const Distribution& articles = distribution("articles");
  static const Distribution& terminators = distribution("terminators");
  switch (letter) {
    case 'N': return &nouns;
    case 'V': return &verbs;
    case 'J': return &adjectives;
    case 'D': return &adverbs;
    case 'X': return &auxiliaries;
    case 'P': return &prepositions;
    case 'A': return &articles;
    case 'T': return &terminators;
    default: return nullptr;
  }
}

void append_sentence(std::string& out, Stream& stream) {
  static const Distribution& sentences = distribution("sentences");
  const std::string& form = sentences.member(sentences.pick(1, stream), 1);
  for (char letter : form) {
    if (const Distribution* words = word_class(letter)) {
      out += words->member(words->pick(1, stream), 1);
    } else {
      out += letter;
    }
  }
}

}  // namespace

std::string generate_text(int min_length, int max_length, Stream& stream) {
  int64_t left = stream.uniform(min_length, max_length);
  std::string text;
  std::string sentence;
  bool capitalize = true;
  while (left > 0) {
    sentence.clear();
    append_sentence(sentence, stream);
    if (capitalize && !sentence.empty()) {
      sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    }
    auto length = static_cast<int64_t>(sentence.size());
    capitalize = !sentence.empty() && sentence.back() == '.';
    text.append(sentence, 0, static_cast<size_t>(std::min(left, length)));
    left -= length;
    if (left > 0) {
      text += ' ';
      --left;
    }
  }
  return text;
}

std::string person_name(Stream& stream) {
  static const Distribution& first_names = distribution("first_names");
  static const Distribution& last_names = distribution("last_names");
  std::string name = first_names.member(first_names.pick(1, stream), 1);
  name += ' ';
  name += last_names.member(last_names.pick(1, stream), 1);
  return name;
}

std::string random_characters(int min_length, int max_length, Stream& stream, std::string_view characters) {
  int32_t length = stream.uniform(min_length, max_length);
  std::string text;
  for (int i = 0; i < max_length; ++i) {
    char c = characters[static_cast<size_t>(stream.uniform(0, static_cast<int32_t>(characters.size()) - 1))];
    if (i < length) text += c;
  }
  return text;
}

std::string syllable_word(int64_t number, size_t max_length, std::string_view syllable_list) {
  const Distribution& syllables = distribution(syllable_list);
  std::string word;
  for (int64_t rest = number; rest > 0; rest /= syllables.size()) {
    const std::string& syllable = syllables.member(rest % syllables.size() + 1, 1);
    if (word.size() + syllable.size() > max_length) break;
    word += syllable;
  }
  return word;
}

}  // namespace tpcds
