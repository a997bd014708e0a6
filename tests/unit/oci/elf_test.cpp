#include "hoplite/oci/elf.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;

// The DT_NEEDED names readelf (binutils, an independent reader) prints for `path`.
std::vector<std::string> readelf_needed(const fs::path& path) {
  auto r = testing::run_tool({"readelf", "-d", path.string()});
  std::vector<std::string> out;
  std::regex re(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])");
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), re), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

TEST(Elf, ReadsTheTestExecutableLikeReadelfDoes) {
  auto info = read_elf_file("/proc/self/exe");
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->architecture, "amd64");
  EXPECT_TRUE(info->is_64bit);
  EXPECT_EQ(info->machine, 62);
  ASSERT_TRUE(info->interpreter);
  EXPECT_EQ(*info->interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_NE(std::find(info->needed.begin(), info->needed.end(), "libc.so.6"), info->needed.end());
  if (testing::have_tool("readelf")) {
    EXPECT_EQ(info->needed, readelf_needed(fs::canonical("/proc/self/exe")));
  }
}

TEST(Elf, ReadsRunpathAndKnowsAStaticBinary) {
  auto greeter = read_elf_file(HOPLITE_OCI_GREETER);
  ASSERT_TRUE(greeter) << greeter.error().to_string();
  EXPECT_EQ(greeter->runpath, std::vector<std::string>{"$ORIGIN/../lib"});
  EXPECT_TRUE(greeter->rpath.empty());
  EXPECT_EQ(greeter->needed.front(), "libocigreet.so");
  auto lib = read_elf_file(fs::path(HOPLITE_OCI_GREETER).parent_path() / "../lib/libocigreet.so");
  ASSERT_TRUE(lib);
  EXPECT_EQ(lib->soname, "libocigreet.so");
  EXPECT_FALSE(lib->interpreter);

  auto stat = read_elf_file(HOPLITE_OCI_HELLO_STATIC);
  ASSERT_TRUE(stat);
  EXPECT_TRUE(stat->is_static());
  auto deps = resolve_dependencies(HOPLITE_OCI_HELLO_STATIC);
  ASSERT_TRUE(deps) << deps.error().to_string();
  EXPECT_TRUE(deps->empty());
}

TEST(Elf, RejectsWhatIsNotElfOrNotSupported) {
  EXPECT_EQ(read_elf("#!/bin/sh\n").error().code, "oci.elf");
  auto self = hoplite::core::read_file("/proc/self/exe").value();
  EXPECT_FALSE(read_elf(std::string_view(self).substr(0, 40)));  // truncated header
  std::string big_endian = self.substr(0, 4096);
  big_endian[5] = 2;
  EXPECT_NE(read_elf(big_endian).error().message.find("big-endian"), std::string::npos);
  auto arch = oci_architecture(3);  // EM_386
  ASSERT_FALSE(arch);
  EXPECT_EQ(arch.error().code, "oci.elf.arch");
  EXPECT_NE(arch.error().message.find("amd64"), std::string::npos);
  EXPECT_EQ(oci_architecture(183).value(), "arm64");
  auto file = read_elf_file("/nonexistent/binary");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, "io.read");
}

