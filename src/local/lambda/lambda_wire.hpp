#pragma once
/// \file Lambda's JSON shapes: request bodies read into the typed requests (a member of the wrong
/// JSON type is InvalidRequestContentException, as Lambda answers), typed results written as the
/// API returns them.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"
#include "local/lambda/lambda_service.hpp"

namespace hoplite::local::lambda::wire {

core::Result<CreateFunctionRequest> decode_create_function(const nlohmann::json& in);
core::Result<UpdateFunctionCodeRequest> decode_update_function_code(const nlohmann::json& in, std::string name);
core::Result<UpdateFunctionConfigurationRequest> decode_update_function_configuration(const nlohmann::json& in,
                                                                                      std::string name);
/// TagResource's `{"Tags": {...}}`.
core::Result<std::map<std::string, std::string>> decode_tags(const nlohmann::json& in);

nlohmann::json encode_configuration(const FunctionConfiguration& c);
nlohmann::json encode_get_function(const GetFunctionResponse& r);
nlohmann::json encode_list_functions(const ListFunctionsResponse& r);

}  // namespace hoplite::local::lambda::wire
