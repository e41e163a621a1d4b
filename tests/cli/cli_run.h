#pragma once
// Runs backcourt in-process, as the shell would, and keeps what it printed.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace backcourt::testing {

struct CliOutput {
  int code = -1;
  std::string out, err;
};

inline CliOutput RunBackcourt(const std::vector<std::string>& args) {
  std::vector<std::string> words = {"backcourt"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& word : words) argv.push_back(word.c_str());
  std::ostringstream out, err;
  CliOutput run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace backcourt::testing
