/* shou-hub-http.h: what every route of the hub shares: the store and the
 * platform it serves from, its counters, and how answers are written
 * (JSON bodies, API.md errors, the Date and X-Shou-Server-Time headers). */
#pragma once

#include <libsoup/soup.h>

#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-platform.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

typedef struct _ShouHubGather ShouHubGather;

typedef struct
{
  ShouHubStore    *store;
  ShouHubPlatform *platform;
  guint64          requests;
  guint64          actions_applied;
  guint64          replays;
  ShouHubStaff    *caller;   /* who the request being served came from */
  gboolean         autorules;       /* this hub runs the merchants' automatic rules */
  gint64           autorule_undo;   /* their undo window (usec) */
  ShouHubGather   *gather;          /* agree_refund actions waiting to go together */
} ShouHubContext;

/* (transfer full) */
char             *shou_hub_http_to_string      (JsonObject        *object);
void              shou_hub_http_common_headers (ShouHubContext    *ctx,
                                                SoupServerMessage *msg);
/* Takes @text (transfer full; %NULL for 204). */
void              shou_hub_http_send_text      (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                guint              status,
                                                char              *text);
void              shou_hub_http_send_json      (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                guint              status,
                                                JsonObject        *body);
void              shou_hub_http_send_failure   (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                ShouHubFailure    *failure);
void              shou_hub_http_send_error     (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                guint              status,
                                                const char        *code,
                                                const char        *message);
/* {"@name": @object}; takes @object (transfer full). */
void              shou_hub_http_send_one       (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                guint              status,
                                                const char        *name,
                                                JsonObject        *object);
/* (transfer full): the merchant of the request's bearer token (and who
 * it is, in ctx->caller), else answers 401 and returns %NULL. */
char             *shou_hub_http_authenticate   (ShouHubContext    *ctx,
                                                SoupServerMessage *msg);
/* (transfer full): an after-sales request of @merchant, else answers 404. */
ShouHubAftersale *shou_hub_http_load_aftersale (ShouHubContext    *ctx,
                                                SoupServerMessage *msg,
                                                const char        *merchant,
                                                const char        *id);
GBytes           *shou_hub_http_request_body   (SoupServerMessage *msg);
/* The caller's key in claims: the staff id, "" for the merchant's token. */
const char       *shou_hub_http_caller_key     (ShouHubContext    *ctx);
/* (transfer full): the JSON object body, else answers 400/413. */
JsonObject       *shou_hub_http_parse_body     (ShouHubContext    *ctx,
                                                SoupServerMessage *msg);

G_END_DECLS
