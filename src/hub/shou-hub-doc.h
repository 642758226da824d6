/* shou-hub-doc.h: the timeline and evidence list in a request's document. */
#pragma once

#include "shou-hub-store.h"

G_BEGIN_DECLS

/* Returns: (transfer none): the entry, to add its "params". */
JsonObject        *shou_hub_doc_add_timeline      (ShouHubAftersale *as,
                                                     gint64            at,
                                                     ShouActor         actor,
                                                     const char       *kind,
                                                     const char       *text);
/* Takes @params (transfer full, nullable) as the entry's "params". */
void               shou_hub_doc_set_timeline_params (JsonObject     *entry,
                                                     JsonObject       *params);
/* Attaches evidence already stored by SHA-256; FALSE if already attached. */
gboolean           shou_hub_doc_attach_evidence   (ShouHubAftersale *as,
                                                     const char       *sha256,
                                                     const char       *content_type,
                                                     gsize             size,
                                                     const char       *kind,
                                                     ShouActor         by,
                                                     gint64            at);
guint              shou_hub_doc_count_evidence    (ShouHubAftersale *as,
                                                     ShouActor         by);
gboolean           shou_hub_doc_has_evidence      (ShouHubAftersale *as,
                                                     const char       *sha256);

G_END_DECLS
