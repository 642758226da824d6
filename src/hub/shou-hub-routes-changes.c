/* shou-hub-routes-changes.c: GET /v1/changes, the change feed. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "hub/shou-hub-json.h"
#include "shou-hub-routes.h"

static gboolean
parse_uint_param (const char *text,
                  guint64     max,
                  guint64    *out)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (strlen (text) > 18)
    return FALSE;
  *out = g_ascii_strtoull (text, NULL, 10);
  return *out <= max;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    if (*p == '"' || *p == '\\' || (guchar) *p < 0x20)
      {
        g_string_append_len (out, run, p - run);
        if ((guchar) *p < 0x20)
          g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
        else
          {
            g_string_append_c (out, '\\');
            g_string_append_c (out, *p);
          }
        run = p + 1;
      }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* A number in decimal, without printf's machinery (a few per entry). */
static void
append_i64 (GString *out,
            gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = '0' + v % 10;
  while ((v /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

static const char *
shou_hub_change_kind_name (ShouHubChangeKind kind)
{
  switch (kind)
    {
    case SHOU_HUB_CHANGE_ORDER:
      return "order";
    case SHOU_HUB_CHANGE_AFTERSALE:
      return "aftersale";
    case SHOU_HUB_CHANGE_ADDRESS:
      return "address";
    case SHOU_HUB_CHANGE_CLAIM:
      return "claim";
    case SHOU_HUB_CHANGE_REVIEW:
      return "review";
    case SHOU_HUB_CHANGE_COMPLAINT:
      return "complaint";
    case SHOU_HUB_CHANGE_VISIT:
      return "visit";
    case SHOU_HUB_CHANGE_INCIDENT:
      return "incident";
    case SHOU_HUB_CHANGE_ANNOTATION:
      return "annotation";
    case SHOU_HUB_CHANGE_AUTORULE:
      return "autorule";
    default:
      g_assert_not_reached ();
    }
}

/* A page's body buffer, kept for the next page once libsoup has sent it.
 * A fresh ~1.5 MB buffer per page comes from a new mmap() each time, and
 * faulting its pages in cost ~15 % of serving the feed (perf). */
G_LOCK_DEFINE_STATIC (spare);
static GString *spare_body;

static GString *
body_take (gsize size)
{
  GString *body;

  G_LOCK (spare);
  body = g_steal_pointer (&spare_body);
  G_UNLOCK (spare);
  if (body == NULL)
    return g_string_sized_new (size);
  g_string_set_size (body, size);
  g_string_truncate (body, 0);
  return body;
}

static void
body_release (gpointer data)
{
  GString *body = data;

  G_LOCK (spare);
  if (spare_body == NULL && body->allocated_len <= 8 * 1024 * 1024)
    {
      spare_body = body;
      body = NULL;
    }
  G_UNLOCK (spare);
  if (body != NULL)
    g_string_free (body, TRUE);
}

/* A page being written: entries go into @body as the store reads them. */
typedef struct
{
  ShouHubContext *ctx;
  const char     *merchant;
  GString        *body;
  gint64          now;
  guint           limit;
  guint           written;
  gint64          cursor;
  gboolean        has_more;
} Page;

static void
write_change (const ShouHubChange *c,
              gpointer             user_data)
{
  Page *page = user_data;
  GString *body = page->body;
  g_autofree char *data = NULL;
  gboolean written = FALSE;

  /* The one past the limit only says there is more. */
  if (page->written == page->limit)
    {
      page->has_more = TRUE;
      return;
    }
  if (page->written++ > 0)
    g_string_append_c (body, ',');
  g_string_append_len (body, "{\"seq\":", 7);
  append_i64 (body, c->seq);
  g_string_append_len (body, ",\"kind\":\"", 9);
  g_string_append (body, shou_hub_change_kind_name (c->kind));
  g_string_append_len (body, "\",\"id\":", 7);
  append_json_string (body, c->id);
  g_string_append_len (body, ",\"data\":", 8);
  switch (c->kind)
    {
    case SHOU_HUB_CHANGE_ORDER:
      /* The stored text with its version, written straight into the
       * page (the same text as shou_hub_store_get_order_text()). */
      written = c->version != NULL && c->updated_at != NULL &&
                shou_hub_json_append_with_version (body, c->text, c->text_len, c->version, c->updated_at);
      if (!written)
        data = shou_hub_store_get_order_text (page->ctx->store, page->merchant, c->id);
      break;
    case SHOU_HUB_CHANGE_AFTERSALE:
      /* Rendered when written, while still valid: core's evaluation
       * changes with the clock only when a deadline passes. */
      if (c->text != NULL && (c->until == 0 || page->now < c->until))
        {
          g_string_append_len (body, c->text, c->text_len);
          written = TRUE;
          break;
        }
      {
        g_autoptr(ShouHubAftersale) as = shou_hub_store_get_aftersale (page->ctx->store, page->merchant, c->id);
        if (as != NULL)
          {
            g_autoptr(JsonObject) obj = shou_hub_platform_render_request (page->ctx->platform, as);
            data = shou_hub_http_to_string (obj);
          }
      }
      break;
    case SHOU_HUB_CHANGE_ADDRESS:
      {
        g_autoptr(JsonObject) obj = shou_hub_store_get_address (page->ctx->store, page->merchant, c->id);
        if (obj != NULL)
          data = shou_hub_http_to_string (obj);
      }
      break;
    case SHOU_HUB_CHANGE_CLAIM:
      data = shou_hub_store_get_claim_text (page->ctx->store, page->merchant, c->id);
      break;
    case SHOU_HUB_CHANGE_REVIEW:
    case SHOU_HUB_CHANGE_COMPLAINT:
    case SHOU_HUB_CHANGE_VISIT:
    case SHOU_HUB_CHANGE_INCIDENT:
    case SHOU_HUB_CHANGE_ANNOTATION:
    case SHOU_HUB_CHANGE_AUTORULE:
      /* Stored as the contract renders it (an automatic action: built by
       * the engine's JSON functions from its log row). */
      if (c->text != NULL)
        {
          g_string_append_len (body, c->text, c->text_len);
          written = TRUE;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  if (!written)
    g_string_append (body, data ? data : "null");
  g_string_append_c (body, '}');
  page->cursor = c->seq;
}

void
shou_hub_route_get_changes (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            const char        *merchant,
                            GHashTable        *query)
{
  GString *body;
  g_autoptr(GError) error = NULL;
  const char *cursor_text = query ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 cursor = 0;
  guint64 limit = 500;
  Page page = { ctx, merchant };

  page.now = shou_hub_platform_now (ctx->platform);
  if (cursor_text != NULL && *cursor_text != '\0' &&
      !parse_uint_param (cursor_text, G_MAXINT64, &cursor))
    {
      g_autoptr(ShouHubFailure) f = shou_hub_failure_bad ("cursor", "bad_cursor",
                                                          "The cursor is not one this server gave out");
      shou_hub_http_send_failure (ctx, msg, f);
      return;
    }
  if (limit_text != NULL && (!parse_uint_param (limit_text, 1000, &limit) || limit == 0))
    {
      g_autoptr(ShouHubFailure) f = shou_hub_failure_bad ("limit", "out_of_range",
                                                          "The limit must be between 1 and 1000");
      shou_hub_http_send_failure (ctx, msg, f);
      return;
    }

  /* A lease that ended since the last read becomes an "expired" claim
   * before the page is read. */
  if (!shou_hub_store_expire_claims (ctx->store, merchant, page.now, &error))
    {
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }

  /* Written as text entry by entry, each as the store reads its row: the
   * stored texts (an order's data, a request's rendering) go into the
   * page as they are, never parsed (a page of 1,000 built as one tree and
   * then serialised cost the feed twice its time). */
  page.limit = limit;
  page.cursor = cursor;
  page.body = body = body_take (2048 * (limit + 1));
  g_string_append (body, "{\"changes\":[");
  if (shou_hub_store_each_change (ctx->store, merchant, cursor, limit + 1, write_change, &page, &error) < 0)
    {
      body_release (body);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  g_string_append (body, "],\"next_cursor\":\"");
  append_i64 (body, page.cursor);
  g_string_append (body, page.has_more ? "\",\"has_more\":true,\"server_time\":"
                                       : "\",\"has_more\":false,\"server_time\":");
  append_i64 (body, shou_hub_platform_now (ctx->platform));
  g_string_append_c (body, '}');
  shou_hub_http_common_headers (ctx, msg);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Type", "application/json; charset=utf-8");
  {
    g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (body->str, body->len, body_release, body);

    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  }
}
