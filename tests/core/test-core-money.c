/* test-core-money.c: fen formatting and strict parsing */
#include "config.h"

#include "core-test-util.h"

typedef struct
{
  gint64      fen;
  const char *text;
} FormatCase;

static const FormatCase format_cases[] = {
  { 0, "¥0.00" },
  { 1, "¥0.01" },
  { 1230, "¥12.30" },
  { 2500, "¥25.00" },
  { 100000, "¥1000.00" },
  { -1230, "-¥12.30" },
  { SHOU_MONEY_MAX_FEN, "¥100000000.00" },
  { G_MININT64, "-¥92233720368547758.08" },
};

static void
test_format (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *text = shou_money_format (format_cases[i].fen);
      g_autofree char *plain = shou_money_format_plain (format_cases[i].fen);

      g_assert_cmpstr (text, ==, format_cases[i].text);
      if (format_cases[i].fen >= 0)
        g_assert_cmpstr (text + strlen ("¥"), ==, plain);
      else
        g_assert_cmpstr (text + strlen ("-¥"), ==, plain + 1);
    }
}

typedef struct
{
  const char *text;
  gint64      fen;     /* when code < 0 */
  int         code;    /* -1 = parses */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "12", 1200, -1 },
  { "12.3", 1230, -1 },
  { "12.30", 1230, -1 },
  { "¥12.30", 1230, -1 },
  { "￥12.30", 1230, -1 },
  { "  ¥ 12.30 ", 1230, -1 },
  { "0.01", 1, -1 },
  { "0", 0, -1 },
  { "007.50", 750, -1 },
  { "100000000", SHOU_MONEY_MAX_FEN, -1 },
  { "100000000.00", SHOU_MONEY_MAX_FEN, -1 },
  { "", 0, SHOU_MONEY_ERROR_EMPTY },
  { "   ", 0, SHOU_MONEY_ERROR_EMPTY },
  { "¥", 0, SHOU_MONEY_ERROR_EMPTY },
  { "12.345", 0, SHOU_MONEY_ERROR_PRECISION },
  { "0.001", 0, SHOU_MONEY_ERROR_PRECISION },
  { "-1", 0, SHOU_MONEY_ERROR_NEGATIVE },
  { "-0.01", 0, SHOU_MONEY_ERROR_NEGATIVE },
  { "1e3", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "12.", 0, SHOU_MONEY_ERROR_SYNTAX },
  { ".5", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "12,30", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "1 000", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "abc", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "+12", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "0x10", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "12元", 0, SHOU_MONEY_ERROR_SYNTAX },
  { "100000000.01", 0, SHOU_MONEY_ERROR_OVERFLOW },
  { "99999999999999999999999", 0, SHOU_MONEY_ERROR_OVERFLOW },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 fen = -42;
      gboolean ok;

      ok = shou_money_parse (c->text, &fen, &error);
      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (fen, ==, c->fen);
        }
      else
        {
          if (!g_error_matches (error, SHOU_MONEY_ERROR, c->code))
            g_error ("\"%s\": expected code %d, got %s", c->text, c->code,
                     error ? error->message : "success");
          g_assert_false (ok);
          g_assert_cmpint (fen, ==, -42);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_round_trip (void)
{
  static const gint64 values[] = { 0, 1, 9, 10, 99, 100, 101, 1999, 2500, 123456789, SHOU_MONEY_MAX_FEN };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = shou_money_format (values[i]);
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_assert_true (shou_money_parse (text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, values[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money/format", test_format);
  g_test_add_func ("/core/money/parse", test_parse);
  g_test_add_func ("/core/money/round-trip", test_round_trip);

  return g_test_run ();
}
