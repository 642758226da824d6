#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-request-list.h"
#include "sync/shou-api-errors.h"
#include "shou-store-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32
/* A search keeps at most this many matches, the newest, so a keystroke
 * costs about the same whatever the size of the cache; the UI says
 * "1,000+" and the seller refines the search. */
#define SEARCH_CAP SHOU_REQUEST_LIST_SEARCH_CAP
/* Placeholder of the first LIKE term; one per short word, all ANDed. */
#define FIRST_LIKE_PARAM 15
/* A search runs newest first over windows of rids. The keystroke itself
 * looks at the newest FIRST_WINDOW requests for up to a page of matches;
 * an idle source then goes on a window at a time, so no step's cost grows
 * with the cache. A LIKE window reads every row in it; an FTS window only
 * the rows that hold the trigrams, so it grows. */
#define FIRST_WINDOW 1024
#define LIKE_WINDOW 2048
#define FTS_FIRST_WINDOW 4096
#define FTS_WINDOW_MAX (1 << 18)
#define CHUNK_LIMIT 256
/* A trigram whose doclist spans at most this many leaf pages (about
 * 3,000 rows) may lead a search alone; its rows are checked with LIKE. */
#define DRIVER_PAGES 4

/* What a row of the list shows; read by read_item(). */
#define ITEM_COLUMNS \
  "r.key, coalesce(s.key, r.shop_id), s.name, r.platform, r.type, r.status, " \
  "r.order_no, r.goods_title, r.sku, r.buyer, r.amount_fen, r.reason_text, " \
  "r.deadline_at, r.on_lapse, r.pending, json_extract(r.conflict, '$.message'), " \
  "r.last_logistics_at, r.deadline_key, r.rid, r.reason_code, " \
  "json_extract(r.conflict, '$.code'), json_extract(r.conflict, '$.reason') "
#define COL_DEADLINE_KEY 17
#define COL_RID 18
#define COL_REASON_CODE 19
#define COL_CONFLICT_CODE 20
#define COL_CONFLICT_REASON 21
#define COL_SORT_KEY 22

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
  char        *gram_query;     /* two-character words, requests_grams */
  char        *search_sql;     /* one window of a search's matches */
  char        *order_lo;       /* a pasted order number: prefix range */
  char        *order_hi;
  GPtrArray   *like_terms;     /* of char *, bound to ?15..: LIKE or instr() */
  gint64       now;
  guint        n_items;
  gboolean     capped;

  /* a search: the matches found so far, in the order the list shows */
  GArray      *matches;        /* of Match */
  gint64       scan_hi;        /* rids below this are still to search */
  gint64       scan_min;       /* the lowest rid in the cache */
  gint64       window;         /* rids the next step looks at */
  guint        search_id;      /* idle source continuing the search */
  guint        generation;     /* bumped by every re-query */
  gboolean     searching;
  gboolean     filtered;       /* the search has conditions beyond its index */
  gboolean     rare_driver;    /* led by one rare trigram: no windows */
  char        *rare_for;       /* the search rare_trigram() last looked at */
  char        *rare;           /* and its answer (NULL: none rare enough) */

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
  PROP_SEARCHING,
  PROP_CAPPED,
  N_PROPS
};

typedef struct
{
  gint64  rid;
  gint64  deadline_key;
  int     type;                /* of the sort column; SQLITE_NULL if none */
  gint64  ival;
  char   *sval;
  ShouRequestItem *item;
} Match;

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

/* Appends @word as a quoted FTS5 string: the text is data, never syntax. */
static void
append_fts_phrase (GString    *fts,
                   const char *word)
{
  g_auto(GStrv) parts = g_strsplit (word, "\"", -1);
  g_autofree char *escaped = g_strjoinv ("\"\"", parts);

  g_string_append_printf (fts, "\"%s\"", escaped);
}

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
  g_clear_pointer (&self->gram_query, g_free);
  g_clear_pointer (&self->search_sql, g_free);
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
  /* ?2 is the shop's key; the row names its shop by account and id. The
   * unary + keeps the account's indexes out: the list walks a deadline
   * index in order, as it did before rows had accounts. */
  if (self->shop_id)
    g_string_append_printf (where, " AND (+%s.account_id, +%s.shop_id) ="
                            " (SELECT account_id, id FROM shops WHERE key = ?2)", t, t);
}

