/* evidence-test-util.h: what test-evidence.c and test-evidence-upload.c
 * share: JPEGs with a location, importing, the picker in a window.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "evidence-sim.h"
#include "ui/evidence/shou-cover-editor.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "core/shou-core.h"

/* Distinctive GPS numerators, so their bytes can be searched for. */
static const guint8 lat_bytes[] = { 0x31, 0x41, 0x59, 0x26 };

typedef struct
{
  gboolean  done;
  char     *sha;
  char     *error;
} ImportResult;

typedef struct
{
  GtkWidget          *window;
  ShouEvidencePicker *picker;
  ImportResult        result;
} PickerWindow;

void put_be16 (GByteArray *a,
               guint       v);
void put_be32 (GByteArray *a,
               guint32     v);
GByteArray *exif_segment (void);
GByteArray *app1_segment (const char *payload,
                          gsize       length);
GBytes *splice_segment (GBytes     *jpeg,
                        GByteArray *segment);
GBytes *gps_jpeg (void);
void on_import_finished (ShouEvidencePicker *picker,
                         const char         *sha,
                         const char         *error,
                         ImportResult       *r);
gboolean import_done (gpointer data);
void import_result_clear (ImportResult *r);
void picker_window_open_for (PickerWindow *pw,
                             ShouStore    *store,
                             const char   *request_id);
void picker_window_open (PickerWindow *pw,
                         ShouStore    *store);
void picker_window_close (PickerWindow *pw);
GtkWidget *find_tile_button (GtkWidget  *root,
                             const char *label);
