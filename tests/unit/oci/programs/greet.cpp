// A shared library found through RUNPATH $ORIGIN/../lib (see greeter.cpp).
#include <cstdio>

extern "C" void hoplite_greet(const char* who) { std::printf("greetings, %s\n", who); }
