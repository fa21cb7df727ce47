// daifa — one binary: serve | migrate | demo | user add | --version.
#include <CLI/CLI.hpp>
#include <sodium.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/accounts/accounts.h"
#include "app/catalog/images.h"
#include "app/crypto.h"
#include "app/demo/demo.h"
#include "cli/config.h"
#include "http/api/api.h"
#include "http/log.h"
#include "http/server.h"
#include "integrations/jobs/job_runner.h"
#include "integrations/notify/dispatcher.h"
#include "store/migrations.h"
#include "store/store.h"

namespace {

using namespace daifa;

int fail_config(const std::vector<std::string>& problems) {
  for (const auto& p : problems) std::cerr << "daifa: invalid setting " << p << "\n";
  return 2;
}

int pick_node_id(int configured) {
  if (configured >= 0) return configured;
  return static_cast<int>(randombytes_uniform(kMaxNodeId + 1));
}

http::LogLevel parse_level(const std::string& s) {
  if (s == "debug") return http::LogLevel::debug;
  if (s == "warn") return http::LogLevel::warn;
  if (s == "error") return http::LogLevel::error;
  return http::LogLevel::info;
}

int serve(cli::Config cfg) {
  if (auto problems = cli::validate(cfg); !problems.empty()) return fail_config(problems);
  http::init_logging(parse_level(cfg.log_level));
  app::SystemClock clock;
  http::Metrics metrics;
  store::StoreOptions options;
  options.read_connections = static_cast<std::size_t>(cfg.read_connections);
  store::Store store(cfg.db_url, options, clock.now().unix_ms,
                     [&metrics](std::size_t n, std::int64_t us) { metrics.observe_batch(n, us); });
  IdGenerator ids(pick_node_id(cfg.node_id));
  app::AppConfig app_config;
  app_config.session_ttl_ms = cfg.session_ttl_s * 1000;
  app_config.feed_timeout_ms = cfg.feed_timeout_ms;
  app_config.feed_max_bytes = static_cast<std::size_t>(cfg.feed_max_bytes);
  app_config.feed_allow_private_hosts = cfg.feed_allow_private == 1;
  for (std::size_t at = 0; at <= cfg.polled_carriers.size();) {
    std::size_t comma = std::min(cfg.polled_carriers.find(',', at), cfg.polled_carriers.size());
    std::string code = cfg.polled_carriers.substr(at, comma - at);
    if (!code.empty()) app_config.polled_carriers.push_back(code);
    at = comma + 1;
  }
  app::App app(store, clock, ids, app_config);
  http::Api api(app, metrics, static_cast<std::size_t>(cfg.blocking_threads));
  http::add_all_routes(api);
  http::StaticFiles console(cfg.web_root);
  if (!console.empty()) api.set_static_files(&console);

  http::ServerOptions server_options;
  server_options.host = cfg.host;
  server_options.port = cfg.port;
  server_options.body_limit_bytes = static_cast<std::size_t>(cfg.body_limit_bytes);
  server_options.on_slow_handler = [](const http::Request& req, std::int64_t held_ms) {
    http::log(http::LogLevel::warn, "a handler held its socket thread",
              {{"request_id", req.request_id}, {"method", req.method}, {"path", req.path}, {"held_ms", held_ms},
               {"hint", "CPU-heavy or networked handlers belong in Api::blocking (decision 0010)"}});
  };
  http::Server server(server_options, [&api](http::Request& req) { return api.handle(req); });
  std::uint16_t port = server.start();
  // Webhooks and customer mail from the outbox; woken by each commit (App::commits()).
  integrations::DispatcherOptions notify_options;
  notify_options.webhook_timeout_ms = cfg.webhook_timeout_ms;
  notify_options.smtp_url = cfg.smtp_url;
  notify_options.mail_from = cfg.mail_from;
  notify_options.mail_from_name = cfg.mail_from_name;
  notify_options.workers = static_cast<std::size_t>(cfg.webhook_workers);
  notify_options.on_error = [](const std::string& error) {
    http::log(http::LogLevel::warn, "notification pass failed", {{"error", error}});
  };
  integrations::NotificationDispatcher dispatcher(app, notify_options);
  dispatcher.start();
  // Tracking subscriptions, polls and the fulfilment-alert scan: persisted jobs, run when due.
  integrations::JobRunnerOptions job_options;
  job_options.kuaidi100_subscribe_url = cfg.kuaidi100_url;
  job_options.kuaidi100_query_url = cfg.kuaidi100_query_url;
  job_options.kuaidi100_key = cfg.kuaidi100_key;
  job_options.kuaidi100_customer = cfg.kuaidi100_customer;
  job_options.tracking_callback_url = cfg.tracking_callback_url;
  job_options.on_error = [](const std::string& error) {
    http::log(http::LogLevel::warn, "job pass failed", {{"error", error}});
  };
  integrations::JobRunner jobs(app, job_options);
  jobs.start();
  http::log(http::LogLevel::info, "listening",
            {{"url", "http://" + cfg.host + ":" + std::to_string(port)},
             {"store", store.database().describe()},
             {"console_files", console.size()}});
  http::flush_log();  // scripts and tests wait for this line

  // Housekeeping: expired sessions and old idempotency keys, every ten minutes.
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  std::thread sweeper([&] {
    std::unique_lock lock(mu);
    while (!cv.wait_for(lock, std::chrono::minutes(10), [&] { return stopping; })) {
      lock.unlock();
      try {
        app::sweep(app);
      } catch (const std::exception& e) {
        http::log(http::LogLevel::warn, "sweep failed", {{"error", e.what()}});
      }
      lock.lock();
    }
  });

  server.wait_for_signal();  // returns after in-flight requests are answered
  {
    std::lock_guard lock(mu);
    stopping = true;
  }
  cv.notify_all();
  sweeper.join();
  jobs.stop();
  dispatcher.stop();  // finishes its pass and records it while the writer still runs
  store.close();  // commits the writer's last batch
  http::log(http::LogLevel::info, "stopped", {});
  http::flush_log();
  return 0;
}

int migrate_cmd(const cli::Config& cfg) {
  app::SystemClock clock;
  auto db = store::open_database(cfg.db_url);
  auto conn = db->connect(false);
  int applied = store::migrate(*conn, clock.now().unix_ms);
  std::cout << "applied " << applied << " migration(s); schema version " << store::current_schema_version(*conn)
            << "\n";
  return 0;
}

int demo_cmd(const cli::Config& cfg) {
  app::SystemClock clock;
  store::Store store(cfg.db_url, {}, clock.now().unix_ms);
  IdGenerator ids(pick_node_id(cfg.node_id));
  app::App app(store, clock, ids);
  auto summary = app::load_demo(app);
  std::cout << "demo data loaded: " << summary.suppliers << " suppliers, " << summary.distributors
            << " distributors, " << summary.products << " products, " << summary.variants << " variants, "
            << summary.offers << " offers, " << summary.channels << " channels, " << summary.orders << " orders\n";
  for (const auto& login : summary.logins) {
    std::cout << "  " << login.role << ": " << login.email << " / " << login.password << "\n";
  }
  return 0;
}

int user_add_cmd(const cli::Config& cfg, const std::string& email, const std::string& password,
                 const std::string& role_text, const std::string& supplier, const std::string& distributor) {
  auto role = parse_role(role_text);
  if (!role) {
    std::cerr << "daifa: role must be one of owner, operator, agent, finance, supplier, distributor\n";
    return 2;
  }
  app::NewUser input{email, password, *role, std::nullopt, std::nullopt};
  if (!supplier.empty() && !(input.supplier_id = parse_id(supplier))) {
    std::cerr << "daifa: supplier must be a supplier id\n";
    return 2;
  }
  if (!distributor.empty() && !(input.distributor_id = parse_id(distributor))) {
    std::cerr << "daifa: distributor must be a distributor id\n";
    return 2;
  }
  app::SystemClock clock;
  store::Store store(cfg.db_url, {}, clock.now().unix_ms);
  IdGenerator ids(pick_node_id(cfg.node_id));
  app::App app(store, clock, ids);
  auto prepared = app::prepare_user(app, input);
  auto report = [](const Failure& f) {
    std::cerr << "daifa: " << f.detail << "\n";
    for (const auto& e : f.errors) std::cerr << "  " << e.field << ": " << e.message << " (" << e.code << ")\n";
    return 1;
  };
  if (!prepared) return report(prepared.failure());
  auto user = store.writer().run([&](store::Tx& tx) {
    auto u = app::insert_prepared_user(tx, *prepared);
    if (!u) tx.abort();
    return u;
  });
  if (!user) return report(user.failure());
  std::cout << "user " << id_to_string(user->id) << " " << user->email << " (" << to_string(user->role) << ") added\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace daifa;
  CLI::App cli_app{"Daifa (代发) — dropshipping and channel-distribution back office", "daifa"};
  cli_app.set_version_flag("--version", std::string("daifa ") + DAIFA_VERSION);
  cli_app.require_subcommand(1);

  cli::Config cfg;
  cli::apply_environment(cfg);
  auto add_db = [&](CLI::App* sub) {
    sub->add_option("--db", cfg.db_url, "database URL: sqlite:PATH or postgresql://... (env DAIFA_DB)")
        ->capture_default_str();
  };

  auto* serve_cmd = cli_app.add_subcommand("serve", "serve the API and the console");
  add_db(serve_cmd);
  serve_cmd->add_option("--listen", cfg.listen, "HOST:PORT (env DAIFA_LISTEN)")->capture_default_str();
  serve_cmd->add_option("--web", cfg.web_root, "folder of the built web console (env DAIFA_WEB_ROOT)")->capture_default_str();
  serve_cmd->add_option("--node-id", cfg.node_id, "0..1023, unique per node on a shared PostgreSQL (env DAIFA_NODE_ID)");

  auto* migrate = cli_app.add_subcommand("migrate", "apply missing schema migrations");
  add_db(migrate);
  auto* demo = cli_app.add_subcommand("demo", "load demo data into an empty database");
  add_db(demo);

  auto* user = cli_app.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a user");
  add_db(user_add);
  std::string email, password, role, supplier, distributor;
  user_add->add_option("--email", email, "sign-in email")->required();
  user_add->add_option("--password", password, "at least 8 characters")->required();
  user_add->add_option("--role", role, "owner, operator, agent, finance, supplier or distributor")->required();
  user_add->add_option("--supplier", supplier, "supplier id (role supplier)");
  user_add->add_option("--distributor", distributor, "distributor id (role distributor)");

  CLI11_PARSE(cli_app, argc, argv);
  try {
    app::init_crypto();
    app::init_images();
    if (*serve_cmd) return serve(cfg);
    auto problems = cli::validate(cfg);
    if (!problems.empty() && problems.front().rfind("db:", 0) == 0) return fail_config({problems.front()});
    if (*migrate) return migrate_cmd(cfg);
    if (*demo) return demo_cmd(cfg);
    if (*user_add) return user_add_cmd(cfg, email, password, role, supplier, distributor);
  } catch (const std::exception& e) {
    std::cerr << "daifa: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
