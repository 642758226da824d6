#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-request-list.h"
#include "shou-request-list-diff.h"
#include "shou-request-list-query.h"
#include "shou-request-list-search.h"

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

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouRequestList, shou_request_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- pages ------------------------------------------------------------- */

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

  items = shou_request_list_load_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    {
      gpointer old = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->pages, old);
    }
  return items;
}

/* ---- search and re-query ---------------------------------------------- */

#define SEARCH_STEP_BUDGET (40 * G_TIME_SPAN_MILLISECOND)

/* Replaces the items from @position on (@old_n items in all before, the
 * new count in self->n_items). GTK 4.8's list views, given one
 * items-changed that removes a row they track (the selected, focused or
 * top row) and adds others, look for that row among every added item,
 * materialising each: O(rows) per refresh, seconds at 200,000. So the
 * old rows go first, then the new ones come. Handlers that react to the
 * list's content skip the first half (shou_request_list_is_replacing). */
static void
replace_items (ShouRequestList *self,
               guint            position,
               guint            old_n)
{
  guint new_n = self->n_items;
  guint generation = self->generation;

  if (old_n > position && new_n > position)
    {
      self->n_items = position;
      self->replacing = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self), position, old_n - position, 0);
      self->replacing = FALSE;
      /* A handler changed the query meanwhile: its own re-query followed
       * on from the rows left, and told of its own. */
      if (generation != self->generation)
        return;
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, new_n - position);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), position, old_n - position, new_n - position);
}

static gboolean
on_search_idle_cb (gpointer user_data)
{
  ShouRequestList *self = user_data;
  guint old_n = self->n_items;
  guint generation = self->generation;
  gboolean was_capped = self->capped;
  gint64 start = g_get_monotonic_time ();
  guint first, step_first;
  gboolean done;

  /* Each announcement makes a list view rebuild its rows from where the
   * matches moved, which costs GTK 4.8 far more than the steps do (up to
   * ~200 rows of widgets, against a few ms of SQL for a whole search at
   * 200,000): as many steps as fit in ~40 ms per announcement, so that
   * most searches announce the rest of their matches once. */
  first = G_MAXUINT;
  do
    {
      step_first = shou_request_list_search_step (self, CHUNK_LIMIT, FALSE);
      first = MIN (first, step_first);
    }
  while (self->searching && g_get_monotonic_time () - start < SEARCH_STEP_BUDGET);
  /* Until the list has told of its last matches, they are still arriving:
   * "searching" turns FALSE after that announcement, not before it. */
  done = !self->searching;
  if (first != G_MAXUINT)
    {
      self->searching = TRUE;
      self->n_items = self->matches->len;
      replace_items (self, first, old_n);
      if (generation != self->generation)
        return G_SOURCE_REMOVE;
      self->searching = !done;
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


/* A search counts what its first step finds (more arrive later). */
static guint
count_items (ShouRequestList *self)
{
  if (self->search_sql)
    {
      /* Finds the first page of matches now and schedules the rest. */
      if (shou_request_list_search_start (self))
        self->search_id = g_idle_add (on_search_idle_cb, self);
      return self->matches->len;
    }
  return shou_request_list_count_rows (self);
}

static void
build_query (ShouRequestList *self)
{
  shou_request_list_build_filters (self);
  shou_request_list_search_build (self);
}

static void
requery (ShouRequestList *self)
{
  guint old_n = self->n_items;
  gboolean was_searching = self->searching;
  gboolean was_capped = self->capped;

  self->generation++;
  /* A handler re-queried in the middle of a refresh's edits: those stop. */
  self->shown = NULL;
  build_query (self);
  invalidate (self);
  shou_request_list_search_stop (self);
  self->total = count_items (self);
  /* Revealing: a screenful first, the rest as the view asks for it. */
  self->n_items = self->reveal_step > 0 && !self->search_sql ? MIN (self->total, self->reveal_step) : self->total;
  replace_items (self, 0, old_n);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_searching != self->searching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
  if (was_capped != self->capped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPPED]);
}

/* ---- refresh after a store change ------------------------------------- */

/* The most rows a refresh compares. A list view keeps rows around the
 * ones it shows (GTK 4.8: up to ~200 from the top row). */
#define DIFF_MAX_ROWS 1024

/* The rows loaded, in order from the top, when the loaded pages are the
 * first ones without a gap; NULL otherwise (the view shows rows further
 * down, or none yet). */
static GPtrArray *
loaded_from_top (ShouRequestList *self)
{
  guint n_pages = g_hash_table_size (self->pages);
  g_autoptr(GPtrArray) rows = NULL;

  if (n_pages == 0 || n_pages * PAGE_SIZE > DIFF_MAX_ROWS)
    return NULL;
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint p = 0; p < n_pages; p++)
    {
      GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (p));

      if (items == NULL || (items->len < PAGE_SIZE && p + 1 < n_pages))
        return NULL;
      for (guint i = 0; i < items->len && rows->len < self->n_items; i++)
        g_ptr_array_add (rows, g_object_ref (items->pdata[i]));
    }
  return rows->len > 0 ? g_steal_pointer (&rows) : NULL;
}

