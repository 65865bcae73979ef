package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The operator's own CRDs, as shipped inside flink-kubernetes-operator-api (META-INF/fabric8). */
public final class FlinkCrds {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FlinkCrds() {}

    /** The openAPIV3Schema of the CRD's version (e.g. v1beta1) for the kind. */
    public static JsonNode schema(String kind, String version) {
        String plural = switch (kind) {
            case "FlinkDeployment" -> "flinkdeployments";
            case "FlinkSessionJob" -> "flinksessionjobs";
            default -> throw new IllegalArgumentException("not a Flink operator kind: " + kind);
        };
        String resource = "/META-INF/fabric8/" + plural + ".flink.apache.org-v1.yml";
        try (InputStream in = FlinkCrds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath (flink-kubernetes-operator-api)");
            }
            JsonNode crd = YAML.readTree(in);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    return v.path("schema").path("openAPIV3Schema");
                }
            }
            throw new IllegalArgumentException(kind + " has no CRD version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
