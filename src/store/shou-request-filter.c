/* shou-request-filter.c: see shou-request-filter.h. */
#include "config.h"

#include <string.h>

#include "core/shou-types.h"
#include "shou-request-filter.h"

struct _ShouRequestFilter
{
  char *values[SHOU_N_FILTERS];
};

static const char * const kind_names[SHOU_N_FILTERS] = {
  "platform", "shop", "type", "reason", "sku", "min", "max", "due", "tag", "buyer", "status",
};

/* An amount or a number of hours: digits only, not absurdly long. */
#define MAX_NUMBER_DIGITS 12
/* Values come from the seller or a saved view: bounded. */
#define MAX_VALUE_LEN 200

ShouRequestFilter *
shou_request_filter_new (void)
{
  return g_new0 (ShouRequestFilter, 1);
}

ShouRequestFilter *
shou_request_filter_copy (const ShouRequestFilter *self)
{
  ShouRequestFilter *copy = shou_request_filter_new ();

  for (guint i = 0; self != NULL && i < SHOU_N_FILTERS; i++)
    copy->values[i] = g_strdup (self->values[i]);
  return copy;
}

void
shou_request_filter_free (ShouRequestFilter *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < SHOU_N_FILTERS; i++)
    g_free (self->values[i]);
  g_free (self);
}

gboolean
shou_request_filter_equal (const ShouRequestFilter *a,
                           const ShouRequestFilter *b)
{
  for (guint i = 0; i < SHOU_N_FILTERS; i++)
    if (g_strcmp0 (a ? a->values[i] : NULL, b ? b->values[i] : NULL) != 0)
      return FALSE;
  return TRUE;
}

gboolean
shou_request_filter_is_empty (const ShouRequestFilter *self)
{
  return shou_request_filter_equal (self, NULL);
}

const char *
shou_request_filter_get (const ShouRequestFilter *self,
                         ShouFilterKind           kind)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < SHOU_N_FILTERS, NULL);
  return self->values[kind];
}

