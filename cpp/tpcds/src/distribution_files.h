// The TPC-DS .dst files, embedded at build time (cmake/TpcdsDistributions.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace tpcds::detail {

struct DistributionFile {
  std::string_view name;   // "calendar" for calendar.dst
  std::string_view bytes;  // the file as it is (ISO-8859-1 text)
};

const std::vector<DistributionFile>& distribution_files();

}  // namespace tpcds::detail
