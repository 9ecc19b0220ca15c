/* Fact 3: capturing Graphviz error/warning text with agseterrf().
 *
 *   typedef int (*agusererrf)(char *);          // cgraph.h
 *   agusererrf agseterrf(agusererrf);           // returns the previous callback
 *   agerrlevel_t agseterr(agerrlevel_t);        // AGWARN=0, AGERR=1, AGMAX, AGPREV; returns previous
 *
 *   ./fact3_error_callback bug   -> no callback: messages go to stderr (exit 0 if stderr is non-empty)
 *   ./fact3_error_callback fix   -> callback set: all messages captured, stderr stays EMPTY (exit 0 if so)
 *   ./fact3_error_callback agerr -> callback + agseterr(AGERR): warnings are suppressed (not delivered)
 *
 * The program redirects its own fd 2 into a temp file to measure what is
 * printed on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gvc.h>

extern void aglexbad(void);
extern void emit_once_reset(void); /* exported by libgvc, not declared in gvc.h */

static char captured[65536];
static int nfrag;
static int cb(char *msg)
{
    nfrag++;
    strncat(captured, "<", sizeof captured - strlen(captured) - 1);
    strncat(captured, msg, sizeof captured - strlen(captured) - 1);
    strncat(captured, ">", sizeof captured - strlen(captured) - 1);
    return 0;
}

static void show(const char *what)
{
    /* print fragments with visible newlines */
    printf("  %-34s %2d fragment(s): ", what, nfrag);
    for (char *p = captured; *p; p++) {
        if (*p == '\n') fputs("\\n", stdout); else putchar(*p);
    }
    putchar('\n');
    captured[0] = 0; nfrag = 0;
}

static void run(GVC_t *gvc, const char *src, const char *engine, const char *fmt)
{
    Agraph_t *g = agmemread(src);
    aglexbad();
    if (!g) return;
    if (gvLayout(gvc, g, engine) == 0) {
        char *d = NULL; unsigned int len = 0;
        gvRenderData(gvc, g, fmt, &d, &len);
        if (d) gvFreeRenderData(d);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "fix";
    int use_cb = strcmp(mode, "bug") != 0;
    fflush(stderr);
    FILE *errfile = tmpfile();
    int saved = dup(2);
    dup2(fileno(errfile), 2);

    if (use_cb) agseterrf(cb);
    if (!strcmp(mode, "agerr")) agseterr(AGERR);
    GVC_t *gvc = gvContext();

    printf("mode=%s\n", mode);
    run(gvc, "digraph { a -> ; b }", "dot", "svg");                     show("syntax error:");
    run(gvc, "digraph m {\n a -> b\n c -> ;\n}", "dot", "svg");         show("syntax error on line 3:");
    run(gvc, "digraph s { a [shape=nosuchshape] }", "dot", "svg");      show("shape=nosuchshape (layout):");
    run(gvc, "digraph c { a [color=nosuchcolor] }", "dot", "svg");      show("color=nosuchcolor (render svg):");
    run(gvc, "digraph c { a [color=othercolor] }", "dot", "png");       show("color=othercolor (render png):");
    run(gvc, "digraph c { a [fillcolor=\"#zzz\" style=filled] }", "dot", "svg"); show("fillcolor=#zzz:");
    run(gvc, "digraph h { b [label=<<b>x</i>>] }", "dot", "svg");       show("bad HTML label:");
    run(gvc, "digraph e { a -> b }", "nosuchengine", "svg");            show("unknown layout engine:");
    run(gvc, "digraph f { a -> b }", "dot", "nosuchformat");             show("unknown output format:");
    run(gvc, "digraph n { 1abc }", "dot", "svg");                        show("badly formed number '1abc':");
    run(gvc, "digraph k { a [fontname=\"NoSuchFontXYZ\"] }", "dot", "png"); show("unknown font (png):");
    run(gvc, "digraph ok { a -> b }", "dot", "svg");                     show("valid graph:");
    /* de-duplication: an unknown COLOR is reported once per context (emit_once table,
       cleared by gvFreeContext() or emit_once_reset()); an unknown SHAPE is reported once
       per PROCESS (it is then registered as a user shape; nothing resets that). */
    run(gvc, "digraph c2 { a [color=nosuchcolor] }", "dot", "svg");     int color_dedup = (nfrag == 0); show("nosuchcolor again, same ctx:");
    emit_once_reset();
    run(gvc, "digraph c3 { a [color=nosuchcolor] }", "dot", "svg");     int color_reset = (nfrag > 0);  show("again after emit_once_reset():");
    run(gvc, "digraph s2 { a [shape=nosuchshape] }", "dot", "svg");     show("nosuchshape again, same ctx:");
    gvFreeContext(gvc); gvc = gvContext();
    run(gvc, "digraph s3 { a [shape=nosuchshape] }", "dot", "svg");     int shape_once = (nfrag == 0);  show("nosuchshape again, NEW context:");
    run(gvc, "digraph ar { a -> b [arrowhead=nosuch] }", "dot", "svg"); show("arrowhead=nosuch (#1):");
    run(gvc, "digraph ar { a -> b [arrowhead=nosuch] }", "dot", "svg"); show("arrowhead=nosuch (#2, repeats):");
    int dedup_ok = 1;
    if (use_cb && strcmp(mode, "agerr")) {
        dedup_ok = color_dedup && color_reset && shape_once;
        printf("  repeated color warning suppressed: %s, emit_once_reset() re-enables it: %s, "
               "unknown shape warned only once per process: %s\n",
               color_dedup ? "yes" : "no", color_reset ? "yes" : "no", shape_once ? "yes" : "no");
    }
    printf("  aglasterr() = %s\n", aglasterr() ? aglasterr() : "(null)  [only holds messages BELOW the agseterr level]");

    gvFreeContext(gvc);
    fflush(stderr);
    long errbytes = ftell(errfile);
    dup2(saved, 2);
    printf("  bytes written to stderr: %ld\n", errbytes);
    if (errbytes > 0) {
        char buf[400]; rewind(errfile); size_t n = fread(buf, 1, sizeof buf - 1, errfile); buf[n] = 0;
        printf("  stderr starts with: %.200s\n", buf);
    }
    int ok;
    if (!strcmp(mode, "bug")) {
        ok = errbytes > 0;
        printf("%s: fact3 without agseterrf, Graphviz prints to stderr (%ld bytes)\n", ok ? "PASS" : "FAIL", errbytes);
    } else if (!strcmp(mode, "agerr")) {
        ok = errbytes == 0;
        printf("%s: fact3 agseterr(AGERR) suppresses warnings from the callback (errors still arrive), stderr %ld bytes\n", ok ? "PASS" : "FAIL", errbytes);
    } else {
        ok = errbytes == 0 && dedup_ok;
        printf("%s: fact3 agseterrf(cb) captures every message (warnings included with the default AGWARN level), stderr %ld bytes\n", ok ? "PASS" : "FAIL", errbytes);
    }
    return ok ? 0 : 1;
}
