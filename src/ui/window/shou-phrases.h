/* shou-phrases.h: the seller's saved reply phrases (常用语), each for one
 * shop or for every shop. They are the seller's own words, like the saved
 * views, and are kept the same way: in GSettings ("reply-phrases"), not in
 * the cache, which is a copy of the server's data that an account's removal
 * or a new cache drops. A phrase is checked by the sensitive-word guard when
 * it is saved; the outbox checks the message again when it is sent. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *shop_id;  /* the shop's store key; "" for every shop */
  char *text;
} ShouPhrase;

void        shou_phrase_free         (ShouPhrase *phrase);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPhrase, shou_phrase_free)

/* Phrases longer than this (characters) are refused. */
#define SHOU_PHRASE_MAX_CHARS 500

/* The settings the phrases live in; NULL without the installed schema
 * (then there are none, and saving says why). Tests may set their own. */
GSettings  *shou_phrases_get_settings (void);
void        shou_phrases_set_settings (GSettings  *settings);

/* With @shop_id: that shop's phrases and those for every shop; NULL: all.
 * Returns: (transfer full) (element-type ShouPhrase). */
GPtrArray  *shou_phrases_list        (const char *shop_id);
ShouPhrase *shou_phrases_get         (const char *id);
/* Saves a new phrase (@id NULL) or replaces @id's, after the checks: not
 * empty, not too long, no sensitive word.
 * Returns: (transfer full): its id, or NULL with @error. */
char       *shou_phrases_save        (const char *id,
                                      const char *shop_id,
                                      const char *text,
                                      GError    **error);
gboolean    shou_phrases_delete      (const char *id);

G_END_DECLS
