/* Fuzz the state machine: bytes become a bounded story (clock moves and
 * events with their parameters) on one platform's profile. Checked on every
 * step: an action the evaluation does not allow is never applied; a refused
 * event leaves the state untouched and says why in core's words; versions
 * only grow; lapsing leaves no deadline behind; and replaying the accepted
 * events rebuilds the very same request (the simulator relies on that). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_STEPS 64
#define START_AT  G_GINT64_CONSTANT (1767225600000000)  /* 2026-01-01 UTC */

typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
} Input;

static guint8
next_byte (Input *in)
{
  return in->pos < in->size ? in->data[in->pos++] : 0;
}

static ShouProfiles *
profiles (void)
{
  static ShouProfiles *all;

  if (all == NULL)
    all = shou_profiles_get_default ();
  return all;
}

static const char *const texts[] = {
  NULL, "",
  "亲，麻烦提供一下商品问题的照片，我们核实后马上处理。",
  "您好，商品已按页面描述发出，签收时外包装完好，请您再确认一下。",
  "加我微信私聊",
  "x",
  "这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明"
  "这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明"
  "这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明"
  "这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明这是一段很长的说明",
};

static const gint64 steps[] = {
  0, G_USEC_PER_SEC, 60 * G_USEC_PER_SEC, G_TIME_SPAN_HOUR, 6 * G_TIME_SPAN_HOUR,
  G_TIME_SPAN_DAY, 2 * G_TIME_SPAN_DAY, 3 * G_TIME_SPAN_DAY, 8 * G_TIME_SPAN_DAY,
  16 * G_TIME_SPAN_DAY, 31 * G_TIME_SPAN_DAY,
};

static void
make_event (Input             *in,
            const ShouProfile *profile,
            const ShouRequestState *state,
            ShouEvent         *event)
{
  guint n_reasons = 0;
  const ShouRejectReason *reasons = shou_profile_get_reject_reasons (profile, &n_reasons);
  guint8 b;

  memset (event, 0, sizeof *event);
  event->kind = next_byte (in) % SHOU_N_EVENTS;

  b = next_byte (in);
  switch (b % 6)
    {
    case 0: event->amount_fen = state->amount_fen; break;
    case 1: event->amount_fen = state->paid_fen * (b / 6) / 42; break;
    case 2: event->amount_fen = -1; break;
    case 3: event->amount_fen = G_MAXINT64; break;
    case 4: event->amount_fen = state->paid_fen + 1; break;
    default: event->amount_fen = 0; break;
    }
  event->proposal = next_byte (in) % SHOU_N_PROPOSALS;
  event->round = next_byte (in) % 4;
  b = next_byte (in);
  if (b % 4 == 0 || n_reasons == 0)
    event->reason_code = b % 8 == 0 ? NULL : "no_such_reason";
  else
    event->reason_code = reasons[b % n_reasons].code;
  event->text = texts[next_byte (in) % G_N_ELEMENTS (texts)];
  event->n_evidence = next_byte (in) % 4;
  event->address_id = next_byte (in) % 3 ? "addr-1" : NULL;
  b = next_byte (in);
  event->carrier = (const char *[]) { "SF", "YTO", "ZTO", "JD", "NOPE", NULL } [b % 6];
  event->tracking_no = (const char *[]) { "SF1234567890123", "YT1234567890123", "75312345678901",
                                          "JDVA00012345678", "abc", "" } [(b / 6) % 6];
}

