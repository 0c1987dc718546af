// Building the text pool from the grammar of TPC-H clause 4.2.2.10: sentences
// of noun phrases, verb phrases and prepositional phrases, until 300 MiB.

#include <stdexcept>

#include "text.h"

namespace tpch {
namespace {

void append_word(std::string& out, std::string_view word) {
  out.append(word.data(), word.size());
  out.push_back(' ');
}

void noun_phrase(const Distributions& d, std::string& out, RowRandomInt& random) {
  for (char token : d.noun_phrases.pick(random)) {
    switch (token) {
      case 'A': append_word(out, d.articles.pick(random)); break;
      case 'J': append_word(out, d.adjectives.pick(random)); break;
      case 'D': append_word(out, d.adverbs.pick(random)); break;
      case 'N': append_word(out, d.nouns.pick(random)); break;
      case ',':
        out.pop_back();
        out.append(", ");
        break;
      case ' ': break;
      default: throw std::logic_error("text pool: unknown noun phrase token");
    }
  }
}

void verb_phrase(const Distributions& d, std::string& out, RowRandomInt& random) {
  std::string_view syntax = d.verb_phrases.pick(random);
  for (size_t i = 0; i < syntax.size(); i += 2) {
    switch (syntax[i]) {
      case 'D': append_word(out, d.adverbs.pick(random)); break;
      case 'V': append_word(out, d.verbs.pick(random)); break;
      case 'X': append_word(out, d.auxiliaries.pick(random)); break;
      default: throw std::logic_error("text pool: unknown verb phrase token");
    }
  }
}

void sentence(const Distributions& d, std::string& out, RowRandomInt& random) {
  std::string_view syntax = d.grammar.pick(random);
  for (size_t i = 0; i < syntax.size(); i += 2) {
    switch (syntax[i]) {
      case 'V': verb_phrase(d, out, random); break;
      case 'N': noun_phrase(d, out, random); break;
      case 'P':
        out.append(d.prepositions.pick(random));
        out.append(" the ");
        noun_phrase(d, out, random);
        break;
      case 'T':
        out.pop_back();
        out.append(d.terminators.pick(random));
        break;
      default: throw std::logic_error("text pool: unknown sentence token");
    }
    if (out.back() != ' ') out.push_back(' ');
  }
}

}  // namespace

const TextPool& TextPool::get() {
  static const TextPool pool(kSize);
  return pool;
}

TextPool::TextPool(int32_t size) {
  const Distributions& d = Distributions::get();
  RowRandomInt random(933588178, INT32_MAX);
  text_.reserve(static_cast<size_t>(size) + 512);
  while (text_.size() < static_cast<size_t>(size)) sentence(d, text_, random);
  text_.resize(static_cast<size_t>(size));
}

}  // namespace tpch
