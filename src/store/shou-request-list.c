#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-request-list.h"
#include "shou-store-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32
/* A search keeps at most this many matches, the newest, so a keystroke
 * costs about the same whatever the size of the cache; the UI says
 * "1,000+" and the seller refines the search. */
#define SEARCH_CAP SHOU_REQUEST_LIST_SEARCH_CAP
/* Placeholder of the first LIKE term; one per short word, all ANDed. */
#define FIRST_LIKE_PARAM 15

struct _ShouRequestList
{
  GObject      parent_instance;

  ShouStore   *store;
  gulong       changed_id;

  ShouView     view;
  char        *shop_id;
  char        *search;
  ShouSortKey  sort_key;
  gboolean     sort_descending;

  /* query state */
  char        *where;          /* SQL with ?N placeholders, no user text */
  char        *fts_query;
  char        *search_sql;     /* the capped matches of a search, run once */
  char        *search_rids;    /* their rids as a JSON array, bound to ?14 */
  char        *order_lo;       /* a pasted order number: prefix range */
  char        *order_hi;
  GPtrArray   *like_terms;     /* of char *, bound to ?15.. */
  gint64       now;
  guint        n_items;
  gboolean     capped;

  GHashTable  *pages;          /* page number -> GPtrArray of items */
  GQueue       lru;            /* page numbers, most recent first */
  GHashTable  *page_last;      /* page number -> last (deadline_key, rid) */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  PROP_SHOP_ID,
  PROP_SEARCH,
  PROP_SORT_KEY,
  PROP_SORT_DESCENDING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouRequestList, shou_request_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char * const view_names[] = {
  "pending", "urgent", "negotiating", "await_return", "intervention", "finished", "all",
};

const char *
shou_view_to_string (ShouView view)
{
  g_return_val_if_fail (view < SHOU_N_VIEWS, NULL);
  return view_names[view];
}

const char *
shou_view_get_label (ShouView view)
{
  switch (view)
    {
    case SHOU_VIEW_PENDING:      return _("To Handle");
    case SHOU_VIEW_URGENT:       return _("Due Soon");
    case SHOU_VIEW_NEGOTIATING:  return _("Negotiating");
    case SHOU_VIEW_AWAIT_RETURN: return _("Awaiting Return");
    case SHOU_VIEW_INTERVENTION: return _("Platform Intervention");
    case SHOU_VIEW_FINISHED:     return _("Finished");
    case SHOU_VIEW_ALL:          return _("All Requests");
    case SHOU_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- query building ---------------------------------------------------- */

static const char *
sort_column (ShouSortKey key)
{
  switch (key)
    {
    case SHOU_SORT_OPENED:   return "r.opened_at";
    case SHOU_SORT_AMOUNT:   return "r.amount_fen";
    case SHOU_SORT_ORDER_NO: return "r.order_no";
    case SHOU_SORT_BUYER:    return "r.buyer";
    case SHOU_SORT_STATUS:   return "r.status";
    case SHOU_SORT_PLATFORM: return "r.platform";
    case SHOU_SORT_TYPE:     return "r.type";
    case SHOU_SORT_DEADLINE:
    case SHOU_N_SORTS:
    default:
      return NULL;
    }
}

static char *
order_by (ShouRequestList *self)
{
  const char *col = sort_column (self->sort_key);
  const char *dir = self->sort_descending ? " DESC" : "";

  if (col == NULL)
    return g_strdup_printf ("r.deadline_key%s, r.rid%s", dir, dir);
  return g_strdup_printf ("%s%s, r.deadline_key%s, r.rid%s", col, dir, dir, dir);
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

static void
clear_query (ShouRequestList *self)
{
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->fts_query, g_free);
  g_clear_pointer (&self->search_sql, g_free);
  g_clear_pointer (&self->search_rids, g_free);
  g_clear_pointer (&self->order_lo, g_free);
  g_clear_pointer (&self->order_hi, g_free);
  g_clear_pointer (&self->like_terms, g_ptr_array_unref);
}

static void
append_filters (ShouRequestList *self,
                GString         *where,
                const char      *t)
{
  guint bit = shou_view_get_bit (self->view);

  if (self->view == SHOU_VIEW_URGENT)
    g_string_append_printf (where, " AND %s.view_mask & 32 AND %s.deadline_key < ?1", t, t);
  else if (bit != SHOU_VIEW_BIT_ALL)
    g_string_append_printf (where, " AND %s.view_mask & %u", t, bit);
  if (self->shop_id)
    g_string_append_printf (where, " AND %s.shop_id = ?2", t);
}

/* Placeholders: ?1 now + 24 h, ?2 shop, ?3 FTS query, ?12 and ?13 an order
 * number range, ?14 the matches found, ?15.. LIKE terms. */
static void
build_query (ShouRequestList *self)
{
  GString *where = g_string_new ("1");
  GString *likes = g_string_new (NULL);

  clear_query (self);
  self->now = g_get_real_time ();
  append_filters (self, where, "r");

  if (self->search && *self->search)
    {
      g_auto(GStrv) spaced = g_strsplit (self->search, "\u3000", -1);
      g_autofree char *joined = g_strjoinv (" ", spaced);
      g_auto(GStrv) words = g_strsplit_set (joined, " \t\n", -1);
      GString *fts = g_string_new (NULL);
      guint n_like = 0;
      GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; words[i]; i++)
        {
          const char *w = words[i];

          /* Every word must match, so a repeated one adds nothing. */
          if (*w == '\0' || !g_hash_table_add (seen, (gpointer) w))
            continue;
          if (self->order_lo == NULL && strlen (w) >= 10 && strspn (w, "0123456789") == strlen (w))
            {
              /* Long digit strings are order numbers pasted in: the order
               * number index finds them in O(log n), where trigrams of
               * digits are shared by nearly every row. */
              self->order_lo = g_strdup (w);
              self->order_hi = g_strdup (w);
              self->order_hi[strlen (w) - 1]++;
              g_string_append (likes, " AND r2.order_no >= ?12 AND r2.order_no < ?13");
              continue;
            }
          if (g_utf8_strlen (w, -1) >= 3)
            {
              /* A quoted FTS5 string: the text is data, never syntax. */
              g_autofree char *escaped = NULL;
              g_auto(GStrv) parts = g_strsplit (w, "\"", -1);

              escaped = g_strjoinv ("\"\"", parts);
              if (fts->len)
                g_string_append (fts, " AND ");
              g_string_append_printf (fts, "\"%s\"", escaped);
            }
          else
            {
              /* No word is left out: dropping one would widen the search
               * to rows that lack it. */
              guint param = FIRST_LIKE_PARAM + n_like;

              if (self->like_terms == NULL)
                self->like_terms = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (self->like_terms, like_pattern (w));
              g_string_append_printf (likes,
                                      " AND (r2.order_no LIKE ?%u ESCAPE '\\' OR r2.buyer LIKE ?%u ESCAPE '\\'"
                                      " OR r2.goods_title LIKE ?%u ESCAPE '\\' OR r2.sku LIKE ?%u ESCAPE '\\'"
                                      " OR r2.reason_text LIKE ?%u ESCAPE '\\')",
                                      param, param, param, param, param);
              n_like++;
            }
        }
      g_hash_table_unref (seen);
      if (fts->len)
        self->fts_query = g_string_free (fts, FALSE);
      else
        g_string_free (fts, TRUE);

      if (self->fts_query || n_like > 0 || self->order_lo)
        {
          GString *inner = g_string_new (NULL);

          append_filters (self, inner, "r2");
          g_string_append (inner, likes->str);
          /* The newest matches first, at most SEARCH_CAP of them; found
           * once per keystroke, then pages pick from that list. */
          if (self->fts_query)
            self->search_sql = g_strdup_printf ("SELECT requests_fts.rowid FROM requests_fts"
                                                " JOIN requests r2 ON r2.rid = requests_fts.rowid"
                                                " WHERE requests_fts MATCH ?3%s"
                                                " ORDER BY requests_fts.rowid DESC LIMIT %d",
                                                inner->str, SEARCH_CAP);
          else
            self->search_sql = g_strdup_printf ("SELECT r2.rid FROM requests r2 WHERE 1%s"
                                                " ORDER BY r2.rid DESC LIMIT %d", inner->str, SEARCH_CAP);
          g_string_append (where, " AND r.rid IN (SELECT value FROM json_each(?14))");
          g_string_free (inner, TRUE);
        }
    }

  g_string_free (likes, TRUE);
  self->where = g_string_free (where, FALSE);
}

static gboolean
has_search (ShouRequestList *self)
{
  return self->fts_query != NULL || self->like_terms != NULL || self->order_lo != NULL;
}

static void
bind_query (ShouRequestList *self,
            sqlite3_stmt    *stmt)
{
  sqlite3_bind_int64 (stmt, 1, self->now + SHOU_URGENT_WINDOW);
  if (self->shop_id)
    sqlite3_bind_text (stmt, 2, self->shop_id, -1, SQLITE_TRANSIENT);
  if (self->fts_query)
    sqlite3_bind_text (stmt, 3, self->fts_query, -1, SQLITE_TRANSIENT);
  for (guint i = 0; self->like_terms && i < self->like_terms->len; i++)
    sqlite3_bind_text (stmt, FIRST_LIKE_PARAM + i, self->like_terms->pdata[i], -1, SQLITE_TRANSIENT);
  if (self->order_lo)
    {
      sqlite3_bind_text (stmt, 12, self->order_lo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, self->order_hi, -1, SQLITE_TRANSIENT);
    }
  if (self->search_rids)
    sqlite3_bind_text (stmt, 14, self->search_rids, -1, SQLITE_TRANSIENT);
}

static guint
count_items (ShouRequestList *self)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  self->capped = FALSE;
  if (!has_search (self) && self->view != SHOU_VIEW_URGENT)
    return shou_store_count_view (self->store, self->view, self->shop_id);

  if (self->search_sql)
    {
      GString *rids = g_string_new ("[");

      stmt = shou_db_prepare (db, self->search_sql, NULL);
      if (stmt != NULL)
        {
          bind_query (self, stmt);
          while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
            {
              if (n++ > 0)
                g_string_append_c (rids, ',');
              g_string_append_printf (rids, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
            }
          sqlite3_reset (stmt);
        }
      g_string_append_c (rids, ']');
      g_free (self->search_rids);
      self->search_rids = g_string_free (rids, FALSE);
      self->capped = n >= SEARCH_CAP;
      return n;
    }

  sql = g_strdup_printf ("SELECT count(*) FROM requests r WHERE %s", self->where);
  stmt = shou_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return 0;
  bind_query (self, stmt);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  self->capped = has_search (self) && n >= SEARCH_CAP;
  return n;
}

/* ---- pages ------------------------------------------------------------- */

typedef struct
{
  gint64 key;
  gint64 rid;
} PageEnd;

static gboolean
logistics_stalled (ShouRequestList   *self,
                   ShouPlatform       platform,
                   ShouRequestStatus  status,
                   gint64             last_at)
{
  const ShouProfile *profile;
  gint64 stall = 3 * G_TIME_SPAN_DAY;

  if (last_at <= 0 ||
      (status != SHOU_STATUS_WAIT_BUYER_RETURN && status != SHOU_STATUS_WAIT_SELLER_RECEIPT))
    return FALSE;
  profile = shou_store_get_profile (self->store, platform);
  if (profile != NULL && shou_profile_get_logistics_stall (profile) > 0)
    stall = shou_profile_get_logistics_stall (profile);
  return self->now - last_at > stall;
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static GPtrArray *
load_page (ShouRequestList *self,
           guint            page)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *order = order_by (self);
  g_autofree char *sql = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  PageEnd *prev = page > 0 ? g_hash_table_lookup (self->page_last, GUINT_TO_POINTER (page - 1)) : NULL;
  gboolean keyset = prev != NULL && self->sort_key == SHOU_SORT_DEADLINE;
  sqlite3_stmt *stmt;
  gint64 last_key = 0, last_rid = 0;

  /* Scrolling on in deadline order continues from the previous page's
   * last row instead of skipping rows with OFFSET. */
  sql = g_strdup_printf ("SELECT r.id, r.shop_id, s.name, r.platform, r.type, r.status, "
                         "r.order_no, r.goods_title, r.sku, r.buyer, r.amount_fen, r.reason_text, "
                         "r.deadline_at, r.on_lapse, r.pending, json_extract(r.conflict, '$.message'), "
                         "r.last_logistics_at, r.deadline_key, r.rid "
                         "FROM requests r LEFT JOIN shops s ON s.id = r.shop_id "
                         "WHERE %s%s ORDER BY %s LIMIT %d OFFSET ?8",
                         self->where,
                         keyset ? (self->sort_descending ? " AND (r.deadline_key, r.rid) < (?9, ?10)"
                                                         : " AND (r.deadline_key, r.rid) > (?9, ?10)")
                                : "",
                         order, PAGE_SIZE);
  stmt = shou_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return items;
  bind_query (self, stmt);
  if (keyset)
    {
      sqlite3_bind_int64 (stmt, 8, 0);
      sqlite3_bind_int64 (stmt, 9, prev->key);
      sqlite3_bind_int64 (stmt, 10, prev->rid);
    }
  else
    sqlite3_bind_int64 (stmt, 8, (gint64) page * PAGE_SIZE);

  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      ShouRequestItemData d = { 0 };
      const char *s;

      d.id = dup_text (stmt, 0);
      d.shop_id = dup_text (stmt, 1);
      d.shop_name = dup_text (stmt, 2);
      shou_platform_from_string ((const char *) sqlite3_column_text (stmt, 3), &d.platform);
      shou_request_type_from_string ((const char *) sqlite3_column_text (stmt, 4), &d.type);
      shou_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &d.status);
      d.order_no = dup_text (stmt, 6);
      d.goods_title = dup_text (stmt, 7);
      d.sku = dup_text (stmt, 8);
      d.buyer = dup_text (stmt, 9);
      d.amount_fen = sqlite3_column_int64 (stmt, 10);
      d.reason_text = dup_text (stmt, 11);
      d.deadline_at = sqlite3_column_int64 (stmt, 12);
      if ((s = (const char *) sqlite3_column_text (stmt, 13)) != NULL)
        shou_lapse_from_string (s, &d.on_lapse);
      d.pending = sqlite3_column_int (stmt, 14);
      d.conflict = dup_text (stmt, 15);
      d.logistics_stalled = logistics_stalled (self, d.platform, d.status,
                                               sqlite3_column_int64 (stmt, 16));
      last_key = sqlite3_column_int64 (stmt, 17);
      last_rid = sqlite3_column_int64 (stmt, 18);
      g_ptr_array_add (items, shou_request_item_new_take (&d));
    }
  sqlite3_reset (stmt);

