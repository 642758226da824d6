/* shou-request-list-query.c: the SQL that filters, sorts and counts the
 * list's rows and reads them a page at a time. */
#include "config.h"

#include "shou-request-list-query.h"
#include "sync/shou-api-errors.h"

const char *
shou_request_list_sort_column (ShouSortKey key)
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

char *
shou_request_list_order_by (ShouRequestList *self)
{
  const char *col = shou_request_list_sort_column (self->sort_key);
  const char *dir = self->sort_descending ? " DESC" : "";

  if (col == NULL)
    return g_strdup_printf ("r.deadline_key%s, r.rid%s", dir, dir);
  return g_strdup_printf ("%s%s, r.deadline_key%s, r.rid%s", col, dir, dir, dir);
}

void
shou_request_list_clear_query (ShouRequestList *self)
{
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->fts_query, g_free);
  g_clear_pointer (&self->gram_query, g_free);
  g_clear_pointer (&self->search_sql, g_free);
  g_clear_pointer (&self->order_lo, g_free);
  g_clear_pointer (&self->order_hi, g_free);
  g_clear_pointer (&self->tracking, g_free);
  g_clear_pointer (&self->like_terms, g_ptr_array_unref);
}

void
shou_request_list_append_filters (ShouRequestList *self,
                                  GString         *where,
                                  const char      *t)
{
  guint bit = shou_view_get_bit (self->view);

  /* A search everywhere looks past the view, shop and filters. */
  if (self->search_everywhere && self->search != NULL)
    return;
  if (self->view == SHOU_VIEW_URGENT)
    g_string_append_printf (where, " AND %s.view_mask & 32 AND %s.deadline_key < ?1", t, t);
  else if (bit != SHOU_VIEW_BIT_ALL)
    g_string_append_printf (where, " AND %s.view_mask & %u", t, bit);
  /* ?2 is the shop's key; the row names its shop by account and id. The
   * unary + keeps the account's indexes out: the list walks a deadline
   * index in order, as it did before rows had accounts. */
  if (self->shop_id)
    g_string_append_printf (where, " AND (+%s.account_id, +%s.shop_id) ="
                            " (SELECT account_id, id FROM shops WHERE key = ?2)", t, t);
  /* Claims are few: the rows are found from them. */
  if (self->claim_filter != SHOU_CLAIM_FILTER_ALL)
    g_string_append_printf (where, " AND %s.rid IN (SELECT q.rid FROM claims c JOIN requests q"
                            " ON q.account_id = c.account_id AND q.id = c.aftersale_id"
                            " WHERE c.expires_at > CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"
                            " AND c.staff_id %s (SELECT a.staff_id FROM accounts a WHERE a.id = c.account_id))",
                            t, self->claim_filter == SHOU_CLAIM_FILTER_MINE ? "IS" : "IS NOT");
  shou_request_filter_append_sql (self->filter, where, t);
}

/* Placeholders: ?1 now + 24 h, ?2 shop, ?3 FTS query, ?4 the two-character
 * words' query, ?5 to ?7 a search window, ?12 and ?13 an order number
 * range, ?14 a tracking number, ?15.. LIKE terms, ?40..?49 the filter (shou-request-filter.c);
 * shou-request-list-search.c adds the search's. */
void
shou_request_list_build_filters (ShouRequestList *self)
{
  GString *where = g_string_new ("1");

  shou_request_list_clear_query (self);
  self->now = g_get_real_time ();
  shou_request_list_append_filters (self, where, "r");
  self->where = g_string_free (where, FALSE);
}

void
shou_request_list_bind_query (ShouRequestList *self,
                              sqlite3_stmt    *stmt)
{
  sqlite3_bind_int64 (stmt, 1, self->now + SHOU_URGENT_WINDOW);
  if (self->shop_id)
    sqlite3_bind_text (stmt, 2, self->shop_id, -1, SQLITE_TRANSIENT);
  if (self->fts_query)
    sqlite3_bind_text (stmt, 3, self->fts_query, -1, SQLITE_TRANSIENT);
  if (self->gram_query)
    sqlite3_bind_text (stmt, 4, self->gram_query, -1, SQLITE_TRANSIENT);
  for (guint i = 0; self->like_terms && i < self->like_terms->len; i++)
    sqlite3_bind_text (stmt, FIRST_LIKE_PARAM + i, self->like_terms->pdata[i], -1, SQLITE_TRANSIENT);
  if (self->order_lo)
    {
      sqlite3_bind_text (stmt, 12, self->order_lo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, self->order_hi, -1, SQLITE_TRANSIENT);
    }
  if (self->tracking)
    sqlite3_bind_text (stmt, 14, self->tracking, -1, SQLITE_TRANSIENT);
  shou_request_filter_bind (self->filter, stmt, self->now);
}

guint
shou_request_list_count_rows (ShouRequestList *self)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (self->claim_filter == SHOU_CLAIM_FILTER_ALL && self->filter == NULL)
    return shou_store_count_view_at (self->store, self->view, self->shop_id, self->now);
  sql = g_strdup_printf ("SELECT count(*) FROM requests r WHERE %s", self->where);
  stmt = shou_db_prepare (shou_store_get_db (self->store), sql, NULL);
  if (stmt == NULL)
    return 0;
  shou_request_list_bind_query (self, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return n;
}

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

/* The first sidebar view whose bit the row has (each request is in one of
 * them at most; 即将超时 is a window over 待处理, not a home). */
