/* shou-queue-view.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-claim-filter.h"
#include "shou-countdown-label.h"
#include "shou-queue-columns.h"
#include "shou-queue-copy.h"
#include "shou-queue-selection.h"
#include "shou-queue-view.h"

typedef enum
{
  COLUMN_COUNTDOWN,
  COLUMN_WHERE,
  COLUMN_ORDER,
  COLUMN_GOODS,
  COLUMN_AMOUNT,
  COLUMN_STATUS,
  COLUMN_PLATFORM,
  COLUMN_TYPE,
  COLUMN_BUYER,
  COLUMN_REASON,
  N_COLUMNS
} Column;

typedef struct
{
  const char *id;
  const char *title;
  int         sort_key;   /* ShouSortKey, or -1 when the column does not sort */
  gboolean    expand;
  int         fixed_width;
} ColumnInfo;

/* The default order puts what a seller reads first, first: at 1024x700,
 * with the sidebar and the detail shown, the deadline, the whole order
 * number, the goods, the amount and the status fit without scrolling. */
static const ColumnInfo columns[N_COLUMNS] = {
  { "countdown", N_("Time Left"), SHOU_SORT_DEADLINE, FALSE, 108 },
  /* Shown for a search everywhere: the view and shop of each match. */
  { "where", N_("View and Shop"), -1, FALSE, 160 },
  { "order", N_("Order No."), SHOU_SORT_ORDER_NO, FALSE, 150 },
  { "goods", N_("Goods"), -1, TRUE, 60 },
  { "amount", N_("Amount"), SHOU_SORT_AMOUNT, FALSE, 68 },
  { "status", N_("Status"), SHOU_SORT_STATUS, FALSE, 84 },
  { "platform", N_("Platform"), SHOU_SORT_PLATFORM, FALSE, 72 },
  { "type", N_("Type"), SHOU_SORT_TYPE, FALSE, 72 },
  { "buyer", N_("Buyer"), SHOU_SORT_BUYER, FALSE, 80 },
  { "reason", N_("Reason"), -1, TRUE, 56 },
};

typedef struct
{
  struct _ShouQueueView *self;
  int                    sort_key;
} SortProbe;

struct _ShouQueueView
{
  GtkWidget           parent_instance;

  GtkWidget          *claim_filter;
  GtkScrolledWindow  *scroller;
  GtkColumnView      *column_view;
  ShouQueueSelection *selection;
  ShouRequestList    *list;
  ShouClock          *clock;
  GtkColumnViewColumn *columns[N_COLUMNS];
  ShouQueueColumns   *arrangement;
  gboolean            show_where;

  char               *selected_id;
  int                 probed_key;
  guint               reveal_id;
};

/* Rows a re-query shows in its first frame: more than a screenful. GTK
 * 4.8 makes widgets for ~200 rows at once (9 cells each); the others come
 * in the next frames (shou_request_list_set_reveal_step). */
#define REVEAL_STEP 48
#define REVEAL_INTERVAL_MS 30

