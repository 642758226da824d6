/* shou-taobao-envelope.h: reading a TOP response.
 *
 * Success: {"<api>_response": {...}} where <api> is the method without its
 * "taobao." prefix, dots as underscores ("refunds_receive_get_response").
 * Failure: {"error_response": {"code", "msg", "sub_code", "sub_msg",
 * "request_id"}} (bububa/opentaobao model/response.go). Codes: TOP's
 * platform error table (tests/data/platforms/README.md).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

/* "taobao.refund.get" → "refund_get_response". Returns: (transfer full). */
char              *shou_taobao_response_key  (const char *method);

/* Which ShouProtocolError a TOP error is. */
ShouProtocolError  shou_taobao_classify      (gint64      code,
                                              const char *sub_code);

/**
 * shou_taobao_envelope_read:
 * @body: the response body
 * @length: its length, or -1 when NUL-terminated
 * @method: the API that was called
 * @out_payload: (out) (optional): the "<api>_response" object
 * @out_fault: (out) (optional): the platform's error, when there is one
 *
 * Returns: %TRUE with the payload; %FALSE with a SHOU_PROTOCOL_ERROR (and the
 * fault when the body was a TOP error envelope).
 */
gboolean           shou_taobao_envelope_read (const char         *body,
                                              gssize              length,
                                              const char         *method,
                                              JsonNode          **out_payload,
                                              ShouProtocolFault **out_fault,
                                              GError            **error);

/* The same over an answer already parsed. */
gboolean           shou_taobao_envelope_read_object (JsonObject         *object,
                                                     const char         *method,
                                                     JsonNode          **out_payload,
                                                     ShouProtocolFault **out_fault,
                                                     GError            **error);

G_END_DECLS
