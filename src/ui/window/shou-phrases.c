/* shou-phrases.c: see shou-phrases.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-validate.h"
#include "shou-phrases.h"

#define KEY "reply-phrases"
/* More would make the menus unusable. */
#define MAX_PHRASES 200

static GSettings *settings;
static gboolean looked_up;

void
shou_phrase_free (ShouPhrase *phrase)
{
  if (phrase == NULL)
    return;
  g_free (phrase->id);
  g_free (phrase->shop_id);
  g_free (phrase->text);
  g_free (phrase);
}

GSettings *
shou_phrases_get_settings (void)
{
  if (!looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, KEY))
        settings = g_settings_new (BASE_ID);
    }
  return settings;
}

void
shou_phrases_set_settings (GSettings *new_settings)
{
  looked_up = TRUE;
  g_set_object (&settings, new_settings);
}

static ShouPhrase *
phrase_new (const char *id,
            const char *shop_id,
            const char *text)
{
  ShouPhrase *phrase = g_new0 (ShouPhrase, 1);

  phrase->id = g_strdup (id);
  phrase->shop_id = g_strdup (shop_id);
  phrase->text = g_strdup (text);
  return phrase;
}

GPtrArray *
shou_phrases_list (const char *shop_id)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_phrase_free);
  GSettings *s = shou_phrases_get_settings ();
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *id, *shop, *text;

  if (s == NULL)
    return phrases;
  value = g_settings_get_value (s, KEY);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &id, &shop, &text))
    if (shop_id == NULL || *shop == '\0' || g_str_equal (shop, shop_id))
      g_ptr_array_add (phrases, phrase_new (id, shop, text));
  return phrases;
}

ShouPhrase *
shou_phrases_get (const char *id)
{
  g_autoptr(GPtrArray) all = shou_phrases_list (NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((ShouPhrase *) all->pdata[i])->id, id) == 0)
      return g_ptr_array_steal_index (all, i);
  return NULL;
}

/* Writes @phrases back (in their order). */
static void
write_all (GSettings *s,
           GPtrArray *phrases)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < phrases->len; i++)
    {
      ShouPhrase *p = phrases->pdata[i];

      g_variant_builder_add (&builder, "(sss)", p->id, p->shop_id, p->text);
    }
  g_settings_set_value (s, KEY, g_variant_builder_end (&builder));
}

char *
shou_phrases_save (const char *id,
                   const char *shop_id,
                   const char *text,
                   GError    **error)
{
  GSettings *s = shou_phrases_get_settings ();
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  gboolean replaced = FALSE;

  if (s == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Phrases cannot be kept: the settings schema is not installed"));
      return NULL;
    }
  if (*clean == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A phrase needs some text"));
      return NULL;
    }
  if (g_utf8_strlen (clean, -1) > SHOU_PHRASE_MAX_CHARS)
    {
      /* Translators: %d is the longest a saved phrase may be, in characters */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A phrase may be at most %d characters long"), SHOU_PHRASE_MAX_CHARS);
      return NULL;
    }
  if (!shou_validate_no_sensitive (clean, error))
    return NULL;

  all = shou_phrases_list (NULL);
  for (guint i = 0; id != NULL && i < all->len; i++)
    {
      ShouPhrase *p = all->pdata[i];

      if (g_str_equal (p->id, id))
        {
          g_free (p->shop_id);
          p->shop_id = g_strdup (shop_id ? shop_id : "");
          g_free (p->text);
          p->text = g_strdup (clean);
          replaced = TRUE;
        }
    }
  if (!replaced)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      if (all->len >= MAX_PHRASES)
        {
          /* Translators: %d is how many saved phrases there may be */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("There may be at most %d phrases: delete one first"), MAX_PHRASES);
          return NULL;
        }
      g_ptr_array_add (all, phrase_new (uuid, shop_id ? shop_id : "", clean));
      id = ((ShouPhrase *) all->pdata[all->len - 1])->id;
    }
  write_all (s, all);
  return g_strdup (id);
}

gboolean
shou_phrases_delete (const char *id)
{
  GSettings *s = shou_phrases_get_settings ();
  g_autoptr(GPtrArray) all = NULL;

  if (s == NULL)
    return FALSE;
  all = shou_phrases_list (NULL);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((ShouPhrase *) all->pdata[i])->id, id) == 0)
      {
        g_ptr_array_remove_index (all, i);
        write_all (s, all);
        return TRUE;
      }
  return FALSE;
}
