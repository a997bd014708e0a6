#pragma once
// Helpers shared by the oci tests: reading test data, listing tar entries, schema checks.

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <string>
#include <vector>

#include "hoplite/core/file.hpp"
#include "json_schema.hpp"
#include "support/golden.hpp"

namespace hoplite::oci::testing {

inline std::string read_testdata(const std::string& rel) {
  return hoplite::core::read_file(hoplite::testing::testdata(rel)).value();
}

inline JsonSchemaValidator& oci_schemas() {
  static JsonSchemaValidator v(hoplite::testing::testdata("oci/schema"));
  return v;
}

/// Schema errors of `json_text` against `schema_file`, joined (empty when valid).
inline std::string schema_errors(const std::string& json_text, const std::string& schema_file) {
  std::string out;
  for (const auto& e : oci_schemas().validate(nlohmann::json::parse(json_text), schema_file)) out += e + "\n";
  return out;
}

/// One tar entry as a listing line: `<type> <mode> <uid>/<gid> <uname>/<gname> <mtime> <size> <path>[ -> target]`.
struct TarEntry {
  std::string path;
  char type = '-';
  int mode = 0;
  long long uid = 0, gid = 0, mtime = 0, size = 0;
  std::string uname, gname, link, data;
};

inline std::vector<TarEntry> read_tar(const std::string& tar) {
  std::vector<TarEntry> out;
  archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  archive_read_support_filter_gzip(a);
  if (archive_read_open_memory(a, tar.data(), tar.size()) != ARCHIVE_OK) {
    archive_read_free(a);
    throw std::runtime_error("not a tar");
  }
  archive_entry* e = nullptr;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    TarEntry t;
    t.path = archive_entry_pathname(e);
    auto ft = archive_entry_filetype(e);
    t.type = ft == AE_IFDIR ? 'd' : ft == AE_IFLNK ? 'l' : ft == AE_IFREG ? '-' : '?';
    t.mode = static_cast<int>(archive_entry_perm(e));
    t.uid = archive_entry_uid(e);
    t.gid = archive_entry_gid(e);
    t.mtime = archive_entry_mtime(e);
    t.size = archive_entry_size(e);
    t.uname = archive_entry_uname(e) ? archive_entry_uname(e) : "";
    t.gname = archive_entry_gname(e) ? archive_entry_gname(e) : "";
    if (archive_entry_symlink(e)) t.link = archive_entry_symlink(e);
    if (t.size > 0) {
      t.data.resize(static_cast<std::size_t>(t.size));
      archive_read_data(a, t.data.data(), t.data.size());
    }
    out.push_back(std::move(t));
  }
  archive_read_free(a);
  return out;
}

}  // namespace hoplite::oci::testing

#include "hoplite/core/process.hpp"

namespace hoplite::oci::testing {

/// Runs a real tool; returns its result or fails the test when it cannot be started.
inline hoplite::core::ProcessResult run_tool(std::vector<std::string> argv,
                                             std::chrono::milliseconds timeout = std::chrono::milliseconds(60000)) {
  hoplite::core::PosixProcessRunner runner;
  auto r = runner.run({.argv = std::move(argv), .timeout = timeout});
  if (!r) throw std::runtime_error(r.error().to_string());
  return *r;
}

/// True when `program` is on PATH; tests that need it skip with a clear reason otherwise.
inline bool have_tool(const std::string& program) { return hoplite::core::find_on_path(program).has_value(); }

}  // namespace hoplite::oci::testing