/* Announces rows from @position: @removed go, then @added come (two
 * signals when both: GTK 4.8 looks for the rows it tracks among every
 * row added by a signal that also removes). @last: nothing follows. */
static gboolean
announce (ShouRequestList *self,
          guint            position,
          guint            removed,
          guint            added,
          GPtrArray       *new_rows,
          gboolean         last)
{
  guint generation = self->generation;

  if (removed > 0)
    {
      if (self->shown != NULL)
        g_ptr_array_remove_range (self->shown, position, removed);
      self->n_items -= removed;
      self->replacing = !last || added > 0;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
      self->replacing = FALSE;
      if (generation != self->generation)
        return FALSE;
    }
  if (added > 0)
    {
      if (self->shown != NULL)
        for (guint i = 0; i < added; i++)
          g_ptr_array_insert (self->shown, position + i, g_object_ref (new_rows->pdata[position + i]));
      self->n_items += added;
      self->replacing = !last;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      self->replacing = FALSE;
      if (generation != self->generation)
        return FALSE;
    }
  return TRUE;
}

/* After a store change: the same query again, and the list view told only
 * of the rows that changed among those it may show (the loaded rows from
 * the top), then of the rows below them as one block. During the initial
 * sync the rows a seller looks at mostly stay: their widgets stay too,
 * where a re-query made the view build every row again. */
static void
refresh (ShouRequestList *self)
{
  guint old_n = self->n_items, old_tail, new_n, new_tail;
  gboolean revealing;
  g_autoptr(GPtrArray) old_rows = NULL;
  g_autoptr(GPtrArray) new_rows = NULL;
  g_autoptr(GArray) edits = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  if (self->search_sql != NULL || (old_rows = loaded_from_top (self)) == NULL)
    {
      requery (self);
      return;
    }
  revealing = self->n_items < self->total;
  old_tail = old_n - old_rows->len;
  self->generation++;
  build_query (self);
  invalidate (self);
  self->total = count_items (self);
  /* A list still revealing its rows keeps as many as it showed. */
  new_n = revealing ? MIN (self->total, MAX (old_n, self->reveal_step)) : self->total;

  new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint pos = 0; pos < MIN (new_n, old_rows->len + PAGE_SIZE); pos++)
    {
      GPtrArray *items = get_page (self, pos / PAGE_SIZE);

      if (pos % PAGE_SIZE >= items->len)
        break;
      g_ptr_array_add (new_rows, g_object_ref (items->pdata[pos % PAGE_SIZE]));
    }
  new_tail = new_n - new_rows->len;
  edits = shou_request_list_diff (old_rows, new_rows);

  /* While the edits are told, get_item() answers from the rows as told
   * so far (the rows below them are not the view's yet). */
  shown = g_ptr_array_new_full (old_rows->len + PAGE_SIZE, g_object_unref);
  for (guint i = 0; i < old_rows->len; i++)
    g_ptr_array_add (shown, g_object_ref (old_rows->pdata[i]));
  self->shown = shown;
  for (guint k = 0; k < edits->len; k++)
    {
      ShouListEdit *e = &g_array_index (edits, ShouListEdit, k);
      gboolean last = k + 1 == edits->len && old_tail == 0 && new_tail == 0;

      if (!announce (self, e->position, e->removed, e->added, new_rows, last))
        return;
    }
  g_warn_if_fail (shown->len == new_rows->len);
  self->shown = NULL;
  if ((old_tail > 0 || new_tail > 0) &&
      !announce (self, new_rows->len, old_tail, new_tail, new_rows, TRUE))
    return;
  self->n_items = new_n;
  if (old_n != new_n)
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
  if (self->shown != NULL && position < self->shown->len)
    return g_object_ref (self->shown->pdata[position]);
  if (self->search_sql)
    {
      Match *m = &g_array_index (self->matches, Match, position);

      if (m->item == NULL)
        shou_request_list_search_fill (self, position);
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
  refresh (self);
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

  shou_request_list_clear_query (self);
  g_clear_pointer (&self->matches, g_array_unref);
  g_free (self->shop_id);
  g_free (self->search);
  shou_request_filter_free (self->filter);
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
  self->n_items = self->total = count_items (self);
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

void
shou_request_list_set_reveal_step (ShouRequestList *self,
                                   guint            step)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));
  self->reveal_step = step;
}

