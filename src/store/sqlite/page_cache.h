#pragma once
// SQLite's page cache, wrapped so that a commit does not walk the whole cache (decision 0011).
//
// When SQLite splits a B-tree page (balance_nonroot) it sorts the new pages by number, swapping two of
// them through a temporary key: the lock-byte page, 262,145 with 4 KiB pages. The default page cache
// remembers the largest key it has ever held, and at the end of every write transaction SQLite asks it to
// drop the pages past the end of the database (xTruncate). With that remembered key far past the end, the
// default cache scans every hash bucket and every cached page — on the writer, whose cache is 64 MiB, at
// every commit that followed a split. The wrapper keeps an exact account of the keys that can lie past the
// end and forwards xTruncate only when some page may really be there (after a rollback that shrank the
// database, for instance); everything else goes straight to SQLite's own cache.

#include <cstdint>

namespace daifa::store::sqlite_page_cache {

// Installs the wrapper around SQLite's default page cache. Must run before SQLite initialises (before the
// first sqlite3_open); returns false (and installs nothing) if SQLite refused the configuration.
bool install();

struct Stats {
  std::uint64_t truncates_forwarded = 0;  // xTruncate calls that reached SQLite's cache
  std::uint64_t truncates_skipped = 0;    // xTruncate calls with no page at or past the limit
  std::uint64_t temporary_rekeys = 0;     // rekeys to a key past every page fetched (the split's swap)
};

// Process-wide counters since start (for tests and the bench).
Stats stats();

}  // namespace daifa::store::sqlite_page_cache
