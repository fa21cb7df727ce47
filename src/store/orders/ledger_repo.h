#pragma once
// The double-entry ledger's postings and the outbox of events, both written in the same transaction as
// the business change they record.
#include <optional>
#include <string>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/money.h"
#include "domain/common/time.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct Posting {
  Id id = 0;
  Id entry_id = 0;
  std::string account;
  std::int64_t amount_minor = 0;  // debit positive, credit negative
  std::string currency;
  std::optional<Id> order_id;
  std::optional<Id> purchase_order_id;
  std::string memo;
  std::optional<Id> reverses_entry_id;
  Timestamp at;
};
void insert_postings(Connection& c, const std::vector<Posting>& rows);
// The postings of an order, oldest first.
std::vector<Posting> postings_of_order(Connection& c, Id order_id);
struct PostingFilter {
  std::optional<Id> order_id;
  std::string account;
};
Page<Posting> list_postings(Connection& c, const PostingFilter& filter, const PageRequest& page);

struct AccountBalance {
  std::string account;
  std::string currency;
  std::int64_t balance_minor = 0;
};
std::vector<AccountBalance> trial_balance(Connection& c);
// Entries whose postings do not sum to zero in some currency (always empty unless something is wrong).
std::vector<Id> unbalanced_entries(Connection& c);

struct OutboxEvent {
  Id id = 0;  // the stable event id deliveries carry
  std::string topic;
  std::string payload;  // JSON
  Timestamp created_at;
  std::optional<Id> order_id;  // the order the event is about, for scoping its deliveries
};
void insert_outbox(Connection& c, const std::vector<OutboxEvent>& events);

}  // namespace daifa::store
