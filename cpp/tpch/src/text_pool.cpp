// Building the text pool from the grammar of TPC-H clause 4.2.2.10: sentences
// of noun phrases, verb phrases and prepositional phrases, until 300 MiB.
//
// This runs once per process and sits on the critical path of every table, so
// words are copied as fixed 32-byte blocks (then the cursor moves by their real
// length) into one preallocated buffer.

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iterator>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/mman.h>

#include "text.h"

namespace tpch {
namespace {

constexpr size_t kSlot = 32;  // every word of the grammar's lists is shorter
constexpr size_t kHugePage = 2 * 1024 * 1024;
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
  // Nothing is written at or past this offset (the next piece's first byte): a
  // word is copied as a whole slot only where the slot fits, and a write that
  // would cross it throws instead (split points that are not sentence
  // boundaries), so pieces built at once never write the same bytes.
  size_t limit = SIZE_MAX;

  // Appends a word drawn from `words`; with_space adds the separating blank.
  void word(const Words& words, RowRandomInt& random, bool with_space = true) {
    size_t i = words.distribution.pick_index(random);
    if (n + kSlot <= limit) {
      std::memcpy(out + n, words.padded[i].data(), kSlot);
    } else {
      check_room(words.lengths[i] + (with_space ? 1 : 0));
      std::memcpy(out + n, words.padded[i].data(), words.lengths[i]);
    }
    n += words.lengths[i];
    if (with_space) out[n++] = ' ';
  }
  void text(std::string_view s) {
    check_room(s.size());
    std::memcpy(out + n, s.data(), s.size());
    n += s.size();
  }
  void blank() {
    check_room(1);
    out[n++] = ' ';
  }
  void check_room(size_t bytes) const {
    if (bytes > limit - n) throw std::logic_error("text pool: a piece would run into the next one");
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
      if (w.out[w.n - 1] != ' ') w.blank();
    }
  }
};

constexpr int64_t kSeed = 933588178;

// Where the 300 MiB pool splits into TextPool::kChunks pieces (computed with
// TextPool::generate_sequentially, checked by TextPool.PiecesStartWhereTheSequentialPoolDoes).
constexpr TextPool::Split kPoolSplits[] = {
    {78643223, 123793686}, {157286442, 400078567}, {235929648, 1407925218}};
static_assert(std::size(kPoolSplits) == TextPool::kChunks - 1, "one split between each two pieces");

// Generates sentences from `begin` (with the stream at `seed`) until `end`, and
// fails unless the last one ends exactly there (the start of the next piece).
void generate_piece(const Grammar& grammar, char* out, int64_t begin, int64_t seed, size_t end, size_t limit,
                    bool must_end_exactly) {
  RowRandomInt random(seed, INT32_MAX);
  Writer writer{out, static_cast<size_t>(begin), limit};
  while (writer.n < end) grammar.sentence(writer, random);
  if (must_end_exactly && writer.n != end) {
    throw std::logic_error("text pool: a piece ended at " + std::to_string(writer.n) + ", not at " +
                           std::to_string(end) + " where the next one starts");
  }
}

}  // namespace

const TextPool& TextPool::get() {
  static const TextPool pool(kSize);
  return pool;
}

size_t TextPool::buffer_bytes(int32_t size) {
  return (static_cast<size_t>(size) + kSlack + kHugePage - 1) / kHugePage * kHugePage;
}

std::vector<TextPool::Split> TextPool::generate_sequentially(int32_t size, char* out) {
  Grammar grammar;
  RowRandomInt random(kSeed, INT32_MAX);
  Writer writer{out};
  std::vector<Split> splits;
  while (writer.n < static_cast<size_t>(size)) {
    if (static_cast<int>(splits.size()) < kChunks - 1 &&
        writer.n >= static_cast<size_t>(size) / kChunks * (splits.size() + 1)) {
      splits.push_back({static_cast<int64_t>(writer.n), random.seed()});
    }
    grammar.sentence(writer, random);
  }
  return splits;
}

TextPool::TextPool(int32_t size) : size_(size) {
  // Comments are read at random places all over the pool: on 4 KiB pages nearly
  // every one is a TLB miss. Ask for 2 MiB pages (transparent huge pages).
  size_t bytes = buffer_bytes(size);
  text_.reset(static_cast<char*>(std::aligned_alloc(kHugePage, bytes)));
  if (!text_) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(text_.get(), bytes, MADV_HUGEPAGE);
#endif
  if (size != kSize) {
    generate_sequentially(size, text_.get());
    return;
  }
  // Every table waits for the pool (0.45 s on one core, while the encoder has
  // nothing to do): its pieces are generated on all cores, byte for byte what
  // one stream would give.
  const Grammar grammar;
  std::atomic<int> next_piece{0};
  std::vector<std::exception_ptr> errors(kChunks);
  auto work = [&] {
    for (int k = next_piece++; k < kChunks; k = next_piece++) {
      try {
        bool last = k + 1 == kChunks;
        generate_piece(grammar, text_.get(), k == 0 ? 0 : kPoolSplits[k - 1].offset,
                       k == 0 ? kSeed : kPoolSplits[k - 1].seed,
                       last ? static_cast<size_t>(size) : static_cast<size_t>(kPoolSplits[k].offset),
                       last ? bytes : static_cast<size_t>(kPoolSplits[k].offset), !last);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  int threads = std::min<int>(kChunks, std::max(1u, std::thread::hardware_concurrency()));
  try {
    helpers.reserve(static_cast<size_t>(threads - 1));  // no reallocation once one runs
    for (int i = 1; i < threads; ++i) helpers.emplace_back(work);
  } catch (...) {
    // No thread (system_error) or no memory for one (bad_alloc): this thread
    // takes the pieces the missing helpers would have.
  }
  work();
  for (std::thread& t : helpers) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace tpch
