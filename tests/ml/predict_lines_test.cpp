// The side a prediction takes against a consensus line (ml/predict_lines.h): OVER when the
// edge reaches --min-edge, UNDER when it reaches −min-edge, else PASS; the price and book of
// that side; no line: PASS with blanks.
#include "ml/predict_lines.h"

#include <gtest/gtest.h>

namespace backcourt {
namespace {

PropLine Line(double line) {
  PropLine l;
  l.line = line, l.over_price = 105, l.under_price = -125;
  l.over_book = "bovada", l.under_book = "fanduel";
  return l;
}

TEST(PickSideTest, EdgeAgainstMinEdge) {
  struct Case {
    double prediction, line;
    const char* side;
    std::optional<double> price;
    std::optional<std::string> book;
  } cases[] = {
      {22.0, 20.5, kSideOver, 105, "bovada"},               // edge 1.5 = min edge: OVER
      {21.9, 20.5, kSidePass, std::nullopt, std::nullopt},  // 1.4: PASS
      {19.0, 20.5, kSideUnder, -125, "fanduel"},            // -1.5: UNDER
      {19.1, 20.5, kSidePass, std::nullopt, std::nullopt},
  };
  for (const Case& c : cases) {
    const LinePick pick = PickSide(c.prediction, Line(c.line), 1.5);
    EXPECT_EQ(pick.side, c.side) << c.prediction;
    EXPECT_NEAR(*pick.edge, c.prediction - c.line, 1e-12);
    EXPECT_EQ(pick.price, c.price) << c.prediction;
    EXPECT_EQ(pick.book, c.book) << c.prediction;
  }
}

TEST(PickSideTest, NoLineIsPassWithBlanks) {
  const LinePick pick = PickSide(30, std::nullopt, 1.5);
  EXPECT_EQ(pick.side, kSidePass);
  EXPECT_FALSE(pick.line || pick.edge || pick.price || pick.book);
}

}  // namespace
}  // namespace backcourt