static ShouView
home_view (gint64 mask)
{
  static const ShouView views[] = {
    SHOU_VIEW_PENDING, SHOU_VIEW_NEGOTIATING, SHOU_VIEW_AWAIT_RETURN,
    SHOU_VIEW_INTERVENTION, SHOU_VIEW_FINISHED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (mask & shou_view_get_bit (views[i]))
      return views[i];
  return SHOU_VIEW_ALL;
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

ShouRequestItem *
shou_request_list_read_item (ShouRequestList *self,
                             sqlite3_stmt    *stmt)
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
  /* Said from the code in the UI's language; the server's text if unknown. */
  d.reason_text = g_strdup (shou_buyer_reason_text ((const char *) sqlite3_column_text (stmt, COL_REASON_CODE),
                                                    (const char *) sqlite3_column_text (stmt, 11)));
  d.deadline_at = sqlite3_column_int64 (stmt, 12);
  if ((s = (const char *) sqlite3_column_text (stmt, 13)) != NULL)
    shou_lapse_from_string (s, &d.on_lapse);
  d.pending = sqlite3_column_int (stmt, 14);
  /* The conflict is said from its codes, never in the server's words. */
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL || sqlite3_column_type (stmt, COL_CONFLICT_CODE) != SQLITE_NULL)
    d.conflict = shou_api_error_describe ((const char *) sqlite3_column_text (stmt, COL_CONFLICT_CODE),
                                          (const char *) sqlite3_column_text (stmt, COL_CONFLICT_REASON));
  d.logistics_stalled = logistics_stalled (self, d.platform, d.status,
                                           sqlite3_column_int64 (stmt, 16));
  d.exchange_shipped = (sqlite3_column_int64 (stmt, COL_VIEW_MASK) & SHOU_VIEW_BIT_EXCHANGE_SHIPPED) != 0;
  d.deadline_approximate = (sqlite3_column_int64 (stmt, COL_VIEW_MASK) & SHOU_VIEW_BIT_DEADLINE_APPROXIMATE) != 0;
  d.home_view = home_view (sqlite3_column_int64 (stmt, COL_VIEW_MASK));
  d.claim_holder = dup_text (stmt, COL_CLAIM_HOLDER);
  if ((s = (const char *) sqlite3_column_text (stmt, COL_TAGS)) != NULL && *s != '\0')
    d.tags = g_strsplit (s, "\x1f", -1);
  return shou_request_item_new_take (&d);
}

GPtrArray *
shou_request_list_load_page (ShouRequestList *self,
                             guint            page)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *order = shou_request_list_order_by (self);
  g_autofree char *sql = NULL;
  GPtrArray *items;
  PageEnd *prev = page > 0 ? g_hash_table_lookup (self->page_last, GUINT_TO_POINTER (page - 1)) : NULL;
  gboolean keyset = prev != NULL && self->sort_key == SHOU_SORT_DEADLINE;
  sqlite3_stmt *stmt;
  gint64 last_key = 0, last_rid = 0;

  /* Scrolling on in deadline order continues from the previous page's
   * last row instead of skipping rows with OFFSET. */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  sql = g_strdup_printf ("SELECT " ITEM_COLUMNS
                         "FROM requests r LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id "
                         "WHERE %s%s ORDER BY %s LIMIT %d OFFSET ?8",
                         self->where,
                         keyset ? (self->sort_descending ? " AND (r.deadline_key, r.rid) < (?9, ?10)"
                                                         : " AND (r.deadline_key, r.rid) > (?9, ?10)")
                                : "",
                         order, PAGE_SIZE);
  stmt = shou_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return items;
  shou_request_list_bind_query (self, stmt);
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
      last_key = sqlite3_column_int64 (stmt, COL_DEADLINE_KEY);
      last_rid = sqlite3_column_int64 (stmt, COL_RID);
      g_ptr_array_add (items, shou_request_list_read_item (self, stmt));
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

int
shou_request_list_rank (ShouRequestList *self,
                        const char      *request_id)
{
  ShouDb *db = shou_store_get_db (self->store);
  const char *col;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int pos = -1;

  col = shou_request_list_sort_column (self->sort_key);
  /* Rank of the row: how many rows of the list sort before it. Whether
   * the row is in the list at all is asked of that row alone (EXISTS):
   * "t.rid IN (SELECT …)" made SQLite list every row of the view first,
   * O(rows) on each view switch with a request open. */
  {
    g_autofree char *rcols = col ? g_strdup_printf ("%s, ", col) : g_strdup ("");
    g_autofree char *tcols = col ? g_strdup_printf ("t.%s, ", col + 2) : g_strdup ("");

    sql = g_strdup_printf ("SELECT (SELECT count(*) FROM requests r WHERE %s AND "
                           "(%sr.deadline_key, r.rid) %s (%st.deadline_key, t.rid)) "
                           "FROM requests t WHERE t.key = ?11 AND EXISTS "
                           "(SELECT 1 FROM requests r WHERE r.rid = t.rid AND %s)",
                           self->where, rcols, self->sort_descending ? ">" : "<",
                           tcols, self->where);
  }
  stmt = shou_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return -1;
  shou_request_list_bind_query (self, stmt);
  sqlite3_bind_text (stmt, 11, request_id, -1, SQLITE_TRANSIENT);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    pos = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (pos >= (int) self->total)
    pos = -1;
  return pos;
}