gboolean
shou_request_list_get_revealing (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);
  return !self->search_sql && self->n_items < self->total;
}

/* GTK 4.8's list views make widgets for about 200 rows around the top
 * one; past that, adding rows costs nothing, so the rest come at once. */
#define REVEAL_ALL_AFTER 240

gboolean
shou_request_list_reveal_more (ShouRequestList *self,
                               guint            at_least)
{
  guint old_n;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);

  if (!shou_request_list_get_revealing (self))
    return FALSE;
  old_n = self->n_items;
  if (old_n + self->reveal_step >= REVEAL_ALL_AFTER)
    self->n_items = self->total;
  else
    self->n_items = MIN (self->total, old_n + MAX (self->reveal_step, 1));
  self->n_items = MAX (self->n_items, MIN (at_least, self->total));
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return shou_request_list_get_revealing (self);
}

gboolean
shou_request_list_is_replacing (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);
  return self->replacing;
}

/* The position of @request_id among the rows the list has loaded, or -1.
 * Between two refreshes the cache may be ahead of the list (a sync writes
 * on a worker, and bulk pages are announced at most once a second), so
 * the row's rank in the cache now can differ from the row the list shows
 * there: where the list has loaded the row, its own position is the one
 * that selects it. */
static int
find_loaded (ShouRequestList *self,
             const char      *request_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        if (g_strcmp0 (shou_request_item_get_id (items->pdata[i]), request_id) == 0)
          {
            guint pos = GPOINTER_TO_UINT (key) * PAGE_SIZE + i;

            return pos < self->total ? (int) pos : -1;
          }
    }
  return -1;
}

int
shou_request_list_find (ShouRequestList *self,
                        const char      *request_id)
{
  int pos;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), -1);
  g_return_val_if_fail (request_id != NULL, -1);

  if (self->search_sql)
    return shou_request_list_search_find (self, request_id);
  pos = find_loaded (self, request_id);
  if (pos >= 0)
    return pos;
  pos = shou_request_list_rank (self, request_id);
  if (pos >= 0)
    {
      /* Where the list shows another row, it has not been told of this
       * one yet: it is found at the next refresh. */
      GPtrArray *items = get_page (self, (guint) pos / PAGE_SIZE);
      guint i = (guint) pos % PAGE_SIZE;

      if (i >= items->len || g_strcmp0 (shou_request_item_get_id (items->pdata[i]), request_id) != 0)
        return -1;
    }
  return pos;
}

void
shou_request_list_set_claim_filter (ShouRequestList *self,
                                    ShouClaimFilter  filter)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));

  if (self->claim_filter == filter)
    return;
  self->claim_filter = filter;
  if (self->store)
    requery (self);
}

/* The filter's conditions are ANDed with the view, shop, team filter and
 * search. An empty filter is none. */
void
shou_request_list_set_filter (ShouRequestList         *self,
                              const ShouRequestFilter *filter)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));

  if (shou_request_filter_is_empty (filter))
    filter = NULL;
  if (shou_request_filter_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, shou_request_filter_free);
  if (filter != NULL)
    self->filter = shou_request_filter_copy (filter);
  if (self->store)
    requery (self);
}

const ShouRequestFilter *
shou_request_list_get_filter (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), NULL);
  return self->filter;
}

void
shou_request_list_set_search_everywhere (ShouRequestList *self,
                                         gboolean         everywhere)
{
  g_return_if_fail (SHOU_IS_REQUEST_LIST (self));

  if (self->search_everywhere == !!everywhere)
    return;
  self->search_everywhere = !!everywhere;
  if (self->store && self->search)
    requery (self);
}

gboolean
shou_request_list_get_search_everywhere (ShouRequestList *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), FALSE);
  return self->search_everywhere;
}
