/* shou-line-chart.c: day-by-day lines with a legend, a value axis and the
 * hovered day marked. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-chart-input.h"
#include "shou-line-chart.h"

#define AXIS_WIDTH  56.0
#define LEGEND      24.0
#define BOTTOM      22.0
#define RIGHT       32.0
#define HEIGHT      200
#define MAX_LINES   3

typedef struct
{
  char   *name;
  double *values;
} Line;

struct _ShouLineChart
{
  GtkWidget          parent_instance;

  char              *title;
  ShouLineChartUnit  unit;
  GPtrArray         *days;    /* labels */
  GPtrArray         *lines;   /* Line */
  char              *summary;
  int                hovered;
};

G_DEFINE_FINAL_TYPE (ShouLineChart, shou_line_chart, GTK_TYPE_WIDGET)

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->name);
  g_free (line->values);
  g_free (line);
}

static char *
format_value (ShouLineChart *self,
              double         value)
{
  if (value < 0)
    /* Translators: a rate that cannot be known (no order count) */
    return g_strdup (_("unknown"));
  if (self->unit == SHOU_LINE_CHART_RATES)
    /* Translators: a rate in percent, e.g. "12.5%" */
    return g_strdup_printf (_("%.1f%%"), value * 100);
  return g_strdup_printf ("%.0f", value);
}

/* The axis' top: four round steps (1, 2 or 5 times a power of ten; for
 * rates, of a percent) at or above every value. */
static double
axis_top (ShouLineChart *self)
{
  double top = 0, unit = self->unit == SHOU_LINE_CHART_RATES ? 0.01 : 1, raw, power, step;

  for (guint l = 0; l < self->lines->len; l++)
    for (guint i = 0; i < self->days->len; i++)
      top = MAX (top, ((Line *) self->lines->pdata[l])->values[i]);
  raw = MAX (top / unit / 4, 1);
  power = pow (10, floor (log10 (raw)));
  step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
  return 4 * step * unit;
}

static double
point_x (ShouLineChart *self,
         guint          i,
         double         width)
{
  double room = width - AXIS_WIDTH - RIGHT;

  if (self->days->len <= 1)
    return AXIS_WIDTH + room / 2;
  return AXIS_WIDTH + room * i / (self->days->len - 1);
}

static void
line_color (GtkWidget *widget,
            guint      index,
            GdkRGBA   *color)
{
  static const char * const names[MAX_LINES] = { "accent_color", NULL, "warning_color" };
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, color);
  if (index < MAX_LINES && names[index] != NULL &&
      !gtk_style_context_lookup_color (context, names[index], color))
    gtk_style_context_get_color (context, color);
  if (index == 1)
    color->alpha *= 0.55f;
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_legend (ShouLineChart *self,
             cairo_t       *cr,
             double         width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = AXIS_WIDTH;

  for (guint l = 0; l < self->lines->len; l++)
    {
      Line *line = self->lines->pdata[l];
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, line->name);
      GdkRGBA color, fg;
      int w, h;

      line_color (widget, l, &color);
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, LEGEND / 2 - 2, 16, 4);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x + 22, LEGEND / 2 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      x += 22 + w + 18;
    }
}