G_DEFINE_FINAL_TYPE (ShouQueueView, shou_queue_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
make_inscription (gboolean numeric)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 3);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  if (numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      gtk_inscription_set_attributes (GTK_INSCRIPTION (inscription), attrs);
      pango_attr_list_unref (attrs);
    }

  return inscription;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  ShouQueueView *self = g_object_get_data (G_OBJECT (factory), "shou-queue-view");
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child = NULL;
  GtkWidget *box;
  GtkWidget *widget;

  switch (column)
    {
    case COLUMN_COUNTDOWN:
      /* The header says 剩余时间: the cell says how long, on one line. */
      child = shou_countdown_label_new (self->clock);
      shou_countdown_label_set_compact (SHOU_COUNTDOWN_LABEL (child), TRUE);
      break;
    case COLUMN_PLATFORM:
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), gtk_image_new ());
      gtk_box_append (GTK_BOX (box), make_inscription (FALSE));
      child = box;
      break;
    case COLUMN_GOODS:
      {
        GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

        box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        gtk_box_append (GTK_BOX (box), make_inscription (FALSE));
        widget = make_inscription (FALSE);
        gtk_widget_add_css_class (widget, "dim-label");
        gtk_widget_add_css_class (widget, "caption");
        gtk_box_append (GTK_BOX (line), widget);
        /* The request's tags as chips after the SKU, on its line: a tagged
         * row is as tall as any other. */
        widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
        gtk_widget_add_css_class (widget, "tag-chips");
        gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
        gtk_widget_set_visible (widget, FALSE);
        gtk_box_append (GTK_BOX (line), widget);
        gtk_box_append (GTK_BOX (box), line);
        child = box;
      }
      break;
    case COLUMN_STATUS:
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_box_append (GTK_BOX (box), make_inscription (FALSE));
      widget = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
      gtk_widget_add_css_class (widget, "pending-sync");
      gtk_widget_set_tooltip_text (widget, _("Your action is waiting to sync"));
      gtk_box_append (GTK_BOX (box), widget);
      widget = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (widget, "conflict");
      gtk_box_append (GTK_BOX (box), widget);
      widget = make_inscription (FALSE);
      gtk_widget_add_css_class (widget, "claim-holder");
      gtk_box_append (GTK_BOX (box), widget);
      child = box;
      break;
    case COLUMN_AMOUNT:
      child = make_inscription (TRUE);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (child), 1.0f);
      break;
    case COLUMN_ORDER:
      child = make_inscription (TRUE);
      break;
    case COLUMN_WHERE:
    case COLUMN_TYPE:
    case COLUMN_BUYER:
    case COLUMN_REASON:
      child = make_inscription (FALSE);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_widget_add_css_class (child, "queue-cell");
  g_object_set_data (G_OBJECT (child), "shou-list-item", list_item);
  gtk_list_item_set_child (list_item, child);
  /* GTK 4.8 lets a click reach both the cell and its row, each selecting:
   * a Ctrl-click would toggle the row twice. The row alone selects. */
  gtk_list_item_set_selectable (list_item, FALSE);
}

/* "张三 处理中": another staff member of the team handles it. */
static void
set_claim_holder (GtkWidget  *widget,
                  const char *holder)
{
  g_autofree char *text = NULL;

  /* Translators: %s is a staff member's name; the queue and the
   * request say so while they work on it ("张三 处理中"). */
  text = holder ? g_strdup_printf (_("%s is handling this"), holder) : NULL;
  gtk_inscription_set_text (GTK_INSCRIPTION (widget), text);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, holder != NULL);
}

/* The row's tags as small chips: plain labels (the merchant's own words
 * as text, never markup; not focusable, so a row keeps one tab stop),
 * the first MAX_TAG_CHIPS, then "+N". */
#define MAX_TAG_CHIPS 2

static void
set_tag_chips (GtkWidget          *box,
               const char * const *tags)
{
  GtkWidget *chip;
  guint n = tags ? g_strv_length ((char **) tags) : 0;
  g_autofree char *all = NULL;

  while ((chip = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), chip);
  for (guint i = 0; i < n && i < MAX_TAG_CHIPS; i++)
    {
      chip = gtk_label_new (tags[i]);
      gtk_label_set_use_markup (GTK_LABEL (chip), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      /* At least two characters of each, at most about ten, in a narrow column. */
      gtk_label_set_width_chars (GTK_LABEL (chip), (int) MIN (g_utf8_strlen (tags[i], -1), 2));
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 10);
      gtk_label_set_single_line_mode (GTK_LABEL (chip), TRUE);
      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_add_css_class (chip, "caption");
      gtk_box_append (GTK_BOX (box), chip);
    }
  if (n > MAX_TAG_CHIPS)
    {
      g_autofree char *more = NULL;

      /* Translators: after a row's first tag chips: how many more tags it has ("+2") */
      more = g_strdup_printf (_("+%u"), n - MAX_TAG_CHIPS);
      chip = gtk_label_new (more);
      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_add_css_class (chip, "caption");
      gtk_box_append (GTK_BOX (box), chip);
    }
  gtk_widget_set_visible (box, n > 0);
  if (n > 0)
    {
      g_autofree char *joined = g_strjoinv (C_("list separator", ", "), (char **) tags);

      /* Translators: the tooltip over a row's tag chips: the request's tags, "标签：加急、大客户" */
      all = g_strdup_printf (_("Tags: %s"), joined);
    }
  gtk_widget_set_tooltip_text (box, all);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, all ? all : "", -1);
}

