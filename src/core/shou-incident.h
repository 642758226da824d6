/* shou-incident.h: a logistics incident (物流异常, seed 001 篇七) as the
 * contract has it (API.md "incident"): a parcel delayed, lost, damaged or
 * signed for by someone else. The seller contacts the courier, tells the
 * buyer, resends if needed and claims from the courier. Pure rules over
 * the JSON object, shared by the hub and the desktop's cache, like
 * shou-complaint-record.h. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_INCIDENT_DELAYED,          /* 延误: the parcel stopped moving */
  SHOU_INCIDENT_LOST,             /* 丢件 / no tracking information */
  SHOU_INCIDENT_DAMAGED,          /* 破损 */
  SHOU_INCIDENT_SIGNED_BY_OTHER,  /* 他人代签: the courier let someone else sign */
  SHOU_N_INCIDENT_KINDS
} ShouIncidentKind;

typedef enum
{
  SHOU_INCIDENT_ACTION_CONTACT_COURIER, /* note */
  SHOU_INCIDENT_ACTION_TELL_BUYER,      /* note */
  SHOU_INCIDENT_ACTION_RESEND,          /* carrier, tracking_no (validated) */
  SHOU_INCIDENT_ACTION_CLAIM,           /* amount_fen, note: a claim filed with the courier */
  SHOU_INCIDENT_ACTION_CLAIM_RESULT,    /* status paid|refused, recovered_fen (paid) */
  SHOU_INCIDENT_ACTION_CLOSE,           /* note */
  SHOU_N_INCIDENT_ACTIONS
} ShouIncidentAction;

typedef enum
{
  SHOU_INCIDENT_CLAIM_FILED,
  SHOU_INCIDENT_CLAIM_PAID,
  SHOU_INCIDENT_CLAIM_REFUSED,
  SHOU_N_INCIDENT_CLAIM_STATUSES
} ShouIncidentClaimStatus;

const char *shou_incident_kind_to_string          (ShouIncidentKind         kind);
gboolean    shou_incident_kind_from_string        (const char              *text,
                                                   ShouIncidentKind        *out);
const char *shou_incident_action_to_string        (ShouIncidentAction       action);
gboolean    shou_incident_action_from_string      (const char              *text,
                                                   ShouIncidentAction      *out);
const char *shou_incident_claim_status_to_string  (ShouIncidentClaimStatus  status);
gboolean    shou_incident_claim_status_from_string (const char             *text,
                                                   ShouIncidentClaimStatus *out);

/* %NULL when @action is allowed on @incident now, else the reason the API
 * answers with 422: "incident_closed", "already_resent", "already_claimed",
 * "no_claim" (a claim's result before a claim), "claim_settled",
 * "claim_open" (closing while the courier has not answered a claim). */
const char *shou_incident_check_action  (JsonObject         *incident,
                                         ShouIncidentAction  action);

/* Applies a checked step at @now with @params as POST
 * /v1/incidents/{id}/actions takes them (already checked): courier_contacted_at,
 * buyer_told_at, resend {carrier, tracking_no, at}, claim {amount_fen,
 * status, filed_at, settled_at, recovered_fen}, closed_at; a note is kept
 * in "note". The version is the caller's. */
void        shou_incident_apply_step    (JsonObject         *incident,
                                         ShouIncidentAction  action,
                                         JsonObject         *params,
                                         gint64              now);

/* The steps 001 篇七 suggests for @kind, in order (at most
 * SHOU_N_INCIDENT_ACTIONS - 2: a claim's result and closing are not
 * listed). Returns how many. */
guint       shou_incident_suggested_steps (ShouIncidentKind   kind,
                                           ShouIncidentAction out[SHOU_N_INCIDENT_ACTIONS]);
/* Whether @action was taken on @incident. */
gboolean    shou_incident_step_done     (JsonObject         *incident,
                                         ShouIncidentAction  action);
/* The first suggested step of @incident's kind not yet taken, or -1. */
int         shou_incident_next_step     (JsonObject         *incident);

G_END_DECLS
