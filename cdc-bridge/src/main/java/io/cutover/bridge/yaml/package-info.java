/**
 * The one YAML reader of Cutover's configuration files (event catalog, comparator, plan): a tree of Jackson nodes in
 * which every field remembers its file, path and line, so that a refused file says {@code file:line: field: reason}.
 */
package io.cutover.bridge.yaml;
