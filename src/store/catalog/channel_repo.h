#pragma once
// Sales channels (own store, marketplaces, social shops).
#include <optional>
#include <string>

#include "domain/accounts/role.h"
#include "domain/catalog/product.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {
void insert_channel(Connection& c, const Channel& ch);
Page<Channel> list_channels(Connection& c, const PageRequest& page);

}  // namespace daifa::store
