/* Fact 8: `dot` can run for many minutes on a modest graph with long cycles,
 * and an in-process layout cannot be interrupted.
 *
 * The graph: 500 nodes and CYCLES (default 2) random Hamiltonian cycles through
 * all of them (1000 edges), generated deterministically.  dot must break every
 * cycle (acyclic), ranks the result into ~350 ranks, so the long edges become
 * ~170,000 virtual nodes; mincross then takes ~20 s and the network-simplex
 * x-coordinate pass on that huge auxiliary graph runs for many minutes (on this
 * machine `dot` on the same file was still iterating when killed after 15 min;
 * see README).  neato, fdp and sfdp lay the same graph out in seconds.
 *
 * gvc.h/cgraph.h offer no cancel, deadline or progress callback: once gvLayout()
 * is entered, the only way to stop it is to end the process (signals would have to
 * longjmp out of Graphviz and leave its global state corrupt).  So each layout here
 * runs in a forked child that the parent kills with SIGKILL at the time limit -
 * what actorgraph's SubprocessRenderer does with --timeout.
 *
 *   ./fact8_dot_runtime [LIMIT_SECONDS=60] [CYCLES=2] [NODES=500]
 *       exit 0 if dot is still running at the limit while neato, fdp and sfdp finish
 *       within it.  Wall time ~ LIMIT (dot runs concurrently with the others).
 *   ./fact8_dot_runtime dump [CYCLES] [NODES] -> print the DOT text (e.g. for `dot -v`)
 *
 * How far dot got is read from its own verbose trace (Verbose=1 in the child):
 * the phase it was in, mincross crossings, network-simplex iterations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <gvc.h>

extern unsigned char Verbose;  /* libgvc global behind `dot -v`; exported, not declared */
extern void aglexbad(void);

