// Loads libocigreet.so with dlopen instead of linking it, and says so in an FDO dlopen note
// (https://systemd.io/ELF_DLOPEN_METADATA/): the image builder must put the library where dlopen
// will look, although no DT_NEEDED names it. Its RUNPATH is $ORIGIN/../lib, like the greeter's.
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>

namespace {
constexpr char kJson[] = R"([{"feature":"greeting","priority":"required","soname":["libocigreet.so"]}])";
struct Note {
  std::uint32_t namesz = 4, descsz = sizeof(kJson), type = 0x407c0c0a;
  char name[4] = {'F', 'D', 'O', '\0'};
  char desc[(sizeof(kJson) + 3) / 4 * 4] = {};
  constexpr Note() {
    for (std::size_t i = 0; i < sizeof(kJson); ++i) desc[i] = kJson[i];
  }
};
[[gnu::used, gnu::section(".note.dlopen"), gnu::aligned(4)]] constexpr Note kNote{};
}  // namespace

int main(int argc, char** argv) {
  void* lib = dlopen("libocigreet.so", RTLD_NOW);
  if (lib == nullptr) {
    std::printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  auto greet = reinterpret_cast<void (*)(const char*)>(dlsym(lib, "hoplite_greet"));
  greet(argc > 1 ? argv[1] : "nobody");
  return 0;
}
