/* test-core-complaint.c: the complaint rule (投诉), seed 001 篇二:
 * "在协商的环节中,卖家须在24小时内进行处理,而买家也要在48小时内确认是否得到妥善处理,
 * 在淘宝介入处理后,双方均有72小时的举证期,卖家有24小时的预处理期,淘宝方面会有4个工作日的处理期"
 * and "卖家可在买家发起投诉的24小时内,根据实际的情况进行主动赔付,按照此流程,投诉完结对卖家不扣分". */
#include "config.h"

#include "core-test-util.h"
#include "core/shou-complaint-record.h"

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

/* The complaint record's steps (core/shou-complaint-record.h): which step
 * the rules allow in each state, what a step changes, and the next
 * deadline a client counts down to. */
static JsonObject *
complaint_at (const char *channel,
              gint64      handled,
              gint64      compensated,
              gint64      intervention,
              gint64      finished)
{
  JsonObject *c = json_object_new ();

  json_object_set_string_member (c, "channel", channel);
  json_object_set_int_member (c, "opened_at", T0);
#define SET_TIME(name, v) \
  if ((v) > 0) json_object_set_int_member (c, name, T0 + (v)); else json_object_set_null_member (c, name)
  SET_TIME ("handled_at", handled);
  SET_TIME ("compensated_at", compensated);
  SET_TIME ("intervention_at", intervention);
  SET_TIME ("finished_at", finished);
#undef SET_TIME
  return c;
}

static void
test_record_steps (void)
{
  static const struct {
    const char          *channel;
    gint64               handled, compensated, intervention, finished;
    ShouComplaintAction  action;
    ShouComplaintOutcome outcome;
    gint64               at;       /* offset from the complaint */
    const char          *refused;  /* NULL: allowed */
  } rows[] = {
    { "platform", 0, 0, 0, 0, SHOU_COMPLAINT_ACTION_HANDLE, 0, HOUR, NULL },
    { "platform", HOUR, 0, 0, 0, SHOU_COMPLAINT_ACTION_HANDLE, 0, 2 * HOUR, "already_handled" },
    { "platform", HOUR, 0, 0, 0, SHOU_COMPLAINT_ACTION_COMPENSATE, 0, 2 * HOUR, NULL },
    { "platform", HOUR, HOUR, 0, 0, SHOU_COMPLAINT_ACTION_COMPENSATE, 0, 2 * HOUR, "already_compensated" },
    { "platform", 0, 0, 0, 0, SHOU_COMPLAINT_ACTION_EVIDENCE, 0, HOUR, "not_intervened" },
    { "platform", 0, 0, 0, 0, SHOU_COMPLAINT_ACTION_INTERVENE, 0, HOUR, NULL },
    { "12315", 0, 0, 0, 0, SHOU_COMPLAINT_ACTION_INTERVENE, 0, HOUR, "not_platform" },
    { "platform", 0, 0, HOUR, 0, SHOU_COMPLAINT_ACTION_INTERVENE, 0, 2 * HOUR, "already_intervened" },
    /* 72 h of evidence from the intervention: a minute before and at the end. */
    { "platform", 0, 0, HOUR, 0, SHOU_COMPLAINT_ACTION_EVIDENCE, 0, 73 * HOUR - MINUTE, NULL },
    { "platform", 0, 0, HOUR, 0, SHOU_COMPLAINT_ACTION_EVIDENCE, 0, 73 * HOUR, "evidence_closed" },
    /* A ruling needs the platform; the buyer's confirmation does not. */
    { "platform", HOUR, 0, 0, 0, SHOU_COMPLAINT_ACTION_FINISH, SHOU_COMPLAINT_OUTCOME_SELLER_FAULT, 2 * HOUR,
      "not_intervened" },
    { "platform", HOUR, 0, 0, 0, SHOU_COMPLAINT_ACTION_FINISH, SHOU_COMPLAINT_OUTCOME_RESOLVED, 2 * HOUR, NULL },
    { "heimao", 0, 0, 0, 0, SHOU_COMPLAINT_ACTION_FINISH, SHOU_COMPLAINT_OUTCOME_SELLER_CLEARED, HOUR, NULL },
    { "platform", HOUR, 0, 0, 2 * HOUR, SHOU_COMPLAINT_ACTION_COMPENSATE, 0, 3 * HOUR, "complaint_finished" },
  };
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) c = complaint_at (rows[i].channel, rows[i].handled, rows[i].compensated,
                                              rows[i].intervention, rows[i].finished);

      g_test_message ("row %u", i);
      g_assert_cmpstr (shou_complaint_check_action (c, rows[i].action, rows[i].outcome, profile, T0 + rows[i].at),
                       ==, rows[i].refused);
    }
}

