#include "hoplite/aws/ecs_wire.hpp"

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::ecs::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

// ---- small structures ----

json pairs_json(const std::vector<KeyValuePair>& pairs) {
  json out = json::array();
  for (const auto& p : pairs) out.push_back({{"name", p.name}, {"value", p.value}});
  return out;
}
void read_pair(JsonReader& r, KeyValuePair& p) {
  r.get("name", p.name);
  r.get("value", p.value);
}

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
  return out;
}
void read_tag(JsonReader& r, Tag& t) {
  r.get("key", t.key);
  r.get("value", t.value);
}

void put_list(json& j, std::string_view key, const std::vector<std::string>& values) {
  if (!values.empty()) j[std::string(key)] = values;
}

json failures_json(const std::vector<Failure>& failures) {
  json out = json::array();
  for (const auto& f : failures) {
    json j{{"arn", f.arn}, {"reason", f.reason}};
    if (!f.detail.empty()) j["detail"] = f.detail;
    out.push_back(std::move(j));
  }
  return out;
}
void read_failure(JsonReader& r, Failure& f) {
  r.get("arn", f.arn);
  r.get("reason", f.reason);
  r.get("detail", f.detail);
}

// ---- container definitions ----

json container_definition_json(const ContainerDefinition& c) {
  json j{{"name", c.name}, {"image", c.image}};
  put_if(j, "cpu", c.cpu);
  put_if(j, "memory", c.memory);
  put_if(j, "memoryReservation", c.memory_reservation);
  put_if(j, "essential", c.essential);
  put_list(j, "entryPoint", c.entry_point);
  put_list(j, "command", c.command);
  j["environment"] = pairs_json(c.environment);
  put_if(j, "workingDirectory", c.working_directory);
  put_if(j, "user", c.user);
  put_if(j, "stopTimeout", c.stop_timeout);
  if (c.log_configuration) {
    json l{{"logDriver", c.log_configuration->log_driver}};
    if (!c.log_configuration->options.empty()) l["options"] = c.log_configuration->options;
    j["logConfiguration"] = std::move(l);
  }
  return j;
}
void read_container_definition(JsonReader& r, ContainerDefinition& c) {
  r.get("name", c.name);
  r.get("image", c.image);
  r.get("cpu", c.cpu);
  r.get("memory", c.memory);
  r.get("memoryReservation", c.memory_reservation);
  r.get("essential", c.essential);
  r.get("entryPoint", c.entry_point);
  r.get("command", c.command);
  r.list("environment", c.environment, read_pair);
  r.get("workingDirectory", c.working_directory);
  r.get("user", c.user);
  r.get("stopTimeout", c.stop_timeout);
  r.object("logConfiguration", [&](JsonReader& l) {
    LogConfiguration log;
    l.get("logDriver", log.log_driver);
    l.get("options", log.options);
    c.log_configuration = std::move(log);
  });
}

void put_runtime_platform(json& j, const std::optional<RuntimePlatform>& p) {
  if (!p) return;
  json o = json::object();
  put_if(o, "cpuArchitecture", p->cpu_architecture);
  put_if(o, "operatingSystemFamily", p->operating_system_family);
  j["runtimePlatform"] = std::move(o);
}
void read_runtime_platform(JsonReader& r, std::optional<RuntimePlatform>& out) {
  r.object("runtimePlatform", [&](JsonReader& p) {
    RuntimePlatform v;
    p.get("cpuArchitecture", v.cpu_architecture);
    p.get("operatingSystemFamily", v.operating_system_family);
    out = std::move(v);
  });
}

json container_definitions_json(const std::vector<ContainerDefinition>& defs) {
  json out = json::array();
  for (const auto& c : defs) out.push_back(container_definition_json(c));
  return out;
}

void read_task_definition(JsonReader& r, TaskDefinition& d) {
  r.get("taskDefinitionArn", d.task_definition_arn);
  r.list("containerDefinitions", d.container_definitions, read_container_definition);
  r.get("family", d.family);
  r.get("taskRoleArn", d.task_role_arn);
  r.get("executionRoleArn", d.execution_role_arn);
  r.get("networkMode", d.network_mode);
  r.get("revision", d.revision);
  r.get("status", d.status);
  r.get("compatibilities", d.compatibilities);
  r.get("requiresCompatibilities", d.requires_compatibilities);
  r.get("cpu", d.cpu);
  r.get("memory", d.memory);
  read_runtime_platform(r, d.runtime_platform);
  r.get("registeredAt", d.registered_at);
  r.get("deregisteredAt", d.deregistered_at);
  r.get("registeredBy", d.registered_by);
}

