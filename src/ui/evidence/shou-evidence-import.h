/* shou-evidence-import.h: preparing evidence (reading, checking against the
 * profile, stripping location metadata) and queueing it with the store.
 * No widgets: the evidence picker shows what these return. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "store/shou-store.h"

G_BEGIN_DECLS

/* The profile of the request's platform, or NULL (transfer full). */
ShouProfile *shou_evidence_get_profile     (ShouStore          *store,
                                            const char         *request_id);
/* Kinds whose images open the cover editor first. */
gboolean     shou_evidence_kind_wants_cover (ShouEvidenceKind   kind);
gboolean     shou_evidence_is_image_type   (const char         *content_type);

/* Checks bytes against @profile (may be NULL: only sniffed) with
 * @n_attached already attached and strips GPS data. Returns the bytes to
 * import and their content type, or NULL with a translated @error. */
GBytes      *shou_evidence_prepare         (ShouProfile        *profile,
                                            GBytes             *bytes,
                                            guint               n_attached,
                                            const char        **content_type,
                                            GError            **error);

/* Reads @file, refusing an empty one or one over the profile's limit
 * before reading it. */
void         shou_evidence_load_file_async (GFile              *file,
                                            ShouProfile        *profile,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* @display_name: (out) (transfer full): the file's name, also on error. */
GBytes      *shou_evidence_load_file_finish (GAsyncResult      *result,
                                            char              **display_name,
                                            GError            **error);

/* One evidence item of shou_store_list_evidence(). */
const char  *shou_evidence_item_path       (JsonObject         *item);
ShouEvidenceKind
             shou_evidence_item_kind       (JsonObject         *item);
const char  *shou_evidence_item_sha256     (JsonObject         *item);

/* Copies @bytes under their SHA-256 and queues their upload; returns the
 * SHA-256, or NULL with @error. */
char        *shou_evidence_queue           (ShouStore          *store,
                                            const char         *request_id,
                                            GBytes             *bytes,
                                            ShouEvidenceKind    kind,
                                            GError            **error);
/* The store keeps the kind with the queued upload: re-queues @item with
 * @kind (back with its old kind when that fails). */
gboolean     shou_evidence_requeue         (ShouStore          *store,
                                            const char         *request_id,
                                            JsonObject         *item,
                                            ShouEvidenceKind    kind,
                                            GError            **error);

G_END_DECLS
