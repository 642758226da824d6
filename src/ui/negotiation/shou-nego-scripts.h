/* shou-nego-scripts.h: the script list and message editor of a negotiation
 * round (round-1 and round-2 pages): picking scripts into the message and
 * saving the seller's own. */
#pragma once

#include "shou-nego-page.h"
#include "shou-script-editor.h"

G_BEGIN_DECLS

typedef struct
{
  /* Set by the page. */
  GtkListBox        *list;
  ShouScriptEditor  *editor;
  guint              round;         /* 1 or 2 */
  const ShouNegoContext *ctx;       /* the page's own */
  const char        *proposal;      /* round 2: the chosen proposal's name */

  /* Script ids inserted, for the API's "scripts". */
  GPtrArray         *ids;
  /* The seller's own script last inserted, so "save" can update it. */
  JsonObject        *user_script;
} ShouNegoScripts;

void        shou_nego_scripts_init     (ShouNegoScripts *self,
                                        guint            round);
void        shou_nego_scripts_clear    (ShouNegoScripts *self);
/* Lists the scripts for the request's reason and the round; round 2 keeps
 * the scripts that match the proposal or suit any proposal. */
void        shou_nego_scripts_fill     (ShouNegoScripts *self);
/* A row of the list was activated: its script is added to the message. */
void        shou_nego_scripts_pick     (ShouNegoScripts *self,
                                        GtkListBoxRow   *row);
/* Asks for a title and saves the message as the seller's script. @page
 * owns @self. */
void        shou_nego_scripts_ask_save (ShouNegoScripts *self,
                                        GtkWidget       *page);
JsonArray  *shou_nego_scripts_get_ids  (ShouNegoScripts *self);

G_END_DECLS
