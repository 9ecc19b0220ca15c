/* Fact 2: agerrors() returns the MAXIMUM error level seen since the last
 * agreseterrors() (a process-global "sticky max"), not the result of the
 * last call.  Warnings never raise it (AGWARN == 0).
 *
 *   ./fact2_agerrors_sticky bug  -> exit 0 if the stickiness is reproduced
 *   ./fact2_agerrors_sticky fix  -> exit 0 if agreseterrors() before each operation fixes it
 *
 * Signatures (cgraph.h): int agerrors(void); int agreseterrors(void);
 *   agreseterrors() returns the previous max and resets it to 0.
 */
#include <stdio.h>
#include <string.h>
#include <gvc.h>

static int quiet(char *m) { (void)m; return 0; }

/* one "operation" = read + layout + render + free; returns agerrors() after it */
static int op(GVC_t *gvc, const char *src, int reset_first)
{
    if (reset_first) agreseterrors();
    Agraph_t *g = agmemread(src);
    extern void aglexbad(void);
    aglexbad();
    if (g) {
        char *d = NULL; unsigned int len = 0;
        gvLayout(gvc, g, "dot");
        gvRenderData(gvc, g, "svg", &d, &len);
        if (d) gvFreeRenderData(d);
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    return agerrors();
}

int main(int argc, char **argv)
{
    int fix = argc > 1 && !strcmp(argv[1], "fix");
    agseterrf(quiet);
    GVC_t *gvc = gvContext();
    int e0 = agerrors();
    int e1 = op(gvc, "digraph { a -> ; b }", fix);                  /* syntax error */
    int e2 = op(gvc, "digraph ok { a -> b }", fix);                 /* fine */
    int e3 = op(gvc, "digraph ok2 { a -> b }", fix);                /* fine */
    int e4 = op(gvc, "digraph w { a [shape=nosuchshape] }", fix);   /* warning only */
    int prev = agreseterrors();
    int e5 = agerrors();
    printf("mode=%s\n", fix ? "fix (agreseterrors() before each op)" : "bug (no reset)");
    printf("  initial agerrors()=%d\n", e0);
    printf("  after syntax error         agerrors()=%d\n", e1);
    printf("  after good op #1           agerrors()=%d\n", e2);
    printf("  after good op #2           agerrors()=%d\n", e3);
    printf("  after warning-only op      agerrors()=%d   (warnings are level AGWARN=0: never counted)\n", e4);
    printf("  agreseterrors() returned %d, agerrors() now %d\n", prev, e5);
    gvFreeContext(gvc);
    int ok;
    if (!fix) {
        ok = e0 == 0 && e1 == 1 && e2 == 1 && e3 == 1 && e5 == 0;
        printf("%s: fact2 bug reproduced: agerrors() stays %d after later successful calls until agreseterrors()\n", ok ? "PASS" : "FAIL", e2);
    } else {
        ok = e1 == 1 && e2 == 0 && e3 == 0 && e4 == 0;
        printf("%s: fact2 workaround: agreseterrors() before each op -> agerrors() reflects only that op (1,0,0,0)\n", ok ? "PASS" : "FAIL");
    }
    return ok ? 0 : 1;
}