// Every DT_NEEDED of every object is satisfied by the resolved set, and the set matches what the
// system's own loader reports (ldd), path for path.
TEST(Elf, ResolvesTheTestExecutableLikeTheLoader) {
  auto deps = resolve_dependencies("/proc/self/exe");
  ASSERT_TRUE(deps) << deps.error().to_string();
  std::set<std::string> image_paths, names;
  for (const auto& f : *deps) {
    EXPECT_TRUE(fs::is_regular_file(f.host_path)) << f.host_path;
    EXPECT_FALSE(fs::is_symlink(f.host_path)) << f.host_path;
    image_paths.insert(f.image_path);
    names.insert(fs::path(f.image_path).filename().string());
  }
  EXPECT_TRUE(image_paths.count("/lib64/ld-linux-x86-64.so.2"));
  EXPECT_EQ(deps->front().image_path, "/lib64/ld-linux-x86-64.so.2");  // the loader first
  for (const auto& f : *deps) {
    auto info = read_elf_file(f.host_path);
    ASSERT_TRUE(info) << f.host_path;
    for (const auto& n : info->needed) EXPECT_TRUE(names.count(n)) << n << " needed by " << f.image_path;
  }
  if (testing::have_tool("ldd")) {
    // ldd runs the real loader (with its cache): the same files must come out.
    // The libraries the executable's dlopen notes declare (libcurl: http loads it on first use)
    // come with what ldd says they need.
    std::set<fs::path> expected, ours;
    std::regex re(R"(=> (/\S+) \()");
    auto add_ldd = [&](const std::string& path) {
      auto ldd = testing::run_tool({"ldd", path});
      for (std::sregex_iterator it(ldd.out.begin(), ldd.out.end(), re), end; it != end; ++it) {
        expected.insert(fs::canonical(std::string((*it)[1])));
      }
      return ldd.out;
    };
    auto ldd_out = add_ldd(fs::canonical("/proc/self/exe").string());
    const auto self = read_elf_file("/proc/self/exe").value();
    for (const auto& name : self.dlopen) {
      for (const auto& f : *deps) {
        if (fs::path(f.image_path).filename() == name) {
          expected.insert(fs::canonical(f.host_path));
          add_ldd(f.host_path.string());
        }
      }
    }
    for (const auto& f : *deps) {
      if (f.image_path != "/lib64/ld-linux-x86-64.so.2") ours.insert(f.host_path);
    }
    EXPECT_EQ(ours, expected) << ldd_out;
  }
}

TEST(Elf, ExpandsOriginOnTheHostAndInTheImage) {
  auto deps = resolve_dependencies(HOPLITE_OCI_GREETER, {.image_origin = "/app/bin"});
  ASSERT_TRUE(deps) << deps.error().to_string();
  auto it = std::find_if(deps->begin(), deps->end(),
                         [](const NeededFile& f) { return f.image_path == "/app/lib/libocigreet.so"; });
  ASSERT_NE(it, deps->end());
  EXPECT_EQ(it->host_path, fs::canonical(fs::path(HOPLITE_OCI_GREETER).parent_path() / "../lib/libocigreet.so"));
}

// A fabricated root: the loader and libc, with libc.so.6 a symlink as on real systems, in
// /usr/lib/<triplet> only. The file goes where the loader asks, with the symlink target's bytes.
TEST(Elf, FollowsSymlinksButPlacesFilesWhereTheLoaderLooks) {
  TempDir root;
  auto hello = read_elf_file(HOPLITE_OCI_HELLO);
  ASSERT_TRUE(hello);
  auto host = resolve_dependencies(HOPLITE_OCI_HELLO);
  ASSERT_TRUE(host);
  fs::create_directories(root / "lib64");
  fs::create_directories(root / "usr/lib/x86_64-linux-gnu");
  for (const auto& f : *host) {
    std::string name = fs::path(f.image_path).filename().string();
    if (f.image_path == "/lib64/ld-linux-x86-64.so.2") {
      fs::copy_file(f.host_path, root / "lib64" / name);
    } else {
      fs::copy_file(f.host_path, root / "usr/lib/x86_64-linux-gnu" / (name + ".real"));
      fs::create_symlink(name + ".real", root / "usr/lib/x86_64-linux-gnu" / name);
    }
  }
  auto deps = resolve_dependencies(HOPLITE_OCI_HELLO, {.sysroot = root.path()});
  ASSERT_TRUE(deps) << deps.error().to_string();
  ASSERT_EQ(deps->size(), host->size());
  for (const auto& f : *deps) {
    if (f.image_path == "/lib64/ld-linux-x86-64.so.2") continue;
    EXPECT_EQ(fs::path(f.image_path).parent_path(), "/usr/lib/x86_64-linux-gnu") << f.image_path;
    EXPECT_EQ(f.host_path.filename().string(), fs::path(f.image_path).filename().string() + ".real");
  }

  // Take libc away: the error names the library, who needs it and where we looked.
  fs::remove(root / "usr/lib/x86_64-linux-gnu/libc.so.6");
  auto missing = resolve_dependencies(HOPLITE_OCI_HELLO, {.sysroot = root.path()});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "oci.elf.missing");
  EXPECT_NE(missing.error().message.find("libc.so.6"), std::string::npos) << missing.error().message;
  EXPECT_NE(missing.error().message.find("usr/lib/x86_64-linux-gnu"), std::string::npos) << missing.error().message;
}