static int N = 500;
static char *make_graph(int cycles)
{
    size_t cap = 64 + (size_t)cycles * N * 24;
    char *s = malloc(cap);
    int o = sprintf(s, "digraph \"fact8\" {\n");
    unsigned st = 12345;
    int *perm = malloc(N * sizeof *perm);
    for (int c = 0; c < cycles; c++) {
        for (int i = 0; i < N; i++) perm[i] = i;
        for (int i = N - 1; i > 0; i--) {          /* Fisher-Yates with a fixed LCG */
            st = (st * 1103515245u + 12345u) & 0x7fffffffu;
            int j = st % (unsigned)(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        for (int i = 0; i < N; i++) o += sprintf(s + o, " n%d -> n%d;\n", perm[i], perm[(i + 1) % N]);
    }
    sprintf(s + o, "}\n");
    free(perm);
    return s;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int quiet(char *m) { (void)m; return 0; }

typedef struct {
    const char *engine;
    pid_t pid;
    int errfd;                /* child's stderr (dot's verbose trace) */
    double start, end;
    int finished, killed, status;
    double cpu;               /* child CPU seconds (user+sys) */
    char *trace;              /* the child's whole verbose trace (a few KB) */
    size_t tlen, tcap;
} job_t;

static void start_job(job_t *j, const char *src, int verbose)
{
    int p[2];
    if (pipe(p) != 0) { perror("pipe"); exit(2); }
    fflush(stdout);
    j->start = now();
    j->pid = fork();
    if (j->pid == 0) {
        close(p[0]);
        dup2(p[1], 2);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 1);
        agseterrf(quiet);
        GVC_t *gvc = gvContext();
        Agraph_t *g = agmemread(src);
        aglexbad();
        if (verbose) Verbose = 1;
        int r = gvLayout(gvc, g, j->engine);
        Verbose = 0;
        char *d = NULL; unsigned int len = 0;
        if (r == 0) gvRenderData(gvc, g, "svg", &d, &len);
        _exit(r == 0 && d && len > 0 ? 0 : 3);
    }
    close(p[1]);
    j->errfd = p[0];
    fcntl(j->errfd, F_SETFL, O_NONBLOCK);
    j->finished = j->killed = 0; j->tlen = 0; j->tcap = 65536; j->trace = calloc(1, j->tcap);
}

/* append whatever the child wrote to its stderr */
static void drain(job_t *j)
{
    char buf[4096];
    ssize_t n;
    while ((n = read(j->errfd, buf, sizeof buf)) > 0) {
        if (j->tlen + n + 1 > j->tcap) { j->tcap = 2 * (j->tlen + n + 1); j->trace = realloc(j->trace, j->tcap); }
        memcpy(j->trace + j->tlen, buf, n);
        j->tlen += n; j->trace[j->tlen] = 0;
    }
}

#define CPUSEC(ru) ((ru).ru_utime.tv_sec + (ru).ru_utime.tv_usec / 1e6 + (ru).ru_stime.tv_sec + (ru).ru_stime.tv_usec / 1e6)

/* poll until done or the wall-clock limit; returns 1 when the job is over */
static int poll_job(job_t *j, double limit)
{
    drain(j);
    int st;
    struct rusage ru;
    pid_t r = wait4(j->pid, &st, WNOHANG, &ru);
    if (r == j->pid) { j->end = now(); j->finished = 1; j->status = st; j->cpu = CPUSEC(ru); drain(j); close(j->errfd); return 1; }
    if (now() - j->start >= limit) {
        kill(j->pid, SIGKILL);
        wait4(j->pid, &st, 0, &ru);
        j->cpu = CPUSEC(ru);
        j->end = now(); j->killed = 1; j->status = st; drain(j); close(j->errfd);
        return 1;
    }
    return 0;
}

/* summarise dot's verbose trace, line by line:
 *   "mincross: pass P iter I trying T cur_cross C best_cross B"   (mincross progress)
 *   "mincross G: X crossings, T secs."                            (mincross done)
 *   "network simplex:  N nodes M edges maxiter=..."               (a network simplex starts)
 *   "network simplex: N nodes M edges K iter T sec"               (... and ends)
 *   "network simplex: 100 200 300 ..."                             (iteration counter)   */
static void progress(const job_t *j, char *out, size_t n)
{
    char mc_iter[160] = "", mc_done[160] = "", ns_hdr[160] = "";
    long ns_iters = 0; int ns_running = 0, ns_count = 0;
    for (const char *l = j->trace; l && *l; ) {
        const char *e = strchr(l, '\n');
        int len = e ? (int)(e - l) : (int)strlen(l);
        if (!strncmp(l, "mincross: pass", 14)) snprintf(mc_iter, sizeof mc_iter, "%.*s", len, l);
        else if (!strncmp(l, "mincross ", 9) && strstr(l, "crossings")) snprintf(mc_done, sizeof mc_done, "%.*s", len, l);
        else if (!strncmp(l, "network simplex:  ", 18)) {
            int nn = 0, ne = 0; sscanf(l + 18, "%d nodes %d edges", &nn, &ne);
            snprintf(ns_hdr, sizeof ns_hdr, "%d nodes / %d edges", nn, ne);
            ns_running = 1; ns_iters = 0; ns_count++;
        } else if (!strncmp(l, "network simplex: ", 17)) {
            if (strstr(l, " iter ") && strstr(l, "nodes")) ns_running = 0;
            else for (const char *q = l + 17; q < l + len; ) {
                char *end; long v = strtol(q, &end, 10);
                if (end == q) break;
                ns_iters = v; q = end;
            }
        }
        l = e ? e + 1 : NULL;
    }
    if (!mc_done[0])
        snprintf(out, n, "still in mincross (%s)", mc_iter[0] ? mc_iter : "not started");
    else if (ns_running)
        snprintf(out, n, "%s; then network simplex #%d (x coordinates) on %s: %ld iterations done, not converged",
                 mc_done, ns_count, ns_hdr, ns_iters);
    else
        snprintf(out, n, "%s; last network simplex (%s) finished", mc_done, ns_hdr);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "dump")) {
        if (argc > 3) N = atoi(argv[3]);
        fputs(make_graph(argc > 2 ? atoi(argv[2]) : 2), stdout);
        return 0;
    }
    if (argc > 3) N = atoi(argv[3]);
    if (N < 3) N = 500;
    double limit = argc > 1 ? atof(argv[1]) : 60;
    int cycles = argc > 2 ? atoi(argv[2]) : 2;
    if (limit <= 0) limit = 60;
    char *src = make_graph(cycles);
    printf("graph: %d nodes, %d random Hamiltonian cycles (%d edges); time limit %.0f s per engine\n",
           N, cycles, cycles * N, limit);

    job_t dot = { .engine = "dot" };
    start_job(&dot, src, 1);                 /* dot runs concurrently with the others */
    const char *others[] = { "neato", "fdp", "sfdp" };
    job_t o[3];
    int others_ok = 1;
    for (int i = 0; i < 3; i++) {
        o[i] = (job_t){ .engine = others[i] };
        start_job(&o[i], src, 0);
        while (!poll_job(&o[i], limit)) { if (!dot.finished && !dot.killed) poll_job(&dot, limit); usleep(20000); }
        double t = o[i].end - o[i].start;
        int ok = o[i].finished && WIFEXITED(o[i].status) && WEXITSTATUS(o[i].status) == 0;
        printf("  %-5s: %s after %.1f s (%.1f s CPU)\n", others[i], ok ? "finished (layout + SVG)" : o[i].killed ? "KILLED at the limit" : "FAILED", t, o[i].cpu);
        if (!ok) others_ok = 0;
    }
    while (!dot.finished && !dot.killed) { poll_job(&dot, limit); usleep(50000); }
    char prog[600];
    progress(&dot, prog, sizeof prog);
    double dt = dot.end - dot.start;
    if (dot.killed)
        printf("  dot  : still inside gvLayout() after %.1f s (%.1f s CPU), killed (SIGKILL). Progress: %s\n", dt, dot.cpu, prog);
    else
        printf("  dot  : finished after %.1f s (%.1f s CPU, exit status %d). Progress: %s\n", dt, dot.cpu, WIFEXITED(dot.status) ? WEXITSTATUS(dot.status) : -1, prog);
    printf("  (gvc.h and cgraph.h have no cancel/deadline/progress hook: ending the process is the only way out)\n");
    int ok = dot.killed && others_ok;
    printf("%s: fact8 dot %s within %.0f s on %d nodes/%d edges (%.1f s CPU used); neato %.1f s, fdp %.1f s, sfdp %.1f s CPU%s\n",
           ok ? "PASS" : "FAIL", dot.killed ? "did not finish (killed)" : "FINISHED", limit, N, cycles * N, dot.cpu,
           o[0].cpu, o[1].cpu, o[2].cpu, others_ok ? "" : " - but not all of them finished");
    free(src);
    return ok ? 0 : 1;
}
