// The in-house strip and debug file: the stripped binary runs, holds no debug information, and
// elfutils symbolizes its addresses from the debug file (found by build id or .gnu_debuglink).
#include "hoplite/oci/strip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <set>

#include "hoplite/core/file.hpp"
#include "hoplite/oci/elf.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;
using testing::have_tool;
using testing::run_tool;

// A minimal ELF64 section reader for the checks (independent of the code under test).
struct SectionInfo {
  std::string name;
  std::uint32_t type;
  std::uint64_t addr, offset, size;
};

std::uint64_t le(const std::string& b, std::size_t off, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(off + static_cast<std::size_t>(i)));
  return v;
}

std::vector<SectionInfo> sections_of(const std::string& elf) {
  std::uint64_t shoff = le(elf, 40, 8), shnum = le(elf, 60, 2), shstrndx = le(elf, 62, 2);
  std::vector<SectionInfo> out;
  std::uint64_t names = le(elf, shoff + shstrndx * 64 + 24, 8);
  for (std::uint64_t i = 0; i < shnum; ++i) {
    std::size_t e = shoff + i * 64;
    SectionInfo s{std::string(elf.c_str() + names + le(elf, e, 4)), static_cast<std::uint32_t>(le(elf, e + 4, 4)),
                  le(elf, e + 16, 8), le(elf, e + 24, 8), le(elf, e + 32, 8)};
    out.push_back(s);
  }
  return out;
}

std::set<std::string> names_of(const std::string& elf) {
  std::set<std::string> out;
  for (const auto& s : sections_of(elf)) out.insert(s.name);
  return out;
}

// The address of `symbol` from the unstripped binary's .symtab.
std::uint64_t address_of(const std::string& elf, const std::string& symbol) {
  auto secs = sections_of(elf);
  for (const auto& s : secs) {
    if (s.type != 2 /* SHT_SYMTAB */) continue;
    const SectionInfo& strtab = secs.at(le(elf, le(elf, 40, 8) + (&s - secs.data()) * 64 + 40, 4));
    for (std::uint64_t off = s.offset; off + 24 <= s.offset + s.size; off += 24) {
      std::string name(elf.c_str() + strtab.offset + le(elf, off, 4));
      if (name == symbol) return le(elf, off + 8, 8);
    }
  }
  return 0;
}

std::string materialize(const FileContent& c) {
  std::string out;
  for (const auto& p : c.pieces) {
    if (!p.file) {
      out += p.bytes;
      continue;
    }
    std::string part(static_cast<std::size_t>(p.length), '\0');
    p.file->read_at(p.offset, part.data(), part.size()).value();
    out += part;
  }
  return out;
}

fs::path write_executable(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  hoplite::core::write_file_atomic(p, bytes, 0755).value();
  return p;
}

TEST(Strip, TheStrippedBinaryRunsAndKeepsOnlyLoadableSections) {
  TempDir dir;
  auto original = hoplite::core::read_file(HOPLITE_OCI_HELLO).value();
  ASSERT_TRUE(names_of(original).count(".debug_info")) << "the test program must be built with -g";
  auto plan = strip_binary(HostFile::open(HOPLITE_OCI_HELLO).value());
  ASSERT_TRUE(plan) << plan.error().to_string();
  EXPECT_TRUE(plan->stripped);
  EXPECT_EQ(plan->build_id, read_elf(original)->build_id);
  EXPECT_EQ(plan->build_id.size(), 40u);
  std::string stripped = materialize(plan->content);
  EXPECT_EQ(stripped.size(), plan->content.size());
  EXPECT_LT(stripped.size(), original.size());

  auto names = names_of(stripped);
  for (const char* gone : {".debug_info", ".debug_line", ".symtab", ".strtab", ".comment"}) {
    EXPECT_FALSE(names.count(gone)) << gone;
  }
  for (const char* kept : {".text", ".dynsym", ".dynstr", ".note.gnu.build-id", ".shstrtab"}) {
    EXPECT_TRUE(names.count(kept)) << kept;
  }
  // The loadable part is byte for byte the original's.
  EXPECT_EQ(stripped.substr(64, plan->content.pieces[1].length), original.substr(64, plan->content.pieces[1].length));

  auto exe = write_executable(dir / "hello", stripped);
  auto ran = run_tool({exe.string(), "stripped"});
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_EQ(ran.out.substr(0, ran.out.find('\n')), "hello from the image: stripped");
  if (have_tool("eu-elflint")) {
    auto lint = run_tool({"eu-elflint", "--gnu-ld", "--strict", exe.string()});
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  }
}