/* "已完结 · 旗舰店": where a search result lives. */
static char *
where_text (ShouRequestItem *item)
{
  const char *shop = shou_request_item_get_shop_name (item);

  if (shop == NULL || *shop == '\0')
    return g_strdup (shou_view_get_label (shou_request_item_get_home_view (item)));
  /* Translators: a search result's view and shop, "已完结 · 旗舰店" */
  return g_strdup_printf (_("%s · %s"), shou_view_get_label (shou_request_item_get_home_view (item)), shop);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  ShouRequestItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (user_data);
  g_autofree char *amount = NULL;
  g_autofree char *where = NULL;
  GtkWidget *first;
  GtkWidget *second;
  GtkWidget *third;
  const char *conflict;

  switch (column)
    {
    case COLUMN_COUNTDOWN:
      shou_countdown_label_set_deadline (SHOU_COUNTDOWN_LABEL (child),
                                         shou_request_item_get_deadline_at (item),
                                         shou_request_item_get_on_lapse (item));
      shou_countdown_label_set_approximate (SHOU_COUNTDOWN_LABEL (child),
                                            shou_request_item_get_deadline_approximate (item));
      break;
    case COLUMN_PLATFORM:
      first = gtk_widget_get_first_child (child);
      second = gtk_widget_get_next_sibling (first);
      gtk_image_set_from_icon_name (GTK_IMAGE (first),
                                    shou_platform_get_icon_name (shou_request_item_get_platform (item)));
      gtk_inscription_set_text (GTK_INSCRIPTION (second),
                                shou_platform_get_label (shou_request_item_get_platform (item)));
      gtk_widget_set_tooltip_text (child, shou_request_item_get_shop_name (item));
      break;
    case COLUMN_WHERE:
      where = where_text (item);
      gtk_inscription_set_text (GTK_INSCRIPTION (child), where);
      break;
    case COLUMN_TYPE:
      gtk_inscription_set_text (GTK_INSCRIPTION (child),
                                shou_request_type_get_label (shou_request_item_get_request_type (item)));
      break;
    case COLUMN_ORDER:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), shou_request_item_get_order_no (item));
      break;
    case COLUMN_GOODS:
      first = gtk_widget_get_first_child (child);
      second = gtk_widget_get_first_child (gtk_widget_get_next_sibling (first));
      gtk_inscription_set_text (GTK_INSCRIPTION (first), shou_request_item_get_goods_title (item));
      gtk_inscription_set_text (GTK_INSCRIPTION (second), shou_request_item_get_sku (item));
      set_tag_chips (gtk_widget_get_next_sibling (second), shou_request_item_get_tags (item));
      break;
    case COLUMN_BUYER:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), shou_request_item_get_buyer (item));
      break;
    case COLUMN_AMOUNT:
      amount = shou_money_format (shou_request_item_get_amount_fen (item));
      gtk_inscription_set_text (GTK_INSCRIPTION (child), amount);
      break;
    case COLUMN_STATUS:
      first = gtk_widget_get_first_child (child);
      second = gtk_widget_get_next_sibling (first);
      third = gtk_widget_get_next_sibling (second);
      conflict = shou_request_item_get_conflict (item);
      gtk_inscription_set_text (GTK_INSCRIPTION (first),
                                shou_status_describe (shou_request_item_get_status (item),
                                                      shou_request_item_get_exchange_shipped (item)));
      gtk_widget_set_visible (second, shou_request_item_get_pending_actions (item) > 0);
      gtk_widget_set_visible (third, conflict != NULL);
      gtk_widget_set_tooltip_text (third, conflict);
      set_claim_holder (gtk_widget_get_next_sibling (third), shou_request_item_get_claim_holder (item));
      break;
    case COLUMN_REASON:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), shou_request_item_get_reason_text (item));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  /* Rows that scroll away stop listening to the clock. */
  if (GPOINTER_TO_INT (user_data) == COLUMN_COUNTDOWN)
    {
      shou_countdown_label_set_deadline (SHOU_COUNTDOWN_LABEL (child), 0, SHOU_LAPSE_NONE);
      shou_countdown_label_set_approximate (SHOU_COUNTDOWN_LABEL (child), FALSE);
    }
}

