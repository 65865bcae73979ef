package io.infometis.streams.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * The composable index templates of every index the jobs write: one JSON body for
 * {@code PUT _index_template/<name>} per file in {@value #FOLDER} on the classpath. Installing is idempotent (a PUT
 * replaces the template with the same content), so every job installs them at start, before it writes.
 */
public final class IndexTemplates {

    public static final String FOLDER = "elasticsearch/index-templates/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {}

    /** Every template on the classpath, by name (file name without {@code .json}), each checked to be a template. */
    public static Map<String, JsonNode> load() {
        Map<String, JsonNode> templates = new TreeMap<>();
        for (Map.Entry<String, String> file : readFolder().entrySet()) {
            JsonNode body;
            try {
                body = JSON.readTree(file.getValue());
            } catch (IOException e) {
                throw new IllegalStateException("index template " + file.getKey() + " is not valid JSON: "
                        + e.getMessage(), e);
            }
            if (!body.path("index_patterns").isArray() || body.path("index_patterns").isEmpty()
                    || !body.path("template").path("mappings").isObject()) {
                throw new IllegalStateException("index template " + file.getKey()
                        + " needs index_patterns and template.mappings");
            }
            templates.put(file.getKey(), body);
        }
        return templates;
    }

    /** Installs every template with the settings' replica count; returns the names installed. */
    public static List<String> installAll(ElasticsearchSettings settings) {
        try (RestClient client = settings.restClient()) {
            return installAll(client, settings.indexReplicas());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the index templates into " + settings.hosts(), e);
        }
    }

    public static List<String> installAll(RestClient client, int replicas) throws IOException {
        List<String> installed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> template : load().entrySet()) {
            ObjectNode body = withReplicas(template.getValue(), replicas);
            Request put = new Request("PUT", "/_index_template/" + template.getKey());
            put.setJsonEntity(JSON.writeValueAsString(body));
            Response response = client.performRequest(put);
            int status = response.getStatusLine().getStatusCode();
            if (status != 200) {
                throw new IOException("PUT _index_template/" + template.getKey() + " answered " + status);
            }
            installed.add(template.getKey());
        }
        return installed;
    }

    /** The template with {@code template.settings.index.number_of_replicas} set (0 on one node, more in production). */
    static ObjectNode withReplicas(JsonNode template, int replicas) {
        ObjectNode body = template.deepCopy();
        ObjectNode settings = body.with("template").with("settings");
        ObjectNode index = settings.has("index") ? settings.with("index") : settings;
        settings.remove("number_of_replicas");
        index.put("number_of_replicas", replicas);
        return body;
    }

    /**
     * The folder's files from every classpath root (a directory in tests and builds, a jar when shaded). Written
     * here because the JDK has no "list a classpath folder" call.
     */
    private static Map<String, String> readFolder() {
        Map<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = IndexTemplates.class.getClassLoader().getResources(FOLDER);
            for (URL root : Collections.list(roots)) {
                URI uri = root.toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    collect(fs.provider().getPath(uri), files);
                } else {
                    collect(Path.of(uri), files);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list " + FOLDER + " on the classpath", e);
        }
        return files;
    }

    private static void collect(Path folder, Map<String, String> files) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.json$", "");
                try (InputStream in = Files.newInputStream(p)) {
                    files.putIfAbsent(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
