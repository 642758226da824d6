/* Helpers shared by the platform protocol tests. */
#pragma once

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

/* One platform error envelope and what it must become. */
typedef struct
{
  const char       *body;
  ShouProtocolError kind;
  const char       *code;
  const char       *sub_code;
} FaultSample;

typedef gboolean (*EnvelopeReader) (const char         *body,
                                    JsonNode          **out_payload,
                                    ShouProtocolFault **out_fault,
                                    GError            **error);

/* Every sample fails with its kind, code and sub-code, and no payload. */
void      check_fault_samples (const FaultSample *samples,
                               guint              n,
                               EnvelopeReader     read);
/* Every body is refused as malformed, without a fault. */
void      check_malformed     (const char * const *bodies,
                               guint               n,
                               EnvelopeReader      read);
void      put                 (GHashTable        *table,
                               const char        *key,
                               const char        *value);
JsonNode *parse_json          (const char        *json);

G_END_DECLS
