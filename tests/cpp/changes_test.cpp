// Changes through lance_bridge::Dataset with bad input: a null or hostile
// source stream, or a bad request, is refused with its kind and commits
// nothing; the source stream is released whatever happens. (Changes that
// succeed are compared with pylance's in changes_vs_pylance_test.py.)

#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hand_made_batch.h"
#include "lance_bridge/dataset.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

// An ArrowArrayStream of hand-made batches (id int64, name utf8), each one
// possibly spoilt by `spoil` before it is handed out. Counts its releases.
class HandMadeStream {
 public:
  HandMadeStream(std::vector<int64_t> first_ids, void (*spoil)(HandMadeBatch&))
      : first_ids_(std::move(first_ids)), spoil_(spoil) {}

  void export_to(ArrowArrayStream* out) {
    out->get_schema = [](ArrowArrayStream*, ArrowSchema* schema) {
      export_schema(HandMadeBatch::fields(), schema);
      return 0;
    };
    out->get_next = [](ArrowArrayStream* s, ArrowArray* array) {
      auto* self = static_cast<HandMadeStream*>(s->private_data);
      if (self->next_ == self->first_ids_.size()) {
        array->release = nullptr;
        return 0;
      }
      self->batches_.push_back(std::make_unique<HandMadeBatch>(5, 0, 0));
      HandMadeBatch& batch = *self->batches_.back();
      for (int64_t i = 0; i < 5; ++i) batch.ids()[i] = self->first_ids_[self->next_] + i;
      if (self->spoil_) self->spoil_(batch);
      ++self->next_;
      batch.export_to(array);
      return 0;
    };
    out->get_last_error = [](ArrowArrayStream*) -> const char* { return nullptr; };
    out->release = [](ArrowArrayStream* s) {
      ++static_cast<HandMadeStream*>(s->private_data)->released;
      s->release = nullptr;
    };
    out->private_data = this;
  }

  int released = 0;

 private:
  std::vector<int64_t> first_ids_;
  void (*spoil_)(HandMadeBatch&);
  size_t next_ = 0;
  std::vector<std::unique_ptr<HandMadeBatch>> batches_;
};

class Changes : public ScratchDir {
 protected:
  // Appends rows with ids first, first+1, ... (5 per batch) through a Writer.
  void append_ids(const std::vector<int64_t>& firsts) {
    ArrowSchema schema;
    export_schema(HandMadeBatch::fields(), &schema);
    WriterOptions append;
    append.mode = Mode::Append;
    Writer w = Writer::open(path("d.lance"), schema, append);
    schema.release(&schema);
    HandMadeStream rows(firsts, nullptr);
    ArrowArrayStream stream;
    rows.export_to(&stream);
    w.write(&stream);
    w.finish();
  }

  // Upserts rows with ids first.. (5 per batch) by "id".
  static ChangeSummary upsert_ids(const Dataset& d, const std::vector<int64_t>& firsts) {
    MergeInsertOptions upsert;
    upsert.on = {"id"};
    HandMadeStream rows(firsts, nullptr);
    ArrowArrayStream stream;
    rows.export_to(&stream);
    return d.merge_insert(&stream, upsert);
  }

  // The ids of the latest version, each as often as it is there.
  std::multiset<int64_t> ids() {
    std::multiset<int64_t> found;
    Table table = read_table(path("d.lance"));
    for (const std::string& id : table.columns.at(0)) found.insert(std::stoll(id));
    return found;
  }

  static std::multiset<int64_t> range(int64_t first, int64_t end) {
    std::multiset<int64_t> all;
    for (int64_t i = first; i < end; ++i) all.insert(i);
    return all;
  }

  // Runs both at once; each either lands or fails with a kind (never a crash
  // nor Internal). Returns whether each landed.
  static std::pair<bool, bool> race(const std::function<void()>& a, const std::function<void()>& b) {
    std::exception_ptr errors[2];
    std::thread first([&] {
      try {
        a();
      } catch (...) {
        errors[0] = std::current_exception();
      }
    });
    try {
      b();
    } catch (...) {
      errors[1] = std::current_exception();
    }
    first.join();
    for (const std::exception_ptr& error : errors) {
      if (!error) continue;
      try {
        std::rethrow_exception(error);
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Conflict) << e.what();
        std::printf("lost the race, cleanly: %s\n", e.what());
      }
    }
    return {!errors[0], !errors[1]};
  }

  // A dataset of ids 0..9 (names as HandMadeBatch makes them).
  Dataset make_dataset() {
    std::string uri = path("d.lance");
    ArrowSchema schema;
    export_schema(HandMadeBatch::fields(), &schema);
    Writer w = Writer::open(uri, schema);
    schema.release(&schema);
    HandMadeStream rows({0, 5}, nullptr);
    ArrowArrayStream stream;
    rows.export_to(&stream);
    w.write(&stream);
    w.finish();
    return Dataset::open(uri);
  }
};

