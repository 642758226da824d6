/* shou-hub-rows.h: a statement's result as text cells, what the engines
 * hand the storage interface's shared code (shou-hub-store-private.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rows of a result: cells as text (%NULL for SQL NULL). */
typedef struct
{
  guint      n_columns;
  GPtrArray *cells;    /* row-major, element-type utf8, may hold NULL */
} ShouHubRows;

/* A row as the engine holds it (borrowed, valid during the call):
 * @cells[i] is %NULL for SQL NULL, else @lengths[i] bytes and a NUL. */
typedef void (*ShouHubRowFunc) (const char * const *cells,
                                const gsize        *lengths,
                                gpointer            user_data);

/* A read handed on row by row (shou_hub_store_each_row()). */
typedef struct
{
  const char          *sql;
  const char          *types;
  const char * const  *params;
  ShouHubRowFunc       func;
  gpointer             user_data;
} ShouHubRowQuery;

/* The most columns such a read may have. */
#define SHOU_HUB_ROW_MAX_COLUMNS 16

ShouHubRows *shou_hub_rows_new   (guint        n_columns);
void         shou_hub_rows_free  (ShouHubRows *rows);
guint        shou_hub_rows_count (ShouHubRows *rows);
/* (transfer none): the cell, or %NULL (SQL NULL; also for no rows) */
const char  *shou_hub_rows_text  (ShouHubRows *rows,
                                  guint        row,
                                  guint        column);
gint64       shou_hub_rows_int   (ShouHubRows *rows,
                                  guint        row,
                                  guint        column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubRows, shou_hub_rows_free)

/* A number as a statement's text parameter, in @buf (24 bytes). */
#define SHOU_HUB_I64(buf, v) (g_snprintf ((buf), sizeof (buf), "%" G_GINT64_FORMAT, (gint64) (v)), (buf))

G_END_DECLS
