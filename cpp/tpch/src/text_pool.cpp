// Building the text pool from the grammar of TPC-H clause 4.2.2.10: sentences
// of noun phrases, verb phrases and prepositional phrases, until 300 MiB.
//
// This runs once per process and sits on the critical path of every table, so
// words are copied as fixed 32-byte blocks (then the cursor moves by their real
// length) into one preallocated buffer.

#include <array>
#include <cstring>
#include <new>
#include <stdexcept>

#include <sys/mman.h>

#include "text.h"

namespace tpch {
namespace {

constexpr size_t kSlot = 32;  // every word of the grammar's lists is shorter
constexpr size_t kSlack = 1024;

// The words of one distribution, each zero-padded to kSlot bytes.
struct Words {
  const Distribution& distribution;
  std::vector<std::array<char, kSlot>> padded;
  std::vector<uint8_t> lengths;

  explicit Words(const Distribution& d) : distribution(d), padded(d.size()), lengths(d.size()) {
    for (size_t i = 0; i < d.size(); ++i) {
      std::string_view w = d.value(i);
      if (w.size() >= kSlot) throw std::logic_error("text pool: a word is too long for its slot");
      padded[i].fill(0);
      std::memcpy(padded[i].data(), w.data(), w.size());
      lengths[i] = static_cast<uint8_t>(w.size());
    }
  }
};

struct Writer {
  char* out;
  size_t n = 0;

  // Appends a word drawn from `words`; with_space adds the separating blank.
  void word(const Words& words, RowRandomInt& random, bool with_space = true) {
    size_t i = words.distribution.pick_index(random);
    std::memcpy(out + n, words.padded[i].data(), kSlot);
    n += words.lengths[i];
    if (with_space) out[n++] = ' ';
  }
  void text(std::string_view s) {
    std::memcpy(out + n, s.data(), s.size());
    n += s.size();
  }
};

struct Grammar {
  const Distributions& d = Distributions::get();
  Words articles{d.articles}, adjectives{d.adjectives}, adverbs{d.adverbs}, auxiliaries{d.auxiliaries},
      nouns{d.nouns}, verbs{d.verbs}, prepositions{d.prepositions}, terminators{d.terminators};

  void noun_phrase(Writer& w, RowRandomInt& random) const {
    for (char token : d.noun_phrases.pick(random)) {
      switch (token) {
        case 'A': w.word(articles, random); break;
        case 'J': w.word(adjectives, random); break;
        case 'D': w.word(adverbs, random); break;
        case 'N': w.word(nouns, random); break;
        case ',':
          --w.n;  // the blank after the last word becomes ", "
          w.text(", ");
          break;
        case ' ': break;
        default: throw std::logic_error("text pool: unknown noun phrase token");
      }
    }
  }

  void verb_phrase(Writer& w, RowRandomInt& random) const {
    std::string_view syntax = d.verb_phrases.pick(random);
    for (size_t i = 0; i < syntax.size(); i += 2) {
      switch (syntax[i]) {
        case 'D': w.word(adverbs, random); break;
        case 'V': w.word(verbs, random); break;
        case 'X': w.word(auxiliaries, random); break;
        default: throw std::logic_error("text pool: unknown verb phrase token");
      }
    }
  }

  void sentence(Writer& w, RowRandomInt& random) const {
    std::string_view syntax = d.grammar.pick(random);
    for (size_t i = 0; i < syntax.size(); i += 2) {
      switch (syntax[i]) {
        case 'V': verb_phrase(w, random); break;
        case 'N': noun_phrase(w, random); break;
        case 'P':
          w.word(prepositions, random);
          w.text("the ");
          noun_phrase(w, random);
          break;
        case 'T':
          --w.n;  // the terminator replaces the last blank
          w.word(terminators, random, false);
          break;
        default: throw std::logic_error("text pool: unknown sentence token");
      }
      if (w.out[w.n - 1] != ' ') w.out[w.n++] = ' ';
    }
  }
};

}  // namespace

const TextPool& TextPool::get() {
  static const TextPool pool(kSize);
  return pool;
}

TextPool::TextPool(int32_t size) : size_(size) {
  // Comments are read at random places all over the pool: on 4 KiB pages nearly
  // every one is a TLB miss. Ask for 2 MiB pages (transparent huge pages).
  constexpr size_t kHugePage = 2 * 1024 * 1024;
  size_t bytes = (static_cast<size_t>(size) + kSlack + kHugePage - 1) / kHugePage * kHugePage;
  text_.reset(static_cast<char*>(std::aligned_alloc(kHugePage, bytes)));
  if (!text_) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(text_.get(), bytes, MADV_HUGEPAGE);
#endif
  Grammar grammar;
  RowRandomInt random(933588178, INT32_MAX);
  Writer writer{text_.get()};
  while (writer.n < static_cast<size_t>(size)) grammar.sentence(writer, random);
}

}  // namespace tpch