// ---- clusters ----

void read_cluster(JsonReader& r, Cluster& c) {
  r.get("clusterArn", c.cluster_arn);
  r.get("clusterName", c.cluster_name);
  r.get("status", c.status);
  r.get("registeredContainerInstancesCount", c.registered_container_instances_count);
  r.get("runningTasksCount", c.running_tasks_count);
  r.get("pendingTasksCount", c.pending_tasks_count);
  r.get("activeServicesCount", c.active_services_count);
  r.list("tags", c.tags, read_tag);
  r.get("capacityProviders", c.capacity_providers);
}

// ---- tasks ----

static json network_json(const NetworkConfiguration& c) {
  json n = json::object();
  if (const auto& v = c.awsvpc_configuration) {
    json a{{"subnets", v->subnets}};
    put_list(a, "securityGroups", v->security_groups);
    put_if(a, "assignPublicIp", v->assign_public_ip);
    n["awsvpcConfiguration"] = std::move(a);
  }
  return n;
}
static void read_network(JsonReader& r, std::optional<NetworkConfiguration>& out) {
  r.object("networkConfiguration", [&](JsonReader& n) {
    NetworkConfiguration config;
    n.object("awsvpcConfiguration", [&](JsonReader& a) {
      AwsVpcConfiguration v;
      a.get("subnets", v.subnets);
      a.get("securityGroups", v.security_groups);
      a.get("assignPublicIp", v.assign_public_ip);
      config.awsvpc_configuration = std::move(v);
    });
    out = std::move(config);
  });
}

static json deployment_configuration_json(const DeploymentConfiguration& c) {
  json j = json::object();
  if (c.deployment_circuit_breaker)
    j["deploymentCircuitBreaker"] = {{"enable", c.deployment_circuit_breaker->enable},
                                     {"rollback", c.deployment_circuit_breaker->rollback}};
  put_if(j, "maximumPercent", c.maximum_percent);
  put_if(j, "minimumHealthyPercent", c.minimum_healthy_percent);
  return j;
}
static void read_deployment_configuration(JsonReader& r, std::optional<DeploymentConfiguration>& out) {
  r.object("deploymentConfiguration", [&](JsonReader& c) {
    DeploymentConfiguration config;
    c.object("deploymentCircuitBreaker", [&](JsonReader& b) {
      DeploymentCircuitBreaker breaker;
      b.get("enable", breaker.enable);
      b.get("rollback", breaker.rollback);
      config.deployment_circuit_breaker = breaker;
    });
    c.get("maximumPercent", config.maximum_percent);
    c.get("minimumHealthyPercent", config.minimum_healthy_percent);
    out = config;
  });
}

static json deployment_json(const Deployment& d) {
  json j{{"id", d.id},
         {"status", d.status},
         {"taskDefinition", d.task_definition},
         {"desiredCount", d.desired_count},
         {"pendingCount", d.pending_count},
         {"runningCount", d.running_count},
         {"failedTasks", d.failed_tasks},
         {"launchType", d.launch_type}};
  put_time_if(j, "createdAt", d.created_at);
  put_time_if(j, "updatedAt", d.updated_at);
  put_if(j, "rolloutState", d.rollout_state);
  put_if(j, "rolloutStateReason", d.rollout_state_reason);
  if (d.network_configuration) j["networkConfiguration"] = network_json(*d.network_configuration);
  return j;
}
static void read_deployment(JsonReader& r, Deployment& d) {
  r.get("id", d.id);
  r.get("status", d.status);
  r.get("taskDefinition", d.task_definition);
  r.get("desiredCount", d.desired_count);
  r.get("pendingCount", d.pending_count);
  r.get("runningCount", d.running_count);
  r.get("failedTasks", d.failed_tasks);
  r.get("launchType", d.launch_type);
  r.get("createdAt", d.created_at);
  r.get("updatedAt", d.updated_at);
  r.get("rolloutState", d.rollout_state);
  r.get("rolloutStateReason", d.rollout_state_reason);
  read_network(r, d.network_configuration);
}

