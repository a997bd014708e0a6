#include "local/cloudformation/providers/s3_bucket_configs.hpp"

#include <tuple>

#include "hoplite/aws/xml_writer.hpp"
#include "local/cloudformation/providers/properties.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::string_view kXmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

/// Each item of the list `props[key]` as an element `name`.
void each(aws::XmlWriter& w, const nlohmann::json& props, const char* key, std::string_view name) {
  if (auto it = props.find(key); it != props.end() && it->is_array())
    for (const auto& v : *it) w.element(name, as_text(v));
}

/// `props[key]` as the element `name`, when present.
void maybe(aws::XmlWriter& w, const nlohmann::json& props, const char* key, std::string_view name) {
  if (auto v = text(props, key)) w.element(name, *v);
}

/// S3's Filter of one notification: `S3Key.Rules[]` -> `S3Key/FilterRule`.
void filter(aws::XmlWriter& w, const nlohmann::json& config) {
  auto f = config.find("Filter");
  if (f == config.end() || !f->is_object()) return;
  auto key = f->find("S3Key");
  if (key == f->end() || !key->is_object()) return;
  w.open("Filter").open("S3Key");
  if (auto rules = key->find("Rules"); rules != key->end() && rules->is_array())
    for (const auto& r : *rules)
      if (r.is_object())
        w.open("FilterRule")
            .element("Name", as_text(r.value("Name", "")))
            .element("Value", as_text(r.value("Value", "")))
            .close();
  w.close().close();
}

}  // namespace

std::optional<std::string> cors_document(const nlohmann::json& props) {
  auto cors = props.find("CorsConfiguration");
  if (cors == props.end() || !cors->is_object()) return std::nullopt;
  aws::XmlWriter w;
  w.open("CORSConfiguration", kXmlns);
  if (auto rules = cors->find("CorsRules"); rules != cors->end() && rules->is_array())
    for (const auto& r : *rules) {
      if (!r.is_object()) continue;
      w.open("CORSRule");
      maybe(w, r, "Id", "ID");
      each(w, r, "AllowedHeaders", "AllowedHeader");
      each(w, r, "AllowedMethods", "AllowedMethod");
      each(w, r, "AllowedOrigins", "AllowedOrigin");
      each(w, r, "ExposedHeaders", "ExposeHeader");
      maybe(w, r, "MaxAge", "MaxAgeSeconds");
      w.close();
    }
  return w.finish();
}

std::optional<std::string> website_document(const nlohmann::json& props) {
  auto site = props.find("WebsiteConfiguration");
  if (site == props.end() || !site->is_object()) return std::nullopt;
  aws::XmlWriter w;
  w.open("WebsiteConfiguration", kXmlns);
  if (auto index = site->find("IndexDocument"); index != site->end())
    w.open("IndexDocument").element("Suffix", as_text(*index)).close();
  if (auto error = site->find("ErrorDocument"); error != site->end())
    w.open("ErrorDocument").element("Key", as_text(*error)).close();
  if (auto all = site->find("RedirectAllRequestsTo"); all != site->end() && all->is_object()) {
    w.open("RedirectAllRequestsTo");
    maybe(w, *all, "HostName", "HostName");
    maybe(w, *all, "Protocol", "Protocol");
    w.close();
  }
  if (auto rules = site->find("RoutingRules"); rules != site->end() && rules->is_array()) {
    w.open("RoutingRules");
    for (const auto& r : *rules) {
      if (!r.is_object()) continue;
      w.open("RoutingRule");
      if (auto c = r.find("RoutingRuleCondition"); c != r.end() && c->is_object()) {
        w.open("Condition");
        maybe(w, *c, "HttpErrorCodeReturnedEquals", "HttpErrorCodeReturnedEquals");
        maybe(w, *c, "KeyPrefixEquals", "KeyPrefixEquals");
        w.close();
      }
      if (auto to = r.find("RedirectRule"); to != r.end() && to->is_object()) {
        w.open("Redirect");
        for (const char* k : {"HostName", "HttpRedirectCode", "Protocol", "ReplaceKeyPrefixWith", "ReplaceKeyWith"})
          maybe(w, *to, k, k);
        w.close();
      }
      w.close();
    }
    w.close();
  }
  return w.finish();
}

std::optional<std::string> object_lock_document(const nlohmann::json& props) {
  auto lock = props.find("ObjectLockConfiguration");
  bool configured = lock != props.end() && lock->is_object();
  if (!configured && text(props, "ObjectLockEnabled").value_or("false") != "true") return std::nullopt;
  aws::XmlWriter w;
  w.open("ObjectLockConfiguration", kXmlns).element("ObjectLockEnabled", "Enabled");
  if (configured)
    if (auto rule = lock->find("Rule"); rule != lock->end() && rule->is_object())
      if (auto d = rule->find("DefaultRetention"); d != rule->end() && d->is_object()) {
        w.open("Rule").open("DefaultRetention");
        maybe(w, *d, "Mode", "Mode");
        maybe(w, *d, "Days", "Days");
        maybe(w, *d, "Years", "Years");
        w.close().close();
      }
  return w.finish();
}

std::optional<std::string> notification_document(const nlohmann::json& props, const std::string& id_prefix) {
  auto n = props.find("NotificationConfiguration");
  if (n == props.end() || !n->is_object()) return std::nullopt;
  aws::XmlWriter w;
  w.open("NotificationConfiguration", kXmlns);
  int index = 0;
  // CloudFormation's list, its element, and the element naming the destination.
  for (const auto& [list, element, target, arn] :
       {std::tuple{"TopicConfigurations", "TopicConfiguration", "Topic", "Topic"},
        std::tuple{"QueueConfigurations", "QueueConfiguration", "Queue", "Queue"},
        std::tuple{"LambdaConfigurations", "CloudFunctionConfiguration", "CloudFunction", "Function"}}) {
    auto configs = n->find(list);
    if (configs == n->end() || !configs->is_array()) continue;
    for (const auto& c : *configs) {
      if (!c.is_object()) continue;
      w.open(element).element("Id", id_prefix + std::to_string(++index));
      maybe(w, c, arn, target);
      maybe(w, c, "Event", "Event");
      filter(w, c);
      w.close();
    }
  }
  if (n->contains("EventBridgeConfiguration")) w.open("EventBridgeConfiguration").close();
  return w.finish();
}

}  // namespace hoplite::local::cloudformation
