#include "domain/orders/shipment.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace daifa {
namespace {

constexpr std::array kNames{
    std::pair{ShipmentStatus::label_created, std::string_view("label_created")},
    std::pair{ShipmentStatus::in_transit, std::string_view("in_transit")},
    std::pair{ShipmentStatus::delivered, std::string_view("delivered")},
    std::pair{ShipmentStatus::exception, std::string_view("exception")},
    std::pair{ShipmentStatus::returned, std::string_view("returned")},
};

// Names suppliers and shops use for the big Chinese carriers, and Kuaidi100's code for each.
struct CarrierName {
  std::string_view code;
  std::array<std::string_view, 5> names;
};
constexpr std::array kCarriers{
    CarrierName{"shunfeng", {"sf", "sfexpress", "shunfeng", "顺丰", "顺丰速运"}},
    CarrierName{"yuantong", {"yto", "yuantong", "圆通", "圆通速递", ""}},
    CarrierName{"zhongtong", {"zto", "zhongtong", "中通", "中通快递", ""}},
    CarrierName{"yunda", {"yunda", "yd", "韵达", "韵达快递", ""}},
    CarrierName{"shentong", {"sto", "shentong", "申通", "申通快递", ""}},
    CarrierName{"jtexpress", {"jt", "jtexpress", "极兔", "极兔速递", "j&t"}},
    CarrierName{"ems", {"ems", "邮政ems", "中国邮政ems", "", ""}},
    CarrierName{"youzhengguonei", {"youzhengguonei", "chinapost", "邮政", "中国邮政", "邮政快递包裹"}},
    CarrierName{"jd", {"jd", "jingdong", "京东", "京东物流", "京东快递"}},
    CarrierName{"debangwuliu", {"debang", "debangwuliu", "deppon", "德邦", "德邦快递"}},
};

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

std::string_view to_string(ShipmentStatus s) {
  for (auto& [v, n] : kNames) if (v == s) return n;
  return "in_transit";
}

std::optional<ShipmentStatus> parse_shipment_status(std::string_view text) {
  for (auto& [v, n] : kNames) if (n == text) return v;
  return std::nullopt;
}

ShipmentStatus next_shipment_status(ShipmentStatus current, std::optional<ShipmentStatus> reported, bool has_scans) {
  if (current == ShipmentStatus::returned) return current;
  if (current == ShipmentStatus::delivered) {
    return reported == ShipmentStatus::returned ? ShipmentStatus::returned : current;
  }
  if (reported && *reported != ShipmentStatus::label_created) return *reported;
  if (has_scans && current == ShipmentStatus::label_created) return ShipmentStatus::in_transit;
  return current;
}

std::optional<std::string> kuaidi100_company(std::string_view carrier) {
  std::string_view trimmed = carrier;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  const std::string name = lower_ascii(trimmed);
  if (name.empty()) return std::nullopt;
  for (const CarrierName& c : kCarriers) {
    if (std::find(c.names.begin(), c.names.end(), name) != c.names.end()) return std::string(c.code);
  }
  return std::nullopt;
}

}  // namespace daifa
