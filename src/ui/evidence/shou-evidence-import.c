/* shou-evidence-import.c: preparing and queueing evidence, apart from the
 * picker widget.
 *
 * Every way in (chooser, drop, paste) ends in the same steps: check against
 * the profile, strip location metadata, then hand the bytes to the store,
 * which copies them under their SHA-256 and queues the upload.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-evidence-import.h"

ShouProfile *
shou_evidence_get_profile (ShouStore  *store,
                           const char *request_id)
{
  g_autoptr(JsonObject) request = NULL;
  ShouProfiles *profiles;
  ShouPlatform platform;
  ShouProfile *profile;

  request = shou_store_get_request (store, request_id, NULL);
  if (request == NULL ||
      !shou_platform_from_string (json_object_get_string_member_with_default (request, "platform", ""),
                                  &platform))
    return NULL;
  profiles = shou_profiles_get_default ();
  profile = shou_profiles_get (profiles, platform);
  return profile != NULL ? shou_profile_ref (profile) : NULL;
}

gboolean
shou_evidence_kind_wants_cover (ShouEvidenceKind kind)
{
  switch (kind)
    {
    case SHOU_EVIDENCE_CHAT_SCREENSHOT:
    case SHOU_EVIDENCE_COURIER_CERTIFICATE:
    case SHOU_EVIDENCE_SIGNED_SLIP:
      return TRUE;
    case SHOU_EVIDENCE_PRODUCT_PHOTO:
    case SHOU_EVIDENCE_PHOTO_VS_LISTING:
    case SHOU_EVIDENCE_REFUND_PROOF:
    case SHOU_EVIDENCE_OTHER:
    case SHOU_N_EVIDENCE_KINDS:
    default:
      return FALSE;
    }
}

gboolean
shou_evidence_is_image_type (const char *content_type)
{
  return content_type != NULL && g_str_has_prefix (content_type, "image/");
}

GBytes *
shou_evidence_prepare (ShouProfile  *profile,
                       GBytes       *bytes,
                       guint         n_attached,
                       const char  **content_type,
                       GError      **error)
{
  const guint8 *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return NULL;
    }

  if (profile != NULL)
    {
      if (!shou_validate_evidence (profile, data, length, n_attached, content_type, error))
        return NULL;
    }
  else
    *content_type = shou_sniff_content_type (data, length);

  return shou_evidence_strip_gps (bytes);
}

typedef struct
{
  GFile       *file;
  ShouProfile *profile;
  char        *name;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_object_unref (ld->file);
  g_clear_pointer (&ld->profile, shou_profile_unref);
  g_free (ld->name);
  g_free (ld);
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_bytes_new_take (contents, length), (GDestroyNotify) g_bytes_unref);
}

static char *
describe_too_large (goffset size,
                    gsize   max)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *limit = g_format_size (max);

  /* "5.2 MB; at most 5.2 MB" says nothing: show the bytes then. */
  if (g_str_equal (have, limit))
    {
      g_free (have);
      g_free (limit);
      have = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
      limit = g_format_size_full (max, G_FORMAT_SIZE_LONG_FORMAT);
    }
  return g_strdup_printf (_("The file is %s; the platform accepts at most %s"), have, limit);
}

static void
on_file_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GCancellable *cancellable;
  goffset size;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (ld->name);
  ld->name = g_strdup (g_file_info_get_display_name (info));
  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("The file is empty"));
      return;
    }

  /* Refuse before reading a file far over the limit into memory. */
  if (ld->profile != NULL && (guint64) size > shou_profile_get_evidence_max_bytes (ld->profile))
    {
      g_autofree char *message =
        describe_too_large (size, shou_profile_get_evidence_max_bytes (ld->profile));

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", message);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_load_contents_async (ld->file, cancellable, on_file_loaded_cb, g_steal_pointer (&task));
}

void
shou_evidence_load_file_async (GFile               *file,
                               ShouProfile         *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  LoadData *ld;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_evidence_load_file_async);
  /* A cancelled load reports the error it got, as before. */
  g_task_set_check_cancellable (task, FALSE);
  ld = g_new0 (LoadData, 1);
  ld->file = g_object_ref (file);
  ld->profile = profile != NULL ? shou_profile_ref (profile) : NULL;
  ld->name = g_file_get_basename (file);
  g_task_set_task_data (task, ld, load_data_free);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           cancellable, on_file_info_cb, task);
}

GBytes *
shou_evidence_load_file_finish (GAsyncResult  *result,
                                char         **display_name,
                                GError       **error)
{
  LoadData *ld;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  ld = g_task_get_task_data (G_TASK (result));
  if (display_name != NULL)
    *display_name = g_strdup (ld->name);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* "" when the store has no local copy ("path": null). */
const char *
shou_evidence_item_path (JsonObject *item)
{
  JsonNode *node = json_object_get_member (item, "path");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_string (node) == NULL)
    return "";
  return json_node_get_string (node);
}

ShouEvidenceKind
shou_evidence_item_kind (JsonObject *item)
{
  ShouEvidenceKind kind = SHOU_EVIDENCE_OTHER;

  shou_evidence_kind_from_string (json_object_get_string_member_with_default (item, "kind", ""),
                                  &kind);
  return kind;
}

const char *
shou_evidence_item_sha256 (JsonObject *item)
{
  return json_object_get_string_member_with_default (item, "sha256", "");
}

static GBytes *
read_item (JsonObject  *item,
           GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  const char *path = shou_evidence_item_path (item);

  if (*path == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("This evidence has no copy on this computer"));
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  return g_mapped_file_get_bytes (mapped);
}

char *
shou_evidence_queue (ShouStore         *store,
                     const char        *request_id,
                     GBytes            *bytes,
                     ShouEvidenceKind   kind,
                     GError           **error)
{
  return shou_store_import_evidence_bytes (store, request_id, bytes, kind, error);
}

gboolean
shou_evidence_requeue (ShouStore         *store,
                       const char        *request_id,
                       JsonObject        *item,
                       ShouEvidenceKind   kind,
                       GError           **error)
{
  ShouEvidenceKind old_kind = shou_evidence_item_kind (item);
  g_autofree char *sha = g_strdup (shou_evidence_item_sha256 (item));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *new_sha = NULL;

  bytes = read_item (item, error);
  if (bytes == NULL || !shou_store_remove_evidence (store, request_id, sha, error))
    return FALSE;
  new_sha = shou_evidence_queue (store, request_id, bytes, kind, error);
  if (new_sha == NULL)
    {
      g_free (shou_evidence_queue (store, request_id, bytes, old_kind, NULL));
      return FALSE;
    }
  return TRUE;
}
