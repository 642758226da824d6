/* shou-sidebar.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-shipping-rows.h"
#include "ui/accounts/shou-account-rows.h"
#include "shou-sidebar.h"
#include "store/shou-store-care.h"

/* Sidebar order: what needs the seller first. */
static const ShouView request_views[] = {
  SHOU_VIEW_PENDING,
  SHOU_VIEW_URGENT,
  SHOU_VIEW_NEGOTIATING,
  SHOU_VIEW_AWAIT_RETURN,
  SHOU_VIEW_INTERVENTION,
  SHOU_VIEW_FINISHED,
};

static const char *view_icons[] = {
  "mail-unread-symbolic",
  "alarm-symbolic",
  "chat-message-new-symbolic",
  "package-x-generic-symbolic",
  "emblem-important-symbolic",
  "emblem-ok-symbolic",
  "view-list-symbolic",
  "x-office-spreadsheet-symbolic",
  "semi-starred-symbolic",
  "document-send-symbolic",
};

G_STATIC_ASSERT (G_N_ELEMENTS (request_views) == SHOU_SIDEBAR_N_REQUEST_VIEWS);
G_STATIC_ASSERT (G_N_ELEMENTS (view_icons) == SHOU_SIDEBAR_N_VIEWS);

struct _ShouSidebar
{
  GtkWidget    parent_instance;

  ShouStore   *store;
  GtkWidget   *scroller;
  GtkListBox  *views_box;
  GtkListBox  *shops_box;
  GtkLabel    *count_labels[SHOU_SIDEBAR_N_VIEWS];
  int          counts[SHOU_SIDEBAR_N_VIEWS];

  char        *view_name;
  char        *shop_id;
  gint64       now;        /* the window's clock, 0 = real time */
  gint64       counted_at; /* minute of the last count */
  guint        refresh_id;
  guint        updating : 1;
};

