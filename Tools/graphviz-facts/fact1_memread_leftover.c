/* Fact 1: agmemread() parses only the first graph of a string; whatever the
 * flex lexer has already buffered (the rest of the current LINE) stays in a
 * global buffer and is parsed by the NEXT agmemread() call.
 *
 *   ./fact1_memread_leftover bug    -> exit 0 if the pollution is reproduced
 *   ./fact1_memread_leftover fix    -> exit 0 if aglexbad() after every read fixes it
 *   ./fact1_memread_leftover drain  -> exit 0 if the public-API-only drain loop fixes it
 *
 * aglexbad() is exported by libcgraph.so.6 (2.42/2.43) but NOT declared in
 * cgraph.h; it does YY_FLUSH_BUFFER on the global lexer buffer.
 */
#include <stdio.h>
#include <string.h>
#include <cgraph.h>

extern void aglexbad(void); /* exported, undeclared: void aglexbad(void) */

static int mode; /* 0 bug, 1 fix (aglexbad), 2 drain loop */
static int errcount;
/* the callback gets fragments: "Error" / "Warning", ": ", text; count messages */
static int quiet(char *msg) { if (!strcmp(msg, "Error") || !strcmp(msg, "Warning")) errcount++; return 0; }

/* read with the selected hygiene; returns the name of the graph (static buf) or "NULL" */
static const char *rd(const char *src, int *nnodes, char *firstnode)
{
    static char name[128];
    Agraph_t *g = agmemread(src);
    if (mode == 1) {
        aglexbad();                       /* WORKAROUND: flush leftover */
    } else if (mode == 2) {
        Agraph_t *h;                      /* ALTERNATIVE: drain loop, public API only */
        while ((h = agmemread("")) != NULL) agclose(h);
        agreseterrors();                  /* drain may have raised a syntax error */
    }
    *nnodes = -1; firstnode[0] = 0;
    if (!g) { strcpy(name, "NULL"); return name; }
    snprintf(name, sizeof name, "%s", agnameof(g));
    *nnodes = agnnodes(g);
    Agnode_t *n = agfstnode(g);
    if (n) snprintf(firstnode, 64, "%s", agnameof(n));
    agclose(g);
    return name;
}

struct tcase { const char *first; const char *first_expect; const char *note; };

int main(int argc, char **argv)
{
    mode = (argc > 1 && !strcmp(argv[1], "fix")) ? 1 : (argc > 1 && !strcmp(argv[1], "drain")) ? 2 : 0;
    agseterrf(quiet);                 /* keep the output readable; errors are counted */
    aglexbad();                       /* safe before any read (no buffer yet) */

    struct tcase cases[] = {
        { "digraph a {x} digraph b {y}",            "a",    "two complete graphs on one line" },
        { "digraph a {x} digraph b {",              "a",    "complete graph + partial graph" },
        { "digraph a {x} junk",                     "a",    "complete graph + trailing junk" },
        { "digraph a {x} digraph b {y}\ndigraph q {w}", "a", "second graph on line 1, third on line 2" },
        { "digraph a {x}\ndigraph b {y}\n",         "a",    "second graph on its own line" },
        { "digraph { a -> ; b }",                   "NULL", "syntax error mid-string" },
        { "digraph { a -> ; b } digraph q {w}",     "NULL", "syntax error, then another graph" },
        { "digraph { a [label=\"abc",               "NULL", "unterminated quoted string" },
        { "digraph { a /* abc",                     "NULL", "unterminated comment" },
        { "digraph { a [label=<abc",                "NULL", "unterminated HTML string" },
    };
    int ncases = sizeof cases / sizeof cases[0];
    int polluted = 0, clean_after_syntax_error = 1;
    printf("mode=%s\n", mode == 0 ? "bug (plain agmemread)" : mode == 1 ? "fix (agmemread + aglexbad())" : "drain (agmemread + while(agmemread(\"\")) agclose)");
    for (int i = 0; i < ncases; i++) {
        int nn; char fn[64];
        errcount = 0;
        const char *n1 = rd(cases[i].first, &nn, fn);
        int e1 = errcount; errcount = 0;
        const char *n1c = strdup(n1);
        const char *n2 = rd("digraph c {z}", &nn, fn);
        int ok = !strcmp(n2, "c") && nn == 1 && !strcmp(fn, "z") && errcount == 0;
        printf("  [%-40s] read#1 -> %-4s (errors %d) | next read of \"digraph c {z}\" -> %s nodes=%d first=%s errors=%d  %s\n",
               cases[i].note, n1c, e1, n2, nn, fn, errcount, ok ? "clean" : "POLLUTED");
        if (!ok) polluted++;
        if (!ok && !strcmp(cases[i].first_expect, "NULL")) clean_after_syntax_error = 0;
        /* make sure state is clean for the next case regardless of mode */
        rd("digraph reset {r}", &nn, fn);
        aglexbad();
    }
    printf("  polluted follow-up reads: %d of %d; after a pure syntax error the next read is %s\n",
           polluted, ncases, clean_after_syntax_error ? "clean (agconcat calls aglexbad itself on failure)" : "POLLUTED");
    if (mode == 0) {
        int ok = polluted > 0;
        printf("%s: fact1 bug reproduced: agmemread leaves same-line leftovers for the next call\n", ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    } else {
        int ok = polluted == 0;
        printf("%s: fact1 workaround (%s) gives a clean next read in all %d cases\n", ok ? "PASS" : "FAIL",
               mode == 1 ? "aglexbad() after every agmemread" : "drain loop", ncases);
        return ok ? 0 : 1;
    }
}
