#pragma once
// JSON shapes of suppliers and distributors, and reading their fields from a request body.
#include <functional>

#include <boost/json.hpp>

#include "domain/catalog/supplier.h"
#include "domain/distribution/distributor.h"
#include "http/core/json_reader.h"

namespace daifa::http {

boost::json::object supplier_json(const Supplier& s);
boost::json::object distributor_json(const Distributor& d);
boost::json::object contact_json(const Contact& c);

// Reads the fields present in `body` into a patch; with `creating`, the required ones must be there.
std::function<void(Supplier&)> read_supplier(const boost::json::object& body, FieldErrors& errors, bool creating);
// The `shipping_templates` array of a supplier body (nullopt when absent); problems name each element's field.
std::optional<std::vector<ShippingTemplate>> read_shipping_templates(const boost::json::object& body,
                                                                     FieldErrors& errors);
std::function<void(Distributor&)> read_distributor(const boost::json::object& body, FieldErrors& errors, bool creating);

}  // namespace daifa::http
