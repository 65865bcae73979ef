package io.infometis.streams.stack.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.stack.StackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Flink's REST API the stack needs (readiness, job states, status output). Plain JDK HTTP and
 * Jackson: Flink's own RestClient would pull Flink onto the launcher's classpath for three GETs.
 */
public final class FlinkRest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** One entry of {@code /jobs/overview}. */
    public record JobOverview(String id, String name, String state, long startTime) {}

    /** {@code GET /overview}: cluster summary (taskmanagers, slots, jobs per state); empty when nothing answers. */
    public Optional<JsonNode> overview() {
        return get("/overview");
    }

    /** Number of registered TaskManagers, 0 when the REST API does not answer (yet). */
    public int taskManagers() {
        return overview().map(o -> o.path("taskmanagers").asInt(0)).orElse(0);
    }

    /**
     * Whether a TaskManager is registered and has reported its slots: the TaskManager registers first and sends
     * its slot report just after, so {@code taskmanagers: 1} alone can still mean no slot to run a job in.
     */
    public boolean hasTaskManagerWithSlots() {
        return overview().map(o -> o.path("taskmanagers").asInt(0) >= 1 && o.path("slots-total").asInt(0) >= 1)
                .orElse(false);
    }

    public List<JobOverview> jobs() {
        JsonNode jobs = get("/jobs/overview").orElseThrow(() -> new StackException("Flink at " + baseUrl + " does not answer"))
                .path("jobs");
        List<JobOverview> result = new ArrayList<>();
        jobs.forEach(j -> result.add(new JobOverview(j.path("jid").asText(), j.path("name").asText(),
                j.path("state").asText(), j.path("start-time").asLong())));
        return result;
    }

    /** State of one job (RUNNING, FAILED, ...), empty when the cluster does not know it. */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).map(j -> j.path("state").asText());
    }

    /** The root exception of a job, or empty when it has none. */
    public Optional<String> rootException(String jobId) {
        return get("/jobs/" + jobId + "/exceptions")
                .map(e -> e.path("root-exception").asText(null))
                .filter(s -> !s.isBlank());
    }

    /** {@code /jobs/<id>/exceptions}: the newest {@code max} entries of the exception history and the root one. */
    public Optional<JsonNode> exceptions(String jobId, int max) {
        return get("/jobs/" + jobId + "/exceptions?maxExceptions=" + max);
    }

    /** {@code /jobs/<id>/checkpoints}: counts, summary, latest completed and restored checkpoint. */
    public Optional<JsonNode> checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code /jobs/<id>/checkpoints/config}: mode, interval, retention, state backend and storage in effect. */
    public Optional<JsonNode> checkpointConfig(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints/config");
    }

    /** External path of the job's latest completed checkpoint, if one completed. */
    public Optional<String> latestCheckpoint(String jobId) {
        return checkpoints(jobId)
                .map(c -> c.path("latest").path("completed"))
                .filter(r -> !r.isMissingNode() && !r.isNull())
                .map(r -> r.path("external_path").asText());
    }

    /** External path of the checkpoint/savepoint the job restored from, if any. */
    public Optional<String> restoredFrom(String jobId) {
        return checkpoints(jobId)
                .map(c -> c.path("latest").path("restored"))
                .filter(r -> !r.isMissingNode() && !r.isNull())
                .map(r -> r.path("external_path").asText());
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
