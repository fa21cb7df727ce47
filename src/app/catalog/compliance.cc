#include "app/catalog/compliance.h"

#include <algorithm>
#include <stdexcept>

#include <re2/re2.h>
#include <re2/set.h>

namespace daifa::app {
namespace {

// The DFA of a set of thousands of words needs more than RE2's default 8 MiB to avoid falling back.
constexpr std::int64_t kSetMemoryBytes = 256 << 20;

bool is_ascii_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A word in the matching form, literally; an end that is an ASCII letter or digit must be at a word
// boundary, so that "ad" does not match "head". Chinese has no spaces between words: a CJK end matches
// anywhere ("最好" in "全网最好用").
std::string pattern_for(const std::string& word) {
  std::string form = matching_form(word);
  std::string p;
  if (!form.empty() && is_ascii_word_char(form.front())) p += "\\b";
  p += RE2::QuoteMeta(form);
  if (!form.empty() && is_ascii_word_char(form.back())) p += "\\b";
  return p;
}

}  // namespace

struct CompiledWords::Impl {
  explicit Impl(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<std::size_t> word_of;  // set index → index in words_
};

CompiledWords::CompiledWords(std::vector<ComplianceWord> words, std::int64_t version)
    : words_(std::move(words)), version_(version) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(kSetMemoryBytes);
  impl_ = std::make_unique<Impl>(options);
  for (std::size_t i = 0; i < words_.size(); ++i) {
    std::string error;
    if (impl_->set.Add(pattern_for(words_[i].word), &error) >= 0) impl_->word_of.push_back(i);
  }
  if (!impl_->set.Compile()) throw std::runtime_error("the compliance word set does not fit in memory");
}

CompiledWords::~CompiledWords() = default;

std::vector<const ComplianceWord*> CompiledWords::find(std::string_view text) const {
  std::vector<const ComplianceWord*> out;
  if (words_.empty() || text.empty()) return out;
  const std::string form = matching_form(text);
  std::vector<int> hits;
  RE2::Set::ErrorInfo info{};
  if (!impl_->set.Match(form, &hits, &info) && info.kind != RE2::Set::kNoError) {
    throw std::runtime_error("the compliance word set could not be matched (out of memory)");
  }
  std::vector<std::size_t> indexes;
  for (int h : hits) indexes.push_back(impl_->word_of[static_cast<std::size_t>(h)]);
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  for (std::size_t i : indexes) out.push_back(&words_[i]);
  return out;
}

std::shared_ptr<const CompiledWords> ComplianceWords::current(store::Connection& c) {
  const std::int64_t version = store::word_list_version(c);
  std::lock_guard lock(mu_);
  // Versions are unique values, not a counter (see store::set_word_list_version): equal means the same list.
  if (compiled_ && compiled_->version() == version) return compiled_;
  compiled_ = std::make_shared<const CompiledWords>(store::all_words(c), version);
  return compiled_;
}

std::shared_ptr<const CompiledWords> ComplianceWords::current(App& app) {
  return app.store().reads().read([&](store::Connection& c) { return current(c); });
}

std::shared_ptr<ComplianceWords> make_compliance_words() { return std::make_shared<ComplianceWords>(); }

namespace {

Failure already_listed(const ComplianceWord& existing) {
  return fail(Status::invalid_fields, "the word is already listed",
              {{"word", "already_listed", "is already listed as “" + existing.word + "”"}});
}

}  // namespace

Outcome<ComplianceWord> create_word(store::Tx& tx, App& app, ComplianceWord w) {
  FieldErrors errors = validate(w);
  if (!errors.empty()) return fail(Status::invalid_fields, "the word has invalid fields", std::move(errors));
  if (auto existing = store::find_word_by_key(tx.conn(), matching_form(w.word))) return already_listed(*existing);
  w.id = app.new_id();
  w.version = 1;
  w.created_at = w.updated_at = app.now();
  try {
    store::insert_word(tx.conn(), w);
  } catch (const store::StoreError& e) {
    // Another node listed the same word since the check above (a shared PostgreSQL).
    if (e.kind() != store::ErrorKind::unique_violation) throw;
    return fail(Status::invalid_fields, "the word is already listed", {{"word", "already_listed", "is already listed"}});
  }
  store::set_word_list_version(tx.conn(), app.new_id());
  return w;
}

Outcome<ComplianceWord> update_word(store::Tx& tx, App& app, Id id, std::int64_t expected_version,
                                    const std::function<void(ComplianceWord&)>& patch) {
  auto current = store::find_word(tx.conn(), id);
  if (!current) return fail(Status::not_found, "no such word");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the word was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  ComplianceWord next = *current;
  patch(next);
  next.id = current->id;
  FieldErrors errors = validate(next);
  if (!errors.empty()) return fail(Status::invalid_fields, "the word has invalid fields", std::move(errors));
  if (auto existing = store::find_word_by_key(tx.conn(), matching_form(next.word)); existing && existing->id != id) {
    return already_listed(*existing);
  }
  next.updated_at = app.now();
  bool updated = false;
  try {
    updated = store::update_word(tx.conn(), next, expected_version);
  } catch (const store::StoreError& e) {
    if (e.kind() != store::ErrorKind::unique_violation) throw;
    return fail(Status::invalid_fields, "the word is already listed", {{"word", "already_listed", "is already listed"}});
  }
  if (!updated) return fail(Status::version_conflict, "the word was changed by someone else; reload and retry");
  store::set_word_list_version(tx.conn(), app.new_id());
  next.version = expected_version + 1;
  return next;
}

Outcome<ComplianceWord> delete_word(store::Tx& tx, App& app, Id id) {
  auto current = store::find_word(tx.conn(), id);
  if (!current || !store::delete_word(tx.conn(), id)) return fail(Status::not_found, "no such word");
  store::set_word_list_version(tx.conn(), app.new_id());
  return *current;
}

std::optional<ComplianceWord> get_word(App& app, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_word(c, id); });
}

store::Page<ComplianceWord> list_words(App& app, const store::WordFilter& filter, const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_words(c, filter, page); });
}

std::vector<ComplianceMatch> check_text(App& app, std::string_view text) {
  auto words = app.compliance_words().current(app);
  return check(*words, {{"", std::string(text)}});
}

}  // namespace daifa::app
