package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a kustomize that can render the overlays, or saying how to get one. */
class KustomizeTest {

    @Test
    void noKustomizeAtAllSaysHowToInstallOne(@TempDir Path empty) {
        assertThatThrownBy(() -> Kustomize.find(empty.toString()))
                .hasMessageContaining("Neither kustomize nor kubectl is on PATH")
                .hasMessageContaining("install kubectl 1.27 or newer")
                .hasMessageContaining("kubernetes-client package (kubectl 1.20, kustomize v2) is too old");
    }

    @Test
    void debiansOldKubectlIsRefusedWithTheReason(@TempDir Path bin) throws IOException {
        fake(bin, "kubectl", "Client Version: v1.20.5\nKustomize Version: v2.0.3\n");

        assertThatThrownBy(() -> Kustomize.find(bin.toString()))
                .hasMessageContaining("kustomize v2 found")
                .hasMessageContaining("need v5 (components, replacements)");
    }

    @Test
    void aRecentKubectlIsUsed(@TempDir Path bin) throws IOException {
        fake(bin, "kubectl", "Client Version: v1.32.4\nKustomize Version: v5.5.0\n");

        assertThat(Kustomize.find(bin.toString())).isNotNull();
    }

    @Test
    void aStandaloneKustomizeIsPreferred(@TempDir Path bin) throws IOException {
        fake(bin, "kustomize", "v5.4.3\n");
        fake(bin, "kubectl", "Client Version: v1.20.5\nKustomize Version: v2.0.3\n");

        assertThat(Kustomize.find(bin.toString())).isNotNull();
    }

    private static void fake(Path bin, String name, String versionOutput) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\nprintf '" + versionOutput.replace("\n", "\\n") + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
