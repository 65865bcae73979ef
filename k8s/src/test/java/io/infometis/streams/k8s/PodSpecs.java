package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** The pod templates inside a resource, with the path to each (for messages). */
public final class PodSpecs {

    /** A pod template: its labels and pod spec, and where it sits in the resource. */
    public record PodTemplate(String path, JsonNode labels, JsonNode spec) {

        public List<JsonNode> containers() {
            List<JsonNode> all = new ArrayList<>();
            spec.path("initContainers").forEach(all::add);
            spec.path("containers").forEach(all::add);
            return all;
        }
    }

    private PodSpecs() {}

    public static List<PodTemplate> of(Manifest m) {
        List<PodTemplate> templates = new ArrayList<>();
        switch (m.kind()) {
            case "Deployment", "Job", "StatefulSet", "DaemonSet" -> {
                JsonNode t = m.spec().path("template");
                templates.add(new PodTemplate("spec.template", t.path("metadata").path("labels"), t.path("spec")));
            }
            case "FlinkDeployment" -> {
                JsonNode shared = m.spec().path("podTemplate");
                JsonNode labels = shared.path("metadata").path("labels");
                templates.add(new PodTemplate("spec.podTemplate", labels, shared.path("spec")));
                for (String role : new String[] {"jobManager", "taskManager"}) {
                    JsonNode t = m.spec().path(role).path("podTemplate");
                    if (!t.isMissingNode()) {
                        templates.add(new PodTemplate("spec." + role + ".podTemplate", labels, t.path("spec")));
                    }
                }
            }
            default -> {
                // no pods
            }
        }
        return templates;
    }

    static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
