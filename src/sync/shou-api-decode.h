/* shou-api-decode.h: JSON bodies of the remote API → validated objects.
 * Pure functions over bytes, so fuzzers can drive them. Wrong types and
 * missing required fields are SHOU_API_ERROR_BAD_RESPONSE; unknown fields
 * and unknown change kinds are ignored (the contract lets servers add them). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "shou-api-error.h"

G_BEGIN_DECLS

/* One page of GET /v1/changes. */
typedef struct
{
  GPtrArray *changes;       /* (element-type JsonObject) {"seq", "kind", "id", "data"} */
  GPtrArray *data_texts;    /* (element-type utf8) each change's "data" as JSON text */
  char      *next_cursor;
  gboolean   has_more;
  gint64     server_time;
} ShouChangesPage;

void             shou_changes_page_free       (ShouChangesPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouChangesPage, shou_changes_page_free)

ShouChangesPage *shou_api_decode_changes_page (GBytes      *bytes,
                                               GError     **error);
/* (element-type JsonObject) */
GPtrArray       *shou_api_decode_shops        (GBytes      *bytes,
                                               GError     **error);
/* {"aftersale": {...}} → the aftersale */
JsonObject      *shou_api_decode_aftersale    (GBytes      *bytes,
                                               GError     **error);
/* {"evidence": {...}} */
JsonObject      *shou_api_decode_evidence     (GBytes      *bytes,
                                               GError     **error);
/* {"address": {...}} */
JsonObject      *shou_api_decode_address      (GBytes      *bytes,
                                               GError     **error);
/* Any JSON object. */
JsonObject      *shou_api_decode_object       (GBytes      *bytes,
                                               GError     **error);

gboolean         shou_api_validate_aftersale  (JsonObject  *object,
                                               GError     **error);
gboolean         shou_api_validate_order      (JsonObject  *object,
                                               GError     **error);
gboolean         shou_api_validate_address    (JsonObject  *object,
                                               GError     **error);

/* {"error": {"code", "message", "reason", "current_version", "field"}};
 * FALSE if @bytes is not such a body. Out strings are (transfer full).
 * @out_reason is "reason" (422), else a 400's "detail" code. */
gboolean         shou_api_decode_error        (GBytes      *bytes,
                                               char       **out_code,
                                               char       **out_message,
                                               char       **out_reason,
                                               gint64      *out_current_version);
/* The "holder" {"staff_id", "name"} of a 409 "claimed" error body; FALSE
 * without one. */
gboolean         shou_api_decode_error_holder (GBytes      *bytes,
                                               char       **out_staff_id,
                                               char       **out_name);
/* {"claim": {"aftersale_id", "holder": {"staff_id", "name"}, "expires_at"}}:
 * the claim object. */
JsonObject      *shou_api_decode_claim        (GBytes      *bytes,
                                               GError     **error);

G_END_DECLS
