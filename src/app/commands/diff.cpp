#include "app/commands/diff.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/commands/provision.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/provision/deploy.hpp"
#include "hoplite/provision/template_upload.hpp"

namespace hoplite::app {
namespace {

namespace cf = aws::cloudformation;

char mark(const std::string& action) {
  if (action == "Add") return '+';
  if (action == "Remove") return '-';
  return '~';
}

// Where a detail applies: "/Properties/Memory", or "Properties.Memory" without property values.
std::string where_of(const cf::ChangeTarget& d) {
  return !d.path.empty() ? d.path : d.attribute + (d.name.empty() ? "" : "." + d.name);
}

// A value CloudFormation cannot know before the update (it reads a resource being replaced).
constexpr std::string_view kKnownAfterApply = "{{changeSet:KNOWN_AFTER_APPLY}}";

// One line per property. CloudFormation describes a property that reads a replaced resource twice
// (a Dynamic DirectModification and the Static ResourceReference that causes it, same path and
// values); the user needs it once, with the cause. `because` lists the causing entities.
std::string detail_line(const cf::ChangeDetail& detail, const std::vector<std::string>& because) {
  auto safe = [](const std::string& s) { return core::terminal_safe(s, 512); };
  const cf::ChangeTarget& d = detail.target;
  std::string line = "    " + safe(where_of(d));
  if (d.before_value || d.after_value) {
    const std::string after = d.after_value.value_or("");
    line += ": " + safe(d.before_value.value_or("")) + " \u2192 " +
            (after == kKnownAfterApply ? std::string("(known after the update)") : safe(after));
  }
  if (d.requires_recreation == "Always") line += "  (replaces)";
  if (d.requires_recreation == "Conditionally") line += "  (may replace)";
  if (!because.empty()) {
    line += "  (because of ";
    for (std::size_t i = 0; i < because.size(); ++i) line += (i == 0 ? "" : ", ") + safe(because[i]);
    line += ')';
  }
  return line + '\n';
}

// The details of one change, one line per property path, in first-seen order.
std::string details_text(const std::vector<cf::ChangeDetail>& details) {
  std::vector<std::string> order;
  std::map<std::string, std::pair<const cf::ChangeDetail*, std::vector<std::string>>> merged;
  for (const auto& d : details) {
    const std::string where = where_of(d.target);
    auto [it, fresh] = merged.try_emplace(where, &d, std::vector<std::string>{});
    if (fresh) order.push_back(where);
    auto& [first, because] = it->second;
    // Prefer the detail that knows the values (and the stronger recreation) as the one shown.
    if (!first->target.before_value && d.target.before_value) first = &d;
    if (d.target.requires_recreation == "Always") first = &d;
    if (!d.causing_entity.empty() && std::find(because.begin(), because.end(), d.causing_entity) == because.end())
      because.push_back(d.causing_entity);
  }
  std::string out;
  for (const auto& where : order) {
    const auto& [d, because] = merged.at(where);
    out += detail_line(*d, because);
  }
  return out;
}

}  // namespace

std::string diff_text(const std::vector<cf::ResourceChange>& changes) {
  std::size_t id_width = 0;
  std::size_t type_width = 0;
  for (const auto& c : changes) {
    id_width = std::max(id_width, core::terminal_safe(c.logical_resource_id, 256).size());
    type_width = std::max(type_width, core::terminal_safe(c.resource_type, 256).size());
  }
  std::string out;
  for (const auto& c : changes) {
    const std::string id = core::terminal_safe(c.logical_resource_id, 256);
    const std::string type = core::terminal_safe(c.resource_type, 256);
    std::string line = fmt::format("{} {}{}  {}", mark(c.action), id, std::string(id_width - id.size(), ' '), type);
    if (c.replacement == "True") line += std::string(type_width - type.size(), ' ') + "  replaced";
    if (c.replacement == "Conditional") line += std::string(type_width - type.size(), ' ') + "  may be replaced";
    out += line + '\n';
    out += details_text(c.details);
  }
  return out;
}

std::string diff_json(const std::string& stack, const std::vector<cf::ResourceChange>& changes) {
  nlohmann::ordered_json doc{{"stack", stack}, {"changes", nlohmann::ordered_json::array()}};
  for (const auto& c : changes) {
    nlohmann::ordered_json change{{"action", c.action},
                                  {"logical_id", c.logical_resource_id},
                                  {"type", c.resource_type},
                                  {"replacement", c.replacement},
                                  {"details", nlohmann::ordered_json::array()}};
    for (const auto& detail : c.details) {
      const cf::ChangeTarget& d = detail.target;
      change["details"].push_back({{"attribute", d.attribute},
                                   {"name", d.name},
                                   {"path", d.path},
                                   {"before", d.before_value.value_or("")},
                                   {"after", d.after_value.value_or("")},
                                   {"requires_recreation", d.requires_recreation},
                                   {"evaluation", detail.evaluation},
                                   {"change_source", detail.change_source},
                                   {"causing_entity", detail.causing_entity}});
    }
    doc["changes"].push_back(std::move(change));
  }
  // Replacement characters for invalid UTF-8 from the peer: the output always parses.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

void add_diff(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand("diff", "Show what the next provision would change (exit 0: nothing, 3: changes)");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  add_image_target_flags(*sub, options->image);
  sub->add_flag("--json", options->json, "Print the changes as one JSON document");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_diff(env, *options); });
}

