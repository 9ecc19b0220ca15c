/* factutil.h - small helpers shared by fact6..fact9 (not part of any fact).
 *
 *   fnv64()        hash of a rendered buffer, to compare outputs
 *   render_hash()  read (agmemread or detread) + optional RNG reset + layout + render SVG
 *   fresh_hash()   the same render in a FRESH process (fork + exec of this program with
 *                  "once ..." arguments), to compare with what a child-process renderer gets
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <gvc.h>
#include "detread.h"

#define UNUSED __attribute__((unused))

extern void aglexbad(void); /* exported by libcgraph, not declared in cgraph.h (see fact 1) */

UNUSED static unsigned long long fnv64(const char *d, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)d[i]; h *= 1099511628211ULL; }
    return h;
}

enum { RD_PLAIN = 0, RD_DET = 1 };                 /* reader: agmemread() or detread() */
enum { RS_NONE = 0, RS_SRAND = 1, RS_SEED48 = 2, RS_BOTH = 3 }; /* RNG reset before gvLayout */
UNUSED static const char *reader_name[] = { "agmemread", "detread" };
UNUSED static const char *reseed_name[] = { "no reset", "srand(1)", "seed48({0,0,0})", "srand(1)+seed48({0,0,0})" };

/* Resets libc's two global generators to the state a fresh process starts with:
 * rand() is seeded with 1, drand48() starts from X=0 (glibc), which srand48() cannot give. */
UNUSED static void reset_rngs(int how)
{
    if (how & RS_SRAND) srand(1);
    if (how & RS_SEED48) { unsigned short z[3] = { 0, 0, 0 }; seed48(z); }
}

/* Renders src to SVG; returns the FNV hash (0 on failure); *len gets the length.
 * If keep is non-NULL the SVG is copied into it (malloc'd; caller frees). */
UNUSED static unsigned long long render_hash(GVC_t *gvc, const char *src, const char *engine,
                                      int reader, int reseed, size_t *len, char **keep)
{
    Agraph_t *g = reader == RD_DET ? detread(src) : agmemread(src);
    aglexbad();
    if (!g) return 0;
    reset_rngs(reseed);
    unsigned long long h = 0;
    if (gvLayout(gvc, g, engine) == 0) {
        char *d = NULL; unsigned int n = 0;
        if (gvRenderData(gvc, g, "svg", &d, &n) == 0 && d) {
            h = fnv64(d, n);
            if (len) *len = n;
            if (keep) { *keep = malloc(n + 1); memcpy(*keep, d, n); (*keep)[n] = 0; }
        }
        if (d) gvFreeRenderData(d);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return h;
}

/* Runs "/proc/self/exe once <args...>" and parses the hash it prints. */
UNUSED static unsigned long long fresh_hash(char *const args[])
{
    int p[2];
    if (pipe(p) != 0) return 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]); dup2(p[1], 1);
        execv("/proc/self/exe", args);
        _exit(127);
    }
    close(p[1]);
    char buf[128] = { 0 };
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    int st; waitpid(pid, &st, 0);
    if (n <= 0) return 0;
    return strtoull(buf, NULL, 16);
}

/* number of distinct values among h[0..n-1] */
UNUSED static int distinct(const unsigned long long *h, int n)
{
    int d = 0;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++) if (h[j] == h[i]) { seen = 1; break; }
        if (!seen) d++;
    }
    return d;
}

UNUSED static int quiet_errf(char *m) { (void)m; return 0; }
