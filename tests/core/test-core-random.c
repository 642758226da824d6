/* test-core-random.c: seeded, bounded random event sequences never reach an
 * inconsistent state, and deadlines never move backwards on their own. */
#include "config.h"

#include "core-test-util.h"

#define N_SEQUENCES 400
#define MAX_STEPS   40

static void
check_invariants (const ShouProfile      *profile,
                  const ShouRequestState *state,
                  const ShouEvaluation   *eval)
{
  g_assert_cmpuint (state->status, <, SHOU_N_STATUSES);
  g_assert_cmpuint (state->nego_phase, <, SHOU_N_NEGO_PHASES);
  g_assert_cmpint (state->amount_fen, >=, 0);
  g_assert_cmpint (state->amount_fen, <=, state->paid_fen);
  g_assert_cmpint (state->status_since, >=, state->opened_at);

  /* A negotiation wait only exists while negotiating. */
  if (state->nego_phase == SHOU_NEGO_ROUND1_WAIT || state->nego_phase == SHOU_NEGO_ROUND2_WAIT)
    g_assert_cmpint (state->status, ==, SHOU_STATUS_NEGOTIATING);
  if (state->status == SHOU_STATUS_NEGOTIATING)
    g_assert_cmpint (state->nego_phase, !=, SHOU_NEGO_NONE);
  if (state->status == SHOU_STATUS_WAIT_SELLER_RECEIPT)
    g_assert_true (state->return_shipped);
  if (state->status == SHOU_STATUS_WAIT_REFUND_PROOF)
    g_assert_true (state->cod);
  if (state->exchange_shipped && !shou_status_is_finished (state->status))
    g_assert_cmpint (state->status, ==, SHOU_STATUS_WAIT_SELLER_SHIP);

  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    g_assert_cmpint ((eval->allowed & SHOU_ACTION_BIT (a)) != 0, ==,
                     eval->why_not[a] == SHOU_REASON_NONE);
  if (shou_status_is_finished (state->status))
    {
      g_assert_cmphex (eval->allowed, ==, 0);
      g_assert_cmpint (eval->deadline_at, ==, 0);
    }
  else
    g_assert_true (eval->allowed & SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE));
  if (shou_profile_get_negotiation_required (profile) && (eval->allowed & SHOU_ACTION_BIT (SHOU_ACTION_REJECT)))
    g_assert_cmpint (state->nego_phase, ==, SHOU_NEGO_ROUND2_DONE);
  if (eval->deadline_at != 0)
    g_assert_cmpint (eval->on_lapse, <, SHOU_N_LAPSES);
}

/* Statuses reached over the whole run: the walk must visit all of them. */
static guint reached_statuses;
static guint applied_events;

/* An event that makes sense now, so walks go deep instead of mostly failing. */
static ShouEventKind
pick_plausible (GRand                  *rand,
                const ShouRequestState *state,
                const ShouEvaluation   *eval)
{
  ShouEventKind candidates[SHOU_N_EVENTS];
  guint n = 0;

  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    if (eval->allowed & SHOU_ACTION_BIT (a))
      candidates[n++] = shou_action_to_event (a);

  switch (state->status)
    {
    case SHOU_STATUS_NEGOTIATING:
      candidates[n++] = SHOU_EVENT_BUYER_REPLY;
      candidates[n++] = SHOU_EVENT_BUYER_ACCEPT;
      break;
    case SHOU_STATUS_WAIT_BUYER_RETURN:
      candidates[n++] = SHOU_EVENT_BUYER_SHIP_RETURN;
      break;
    case SHOU_STATUS_WAIT_SELLER_RECEIPT:
      candidates[n++] = SHOU_EVENT_LOGISTICS_UPDATE;
      break;
    case SHOU_STATUS_WAIT_SELLER_SHIP:
      candidates[n++] = SHOU_EVENT_BUYER_CONFIRM_EXCHANGE;
      break;
    case SHOU_STATUS_REFUSED:
      candidates[n++] = SHOU_EVENT_BUYER_ESCALATE;
      candidates[n++] = SHOU_EVENT_BUYER_MODIFY;
      break;
    case SHOU_STATUS_INTERVENTION:
      candidates[n++] = SHOU_EVENT_PLATFORM_REFUND;
      candidates[n++] = SHOU_EVENT_PLATFORM_CLOSE;
      break;
    case SHOU_STATUS_WAIT_SELLER:
    case SHOU_STATUS_WAIT_REFUND_PROOF:
    case SHOU_STATUS_SUCCESS:
    case SHOU_STATUS_CLOSED:
    case SHOU_N_STATUSES:
    default:
      break;
    }

  if (n == 0)
    return SHOU_EVENT_BUYER_CANCEL;
  return candidates[g_rand_int_range (rand, 0, (gint32) n)];
}