static void
add_like_term (ShouRequestList *self,
               GString         *likes,
               const char      *word)
{
  /* No word is left out: dropping one would widen the search to rows
   * that lack it. */
  guint param = FIRST_LIKE_PARAM + (self->like_terms ? self->like_terms->len : 0);

  gboolean cased = FALSE;

  for (const char *p = word; *p; p++)
    cased |= g_ascii_isalpha (*p);
  if (self->like_terms == NULL)
    self->like_terms = g_ptr_array_new_with_free_func (g_free);
  if (cased)
    {
      g_ptr_array_add (self->like_terms, like_pattern (word));
      g_string_append_printf (likes,
                              " AND (r.order_no LIKE ?%u ESCAPE '\\' OR r.buyer LIKE ?%u ESCAPE '\\'"
                              " OR r.goods_title LIKE ?%u ESCAPE '\\' OR r.sku LIKE ?%u ESCAPE '\\'"
                              " OR r.reason_text LIKE ?%u ESCAPE '\\')",
                              param, param, param, param, param);
    }
  else
    {
      /* Without ASCII letters LIKE's case folding changes nothing, and
       * instr() compares bytes several times faster. */
      g_ptr_array_add (self->like_terms, g_strdup (word));
      g_string_append_printf (likes,
                              " AND (instr (r.order_no, ?%u) OR instr (r.buyer, ?%u)"
                              " OR instr (r.goods_title, ?%u) OR instr (r.sku, ?%u)"
                              " OR instr (r.reason_text, ?%u))",
                              param, param, param, param, param);
    }
}

/* Whether requests_grams finds every row where LIKE finds @word: two
 * characters, one of them not ASCII (pairs of ASCII characters of an order
 * number are not indexed), none that ends a token there (controls, space,
 * quotes). */
static gboolean
is_gram_word (const char *word)
{
  gboolean wide = FALSE;

  if (g_utf8_strlen (word, -1) != 2)
    return FALSE;
  for (const guchar *p = (const guchar *) word; *p; p++)
    {
      if (*p >= 0x80)
        wide = TRUE;
      else if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'')
        return FALSE;
    }
  return wide;
}

/* Whether LIKE over a row finds what the trigram index finds for @word:
 * the index folds the case of every letter, LIKE only of ASCII ones. */
static gboolean
like_agrees_with_trigrams (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && (g_unichar_tolower (c) != c || g_unichar_toupper (c) != c))
        return FALSE;
    }
  return TRUE;
}

/* About how many leaf pages of the trigram index @trigram's doclist spans:
 * requests_fts_idx has the first term of each leaf page of each segment
 * (the main index's terms after a '0'), so the pages between the entry at
 * or before it and the next one bound it from above; after a segment's
 * last entry, its last leaf page does (FTS5 stores leaf page p of segment
 * s as row (s << 37) + p of requests_fts_data). Enough to pick the rarest
 * trigram of a word. */
static gint64
trigram_pages (ShouRequestList *self,
               const char      *trigram)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *lower = g_ascii_strdown (trigram, -1);
  g_autofree char *term = g_strconcat ("0", lower, NULL);
  sqlite3_stmt *stmt;
  gint64 pages = G_MAXINT32;

  stmt = shou_db_prepare (db, "WITH RECURSIVE seg(id) AS ("
                          "  SELECT min(segid) FROM requests_fts_idx"
                          "  UNION ALL SELECT (SELECT min(segid) FROM requests_fts_idx WHERE segid > seg.id)"
                          "  FROM seg WHERE seg.id IS NOT NULL) "
                          "SELECT coalesce(sum(coalesce((SELECT i.pgno FROM requests_fts_idx i"
                          "    WHERE i.segid = seg.id AND i.term > ?1 ORDER BY i.term LIMIT 1),"
                          "    (SELECT (max(d.id) & 0x7fffffff) + 1 FROM requests_fts_data d"
                          "     WHERE d.id >= seg.id << 37 AND d.id < (seg.id << 37) + (1 << 31)))"
                          "  - coalesce((SELECT i.pgno FROM requests_fts_idx i"
                          "    WHERE i.segid = seg.id AND i.term <= ?1 ORDER BY i.term DESC LIMIT 1), 0)), 0)"
                          " FROM seg WHERE seg.id IS NOT NULL", NULL);
  if (stmt == NULL)
    return pages;
  sqlite3_bind_blob (stmt, 1, term, strlen (term), SQLITE_TRANSIENT);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return pages;
}

