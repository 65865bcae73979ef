package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CRD's openAPIV3Schema as a JSON schema that also rejects unknown fields. The API server silently prunes a field
 * its structural schema does not know (a typo such as {@code upgradeMod} would vanish, not fail); kubectl's
 * {@code --validate=strict} reports it instead, and so does this: every object schema that lists properties, and
 * does not say {@code x-kubernetes-preserve-unknown-fields}, gets {@code additionalProperties: false}.
 */
public final class StrictSchema {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private final JsonSchema schema;

    private StrictSchema(JsonSchema schema) {
        this.schema = schema;
    }

    public static StrictSchema of(JsonNode openApiV3Schema) {
        ObjectNode strict = openApiV3Schema.deepCopy();
        // CRD schemas may leave out the fields every object has; the API server checks those itself.
        ObjectNode properties = strict.with("properties");
        if (!properties.has("apiVersion")) {
            properties.putObject("apiVersion").put("type", "string");
        }
        if (!properties.has("kind")) {
            properties.putObject("kind").put("type", "string");
        }
        if (!properties.has("metadata")) {
            properties.putObject("metadata").put("type", "object");
        }
        tighten(strict);
        SchemaValidatorsConfig config = new SchemaValidatorsConfig();
        config.setTypeLoose(false);
        return new StrictSchema(FACTORY.getSchema(strict, config));
    }

    /** Problems of the resource, each naming the file, the resource and the field (JSON path). */
    public List<String> validate(Manifest manifest) {
        Set<ValidationMessage> messages = schema.validate(manifest.body());
        return messages.stream()
                .map(m -> manifest.problem(field(m), m.getMessage().replaceFirst("^\\$[^:]*: ", "") + got(m)))
                .sorted()
                .toList();
    }

    private static String got(ValidationMessage message) {
        JsonNode value = message.getInstanceNode();
        return value == null || value.isContainerNode() ? "" : ", got " + value;
    }

    private static String field(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String field = location.replaceFirst("^\\$\\.?", "");
        if ("additionalProperties".equals(message.getType())) {
            Object[] args = message.getArguments();
            String extra = args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
            return (field.isEmpty() ? "" : field + ".") + extra;
        }
        return field.isEmpty() ? "(root)" : field;
    }

    private static void tighten(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
                object.put("additionalProperties", false);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                tighten(fields.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(StrictSchema::tighten);
        }
    }
}