static void
run_sequence (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ShouPlatform platform = g_rand_int_range (rand, 0, SHOU_N_PLATFORMS);
  ShouProfile *profile = core_test_profile (platform, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  gint64 now = CORE_TEST_T0;
  gint64 paid = g_rand_int_range (rand, 1, 100000);
  gint64 last_version;
  ShouRequestType type;
  ShouOrderState order_state;
  guint tries = 0;

  do
    {
      type = g_rand_int_range (rand, 0, SHOU_N_REQUEST_TYPES);
      order_state = g_rand_int_range (rand, 0, SHOU_N_ORDER_STATES);
      g_assert_cmpuint (++tries, <, 1000);
    }
  while (!shou_request_state_init (&state, profile, type, order_state,
                                   g_rand_boolean (rand), g_rand_int_range (rand, 0, paid + 1),
                                   paid, now, NULL));

  last_version = state.version;
  shou_rules_evaluate (profile, &state, now, &eval);
  check_invariants (profile, &state, &eval);

  for (guint step = 0; step < MAX_STEPS && !shou_status_is_finished (state.status); step++)
    {
      ShouEvaluation before;
      ShouRequestState prev = state;
      ShouEvent event;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      /* Time moves forward by up to three days, sometimes past a deadline. */
      now += g_rand_int_range (rand, 0, 72 * 60) * SHOU_USEC_PER_MINUTE;
      shou_rules_evaluate (profile, &state, now, &before);
      /* Time passing alone never moves the deadline backwards; an evidence
       * period that ended leaves no deadline (nothing is overdue). */
      if (!(before.deadline_at == 0 && eval.on_lapse == SHOU_LAPSE_EVIDENCE_CLOSED))
        g_assert_cmpint (before.deadline_at, >=, eval.deadline_at);

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          guint n = shou_rules_lapse (profile, &state, now, NULL);

          g_assert_cmpint (state.version, ==, prev.version + n);
          reached_statuses |= 1u << state.status;
          shou_rules_evaluate (profile, &state, now, &eval);
          check_invariants (profile, &state, &eval);
          /* After lapsing, nothing overdue with an outcome remains. */
          g_assert_true (eval.deadline_at == 0 || eval.on_lapse == SHOU_LAPSE_NONE ||
                         eval.deadline_at > now);
          last_version = state.version;
          continue;
        }

      if (g_rand_int_range (rand, 0, 5) == 0)
        event = core_test_event (profile, g_rand_int_range (rand, 0, SHOU_N_EVENTS));
      else
        event = core_test_event (profile, pick_plausible (rand, &state, &before));
      if (event.kind == SHOU_EVENT_NEGOTIATE)
        event.proposal = g_rand_int_range (rand, 0, SHOU_N_PROPOSALS);
      if (event.kind == SHOU_EVENT_NEGOTIATE || event.kind == SHOU_EVENT_AGREE_REFUND)
        event.amount_fen = g_rand_int_range (rand, 0, paid + 2);
      if (g_rand_int_range (rand, 0, 5) == 0)
        event.n_evidence = 0;

      ok = shou_rules_apply (profile, &state, &event, now, &error);
      if (!ok)
        {
          eval = before;
          g_assert_nonnull (error);
          g_assert_true (error->domain == SHOU_RULES_ERROR);
          g_assert_cmpint (error->code, >, SHOU_REASON_NONE);
          g_assert_cmpint (error->code, <, SHOU_N_REASONS);
          g_assert_cmpmem (&prev, sizeof prev, &state, sizeof state);
          /* A seller action the evaluation allowed fails only on its input. */
          if (event.kind >= SHOU_EVENT_AGREE_REFUND && event.kind <= SHOU_EVENT_MESSAGE &&
              (before.allowed & SHOU_ACTION_BIT (event.kind - SHOU_EVENT_AGREE_REFUND)) == 0)
            g_assert_cmpint (error->code, ==,
                             before.why_not[event.kind - SHOU_EVENT_AGREE_REFUND]);
          continue;
        }

      g_assert_no_error (error);
      applied_events++;
      reached_statuses |= 1u << state.status;
      g_assert_cmpint (state.version, ==, last_version + 1);
      last_version = state.version;
      shou_rules_evaluate (profile, &state, now, &eval);
      check_invariants (profile, &state, &eval);

      /* Events that change nothing but data never move a deadline. */
      if (event.kind == SHOU_EVENT_MESSAGE || event.kind == SHOU_EVENT_LOGISTICS_UPDATE)
        {
          g_assert_cmpint (eval.deadline_at, ==, before.deadline_at);
          g_assert_cmpint (eval.status, ==, before.status);
        }
    }
}

static void
test_random_sequences (void)
{
  guint32 base = (guint32) g_test_rand_int ();

  for (guint32 i = 0; i < N_SEQUENCES; i++)
    {
      g_test_message ("seed %u", base + i);
      run_sequence (base + i);
    }
  g_test_message ("%u events applied, statuses reached 0x%x", applied_events, reached_statuses);
  g_assert_cmpuint (applied_events, >, 3 * N_SEQUENCES);
  g_assert_cmphex (reached_statuses, ==, (1u << SHOU_N_STATUSES) - 1);
}

static void
test_deadline_monotonic_without_events (void)
{
  /* With no event, evaluating later never gives an earlier deadline
   * (milestones only move forward). */
  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    for (guint t = 0; t < SHOU_N_REQUEST_TYPES; t++)
      {
        ShouProfile *profile = core_test_profile (p, NULL);
        ShouRequestState state;
        gint64 last = 0;

        if (!shou_request_state_init (&state, profile, t, SHOU_ORDER_SHIPPED, FALSE, 10, 10,
                                      CORE_TEST_T0, NULL))
          continue;
        for (gint64 now = CORE_TEST_T0; now < CORE_TEST_T0 + 30 * SHOU_USEC_PER_DAY;
             now += 7 * SHOU_USEC_PER_HOUR)
          {
            ShouEvaluation eval;

            shou_rules_evaluate (profile, &state, now, &eval);
            g_assert_cmpint (eval.deadline_at, >=, last);
            last = eval.deadline_at;
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/random/sequences", test_random_sequences);
  g_test_add_func ("/core/random/deadline-monotonic-without-events", test_deadline_monotonic_without_events);

  return g_test_run ();
}
