#include "hoplite/app/run.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/cfn/resource.hpp"
#include "hoplite/core/file.hpp"
#include "support/golden.hpp"

namespace hoplite::app {
namespace {

// Runs the command line in-process with captured stdout/stderr (log lines go to stderr too).
class RunTest : public ::testing::Test {
 protected:
  RunTest() : svc_("TestService", "A service for tests") {
    svc_.add_task("exitWith", "Exit with the code given as the first argument",
                  [](TaskContext& ctx) { return std::stoi(ctx.args().at(0)); });
    svc_.add_task("echoArgs", "Print each argument on its own line", [](TaskContext& ctx) {
      for (const auto& a : ctx.args()) ctx.out() << a << "\n";
      return 0;
    });
    svc_.add_task("throws", "Throw an exception", [](TaskContext&) -> int { throw std::runtime_error("kaput"); });
    svc_.add_task("chatty", "Log a line with the task logger", [](TaskContext& ctx) {
      ctx.log().info("hello from {}", ctx.task_name());
      ctx.out() << "stdout stays clean\n";
      return 0;
    });
    svc_.add_task("whoami", "Print facts from the context", [](TaskContext& ctx) {
      ctx.out() << ctx.service_name() << " " << ctx.build_id() << " " << ctx.env("GREETING").value_or("-") << " "
                << (ctx.globals().noop ? "noop" : "live") << "\n";
      return 0;
    });
    svc_.add(cfn::RawResource{"Topic", "AWS::SNS::Topic"});
  }
  ~RunTest() override { core::log::configure(core::log::Options{}); }

  int run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return app::run(svc_, {.program = "svc",
                           .args = std::move(args),
                           .out = &out_,
                           .err = &err_,
                           .environment = std::map<std::string, std::string>{{"GREETING", "hi"}}});
  }

  Service svc_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(RunTest, HelpListsCommandsAndTasksOnStdout) {
  EXPECT_EQ(run({"--help"}), kExitOk);
  for (const char* name : {"synth", "version", "help", "exitWith", "echoArgs", "Exit codes: 0 ok"}) {
    EXPECT_NE(out_.str().find(name), std::string::npos) << name << " missing from:\n" << out_.str();
  }
  EXPECT_EQ(err_.str(), "");
  const std::string help = out_.str();
  EXPECT_EQ(run({"help"}), kExitOk);
  EXPECT_EQ(out_.str(), help) << "`help` prints the same text as --help";
}

TEST_F(RunTest, HelpForOneCommand) {
  EXPECT_EQ(run({"help", "synth"}), kExitOk);
  EXPECT_NE(out_.str().find("Usage: svc synth"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("--out"), std::string::npos);
  EXPECT_EQ(run({"synth", "--help"}), kExitOk);
  EXPECT_NE(out_.str().find("Usage: svc synth"), std::string::npos) << out_.str();
  EXPECT_EQ(run({"help", "nope"}), kExitUsage);
  EXPECT_NE(err_.str().find("no command or task named 'nope'"), std::string::npos) << err_.str();
}

TEST_F(RunTest, TaskReturnValueIsTheExitCode) {
  EXPECT_EQ(run({"exitWith", "0"}), 0);
  EXPECT_EQ(run({"exitWith", "3"}), 3);
  EXPECT_EQ(run({"exitWith", "255"}), 255);
}

TEST_F(RunTest, OutOfRangeReturnValueBecomesFailure) {
  EXPECT_EQ(run({"exitWith", "256"}), kExitFailure);
  EXPECT_NE(err_.str().find("returned 256, which is not an exit code"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"exitWith", "-1"}), kExitFailure);
}

TEST_F(RunTest, TaskGetsEveryArgumentAfterItsNameVerbatim) {
  EXPECT_EQ(run({"echoArgs", "a", "--flag", "synth", "-x", "--level", "debug"}), 0);
  EXPECT_EQ(out_.str(), "a\n--flag\nsynth\n-x\n--level\ndebug\n");
}

TEST_F(RunTest, GlobalFlagsBeforeTheTaskNameAreOurs) {
  EXPECT_EQ(run({"--noop", "--build-id", "b-1", "whoami"}), 0);
  EXPECT_EQ(out_.str(), "TestService b-1 hi noop\n");
}

TEST_F(RunTest, ExceptionInATaskExitsOneWithTheMessage) {
  EXPECT_EQ(run({"throws"}), kExitFailure);
  EXPECT_NE(err_.str().find("task failed: kaput"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str(), "");
}

TEST_F(RunTest, TaskLogsGoToStderrWithTheTaskFieldAndNoBanner) {
  EXPECT_EQ(run({"--log-format", "json", "chatty"}), 0);
  EXPECT_EQ(out_.str(), "stdout stays clean\n");
  std::istringstream lines(err_.str());
  std::string line;
  ASSERT_TRUE(std::getline(lines, line)) << "no log line";
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j.at("message"), "hello from chatty");
  EXPECT_EQ(j.at("task"), "chatty");
  EXPECT_FALSE(std::getline(lines, line)) << "a task run logs no banner: " << line;
}

TEST_F(RunTest, UnknownCommandOrFlagIsAUsageError) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"nope"}, {"--bogus"}, {"synth", "--bogus"}, {"--level", "loud", "synth"}, {"synth", "extra"}}) {
    EXPECT_EQ(run(args), kExitUsage) << args.front();
    EXPECT_EQ(out_.str(), "") << args.front();
    EXPECT_NE(err_.str().find("Usage: svc"), std::string::npos) << err_.str();
  }
}

