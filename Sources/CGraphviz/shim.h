#ifndef ACTORGRAPH_CGRAPHVIZ_SHIM_H
#define ACTORGRAPH_CGRAPHVIZ_SHIM_H
// Graphviz's layout and rendering (libgvc) and graph (libcgraph) APIs, as Debian's
// libgraphviz-dev installs them.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
