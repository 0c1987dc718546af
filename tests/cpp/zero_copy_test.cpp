// Zero-copy mode copies no buffer at the boundary; copy mode copies each once
// and releases the producer's memory before write() returns; misaligned buffers
// are copied (only them) instead of crashing.

#include "hand_made_batch.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

class Transfer_ : public ScratchDir {
 protected:
  Writer open(const std::string& name, Transfer transfer) {
    ArrowSchema schema;
    export_schema(HandMadeBatch::fields(), &schema);
    WriterOptions o;
    o.transfer = transfer;
    Writer w = Writer::open(path(name), schema, o);
    schema.release(&schema);
    return w;
  }
  static std::vector<std::vector<std::string>> expected(int64_t rows) {
    std::vector<std::vector<std::string>> cols(2);
    for (int64_t i = 0; i < rows; ++i) {
      cols[0].push_back(std::to_string(i * 1000003));
      cols[1].push_back(HandMadeBatch::name_of(i));
    }
    return cols;
  }
};

TEST_F(Transfer_, ZeroCopyCopiesNoByteAndReleasesAfterEncoding) {
  Writer w = open("z.lance", Transfer::ZeroCopy);
  std::vector<std::unique_ptr<HandMadeBatch>> batches;
  for (int i = 0; i < 4; ++i) {
    batches.push_back(std::make_unique<HandMadeBatch>(5000, 0, 0));
    ArrowArray array;
    batches.back()->export_to(&array);
    w.write(&array, HandMadeSchema().get());
  }
  WriteSummary s = w.finish();
  EXPECT_EQ(s.bytes_copied, 0u);
  for (auto& b : batches) EXPECT_EQ(*b->released, 1) << "released exactly once, once encoded";
  Table t = read_table(path("z.lance"));
  EXPECT_EQ(t.rows(), 20000u);
}

TEST_F(Transfer_, CopyModeReleasesBeforeWriteReturns) {
  Writer w = open("c.lance", Transfer::Copy);
  HandMadeBatch batch(5000, 0, 0);
  ArrowArray array;
  batch.export_to(&array);
  w.write(&array, HandMadeSchema().get());
  EXPECT_EQ(*batch.released, 1) << "copy mode must be done with the producer's buffers";
  // The producer may now reuse its memory: scribbling over it must not reach the file.
  std::memset(batch.ids(), 0xAB, 5000 * 8);
  WriteSummary s = w.finish();
  // ids (8 bytes a row) + offsets (4 bytes a row + 4) + characters: each copied once.
  uint64_t chars = 0;
  for (int64_t i = 0; i < 5000; ++i) chars += HandMadeBatch::name_of(i).size();
  EXPECT_EQ(s.bytes_copied, 5000u * 8 + 5001u * 4 + chars);
  EXPECT_EQ(read_table(path("c.lance")).columns, expected(5000));
}

TEST_F(Transfer_, MisalignedBuffersAreCopiedNotCrashedOn) {
  for (Transfer transfer : {Transfer::ZeroCopy, Transfer::Copy}) {
    std::string name = transfer == Transfer::ZeroCopy ? "mz.lance" : "mc.lance";
    Writer w = open(name, transfer);
    HandMadeBatch batch(3000, 1, 2);  // int64 ids at +1 byte, int32 offsets at +2
    ArrowArray array;
    batch.export_to(&array);
    w.write(&array, HandMadeSchema().get());
    WriteSummary s = w.finish();
    if (transfer == Transfer::ZeroCopy) {
      EXPECT_EQ(s.bytes_copied, 3000u * 8 + 3001u * 4) << "only the misaligned buffers";
    }
    EXPECT_EQ(read_table(path(name)).columns, expected(3000));
  }
}

}  // namespace
}  // namespace lance_bridge::testing
