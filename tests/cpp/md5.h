// MD5 (RFC 1321), to compare generated .tbl text with dbgen's reference sums.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lance_bridge::testing {

class Md5 {
 public:
  Md5();
  void update(std::string_view data);
  std::string hex_digest();  // finishes: call once

 private:
  void block(const uint8_t* p);
  uint32_t state_[4];
  uint64_t length_ = 0;
  uint8_t pending_[64];
  size_t pending_size_ = 0;
};

}  // namespace lance_bridge::testing
