/* detread.h - deterministic replacement for agmemread() (Graphviz 2.42/2.43).
 *
 * Why: with the default ID discipline (AgIdDisc) a named object's ID is the
 * ADDRESS of its interned name string.  Subgraphs are iterated in ID order,
 * so cluster order (SVG emission order, and the layout itself for fdp, osage,
 * patchwork) depends on heap state and changes between calls in one process.
 *
 * Fix: an Agiddisc_t that numbers named objects in order of first appearance
 * (even IDs 2,4,6,...) and anonymous ones with a per-graph counter (odd IDs
 * 1,3,5,... so an unnamed root graph is always "%1").  Read through agread()
 * with an in-memory Agiodisc_t.  Everything stays static: the Agdisc_t is
 * copied into the graph, but the id/io tables it points to must outlive it.
 *
 * Usage (under the global Graphviz lock):
 *     Agraph_t *g = detread(src);   aglexbad();     // see fact 1
 *     ... srand(1) before gvLayout(... "sfdp") ...   // see fact 6
 */
#include <stdlib.h>
#include <string.h>
#include <cgraph.h>
typedef struct { char **names; size_t n, cap; IDTYPE anon; } detid_t;
static void *detid_open(Agraph_t *g, Agdisc_t *d){ (void)g;(void)d; return calloc(1,sizeof(detid_t)); }
static long detid_map(void *st, int objtype, char *str, IDTYPE *id, int create){
  detid_t *s=st; (void)objtype;
  if(!str){ *id = 2*(s->anon++)+1; return 1; }
  for(size_t i=0;i<s->n;i++) if(!strcmp(s->names[i],str)){ *id=2*(IDTYPE)(i+1); return 1; }
  if(!create) return 0;
  if(s->n==s->cap){ s->cap=s->cap?2*s->cap:64; s->names=realloc(s->names,s->cap*sizeof(char*)); }
  s->names[s->n++]=strdup(str); *id=2*(IDTYPE)s->n; return 1;
}
static long detid_alloc(void *st,int t,IDTYPE req){ (void)st;(void)t;(void)req; return 0; }
static void detid_free(void *st,int t,IDTYPE id){ (void)st;(void)t;(void)id; /* names kept until close */ }
static char *detid_print(void *st,int t,IDTYPE id){ detid_t *s=st;(void)t; if(id%2==0 && id/2>=1 && id/2<=s->n) return s->names[id/2-1]; return NULL; }
static void detid_close(void *st){ detid_t *s=st; for(size_t i=0;i<s->n;i++) free(s->names[i]); free(s->names); free(s); }
static void detid_register(void *st,int t,void *obj){ (void)st;(void)t;(void)obj; }
static Agiddisc_t DetIdDisc = { detid_open, detid_map, detid_alloc, detid_free, detid_print, detid_close, detid_register };

/* in-memory reader, same semantics as agmemread() (one line per afread call) */
typedef struct { const char *data; size_t len, cur; } memrdr_t;
static int memrdr_read(void *chan, char *buf, int bufsize){
  memrdr_t *r=chan; if(bufsize<=0||r->cur>=r->len) return 0;
  int l=0; char c; do { c = buf[l++] = r->data[r->cur++]; } while(c!='\n' && l<bufsize && r->cur<r->len);
  return l;
}
static Agiodisc_t MemRdrIo;
static Agdisc_t DetDisc;
static Agraph_t *detread(const char *src){ /* same contract as agmemread(); NOT thread-safe */
  memrdr_t r = { src, strlen(src), 0 };
  MemRdrIo.afread = memrdr_read; MemRdrIo.putstr = AgIoDisc.putstr; MemRdrIo.flush = AgIoDisc.flush;
  DetDisc.mem = &AgMemDisc; DetDisc.id = &DetIdDisc; DetDisc.io = &MemRdrIo;
  return agread(&r, &DetDisc);
}