static void read_service(JsonReader& r, Service& s) {
  r.get("serviceArn", s.service_arn);
  r.get("serviceName", s.service_name);
  r.get("clusterArn", s.cluster_arn);
  r.get("status", s.status);
  r.get("desiredCount", s.desired_count);
  r.get("runningCount", s.running_count);
  r.get("pendingCount", s.pending_count);
  r.get("launchType", s.launch_type);
  r.get("platformVersion", s.platform_version);
  r.get("taskDefinition", s.task_definition);
  read_network(r, s.network_configuration);
  r.list("deployments", s.deployments, read_deployment);
  read_deployment_configuration(r, s.deployment_configuration);
  r.list("events", s.events, [](JsonReader& e, ServiceEvent& v) {
    e.get("id", v.id);
    e.get("createdAt", v.created_at);
    e.get("message", v.message);
  });
  r.get("createdAt", s.created_at);
  r.get("createdBy", s.created_by);
  r.get("schedulingStrategy", s.scheduling_strategy);
  r.list("tags", s.tags, read_tag);
}

json overrides_json(const TaskOverride& o) {
  json j = json::object();
  json containers = json::array();
  for (const auto& c : o.container_overrides) {
    json cj = json::object();
    put_if(cj, "name", c.name);
    if (c.command) cj["command"] = *c.command;
    if (!c.environment.empty()) cj["environment"] = pairs_json(c.environment);
    put_if(cj, "cpu", c.cpu);
    put_if(cj, "memory", c.memory);
    containers.push_back(std::move(cj));
  }
  j["containerOverrides"] = std::move(containers);
  put_if(j, "cpu", o.cpu);
  put_if(j, "memory", o.memory);
  put_if(j, "taskRoleArn", o.task_role_arn);
  put_if(j, "executionRoleArn", o.execution_role_arn);
  return j;
}
void read_overrides(JsonReader& r, TaskOverride& o) {
  r.list("containerOverrides", o.container_overrides, [](JsonReader& c, ContainerOverride& v) {
    c.get("name", v.name);
    if (c.has("command")) {
      std::vector<std::string> command;
      c.get("command", command);
      v.command = std::move(command);
    }
    c.list("environment", v.environment, read_pair);
    c.get("cpu", v.cpu);
    c.get("memory", v.memory);
  });
  r.get("cpu", o.cpu);
  r.get("memory", o.memory);
  r.get("taskRoleArn", o.task_role_arn);
  r.get("executionRoleArn", o.execution_role_arn);
}

json container_json(const Container& c) {
  json j{{"containerArn", c.container_arn}, {"taskArn", c.task_arn}, {"name", c.name}, {"image", c.image}};
  put_if(j, "imageDigest", c.image_digest);
  put_if(j, "runtimeId", c.runtime_id);
  j["lastStatus"] = c.last_status;
  put_if(j, "exitCode", c.exit_code);
  if (!c.reason.empty()) j["reason"] = c.reason;
  j["networkInterfaces"] = json::array();
  put_if(j, "cpu", c.cpu);
  put_if(j, "memory", c.memory);
  return j;
}
void read_container(JsonReader& r, Container& c) {
  r.get("containerArn", c.container_arn);
  r.get("taskArn", c.task_arn);
  r.get("name", c.name);
  r.get("image", c.image);
  r.get("imageDigest", c.image_digest);
  r.get("runtimeId", c.runtime_id);
  r.get("lastStatus", c.last_status);
  r.get("exitCode", c.exit_code);
  r.get("reason", c.reason);
  r.get("cpu", c.cpu);
  r.get("memory", c.memory);
}

void put_string_if(json& j, std::string_view key, const std::string& value) {
  if (!value.empty()) j[std::string(key)] = value;
}

void read_task(JsonReader& r, Task& t) {
  r.list("attachments", t.attachments, [](JsonReader& a, Attachment& v) {
    a.get("id", v.id);
    a.get("type", v.type);
    a.get("status", v.status);
    a.list("details", v.details, read_pair);
  });
  r.get("availabilityZone", t.availability_zone);
  r.get("clusterArn", t.cluster_arn);
  r.get("connectivity", t.connectivity);
  r.get("connectivityAt", t.connectivity_at);
  r.list("containers", t.containers, read_container);
  r.get("cpu", t.cpu);
  r.get("createdAt", t.created_at);
  r.get("desiredStatus", t.desired_status);
  r.get("executionStoppedAt", t.execution_stopped_at);
  r.get("group", t.group);
  r.get("lastStatus", t.last_status);
  r.get("launchType", t.launch_type);
  r.get("memory", t.memory);
  r.object("overrides", [&](JsonReader& o) { read_overrides(o, t.overrides); });
  r.get("platformVersion", t.platform_version);
  r.get("platformFamily", t.platform_family);
  r.get("pullStartedAt", t.pull_started_at);
  r.get("pullStoppedAt", t.pull_stopped_at);
  r.get("startedAt", t.started_at);
  r.get("startedBy", t.started_by);
  r.get("stopCode", t.stop_code);
  r.get("stoppedAt", t.stopped_at);
  r.get("stoppedReason", t.stopped_reason);
  r.get("stoppingAt", t.stopping_at);
  r.list("tags", t.tags, read_tag);
  r.get("taskArn", t.task_arn);
  r.get("taskDefinitionArn", t.task_definition_arn);
  r.get("version", t.version);
}

