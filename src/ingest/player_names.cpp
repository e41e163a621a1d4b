#include "ingest/player_names.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text.h"

namespace backcourt {
namespace {

// ASCII spelling of the letters of Latin-1 Supplement and Latin Extended-A, by code point
// range. Code points in those blocks missing here (×, ÷, symbols) are dropped.
struct Fold {
  char32_t first;
  char32_t last;
  std::string_view ascii;
};
constexpr std::array<Fold, 51> kFolds = {{
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},    {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},     {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},     {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},     {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},     {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},     {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},     {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},   {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},  {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},   {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},   {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"},   {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
    {0xA0, 0xA0, " "},   {0x2010, 0x2015, " "},  // no-break space; Unicode hyphens and dashes
    {0x300, 0x36F, ""},                          // combining marks (decomposed accents)
}};

constexpr std::array<std::string_view, 5> kSuffixes = {"jr", "sr", "ii", "iii", "iv"};

// Decodes one UTF-8 code point at `text[i]`, advancing `i`; U+FFFD for a bad sequence.
char32_t DecodeUtf8(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

// Appends the ASCII form of `cp`: letters and digits in lower case; whitespace, hyphens,
// underscores and commas separate words; other punctuation (. ' ’) joins what surrounds it.
void AppendFolded(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
    else if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == ',')
      out.push_back(' ');
    return;
  }
  for (const Fold& fold : kFolds) {
    if (cp >= fold.first && cp <= fold.last) {
      out.append(fold.ascii);
      return;
    }
  }
}

bool IsSuffix(std::string_view word) {
  for (std::string_view suffix : kSuffixes) {
    if (word == suffix) return true;
  }
  return false;
}

// First names that books and the league spell differently for the same players (seen in
// ../shared/data/odds against NBA.com names): each group is one name.
constexpr std::array<std::array<std::string_view, 4>, 11> kFirstNames = {{
    {"herb", "herbert", "", ""},
    {"ron", "ronald", "", ""},
    {"vince", "vincent", "", ""},
    {"nic", "nick", "nicolas", "nicholas"},
    {"moe", "moritz", "", ""},
    {"bj", "brandon", "", ""},
    {"jay", "james", "", ""},
    {"cam", "cameron", "", ""},
    {"mo", "mohamed", "mohammed", ""},
    {"gg", "greg", "gregory", ""},
    {"kenny", "kenneth", "", ""},
}};

}  // namespace

std::vector<std::string> FirstNameVariants(std::string_view name_key) {
  const size_t space = name_key.find(' ');
  if (space == std::string_view::npos) return {};
  const std::string_view first = name_key.substr(0, space), rest = name_key.substr(space);
  std::vector<std::string> variants;
  for (const auto& group : kFirstNames) {
    if (std::find(group.begin(), group.end(), first) == group.end()) continue;
    for (std::string_view other : group) {
      if (!other.empty() && other != first) variants.push_back(std::string(other) + std::string(rest));
    }
  }
  return variants;
}

std::string NormalizePlayerName(std::string_view name) {
  std::string folded;
  folded.reserve(name.size());
  for (size_t i = 0; i < name.size();) AppendFolded(DecodeUtf8(name, i), folded);

  std::vector<std::string_view> words = SplitWords(folded);
  while (words.size() > 1 && IsSuffix(words.back())) words.pop_back();

  // Initials written apart ("P. J.") join like initials written together ("P.J.").
  std::string key;
  key.reserve(folded.size());
  for (size_t w = 0; w < words.size(); ++w) {
    const bool joins_initial = w > 0 && words[w].size() == 1 && words[w - 1].size() == 1;
    if (w > 0 && !joins_initial) key.push_back(' ');
    key.append(words[w]);
  }
  return key;
}

}  // namespace backcourt
