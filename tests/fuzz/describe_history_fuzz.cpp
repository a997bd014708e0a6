// Fuzz target: an execution history (as AWS or the local cloud sends it) turned into the path the
// describe page colours. Input: one event per line, `<type> <id> <previous id> <details JSON>`.
// Seeds: tests/fuzz/corpus/describe_history/.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "hoplite/describe/live.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<hoplite::aws::sfn::HistoryEvent> events;
  std::string line;
  while (std::getline(in, line) && events.size() < 10000) {
    std::istringstream fields(line);
    hoplite::aws::sfn::HistoryEvent e;
    fields >> e.type >> e.id >> e.previous_event_id;
    std::getline(fields, e.details);
    events.push_back(std::move(e));
  }
  (void)hoplite::describe::path_of(events);
  return 0;
}