static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortProbe *probe = user_data;

  probe->self->probed_key = probe->sort_key;

  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed_cb (ShouQueueView *self,
                      GtkSorterChange change,
                      GtkSorter     *sorter)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  /* GTK 4.8 has no gtk_column_view_sorter_get_primary_sort_column (): ask
   * the column view's sorter to compare two probes; the first column sorter
   * it consults is the primary one, and an inverted answer means descending. */
  self->probed_key = -1;
  ordering = gtk_sorter_compare (sorter, a, b);

  if (self->probed_key < 0 || ordering == GTK_ORDERING_EQUAL)
    shou_request_list_set_sort (self->list, SHOU_SORT_DEADLINE, FALSE);
  else
    shou_request_list_set_sort (self->list, self->probed_key,
                                ordering == GTK_ORDERING_LARGER);
}

/* "selected-id" is the one request chosen; several chosen make it NULL
 * (the window shows their summary). A request that leaves the list after
 * an action stays chosen. */
static void
on_selection_changed_cb (ShouQueueView *self)
{
  const char *single = shou_queue_selection_get_single (self->selection);

  if (single == NULL && !shou_queue_selection_is_multiple (self->selection) && self->selected_id != NULL)
    return;
  if (g_strcmp0 (self->selected_id, single) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (single);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
stop_reveal (ShouQueueView *self)
{
  g_clear_handle_id (&self->reveal_id, g_source_remove);
}

static gboolean
on_reveal_timeout_cb (gpointer user_data)
{
  ShouQueueView *self = user_data;

  if (shou_request_list_reveal_more (self->list, 0))
    return G_SOURCE_CONTINUE;
  self->reveal_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_reveal (ShouQueueView *self)
{
  /* No frames come to a hidden view: everything at once. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      stop_reveal (self);
      shou_request_list_reveal_more (self->list, G_MAXUINT);
      return;
    }
  /* A frame apart: the first rows are painted before more come. */
  if (self->reveal_id == 0)
    self->reveal_id = g_timeout_add (REVEAL_INTERVAL_MS, on_reveal_timeout_cb, self);
}

static void
shou_queue_view_unmap (GtkWidget *widget)
{
  ShouQueueView *self = SHOU_QUEUE_VIEW (widget);

  GTK_WIDGET_CLASS (shou_queue_view_parent_class)->unmap (widget);
  if (self->reveal_id != 0)
    start_reveal (self);
}

static void
on_list_items_changed_cb (ShouQueueView *self,
                          guint          position,
                          guint          removed,
                          guint          added,
                          GListModel    *model)
{
  if (shou_request_list_is_replacing (self->list))
    return;
  /* The selection keeps keys: a chosen row that comes in shows chosen. */
  if (shou_request_list_get_revealing (self->list))
    start_reveal (self);
}

static gboolean
on_key_pressed_cb (ShouQueueView         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  /* Escape clears a selection of several rows; one row stays chosen, as
   * before (Escape also leaves the search). */
  if (keyval != GDK_KEY_Escape || !shou_queue_selection_is_multiple (self->selection))
    return FALSE;
  shou_queue_view_unselect (self);
  return TRUE;
}

static void
on_column_view_activate_cb (ShouQueueView *self,
                            guint          position)
{
  g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item == NULL)
    return;

  shou_queue_selection_set_only (self->selection, shou_request_item_get_id (item));
  g_signal_emit (self, signals[ACTIVATED], 0, shou_request_item_get_id (item));
}

static void
shou_queue_view_dispose (GObject *object)
{
  ShouQueueView *self = SHOU_QUEUE_VIEW (object);

  stop_reveal (self);
  g_clear_pointer (&self->arrangement, shou_queue_columns_free);
  shou_queue_copy_dispose (GTK_WIDGET (self));
  /* Removing the columns changes the sorter: no re-query while going. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_pointer (&self->claim_filter, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->scroller, gtk_widget_unparent);
  self->column_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (shou_queue_view_parent_class)->dispose (object);
}

static void
shou_queue_view_finalize (GObject *object)
{
  ShouQueueView *self = SHOU_QUEUE_VIEW (object);

  g_free (self->selected_id);

  G_OBJECT_CLASS (shou_queue_view_parent_class)->finalize (object);
}

static void
shou_queue_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShouQueueView *self = SHOU_QUEUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
shou_queue_view_grab_focus (GtkWidget *widget)
{
  ShouQueueView *self = SHOU_QUEUE_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
shou_queue_view_class_init (ShouQueueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_queue_view_dispose;
  object_class->finalize = shou_queue_view_finalize;
  object_class->get_property = shou_queue_view_get_property;
  widget_class->grab_focus = shou_queue_view_grab_focus;
  widget_class->unmap = shou_queue_view_unmap;
  shou_queue_copy_class_init (widget_class);

  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "queue-view");
}

static void
shou_queue_view_init (ShouQueueView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* Wide enough for the longest order number (Pinduoduo's 22 characters)
 * in the font the seller's desktop uses: whole, never "…". */
static int
order_column_width (GtkWidget *widget)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, "888888-888888888888888");
  PangoAttrList *attrs = pango_attr_list_new ();
  int width = 0;

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);

  /* The cell's padding on both sides. */
  return MAX (columns[COLUMN_ORDER].fixed_width, width + 20);
}

