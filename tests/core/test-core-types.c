/* test-core-types.c: every enum round-trips through its API name */
#include "config.h"

#include "core-test-util.h"

typedef const char *(*ToString)   (int value);
typedef gboolean    (*FromString) (const char *str, int *out);
typedef const char *(*Label)      (int value);

typedef struct
{
  const char *name;
  guint       n_values;
  ToString    to_string;
  FromString  from_string;
  Label       label;
} EnumCase;

#define ENUM_CASE(n, count, prefix, label) \
  { n, count, (ToString) prefix##_to_string, (FromString) prefix##_from_string, (Label) label }

static const EnumCase enum_cases[] = {
  ENUM_CASE ("platform", SHOU_N_PLATFORMS, shou_platform, shou_platform_get_label),
  ENUM_CASE ("order-state", SHOU_N_ORDER_STATES, shou_order_state, shou_order_state_get_label),
  ENUM_CASE ("request-type", SHOU_N_REQUEST_TYPES, shou_request_type, shou_request_type_get_label),
  ENUM_CASE ("status", SHOU_N_STATUSES, shou_status, shou_status_get_label),
  ENUM_CASE ("actor", SHOU_N_ACTORS, shou_actor, NULL),
  ENUM_CASE ("action", SHOU_N_ACTIONS, shou_action, shou_action_get_label),
  ENUM_CASE ("lapse", SHOU_N_LAPSES, shou_lapse, shou_lapse_get_description),
  ENUM_CASE ("event-kind", SHOU_N_EVENTS, shou_event_kind, shou_event_kind_get_label),
  ENUM_CASE ("nego-phase", SHOU_N_NEGO_PHASES, shou_nego_phase, NULL),
  ENUM_CASE ("proposal", SHOU_N_PROPOSALS, shou_proposal, shou_proposal_get_label),
  ENUM_CASE ("good-status", SHOU_N_GOOD_STATUSES, shou_good_status, NULL),
  ENUM_CASE ("evidence-kind", SHOU_N_EVIDENCE_KINDS, shou_evidence_kind, shou_evidence_kind_get_label),
  ENUM_CASE ("reason", SHOU_N_REASONS, shou_reason, shou_reason_get_message),
};

static void
test_enum_round_trip (gconstpointer data)
{
  const EnumCase *c = data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int out = -1;

  for (guint v = 0; v < c->n_values; v++)
    {
      const char *str = c->to_string ((int) v);

      g_assert_nonnull (str);
      /* API names are lower-case snake case and unique. */
      for (const char *p = str; *p; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');
      g_assert_false (g_hash_table_contains (seen, str));
      g_hash_table_add (seen, (gpointer) str);

      g_assert_true (c->from_string (str, &out));
      g_assert_cmpint (out, ==, (int) v);

      if (c->label != NULL)
        {
          const char *label = c->label ((int) v);
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
        }
    }

  g_assert_false (c->from_string ("no_such_value", &out));
  g_assert_false (c->from_string ("", &out));
  g_assert_false (c->from_string (NULL, &out));
}

static void
test_known_names (void)
{
  /* The API contract (src/sim/API.md) spells these. */
  g_assert_cmpstr (shou_platform_to_string (SHOU_PLATFORM_PDD), ==, "pdd");
  g_assert_cmpstr (shou_request_type_to_string (SHOU_REQUEST_RETURN_REFUND), ==, "return_refund");
  g_assert_cmpstr (shou_status_to_string (SHOU_STATUS_WAIT_SELLER_RECEIPT), ==, "wait_seller_receipt");
  g_assert_cmpstr (shou_lapse_to_string (SHOU_LAPSE_PLATFORM_COMPENSATES), ==, "platform_compensates");
  g_assert_cmpstr (shou_action_to_string (SHOU_ACTION_UPLOAD_REFUND_PROOF), ==, "upload_refund_proof");
  g_assert_cmpstr (shou_reason_to_string (SHOU_REASON_NEGOTIATION_WAITING), ==, "negotiation_waiting");
  g_assert_cmpstr (shou_nego_phase_to_string (SHOU_NEGO_ROUND2_DONE), ==, "round2_done");
  g_assert_cmpstr (shou_evidence_kind_to_string (SHOU_EVIDENCE_SIGNED_SLIP), ==, "signed_slip");
  g_assert_cmpstr (shou_reason_get_message (SHOU_REASON_NEGOTIATION_WAITING), ==,
                   "Please wait patiently for the buyer's reply");
  g_assert_cmpstr (shou_request_type_get_label (SHOU_REQUEST_REFUND_ONLY), ==, "Refund only");
  g_assert_cmpstr (shou_status_get_label (SHOU_STATUS_WAIT_SELLER), ==, "Waiting for the seller");
  g_assert_cmpstr (shou_lapse_get_description (SHOU_LAPSE_AUTO_REFUND), ==,
                   "Auto refund when the deadline passes");
  g_assert_cmpstr (shou_platform_get_icon_name (SHOU_PLATFORM_JD), ==, "shou-platform-jd-symbolic");
}

static void
test_actions_and_events (void)
{
  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    {
      ShouEventKind kind = shou_action_to_event (a);

      g_assert_cmpstr (shou_event_kind_to_string (kind), ==, shou_action_to_string (a));
      g_assert_cmpint (shou_event_kind_get_actor (kind), ==, SHOU_ACTOR_SELLER);
    }
  g_assert_cmpint (shou_event_kind_get_actor (SHOU_EVENT_OPEN), ==, SHOU_ACTOR_BUYER);
  g_assert_cmpint (shou_event_kind_get_actor (SHOU_EVENT_BUYER_CONFIRM_EXCHANGE), ==, SHOU_ACTOR_BUYER);
  g_assert_cmpint (shou_event_kind_get_actor (SHOU_EVENT_PLATFORM_REFUND), ==, SHOU_ACTOR_PLATFORM);
  g_assert_cmpint (shou_event_kind_get_actor (SHOU_EVENT_LAPSE), ==, SHOU_ACTOR_SYSTEM);
  g_assert_cmpint (shou_event_kind_get_actor (SHOU_EVENT_LOGISTICS_UPDATE), ==, SHOU_ACTOR_SYSTEM);
}

static void
test_reason_is_input (void)
{
  g_assert_true (shou_reason_is_input (SHOU_REASON_REASON_REQUIRED));
  g_assert_true (shou_reason_is_input (SHOU_REASON_TRACKING_INVALID));
  g_assert_true (shou_reason_is_input (SHOU_REASON_TEXT_INVALID));
  g_assert_false (shou_reason_is_input (SHOU_REASON_NEGOTIATION_WAITING));
  g_assert_false (shou_reason_is_input (SHOU_REASON_WRONG_STATUS));
  g_assert_false (shou_reason_is_input (SHOU_REASON_FINISHED));
}

static void
test_finished (void)
{
  for (guint s = 0; s < SHOU_N_STATUSES; s++)
    g_assert_cmpint (shou_status_is_finished (s), ==,
                     s == SHOU_STATUS_SUCCESS || s == SHOU_STATUS_CLOSED);
}

/* A deadline card or queue row never promises "will … when it passes" once
 * it passed: it says what the platform will do, for every outcome. */
static void
test_deadline_describe (void)
{
  const gint64 deadline = 1800000000000000;

  g_assert_cmpstr (shou_deadline_describe (0, SHOU_LAPSE_AUTO_REFUND, deadline), ==, "");
  for (guint l = 0; l < SHOU_N_LAPSES; l++)
    {
      const char *before = shou_deadline_describe (deadline, l, deadline - 1);
      const char *after = shou_deadline_describe (deadline, l, deadline + 1);

      g_assert_false (shou_deadline_is_lapsed (deadline, deadline));
      g_assert_true (shou_deadline_is_lapsed (deadline, deadline + 1));
      g_assert_cmpstr (before, ==, l == SHOU_LAPSE_NONE ? "" : shou_lapse_get_description (l));
      g_assert_cmpstr (after, ==, shou_lapse_get_overdue_description (l));
      g_assert_cmpstr (after, !=, shou_lapse_get_description (l));
      g_assert_cmpstr (after, !=, "");
      /* Each outcome reads differently. */
      for (guint m = 0; m < l; m++)
        g_assert_cmpstr (shou_lapse_get_overdue_description (m), !=, after);
    }
  g_assert_cmpstr (shou_lapse_get_overdue_description (SHOU_LAPSE_AUTO_REFUND), ==,
                   "Overdue · the platform will refund automatically (waiting for the platform)");
}

/* A shipped exchange is no longer "waiting for the seller to ship"; how a
 * finished request ended, by type. */
static void
test_status_describe (void)
{
  for (guint s = 0; s < SHOU_N_STATUSES; s++)
    {
      g_assert_cmpstr (shou_status_describe (s, FALSE), ==, shou_status_get_label (s));
      if (s != SHOU_STATUS_WAIT_SELLER_SHIP)
        g_assert_cmpstr (shou_status_describe (s, TRUE), ==, shou_status_get_label (s));
      if (shou_status_is_finished (s))
        g_assert_nonnull (shou_request_outcome_get_label (SHOU_REQUEST_EXCHANGE, s));
      else
        g_assert_null (shou_request_outcome_get_label (SHOU_REQUEST_EXCHANGE, s));
    }
  g_assert_cmpstr (shou_status_describe (SHOU_STATUS_WAIT_SELLER_SHIP, TRUE), !=,
                   shou_status_get_label (SHOU_STATUS_WAIT_SELLER_SHIP));
  g_assert_cmpstr (shou_request_outcome_get_label (SHOU_REQUEST_RETURN_REFUND, SHOU_STATUS_SUCCESS), ==, "Refunded");
  g_assert_cmpstr (shou_request_outcome_get_label (SHOU_REQUEST_EXCHANGE, SHOU_STATUS_SUCCESS), ==, "Exchanged");
  g_assert_cmpstr (shou_request_outcome_get_label (SHOU_REQUEST_RESHIP, SHOU_STATUS_SUCCESS), ==, "Reshipped");
  g_assert_cmpstr (shou_request_outcome_get_label (SHOU_REQUEST_REPAIR, SHOU_STATUS_SUCCESS), ==, "Repaired");
  g_assert_cmpstr (shou_request_outcome_get_label (SHOU_REQUEST_REFUND_ONLY, SHOU_STATUS_CLOSED), ==, "Closed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/types/round-trip/%s", enum_cases[i].name);
      g_test_add_data_func (path, &enum_cases[i], test_enum_round_trip);
    }
  g_test_add_func ("/core/types/known-names", test_known_names);
  g_test_add_func ("/core/types/actions-and-events", test_actions_and_events);
  g_test_add_func ("/core/types/finished", test_finished);
  g_test_add_func ("/core/types/reason-is-input", test_reason_is_input);
  g_test_add_func ("/core/types/deadline-describe", test_deadline_describe);
  g_test_add_func ("/core/types/status-describe", test_status_describe);

  return g_test_run ();
}
