/* test-core-time.c: working days, durations, ISO 8601, countdowns */
#include "config.h"

#include "core-test-util.h"

#define HOUR SHOU_USEC_PER_HOUR
#define DAY  SHOU_USEC_PER_DAY
#define MINUTE SHOU_USEC_PER_MINUTE

static void
test_working_days (void)
{
  /* T0 is Monday 10:00 CST. */
  static const struct { gint64 start_offset; int days; gint64 expect_offset; } cases[] = {
    { 0, 0, 0 },
    { 0, 1, 1 * DAY },                   /* Tue */
    { 0, 4, 4 * DAY },                   /* Fri */
    { 0, 5, 7 * DAY },                   /* next Mon */
    { 0, 7, 9 * DAY },                   /* next Wed: 001 篇五 resolve in 7 working days */
    { 4 * DAY, 2, 8 * DAY },             /* Fri + 2 wd = Tue: 001 篇五 reply in 2 working days */
    { 5 * DAY, 1, 7 * DAY },             /* Sat + 1 wd = Mon */
    { 6 * DAY, 1, 7 * DAY },             /* Sun + 1 wd = Mon */
    { 4 * DAY + 14 * HOUR - 1, 1, 7 * DAY + 14 * HOUR - 1 },  /* Fri 23:59:59 CST -> Mon */
    { 4 * DAY + 14 * HOUR, 1, 6 * DAY + 14 * HOUR },          /* Sat 00:00 CST -> Mon 00:00 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (shou_time_add_working_days (CORE_TEST_T0 + cases[i].start_offset, cases[i].days),
                     ==, CORE_TEST_T0 + cases[i].expect_offset);
}

static void
test_duration_parse (void)
{
  static const struct { const char *text; gint64 usec; int wd; gboolean ok; } cases[] = {
    { "48h", 48 * HOUR, 0, TRUE },
    { "7d", 7 * DAY, 0, TRUE },
    { "30m", 30 * MINUTE, 0, TRUE },
    { "90s", 90 * SHOU_USEC_PER_SECOND, 0, TRUE },
    { "1d12h", 36 * HOUR, 0, TRUE },
    { "2wd", 0, 2, TRUE },
    { "", 0, 0, FALSE },
    { "d", 0, 0, FALSE },
    { "12", 0, 0, FALSE },
    { "2 days", 0, 0, FALSE },
    { "5x", 0, 0, FALSE },
    { "-5h", 0, 0, FALSE },
    { "99999999999d", 0, 0, FALSE },
    { "4000d", 0, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 usec = -1;
      int wd = -1;
      gboolean ok = shou_duration_parse (cases[i].text, &usec, &wd, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (usec, ==, cases[i].usec);
          g_assert_cmpint (wd, ==, cases[i].wd);
        }
      else
        g_assert_error (error, SHOU_TIME_ERROR, error->code);
    }
}

static void
test_iso8601 (void)
{
  static const struct { const char *text; gint64 usec; gboolean ok; } cases[] = {
    { "2026-11-09T10:00:00+08:00", CORE_TEST_T0, TRUE },
    { "2026-11-09T02:00:00Z", CORE_TEST_T0, TRUE },
    { "2026-11-09T02:00:00.5Z", CORE_TEST_T0 + 500000, TRUE },
    { "2026-11-08T21:00:00-05:00", CORE_TEST_T0, TRUE },
    { "2026-11-09T10:00:00", 0, FALSE },
    { "2026-11-09 10:00:00+08:00", 0, FALSE },
    { "2026-02-30T10:00:00Z", 0, FALSE },
    { "2026-13-01T10:00:00Z", 0, FALSE },
    { "2026-11-09T24:00:00Z", 0, FALSE },
    { "26-11-09T10:00:00Z", 0, FALSE },
    { "2026-11-09T10:00:00Zjunk", 0, FALSE },
    { "", 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 usec = 0;
      gboolean ok = shou_time_parse_iso8601 (cases[i].text, &usec, &error);

      if (ok != cases[i].ok)
        g_error ("\"%s\": expected %s", cases[i].text, cases[i].ok ? "success" : "failure");
      if (ok)
        g_assert_cmpint (usec, ==, cases[i].usec);
      else
        g_assert_nonnull (error);
    }
}

static void
test_countdown (void)
{
  static const struct { gint64 left; const char *text; } cases[] = {
    { 1 * DAY + 3 * HOUR + 20 * MINUTE, "1 d 3 h left" },
    { 2 * DAY, "2 d left" },
    { 5 * HOUR + 5 * MINUTE, "5 h 5 min left" },
    { 3 * HOUR, "3 h left" },
    { 42 * MINUTE + 30 * SHOU_USEC_PER_SECOND, "42 min left" },
    { 30 * SHOU_USEC_PER_SECOND, "30 s left" },
    { 0, "0 s left" },
    { -2 * HOUR, "2 h overdue" },
    { -(1 * DAY + 1 * HOUR), "1 d 1 h overdue" },
    { -5 * MINUTE, "5 min overdue" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = shou_countdown_format (CORE_TEST_T0 + cases[i].left, CORE_TEST_T0);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_countdown_none (void)
{
  g_autofree char *text = shou_countdown_format (0, CORE_TEST_T0);

  g_assert_cmpstr (text, ==, "");
}

static void
test_urgency (void)
{
  g_assert_cmpint (shou_urgency_for (0, CORE_TEST_T0), ==, SHOU_URGENCY_NONE);
  g_assert_cmpint (shou_urgency_for (CORE_TEST_T0 + 2 * DAY, CORE_TEST_T0), ==, SHOU_URGENCY_CALM);
  g_assert_cmpint (shou_urgency_for (CORE_TEST_T0 + 23 * HOUR, CORE_TEST_T0), ==, SHOU_URGENCY_WARNING);
  g_assert_cmpint (shou_urgency_for (CORE_TEST_T0 + 1 * HOUR, CORE_TEST_T0), ==, SHOU_URGENCY_DANGER);
  g_assert_cmpint (shou_urgency_for (CORE_TEST_T0 - 1, CORE_TEST_T0), ==, SHOU_URGENCY_OVERDUE);
  g_assert_cmpstr (shou_urgency_get_css_class (SHOU_URGENCY_WARNING), ==, "warning");
  g_assert_cmpstr (shou_urgency_get_css_class (SHOU_URGENCY_OVERDUE), ==, "overdue");
  g_assert_null (shou_urgency_get_css_class (SHOU_URGENCY_NONE));
}

static void
test_format_local (void)
{
  g_autofree char *text = NULL;

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  text = shou_time_format_local (CORE_TEST_T0);
  g_assert_cmpstr (text, ==, "2026-11-09 10:00");
}

static void
test_relative (void)
{
  g_autofree char *a = shou_time_format_relative (CORE_TEST_T0, CORE_TEST_T0 + 10 * SHOU_USEC_PER_SECOND);
  g_autofree char *b = shou_time_format_relative (CORE_TEST_T0, CORE_TEST_T0 + 5 * MINUTE);
  g_autofree char *c = shou_time_format_relative (CORE_TEST_T0, CORE_TEST_T0 + 1 * HOUR);
  g_autofree char *d = shou_time_format_relative (CORE_TEST_T0, CORE_TEST_T0 + 3 * DAY);

  g_assert_cmpstr (a, ==, "Just now");
  g_assert_cmpstr (b, ==, "5 minutes ago");
  g_assert_cmpstr (c, ==, "1 hour ago");
  g_assert_cmpstr (d, ==, "3 days ago");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/time/working-days", test_working_days);
  g_test_add_func ("/core/time/duration-parse", test_duration_parse);
  g_test_add_func ("/core/time/iso8601", test_iso8601);
  g_test_add_func ("/core/time/countdown", test_countdown);
  g_test_add_func ("/core/time/countdown-none", test_countdown_none);
  g_test_add_func ("/core/time/urgency", test_urgency);
  g_test_add_func ("/core/time/format-local", test_format_local);
  g_test_add_func ("/core/time/relative", test_relative);

  return g_test_run ();
}
