/* shou-hub-json.h: JSON text to and from the store. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* (transfer full) */
char       *shou_hub_json_to_string   (JsonObject *object);
/* (transfer full): the object in @text, or an empty one */
JsonObject *shou_hub_json_from_string (const char *text);

G_END_DECLS
