/* Fact 6: fdp and sfdp give a different layout on consecutive in-process calls
 * for the same DOT text, with or without start=N.
 *
 * What fixes what (Graphviz 2.43, Debian), measured on actorgraph's own DOT
 * (data/karachi-2010-*.dot, written by `actorgraph export`):
 *
 *   sfdp: its randomness comes from libc's two PROCESS-GLOBAL generators,
 *         rand() and drand48(), whose state one call leaves for the next.
 *         Resetting both to a fresh process's state right before gvLayout
 *             srand(1); unsigned short z[3] = {0,0,0}; seed48(z);
 *         makes every in-process sfdp call identical to a fresh process's
 *         output.  With actorgraph's sfdp attributes srand(1) alone is enough;
 *         with splines=true + K=1.2 (the fdp attributes) drand48 is used too, so
 *         reset both.  (srand48() cannot reproduce glibc's unseeded drand48
 *         state; seed48({0,0,0}) can.)  detread (fact 9) changes nothing for sfdp.
 *   fdp:  NO in-process fix.  Neither detread nor the RNG resets nor both make
 *         consecutive calls identical: fdp depends on heap ADDRESSES (e.g.
 *         lib/fdpgen/layout.c deriveGraph() orients each derived edge by
 *         comparing node pointers, `if (hd > tl)`).  Without clusters a fresh
 *         process is reproducible (that is what a child-process renderer gets).
 *         WITH clusters even fresh processes differ from run to run (`dot -Kfdp`
 *         too): the heap layout varies with ASLR, pango's font-loading threads
 *         and expat's random hash salt (see README).
 *
 *   ./fact6_fdp_sfdp_nondeterminism bug [runs] -> exit 0 if every case gives >1 distinct
 *        SVG over `runs` consecutive in-process calls (plain agmemread, no reset),
 *        both with start=1 (as actorgraph writes it) and with start= removed
 *   ./fact6_fdp_sfdp_nondeterminism fix [runs] -> reader x RNG-reset matrix; exit 0 if
 *        sfdp + srand(1)+seed48(0) is identical on every call AND equals a fresh process
 *        in every case, no fdp combination is reproducible in-process, unclustered fdp
 *        agrees across fresh processes and clustered fdp does not
 *   ./fact6_fdp_sfdp_nondeterminism once ENGINE FILE NOSTART -> (internal) one render in
 *        a fresh process, prints the hash
 *
 * Input files are looked up in ./data (run from Tools/graphviz-facts, as `make run` does).
 */
#include "factutil.h"

static char *slurp(const char *path, int strip_start)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot read %s (run from Tools/graphviz-facts)\n", path); exit(2); }
    fseek(f, 0, SEEK_END); long n = ftell(f); rewind(f);
    char *s = malloc(n + 1);
    if (fread(s, 1, n, f) != (size_t)n) exit(2);
    s[n] = 0; fclose(f);
    if (strip_start) {               /* remove ", start=1" from the graph attributes */
        char *p = strstr(s, ", start=1");
        if (p) memmove(p, p + 9, strlen(p + 9) + 1);
    }
    return s;
}

struct tcase { const char *engine, *file, *what; };
static const struct tcase cases[] = {
    { "fdp",  "data/karachi-2010-fdp.dot",       "fdp,  33 actors, no clusters" },
    { "fdp",  "data/karachi-2010-kind-fdp.dot",  "fdp,  33 actors, 10 clusters" },
    { "sfdp", "data/karachi-2010-sfdp.dot",      "sfdp, 33 actors, no clusters" },
    { "sfdp", "data/karachi-2010-kind-sfdp.dot", "sfdp, 33 actors, 10 clusters" },
    { "sfdp", "data/karachi-2010-fdp.dot",       "sfdp on the fdp attributes (splines=true, K=1.2)" },
};
#define NCASES (int)(sizeof cases / sizeof cases[0])

static int runs = 3;

/* `runs` consecutive in-process renders; returns the number of distinct outputs */
static int series(GVC_t *gvc, const char *src, const char *engine, int reader, int reseed,
                  unsigned long long *first)
{
    unsigned long long h[64] = { 0 };
    for (int i = 0; i < runs; i++) h[i] = render_hash(gvc, src, engine, reader, reseed, NULL, NULL);
    *first = h[0];
    return distinct(h, runs);
}

