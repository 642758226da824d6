/* shou-incident.c: a logistics incident's steps (shou-incident.h). */
#include "config.h"

#include <string.h>

#include "shou-incident.h"
#include "shou-names-private.h"

static const char *const kind_names[] = { "delayed", "lost", "damaged", "signed_by_other" };
static const char *const action_names[] = {
  "contact_courier", "tell_buyer", "resend", "claim", "claim_result", "close",
};
static const char *const claim_names[] = { "filed", "paid", "refused" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == SHOU_N_INCIDENT_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == SHOU_N_INCIDENT_ACTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (claim_names) == SHOU_N_INCIDENT_CLAIM_STATUSES);

SHOU_DEFINE_NAMES (shou_incident_kind, ShouIncidentKind, kind_names)
SHOU_DEFINE_NAMES (shou_incident_action, ShouIncidentAction, action_names)
SHOU_DEFINE_NAMES (shou_incident_claim_status, ShouIncidentClaimStatus, claim_names)

static gboolean
is_set (JsonObject *object,
        const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static JsonObject *
claim_of (JsonObject *incident)
{
  JsonNode *node = json_object_get_member (incident, "claim");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
shou_incident_check_action (JsonObject         *incident,
                            ShouIncidentAction  action)
{
  JsonObject *claim = claim_of (incident);
  gboolean claim_open = claim != NULL &&
                        g_strcmp0 (json_object_get_string_member_with_default (claim, "status", NULL), "filed") == 0;

  if (is_set (incident, "closed_at"))
    return "incident_closed";
  switch (action)
    {
    case SHOU_INCIDENT_ACTION_CONTACT_COURIER:
    case SHOU_INCIDENT_ACTION_TELL_BUYER:
      return NULL;
    case SHOU_INCIDENT_ACTION_RESEND:
      return is_set (incident, "resend") ? "already_resent" : NULL;
    case SHOU_INCIDENT_ACTION_CLAIM:
      return claim != NULL ? "already_claimed" : NULL;
    case SHOU_INCIDENT_ACTION_CLAIM_RESULT:
      if (claim == NULL)
        return "no_claim";
      return claim_open ? NULL : "claim_settled";
    case SHOU_INCIDENT_ACTION_CLOSE:
      return claim_open ? "claim_open" : NULL;
    case SHOU_N_INCIDENT_ACTIONS:
    default:
      g_return_val_if_reached ("unknown_action");
    }
}

void
shou_incident_apply_step (JsonObject         *incident,
                          ShouIncidentAction  action,
                          JsonObject         *params,
                          gint64              now)
{
  const char *note = json_object_get_string_member_with_default (params, "note", NULL);

  switch (action)
    {
    case SHOU_INCIDENT_ACTION_CONTACT_COURIER:
      json_object_set_int_member (incident, "courier_contacted_at", now);
      break;
    case SHOU_INCIDENT_ACTION_TELL_BUYER:
      json_object_set_int_member (incident, "buyer_told_at", now);
      break;
    case SHOU_INCIDENT_ACTION_RESEND:
      {
        JsonObject *resend = json_object_new ();

        json_object_set_string_member (resend, "carrier",
                                       json_object_get_string_member_with_default (params, "carrier", ""));
        json_object_set_string_member (resend, "tracking_no",
                                       json_object_get_string_member_with_default (params, "tracking_no", ""));
        json_object_set_int_member (resend, "at", now);
        json_object_set_object_member (incident, "resend", resend);
      }
      break;
    case SHOU_INCIDENT_ACTION_CLAIM:
      {
        JsonObject *claim = json_object_new ();

        json_object_set_int_member (claim, "amount_fen",
                                    json_object_get_int_member_with_default (params, "amount_fen", 0));
        json_object_set_string_member (claim, "status", "filed");
        json_object_set_int_member (claim, "filed_at", now);
        json_object_set_null_member (claim, "settled_at");
        json_object_set_int_member (claim, "recovered_fen", 0);
        json_object_set_object_member (incident, "claim", claim);
      }
      break;
    case SHOU_INCIDENT_ACTION_CLAIM_RESULT:
      {
        JsonObject *claim = claim_of (incident);
        const char *status = json_object_get_string_member_with_default (params, "status", "refused");

        if (claim == NULL)
          break;
        json_object_set_string_member (claim, "status", status);
        json_object_set_int_member (claim, "settled_at", now);
        json_object_set_int_member (claim, "recovered_fen",
                                    g_str_equal (status, "paid")
                                    ? json_object_get_int_member_with_default (params, "recovered_fen", 0) : 0);
      }
      break;
    case SHOU_INCIDENT_ACTION_CLOSE:
      json_object_set_int_member (incident, "closed_at", now);
      break;
    case SHOU_N_INCIDENT_ACTIONS:
    default:
      g_return_if_reached ();
    }
  if (note != NULL)
    json_object_set_string_member (incident, "note", note);
}

/* 001 篇七: what the shop does for each kind, in order. */
static const ShouIncidentAction steps_delayed[] = {
  SHOU_INCIDENT_ACTION_CONTACT_COURIER, SHOU_INCIDENT_ACTION_TELL_BUYER, SHOU_INCIDENT_ACTION_RESEND,
};
static const ShouIncidentAction steps_lost[] = {
  SHOU_INCIDENT_ACTION_CONTACT_COURIER, SHOU_INCIDENT_ACTION_TELL_BUYER, SHOU_INCIDENT_ACTION_RESEND,
  SHOU_INCIDENT_ACTION_CLAIM,
};
static const ShouIncidentAction steps_damaged[] = {
  SHOU_INCIDENT_ACTION_TELL_BUYER, SHOU_INCIDENT_ACTION_CLAIM, SHOU_INCIDENT_ACTION_RESEND,
};
static const ShouIncidentAction steps_signed[] = {
  SHOU_INCIDENT_ACTION_CONTACT_COURIER, SHOU_INCIDENT_ACTION_TELL_BUYER, SHOU_INCIDENT_ACTION_CLAIM,
};

guint
shou_incident_suggested_steps (ShouIncidentKind   kind,
                               ShouIncidentAction out[SHOU_N_INCIDENT_ACTIONS])
{
  static const struct { const ShouIncidentAction *steps; guint n; } table[] = {
    { steps_delayed, G_N_ELEMENTS (steps_delayed) },
    { steps_lost, G_N_ELEMENTS (steps_lost) },
    { steps_damaged, G_N_ELEMENTS (steps_damaged) },
    { steps_signed, G_N_ELEMENTS (steps_signed) },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (table) == SHOU_N_INCIDENT_KINDS);
  g_return_val_if_fail ((guint) kind < SHOU_N_INCIDENT_KINDS, 0);
  memcpy (out, table[kind].steps, table[kind].n * sizeof (ShouIncidentAction));
  return table[kind].n;
}

gboolean
shou_incident_step_done (JsonObject         *incident,
                         ShouIncidentAction  action)
{
  switch (action)
    {
    case SHOU_INCIDENT_ACTION_CONTACT_COURIER:
      return is_set (incident, "courier_contacted_at");
    case SHOU_INCIDENT_ACTION_TELL_BUYER:
      return is_set (incident, "buyer_told_at");
    case SHOU_INCIDENT_ACTION_RESEND:
      return is_set (incident, "resend");
    case SHOU_INCIDENT_ACTION_CLAIM:
      return claim_of (incident) != NULL;
    case SHOU_INCIDENT_ACTION_CLAIM_RESULT:
      return is_set (claim_of (incident), "settled_at");
    case SHOU_INCIDENT_ACTION_CLOSE:
      return is_set (incident, "closed_at");
    case SHOU_N_INCIDENT_ACTIONS:
    default:
      return FALSE;
    }
}

int
shou_incident_next_step (JsonObject *incident)
{
  ShouIncidentAction steps[SHOU_N_INCIDENT_ACTIONS];
  ShouIncidentKind kind;
  guint n;

  if (!shou_incident_kind_from_string (json_object_get_string_member_with_default (incident, "kind", NULL), &kind) ||
      is_set (incident, "closed_at"))
    return -1;
  n = shou_incident_suggested_steps (kind, steps);
  for (guint i = 0; i < n; i++)
    if (!shou_incident_step_done (incident, steps[i]))
      return steps[i];
  return -1;
}