static gboolean
is_number (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > MAX_NUMBER_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
value_is_valid (ShouFilterKind  kind,
                const char     *value)
{
  ShouPlatform platform;
  ShouRequestType type;
  ShouRequestStatus status;

  if (strlen (value) > MAX_VALUE_LEN || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  switch (kind)
    {
    case SHOU_FILTER_PLATFORM:
      return shou_platform_from_string (value, &platform);
    case SHOU_FILTER_TYPE:
      return shou_request_type_from_string (value, &type);
    case SHOU_FILTER_STATUS:
      return shou_status_from_string (value, &status);
    case SHOU_FILTER_MIN_FEN:
    case SHOU_FILTER_MAX_FEN:
    case SHOU_FILTER_DUE:
      return is_number (value);
    case SHOU_FILTER_SHOP:
    case SHOU_FILTER_REASON:
    case SHOU_FILTER_SKU:
    case SHOU_FILTER_TAG:
    case SHOU_FILTER_BUYER:
      return TRUE;
    case SHOU_N_FILTERS:
    default:
      return FALSE;
    }
}

gboolean
shou_request_filter_set (ShouRequestFilter *self,
                         ShouFilterKind     kind,
                         const char        *value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind < SHOU_N_FILTERS, FALSE);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (value != NULL && !value_is_valid (kind, value))
    return FALSE;
  if (g_strcmp0 (self->values[kind], value) != 0)
    {
      g_free (self->values[kind]);
      self->values[kind] = g_strdup (value);
    }
  return TRUE;
}

const char *
shou_filter_kind_to_string (ShouFilterKind kind)
{
  g_return_val_if_fail (kind < SHOU_N_FILTERS, NULL);
  return kind_names[kind];
}

gboolean
shou_filter_kind_from_string (const char     *name,
                              ShouFilterKind *kind)
{
  for (guint i = 0; name != NULL && i < SHOU_N_FILTERS; i++)
    if (strcmp (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
shou_request_filter_add_term (ShouRequestFilter *self,
                              const char        *term)
{
  const char *colon;
  g_autofree char *name = NULL;
  ShouFilterKind kind;

  g_return_val_if_fail (self != NULL, FALSE);

  if (term == NULL || (colon = strchr (term, ':')) == NULL || colon[1] == '\0')
    return FALSE;
  name = g_strndup (term, colon - term);
  if (!shou_filter_kind_from_string (name, &kind))
    return FALSE;
  return shou_request_filter_set (self, kind, colon + 1);
}

char *
shou_request_filter_to_string (const ShouRequestFilter *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; self != NULL && i < SHOU_N_FILTERS; i++)
    if (self->values[i] != NULL && strchr (self->values[i], '\n') == NULL)
      g_string_append_printf (s, "%s%s:%s", s->len ? "\n" : "", kind_names[i], self->values[i]);
  return g_string_free (s, FALSE);
}

ShouRequestFilter *
shou_request_filter_from_string (const char *text)
{
  ShouRequestFilter *self = shou_request_filter_new ();
  g_auto(GStrv) terms = g_strsplit (text ? text : "", "\n", SHOU_N_FILTERS + 1);

  for (guint i = 0; terms[i] != NULL && i < SHOU_N_FILTERS; i++)
    shou_request_filter_add_term (self, terms[i]);
  return self;
}

void
shou_request_filter_append_sql (const ShouRequestFilter *self,
                                GString                 *where,
                                const char              *t)
{
  const char *const *v;

  if (self == NULL)
    return;
  v = (const char *const *) self->values;
  /* Platform, reason and SKU lead indexes (platform|reason|sku, deadline_key):
   * a page in deadline order walks only the matching rows. */
  if (v[SHOU_FILTER_PLATFORM])
    g_string_append_printf (where, " AND %s.platform = ?40", t);
  if (v[SHOU_FILTER_SHOP])
    g_string_append_printf (where, " AND (+%s.account_id, +%s.shop_id) ="
                            " (SELECT account_id, id FROM shops WHERE key = ?41)", t, t);
  if (v[SHOU_FILTER_TYPE])
    g_string_append_printf (where, " AND %s.type = ?42", t);
  if (v[SHOU_FILTER_REASON])
    g_string_append_printf (where, " AND %s.reason_code = ?43", t);
  if (v[SHOU_FILTER_SKU])
    g_string_append_printf (where, " AND %s.sku = ?44", t);
  if (v[SHOU_FILTER_MIN_FEN])
    g_string_append_printf (where, " AND %s.amount_fen >= ?45", t);
  if (v[SHOU_FILTER_MAX_FEN])
    g_string_append_printf (where, " AND %s.amount_fen <= ?46", t);
  /* The seller's deadline, as the 即将超时 view counts it. */
  if (v[SHOU_FILTER_DUE])
    g_string_append_printf (where, " AND %s.view_mask & 32 AND %s.deadline_key < ?47", t, t);
  if (v[SHOU_FILTER_TAG])
    g_string_append_printf (where, " AND %s.key IN (SELECT request_key FROM request_tags WHERE tag = ?48)", t);
  /* A request with the platform's buyer id is that buyer's by the id (nicks
   * are masked and may repeat); one without it, by its nick. A buyer has
   * few requests: both indexes find them. */
  if (v[SHOU_FILTER_BUYER])
    g_string_append_printf (where, " AND %s.rid IN (SELECT rid FROM requests WHERE buyer_id = ?49"
                            " UNION ALL SELECT rid FROM requests WHERE buyer = ?49 AND buyer_id IS NULL)", t);
  if (v[SHOU_FILTER_STATUS])
    g_string_append_printf (where, " AND %s.status = ?50", t);
}

void
shou_request_filter_bind (const ShouRequestFilter *self,
                          sqlite3_stmt            *stmt,
                          gint64                   now)
{
  if (self == NULL)
    return;
  for (guint i = SHOU_FILTER_PLATFORM; i <= SHOU_FILTER_SKU; i++)
    if (self->values[i])
      sqlite3_bind_text (stmt, SHOU_FILTER_FIRST_PARAM + i, self->values[i], -1, SQLITE_TRANSIENT);
  if (self->values[SHOU_FILTER_MIN_FEN])
    sqlite3_bind_int64 (stmt, SHOU_FILTER_FIRST_PARAM + SHOU_FILTER_MIN_FEN,
                        g_ascii_strtoll (self->values[SHOU_FILTER_MIN_FEN], NULL, 10));
  if (self->values[SHOU_FILTER_MAX_FEN])
    sqlite3_bind_int64 (stmt, SHOU_FILTER_FIRST_PARAM + SHOU_FILTER_MAX_FEN,
                        g_ascii_strtoll (self->values[SHOU_FILTER_MAX_FEN], NULL, 10));
  if (self->values[SHOU_FILTER_DUE])
    sqlite3_bind_int64 (stmt, SHOU_FILTER_FIRST_PARAM + SHOU_FILTER_DUE,
                        now + g_ascii_strtoll (self->values[SHOU_FILTER_DUE], NULL, 10) * G_TIME_SPAN_HOUR);
  for (guint i = SHOU_FILTER_TAG; i <= SHOU_FILTER_STATUS; i++)
    if (self->values[i])
      sqlite3_bind_text (stmt, SHOU_FILTER_FIRST_PARAM + i, self->values[i], -1, SQLITE_TRANSIENT);
}
