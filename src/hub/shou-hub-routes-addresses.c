/* shou-hub-routes-addresses.c: a shop's return addresses. */
#include "config.h"

#include "core/shou-divisions.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

/* Read-only members (id, shop_id, version, deleted) are accepted and
 * ignored so that a client may send back the object it received. */
static const char *const address_fields[] = {
  "name", "phone", "province", "city", "district", "street", "postcode", "is_default",
  "division_code", "expected_version", "id", "shop_id", "version", "deleted", NULL
};

static JsonObject *
validate_address (JsonObject      *body,
                  gboolean         update,
                  gint64          *expected,
                  ShouHubFailure **failure)
{
  static const char *const required[] = { "name", "phone", "province", "city", "street" };
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *s = NULL;
  gboolean is_default = FALSE;

  if (!shou_hub_input_check_fields (body, address_fields, NULL, failure))
    return NULL;
  if (!update && json_object_has_member (body, "expected_version"))
    {
      *failure = shou_hub_failure_bad ("expected_version", "unknown_field",
                                       "A new address has no version");
      return NULL;
    }
  if (update && !shou_hub_input_int (body, "expected_version", TRUE, expected, failure))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!shou_hub_input_string (body, required[i], TRUE, &s, failure))
        return NULL;
      if (g_utf8_strlen (s, -1) > 120)
        {
          *failure = shou_hub_failure_bad (required[i], "too_long", "The field \"%s\" is too long", required[i]);
          return NULL;
        }
      json_object_set_string_member (address, required[i], s);
    }
  if (!shou_hub_input_string (body, "district", FALSE, &s, failure))
    return NULL;
  json_object_set_string_member (address, "district", s ? s : "");
  if (!shou_validate_phone (json_object_get_string_member (address, "phone"), &error))
    {
      *failure = shou_hub_failure_bad ("phone", "invalid_phone", "%s", error->message);
      return NULL;
    }
  if (!shou_hub_input_string (body, "postcode", FALSE, &s, failure))
    return NULL;
  if (s != NULL && *s != '\0' && !shou_validate_postcode (s, &error))
    {
      *failure = shou_hub_failure_bad ("postcode", "invalid_postcode", "%s", error->message);
      return NULL;
    }
  json_object_set_string_member (address, "postcode", s ? s : "");
  /* The GB/T 2260 area code, kept for platforms that want region ids. */
  if (!shou_hub_input_string (body, "division_code", FALSE, &s, failure))
    return NULL;
  if (s != NULL && *s != '\0' && shou_divisions_level (s) != SHOU_DIVISION_AREA)
    {
      *failure = shou_hub_failure_bad ("division_code", "invalid_division_code",
                                       "A division code has six digits, e.g. 440305");
      return NULL;
    }
  json_object_set_string_member (address, "division_code", s ? s : "");
  if (!shou_hub_input_bool (body, "is_default", &is_default, failure))
    return NULL;
  json_object_set_boolean_member (address, "is_default", is_default);
  return g_steal_pointer (&address);
}

static gboolean
current_exists (ShouHubContext *ctx,
                const char     *merchant,
                const char     *shop_id,
                const char     *address_id)
{
  g_autoptr(JsonObject) current = shou_hub_store_get_address (ctx->store, merchant, address_id);

  return current != NULL && !json_object_get_boolean_member (current, "deleted") &&
         g_strcmp0 (json_object_get_string_member (current, "shop_id"), shop_id) == 0;
}

void
shou_hub_route_addresses (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *merchant,
                          const char        *method,
                          const char        *shop_id,
                          const char        *address_id)
{
  g_autofree char *owner = shou_hub_store_get_shop (ctx->store, shop_id, NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) address = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *lock = NULL;
  gint64 expected = 0;
  gint64 version = 1;

  /* A missing shop answers like another merchant's, so shop ids cannot be
   * probed. */
  if (owner == NULL || !g_str_equal (owner, merchant))
    {
      shou_hub_http_send_error (ctx, msg, 403, "forbidden", "This shop is not one of the merchant's shops");
      return;
    }

  if (address_id == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonObject) list = json_object_new ();

      json_object_set_array_member (list, "addresses",
                                    shou_hub_platform_list_addresses (ctx->platform, merchant, shop_id));
      shou_hub_http_send_json (ctx, msg, 200, list);
      return;
    }

  if (address_id != NULL && !current_exists (ctx, merchant, shop_id, address_id))
    {
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such return address");
      return;
    }
  if (!g_str_equal (method, "DELETE"))
    {
      body = shou_hub_http_parse_body (ctx, msg);
      if (body == NULL)
        return;
      address = validate_address (body, address_id != NULL, &expected, &failure);
      if (address == NULL)
        {
          shou_hub_http_send_failure (ctx, msg, failure);
          return;
        }
    }
  if (address_id == NULL)
    {
      new_id = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (ctx->store, "address"));
      address_id = new_id;
    }

  /* The version check and the write in one transaction, under the
   * address's key, so that two hub processes cannot both pass it. */
  lock = g_strconcat ("address:", address_id, NULL);
  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, lock, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (new_id == NULL)
    {
      current = shou_hub_store_get_address (ctx->store, merchant, address_id);
      if (current == NULL || json_object_get_boolean_member (current, "deleted") ||
          g_strcmp0 (json_object_get_string_member (current, "shop_id"), shop_id) != 0)
        {
          shou_hub_store_rollback (ctx->store);
          shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such return address");
          return;
        }
      version = json_object_get_int_member (current, "version");
    }

  if (g_str_equal (method, "DELETE"))
    {
      if (shou_hub_store_address_in_use (ctx->store, merchant, address_id))
        {
          shou_hub_store_rollback (ctx->store);
          failure = shou_hub_failure_new (422, "not_allowed",
                                          "An open after-sales request uses this return address");
          failure->reason = g_strdup ("address_in_use");
          shou_hub_http_send_failure (ctx, msg, failure);
          return;
        }
      if (!shou_hub_platform_change_address (ctx->platform, merchant, shop_id, address_id, NULL,
                                             version + 1, &error) ||
          !shou_hub_store_commit (ctx->store, &error))
        {
          shou_hub_store_rollback (ctx->store);
          shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
          return;
        }
      shou_hub_http_send_text (ctx, msg, 204, NULL);
      return;
    }

  if (current != NULL)
    {
      if (expected != version)
        {
          shou_hub_store_rollback (ctx->store);
          failure = shou_hub_failure_new (409, "version_conflict",
                                          "The address changed (version %" G_GINT64_FORMAT ")", version);
          failure->current_version = version;
          shou_hub_http_send_failure (ctx, msg, failure);
          return;
        }
      version++;
    }

  if (!shou_hub_platform_change_address (ctx->platform, merchant, shop_id, address_id, address,
                                         version, &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  shou_hub_http_send_one (ctx, msg, current ? 200 : 201, "address",
                          shou_hub_store_get_address (ctx->store, merchant, address_id));
}