static unsigned long long fresh(const char *engine, const char *file, int nostart)
{
    char *args[] = { "fact6", "once", (char *)engine, (char *)file, nostart ? "1" : "0", NULL };
    return fresh_hash(args);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "bug";
    if (!strcmp(mode, "once") && argc > 4) {
        agseterrf(quiet_errf);
        GVC_t *gvc = gvContext();
        printf("%016llx\n", render_hash(gvc, slurp(argv[3], atoi(argv[4])), argv[2], RD_PLAIN, RS_NONE, NULL, NULL));
        return 0;
    }
    if (argc > 2) runs = atoi(argv[2]);
    if (runs < 2) runs = 2;
    if (runs > 64) runs = 64;

    if (!strcmp(mode, "bug")) {
        /* fresh-process references first, while this process has not touched Graphviz */
        unsigned long long ref[NCASES][2];
        for (int c = 0; c < 4; c++) for (int ns = 0; ns < 2; ns++) ref[c][ns] = fresh(cases[c].engine, cases[c].file, ns);
        agseterrf(quiet_errf);
        GVC_t *gvc = gvContext();
        int all = 1, total = 0, worst = runs;
        printf("mode=bug: %d consecutive in-process renders of the same DOT, plain agmemread, no RNG reset\n", runs);
        for (int c = 0; c < 4; c++)
            for (int ns = 0; ns < 2; ns++) {
                unsigned long long f;
                char *src = slurp(cases[c].file, ns);
                int d = series(gvc, src, cases[c].engine, RD_PLAIN, RS_NONE, &f);
                free(src);
                printf("  %-30s %-9s: %d distinct SVGs of %d (first call %s a fresh process)\n",
                       cases[c].what, ns ? "no start" : "start=1", d, runs, f == ref[c][ns] ? "equals" : "differs from");
                if (d < 2) all = 0;
                if (d < worst) worst = d;
                total++;
            }
        printf("%s: fact6 bug reproduced: fdp and sfdp differ between consecutive in-process calls, with and without start= "
               "(%d/%d cases; fewest distinct: %d of %d)\n", all ? "PASS" : "FAIL", all ? total : 0, total, worst, runs);
        gvFreeContext(gvc);
        return all ? 0 : 1;
    }

    /* fix: fresh-process references (4 each), then the matrix in this process */
    unsigned long long ref[NCASES][4];
    int fresh_distinct[NCASES];
    for (int c = 0; c < NCASES; c++) {
        for (int k = 0; k < 4; k++) ref[c][k] = fresh(cases[c].engine, cases[c].file, 0);
        fresh_distinct[c] = distinct(ref[c], 4);
    }
    agseterrf(quiet_errf);
    GVC_t *gvc = gvContext();
    printf("mode=fix: %d consecutive in-process renders per cell (start=1 as actorgraph writes it); "
           "'=fresh': identical on every call and equal to a fresh process\n", runs);
    int sfdp_fixed = 1, sfdp_cases = 0, sfdp_ok = 0, fdp_cells = 0, fdp_reproducible = 0;
    int srand_alone_fails = 0, seed48_alone_fails = 0;
    for (int c = 0; c < NCASES; c++) {
        char *src = slurp(cases[c].file, 0);
        int is_sfdp = !strcmp(cases[c].engine, "sfdp");
        printf("  %s  [%s]: fresh processes give %d distinct of 4\n", cases[c].what, cases[c].file, fresh_distinct[c]);
        struct { int rd, rs; } cells_s[] = { {RD_PLAIN,RS_NONE}, {RD_PLAIN,RS_SRAND}, {RD_PLAIN,RS_SEED48}, {RD_PLAIN,RS_BOTH}, {RD_DET,RS_NONE}, {RD_DET,RS_BOTH} };
        struct { int rd, rs; } cells_f[] = { {RD_PLAIN,RS_NONE}, {RD_PLAIN,RS_BOTH}, {RD_DET,RS_NONE}, {RD_DET,RS_BOTH} };
        int ncells = is_sfdp ? 6 : 4;
        int case_fixed = 0;
        for (int k = 0; k < ncells; k++) {
            int rd = is_sfdp ? cells_s[k].rd : cells_f[k].rd, rs = is_sfdp ? cells_s[k].rs : cells_f[k].rs;
            unsigned long long f;
            int d = series(gvc, src, cases[c].engine, rd, rs, &f);
            int eqf = d == 1 && fresh_distinct[c] == 1 && f == ref[c][0];
            printf("    %-9s + %-25s: %d distinct of %d%s\n", reader_name[rd], reseed_name[rs], d, runs,
                   eqf ? "  =fresh" : d == 1 ? "  (identical, but != fresh)" : "");
            if (is_sfdp && rd == RD_PLAIN && rs == RS_BOTH) case_fixed = eqf;
            if (is_sfdp && rd == RD_PLAIN && rs == RS_SRAND && !eqf) srand_alone_fails++;
            if (is_sfdp && rd == RD_PLAIN && rs == RS_SEED48 && !eqf) seed48_alone_fails++;
            if (!is_sfdp) { fdp_cells++; if (d == 1) fdp_reproducible++; }
        }
        if (is_sfdp) { sfdp_cases++; if (case_fixed) sfdp_ok++; else sfdp_fixed = 0; }
        free(src);
    }
    int fdp_flat_fresh_ok = fresh_distinct[0] == 1, fdp_clust_fresh_varies = fresh_distinct[1] > 1;
    printf("  sfdp + srand(1)+seed48({0,0,0}) before gvLayout: =fresh in %d of %d cases "
           "(srand alone falls short in %d, seed48 alone in %d)\n", sfdp_ok, sfdp_cases, srand_alone_fails, seed48_alone_fails);
    printf("  fdp: %d of %d in-process cells reproducible; fresh processes: %d distinct of 4 without clusters, %d of 4 with clusters\n",
           fdp_reproducible, fdp_cells, fresh_distinct[0], fresh_distinct[1]);
    int ok = sfdp_fixed && fdp_reproducible == 0 && fdp_flat_fresh_ok && fdp_clust_fresh_varies;
    printf("%s: fact6 fix: sfdp <- reset rand()+drand48() before each layout (%d/%d =fresh); "
           "fdp <- no in-process fix (%d/%d cells reproducible), fresh process only without clusters "
           "(fresh distinct: %d/4 flat, %d/4 clustered)\n",
           ok ? "PASS" : "FAIL", sfdp_ok, sfdp_cases, fdp_reproducible, fdp_cells, fresh_distinct[0], fresh_distinct[1]);
    gvFreeContext(gvc);
    return ok ? 0 : 1;
}
