/* shou-hub-failure.h: a failure with the fields of an API error body
 * (API.md "Errors"); the routes answer with it. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

#define SHOU_HUB_ERROR (shou_hub_error_quark ())

/* How a failure maps to HTTP; the message is the readable text. */
typedef enum
{
  SHOU_HUB_ERROR_BAD_REQUEST,   /* 400 */
  SHOU_HUB_ERROR_NOT_FOUND,     /* 404 */
  SHOU_HUB_ERROR_CONFLICT,      /* 409 */
  SHOU_HUB_ERROR_NOT_ALLOWED,   /* 422 */
  SHOU_HUB_ERROR_INTERNAL,      /* 500 */
} ShouHubErrorCode;

GQuark shou_hub_error_quark (void);

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
  JsonObject *holder;   /* 409 claimed: {"staff_id", "name"} */
} ShouHubFailure;

ShouHubFailure *shou_hub_failure_new        (guint             status,
                                             const char       *code,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (3, 4);
ShouHubFailure *shou_hub_failure_bad        (const char       *field,
                                             const char       *detail,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* 422 not_allowed from a SHOU_RULES_ERROR (code = ShouReason). */
ShouHubFailure *shou_hub_failure_from_rules (const GError     *error);
void            shou_hub_failure_free       (ShouHubFailure   *failure);
/* (transfer full): {"error": {...}} */
JsonObject     *shou_hub_failure_to_json    (const ShouHubFailure *failure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubFailure, shou_hub_failure_free)

G_END_DECLS
