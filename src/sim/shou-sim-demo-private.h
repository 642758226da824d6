/* shou-sim-demo-private.h: the demo's fields and its stories, shared by
 * shou-sim-demo.c (shops, orders, requests) and shou-sim-demo-story.c (a
 * request's history, replayed through core). */
#pragma once

#include "shou-sim-demo.h"

struct _ShouSimDemo
{
  GObject       parent_instance;
  ShouSimWorld *world;
  GRand        *rand;
  guint         history_days;
};

/* Stories: a request's history, replayed through core. */

typedef struct
{
  ShouEventKind kind;
  gint64        offset;      /* after the request opened */
  const char   *text;
  ShouProposal  proposal;
  guint         round;
  gint64        amount_fen;
  gboolean      with_evidence;
} Step;

typedef struct
{
  ShouRequestType type;
  ShouOrderState  order_state;
  const char     *reason;     /* NULL: chosen to fit the goods (add_request) */
  const char     *text;
  Step            steps[8];
  guint           n_steps;
  char            escalation[160];
} Story;

void              shou_sim_demo_make_story (ShouSimDemo  *self,
                                            ShouPlatform  platform,
                                            Story        *story);
ShouHubAftersale *shou_sim_demo_play_story (ShouSimDemo *self,
                                            const Story *story,
                                            JsonObject  *order,
                                            const char  *merchant,
                                            const char  *line_id,
                                            gint64       amount_fen,
                                            JsonObject  *address,
                                            gint64       base,
                                            const char  *evidence_sha,
                                            gint64      *out_last);
