/* shou-cover-editor.c: draw black rectangles over a screenshot.
 *
 * Areas are kept in image pixels so the result does not depend on how large
 * the window was; the drawing area maps them through one scale and offset.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-cover-editor.h"

#define MIN_AREA_PX 3.0

struct _ShouCoverEditor
{
  AdwWindow        parent_instance;

  GtkDrawingArea  *drawing_area;
  GtkButton       *undo_button;
  GtkButton       *apply_button;
  GtkLabel        *count_label;

  GdkTexture      *texture;
  cairo_surface_t *surface;
  GArray          *areas;        /* graphene_rect_t, image pixels */
  gboolean         dragging;
  double           drag_x;       /* widget coordinates */
  double           drag_y;
  double           drag_dx;
  double           drag_dy;
};

G_DEFINE_FINAL_TYPE (ShouCoverEditor, shou_cover_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static cairo_surface_t *
surface_from_texture (GdkTexture *texture)
{
  cairo_surface_t *surface;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture,
                        cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
shou_cover_render_png (GdkTexture            *texture,
                       const graphene_rect_t *areas,
                       guint                  n_areas)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GByteArray) png = g_byte_array_new ();

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  g_return_val_if_fail (areas != NULL || n_areas == 0, NULL);

  surface = surface_from_texture (texture);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < n_areas; i++)
    cairo_rectangle (cr, areas[i].origin.x, areas[i].origin.y,
                     areas[i].size.width, areas[i].size.height);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_write_to_png_stream (surface, append_to_byte_array, png);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* Scale and offset that fit the image into the drawing area. */
static void
get_transform (ShouCoverEditor *self,
               double          *scale,
               double          *off_x,
               double          *off_y)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self->drawing_area));
  double h = gtk_widget_get_height (GTK_WIDGET (self->drawing_area));
  double iw = gdk_texture_get_width (self->texture);
  double ih = gdk_texture_get_height (self->texture);

  *scale = MIN (w / iw, h / ih);
  if (*scale <= 0)
    *scale = 1;
  *off_x = (w - iw * *scale) / 2;
  *off_y = (h - ih * *scale) / 2;
}

static void
draw_func (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  ShouCoverEditor *self = user_data;
  double scale, off_x, off_y;

  get_transform (self, &scale, &off_x, &off_y);

  cairo_save (cr);
  cairo_translate (cr, off_x, off_y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->areas->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (self->areas, graphene_rect_t, i);

      cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
    }
  cairo_fill (cr);
  cairo_restore (cr);

  if (self->dragging)
    {
      const double dash[] = { 4.0, 3.0 };

      cairo_rectangle (cr, self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
    }
}

static void
update_state (ShouCoverEditor *self)
{
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cover.undo", self->areas->len > 0);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area covered",
                                       "%u areas covered", self->areas->len),
                          self->areas->len);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
}

void
shou_cover_editor_add_area (ShouCoverEditor *self,
                            double           x,
                            double           y,
                            double           width,
                            double           height)
{
  graphene_rect_t r, image, clipped;

  g_return_if_fail (SHOU_IS_COVER_EDITOR (self));

  graphene_rect_init (&r, x, y, width, height);
  graphene_rect_normalize (&r);
  graphene_rect_init (&image, 0, 0,
                      gdk_texture_get_width (self->texture),
                      gdk_texture_get_height (self->texture));
  if (!graphene_rect_intersection (&r, &image, &clipped) ||
      clipped.size.width < MIN_AREA_PX || clipped.size.height < MIN_AREA_PX)
    return;

  g_array_append_val (self->areas, clipped);
  update_state (self);
}

guint
shou_cover_editor_get_n_areas (ShouCoverEditor *self)
{
  g_return_val_if_fail (SHOU_IS_COVER_EDITOR (self), 0);

  return self->areas->len;
}

void
shou_cover_editor_undo (ShouCoverEditor *self)
{
  g_return_if_fail (SHOU_IS_COVER_EDITOR (self));

  if (self->areas->len > 0)
    g_array_set_size (self->areas, self->areas->len - 1);
  update_state (self);
}

GBytes *
shou_cover_editor_render (ShouCoverEditor *self)
{
  g_return_val_if_fail (SHOU_IS_COVER_EDITOR (self), NULL);

  return shou_cover_render_png (self->texture,
                                (const graphene_rect_t *) (gpointer) self->areas->data,
                                self->areas->len);
}

static void
on_drag_begin_cb (GtkGestureDrag  *gesture,
                  double           x,
                  double           y,
                  ShouCoverEditor *self)
{
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;
}

static void
on_drag_update_cb (GtkGestureDrag  *gesture,
                   double           dx,
                   double           dy,
                   ShouCoverEditor *self)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
}

static void
on_drag_end_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                ShouCoverEditor *self)
{
  double scale, off_x, off_y;

  self->dragging = FALSE;
  get_transform (self, &scale, &off_x, &off_y);
  shou_cover_editor_add_area (self,
                              (self->drag_x - off_x) / scale,
                              (self->drag_y - off_y) / scale,
                              dx / scale, dy / scale);
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  shou_cover_editor_undo (SHOU_COVER_EDITOR (widget));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShouCoverEditor *self = SHOU_COVER_EDITOR (widget);
  g_autoptr(GBytes) png = shou_cover_editor_render (self);

  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, png);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
shou_cover_editor_dispose (GObject *object)
{
  ShouCoverEditor *self = SHOU_COVER_EDITOR (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (shou_cover_editor_parent_class)->dispose (object);
}

static void
shou_cover_editor_finalize (GObject *object)
{
  ShouCoverEditor *self = SHOU_COVER_EDITOR (object);

  g_array_unref (self->areas);

  G_OBJECT_CLASS (shou_cover_editor_parent_class)->finalize (object);
}

static void
shou_cover_editor_class_init (ShouCoverEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_cover_editor_dispose;
  object_class->finalize = shou_cover_editor_finalize;

  signals[SIGNAL_APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-cover-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouCoverEditor, drawing_area);
  gtk_widget_class_bind_template_child (widget_class, ShouCoverEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ShouCoverEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, ShouCoverEditor, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end_cb);

  gtk_widget_class_install_action (widget_class, "cover.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "cover.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "cover.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
shou_cover_editor_init (ShouCoverEditor *self)
{
  self->areas = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->drawing_area, draw_func, self, NULL);
}

ShouCoverEditor *
shou_cover_editor_new (GtkWindow  *parent,
                       GdkTexture *texture)
{
  ShouCoverEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  self = g_object_new (SHOU_TYPE_COVER_EDITOR,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->texture = g_object_ref (texture);
  self->surface = surface_from_texture (texture);
  gtk_drawing_area_set_content_width (self->drawing_area,
                                      MIN (gdk_texture_get_width (texture), 900));
  gtk_drawing_area_set_content_height (self->drawing_area,
                                       MIN (gdk_texture_get_height (texture), 600));
  update_state (self);
  return self;
}
