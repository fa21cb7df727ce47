#include "store/sqlite/page_cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <vector>

namespace daifa::store::sqlite_page_cache {
namespace {

sqlite3_pcache_methods2 inner_methods{};  // SQLite's default cache, set once before initialisation

std::atomic<std::uint64_t> forwarded{0};
std::atomic<std::uint64_t> skipped{0};
std::atomic<std::uint64_t> temporary{0};

// One per pager. SQLite uses a pager's cache from one thread at a time, so no lock is needed here.
// Invariant: every page in `inner` has a key ≤ fetched_max or a key listed in `moved`.
struct Cache {
  sqlite3_pcache* inner = nullptr;
  unsigned fetched_max = 0;    // the largest key fetched since the last forwarded truncate
  std::vector<unsigned> moved;  // keys a rekey set above fetched_max, still possibly held
};

Cache* cache_of(sqlite3_pcache* p) { return reinterpret_cast<Cache*>(p); }

int x_init(void*) { return inner_methods.xInit(inner_methods.pArg); }

void x_shutdown(void*) {
  if (inner_methods.xShutdown) inner_methods.xShutdown(inner_methods.pArg);
}

sqlite3_pcache* x_create(int page_size, int extra_size, int purgeable) {
  auto* cache = new (std::nothrow) Cache;
  if (!cache) return nullptr;
  cache->inner = inner_methods.xCreate(page_size, extra_size, purgeable);
  if (!cache->inner) {
    delete cache;
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(cache);
}

void x_cachesize(sqlite3_pcache* p, int pages) { inner_methods.xCachesize(cache_of(p)->inner, pages); }

int x_pagecount(sqlite3_pcache* p) { return inner_methods.xPagecount(cache_of(p)->inner); }

sqlite3_pcache_page* x_fetch(sqlite3_pcache* p, unsigned key, int create) {
  Cache* cache = cache_of(p);
  sqlite3_pcache_page* page = inner_methods.xFetch(cache->inner, key, create);
  if (page && key > cache->fetched_max) cache->fetched_max = key;
  return page;
}

void x_unpin(sqlite3_pcache* p, sqlite3_pcache_page* page, int discard) {
  inner_methods.xUnpin(cache_of(p)->inner, page, discard);
}

void x_rekey(sqlite3_pcache* p, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
  Cache* cache = cache_of(p);
  inner_methods.xRekey(cache->inner, page, old_key, new_key);
  // Keys are unique in a cache: the page no longer holds old_key, so no page does.
  std::erase(cache->moved, old_key);
  if (new_key > cache->fetched_max) {
    cache->moved.push_back(new_key);
    temporary.fetch_add(1, std::memory_order_relaxed);
  }
}

void x_truncate(sqlite3_pcache* p, unsigned limit) {
  Cache* cache = cache_of(p);
  const bool any_past = cache->fetched_max >= limit ||
                        std::any_of(cache->moved.begin(), cache->moved.end(), [&](unsigned k) { return k >= limit; });
  if (!any_past) {
    skipped.fetch_add(1, std::memory_order_relaxed);
    return;  // no page at or past `limit`: dropping them is a no-op
  }
  forwarded.fetch_add(1, std::memory_order_relaxed);
  inner_methods.xTruncate(cache->inner, limit);
  if (cache->fetched_max >= limit) cache->fetched_max = limit > 0 ? limit - 1 : 0;
  std::erase_if(cache->moved, [&](unsigned k) { return k >= limit; });
}

void x_destroy(sqlite3_pcache* p) {
  Cache* cache = cache_of(p);
  inner_methods.xDestroy(cache->inner);
  delete cache;
}

void x_shrink(sqlite3_pcache* p) { inner_methods.xShrink(cache_of(p)->inner); }

const sqlite3_pcache_methods2 wrapper_methods{
    1,       nullptr,   x_init,  x_shutdown, x_create,  x_cachesize, x_pagecount,
    x_fetch, x_unpin,   x_rekey, x_truncate, x_destroy, x_shrink,
};

}  // namespace

bool install() {
  sqlite3_pcache_methods2 current{};
  if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &current) != SQLITE_OK || !current.xCreate) return false;
  inner_methods = current;
  return sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapper_methods) == SQLITE_OK;
}

Stats stats() {
  return {forwarded.load(std::memory_order_relaxed), skipped.load(std::memory_order_relaxed),
          temporary.load(std::memory_order_relaxed)};
}

}  // namespace daifa::store::sqlite_page_cache
