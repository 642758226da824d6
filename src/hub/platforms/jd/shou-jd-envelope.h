/* shou-jd-envelope.h: reading a JOS (routerjson) response.
 *
 * Success: {"<method, dots as underscores>_responce": {"code": "0", …}}
 * (JD spells it "responce"; "_response" is accepted too). Failure:
 * {"error_response": {"code": "19", "zh_desc": "无效access_token",
 * "en_desc": "Invalid access_token"}} (JD's PHP SDK JdClient). Only code 19
 * is classified from a public source; every other code is OTHER until JD's
 * error table is checked (tests/data/platforms/README.md, "unverified").
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

ShouProtocolError shou_jd_classify      (const char         *code);

gboolean          shou_jd_envelope_read (const char         *body,
                                         gssize              length,
                                         const char         *method,
                                         JsonNode          **out_payload,
                                         ShouProtocolFault **out_fault,
                                         GError            **error);

G_END_DECLS
