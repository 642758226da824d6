/* shou-hub-json.h: JSON text to and from the store. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* (transfer full) */
char       *shou_hub_json_to_string   (JsonObject *object);
/* (transfer full): the object in @text, or an empty one */
JsonObject *shou_hub_json_from_string (const char *text);

/* (transfer full): an order's stored @data text with "version" and
 * "updated_at" (decimal texts) added at its end, without parsing it; %NULL
 * when @data is not an object's text */
gboolean    shou_hub_json_append_with_version (GString    *out,
                                               const char *data,
                                               gsize       len,
                                               const char *version,
                                               const char *updated_at);
char       *shou_hub_json_with_version (const char *data,
                                        const char *version,
                                        const char *updated_at);

G_END_DECLS
