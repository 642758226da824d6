/* shou-hub-decode.c: decoding evidence with Debian's own decoders. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "shou-hub-decode.h"

typedef struct
{
  gboolean too_big;
  int      width;
  int      height;
} Size;

/* Told the size before any pixel is decoded: a 100,000 × 100,000 header
 * is refused without allocating its pixels. */
static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     Size            *size)
{
  size->width = width;
  size->height = height;
  if (width < 1 || height < 1 || width > SHOU_HUB_MAX_IMAGE_SIDE || height > SHOU_HUB_MAX_IMAGE_SIDE ||
      (gint64) width * height > SHOU_HUB_MAX_IMAGE_PIXELS)
    {
      size->too_big = TRUE;
      /* 0 × 0, not 1 × 1: the PNG and JPEG loaders stop at a zero size
       * before they allocate; at 1 × 1 they still allocate the full image
       * (30 GB for 100,000 × 100,000) and scale it afterwards. */
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static gboolean
image_decodes (const char    *content_type,
               const guint8  *data,
               gsize          length,
               GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local = NULL;
  Size size = { FALSE, 0, 0 };
  GdkPixbuf *pixbuf;
  gboolean ok;

  loader = gdk_pixbuf_loader_new_with_mime_type (content_type, &local);
  if (loader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No decoder for %s", content_type);
      return FALSE;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &size);
  ok = gdk_pixbuf_loader_write (loader, data, length, &local);
  ok = gdk_pixbuf_loader_close (loader, ok ? &local : NULL) && ok;
  if (size.too_big)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The image is %d × %d pixels; at most %d on a side are accepted",
                   size.width, size.height, SHOU_HUB_MAX_IMAGE_SIDE);
      return FALSE;
    }
  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The file is not a readable %s image%s%s",
                   content_type, local != NULL ? ": " : "", local != NULL ? local->message : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
pdf_decodes (const guint8  *data,
             gsize          length,
             GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) local = NULL;
  /* (poppler-glib 22.12 has no autoptr for its document) */
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &local);
  gboolean ok = document != NULL && poppler_document_get_n_pages (document) >= 1;

  g_clear_object (&document);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The file is not a readable PDF%s%s",
                 local != NULL ? ": " : "", local != NULL ? local->message : "");
  return ok;
}

gboolean
shou_hub_evidence_decodes (const char    *content_type,
                           const guint8  *data,
                           gsize          length,
                           GError       **error)
{
  g_return_val_if_fail (content_type != NULL, FALSE);

  if (g_str_has_prefix (content_type, "image/"))
    return image_decodes (content_type, data, length, error);
  if (g_str_equal (content_type, "application/pdf"))
    return pdf_decodes (data, length, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s is not accepted as evidence", content_type);
  return FALSE;
}
