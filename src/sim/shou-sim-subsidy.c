/* shou-sim-subsidy.c: Pinduoduo's 退货包运费 on the simulated platform. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-sim-subsidy.h"

#define MEMBER "return_postage_subsidy"

/* One draw per request and seed (FNV-1a over the id, mixed with the seed). */
static guint32
draw (const ShouHubAftersale *as,
      guint32                 seed)
{
  guint32 h = 2166136261u ^ seed;

  for (const char *p = as->id ? as->id : ""; *p; p++)
    h = (h ^ (guchar) *p) * 16777619u;
  h ^= h >> 15;
  h *= 2246822519u;
  h ^= h >> 13;
  return h;
}

static gboolean
applies (const ShouHubAftersale *as)
{
  return as->state.platform == SHOU_PLATFORM_PDD &&
         (as->state.type == SHOU_REQUEST_RETURN_REFUND || as->state.type == SHOU_REQUEST_EXCHANGE);
}

static void
put (ShouHubAftersale *as,
     const char       *state,
     gint64            amount_fen,
     gint64            since)
{
  JsonObject *s = json_object_new ();

  json_object_set_string_member (s, "state", state);
  if (amount_fen > 0)
    json_object_set_int_member (s, "amount_fen", amount_fen);
  else
    json_object_set_null_member (s, "amount_fen");
  json_object_set_int_member (s, "since", since);
  json_object_set_object_member (as->doc, MEMBER, s);
}

static JsonObject *
current (ShouHubAftersale *as)
{
  JsonNode *node = json_object_get_member (as->doc, MEMBER);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
shou_sim_subsidy_on_agree (ShouHubAftersale *as,
                           guint32           seed,
                           gint64            at)
{
  if (applies (as) && current (as) == NULL && draw (as, seed) % 3 != 0)
    put (as, "computing", 0, at);
}

gboolean
shou_sim_subsidy_settle (ShouHubAftersale *as,
                         guint32           seed,
                         gint64            at)
{
  JsonObject *s = current (as);
  guint32 h = draw (as, seed);

  if (s == NULL || g_strcmp0 (json_object_get_string_member_with_default (s, "state", ""), "computing") != 0 ||
      at < json_object_get_int_member_with_default (s, "since", 0) + SHOU_SIM_SUBSIDY_HOURS * G_TIME_SPAN_HOUR)
    return FALSE;
  if ((h / 3) % 4 == 0)
    put (as, "not_granted", 0, at);
  else
    put (as, "granted", 600 + (gint64) ((h / 12) % 7) * 100, at);
  return TRUE;
}

gboolean
shou_sim_subsidy_set (ShouHubAftersale  *as,
                      JsonObject        *body,
                      gint64             at,
                      ShouHubFailure   **failure)
{
  static const char *const states[] = { "computing", "granted", "not_granted", "none", NULL };
  const char *state = NULL;
  gint64 amount = 0;

  if (!shou_hub_input_string (body, "state", TRUE, &state, failure) ||
      !shou_hub_input_amount (body, "amount_fen", FALSE, &amount, failure))
    return FALSE;
  if (!g_strv_contains (states, state))
    {
      *failure = shou_hub_failure_bad ("state", "unknown_state", "Unknown subsidy state \"%s\"", state);
      return FALSE;
    }
  if (amount > 0 && !g_str_equal (state, "granted"))
    {
      *failure = shou_hub_failure_bad ("amount_fen", "conflicting_fields", "Only a granted subsidy has an amount");
      return FALSE;
    }
  if (!applies (as))
    {
      ShouReason why = as->state.platform != SHOU_PLATFORM_PDD ? SHOU_REASON_NOT_FOR_PLATFORM
                                                              : SHOU_REASON_NOT_FOR_TYPE;

      *failure = shou_hub_failure_new (422, "not_allowed", "退货包运费 is Pinduoduo's, for returns and exchanges");
      (*failure)->reason = g_strdup (shou_reason_to_string (why));
      return FALSE;
    }
  if (g_str_equal (state, "none"))
    json_object_remove_member (as->doc, MEMBER);
  else
    put (as, state, amount, at);
  as->state.version++;
  as->updated_at = at;
  return TRUE;
}

void
shou_sim_subsidy_render (JsonObject       *o,
                         ShouHubAftersale *as)
{
  JsonObject *s = current (as);
  JsonObject *out;

  if (s == NULL)
    return;
  out = json_object_new ();
  json_object_set_string_member (out, "state", json_object_get_string_member_with_default (s, "state", ""));
  if (json_object_get_int_member_with_default (s, "amount_fen", 0) > 0)
    json_object_set_int_member (out, "amount_fen", json_object_get_int_member (s, "amount_fen"));
  else
    json_object_set_null_member (out, "amount_fen");
  json_object_set_object_member (o, MEMBER, out);
}
