// A tiny program the oci tests put into images and run with crun: it proves the image runs in an
// otherwise empty root filesystem (and, built dynamically, that the loader and libraries are there).
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  std::printf("hello from the image:");
  for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
  std::printf("\nuid=%d\n", static_cast<int>(getuid()));
  if (std::FILE* f = std::fopen("/etc/ssl/certs/ca-certificates.crt", "r")) {
    std::printf("ca bundle present\n");
    std::fclose(f);
  }
  return 0;
}
