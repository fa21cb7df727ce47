#pragma once
// The one place where outcomes become HTTP: the status for each Status value, and the RFC 7807
// application/problem+json body with errors[] naming every invalid field.
#include <string_view>

#include "domain/common/status.h"
#include "http/core/message.h"

namespace daifa::http {

int http_status(Status s);

Response problem(Status s, std::string_view detail, const FieldErrors& errors = {});
Response problem(const Failure& f);

}  // namespace daifa::http
