#pragma once
// Demo data: a realistic small business in Chinese (with English where a user expects it), so that a
// newcomer has something to look at. Deterministic: the same seed gives the same catalog.
#include <string>
#include <vector>

#include "app/app.h"

namespace daifa::app {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

struct DemoSummary {
  int suppliers = 0;
  int distributors = 0;
  int products = 0;
  int variants = 0;
  int offers = 0;
  int channels = 0;
  int orders = 0;
  std::vector<DemoLogin> logins;  // one per role
};

// Fills an empty database. Refuses (std::runtime_error) when it already has suppliers or products,
// so that it never mixes demo rows into real data.
DemoSummary load_demo(App& app, unsigned seed = 20261124);

// The demo logins, the same every time (printed by scripts/run).
std::vector<DemoLogin> demo_logins();

}  // namespace daifa::app