TEST(Strip, AStaticBinaryStripsAndRuns) {
  TempDir dir;
  auto plan = strip_binary(HostFile::open(HOPLITE_OCI_HELLO_STATIC).value());
  ASSERT_TRUE(plan) << plan.error().to_string();
  auto exe = write_executable(dir / "hello", materialize(plan->content));
  auto ran = run_tool({exe.string(), "static"});
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_EQ(ran.out.substr(0, ran.out.find('\n')), "hello from the image: static");
}

class SymbolizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_tool("eu-addr2line"))
      GTEST_SKIP() << "eu-addr2line (elfutils) is not installed; scripts/setup installs it";
  }
  // `eu-addr2line -f` of `address` in `exe`, optionally with a debug directory.
  std::string addr2line(const fs::path& exe, std::uint64_t address, const fs::path& debug_dir = {}) {
    std::vector<std::string> argv{"eu-addr2line", "-f", "-e", exe.string()};
    if (!debug_dir.empty()) argv.push_back("--debuginfo-path=" + debug_dir.string());
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(address));
    argv.emplace_back(hex);
    return run_tool(argv).out;
  }
  TempDir dir_;
};

TEST_F(SymbolizeTest, TheDebugFileIsFoundByBuildIdAndSymbolizesTheStrippedBinary) {
  auto binary = HostFile::open(HOPLITE_OCI_HELLO).value();
  auto plan = strip_binary(binary).value();
  auto exe = write_executable(dir_ / "bin" / "hello", materialize(plan.content));
  auto debug = write_debug_file(*binary, plan.build_id, dir_ / "debug", "hello", DebugFileMode::kWrite);
  ASSERT_TRUE(debug) << debug.error().to_string();
  EXPECT_TRUE(debug->written);
  EXPECT_LT(fs::file_size(debug->path), fs::file_size(HOPLITE_OCI_HELLO)) << "only what the stripped file lacks";
  EXPECT_EQ(debug->path,
            dir_ / "debug" / ".build-id" / plan.build_id.substr(0, 2) / (plan.build_id.substr(2) + ".debug"));
  std::string debug_bytes = hoplite::core::read_file(debug->path).value();
  auto names = names_of(debug_bytes);
  EXPECT_TRUE(names.count(".debug_info"));
  EXPECT_TRUE(names.count(".symtab"));
  // The build-id note is there, byte for byte, so debuggers can match the file.
  const std::string original = hoplite::core::read_file(HOPLITE_OCI_HELLO).value();
  auto note_of = [](const std::string& elf) {
    for (const auto& s : sections_of(elf)) {
      if (s.name == ".note.gnu.build-id") return elf.substr(s.offset, s.size);
    }
    return std::string();
  };
  EXPECT_EQ(note_of(debug_bytes), note_of(original));
  EXPECT_FALSE(note_of(original).empty());
  if (have_tool("eu-elflint")) {
    auto lint = run_tool({"eu-elflint", "--gnu-ld", "-d", debug->path.string()});
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  }

  const std::uint64_t main_at = address_of(hoplite::core::read_file(HOPLITE_OCI_HELLO).value(), "main");
  ASSERT_NE(main_at, 0u);
  const std::string expected = addr2line(HOPLITE_OCI_HELLO, main_at);
  ASSERT_NE(expected.find("hello.cpp:"), std::string::npos) << expected;
  EXPECT_EQ(addr2line(exe, main_at, dir_ / "debug"), expected);
  EXPECT_EQ(addr2line(exe, main_at, dir_ / "elsewhere").find("hello.cpp"), std::string::npos)
      << "without its debug file the stripped binary must not know its lines";

  // The same file again is recognised and kept.
  auto again = write_debug_file(*binary, plan.build_id, dir_ / "debug");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->written);
}