/* The view and shop column shows for a search everywhere only; the
 * platform column hides while one shop is chosen (every row is of it),
 * unless a search everywhere shows other shops' rows. */
static void
update_forced_columns (ShouQueueView *self)
{
  gboolean one_shop = shou_request_list_get_shop_id (self->list) != NULL;

  shou_queue_columns_set_forced_hidden (self->arrangement, "where", !self->show_where);
  shou_queue_columns_set_forced_hidden (self->arrangement, "platform", one_shop && !self->show_where);
}

static void
shou_queue_view_build (ShouQueueView *self)
{
  GtkEventController *keys;
  GtkSorter *sorter;

  shou_request_list_set_reveal_step (self->list, REVEAL_STEP);
  self->selection = shou_queue_selection_new (self->list);
  g_signal_connect_object (self->selection, "changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "queue");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("After-sales requests"),
                                  -1);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (on_column_view_activate_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  shou_queue_copy_attach (GTK_WIDGET (self), GTK_WIDGET (self->column_view), self->list, self->selection);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "shou-queue-view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), GINT_TO_POINTER (i));

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);

      if (columns[i].sort_key >= 0)
        {
          SortProbe *probe = g_new0 (SortProbe, 1);
          g_autoptr(GtkSorter) column_sorter = NULL;

          probe->self = self;
          probe->sort_key = columns[i].sort_key;
          column_sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, probe, g_free));
          gtk_column_view_column_set_sorter (column, column_sorter);
        }

      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);
    }
  {
    ShouQueueColumnSpec specs[N_COLUMNS];

    for (guint i = 0; i < N_COLUMNS; i++)
      specs[i] = (ShouQueueColumnSpec) { columns[i].id, columns[i].fixed_width, i != COLUMN_WHERE };
    specs[COLUMN_ORDER].default_width = order_column_width (GTK_WIDGET (self->column_view));
    gtk_column_view_column_set_fixed_width (self->columns[COLUMN_ORDER], specs[COLUMN_ORDER].default_width);
    self->arrangement = shou_queue_columns_new (self->column_view, self->columns, specs, N_COLUMNS);
  }
  update_forced_columns (self);
  g_signal_connect_object (self->list, "notify::shop-id",
                           G_CALLBACK (update_forced_columns), self, G_CONNECT_SWAPPED);

  sorter = gtk_column_view_get_sorter (self->column_view);
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_COUNTDOWN],
                                  GTK_SORT_ASCENDING);
  g_signal_connect_object (sorter, "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  self->claim_filter = shou_claim_filter_new (self->list);
  gtk_widget_set_parent (self->claim_filter, GTK_WIDGET (self));
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));
}

