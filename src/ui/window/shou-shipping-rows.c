/* shou-shipping-rows.c: the 发货时限 view's rows. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-order-parcel.h"
#include "shou-shipping-rows.h"

typedef struct
{
  JsonObject  *order;
  ShouShipDue  due;
  char        *text;
  ShouPlatform platform;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->text);
  g_free (e);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;

  return x->due.due_at < y->due.due_at ? -1 : x->due.due_at > y->due.due_at;
}

static GtkWidget *
make_row (const Entry *e,
          gint64       now)
{
  GtkWidget *row = adw_action_row_new ();
  JsonArray *lines = json_object_get_array_member (e->order, "lines");
  JsonObject *line = lines != NULL && json_array_get_length (lines) > 0 ? json_array_get_object_element (lines, 0) : NULL;
  const char *title = line != NULL ? json_object_get_string_member_with_default (line, "title", "") : "";
  g_autofree char *heading = NULL;
  GtkWidget *platform;

  heading = g_strdup_printf ("%s · %s", json_object_get_string_member_with_default (e->order, "order_no", ""), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_add_css_class (row, "shipping-row");
  if (e->due.late)
    gtk_widget_add_css_class (row, "error");
  else if (shou_urgency_for (e->due.due_at, now) >= SHOU_URGENCY_WARNING)
    gtk_widget_add_css_class (row, "warning");

  platform = gtk_label_new (shou_platform_get_label (e->platform));
  gtk_widget_add_css_class (platform, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), platform);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "order-id",
                          g_strdup (json_object_get_string_member_with_default (e->order, "key", "")), g_free);
  g_object_set_data (G_OBJECT (row), "late", GINT_TO_POINTER (e->due.late));
  /* For the clock's tick: the order, to say its countdown again. */
  g_object_set_data_full (G_OBJECT (row), "order", json_object_ref (e->order), (GDestroyNotify) json_object_unref);
  g_object_set_data (G_OBJECT (row), "platform", GINT_TO_POINTER (e->platform));
  return row;
}

static void
set_urgency (GtkWidget   *row,
             const ShouShipDue *due,
             gint64       now)
{
  gboolean warning = !due->late && shou_urgency_for (due->due_at, now) >= SHOU_URGENCY_WARNING;

  if (due->late)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  if (warning)
    gtk_widget_add_css_class (row, "warning");
  else
    gtk_widget_remove_css_class (row, "warning");
  g_object_set_data (G_OBJECT (row), "late", GINT_TO_POINTER (due->late));
}

void
shou_shipping_rows_tick (GtkListBox *list,
                         gint64      now)
{
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *order = g_object_get_data (G_OBJECT (row), "order");
      g_autofree char *text = NULL;
      ShouShipDue due;

      if (order == NULL || !ADW_IS_ACTION_ROW (row))
        continue;
      text = shou_order_parcel_describe_due (order, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "platform")),
                                             now, &due);
      /* A deadline met since the list was made keeps its last words until
       * the list reloads (a store change brings it). */
      if (text == NULL)
        continue;
      if (g_strcmp0 (text, adw_action_row_get_subtitle (ADW_ACTION_ROW (row))) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      set_urgency (row, &due, now);
    }
}

guint
shou_shipping_rows_count (GPtrArray *orders,
                          gint64     now)
{
  guint n = 0;

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      JsonObject *order = g_ptr_array_index (orders, i);
      ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
      g_autofree char *text = NULL;

      shou_platform_from_string (json_object_get_string_member_with_default (order, "platform", ""), &platform);
      text = shou_order_parcel_describe_due (order, platform, now, NULL);
      if (text != NULL)
        n++;
    }
  return n;
}

guint
shou_shipping_rows_replace (GtkListBox *list,
                            GPtrArray  *orders,
                            gint64      now)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      Entry *e = g_new0 (Entry, 1);

      e->order = g_ptr_array_index (orders, i);
      if (!shou_platform_from_string (json_object_get_string_member_with_default (e->order, "platform", ""),
                                      &e->platform))
        e->platform = SHOU_PLATFORM_TAOBAO;
      e->text = shou_order_parcel_describe_due (e->order, e->platform, now, &e->due);
      if (e->text == NULL)
        {
          entry_free (e);
          continue;
        }
      g_ptr_array_add (entries, e);
    }
  g_ptr_array_sort (entries, compare_due);

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (list, make_row (g_ptr_array_index (entries, i), now));

  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No order waits to be shipped"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (list, row);
    }
  return entries->len;
}