// FDO dlopen notes name libraries no DT_NEEDED does; they resolve like the executable's own, and
// one that cannot be found is left out (the program has to cope with dlopen failing anyway).
TEST(Elf, ReadsDlopenNotesAndResolvesWhatTheyName) {
  auto info = read_elf_file(HOPLITE_OCI_DLOPENER);
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->dlopen, std::vector<std::string>{"libocigreet.so"});
  EXPECT_EQ(std::find(info->needed.begin(), info->needed.end(), "libocigreet.so"), info->needed.end());
  auto deps = resolve_dependencies(HOPLITE_OCI_DLOPENER, {.image_origin = "/app/bin"});
  ASSERT_TRUE(deps) << deps.error().to_string();
  bool found = false;
  for (const auto& f : *deps) found = found || f.image_path == "/app/lib/libocigreet.so";
  EXPECT_TRUE(found);

  // Without the library next to it, the program still resolves (and would report at run time).
  TempDir dir;
  fs::create_directories(dir / "bin");
  fs::copy_file(HOPLITE_OCI_DLOPENER, dir / "bin/dlopener");
  auto alone = resolve_dependencies(dir / "bin/dlopener");
  ASSERT_TRUE(alone) << alone.error().to_string();
  for (const auto& f : *alone) EXPECT_EQ(f.image_path.find("libocigreet"), std::string::npos) << f.image_path;

  // A hostile note: deeply nested or not JSON at all names nothing and breaks nothing.
  std::string elf = hoplite::core::read_file(HOPLITE_OCI_DLOPENER).value();
  auto at = elf.find("[{\"feature\"");
  ASSERT_NE(at, std::string::npos);
  std::string nested = elf;
  for (std::size_t i = 0; i < 20; ++i) nested[at + i] = '[';
  EXPECT_TRUE(read_elf(nested)->dlopen.empty());
}

// PT_INTERP names a file that goes into the image: it must be a loader, not any host file.
TEST(Elf, TheInterpreterMustBeAnElfLoader) {
  TempDir root;
  auto host = resolve_dependencies(HOPLITE_OCI_HELLO);
  ASSERT_TRUE(host);
  for (const auto& f : *host) {
    fs::create_directories(root.path() / fs::path(f.image_path).relative_path().parent_path());
    fs::copy_file(f.host_path, root.path() / fs::path(f.image_path).relative_path());
  }
  const fs::path loader = root / "lib64/ld-linux-x86-64.so.2";
  ASSERT_TRUE(resolve_dependencies(HOPLITE_OCI_HELLO, {.sysroot = root.path()}));
  auto refused = [&](const std::string& why) {
    auto r = resolve_dependencies(HOPLITE_OCI_HELLO, {.sysroot = root.path()});
    ASSERT_FALSE(r) << why;
    EXPECT_EQ(r.error().code, "oci.elf.interp") << why;
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  };
  fs::remove(loader);
  ASSERT_TRUE(hoplite::core::write_file_atomic(loader, "root:secret-hash:19000:0:99999:7:::\n"));
  refused("not an ELF file");
  fs::remove(loader);
  fs::copy_file(HOPLITE_OCI_HELLO, loader);  // an executable with an interpreter of its own
  refused("has an interpreter itself");
  fs::remove(loader);
  fs::copy_file(HOPLITE_OCI_GREET_LIB, loader);  // a shared library that needs others
  refused("needs other libraries");
  fs::remove(loader);
  ASSERT_EQ(::mkfifo(loader.c_str(), 0644), 0);
  refused("not a regular file");  // and no hang on the FIFO
}

