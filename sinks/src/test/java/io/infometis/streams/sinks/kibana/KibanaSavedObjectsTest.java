package io.infometis.streams.sinks.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kibana cannot run here, so its saved objects are checked against what it would check at import and at
 * render time: every reference resolves, and every field a data view, saved search or visualization uses exists
 * in the index template of its data view with a type Kibana accepts for that use (terms on keyword, date
 * histograms on dates, sums on numbers). Every data view must have the template of its pattern on the classpath.
 */
class KibanaSavedObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float");
    private static final Set<String> DATE = Set.of("date", "date_nanos");
    private static final Set<String> TERMS = Set.of("keyword", "boolean", "ip", "long", "integer", "short", "byte",
            "double", "float", "date");
    private static final Set<String> SORTABLE = Set.of("keyword", "boolean", "ip", "long", "integer", "short", "byte",
            "double", "float", "scaled_float", "date", "date_nanos");
    /** A field name before a colon in a KQL query: {@code status:PAID}, {@code not payment_status:X}. */
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

    private static final Map<String, JsonNode> objects = new LinkedHashMap<>();
    /** Data view id -> field name -> mapped type, for data views whose template is on the classpath. */
    private static final Map<String, Map<String, String>> fieldsByDataView = new HashMap<>();
    private static final Map<String, String> patternByDataView = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        for (Path file : ndjsonFiles()) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode object = JSON.readTree(line);
                    String key = object.path("type").asText() + "/" + object.path("id").asText();
                    assertThat(objects.put(key, object)).as("duplicate saved object " + key).isNull();
                }
            }
        }
        Map<String, JsonNode> templates = IndexTemplates.load();
        for (JsonNode object : objects.values()) {
            if (object.path("type").asText().equals("index-pattern")) {
                String pattern = object.path("attributes").path("title").asText();
                patternByDataView.put(object.path("id").asText(), pattern);
                for (JsonNode template : templates.values()) {
                    for (JsonNode p : template.path("index_patterns")) {
                        if (p.asText().equals(pattern)) {
                            Map<String, String> fields = new HashMap<>();
                            template.path("template").path("mappings").path("properties").fields()
                                    .forEachRemaining(f -> fields.put(f.getKey(), f.getValue().path("type").asText()));
                            fieldsByDataView.put(object.path("id").asText(), fields);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theShippedObjectsAreThereAndEveryDataViewHasATemplate() {
        assertThat(patternByDataView.values()).containsExactlyInAnyOrder("alerts-*", "orders", "metrics-*");
        assertThat(titles("search")).contains("High severity alerts, last 24 h", "Unpaid orders");
        assertThat(titles("dashboard")).containsExactlyInAnyOrder("Fraud overview", "Commerce metrics");
        assertThat(fieldsByDataView.keySet()).as("every data view is checked against its template")
                .containsExactlyInAnyOrderElementsOf(patternByDataView.keySet());
    }

    @Test
    void everyReferenceResolvesToAShippedObject() {
        for (JsonNode object : objects.values()) {
            for (JsonNode ref : object.path("references")) {
                String target = ref.path("type").asText() + "/" + ref.path("id").asText();
                assertThat(objects).as(object.path("id").asText() + " refers to " + target).containsKey(target);
            }
            if (object.path("type").asText().equals("dashboard")) {
                Set<String> refNames = new java.util.HashSet<>();
                object.path("references").forEach(r -> refNames.add(r.path("name").asText()));
                for (JsonNode panel : parse(object.path("attributes").path("panelsJSON").asText())) {
                    assertThat(refNames).as("panel of " + object.path("id").asText())
                            .contains(panel.path("panelRefName").asText());
                }
            }
        }
    }

    @Test
    void everyFieldUsedExistsWithATypeKibanaCanUseForIt() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode object : objects.values()) {
            String id = object.path("id").asText();
            JsonNode attributes = object.path("attributes");
            switch (object.path("type").asText()) {
                case "index-pattern" -> {
                    if (fieldsByDataView.containsKey(id)) {
                        checked += need(problems, id, id, attributes.path("timeFieldName").asText(), DATE, "time field");
                    }
                }
                case "search" -> {
                    String dataView = dataViewOf(object);
                    if (fieldsByDataView.containsKey(dataView)) {
                        for (JsonNode column : attributes.path("columns")) {
                            checked += need(problems, id, dataView, column.asText(), null, "column");
                        }
                        for (JsonNode sort : attributes.path("sort")) {
                            checked += need(problems, id, dataView, sort.path(0).asText(), SORTABLE, "sort");
                        }
                        checked += checkSearchSource(problems, id, dataView, attributes);
                    }
                }
                case "visualization" -> {
                    String dataView = dataViewOf(object);
                    if (fieldsByDataView.containsKey(dataView)) {
                        JsonNode state = parse(attributes.path("visState").asText());
                        for (JsonNode agg : state.path("aggs")) {
                            String field = agg.path("params").path("field").asText(null);
                            String type = agg.path("type").asText();
                            if (field == null) {
                                assertThat(type).as(id + " aggregation without field").isEqualTo("count");
                                continue;
                            }
                            Set<String> allowed = switch (type) {
                                case "terms", "significant_terms" -> TERMS;
                                case "date_histogram" -> DATE;
                                case "sum", "avg", "percentiles", "median", "std_dev" -> NUMERIC;
                                case "min", "max" -> union(NUMERIC, DATE);
                                case "cardinality", "top_hits" -> null;
                                default -> throw new AssertionError(id + ": unchecked aggregation type " + type);
                            };
                            checked += need(problems, id, dataView, field, allowed, type);
                        }
                        checked += checkSearchSource(problems, id, dataView, attributes);
                    }
                }
                default -> { }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("fields checked").isGreaterThan(40);
    }

    private int checkSearchSource(List<String> problems, String id, String dataView, JsonNode attributes) {
        JsonNode source = parse(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
        int checked = 0;
        Matcher m = KQL_FIELD.matcher(source.path("query").path("query").asText());
        while (m.find()) {
            checked += need(problems, id, dataView, m.group(1), null, "query");
        }
        for (JsonNode filter : source.path("filter")) {
            JsonNode range = filter.path("range");
            range.fieldNames().forEachRemaining(f -> need(problems, id, dataView, f, union(NUMERIC, DATE), "range filter"));
            checked += range.size();
        }
        return checked;
    }

    private static int need(List<String> problems, String object, String dataView, String field, Set<String> allowed,
            String use) {
        String type = fieldsByDataView.get(dataView).get(field);
        if (type == null) {
            problems.add(object + ": " + use + " field '" + field + "' is not in the template of "
                    + patternByDataView.get(dataView));
        } else if (allowed != null && !allowed.contains(type)) {
            problems.add(object + ": " + use + " on '" + field + "' needs one of " + allowed + ", the template maps "
                    + type);
        }
        return 1;
    }

    private static String dataViewOf(JsonNode object) {
        for (JsonNode ref : object.path("references")) {
            if (ref.path("name").asText().equals("kibanaSavedObjectMeta.searchSourceJSON.index")) {
                return ref.path("id").asText();
            }
        }
        throw new AssertionError(object.path("id").asText() + " has no data view");
    }

    private static List<String> titles(String type) {
        return objects.values().stream().filter(o -> o.path("type").asText().equals(type))
                .map(o -> o.path("attributes").path("title").asText()).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static List<Path> ndjsonFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(KibanaSavedObjectsTest.class.getResource("/kibana").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }
}
