/* shou-evidence-prep.c: location metadata removal for JPEG evidence.
 *
 * A JPEG is a list of marker segments up to SOS, then entropy-coded data.
 * Exif lives in APP1 ("Exif\0\0" + a TIFF structure); its IFD0 points at a
 * GPS IFD with tag 0x8825. The segment keeps its length so that every other
 * offset in it stays valid.
 */
#include "config.h"

#include <string.h>

#include "shou-evidence-prep.h"

#define EXIF_TAG_GPS_IFD 0x8825

static const char exif_magic[] = "Exif\0\0";
static const char xmp_magic[] = "http://ns.adobe.com/xap/1.0/";

typedef struct
{
  guint8   *base;
  gsize     length;
  gboolean  big_endian;
} Tiff;

static guint
tiff_u16 (const Tiff *t,
          gsize       off)
{
  const guint8 *p = t->base + off;

  return t->big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
tiff_u32 (const Tiff *t,
          gsize       off)
{
  const guint8 *p = t->base + off;

  if (t->big_endian)
    return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static void
tiff_put_u16 (Tiff  *t,
              gsize  off,
              guint  v)
{
  guint8 *p = t->base + off;

  if (t->big_endian)
    {
      p[0] = (v >> 8) & 0xff;
      p[1] = v & 0xff;
    }
  else
    {
      p[1] = (v >> 8) & 0xff;
      p[0] = v & 0xff;
    }
}

static gsize
exif_type_size (guint type)
{
  switch (type)
    {
    case 1: case 2: case 6: case 7:
      return 1;
    case 3: case 8:
      return 2;
    case 4: case 9: case 11:
      return 4;
    case 5: case 10: case 12:
      return 8;
    default:
      return 0;
    }
}

static gboolean
tiff_init (Tiff   *t,
           guint8 *base,
           gsize   length)
{
  if (length < 8)
    return FALSE;
  t->base = base;
  t->length = length;
  if (base[0] == 'I' && base[1] == 'I')
    t->big_endian = FALSE;
  else if (base[0] == 'M' && base[1] == 'M')
    t->big_endian = TRUE;
  else
    return FALSE;
  return tiff_u16 (t, 2) == 42;
}

/* Bounds of the IFD at @off, or FALSE when it does not fit. */
static gboolean
tiff_ifd (const Tiff *t,
          gsize       off,
          guint      *out_count)
{
  guint count;

  if (off < 8 || off + 2 > t->length)
    return FALSE;
  count = tiff_u16 (t, off);
  if (off + 2 + (gsize) count * 12 + 4 > t->length)
    return FALSE;
  *out_count = count;
  return TRUE;
}

/* Returns the index of the GPS pointer in IFD0, -1 when there is none, or
 * -2 when the structure is broken. */
static int
tiff_find_gps (const Tiff *t,
               gsize      *out_ifd0,
               guint      *out_count)
{
  gsize ifd0 = tiff_u32 (t, 4);
  guint count;

  if (!tiff_ifd (t, ifd0, &count))
    return -2;
  *out_ifd0 = ifd0;
  *out_count = count;
  for (guint i = 0; i < count; i++)
    if (tiff_u16 (t, ifd0 + 2 + i * 12) == EXIF_TAG_GPS_IFD)
      return (int) i;
  return -1;
}

/* Unlinks one GPS pointer from IFD0, then zeroes the IFD it pointed at.
 * Returns 1 when one was removed, 0 when none is left, -1 when the
 * structure is broken (drop the segment). */
static int
tiff_strip_one_gps (Tiff *t)
{
  gsize ifd0 = 0;
  guint count = 0;
  gsize entries;
  gsize gps;
  guint gps_count;
  int index;

  index = tiff_find_gps (t, &ifd0, &count);
  if (index == -2)
    return -1;
  if (index == -1)
    return 0;

  entries = ifd0 + 2;
  gps = tiff_u32 (t, entries + (gsize) index * 12 + 8);

  /* Remove the entry first: a crafted GPS IFD may overlap IFD0, and
   * zeroing it must not leave a stale count behind. */
  memmove (t->base + entries + (gsize) index * 12,
           t->base + entries + (gsize) (index + 1) * 12,
           (gsize) (count - index - 1) * 12 + 4);
  memset (t->base + entries + (gsize) (count - 1) * 12 + 4, 0, 12);
  tiff_put_u16 (t, ifd0, count - 1);

  if (tiff_ifd (t, gps, &gps_count))
    {
      for (guint i = 0; i < gps_count; i++)
        {
          gsize e = gps + 2 + (gsize) i * 12;
          gsize size = exif_type_size (tiff_u16 (t, e + 2)) * (gsize) tiff_u32 (t, e + 4);
          gsize data = tiff_u32 (t, e + 8);

          if (size > 4 && data >= 8 && data <= t->length && size <= t->length - data)
            memset (t->base + data, 0, size);
        }
      memset (t->base + gps, 0, 2 + (gsize) gps_count * 12 + 4);
    }
  else if (gps != 0)
    return -1;
  return 1;
}

/* Unlinks and zeroes every GPS IFD in place: IFD0 may repeat the tag.
 * FALSE: drop the segment. */
static gboolean
tiff_strip_gps (Tiff *t)
{
  /* Each pass removes an entry of IFD0, which has at most 65535. */
  for (guint pass = 0; pass <= G_MAXUINT16; pass++)
    {
      int removed = tiff_strip_one_gps (t);

      if (removed <= 0)
        return removed == 0;
    }
  return FALSE;
}

static gboolean
marker_has_length (guint8 marker)
{
  return !(marker == 0xd8 || marker == 0xd9 || marker == 0x01 ||
           (marker >= 0xd0 && marker <= 0xd7));
}

typedef enum { WALK_STRIP, WALK_CHECK } WalkMode;

/* Walks the segments before SOS. In strip mode, appends the kept bytes to
 * @out; in check mode returns TRUE at the first location carrier. */
static gboolean
jpeg_walk (const guint8 *data,
           gsize         length,
           WalkMode      mode,
           GByteArray   *out)
{
  gsize pos = 2;

  if (out != NULL)
    g_byte_array_append (out, data, 2);

  while (pos + 4 <= length)
    {
      guint8 marker;
      gsize seg_len;
      const guint8 *payload;
      gsize payload_len;

      if (data[pos] != 0xff)
        break;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (!marker_has_length (marker))
        {
          if (out != NULL)
            g_byte_array_append (out, data + pos, 2);
          pos += 2;
          continue;
        }
      seg_len = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (seg_len < 2 || pos + 2 + seg_len > length)
        break;
      if (marker == 0xda)
        break;

      payload = data + pos + 4;
      payload_len = seg_len - 2;
      if (marker == 0xe1 && payload_len >= 6 && memcmp (payload, exif_magic, 6) == 0)
        {
          g_autofree guint8 *copy = g_memdup2 (data + pos, seg_len + 2);
          Tiff t;
          gboolean ok = tiff_init (&t, copy + 4 + 6, payload_len - 6);

          if (mode == WALK_CHECK)
            {
              gsize ifd0;
              guint count;

              if (ok && tiff_find_gps (&t, &ifd0, &count) >= 0)
                return TRUE;
            }
          else if (ok && tiff_strip_gps (&t))
            g_byte_array_append (out, copy, seg_len + 2);
          pos += 2 + seg_len;
          continue;
        }
      if (marker == 0xe1 && payload_len >= sizeof xmp_magic - 1 &&
          memcmp (payload, xmp_magic, sizeof xmp_magic - 1) == 0)
        {
          if (mode == WALK_CHECK)
            return TRUE;
          pos += 2 + seg_len;
          continue;
        }
      if (out != NULL)
        g_byte_array_append (out, data + pos, seg_len + 2);
      pos += 2 + seg_len;
    }

  if (out != NULL && pos < length)
    g_byte_array_append (out, data + pos, length - pos);
  return FALSE;
}

static gboolean
is_jpeg (const guint8 *data,
         gsize         length)
{
  return length >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
}

GBytes *
shou_evidence_strip_gps (GBytes *data)
{
  const guint8 *bytes;
  gsize length;
  g_autoptr(GByteArray) out = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &length);
  if (!is_jpeg (bytes, length))
    return g_bytes_ref (data);

  out = g_byte_array_sized_new (length);
  jpeg_walk (bytes, length, WALK_STRIP, out);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
shou_evidence_has_location (GBytes *data)
{
  const guint8 *bytes;
  gsize length;

  g_return_val_if_fail (data != NULL, FALSE);

  bytes = g_bytes_get_data (data, &length);
  if (!is_jpeg (bytes, length))
    return FALSE;
  return jpeg_walk (bytes, length, WALK_CHECK, NULL);
}