TEST(Elf, ReadsOnlyTheHeadersOfAFileAndRefusesWhatIsNotARegularFile) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
  auto fifo = read_elf_file(dir / "fifo");
  ASSERT_FALSE(fifo);
  EXPECT_EQ(fifo.error().code, "io.read");
  EXPECT_FALSE(read_elf_file("/dev/zero"));
  // A 1 TiB sparse file behind a real ELF header: read in microseconds, because only the
  // headers are read.
  std::string self = hoplite::core::read_file(HOPLITE_OCI_HELLO).value();
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir / "huge", self));
  ASSERT_EQ(::truncate((dir / "huge").c_str(), std::int64_t{1} << 40), 0);
  auto huge = read_elf_file(dir / "huge");
  ASSERT_TRUE(huge) << huge.error().to_string();
  EXPECT_EQ(huge->needed, read_elf_file(HOPLITE_OCI_HELLO)->needed);
  EXPECT_EQ(huge->build_id, read_elf_file(HOPLITE_OCI_HELLO)->build_id);
}

// A fabricated root whose loader and libc are real copies and whose greet library lives in a
// directory only /etc/ld.so.conf (through an include) names.
void make_root_with_vendor_lib(const fs::path& root) {
  auto host = resolve_dependencies(HOPLITE_OCI_HELLO);
  ASSERT_TRUE(host);
  for (const auto& f : *host) {
    fs::create_directories(root / fs::path(f.image_path).relative_path().parent_path());
    fs::copy_file(f.host_path, root / fs::path(f.image_path).relative_path());
  }
  fs::create_directories(root / "opt/vendor/lib");
  fs::copy_file(HOPLITE_OCI_GREET_LIB, root / "opt/vendor/lib/libocigreet.so");
  fs::create_directories(root / "etc/ld.so.conf.d");
  ASSERT_TRUE(hoplite::core::write_file_atomic(root / "etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n"));
  ASSERT_TRUE(hoplite::core::write_file_atomic(root / "etc/ld.so.conf.d/vendor.conf", "# vendor\n/opt/vendor/lib\n"));
  ASSERT_TRUE(hoplite::core::write_file_atomic(root / "etc/ld.so.conf.d/other.txt", "/not/included\n"));
}

TEST(Elf, FindsLibrariesThroughLdSoConfAndPlacesThemWhereTheImageLoaderLooks) {
  TempDir root;
  make_root_with_vendor_lib(root.path());
  auto deps = resolve_dependencies(HOPLITE_OCI_GREETER_PLAIN, {.sysroot = root.path()});
  ASSERT_TRUE(deps) << deps.error().to_string();
  auto it = std::find_if(deps->begin(), deps->end(),
                         [](const NeededFile& f) { return fs::path(f.image_path).filename() == "libocigreet.so"; });
  ASSERT_NE(it, deps->end());
  EXPECT_EQ(it->image_path, "/lib/x86_64-linux-gnu/libocigreet.so");
  EXPECT_EQ(it->host_path, root / "opt/vendor/lib/libocigreet.so");

  auto without = resolve_dependencies(HOPLITE_OCI_GREETER_PLAIN, {.sysroot = root.path(), .use_ld_so_conf = false});
  ASSERT_FALSE(without);
  EXPECT_NE(without.error().message.find("libocigreet.so"), std::string::npos);
  EXPECT_EQ(without.error().message.find("/not/included"), std::string::npos);
}

TEST(Elf, DefaultDirectoriesFollowTheArchitecture) {
  EXPECT_EQ(default_library_dirs("amd64").front(), "/lib/x86_64-linux-gnu");
  EXPECT_EQ(default_library_dirs("arm64").front(), "/lib/aarch64-linux-gnu");
}

}  // namespace
}  // namespace hoplite::oci