/* The rarest trigram of @words (of 3+ characters), if it is rare enough
 * to lead the search alone, else NULL. */
static char *
rare_trigram (ShouRequestList *self,
              GPtrArray       *words)
{
  g_autofree char *best = NULL;
  gint64 best_pages = G_MAXINT64;
  guint n = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *w = words->pdata[i];

      glong len = g_utf8_strlen (w, -1);

      if (!like_agrees_with_trigrams (w))
        return NULL;
      /* From the end: a nick's or a model's last characters (digits, a
       * size) tend to be its rarest; a doclist within a page or two is as
       * good as any. */
      for (glong k = len - 3; k >= 0 && best_pages > 2; k--)
        {
          const char *start = g_utf8_offset_to_pointer (w, k);
          const char *end = g_utf8_offset_to_pointer (start, 3);
          g_autofree char *trigram = g_strndup (start, end - start);
          gint64 pages = trigram_pages (self, trigram);

          if (pages < best_pages)
            {
              best_pages = pages;
              g_free (best);
              best = g_steal_pointer (&trigram);
            }
        }
      n += len - 2;
    }
  /* A single trigram is its own phrase: nothing to gain. */
  if (n <= 1 || best_pages > DRIVER_PAGES)
    return NULL;
  return g_steal_pointer (&best);
}

/* Placeholders: ?1 now + 24 h, ?2 shop, ?3 FTS query, ?4 the two-character
 * words' query, ?5 to ?7 a search window, ?12 and ?13 an order number
 * range, ?15.. LIKE terms. */
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
      g_autoptr(GPtrArray) grams = g_ptr_array_new ();
      g_autoptr(GPtrArray) longs = g_ptr_array_new ();
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
              g_string_append (likes, " AND r.order_no >= ?12 AND r.order_no < ?13");
              continue;
            }
          if (g_utf8_strlen (w, -1) >= 3)
            {
              g_ptr_array_add (longs, (gpointer) w);
              if (fts->len)
                g_string_append (fts, " AND ");
              append_fts_phrase (fts, w);
            }
          else if (is_gram_word (w))
            g_ptr_array_add (grams, (gpointer) w);
          else
            add_like_term (self, likes, w);
        }
      /* One index leads the search; with a longer word the trigram index
       * does, and two-character words filter its matches. */
      self->rare_driver = FALSE;
      if (fts->len)
        {
          const char *rare;

          /* Asked once per search text, not at every store change. */
          if (g_strcmp0 (self->rare_for, self->search) != 0)
            {
              g_free (self->rare);
              g_free (self->rare_for);
              self->rare = rare_trigram (self, longs);
              self->rare_for = g_strdup (self->search);
            }
          rare = self->rare;

          for (guint i = 0; i < grams->len; i++)
            add_like_term (self, likes, grams->pdata[i]);
          if (rare != NULL)
            {
              /* Stepping through a phrase's common trigrams costs as much
               * as their rows (a nick with 快乐的 in 12,500 of 200,000);
               * the rare one's rows, checked with LIKE, cost a page. */
              g_string_truncate (fts, 0);
              append_fts_phrase (fts, rare);
              for (guint i = 0; i < longs->len; i++)
                add_like_term (self, likes, longs->pdata[i]);
              self->rare_driver = TRUE;
            }
        }
      else if (grams->len)
        {
          GString *q = g_string_new (NULL);

          for (guint i = 0; i < grams->len; i++)
            g_string_append_printf (q, "%s\"%s\"", i ? " AND " : "", (const char *) grams->pdata[i]);
          self->gram_query = g_string_free (q, FALSE);
        }
      g_hash_table_unref (seen);
      if (fts->len)
        self->fts_query = g_string_free (fts, FALSE);
      else
        g_string_free (fts, TRUE);

      if (self->fts_query || self->gram_query || self->like_terms || self->order_lo)
        {
          GString *inner = g_string_new (NULL);
          const char *col = sort_column (self->sort_key);
          const char *key = col ? col : "r.deadline_key";

          append_filters (self, inner, "r");
          g_string_append (inner, likes->str);
          self->filtered = inner->len > 0;
          /* The newest matches first, one window of rids [?6, ?5) at a
           * time, at most ?7 of them; each brings its row and sort key
           * along, so the list orders and shows what it has found without
           * asking again. A pasted order number is found through its
           * index in one step. */
          if (self->fts_query)
            self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s FROM requests_fts"
                                                " JOIN requests r ON r.rid = requests_fts.rowid"
                                                " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                                " WHERE requests_fts MATCH ?3"
                                                " AND requests_fts.rowid < ?5 AND requests_fts.rowid >= ?6%s"
                                                " ORDER BY requests_fts.rowid DESC LIMIT ?7",
                                                key, inner->str);
          else if (self->gram_query)
            self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s FROM requests_grams"
                                                " JOIN requests r ON r.rid = requests_grams.rowid"
                                                " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                                " WHERE requests_grams MATCH ?4"
                                                " AND requests_grams.rowid < ?5 AND requests_grams.rowid >= ?6%s"
                                                " ORDER BY requests_grams.rowid DESC LIMIT ?7",
                                                key, inner->str);
          else if (self->order_lo)
            self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s"
                                                " FROM requests r INDEXED BY requests_order_no"
                                                " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                                " WHERE r.rid < ?5%s ORDER BY r.rid DESC LIMIT ?7",
                                                key, inner->str);
          else
            self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s FROM requests r"
                                                " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                                " WHERE r.rid < ?5 AND r.rid >= ?6%s"
                                                " ORDER BY r.rid DESC LIMIT ?7", key, inner->str);
          g_string_free (inner, TRUE);
        }
    }

  g_string_free (likes, TRUE);
  self->where = g_string_free (where, FALSE);
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
  if (self->gram_query)
    sqlite3_bind_text (stmt, 4, self->gram_query, -1, SQLITE_TRANSIENT);
  for (guint i = 0; self->like_terms && i < self->like_terms->len; i++)
    sqlite3_bind_text (stmt, FIRST_LIKE_PARAM + i, self->like_terms->pdata[i], -1, SQLITE_TRANSIENT);
  if (self->order_lo)
    {
      sqlite3_bind_text (stmt, 12, self->order_lo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, self->order_hi, -1, SQLITE_TRANSIENT);
    }
}

