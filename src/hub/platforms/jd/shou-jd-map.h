/* shou-jd-map.h: JD words → the contract's. UNVERIFIED.
 *
 * platform-apis.md lists no JD enumerations, and the public SDKs read for
 * this module (a JOS Python SDK's AscQueryListRequest: request fields only)
 * publish none for jingdong.asc.*. Every value here is marked unverified in
 * tests/data/platforms/README.md and must be checked against JD's own
 * documentation before a JD shop is connected; SHOU_JD_MAP_VERIFIED says so
 * to the adapter, which must keep JD off until it is TRUE.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-types.h"

G_BEGIN_DECLS

#define SHOU_JD_MAP_VERIFIED FALSE

/* customerExpect (客户期望) of an after-sales service order: 10 return,
 * 20 exchange, 30 repair (unverified). */
gboolean shou_jd_map_customer_expect (gint64            customer_expect,
                                      ShouRequestType  *out);

/* A yuan amount as JOS order APIs send it: a string ("12.30") or a whole
 * JSON integer of yuan. A JSON number with decimals is refused: json-glib
 * keeps only its double, and fen are never read through a double. Unit for
 * jingdong.asc.* unverified. */
gboolean shou_jd_amount_fen          (JsonObject       *object,
                                      const char       *field,
                                      gint64           *out_fen,
                                      GError          **error);

G_END_DECLS
