package io.infometis.streams.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfometisHomeTest {

    private final String original = System.getProperty(InfometisHome.PROPERTY);

    @AfterEach
    void restore() {
        if (original == null) {
            System.clearProperty(InfometisHome.PROPERTY);
        } else {
            System.setProperty(InfometisHome.PROPERTY, original);
        }
    }

    @Test
    void findsTheCheckoutFromAModuleDirectoryToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("events"));
        Path module = Files.createDirectories(dir.resolve("jobs/some-job"));

        System.setProperty(InfometisHome.PROPERTY, module.toString());

        assertThat(InfometisHome.locate()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void aPropertyOutsideAnyCheckoutFailsNamingIt(@TempDir Path dir) {
        System.setProperty(InfometisHome.PROPERTY, dir.toString());

        assertThatThrownBy(InfometisHome::locate)
                .isInstanceOf(StackException.class)
                .hasMessageContaining(InfometisHome.PROPERTY)
                .hasMessageContaining(dir.toString());
    }
}