static void start_search (ShouRequestList *self);

/* A search counts what its first step finds (more arrive later). */
static guint
count_items (ShouRequestList *self)
{
  if (self->search_sql)
    {
      start_search (self);
      return self->matches->len;
    }
  return shou_store_count_view_at (self->store, self->view, self->shop_id, self->now);
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

static ShouRequestItem *
read_item (ShouRequestList *self,
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
  return shou_request_item_new_take (&d);
}

static GPtrArray *
load_page (ShouRequestList *self,
           guint            page)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *order = order_by (self);
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
      last_key = sqlite3_column_int64 (stmt, COL_DEADLINE_KEY);
      last_rid = sqlite3_column_int64 (stmt, COL_RID);
      g_ptr_array_add (items, read_item (self, stmt));
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

/* ---- search ------------------------------------------------------------ */

static void
match_clear (gpointer data)
{
  Match *m = data;

  g_free (m->sval);
  g_clear_object (&m->item);
}

static int
type_rank (int type)
{
  /* SQLite's order: NULL, numbers, text, blobs. */
  switch (type)
    {
    case SQLITE_NULL:    return 0;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:   return 1;
    case SQLITE_TEXT:    return 2;
    default:             return 3;
    }
}

/* The same order as order_by(): the sort column (BINARY collation), then
 * deadline_key, then rid, all reversed when descending. */
static int
compare_matches (ShouRequestList *self,
                 const Match     *a,
                 const Match     *b)
{
  int c = 0;

  if (self->sort_key != SHOU_SORT_DEADLINE)
    {
      c = type_rank (a->type) - type_rank (b->type);
      if (c == 0 && a->type == SQLITE_TEXT)
        c = strcmp (a->sval, b->sval);
      else if (c == 0 && a->type != SQLITE_NULL)
        c = (a->ival > b->ival) - (a->ival < b->ival);
    }
  if (c == 0)
    c = (a->deadline_key > b->deadline_key) - (a->deadline_key < b->deadline_key);
  if (c == 0)
    c = (a->rid > b->rid) - (a->rid < b->rid);
  return self->sort_descending ? -c : c;
}

static guint
insert_match (ShouRequestList *self,
              Match           *m)
{
  guint lo = 0, hi = self->matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_matches (self, &g_array_index (self->matches, Match, mid), m) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->matches, lo, *m);
  return lo;
}

static void
stop_search (ShouRequestList *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  if (self->matches)
    g_array_set_size (self->matches, 0);
  self->searching = FALSE;
  self->capped = FALSE;
}