TEST_F(SymbolizeTest, WhereItCanTheDebugFileIsALinkToTheBinaryAndSymbolizesJustAsWell) {
  // A copy of the test program, as a build directory holds it.
  fs::create_directories(dir_ / "build");
  fs::copy_file(HOPLITE_OCI_HELLO, dir_ / "build/hello");
  auto binary = HostFile::open(dir_ / "build/hello").value();
  auto plan = strip_binary(binary).value();
  auto exe = write_executable(dir_ / "image/hello", materialize(plan.content));
  auto debug = write_debug_file(*binary, plan.build_id, dir_ / "debug");
  ASSERT_TRUE(debug) << debug.error().to_string();
  EXPECT_TRUE(debug->written);
  EXPECT_TRUE(fs::equivalent(debug->path, dir_ / "build/hello")) << "a hard link, nothing written";
  const std::uint64_t main_at = address_of(hoplite::core::read_file(HOPLITE_OCI_HELLO).value(), "main");
  const std::string expected = addr2line(HOPLITE_OCI_HELLO, main_at);
  EXPECT_EQ(addr2line(exe, main_at, dir_ / "debug"), expected);
}

TEST_F(SymbolizeTest, WithoutABuildIdTheStrippedBinaryCarriesADebugLinkWithTheCrc) {
  auto binary = HostFile::open(HOPLITE_OCI_HELLO_NOID).value();
  ASSERT_TRUE(read_elf_file(*binary)->build_id.empty());
  auto debug = write_debug_file(*binary, "", dir_ / "bin", "hello");
  ASSERT_TRUE(debug) << debug.error().to_string();
  std::string debug_bytes = hoplite::core::read_file(debug->path).value();
  EXPECT_EQ(debug->link.crc,
            crc32(0, reinterpret_cast<const Bytef*>(debug_bytes.data()), static_cast<uInt>(debug_bytes.size())));
  char crc_hex[9];
  std::snprintf(crc_hex, sizeof crc_hex, "%08x", debug->link.crc);
  EXPECT_EQ(debug->path.filename(), std::string("hello-") + crc_hex + ".debug");

  auto plan = strip_binary(binary, debug->link);
  ASSERT_TRUE(plan);
  std::string stripped = materialize(plan->content);
  EXPECT_TRUE(names_of(stripped).count(".gnu_debuglink"));
  auto exe = write_executable(dir_ / "bin" / "hello", stripped);
  const std::uint64_t main_at = address_of(hoplite::core::read_file(HOPLITE_OCI_HELLO_NOID).value(), "main");
  const std::string expected = addr2line(HOPLITE_OCI_HELLO_NOID, main_at);
  ASSERT_NE(expected.find("hello.cpp:"), std::string::npos) << expected;
  // The debug file sits next to the binary: found through the link, checked by its CRC.
  EXPECT_EQ(addr2line(exe, main_at), expected);
  auto ran = run_tool({exe.string(), "linked"});
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
}

TEST(Strip, RefusesWhatIsNotAnElfFileOrLies) {
  TempDir dir;
  hoplite::core::write_file_atomic(dir / "script", "#!/bin/sh\necho hi\n" + std::string(100, ' ')).value();
  auto script = strip_binary(HostFile::open(dir / "script").value());
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().code, "oci.elf");
  // Section headers pointing past the end of the file.
  std::string elf = hoplite::core::read_file(HOPLITE_OCI_HELLO).value();
  std::string bad = elf;
  for (int i = 0; i < 8; ++i) bad[40 + i] = static_cast<char>(0xff);
  hoplite::core::write_file_atomic(dir / "bad", bad).value();
  auto lying = strip_binary(HostFile::open(dir / "bad").value());
  ASSERT_FALSE(lying);
  EXPECT_EQ(lying.error().code, "oci.elf");
  hoplite::core::write_file_atomic(dir / "short", elf.substr(0, 200)).value();
  EXPECT_FALSE(strip_binary(HostFile::open(dir / "short").value()));
}

}  // namespace
}  // namespace hoplite::oci
