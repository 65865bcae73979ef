package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One rendered resource and the file it came from (relative to {@code k8s/}), so every check can name the file
 * a reader has to fix.
 */
public record Manifest(String overlay, String origin, ObjectNode body) {

    public String kind() {
        return body.path("kind").asText();
    }

    public String apiVersion() {
        return body.path("apiVersion").asText();
    }

    public String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String name() {
        return body.path("metadata").path("name").asText();
    }

    public JsonNode spec() {
        return body.path("spec");
    }

    public boolean is(String kind) {
        return kind().equals(kind);
    }

    /** "flink/application/fraud-detection.yaml FlinkDeployment/fraud-detection (overlay dev)" */
    public String describe() {
        return origin + " " + kind() + "/" + name() + " (overlay " + overlay + ")";
    }

    /** A problem message naming the file, the resource and the field. */
    public String problem(String field, String message) {
        return describe() + ": " + field + ": " + message;
    }
}
