// Linked against libocigreet.so with RUNPATH $ORIGIN/../lib: resolving its libraries must expand
// $ORIGIN on the build machine and again inside the image.
extern "C" void hoplite_greet(const char* who);

int main(int argc, char** argv) {
  hoplite_greet(argc > 1 ? argv[1] : "nobody");
  return 0;
}
