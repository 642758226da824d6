/* shou-batch-tag.h: the selection bar's 添加标签…: one tag on every chosen
 * request, one outbox entry (and idempotency key) per request. Tags are
 * the merchant's own, so every request may take one: none is left out. */
#pragma once

#include <gtk/gtk.h>

#include "shou-detail-pane.h"

G_BEGIN_DECLS

/* Asks for the tag, then queues it on @keys (element-type utf8) and says
 * how many through @pane's toast. */
void shou_batch_tag_ask (GtkWindow      *parent,
                         ShouDetailPane *pane,
                         GPtrArray      *keys);

G_END_DECLS
