// libcurl, loaded on first use. A service binary is also its own Fargate task, and a task that
// never speaks HTTP should not pay for libcurl: linked normally, libcurl and the 27 libraries it
// needs (TLS, Kerberos, LDAP, IDN, ...) are mapped and relocated at every start — 5 of the 9 ms
// `fargateTask` took. So the binary does not link libcurl; these definitions of the libcurl
// functions CurlClient calls load `libcurl.so.4` with dlopen the first time one is called and
// forward to it.
//
// The image still needs libcurl for tasks that do use HTTP: the `.note.dlopen` note below
// declares it (the FDO "ELF dlopen metadata" format systemd introduced), and oci's ELF reader
// treats what such a note names like a DT_NEEDED of the binary.
//
// Adding a libcurl call to CurlClient? Add its forwarder here (the link fails until you do).

// The typecheck macros of curl.h would turn the definitions below into expressions.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <cstdint>
#include <mutex>
#include <string>

#include "hoplite/core/log.hpp"

namespace {

constexpr const char* kSoname = "libcurl.so.4";

// The FDO dlopen note: name "FDO", type 0x407c0c0a, a NUL-terminated JSON array.
constexpr char kNoteJson[] = R"([{"feature":"http","description":"HTTP client for AWS APIs and OCI registries",)"
                             R"("priority":"recommended","soname":["libcurl.so.4"]}])";
struct DlopenNote {
  std::uint32_t namesz = 4;
  std::uint32_t descsz = sizeof(kNoteJson);
  std::uint32_t type = 0x407c0c0a;
  char name[4] = {'F', 'D', 'O', '\0'};
  char desc[(sizeof(kNoteJson) + 3) / 4 * 4] = {};
  constexpr DlopenNote() {
    for (std::size_t i = 0; i < sizeof(kNoteJson); ++i) desc[i] = kNoteJson[i];
  }
};
[[gnu::used, gnu::section(".note.dlopen"), gnu::aligned(4)]] constexpr DlopenNote kDlopenNote{};

struct Curl {
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_reset)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  bool loaded = false;
};

template <typename Fn>
bool bind(void* lib, const char* name, Fn& fn) {
  fn = reinterpret_cast<Fn>(::dlsym(lib, name));
  return fn != nullptr;
}

// Loaded once, never unloaded (libcurl keeps global state). On failure every call below reports
// failure the way libcurl itself would, and CurlClient turns that into an error.
const Curl& curl() {
  static Curl c;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = ::dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* why = ::dlerror();
      hoplite::core::log::error("cannot load {} (HTTP for AWS and registries): {}; install libcurl4", kSoname,
                                why != nullptr ? why : "unknown error");
      return;
    }
    c.loaded = bind(lib, "curl_global_init", c.global_init) && bind(lib, "curl_easy_init", c.easy_init) &&
               bind(lib, "curl_easy_setopt", c.easy_setopt) && bind(lib, "curl_easy_perform", c.easy_perform) &&
               bind(lib, "curl_easy_cleanup", c.easy_cleanup) && bind(lib, "curl_easy_getinfo", c.easy_getinfo) &&
               bind(lib, "curl_easy_reset", c.easy_reset) && bind(lib, "curl_easy_strerror", c.easy_strerror) &&
               bind(lib, "curl_slist_append", c.slist_append) && bind(lib, "curl_slist_free_all", c.slist_free_all);
    if (!c.loaded) hoplite::core::log::error("{} lacks a function hoplite needs", kSoname);
  });
  return c;
}

}  // namespace

// Hidden: these stand in for libcurl inside this program only, and must never interpose on the
// real functions that libcurl itself calls once it is loaded.
#define HOPLITE_CURL_SHIM extern "C" __attribute__((visibility("hidden")))

HOPLITE_CURL_SHIM CURLcode curl_global_init(long flags) {
  return curl().loaded ? curl().global_init(flags) : CURLE_FAILED_INIT;
}

HOPLITE_CURL_SHIM CURL* curl_easy_init() { return curl().loaded ? curl().easy_init() : nullptr; }

// The option's number says its argument's type (curl.h, CURLOPTTYPE_*): a long, a curl_off_t, or
// a pointer (object, string, list, blob, function). Each is read as what it is and passed on.
HOPLITE_CURL_SHIM CURLcode(curl_easy_setopt)(CURL* handle, CURLoption option, ...) {
  if (!curl().loaded) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, option);
  CURLcode rc = CURLE_OK;
  const int type = static_cast<int>(option) / 10000 * 10000;
  if (type == CURLOPTTYPE_LONG) {
    long value = va_arg(args, long);
    rc = curl().easy_setopt(handle, option, value);
  } else if (type == CURLOPTTYPE_OFF_T) {
    curl_off_t value = va_arg(args, curl_off_t);
    rc = curl().easy_setopt(handle, option, value);
  } else {
    void* value = va_arg(args, void*);
    rc = curl().easy_setopt(handle, option, value);
  }
  va_end(args);
  return rc;
}

HOPLITE_CURL_SHIM CURLcode curl_easy_perform(CURL* handle) {
  return curl().loaded ? curl().easy_perform(handle) : CURLE_FAILED_INIT;
}

HOPLITE_CURL_SHIM void curl_easy_cleanup(CURL* handle) {
  if (curl().loaded) curl().easy_cleanup(handle);
}

// Every CURLINFO_* takes a pointer to where the answer goes.
HOPLITE_CURL_SHIM CURLcode(curl_easy_getinfo)(CURL* handle, CURLINFO info, ...) {
  if (!curl().loaded) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, info);
  void* out = va_arg(args, void*);
  va_end(args);
  return curl().easy_getinfo(handle, info, out);
}

HOPLITE_CURL_SHIM void curl_easy_reset(CURL* handle) {
  if (curl().loaded) curl().easy_reset(handle);
}

HOPLITE_CURL_SHIM const char* curl_easy_strerror(CURLcode code) {
  return curl().loaded ? curl().easy_strerror(code) : "libcurl could not be loaded";
}

HOPLITE_CURL_SHIM curl_slist* curl_slist_append(curl_slist* list, const char* text) {
  return curl().loaded ? curl().slist_append(list, text) : nullptr;
}

HOPLITE_CURL_SHIM void curl_slist_free_all(curl_slist* list) {
  if (curl().loaded) curl().slist_free_all(list);
}
