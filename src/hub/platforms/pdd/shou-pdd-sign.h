/* shou-pdd-sign.h: Pinduoduo's request signature (tests/data/platforms/
 * README.md "Pinduoduo: signing"): MD5 over client_secret, then every
 * parameter but sign as name followed by value in byte order of the names,
 * then client_secret again; upper-case hex. */
#pragma once

#include "hub/platforms/shou-platform-http.h"

G_BEGIN_DECLS

/* (transfer full): the sign of @params (a "sign" entry is left out). */
char *shou_pdd_sign        (ShouPlatformParams *params,
                            const char         *client_secret);
/* Adds the common parameters (type, client_id, timestamp, data_type and,
 * when not %NULL, access_token) and then sign. */
void  shou_pdd_sign_request (ShouPlatformParams *params,
                             const char         *type,
                             const char         *client_id,
                             const char         *client_secret,
                             const char         *access_token,
                             gint64              timestamp);

G_END_DECLS
