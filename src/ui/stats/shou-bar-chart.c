/* shou-bar-chart.c: horizontal bars with their labels and values. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-chart-input.h"
#include "shou-bar-chart.h"

#define BAR_HEIGHT 22
#define BAR_GAP    8
#define LABEL_WIDTH 160
#define MAX_BARS   10

struct _ShouBarChart
{
  GtkWidget  parent_instance;

  char      *title;
  GPtrArray *labels;
  GPtrArray *targets;  /* per bar: win.show-filtered's parameter, or NULL */
  GArray    *values;
  char      *summary;
  int        hovered;
  int        focused;   /* the bar the keyboard is on */
};

G_DEFINE_FINAL_TYPE (ShouBarChart, shou_bar_chart, GTK_TYPE_WIDGET)

static guint
max_value (ShouBarChart *self)
{
  guint m = 0;

  for (guint i = 0; i < self->values->len; i++)
    m = MAX (m, g_array_index (self->values, guint, i));
  return m;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
shou_bar_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ShouBarChart *self = SHOU_BAR_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  guint top = max_value (self);
  GdkRGBA fg, accent, trough;

  gtk_style_context_get_color (context, &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  trough = fg;
  trough.alpha = 0.08f;

  for (guint i = 0; i < self->labels->len; i++)
    {
      guint value = g_array_index (self->values, guint, i);
      g_autofree char *number = g_strdup_printf ("%u", value);
      PangoLayout *layout;
      int y = i * (BAR_HEIGHT + BAR_GAP);
      int bar_room = MAX (width - LABEL_WIDTH - 48, 10);
      float bar_width = top ? (float) bar_room * value / top : 0;
      GdkRGBA color = accent;
      int lw, lh;

      if ((int) i == self->hovered)
        color.alpha = 0.7f;
      if ((int) i == self->focused && gtk_widget_has_visible_focus (widget))
        {
          GskRoundedRect outline;
          GdkRGBA ring = accent;

          ring.alpha = 0.5f;
          gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (LABEL_WIDTH - 3, y - 3,
                                                                           bar_room + 6, BAR_HEIGHT + 6), 4);
          gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { ring, ring, ring, ring });
        }
      gtk_snapshot_append_color (snapshot, &trough,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y, bar_room, BAR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y, MAX (bar_width, 2), BAR_HEIGHT));

      layout = gtk_widget_create_pango_layout (widget, self->labels->pdata[i]);
      pango_layout_set_width (layout, (LABEL_WIDTH - 12) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (LABEL_WIDTH - 12 - lw, y + (BAR_HEIGHT - lh) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);

      layout = gtk_widget_create_pango_layout (widget, number);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (LABEL_WIDTH + MAX (bar_width, 2) + 6,
                                                              y + (BAR_HEIGHT - lh) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }
}

static void
shou_bar_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  ShouBarChart *self = SHOU_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = LABEL_WIDTH + 120;
      *natural = LABEL_WIDTH + 360;
    }
  else
    *minimum = *natural = MAX ((int) self->labels->len, 1) * (BAR_HEIGHT + BAR_GAP);
}

int
shou_bar_chart_bar_at (ShouBarChart *self,
                       double        y)
{
  int i;

  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), -1);
  if (y < 0)
    return -1;
  i = (int) (y / (BAR_HEIGHT + BAR_GAP));
  if (i >= (int) self->labels->len || y - i * (BAR_HEIGHT + BAR_GAP) > BAR_HEIGHT)
    return -1;
  return i;
}

char *
shou_bar_chart_describe_bar (ShouBarChart *self,
                             guint         i)
{
  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (i < self->labels->len, NULL);

  /* Translators: a bar of a chart: its label and its count */
  return g_strdup_printf (_("%s: %u"), (const char *) self->labels->pdata[i],
                          g_array_index (self->values, guint, i));
}

gboolean
shou_bar_chart_activate_bar (ShouBarChart *self,
                             guint         i)
{
  const char *target;

  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), FALSE);

  if (i >= self->targets->len || (target = self->targets->pdata[i]) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.show-filtered", "s", target);
}