CommandResult run_diff(CommandEnv& env, const DiffOptions& options) {
  bool has_image = false;
  provision::StackTarget target{.stack_name = env.service.name()};
  target.template_body = synthesized_template(env, &has_image);
  auto session = env.aws();
  if (!session) return session.failure();
  cf::Client cfn((*session)->config());
  if (has_image) {
    // The digest the next provision would push: computed, not written or sent.
    auto img = build_service_image_for(env, nullptr);
    if (!img) return img.failure();
    auto publisher = make_publisher(env, **session, options.image, /*noop=*/true, nullptr);
    if (!publisher) return publisher.failure();
    auto pub = (*publisher)->publish(*img, env.build_id().value);
    if (!pub) return pub.failure();
    target.parameters[fargate::kImageParameter] = pub->image_uri;
  }
  auto before = provision::prepare_stack(cfn, target.stack_name, {}, /*read_only=*/true);
  if (!before) return before.failure();

  std::vector<cf::ResourceChange> changes;
  if (!before->stack || before->stack->stack_status == "REVIEW_IN_PROGRESS" ||
      before->stack->stack_status == "ROLLBACK_COMPLETE") {
    // A new stack: everything is added; no change set (it would create the stack).
    for (const auto& [id, type] : template_resources(target.template_body))
      changes.push_back({.action = "Add", .logical_resource_id = id, .resource_type = type});
  } else {
    auto same = provision::already_deployed(cfn, *before->stack, target);
    if (!same) return same.failure();
    if (!*same) {
      if (target.template_body.size() > provision::kMaxTemplateBodyBytes)
        return core::fail("app.diff",
                          "the template is larger than CloudFormation accepts inline; diff cannot "
                          "compute its change set without uploading it (run provision --noop)");
      auto p = provision::plan(cfn, *before, target, {}, /*values=*/true);
      if (!p) return p.failure();
      changes = p->changes;
      provision::discard_plan(cfn, *p);
    }
  }
  if (options.json) {
    env.out << diff_json(target.stack_name, changes);
  } else if (changes.empty()) {
    core::log::info("no changes: stack {} already runs this template and image", target.stack_name);
  } else {
    env.out << diff_text(changes);
  }
  if (int code = finish_output(env, "diff"); code != kExitOk) return code;
  return changes.empty() ? kExitOk : kExitChanges;
}

}  // namespace hoplite::app
