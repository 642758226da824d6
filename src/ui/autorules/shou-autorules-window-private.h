/* shou-autorules-window-private.h: the rules window's state, shared by
 * its files: the window and its rules page (shou-autorules-window.c), the
 * log page (-log.c) and the calls to a team's hub (-hub.c). */
#pragma once

#include "shou-autorules-window.h"
#include "store/shou-store-autorules.h"
#include "sync/shou-api-autorules.h"

G_BEGIN_DECLS

struct _ShouAutorulesWindow
{
  AdwWindow             parent_instance;

  ShouStore            *store;
  ShouSyncEngine       *engine;       /* nullable: the cache's rules only */
  char                 *account_id;
  GCancellable         *cancellable;
  gboolean              hub;          /* the team's hub keeps and runs the rules */
  gboolean              hub_loaded;   /* the hub's list was read this time */
  ShouApiClient        *client;       /* of the hub */
  GHashTable           *hub_dry_run;  /* ids the hub says were dry-run as they are */
  GPtrArray            *rules;        /* element-type ShouAutorule, shown */
  AdwViewStack         *stack;
  AdwToastOverlay      *toasts;
  AdwPreferencesGroup  *rules_group;
  GPtrArray            *rule_rows;
  GtkWidget            *new_button;
  GtkWidget            *import_button;
  GtkWidget            *export_button;
  GtkWidget            *hub_status;   /* why the hub's rules are not shown */
  GtkWidget            *hub_status_label;
  AdwPreferencesGroup  *log_group;
  GPtrArray            *log;          /* element-type ShouAutoruleLogEntry, shown */
  GPtrArray            *log_rows;
  GPtrArray            *log_states;   /* the rows' state labels */
  char                 *log_signature;
  gint64                hub_offset;   /* the hub's clock minus ours, at its last log */
  gboolean              log_fetching;
  guint                 log_ticks;
  GtkWidget            *empty_log;
  guint                 tick_id;
};

void  shou_autorules_window_render_rules (ShouAutorulesWindow *self);
void  shou_autorules_window_present_dry_run (ShouAutorulesWindow *self,
                                             const ShouAutorule  *rule,
                                             ShouAutoruleDryRun  *run);

/* Export and import of the rules as a JSON file (-file.c) */
void  shou_autorules_file_export         (ShouAutorulesWindow *self);
void  shou_autorules_file_import         (ShouAutorulesWindow *self);
/* The import of @n rules took: the list is shown again and it says so. */
void  shou_autorules_window_imported     (ShouAutorulesWindow *self,
                                          guint                n);

/* The log page (-log.c) */
void  shou_autorules_log_init            (ShouAutorulesWindow *self,
                                          GtkWidget           *page);
/* Reads the log again (the cache, or the hub) and redraws what changed. */
void  shou_autorules_log_refresh         (ShouAutorulesWindow *self);
/* Shows @log (transfer full): rows are rebuilt only when an entry or its
 * state changed; otherwise the countdowns are updated in place. */
void  shou_autorules_log_show            (ShouAutorulesWindow *self,
                                          GPtrArray           *log);
gboolean shou_autorules_log_tick         (gpointer             data);

/* The team's hub (-hub.c) */
void  shou_autorules_hub_load            (ShouAutorulesWindow *self);
void  shou_autorules_hub_save            (ShouAutorulesWindow *self,
                                          GtkWindow           *editor,
                                          const ShouAutorule  *rule);
void  shou_autorules_hub_delete          (ShouAutorulesWindow *self,
                                          const char          *rule_id);
void  shou_autorules_hub_move            (ShouAutorulesWindow *self,
                                          const char          *rule_id,
                                          guint                position);
void  shou_autorules_hub_enable          (ShouAutorulesWindow *self,
                                          const char          *rule_id,
                                          gboolean             enabled,
                                          GtkWidget           *dry_run_window);
/* Puts @rules (an imported file's) in place of the hub's list, all off. */
void  shou_autorules_hub_replace         (ShouAutorulesWindow *self,
                                          GPtrArray           *rules);
void  shou_autorules_hub_dry_run         (ShouAutorulesWindow *self,
                                          const ShouAutorule  *rule);
void  shou_autorules_hub_fetch_log       (ShouAutorulesWindow *self);
void  shou_autorules_hub_undo            (ShouAutorulesWindow *self,
                                          const char          *key);
/* The seller's sentence for a failed hub call (translated). */
char *shou_autorules_hub_error_text      (const GError        *error);
/* The order number of the hub's request @server_id, from the cache. */
char *shou_autorules_hub_order_no        (ShouAutorulesWindow *self,
                                          const char          *server_id);

G_END_DECLS
