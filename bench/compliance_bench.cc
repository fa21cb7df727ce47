// The compliance word set: how long compiling thousands of words takes, and how fast product texts are
// checked against it, cold (the lazily built DFA still growing) and warm. No store, no HTTP: the set alone.
//   compliance_bench [--words 5000] [--texts 20000] [--shared 100]
// --shared: the percentage of a text's characters drawn from the words' own vocabulary; the rest are other
// common characters. 100 is the worst case (texts dense with listed words); real listings are far below.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/catalog/compliance.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// Common Chinese listing vocabulary, so that words and texts share characters as real ones do.
const std::vector<std::string> kHan{"最", "好", "第", "一", "国", "家", "级", "极", "品", "纯", "棉", "爆", "款", "正",
                                    "宗", "特", "效", "治", "疗", "顶", "王", "牌", "冠", "军", "新", "春", "夏", "季",
                                    "女", "装", "男", "童", "鞋", "包", "宽", "松", "修", "身", "显", "瘦", "百", "搭",
                                    "韩", "版", "潮", "流", "休", "闲", "运", "动", "真", "皮", "羊", "毛", "丝", "绸"};
const std::vector<std::string> kLatin{"nike", "adidas", "gucci", "prada", "zara", "uniqlo", "best", "top", "no1",
                                      "original", "cotton", "slim", "loose", "summer", "sport", "classic"};

}  // namespace

int main(int argc, char** argv) {
  std::size_t word_count = 5000, text_count = 20000, shared_percent = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--words")) word_count = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--texts")) text_count = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--shared")) shared_percent = std::strtoul(argv[i + 1], nullptr, 10);
  }
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

  std::vector<daifa::ComplianceWord> words;
  std::set<std::string> forms;
  while (words.size() < word_count) {
    std::string w;
    if (pick(4) == 0) {
      w = kLatin[pick(kLatin.size())];
      w += std::to_string(pick(1000));
    } else {
      for (std::size_t i = 0, n = 2 + pick(3); i < n; ++i) w += kHan[pick(kHan.size())];
    }
    if (!forms.insert(daifa::matching_form(w)).second) continue;
    daifa::ComplianceWord cw;
    cw.id = static_cast<daifa::Id>(words.size() + 1);
    cw.word = w;
    cw.kind = pick(5) ? daifa::WordKind::restricted : daifa::WordKind::trademark;
    words.push_back(std::move(cw));
  }

  // Product titles and descriptions: 20 to 80 characters of listing vocabulary, some Latin words.
  std::vector<std::string> texts;
  std::size_t text_bytes = 0;
  for (std::size_t n = 0; n < text_count; ++n) {
    std::string t;
    for (std::size_t i = 0, len = 20 + pick(60); i < len; ++i) {
      if (pick(10) == 0) {
        t += " " + kLatin[pick(kLatin.size())] + " ";
      } else if (pick(100) < shared_percent) {
        t += kHan[pick(kHan.size())];
      } else {
        // Another CJK character (U+4E00..U+4FFF) as UTF-8.
        const unsigned cp = 0x4E00 + static_cast<unsigned>(pick(0x200));
        t += static_cast<char>(0xE0 | (cp >> 12));
        t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        t += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
    text_bytes += t.size();
    texts.push_back(std::move(t));
  }

  const long rss_before = rss_kib();
  auto t0 = Clock::now();
  daifa::app::CompiledWords set(words, 1);
  const double compile_ms = ms_since(t0);

  auto run = [&](std::size_t from, std::size_t to, std::size_t& matches) {
    auto t = Clock::now();
    for (std::size_t i = from; i < to; ++i) matches += set.find(texts[i]).size();
    return ms_since(t);
  };
  std::size_t matches = 0;
  const std::size_t cold_n = std::min<std::size_t>(1000, texts.size());
  const double cold_ms = run(0, cold_n, matches);
  const double rest_ms = run(cold_n, texts.size(), matches);
  std::size_t again = 0;
  const double warm_ms = run(0, texts.size(), again);

  // For scale: the loop of find() the issue rules out, over the first 1000 texts.
  std::vector<std::string> word_forms;
  for (const auto& w : words) word_forms.push_back(daifa::matching_form(w.word));
  std::size_t naive_matches = 0;
  auto tn = Clock::now();
  for (std::size_t i = 0; i < cold_n; ++i) {
    const std::string form = daifa::matching_form(texts[i]);
    for (const auto& f : word_forms) naive_matches += form.find(f) != std::string::npos;
  }
  const double naive_ms = ms_since(tn);

  std::printf("words: %zu, texts: %zu (%.1f MB, %.0f bytes average, %zu%% of characters from the words' vocabulary)\n",
              words.size(), texts.size(), static_cast<double>(text_bytes) / 1e6,
              static_cast<double>(text_bytes) / static_cast<double>(texts.size()), shared_percent);
  std::printf("compile: %.1f ms\n", compile_ms);
  std::printf("first %zu texts (cold DFA): %.1f ms, %.1f us per text\n", cold_n, cold_ms, cold_ms * 1000 / cold_n);
  std::printf("next %zu texts: %.1f ms, %.2f us per text\n", texts.size() - cold_n, rest_ms,
              rest_ms * 1000 / static_cast<double>(texts.size() - cold_n));
  std::printf("all %zu texts again (warm): %.1f ms, %.2f us per text, %.0f MB/s\n", texts.size(), warm_ms,
              warm_ms * 1000 / static_cast<double>(texts.size()), static_cast<double>(text_bytes) / 1e3 / warm_ms);
  std::printf("for scale, a loop of find() over the first %zu texts: %.1f ms, %.1f us per text (%zu matches)\n", cold_n,
              naive_ms, naive_ms * 1000 / static_cast<double>(cold_n), naive_matches);
  std::printf("matches: %zu (average %.2f per text)\n", again, static_cast<double>(again) / static_cast<double>(texts.size()));
  std::printf("memory: %ld KiB more resident after compiling and matching\n", rss_kib() - rss_before);
  return 0;
}
