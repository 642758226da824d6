/* test-core-care.c: bad-review follow-up rules and the return-visit
 * schedule (shou-review.h, shou-visit.h), as tables. */
#include "config.h"

#include "core-test-util.h"
#include "core/shou-incident.h"

#define DAY SHOU_USEC_PER_DAY
#define HOUR SHOU_USEC_PER_HOUR

static void
test_review_actions (void)
{
  static const struct {
    gboolean contacted, settled, replied;
    ShouReviewAction action;
    const char *reason;
  } cases[] = {
    { FALSE, FALSE, FALSE, SHOU_REVIEW_ACTION_CONTACT, NULL },
    { TRUE, FALSE, FALSE, SHOU_REVIEW_ACTION_CONTACT, NULL },          /* contacted again */
    { TRUE, TRUE, FALSE, SHOU_REVIEW_ACTION_CONTACT, "review_settled" },
    { FALSE, FALSE, FALSE, SHOU_REVIEW_ACTION_OFFER_REMEDY, "not_contacted" },
    { TRUE, FALSE, FALSE, SHOU_REVIEW_ACTION_OFFER_REMEDY, NULL },
    { TRUE, TRUE, FALSE, SHOU_REVIEW_ACTION_OFFER_REMEDY, "review_settled" },
    { FALSE, FALSE, FALSE, SHOU_REVIEW_ACTION_MARK_CHANGED, "not_contacted" },
    { TRUE, FALSE, FALSE, SHOU_REVIEW_ACTION_MARK_CHANGED, NULL },
    { TRUE, TRUE, FALSE, SHOU_REVIEW_ACTION_MARK_CHANGED, "review_settled" },
    { FALSE, FALSE, FALSE, SHOU_REVIEW_ACTION_REPLY, NULL },           /* reply before contact */
    { TRUE, TRUE, FALSE, SHOU_REVIEW_ACTION_REPLY, NULL },             /* and after settling */
    { FALSE, FALSE, TRUE, SHOU_REVIEW_ACTION_REPLY, "already_replied" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ShouReviewState s = { cases[i].contacted, cases[i].settled, cases[i].replied, 1 };

      g_test_message ("case %u", i);
      g_assert_cmpstr (shou_review_check_action (&s, cases[i].action), ==, cases[i].reason);
    }
}

static void
test_review_remedies (void)
{
  static const struct {
    ShouRemedyKind kind;
    gint64 amount, cap;
    guint bad_reviews;
    gint64 paid;
    const char *reason;
  } cases[] = {
    { SHOU_REMEDY_PRICE_DIFFERENCE, 500, 500, 1, 9900, NULL },               /* ¥5: the default cap */
    { SHOU_REMEDY_PRICE_DIFFERENCE, 501, 500, 1, 9900, "over_remedy_cap" },
    { SHOU_REMEDY_PRICE_DIFFERENCE, 501, 500, 5, 9900, "over_remedy_cap" },
    { SHOU_REMEDY_PRICE_DIFFERENCE, 2000, 500, 6, 9900, NULL },              /* six bad reviews: more */
    { SHOU_REMEDY_PRICE_DIFFERENCE, 800, 1000, 1, 9900, NULL },              /* a shop's own cap */
    { SHOU_REMEDY_PRICE_DIFFERENCE, 0, 500, 1, 9900, "amount_out_of_range" },
    { SHOU_REMEDY_PRICE_DIFFERENCE, -1, 500, 1, 9900, "amount_out_of_range" },
    { SHOU_REMEDY_PARTIAL_REFUND, 9900, 500, 1, 9900, NULL },                /* not capped by ¥5 */
    { SHOU_REMEDY_PARTIAL_REFUND, 9901, 500, 1, 9900, "amount_out_of_range" },
    { SHOU_REMEDY_PARTIAL_REFUND, 0, 500, 1, 9900, "amount_out_of_range" },
    { SHOU_REMEDY_FIRST_WEIGHT_POSTAGE, 1200, 500, 1, 0, NULL },             /* paid unknown */
    { SHOU_REMEDY_FIRST_WEIGHT_POSTAGE, 0, 500, 1, 0, "amount_out_of_range" },
    { SHOU_REMEDY_GIFT, 0, 500, 1, 9900, NULL },
    { SHOU_REMEDY_REPLACEMENT, 0, 500, 1, 9900, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpstr (shou_review_check_remedy (cases[i].kind, cases[i].amount, cases[i].cap,
                                                 cases[i].bad_reviews, cases[i].paid), ==, cases[i].reason);
    }
}

static void
test_review_names (void)
{
  for (guint i = 0; i < SHOU_N_REVIEW_REASONS; i++)
    {
      ShouReviewReason r;

      g_assert_true (shou_review_reason_from_string (shou_review_reason_to_string (i), &r));
      g_assert_cmpint (r, ==, i);
    }
  for (guint i = 0; i < SHOU_N_REMEDIES; i++)
    {
      ShouRemedyKind k;

      g_assert_true (shou_remedy_from_string (shou_remedy_to_string (i), &k));
      g_assert_cmpint (k, ==, i);
    }
  {
    ShouReviewAction a;
    ShouReviewRating r;

    g_assert_true (shou_review_action_from_string ("mark_changed", &a));
    g_assert_cmpint (a, ==, SHOU_REVIEW_ACTION_MARK_CHANGED);
    g_assert_false (shou_review_action_from_string ("Mark_changed", &a));
    g_assert_false (shou_review_action_from_string (NULL, &a));
    g_assert_true (shou_review_rating_from_string ("bad", &r));
    g_assert_false (shou_review_rating_from_string ("good", &r));
  }
}

static void
test_review_chat_check (void)
{
  g_assert_true (shou_review_needs_chat_check (SHOU_REVIEW_REASON_NONE, NULL));
  g_assert_true (shou_review_needs_chat_check (SHOU_REVIEW_REASON_NONE, ""));
  g_assert_true (shou_review_needs_chat_check (SHOU_REVIEW_REASON_NONE, " 。。。 "));
  g_assert_false (shou_review_needs_chat_check (SHOU_REVIEW_REASON_NONE, "不好"));
  g_assert_false (shou_review_needs_chat_check (SHOU_REVIEW_REASON_QUALITY, ""));
}

static void
test_visit_due (void)
{
  /* Anchors in China Standard Time (UTC+8); T0 is Mon 2026-11-09 10:00. */
  GDateTime *a31 = g_date_time_new_utc (2027, 1, 31, 2, 0, 0);   /* 31 Jan 10:00 CST */
  GDateTime *late = g_date_time_new_utc (2026, 11, 30, 17, 30, 0); /* 1 Dec 01:30 CST */
  gint64 jan31 = g_date_time_to_unix (a31) * G_USEC_PER_SEC;
  gint64 dec1 = g_date_time_to_unix (late) * G_USEC_PER_SEC;
  static const struct { int y, m, d, h, mi; } jan31_due[] = {
    /* UTC of the due times: 7 Feb, 28 Feb (no 31st), 30 Apr, 31 Jul, 31 Jan 2028 */
    { 2027, 2, 7, 2, 0 }, { 2027, 2, 28, 2, 0 }, { 2027, 4, 30, 2, 0 }, { 2027, 7, 31, 2, 0 },
    { 2028, 1, 31, 2, 0 },
  };

  g_assert_cmpint (shou_visit_due_at (CORE_TEST_T0, SHOU_VISIT_WEEK), ==, CORE_TEST_T0 + 7 * DAY);
  g_assert_cmpint (shou_visit_due_at (CORE_TEST_T0, SHOU_VISIT_MONTH), ==, CORE_TEST_T0 + 30 * DAY); /* Dec 9 */
  g_assert_cmpint (shou_visit_due_at (CORE_TEST_T0, SHOU_VISIT_YEAR), ==, CORE_TEST_T0 + 365 * DAY);
  for (guint i = 0; i < G_N_ELEMENTS (jan31_due); i++)
    {
      g_autoptr(GDateTime) want = g_date_time_new_utc (jan31_due[i].y, jan31_due[i].m, jan31_due[i].d,
                                                       jan31_due[i].h, jan31_due[i].mi, 0);

      g_test_message ("step %u", i);
      g_assert_cmpint (shou_visit_due_at (jan31, i), ==, g_date_time_to_unix (want) * G_USEC_PER_SEC);
    }
  /* The calendar month is China's: 1 Dec 01:30 CST + 1 month = 1 Jan 01:30 CST
   * (in UTC, 30 Nov + 1 month would have been 30 Dec). */
  {
    g_autoptr(GDateTime) want = g_date_time_new_utc (2026, 12, 31, 17, 30, 0);

    g_assert_cmpint (shou_visit_due_at (dec1, SHOU_VISIT_MONTH), ==, g_date_time_to_unix (want) * G_USEC_PER_SEC);
  }
  g_date_time_unref (a31);
  g_date_time_unref (late);
}

static void
test_visit_plan (void)
{
#define P SHOU_VISIT_OUTCOME_PENDING
#define S SHOU_VISIT_OUTCOME_SATISFIED
#define N SHOU_VISIT_OUTCOME_NO_ANSWER
#define X SHOU_VISIT_OUTCOME_PROBLEM
#define D SHOU_VISIT_OUTCOME_DECLINED
  static const struct {
    ShouVisitOutcome o[SHOU_N_VISIT_STEPS];
    gint64 now;
    ShouVisitState state;
    ShouVisitStep step;
    gint64 due;
  } cases[] = {
    { { P, P, P, P, P }, 0, SHOU_VISIT_STATE_UPCOMING, SHOU_VISIT_WEEK, 7 * DAY },
    { { P, P, P, P, P }, 7 * DAY - 1, SHOU_VISIT_STATE_UPCOMING, SHOU_VISIT_WEEK, 7 * DAY },
    { { P, P, P, P, P }, 7 * DAY, SHOU_VISIT_STATE_DUE, SHOU_VISIT_WEEK, 7 * DAY },
    { { P, P, P, P, P }, 9 * DAY - 1, SHOU_VISIT_STATE_DUE, SHOU_VISIT_WEEK, 7 * DAY },
    { { P, P, P, P, P }, 9 * DAY, SHOU_VISIT_STATE_LATE, SHOU_VISIT_WEEK, 7 * DAY },
    { { P, P, P, P, P }, 40 * DAY, SHOU_VISIT_STATE_LATE, SHOU_VISIT_WEEK, 7 * DAY },  /* stays until done */
    { { S, P, P, P, P }, 8 * DAY, SHOU_VISIT_STATE_UPCOMING, SHOU_VISIT_MONTH, 30 * DAY },
    { { N, P, P, P, P }, 30 * DAY, SHOU_VISIT_STATE_DUE, SHOU_VISIT_MONTH, 30 * DAY },
    { { S, S, P, P, P }, 37 * DAY, SHOU_VISIT_STATE_UPCOMING, SHOU_VISIT_QUARTER, 92 * DAY }, /* 9 Feb */
    { { S, S, P, P, P }, 99 * DAY, SHOU_VISIT_STATE_LATE, SHOU_VISIT_QUARTER, 92 * DAY },
    { { S, S, S, S, P }, 200 * DAY, SHOU_VISIT_STATE_UPCOMING, SHOU_VISIT_YEAR, 365 * DAY },
    { { S, S, S, S, S }, 400 * DAY, SHOU_VISIT_STATE_FINISHED, SHOU_N_VISIT_STEPS, -1 },
    { { S, X, P, P, P }, 40 * DAY, SHOU_VISIT_STATE_FINISHED, SHOU_N_VISIT_STEPS, -1 },  /* a complaint */
    { { D, P, P, P, P }, 40 * DAY, SHOU_VISIT_STATE_FINISHED, SHOU_N_VISIT_STEPS, -1 },
  };
#undef P
#undef S
#undef N
#undef X
#undef D

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ShouVisitPlan p = shou_visit_plan (CORE_TEST_T0, cases[i].o, CORE_TEST_T0 + cases[i].now);

      g_test_message ("case %u", i);
      g_assert_cmpint (p.state, ==, cases[i].state);
      g_assert_cmpint (p.step, ==, cases[i].step);
      if (cases[i].due < 0)
        g_assert_cmpint (p.due_at, ==, 0);
      else
        {
          g_assert_cmpint (p.due_at, ==, CORE_TEST_T0 + cases[i].due);
          g_assert_cmpint (p.late_at, ==, p.due_at + shou_visit_window (p.step));
        }
    }
  g_assert_cmpint (shou_visit_window (SHOU_VISIT_WEEK), ==, 2 * DAY);
  g_assert_cmpint (shou_visit_window (SHOU_VISIT_HALF_YEAR), ==, 7 * DAY);
}

/* Logistics incidents (001 篇七): which step each state allows, what a
 * step records, and the steps each kind suggests, in order. */
static void
test_incident_steps (void)
{
  static const struct
  {
    const char        *json;
    ShouIncidentAction action;
    const char        *reason;
  } cases[] = {
    { "{\"kind\": \"lost\"}", SHOU_INCIDENT_ACTION_CONTACT_COURIER, NULL },
    { "{\"kind\": \"lost\"}", SHOU_INCIDENT_ACTION_CLAIM_RESULT, "no_claim" },
    { "{\"kind\": \"lost\"}", SHOU_INCIDENT_ACTION_CLOSE, NULL },
    { "{\"kind\": \"lost\", \"resend\": {\"carrier\": \"SF\"}}", SHOU_INCIDENT_ACTION_RESEND, "already_resent" },
    { "{\"kind\": \"lost\", \"resend\": null}", SHOU_INCIDENT_ACTION_RESEND, NULL },
    { "{\"kind\": \"lost\", \"claim\": {\"status\": \"filed\"}}", SHOU_INCIDENT_ACTION_CLAIM, "already_claimed" },
    { "{\"kind\": \"lost\", \"claim\": {\"status\": \"filed\"}}", SHOU_INCIDENT_ACTION_CLOSE, "claim_open" },
    { "{\"kind\": \"lost\", \"claim\": {\"status\": \"filed\"}}", SHOU_INCIDENT_ACTION_CLAIM_RESULT, NULL },
    { "{\"kind\": \"lost\", \"claim\": {\"status\": \"paid\"}}", SHOU_INCIDENT_ACTION_CLAIM_RESULT,
      "claim_settled" },
    { "{\"kind\": \"lost\", \"claim\": {\"status\": \"refused\"}}", SHOU_INCIDENT_ACTION_CLOSE, NULL },
    { "{\"kind\": \"lost\", \"closed_at\": 5}", SHOU_INCIDENT_ACTION_TELL_BUYER, "incident_closed" },
    { "{\"kind\": \"lost\", \"closed_at\": null}", SHOU_INCIDENT_ACTION_TELL_BUYER, NULL },
  };
  ShouIncidentAction steps[SHOU_N_INCIDENT_ACTIONS];
  g_autoptr(JsonNode) incident_node = NULL;
  g_autoptr(JsonNode) params_node = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autoptr(JsonObject) params = NULL;
  ShouIncidentKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);

      g_test_message ("case %u", i);
      g_assert_cmpstr (shou_incident_check_action (json_node_get_object (node), cases[i].action), ==,
                       cases[i].reason);
    }

  /* A lost parcel: courier, buyer, resend, claim; then nothing suggested. */
  g_assert_cmpuint (shou_incident_suggested_steps (SHOU_INCIDENT_LOST, steps), ==, 4);
  g_assert_cmpint (steps[2], ==, SHOU_INCIDENT_ACTION_RESEND);
  g_assert_cmpint (steps[3], ==, SHOU_INCIDENT_ACTION_CLAIM);
  g_assert_cmpuint (shou_incident_suggested_steps (SHOU_INCIDENT_DAMAGED, steps), ==, 3);
  g_assert_cmpint (steps[0], ==, SHOU_INCIDENT_ACTION_TELL_BUYER);
  g_assert_cmpuint (shou_incident_suggested_steps (SHOU_INCIDENT_SIGNED_BY_OTHER, steps), ==, 3);
  g_assert_cmpint (steps[2], ==, SHOU_INCIDENT_ACTION_CLAIM);
  incident_node = json_from_string ("{\"kind\": \"lost\", \"resend\": null, \"claim\": null,"
                                    " \"closed_at\": null}", NULL);
  params_node = json_from_string ("{\"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\","
                                  " \"amount_fen\": 8800, \"status\": \"paid\","
                                  " \"recovered_fen\": 8000, \"note\": \"已处理\"}", NULL);
  incident = json_node_dup_object (incident_node);
  params = json_node_dup_object (params_node);
  g_assert_cmpint (shou_incident_next_step (incident), ==, SHOU_INCIDENT_ACTION_CONTACT_COURIER);
  shou_incident_apply_step (incident, SHOU_INCIDENT_ACTION_CONTACT_COURIER, params, 10);
  shou_incident_apply_step (incident, SHOU_INCIDENT_ACTION_TELL_BUYER, params, 11);
  g_assert_cmpint (shou_incident_next_step (incident), ==, SHOU_INCIDENT_ACTION_RESEND);
  shou_incident_apply_step (incident, SHOU_INCIDENT_ACTION_RESEND, params, 12);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (incident, "resend"), "tracking_no"),
                   ==, "SF1234567890123");
  shou_incident_apply_step (incident, SHOU_INCIDENT_ACTION_CLAIM, params, 13);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (incident, "claim"), "status"), ==,
                   "filed");
  g_assert_cmpint (shou_incident_next_step (incident), ==, -1);
  shou_incident_apply_step (incident, SHOU_INCIDENT_ACTION_CLAIM_RESULT, params, 14);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (incident, "claim"), "recovered_fen"),
                   ==, 8000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (incident, "claim"), "settled_at"),
                   ==, 14);
  g_assert_null (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CLOSE));
  g_assert_cmpstr (json_object_get_string_member (incident, "note"), ==, "已处理");
  g_assert_true (shou_incident_kind_from_string ("signed_by_other", &kind));
  g_assert_cmpint (kind, ==, SHOU_INCIDENT_SIGNED_BY_OTHER);
  g_assert_false (shou_incident_kind_from_string ("late", &kind));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/review/actions", test_review_actions);
  g_test_add_func ("/core/review/remedies", test_review_remedies);
  g_test_add_func ("/core/review/names", test_review_names);
  g_test_add_func ("/core/review/chat-check", test_review_chat_check);
  g_test_add_func ("/core/visit/due", test_visit_due);
  g_test_add_func ("/core/visit/plan", test_visit_plan);
  g_test_add_func ("/core/incident/steps", test_incident_steps);
  return g_test_run ();
}
