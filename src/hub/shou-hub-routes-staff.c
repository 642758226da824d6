/* shou-hub-routes-staff.c: the owner manages the team's staff: list them,
 * add one (the hub makes the token and shows it once), revoke one. */
#include "config.h"

#include <sys/random.h>

#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

static JsonObject *
staff_object (const ShouHubStaff *staff)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "staff_id", staff->staff_id);
  json_object_set_string_member (object, "name", staff->name);
  json_object_set_string_member (object, "role", staff->role);
  if (g_strcmp0 (staff->role, "agent") == 0)
    {
      JsonObject *caps = json_object_new ();

      json_object_set_int_member (caps, "action_fen", staff->cap_action_fen);
      json_object_set_int_member (caps, "day_fen", staff->cap_day_fen);
      json_object_set_object_member (object, "caps", caps);
    }
  else
    json_object_set_null_member (object, "caps");
  return object;
}

/* 24 random bytes as hex. */
static char *
new_token (void)
{
  guint8 bytes[24];
  GString *token = g_string_new ("staff-");

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    g_error ("shouhou-hub: no random bytes for a token");
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (token, "%02x", bytes[i]);
  return g_string_free (token, FALSE);
}

static gboolean
valid_id (const char *id)
{
  gsize len = id ? strlen (id) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static void
add_staff (ShouHubContext    *ctx,
           SoupServerMessage *msg,
           const char        *merchant)
{
  static const char *const fields[] = { "staff_id", "name", "role", "caps", NULL };
  static const char *const cap_fields[] = { "action_fen", "day_fen", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (ctx, msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(ShouHubStaff) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) answer = NULL;
  ShouHubStaff staff = { 0 };
  const char *id = NULL, *name = NULL, *role = NULL;
  JsonObject *caps = NULL;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_string (body, "staff_id", TRUE, &id, &failure) ||
      !shou_hub_input_string (body, "name", TRUE, &name, &failure) ||
      !shou_hub_input_string (body, "role", TRUE, &role, &failure))
    goto bad;
  if (!valid_id (id))
    {
      failure = shou_hub_failure_bad ("staff_id", "invalid_text", "Letters, digits, '-', '_' or '.', up to 64");
      goto bad;
    }
  if (g_utf8_strlen (name, -1) < 1 || g_utf8_strlen (name, -1) > 32)
    {
      failure = shou_hub_failure_bad ("name", "out_of_range", "A name of 1 to 32 characters");
      goto bad;
    }
  if (!g_str_equal (role, "agent") && !g_str_equal (role, "owner"))
    {
      failure = shou_hub_failure_bad ("role", "unknown_role", "The role is agent or owner");
      goto bad;
    }
  if (json_object_has_member (body, "caps") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "caps")))
    caps = json_object_get_object_member (body, "caps");
  if (g_str_equal (role, "agent"))
    {
      if (caps == NULL)
        {
          failure = shou_hub_failure_bad ("caps", "missing_field", "An agent needs caps");
          goto bad;
        }
      if (!shou_hub_input_check_fields (caps, cap_fields, "caps.", &failure) ||
          !shou_hub_input_amount (caps, "action_fen", TRUE, &staff.cap_action_fen, &failure) ||
          !shou_hub_input_amount (caps, "day_fen", TRUE, &staff.cap_day_fen, &failure))
        goto bad;
    }

  known = shou_hub_store_get_staff (ctx->store, merchant, id);
  if (known != NULL)
    {
      failure = shou_hub_failure_new (422, "not_allowed", "A staff member has this id");
      failure->reason = g_strdup ("staff_exists");
      goto bad;
    }
  token = new_token ();
  staff.merchant_id = (char *) merchant;
  staff.staff_id = (char *) id;
  staff.name = (char *) name;
  staff.role = (char *) role;
  if (!shou_hub_store_add_staff (ctx->store, &staff, token, &error))
    {
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  answer = json_object_new ();
  json_object_set_object_member (answer, "staff", staff_object (&staff));
  /* The only time the hub says the token: the owner hands it over. */
  json_object_set_string_member (answer, "token", token);
  shou_hub_http_send_json (ctx, msg, 201, answer);
  return;

bad:
  shou_hub_http_send_failure (ctx, msg, failure);
}

void
shou_hub_route_staff (ShouHubContext    *ctx,
                      SoupServerMessage *msg,
                      const char        *merchant,
                      const char        *method,
                      const char        *staff_id)
{
  g_autoptr(GError) error = NULL;

  if (ctx->caller == NULL || !g_str_equal (ctx->caller->role, "owner"))
    {
      shou_hub_http_send_error (ctx, msg, 403, "forbidden", "Only the shop's owner manages the staff");
      return;
    }
  if (g_str_equal (method, "GET"))
    {
      g_autoptr(GPtrArray) staff = shou_hub_store_list_staff (ctx->store, merchant);
      g_autoptr(JsonObject) answer = json_object_new ();
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < staff->len; i++)
        json_array_add_object_element (list, staff_object (staff->pdata[i]));
      json_object_set_array_member (answer, "staff", list);
      shou_hub_http_send_json (ctx, msg, 200, answer);
    }
  else if (g_str_equal (method, "POST"))
    add_staff (ctx, msg, merchant);
  else if (g_strcmp0 (ctx->caller->staff_id, staff_id) == 0)
    {
      g_autoptr(ShouHubFailure) failure = shou_hub_failure_new (422, "not_allowed",
                                                                "Owners do not revoke their own token");
      failure->reason = g_strdup ("own_token");
      shou_hub_http_send_failure (ctx, msg, failure);
    }
  else
    {
      gboolean removed = FALSE;

      /* The member's claims are released in the same transaction. */
      if (shou_hub_store_begin (ctx->store, &error))
        {
          removed = shou_hub_store_remove_staff (ctx->store, merchant, staff_id,
                                                 shou_hub_platform_now (ctx->platform), &error);
          if (error == NULL && removed && !shou_hub_store_commit (ctx->store, &error))
            removed = FALSE;
          if (!removed)
            shou_hub_store_rollback (ctx->store);
        }
      if (removed)
        shou_hub_http_send_text (ctx, msg, 204, NULL);
      else if (error != NULL)
        shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      else
        shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such staff member");
    }
}