static void
shou_line_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ShouLineChart *self = SHOU_LINE_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double bottom = height - BOTTOM, plot_h = bottom - LEGEND - 8;
  double top = axis_top (self);
  guint n = self->days->len, every;
  GdkRGBA fg, grid;
  cairo_t *cr;

  if (n == 0 || width <= AXIS_WIDTH + RIGHT)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha = 0.12f;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_legend (self, cr, width);

  /* The value axis: four steps from zero to the top. */
  for (guint g = 0; g <= 4; g++)
    {
      double y = bottom - plot_h * g / 4;
      /* Whole percents on the axis: its steps are round. */
      g_autofree char *label = self->unit == SHOU_LINE_CHART_RATES
                               ? g_strdup_printf ("%.0f%%", top * g / 4 * 100)
                               : format_value (self, top * g / 4);

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_rectangle (cr, AXIS_WIDTH, y, width - AXIS_WIDTH - RIGHT, 1);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (widget, cr, label, AXIS_WIDTH - 8, y, 1.0);
    }
  /* The days: as many labels as fit, about 80 px each. */
  every = MAX (1, (guint) ceil (n * 80.0 / (width - AXIS_WIDTH - RIGHT)));
  gdk_cairo_set_source_rgba (cr, &fg);
  for (guint i = 0; i < n; i += every)
    show_text (widget, cr, self->days->pdata[i], point_x (self, i, width), bottom + BOTTOM / 2 + 2, 0.5);

  if (self->hovered >= 0 && (guint) self->hovered < n)
    {
      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_rectangle (cr, point_x (self, self->hovered, width) - 0.5, LEGEND + 8, 1, plot_h);
      cairo_fill (cr);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5);
  for (guint l = 0; l < self->lines->len; l++)
    {
      Line *line = self->lines->pdata[l];
      gboolean drawing = FALSE;
      GdkRGBA color;

      line_color (widget, l, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      /* An unknown value (negative) leaves a gap. */
      for (guint i = 0; i < n; i++)
        {
          double x = point_x (self, i, width), y = bottom - plot_h * MIN (line->values[i] / top, 1.0);

          if (line->values[i] < 0)
            drawing = FALSE;
          else if (drawing)
            cairo_line_to (cr, x, y);
          else
            {
              cairo_move_to (cr, x, y);
              drawing = TRUE;
            }
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        if (line->values[i] >= 0 && (n == 1 || (int) i == self->hovered))
          {
            cairo_arc (cr, point_x (self, i, width), bottom - plot_h * MIN (line->values[i] / top, 1.0),
                       (int) i == self->hovered ? 4.5 : 3, 0, 2 * G_PI);
            cairo_fill (cr);
          }
    }
  cairo_destroy (cr);
}

static void
shou_line_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    *minimum = *natural = HEIGHT;
}

int
shou_line_chart_day_at (ShouLineChart *self,
                        double         x)
{
  double width, step;
  int i;

  g_return_val_if_fail (SHOU_IS_LINE_CHART (self), -1);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (self->days->len == 0 || x < AXIS_WIDTH - 12 || x > width - RIGHT + 12)
    return -1;
  if (self->days->len == 1)
    return 0;
  step = (width - AXIS_WIDTH - RIGHT) / (self->days->len - 1);
  i = (int) floor ((x - AXIS_WIDTH) / step + 0.5);
  return CLAMP (i, 0, (int) self->days->len - 1);
}

char *
shou_line_chart_describe_day (ShouLineChart *self,
                              guint          i)
{
  GString *text;

  g_return_val_if_fail (SHOU_IS_LINE_CHART (self), NULL);
  g_return_val_if_fail (i < self->days->len, NULL);

  text = g_string_new (self->days->pdata[i]);
  for (guint l = 0; l < self->lines->len; l++)
    {
      Line *line = self->lines->pdata[l];
      g_autofree char *value = format_value (self, line->values[i]);

      /* Translators: separates a day from its values, and the values */
      g_string_append (text, l == 0 ? _(": ") : _(", "));
      /* Translators: a line's name and its value on a day, e.g. 售后单 12 */
      g_string_append_printf (text, _("%s %s"), line->name, value);
    }
  return g_string_free (text, FALSE);
}

