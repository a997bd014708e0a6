#pragma once
/// \file
/// Text from peers (registry errors, AWS messages, stack status reasons, process output)
/// made safe to show: a peer must not be able to clear the screen, move the cursor, forge a log
/// line, reorder text with bidi controls, or flood the terminal with a 50 MB message.
///
/// **Example**:
/// \code
///   core::terminal_safe("denied\x1b[2J\nINFO  pushed");   // "denied\x1b[2J\nINFO  pushed" — escaped, one line
///   core::terminal_safe(std::string(1 << 20, 'x'));        // 16 KiB of x, then "… [1032192 more bytes]"
/// \endcode

#include <cstddef>
#include <string>
#include <string_view>

namespace hoplite::core {

/// The default cap of terminal_safe: 16 KiB, more than any real error message.
inline constexpr std::size_t kMaxTerminalText = 16 * 1024;

/// `text` with every byte that could steer a terminal escaped, capped at `max_bytes` of input:
/// - `\n` and `\r` become the two characters `\n` and `\r` (one record stays one line);
/// - other C0 controls and DEL become `\xNN` (ESC is `\x1b`); tab stays;
/// - C1 controls (U+0080..U+009F) and bidirectional controls (U+202A..U+202E, U+2066..U+2069)
///   become `\uNNNN`;
/// - bytes that are not valid UTF-8 become `\xNN`; valid UTF-8 stays as it is.
/// When `text` is longer than `max_bytes`, the first `max_bytes` (never cutting a UTF-8 sequence)
/// are kept and ` … [N more bytes]` is appended.
[[nodiscard]] std::string terminal_safe(std::string_view text, std::size_t max_bytes = kMaxTerminalText);

/// At most `max_bytes` of `text`, cut at a UTF-8 sequence boundary (for formats that escape by
/// themselves, such as JSON log lines).
[[nodiscard]] std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

/// Length of the valid UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF) that starts
/// at `text[i]`, or 0 when there is none.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// True when all of `text` is valid UTF-8 in the sense of utf8_sequence_length.
[[nodiscard]] bool is_utf8(std::string_view text);

}  // namespace hoplite::core
