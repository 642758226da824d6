/* shou-sniff.h: evidence file types from their bytes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Evidence content sniffing: the MIME type from the bytes, not the name. */
const char *shou_sniff_content_type    (const guint8 *data,
                                        gsize         length);

G_END_DECLS
