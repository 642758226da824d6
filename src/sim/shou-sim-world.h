/* shou-sim-world.h: the simulated platform's behaviour between the database
 * and core's rules: opening requests, applying events (seller, buyer,
 * platform), lapsing deadlines, and rendering entities in the API's JSON
 * shapes (API.md). The HTTP server, the demo generator and the simulated
 * buyers all go through it, so the rules are enforced in one place. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "shou-sim-clock.h"
#include "shou-sim-db.h"

G_BEGIN_DECLS

#define SHOU_SIM_ERROR (shou_sim_error_quark ())

/* How a failure maps to HTTP; the message is the readable text. */
typedef enum
{
  SHOU_SIM_ERROR_BAD_REQUEST,   /* 400 */
  SHOU_SIM_ERROR_NOT_FOUND,     /* 404 */
  SHOU_SIM_ERROR_CONFLICT,      /* 409 */
  SHOU_SIM_ERROR_NOT_ALLOWED,   /* 422 */
  SHOU_SIM_ERROR_INTERNAL,      /* 500 */
} ShouSimErrorCode;

GQuark shou_sim_error_quark (void);

/* A failure with the fields of an API error body. */
typedef struct
{
  guint   status;
  char   *code;
  char   *message;
  char   *field;        /* 400: which input */
  char   *detail;       /* 400: machine-readable detail, e.g. "negative_amount" */
  char   *reason;       /* 422: core reason code */
  gint64  current_version;
} ShouSimFailure;

ShouSimFailure *shou_sim_failure_new        (guint             status,
                                             const char       *code,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (3, 4);
ShouSimFailure *shou_sim_failure_bad        (const char       *field,
                                             const char       *detail,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* 422 not_allowed from a SHOU_RULES_ERROR (code = ShouReason). */
ShouSimFailure *shou_sim_failure_from_rules (const GError     *error);
void            shou_sim_failure_free       (ShouSimFailure   *failure);
/* (transfer full): {"error": {...}} */
JsonObject     *shou_sim_failure_to_json    (const ShouSimFailure *failure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouSimFailure, shou_sim_failure_free)

#define SHOU_TYPE_SIM_WORLD (shou_sim_world_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimWorld, shou_sim_world, SHOU, SIM_WORLD, GObject)

ShouSimWorld      *shou_sim_world_new               (ShouSimDb        *db,
                                                     ShouSimClock     *clock);
ShouSimDb         *shou_sim_world_get_db            (ShouSimWorld     *self);
ShouSimClock      *shou_sim_world_get_clock         (ShouSimWorld     *self);
gint64             shou_sim_world_now               (ShouSimWorld     *self);
const ShouProfile *shou_sim_world_get_profile       (ShouSimWorld     *self,
                                                     ShouPlatform      platform);
/* A lapse is applied once the clock is @grace past the deadline (platforms
 * run their timeout jobs in batches; the demo uses this to show overdue
 * requests). Default 0. */
void               shou_sim_world_set_lapse_grace   (ShouSimWorld     *self,
                                                     gint64            grace);
gint64             shou_sim_world_get_lapse_grace   (ShouSimWorld     *self);

/* Counters for GET /v1/test/stats. */
guint64            shou_sim_world_get_events_applied (ShouSimWorld    *self);

/* A new request from the buyer on an order line, opened at @at (not saved).
 * Returns: (transfer full): the request, or %NULL with @failure set. */
ShouSimAftersale  *shou_sim_world_open              (ShouSimWorld     *self,
                                                     const char       *order_id,
                                                     const char       *line_id,
                                                     ShouRequestType   type,
                                                     gint64            amount_fen,
                                                     const char       *reason_code,
                                                     const char       *text,
                                                     gint64            at,
                                                     ShouSimFailure  **failure);
/* The same on an order object at hand; @new_order skips looking for earlier
 * requests on the line (bulk generators). */
ShouSimAftersale  *shou_sim_world_open_on           (ShouSimWorld     *self,
                                                     JsonObject       *order,
                                                     const char       *merchant_id,
                                                     gboolean          new_order,
                                                     const char       *line_id,
                                                     ShouRequestType   type,
                                                     gint64            amount_fen,
                                                     const char       *reason_code,
                                                     const char       *text,
                                                     gint64            at,
                                                     ShouSimFailure  **failure);
/* Applies @event through core at @at and records it in the request's
 * documents and timeline (not saved). @params carries what the event needs
 * beyond ShouEvent: "scripts", "evidence" (arrays of strings), "address"
 * (object), "reason_text". */
gboolean           shou_sim_world_apply             (ShouSimWorld     *self,
                                                     ShouSimAftersale *as,
                                                     const ShouEvent  *event,
                                                     JsonObject       *params,
                                                     gint64            at,
                                                     ShouSimFailure  **failure);
/* Lapses every deadline of @as due by @cutoff, at its own time. */
guint              shou_sim_world_lapse_request     (ShouSimWorld     *self,
                                                     ShouSimAftersale *as,
                                                     gint64            cutoff);
/* Saves @as (new change_seq, lapse index). */
gboolean           shou_sim_world_save              (ShouSimWorld     *self,
                                                     ShouSimAftersale *as,
                                                     GError          **error);
/* Lapses everything due on the clock, in transactions. Returns how many
 * lapses were applied. */
guint              shou_sim_world_process_lapses    (ShouSimWorld     *self);
/* Returns: (transfer none): the entry, to add its "params". */
JsonObject        *shou_sim_world_add_timeline      (ShouSimAftersale *as,
                                                     gint64            at,
                                                     ShouActor         actor,
                                                     const char       *kind,
                                                     const char       *text);
/* Takes @params (transfer full, nullable) as the entry's "params". */
void               shou_sim_world_set_timeline_params (JsonObject     *entry,
                                                     JsonObject       *params);
/* Attaches evidence already stored by SHA-256; FALSE if already attached. */
gboolean           shou_sim_world_attach_evidence   (ShouSimAftersale *as,
                                                     const char       *sha256,
                                                     const char       *content_type,
                                                     gsize             size,
                                                     const char       *kind,
                                                     ShouActor         by,
                                                     gint64            at);
guint              shou_sim_world_count_evidence    (ShouSimAftersale *as,
                                                     ShouActor         by);
gboolean           shou_sim_world_has_evidence      (ShouSimAftersale *as,
                                                     const char       *sha256);

/* Rendering in API.md shapes. (transfer full) */
JsonObject        *shou_sim_world_render_aftersale  (ShouSimWorld     *self,
                                                     ShouSimAftersale *as);
/* The carrier's Chinese name ("顺丰速运"), as platforms show it. */
const char        *shou_sim_carrier_name            (const char       *code);
/* The platform's own status word for @status, e.g. "WAIT_SELLER_AGREE". */
const char        *shou_sim_platform_status         (ShouPlatform      platform,
                                                     ShouRequestType   type,
                                                     ShouRequestStatus status);

G_END_DECLS
