package io.infometis.streams.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is the operator's reference: every shared key must be in it, so it cannot drift. */
class ConfigurationDocsTest {

    @Test
    void everySharedKeyIsDocumented() throws Exception {
        Path home = Path.of(System.getProperty("infometis.home", "../.."));
        String docs = Files.readString(home.resolve("docs/configuration.md"));

        for (ConfigKey<?> key : CommonKeys.all()) {
            String name = key.name().startsWith("topic.") ? "`topic." + key.name().substring(6) + "`"
                    : "| `" + key.name() + "` |";
            assertThat(docs).as("docs/configuration.md documents %s", key.name()).contains(name);
        }
    }
}
