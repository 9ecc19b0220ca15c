/* Fact 4: Graphviz (cgraph + gvc) is not thread-safe.  Two pthreads each doing
 * ITERS x (agmemread, gvLayout dot, gvRenderData svg, free) crash or corrupt
 * output, whether they share one GVC_t or each have their own.  One global
 * mutex around EVERY Graphviz call (including gvContext/gvFreeContext and
 * agclose) fixes it.
 *
 *   ./fact4_threads bug [iters]  -> exit 0 if unlocked runs crash/corrupt
 *   ./fact4_threads fix [iters]  -> exit 0 if locked runs are all clean
 *
 * Each scenario runs in a forked child (the parent never touches Graphviz),
 * guarded by alarm(60), so a crash or hang cannot take the test down.
 * The child's stdout is captured: SVG text appearing there is corruption
 * (gvRenderData's output redirected to the wrong FILE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <gvc.h>

extern void aglexbad(void);

static int shared, locked, iters = 200;
static GVC_t *sharedCtx;
static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;
#define GV_LOCK()   do { if (locked) pthread_mutex_lock(&gv_lock); } while (0)
#define GV_UNLOCK() do { if (locked) pthread_mutex_unlock(&gv_lock); } while (0)
static int silent(char *m) { (void)m; return 0; }

static void *worker(void *arg)
{
    long id = (long)arg, bad = 0;
    char src[512], expect[64];
    GVC_t *gvc;
    if (shared) gvc = sharedCtx; else { GV_LOCK(); gvc = gvContext(); GV_UNLOCK(); }
    for (int i = 0; i < iters; i++) {
        snprintf(expect, sizeof expect, "T%ld_%d", id, i);
        snprintf(src, sizeof src,
                 "digraph %s { a%d -> b -> c -> a%d; b -> d [label=\"t%ld\"]; "
                 "subgraph cluster_x { e -> f } f -> a%d }", expect, i, i, id, i);
        GV_LOCK();
        Agraph_t *g = agmemread(src);
        aglexbad();
        if (g && strcmp(agnameof(g), expect)) bad++;
        GV_UNLOCK();
        if (!g) { bad++; continue; }
        char *d = NULL; unsigned int len = 0;
        GV_LOCK(); gvLayout(gvc, g, "dot"); GV_UNLOCK();
        GV_LOCK(); gvRenderData(gvc, g, "svg", &d, &len); GV_UNLOCK();
        if (!d || !strstr(d, expect) || !strstr(d, "</svg>")) bad++;
        GV_LOCK();
        if (d) gvFreeRenderData(d);
        gvFreeLayout(gvc, g);
        agclose(g);
        GV_UNLOCK();
    }
    if (!shared) { GV_LOCK(); gvFreeContext(gvc); GV_UNLOCK(); }
    return (void *)bad;
}

/* returns: 0 clean, 1 wrong results, 2 crashed (signal), 3 timeout; *leak = bytes of SVG leaked to stdout */
static int scenario(int sh, int lk, long *leaked, int *sig, long *badres)
{
    char tmpl[] = "/tmp/gvfact4-XXXXXX";
    int fd = mkstemp(tmpl);
    unlink(tmpl);
    int pipefd[2];
    if (pipe(pipefd) != 0) return 9;
    fflush(stdout);                      /* or the child would re-flush our buffer */
    pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        dup2(fd, 1);                     /* capture stdout */
        int devnull = open("/dev/null", O_WRONLY); /* hide libpathplan's direct stderr noise */
        if (devnull >= 0) dup2(devnull, 2);
        alarm(60);
        shared = sh; locked = lk;
        agseterrf(silent);
        if (shared) sharedCtx = gvContext();
        pthread_t t[2];
        for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
        long bad = 0;
        for (int i = 0; i < 2; i++) { void *r; pthread_join(t[i], &r); bad += (long)r; }
        if (write(pipefd[1], &bad, sizeof bad) < 0) _exit(8);
        fflush(stdout);
        _exit(bad ? 1 : 0);
    }
    close(pipefd[1]);
    int status;
    waitpid(pid, &status, 0);
    long bad = -1;
    if (read(pipefd[0], &bad, sizeof bad) != sizeof bad) bad = -1;
    close(pipefd[0]);
    *badres = bad;
    *leaked = lseek(fd, 0, SEEK_END);
    close(fd);
    *sig = 0;
    if (WIFSIGNALED(status)) { *sig = WTERMSIG(status); return *sig == SIGALRM ? 3 : 2; }
    return WEXITSTATUS(status) ? 1 : (*leaked > 0 ? 1 : 0);
}

int main(int argc, char **argv)
{
    int fix = argc > 1 && !strcmp(argv[1], "fix");
    if (argc > 2) iters = atoi(argv[2]);
    int attempts = 3, failures = 0, runs = 0;
    printf("mode=%s, 2 threads x %d iterations (agmemread, gvLayout dot, gvRenderData svg, free), %d attempts per scenario\n",
           fix ? "fix (global mutex around every call)" : "bug (no lock)", iters, attempts);
    for (int sh = 1; sh >= 0; sh--) {
        for (int a = 0; a < attempts; a++) {
            long leaked = 0, bad = 0; int sig = 0;
            int r = scenario(sh, fix, &leaked, &sig, &bad);
            runs++;
            if (r) failures++;
            printf("  %-17s attempt %d: %s", sh ? "shared GVC_t" : "GVC_t per thread", a + 1,
                   r == 0 ? "completed, all results correct" :
                   r == 2 ? "CRASHED" : r == 3 ? "HUNG (killed by alarm)" : "completed with WRONG results");
            if (sig) printf(" (signal %d %s)", sig, strsignal(sig));
            if (bad > 0) printf(", %ld bad results", bad);
            if (leaked > 0) printf(", %ld bytes of SVG leaked to stdout", leaked);
            printf("\n");
        }
    }
    int ok = fix ? failures == 0 : failures > 0;
    if (fix) printf("%s: fact4 workaround: with one global mutex %d/%d runs clean\n", ok ? "PASS" : "FAIL", runs - failures, runs);
    else     printf("%s: fact4 bug reproduced: %d/%d unlocked runs crashed/hung/corrupted\n", ok ? "PASS" : "FAIL", failures, runs);
    return ok ? 0 : 1;
}
