/* shou-pdd-error.h: Pinduoduo's error envelope, {"error_response":
 * {"error_code", "error_msg", "sub_code", "sub_msg", "request_id"}}, as the
 * platforms' shared SHOU_PROTOCOL_ERROR (protocol/shou-protocol.h;
 * tests/data/platforms/README.md "Pinduoduo"). */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

/* Which kind an error_code is. */
ShouProtocolError  shou_pdd_error_kind  (gint64       error_code);
/* The body of a successful answer (its @response_key member), or %NULL
 * with a SHOU_PROTOCOL_ERROR from the envelope. (transfer none) */
JsonObject        *shou_pdd_error_check (JsonObject  *answer,
                                         const char  *response_key,
                                         GError     **error);
/* The fault an answer carries, or %NULL when it is not an error. */
ShouProtocolFault *shou_pdd_error_read  (JsonObject  *answer);

G_END_DECLS