static void
check_evaluation (const ShouRequestState *state,
                  const ShouEvaluation   *eval,
                  gint64                  now)
{
  g_assert_cmpint (eval->status, ==, state->status);
  for (ShouAction a = 0; a < SHOU_N_ACTIONS; a++)
    {
      gboolean allowed = (eval->allowed & SHOU_ACTION_BIT (a)) != 0;

      g_assert_cmpint (eval->why_not[a] >= 0 && eval->why_not[a] < SHOU_N_REASONS, ==, TRUE);
      if (allowed)
        g_assert_cmpint (eval->why_not[a], ==, SHOU_REASON_NONE);
      else
        g_assert_cmpint (eval->why_not[a], !=, SHOU_REASON_NONE);
    }
  g_assert_cmpuint (eval->allowed >> SHOU_N_ACTIONS, ==, 0);
  if (shou_status_is_finished (state->status))
    g_assert_cmpuint (eval->allowed & ~SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE), ==, 0);
  if (eval->deadline_at != 0)
    g_assert_cmpint (eval->on_lapse, <, SHOU_N_LAPSES);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Input in = { data, size, 0 };
  ShouProfiles *all = profiles ();
  const ShouProfile *profile;
  ShouRequestState state, opened;
  g_autoptr(GArray) story = g_array_new (FALSE, TRUE, sizeof (ShouTimedEvent));
  gint64 now = START_AT;
  gboolean replayable = TRUE;
  ShouRequestType type;
  ShouOrderState order_state;
  gboolean cod;
  gint64 paid;

  profile = shou_profiles_get_nth (all, next_byte (&in) % shou_profiles_get_n_profiles (all));
  type = next_byte (&in) % SHOU_N_REQUEST_TYPES;
  order_state = next_byte (&in) % SHOU_N_ORDER_STATES;
  cod = next_byte (&in) & 1;
  paid = 100 + next_byte (&in) * 997;

  memset (&state, 0, sizeof state);
  if (!shou_request_state_init (&state, profile, type, order_state, cod, paid, paid, now, NULL))
    return 0;
  opened = state;

  for (guint i = 0; i < MAX_STEPS && in.pos < in.size; i++)
    {
      guint8 op = next_byte (&in);
      ShouEvaluation eval;
      ShouRequestState before;
      ShouEvent event;
      g_autoptr(GError) error = NULL;
      guint lapsed;

      if (op < 64)
        {
          now += steps[op % G_N_ELEMENTS (steps)];
          continue;
        }

      /* As the server does on every request: lapse what is due, then act. */
      before = state;
      lapsed = shou_rules_lapse (profile, &state, now, NULL);
      g_assert_cmpuint (lapsed, <, 1000);
      g_assert_cmpint (state.version, >=, before.version + (gint64) lapsed);
      shou_rules_evaluate (profile, &state, now, &eval);
      check_evaluation (&state, &eval, now);
      g_assert_true (eval.deadline_at == 0 || eval.deadline_at > now ||
                     eval.on_lapse == SHOU_LAPSE_NONE);

      make_event (&in, profile, &state, &event);
      before = state;
      if (shou_rules_apply (profile, &state, &event, now, &error))
        {
          g_assert_no_error (error);
          g_assert_cmpint (state.version, >, before.version);
          if (event.kind >= SHOU_EVENT_AGREE_REFUND && event.kind <= SHOU_EVENT_MESSAGE)
            {
              ShouAction action = event.kind - SHOU_EVENT_AGREE_REFUND;

              /* Never applied unless the evaluation allowed it. */
              g_assert_cmpuint (eval.allowed & SHOU_ACTION_BIT (action), !=, 0);
            }
          if (event.kind == SHOU_EVENT_LAPSE)
            replayable = FALSE;
          else
            {
              ShouTimedEvent te = { event, now };
              g_array_append_val (story, te);
            }
        }
      else
        {
          g_assert_error (error, SHOU_RULES_ERROR, error->code);
          g_assert_cmpint (error->code, >, SHOU_REASON_NONE);
          g_assert_cmpint (error->code, <, SHOU_N_REASONS);
          g_assert_nonnull (shou_reason_to_string (error->code));
          g_assert_true (memcmp (&before, &state, sizeof state) == 0);
          if (event.kind >= SHOU_EVENT_AGREE_REFUND && event.kind <= SHOU_EVENT_MESSAGE)
            {
              ShouAction action = event.kind - SHOU_EVENT_AGREE_REFUND;
              guint next_round = state.nego_phase == SHOU_NEGO_NONE ? 1 : 2;

              /* A refusal of an allowed action can only be about its input
               * (for negotiate, the round number is part of the input). */
              if ((eval.allowed & SHOU_ACTION_BIT (action)) && !shou_reason_is_input (error->code) &&
                  (action != SHOU_ACTION_NEGOTIATE || event.round == next_round))
                g_error ("%s was allowed in %s (%s) but refused: %s (%s)",
                         shou_action_to_string (action), shou_status_to_string (state.status),
                         shou_profile_get_name (profile), shou_reason_to_string (error->code), error->message);
            }
        }
    }

  shou_rules_lapse (profile, &state, now, NULL);
  if (replayable)
    {
      g_autoptr(GError) error = NULL;
      guint failed = G_MAXUINT;
      gboolean ok;

      ok = shou_rules_replay (profile, &opened, (const ShouTimedEvent *) story->data, story->len,
                              now, &failed, &error);
      if (!ok)
        g_error ("replay failed at event %u of %u (%s): %s", failed, story->len,
                 failed < story->len ? shou_event_kind_to_string (g_array_index (story, ShouTimedEvent, failed).event.kind) : "-",
                 error ? error->message : "no error");
      g_assert_cmpint (opened.status, ==, state.status);
      g_assert_cmpint (opened.version, ==, state.version);
      g_assert_cmpint (opened.nego_phase, ==, state.nego_phase);
      g_assert_cmpint (opened.good_status, ==, state.good_status);
      g_assert_cmpint (opened.amount_fen, ==, state.amount_fen);
      g_assert_cmpint (opened.status_since, ==, state.status_since);
    }
  return 0;
}