json tasks_json(const std::vector<Task>& tasks) {
  json out = json::array();
  for (const auto& t : tasks) out.push_back(encode(t));
  return out;
}

}  // namespace

// ---- structures ----

json encode(const Task& t) {
  json j = json::object();
  json attachments = json::array();
  for (const auto& a : t.attachments)
    attachments.push_back({{"id", a.id}, {"type", a.type}, {"status", a.status}, {"details", pairs_json(a.details)}});
  j["attachments"] = std::move(attachments);
  put_string_if(j, "availabilityZone", t.availability_zone);
  j["clusterArn"] = t.cluster_arn;
  put_if(j, "connectivity", t.connectivity);
  put_time_if(j, "connectivityAt", t.connectivity_at);
  json containers = json::array();
  for (const auto& c : t.containers) containers.push_back(container_json(c));
  j["containers"] = std::move(containers);
  put_if(j, "cpu", t.cpu);
  put_time_if(j, "createdAt", t.created_at);
  j["desiredStatus"] = t.desired_status;
  j["enableExecuteCommand"] = false;
  put_time_if(j, "executionStoppedAt", t.execution_stopped_at);
  put_string_if(j, "group", t.group);
  j["lastStatus"] = t.last_status;
  j["launchType"] = t.launch_type;
  put_if(j, "memory", t.memory);
  j["overrides"] = overrides_json(t.overrides);
  put_if(j, "platformVersion", t.platform_version);
  put_if(j, "platformFamily", t.platform_family);
  put_time_if(j, "pullStartedAt", t.pull_started_at);
  put_time_if(j, "pullStoppedAt", t.pull_stopped_at);
  put_time_if(j, "startedAt", t.started_at);
  put_if(j, "startedBy", t.started_by);
  put_string_if(j, "stopCode", t.stop_code);
  put_time_if(j, "stoppedAt", t.stopped_at);
  put_string_if(j, "stoppedReason", t.stopped_reason);
  put_time_if(j, "stoppingAt", t.stopping_at);
  j["tags"] = tags_json(t.tags);
  j["taskArn"] = t.task_arn;
  j["taskDefinitionArn"] = t.task_definition_arn;
  j["version"] = t.version;
  return j;
}

core::Result<Task> decode_task(const json& body) {
  JsonReader r(body, kResponseError);
  Task t;
  read_task(r, t);
  return r.finish(std::move(t));
}

json encode(const TaskDefinition& d) {
  json j{{"taskDefinitionArn", d.task_definition_arn},
         {"containerDefinitions", container_definitions_json(d.container_definitions)},
         {"family", d.family}};
  put_if(j, "taskRoleArn", d.task_role_arn);
  put_if(j, "executionRoleArn", d.execution_role_arn);
  put_if(j, "networkMode", d.network_mode);
  j["revision"] = d.revision;
  j["volumes"] = json::array();
  j["status"] = d.status;
  j["placementConstraints"] = json::array();
  j["compatibilities"] = d.compatibilities;
  put_runtime_platform(j, d.runtime_platform);
  put_list(j, "requiresCompatibilities", d.requires_compatibilities);
  put_if(j, "cpu", d.cpu);
  put_if(j, "memory", d.memory);
  put_time_if(j, "registeredAt", d.registered_at);
  put_time_if(j, "deregisteredAt", d.deregistered_at);
  put_if(j, "registeredBy", d.registered_by);
  return j;
}

core::Result<TaskDefinition> decode_task_definition(const json& body) {
  JsonReader r(body, kResponseError);
  TaskDefinition d;
  read_task_definition(r, d);
  return r.finish(std::move(d));
}

json encode(const Cluster& c) {
  json j{{"clusterArn", c.cluster_arn},
         {"clusterName", c.cluster_name},
         {"status", c.status},
         {"registeredContainerInstancesCount", c.registered_container_instances_count},
         {"runningTasksCount", c.running_tasks_count},
         {"pendingTasksCount", c.pending_tasks_count},
         {"activeServicesCount", c.active_services_count},
         {"statistics", json::array()},
         {"tags", tags_json(c.tags)},
         {"settings", json::array({{{"name", "containerInsights"}, {"value", "disabled"}}})},
         {"capacityProviders", c.capacity_providers},
         {"defaultCapacityProviderStrategy", json::array()}};
  return j;
}

