#pragma once
// Use cases for products: create with variants, read, list, edit (fields, variants added, changed or
// removed) with optimistic concurrency. Every save is checked against the compliance word list.
#include <optional>
#include <vector>

#include "app/app.h"
#include "domain/catalog/compliance.h"
#include "domain/catalog/product.h"
#include "domain/catalog/product_rules.h"
#include "domain/common/outcome.h"
#include "store/catalog/product_repo.h"
#include "store/writer.h"

namespace daifa::app {

struct ProductSaved {
  Outcome<Product> product;
  // Every listed word found in the saved text. Restricted words in the fields a save sets refuse it
  // (restricted_word errors); everything else — trademarks, and restricted words in fields an edit left
  // alone — is saved and reported here as a warning.
  std::vector<ComplianceMatch> compliance;
};

ProductSaved create_product(store::Tx& tx, App& app, const ProductDraft& draft);
// Applies `patch` if `expected_version` is current. Removing a variant that has supplier offers is a
// state_conflict (409) naming remove_variants[i]: its offers must go first.
ProductSaved update_product(store::Tx& tx, App& app, Id id, std::int64_t expected_version, const ProductPatch& patch);
std::optional<Product> get_product(App& app, Id id);
store::Page<Product> list_products(App& app, const store::ProductFilter& filter, const store::PageRequest& page);

// A stored product as the rules see it: its variants carry their ids and no field paths (they are not part
// of a request).
ProductDraft draft_of(const Product& p);

// The listed words found in a stored product's texts now (the list may have changed since it was saved).
std::vector<ComplianceMatch> compliance_of(const WordSet& words, const Product& p);

}  // namespace daifa::app