/* Looks at the next window of rids, newest first, for at most @limit
 * matches. The keystroke's step keeps their rows for the first page; later
 * steps only their keys (fill_items() reads rows as they are shown).
 * Returns the first position that changed, G_MAXUINT if none. */
static guint
search_step (ShouRequestList *self,
             gint64           limit,
             gboolean         with_items)
{
  ShouDb *db = shou_store_get_db (self->store);
  gint64 lo = MAX (self->scan_min, self->scan_hi - self->window);
  gint64 last_rid = 0, n = 0;
  guint first = G_MAXUINT;
  sqlite3_stmt *stmt;

  limit = MIN (limit, SEARCH_CAP + 1 - (gint64) self->matches->len);
  if (self->order_lo && self->fts_query == NULL && self->gram_query == NULL)
    lo = self->scan_min;

  stmt = shou_db_prepare (db, self->search_sql, NULL);
  if (stmt == NULL)
    {
      self->searching = FALSE;
      return first;
    }
  bind_query (self, stmt);
  sqlite3_bind_int64 (stmt, 5, self->scan_hi);
  sqlite3_bind_int64 (stmt, 6, lo);
  sqlite3_bind_int64 (stmt, 7, limit);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      Match m = { 0 };
      guint pos;

      n++;
      last_rid = sqlite3_column_int64 (stmt, COL_RID);
      if (self->matches->len >= SEARCH_CAP)
        {
          /* One more than the list keeps: say so, look no further. */
          self->capped = TRUE;
          break;
        }
      m.rid = last_rid;
      m.deadline_key = sqlite3_column_int64 (stmt, COL_DEADLINE_KEY);
      if (self->sort_key != SHOU_SORT_DEADLINE)
        {
          m.type = sqlite3_column_type (stmt, COL_SORT_KEY);
          if (m.type == SQLITE_TEXT)
            m.sval = g_strdup ((const char *) sqlite3_column_text (stmt, COL_SORT_KEY));
          else
            m.ival = sqlite3_column_int64 (stmt, COL_SORT_KEY);
        }
      if (with_items)
        m.item = read_item (self, stmt);
      pos = insert_match (self, &m);
      first = MIN (first, pos);
    }
  sqlite3_reset (stmt);

  /* A full step stops at its last match; the rest of the window is next. */
  self->scan_hi = n >= limit ? last_rid : lo;
  if (self->capped || self->scan_hi <= self->scan_min)
    self->searching = FALSE;
  if ((self->fts_query || self->gram_query) && self->filtered && !self->rare_driver)
    self->window = MIN (self->window * 8, FTS_WINDOW_MAX);
  else if (self->fts_query == NULL && self->gram_query == NULL)
    self->window = LIKE_WINDOW;
  return first;
}

static gboolean
on_search_idle_cb (gpointer user_data)
{
  ShouRequestList *self = user_data;
  guint old_n = self->n_items;
  guint generation = self->generation;
  gboolean was_capped = self->capped;
  guint first;

  first = search_step (self, CHUNK_LIMIT, FALSE);
  if (first != G_MAXUINT)
    {
      self->n_items = self->matches->len;
      g_list_model_items_changed (G_LIST_MODEL (self), first, old_n - first, self->n_items - first);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  /* A handler changed the search: this source is already gone. */
  if (generation != self->generation)
    return G_SOURCE_REMOVE;
  if (self->capped != was_capped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPPED]);
  if (generation != self->generation)
    return G_SOURCE_REMOVE;
  if (self->searching)
    return G_SOURCE_CONTINUE;

  self->search_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
  return G_SOURCE_REMOVE;
}

