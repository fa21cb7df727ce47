// Waybill PDF pages per second (issue #6): batches of 100 × 150 mm labels through render_waybills, with the
// real font, zint and libharu, as POST /waybills will render them. No store, no HTTP: the renderer alone.
//   waybill_bench [--labels 500] [--rounds 5] [--threads 1] [--out batch.pdf] [--font file.ttf]
// --threads N renders N batches at once (one document each), to show what the 2 cores give together.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "integrations/waybill/waybill_pdf.h"

namespace {

using Clock = std::chrono::steady_clock;
using daifa::integrations::WaybillLabel;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of the whole process (all threads), so that a machine shared with other builds still gives a
// figure: pages per CPU-second does not depend on how much of the wall clock others took.
double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

std::vector<WaybillLabel> make_labels(int n) {
  const char* carriers[] = {"SF", "YTO", "ZTO", "YUNDA", "JTSD"};
  const char* names[] = {"张伟明", "欧阳娜娜", "李雷", "王芳", "陈小龙", "赵丽颖"};
  const char* cities[] = {"广东省深圳市南山区粤海街道科技园南区高新南七道", "浙江省杭州市余杭区五常街道文一西路",
                          "北京市朝阳区建国路", "四川省成都市高新区天府大道中段", "上海市浦东新区张江镇博云路"};
  std::vector<WaybillLabel> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    WaybillLabel l;
    l.carrier_code = carriers[i % 5];
    l.tracking_number = std::string(i % 5 == 0 ? "SF" : "") + std::to_string(1402386958217LL + i * 7919LL);
    l.order_reference = "DF-20261125-" + std::to_string(10000 + i);
    l.parcel_index = i % 2 + 1;
    l.parcel_count = 2;
    l.sender_name = "发货中心";
    l.sender_phone = "400-820-8820";
    l.sender_address = "浙江省杭州市余杭区文一西路 969 号 3 号楼";
    l.receiver_name = names[i % 6];
    l.receiver_phone = "138 " + std::to_string(1000 + i % 9000) + " 8000";
    l.receiver_address = std::string(cities[i % 5]) + " " + std::to_string(i % 300 + 1) + " 号 " +
                         std::to_string(i % 30 + 1) + " 栋 " + std::to_string(100 + i % 2000) + " 室";
    l.item_summary = "蓝牙耳机 × " + std::to_string(i % 3 + 1) + "，手机壳（黑色）× 1，Type-C 数据线 × 3";
    if (i % 4 == 0) l.cod = daifa::Money{12850 + i, *daifa::Currency::parse("CNY")};
    l.printed_at = "2026-11-25 10:42";
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int labels = 500, rounds = 5, threads = 1;
  std::string out_path;
  auto font = daifa::integrations::default_waybill_font();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--labels")) labels = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--out")) out_path = argv[i + 1];
    else if (!std::strcmp(argv[i], "--font")) font = daifa::integrations::WaybillFont{argv[i + 1], 0};
  }
  const auto batch = make_labels(labels);
  if (!font) {
    std::fprintf(stderr, "no waybill font installed\n");
    return 1;
  }
  std::printf("font: %s\n", font->path.c_str());

  // One label: the fixed cost of a document (loading and embedding the font) dominates it.
  auto t = Clock::now();
  const std::string single = daifa::integrations::render_waybills({batch[0]}, *font);
  std::printf("single label: %.1f ms, %zu bytes\n", ms_since(t), single.size());

  std::vector<double> rates, cpu_rates;
  std::size_t bytes = 0;
  for (int r = 0; r < rounds; ++r) {
    t = Clock::now();
    const double cpu0 = cpu_ms();
    std::vector<std::thread> workers;
    std::vector<std::size_t> sizes(static_cast<std::size_t>(threads));
    for (int w = 0; w < threads; ++w)
      workers.emplace_back([&, w] { sizes[static_cast<std::size_t>(w)] = daifa::integrations::render_waybills(batch, *font).size(); });
    for (auto& w : workers) w.join();
    const double ms = ms_since(t);
    const double cpu = cpu_ms() - cpu0;
    bytes = sizes[0];
    rates.push_back(labels * threads / (ms / 1000.0));
    cpu_rates.push_back(labels * threads / (cpu / 1000.0));
    std::printf("round %d: %d × %d labels in %.0f ms (%.0f ms CPU) = %.0f pages/s, %.0f pages per CPU-second\n", r + 1,
                threads, labels, ms, cpu, rates.back(), cpu_rates.back());
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::printf("labels %d threads %d: median %.0f pages/s, best %.0f; median %.0f pages per CPU-second; PDF %zu bytes "
              "(%.1f KiB/page)\n",
              labels, threads, rates[rates.size() / 2], rates.back(), cpu_rates[cpu_rates.size() / 2], bytes,
              bytes / 1024.0 / labels);
  if (!out_path.empty()) {
    std::ofstream(out_path, std::ios::binary) << daifa::integrations::render_waybills(batch, *font);
  }
  return 0;
}