TEST_F(RunTest, NoCommandIsAUsageError) {
  EXPECT_EQ(run({}), kExitUsage);
  EXPECT_NE(err_.str().find("no command given"), std::string::npos) << err_.str();
}

TEST_F(RunTest, BadBuildIdIsAUsageError) {
  EXPECT_EQ(run({"--build-id", "a/b", "version"}), kExitUsage);
  EXPECT_NE(err_.str().find("contains '/'"), std::string::npos) << err_.str();
}

TEST_F(RunTest, SynthPrintsTheTemplateAndABannerOnStderr) {
  EXPECT_EQ(run({"--build-id", "b-1", "synth"}), kExitOk);
  const auto t = nlohmann::json::parse(out_.str());
  EXPECT_EQ(t.at("Resources").at("Topic").at("Type"), "AWS::SNS::Topic");
  EXPECT_EQ(t.at("Description"), "A service for tests");
  EXPECT_NE(err_.str().find("INFO  hoplite "), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("TestService synth\n"), std::string::npos) << err_.str();
  EXPECT_EQ(err_.str().find("build"), std::string::npos) << "synth never computes a build id: " << err_.str();
  EXPECT_EQ(run({"--level", "warn", "synth"}), kExitOk);
  EXPECT_EQ(err_.str(), "") << "the banner is at info level";
}

TEST_F(RunTest, AHookThatAsksForTheBuildIdGetsItEvenInSynth) {
  std::string seen;
  svc_.hooks().add_decorator("remember", [&seen](cfn::Template&, HookContext& ctx) { seen = ctx.build_id(); });
  EXPECT_EQ(run({"--build-id", "lazy-1", "synth"}), kExitOk);
  EXPECT_EQ(seen, "lazy-1");
}

TEST_F(RunTest, GlobalFlagsMayFollowABuiltinCommand) {
  EXPECT_EQ(run({"synth", "--level", "warn", "--log-format", "json"}), kExitOk);
  EXPECT_EQ(err_.str(), "");
}

TEST_F(RunTest, SynthFailureExitsOneWithTheMessageAndNoOutput) {
  svc_.hooks().add_validator("always", [](const cfn::Template&, const HookContext&) -> core::Result<void> {
    return core::fail("policy", "not today");
  });
  EXPECT_EQ(run({"synth"}), kExitFailure);
  EXPECT_EQ(out_.str(), "");
  EXPECT_NE(err_.str().find("[app.hooks.201] validator 'always' rejected the template: not today"), std::string::npos)
      << err_.str();
}

TEST_F(RunTest, SynthOutWritesTheFileAndFailureLeavesNone) {
  testing::TempDir dir;
  EXPECT_EQ(run({"synth", "--out", (dir / "t.json").string()}), kExitOk);
  EXPECT_EQ(out_.str(), "");
  const std::string printed = [&] {
    run({"synth"});
    return out_.str();
  }();
  EXPECT_EQ(core::read_file(dir / "t.json").value(), printed);

  svc_.hooks().add_validator("always", [](const cfn::Template&, const HookContext&) -> core::Result<void> {
    return core::fail("policy", "not today");
  });
  EXPECT_EQ(run({"synth", "--out", (dir / "u.json").string()}), kExitFailure);
  EXPECT_FALSE(std::filesystem::exists(dir / "u.json"));
  EXPECT_EQ(run({"synth", "--out", (dir / "missing-dir" / "v.json").string()}), kExitFailure);
}

TEST_F(RunTest, VersionPrintsEveryFact) {
  EXPECT_EQ(run({"--build-id", "b-1", "version"}), kExitOk);
  const std::string v = out_.str();
  for (const char* key :
       {"hoplite: ", "hoplite commit: ", "compiler: ", "service: TestService\n", "build id: b-1 (from flag)\n"}) {
    EXPECT_NE(v.find(key), std::string::npos) << key << " missing from:\n" << v;
  }
  EXPECT_EQ(err_.str(), "") << "version is not a deploy command: no banner";
}

}  // namespace
}  // namespace hoplite::app
