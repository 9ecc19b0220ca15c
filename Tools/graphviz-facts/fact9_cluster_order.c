/* Fact 9: with agmemread() (cgraph's default ID discipline) a named subgraph's
 * ID is the ADDRESS of its interned name string, and subgraphs are iterated in
 * ID order.  So the order in which clusters are emitted in the SVG depends on
 * heap state and changes between calls in ONE process, for dot and neato alike
 * (measured on actorgraph's own DOT: 10 clusters).  The geometry stays the same
 * here (same lines, other order), but the bytes differ, and so does the paint
 * order of overlapping cluster boxes.
 *
 * Fix: read with detread() (detread.h), whose ID discipline numbers names in
 * order of first appearance: every in-process render is then byte-identical,
 * and identical to a fresh process's output.
 *
 *   ./fact9_cluster_order bug [runs] -> exit 0 if dot and neato each give >1 distinct
 *                                      SVG over `runs` in-process renders (agmemread)
 *   ./fact9_cluster_order fix [runs] -> exit 0 if detread gives exactly 1 distinct SVG
 *                                      per engine, equal to a fresh process's output
 *   ./fact9_cluster_order once ENGINE FILE -> (internal) one plain render, prints the hash
 *
 * Input files are looked up in ./data (run from Tools/graphviz-facts, as `make run` does).
 */
#include "factutil.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot read %s (run from Tools/graphviz-facts)\n", path); exit(2); }
    fseek(f, 0, SEEK_END); long n = ftell(f); rewind(f);
    char *s = malloc(n + 1);
    if (fread(s, 1, n, f) != (size_t)n) exit(2);
    s[n] = 0; fclose(f);
    return s;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* hash of the SVG's lines sorted: equal when only the order of lines differs */
static unsigned long long sorted_hash(const char *svg)
{
    char *s = strdup(svg);
    size_t n = 0, cap = 1024;
    char **lines = malloc(cap * sizeof *lines);
    for (char *p = strtok(s, "\n"); p; p = strtok(NULL, "\n")) {
        if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = p;
    }
    qsort(lines, n, sizeof *lines, cmpstr);
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= fnv64(lines[i], strlen(lines[i])); h *= 1099511628211ULL; }
    free(lines); free(s);
    return h;
}

/* "0 1 2 7 3 ..." : the cluster numbers in the order the SVG emits them */
static void cluster_order(const char *svg, char *out, size_t n)
{
    out[0] = 0;
    for (const char *p = svg; (p = strstr(p, "class=\"cluster\"")) != NULL; p++) {
        const char *t = strstr(p, "<title>cluster_");
        if (!t) break;
        size_t l = strlen(out);
        snprintf(out + l, n - l, "%s%d", l ? " " : "", atoi(t + 15));
    }
}

struct tcase { const char *engine, *file; };
static const struct tcase cases[] = {
    { "dot",   "data/karachi-2010-kind-dot.dot" },
    { "neato", "data/karachi-2010-kind-neato.dot" },
};

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "bug";
    if (!strcmp(mode, "once") && argc > 3) {
        agseterrf(quiet_errf);
        GVC_t *gvc = gvContext();
        printf("%016llx\n", render_hash(gvc, slurp(argv[3]), argv[2], RD_PLAIN, RS_NONE, NULL, NULL));
        return 0;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 6;
    if (runs < 2) runs = 2;
    if (runs > 64) runs = 64;
    int fix = !strcmp(mode, "fix");

    unsigned long long ref[2][3];
    int fresh_d[2];
    for (int c = 0; c < 2; c++) {
        char *args[] = { "fact9", "once", (char *)cases[c].engine, (char *)cases[c].file, NULL };
        for (int k = 0; k < 3; k++) ref[c][k] = fresh_hash(args);
        fresh_d[c] = distinct(ref[c], 3);
    }
    agseterrf(quiet_errf);
    GVC_t *gvc = gvContext();
    printf("mode=%s: %d consecutive in-process renders, reader %s\n", mode, runs, fix ? "detread()" : "agmemread()");
    int ok = 1, dmin = runs, dmax = 0;
    for (int c = 0; c < 2; c++) {
        char *src = slurp(cases[c].file);
        unsigned long long h[64], sh[64];
        char orders[64][128];
        for (int i = 0; i < runs; i++) {
            char *svg = NULL;
            h[i] = render_hash(gvc, src, cases[c].engine, fix ? RD_DET : RD_PLAIN, RS_NONE, NULL, &svg);
            sh[i] = svg ? sorted_hash(svg) : 0;
            cluster_order(svg ? svg : "", orders[i], sizeof orders[i]);
            free(svg);
        }
        int d = distinct(h, runs), ds = distinct(sh, runs);
        printf("  %-5s [%s]: %d distinct SVGs of %d; %d distinct after sorting lines (%s); fresh processes: %d distinct of 3\n",
               cases[c].engine, cases[c].file, d, runs, ds,
               d == 1 ? "identical" : ds == 1 ? "same geometry, other order" : "the layout itself differs too", fresh_d[c]);
        for (int i = 0; i < runs; i++) printf("      render #%d cluster order: %s%s\n", i + 1, orders[i],
                                             h[i] == ref[c][0] ? "   (= fresh process)" : "");
        if (d < dmin) dmin = d;
        if (d > dmax) dmax = d;
        if (fix) { if (!(d == 1 && fresh_d[c] == 1 && h[0] == ref[c][0])) ok = 0; }
        else if (d < 2) ok = 0;
        free(src);
    }
    if (fix)
        printf("%s: fact9 fix: with detread every in-process dot/neato render is identical (%d distinct) and equals a fresh process\n",
               ok ? "PASS" : "FAIL", dmax);
    else
        printf("%s: fact9 bug reproduced: cluster order in the SVG changes between in-process renders with agmemread "
               "(dot/neato: %d-%d distinct of %d)\n", ok ? "PASS" : "FAIL", dmin, dmax, runs);
    gvFreeContext(gvc);
    return ok ? 0 : 1;
}
