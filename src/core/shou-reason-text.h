/* shou-reason-text.h: reason codes in the UI's language.
 *
 * Requests carry a reason code and the platform's Chinese text. The UI says
 * the code in its own language (a zh_TW seller reads Traditional Chinese) and
 * falls back to the platform's text only for a code it does not know. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The buyer's reason for opening a request (API.md, test buyer "open"):
 * translated, or NULL for an unknown code. */
const char *shou_buyer_reason_get_label  (const char *code);
/* A seller's rejection reason of any rule profile (data/profiles/
 * *.json "reject_reasons"): translated, or NULL for an unknown code. */
const char *shou_reject_reason_get_label (const char *code);
/* What to show for a buyer reason: its label, else @fallback (the server's
 * text, to be shown as plain text, never as markup), else NULL. */
const char *shou_buyer_reason_text       (const char *code,
                                          const char *fallback);
/* The same for a rejection reason. */
const char *shou_reject_reason_text      (const char *code,
                                          const char *fallback);
/* A code and its words (marked with N_(), not yet translated). */
typedef struct
{
  const char *code;
  const char *text;
} ShouCodeText;

/* The (untranslated) words of @code in @table, or NULL (also for a NULL
 * @code). */
const char *shou_code_text_lookup        (const ShouCodeText *table,
                                          gsize               n,
                                          const char         *code);

/* Every buyer reason code (NULL-terminated), for the simulator and tests. */
const char * const *shou_buyer_reason_codes (void);

G_END_DECLS