static void
on_click_released_cb (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      ShouBarChart    *self)
{
  int bar = shou_bar_chart_bar_at (self, y);

  if (bar < 0)
    return;
  self->focused = bar;
  shou_bar_chart_activate_bar (self, bar);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *key,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ShouBarChart          *self)
{
  int n = self->labels->len;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      self->focused = CLAMP (self->focused - 1, 0, n - 1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      self->focused = CLAMP (self->focused + 1, 0, n - 1);
      break;
    case GDK_KEY_Home:
      self->focused = 0;
      break;
    case GDK_KEY_End:
      self->focused = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      shou_bar_chart_activate_bar (self, CLAMP (self->focused, 0, n - 1));
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

int
shou_bar_chart_get_focused (ShouBarChart *self)
{
  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), -1);
  return self->labels->len ? CLAMP (self->focused, 0, (int) self->labels->len - 1) : -1;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              ShouBarChart             *self)
{
  int bar = shou_bar_chart_bar_at (self, y);

  if (bar != self->hovered)
    {
      self->hovered = bar;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             ShouBarChart             *self)
{
  self->hovered = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     ShouBarChart *self)
{
  int bar = keyboard ? shou_bar_chart_get_focused (self) : shou_bar_chart_bar_at (self, y);
  g_autofree char *text = NULL;

  if (bar < 0 || (guint) bar >= self->labels->len)
    return FALSE;
  text = shou_bar_chart_describe_bar (self, bar);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
shou_bar_chart_set_bars (ShouBarChart *self,
                         const char  **labels,
                         const guint  *values,
                         const char  **targets,
                         guint         n)
{
  GString *summary;

  g_return_if_fail (SHOU_IS_BAR_CHART (self));

  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->targets, 0);
  g_array_set_size (self->values, 0);
  summary = g_string_new (self->title);
  for (guint i = 0; i < MIN (n, MAX_BARS); i++)
    {
      g_autofree char *bar = NULL;

      g_ptr_array_add (self->labels, g_strdup (labels[i]));
      g_ptr_array_add (self->targets, targets ? g_strdup (targets[i]) : NULL);
      g_array_append_val (self->values, values[i]);
      bar = shou_bar_chart_describe_bar (self, i);
      /* Translators: separates the bars in a chart's text for screen readers */
      g_string_append (summary, i == 0 ? _(": ") : _(", "));
      g_string_append (summary, bar);
    }
  if (n == 0)
    {
      g_string_append (summary, _(": "));
      g_string_append (summary, _("none"));
    }
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);
  self->hovered = -1;
  self->focused = 0;
  gtk_widget_set_focusable (GTK_WIDGET (self), targets != NULL && n > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
shou_bar_chart_get_n_bars (ShouBarChart *self)
{
  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), 0);
  return self->labels->len;
}

const char *
shou_bar_chart_get_summary (ShouBarChart *self)
{
  g_return_val_if_fail (SHOU_IS_BAR_CHART (self), NULL);
  return self->summary;
}

static void
shou_bar_chart_finalize (GObject *object)
{
  ShouBarChart *self = SHOU_BAR_CHART (object);

  g_free (self->title);
  g_free (self->summary);
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->targets);
  g_array_unref (self->values);
  G_OBJECT_CLASS (shou_bar_chart_parent_class)->finalize (object);
}

static void
shou_bar_chart_class_init (ShouBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shou_bar_chart_finalize;
  widget_class->snapshot = shou_bar_chart_snapshot;
  widget_class->measure = shou_bar_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "barchart");
}

static void
shou_bar_chart_init (ShouBarChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->targets = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (guint));
  self->hovered = -1;
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  shou_chart_input_connect (GTK_WIDGET (self), G_CALLBACK (on_motion_cb), G_CALLBACK (on_leave_cb),
                            G_CALLBACK (on_key_pressed_cb), G_CALLBACK (on_query_tooltip_cb));
}

GtkWidget *
shou_bar_chart_new (const char *title)
{
  ShouBarChart *self = g_object_new (SHOU_TYPE_BAR_CHART, NULL);

  self->title = g_strdup (title);
  shou_bar_chart_set_bars (self, NULL, NULL, NULL, 0);
  return GTK_WIDGET (self);
}
