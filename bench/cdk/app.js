// The servicefull example's stack (examples/servicefull/main.cpp) written with the AWS CDK, so
// bench/push_bench.sh can time `cdk synth` against `servicefull synth` for the same resources:
// a public VPC over two AZs with its security group, an ECS cluster, a 256/512 Fargate task with
// its log group and roles, an SNS topic, and a state machine that runs the task (.sync), then
// publishes success — or, on any error, publishes the cause and fails.
//
//   npx cdk synth --app "node app.js"     (bench/push_bench.sh installs the pinned packages first)
const cdk = require("aws-cdk-lib");
const ec2 = require("aws-cdk-lib/aws-ec2");
const ecs = require("aws-cdk-lib/aws-ecs");
const logs = require("aws-cdk-lib/aws-logs");
const sns = require("aws-cdk-lib/aws-sns");
const sfn = require("aws-cdk-lib/aws-stepfunctions");
const tasks = require("aws-cdk-lib/aws-stepfunctions-tasks");

const app = new cdk.App();
const stack = new cdk.Stack(app, "ServicefulStepFunction", {
  description: "Step Function with this binary as a Fargate task",
});

const imageUri = new cdk.CfnParameter(stack, "ImageUri", { type: "String" });

const vpc = new ec2.Vpc(stack, "Net", {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: "Public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
});
const securityGroup = new ec2.SecurityGroup(stack, "NetSecurityGroup", { vpc, allowAllOutbound: true });
const cluster = new ecs.Cluster(stack, "Cluster", { vpc });

const logGroup = new logs.LogGroup(stack, "TaskLogGroup", {
  retention: logs.RetentionDays.ONE_MONTH,
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});
const taskDefinition = new ecs.FargateTaskDefinition(stack, "Task", { cpu: 256, memoryLimitMiB: 512 });
const container = taskDefinition.addContainer("service", {
  image: ecs.ContainerImage.fromRegistry(imageUri.valueAsString),
  command: ["fargateTask"],
  logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "task" }),
});

const topic = new sns.Topic(stack, "Notifications", { displayName: "ServicefulStepFunction" });

const run = new tasks.EcsRunTask(stack, "Run Fargate Task", {
  integrationPattern: sfn.IntegrationPattern.RUN_JOB,
  cluster,
  taskDefinition,
  launchTarget: new tasks.EcsFargateLaunchTarget(),
  assignPublicIp: true,
  subnets: { subnetType: ec2.SubnetType.PUBLIC },
  securityGroups: [securityGroup],
  containerOverrides: [{ containerDefinition: container }],
});
const ok = new tasks.SnsPublish(stack, "Notify Success", {
  topic,
  message: sfn.TaskInput.fromText("task succeeded"),
});
const failed = new tasks.SnsPublish(stack, "Notify Failure", {
  topic,
  message: sfn.TaskInput.fromJsonPathAt("$.error.Cause"),
}).next(new sfn.Fail(stack, "Task Failed", { error: "FargateTaskFailed", cause: "the Fargate task failed" }));
run.addCatch(failed, { resultPath: "$.error" });
const machine = new sfn.StateMachine(stack, "Machine", {
  definitionBody: sfn.DefinitionBody.fromChainable(run.next(ok)),
});

new cdk.CfnOutput(stack, "ClusterName", { value: cluster.clusterName });
new cdk.CfnOutput(stack, "TaskDefinitionArn", { value: taskDefinition.taskDefinitionArn });
new cdk.CfnOutput(stack, "TaskLogGroupName", { value: logGroup.logGroupName });
new cdk.CfnOutput(stack, "NotificationsTopicArn", { value: topic.topicArn });
new cdk.CfnOutput(stack, "MachineArn", { value: machine.stateMachineArn });

app.synth();
