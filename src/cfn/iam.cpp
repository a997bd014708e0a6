#include "hoplite/cfn/iam.hpp"

#include <utility>

namespace hoplite::cfn::iam {

Json policy_document(std::span<const PolicyStatement> statements) {
  Json::Array out;
  for (const auto& st : statements) {
    Json s = Json::object({{"Effect", "Allow"}});
    Json::Array actions;
    for (const auto& a : st.actions) actions.emplace_back(a);
    s.set("Action", Json::array(std::move(actions)));
    s.set("Resource", Json::array(st.resources));
    if (!st.condition.is_null()) s.set("Condition", st.condition);
    out.push_back(std::move(s));
  }
  return Json::object({{"Version", "2012-10-17"}, {"Statement", Json::array(std::move(out))}});
}

}  // namespace hoplite::cfn::iam
