/* shou-evidence-prep.h: what is done to a file's bytes before it becomes
 * evidence. Pure GLib, so the core's fuzzers can reach it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * shou_evidence_strip_gps:
 * @data: a file's bytes, any type
 *
 * For a JPEG, removes location metadata: the GPS IFD of an Exif segment is
 * unlinked and its bytes are zeroed (other Exif tags such as the orientation
 * stay); XMP segments, which may repeat the location, are dropped; an Exif
 * segment that cannot be parsed is dropped whole. Other types come back
 * unchanged.
 * Returns: (transfer full): the bytes to keep.
 */
GBytes   *shou_evidence_strip_gps     (GBytes       *data);

/* %TRUE when @data is a JPEG that still carries a GPS IFD or an XMP segment. */
gboolean  shou_evidence_has_location  (GBytes       *data);

G_END_DECLS