GtkWidget *
shou_queue_view_new (ShouRequestList *list,
                     ShouClock       *clock)
{
  ShouQueueView *self;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (list), NULL);
  g_return_val_if_fail (SHOU_IS_CLOCK (clock), NULL);

  self = g_object_new (SHOU_TYPE_QUEUE_VIEW, NULL);
  self->list = g_object_ref (list);
  self->clock = g_object_ref (clock);
  shou_queue_view_build (self);

  return GTK_WIDGET (self);
}

ShouRequestList *
shou_queue_view_get_list (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return self->list;
}

GtkColumnView *
shou_queue_view_get_column_view (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return self->column_view;
}

ShouQueueSelection *
shou_queue_view_get_selection (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return self->selection;
}

const char *
shou_queue_view_get_selected_id (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return self->selected_id;
}

/* GTK 4.8 has no gtk_column_view_scroll_to (): its inner list view has the
 * "list.scroll-to-item" action. */
static void
scroll_to (ShouQueueView *self,
           guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

int
shou_queue_view_select_id (ShouQueueView *self,
                           const char    *request_id)
{
  int pos;

  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), -1);
  g_return_val_if_fail (request_id != NULL, -1);

  pos = shou_request_list_find (self->list, request_id);
  if (pos >= 0)
    {
      shou_request_list_reveal_more (self->list, (guint) pos + 1);
      scroll_to (self, (guint) pos);
    }
  shou_queue_selection_set_only (self->selection, request_id);

  if (g_strcmp0 (self->selected_id, request_id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (request_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
    }

  return pos;
}

gboolean
shou_queue_view_select_position (ShouQueueView *self,
                                 guint          position)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), FALSE);

  return gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/* Forgets the choice: nothing is selected, and "selected-id" is NULL. */
void
shou_queue_view_unselect (ShouQueueView *self)
{
  g_return_if_fail (SHOU_IS_QUEUE_VIEW (self));

  shou_queue_selection_set_only (self->selection, NULL);
  if (self->selected_id != NULL)
    {
      g_clear_pointer (&self->selected_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
    }
}

void
shou_queue_view_focus_list (ShouQueueView *self)
{
  g_return_if_fail (SHOU_IS_QUEUE_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
shou_queue_view_sort_by (ShouQueueView *self,
                         const char    *column_id,
                         gboolean       descending)
{
  g_return_if_fail (SHOU_IS_QUEUE_VIEW (self));
  g_return_if_fail (column_id != NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (g_str_equal (columns[i].id, column_id))
        {
          gtk_column_view_sort_by_column (self->column_view, self->columns[i],
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return;
        }
    }

  g_return_if_reached ();
}

/* The view and shop column: shown for a search everywhere. */
void
shou_queue_view_set_show_where (ShouQueueView *self,
                                gboolean       show)
{
  g_return_if_fail (SHOU_IS_QUEUE_VIEW (self));

  self->show_where = !!show;
  update_forced_columns (self);
}

/* Applies the seller's saved columns and remembers their changes. */
void
shou_queue_view_bind_settings (ShouQueueView *self,
                               GSettings     *settings)
{
  g_return_if_fail (SHOU_IS_QUEUE_VIEW (self));

  shou_queue_columns_bind (self->arrangement, settings);
}

GActionGroup *
shou_queue_view_get_column_actions (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return shou_queue_columns_get_actions (self->arrangement);
}

GMenuModel *
shou_queue_view_get_column_menu (ShouQueueView *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (self), NULL);

  return shou_queue_columns_get_menu (self->arrangement);
}
