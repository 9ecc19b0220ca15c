/* Fact 7: an unnamed graph ("digraph { ... }") gets its name from a process-wide
 * counter of anonymous objects in cgraph's default ID discipline: agnameof()
 * returns "%N" (N odd), and the SVG carries it in the header comment
 * "<!-- Title: %N Pages: 1 -->" and in the graph's <title>%N</title>.  N grows
 * with every anonymous graph or subgraph created in the process, so the same
 * DOT text renders with a different title each time.  `digraph ""` is worse: no
 * Title comment and no graph <title> element at all.  Always name the graph.
 *
 *   ./fact7_unnamed_graph_title bug -> exit 0 if two renders of the same unnamed
 *                                      graph carry different "%N" titles
 *   ./fact7_unnamed_graph_title fix -> exit 0 if a named graph ("digraph \"actorgraph\"")
 *                                      has the same title on every render
 */
#include "factutil.h"

/* copies the graph's title (header comment and the <title> right after class="graph") */
static void titles(const char *svg, char *comment, char *gtitle, size_t n)
{
    const char *c = strstr(svg, "<!-- Title: ");
    if (c) { c += 12; const char *e = strstr(c, " Pages:"); snprintf(comment, n, "%.*s", (int)(e ? e - c : 0), c); }
    else snprintf(comment, n, "(no Title comment)");
    const char *g = strstr(svg, "class=\"graph\"");
    const char *t = g ? strstr(g, "<title>") : NULL;
    const char *node = g ? strstr(g, "class=\"node\"") : NULL;
    if (t && (!node || t < node)) { t += 7; const char *e = strstr(t, "</title>"); snprintf(gtitle, n, "%.*s", (int)(e ? e - t : 0), t); }
    else snprintf(gtitle, n, "(no graph <title>)");
}

static int render(GVC_t *gvc, const char *src, int drain, char *comment, char *gtitle, char *name)
{
    Agraph_t *g = agmemread(src);
    if (drain) { Agraph_t *h; while ((h = agmemread("")) != NULL) agclose(h); }   /* actorgraph's drain */
    else aglexbad();
    if (!g) return 0;
    snprintf(name, 64, "%s", agnameof(g));
    gvLayout(gvc, g, "dot");
    char *d = NULL; unsigned int len = 0;
    gvRenderData(gvc, g, "svg", &d, &len);
    titles(d, comment, gtitle, 64);
    gvFreeRenderData(d);
    gvFreeLayout(gvc, g);
    agclose(g);
    return 1;
}

int main(int argc, char **argv)
{
    int fix = argc > 1 && !strcmp(argv[1], "fix");
    agseterrf(quiet_errf);
    GVC_t *gvc = gvContext();
    char c[64], t[64], nm[64];
    if (!fix) {
        const char *src = "digraph { a -> b }";
        char first[64] = "", second[64] = "";
        int all_pct = 1;
        printf("mode=bug: the same unnamed graph \"%s\" rendered repeatedly in one process\n", src);
        for (int i = 0; i < 3; i++) {
            render(gvc, src, 0, c, t, nm);
            printf("  render #%d: agnameof=%-5s  SVG <!-- Title: %s -->  graph <title>%s</title>\n", i + 1, nm, c, t);
            if (i == 0) strcpy(first, t);
            if (i == 1) strcpy(second, t);
            if (t[0] != '%') all_pct = 0;
        }
        render(gvc, "digraph { subgraph { x } subgraph { y } a -> b }", 0, c, t, nm);
        printf("  an unnamed graph with 2 anonymous subgraphs: title %s\n", t);
        render(gvc, src, 0, c, t, nm);
        printf("  the first graph again: title %s (the anonymous subgraphs used up counter values too)\n", t);
        render(gvc, src, 1, c, t, nm);
        printf("  the first graph again, read + drain loop (while (agmemread(\"\")) agclose): title %s\n", t);
        render(gvc, src, 1, c, t, nm);
        printf("  ... and again with the drain loop: title %s\n", t);
        Agraph_t *g = agopen(NULL, Agdirected, NULL);
        printf("  agopen(NULL, ...) is named %s\n", agnameof(g));
        agclose(g);
        render(gvc, "digraph \"\" { a -> b }", 0, c, t, nm);
        printf("  digraph \"\" (empty name): agnameof=\"%s\", %s, %s\n", nm, c, t);
        Agraph_t *dg = detread(src); aglexbad();
        printf("  the same text through detread (fact 9): agnameof=%s (always %%1)\n", agnameof(dg));
        agclose(dg);
        int ok = all_pct && strcmp(first, second) != 0;
        printf("%s: fact7 bug reproduced: the same unnamed graph is titled %s, then %s (process-wide counter)\n",
               ok ? "PASS" : "FAIL", first, second);
        gvFreeContext(gvc);
        return ok ? 0 : 1;
    }
    const char *src = "digraph \"actorgraph\" { a -> b }";
    int same = 1; char first[64] = "";
    printf("mode=fix: a named graph \"%s\"\n", src);
    render(gvc, "digraph { x }", 0, c, t, nm);              /* advance the counter in between */
    for (int i = 0; i < 3; i++) {
        render(gvc, src, i == 2, c, t, nm);
        render(gvc, "digraph { subgraph { s } }", 0, c + 32, t + 32, nm + 32);
        printf("  render #%d: agnameof=%s  SVG <!-- Title: %s -->  graph <title>%s</title>\n", i + 1, nm, c, t);
        if (i == 0) strcpy(first, t);
        else if (strcmp(first, t)) same = 0;
    }
    int ok = same && !strcmp(first, "actorgraph");
    printf("%s: fact7 workaround: a named graph keeps its title (%s) on every render\n", ok ? "PASS" : "FAIL", first);
    gvFreeContext(gvc);
    return ok ? 0 : 1;
}
