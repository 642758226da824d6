/* shou-annotation-group.h: the detail pane's 标签和备注: the request's
 * tags (each removable), its internal notes with who wrote them and when,
 * fields to add either, and who changed what (the audit lines). Steps go
 * through the outbox (shou-store-annotations.h), so they work offline. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ANNOTATION_GROUP (shou_annotation_group_get_type ())
G_DECLARE_FINAL_TYPE (ShouAnnotationGroup, shou_annotation_group, SHOU, ANNOTATION_GROUP, GtkBox)

void shou_annotation_group_setup       (ShouAnnotationGroup *self,
                                        ShouStore           *store);
/* The request shown (a key; NULL: none). */
void shou_annotation_group_set_request (ShouAnnotationGroup *self,
                                        const char          *request_key);

G_END_DECLS
