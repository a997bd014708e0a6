#pragma once
/// \file A small fixed pool of worker threads running queued tasks in order of submission. The
/// engine's resource operations run here, so many stacks and many independent resources
/// progress in parallel without a thread per stack.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hoplite::local::cloudformation {

class WorkQueue {
 public:
  /// Starts `workers` threads (at least one).
  explicit WorkQueue(std::size_t workers);
  /// Runs what is queued already, then joins the workers.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  /// Queues a task; tasks must not throw (one that does is caught and dropped).
  void submit(std::function<void()> task);
  /// Blocks until the queue is empty and no task runs.
  void wait_idle();

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> tasks_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace hoplite::local::cloudformation
