/* shou-view.c: the names and labels of the queue's views. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-view.h"

static const char * const view_names[] = {
  "pending", "urgent", "negotiating", "await_return", "intervention", "finished", "all",
};

const char *
shou_view_to_string (ShouView view)
{
  g_return_val_if_fail (view < SHOU_N_VIEWS, NULL);
  return view_names[view];
}

const char *
shou_view_get_label (ShouView view)
{
  switch (view)
    {
    case SHOU_VIEW_PENDING:      return _("To Handle");
    case SHOU_VIEW_URGENT:       return _("Due Soon");
    case SHOU_VIEW_NEGOTIATING:  return _("Negotiating");
    case SHOU_VIEW_AWAIT_RETURN: return _("Awaiting Buyer");
    case SHOU_VIEW_INTERVENTION: return _("Platform Intervention");
    case SHOU_VIEW_FINISHED:     return _("Finished");
    case SHOU_VIEW_ALL:          return _("All Requests");
    case SHOU_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}
