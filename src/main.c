/* main.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ui/window/shou-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShouApplication) app = NULL;

  const char *localedir = g_getenv ("SHOUHOU_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* SHOUHOU_LOCALEDIR: translations of an uninstalled build (<build>/po). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Shouhou"));
  app = shou_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
