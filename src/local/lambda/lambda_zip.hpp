#pragma once
/// \file The little of the zip format Lambda's emulation needs: recognising a zip archive by its
/// signature (AWS refuses code it cannot unzip), and writing a one-file archive — what
/// CloudFormation makes of a function's inline `Code.ZipFile` source (`index.js`, `index.py`).

#include <string>
#include <string_view>

namespace hoplite::local::lambda {

/// True when `bytes` begin with a zip local file header (`PK\3\4`) or are an empty archive's end
/// record (`PK\5\6`). A signature check, not a full parse: the code is stored, never unpacked.
[[nodiscard]] bool looks_like_zip(std::string_view bytes);

/// A zip archive holding `content` as the file `name`, stored (no compression), mode 0644, dated
/// 1980-01-01 so that the same source gives the same archive (and CodeSha256).
[[nodiscard]] std::string zip_one_file(std::string_view name, std::string_view content);

}  // namespace hoplite::local::lambda
