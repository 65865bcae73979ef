package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Which class of which shaded job jar each manifest runs, and whether the jar built by the job module
 * ({@code jobs/<module>/target/<module>-0.1.0-SNAPSHOT.jar}) has it.
 */
public final class ShadedJars {

    /** A class a manifest runs from a job jar. */
    public record ClassRef(Manifest manifest, String field, String jarName, String className) {

        String module() {
            return jarName.replaceFirst("-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.jar$", "");
        }
    }

    private static final Pattern JAR = Pattern.compile("([a-z0-9-]+-\\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)?\\.jar)");

    private ShadedJars() {}

    /** The entry classes of the Flink resources and the main classes the setup Job runs from a job jar. */
    public static List<ClassRef> references(List<Manifest> manifests) {
        List<ClassRef> refs = new ArrayList<>();
        for (Manifest m : manifests) {
            JsonNode job = m.spec().path("job");
            if ((m.is("FlinkDeployment") || m.is("FlinkSessionJob")) && job.has("jarURI")) {
                Matcher jar = JAR.matcher(job.path("jarURI").asText());
                if (jar.find()) {
                    refs.add(new ClassRef(m, "spec.job", jar.group(1), job.path("entryClass").asText()));
                }
            }
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                for (JsonNode c : pod.containers()) {
                    List<String> command = new ArrayList<>();
                    c.path("command").forEach(n -> command.add(n.asText()));
                    int cp = command.indexOf("-cp");
                    if (!command.isEmpty() && command.get(0).equals("java") && cp >= 0 && cp + 2 < command.size()) {
                        Matcher jar = JAR.matcher(command.get(cp + 1));
                        if (jar.find()) {
                            refs.add(new ClassRef(m, pod.path() + " container " + c.path("name").asText() + " command",
                                    jar.group(1), command.get(cp + 2)));
                        }
                    }
                }
            }
        }
        return refs;
    }

    /** Problems of the references against the jars under {@code repo/jobs/<module>/target}. */
    public static List<String> check(Path repo, List<ClassRef> refs) {
        List<String> problems = new ArrayList<>();
        for (ClassRef ref : refs) {
            Path jar = repo.resolve("jobs").resolve(ref.module()).resolve("target").resolve(ref.jarName());
            if (!Files.isRegularFile(jar)) {
                problems.add(ref.manifest().problem(ref.field(), repo.relativize(jar) + " is missing: build the jobs"
                        + " first (mvn -B -ntp package -pl jobs/" + ref.module() + " -am; the full reactor builds k8s"
                        + " after the jobs)"));
                continue;
            }
            String entry = ref.className().replace('.', '/') + ".class";
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(entry) == null) {
                    problems.add(ref.manifest().problem(ref.field(), repo.relativize(jar) + " has no class "
                            + ref.className()));
                }
            } catch (IOException e) {
                problems.add(ref.manifest().problem(ref.field(), repo.relativize(jar) + " is not a readable jar: " + e));
            }
        }
        return problems;
    }
}
