/* shou-hub-rows.c: a statement's result as text cells. */
#include "config.h"

#include "shou-hub-rows.h"

ShouHubRows *
shou_hub_rows_new (guint n_columns)
{
  ShouHubRows *rows = g_new0 (ShouHubRows, 1);

  rows->n_columns = n_columns;
  rows->cells = g_ptr_array_new_with_free_func (g_free);
  return rows;
}

void
shou_hub_rows_free (ShouHubRows *rows)
{
  if (rows == NULL)
    return;
  g_ptr_array_unref (rows->cells);
  g_free (rows);
}

guint
shou_hub_rows_count (ShouHubRows *rows)
{
  return rows->n_columns > 0 ? rows->cells->len / rows->n_columns : 0;
}

const char *
shou_hub_rows_text (ShouHubRows *rows,
                    guint        row,
                    guint        column)
{
  if (row >= shou_hub_rows_count (rows) || column >= rows->n_columns)
    return NULL;
  return rows->cells->pdata[row * rows->n_columns + column];
}

gint64
shou_hub_rows_int (ShouHubRows *rows,
                   guint        row,
                   guint        column)
{
  const char *text = shou_hub_rows_text (rows, row, column);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}
