/* shou-hub-input.h: checks on JSON request bodies. Each returns %FALSE and
 * sets a 400 failure naming the field and a machine-readable detail. */
#pragma once

#include "shou-hub-failure.h"

G_BEGIN_DECLS

/* Largest JSON body accepted (413 above). */
#define SHOU_HUB_MAX_JSON_BYTES (1024 * 1024)

/* (transfer full): the body's object, or %NULL with 400 bad_json / 413 */
JsonObject *shou_hub_input_parse        (const char         *data,
                                         gsize               length,
                                         ShouHubFailure    **failure);
/* SHA-256 of the canonical serialisation of @object, prefixed by @scope. */
char       *shou_hub_input_hash         (const char         *scope,
                                         JsonObject         *object);
gboolean    shou_hub_input_check_fields (JsonObject         *object,
                                         const char * const *allowed,
                                         const char         *prefix,
                                         ShouHubFailure    **failure);
gboolean    shou_hub_input_string       (JsonObject         *object,
                                         const char         *name,
                                         gboolean            required,
                                         const char        **out,
                                         ShouHubFailure    **failure);
gboolean    shou_hub_input_int          (JsonObject         *object,
                                         const char         *name,
                                         gboolean            required,
                                         gint64             *out,
                                         ShouHubFailure    **failure);
/* Money in fen: an integer, 0 ≤ amount ≤ SHOU_MONEY_MAX_FEN. */
gboolean    shou_hub_input_amount       (JsonObject         *object,
                                         const char         *name,
                                         gboolean            required,
                                         gint64             *out,
                                         ShouHubFailure    **failure);
/* An amount the client may leave out; when given, 1 fen to @max_fen
 * (core's shou_validate_amount): 0, -0, negatives and anything above are
 * 400 `amount_out_of_range`. @out keeps its value when the field is absent. */
gboolean    shou_hub_input_amount_upto  (JsonObject         *object,
                                         const char         *name,
                                         gint64              max_fen,
                                         gint64             *out,
                                         ShouHubFailure    **failure);
gboolean    shou_hub_input_bool         (JsonObject         *object,
                                         const char         *name,
                                         gboolean           *out,
                                         ShouHubFailure    **failure);
/* (out) (transfer none) (nullable): an array of strings */
gboolean    shou_hub_input_strings      (JsonObject         *object,
                                         const char         *name,
                                         JsonArray         **out,
                                         ShouHubFailure    **failure);
gboolean    shou_hub_input_tracking     (const char         *carrier,
                                         const char         *tracking_no,
                                         ShouHubFailure    **failure);
/* A return or exchange parcel: "carrier" and "tracking_no" (required) and,
 * when carrier is SHOU_CARRIER_OTHER, "carrier_name" (required, trimmed in
 * @object; 400 invalid_carrier_name) with the loose number check. Any other
 * carrier: "carrier_name" is ignored and *@carrier_name left %NULL. */
gboolean    shou_hub_input_shipment     (JsonObject         *object,
                                         const char        **carrier,
                                         const char        **tracking_no,
                                         const char        **carrier_name,
                                         ShouHubFailure    **failure);
/* An action body's "params": absent or null leaves *@out as it is, an
 * object sets it (transfer none), anything else is 400 wrong_type. */
gboolean    shou_hub_input_params       (JsonObject         *body,
                                         JsonObject        **out,
                                         ShouHubFailure    **failure);
/* Message length per profile and no sensitive words. */
gboolean    shou_hub_input_text         (const ShouProfile  *profile,
                                         const char         *field,
                                         const char         *text,
                                         ShouHubFailure    **failure);

G_END_DECLS
