/* shou-request-list-search.c: a ShouRequestList's search: the words to
 * an index (FTS trigrams, the pair index of two-character words, the order
 * number index, or LIKE alone), and its matches found newest first in
 * bounded steps and kept in the list's order. */
#include "config.h"

#include "core/shou-validate.h"
#include "shou-request-list-search.h"
#include "shou-request-list-query.h"

/* Appends @word as a quoted FTS5 string: the text is data, never syntax. */
static void
append_fts_phrase (GString    *fts,
                   const char *word)
{
  g_auto(GStrv) parts = g_strsplit (word, "\"", -1);
  g_autofree char *escaped = g_strjoinv ("\"\"", parts);

  g_string_append_printf (fts, "\"%s\"", escaped);
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
      g_ptr_array_add (self->like_terms, shou_store_like_pattern (word));
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

/* The return or exchange tracking number @word is, as cached (typed in
 * lower case or with dashes, too), or NULL: a word of 8 to 40 letters,
 * digits and dashes, with a digit, looked up in its index. */
static char *
cached_tracking_no (ShouRequestList *self,
                    const char      *word)
{
  ShouDb *db = shou_store_get_db (self->store);
  g_autofree char *normal = NULL;
  gsize len = strlen (word);
  sqlite3_stmt *stmt;
  char *found = NULL;

  if (len < 8 || len > 40 || strpbrk (word, "0123456789") == NULL)
    return NULL;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return NULL;
  normal = shou_tracking_number_normalize (word);
  stmt = shou_db_prepare (db, "SELECT tracking_no FROM shipments WHERE tracking_no IN (?1, ?2) LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, normal ? normal : word, -1, SQLITE_TRANSIENT);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return found;
}

/* Sorts the words of the search: a tracking number, a pasted order number, words of three
 * characters or more (@longs, @fts: the trigram index), two-character
 * words of the pair index (@grams), and the rest as LIKE terms. */
static void
parse_words (ShouRequestList *self,
             char           **words,
             GString         *likes,
             GString         *fts,
             GPtrArray       *grams,
             GPtrArray       *longs)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];

      /* Every word must match, so a repeated one adds nothing. */
      if (*w == '\0' || !g_hash_table_add (seen, (gpointer) w))
        continue;
      /* A cached parcel's number finds its request through the
       * shipments' index; no other column holds one. */
      if (self->tracking == NULL && (self->tracking = cached_tracking_no (self, w)) != NULL)
        {
          g_string_append (likes, " AND r.rid IN (SELECT sh.rid FROM shipments sh WHERE sh.tracking_no = ?14)");
          continue;
        }
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
  g_hash_table_unref (seen);
}

/* Chooses the index that leads the search and sets fts_query or
 * gram_query; takes @fts. */
static void
choose_driver (ShouRequestList *self,
               GString         *likes,
               GString         *fts,
               GPtrArray       *grams,
               GPtrArray       *longs)
{
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
  if (fts->len)
    self->fts_query = g_string_free (fts, FALSE);
  else
    g_string_free (fts, TRUE);
}

/* The SQL of one window of matches, with the filters and @likes. */
static void
build_search_sql (ShouRequestList *self,
                  GString         *likes)
{
  if (self->fts_query || self->gram_query || self->like_terms || self->order_lo || self->tracking)
    {
      GString *inner = g_string_new (NULL);
      const char *col = shou_request_list_sort_column (self->sort_key);
      const char *key = col ? col : "r.deadline_key";

      shou_request_list_append_filters (self, inner, "r");
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
      else if (self->tracking)
        /* The parcel's requests (one or two), found by rid in one step. */
        self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s FROM requests r"
                                            " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                            " WHERE r.rid < ?5%s ORDER BY r.rid DESC LIMIT ?7", key, inner->str);
      else if (self->order_lo)
        /* No index hint on the view of a live migration. */
        self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s"
                                            " FROM requests r%s"
                                            " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                            " WHERE r.rid < ?5%s ORDER BY r.rid DESC LIMIT ?7", key,
                                            shou_store_get_live_views (self->store) ? "" : " INDEXED BY requests_order_no",
                                            inner->str);
      else
        self->search_sql = g_strdup_printf ("SELECT " ITEM_COLUMNS ", %s FROM requests r"
                                            " LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id"
                                            " WHERE r.rid < ?5 AND r.rid >= ?6%s"
                                            " ORDER BY r.rid DESC LIMIT ?7", key, inner->str);
      g_string_free (inner, TRUE);
    }
}

void
shou_request_list_search_build (ShouRequestList *self)
{
  GString *likes;

  if (!(self->search && *self->search))
    return;

  likes = g_string_new (NULL);
  {
    g_auto(GStrv) spaced = g_strsplit (self->search, "\u3000", -1);
    g_autofree char *joined = g_strjoinv (" ", spaced);
    g_auto(GStrv) words = g_strsplit_set (joined, " \t\n", -1);
    GString *fts = g_string_new (NULL);
    g_autoptr(GPtrArray) grams = g_ptr_array_new ();
    g_autoptr(GPtrArray) longs = g_ptr_array_new ();

    parse_words (self, words, likes, fts, grams, longs);
    choose_driver (self, likes, fts, grams, longs);
  }
  build_search_sql (self, likes);
  g_string_free (likes, TRUE);
}

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

void
shou_request_list_search_stop (ShouRequestList *self)
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
guint
shou_request_list_search_step (ShouRequestList *self,
                               gint64           limit,
                               gboolean         with_items)
{
  ShouDb *db = shou_store_get_db (self->store);
  gint64 lo = MAX (self->scan_min, self->scan_hi - self->window);
  gint64 last_rid = 0, n = 0;
  guint first = G_MAXUINT;
  sqlite3_stmt *stmt;

  limit = MIN (limit, SEARCH_CAP + 1 - (gint64) self->matches->len);
  if ((self->order_lo || self->tracking) && self->fts_query == NULL && self->gram_query == NULL)
    lo = self->scan_min;

  stmt = shou_db_prepare (db, self->search_sql, NULL);
  if (stmt == NULL)
    {
      self->searching = FALSE;
      return first;
    }
  shou_request_list_bind_query (self, stmt);
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
        m.item = shou_request_list_read_item (self, stmt);
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

gboolean
shou_request_list_search_start (ShouRequestList *self)
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
    shou_request_list_search_step (self, PAGE_SIZE, TRUE);
  return self->searching;
}

/* Reads the rows of the matches around @position that have none yet. */
void
shou_request_list_search_fill (ShouRequestList *self,
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
            m->item = shou_request_list_read_item (self, stmt);
        }
      sqlite3_reset (stmt);
    }
  g_string_free (rids, TRUE);
}

int
shou_request_list_search_find (ShouRequestList *self,
                               const char      *request_id)
{
  ShouDb *db = shou_store_get_db (self->store);
  sqlite3_stmt *stmt;
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