static void
test_record_apply_and_countdown (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  g_autoptr(JsonObject) c = complaint_at ("platform", 0, 0, 0, 0);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) external = complaint_at ("12315", 0, 0, 0, 0);
  ShouComplaintDeadline which = SHOU_N_COMPLAINT_DEADLINES;
  ShouComplaintTimes times;
  ShouComplaintEvaluation eval;

  /* New: the seller's 24 h; from outside the platform: no platform deadline. */
  g_assert_cmpint (shou_complaint_next_deadline (c, profile, T0 + HOUR, &which), ==, T0 + 24 * HOUR);
  g_assert_cmpint (which, ==, SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE);
  g_assert_cmpint (shou_complaint_next_deadline (external, profile, T0 + HOUR, NULL), ==, 0);
  g_assert_cmpint (shou_complaint_next_deadline (c, NULL, T0 + HOUR, NULL), ==, 0);

  /* Compensating 23 h in handles it too: the buyer's 48 h run, no penalty. */
  json_object_set_int_member (params, "amount_fen", 1000);
  shou_complaint_apply_step (c, SHOU_COMPLAINT_ACTION_COMPENSATE, params, T0 + 23 * HOUR);
  g_assert_cmpint (json_object_get_int_member (c, "compensation_fen"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (c, "handled_at"), ==, T0 + 23 * HOUR);
  g_assert_cmpint (shou_complaint_next_deadline (c, profile, T0 + 24 * HOUR, &which), ==, T0 + 71 * HOUR);
  g_assert_cmpint (which, ==, SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM);
  shou_complaint_times_from_json (c, &times);
  g_assert_true (shou_complaint_evaluate (profile, &times, T0 + 30 * HOUR, &eval));
  g_assert_cmpint (eval.penalty, ==, SHOU_COMPLAINT_PENALTY_NONE);

  /* Intervened: the seller's 24 h of pre-processing first, then, once it
   * gave evidence, the 72 h evidence period. */
  g_clear_pointer (&c, json_object_unref);
  c = complaint_at ("platform", 0, 0, 0, 0);
  shou_complaint_apply_step (c, SHOU_COMPLAINT_ACTION_INTERVENE, params, T0 + 2 * HOUR);
  g_assert_cmpint (shou_complaint_next_deadline (c, profile, T0 + 3 * HOUR, &which), ==, T0 + 26 * HOUR);
  g_assert_cmpint (which, ==, SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS);
  json_object_set_string_member (params, "note", "发货记录");
  shou_complaint_apply_step (c, SHOU_COMPLAINT_ACTION_EVIDENCE, params, T0 + 4 * HOUR);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (c, "evidence")), ==, 1);
  g_assert_cmpint (shou_complaint_next_deadline (c, profile, T0 + 5 * HOUR, &which), ==, T0 + 74 * HOUR);
  g_assert_cmpint (which, ==, SHOU_COMPLAINT_DEADLINE_EVIDENCE);
  json_object_set_string_member (params, "outcome", "seller_cleared");
  shou_complaint_apply_step (c, SHOU_COMPLAINT_ACTION_FINISH, params, T0 + 80 * HOUR);
  g_assert_cmpstr (json_object_get_string_member (c, "outcome"), ==, "seller_cleared");
  g_assert_cmpint (shou_complaint_next_deadline (c, profile, T0 + 81 * HOUR, NULL), ==, 0);
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
  g_test_add_func ("/core/complaint/record/steps", test_record_steps);
  g_test_add_func ("/core/complaint/record/apply-and-countdown", test_record_apply_and_countdown);

  return g_test_run ();
}
