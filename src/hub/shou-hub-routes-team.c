/* shou-hub-routes-team.c: a team on one merchant: claims (one staff
 * member handles a request at a time), agents' amount caps, and the audit
 * of who did what. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

/* A claim lasts this long unless its desktop renews it. */
#define CLAIM_LEASE_USEC (120 * G_USEC_PER_SEC)

JsonObject *
shou_hub_team_holder (ShouHubContext *ctx,
               const char     *merchant,
               const char     *holder)
{
  JsonObject *object = json_object_new ();
  g_autoptr(ShouHubStaff) staff = NULL;
  g_autofree char *name = NULL;

  if (*holder != '\0')
    staff = shou_hub_store_get_staff (ctx->store, merchant, holder);
  else
    name = shou_hub_store_get_merchant_name (ctx->store, merchant);
  if (*holder != '\0')
    json_object_set_string_member (object, "staff_id", holder);
  else
    json_object_set_null_member (object, "staff_id");
  json_object_set_string_member (object, "name", staff ? staff->name : name ? name : holder);
  return object;
}

gboolean
shou_hub_team_check_claim (ShouHubContext  *ctx,
                           const char      *merchant,
                           const char      *id,
                           gint64           now,
                           ShouHubFailure **failure)
{
  gint64 expires_at = 0;
  g_autofree char *holder = shou_hub_store_get_claim (ctx->store, merchant, id, &expires_at);

  if (holder == NULL || expires_at <= now || g_str_equal (holder, shou_hub_http_caller_key (ctx)))
    return TRUE;
  *failure = shou_hub_failure_new (409, "claimed", "Another staff member is handling this request");
  (*failure)->holder = shou_hub_team_holder (ctx, merchant, holder);
  return FALSE;
}

/* The Asia/Shanghai calendar day of @at (UTC+8 all year). */
char *
shou_hub_team_day (gint64 at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) shanghai = g_date_time_add_hours (utc, 8);

  return g_date_time_format (shanghai, "%Y-%m-%d");
}

gboolean
shou_hub_team_check_caps (ShouHubContext  *ctx,
                          const char      *merchant,
                          gint64           amount_fen,
                          const char      *day,
                          ShouHubFailure **failure)
{
  const ShouHubStaff *caller = ctx->caller;
  gint64 total;

  if (caller == NULL || caller->staff_id == NULL || !g_str_equal (caller->role, "agent") || amount_fen <= 0)
    return TRUE;
  if (amount_fen > caller->cap_action_fen)
    {
      *failure = shou_hub_failure_new (422, "not_allowed",
                                       "The amount is above this staff member's limit for one action");
      (*failure)->reason = g_strdup ("over_action_cap");
      return FALSE;
    }
  total = shou_hub_store_day_total (ctx->store, merchant, caller->staff_id, day);
  if (total + amount_fen > caller->cap_day_fen)
    {
      *failure = shou_hub_failure_new (422, "not_allowed",
                                       "The amount would take this staff member over today's limit");
      (*failure)->reason = g_strdup ("over_day_cap");
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
claim_object (ShouHubContext *ctx,
              const char     *merchant,
              const char     *id,
              const char     *holder,
              gint64          expires_at)
{
  JsonObject *claim = json_object_new ();

  json_object_set_string_member (claim, "aftersale_id", id);
  json_object_set_object_member (claim, "holder", shou_hub_team_holder (ctx, merchant, holder));
  json_object_set_int_member (claim, "expires_at", expires_at);
  return claim;
}

void
shou_hub_route_claim (ShouHubContext    *ctx,
                      SoupServerMessage *msg,
                      const char        *merchant,
                      const char        *method,
                      const char        *id)
{
  static const char *const fields[] = { "take_over", NULL };
  g_autoptr(ShouHubAftersale) as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = g_strconcat ("claim:", id, NULL);
  g_autofree char *holder = NULL;
  g_autofree char *day = NULL;
  gboolean take_over = FALSE;
  gboolean release = g_str_equal (method, "DELETE");
  const char *me = shou_hub_http_caller_key (ctx);
  gint64 now = shou_hub_platform_now (ctx->platform);
  gint64 expires_at = 0;

  if (as == NULL)
    return;
  if (!release)
    {
      g_autoptr(GBytes) bytes = shou_hub_http_request_body (msg);

      if (g_bytes_get_size (bytes) > 0)
        {
          body = shou_hub_http_parse_body (ctx, msg);
          if (body == NULL)
            return;
          if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
              !shou_hub_input_bool (body, "take_over", &take_over, &failure))
            {
              shou_hub_http_send_failure (ctx, msg, failure);
              return;
            }
        }
    }

  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, lock, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  holder = shou_hub_store_get_claim (ctx->store, merchant, id, &expires_at);
  if (holder != NULL && expires_at > now && !g_str_equal (holder, me) && !(take_over && !release))
    {
      shou_hub_store_rollback (ctx->store);
      failure = shou_hub_failure_new (409, "claimed", "Another staff member is handling this request");
      failure->holder = shou_hub_team_holder (ctx, merchant, holder);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  day = shou_hub_team_day (now);
  if (!shou_hub_store_put_claim (ctx->store, merchant, id, release ? NULL : me, now + CLAIM_LEASE_USEC,
                                 now, &error) ||
      (take_over && holder != NULL && expires_at > now && !g_str_equal (holder, me) &&
       !shou_hub_store_add_audit (ctx->store, merchant, ctx->caller ? ctx->caller->staff_id : NULL,
                                  "take_over_claim", id, 0, day, 200, now, &error)) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (release)
    shou_hub_http_send_text (ctx, msg, 204, NULL);
  else
    shou_hub_http_send_one (ctx, msg, 200, "claim", claim_object (ctx, merchant, id, me, now + CLAIM_LEASE_USEC));
}

void
shou_hub_route_get_audit (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *merchant,
                          GHashTable        *query)
{
  g_autoptr(JsonObject) body = NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 limit = 100;

  if (ctx->caller == NULL || !g_str_equal (ctx->caller->role, "owner"))
    {
      shou_hub_http_send_error (ctx, msg, 403, "forbidden", "Only the shop's owner sees the audit");
      return;
    }
  if (limit_text != NULL)
    {
      char *end = NULL;

      limit = g_ascii_strtoll (limit_text, &end, 10);
      if (end == limit_text || *end != '\0' || limit < 1 || limit > 500)
        {
          g_autoptr(ShouHubFailure) f = shou_hub_failure_bad ("limit", "out_of_range",
                                                              "The limit must be between 1 and 500");
          shou_hub_http_send_failure (ctx, msg, f);
          return;
        }
    }
  body = json_object_new ();
  json_object_set_array_member (body, "entries", shou_hub_store_list_audit (ctx->store, merchant, limit));
  shou_hub_http_send_json (ctx, msg, 200, body);
}