TEST_F(Changes, AHostileSourceIsRefusedAndCommitsNothing) {
  Dataset d = make_dataset();
  MergeInsertOptions upsert;
  upsert.on = {"id"};
  // The second batch's offsets run backwards: refused as Writer::write refuses it.
  HandMadeStream spoilt({8, 20}, [](HandMadeBatch& b) {
    if (b.ids()[0] == 20) b.offsets()[2] = 100;
  });
  ArrowArrayStream stream;
  spoilt.export_to(&stream);
  EXPECT_EQ(kind_of_failure([&] { d.merge_insert(&stream, upsert); }), ErrorKind::InvalidData);
  EXPECT_EQ(spoilt.released, 1);
  EXPECT_EQ(Dataset::open(path("d.lance")).version(), 1u);
  EXPECT_EQ(Dataset::open(path("d.lance")).count_rows(), 10u);

  EXPECT_EQ(kind_of_failure([&] { d.merge_insert(nullptr, upsert); }), ErrorKind::InvalidArgument);
}

TEST_F(Changes, BadRequestsAreRefusedAndTheStreamIsReleased) {
  Dataset d = make_dataset();
  auto refused = [&](const MergeInsertOptions& options) {
    HandMadeStream rows({20}, nullptr);
    ArrowArrayStream stream;
    rows.export_to(&stream);
    EXPECT_EQ(kind_of_failure([&] { d.merge_insert(&stream, options); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(rows.released, 1);
  };
  refused(MergeInsertOptions{});  // no key column
  MergeInsertOptions update_if;
  update_if.on = {"id"};
  update_if.when_matched = WhenMatched::UpdateIf;  // without its condition
  refused(update_if);
  MergeInsertOptions cast;
  cast.on = {"id"};
  cast.when_matched = static_cast<WhenMatched>(42);
  refused(cast);
  EXPECT_EQ(kind_of_failure([&] { d.update({}); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { d.delete_rows(" "); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(Dataset::open(path("d.lance")).version(), 1u);
}

TEST_F(Changes, TheHandleKeepsReadingItsVersion) {
  Dataset d = make_dataset();
  ChangeSummary deleted = d.delete_rows("id < 4");
  EXPECT_EQ(deleted.deleted, 4u);
  EXPECT_EQ(deleted.version, 2u);
  EXPECT_EQ(d.count_rows(), 10u) << "the handle still reads version 1";
  EXPECT_EQ(d.checkout(deleted.version).count_rows(), 6u);
  // A change made through the old handle lands on the latest version.
  ChangeSummary updated = d.update({{"name", "'x'"}}, "id >= 8");
  EXPECT_EQ(updated.updated, 2u) << "ids 8 and 9, of the 6 rows left";
  EXPECT_EQ(updated.version, 3u);
  Dataset latest = Dataset::open(path("d.lance"));
  EXPECT_EQ(latest.count_rows("name = 'x'"), 2u);
  EXPECT_EQ(latest.count_rows(), 6u);
}

// Two writers racing (threads here; each a lance transaction as between
// processes): both land, or the loser fails with an error kind, and no row is
// lost or written twice.
TEST_F(Changes, TwoUpsertsOfTheSameKeysAtOnce) {
  Dataset d = make_dataset();  // ids 0..9
  std::set<int64_t> expected;
  for (int64_t i = 0; i < 10; ++i) expected.insert(i);
  for (int round = 0; round < 3; ++round) {
    auto [a, b] = race([&] { upsert_ids(d, {5, 10}); }, [&] { upsert_ids(d, {8, 13}); });  // 5..14, 8..17
    for (int64_t i = 5; a && i < 15; ++i) expected.insert(i);
    for (int64_t i = 8; b && i < 18; ++i) expected.insert(i);
    EXPECT_EQ(ids(), std::multiset<int64_t>(expected.begin(), expected.end())) << "round " << round << ": every key once";
  }
}

TEST_F(Changes, AnAppendAndADeleteAtOnce) {
  Dataset d = make_dataset();  // ids 0..9
  auto [appended, deleted] = race([&] { append_ids({100, 105}); }, [&] { d.delete_rows("id < 5"); });
  std::multiset<int64_t> expected = deleted ? range(5, 10) : range(0, 10);
  if (appended) expected.merge(range(100, 110));
  EXPECT_EQ(ids(), expected);
  EXPECT_TRUE(appended && deleted) << "an append and a delete of other rows do not conflict in lance";
}

TEST_F(Changes, AnUpsertDuringACompaction) {
  make_dataset();  // ids 0..9, then four more small fragments
  for (int64_t first = 10; first < 30; first += 5) append_ids({first});
  Dataset d = Dataset::open(path("d.lance"));
  auto [upserted, compacted] = race([&] { upsert_ids(d, {25, 30}); }, [&] { d.compact_files(1000); });
  std::multiset<int64_t> expected = upserted ? range(0, 35) : range(0, 30);
  EXPECT_EQ(ids(), expected);
  EXPECT_TRUE(upserted) << "lance retries an upsert that conflicts";
  (void)compacted;
}

}  // namespace
}  // namespace lance_bridge::testing