G_DEFINE_FINAL_TYPE (ShouSidebar, shou_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW_NAME,
  PROP_SHOP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
view_name_at (guint index)
{
  if (index < G_N_ELEMENTS (request_views))
    return shou_view_to_string (request_views[index]);
  if (index == G_N_ELEMENTS (request_views))
    return SHOU_SIDEBAR_VIEW_ORDERS;
  if (index == G_N_ELEMENTS (request_views) + 1)
    return SHOU_SIDEBAR_VIEW_STATS;
  if (index == G_N_ELEMENTS (request_views) + 2)
    return SHOU_SIDEBAR_VIEW_REVIEWS;
  /* The newest views last, so that Alt+1…9 stay where sellers learnt them. */
  if (index == G_N_ELEMENTS (request_views) + 3)
    return SHOU_SIDEBAR_VIEW_SHIPPING;
  return NULL;
}

static int
view_index_of (const char *view_name)
{
  for (guint i = 0; i < SHOU_SIDEBAR_N_VIEWS; i++)
    if (g_strcmp0 (view_name_at (i), view_name) == 0)
      return (int) i;

  return -1;
}

/* 发货时限: the orders whose shipping deadline is open now. */
static void
update_shipping_count (ShouSidebar *self,
                       gint64       now)
{
  int i = view_index_of (SHOU_SIDEBAR_VIEW_SHIPPING);
  g_autoptr(GPtrArray) orders = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row;
  guint count;

  if (i < 0 || self->count_labels[i] == NULL)
    return;
  orders = shou_store_list_shipping_orders (self->store, self->shop_id, 0);
  count = shou_shipping_rows_count (orders, now);
  text = g_strdup_printf ("%u", count);
  row = gtk_widget_get_ancestor (GTK_WIDGET (self->count_labels[i]), GTK_TYPE_LIST_BOX_ROW);
  self->counts[i] = (int) count;
  gtk_label_set_text (self->count_labels[i], text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_labels[i]), count > 0);
  name = count > 0 ? g_strdup_printf (_("%s, %u"), (const char *) g_object_get_data (G_OBJECT (row), "shou-label"), count)
                   : g_strdup (g_object_get_data (G_OBJECT (row), "shou-label"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
shou_sidebar_update_counts (ShouSidebar *self)
{
  gint64 now = self->now ? self->now : g_get_real_time ();

  self->counted_at = now / (60 * G_USEC_PER_SEC);
  for (guint i = 0; i < G_N_ELEMENTS (request_views); i++)
    {
      guint count = shou_store_count_view_at (self->store, request_views[i], self->shop_id, now);
      g_autofree char *text = NULL;

      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->count_labels[i]), GTK_TYPE_LIST_BOX_ROW);
      g_autofree char *name = NULL;

      /* Complaints due soon count too (issue 28). */
      if (request_views[i] == SHOU_VIEW_URGENT)
        count += shou_store_count_due_complaints (self->store, self->shop_id, now);
      text = g_strdup_printf ("%u", count);
      self->counts[i] = (int) count;
      gtk_label_set_text (self->count_labels[i], text);
      gtk_widget_set_visible (GTK_WIDGET (self->count_labels[i]), count > 0);
      /* Translators: a sidebar view and how many requests are in it, "待处理，12" */
      name = count > 0 ? g_strdup_printf (_("%s, %u"), (const char *) g_object_get_data (G_OBJECT (row), "shou-label"), count)
                       : g_strdup (g_object_get_data (G_OBJECT (row), "shou-label"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  update_shipping_count (self, now);
}

static GtkWidget *
make_row (const char *icon_name,
          const char *label,
          GtkLabel  **out_count)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  gtk_label_set_attributes (GTK_LABEL (count), attrs);
  pango_attr_list_unref (attrs);
  gtk_widget_add_css_class (count, "view-count");
  gtk_widget_set_visible (count, FALSE);
  gtk_box_append (GTK_BOX (box), count);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* The row's name says it all once (with the count, see update_counts);
   * its parts would only repeat it to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_object_set_data_full (G_OBJECT (row), "shou-label", g_strdup (label), g_free);
  if (out_count != NULL)
    *out_count = GTK_LABEL (count);

  return row;
}

static void
shou_sidebar_update_shops (ShouSidebar *self)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (self->store);
  GtkWidget *row;
  GtkWidget *child;
  GtkListBoxRow *selected = NULL;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shops_box))) != NULL)
    gtk_list_box_remove (self->shops_box, child);

  row = make_row ("view-grid-symbolic", _("All Shops"), NULL);
  gtk_list_box_append (self->shops_box, row);
  selected = GTK_LIST_BOX_ROW (row);

  for (guint i = 0; shops != NULL && i < shops->len; i++)
    {
      JsonObject *shop = g_ptr_array_index (shops, i);
      const char *id = json_object_get_string_member_with_default (shop, "key", NULL);
      const char *name = json_object_get_string_member_with_default (shop, "name", "");
      const char *platform_str = json_object_get_string_member_with_default (shop, "platform", "");
      ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
      g_autofree char *tooltip = NULL;

      if (id == NULL)
        continue;
      shou_platform_from_string (platform_str, &platform);
      if (shou_account_shop_needs_authorisation (shop))
        {
          /* Its cached requests stay readable; its actions wait until the
           * seller authorises it again (账号和店铺). */
          g_autofree char *label = g_strdup_printf (_("%s · %s"), name, shou_account_shop_authorisation_text (shop));

          GtkLabel *state = NULL;

          row = make_row ("dialog-warning-symbolic", name, &state);
          gtk_label_set_text (state, shou_account_shop_authorisation_text (shop));
          gtk_widget_remove_css_class (GTK_WIDGET (state), "view-count");
          gtk_widget_add_css_class (GTK_WIDGET (state), "warning");
          gtk_widget_add_css_class (GTK_WIDGET (state), "caption");
          gtk_widget_set_visible (GTK_WIDGET (state), TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          tooltip = g_strdup_printf ("%s · %s", shou_platform_get_label (platform), label);
        }
      else
        {
          row = make_row (shou_platform_get_icon_name (platform), name, NULL);
          tooltip = g_strdup_printf ("%s · %s", shou_platform_get_label (platform), name);
        }
      gtk_widget_set_tooltip_text (row, tooltip);
      g_object_set_data_full (G_OBJECT (row), "shop-id", g_strdup (id), g_free);
      gtk_list_box_append (self->shops_box, row);
      if (g_strcmp0 (id, self->shop_id) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }

  gtk_list_box_select_row (self->shops_box, selected);
  self->updating = FALSE;

  if (selected != NULL && g_object_get_data (G_OBJECT (selected), "shop-id") == NULL
      && self->shop_id != NULL)
    shou_sidebar_set_shop_id (self, NULL);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  ShouSidebar *self = user_data;

  self->refresh_id = 0;
  shou_sidebar_update_counts (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouSidebar *self)
{
  /* Sync applies many pages in a row; count once they settle. */
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 200, on_refresh_idle_cb, self, NULL);
}

static void
on_accounts_changed_cb (ShouSidebar *self)
{
  shou_sidebar_update_shops (self);
  on_store_changed_cb (self);
}

static void
on_views_box_row_selected_cb (ShouSidebar   *self,
                              GtkListBoxRow *row)
{
  const char *name;

  if (row == NULL || self->updating)
    return;

  name = view_name_at ((guint) gtk_list_box_row_get_index (row));
  shou_sidebar_set_view_name (self, name);
}

static void
on_shops_box_row_selected_cb (ShouSidebar   *self,
                              GtkListBoxRow *row)
{
  if (row == NULL || self->updating)
    return;

  shou_sidebar_set_shop_id (self, g_object_get_data (G_OBJECT (row), "shop-id"));
}

static void
shou_sidebar_dispose (GObject *object)
{
  ShouSidebar *self = SHOU_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_sidebar_parent_class)->dispose (object);
}