static void
set_hovered (ShouLineChart *self,
             int            day)
{
  if (day != self->hovered)
    {
      self->hovered = day;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              ShouLineChart            *self)
{
  set_hovered (self, shou_line_chart_day_at (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             ShouLineChart            *self)
{
  set_hovered (self, -1);
}

static gboolean
on_query_tooltip_cb (GtkWidget     *widget,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip,
                     ShouLineChart *self)
{
  int day = keyboard ? self->hovered : shou_line_chart_day_at (self, x);
  g_autofree char *text = NULL;

  if (day < 0 || (guint) day >= self->days->len || self->lines->len == 0)
    return FALSE;
  text = shou_line_chart_describe_day (self, day);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *key,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ShouLineChart         *self)
{
  int n = self->days->len;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    set_hovered (self, CLAMP (self->hovered < 0 ? n - 1 : self->hovered - 1, 0, n - 1));
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    set_hovered (self, CLAMP (self->hovered + 1, 0, n - 1));
  else
    return FALSE;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  return TRUE;
}

void
shou_line_chart_set_days (ShouLineChart  *self,
                          const char    **labels,
                          guint           n_points)
{
  g_return_if_fail (SHOU_IS_LINE_CHART (self));

  g_ptr_array_set_size (self->days, 0);
  g_ptr_array_set_size (self->lines, 0);
  for (guint i = 0; i < n_points; i++)
    g_ptr_array_add (self->days, g_strdup (labels[i]));
  self->hovered = -1;
}

void
shou_line_chart_add_line (ShouLineChart *self,
                          const char    *name,
                          const double  *values)
{
  Line *line;

  g_return_if_fail (SHOU_IS_LINE_CHART (self));
  g_return_if_fail (self->lines->len < MAX_LINES);

  line = g_new0 (Line, 1);
  line->name = g_strdup (name);
  line->values = g_memdup2 (values, sizeof (double) * MAX (self->days->len, 1));
  g_ptr_array_add (self->lines, line);
}

void
shou_line_chart_done (ShouLineChart *self)
{
  GString *summary;

  g_return_if_fail (SHOU_IS_LINE_CHART (self));

  summary = g_string_new (self->title);
  for (guint i = 0; i < self->days->len && self->lines->len > 0; i++)
    {
      g_autofree char *day = shou_line_chart_describe_day (self, i);

      /* Translators: separates the days in a chart's text for screen readers */
      g_string_append (summary, i == 0 ? _(": ") : _("; "));
      g_string_append (summary, day);
    }
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  gtk_widget_set_focusable (GTK_WIDGET (self), self->days->len > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
shou_line_chart_get_n_lines (ShouLineChart *self)
{
  g_return_val_if_fail (SHOU_IS_LINE_CHART (self), 0);
  return self->lines->len;
}

guint
shou_line_chart_get_n_days (ShouLineChart *self)
{
  g_return_val_if_fail (SHOU_IS_LINE_CHART (self), 0);
  return self->days->len;
}

const char *
shou_line_chart_get_summary (ShouLineChart *self)
{
  g_return_val_if_fail (SHOU_IS_LINE_CHART (self), NULL);
  return self->summary;
}

static void
shou_line_chart_finalize (GObject *object)
{
  ShouLineChart *self = SHOU_LINE_CHART (object);

  g_free (self->title);
  g_free (self->summary);
  g_ptr_array_unref (self->days);
  g_ptr_array_unref (self->lines);
  G_OBJECT_CLASS (shou_line_chart_parent_class)->finalize (object);
}

static void
shou_line_chart_class_init (ShouLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shou_line_chart_finalize;
  widget_class->snapshot = shou_line_chart_snapshot;
  widget_class->measure = shou_line_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "linechart");
}

static void
shou_line_chart_init (ShouLineChart *self)
{
  self->days = g_ptr_array_new_with_free_func (g_free);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->hovered = -1;
  shou_chart_input_connect (GTK_WIDGET (self), G_CALLBACK (on_motion_cb), G_CALLBACK (on_leave_cb),
                            G_CALLBACK (on_key_pressed_cb), G_CALLBACK (on_query_tooltip_cb));
}

GtkWidget *
shou_line_chart_new (const char        *title,
                     ShouLineChartUnit  unit)
{
  ShouLineChart *self = g_object_new (SHOU_TYPE_LINE_CHART, NULL);

  self->title = g_strdup (title);
  self->unit = unit;
  shou_line_chart_done (self);
  return GTK_WIDGET (self);
}
