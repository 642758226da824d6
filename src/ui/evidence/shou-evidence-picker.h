/* shou-evidence-picker.h: attach evidence (凭证) to a request: file chooser,
 * drag and drop, paste; checked against the profile; thumbnails; cover areas. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_EVIDENCE_PICKER (shou_evidence_picker_get_type ())
G_DECLARE_FINAL_TYPE (ShouEvidencePicker, shou_evidence_picker, SHOU, EVIDENCE_PICKER, GtkWidget)

GtkWidget  *shou_evidence_picker_new          (ShouStore          *store,
                                               const char         *request_id);
/* (transfer full): SHA-256 ids of the attached evidence, NULL-terminated. */
char      **shou_evidence_picker_get_selected (ShouEvidencePicker *self);
guint       shou_evidence_picker_get_count    (ShouEvidencePicker *self);

G_END_DECLS
