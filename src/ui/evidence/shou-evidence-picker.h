/* shou-evidence-picker.h: attach evidence (凭证) to a request: file chooser,
 * drag and drop, paste; checked against the profile; thumbnails; cover areas. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_EVIDENCE_PICKER (shou_evidence_picker_get_type ())
G_DECLARE_FINAL_TYPE (ShouEvidencePicker, shou_evidence_picker, SHOU, EVIDENCE_PICKER, GtkWidget)

/* Properties:
 *   "store"       ShouStore (construct-only)
 *   "request-id"  string (construct-only)
 *   "kind"        int ShouEvidenceKind given to evidence added next (read-write)
 *   "count"       uint evidence attached (read-only)
 *   "error"       string, translated, the last refusal shown; NULL when none
 * Signals:
 *   "import-finished" (const char *sha256 or NULL, const char *error or NULL):
 *     one added file or image was imported (copied and queued) or refused;
 *     both are NULL when the seller closed the cover editor instead. */
GtkWidget  *shou_evidence_picker_new          (ShouStore          *store,
                                               const char         *request_id);
/* (transfer full): SHA-256 ids of the attached evidence, NULL-terminated. */
char      **shou_evidence_picker_get_selected (ShouEvidencePicker *self);
guint       shou_evidence_picker_get_count    (ShouEvidencePicker *self);

void        shou_evidence_picker_set_kind     (ShouEvidencePicker *self,
                                               ShouEvidenceKind    kind);
ShouEvidenceKind
            shou_evidence_picker_get_kind     (ShouEvidencePicker *self);
const char *shou_evidence_picker_get_error    (ShouEvidencePicker *self);
/* Whether an image of the current kind opens the cover editor before it is
 * added (default: chat screenshots, courier certificates, signed slips). */
void        shou_evidence_picker_set_cover_first (ShouEvidencePicker *self,
                                               gboolean            cover_first);

/* What the file chooser, a drop and a paste do; the result arrives as
 * "import-finished". */
void        shou_evidence_picker_add_file     (ShouEvidencePicker *self,
                                               GFile              *file);
void        shou_evidence_picker_add_bytes    (ShouEvidencePicker *self,
                                               GBytes             *bytes,
                                               const char         *display_name);
/* Reloads the list from the store (also done on the store's "changed"). */
void        shou_evidence_picker_reload       (ShouEvidencePicker *self);

G_END_DECLS
