// ship_mode: type and code enumerate their distributions by the row number;
// the contract is random text.

#include "../distributions.h"
#include "../random.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kContractColumn = 256;  // SM_CONTRACT: a length, then 20 characters
constexpr int kContractMaxLength = 20;
}  // namespace

void ship_mode(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& types = distribution("ship_mode_type");
  const Distribution& codes = distribution("ship_mode_code");
  const Distribution& carriers = distribution("ship_mode_carrier");
  Stream contract_stream(kContractColumn, kContractMaxLength + 1, first);
  for (int64_t row = first; row < first + count; ++row) {
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    int64_t rest = row;
    append_text(batch.column(2), types.member(rest % types.size() + 1, 1));
    rest /= types.size();
    append_text(batch.column(3), codes.member(rest % codes.size() + 1, 1));
    append_text(batch.column(4), carriers.member(row, 1));
    append_text(batch.column(5), random_characters(1, kContractMaxLength, contract_stream));
    contract_stream.finish_row();
  }
}

}  // namespace tpcds::tables
