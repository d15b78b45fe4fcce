#include "json_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <set>

namespace ttplan::detail {

namespace {

using json = nlohmann::json;

// Protocol files nest about eight levels; anything far deeper is not a protocol and could
// exhaust the stack of code that walks the document recursively.
constexpr std::size_t max_depth = 64;

struct position {
    std::size_t consumed = 0;
    int newlines = 0;
    char last = '\0';

    // nlohmann reads one character past a number before reporting it; when that character
    // is the line break, the number still belongs to the line before.
    int line() const noexcept { return 1 + newlines - (last == '\n' ? 1 : 0); }
};

// A character iterator that counts what the parser has consumed, so a SAX handler knows
// which line each event comes from.
class counting_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    counting_iterator() = default;
    counting_iterator(const char* at, position* pos) : at_(at), pos_(pos) {}

    reference operator*() const { return *at_; }
    counting_iterator& operator++() {
        if (pos_ != nullptr) {
            ++pos_->consumed;
            if (*at_ == '\n') ++pos_->newlines;
            pos_->last = *at_;
        }
        ++at_;
        return *this;
    }
    counting_iterator operator++(int) {
        counting_iterator before = *this;
        ++*this;
        return before;
    }
    friend bool operator==(const counting_iterator& a, const counting_iterator& b) { return a.at_ == b.at_; }

private:
    const char* at_ = nullptr;
    position* pos_ = nullptr;
};

// Records the line of every pointer and every duplicate key. The document itself is built
// by a second, ordinary parse: the text is small and this keeps the handler simple.
class line_recorder {
public:
    line_recorder(const position& pos, std::string_view origin) : pos_(pos), origin_(origin) {}

    line_map lines;
    std::vector<problem> problems;
    bool too_deep = false;
    std::size_t error_byte = 0;
    std::string error_text;

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(json::number_integer_t) { return value(); }
    bool number_unsigned(json::number_unsigned_t) { return value(); }
    bool number_float(json::number_float_t, const json::string_t&) { return value(); }
    bool string(json::string_t&) { return value(); }
    bool binary(json::binary_t&) { return value(); }

    bool start_object(std::size_t) { return open(false); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(true); }
    bool end_array() { return close(); }

    bool key(json::string_t& k) {
        frame& f = frames_.back();
        f.key = k;
        const std::string ptr = f.prefix + "/" + pointer_token(k);
        if (!f.keys.insert(k).second) {
            problems.push_back(
                {{std::string(origin_), ptr, pos_.line(), 0}, fmt::format("duplicate key \"{}\"", k)});
        } else {
            lines.emplace(ptr, pos_.line());
        }
        return true;
    }

    bool parse_error(std::size_t byte, const std::string&, const json::exception& e) {
        error_byte = byte;
        error_text = e.what();
        return false;
    }

private:
    struct frame {
        bool array = false;
        std::size_t next_index = 0;
        std::string prefix;
        std::string key;
        std::set<std::string, std::less<>> keys;
    };

    // The pointer of the value that starts now.
    std::string child() {
        if (frames_.empty()) {
            lines.emplace("", pos_.line());
            return "";
        }
        frame& f = frames_.back();
        if (!f.array) return f.prefix + "/" + pointer_token(f.key);
        std::string ptr = f.prefix + "/" + std::to_string(f.next_index++);
        lines.emplace(ptr, pos_.line());
        return ptr;
    }
    bool value() {
        child();
        return true;
    }
    bool open(bool array) {
        if (frames_.size() >= max_depth) {
            too_deep = true;
            error_byte = pos_.consumed;
            return false;
        }
        std::string ptr = child();
        frames_.push_back(frame{array, 0, std::move(ptr), {}, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return true;
    }

    const position& pos_;
    std::string_view origin_;
    std::vector<frame> frames_;
};

location location_of_byte(std::string_view text, std::size_t byte, std::string_view origin) {
    // nlohmann counts the offending character as read: byte 1 is text[0].
    const std::size_t at = std::min(byte > 0 ? byte - 1 : 0, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {std::string(origin), "", line, static_cast<int>(at - line_start) + 1};
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing ..."; keep the last part, the location is ours.
std::string syntax_message(const std::string& what) {
    const auto head = what.find("parse error");
    const auto colon = what.find(": ", head == std::string::npos ? 0 : head);
    if (colon == std::string::npos) return what;
    return what.substr(colon + 2);
}

}  // namespace

scanned_json scan_json(std::string_view text, std::string_view origin) {
    position pos;
    line_recorder recorder(pos, origin);
    const counting_iterator first(text.data(), &pos);
    const counting_iterator last(text.data() + text.size(), nullptr);
    if (!json::sax_parse(first, last, &recorder)) {
        location where = location_of_byte(text, recorder.error_byte, origin);
        if (recorder.too_deep) {
            throw parse_error(fmt::format("JSON nests deeper than {} levels", max_depth), std::move(where));
        }
        // nlohmann takes a NUL byte outside a string for the end of the input; say what it is.
        const std::size_t at = recorder.error_byte > 0 ? recorder.error_byte - 1 : 0;
        if (at < text.size() && text[at] == '\0') {
            throw parse_error("a NUL byte (U+0000), which JSON text never holds: not a text file?",
                              std::move(where));
        }
        throw parse_error(syntax_message(recorder.error_text), std::move(where));
    }
    scanned_json out;
    // Cannot fail: the same text just passed the same parser.
    out.value = json::parse(text.begin(), text.end());
    out.lines = std::move(recorder.lines);
    out.problems = std::move(recorder.problems);
    return out;
}

int line_of(const line_map& lines, std::string_view pointer) {
    for (;;) {
        if (auto it = lines.find(pointer); it != lines.end()) return it->second;
        if (pointer.empty()) return 0;
        pointer = pointer.substr(0, pointer.rfind('/'));
    }
}

}  // namespace ttplan::detail
