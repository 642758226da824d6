/* shou-script-editor.c: message editor with the sensitive-word guard */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-script-editor.h"

struct _ShouScriptEditor
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkTextView   *text_view;
  GtkLabel      *problem_label;
  GtkLabel      *count_label;

  GtkTextTag    *sensitive_tag;
  char          *problem;
  GStrv          words;
  guint          n_highlights;
  guint          min_length;
  guint          max_length;
  gboolean       in_bytes;
  gboolean       clean;
};

G_DEFINE_FINAL_TYPE (ShouScriptEditor, shou_script_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_CLEAN,
  PROP_PROBLEM,
  PROP_MIN_LENGTH,
  PROP_MAX_LENGTH,
  PROP_IN_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Forbidden words are errors; an empty or short text is only a hint. */
static void
set_problem (ShouScriptEditor *self,
             char             *problem,
             gboolean          is_error)
{
  g_free (self->problem);
  self->problem = problem;

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* Highlights the forbidden words in @text (the buffer's) and keeps the
 * list of the words found, each once. */
static void
highlight (ShouScriptEditor *self,
           GtkTextBuffer    *buffer,
           const char       *text)
{
  g_autoptr(GArray) matches = shou_sensitive_scan (text);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < matches->len; i++)
    {
      ShouSensitiveMatch *m = &g_array_index (matches, ShouSensitiveMatch, i);
      GtkTextIter m_start, m_end;
      gboolean seen = FALSE;

      gtk_text_buffer_get_iter_at_offset (buffer, &m_start,
                                          g_utf8_pointer_to_offset (text, text + m->start));
      gtk_text_buffer_get_iter_at_offset (buffer, &m_end,
                                          g_utf8_pointer_to_offset (text, text + m->end));
      gtk_text_buffer_apply_tag (buffer, self->sensitive_tag, &m_start, &m_end);

      for (guint j = 0; j < words->len; j++)
        seen |= g_strcmp0 (g_ptr_array_index (words, j), m->word) == 0;
      if (!seen)
        g_ptr_array_add (words, g_strdup (m->word));
    }
  self->n_highlights = matches->len;

  g_ptr_array_add (words, NULL);
  g_strfreev (self->words);
  self->words = (GStrv) g_ptr_array_steal (words, NULL);
}

/* Says what blocks sending (forbidden words first, then an empty message,
 * then the length); TRUE when nothing does. */
static gboolean
judge (ShouScriptEditor *self,
       const char       *stripped,
       gsize             length)
{
  if (self->words[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("、", self->words);

      /* Translators: %s lists the forbidden words found, e.g. 微信、QQ */
      set_problem (self, g_strdup_printf (_("Remove “%s”: messages must not mention other platforms or payment channels"), list), TRUE);
      return FALSE;
    }
  else if (*stripped == '\0')
    {
      set_problem (self, g_strdup (_("Write a message or pick a script")), FALSE);
      return FALSE;
    }
  else if (self->min_length > 0 && length < self->min_length)
    {
      set_problem (self,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Write at least %u character",
                                                 "Write at least %u characters",
                                                 self->min_length),
                                    self->min_length),
                   FALSE);
      return FALSE;
    }
  else if (self->max_length > 0 && length > self->max_length)
    {
      if (self->in_bytes)
        set_problem (self,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Too long: at most %u byte",
                                                   "Too long: at most %u bytes",
                                                   self->max_length),
                                      self->max_length),
                     TRUE);
      else
        set_problem (self,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Too long: at most %u character",
                                                   "Too long: at most %u characters",
                                                   self->max_length),
                                      self->max_length),
                     TRUE);
      return FALSE;
    }
  else
    {
      set_problem (self, NULL, FALSE);
      return TRUE;
    }
}

/* "12 / 400", or the plain count without a maximum. */
static void
update_count (ShouScriptEditor *self,
              gsize             length)
{
  g_autofree char *count = NULL;

  if (self->max_length > 0)
    count = g_strdup_printf ("%" G_GSIZE_FORMAT " / %u", length, self->max_length);
  else
    count = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
  gtk_label_set_label (self->count_label, count);
}

/* Re-scans the whole text on every change: messages are a few hundred
 * characters, and variants may span what was typed before. */
static void
shou_script_editor_check (ShouScriptEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  g_autofree char *stripped = NULL;
  gsize length;
  gboolean clean;

  /* Listeners see "problem" and "clean" change together. */
  g_object_freeze_notify (G_OBJECT (self));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  gtk_text_buffer_remove_tag (buffer, self->sensitive_tag, &start, &end);

  highlight (self, buffer, text);

  /* Taobao counts UTF-8 bytes (400), the others characters. */
  length = self->in_bytes ? strlen (text) : (gsize) g_utf8_strlen (text, -1);
  stripped = g_strstrip (g_strdup (text));

  clean = judge (self, stripped, length);

  update_count (self, length);

  if (clean != self->clean)
    {
      self->clean = clean;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAN]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_buffer_changed_cb (GtkTextBuffer    *buffer,
                      ShouScriptEditor *self)
{
  shou_script_editor_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
shou_script_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_SCRIPT_EDITOR);

  G_OBJECT_CLASS (shou_script_editor_parent_class)->dispose (object);
}