  if (items->len > 0)
    {
      PageEnd *end = g_new (PageEnd, 1);
      end->key = last_key;
      end->rid = last_rid;
      g_hash_table_insert (self->page_last, GUINT_TO_POINTER (page), end);
    }
  return items;
}

static void
invalidate (ShouRequestList *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->page_last);
  g_queue_clear (&self->lru);
}

static GPtrArray *
get_page (ShouRequestList *self,
          guint            page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
      return items;
    }

  items = load_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    {
      gpointer old = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->pages, old);
    }
  return items;
}

static void
requery (ShouRequestList *self)
{
  guint old_n = self->n_items;

  build_query (self);
  invalidate (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ---- GListModel -------------------------------------------------------- */

static GType
shou_request_list_get_item_type (GListModel *model)
{
  return SHOU_TYPE_REQUEST_ITEM;
}

static guint
shou_request_list_get_n_items (GListModel *model)
{
  return SHOU_REQUEST_LIST (model)->n_items;
}

static gpointer
shou_request_list_get_item (GListModel *model,
                            guint       position)
{
  ShouRequestList *self = SHOU_REQUEST_LIST (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (items->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = shou_request_list_get_item_type;
  iface->get_n_items = shou_request_list_get_n_items;
  iface->get_item = shou_request_list_get_item;
}

/* ---- object ------------------------------------------------------------ */

static void
on_store_changed_cb (ShouStore       *store,
                     const char      *request_id,
                     ShouRequestList *self)
{
  requery (self);
}

static void
shou_request_list_dispose (GObject *object)
{
  ShouRequestList *self = (ShouRequestList *)object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_request_list_parent_class)->dispose (object);
}

static void
shou_request_list_finalize (GObject *object)
{
  ShouRequestList *self = (ShouRequestList *)object;

  clear_query (self);
  g_free (self->shop_id);
  g_free (self->search);
  g_queue_clear (&self->lru);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->page_last);

  G_OBJECT_CLASS (shou_request_list_parent_class)->finalize (object);
}

static void
shou_request_list_constructed (GObject *object)
{
  ShouRequestList *self = (ShouRequestList *)object;

  G_OBJECT_CLASS (shou_request_list_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  build_query (self);
  self->n_items = count_items (self);
}

static void
shou_request_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ShouRequestList *self = SHOU_REQUEST_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_int (value, self->view);
      break;
    case PROP_SHOP_ID:
      g_value_set_string (value, self->shop_id);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_SORT_KEY:
      g_value_set_int (value, self->sort_key);
      break;
    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_request_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ShouRequestList *self = SHOU_REQUEST_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_VIEW:
      shou_request_list_set_view (self, g_value_get_int (value));
      break;
    case PROP_SHOP_ID:
      shou_request_list_set_shop_id (self, g_value_get_string (value));
      break;
    case PROP_SEARCH:
      shou_request_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_SORT_KEY:
      shou_request_list_set_sort (self, g_value_get_int (value), self->sort_descending);
      break;
    case PROP_SORT_DESCENDING:
      shou_request_list_set_sort (self, self->sort_key, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_request_list_class_init (ShouRequestListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_request_list_dispose;
  object_class->finalize = shou_request_list_finalize;
  object_class->constructed = shou_request_list_constructed;
  object_class->get_property = shou_request_list_get_property;
  object_class->set_property = shou_request_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_int ("view", NULL, NULL, 0, SHOU_N_VIEWS - 1, SHOU_VIEW_PENDING,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOP_ID] =
    g_param_spec_string ("shop-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_KEY] =
    g_param_spec_int ("sort-key", NULL, NULL, 0, SHOU_N_SORTS - 1, SHOU_SORT_DEADLINE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shou_request_list_init (ShouRequestList *self)
{
  self->view = SHOU_VIEW_PENDING;
  self->sort_key = SHOU_SORT_DEADLINE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->page_last = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_queue_init (&self->lru);
}

ShouRequestList *
shou_request_list_new (ShouStore *store)
{
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  return g_object_new (SHOU_TYPE_REQUEST_LIST, "store", store, NULL);
}

void
shou_request_list_set_view (ShouRequestList *self,
                            ShouView         view)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));
  g_return_if_fail (view < SHOU_N_VIEWS);

  if (self->view == view)
    return;
  self->view = view;
  if (self->store)
    requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

ShouView
shou_request_list_get_view (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), SHOU_VIEW_PENDING);
  return self->view;
}

void
shou_request_list_set_shop_id (ShouRequestList *self,
                               const char      *shop_id)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));

  if (shop_id && *shop_id == '\0')
    shop_id = NULL;
  if (g_strcmp0 (self->shop_id, shop_id) == 0)
    return;
  g_free (self->shop_id);
  self->shop_id = g_strdup (shop_id);
  if (self->store)
    requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP_ID]);
}