// ---- clusters ----

json encode_request(const CreateClusterRequest& r) {
  json j = json::object();
  put_if(j, "clusterName", r.cluster_name);
  if (!r.tags.empty()) j["tags"] = tags_json(r.tags);
  put_list(j, "capacityProviders", r.capacity_providers);
  return j;
}
core::Result<CreateClusterRequest> decode_create_cluster_request(const json& body) {
  JsonReader r(body);
  CreateClusterRequest out;
  r.get("clusterName", out.cluster_name);
  r.list("tags", out.tags, read_tag);
  r.get("capacityProviders", out.capacity_providers);
  return r.finish(std::move(out));
}
json encode_response(const ClusterResponse& r) { return json{{"cluster", encode(r.cluster)}}; }
core::Result<ClusterResponse> decode_cluster_response(const json& body) {
  JsonReader r(body, kResponseError);
  ClusterResponse out;
  r.object("cluster", [&](JsonReader& c) { read_cluster(c, out.cluster); });
  return r.finish(std::move(out));
}

json encode_request(const DeleteClusterRequest& r) { return json{{"cluster", r.cluster}}; }
core::Result<DeleteClusterRequest> decode_delete_cluster_request(const json& body) {
  JsonReader r(body);
  DeleteClusterRequest out;
  r.get("cluster", out.cluster);
  return r.finish(std::move(out));
}

json encode_request(const DescribeClustersRequest& r) {
  json j = json::object();
  put_list(j, "clusters", r.clusters);
  put_list(j, "include", r.include);
  return j;
}
core::Result<DescribeClustersRequest> decode_describe_clusters_request(const json& body) {
  JsonReader r(body);
  DescribeClustersRequest out;
  r.get("clusters", out.clusters);
  r.get("include", out.include);
  return r.finish(std::move(out));
}
json encode_response(const DescribeClustersResponse& r) {
  json clusters = json::array();
  for (const auto& c : r.clusters) clusters.push_back(encode(c));
  return json{{"clusters", std::move(clusters)}, {"failures", failures_json(r.failures)}};
}
core::Result<DescribeClustersResponse> decode_describe_clusters_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeClustersResponse out;
  r.list("clusters", out.clusters, read_cluster);
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

