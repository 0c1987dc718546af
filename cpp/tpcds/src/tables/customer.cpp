// customer: names, a salutation that goes with the first name, birth dates,
// an e-mail address, and keys of the demographics and address tables.

#include "../distributions.h"
#include "../nulls.h"
#include "../scaling.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kCdemoColumn = 116, kHdemoColumn = 117, kAddressColumn = 118, kFirstSalesColumn = 120,
              kSalutationColumn = 121, kFirstNameColumn = 122, kLastNameColumn = 123, kPreferredColumn = 124,
              kBirthDayColumn = 125, kBirthCountryColumn = 128, kEmailColumn = 130, kLastReviewColumn = 131,
              kNullsColumn = 132;
constexpr int kNullBasisPoints = 700;
constexpr uint64_t kNeverNull = 0x13;  // the key, the id and the address
constexpr int64_t kBirthMin = 2423786;        // 1924-01-01
constexpr int32_t kBirthDays = 25202;         // to 1992-12-31
constexpr int64_t kYearBeforeToday = 2452283;  // dsdgen's today, 2003-01-08, less 365 days
constexpr int64_t kTenYearsBeforeToday = 2448998;
constexpr int kMaleWeights = 2, kFemaleWeights = 3;  // of "salutations"; "first_names": 2 is female

// dsdgen's genrand_email: first.last@company.domain, the company random
// letters of a drawn length (23 draws).
std::string email(const std::string& first, const std::string& last, Stream& stream) {
  static const Distribution& domains = distribution("top_domains");
  const std::string& domain = domains.member(domains.pick(1, stream), 1);
  int32_t company_length = stream.uniform(10, 20);
  std::string company = random_characters(1, 20, stream);
  if (company.size() > static_cast<size_t>(company_length)) company.resize(static_cast<size_t>(company_length));
  return first + "." + last + "@" + company + "." + domain;
}

}  // namespace

void customer(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& first_names = distribution("first_names");
  const Distribution& last_names = distribution("last_names");
  const Distribution& salutations = distribution("salutations");
  const Distribution& countries = distribution("countries");
  const auto households = static_cast<int32_t>(scaled_row_count(Table::HouseholdDemographics, scale_factor));
  const auto demographics = static_cast<int32_t>(scaled_row_count(Table::CustomerDemographics, scale_factor));
  const auto addresses = static_cast<int32_t>(scaled_row_count(Table::CustomerAddress, scale_factor));
  Stream cdemo(kCdemoColumn, 1, first), hdemo(kHdemoColumn, 1, first), address(kAddressColumn, 1, first),
      first_sales(kFirstSalesColumn, 1, first), salutation(kSalutationColumn, 1, first),
      first_name(kFirstNameColumn, 1, first), last_name(kLastNameColumn, 1, first),
      preferred(kPreferredColumn, 2, first), birth_day(kBirthDayColumn, 1, first),
      birth_country(kBirthCountryColumn, 1, first), email_stream(kEmailColumn, 23, first),
      last_review(kLastReviewColumn, 1, first), nulls(kNullsColumn, 2, first);
  Stream* streams[] = {&cdemo,      &hdemo,         &address,      &first_sales, &salutation,
                       &first_name, &last_name,     &preferred,    &birth_day,   &birth_country,
                       &email_stream, &last_review, &nulls};
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls, kNullBasisPoints, kNeverNull);
    bool preferred_customer = preferred.uniform(1, 100) < 50;
    int32_t hdemo_key = hdemo.uniform(1, households);
    int32_t cdemo_key = cdemo.uniform(1, demographics);
    int32_t address_key = address.uniform(1, addresses);
    int64_t name_index = first_names.pick(3, first_name);
    const std::string& given = first_names.member(name_index, 1);
    const std::string& family = last_names.member(last_names.pick(1, last_name), 1);
    bool male = first_names.weight(name_index, 2) == 0;
    const std::string& title =
        salutations.member(salutations.pick(male ? kMaleWeights : kFemaleWeights, salutation), 1);
    Date birth = to_date(kBirthMin + birth_day.uniform(0, kBirthDays));
    std::string mail = email(given, family, email_stream);
    int64_t review = kYearBeforeToday + last_review.uniform(0, 365);
    int64_t first_sale = kTenYearsBeforeToday + first_sales.uniform(0, 3650);
    const std::string& country = countries.member(countries.pick(1, birth_country), 1);

    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_key(batch.column(2), null[2], cdemo_key);
    put_key(batch.column(3), null[3], hdemo_key);
    put_key(batch.column(4), null[4], address_key);
    put_key(batch.column(5), null[5], first_sale + 30);  // first ship-to: 30 days on
    put_key(batch.column(6), null[6], first_sale);
    put_text(batch.column(7), null[7], title);
    put_text(batch.column(8), null[8], given);
    put_text(batch.column(9), null[9], family);
    put_flag(batch.column(10), null[10], preferred_customer);
    put_int(batch.column(11), null[11], birth.day);
    put_int(batch.column(12), null[12], birth.month);
    put_int(batch.column(13), null[13], birth.year);
    put_text(batch.column(14), null[14], country);
    batch.column(15).append_null();  // c_login: dsdgen never fills it in
    put_text(batch.column(16), null[16], mail);
    put_key(batch.column(17), null[17], review);
    for (Stream* s : streams) s->finish_row();
  }
}

}  // namespace tpcds::tables
