#pragma once
/// \file HTML text and attribute escaping for the describe page. Everything that came from the
/// template, the image or an AWS response goes through here: the page never interpolates raw text.

#include <string>
#include <string_view>

namespace hoplite::describe {

/// `text` safe for HTML (and inline SVG) text and double- or single-quoted attribute values:
/// `& < > " '` become entities, C0/C1 control characters (other than tab and newline) and bytes
/// that are not UTF-8 become U+FFFD, so nothing can open markup, end an attribute or confuse a
/// terminal that shows the file.
[[nodiscard]] std::string html_escape(std::string_view text);

/// Appends html_escape(text) to `out` (the page is built by appending).
void append_escaped(std::string& out, std::string_view text);

/// Appends `open`, html_escape(text), `close` (open and close are markup written by describe).
void append_tag(std::string& out, std::string_view open, std::string_view text, std::string_view close);

/// The number of terminal-style cells `text` takes in a monospace font: 1 per code point, 2 for
/// East Asian wide and emoji ranges, 0 for combining marks. Used to size graph nodes without
/// asking a font.
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` cut to at most `max_cells` display cells, with "…" at the end when it was cut. Never
/// splits a UTF-8 sequence.
[[nodiscard]] std::string truncate_display(std::string_view text, std::size_t max_cells);

}  // namespace hoplite::describe