static void
shou_sidebar_finalize (GObject *object)
{
  ShouSidebar *self = SHOU_SIDEBAR (object);

  g_free (self->view_name);
  g_free (self->shop_id);

  G_OBJECT_CLASS (shou_sidebar_parent_class)->finalize (object);
}

static void
shou_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ShouSidebar *self = SHOU_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW_NAME:
      g_value_set_string (value, self->view_name);
      break;
    case PROP_SHOP_ID:
      g_value_set_string (value, self->shop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_sidebar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ShouSidebar *self = SHOU_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW_NAME:
      shou_sidebar_set_view_name (self, g_value_get_string (value));
      break;
    case PROP_SHOP_ID:
      shou_sidebar_set_shop_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_sidebar_class_init (ShouSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_sidebar_dispose;
  object_class->finalize = shou_sidebar_finalize;
  object_class->get_property = shou_sidebar_get_property;
  object_class->set_property = shou_sidebar_set_property;

  properties[PROP_VIEW_NAME] =
    g_param_spec_string ("view-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOP_ID] =
    g_param_spec_string ("shop-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
shou_sidebar_init (ShouSidebar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading;

  self->view_name = g_strdup (view_name_at (0));

  self->views_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->views_box), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->views_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Views"),
                                  -1);
  for (guint i = 0; i < SHOU_SIDEBAR_N_VIEWS; i++)
    {
      const char *label = i < G_N_ELEMENTS (request_views)
                          ? shou_view_get_label (request_views[i])
                          : i == G_N_ELEMENTS (request_views) ? _("All Orders")
                          : i == G_N_ELEMENTS (request_views) + 1 ? _("Statistics")
                          : i == G_N_ELEMENTS (request_views) + 2 ? _("After-Sales Care") : _("Shipping Deadlines");
      GtkWidget *row = make_row (view_icons[i], label, &self->count_labels[i]);
      g_autofree char *tip = NULL;

      /* Translators: keyboard shortcut hint, %u is 0 to 9 (the tenth view is Alt+0) */
      tip = g_strdup_printf (_("Alt+%u"), (i + 1) % 10);
      gtk_widget_set_tooltip_text (row, tip);
      self->counts[i] = -1;
      gtk_list_box_append (self->views_box, row);
    }
  g_signal_connect_object (self->views_box, "row-selected",
                           G_CALLBACK (on_views_box_row_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->views_box));

  heading = gtk_label_new (_("Shops"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 18);
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (box), heading);

  self->shops_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->shops_box), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->shops_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shops"),
                                  -1);
  g_signal_connect_object (self->shops_box, "row-selected",
                           G_CALLBACK (on_shops_box_row_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->shops_box));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
shou_sidebar_new (ShouStore *store)
{
  ShouSidebar *self;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  self = g_object_new (SHOU_TYPE_SIDEBAR, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "accounts-changed", G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);

  self->updating = TRUE;
  gtk_list_box_select_row (self->views_box, gtk_list_box_get_row_at_index (self->views_box, 0));
  self->updating = FALSE;
  shou_sidebar_update_shops (self);
  shou_sidebar_update_counts (self);

  return GTK_WIDGET (self);
}

const char *
shou_sidebar_get_view_name (ShouSidebar *self)
{
  g_return_val_if_fail (SHOU_IS_SIDEBAR (self), NULL);

  return self->view_name;
}

gboolean
shou_sidebar_set_view_name (ShouSidebar *self,
                            const char  *view_name)
{
  int index;

  g_return_val_if_fail (SHOU_IS_SIDEBAR (self), FALSE);

  index = view_index_of (view_name);
  if (index < 0)
    return FALSE;

  self->updating = TRUE;
  gtk_list_box_select_row (self->views_box, gtk_list_box_get_row_at_index (self->views_box, index));
  self->updating = FALSE;

  if (g_strcmp0 (self->view_name, view_name) != 0)
    {
      g_free (self->view_name);
      self->view_name = g_strdup (view_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_NAME]);
    }

  return TRUE;
}

