/* test-core-complaint.c: the complaint rule (投诉), seed 001 篇二:
 * "在协商的环节中,卖家须在24小时内进行处理,而买家也要在48小时内确认是否得到妥善处理,
 * 在淘宝介入处理后,双方均有72小时的举证期,卖家有24小时的预处理期,淘宝方面会有4个工作日的处理期"
 * and "卖家可在买家发起投诉的24小时内,根据实际的情况进行主动赔付,按照此流程,投诉完结对卖家不扣分". */
#include "config.h"

#include "core-test-util.h"

#define HOUR   SHOU_USEC_PER_HOUR
#define DAY    SHOU_USEC_PER_DAY
#define MINUTE SHOU_USEC_PER_MINUTE
#define T0     CORE_TEST_T0 /* Monday 2026-11-09 10:00 CST */

static void
test_negotiation_deadlines (void)
{
  /* 卖家须在24小时内进行处理; 买家也要在48小时内确认是否得到妥善处理 (from the handling). */
  static const struct {
    gint64                 handled;   /* offset from the complaint, -1: not yet */
    ShouComplaintDeadline  running;
    gint64                 due;       /* offset from the complaint */
    ShouActor              actor;
  } rows[] = {
    { -1,       SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE, 24 * HOUR,           SHOU_ACTOR_SELLER },
    { 2 * HOUR, SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM, 2 * HOUR + 48 * HOUR, SHOU_ACTOR_BUYER },
    { 23 * HOUR + 59 * MINUTE, SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM,
      23 * HOUR + 59 * MINUTE + 48 * HOUR, SHOU_ACTOR_BUYER },
  };

  for (guint v = 0; v < 2; v++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        ShouProfile *profile = core_test_profile (v == 0 ? SHOU_PLATFORM_TAOBAO : SHOU_PLATFORM_TMALL,
                                                  NULL);
        ShouComplaintTimes times = { .opened_at = T0 };
        ShouComplaintEvaluation eval;

        if (rows[i].handled >= 0)
          times.handled_at = T0 + rows[i].handled;
        g_assert_true (shou_complaint_evaluate (profile, &times, T0 + MINUTE, &eval));
        g_assert_cmpint (eval.stage, ==, SHOU_COMPLAINT_NEGOTIATION);
        for (guint d = 0; d < SHOU_N_COMPLAINT_DEADLINES; d++)
          g_assert_cmpint (eval.deadline_at[d], ==, d == rows[i].running ? T0 + rows[i].due : 0);
        g_assert_cmpint (shou_complaint_deadline_get_actor (rows[i].running), ==, rows[i].actor);
        g_assert_false (eval.evidence_open);
      }
}

