/* test-core-calendar.c: working days (工作日) on the mainland calendar.
 * 001 篇五: "淘宝小二会在2个工作日内回复 … 7个工作日内处理" (intervention timing);
 * the holidays and weekend workdays (调休) are the State Council's yearly
 * notices (2026: 国办发明电〔2025〕7号), shipped as profile data. */
#include "config.h"

#include "core-test-util.h"

#define MINUTE SHOU_USEC_PER_MINUTE

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (shou_time_parse_iso8601 (iso, &t, NULL));
  return t;
}

static void
test_add_working_days (void)
{
  static const struct {
    const char *start;
    int         days;
    const char *due;
    gboolean    approximate;
  } rows[] = {
    /* An ordinary week: Monday + 2 = Wednesday, Friday + 2 = Tuesday. */
    { "2026-11-09T10:00:00+08:00", 2, "2026-11-11T10:00:00+08:00", FALSE },
    { "2026-11-13T10:00:00+08:00", 2, "2026-11-17T10:00:00+08:00", FALSE },
    /* National Day: 10-01..10-07 off, Saturday 10-10 worked. */
    { "2026-09-30T10:00:00+08:00", 2, "2026-10-09T10:00:00+08:00", FALSE },
    { "2026-09-30T10:00:00+08:00", 3, "2026-10-10T10:00:00+08:00", FALSE },
    { "2026-09-30T10:00:00+08:00", 4, "2026-10-12T10:00:00+08:00", FALSE },
    /* Sunday 09-20 is worked: from Friday 09-18, one working day is Sunday. */
    { "2026-09-18T10:00:00+08:00", 1, "2026-09-20T10:00:00+08:00", FALSE },
    /* Spring Festival 02-15..02-23 off, Saturdays 02-14 and 02-28 worked. */
    { "2026-02-13T09:00:00+08:00", 1, "2026-02-14T09:00:00+08:00", FALSE },
    { "2026-02-13T09:00:00+08:00", 2, "2026-02-24T09:00:00+08:00", FALSE },
    { "2026-02-13T09:00:00+08:00", 6, "2026-02-28T09:00:00+08:00", FALSE },
    /* New Year: 2026-01-01..03 off, Sunday 01-04 worked. */
    { "2025-12-31T10:00:00+08:00", 1, "2026-01-04T10:00:00+08:00", FALSE },
    /* 2027 has no table: Monday to Friday, approximate. */
    { "2026-12-31T10:00:00+08:00", 1, "2027-01-01T10:00:00+08:00", TRUE },
    { "2027-09-30T10:00:00+08:00", 2, "2027-10-04T10:00:00+08:00", TRUE },
  };

  for (guint v = 0; v < 3; v++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        ShouProfile *profile = core_test_profile (v == 1 ? SHOU_PLATFORM_TMALL : SHOU_PLATFORM_TAOBAO,
                                                  v == 2 ? "2019" : NULL);
        gboolean approximate = !rows[i].approximate;
        gint64 due = shou_profile_add_working_days (profile, at (rows[i].start), rows[i].days,
                                                    &approximate);

        if (due != at (rows[i].due))
          g_error ("row %u: %s + %d wd: got %s", i, rows[i].start, rows[i].days,
                   g_date_time_format_iso8601 (g_date_time_new_from_unix_utc (due / G_USEC_PER_SEC)));
        g_assert_cmpint (approximate, ==, rows[i].approximate);
      }
}

static void
test_intervention_timing (void)
{
  /* Under intervention the platform's reply (2 working days) and
   * resolution (7 working days) are deadlines on its side; around the
   * National Day they move past the holiday, and in a year without a table
   * the evaluation says "approximate". */
  static const struct {
    const char *since;
    gint64      now_offset;   /* after since */
    const char *deadline;
    const char *rule;
    gboolean    approximate;
  } rows[] = {
    { "2026-09-30T10:00:00+08:00", MINUTE, "2026-10-09T10:00:00+08:00", "platform-reply", FALSE },
    /* One minute after the reply milestone the resolution runs:
     * 09-30 + 7 working days = 10-08, 09, 10, 12, 13, 14, 15. */
    { "2026-09-30T10:00:00+08:00", 9 * SHOU_USEC_PER_DAY + MINUTE, "2026-10-15T10:00:00+08:00",
      "platform-resolve", FALSE },
    { "2027-09-30T10:00:00+08:00", MINUTE, "2027-10-04T10:00:00+08:00", "platform-reply", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
      ShouRequestState state;
      ShouEvaluation eval;
      gint64 since = at (rows[i].since);

      g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_REFUND_ONLY,
                                              SHOU_ORDER_SHIPPED, FALSE, 1000, 1000,
                                              since - SHOU_USEC_PER_DAY, NULL));
      state.status = SHOU_STATUS_INTERVENTION;
      state.status_since = since;
      shou_rules_evaluate (profile, &state, since + rows[i].now_offset, &eval);
      g_assert_cmpstr (eval.deadline_rule_id, ==, rows[i].rule);
      g_assert_cmpint (eval.deadline_at, ==, at (rows[i].deadline));
      g_assert_cmpint (eval.deadline_actor, ==, SHOU_ACTOR_PLATFORM);
      g_assert_cmpint (eval.deadline_approximate, ==, rows[i].approximate);
    }
}

static void
test_calendar_validated (void)
{
  static const struct { const char *calendar; const char *error_part; } rows[] = {
    { "{\"seed\":\"x\",\"years\":[{\"year\":2026,\"seed\":\"x\",\"holidays\":[\"2025-10-01\"],\"workdays\":[]}]}",
      "years[0].holidays" },
    { "{\"seed\":\"x\",\"years\":[{\"year\":2026,\"seed\":\"x\",\"holidays\":[\"2026-02-30\"],\"workdays\":[]}]}",
      "years[0].holidays" },
    { "{\"seed\":\"x\",\"years\":[{\"year\":2026,\"seed\":\"x\",\"holidays\":[\"2026-10-10\"],\"workdays\":[\"2026-10-10\"]}]}",
      "years[0].workdays" },
    { "{\"seed\":\"x\",\"years\":[{\"year\":2026,\"holidays\":[],\"workdays\":[]}]}", "years[0]" },
    { "{\"years\":[]}", "working_calendar.seed" },
  };
  g_autofree char *path = g_build_filename (CORE_PROFILES_DIR, "taobao.json", NULL);
  g_autofree char *text = NULL;
  char *start, *end;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  start = strstr (text, "\"working_calendar\": ");
  g_assert_nonnull (start);
  start += strlen ("\"working_calendar\": ");
  end = strstr (start, "\n  },\n");
  g_assert_nonnull (end);
  end += strlen ("\n  }");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *data = g_strdup_printf ("%.*s%s%s", (int) (start - text), text,
                                               rows[i].calendar, end);
      g_autoptr(GError) error = NULL;
      ShouProfile *profile = shou_profile_new_from_data (data, strlen (data), "t.json", &error);

      g_assert_null (profile);
      g_assert_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID);
      if (strstr (error->message, rows[i].error_part) == NULL)
        g_error ("row %u: %s", i, error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/calendar/taobao/working-days/holidays-and-tiaoxiu", test_add_working_days);
  g_test_add_func ("/core/calendar/taobao/intervention/2wd-7wd-around-national-day", test_intervention_timing);
  g_test_add_func ("/core/calendar/profile/table-validated", test_calendar_validated);

  return g_test_run ();
}