gboolean
shou_sidebar_set_view_index (ShouSidebar *self,
                             guint        index)
{
  g_return_val_if_fail (SHOU_IS_SIDEBAR (self), FALSE);

  if (index < 1 || index > SHOU_SIDEBAR_N_VIEWS)
    return FALSE;

  return shou_sidebar_set_view_name (self, view_name_at (index - 1));
}

const char *
shou_sidebar_get_shop_id (ShouSidebar *self)
{
  g_return_val_if_fail (SHOU_IS_SIDEBAR (self), NULL);

  return self->shop_id;
}

void
shou_sidebar_set_shop_id (ShouSidebar *self,
                          const char  *shop_id)
{
  g_return_if_fail (SHOU_IS_SIDEBAR (self));

  if (g_strcmp0 (self->shop_id, shop_id) == 0)
    return;

  g_free (self->shop_id);
  self->shop_id = g_strdup (shop_id);

  if (!self->updating)
    {
      GtkListBoxRow *match = NULL;

      for (int i = 0; ; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->shops_box, i);

          if (row == NULL)
            break;
          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "shop-id"), shop_id) == 0)
            {
              match = row;
              break;
            }
        }
      self->updating = TRUE;
      gtk_list_box_select_row (self->shops_box, match);
      self->updating = FALSE;
    }

  shou_sidebar_update_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP_ID]);
}

int
shou_sidebar_get_count (ShouSidebar *self,
                        const char  *view_name)
{
  int index;

  g_return_val_if_fail (SHOU_IS_SIDEBAR (self), -1);

  index = view_index_of (view_name);
  if (index < 0)
    return -1;

  return self->counts[index];
}

void
shou_sidebar_refresh (ShouSidebar *self)
{
  g_return_if_fail (SHOU_IS_SIDEBAR (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  shou_sidebar_update_shops (self);
  shou_sidebar_update_counts (self);
}

void
shou_sidebar_set_now (ShouSidebar *self,
                      gint64       now)
{
  g_return_if_fail (SHOU_IS_SIDEBAR (self));

  self->now = now;
  /* 即将超时 changes as deadlines come within 24 h, with no write to the
   * store; a minute is as fine as the count needs. */
  if (self->store != NULL && now / (60 * G_USEC_PER_SEC) != self->counted_at)
    shou_sidebar_update_counts (self);
}
