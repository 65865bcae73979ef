package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the manifests refer to exists, and what must agree does. */
class CrossReferenceTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsNamedInJobArgumentsExistAsKafkaTopics(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Set<String> topics = manifests.stream().filter(m -> m.is("KafkaTopic"))
                .map(KafkaTopicCatalogueTest::topicName).collect(Collectors.toSet());
        Problems problems = new Problems();
        int named = 0;
        for (Manifest m : jobs(manifests)) {
            Map<String, String> args = args(m);
            for (Map.Entry<String, String> arg : args.entrySet()) {
                if (arg.getKey().startsWith("topic.")) {
                    named++;
                    problems.check(topics.contains(arg.getValue()), m.problem("spec.job.args --" + arg.getKey(),
                            "topic '" + arg.getValue() + "' is not a KafkaTopic of overlay " + overlay));
                }
            }
            problems.check(args.containsKey("topic.dlq"), m.problem("spec.job.args", "names no --topic.dlq"));
        }
        assertThat(named).isGreaterThan(0);
        problems.assertNone("topics of job arguments");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void jobArgumentPlaceholdersAreFilledFromTheJobManagersEnvironment(String overlay) {
        Problems problems = new Problems();
        for (Manifest m : jobs(Rendered.overlay(overlay))) {
            List<String> placeholders = placeholders(m);
            if (m.is("FlinkSessionJob")) {
                // Sent as literal strings over REST: nothing would fill them.
                problems.check(placeholders.isEmpty(), m.problem("spec.job.args",
                        "session job arguments cannot use placeholders, found " + placeholders));
                continue;
            }
            Set<String> env = new HashSet<>();
            for (JsonNode c : m.spec().path("jobManager").path("podTemplate").path("spec").path("containers")) {
                if ("flink-main-container".equals(c.path("name").asText())) {
                    c.path("env").forEach(e -> env.add(e.path("name").asText()));
                }
            }
            for (String name : placeholders) {
                problems.check(name.startsWith("JOBARG_"), m.problem("spec.job.args", "${" + name
                        + "}: only JOBARG_* variables are substituted (image/entrypoint.sh)"));
                problems.check(env.contains(name), m.problem("spec.jobManager.podTemplate", "${" + name
                        + "} is used in the job arguments but not set in flink-main-container's env"));
            }
            problems.check("/opt/infometis/bin/entrypoint.sh".equals(
                    m.spec().path("flinkConfiguration").path("kubernetes.entry.path").asText()) || placeholders.isEmpty(),
                    m.problem("spec.flinkConfiguration.kubernetes.entry.path", "placeholders need the image's entrypoint"));
        }
        problems.assertNone("job argument placeholders");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noCredentialIsWrittenIntoAManifest(String overlay) {
        Problems problems = new Problems();
        for (Manifest m : Rendered.overlay(overlay)) {
            if (m.is("FlinkDeployment") || m.is("FlinkSessionJob")) {
                // A ${env:..}/${file:..} reference is resolved by the job's JobConfig, so the secret never enters
                // the Flink configuration or UI (a substituted ${JOBARG_..} placeholder would).
                args(m).forEach((k, v) -> problems.check(!k.contains("password")
                                || v.matches("\\$\\{env:[A-Z_]+}|\\$\\{file:[^}]+}"),
                        m.problem("spec.job.args --" + k, "a credential must be a ${env:NAME} or ${file:/path}"
                                + " reference to a Secret, got '" + v + "'")));
            }
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                for (JsonNode c : pod.containers()) {
                    for (JsonNode e : c.path("env")) {
                        String name = e.path("name").asText().toUpperCase();
                        boolean secretLike = name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN");
                        problems.check(!secretLike || e.path("valueFrom").has("secretKeyRef"), m.problem(pod.path()
                                + " env " + e.path("name").asText(), "a credential must come from a secretKeyRef"));
                    }
                }
            }
            problems.check(!m.is("Secret") || m.body().path("data").size() + m.body().path("stringData").size() == 0
                            || m.name().equals("es-anonymous-writer-role"),
                    m.problem("data", "Secrets with data are not shipped; create them in the cluster"));
        }
        problems.assertNone("credentials in overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedConfigMapSecretAndVolumeClaimExists(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Map<String, Set<String>> configMaps = new HashMap<>();
        Map<String, Set<String>> secrets = new HashMap<>();
        Set<String> claims = new HashSet<>();
        for (Manifest m : manifests) {
            if (m.is("ConfigMap")) {
                configMaps.put(m.name(), keys(m.body().path("data")));
            } else if (m.is("Secret")) {
                Set<String> k = keys(m.body().path("data"));
                k.addAll(keys(m.body().path("stringData")));
                secrets.put(m.name(), k);
            } else if (m.is("PersistentVolumeClaim")) {
                claims.add(m.name());
            } else if (m.is("Elasticsearch")) {
                // Created by ECK: the superuser's password under the key elastic.
                secrets.put(m.name() + "-es-elastic-user", Set.of("elastic"));
            }
        }
        Problems problems = new Problems();
        for (Manifest m : manifests) {
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                for (JsonNode c : pod.containers()) {
                    String where = pod.path() + " container " + c.path("name").asText();
                    for (JsonNode e : c.path("env")) {
                        ref(problems, m, where + " env " + e.path("name").asText(), "ConfigMap", configMaps,
                                e.path("valueFrom").path("configMapKeyRef"));
                        ref(problems, m, where + " env " + e.path("name").asText(), "Secret", secrets,
                                e.path("valueFrom").path("secretKeyRef"));
                    }
                    for (JsonNode e : c.path("envFrom")) {
                        ref(problems, m, where + " envFrom", "ConfigMap", configMaps, e.path("configMapRef"));
                        ref(problems, m, where + " envFrom", "Secret", secrets, e.path("secretRef"));
                    }
                }
                for (JsonNode v : pod.spec().path("volumes")) {
                    String where = pod.path() + " volume " + v.path("name").asText();
                    String cm = v.path("configMap").path("name").asText(null);
                    problems.check(cm == null || configMaps.containsKey(cm), m.problem(where, "no ConfigMap '" + cm + "'"));
                    String secret = v.path("secret").path("secretName").asText(null);
                    problems.check(secret == null || secrets.containsKey(secret), m.problem(where, "no Secret '" + secret + "'"));
                    String claim = v.path("persistentVolumeClaim").path("claimName").asText(null);
                    problems.check(claim == null || claims.contains(claim), m.problem(where,
                            "no PersistentVolumeClaim '" + claim + "'"));
                }
            }
            if (m.is("Elasticsearch")) {
                for (JsonNode role : m.spec().path("auth").path("roles")) {
                    String name = role.path("secretName").asText();
                    problems.check(secrets.containsKey(name), m.problem("spec.auth.roles", "no Secret '" + name + "'"));
                }
            }
            if (m.is("Kibana")) {
                String es = m.spec().path("elasticsearchRef").path("name").asText();
                problems.check(manifests.stream().anyMatch(x -> x.is("Elasticsearch") && x.name().equals(es)),
                        m.problem("spec.elasticsearchRef.name", "no Elasticsearch '" + es + "'"));
            }
        }
        problems.assertNone("references of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressRoutesPointAtExistingServicesAndMiddlewares(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Map<String, Set<Integer>> services = services(manifests);
        Set<String> middlewares = manifests.stream().filter(m -> m.is("Middleware")).map(Manifest::name)
                .collect(Collectors.toSet());
        Problems problems = new Problems();
        for (Manifest m : manifests) {
            if (!m.is("IngressRoute")) {
                continue;
            }
            int i = 0;
            for (JsonNode route : m.spec().path("routes")) {
                String where = "spec.routes[" + i++ + "]";
                for (JsonNode mw : route.path("middlewares")) {
                    problems.check(middlewares.contains(mw.path("name").asText()), m.problem(where + ".middlewares",
                            "no Middleware '" + mw.path("name").asText() + "'"));
                }
                for (JsonNode s : route.path("services")) {
                    String name = s.path("name").asText();
                    Set<Integer> ports = services.get(name);
                    problems.check(ports != null, m.problem(where + ".services", "no Service '" + name + "'"));
                    problems.check(ports == null || ports.contains(s.path("port").asInt()), m.problem(where
                            + ".services", "Service '" + name + "' has no port " + s.path("port") + " (has " + ports + ")"));
                }
            }
        }
        problems.assertNone("IngressRoutes of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theFlinkUiRouteServesEveryClusterOnTraefiksPort8083Entrypoint(String overlay) throws IOException {
        List<Manifest> manifests = Rendered.overlay(overlay);
        List<Manifest> routes = manifests.stream().filter(m -> m.is("IngressRoute"))
                .filter(m -> stream(m.spec().path("entryPoints")).anyMatch("flink-ui"::equals)).toList();
        assertThat(routes).as("IngressRoutes on the flink-ui entrypoint").hasSize(1);
        Set<String> routed = new HashSet<>();
        Problems problems = new Problems();
        for (JsonNode route : routes.get(0).spec().path("routes")) {
            for (JsonNode s : route.path("services")) {
                routed.add(s.path("name").asText());
                problems.check(s.path("port").asInt() == 8083, routes.get(0).problem("spec.routes.services",
                        s.path("name").asText() + " port " + s.path("port") + ", the Flink UI is on 8083"));
            }
        }
        for (Manifest d : manifests) {
            if (d.is("FlinkDeployment")) {
                problems.check(routed.contains(d.name() + "-rest"), routes.get(0).problem("spec.routes",
                        "no route to " + d.name() + "-rest (the UI of FlinkDeployment " + d.name() + ")"));
                problems.check("8083".equals(d.spec().path("flinkConfiguration").path("rest.port").asText()),
                        d.problem("spec.flinkConfiguration.rest.port", "expected 8083"));
            }
        }
        JsonNode traefik = new ObjectMapper(new YAMLFactory())
                .readTree(Rendered.k8sDir().resolve("traefik/values.yaml").toFile()).path("ports").path("flink-ui");
        problems.check(traefik.path("port").asInt() == 8083 && traefik.path("exposedPort").asInt() == 8083,
                "traefik/values.yaml: ports.flink-ui: expected port and exposedPort 8083, got " + traefik);
        problems.assertNone("Flink UI route of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePrometheusReporterPortIsTheOneThePodMonitorScrapes(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Manifest monitor = manifests.stream().filter(m -> m.is("PodMonitor") && m.name().equals("flink"))
                .findFirst().orElseThrow();
        assertThat(monitor.spec().path("selector").path("matchLabels").path("type").asText())
                .as("Flink native pods are labelled type=flink-native-kubernetes")
                .isEqualTo("flink-native-kubernetes");
        Set<String> scraped = stream(monitor.spec().path("podMetricsEndpoints"), "port");
        Problems problems = new Problems();
        manifests.stream().filter(m -> m.is("FlinkDeployment")).forEach(m -> {
            String range = m.spec().path("flinkConfiguration").path("metrics.reporter.prom.port").asText();
            int reporter = Integer.parseInt(range.split("-")[0].trim());
            Map<String, Integer> ports = new HashMap<>();
            for (JsonNode c : m.spec().path("podTemplate").path("spec").path("containers")) {
                if ("flink-main-container".equals(c.path("name").asText())) {
                    c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
                }
            }
            problems.check(scraped.stream().anyMatch(name -> Integer.valueOf(reporter).equals(ports.get(name))),
                    m.problem("spec.podTemplate flink-main-container ports", "the PodMonitor scrapes " + scraped
                            + " but the reporter listens on " + reporter + " (ports: " + ports + ")"));
        });
        problems.assertNone("metrics ports of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theJobEndpointsPointAtTheOverlaysServices(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Manifest endpoints = manifests.stream().filter(m -> m.is("ConfigMap") && m.name().equals("job-endpoints"))
                .findFirst().orElseThrow();
        Map<String, Set<Integer>> services = services(manifests);
        Problems problems = new Problems();
        JsonNode data = endpoints.body().path("data");
        for (String key : List.of("kafka.bootstrap.servers", "schema.registry.url", "elasticsearch.hosts")) {
            for (String address : data.path(key).asText().split(",")) {
                Matcher hp = Pattern.compile("^(?:https?://)?([^:/]+):(\\d+)").matcher(address.trim());
                if (!hp.find()) {
                    problems.add(endpoints.problem("data." + key, "expected host:port, got '" + address + "'"));
                    continue;
                }
                Set<Integer> ports = services.get(hp.group(1));
                problems.check(ports != null && ports.contains(Integer.parseInt(hp.group(2))), endpoints.problem(
                        "data." + key, "no Service " + hp.group(1) + " with port " + hp.group(2) + " in overlay "
                                + overlay + " (known: " + services.keySet() + ")"));
            }
        }
        manifests.stream().filter(m -> m.is("Elasticsearch")).forEach(es -> problems.check(
                !data.path("elasticsearch.hosts").asText().startsWith("http://")
                        || es.spec().path("http").path("tls").path("selfSignedCertificate").path("disabled").asBoolean(),
                es.problem("spec.http.tls.selfSignedCertificate.disabled", "job-endpoints uses http://, so TLS must be off")));
        problems.assertNone("job endpoints of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsThatUseAServiceCarryTheLabelItsNetworkPolicyAdmits(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Map<String, String> labelForKey = Map.of(
                "kafka.bootstrap.servers", "infometis.io/kafka-client",
                "schema.registry.url", "infometis.io/registry-client",
                "elasticsearch.hosts", "infometis.io/elasticsearch-client");
        Manifest kafka = manifests.stream().filter(m -> m.is("Kafka")).findFirst().orElseThrow();
        assertThat(kafka.spec().path("kafka").path("listeners").get(0).path("networkPolicyPeers").toString())
                .contains("infometis.io/kafka-client");
        for (String policy : List.of("elasticsearch", "schema-registry")) {
            assertThat(manifests).anySatisfy(m -> {
                assertThat(m.is("NetworkPolicy") && m.name().equals(policy)).isTrue();
                assertThat(m.spec().toString()).contains(policy.equals("elasticsearch")
                        ? "infometis.io/elasticsearch-client" : "infometis.io/registry-client");
            });
        }
        Problems problems = new Problems();
        for (Manifest m : manifests) {
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                for (JsonNode c : pod.containers()) {
                    for (JsonNode e : c.path("env")) {
                        JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                        String label = labelForKey.get(ref.path("key").asText());
                        if ("job-endpoints".equals(ref.path("name").asText()) && label != null) {
                            problems.check("true".equals(pod.labels().path(label).asText()), m.problem(pod.path()
                                    + ".metadata.labels", "uses " + ref.path("key").asText() + " but lacks " + label
                                    + "=\"true\", so the NetworkPolicy would drop its connections"));
                        }
                    }
                }
            }
        }
        problems.assertNone("network labels of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsTheKsqlScriptsReadExistAsKafkaTopics(String overlay) throws IOException {
        // Source declarations (CREATE STREAM/TABLE ... WITH (KAFKA_TOPIC=...) without AS SELECT) need the topic;
        // the outputs of persistent queries are created by ksqlDB itself (their PARTITIONS are in the script).
        Set<String> topics = Rendered.overlay(overlay).stream().filter(m -> m.is("KafkaTopic"))
                .map(KafkaTopicCatalogueTest::topicName).collect(Collectors.toSet());
        Pattern topic = Pattern.compile("KAFKA_TOPIC\\s*=\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);
        Pattern asSelect = Pattern.compile("\\bAS\\s+SELECT\\b", Pattern.CASE_INSENSITIVE);
        Problems problems = new Problems();
        int sources = 0;
        for (java.nio.file.Path script : io.infometis.streams.k8s.generate.GeneratedKustomizations.filesIn(
                Rendered.repoDir().resolve("ksql"), ".sql")) {
            String text = java.nio.file.Files.readString(script).replaceAll("--[^\\n]*", "");
            for (String statement : text.split(";")) {
                Matcher m = topic.matcher(statement);
                if (m.find() && !asSelect.matcher(statement).find()) {
                    sources++;
                    problems.check(topics.contains(m.group(1)), "ksql/" + script.getFileName() + ": KAFKA_TOPIC '"
                            + m.group(1) + "' is read but is no KafkaTopic of overlay " + overlay);
                }
            }
        }
        assertThat(sources).as("source declarations in ksql/*.sql").isGreaterThan(0);
        problems.assertNone("topics of the ksqlDB scripts (" + sources + " source declarations)");
    }

    @Test
    void theSessionJobsRunOnTheSessionClusterWithJarsTheArtifactServerHas() {
        List<Manifest> manifests = Rendered.overlay("dev-session");
        Problems problems = new Problems();
        for (Manifest job : manifests.stream().filter(m -> m.is("FlinkSessionJob")).toList()) {
            String uri = job.spec().path("job").path("jarURI").asText();
            problems.check(uri.matches("http://flink-artifacts\\.infometis\\.svc:8080/" + job.name()
                    + "-0\\.1\\.0-SNAPSHOT\\.jar"), job.problem("spec.job.jarURI", "expected the artifact server's "
                    + job.name() + " jar, got " + uri));
        }
        assertThat(services(manifests)).containsKey("flink-artifacts");
        problems.assertNone("session jobs");
    }

    // --- helpers

    static List<Manifest> jobs(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.is("FlinkSessionJob")
                || (m.is("FlinkDeployment") && m.spec().has("job"))).toList();
    }

    /** --key value pairs of a job's arguments. */
    static Map<String, String> args(Manifest m) {
        Map<String, String> out = new HashMap<>();
        List<String> args = stream(m.spec().path("job").path("args")).toList();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            out.put(args.get(i).replaceFirst("^--", ""), args.get(i + 1));
        }
        return out;
    }

    static List<String> placeholders(Manifest m) {
        return stream(m.spec().path("job").path("args")).flatMap(a -> {
            Matcher matcher = PLACEHOLDER.matcher(a);
            return matcher.results().map(r -> r.group(1));
        }).toList();
    }

    /** Services of the overlay with their ports, plus those the operators create. */
    static Map<String, Set<Integer>> services(List<Manifest> manifests) {
        Map<String, Set<Integer>> services = new HashMap<>();
        for (Manifest m : manifests) {
            switch (m.kind()) {
                case "Service" -> services.put(m.name(), m.spec().path("ports").findValuesAsText("port").stream()
                        .map(Integer::valueOf).collect(Collectors.toSet()));
                case "FlinkDeployment" -> services.put(m.name() + "-rest", Set.of(Integer.valueOf(
                        m.spec().path("flinkConfiguration").path("rest.port").asText("8081"))));
                case "Elasticsearch" -> services.put(m.name() + "-es-http", Set.of(9200));
                case "Kibana" -> services.put(m.name() + "-kb-http", Set.of(5601));
                case "Kafka" -> services.put(m.name() + "-kafka-bootstrap", m.spec().path("kafka").path("listeners")
                        .findValuesAsText("port").stream().map(Integer::valueOf).collect(Collectors.toSet()));
                default -> {
                    // creates no Service
                }
            }
        }
        return services;
    }

    private static void ref(Problems problems, Manifest m, String where, String kind, Map<String, Set<String>> known,
            JsonNode ref) {
        if (ref.isMissingNode()) {
            return;
        }
        String name = ref.path("name").asText();
        Set<String> keys = known.get(name);
        if (keys == null) {
            problems.add(m.problem(where, "no " + kind + " '" + name + "' in the overlay"));
        } else if (ref.has("key") && !keys.contains(ref.path("key").asText())) {
            problems.add(m.problem(where, kind + " '" + name + "' has no key '" + ref.path("key").asText() + "'"));
        }
    }

    private static Set<String> keys(JsonNode data) {
        Set<String> keys = new HashSet<>();
        data.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Stream<String> stream(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.stream();
    }

    private static Set<String> stream(JsonNode array, String field) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
