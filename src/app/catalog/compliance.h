#pragma once
// The compliance word list: its use cases, and the compiled set every product save is checked against.
// The set is an RE2::Set of all words (one pass over a text whatever the number of words), compiled once
// and shared by all requests; it is rebuilt when the list's version in the store is not the set's — after a
// change on this node commits, or on the next check after another node changed the list.
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "domain/catalog/compliance.h"
#include "domain/common/outcome.h"
#include "store/catalog/compliance_repo.h"
#include "store/writer.h"

namespace re2 {
class RE2;
}

namespace daifa::app {

// An immutable compiled set of the listed words at one version of the list.
class CompiledWords final : public WordSet {
 public:
  CompiledWords(std::vector<ComplianceWord> words, std::int64_t version);
  ~CompiledWords() override;
  std::vector<const ComplianceWord*> find(std::string_view text) const override;
  std::int64_t version() const { return version_; }
  std::size_t size() const { return words_.size(); }

 private:
  struct Impl;
  std::vector<ComplianceWord> words_;
  std::int64_t version_;
  std::unique_ptr<Impl> impl_;
};

class ComplianceWords {
 public:
  // The set for the list as `c` sees it: one small query for the version, and a rebuild only when it changed.
  std::shared_ptr<const CompiledWords> current(store::Connection& c);
  // The same through the read pool.
  std::shared_ptr<const CompiledWords> current(App& app);

 private:
  std::mutex mu_;  // held while rebuilding, so that a change is compiled once, not once per request
  std::shared_ptr<const CompiledWords> compiled_;
};

Outcome<ComplianceWord> create_word(store::Tx& tx, App& app, ComplianceWord input);
Outcome<ComplianceWord> update_word(store::Tx& tx, App& app, Id id, std::int64_t expected_version,
                                    const std::function<void(ComplianceWord&)>& patch);
Outcome<ComplianceWord> delete_word(store::Tx& tx, App& app, Id id);
std::optional<ComplianceWord> get_word(App& app, Id id);
store::Page<ComplianceWord> list_words(App& app, const store::WordFilter& filter, const store::PageRequest& page);

// Every listed word in `text` (the console's check as the merchant types).
std::vector<ComplianceMatch> check_text(App& app, std::string_view text);

}  // namespace daifa::app
