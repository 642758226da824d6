/* shou-request-list-diff.c: see shou-request-list-diff.h.
 *
 * One pass over both lists with a hash of each side's keys: O(rows).
 * Not a minimal edit script (a moved row goes and comes again), but
 * during a sync rows mostly come in or go, and the rows kept keep their
 * widgets in the list view. */
#include "config.h"

#include "shou-request-list-diff.h"

static void
add_edit (GArray *edits,
          guint   position,
          guint   removed,
          guint   added)
{
  ShouListEdit *last = edits->len > 0 ? &g_array_index (edits, ShouListEdit, edits->len - 1) : NULL;

  /* An edit right after the rows the last one added joins it. */
  if (last != NULL && last->position + last->added == position)
    {
      last->removed += removed;
      last->added += added;
      return;
    }
  g_array_append_vals (edits, &(ShouListEdit) { position, removed, added }, 1);
}

static GHashTable *
index_of_keys (GPtrArray *items)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (index, (gpointer) shou_request_item_get_id (items->pdata[i]),
                         GUINT_TO_POINTER (i + 1));
  return index;
}

/* The position of @key in @index, G_MAXUINT when absent. */
static guint
lookup (GHashTable *index,
        const char *key)
{
  guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));

  return at == 0 ? G_MAXUINT : at - 1;
}

GArray *
shou_request_list_diff (GPtrArray *old_items,
                        GPtrArray *new_items)
{
  GArray *edits = g_array_new (FALSE, FALSE, sizeof (ShouListEdit));
  g_autoptr(GHashTable) old_index = index_of_keys (old_items);
  g_autoptr(GHashTable) new_index = index_of_keys (new_items);
  guint i = 0, j = 0;

  /* Rows 0..j-1 are the new list's by now, and the old rows from i on
   * follow them. */
  while (i < old_items->len || j < new_items->len)
    {
      ShouRequestItem *o = i < old_items->len ? old_items->pdata[i] : NULL;
      ShouRequestItem *n = j < new_items->len ? new_items->pdata[j] : NULL;
      guint o_at, n_at;

      if (o != NULL && n != NULL &&
          g_str_equal (shou_request_item_get_id (o), shou_request_item_get_id (n)))
        {
          if (!shou_request_item_same_content (o, n))
            add_edit (edits, j, 1, 1);
          i++;
          j++;
          continue;
        }
      /* The old row is gone, or its new place lies behind. */
      o_at = o != NULL ? lookup (new_index, shou_request_item_get_id (o)) : 0;
      if (o != NULL && (o_at == G_MAXUINT || o_at < j))
        {
          add_edit (edits, j, 1, 0);
          i++;
          continue;
        }
      /* The new row is new, or its old place lies behind (it went). */
      n_at = n != NULL ? lookup (old_index, shou_request_item_get_id (n)) : 0;
      if (n != NULL && (n_at == G_MAXUINT || n_at < i))
        {
          add_edit (edits, j, 0, 1);
          j++;
          continue;
        }
      /* Both come later on the other side: the old row goes now and
       * comes again where the new list has it. */
      add_edit (edits, j, 1, 0);
      i++;
    }
  return edits;
}
