/* shou-test-hub.h: a shouhou-hub process for tests and benchmarks (the
 * binary named by $SHOUHOU_HUB), and messages to it with a bearer token. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *proc;
  char        *url;
} ShouTestHub;

/* Starts `shouhou-hub --database DATABASE --port 0 --quiet` with the
 * further arguments (%NULL-terminated) and waits for its "listening on"
 * line. */
ShouTestHub  shou_test_hub_start   (const char  *database,
                                    ...) G_GNUC_NULL_TERMINATED;
/* SIGTERM, then waits. */
void         shou_test_hub_stop    (ShouTestHub *hub);
/* (transfer full): @method @url with "Authorization: Bearer @token", an
 * Idempotency-Key when @key is set, and @body as JSON when set. */
SoupMessage *shou_test_hub_message (const char  *method,
                                    const char  *url,
                                    const char  *token,
                                    const char  *body,
                                    const char  *key);

G_END_DECLS