const char *
shou_request_list_get_shop_id (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), NULL);
  return self->shop_id;
}

void
shou_request_list_set_search (ShouRequestList *self,
                              const char      *search)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));

  if (search)
    stripped = g_strstrip (g_strdup (search));
  if (stripped && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (self->search, stripped) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  if (self->store)
    requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
shou_request_list_get_search (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), NULL);
  return self->search;
}

void
shou_request_list_set_sort (ShouRequestList *self,
                            ShouSortKey      key,
                            gboolean         descending)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));
  g_return_if_fail (key < SHOU_N_SORTS);

  descending = !!descending;
  if (self->sort_key == key && self->sort_descending == descending)
    return;
  if (self->sort_key != key)
    {
      self->sort_key = key;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_KEY]);
    }
  if (self->sort_descending != descending)
    {
      self->sort_descending = descending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
    }
  if (self->store)
    requery (self);
}

gboolean
shou_request_list_get_capped (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);
  return self->capped;
}

int
shou_request_list_find (ShouRequestList *self,
                        const char      *request_id)
{
  ShouDb *db;
  const char *col;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int pos = -1;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), -1);
  g_return_val_if_fail (request_id != NULL, -1);

  db = shou_store_get_db (self->store);
  col = sort_column (self->sort_key);
  /* Rank of the row: how many rows of the list sort before it. */
  {
    g_autofree char *rcols = col ? g_strdup_printf ("%s, ", col) : g_strdup ("");
    g_autofree char *tcols = col ? g_strdup_printf ("t.%s, ", col + 2) : g_strdup ("");

    sql = g_strdup_printf ("SELECT (SELECT count(*) FROM requests r WHERE %s AND "
                           "(%sr.deadline_key, r.rid) %s (%st.deadline_key, t.rid)) "
                           "FROM requests t WHERE t.id = ?11 AND t.rid IN "
                           "(SELECT r.rid FROM requests r WHERE %s)",
                           self->where, rcols, self->sort_descending ? ">" : "<",
                           tcols, self->where);
  }
  stmt = shou_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return -1;
  bind_query (self, stmt);
  sqlite3_bind_text (stmt, 11, request_id, -1, SQLITE_TRANSIENT);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    pos = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (pos >= (int) self->n_items)
    pos = -1;
  return pos;
}