static void
test_intervention_deadlines (void)
{
  /* 双方均有72小时的举证期, 卖家有24小时的预处理期, 淘宝方面会有4个工作日的处理期.
   * Reading (data/profiles/README.md): the platform's 4 working days run
   * once the evidence period ended. Intervention Monday 2026-11-09 10:00:
   * evidence until Thursday 11-12 10:00; 4 working days → Wednesday 11-18.
   * Around the National Day holiday (10-01..10-07 off, Saturday 10-10
   * worked, 国办发明电〔2025〕7号): evidence from Friday 09-25 ends Monday
   * 09-28; 4 working days are 09-29, 09-30, 10-08, 10-09 → Friday 10-09. */
  static const struct {
    const char *intervention;
    const char *evidence_end;
    const char *platform_due;
    gboolean    approximate;
  } rows[] = {
    { "2026-11-09T10:00:00+08:00", "2026-11-12T10:00:00+08:00", "2026-11-18T10:00:00+08:00", FALSE },
    { "2026-09-25T10:00:00+08:00", "2026-09-28T10:00:00+08:00", "2026-10-09T10:00:00+08:00", FALSE },
    /* No table for 2027: counted Monday to Friday, shown as 约. */
    { "2027-02-01T10:00:00+08:00", "2027-02-04T10:00:00+08:00", "2027-02-10T10:00:00+08:00", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
      ShouComplaintTimes times = { 0 };
      ShouComplaintEvaluation eval;
      gint64 at, evidence_end, due;

      g_assert_true (shou_time_parse_iso8601 (rows[i].intervention, &at, NULL));
      g_assert_true (shou_time_parse_iso8601 (rows[i].evidence_end, &evidence_end, NULL));
      g_assert_true (shou_time_parse_iso8601 (rows[i].platform_due, &due, NULL));
      times.opened_at = at - 30 * HOUR;
      times.intervention_at = at;

      g_assert_true (shou_complaint_evaluate (profile, &times, evidence_end - MINUTE, &eval));
      g_assert_cmpint (eval.stage, ==, SHOU_COMPLAINT_INTERVENTION);
      g_assert_cmpint (eval.deadline_at[SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE], ==, 0);
      g_assert_cmpint (eval.deadline_at[SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS], ==, at + 24 * HOUR);
      g_assert_cmpint (eval.deadline_at[SHOU_COMPLAINT_DEADLINE_EVIDENCE], ==, evidence_end);
      g_assert_cmpint (evidence_end - at, ==, 72 * HOUR);
      g_assert_cmpint (eval.deadline_at[SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE], ==, due);
      g_assert_cmpint (eval.approximate, ==, rows[i].approximate);
      g_assert_true (eval.evidence_open);

      g_assert_true (shou_complaint_evaluate (profile, &times, evidence_end + MINUTE, &eval));
      g_assert_false (eval.evidence_open);
    }
}

static void
test_compensation_penalty (void)
{
  /* 卖家可在买家发起投诉的24小时内 … 主动赔付 … 投诉完结对卖家不扣分. */
  static const struct {
    gint64               compensated; /* offset, -1: not */
    gint64               now;
    gboolean             finished;
    ShouComplaintPenalty penalty;
  } rows[] = {
    { -1,                   23 * HOUR + 59 * MINUTE, FALSE, SHOU_COMPLAINT_PENALTY_AVOIDABLE },
    { -1,                   24 * HOUR + MINUTE,      FALSE, SHOU_COMPLAINT_PENALTY_POSSIBLE },
    { 23 * HOUR + 59 * MINUTE, 30 * DAY,            TRUE,  SHOU_COMPLAINT_PENALTY_NONE },
    { 24 * HOUR,            30 * DAY,               TRUE,  SHOU_COMPLAINT_PENALTY_NONE },
    { 24 * HOUR + MINUTE,   30 * DAY,               TRUE,  SHOU_COMPLAINT_PENALTY_POSSIBLE },
    { -1,                   HOUR,                   TRUE,  SHOU_COMPLAINT_PENALTY_POSSIBLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
      ShouComplaintTimes times = { .opened_at = T0 };
      ShouComplaintEvaluation eval;

      if (rows[i].compensated >= 0)
        times.compensated_at = times.handled_at = T0 + rows[i].compensated;
      if (rows[i].finished)
        times.finished_at = T0 + rows[i].now - MINUTE;
      g_assert_true (shou_complaint_evaluate (profile, &times, T0 + rows[i].now, &eval));
      g_assert_cmpint (eval.penalty, ==, rows[i].penalty);
      g_assert_cmpint (eval.no_penalty_until, ==, T0 + 24 * HOUR);
      if (rows[i].finished)
        {
          g_assert_cmpint (eval.stage, ==, SHOU_COMPLAINT_FINISHED);
          for (guint d = 0; d < SHOU_N_COMPLAINT_DEADLINES; d++)
            g_assert_cmpint (eval.deadline_at[d], ==, 0);
        }
    }
}

static void
test_rule_known_where_stated (void)
{
  /* 001 篇二 is Taobao's complaint process (Tmall runs on it); no seed
   * states one for Pinduoduo, Douyin or JD. */
  static const struct { ShouPlatform platform; const char *version; gboolean known; } rows[] = {
    { SHOU_PLATFORM_TAOBAO, NULL,   TRUE },
    { SHOU_PLATFORM_TAOBAO, "2019", TRUE },
    { SHOU_PLATFORM_TMALL,  NULL,   TRUE },
    { SHOU_PLATFORM_PDD,    NULL,   FALSE },
    { SHOU_PLATFORM_DOUYIN, NULL,   FALSE },
    { SHOU_PLATFORM_JD,     NULL,   FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, rows[i].version);
      ShouComplaintTimes times = { .opened_at = T0 };
      ShouComplaintEvaluation eval;

      g_assert_cmpint (shou_complaint_rule_known (profile), ==, rows[i].known);
      g_assert_cmpint (shou_complaint_evaluate (profile, &times, T0, &eval), ==, rows[i].known);
    }

  g_assert_cmpstr (shou_complaint_stage_to_string (SHOU_COMPLAINT_INTERVENTION), ==, "intervention");
  g_assert_cmpstr (shou_complaint_deadline_to_string (SHOU_COMPLAINT_DEADLINE_EVIDENCE), ==, "evidence");
  g_assert_cmpstr (shou_complaint_penalty_to_string (SHOU_COMPLAINT_PENALTY_NONE), ==, "none");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/complaint/taobao/negotiation/seller-24h-buyer-48h", test_negotiation_deadlines);
  g_test_add_func ("/core/complaint/taobao/intervention/72h-24h-4wd", test_intervention_deadlines);
  g_test_add_func ("/core/complaint/taobao/penalty/compensated-within-24h", test_compensation_penalty);
  g_test_add_func ("/core/complaint/all/rule-known-where-stated", test_rule_known_where_stated);

  return g_test_run ();
}