/* Finds the first page of matches now and schedules the rest. */
static void
start_search (ShouRequestList *self)
{
  ShouDb *db = shou_store_get_db (self->store);
  sqlite3_stmt *stmt;

  if (self->matches == NULL)
    {
      self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
      g_array_set_clear_func (self->matches, match_clear);
    }
  self->scan_min = self->scan_hi = 0;
  stmt = shou_db_prepare (db, "SELECT (SELECT min(rid) FROM requests), (SELECT max(rid) FROM requests)", NULL);
  if (stmt != NULL && shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      self->scan_min = sqlite3_column_int64 (stmt, 0);
      self->scan_hi = sqlite3_column_int64 (stmt, 1) + 1;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if ((self->fts_query || self->gram_query) && (!self->filtered || self->rare_driver))
    /* Every index match is a list match, or the leading trigram is rare:
     * a step reads the index from the newest match down and stops at its
     * limit, so it costs about its page whatever the size of the cache. */
    self->window = self->scan_hi - self->scan_min;
  else if (self->fts_query || self->gram_query)
    /* The view, the shop or short words may reject most of a common
     * index term's matches: windows bound what a step reads. */
    self->window = FTS_FIRST_WINDOW;
  else
    self->window = FIRST_WINDOW;
  self->searching = self->scan_hi > self->scan_min;
  if (self->searching)
    search_step (self, PAGE_SIZE, TRUE);
  if (self->searching)
    self->search_id = g_idle_add (on_search_idle_cb, self);
}

/* Reads the rows of the matches around @position that have none yet. */
static void
fill_items (ShouRequestList *self,
            guint            position)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autoptr(GHashTable) by_rid = g_hash_table_new (g_int64_hash, g_int64_equal);
  GString *rids = g_string_new ("[");
  guint start = position / PAGE_SIZE * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->matches->len);
  sqlite3_stmt *stmt;

  for (guint i = start; i < end; i++)
    {
      Match *m = &g_array_index (self->matches, Match, i);

      if (m->item != NULL)
        continue;
      g_string_append_printf (rids, "%s%" G_GINT64_FORMAT, rids->len > 1 ? "," : "", m->rid);
      g_hash_table_insert (by_rid, &m->rid, m);
    }
  g_string_append_c (rids, ']');

  stmt = shou_db_prepare (db, "SELECT " ITEM_COLUMNS "FROM requests r LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id "
                          "WHERE r.rid IN (SELECT value FROM json_each(?1))", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, rids->str, -1, SQLITE_TRANSIENT);
      while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        {
          gint64 rid = sqlite3_column_int64 (stmt, COL_RID);
          Match *m = g_hash_table_lookup (by_rid, &rid);

          if (m != NULL && m->item == NULL)
            m->item = read_item (self, stmt);
        }
      sqlite3_reset (stmt);
    }
  g_string_free (rids, TRUE);
}

static void
requery (ShouRequestList *self)
{
  guint old_n = self->n_items;
  gboolean was_searching = self->searching;
  gboolean was_capped = self->capped;

  self->generation++;
  build_query (self);
  invalidate (self);
  stop_search (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_searching != self->searching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
  if (was_capped != self->capped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPPED]);
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
  if (self->search_sql)
    {
      Match *m = &g_array_index (self->matches, Match, position);

      if (m->item == NULL)
        fill_items (self, position);
      return m->item ? g_object_ref (m->item) : NULL;
    }
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

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_request_list_parent_class)->dispose (object);
}

static void
shou_request_list_finalize (GObject *object)
{
  ShouRequestList *self = (ShouRequestList *)object;

  clear_query (self);
  g_clear_pointer (&self->matches, g_array_unref);
  g_free (self->shop_id);
  g_free (self->search);
  g_free (self->rare_for);
  g_free (self->rare);
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
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    case PROP_CAPPED:
      g_value_set_boolean (value, self->capped);
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
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPPED] =
    g_param_spec_boolean ("capped", NULL, NULL, FALSE,
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

gboolean
shou_request_list_get_searching (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);
  return self->searching;
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
  if (self->search_sql)
    {
      gint64 rid;

      stmt = shou_db_prepare (db, "SELECT rid FROM requests WHERE key = ?1", NULL);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, request_id, -1, SQLITE_TRANSIENT);
      rid = shou_db_step (db, stmt, NULL) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      for (guint i = 0; rid >= 0 && i < self->matches->len; i++)
        if (g_array_index (self->matches, Match, i).rid == rid)
          return i;
      return -1;
    }

  col = sort_column (self->sort_key);
  /* Rank of the row: how many rows of the list sort before it. */
  {
    g_autofree char *rcols = col ? g_strdup_printf ("%s, ", col) : g_strdup ("");
    g_autofree char *tcols = col ? g_strdup_printf ("t.%s, ", col + 2) : g_strdup ("");

    sql = g_strdup_printf ("SELECT (SELECT count(*) FROM requests r WHERE %s AND "
                           "(%sr.deadline_key, r.rid) %s (%st.deadline_key, t.rid)) "
                           "FROM requests t WHERE t.key = ?11 AND t.rid IN "
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
