/**
 * Cutover hosted in one process beside a legacy application, in plain Java: {@link io.cutover.plan.host.CutoverHost}
 * runs the bridge, the consumer runtime and the scheduled shadow comparison from {@link
 * io.cutover.plan.host.HostSettings}, and answers what the admin surfaces ask (health, flows with their gates,
 * consumers, dead letters, replay, the slot). Edges (the cutover WAR) only read configuration and pass threads in.
 */
package io.cutover.plan.host;
