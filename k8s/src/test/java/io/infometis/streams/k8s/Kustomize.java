package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an overlay with the real kustomize: {@code kubectl kustomize} (kubectl 1.21+ embeds kustomize v4/v5)
 * or a standalone {@code kustomize} binary. No kustomize is on Maven Central, so the build uses the one on the
 * machine and fails with how to get one when it is missing or too old (Debian's kubernetes-client package is
 * kubectl 1.20 with kustomize v2, which knows neither components nor replacements).
 *
 * <p>To name the file behind every resource, the overlay is rendered through a throw-away kustomization that adds
 * kustomize's own origin annotations ({@code buildMetadata: [originAnnotations]}); the annotation is read and
 * removed, so the manifests themselves stay free of it.
 */
public final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ORIGIN = "config.kubernetes.io/origin";
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    static final String INSTALL_HINT = "install kubectl 1.27 or newer (apt-get install kubectl where its"
            + " repository is configured; it is in the java-maven machine image) or put a kustomize v5 binary on"
            + " PATH; Debian's kubernetes-client package (kubectl 1.20, kustomize v2) is too old";

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    /** The kustomize of this machine, or an error saying how to install one. */
    public static Kustomize find() {
        return find(System.getenv("PATH"));
    }

    /** As {@link #find()}, searching the given PATH. */
    static Kustomize find(String path) {
        Optional<Path> kustomize = onPath("kustomize", path);
        if (kustomize.isPresent()) {
            return checked(List.of(kustomize.get().toString(), "build"), List.of(kustomize.get().toString(), "version"));
        }
        Optional<Path> kubectl = onPath("kubectl", path);
        if (kubectl.isPresent()) {
            return checked(List.of(kubectl.get().toString(), "kustomize"),
                    List.of(kubectl.get().toString(), "version", "--client"));
        }
        throw new IllegalStateException("Neither kustomize nor kubectl is on PATH: " + INSTALL_HINT);
    }

    private static Kustomize checked(List<String> render, List<String> version) {
        String output = run(version, null);
        Matcher m = Pattern.compile("(?i)kustomize[^\\n]*?" + KUSTOMIZE_VERSION.pattern()).matcher(output);
        Matcher any = KUSTOMIZE_VERSION.matcher(output);
        int major;
        if (m.find()) {
            major = Integer.parseInt(m.group(1));
        } else if (render.get(0).endsWith("kustomize") && any.find()) {
            major = Integer.parseInt(any.group(1));
        } else {
            throw new IllegalStateException("Cannot tell the kustomize version of '" + String.join(" ", version)
                    + "' (output: " + output.strip() + "): " + INSTALL_HINT);
        }
        if (major < 5) {
            throw new IllegalStateException("kustomize v" + major + " found ('" + String.join(" ", version)
                    + "'), the manifests need v5 (components, replacements): " + INSTALL_HINT);
        }
        return new Kustomize(render);
    }

    /** Renders {@code k8sRoot/overlays/<overlay>} and returns its resources, each with the file it came from. */
    public List<Manifest> render(Path k8sRoot, String overlay) {
        Path overlayDir = k8sRoot.resolve("overlays").resolve(overlay);
        if (!Files.isRegularFile(overlayDir.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException("no overlay " + overlayDir);
        }
        Path wrapper = null;
        try {
            Files.createDirectories(k8sRoot.resolve("target"));
            wrapper = Files.createTempDirectory(k8sRoot.resolve("target"), "render-" + overlay + "-");
            Path relative = wrapper.relativize(overlayDir);
            Files.writeString(wrapper.resolve("kustomization.yaml"), "resources:\n  - " + relative + "\n"
                    + "buildMetadata: [originAnnotations]\n");
            List<String> cmd = new ArrayList<>(command);
            cmd.add(wrapper.toString());
            String yaml = run(cmd, k8sRoot);
            List<Manifest> manifests = new ArrayList<>();
            try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
                for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (doc == null || doc.isNull() || doc.isEmpty()) {
                        continue;
                    }
                    ObjectNode body = (ObjectNode) doc;
                    manifests.add(new Manifest(overlay, origin(body, wrapper, k8sRoot), body));
                }
            }
            return manifests;
        } catch (IOException e) {
            throw new IllegalStateException("cannot render overlay " + overlay, e);
        } finally {
            if (wrapper != null) {
                try {
                    deleteTree(wrapper);
                } catch (IOException e) {
                    // a leftover folder under target/ is harmless
                }
            }
        }
    }

    private static String origin(ObjectNode body, Path wrapper, Path k8sRoot) throws IOException {
        JsonNode annotations = body.path("metadata").path("annotations");
        String text = annotations.path(ORIGIN).asText(null);
        if (text == null) {
            return "(unknown file)";
        }
        ((ObjectNode) annotations).remove(ORIGIN);
        if (annotations.isEmpty()) {
            ((ObjectNode) body.get("metadata")).remove("annotations");
        }
        JsonNode origin = YAML.readTree(text);
        String path = origin.path("path").asText(null);
        if (path == null) {
            String configuredIn = origin.path("configuredIn").asText("?");
            String by = origin.path("configuredBy").path("kind").asText("generator");
            return k8sRelative(wrapper, k8sRoot, configuredIn) + " (" + by + ")";
        }
        return k8sRelative(wrapper, k8sRoot, path);
    }

    private static String k8sRelative(Path wrapper, Path k8sRoot, String path) {
        // Origins are relative to the kustomization that loaded the file; the wrapper's are relative to it.
        Path absolute = wrapper.resolve(path).normalize();
        if (!absolute.startsWith(k8sRoot)) {
            // Relative to a nested kustomization: the path is still unique enough to find the file.
            return path.replaceAll("^(\\.\\./)+", "");
        }
        return k8sRoot.relativize(absolute).toString();
    }

    private static String run(List<String> cmd, Path workDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Path err = Files.createTempFile("kustomize", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + stderr.strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    private static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
