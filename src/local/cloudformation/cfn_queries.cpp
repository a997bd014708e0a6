// The reading operations: DescribeStacks, DescribeStackEvents, DescribeStackResource(s),
// ListStackResources, ListStacks, GetTemplate, GetTemplateSummary, ValidateTemplate, ListExports.
#include <set>

#include "local/cloudformation/cfn_lookup.hpp"
#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/cloudformation/stack_resolver.hpp"
#include "local/cloudformation/template_prep.hpp"
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kPage = 100;

core::Failure bad_token() { return aws_error("ValidationError", "Invalid NextToken"); }

/// Reads a page position (an index) from a token of `listing`.
core::Result<std::size_t> start_of(std::string_view listing, const std::optional<std::string>& token) {
  if (!token || token->empty()) return std::size_t{0};
  auto position = read_page_token(listing, *token);
  if (!position) return bad_token();
  std::size_t n = 0;
  for (char c : *position) {
    if (c < '0' || c > '9' || n > 100'000'000) return bad_token();
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

template <typename T>
std::vector<T> page_of(std::vector<T> all, std::size_t start, std::string_view listing,
                       std::optional<std::string>& next) {
  if (start >= all.size()) return {};
  std::size_t end = std::min(all.size(), start + kPage);
  if (end < all.size()) next = page_token(listing, std::to_string(end));
  return std::vector<T>(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(start)),
                        std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
}

std::vector<cf::TemplateParameter> declared_parameters(const cfn::TemplateDocument& doc, bool summary) {
  std::vector<cf::TemplateParameter> out;
  for (const auto& p : doc.parameters) {
    cf::TemplateParameter t{.key = p.name,
                            .default_value = p.default_value,
                            .no_echo = p.no_echo,
                            .description = p.description,
                            .type = summary ? p.type : "",
                            .allowed_values = summary ? p.allowed_values : std::vector<std::string>{}};
    if (p.no_echo && t.default_value) t.default_value = "****";
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

core::Result<cf::DescribeStacksResponse> CloudFormationService::describe_stacks(const CallContext& ctx,
                                                                                const cf::DescribeStacksRequest& r) {
  auto start = start_of("cfn.DescribeStacks", r.next_token);
  if (!start) return start.failure();
  return house_.db.transaction<cf::DescribeStacksResponse>(
      [&](store::Tx& tx) -> core::Result<cf::DescribeStacksResponse> {
        StackTable table(tx);
        cf::DescribeStacksResponse out;
        if (r.stack_name && !r.stack_name->empty()) {
          auto stack = find_stack(table, ctx, *r.stack_name, true);
          if (!stack) return stack.failure();
          out.stacks.push_back(to_api(*stack));
          return out;
        }
        auto stacks = table.stacks(ctx.principal.account_id, ctx.region, false);
        if (!stacks) return stacks.failure();
        std::vector<cf::Stack> all;
        for (const auto& s : *stacks) all.push_back(to_api(s));
        out.stacks = page_of(std::move(all), *start, "cfn.DescribeStacks", out.next_token);
        return out;
      });
}

core::Result<cf::DescribeStackEventsResponse> CloudFormationService::describe_stack_events(
    const CallContext& ctx, const cf::DescribeStackEventsRequest& r) {
  std::int64_t before = 0;
  if (r.next_token && !r.next_token->empty()) {
    auto position = start_of("cfn.DescribeStackEvents", r.next_token);
    if (!position) return position.failure();
    before = static_cast<std::int64_t>(*position);
  }
  return house_.db.transaction<cf::DescribeStackEventsResponse>(
      [&](store::Tx& tx) -> core::Result<cf::DescribeStackEventsResponse> {
        StackTable table(tx);
        auto stack = find_stack_optional(table, ctx, r.stack_name, true);
        if (!stack) return stack.failure();
        // Recorded on AWS: DescribeStackEvents words a missing stack as ChangeSet calls do, not
        // as DescribeStacks ("Stack with id X does not exist").
        if (!*stack) return aws_error("ValidationError", "Stack [" + r.stack_name.substr(0, 1024) + "] does not exist");
        auto events = table.events((*stack)->id, before, kPage + 1);
        if (!events) return events.failure();
        cf::DescribeStackEventsResponse out;
        for (std::size_t i = 0; i < events->size() && i < kPage; ++i) out.events.push_back(to_api((*events)[i]));
        if (events->size() > kPage)
          out.next_token = page_token("cfn.DescribeStackEvents", std::to_string((*events)[kPage - 1].seq));
        return out;
      });
}

core::Result<cf::StackResource> CloudFormationService::describe_stack_resource(
    const CallContext& ctx, const cf::DescribeStackResourceRequest& r) {
  return house_.db.transaction<cf::StackResource>([&](store::Tx& tx) -> core::Result<cf::StackResource> {
    StackTable table(tx);
    auto stack = find_stack(table, ctx, r.stack_name, true);
    if (!stack) return stack.failure();
    auto row = table.resource(stack->id, r.logical_resource_id);
    if (!row) return row.failure();
    // Recorded on AWS: a resource the create's rollback deleted is no longer the stack's.
    bool rolled_back = stack->status == "ROLLBACK_COMPLETE" && *row && (*row)->status == "DELETE_COMPLETE";
    if (!*row || (*row)->status.empty() || rolled_back)
      return aws_error("ValidationError",
                       "Resource " + r.logical_resource_id + " does not exist for stack " + r.stack_name);
    auto out = to_api(*stack, **row);
    if (!out.metadata) out.metadata = "{}";  // recorded on AWS for a resource without Metadata
    return out;
  });
}

core::Result<std::vector<cf::StackResource>> CloudFormationService::describe_stack_resources(
    const CallContext& ctx, const cf::DescribeStackResourcesRequest& r) {
  return house_.db.transaction<std::vector<cf::StackResource>>(
      [&](store::Tx& tx) -> core::Result<std::vector<cf::StackResource>> {
        StackTable table(tx);
        auto stack = find_stack(table, ctx, r.stack_name, true);
        if (!stack) return stack.failure();
        auto rows = table.resources(stack->id);
        if (!rows) return rows.failure();
        std::vector<cf::StackResource> out;
        for (const auto& row : *rows) {
          if (row.status.empty()) continue;
          if (r.logical_resource_id && row.logical_id != *r.logical_resource_id) continue;
          out.push_back(to_api(*stack, row));
        }
        return out;
      });
}

core::Result<cf::ListStackResourcesResponse> CloudFormationService::list_stack_resources(
    const CallContext& ctx, const cf::ListStackResourcesRequest& r) {
  auto start = start_of("cfn.ListStackResources", r.next_token);
  if (!start) return start.failure();
  return house_.db.transaction<cf::ListStackResourcesResponse>(
      [&](store::Tx& tx) -> core::Result<cf::ListStackResourcesResponse> {
        StackTable table(tx);
        auto stack = find_stack(table, ctx, r.stack_name, true);
        if (!stack) return stack.failure();
        auto rows = table.resources(stack->id);
        if (!rows) return rows.failure();
        std::vector<cf::StackResource> all;
        for (const auto& row : *rows) {
          if (row.status.empty()) continue;
          auto api = to_api(*stack, row);
          api.stack_id.clear();
          api.stack_name.clear();
          api.metadata.reset();
          all.push_back(std::move(api));
        }
        cf::ListStackResourcesResponse out;
        out.resources = page_of(std::move(all), *start, "cfn.ListStackResources", out.next_token);
        return out;
      });
}

core::Result<cf::ListStacksResponse> CloudFormationService::list_stacks(const CallContext& ctx,
                                                                        const cf::ListStacksRequest& r) {
  auto start = start_of("cfn.ListStacks", r.next_token);
  if (!start) return start.failure();
  std::set<std::string> wanted(r.status_filter.begin(), r.status_filter.end());
  return house_.db.transaction<cf::ListStacksResponse>([&](store::Tx& tx) -> core::Result<cf::ListStacksResponse> {
    StackTable table(tx);
    auto stacks = table.stacks(ctx.principal.account_id, ctx.region, true);
    if (!stacks) return stacks.failure();
    std::vector<cf::StackSummary> all;
    for (const auto& s : *stacks) {
      if (!wanted.empty() && !wanted.contains(s.status)) continue;
      cf::StackSummary summary{.stack_id = s.id,
                               .stack_name = s.name,
                               .template_description = std::nullopt,
                               .creation_time = from_millis(s.created),
                               .last_updated_time = std::nullopt,
                               .deletion_time = std::nullopt,
                               .stack_status = s.status,
                               .stack_status_reason = s.reason};
      if (!s.description.empty()) summary.template_description = s.description;
      if (s.updated) summary.last_updated_time = from_millis(*s.updated);
      if (s.deleted) summary.deletion_time = from_millis(*s.deleted);
      all.push_back(std::move(summary));
    }
    cf::ListStacksResponse out;
    out.summaries = page_of(std::move(all), *start, "cfn.ListStacks", out.next_token);
    return out;
  });
}

core::Result<cf::GetTemplateResponse> CloudFormationService::get_template(const CallContext& ctx,
                                                                          const cf::GetTemplateRequest& r) {
  if (r.template_stage && *r.template_stage != "Original" && *r.template_stage != "Processed")
    return aws_error("ValidationError", "1 validation error detected: Value '" + r.template_stage->substr(0, 64) +
                                            "' at 'templateStage' failed to satisfy constraint: Member must satisfy "
                                            "enum value set: [Original, Processed]");
  return house_.db.transaction<cf::GetTemplateResponse>([&](store::Tx& tx) -> core::Result<cf::GetTemplateResponse> {
    StackTable table(tx);
    cf::GetTemplateResponse out{.template_body = "", .stages_available = {"Original", "Processed"}};
    if (r.change_set_name && !r.change_set_name->empty()) {
      auto cs = find_change_set(table, ctx, *r.change_set_name, r.stack_name);
      if (!cs) return cs.failure();
      out.template_body = cs->template_body;
      return out;
    }
    if (!r.stack_name || r.stack_name->empty())
      return aws_error("ValidationError", "StackName is required if ChangeSetName is not specified.");
    auto stack = find_stack(table, ctx, *r.stack_name, true);
    if (!stack) return stack.failure();
    out.template_body = stack->template_body;
    return out;
  });
}

core::Result<cf::GetTemplateSummaryResponse> CloudFormationService::get_template_summary(
    const CallContext& ctx, const cf::GetTemplateSummaryRequest& r) {
  std::string body;
  if (r.stack_name && !r.stack_name->empty()) {
    auto stack = house_.db.transaction<StackRow>([&](store::Tx& tx) {
      StackTable table(tx);
      return find_stack(table, ctx, *r.stack_name, true);
    });
    if (!stack) return stack.failure();
    body = stack->template_body;
  } else {
    auto text = template_text(ctx, r.source);
    if (!text) return text.failure();
    body = *text;
  }
  auto doc = cfn::read_template(body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
  if (!doc) return doc.failure();
  if (auto ok = cfn::check_template(*doc); !ok) return ok.failure();
  cf::GetTemplateSummaryResponse out;
  out.parameters = declared_parameters(*doc, true);
  if (!doc->description.empty()) out.description = doc->description;
  auto needed = needed_capabilities(*doc);
  out.capabilities = needed.capabilities;
  out.capabilities_reason = needed.reason;
  std::set<std::string> types;
  for (const auto& res : doc->resources) types.insert(res.type);
  out.resource_types.assign(types.begin(), types.end());
  out.version = doc->format_version;
  out.declared_transforms = doc->transforms;
  for (const auto& type : types) {
    std::vector<std::string> ids;
    for (const auto& res : doc->resources)
      if (res.type == type) ids.push_back(res.logical_id);
    out.resource_identifier_summaries.emplace_back(type, std::move(ids));
  }
  return out;
}

core::Result<cf::ValidateTemplateResponse> CloudFormationService::validate_template(const CallContext& ctx,
                                                                                    const cf::TemplateSource& r) {
  auto body = template_text(ctx, r);
  if (!body) return body.failure();
  auto doc = cfn::read_template(*body);
  if (!doc) return doc.failure();
  if (auto ok = cfn::check_template(*doc); !ok) return ok.failure();
  cf::ValidateTemplateResponse out;
  out.parameters = declared_parameters(*doc, false);
  out.description = doc->description;
  auto needed = needed_capabilities(*doc);
  out.capabilities = needed.capabilities;
  out.capabilities_reason = needed.reason;
  out.declared_transforms = doc->transforms;
  return out;
}

core::Result<cf::ListExportsResponse> CloudFormationService::list_exports(const CallContext& ctx,
                                                                          const cf::ListExportsRequest& r) {
  auto start = start_of("cfn.ListExports", r.next_token);
  if (!start) return start.failure();
  return house_.db.transaction<cf::ListExportsResponse>([&](store::Tx& tx) -> core::Result<cf::ListExportsResponse> {
    StackTable table(tx);
    auto stacks = table.stacks(ctx.principal.account_id, ctx.region, false);
    if (!stacks) return stacks.failure();
    std::vector<cf::Export> all;
    for (const auto& s : *stacks) {
      if (!exports_visible(s.status)) continue;
      for (const auto& o : s.outputs)
        if (o.contains("export"))
          all.push_back({.exporting_stack_id = s.id, .name = o.value("export", ""), .value = o.value("value", "")});
    }
    std::sort(all.begin(), all.end(), [](const cf::Export& a, const cf::Export& b) { return a.name < b.name; });
    cf::ListExportsResponse out;
    out.exports = page_of(std::move(all), *start, "cfn.ListExports", out.next_token);
    return out;
  });
}

}  // namespace hoplite::local::cloudformation
