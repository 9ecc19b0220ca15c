#ifndef ACTORGRAPH_CGRAPHVIZ_SHIM_H
#define ACTORGRAPH_CGRAPHVIZ_SHIM_H
// Graphviz's layout and rendering (libgvc) and graph (libcgraph) APIs, as Debian's
// libgraphviz-dev installs them, plus a deterministic object-id discipline.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

// ---------------------------------------------------------------------------------------------
// Object ids that do not depend on the heap.
//
// cgraph's default id discipline makes a named object's id the ADDRESS of its interned name,
// and keeps subgraphs in id order. Cluster order (and with it the emitted SVG, and fdp's layout
// of clusters) then depends on where malloc put the names: it changes between processes (ASLR)
// and between calls in one process. This discipline numbers named objects in order of first
// appearance (even ids 2, 4, 6, …) and anonymous ones with a per-graph counter (odd ids), so
// the same text always gives the same graph. See Tools/graphviz-facts/.
//
// Not thread-safe (nor is the rest of Graphviz): call it behind the caller's lock.
// ---------------------------------------------------------------------------------------------

// A name handed to cgraph must look like one of cgraph's own interned strings (refstr_t in
// lib/cgraph/refstr.c): cgraph asks `aghtmlstr(name)` whether it is an HTML string by reading
// the reference count stored just before the text. A bare strdup() copy has malloc's bookkeeping
// there, so node names came out of laid-out DOT as `<name>` at random (fdp, neato). Each name
// therefore sits in a zeroed block laid out like refstr_t: never HTML, never counted.
typedef struct {
    Dtlink_t link;
    unsigned long refcnt;
    char *s;
    char store[1];
} actorgraph_refstr_t;

static inline char *actorgraph_name_copy(const char *str) {
    size_t length = strlen(str);
    actorgraph_refstr_t *r = calloc(1, offsetof(actorgraph_refstr_t, store) + length + 1);
    if (!r) return NULL;
    memcpy(r->store, str, length + 1);
    r->s = r->store;
    return r->store;
}

static inline void actorgraph_name_free(char *name) {
    free(name - offsetof(actorgraph_refstr_t, store));
}

typedef struct {
    char **names;          // id / 2 - 1 → name (actorgraph_name_copy)
    size_t count, capacity;
    size_t *slots;         // open-addressing hash: name index + 1, or 0 when empty
    size_t slotCount;      // a power of two, at least twice count
    IDTYPE anonymous;
} actorgraph_ids_t;

static inline size_t actorgraph_hash(const char *s) {
    size_t h = 1469598103934665603ULL;  // FNV-1a
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 1099511628211ULL; }
    return h;
}

static inline void *actorgraph_ids_open(Agraph_t *g, Agdisc_t *d) {
    (void)g; (void)d;
    return calloc(1, sizeof(actorgraph_ids_t));
}

static inline int actorgraph_ids_grow(actorgraph_ids_t *s) {
    size_t slotCount = s->slotCount ? 2 * s->slotCount : 256;
    size_t *slots = calloc(slotCount, sizeof(size_t));
    if (!slots) return 0;
    for (size_t i = 0; i < s->count; i++) {
        size_t at = actorgraph_hash(s->names[i]) & (slotCount - 1);
        while (slots[at]) at = (at + 1) & (slotCount - 1);
        slots[at] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->slotCount = slotCount;
    return 1;
}

static inline long actorgraph_ids_map(void *state, int objtype, char *str, IDTYPE *id, int create) {
    actorgraph_ids_t *s = state;
    (void)objtype;
    if (!str) {  // an anonymous object
        *id = 2 * (s->anonymous++) + 1;
        return 1;
    }
    if (s->slotCount) {
        size_t at = actorgraph_hash(str) & (s->slotCount - 1);
        while (s->slots[at]) {
            size_t i = s->slots[at] - 1;
            if (strcmp(s->names[i], str) == 0) { *id = 2 * (IDTYPE)(i + 1); return 1; }
            at = (at + 1) & (s->slotCount - 1);
        }
    }
    if (!create) return 0;
    if (2 * (s->count + 1) > s->slotCount && !actorgraph_ids_grow(s)) return 0;
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? 2 * s->capacity : 64;
        char **names = realloc(s->names, capacity * sizeof(char *));
        if (!names) return 0;
        s->names = names;
        s->capacity = capacity;
    }
    char *copy = actorgraph_name_copy(str);
    if (!copy) return 0;
    s->names[s->count] = copy;
    size_t at = actorgraph_hash(copy) & (s->slotCount - 1);
    while (s->slots[at]) at = (at + 1) & (s->slotCount - 1);
    s->slots[at] = ++s->count;
    *id = 2 * (IDTYPE)s->count;
    return 1;
}

static inline long actorgraph_ids_alloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype; (void)request;
    return 0;  // ids are never requested directly
}

static inline void actorgraph_ids_free(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;  // names live until the graph closes
}

static inline char *actorgraph_ids_print(void *state, int objtype, IDTYPE id) {
    actorgraph_ids_t *s = state;
    (void)objtype;
    if (id % 2 == 0 && id / 2 >= 1 && id / 2 <= s->count) return s->names[id / 2 - 1];
    return NULL;
}

static inline void actorgraph_ids_close(void *state) {
    actorgraph_ids_t *s = state;
    for (size_t i = 0; i < s->count; i++) actorgraph_name_free(s->names[i]);
    free(s->names);
    free(s->slots);
    free(s);
}

static inline void actorgraph_ids_register(void *state, int objtype, void *obj) {
    (void)state; (void)objtype; (void)obj;
}

/// Makes every graph cgraph opens, ours and those layout engines open internally (fdp's
/// derived graph), number its objects with the discipline above. Call once, before any graph
/// is opened, behind the caller's lock.
static inline void actorgraph_install_deterministic_ids(void) {
    AgIdDisc.open = actorgraph_ids_open;
    AgIdDisc.map = actorgraph_ids_map;
    AgIdDisc.alloc = actorgraph_ids_alloc;
    AgIdDisc.free = actorgraph_ids_free;
    AgIdDisc.print = actorgraph_ids_print;
    AgIdDisc.close = actorgraph_ids_close;
    AgIdDisc.idregister = actorgraph_ids_register;
}

#endif
