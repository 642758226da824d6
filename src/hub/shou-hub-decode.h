/* shou-hub-decode.h: an evidence file is kept only when a real decoder
 * reads it (gdk-pixbuf for images, poppler for PDF), with sane
 * dimensions: bytes that merely start like a JPEG are refused. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest side of an accepted image, and its largest area. */
#define SHOU_HUB_MAX_IMAGE_SIDE   16384
#define SHOU_HUB_MAX_IMAGE_PIXELS (64 * 1024 * 1024)

/* %TRUE when @data of @content_type (as sniffed: image/jpeg, image/png,
 * application/pdf) decodes. The error's message is English, for the 415. */
gboolean shou_hub_evidence_decodes (const char    *content_type,
                                    const guint8  *data,
                                    gsize          length,
                                    GError       **error);

G_END_DECLS