static void
shou_script_editor_finalize (GObject *object)
{
  ShouScriptEditor *self = SHOU_SCRIPT_EDITOR (object);

  g_free (self->problem);
  g_strfreev (self->words);

  G_OBJECT_CLASS (shou_script_editor_parent_class)->finalize (object);
}

static void
shou_script_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShouScriptEditor *self = SHOU_SCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, shou_script_editor_get_text (self));
      break;
    case PROP_CLEAN:
      g_value_set_boolean (value, self->clean);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_MIN_LENGTH:
      g_value_set_uint (value, self->min_length);
      break;
    case PROP_MAX_LENGTH:
      g_value_set_uint (value, self->max_length);
      break;
    case PROP_IN_BYTES:
      g_value_set_boolean (value, self->in_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_script_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShouScriptEditor *self = SHOU_SCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      shou_script_editor_set_text (self, g_value_get_string (value));
      break;
    case PROP_MIN_LENGTH:
      shou_script_editor_set_limits (self, g_value_get_uint (value), self->max_length, self->in_bytes);
      break;
    case PROP_MAX_LENGTH:
      shou_script_editor_set_limits (self, self->min_length, g_value_get_uint (value), self->in_bytes);
      break;
    case PROP_IN_BYTES:
      shou_script_editor_set_limits (self, self->min_length, self->max_length, g_value_get_boolean (value));
      break;
    case PROP_CLEAN:
    case PROP_PROBLEM:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_script_editor_class_init (ShouScriptEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_script_editor_dispose;
  object_class->finalize = shou_script_editor_finalize;
  object_class->get_property = shou_script_editor_get_property;
  object_class->set_property = shou_script_editor_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLEAN] =
    g_param_spec_boolean ("clean", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_LENGTH] =
    g_param_spec_uint ("min-length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_LENGTH] =
    g_param_spec_uint ("max-length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_BYTES] =
    g_param_spec_boolean ("in-bytes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-script-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouScriptEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, ShouScriptEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouScriptEditor, count_label);
}

static void
shou_script_editor_init (ShouScriptEditor *self)
{
  GtkTextBuffer *buffer;
  GdkRGBA highlight = { 0.88, 0.11, 0.14, 0.25 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->words = g_new0 (char *, 1);
  buffer = gtk_text_view_get_buffer (self->text_view);
  self->sensitive_tag = gtk_text_buffer_create_tag (buffer, "sensitive",
                                                    "underline", PANGO_UNDERLINE_ERROR_LINE,
                                                    "background-rgba", &highlight,
                                                    "weight", PANGO_WEIGHT_BOLD,
                                                    NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self, 0);
  shou_script_editor_check (self);
}

GtkWidget *
shou_script_editor_new (void)
{
  return g_object_new (SHOU_TYPE_SCRIPT_EDITOR, NULL);
}

char *
shou_script_editor_get_text (ShouScriptEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

void
shou_script_editor_set_text (ShouScriptEditor *self,
                             const char       *text)
{
  g_return_if_fail (SHOU_IS_SCRIPT_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text != NULL ? text : "", -1);
}

/* A new paragraph keeps combined scripts readable for the buyer. */
void
shou_script_editor_append (ShouScriptEditor *self,
                           const char       *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (SHOU_IS_SCRIPT_EDITOR (self));
  g_return_if_fail (text != NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", -1);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

gboolean
shou_script_editor_get_clean (ShouScriptEditor *self)
{
  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), FALSE);
  return self->clean;
}

const char *
shou_script_editor_get_problem (ShouScriptEditor *self)
{
  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), NULL);
  return self->problem;
}

const char * const *
shou_script_editor_get_words (ShouScriptEditor *self)
{
  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), NULL);
  return (const char * const *) self->words;
}

guint
shou_script_editor_get_n_highlights (ShouScriptEditor *self)
{
  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), 0);
  return self->n_highlights;
}

void
shou_script_editor_set_limits (ShouScriptEditor *self,
                               guint             min_length,
                               guint             max_length,
                               gboolean          in_bytes)
{
  g_return_if_fail (SHOU_IS_SCRIPT_EDITOR (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->min_length != min_length)
    {
      self->min_length = min_length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_LENGTH]);
    }
  if (self->max_length != max_length)
    {
      self->max_length = max_length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
    }
  in_bytes = !!in_bytes;
  if (self->in_bytes != in_bytes)
    {
      self->in_bytes = in_bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BYTES]);
    }
  shou_script_editor_check (self);
  g_object_thaw_notify (G_OBJECT (self));
}

GtkTextView *
shou_script_editor_get_text_view (ShouScriptEditor *self)
{
  g_return_val_if_fail (SHOU_IS_SCRIPT_EDITOR (self), NULL);
  return self->text_view;
}
