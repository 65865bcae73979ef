package io.infometis.streams.stack.flink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port of the local session cluster. Fixed ports (not Flink's random defaults) so that a second stack, a
 * firewall or a taken port gives a clear message before anything starts, and so the URLs are known in advance.
 *
 * @param rest           web UI and REST API (what {@code flink run} talks to)
 * @param rpc            JobManager RPC
 * @param blob           JobManager blob server (job jars)
 * @param taskManagerRpc TaskManager RPC
 * @param data           TaskManager data exchange (netty shuffle)
 * @param prometheus     Prometheus reporter: JobManager takes the first port, TaskManager the second
 * @param queryService   metric query service (web UI metrics): JobManager first, TaskManager second
 */
public record FlinkPorts(int rest, int rpc, int blob, int taskManagerRpc, int data, PortRange prometheus,
                         PortRange queryService) {

    /** Flink's usual ports, except REST on 8083 (8081 is the schema registry's). */
    public static final FlinkPorts DEFAULTS = new FlinkPorts(8083, 6123, 6124, 6122, 6121,
            new PortRange(9249, 9250), new PortRange(50100, 50101));

    public FlinkPorts {
        if (prometheus == null || queryService == null) {
            throw new IllegalArgumentException("flink: prometheus and query-service port ranges are required");
        }
        prometheus.port(1, "the TaskManager's Prometheus endpoint");
        queryService.port(1, "the TaskManager's metric query service");
        Map<Integer, String> seen = new LinkedHashMap<>();
        new FlinkPorts.Roles(rest, rpc, blob, taskManagerRpc, data, prometheus, queryService).all().forEach((role, port) -> {
            String other = seen.putIfAbsent(port, role);
            if (other != null) {
                throw new IllegalArgumentException("flink: " + role + " and " + other + " ports are both " + port);
            }
        });
    }

    public int jobManagerPrometheus() {
        return prometheus.first();
    }

    public int taskManagerPrometheus() {
        return prometheus.first() + 1;
    }

    public int jobManagerQueryService() {
        return queryService.first();
    }

    public int taskManagerQueryService() {
        return queryService.first() + 1;
    }

    /** By role, for status output and the port check. */
    public Map<String, Integer> byRole() {
        return new Roles(rest, rpc, blob, taskManagerRpc, data, prometheus, queryService).all();
    }

    /** Computes the role map before the record is constructed (the compact constructor validates with it). */
    private record Roles(int rest, int rpc, int blob, int taskManagerRpc, int data, PortRange prometheus,
                         PortRange queryService) {
        Map<String, Integer> all() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("rest", rest);
            ports.put("rpc", rpc);
            ports.put("blob", blob);
            ports.put("taskmanager-rpc", taskManagerRpc);
            ports.put("data", data);
            ports.put("jobmanager-prometheus", prometheus.first());
            ports.put("taskmanager-prometheus", prometheus.first() + 1);
            ports.put("jobmanager-query-service", queryService.first());
            ports.put("taskmanager-query-service", queryService.first() + 1);
            return ports;
        }
    }
}
