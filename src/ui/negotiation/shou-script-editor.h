/* shou-script-editor.h: a message editor with the sensitive-word guard.
 * Words the platforms forbid (支付宝, 微信, QQ and their variants) are
 * highlighted as the seller types, and "clean" stays FALSE until they are gone
 * and the length fits the limits. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHOU_TYPE_SCRIPT_EDITOR (shou_script_editor_get_type ())
G_DECLARE_FINAL_TYPE (ShouScriptEditor, shou_script_editor, SHOU, SCRIPT_EDITOR, AdwBin)

/* Properties:
 *   "text"        string (read-write)
 *   "clean"       boolean: no forbidden word, length within limits, not empty
 *   "problem"     string: translated sentence saying what blocks sending, or NULL
 *   "min-length"  uint characters (0 = none)
 *   "max-length"  uint characters, or bytes when "in-bytes" (0 = none)
 *   "in-bytes"    boolean
 */
GtkWidget  *shou_script_editor_new             (void);
char       *shou_script_editor_get_text        (ShouScriptEditor *self);
void        shou_script_editor_set_text        (ShouScriptEditor *self,
                                                const char       *text);
/* Appends @text as a new paragraph (scripts are combined this way). */
void        shou_script_editor_append          (ShouScriptEditor *self,
                                                const char       *text);
gboolean    shou_script_editor_get_clean       (ShouScriptEditor *self);
const char *shou_script_editor_get_problem     (ShouScriptEditor *self);
/* The forbidden words found, in order (transfer none, NULL-terminated). */
const char * const *
            shou_script_editor_get_words       (ShouScriptEditor *self);
/* Number of highlighted spans. */
guint       shou_script_editor_get_n_highlights (ShouScriptEditor *self);
void        shou_script_editor_set_limits      (ShouScriptEditor *self,
                                                guint             min_length,
                                                guint             max_length,
                                                gboolean          in_bytes);
GtkTextView *shou_script_editor_get_text_view  (ShouScriptEditor *self);

G_END_DECLS