json encode_request(const ListClustersRequest& r) {
  json j = json::object();
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  return j;
}
core::Result<ListClustersRequest> decode_list_clusters_request(const json& body) {
  JsonReader r(body);
  ListClustersRequest out;
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  return r.finish(std::move(out));
}
json encode_response(const ListClustersResponse& r) {
  json j{{"clusterArns", r.cluster_arns}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

// ---- task definitions ----

json encode_request(const RegisterTaskDefinitionRequest& r) {
  json j{{"family", r.family}};
  put_if(j, "taskRoleArn", r.task_role_arn);
  put_if(j, "executionRoleArn", r.execution_role_arn);
  put_if(j, "networkMode", r.network_mode);
  j["containerDefinitions"] = container_definitions_json(r.container_definitions);
  put_list(j, "requiresCompatibilities", r.requires_compatibilities);
  put_if(j, "cpu", r.cpu);
  put_if(j, "memory", r.memory);
  if (!r.tags.empty()) j["tags"] = tags_json(r.tags);
  put_runtime_platform(j, r.runtime_platform);
  return j;
}
core::Result<RegisterTaskDefinitionRequest> decode_register_task_definition_request(const json& body) {
  JsonReader r(body);
  RegisterTaskDefinitionRequest out;
  r.get("family", out.family);
  r.get("taskRoleArn", out.task_role_arn);
  r.get("executionRoleArn", out.execution_role_arn);
  r.get("networkMode", out.network_mode);
  r.list("containerDefinitions", out.container_definitions, read_container_definition);
  r.get("requiresCompatibilities", out.requires_compatibilities);
  r.get("cpu", out.cpu);
  r.get("memory", out.memory);
  r.list("tags", out.tags, read_tag);
  read_runtime_platform(r, out.runtime_platform);
  return r.finish(std::move(out));
}
json encode_response(const TaskDefinitionResponse& r) {
  json j{{"taskDefinition", encode(r.task_definition)}};
  if (!r.tags.empty()) j["tags"] = tags_json(r.tags);
  return j;
}
core::Result<TaskDefinitionResponse> decode_task_definition_response(const json& body) {
  JsonReader r(body, kResponseError);
  TaskDefinitionResponse out;
  r.object("taskDefinition", [&](JsonReader& d) { read_task_definition(d, out.task_definition); });
  r.list("tags", out.tags, read_tag);
  return r.finish(std::move(out));
}

json encode_request(const DescribeTaskDefinitionRequest& r) {
  json j{{"taskDefinition", r.task_definition}};
  put_list(j, "include", r.include);
  return j;
}
core::Result<DescribeTaskDefinitionRequest> decode_describe_task_definition_request(const json& body) {
  JsonReader r(body);
  DescribeTaskDefinitionRequest out;
  r.get("taskDefinition", out.task_definition);
  r.get("include", out.include);
  return r.finish(std::move(out));
}

json encode_request(const DeregisterTaskDefinitionRequest& r) { return json{{"taskDefinition", r.task_definition}}; }
core::Result<DeregisterTaskDefinitionRequest> decode_deregister_task_definition_request(const json& body) {
  JsonReader r(body);
  DeregisterTaskDefinitionRequest out;
  r.get("taskDefinition", out.task_definition);
  return r.finish(std::move(out));
}

json encode_request(const ListTaskDefinitionsRequest& r) {
  json j = json::object();
  put_if(j, "familyPrefix", r.family_prefix);
  put_if(j, "status", r.status);
  put_if(j, "sort", r.sort);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  return j;
}
core::Result<ListTaskDefinitionsRequest> decode_list_task_definitions_request(const json& body) {
  JsonReader r(body);
  ListTaskDefinitionsRequest out;
  r.get("familyPrefix", out.family_prefix);
  r.get("status", out.status);
  r.get("sort", out.sort);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  return r.finish(std::move(out));
}
json encode_response(const ListTaskDefinitionsResponse& r) {
  json j{{"taskDefinitionArns", r.task_definition_arns}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

// ---- tasks ----

json encode_request(const RunTaskRequest& r) {
  json j = json::object();
  put_if(j, "cluster", r.cluster);
  put_if(j, "count", r.count);
  put_if(j, "group", r.group);
  put_if(j, "launchType", r.launch_type);
  if (r.network_configuration) j["networkConfiguration"] = network_json(*r.network_configuration);
  if (r.overrides) j["overrides"] = overrides_json(*r.overrides);
  put_if(j, "platformVersion", r.platform_version);
  put_if(j, "startedBy", r.started_by);
  if (!r.tags.empty()) j["tags"] = tags_json(r.tags);
  j["taskDefinition"] = r.task_definition;
  put_if(j, "enableExecuteCommand", r.enable_execute_command);
  put_if(j, "propagateTags", r.propagate_tags);
  put_if(j, "referenceId", r.reference_id);
  return j;
}
core::Result<RunTaskRequest> decode_run_task_request(const json& body) {
  JsonReader r(body);
  RunTaskRequest out;
  r.get("cluster", out.cluster);
  r.get("count", out.count);
  r.get("group", out.group);
  r.get("launchType", out.launch_type);
  read_network(r, out.network_configuration);
  r.object("overrides", [&](JsonReader& o) {
    TaskOverride v;
    read_overrides(o, v);
    out.overrides = std::move(v);
  });
  r.get("platformVersion", out.platform_version);
  r.get("startedBy", out.started_by);
  r.list("tags", out.tags, read_tag);
  r.get("taskDefinition", out.task_definition);
  r.get("enableExecuteCommand", out.enable_execute_command);
  r.get("propagateTags", out.propagate_tags);
  r.get("referenceId", out.reference_id);
  return r.finish(std::move(out));
}
json encode_response(const RunTaskResponse& r) {
  return json{{"tasks", tasks_json(r.tasks)}, {"failures", failures_json(r.failures)}};
}
core::Result<RunTaskResponse> decode_run_task_response(const json& body) {
  JsonReader r(body, kResponseError);
  RunTaskResponse out;
  r.list("tasks", out.tasks, read_task);
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

json encode_request(const DescribeTasksRequest& r) {
  json j = json::object();
  put_if(j, "cluster", r.cluster);
  j["tasks"] = r.tasks;
  put_list(j, "include", r.include);
  return j;
}
core::Result<DescribeTasksRequest> decode_describe_tasks_request(const json& body) {
  JsonReader r(body);
  DescribeTasksRequest out;
  r.get("cluster", out.cluster);
  r.get("tasks", out.tasks);
  r.get("include", out.include);
  return r.finish(std::move(out));
}
json encode_response(const DescribeTasksResponse& r) {
  return json{{"tasks", tasks_json(r.tasks)}, {"failures", failures_json(r.failures)}};
}
core::Result<DescribeTasksResponse> decode_describe_tasks_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeTasksResponse out;
  r.list("tasks", out.tasks, read_task);
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

json encode_request(const ListTasksRequest& r) {
  json j = json::object();
  put_if(j, "cluster", r.cluster);
  put_if(j, "family", r.family);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  put_if(j, "startedBy", r.started_by);
  put_if(j, "serviceName", r.service_name);
  put_if(j, "desiredStatus", r.desired_status);
  put_if(j, "launchType", r.launch_type);
  return j;
}
core::Result<ListTasksRequest> decode_list_tasks_request(const json& body) {
  JsonReader r(body);
  ListTasksRequest out;
  r.get("cluster", out.cluster);
  r.get("family", out.family);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  r.get("startedBy", out.started_by);
  r.get("serviceName", out.service_name);
  r.get("desiredStatus", out.desired_status);
  r.get("launchType", out.launch_type);
  return r.finish(std::move(out));
}
json encode_response(const ListTasksResponse& r) {
  json j{{"taskArns", r.task_arns}};
  put_if(j, "nextToken", r.next_token);
  return j;
}
core::Result<ListTasksResponse> decode_list_tasks_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListTasksResponse out;
  r.get("taskArns", out.task_arns);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_request(const StopTaskRequest& r) {
  json j = json::object();
  put_if(j, "cluster", r.cluster);
  j["task"] = r.task;
  put_if(j, "reason", r.reason);
  return j;
}
core::Result<StopTaskRequest> decode_stop_task_request(const json& body) {
  JsonReader r(body);
  StopTaskRequest out;
  r.get("cluster", out.cluster);
  r.get("task", out.task);
  r.get("reason", out.reason);
  return r.finish(std::move(out));
}
json encode_response(const StopTaskResponse& r) { return json{{"task", encode(r.task)}}; }
core::Result<StopTaskResponse> decode_stop_task_response(const json& body) {
  JsonReader r(body, kResponseError);
  StopTaskResponse out;
  r.object("task", [&](JsonReader& t) { read_task(t, out.task); });
  return r.finish(std::move(out));
}

// ---- services ----

json encode(const Service& s) {
  json j{{"serviceArn", s.service_arn},         {"serviceName", s.service_name},
         {"clusterArn", s.cluster_arn},         {"status", s.status},
         {"desiredCount", s.desired_count},     {"runningCount", s.running_count},
         {"pendingCount", s.pending_count},     {"launchType", s.launch_type},
         {"taskDefinition", s.task_definition}, {"schedulingStrategy", s.scheduling_strategy}};
  put_if(j, "platformVersion", s.platform_version);
  if (s.network_configuration) j["networkConfiguration"] = network_json(*s.network_configuration);
  j["deployments"] = json::array();
  for (const auto& d : s.deployments) j["deployments"].push_back(deployment_json(d));
  if (s.deployment_configuration)
    j["deploymentConfiguration"] = deployment_configuration_json(*s.deployment_configuration);
  j["events"] = json::array();
  for (const auto& e : s.events) {
    json v{{"id", e.id}, {"message", e.message}};
    put_time_if(v, "createdAt", e.created_at);
    j["events"].push_back(std::move(v));
  }
  put_time_if(j, "createdAt", s.created_at);
  put_if(j, "createdBy", s.created_by);
  if (!s.tags.empty()) j["tags"] = tags_json(s.tags);
  return j;
}
core::Result<Service> decode_service(const json& body) {
  JsonReader r(body, kResponseError);
  Service out;
  read_service(r, out);
  return r.finish(std::move(out));
}

json encode_request(const CreateServiceRequest& r) {
  json j{{"serviceName", r.service_name}};
  put_if(j, "cluster", r.cluster);
  put_if(j, "taskDefinition", r.task_definition);
  put_if(j, "desiredCount", r.desired_count);
  put_if(j, "launchType", r.launch_type);
  if (r.network_configuration) j["networkConfiguration"] = network_json(*r.network_configuration);
  put_if(j, "platformVersion", r.platform_version);
  put_if(j, "schedulingStrategy", r.scheduling_strategy);
  put_if(j, "clientToken", r.client_token);
  if (!r.tags.empty()) j["tags"] = tags_json(r.tags);
  if (r.deployment_configuration)
    j["deploymentConfiguration"] = deployment_configuration_json(*r.deployment_configuration);
  return j;
}
core::Result<CreateServiceRequest> decode_create_service_request(const json& body) {
  JsonReader r(body);
  CreateServiceRequest out;
  r.get("cluster", out.cluster);
  r.get("serviceName", out.service_name);
  r.get("taskDefinition", out.task_definition);
  r.get("desiredCount", out.desired_count);
  r.get("launchType", out.launch_type);
  read_network(r, out.network_configuration);
  r.get("platformVersion", out.platform_version);
  r.get("schedulingStrategy", out.scheduling_strategy);
  r.get("clientToken", out.client_token);
  r.list("tags", out.tags, read_tag);
  read_deployment_configuration(r, out.deployment_configuration);
  return r.finish(std::move(out));
}
json encode_response(const ServiceResponse& r) { return json{{"service", encode(r.service)}}; }
core::Result<ServiceResponse> decode_service_response(const json& body) {
  JsonReader r(body, kResponseError);
  ServiceResponse out;
  r.object("service", [&](JsonReader& s) { read_service(s, out.service); });
  return r.finish(std::move(out));
}

json encode_request(const UpdateServiceRequest& r) {
  json j{{"service", r.service}};
  put_if(j, "cluster", r.cluster);
  put_if(j, "desiredCount", r.desired_count);
  put_if(j, "taskDefinition", r.task_definition);
  if (r.network_configuration) j["networkConfiguration"] = network_json(*r.network_configuration);
  put_if(j, "forceNewDeployment", r.force_new_deployment);
  if (r.deployment_configuration)
    j["deploymentConfiguration"] = deployment_configuration_json(*r.deployment_configuration);
  return j;
}
core::Result<UpdateServiceRequest> decode_update_service_request(const json& body) {
  JsonReader r(body);
  UpdateServiceRequest out;
  r.get("cluster", out.cluster);
  r.get("service", out.service);
  r.get("desiredCount", out.desired_count);
  r.get("taskDefinition", out.task_definition);
  read_network(r, out.network_configuration);
  r.get("forceNewDeployment", out.force_new_deployment);
  read_deployment_configuration(r, out.deployment_configuration);
  return r.finish(std::move(out));
}

json encode_request(const DeleteServiceRequest& r) {
  json j{{"service", r.service}};
  put_if(j, "cluster", r.cluster);
  put_if(j, "force", r.force);
  return j;
}
core::Result<DeleteServiceRequest> decode_delete_service_request(const json& body) {
  JsonReader r(body);
  DeleteServiceRequest out;
  r.get("cluster", out.cluster);
  r.get("service", out.service);
  r.get("force", out.force);
  return r.finish(std::move(out));
}

json encode_request(const DescribeServicesRequest& r) {
  json j{{"services", r.services}};
  put_if(j, "cluster", r.cluster);
  put_list(j, "include", r.include);
  return j;
}
core::Result<DescribeServicesRequest> decode_describe_services_request(const json& body) {
  JsonReader r(body);
  DescribeServicesRequest out;
  r.get("cluster", out.cluster);
  r.get("services", out.services);
  r.get("include", out.include);
  return r.finish(std::move(out));
}
json encode_response(const DescribeServicesResponse& r) {
  json j{{"services", json::array()}, {"failures", failures_json(r.failures)}};
  for (const auto& s : r.services) j["services"].push_back(encode(s));
  return j;
}
core::Result<DescribeServicesResponse> decode_describe_services_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeServicesResponse out;
  r.list("services", out.services, read_service);
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

json encode_request(const ListServicesRequest& r) {
  json j = json::object();
  put_if(j, "cluster", r.cluster);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  put_if(j, "launchType", r.launch_type);
  put_if(j, "schedulingStrategy", r.scheduling_strategy);
  return j;
}
core::Result<ListServicesRequest> decode_list_services_request(const json& body) {
  JsonReader r(body);
  ListServicesRequest out;
  r.get("cluster", out.cluster);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  r.get("launchType", out.launch_type);
  r.get("schedulingStrategy", out.scheduling_strategy);
  return r.finish(std::move(out));
}
json encode_response(const ListServicesResponse& r) {
  json j{{"serviceArns", r.service_arns}};
  put_if(j, "nextToken", r.next_token);
  return j;
}
core::Result<ListServicesResponse> decode_list_services_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListServicesResponse out;
  r.get("serviceArns", out.service_arns);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::ecs::wire
